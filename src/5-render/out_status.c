/* out_status.c: [render] the status view of one checklist: text
 * (progress bars) and JSON (the pinned status object). Numbers, state and
 * sign-off come from the verdict. */
#include <string.h>

#include "buf.h"
#include "esc.h"
#include "model.h"
#include "out.h"
#include "report.h"
#include "utf8.h"
#include "value.h"
#include "verdict.h"

/* Print s in exactly width code points: cut at a character boundary with
 * an ellipsis, or padded with spaces. */
static void
out_pad_title(struct buf *b, const char *s, size_t width)
{
	size_t n = strlen(s), i = 0, cp = 0;

	while (i < n && cp < width) {
		size_t len = utf8_valid_len(s + i, n - i);
		if (cp == width - 1 && utf8_count(s + i, n - i) > 1)
			break;
		i += len ? len : 1;
		cp++;
	}
	buf_put(b, s, i);
	if (i < n) {
		buf_puts(b, "\xe2\x80\xa6");	/* … */
		cp++;
	}
	for (; cp < width; cp++)
		buf_putc(b, ' ');
}

/* status --format text: title and file, checked/items, percent and a
 * bar, sign-off, then each top-level section. */
void
out_status_text(struct buf *b, const struct checklist *cl)
{
	static const char bar[] = "####################";
	static const char dots[] = "--------------------";
	const struct counts *c = &cl->total;
	int pm = verdict_permille(c);
	struct verdict v;
	int fill = pm < 0 ? 0 : pm / 50;
	char pt[8];
	struct buf t = {0};

	/* Titles and names come from files: escaped for the terminal. */
	esc_term_start(b, cl->title, strlen(cl->title));
	buf_puts(b, " (");
	esc_term(b, cl->file, strlen(cl->file));
	buf_puts(b, ")\n");
	verdict_percent_text(pt, pm);
	if (pm < 0)
		buf_printf(b, "  no task items");
	else
		buf_printf(b, "  %u/%u checked  %6s  [%.*s%.*s]", c->checked,
		    c->items, pt, fill, bar, 20 - fill, dots);
	if (c->na)
		buf_printf(b, "  %u n/a", c->na);
	buf_putc(b, '\n');
	verdict_make(&v, cl, NULL, SEV_ERROR);
	if (v.signoff.state != SIGNOFF_NONE)
		buf_printf(b, "  sign-off: %s, %u of %u signed\n",
		    verdict_signoff_labels[v.signoff.state], v.signoff.signed_n,
		    v.signoff.required);
	verdict_free(&v);
	for (size_t i = 0; i < cl->nsections; i++) {
		const struct section *s = &cl->sections[i];
		int top = s->parent < 0 ? (int)i != cl->title_section :
		    s->parent == cl->title_section;
		if (!top || s->total.items + s->total.na == 0)
			continue;
		pm = verdict_permille(&s->total);
		fill = pm < 0 ? 0 : pm / 100;
		verdict_percent_text(pt, pm < 0 ? 0 : pm);
		buf_puts(b, "  ");
		buf_reset(&t);
		esc_term_start(&t, s->title, strlen(s->title));
		out_pad_title(b, buf_cstr(&t), 36);
		buf_printf(b, " %4u/%-4u %6s  [%.*s%.*s]\n",
		    s->total.checked, s->total.items, pt,
		    fill, bar, 10 - fill, dots);
	}
	buf_free(&t);
}

/* status --format json: one checklist's status object. */
void
out_status_json(struct buf *b, const struct checklist *cl)
{
	struct val *v = report_status(cl);

	val_json(b, v, -1);
	val_free(v);
}
