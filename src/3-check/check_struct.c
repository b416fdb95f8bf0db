/* check_struct.c: checkers of the list structure and the encoding:
 * malformed-task, duplicate-item, empty-section, inconsistent-check,
 * na-without-reason and invalid-utf8. They read facts the parser recorded
 * and the item and section arrays; none needs a regex but the N/A reason. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "ascii.h"
#include "buf.h"
#include "model.h"
#include "rule.h"
#include "xalloc.h"

/* na-without-reason's loader hook (rule.h): the shipped reason pattern
 * when the rule gives none. */
void
check_na_regex(const struct rule *r, struct buf *b)
{
	if (r->re_src == NULL)
		buf_puts(b, check_na_reason);
}

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
		    f->text ? strlen(f->text) : 0, f->why,
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

/* An item's key for duplicate-item: where it is and its text as
 * compared, a slice of the run's key buffer. */
struct dup_key {
	int	 section, parent;
	size_t	 item;
	size_t	 off, len;
	unsigned hash;
};

/* Each byte as duplicate-item compares it: an ASCII capital as its small
 * letter, white space (isspace in the C locale: space, \t \n \v \f \r)
 * as ' ', any other byte as itself. */
#define DUP_F1(c)	((c) >= 'A' && (c) <= 'Z' ? (c) + 32 : (c) == ' ' || \
			 ((c) >= 9 && (c) <= 13) ? ' ' : (c))
#define DUP_F4(c)	DUP_F1(c), DUP_F1(c + 1), DUP_F1(c + 2), DUP_F1(c + 3)
#define DUP_F16(c)	DUP_F4(c), DUP_F4(c + 4), DUP_F4(c + 8), DUP_F4(c + 12)
#define DUP_F64(c)	DUP_F16(c), DUP_F16(c + 16), DUP_F16(c + 32), \
			DUP_F16(c + 48)
static const unsigned char dup_fold[256] = {
	DUP_F64(0), DUP_F64(64), DUP_F64(128), DUP_F64(192)
};

/*
 * dup_norm's fast path: the k (1 to 8) bytes at p, when none is below
 * 0x20 and no space follows a space (prev: the byte before was one, or
 * nothing was written yet), written at q (q <= p) with ASCII capitals
 * folded, and prev set from the last; else 0 and nothing is written.
 * Eight bytes are read at p and written at q (dup_norm pads the text).
 * On 7-bit bytes h (v & 0x7f..), h + 0x3f sets the top bit from 'A' on
 * and h + 0x25 from '[' on, with no carry out of a byte; a byte >= 0x80
 * (UTF-8) is left alone. Little-endian: byte j of the word is p[j].
 */
static int
dup_word8(const char *p, char *q, size_t k, int *prev)
{
	const uint64_t ones = 0x0101010101010101u, top = ones * 0x80;
	const uint64_t mine = ~(uint64_t)0 >> (8 * (8 - k));
	uint64_t v, h, sp, up;

	memcpy(&v, p, 8);
	if (((v - ones * 0x20) & ~v & top & mine) != 0)
		return 0;	/* a control character (white space too) */
	sp = v ^ (ones * 0x20);
	sp = ~(((sp & ~top) + ~top) | sp | ~top) & mine;	/* spaces */
	/* One test, not two branches: a space after a space in the word
	 * or, first, after the byte before. */
	if (((sp & (sp << 8)) | (sp & (0u - (uint64_t)*prev) & 0x80)) != 0)
		return 0;
	h = v & ~top;
	up = (h + ones * 0x3f) & ~(h + ones * 0x25) & ~v & top;
	v |= up >> 2;
	memcpy(q, &v, 8);
	*prev = ((sp >> (8 * k - 1)) & 1) != 0;
	return 1;
}

/* Append s's text as compared to b: ASCII case folded, runs of space as
 * one, no leading space, no trailing punctuation (dup_fold). Returns its
 * length. */
static size_t
dup_norm(struct buf *b, const char *s)
{
	static const char pad[8] = "........";
	size_t start = b->len;
	char *d, *q, *e;
	const char *p;
	int prev = 1;

	buf_put(b, s, strlen(s));
	/* Eight bytes past the end may be read and written (dup_word8). */
	buf_append(b, pad, sizeof(pad));
	b->len -= sizeof(pad);
	d = q = b->data + start;
	e = b->data + b->len;
	for (p = d; p < e;) {
		size_t k = e - p < 8 ? (size_t)(e - p) : 8;
		unsigned char c;
		int sp;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* Eight bytes at once when none is a control character and
		 * no space follows a space: most of an item. */
		if (dup_word8(p, q, k, &prev)) {
			p += k;
			q += k;
			continue;
		}
#endif
		/* Else a byte, without a branch on it (spaces come too
		 * irregularly to predict): written at q folded, and q moves
		 * on unless it is a space after a space or at the start
		 * (prev starts as 1). q never passes p, so the byte written
		 * over has been read. */
		c = dup_fold[(unsigned char)*p++];
		sp = c == ' ';
		*q = (char)c;
		q += !(sp & prev);
		prev = sp;
	}
	while (q > d && strchr(" .;:,", q[-1]) != NULL)
		q--;
	*q = '\0';
	b->len = (size_t)(q - b->data);
	return (size_t)(q - d);
}

/* A hash of the key's place, length and first and last 8 bytes: O(1)
 * per item; equal keys are then told apart by comparing them. */
static unsigned
dup_hash(const struct dup_key *k, const char *text)
{
	uint64_t h = 0, head = 0, tail = 0;
	size_t n = k->len < 8 ? k->len : 8;

	memcpy(&head, text + k->off, n);
	memcpy(&tail, text + k->off + k->len - n, n);
	h = ((uint64_t)(unsigned)k->section << 32 | (unsigned)k->parent) ^
	    k->len;
	h = (h ^ head) * 0x9e3779b97f4a7c15u;
	h = (h ^ tail) * 0x9e3779b97f4a7c15u;
	return (unsigned)(h >> 32);
}

/* Do items a and b start with the same three words (ASCII case
 * folded)? */
static int
dup_same_start(const char *a, const char *b)
{
	int words = 0;

	for (;; a++, b++) {
		char ca = *a >= 'A' && *a <= 'Z' ? *a + 32 : *a;
		char cb = *b >= 'A' && *b <= 'Z' ? *b + 32 : *b;

		if (ca != cb)
			return 0;
		if (ca == '\0' || (ca == ' ' && ++words == 3))
			return 1;
	}
}

/* Twins a < b are the same step of a procedure repeated for another
 * target when the items before them are parallel too ("Visit the Quay
 * tags page ..." for two repositories, then "Click the gear ..." after
 * each): not a duplicate. */
static int
dup_parallel(const struct checklist *cl, size_t a, size_t b)
{
	const struct item *pa, *pb;

	if (a == 0 || b == 0 || a + 1 == b)
		return 0;
	pa = &cl->items[a - 1];
	pb = &cl->items[b - 1];
	return pa->parent == cl->items[a].parent &&
	    pb->parent == cl->items[b].parent && pa->text != NULL &&
	    pb->text != NULL && dup_same_start(pa->text, pb->text);
}

/* The same text twice among the items of one group (one section, one
 * parent, one run of items between labels) that is not a repeated step:
 * each item's key goes into a hash table in item order, and an item whose
 * key is there already is a later twin of the first one with it. */
void
check_duplicate_item(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	struct dup_key *k;
	struct buf text = {0};
	size_t i, n = 0, cap, mask, *tab, bi = 0;
	char line[32];
	int group = 0;

	if (cl->nitems < 2)
		return;
	k = xcalloc(cl->nitems, sizeof(*k));
	for (cap = 4; cap < 2 * cl->nitems; cap *= 2)
		;
	mask = cap - 1;
	tab = xcalloc(cap, sizeof(*tab));	/* k index + 1; 0 is empty */
	for (i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];
		struct dup_key *x = &k[n];
		size_t h, j;

		/* A block between items, not indented into the one before
		 * ("Quay release:", a table), starts a new group. */
		while (bi < cl->nblocks && cl->blocks[bi].line < it->line) {
			const struct block *b = &cl->blocks[bi++];

			if (b->kind != BLOCK_ITEM && b->kind != BLOCK_HEADING &&
			    b->col <= it->col)
				group++;
		}
		if (it->text == NULL || it->text[0] == '\0')
			continue;
		x->section = it->section;
		x->parent = it->parent >= 0 ? it->parent : -2 - group;
		x->item = i;
		x->off = text.len;
		if ((x->len = dup_norm(&text, it->text)) == 0)
			continue;
		x->hash = dup_hash(x, text.data);
		for (h = x->hash & mask; (j = tab[h]) != 0; h = (h + 1) & mask) {
			const struct dup_key *y = &k[j - 1];

			if (y->hash == x->hash && y->section == x->section &&
			    y->parent == x->parent && y->len == x->len &&
			    memcmp(text.data + y->off, text.data + x->off,
			    x->len) == 0)
				break;
		}
		if (j == 0) {
			tab[h] = ++n;
			continue;
		}
		if (dup_parallel(cl, k[j - 1].item, i))
			continue;
		snprintf(line, sizeof(line), "%d", cl->items[k[j - 1].item].line);
		check_emit(st, r, it->line, it->col, it->line, it->col,
		    it->text, strlen(it->text), line,
		    check_title(st, it->section));
	}
	buf_free(&text);
	free(tab);
	free(k);
}

/* Headings that may stand alone: metadata ("Date: November 21, 2025",
 * "Status: READY"), a section marked optional, and a question a form
 * leaves for its reader to answer ("What happens if ...?"). */
static int
empty_exempt(const char *t)
{
	static const char *const optional[] = { "optional", "opcional",
	    "optionnel", "facultati", "\xe5\x8f\xaf\xe9\x80\x89" /* 可选 */,
	    "\xe4\xbb\xbb\xe6\x84\x8f" /* 任意 */, NULL };
	const char *colon = strchr(t, ':');
	size_t n = strlen(t);
	char low[256];

	if (colon != NULL && colon > t && colon - t <= 40 && colon[1] == ' ' &&
	    colon[2] != '\0')
		return 1;
	while (n > 0 && t[n - 1] == ' ')
		n--;
	if (n > 0 && (t[n - 1] == '?' || (n >= 3 &&
	    memcmp(t + n - 3, "\xef\xbc\x9f", 3) == 0)))	/* ？ */
		return 1;
	if (n >= sizeof(low))
		n = sizeof(low) - 1;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(t[i] >= 'A' && t[i] <= 'Z' ? t[i] + 32 : t[i]);
	low[n] = '\0';
	for (size_t i = 0; optional[i] != NULL; i++)
		if (strstr(low, optional[i]) != NULL)
			return 1;
	return 0;
}

/* A heading with no block, item or subsection under it; not metadata,
 * an optional section or an open question (empty_exempt). */
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
		    s->own.items + s->own.na > 0 || empty_exempt(s->title))
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

/* Words that give no reason: "[-] Security lead approval: skipped",
 * "[-] WAF (maybe)". */
static const char *const na_filler[] = { "skipped", "skip", "skipping",
	"n/a", "na", "n.a.", "maybe", "tbd", "tba", "todo", "none", "no",
	"not", "applicable", "later", "pending", "ignore", "ignored", "omitted",
	"x", "-", "?", "...", "nope", "tbc", NULL };

/* Does the reason in t say something: at least min words (1 at least)
 * that are not filler? The reason is what follows the first dash or
 * colon, or what is in parentheses, or the whole text after a word such
 * as "because". */
static int
na_says_something(const char *t, double min)
{
	const char *p = NULL, *q;
	char w[32];
	int words = 0;
	size_t n, k;

	if ((q = strstr(t, " - ")) != NULL)
		p = q + 3;
	if ((q = strstr(t, " \xe2\x80\x93 ")) != NULL && (p == NULL ||
	    q + 5 < p))
		p = q + 5;
	if ((q = strstr(t, " \xe2\x80\x94 ")) != NULL && (p == NULL ||
	    q + 5 < p))
		p = q + 5;
	if ((q = strchr(t, ':')) != NULL && (p == NULL || q + 1 < p))
		p = q + 1;
	if ((q = strchr(t, '(')) != NULL && (p == NULL || q + 1 < p))
		p = q + 1;
	if (p == NULL)
		p = t;	/* "because ...", "not used" in the text itself */
	while (*p != '\0') {
		p += strspn(p, " \t(),;.:!*");
		n = strcspn(p, " \t(),;:!*");
		if (n == 0)
			break;
		k = n < sizeof(w) - 1 ? n : sizeof(w) - 1;
		for (size_t i = 0; i < k; i++)
			w[i] = (char)tolower((unsigned char)p[i]);
		w[k] = '\0';
		while (k > 0 && w[k - 1] == '.')
			w[--k] = '\0';
		size_t f;
		for (f = 0; na_filler[f] != NULL; f++)
			if (strcmp(na_filler[f], w) == 0)
				break;
		if (na_filler[f] == NULL && k > 0)
			words++;
		p += n;
	}
	return words >= (min >= 1 ? (int)min : 1);
}

/* na-without-reason: an N/A item must say why, and the reason must say
 * something (the rule's min: how many words at least, 1 by default).
 * With a pattern of the rule's own, only the pattern decides. */
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
		    it->line, it->col) && (r->re_src != NULL ||
		    na_says_something(t, r->min)))
			continue;
		check_emit(st, r, it->line, it->col, it->line, it->col, t,
		    strlen(t), NULL, check_title(st, it->section));
	}
}

/* A file read as a checklist that has no task item (open, checked or
 * N/A) and no field: one finding at its title line. */
void
check_empty_checklist(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	int line = cl->title_line > 0 ? cl->title_line : 1;

	if (cl->nitems > 0 || cl->nfields > 0)
		return;
	check_emit(st, r, line, 1, line, 1, NULL, 0, NULL, cl->title);
}
