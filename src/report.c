/* report.c: [check] builds the status value tree of a checklist: the one
 * model behind status JSON, report.json and the HTML templates. */
#include <math.h>
#include <stdlib.h>

#include "model.h"
#include "report.h"
#include "value.h"
#include "xalloc.h"

struct val *
report_percent(unsigned items, unsigned checked)
{
	if (items == 0)
		return val_null();
	/* Round half up at one decimal, independent of printf's rounding. */
	return val_num(floor(1000.0 * checked / items + 0.5) / 10.0, 1);
}

static void
report_counts(struct val *o, const struct counts *c)
{
	val_set(o, "items", val_int(c->items));
	val_set(o, "checked", val_int(c->checked));
	val_set(o, "na", val_int(c->na));
	val_set(o, "percent", report_percent(c->items, c->checked));
}

/* Sections as a tree without recursion: an explicit stack of the arrays
 * being filled, since heading depth is bounded by 6 but sibling lists are
 * not. */
static void
report_sections(struct val *arr, const struct checklist *cl, int first)
{
	struct { int sec; struct val *arr; } stack[8];
	int sp = 0;

	stack[0].sec = first;
	stack[0].arr = arr;
	while (sp >= 0) {
		int i = stack[sp].sec;
		if (i < 0) {
			sp--;
			continue;
		}
		const struct section *s = &cl->sections[i];
		struct val *o = val_push(stack[sp].arr, val_obj());
		stack[sp].sec = s->next_sibling;
		val_set(o, "title", val_cstr(s->title));
		val_set(o, "level", val_int(s->level));
		val_set(o, "line", val_int(s->line));
		report_counts(o, &s->total);
		struct val *kids = val_set(o, "sections", val_arr());
		if (s->first_child >= 0 && sp + 1 < 8) {
			sp++;
			stack[sp].sec = s->first_child;
			stack[sp].arr = kids;
		}
	}
}

struct val *
report_status(const struct checklist *cl)
{
	struct val *o = val_obj(), *m, *secs, *fs;
	size_t i;

	val_set(o, "file", val_cstr(cl->file));
	val_set(o, "title", val_cstr(cl->title));
	m = val_set(o, "metadata", val_obj());
	for (i = 0; i < cl->nmeta; i++)
		val_set(m, cl->meta[i].key, val_cstr(cl->meta[i].value));
	report_counts(o, &cl->total);
	secs = val_set(o, "sections", val_arr());
	/* Top level: the sections without a parent, where the one H1 that
	 * gave the title is replaced by its subsections. */
	for (i = 0; i < cl->nsections; i++) {
		const struct section *s = &cl->sections[i];
		if (s->parent >= 0)
			continue;
		if ((int)i == cl->title_section) {
			if (s->first_child >= 0)
				report_sections(secs, cl, s->first_child);
			continue;
		}
		/* Roots have no siblings linked: this adds one subtree. */
		report_sections(secs, cl, (int)i);
	}
	fs = val_set(o, "fields", val_arr());
	for (i = 0; i < cl->nfields; i++) {
		const struct field *f = &cl->fields[i];
		struct val *fo = val_push(fs, val_obj());
		val_set(fo, "label", val_cstr(f->label));
		val_set(fo, "value", val_cstr(f->value));
		val_set(fo, "filled", val_bool(f->filled));
		val_set(fo, "line", val_int(f->line));
		val_set(fo, "column", val_int(f->col));
	}
	return o;
}
