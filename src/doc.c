/* doc.c: [parse] turns one Markdown checklist into the model of model.h.
 * The only cmark.h user: cmark parses with CMARK_OPT_SOURCEPOS and one
 * cmark_iter walk fills sections, task items, fields, text blocks and
 * facts. Task boxes are recognised here on the source bytes, as GitHub's
 * task-list extension does, so code blocks and HTML can never hold one. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "buf.h"
#include "cmem.h"
#include "doc.h"
#include "esc.h"
#include "frontmatter.h"
#include "model.h"
#include "utf8.h"
#include "xalloc.h"

/* Capacity slots in checklist.cap_[]. */
enum { CAP_SEC, CAP_ITEM, CAP_FIELD, CAP_BLOCK, CAP_SEG, CAP_FACT, CAP_LINE };

/* A strong span in the flattened text of the current paragraph. Spans
 * are in start order and nest (cmark's tree), each knowing the span it is
 * inside, so lookups need not scan them all. */
struct span {
	size_t	start, end;
	size_t	parent;		/* enclosing span or (size_t)-1 */
};

/* One list item open on the walk: the task item it is, or -1. */
struct open_item {
	int	task;
};

/* Everything the walk needs besides the checklist; reused per paragraph. */
struct walker {
	struct checklist *cl;
	int		  line_off;	/* lines before the cmark input */
	int		  section;	/* current section or -1 */
	int		 *secstack;	/* open sections, increasing levels */
	size_t		  nsecstack, capsecstack;
	int		 *lastkid;	/* last child of each open section
					   or -1, so appending is O(1) */
	size_t		  caplastkid;
	struct open_item *items;	/* open cmark list items */
	size_t		  nitems, capitems;
	int		  quote;	/* blockquote depth */
	struct buf	  text;		/* flattened text of the block */
	struct span	 *spans;	/* strong spans in text */
	size_t		  nspans, capspans;
	size_t		  open_span;	/* innermost open span or -1 */
	size_t		  seg0;		/* first seg of the block */
	unsigned char	 *tentative;	/* per field: kept only if its
					   section has other fields */
	size_t		  captentative;
	size_t		  sec_field0;	/* first field of this section */
	int		  nh1;		/* level-1 headings seen */
	int		  first_h1;
	int		  col_line;	/* doc_col: where it counted to */
	size_t		  col_i, col_cp;
};

/* ---- line map and positions ---- */

/* Build the line map (LF, CRLF and CR end a line, as in cmark) and note
 * each run of invalid UTF-8 as a fact. A fact's column is counted on from
 * the previous run of the line (pos, cp), not from the line's start. */
static void
doc_scan_lines(struct checklist *cl)
{
	const char *s = cl->src;
	size_t n = cl->srclen, i = 0, cap = cl->cap_[CAP_LINE];
	size_t pos = 0, cp = 0;

	cl->lines = xgrow(cl->lines, &cap, 1, sizeof(*cl->lines));
	cl->lines[cl->nlines++] = 0;
	while (i < n) {
		/* Most text is ASCII between line ends: skip it 8 bytes at a
		 * time (a word with no high bit and no CR or LF byte). */
		while (n - i >= 8) {
			const uint64_t lo = 0x0101010101010101u, hi = lo << 7;
			uint64_t v, lf, cr;

			memcpy(&v, s + i, 8);
			lf = v ^ (lo * '\n');
			cr = v ^ (lo * '\r');
			if ((v | ((lf - lo) & ~lf) | ((cr - lo) & ~cr)) & hi)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			size_t len = utf8_valid_len(s + i, n - i);
			if (len) {
				i += len;
				continue;
			}
			size_t j = i + 1;
			while (j < n && (unsigned char)s[j] >= 0x80 &&
			    utf8_valid_len(s + j, n - j) == 0)
				j++;
			struct fact *f;
			size_t fcap = cl->cap_[CAP_FACT];
			cl->facts = xgrow(cl->facts, &fcap, cl->nfacts + 1,
			    sizeof(*cl->facts));
			cl->cap_[CAP_FACT] = fcap;
			f = &cl->facts[cl->nfacts++];
			memset(f, 0, sizeof(*f));
			f->kind = FACT_INVALID_UTF8;
			f->line = (int)cl->nlines;
			if (pos < cl->lines[cl->nlines - 1]) {
				pos = cl->lines[cl->nlines - 1];
				cp = 0;
			}
			cp += utf8_count(s + pos, i - pos);
			f->col = (int)cp + 1;
			cp += j - i;
			pos = j;
			f->end_col = f->col + (int)(j - i) - 1;
			f->section = -1;
			f->text = arena_strndup(&cl->arena, s + i, j - i);
			i = j;
			continue;
		}
		i++;
		if (c == '\r' && i < n && s[i] == '\n')
			i++;
		if (c == '\n' || c == '\r') {
			cl->lines = xgrow(cl->lines, &cap, cl->nlines + 1,
			    sizeof(*cl->lines));
			cl->lines[cl->nlines++] = i;
		}
	}
	cl->cap_[CAP_LINE] = cap;
}

/* Pointer to the byte at line:bcol (both from 1), clamped to the line. */
static const char *
doc_at(const struct checklist *cl, int line, int bcol, size_t *left)
{
	size_t start, end;

	if (line < 1 || (size_t)line > cl->nlines) {
		*left = 0;
		return cl->src + cl->srclen;
	}
	start = cl->lines[line - 1];
	end = (size_t)line < cl->nlines ? cl->lines[line] : cl->srclen;
	while (end > start && (cl->src[end - 1] == '\n' ||
	    cl->src[end - 1] == '\r'))
		end--;
	if (bcol > 1)
		start += (size_t)(bcol - 1) < end - start ?
		    (size_t)(bcol - 1) : end - start;
	*left = end - start;
	return cl->src + start;
}

int
checklist_col(const struct checklist *cl, int line, int bcol)
{
	size_t left;
	const char *ls;

	if (cl->src == NULL || line < 1 || (size_t)line > cl->nlines)
		return bcol > 0 ? bcol : 1;
	ls = doc_at(cl, line, 1, &left);
	if (bcol < 1)
		return 1;
	if ((size_t)(bcol - 1) > left)
		return (int)utf8_count(ls, left) + 1 + (bcol - 1 - (int)left);
	return (int)utf8_count(ls, (size_t)(bcol - 1)) + 1;
}

void
checklist_block_pos(const struct checklist *cl, const struct block *b,
    size_t off, int *line, int *col)
{
	const struct seg *s = NULL;
	size_t lo = 0, hi = b->nseg;

	/* The last seg at or before off (segs are in text order). */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cl->segs[b->seg0 + mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0) {
		*line = b->line;
		*col = b->col;
		return;
	}
	s = &cl->segs[b->seg0 + lo - 1];
	*line = s->line;
	*col = checklist_col(cl, s->line, s->bcol + (int)(off - s->off));
}

/* checklist_col for the walk. Fields along one long line come in column
 * order, so counting on from the previous position on the same line makes
 * a line of n fields O(line) in all rather than O(line) each. The result
 * is the same as checklist_col's: a position is remembered only where no
 * UTF-8 sequence straddles it. */
static int
doc_col(struct walker *w, int line, int bcol)
{
	size_t left, i = 0, cp = 0, n;
	const char *ls;

	if (w->cl->src == NULL || line < 1 || (size_t)line > w->cl->nlines ||
	    bcol < 1)
		return checklist_col(w->cl, line, bcol);
	ls = doc_at(w->cl, line, 1, &left);
	n = (size_t)(bcol - 1);
	if (n > left)
		return checklist_col(w->cl, line, bcol);
	if (line == w->col_line && w->col_i <= n) {
		i = w->col_i;
		cp = w->col_cp;
	}
	while (i < n) {
		size_t len = utf8_valid_len(ls + i, n - i);
		i += len ? len : 1;
		cp++;
	}
	if (n == left || ((unsigned char)ls[n] & 0xc0) != 0x80) {
		w->col_line = line;
		w->col_i = n;
		w->col_cp = cp;
	}
	return (int)cp + 1;
}

/* checklist_block_pos for the walk, with the byte column too. */
static void
doc_block_pos(struct walker *w, const struct block *b, size_t off,
    int *line, int *bcol, int *col)
{
	const struct checklist *cl = w->cl;
	size_t lo = 0, hi = b->nseg, left;
	const struct seg *s;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cl->segs[b->seg0 + mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0) {
		/* Before any text: the block's own column. */
		const char *ls = doc_at(cl, b->line, 1, &left);
		*line = b->line;
		*col = b->col;
		for (*bcol = 1; *bcol <= (int)left && (int)utf8_count(ls,
		    (size_t)*bcol - 1) + 1 < b->col; (*bcol)++)
			;
		return;
	}
	s = &cl->segs[b->seg0 + lo - 1];
	*line = s->line;
	*bcol = s->bcol + (int)(off - s->off);
	*col = doc_col(w, *line, *bcol);
}

double
counts_percent(const struct counts *c)
{
	if (c->items == 0)
		return -1;
	return 100.0 * c->checked / c->items;
}

/* ---- building the model ---- */

static struct fact *
doc_fact(struct checklist *cl, enum fact_kind k, int line, int col)
{
	struct fact *f;

	cl->facts = xgrow(cl->facts, &cl->cap_[CAP_FACT], cl->nfacts + 1,
	    sizeof(*cl->facts));
	f = &cl->facts[cl->nfacts++];
	memset(f, 0, sizeof(*f));
	f->kind = k;
	f->line = line;
	f->col = col;
	f->end_col = col;
	f->section = -1;
	return f;
}

static void
doc_seg(struct walker *w, size_t off, int line, int bcol)
{
	struct checklist *cl = w->cl;

	cl->segs = xgrow(cl->segs, &cl->cap_[CAP_SEG], cl->nsegs + 1,
	    sizeof(*cl->segs));
	cl->segs[cl->nsegs].off = off;
	cl->segs[cl->nsegs].line = line + w->line_off;
	cl->segs[cl->nsegs].bcol = bcol;
	cl->nsegs++;
}

static int
node_line(struct walker *w, cmark_node *n)
{
	return cmark_node_get_start_line(n) + w->line_off;
}

/* memmem is not in C11 or POSIX 2008. */
static const char *
find_str(const char *h, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (; n >= k; h++, n--)
		if (*h == *needle && memcmp(h, needle, k) == 0)
			return h;
	return NULL;
}

/* Record a `<!-- ticklist-... -->` comment found in HTML text s that starts
 * at line:bcol; several comments in one block each count. */
static void
doc_directives(struct walker *w, const char *s, size_t n, int line)
{
	static const struct { const char *word; enum directive d; } dirs[] = {
		/* Longest first: "disable" is a prefix of the others. */
		{ "ticklist-disable-next-line", DIR_DISABLE_NEXT_LINE },
		{ "ticklist-disable-file", DIR_DISABLE_FILE },
		{ "ticklist-disable", DIR_DISABLE },
		{ "ticklist-enable", DIR_ENABLE },
		{ "ticklist-waive-begin", DIR_WAIVE_BEGIN },
		{ "ticklist-waive-end", DIR_WAIVE_END },
		{ "ticklist-waive", DIR_WAIVE },
	};
	const char *p = s, *end = s + n, *counted = s;
	int l = line;

	while ((p = find_str(p, (size_t)(end - p), "<!--")) != NULL) {
		const char *q = p + 4, *close;

		/* Lines counted on from the previous comment, not from s. */
		for (; counted < p; counted++)
			l += *counted == '\n';
		close = find_str(q, (size_t)(end - q), "-->");
		if (close == NULL)
			break;
		while (q < close && isspace((unsigned char)*q))
			q++;
		for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
			size_t wl = strlen(dirs[i].word);
			if ((size_t)(close - q) < wl ||
			    memcmp(q, dirs[i].word, wl) != 0)
				continue;
			const char *ids = q + wl;
			if (ids < close && !isspace((unsigned char)*ids))
				break;	/* e.g. ticklist-disabled: not ours */
			const char *ie = close;
			while (ids < ie && isspace((unsigned char)*ids))
				ids++;
			while (ie > ids && isspace((unsigned char)ie[-1]))
				ie--;
			struct fact *f = doc_fact(w->cl, FACT_DIRECTIVE, l, 1);
			f->dir = dirs[i].d;
			f->section = w->section;
			f->text = arena_strndup(&w->cl->arena, ids,
			    (size_t)(ie - ids));
			break;
		}
		p = close + 3;
	}
}

/* cmark 0.30 gives inline nodes on a paragraph's continuation lines a
 * column that ignores the line's extra indentation. Where the source at
 * the given column does not hold the node's text, look for it a little
 * further on the same line. */
static int
doc_fix_col(const struct walker *w, int line, int bcol, const char *lit)
{
	size_t left, k = strlen(lit), i;
	const char *p = doc_at(w->cl, line + w->line_off, bcol, &left);

	if (k > 8)
		k = 8;
	if (k == 0 || (left >= k && memcmp(p, lit, k) == 0))
		return bcol;
	for (i = 1; i + k <= left && i <= 64; i++)
		if (memcmp(p + i, lit, k) == 0)
			return bcol + (int)i;
	return bcol;
}

/* Flatten the inlines of a paragraph or heading into w->text with a seg at
 * each source node, and strong spans for field labels. Iterative: cmark's
 * own iterator walks the inline tree, so nesting depth costs no stack. */
static void
doc_flatten(struct walker *w, cmark_node *block)
{
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;

	buf_reset(&w->text);
	w->nspans = 0;
	w->open_span = (size_t)-1;
	w->seg0 = w->cl->nsegs;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit;

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
			lit = cmark_node_get_literal(n);
			if (lit == NULL)
				break;
			doc_seg(w, w->text.len, cmark_node_get_start_line(n),
			    doc_fix_col(w, cmark_node_get_start_line(n),
			    cmark_node_get_start_column(n), lit));
			buf_puts(&w->text, lit);
			if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE)
				doc_directives(w, lit, strlen(lit),
				    node_line(w, n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(&w->text, '\n');
			break;
		case CMARK_NODE_STRONG:
			if (ev == CMARK_EVENT_ENTER) {
				w->spans = xgrow(w->spans, &w->capspans,
				    w->nspans + 1, sizeof(*w->spans));
				w->spans[w->nspans].start = w->text.len;
				w->spans[w->nspans].end = (size_t)-1;
				w->spans[w->nspans].parent = w->open_span;
				w->open_span = w->nspans++;
			} else if (w->open_span != (size_t)-1) {
				w->spans[w->open_span].end = w->text.len;
				w->open_span = w->spans[w->open_span].parent;
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* Add a block from w->text[skip..] with the segs recorded since w->seg0. */
static int
doc_block(struct walker *w, enum block_kind k, cmark_node *n, size_t skip,
    int item)
{
	struct checklist *cl = w->cl;
	struct block *b;
	size_t i;

	cl->blocks = xgrow(cl->blocks, &cl->cap_[CAP_BLOCK], cl->nblocks + 1,
	    sizeof(*cl->blocks));
	b = &cl->blocks[cl->nblocks];
	b->kind = k;
	b->len = w->text.len - skip;
	b->text = arena_strndup(&cl->arena, buf_cstr(&w->text) + skip, b->len);
	b->line = node_line(w, n);
	b->col = checklist_col(cl, b->line, cmark_node_get_start_column(n));
	b->section = w->section;
	b->item = item;
	/* Rebase the segs on the skipped prefix. */
	for (i = w->seg0; i < cl->nsegs; i++) {
		struct seg *s = &cl->segs[i];
		if (s->off >= skip)
			s->off -= skip;
		else {
			s->bcol += (int)(skip - s->off);
			s->off = 0;
		}
	}
	b->seg0 = w->seg0;
	b->nseg = cl->nsegs - w->seg0;
	return (int)cl->nblocks++;
}

/* ---- task boxes ---- */

/* The box at the start of an item's first paragraph, as GitHub decides:
 * '[', one of space, tab, x, X (and our - and ~ for N/A), ']', then
 * whitespace or the end of the line. Returns the mark or 0. */
static int
doc_box(const char *p, size_t left)
{
	if (left < 3 || p[0] != '[' || p[2] != ']')
		return 0;
	if (left > 3 && p[3] != ' ' && p[3] != '\t')
		return 0;
	switch (p[1]) {
	case ' ': case '\t': case 'x': case 'X': case '-': case '~':
		return p[1] == '\t' ? ' ' : p[1];
	default:
		return 0;
	}
}

/* A box-like prefix that is not a box: [], [  ], [ x], [xx], [x]text,
 * [✓]. Returns its length or 0. */
static size_t
doc_badbox(const char *p, size_t left)
{
	size_t i;
	int marks = 0;

	if (left < 2 || p[0] != '[')
		return 0;
	for (i = 1; i < left && i <= 6 && p[i] != ']'; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == ' ' || c == 'x' || c == 'X')
			marks++;
		else if (c == 0xe2 && i + 2 < left && (unsigned char)p[i + 1]
		    == 0x9c && ((unsigned char)p[i + 2] == 0x93 ||
		    (unsigned char)p[i + 2] == 0x94)) {
			marks++;	/* ✓ ✔ */
			i += 2;
		} else
			return 0;
	}
	if (i >= left || p[i] != ']')
		return 0;
	if (doc_box(p, left))
		return 0;
	(void)marks;
	return i + 1;
}

static void
doc_malformed(struct walker *w, int line, int bcol, const char *p, size_t n)
{
	struct fact *f;

	f = doc_fact(w->cl, FACT_MALFORMED_BOX, line,
	    checklist_col(w->cl, line, bcol));
	f->end_col = f->col + (int)utf8_count(p, n) - 1;
	f->section = w->section;
	f->text = arena_strndup(&w->cl->arena, p, n);
}

/* Look for malformed boxes on the source lines of a paragraph: a box-like
 * prefix on its first line when it opens a list item, and `-[ ]`, `* [x]`
 * glued or bare `[ ] text` at the start of any line. */
static void
doc_scan_badboxes(struct walker *w, cmark_node *para, int first_in_item)
{
	int l0 = cmark_node_get_start_line(para) + w->line_off;
	int l1 = cmark_node_get_end_line(para) + w->line_off;
	int c0 = cmark_node_get_start_column(para);

	for (int l = l0; l <= l1; l++) {
		size_t left, bad;
		const char *ls = doc_at(w->cl, l, 1, &left);
		const char *p = l == l0 ? doc_at(w->cl, l, c0, &left) : ls;

		if (l != l0)
			while (left && (*p == ' ' || *p == '\t' || *p == '>')) {
				p++;
				left--;
			}
		if (l == l0 && first_in_item) {
			if ((bad = doc_badbox(p, left)) != 0)
				doc_malformed(w, l, (int)(p - ls) + 1, p, bad);
			continue;
		}
		if (left > 1 && (*p == '-' || *p == '*' || *p == '+') &&
		    (doc_box(p + 1, left - 1) || doc_badbox(p + 1, left - 1))) {
			size_t len = 1 + (doc_box(p + 1, left - 1) ? 3 :
			    doc_badbox(p + 1, left - 1));
			doc_malformed(w, l, (int)(p - ls) + 1, p, len);
		} else if (doc_box(p, left) && left > 3) {
			doc_malformed(w, l, (int)(p - ls) + 1, p, 3);
		} else if ((bad = doc_badbox(p, left)) != 0 && l == l0) {
			doc_malformed(w, l, (int)(p - ls) + 1, p, bad);
		}
	}
}

/* ---- fields ---- */

static int
is_blank_char(char c)
{
	return c == '_' || c == ' ' || c == '\t';
}

/* Length of a blank (three or more underscores, spaces between allowed)
 * at p, or 0. */
static size_t
blank_run(const char *p, const char *end)
{
	const char *q = p;
	size_t unders = 0;

	while (q < end && is_blank_char(*q)) {
		unders += *q == '_';
		q++;
	}
	while (q > p && q[-1] != '_')
		q--;
	return unders >= 3 ? (size_t)(q - p) : 0;
}

/* Is the value text unfilled: empty, blanks, or only placeholders such as
 * [Name], <name>, TBD, TODO, "...", with separators between them? */
static int
value_unfilled(const char *p, const char *end)
{
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c == '_' || isspace(c) || c == '-' || c == '/' ||
		    c == ',' || c == '(' || c == ')' || c == '.' || c == '|') {
			p++;
		} else if (c == '[' || c == '<') {
			const char *q = memchr(p, c == '[' ? ']' : '>',
			    (size_t)(end - p));
			if (q == NULL)
				return 0;
			p = q + 1;
		} else if ((end - p >= 3 && strncmp(p, "TBD", 3) == 0) ||
		    (end - p >= 3 && strncmp(p, "TBA", 3) == 0)) {
			p += 3;
		} else if (end - p >= 4 && strncmp(p, "TODO", 4) == 0) {
			p += 4;
		} else if (c == 0xe2 && end - p >= 3 &&
		    (unsigned char)p[1] == 0x80 && ((unsigned char)p[2] == 0x94
		    || (unsigned char)p[2] == 0x93 || (unsigned char)p[2] ==
		    0xa6)) {
			p += 3;		/* dashes and ellipsis */
		} else
			return 0;
	}
	return 1;
}

/* Does a strong span cover [a, b) (ignoring surrounding spaces)? */
static int
in_strong(const struct walker *w, size_t a, size_t b)
{
	size_t lo = 0, hi = w->nspans, i;

	/* Any span covering [a, b) encloses the last one starting at or
	 * before a, or is that one: walk up from it. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w->spans[mid].start <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo - 1; lo > 0 && i != (size_t)-1; i = w->spans[i].parent)
		if (w->spans[i].end >= b && w->spans[i].end != (size_t)-1)
			return 1;
	return 0;
}

/* A label is a short phrase: 1-6 words, at most 48 bytes, starting with a
 * letter or digit, no sentence punctuation. */
static int
label_ok(const char *p, size_t n)
{
	int words = 1;

	if (n == 0 || n > 48 || !(isalnum((unsigned char)*p) ||
	    (unsigned char)*p >= 0x80))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == ' ')
			words++;
		if (c == ' ' && i + 2 < n && (p[i + 1] == '-' ||
		    (unsigned char)p[i + 1] == 0xe2) )
			return 0;	/* "Lead - Dana Smith": not one label */
		if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' ||
		    c == '`' || c == '=' || c == '"' || c == '[' || c == '<' ||
		    c == '|')
			return 0;
	}
	if (words == 1) {
		/* Admonitions are prose, not slots to fill. */
		static const char *const prose[] = { "Note", "Notes",
		    "Remember", "Tip", "Warning", "Important", "Caution",
		    "Example", "Info", "NB", "Hint", "Reminder" };
		for (size_t i = 0; i < sizeof(prose) / sizeof(prose[0]); i++)
			if (strlen(prose[i]) == n &&
			    strncasecmp(p, prose[i], n) == 0)
				return 0;
	}
	return words <= 6;
}

struct cand {
	size_t	lab, labn;	/* label in w->text */
	size_t	val, valn;	/* value in w->text */
	int	strong;
};

static void
doc_field(struct walker *w, const struct block *b, size_t base,
    const struct cand *c, int item, unsigned char *accept_section)
{
	struct checklist *cl = w->cl;
	const char *t = buf_cstr(&w->text);
	struct field *f;
	int unfilled, bc;

	if (c->valn == 0)
		return;	/* "Steps:" introducing a list is no field */
	unfilled = value_unfilled(t + c->val, t + c->val + c->valn);
	if (!c->strong && !unfilled) {
		/* A plain "Label: value" is a field only beside other fields
		 * in its section and with a short value, not a sentence with
		 * a colon: tentative until the section ends. */
		int words = 1;
		for (size_t i = 0; i < c->valn; i++)
			words += t[c->val + i] == ' ';
		if (words > 4)
			return;
	} else
		*accept_section = 1;
	w->tentative = xgrow(w->tentative, &w->captentative, cl->nfields + 1,
	    sizeof(*w->tentative));
	w->tentative[cl->nfields] = !c->strong && !unfilled;
	cl->fields = xgrow(cl->fields, &cl->cap_[CAP_FIELD], cl->nfields + 1,
	    sizeof(*cl->fields));
	f = &cl->fields[cl->nfields++];
	f->label = arena_strndup(&cl->arena, t + c->lab, c->labn);
	f->filled = !unfilled;
	f->value = c->valn && blank_run(t + c->val, t + c->val + c->valn) !=
	    c->valn ? arena_strndup(&cl->arena, t + c->val, c->valn) : NULL;
	if (f->value && !f->filled && c->valn == 0)
		f->value = NULL;
	doc_block_pos(w, b, c->lab - base, &f->line, &bc, &f->col);
	if (c->strong && f->col > 2) {
		/* Point at the opening ** or __ of a strong label. */
		size_t left;
		const char *ls = doc_at(cl, f->line, 1, &left);
		if (bc > (int)left + 1)
			bc = (int)left + 1;
		if (bc > 2 && (memcmp(ls + bc - 3, "**", 2) == 0 ||
		    memcmp(ls + bc - 3, "__", 2) == 0))
			f->col -= 2;
	}
	f->section = w->section;
	f->item = item;
}

static void
trim(const char *t, size_t *a, size_t *b)
{
	while (*a < *b && (isspace((unsigned char)t[*a]) || t[*a] == '*'))
		(*a)++;
	while (*b > *a && (isspace((unsigned char)t[*b - 1]) ||
	    t[*b - 1] == '*'))
		(*b)--;
}

/* Where a written value is followed on its line by another one-word
 * label ("Ann Date: 2024-02-30"): the offset of that label, else 0. The
 * label is a capitalised word of 2-12 letters after a space, then ':' and
 * a space or the end of the line. */
static size_t
next_label(const char *t, size_t va, size_t le)
{
	for (size_t k = va + 1; k < le; k++) {
		size_t ws;
		if (t[k] != ':' || !(k + 1 == le || t[k + 1] == ' '))
			continue;
		ws = k;
		while (ws > va && isalpha((unsigned char)t[ws - 1]))
			ws--;
		if (ws > va && t[ws - 1] == ' ' && k - ws >= 2 && k - ws <= 12
		    && isupper((unsigned char)t[ws]))
			return ws;
	}
	return 0;
}

/*
 * Find "label: value" slots on each line of the block text (w->text from
 * base): "Approved By: ____", "Engineering Lead: ____ Date: ____",
 * "On-Call: ____ (Phone: ____)", and the signer slot of "**Security
 * Team** - ____". After a blank the next label may follow on the same line;
 * after a written value the rest of the line is that value.
 */
static void
doc_fields(struct walker *w, int blockidx, size_t base, int item,
    unsigned char *accept_section)
{
	const char *t = buf_cstr(&w->text);
	size_t end = w->text.len, ls = base, sk = 0;
	const struct block *b = &w->cl->blocks[blockidx];

	while (ls < end) {
		size_t le = ls, pos;
		struct cand c;

		while (le < end && t[le] != '\n')
			le++;
		pos = ls;
		/* Signer slot: a strong phrase, a dash, a blank. Spans are
		 * in start order: sk skips those of earlier lines. */
		while (sk < w->nspans && w->spans[sk].start < ls)
			sk++;
		for (size_t i = sk; i < w->nspans && w->spans[i].start <= le;
		    i++) {
			size_t a = w->spans[i].start, z = w->spans[i].end, q;
			if (z > le || z == (size_t)-1)
				continue;
			q = z;
			while (q < le && t[q] == ' ')
				q++;
			if (q < le && (t[q] == '-' || (unsigned char)t[q] ==
			    0xe2)) {
				q += t[q] == '-' ? 1 : 3;
				while (q < le && t[q] == ' ')
					q++;
				size_t br = q < le ? blank_run(t + q, t + le) : 0;
				size_t la = a, lz = z, vz = q + br;
				trim(t, &la, &lz);
				if (br == 0) {
					/* A written name runs to the word
					 * before the next "Label:", if any. */
					size_t k = q;
					while (k < le && t[k] != ':')
						k++;
					vz = k;
					if (k < le) {
						while (vz > q && t[vz - 1] != ' ')
							vz--;
					}
					while (vz > q && t[vz - 1] == ' ')
						vz--;
				}
				if (vz > q && label_ok(t + la, lz - la)) {
					c.lab = la;
					c.labn = lz - la;
					c.val = q;
					c.valn = vz - q;
					c.strong = 1;
					doc_field(w, b, base, &c, item,
					    accept_section);
					pos = vz;
					while (pos < le && t[pos] == ' ')
						pos++;
				}
			}
			break;
		}
		while (pos < le) {
			size_t colon = pos, la, lz, va, vz;

			while (colon < le && !(t[colon] == ':' && (colon + 1 ==
			    le || t[colon + 1] == ' ' || t[colon + 1] == '\t' ||
			    t[colon + 1] == '*')))
				colon++;
			if (colon >= le)
				break;
			la = pos;
			lz = colon;
			/* "(Phone: ...)": the label starts after an open
			 * paren; "Environment(s):" keeps its closed one. */
			for (size_t k = lz; k > la && t[k - 1] != ')'; k--)
				if (t[k - 1] == '(') {
					la = k;
					break;
				}
			trim(t, &la, &lz);
			if (!label_ok(t + la, lz - la))
				break;
			va = colon + 1;
			while (va < le && (t[va] == '*' || t[va] == ' ' ||
			    t[va] == '\t'))
				va++;
			/* The value: a blank ends at the blank; else the rest. */
			size_t br = blank_run(t + va, t + le);
			size_t more = br ? 0 : next_label(t, va, le);
			vz = br ? va + br : more ? more : le;
			size_t next = vz;
			if (la > pos && t[la - 1] == '(') {
				/* Inside parentheses: the value ends at ')'. */
				const char *rp = memchr(t + va, ')', le - va);
				if (rp != NULL && (size_t)(rp - t) < vz)
					vz = (size_t)(rp - t);
				next = vz < le ? vz + 1 : le;
			}
			while (vz > va && isspace((unsigned char)t[vz - 1]))
				vz--;
			c.lab = la;
			c.labn = lz - la;
			c.val = va;
			c.valn = vz - va;
			c.strong = in_strong(w, la, lz);
			doc_field(w, b, base, &c, item, accept_section);
			pos = next;
			while (pos < le && (t[pos] == ' ' || t[pos] == '('))
				pos++;
			if (!br && !more && !(la > ls && t[la - 1] == '('))
				break;
		}
		ls = le + 1;
	}
}

/* The section ends: drop its tentative fields unless it has a field that
 * is bold or unfilled (accept). */
static void
doc_fields_flush(struct walker *w, int accept)
{
	struct checklist *cl = w->cl;
	size_t i, j;

	if (!accept) {
		for (i = j = w->sec_field0; i < cl->nfields; i++)
			if (!w->tentative[i])
				cl->fields[j++] = cl->fields[i];
		cl->nfields = j;
	}
	w->sec_field0 = cl->nfields;
}

/* ---- the walk ---- */

static int
doc_is_table(const char *t, size_t n)
{
	const char *nl = memchr(t, '\n', n);
	size_t i;
	int dash = 0, bar = 0;

	if (nl == NULL || memchr(t, '|', (size_t)(nl - t)) == NULL)
		return 0;
	for (i = (size_t)(nl - t) + 1; i < n && t[i] != '\n'; i++) {
		if (t[i] == '-')
			dash = 1;
		else if (t[i] == '|')
			bar = 1;
		else if (t[i] != ':' && t[i] != ' ' && t[i] != '\t')
			return 0;
	}
	return dash && bar;
}

static void
doc_heading(struct walker *w, cmark_node *n)
{
	struct checklist *cl = w->cl;
	struct section *s;
	int level = cmark_node_get_heading_level(n), idx;

	doc_flatten(w, n);
	/* Headings hold no newlines; a setext heading's line breaks do. */
	for (size_t i = 0; i < w->text.len; i++)
		if (w->text.data[i] == '\n')
			w->text.data[i] = ' ';
	while (w->nsecstack > 0 &&
	    cl->sections[w->secstack[w->nsecstack - 1]].level >= level) {
		cl->sections[w->secstack[w->nsecstack - 1]].end_line =
		    node_line(w, n) - 1;
		w->nsecstack--;
	}
	cl->sections = xgrow(cl->sections, &cl->cap_[CAP_SEC],
	    cl->nsections + 1, sizeof(*cl->sections));
	idx = (int)cl->nsections++;
	s = &cl->sections[idx];
	memset(s, 0, sizeof(*s));
	s->level = level;
	s->line = node_line(w, n);
	s->col = checklist_col(cl, s->line, cmark_node_get_start_column(n));
	s->parent = w->nsecstack ? w->secstack[w->nsecstack - 1] : -1;
	s->first_child = s->next_sibling = -1;
	if (s->parent >= 0) {
		/* Append to the parent's children after its last child. */
		int *last = &w->lastkid[w->nsecstack - 1];
		if (*last < 0)
			cl->sections[s->parent].first_child = idx;
		else
			cl->sections[*last].next_sibling = idx;
		*last = idx;
	}
	w->secstack = xgrow(w->secstack, &w->capsecstack, w->nsecstack + 1,
	    sizeof(*w->secstack));
	w->lastkid = xgrow(w->lastkid, &w->caplastkid, w->nsecstack + 1,
	    sizeof(*w->lastkid));
	w->lastkid[w->nsecstack] = -1;
	w->secstack[w->nsecstack++] = idx;
	w->section = idx;
	if (level == 1 && w->nh1++ == 0)
		w->first_h1 = idx;
	int blk = doc_block(w, BLOCK_HEADING, n, 0, -1);
	s->title = cl->blocks[blk].text;
}

/* ---- safe HTML of an item's inline content ---- */

/* Emit literal text minus the first *skip bytes (the task box and the
 * blanks after it, counted as doc_flatten counts them), HTML-escaped. */
static void
doc_html_text(struct buf *b, const char *s, size_t n, size_t *skip)
{
	size_t k = *skip < n ? *skip : n;

	*skip -= k;
	esc_html(b, s + k, n - k);
}

/*
 * The inline content of an item's first paragraph as HTML that is safe to
 * put in a report: text escaped, `code` -> <code>, emphasis and strong ->
 * <em> and <strong>, links -> <a href> only when esc_url_allowed says so
 * (else their text alone), raw inline HTML shown as escaped text, images
 * as their alt text. skip is the length of the box prefix in the
 * flattened text. Links cannot nest in CommonMark, so one flag tracks an
 * open <a>. The result lives in the checklist's arena.
 */
static const char *
doc_item_html(struct walker *w, cmark_node *para, size_t skip)
{
	cmark_iter *it = cmark_iter_new(para);
	cmark_event_type ev;
	struct buf b = {0};
	int open_a = 0, in_image = 0;
	const char *html;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int enter = ev == CMARK_EVENT_ENTER;
		const char *lit, *url;

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				doc_html_text(&b, lit, strlen(lit), &skip);
			break;
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) == NULL)
				break;
			buf_puts(&b, in_image ? "" : "<code>");
			doc_html_text(&b, lit, strlen(lit), &skip);
			buf_puts(&b, in_image ? "" : "</code>");
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			doc_html_text(&b, " ", 1, &skip);
			break;
		case CMARK_NODE_EMPH:
			if (!in_image)
				buf_puts(&b, enter ? "<em>" : "</em>");
			break;
		case CMARK_NODE_STRONG:
			if (!in_image)
				buf_puts(&b, enter ? "<strong>" : "</strong>");
			break;
		case CMARK_NODE_IMAGE:
			in_image += enter ? 1 : -1;
			break;
		case CMARK_NODE_LINK:
			if (!enter) {
				if (open_a)
					buf_puts(&b, "</a>");
				open_a = 0;
				break;
			}
			url = cmark_node_get_url(n);
			if (url != NULL && !in_image &&
			    esc_url_allowed(url, strlen(url))) {
				buf_puts(&b, "<a href=\"");
				esc_href(&b, url, strlen(url));
				buf_puts(&b, "\">");
				open_a = 1;
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	html = arena_strndup(&w->cl->arena, buf_cstr(&b), b.len);
	buf_free(&b);
	return html;
}

/* Is the item's HTML its text itself? When the paragraph is one text
 * node whose literal after the box (skip bytes) is text, and text holds
 * nothing esc_html would change (& < > " ', control characters, invalid
 * UTF-8). Most items are such plain text; this spares them the walk and
 * the copy of doc_item_html. */
/* Build item HTML (doc_set_html). */
static int doc_html = 1;

void
doc_set_html(int on)
{
	doc_html = on != 0;
}

static int
doc_item_html_plain(cmark_node *para, size_t skip, const char *text)
{
	/* The bytes esc_html rewrites besides invalid UTF-8. */
	static const unsigned char esc[128] = {
		[0] = 1, [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1,
		[7] = 1, [8] = 1, [11] = 1, [12] = 1, [14] = 1, [15] = 1,
		[16] = 1, [17] = 1, [18] = 1, [19] = 1, [20] = 1, [21] = 1,
		[22] = 1, [23] = 1, [24] = 1, [25] = 1, [26] = 1, [27] = 1,
		[28] = 1, [29] = 1, [30] = 1, [31] = 1,
		['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
	};
	cmark_node *t = cmark_node_first_child(para);
	const unsigned char *p;
	const char *lit;
	size_t n;
	int high = 0;

	if (t == NULL || cmark_node_next(t) != NULL ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(t)) == NULL)
		return 0;
	n = strlen(lit);
	if (strcmp(lit + (skip < n ? skip : n), text) != 0)
		return 0;
	for (p = (const unsigned char *)text; *p; p++) {
		if (*p >= 0x80)
			high = 1;
		else if (esc[*p])
			return 0;
	}
	n = (size_t)(p - (const unsigned char *)text);
	return !high || utf8_invalid_find(text, n, 0) == n;
}

static void
doc_paragraph(struct walker *w, cmark_node *n, unsigned char *accept)
{
	struct checklist *cl = w->cl;
	cmark_node *parent = cmark_node_parent(n);
	int first_in_item = parent != NULL &&
	    cmark_node_get_type(parent) == CMARK_NODE_ITEM &&
	    cmark_node_first_child(parent) == n;
	int line = node_line(w, n), bcol = cmark_node_get_start_column(n);
	int mark = 0, task = -1, blk;
	size_t left, skip = 0;
	const char *p = doc_at(cl, line, bcol, &left);

	doc_scan_badboxes(w, n, first_in_item);
	doc_flatten(w, n);
	if (first_in_item && (mark = doc_box(p, left)) != 0 &&
	    w->text.len >= 3 && w->text.data[0] == '[') {
		struct item *it;
		int ptask = -1;

		for (size_t i = w->nitems - 1; i-- > 0;)
			if (w->items[i].task >= 0) {
				ptask = w->items[i].task;
				break;
			}
		cl->items = xgrow(cl->items, &cl->cap_[CAP_ITEM],
		    cl->nitems + 1, sizeof(*cl->items));
		task = (int)cl->nitems++;
		w->items[w->nitems - 1].task = task;
		it = &cl->items[task];
		it->mark = (char)mark;
		it->state = mark == ' ' ? ITEM_OPEN : (mark == 'x' ||
		    mark == 'X') ? ITEM_DONE : ITEM_NA;
		it->line = node_line(w, parent);
		it->col = checklist_col(cl, it->line,
		    cmark_node_get_start_column(parent));
		it->box_col = checklist_col(cl, line, bcol);
		it->parent = ptask;
		it->depth = ptask >= 0 ? cl->items[ptask].depth + 1 : 0;
		it->section = w->section;
		it->quoted = w->quote > 0;
		skip = 3;
		while (skip < w->text.len && (w->text.data[skip] == ' ' ||
		    w->text.data[skip] == '\t' || w->text.data[skip] == '\n'))
			skip++;
		blk = doc_block(w, BLOCK_ITEM, n, skip, task);
		it->block = blk;
		/* Item text on one line: soft breaks become spaces. */
		char *txt = arena_strndup(&cl->arena, cl->blocks[blk].text,
		    cl->blocks[blk].len);
		for (char *q = txt; *q; q++)
			if (*q == '\n')
				*q = ' ';
		it->text = txt;
		it->html = !doc_html ? NULL :
		    doc_item_html_plain(n, skip, txt) ? txt :
		    doc_item_html(w, n, skip);
		struct counts *own = w->section >= 0 ?
		    &cl->sections[w->section].own : NULL;
		if (it->state == ITEM_NA) {
			cl->total.na++;
			if (own)
				own->na++;
		} else {
			cl->total.items++;
			if (own)
				own->items++;
			if (it->state == ITEM_DONE) {
				cl->total.checked++;
				if (own)
					own->checked++;
			}
		}
	} else {
		blk = doc_block(w, doc_is_table(buf_cstr(&w->text), w->text.len)
		    ? BLOCK_TABLE : BLOCK_PARAGRAPH, n, 0, -1);
		if (cl->blocks[blk].kind == BLOCK_TABLE)
			return;
	}
	if (task < 0)
		for (size_t i = w->nitems; i-- > 0;)
			if (w->items[i].task >= 0) {
				task = w->items[i].task;
				break;
			}
	doc_fields(w, blk, skip, task, accept);
}

static void
doc_code(struct walker *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	int line = cmark_node_get_start_line(n);
	int bcol = cmark_node_get_start_column(n);
	size_t i, n0;

	if (lit == NULL)
		return;
	{
		size_t left;
		const char *p = doc_at(w->cl, line + w->line_off, bcol, &left);
		if (left >= 3 && (strncmp(p, "```", 3) == 0 ||
		    strncmp(p, "~~~", 3) == 0))
			line++;	/* fenced: content starts after the fence */
	}
	buf_reset(&w->text);
	w->seg0 = w->cl->nsegs;
	buf_puts(&w->text, lit);
	n0 = 0;
	for (i = 0; i <= w->text.len; i++)
		if (i == w->text.len || w->text.data[i] == '\n') {
			if (i > n0)
				doc_seg(w, n0, line, bcol);
			line++;
			n0 = i + 1;
		}
	doc_block(w, BLOCK_CODE, n, 0, -1);
}

static const char *
doc_basename(const char *file)
{
	const char *s = strrchr(file, '/');
	return s ? s + 1 : file;
}

/* Split off a leading front matter block: "---" on the first line and a
 * closing "---" or "..." line, holding a YAML mapping. Returns the number
 * of lines it takes (0 if none). */
static int
doc_front_matter(struct checklist *cl)
{
	size_t left;
	const char *p = doc_at(cl, 1, 1, &left);
	size_t l;
	int line, col;
	const char *err;

	if (left < 3 || strncmp(p, "---", 3) != 0)
		return 0;
	for (size_t i = 3; i < left; i++)
		if (p[i] != ' ' && p[i] != '\t')
			return 0;
	for (l = 2; l <= cl->nlines; l++) {
		p = doc_at(cl, (int)l, 1, &left);
		size_t k = left;
		while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		if (k == 3 && (strncmp(p, "---", 3) == 0 ||
		    strncmp(p, "...", 3) == 0))
			break;
	}
	if (l > cl->nlines)
		return 0;
	if (frontmatter_parse(cl, cl->src + cl->lines[1],
	    cl->lines[l - 1] - cl->lines[1], &line, &col, &err) != 0)
		return 0;
	return (int)l;
}

struct checklist *
doc_parse(const char *file, const char *data, size_t len)
{
	struct checklist *cl = xcalloc(1, sizeof(*cl));
	struct walker w;
	cmark_node *doc, *n;
	cmark_parser *parser;
	struct cmem mem;
	cmark_iter *it;
	cmark_event_type ev;
	unsigned char accept = 0;
	size_t body;

	memset(&w, 0, sizeof(w));
	w.cl = cl;
	w.section = -1;
	w.first_h1 = -1;
	cl->file = arena_strndup(&cl->arena, file, strlen(file));
	cl->title_section = -1;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	cl->src = data;
	cl->srclen = len;
	doc_scan_lines(cl);
	w.line_off = doc_front_matter(cl);
	body = w.line_off ? ((size_t)w.line_off < cl->nlines ?
	    cl->lines[w.line_off] : len) : 0;

	cmem_begin(&mem);
	parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS,
	    cmem_allocator());
	cmark_parser_feed(parser, data + body, len - body);
	doc = cmark_parser_finish(parser);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		cmark_node *par = cmark_node_parent(n);

		if (t == CMARK_NODE_HEADING && ev == CMARK_EVENT_ENTER) {
			doc_fields_flush(&w, accept);
			accept = 0;
		}
		if (ev == CMARK_EVENT_EXIT) {
			if (t == CMARK_NODE_ITEM)
				w.nitems--;
			else if (t == CMARK_NODE_BLOCK_QUOTE)
				w.quote--;
			continue;
		}
		if (par != NULL && cmark_node_get_type(par) ==
		    CMARK_NODE_DOCUMENT && t != CMARK_NODE_HEADING &&
		    w.section >= 0)
			cl->sections[w.section].content++;
		switch (t) {
		case CMARK_NODE_ITEM:
			w.items = xgrow(w.items, &w.capitems, w.nitems + 1,
			    sizeof(*w.items));
			w.items[w.nitems++].task = -1;
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			w.quote++;
			break;
		case CMARK_NODE_HEADING:
			doc_heading(&w, n);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_PARAGRAPH:
			doc_paragraph(&w, n, &accept);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_CODE_BLOCK:
			doc_code(&w, n);
			break;
		case CMARK_NODE_HTML_BLOCK: {
			const char *lit = cmark_node_get_literal(n);
			if (lit)
				doc_directives(&w, lit, strlen(lit),
				    node_line(&w, n));
			break;
		}
		default:
			break;
		}
	}
	/* The tree, iterator and parser live in the arena: dropped at once. */
	cmem_end(&mem);

	doc_fields_flush(&w, accept);
	/* Sections still open end at the last line. */
	while (w.nsecstack > 0)
		cl->sections[w.secstack[--w.nsecstack]].end_line =
		    (int)cl->nlines;
	/* Roll counts up: children come after their parents. */
	for (size_t i = 0; i < cl->nsections; i++)
		cl->sections[i].total = cl->sections[i].own;
	for (size_t i = cl->nsections; i-- > 0;) {
		struct section *s = &cl->sections[i];
		if (s->parent >= 0) {
			struct counts *pt = &cl->sections[s->parent].total;
			pt->items += s->total.items;
			pt->checked += s->total.checked;
			pt->na += s->total.na;
		}
	}
	/* Title: front matter, else the first H1, else the file name. */
	for (size_t i = 0; i < cl->nmeta; i++)
		if (strcmp(cl->meta[i].key, "title") == 0 &&
		    cl->meta[i].value[0] != '\0')
			cl->title = cl->meta[i].value;
	cl->title_line = 1;
	if (w.first_h1 >= 0) {
		if (cl->title == NULL) {
			cl->title = cl->sections[w.first_h1].title;
			cl->title_line = cl->sections[w.first_h1].line;
		}
		if (w.nh1 == 1)
			cl->title_section = w.first_h1;
	}
	if (cl->title == NULL)
		cl->title = arena_strndup(&cl->arena, doc_basename(file),
		    strlen(doc_basename(file)));
	free(w.secstack);
	free(w.lastkid);
	free(w.items);
	free(w.spans);
	free(w.tentative);
	buf_free(&w.text);
	return cl;
}

void
checklist_free(struct checklist *cl)
{
	if (cl == NULL)
		return;
	free(cl->meta);
	free(cl->sections);
	free(cl->items);
	free(cl->fields);
	free(cl->blocks);
	free(cl->segs);
	free(cl->facts);
	free(cl->lines);
	arena_free(&cl->arena);
	free(cl);
}

const char *
doc_cmark_version(void)
{
	return cmark_version_string();
}
