/* out_tree.c: [render] the debug backend: dumps the parsed model, one
 * line per section, item (and each inline span of its text: kind, byte
 * offsets in the text, parent span, text, a link's URL), field, table
 * cell, block kind count and fact,
 * for parse-stage golden tests and bug reports (`ticklist status --format tree`). */
#include <string.h>

#include "buf.h"
#include "esc.h"
#include "model.h"
#include "out.h"

static const char *const states[ITEM__MAX] = { "open", "done", "na" };
static const char *const facts[FACT__MAX] = {
	"malformed-box", "invalid-utf8", "directive"
};
static const char *const dirs[DIR__MAX] = {
	"disable", "enable", "disable-next-line", "disable-file",
	"waive", "waive-begin", "waive-end"
};
static const char *const span_kinds[SPAN__MAX] = {
	"code", "emph", "strong", "link"
};
static const char *const kinds[BLOCK__MAX] = {
	"heading", "item", "paragraph", "table", "field", "code"
};

static void
q(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_puts(b, "null");
	else
		esc_json(b, s, strlen(s));
}

void
out_tree(struct buf *b, const struct checklist *cl)
{
	size_t i;
	unsigned nk[BLOCK__MAX] = {0};

	buf_puts(b, "checklist ");
	q(b, cl->file);
	buf_puts(b, " title=");
	q(b, cl->title);
	buf_printf(b, " title_line=%d items=%u checked=%u na=%u\n",
	    cl->title_line, cl->total.items, cl->total.checked, cl->total.na);
	for (i = 0; i < cl->nmeta; i++) {
		buf_puts(b, "meta ");
		q(b, cl->meta[i].key);
		buf_puts(b, " = ");
		q(b, cl->meta[i].value);
		buf_putc(b, '\n');
	}
	for (i = 0; i < cl->nsections; i++) {
		const struct section *s = &cl->sections[i];
		buf_printf(b, "section #%zu h%d %d:%d-%d parent=%d content=%d "
		    "items=%u checked=%u na=%u ", i, s->level, s->line, s->col,
		    s->end_line, s->parent, s->content, s->total.items,
		    s->total.checked, s->total.na);
		q(b, s->title);
		buf_putc(b, '\n');
	}
	for (i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];
		buf_printf(b, "item #%zu %d:%d box=%d %s depth=%d parent=%d "
		    "section=%d%s ", i, it->line, it->col, it->box_col,
		    states[it->state], it->depth, it->parent, it->section,
		    it->quoted ? " quoted" : "");
		q(b, it->text);
		buf_putc(b, '\n');
		for (size_t k = 0; k < it->nspan; k++) {
			const struct span *sp = &cl->spans[it->span0 + k];
			buf_printf(b, "span #%zu.%zu %s %zu-%zu parent=%d ", i,
			    k, span_kinds[sp->kind], sp->start, sp->end,
			    sp->parent < 0 ? -1 : sp->parent - (int)it->span0);
			esc_json(b, it->text + sp->start, sp->end - sp->start);
			if (sp->url != NULL) {
				buf_puts(b, " url=");
				q(b, sp->url);
			}
			buf_putc(b, '\n');
		}
	}
	for (i = 0; i < cl->nfields; i++) {
		const struct field *f = &cl->fields[i];
		buf_printf(b, "field %d:%d %s section=%d item=%d ", f->line,
		    f->col, f->filled ? "filled" : "unfilled", f->section,
		    f->item);
		q(b, f->label);
		buf_puts(b, " = ");
		q(b, f->value);
		buf_putc(b, '\n');
	}
	for (i = 0; i < cl->nfacts; i++) {
		const struct fact *f = &cl->facts[i];
		buf_printf(b, "fact %s %d:%d-%d", facts[f->kind], f->line,
		    f->col, f->end_col);
		if (f->kind == FACT_DIRECTIVE)
			buf_printf(b, " %s", dirs[f->dir]);
		buf_putc(b, ' ');
		q(b, f->text);
		if (f->why != NULL)
			buf_printf(b, "%s", f->why);
		buf_putc(b, '\n');
	}
	for (i = 0; i < cl->ntables; i++) {
		const struct table *t = &cl->tables[i];
		buf_printf(b, "table #%zu %d:%d-%d section=%d cols=%d rows=%d "
		    "align=", i, t->line, t->col, t->end_line, t->section,
		    t->ncols, t->nrows);
		for (int c = 0; c < t->ncols; c++)
			buf_putc(b, t->align[c] ? t->align[c] : '-');
		buf_putc(b, '\n');
		for (int r = 0; r <= t->nrows; r++)
			for (int c = 0; c < t->ncols; c++) {
				const struct table_cell *tc =
				    &t->cells[(size_t)r * (size_t)t->ncols +
				    (size_t)c];
				buf_printf(b, "cell %d.%d %d:%d ", r, c,
				    tc->line, tc->col);
				q(b, tc->text);
				buf_putc(b, '\n');
			}
	}
	for (i = 0; i < cl->nblocks; i++)
		nk[cl->blocks[i].kind]++;
	buf_puts(b, "blocks");
	for (i = 0; i < BLOCK__MAX; i++)
		buf_printf(b, " %s=%u", kinds[i], nk[i]);
	buf_putc(b, '\n');
}
