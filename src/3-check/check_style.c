/* check_style.c: checkers of how the Markdown is spelt rather than what
 * it says: box-style ('[X]' where the project writes '[x]'). Their
 * findings are certain to fix, and fix.c fixes them. */
#include <stddef.h>

#include "model.h"
#include "rule.h"

/* Every checked item whose box is written '[X]'. */
void
check_box_style(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;

	for (size_t i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];

		if (it->state != ITEM_DONE || it->mark != 'X')
			continue;
		check_emit(st, r, it->line, it->box_col, it->line,
		    it->box_col + 2, "[X]", 3, NULL,
		    check_title(st, it->section));
	}
}
