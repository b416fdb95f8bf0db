/* check_struct.c: checkers of the list structure and the encoding:
 * malformed-task, duplicate-item, empty-section, inconsistent-check,
 * na-without-reason and invalid-utf8. They read facts the parser recorded
 * and the item and section arrays; none needs a regex but the N/A reason. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "rule.h"
#include "xalloc.h"

/* An N/A item says why after a dash or colon, in parentheses, or with
 * words such as "because" or "not used". */
const char check_na_reason[] =
    "(?i)\\s[-\\x{2013}\\x{2014}:]\\s*\\S|:\\s*\\S|\\(.+\\)"
    "|\\b(?:because|since|due to|handled|covered|replaced|instead"
    "|not (?:used|needed|applicable|required|relevant|in scope))\\b";

void
check_malformed_task(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;

	for (size_t i = 0; i < cl->nfacts; i++) {
		const struct fact *f = &cl->facts[i];

		if (f->kind != FACT_MALFORMED_BOX)
			continue;
		check_emit(st, r, f->line, f->col, f->line,
		    f->end_col > f->col ? f->end_col : f->col, f->text,
		    f->text ? strlen(f->text) : 0, NULL,
		    check_title(st, f->section));
	}
}

void
check_invalid_utf8(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;

	for (size_t i = 0; i < cl->nfacts; i++) {
		const struct fact *f = &cl->facts[i];

		if (f->kind == FACT_INVALID_UTF8)
			check_emit(st, r, f->line, f->col, f->line,
			    f->end_col > f->col ? f->end_col : f->col, NULL, 0,
			    NULL, check_title(st, f->section));
	}
}

struct dup_key {
	int	 section, parent;
	size_t	 item;
	char	*key;
};

static int
dup_cmp(const void *a, const void *b)
{
	const struct dup_key *x = a, *y = b;
	int c;

	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return x->item < y->item ? -1 : x->item > y->item;
}

/* Item text as compared: ASCII case folded, runs of space as one, no
 * trailing punctuation. */
static char *
dup_norm(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *p = out;

	for (; *s != '\0'; s++) {
		if (isspace((unsigned char)*s)) {
			if (p > out && p[-1] != ' ')
				*p++ = ' ';
			continue;
		}
		*p++ = (char)tolower((unsigned char)*s);
	}
	while (p > out && strchr(" .;:,", p[-1]) != NULL)
		p--;
	*p = '\0';
	return out;
}

/* The same text twice among the items of one section under one parent:
 * sort (section, parent, text) keys and report every later twin. */
void
check_duplicate_item(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	struct dup_key *k;
	size_t i, n = 0;
	char line[32];

	if (cl->nitems < 2)
		return;
	k = xcalloc(cl->nitems, sizeof(*k));
	for (i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];

		if (it->text == NULL || it->text[0] == '\0')
			continue;
		k[n].section = it->section;
		k[n].parent = it->parent;
		k[n].item = i;
		k[n].key = dup_norm(it->text);
		if (k[n].key[0] == '\0') {
			free(k[n].key);
			continue;
		}
		n++;
	}
	qsort(k, n, sizeof(*k), dup_cmp);
	for (i = 1; i < n; i++) {
		size_t f = i;
		const struct item *it;

		while (f > 0 && k[f - 1].section == k[i].section &&
		    k[f - 1].parent == k[i].parent &&
		    strcmp(k[f - 1].key, k[i].key) == 0)
			f--;
		if (f == i)
			continue;
		it = &cl->items[k[i].item];
		snprintf(line, sizeof(line), "%d", cl->items[k[f].item].line);
		check_emit(st, r, it->line, it->col, it->line, it->col,
		    it->text, strlen(it->text), line,
		    check_title(st, it->section));
	}
	for (i = 0; i < n; i++)
		free(k[i].key);
	free(k);
}

/* A heading with no block, item or subsection under it. */
void
check_empty_section(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	unsigned char *has;
	size_t i;

	if (cl->nsections == 0)
		return;
	has = xcalloc(cl->nsections, 1);
	for (i = 0; i < cl->nblocks; i++) {
		const struct block *b = &cl->blocks[i];

		if (b->kind != BLOCK_HEADING && b->section >= 0 &&
		    (size_t)b->section < cl->nsections)
			has[b->section] = 1;
	}
	for (i = 0; i < cl->nitems; i++)
		if (cl->items[i].section >= 0)
			has[cl->items[i].section] = 1;
	for (i = 0; i < cl->nsections; i++) {
		const struct section *s = &cl->sections[i];

		if (has[i] || s->first_child >= 0 || s->content > 0 ||
		    s->own.items + s->own.na > 0)
			continue;
		check_emit(st, r, s->line, s->col, s->line, s->col, s->title,
		    strlen(s->title), NULL, s->title);
	}
	free(has);
}

/* A checked item with an open direct child, reported once at the item. */
void
check_inconsistent_check(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	unsigned char *done;

	if (cl->nitems == 0)
		return;
	done = xcalloc(cl->nitems, 1);
	for (size_t i = 0; i < cl->nitems; i++) {
		const struct item *c = &cl->items[i], *p;

		if (c->state != ITEM_OPEN || c->parent < 0 ||
		    (size_t)c->parent >= cl->nitems || done[c->parent])
			continue;
		p = &cl->items[c->parent];
		if (p->state != ITEM_DONE)
			continue;
		done[c->parent] = 1;
		check_emit(st, r, p->line, p->col, p->line, p->col, p->text,
		    strlen(p->text), NULL, check_title(st, p->section));
	}
	free(done);
}

void
check_na_reason_fn(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;

	for (size_t i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];
		const char *t = it->text ? it->text : "";

		if (it->state != ITEM_NA || !check_in_section(st, r, it->section))
			continue;
		if (r->re != NULL && check_matches(st, r, r->re, t, strlen(t),
		    it->line, it->col))
			continue;
		check_emit(st, r, it->line, it->col, it->line, it->col, t,
		    strlen(t), NULL, check_title(st, it->section));
	}
}
