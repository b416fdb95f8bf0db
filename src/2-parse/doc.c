/* doc.c: [parse] turns one Markdown checklist into the model of model.h.
 * The only cmark.h user: cmark parses with CMARK_OPT_SOURCEPOS and one
 * cmark_iter walk fills sections, task items, fields, text blocks and
 * facts. Task boxes are recognised here on the source bytes, as GitHub's
 * task-list extension does, so code blocks and HTML can never hold one. */
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "buf.h"
#include "cmem.h"
#include "ctx.h"
#include "doc.h"
#include "frontmatter.h"
#include "model.h"
#include "table.h"
#include "utf8.h"
#include "xalloc.h"

/* How a line is changed in cmark's input: a task box blanked out or
 * replaced by an empty HTML comment, a lazy HTML tag line made a block
 * start that may interrupt a paragraph, a blank line made an empty HTML
 * comment at the column of the list marker above it (which ends that
 * list item), a '[' escaped (cmark-gfm keeps a link reference definition
 * right above a table's header row as text). */
enum { FIX_BLANKS, FIX_COMMENT, FIX_DIV, FIX_CLOSE, FIX_ESC };

/* Capacity slots in checklist.cap_[]. */
enum { CAP_SEC, CAP_ITEM, CAP_FIELD, CAP_BLOCK, CAP_SEG, CAP_FACT, CAP_LINE,
    CAP_TABLE, CAP_SPAN, CAP_WIDE };

/* An inline span (code, emphasis, strong, link) in the flattened text of
 * the current paragraph. Spans are in start order and nest (cmark's
 * tree), each knowing the span it is inside, so lookups need not scan them
 * all. Field labels read the strong ones; a task item keeps them all
 * (struct span of model.h) but those inside an image. */
struct wspan {
	size_t		 start, end;
	size_t		 parent;	/* enclosing span or (size_t)-1 */
	const char	*url;		/* a link's, in cmark's tree */
	unsigned char	 kind;		/* enum span_kind */
	unsigned char	 image;		/* inside an image */
};

/* One list item open on the walk: the task item it is, or -1. */
struct open_item {
	int	task;
	int	line;		/* of its marker */
	int	box_line, box_bcol;	/* its task box, if a task */
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
	struct wspan	 *spans;	/* inline spans in text */
	size_t		  nspans, capspans;
	size_t		  open_span;	/* innermost open span or -1 */
	int		  html;		/* the block holds raw inline HTML */
	int		  defs;		/* doc_defs' answer + 1, 0 unasked */
	size_t		  seg0;		/* first seg of the block */
	unsigned char	 *tentative;	/* per field: kept only if its
					   section has other fields */
	size_t		  captentative;
	size_t		  sec_field0;	/* first field of this section */
	int		  nh1;		/* level-1 headings seen */
	int		  first_h1;
	struct colmemo	  colm;		/* doc_col: where it counted to */
	size_t		 *pipes;	/* pipes[l]: delimiter rows in lines
					   1..l; NULL if none is */
	unsigned char	 *lt;		/* per line: starts with '<' */
	struct tfound	 *tf;		/* tables rewritten in cmark's input */
	size_t		  ntf, captf;
	int		 *boxfix;	/* lines changed in cmark's input */
	size_t		 *boxfix_off;	/* from this byte */
	unsigned char	 *boxfix_kind;	/* FIX_* */
	unsigned char	 *boxfix_seen;	/* its item is on this pass's tree */
	int		 *fixat;	/* per line: its boxfix index + 1 */
	int		 *tfat;		/* per line: the rewritten table it is
					   in, index + 1 */
	size_t		  nboxfix, capboxfix, capboxfix_off, capboxfix_kind,
			  capboxfix_seen;
	int		  boxcand;	/* a line ends in "] " */
	int		  htmlcand;	/* a line starts with '<' */
	cmark_node	 *root;		/* cmark's tree of the final pass */
	size_t		  piece_end;	/* doc_pieces: the line index where
					   the piece ends, else 0 */
	struct buf	  cellmd;	/* every table cell as "x CELL\n\n" */
	struct table_cell **cells;	/* the cells of cellmd, in order */
	size_t		  ncells, capcells;
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
		/* Most text is ASCII between line ends: skip it 16 bytes at a
		 * time where SSE2 is (every x86-64), then 8 (a word with no
		 * high bit and no CR or LF byte). */
#ifdef __SSE2__
		const __m128i vlf = _mm_set1_epi8('\n');
		const __m128i vcr = _mm_set1_epi8('\r');
		while (n - i >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
			    (s + i));
			/* A byte's top bit: >= 0x80, or equal to LF or CR. */
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(v,
			    _mm_or_si128(_mm_cmpeq_epi8(v, vlf),
			    _mm_cmpeq_epi8(v, vcr))));
			if (m != 0) {
				i += (size_t)__builtin_ctz(m);
				break;
			}
			i += 16;
		}
#endif
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
			size_t len, k = (cl->nlines - 1) / 64;

			if (k >= cl->nwide) {
				size_t wcap = cl->cap_[CAP_WIDE];
				cl->wide = xgrow(cl->wide, &wcap, k + 1,
				    sizeof(*cl->wide));
				cl->cap_[CAP_WIDE] = wcap;
				memset(cl->wide + cl->nwide, 0,
				    (k + 1 - cl->nwide) * sizeof(*cl->wide));
				cl->nwide = k + 1;
			}
			cl->wide[k] |= (uint64_t)1 << ((cl->nlines - 1) % 64);
			len = utf8_valid_len(s + i, n - i);
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
	/* Where each line's text ends, before its LF, CRLF or CR: doc_at
	 * runs thousands of times a document. */
	cl->lend = xmalloc(cl->nlines * sizeof(*cl->lend));
	for (size_t l = 0; l < cl->nlines; l++) {
		size_t a = cl->lines[l], e = l + 1 < cl->nlines ?
		    cl->lines[l + 1] : n;

		e -= e > a && s[e - 1] == '\n';
		e -= e > a && s[e - 1] == '\r';
		cl->lend[l] = e;
	}
}

/* Room for the model of a document of cl->nlines lines as most are (a
 * task item, a block and a seg or two per line, a section or field every
 * few lines), up to DOC_PRESIZE rows an array: growing each from 8 rows
 * cost a hundred reallocs a file; a bigger document grows as before. */
#define DOC_PRESIZE	4096
static void
doc_presize(struct checklist *cl)
{
	size_t n = cl->nlines < DOC_PRESIZE ? cl->nlines + 1 : DOC_PRESIZE;

	cl->items = xgrow(cl->items, &cl->cap_[CAP_ITEM], n,
	    sizeof(*cl->items));
	cl->blocks = xgrow(cl->blocks, &cl->cap_[CAP_BLOCK], n,
	    sizeof(*cl->blocks));
	cl->segs = xgrow(cl->segs, &cl->cap_[CAP_SEG], 2 * n,
	    sizeof(*cl->segs));
	cl->sections = xgrow(cl->sections, &cl->cap_[CAP_SEC], n / 4 + 1,
	    sizeof(*cl->sections));
	cl->fields = xgrow(cl->fields, &cl->cap_[CAP_FIELD], n / 4 + 1,
	    sizeof(*cl->fields));
}

/* Pointer to the byte at line:bcol (both from 1), clamped to the line.
 * Inline: hundreds of calls a document, each a few instructions. */
static inline const char *
doc_at(const struct checklist *cl, int line, int bcol, size_t *left)
{
	size_t start, end, skip;

	if (line < 1 || (size_t)line > cl->nlines) {
		*left = 0;
		return cl->src + cl->srclen;
	}
	start = cl->lines[line - 1];
	end = cl->lend[line - 1];
	/* No branch on the column, which varies call to call. */
	skip = bcol > 1 ? (size_t)(bcol - 1) : 0;
	skip = skip < end - start ? skip : end - start;
	*left = end - start - skip;
	return cl->src + start + skip;
}

/* Does line hold only ASCII (doc_scan_lines)? Then its byte columns are
 * its columns. */
static int
doc_line_ascii(const struct checklist *cl, int line)
{
	size_t k = (size_t)(line - 1) / 64;

	return k >= cl->nwide ||
	    ((cl->wide[k] >> ((size_t)(line - 1) % 64)) & 1) == 0;
}

int
checklist_col(const struct checklist *cl, int line, int bcol)
{
	size_t left;
	const char *ls;

	if (cl->src == NULL || line < 1 || (size_t)line > cl->nlines)
		return bcol > 0 ? bcol : 1;
	if (bcol < 1)
		return 1;
	if (doc_line_ascii(cl, line))
		return bcol;
	ls = doc_at(cl, line, 1, &left);
	if ((size_t)(bcol - 1) > left)
		return (int)utf8_count(ls, left) + 1 + (bcol - 1 - (int)left);
	return (int)utf8_count(ls, (size_t)(bcol - 1)) + 1;
}

/* Counting on from the previous position on the same line makes a line
 * of n positions O(line) in all rather than O(line) each. The result is
 * checklist_col's: a position is remembered only where no UTF-8 sequence
 * straddles it. */
int
checklist_col_memo(const struct checklist *cl, int line, int bcol,
    struct colmemo *m)
{
	size_t left, i = 0, cp = 0, n;
	const char *ls;

	if (m == NULL || cl->src == NULL || line < 1 ||
	    (size_t)line > cl->nlines || bcol < 1 ||
	    doc_line_ascii(cl, line))
		return checklist_col(cl, line, bcol);
	ls = doc_at(cl, line, 1, &left);
	n = (size_t)(bcol - 1);
	if (n > left)
		return checklist_col(cl, line, bcol);
	if (line == m->line && m->i <= n) {
		i = m->i;
		cp = m->cp;
	}
	while (i < n) {
		size_t len = utf8_valid_len(ls + i, n - i);
		i += len ? len : 1;
		cp++;
	}
	if (n == left || ((unsigned char)ls[n] & 0xc0) != 0x80) {
		m->line = line;
		m->i = n;
		m->cp = cp;
	}
	return (int)cp + 1;
}

void
checklist_block_pos(const struct checklist *cl, const struct block *b,
    size_t off, int *line, int *col)
{
	checklist_block_pos_memo(cl, b, off, line, col, NULL);
}

void
checklist_block_pos_memo(const struct checklist *cl, const struct block *b,
    size_t off, int *line, int *col, struct colmemo *m)
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
	*col = checklist_col_memo(cl, s->line, s->bcol + (int)(off - s->off),
	    m);
}

/* checklist_col for the walk: fields along one long line come in
 * column order (checklist_col_memo). */
static int
doc_col(struct walker *w, int line, int bcol)
{
	return checklist_col_memo(w->cl, line, bcol, &w->colm);
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
	const char *end = h + n, *p;

#ifdef __SSE2__
	/* Sixteen starts at a time that hold the needle's first two bytes:
	 * "]:" among a checklist's hundreds of "]" of task boxes. */
	if (k >= 2) {
		const __m128i a = _mm_set1_epi8(needle[0]);
		const __m128i b = _mm_set1_epi8(needle[1]);

		for (; end - h >= 17; h += 16) {
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(
			    _mm_cmpeq_epi8(a, _mm_loadu_si128((const __m128i *)
			    (const void *)h)), _mm_cmpeq_epi8(b,
			    _mm_loadu_si128((const __m128i *)(const void *)
			    (h + 1)))));

			for (; m != 0; m &= m - 1) {
				p = h + __builtin_ctz(m);
				if ((size_t)(end - p) >= k &&
				    memcmp(p, needle, k) == 0)
					return p;
			}
		}
	}
#endif
	while ((size_t)(end - h) >= k &&
	    (p = memchr(h, *needle, (size_t)(end - h) - k + 1)) != NULL) {
		if (memcmp(p, needle, k) == 0)
			return p;
		h = p + 1;
	}
	return NULL;
}

/* May the document hold a link reference definition? Each holds "]:";
 * looked for once a document (the table prepass and the cells ask). */
static int
doc_defs(struct walker *w)
{
	if (w->defs == 0)
		w->defs = 1 + (find_str(w->cl->src, w->cl->srclen, "]:") !=
		    NULL);
	return w->defs - 1;
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
	size_t left, k = strnlen(lit, 8), i;
	const char *p = doc_at(w->cl, line + w->line_off, bcol, &left);

	if (k == 0 || (left >= k && memcmp(p, lit, k) == 0))
		return bcol;
	for (i = 1; i + k <= left && i <= 64; i++)
		if (memcmp(p + i, lit, k) == 0)
			return bcol + (int)i;
	return bcol;
}

/* Open a span of kind k at the end of w->text, inside the open one. */
static void
doc_span_open(struct walker *w, enum span_kind k, const char *url, int image)
{
	struct wspan *sp;

	w->spans = xgrow(w->spans, &w->capspans, w->nspans + 1,
	    sizeof(*w->spans));
	sp = &w->spans[w->nspans];
	sp->start = w->text.len;
	sp->end = (size_t)-1;
	sp->parent = w->open_span;
	sp->url = url;
	sp->kind = (unsigned char)k;
	sp->image = image > 0;
	w->open_span = w->nspans++;
}

/* Close the innermost open span at the end of w->text. */
static void
doc_span_close(struct walker *w)
{
	if (w->open_span == (size_t)-1)
		return;
	w->spans[w->open_span].end = w->text.len;
	w->open_span = w->spans[w->open_span].parent;
}

/* The one child of block when it is a run of text (most blocks: cmark
 * joins adjacent text nodes), else NULL. */
static cmark_node *
doc_one_text(cmark_node *block)
{
	cmark_node *c = cmark_node_first_child(block);

	return c != NULL && cmark_node_next(c) == NULL &&
	    cmark_node_get_type(c) == CMARK_NODE_TEXT ? c : NULL;
}

/* Append the literal lit of leaf n to w->text, with a seg at n. */
static void
doc_flatten_text(struct walker *w, cmark_node *n, const char *lit)
{
	int line = cmark_node_get_start_line(n);

	if (lit == NULL)
		return;
	doc_seg(w, w->text.len, line, doc_fix_col(w, line,
	    cmark_node_get_start_column(n), lit));
	buf_puts(&w->text, lit);
}

/* Flatten the inlines of a paragraph or heading into w->text with a seg at
 * each source node, and its inline spans (strong ones for field labels,
 * all for task items). Iterative: cmark's own iterator walks the inline
 * tree, so nesting depth costs no stack. */
static void
doc_flatten(struct walker *w, cmark_node *block)
{
	cmark_node *only = doc_one_text(block);
	cmark_iter *it;
	cmark_event_type ev;
	int image = 0;

	buf_reset(&w->text);
	w->nspans = 0;
	w->open_span = (size_t)-1;
	w->html = 0;
	w->seg0 = w->cl->nsegs;
	if (only != NULL) {
		doc_flatten_text(w, only, cmark_node_get_literal(only));
		return;	/* no iterator for one run of text */
	}
	it = cmark_iter_new(block);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit;

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_CODE:
			/* A leaf: its span opens and closes here. */
			doc_span_open(w, SPAN_CODE, NULL, image);
			/* FALLTHROUGH */
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			lit = cmark_node_get_literal(n);
			doc_flatten_text(w, n, lit);
			if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE) {
				w->html = 1;
				if (lit != NULL)
					doc_directives(w, lit, strlen(lit),
					    node_line(w, n));
			}
			if (cmark_node_get_type(n) == CMARK_NODE_CODE)
				doc_span_close(w);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(&w->text, '\n');
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
		case CMARK_NODE_LINK:
			if (ev == CMARK_EVENT_ENTER)
				doc_span_open(w, cmark_node_get_type(n) ==
				    CMARK_NODE_EMPH ? SPAN_EMPH :
				    cmark_node_get_type(n) == CMARK_NODE_STRONG ?
				    SPAN_STRONG : SPAN_LINK,
				    cmark_node_get_type(n) == CMARK_NODE_LINK ?
				    cmark_node_get_url(n) : NULL, image);
			else
				doc_span_close(w);
			break;
		case CMARK_NODE_IMAGE:
			image += ev == CMARK_EVENT_ENTER ? 1 : -1;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* The BLOCK_HAS_* bits of s[0..n): sixteen bytes at a time with SSE2,
 * the rest (a short block's all) one at a time. */
static const unsigned char doc_has_byte[256] = {
	[':'] = BLOCK_HAS_COLON, ['_'] = BLOCK_HAS_UNDER,
	[0xc3] = BLOCK_HAS_LATIN, [0xc4] = BLOCK_HAS_LATIN,
	[0xc5] = BLOCK_HAS_LATIN, ['-'] = BLOCK_HAS_SEP, ['('] = BLOCK_HAS_SEP,
	[0xe2] = BLOCK_HAS_SEP,
};

static unsigned
doc_has(const char *s, size_t n)
{
	size_t i = 0;
	unsigned has = 0;

#ifdef __SSE2__
	__m128i colon = _mm_setzero_si128(), under = colon, latin = colon;
	__m128i sep = colon;

	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		/* 0xc3 to 0xc5: v - 0xc3 below 3, unsigned. */
		__m128i d = _mm_sub_epi8(v, _mm_set1_epi8((char)0xc3));

		colon = _mm_or_si128(colon, _mm_cmpeq_epi8(v,
		    _mm_set1_epi8(':')));
		under = _mm_or_si128(under, _mm_cmpeq_epi8(v,
		    _mm_set1_epi8('_')));
		latin = _mm_or_si128(latin, _mm_cmpeq_epi8(_mm_min_epu8(d,
		    _mm_set1_epi8(2)), d));
		sep = _mm_or_si128(sep, _mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(v, _mm_set1_epi8('-')),
		    _mm_cmpeq_epi8(v, _mm_set1_epi8('('))),
		    _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xe2))));
	}
	has |= _mm_movemask_epi8(colon) ? BLOCK_HAS_COLON : 0;
	has |= _mm_movemask_epi8(under) ? BLOCK_HAS_UNDER : 0;
	has |= _mm_movemask_epi8(latin) ? BLOCK_HAS_LATIN : 0;
	has |= _mm_movemask_epi8(sep) ? BLOCK_HAS_SEP : 0;
#endif
	for (; i < n; i++)
		has |= doc_has_byte[(unsigned char)s[i]];
	return has;
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
	b->has = doc_has(b->text, b->len);
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

static struct fact *
doc_malformed(struct walker *w, int line, int bcol, const char *p, size_t n)
{
	struct fact *f;

	f = doc_fact(w->cl, FACT_MALFORMED_BOX, line,
	    checklist_col(w->cl, line, bcol));
	f->end_col = f->col + (int)utf8_count(p, n) - 1;
	f->section = w->section;
	f->text = arena_strndup(&w->cl->arena, p, n);
	return f;
}

/* A box on a list item's marker line, as cmark-gfm's task-list extension
 * looks for one (scan_tasklist on the whole line): the marker first on
 * its line (after blanks; block quote markers too, our deliberate
 * difference), blanks, '[', a mark, ']', then a blank. */
struct boxinfo {
	int	 line;
	size_t	 k;		/* byte of '[' in the line */
	int	 mark;
	int	 first;		/* the marker is first on its line */
	int	 quoted;	/* after a block quote marker */
	int	 eol;		/* nothing after ']' */
	int	 blank_after;	/* a blank after ']' */
	int	 rest_blank;	/* only blanks after ']' */
	int	 at_box;	/* the item's content starts at the box */
};

/* [ \t\v\f]: spacechar in cmark-gfm's scanners. */
static int
doc_spacechar(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* Fill *b for list item n; returns 0 when its marker line holds no box
 * ('[', one of space, tab, x, X, -, ~, ']') right after the marker. */
static int
doc_item_box(struct walker *w, cmark_node *n, struct boxinfo *b)
{
	size_t left, j, k;
	int line = node_line(w, n);
	const char *ls = doc_at(w->cl, line, 1, &left);
	cmark_node *kid = cmark_node_first_child(n);

	memset(b, 0, sizeof(*b));
	b->line = line;
	j = (size_t)cmark_node_get_start_column(n) - 1;
	if (j >= left)
		return 0;
	b->first = 1;
	for (k = 0; k < j; k++)
		if (ls[k] == '>')
			b->quoted = 1;
		else if (!doc_spacechar(ls[k]))
			b->first = 0;
	if (ls[j] == '-' || ls[j] == '+' || ls[j] == '*')
		j++;
	else {
		while (j < left && isdigit((unsigned char)ls[j]))
			j++;
		j++;
	}
	for (k = j; k < left && doc_spacechar(ls[k]); k++)
		;
	if (k == j || k + 3 > left || ls[k] != '[' || ls[k + 2] != ']')
		return 0;
	switch (ls[k + 1]) {
	case ' ': case '\t': case 'x': case 'X': case '-': case '~':
		break;
	default:
		return 0;
	}
	b->k = k;
	b->mark = ls[k + 1];
	b->eol = k + 3 == left;
	b->blank_after = !b->eol && doc_spacechar(ls[k + 3]);
	b->rest_blank = 1;
	for (j = k + 3; j < left && b->rest_blank; j++)
		if (!doc_spacechar(ls[j]))
			b->rest_blank = 0;
	if (kid != NULL && node_line(w, kid) == line)
		b->at_box = (size_t)cmark_node_get_start_column(kid) == k + 1 &&
		    (cmark_node_get_type(kid) == CMARK_NODE_PARAGRAPH ||
		    cmark_node_get_type(kid) == CMARK_NODE_HEADING ||
		    (cmark_node_get_type(kid) == CMARK_NODE_HTML_BLOCK &&
		    (b->rest_blank || (w->tfat != NULL &&
		    w->tfat[line - 1] > 0))));
	else
		b->at_box = b->rest_blank;	/* blanked out: an empty item */
	return 1;
}

/* Why GitHub shows a box as text, for malformed-task. */
static const char why_first[] =
    " (list marker not first on its line: GitHub shows it as text)";
static const char why_eol[] =
    " (box at the end of the line: GitHub shows it as text)";
static const char why_tab[] =
    " (tab inside the box: GitHub shows it as text)";
static const char why_nextline[] =
    " (box not on the list marker's line: GitHub shows it as text)";

/* A list item opens: is it a task (then add it to the model, its text
 * comes with its first paragraph), or a box GitHub shows as text (then
 * a malformed-box fact says why)? */
static void
doc_item_enter(struct walker *w, cmark_node *n)
{
	struct checklist *cl = w->cl;
	struct open_item *oi = &w->items[w->nitems - 1];
	struct boxinfo b;
	struct item *it;
	const char *why = NULL;
	size_t left;
	int ptask = -1, task;

	oi->task = -1;
	oi->line = node_line(w, n);
	oi->box_line = 0;
	if (!doc_item_box(w, n, &b) || !b.at_box ||
	    !(b.eol || b.blank_after))
		return;
	if (!b.first)
		why = why_first;
	else if (b.eol)
		why = why_eol;
	else if (b.mark == '\t')
		why = why_tab;
	if (why != NULL) {
		const char *ls = doc_at(cl, b.line, 1, &left);
		doc_malformed(w, b.line, (int)b.k + 1, ls + b.k, 3)->why = why;
		return;
	}
	for (size_t i = w->nitems - 1; i-- > 0;)
		if (w->items[i].task >= 0) {
			ptask = w->items[i].task;
			break;
		}
	cl->items = xgrow(cl->items, &cl->cap_[CAP_ITEM], cl->nitems + 1,
	    sizeof(*cl->items));
	task = (int)cl->nitems++;
	oi->task = task;
	oi->box_line = b.line;
	oi->box_bcol = (int)b.k + 1;
	it = &cl->items[task];
	memset(it, 0, sizeof(*it));
	it->mark = (char)b.mark;
	it->state = b.mark == ' ' ? ITEM_OPEN : (b.mark == 'x' ||
	    b.mark == 'X') ? ITEM_DONE : ITEM_NA;
	it->text = "";
	it->span0 = cl->nspans;
	it->line = b.line;
	it->col = checklist_col(cl, b.line, cmark_node_get_start_column(n));
	it->box_col = checklist_col(cl, b.line, (int)b.k + 1);
	it->parent = ptask;
	it->depth = ptask >= 0 ? cl->items[ptask].depth + 1 : 0;
	it->section = w->section;
	it->quoted = w->quote > 0;
	it->block = -1;
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
}

/* The offset in w->text (flattened from seg0) where a task's text starts:
 * after the box and the blanks after it. The box is "[x]" in the text
 * unless a link reference definition made a link of it. */
static size_t
doc_box_skip(const struct walker *w, int box_line, int box_bcol)
{
	const struct checklist *cl = w->cl;
	size_t skip = w->text.len;

	if (w->text.len >= 3 && w->text.data[0] == '[')
		skip = 3;
	else
		for (size_t i = w->seg0; i < cl->nsegs; i++)
			if (cl->segs[i].line > box_line ||
			    (cl->segs[i].line == box_line &&
			    cl->segs[i].bcol >= box_bcol + 3)) {
				skip = cl->segs[i].off;
				break;
			}
	while (skip < w->text.len && (w->text.data[skip] == ' ' ||
	    w->text.data[skip] == '\t' || w->text.data[skip] == '\n'))
		skip++;
	return skip;
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
		if (w->spans[i].kind == SPAN_STRONG &&
		    w->spans[i].end >= b && w->spans[i].end != (size_t)-1)
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
#define PROSE(s)	{ s, sizeof(s) - 1 }
		static const struct { const char *w; size_t n; } prose[] = {
		    PROSE("Note"), PROSE("Notes"), PROSE("Remember"),
		    PROSE("Tip"), PROSE("Warning"), PROSE("Important"),
		    PROSE("Caution"), PROSE("Example"), PROSE("Info"),
		    PROSE("NB"), PROSE("Hint"), PROSE("Reminder") };
#undef PROSE
		for (size_t i = 0; i < sizeof(prose) / sizeof(prose[0]); i++)
			if (prose[i].n == n &&
			    strncasecmp(p, prose[i].w, n) == 0)
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

		{
			const char *nl = memchr(t + ls, '\n', end - ls);
			le = nl != NULL ? (size_t)(nl - t) : end;
		}
		pos = ls;
		/* Signer slot: a strong phrase, a dash, a blank. Spans are
		 * in start order: sk skips those of earlier lines. */
		while (sk < w->nspans && w->spans[sk].start < ls)
			sk++;
		for (size_t i = sk; i < w->nspans && w->spans[i].start <= le;
		    i++) {
			size_t a = w->spans[i].start, z = w->spans[i].end, q;
			if (w->spans[i].kind != SPAN_STRONG || z > le ||
			    z == (size_t)-1)
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

			for (;;) {
				const char *cp = memchr(t + colon, ':', le - colon);

				colon = cp != NULL ? (size_t)(cp - t) : le;
				if (colon >= le || colon + 1 == le ||
				    t[colon + 1] == ' ' || t[colon + 1] == '\t' ||
				    t[colon + 1] == '*')
					break;
				colon++;
			}
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

/* Is c a blank or the end of s[i..n)? */
static int
doc_blank_at(const char *s, size_t n, size_t i)
{
	return i >= n || s[i] == ' ' || s[i] == '\t';
}

/* Does s[0..n), starting with '<', start an HTML block (CommonMark's
 * seven kinds; a table may be ended by any of them)? */
static int
doc_html_start(const char *s, size_t n)
{
	static const char *const raw[] = { "script", "pre", "style",
	    "textarea" };
	static const char *const blk[] = { "address", "article", "aside",
	    "base", "basefont", "blockquote", "body", "caption", "center",
	    "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl",
	    "dt", "fieldset", "figcaption", "figure", "footer", "form",
	    "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
	    "header", "hr", "html", "iframe", "legend", "li", "link", "main",
	    "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option",
	    "p", "param", "section", "source", "summary", "table", "tbody",
	    "td", "tfoot", "th", "thead", "title", "tr", "track", "ul" };
	size_t i = 1, t0, tn;
	int close = 0;

	if (n >= 4 && memcmp(s, "<!--", 4) == 0)
		return 1;
	if (n >= 2 && s[1] == '?')
		return 1;
	if (n >= 9 && memcmp(s, "<![CDATA[", 9) == 0)
		return 1;
	if (n >= 3 && s[1] == '!' && isalpha((unsigned char)s[2]))
		return 1;
	if (i < n && s[i] == '/') {
		close = 1;
		i++;
	}
	t0 = i;
	if (i >= n || !isalpha((unsigned char)s[i]))
		return 0;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '-'))
		i++;
	tn = i - t0;
	for (size_t k = 0; !close && k < sizeof(raw) / sizeof(raw[0]); k++)
		if (strlen(raw[k]) == tn && strncasecmp(s + t0, raw[k], tn)
		    == 0 && (doc_blank_at(s, n, i) || s[i] == '>'))
			return 1;
	for (size_t k = 0; k < sizeof(blk) / sizeof(blk[0]); k++)
		if (strlen(blk[k]) == tn && strncasecmp(s + t0, blk[k], tn)
		    == 0 && (doc_blank_at(s, n, i) || s[i] == '>' ||
		    (i + 1 < n && s[i] == '/' && s[i + 1] == '>')))
			return 1;
	/* Kind 7: one complete open or closing tag alone on the line. */
	if (!close) {
		for (;;) {
			size_t j = i;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
			if (j == i || j >= n || !(isalpha((unsigned char)s[j]) ||
			    s[j] == '_' || s[j] == ':'))
				break;
			i = j;
			while (i < n && (isalnum((unsigned char)s[i]) ||
			    strchr("_.:-", s[i]) != NULL))
				i++;
			j = i;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
			if (j >= n || s[j] != '=')
				continue;
			j++;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
			if (j < n && (s[j] == '"' || s[j] == '\'')) {
				const char *q = memchr(s + j + 1, s[j],
				    n - j - 1);
				if (q == NULL)
					return 0;
				i = (size_t)(q - s) + 1;
			} else {
				size_t v = j;
				while (j < n && strchr("\"'=<>` \t", s[j]) ==
				    NULL)
					j++;
				if (j == v)
					return 0;
				i = j;
			}
		}
	}
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (!close && i < n && s[i] == '/')
		i++;
	if (i >= n || s[i] != '>')
		return 0;
	for (i++; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* ---- GFM tables ----
 *
 * libcmark has no table extension: it parses a table as a paragraph. The
 * lines of such a paragraph are scanned here as cmark-gfm's table
 * extension scans them: the delimiter row must follow the header row (the
 * paragraph's last line so far) in the same containers with as many cells;
 * body rows follow while a line is a row and starts no other block. Where
 * GitHub's table ends or starts inside what cmark thinks is one paragraph
 * or setext heading, the table's lines are replaced in cmark's input by an
 * HTML comment of the same lines, and the input is parsed again, so the
 * blocks after the table are GitHub's. */

/* Visual column (tabs to multiples of 4) of byte i of line ls. */
static int
doc_vcol(const char *ls, size_t i)
{
	int v = 0;

	for (size_t k = 0; k < i; k++)
		v = ls[k] == '\t' ? (v + 4) / 4 * 4 : v + 1;
	return v;
}

/* The column (visual, from 0) where the content of list item n starts on
 * its marker line: after the marker and 1-4 blanks, or one column after
 * the marker when more blanks or nothing follow. */
static int
doc_item_indent(const struct walker *w, cmark_node *n)
{
	size_t left, j, k;
	int line = node_line((struct walker *)w, n);
	const char *ls = doc_at(w->cl, line, 1, &left);
	int me, fv;

	j = (size_t)cmark_node_get_start_column(n) - 1;
	if (j >= left)
		return doc_vcol(ls, left) + 2;
	if (isdigit((unsigned char)ls[j]))
		while (j < left && isdigit((unsigned char)ls[j]))
			j++;
	j++;
	if (j > left)
		j = left;
	me = doc_vcol(ls, j);
	for (k = j; k < left && (ls[k] == ' ' || ls[k] == '\t'); k++)
		;
	fv = doc_vcol(ls, k);
	if (k == left || fv - me >= 5)
		return me + 1;
	return fv;
}

/* Where a line's content starts inside the containers anc[0..nanc)
 * (outermost first: block quotes and list items, with ind[] the content
 * column of each item): *off is the byte of its first non-blank, *indent
 * its columns past the containers. Returns 0, or 1 when the line does not
 * continue the containers (a lazy line), -1 when it is blank. */
static int
doc_line_content(const struct checklist *cl, int line, cmark_node **anc,
    const int *ind, size_t nanc, size_t *off, int *indent)
{
	size_t left, pos = 0, f;
	const char *ls = doc_at(cl, line, 1, &left);
	int vcol = 0, lazy = 0;

	for (size_t a = 0; a < nanc && !lazy; a++) {
		for (f = pos; f < left && (ls[f] == ' ' || ls[f] == '\t'); f++)
			;
		if (f == left)
			break;
		int fv = doc_vcol(ls, f);
		if (cmark_node_get_type(anc[a]) == CMARK_NODE_BLOCK_QUOTE) {
			if (fv - vcol > 3 || ls[f] != '>') {
				lazy = 1;
				break;
			}
			pos = f + 1;
			vcol = fv + 1;
			if (pos < left && (ls[pos] == ' ' || ls[pos] == '\t')) {
				vcol = ls[pos] == ' ' ? vcol + 1 : vcol;
				pos++;
				if (ls[pos - 1] == '\t')
					vcol = doc_vcol(ls, pos);
			}
		} else {
			if (fv < ind[a]) {
				lazy = 1;
				break;
			}
			while (pos < f && doc_vcol(ls, pos + 1) <= ind[a])
				pos++;
			vcol = ind[a];
		}
	}
	for (f = pos; f < left && (ls[f] == ' ' || ls[f] == '\t'); f++)
		;
	*off = f;
	*indent = doc_vcol(ls, f) - vcol;
	if (f == left)
		return -1;
	return lazy;
}

/* Does s[0..n) (a line's content, not indented) start a block that ends a
 * table: a block quote, ATX heading, code fence, HTML block, thematic
 * break or list item? */
static int
doc_block_start(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0)
		return 0;
	switch (s[0]) {
	case '>':
		return 1;
	case '#':
		while (i < n && s[i] == '#')
			i++;
		return i <= 6 && (i == n || s[i] == ' ' || s[i] == '\t');
	case '`':
	case '~':
		while (i < n && s[i] == s[0])
			i++;
		if (i < 3)
			return 0;
		if (s[0] == '`' && memchr(s + i, '`', n - i) != NULL)
			return 0;
		return 1;
	case '<':
		return doc_html_start(s, n);
	default:
		break;
	}
	if (s[0] == '-' || s[0] == '*' || s[0] == '_') {
		int k = 0;
		for (i = 0; i < n; i++)
			if (s[i] == s[0])
				k++;
			else if (s[i] != ' ' && s[i] != '\t')
				break;
		if (i == n && k >= 3)
			return 1;
	}
	if (s[0] == '-' || s[0] == '*' || s[0] == '+')
		return n == 1 || s[1] == ' ' || s[1] == '\t';
	while (i < n && i < 10 && isdigit((unsigned char)s[i]))
		i++;
	if (i == 0 || i > 9 || i >= n || (s[i] != '.' && s[i] != ')'))
		return 0;
	return i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\t';
}

static size_t doc_ancestors(struct walker *, cmark_node *, cmark_node **,
    int *);

/* Is s[0..n) a setext underline of '-' (dashes, then blanks only)? Where
 * a paragraph's line is one, GitHub looks no further: it is never a
 * table's delimiter row. */
static int
doc_dash_underline(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == '-')
		i++;
	if (i == 0)
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == n;
}

/* Is s[0..n) (after blanks and '>') a one-line link reference
 * definition: "[label]:" and a destination? */
static int
doc_def_line(const char *s, size_t n)
{
	size_t i = 0;
	const char *q;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
		i++;
	if (i >= n || s[i] != '[' || (q = memchr(s + i, ']', n - i)) ==
	    NULL || (size_t)(q - s) + 1 >= n || q[1] != ':')
		return 0;
	for (i = (size_t)(q - s) + 2; i < n && (s[i] == ' ' || s[i] == '\t');
	    i++)
		;
	return i < n;
}

/* The underline of setext heading n (libcmark 0.30 may give a setext
 * heading the end of the block after it): the first line after its
 * start that continues its containers, indented less than 4 columns in
 * them, and is all '=' or all '-' (a line indented more is the
 * paragraph's text), and has text above it: under lines that are all
 * link reference definitions it is no underline (cmark finds no text to
 * make a heading of) but the text of the heading. */
static int
doc_setext_end(struct walker *w, cmark_node *n)
{
	int l0 = node_line(w, n), l1 = cmark_node_get_end_line(n) + w->line_off;
	cmark_node *anc[64];
	int ind[64];
	size_t nanc = (size_t)-1, left;
	const char *p = doc_at(w->cl, l0, cmark_node_get_start_column(n),
	    &left);
	int defs = doc_def_line(p, left);

	for (int l = l0 + 1; l <= l1; l++) {
		size_t i = 0, e;
		int indent;
		p = doc_at(w->cl, l, 1, &left);
		while (i < left && (p[i] == ' ' || p[i] == '\t' || p[i] == '>'))
			i++;
		if (i < left && (p[i] == '=' || p[i] == '-')) {
			/* A candidate: where does it start in the
			 * containers? */
			if (nanc == (size_t)-1)
				nanc = doc_ancestors(w, n, anc, ind);
			if (doc_line_content(w->cl, l, anc, ind, nanc, &i,
			    &indent) != 0 || indent >= 4) {
				defs = 0;
				continue;
			}
		}
		e = left;
		while (e > i && (p[e - 1] == ' ' || p[e - 1] == '\t'))
			e--;
		size_t k = i;
		while (k < e && (p[k] == '=' || p[k] == '-') && p[k] == p[i])
			k++;
		if (e > i && k == e && !defs)
			return l;
		defs = defs && doc_def_line(p, left);
	}
	return l1;
}

/* A table found on the source: header on hline, delimiter row next, body
 * rows to eline; off[k] is where line hline + k's content starts. */
struct tfound {
	int	 hline, eline;
	size_t	*off;
	size_t	 cut;		/* where the comment starts on hline (before
				   a task box the header follows) */
	int	 below;		/* hline is no first line: write the
				   comment in the delimiter row's
				   containers (hline may be lazy) */
	int	 esc_line;	/* a "[x]: url" line above it, or 0 */
	size_t	 esc_off;
	int	 rewrite;	/* replaced in cmark's input */
};

/* The block quotes and list items around n, outermost first, with the
 * content column of each item in ind[] (at most 64). */
static size_t
doc_ancestors(struct walker *w, cmark_node *n, cmark_node **anc, int *ind)
{
	size_t nanc = 0;
	cmark_node *p;

	for (p = cmark_node_parent(n); p != NULL; p = cmark_node_parent(p)) {
		cmark_node_type ty = cmark_node_get_type(p);
		if ((ty == CMARK_NODE_BLOCK_QUOTE || ty == CMARK_NODE_ITEM) &&
		    nanc < 64)
			anc[nanc++] = p;
	}
	for (size_t a = 0; a < nanc / 2; a++) {
		p = anc[a];
		anc[a] = anc[nanc - 1 - a];
		anc[nanc - 1 - a] = p;
	}
	for (size_t a = 0; a < nanc; a++)
		ind[a] = cmark_node_get_type(anc[a]) == CMARK_NODE_ITEM ?
		    doc_item_indent(w, anc[a]) : 0;
	return nanc;
}

/* Look for a table in paragraph or setext heading n (lines from its
 * start to its end; first_off: the byte where its first line's content
 * starts). Returns 1 and fills *t (off malloc'd) for the first one. */
static int
doc_find_table(struct walker *w, cmark_node *n, int heading, size_t first_off,
    struct tfound *t)
{
	struct checklist *cl = w->cl;
	int l0 = node_line(w, n), l1 = heading ? doc_setext_end(w, n) :
	    cmark_node_get_end_line(n) + w->line_off;
	int last = heading ? l1 - 1 : l1, found = 0;
	cmark_node *anc[64];
	int ind[64];
	size_t nanc = doc_ancestors(w, n, anc, ind), cnt = (size_t)(l1 - l0 + 1);
	size_t *off = xmalloc(cnt * sizeof(*off));
	signed char *st = xmalloc(cnt);
	int *indent = xmalloc(cnt * sizeof(*indent));
	struct table_span sp;
	for (int l = l0; l <= l1; l++) {
		size_t k = (size_t)(l - l0);
		if (l == l0) {
			off[k] = first_off;
			st[k] = 0;
			indent[k] = 0;
		} else {
			st[k] = (signed char)doc_line_content(cl, l, anc, ind,
			    nanc, &off[k], &indent[k]);
			/* A lazy line keeps the blanks before it in
			 * cmark-gfm's paragraph text: as a header row that
			 * starts with a pipe, it has an empty cell first. */
			size_t left;
			if (st[k] == 1 && indent[k] > 0 && *doc_at(cl, l,
			    (int)off[k] + 1, &left) == '|')
				off[k]--;
		}
	}
	for (int d = l0 + 1; d <= last && !found; d++) {
		size_t k = (size_t)(d - l0), hl, dl, hn, dn;
		const char *hp, *dp;

		if (st[k] != 0 || indent[k] >= 4)
			continue;
		dp = doc_at(cl, d, (int)off[k] + 1, &dl);
		if (!table_delim(dp, dl) || doc_dash_underline(dp, dl))
			continue;
		hp = doc_at(cl, d - 1, (int)off[k - 1] + 1, &hl);
		hn = table_row(hp, hl, &sp, 1);
		dn = table_row(dp, dl, &sp, 1);
		if (hn == 0 || hn != dn)
			continue;
		found = 1;
		t->hline = d - 1;
		/* A setext underline "===" is a row, and the rows go on
		 * past it into what cmark takes as the next paragraph. */
		int lmax = heading ? (int)cl->nlines : l1;
		size_t cap = cnt;
		for (d++; d <= lmax; d++) {
			k = (size_t)(d - l0);
			if (k >= cap) {
				off = xgrow(off, &cap, k + 1, sizeof(*off));
				cap = k + 1;
				st = realloc(st, cap);
				indent = realloc(indent, cap * sizeof(*indent));
				if (st == NULL || indent == NULL)
					abort();
				st[k] = (signed char)doc_line_content(cl, d,
				    anc, ind, nanc, &off[k], &indent[k]);
			}
			const char *rp = doc_at(cl, d, (int)off[k] + 1, &dl);
			if (st[k] != 0 || indent[k] >= 4 ||
			    doc_block_start(rp, dl) ||
			    table_row(rp, dl, &sp, 1) == 0)
				break;
		}
		t->eline = d - 1;
		t->rewrite = 0;
		t->esc_line = 0;
		t->cut = off[t->hline - l0];
		t->below = t->hline != l0;
		if (t->hline == l0)
			t->cut = (size_t)cmark_node_get_start_column(n) - 1;
		t->off = xmalloc((size_t)(t->eline - t->hline + 1) *
		    sizeof(*t->off));
		memcpy(t->off, off + (t->hline - l0), (size_t)(t->eline -
		    t->hline + 1) * sizeof(*t->off));
	}
	free(off);
	free(st);
	free(indent);
	return found;
}

/* The byte (from 0) where the content of paragraph or heading n starts
 * on its first line. */
static size_t
doc_first_off(struct walker *w, cmark_node *n)
{
	size_t off = (size_t)cmark_node_get_start_column(n) - 1, left;
	cmark_node *par = cmark_node_parent(n);
	struct boxinfo b;

	/* A task's first paragraph starts after its box, as GitHub's
	 * task-list extension consumes it. */
	if (par != NULL && cmark_node_get_type(par) == CMARK_NODE_ITEM &&
	    cmark_node_first_child(par) == n && doc_item_box(w, par, &b) &&
	    b.first && !b.quoted && b.blank_after && strchr(" xX", b.mark) &&
	    b.k == off) {
		const char *ls = doc_at(w->cl, b.line, 1, &left);
		for (off = b.k + 3; off < left && doc_spacechar(ls[off]); off++)
			;
	}
	return off;
}

/* Append the plain text of n's inlines to t as GitHub shows them: text
 * and code, <br> and line breaks as a blank, other raw HTML left out.
 * Returns whether n holds raw HTML. */
static int
doc_plain(struct buf *t, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	int html = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		const char *lit = cmark_node_get_literal(c);

		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if (lit != NULL)
				buf_puts(t, lit);
			break;
		case CMARK_NODE_HTML_INLINE:
			html = 1;
			if (lit != NULL && strncasecmp(lit, "<br", 3) == 0)
				buf_putc(t, ' ');
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(t, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return html;
}

/* The plain text of a cell's inlines (doc_plain). Cells are parsed
 * together, each as a paragraph "x CELL" (the "x " keeps a cell such as
 * "# a" or "1. b" from starting a block and is dropped again). */
static void
doc_cell_texts(struct checklist *cl, struct buf *md, struct table_cell **cells,
    size_t n)
{
	cmark_node *doc = cmark_parse_document(md->data, md->len, 0), *n0;
	struct buf t = {0};
	size_t k = 0;

	for (n0 = cmark_node_first_child(doc); n0 != NULL && k < n;
	    n0 = cmark_node_next(n0)) {
		buf_reset(&t);
		doc_plain(&t, n0);
		cells[k++]->text = t.len >= 2 ? arena_strndup(&cl->arena,
		    buf_cstr(&t) + 2, t.len - 2) : "";
	}
	while (k < n)
		cells[k++]->text = "";
	cmark_node_free(doc);
	buf_free(&t);
}

static int doc_setext(struct walker *, cmark_node *);

/* The line where the text of paragraph or setext heading n (lines l0 to
 * l1, a heading's underline included) starts: after the link reference
 * definitions cmark took from its start. (libcmark 0.30 gives such a
 * block the start of its definitions and its inlines positions counted
 * from there: count its lines instead.) */
static int
doc_text_line(cmark_node *n, int l0, int l1)
{
	int breaks = 0;

	/* One run of text (most blocks) has no break: no iterator. */
	if (doc_one_text(n) == NULL) {
		cmark_iter *pi = cmark_iter_new(n);

		while (cmark_iter_next(pi) != CMARK_EVENT_DONE) {
			cmark_node_type t =
			    cmark_node_get_type(cmark_iter_get_node(pi));
			breaks += (t == CMARK_NODE_SOFTBREAK ||
			    t == CMARK_NODE_LINEBREAK) &&
			    cmark_iter_get_event_type(pi) == CMARK_EVENT_ENTER;
		}
		cmark_iter_free(pi);
	}
	if (cmark_node_get_type(n) == CMARK_NODE_HEADING)
		breaks++;	/* the underline */
	return l1 - breaks > l0 ? l1 - breaks : l0;
}

/* Mark in cover[] the lines inside a block of cmark's tree (a definition
 * is not: cmark drops it). Setext headings end at their underline. */
static void
doc_cover(struct walker *w, unsigned char *cover)
{
	cmark_iter *it = cmark_iter_new(w->root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int l0, l1;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_THEMATIC_BREAK:
			l0 = node_line(w, n);
			/* A paragraph that started with definitions starts
			 * there for cmark: its text starts after them. */
			l1 = cmark_node_get_type(n) == CMARK_NODE_HEADING ?
			    (doc_setext(w, n) ? doc_setext_end(w, n) : l0) :
			    cmark_node_get_end_line(n) + w->line_off;
			if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH ||
			    (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
			    l1 > l0))
				l0 = doc_text_line(n, l0, l1);
			/* (libcmark 0.30 ends an HTML block a line early
			 * where its last line closes it.) */
			if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK &&
			    w->tfat != NULL && w->tfat[l0 - 1] > 0)
				l1 = w->tf[w->tfat[l0 - 1] - 1].eline;
			for (int l = l0; l <= l1; l++)
				if (l >= 1 && (size_t)l <= w->cl->nlines)
					cover[l - 1] = 1;
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* Append the document's link reference definitions ("[x]: url" lines
 * that cmark dropped from its tree) to md, after its cells, so that
 * "[x]" in a cell is the link it is in GitHub's table. */
static void
doc_refdefs(struct walker *w, struct buf *md)
{
	const struct checklist *cl = w->cl;
	unsigned char *cover;

	if (!doc_defs(w))
		return;
	cover = xcalloc(cl->nlines + 1, 1);
	doc_cover(w, cover);
	for (size_t l = (size_t)w->line_off + 1; l <= cl->nlines; l++) {
		size_t left, i = 0;
		const char *p = doc_at(cl, (int)l, 1, &left), *q;
		while (i < left && (p[i] == ' ' || p[i] == '>'))
			i++;
		if (i >= left || p[i] != '[' || (q = memchr(p + i, ']',
		    left - i)) == NULL || (size_t)(q - p) + 1 >= left ||
		    q[1] != ':' || cover[l - 1])
			continue;
		buf_put(md, p + i, left - i);
		buf_puts(md, "\n");
	}
	free(cover);
}

/* Is a cell's text its own plain text: no byte that can start an inline
 * (escape, code, emphasis, link, image, HTML, entity), no control byte
 * and valid UTF-8? Most cells are; they need no inline parse. */
static int
doc_cell_plain(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '<': case '&': case '!':
			return 0;
		default:
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				return 0;
		}
	}
	return utf8_invalid_find(s, n, 0) == n;
}

/* Add table t to the model: cells trimmed, \| unescaped, inlines
 * flattened, extra cells dropped, missing ones empty. */
static void
doc_table_record(struct walker *w, const struct tfound *t)
{
	struct checklist *cl = w->cl;
	struct table *tb;
	struct table_span *sp;
	struct buf *md = &w->cellmd;
	size_t left, ncols;
	const char *p;
	int nrows = t->eline - t->hline - 1;

	p = doc_at(cl, t->hline, (int)t->off[0] + 1, &left);
	ncols = table_row(p, left, NULL, 0);
	sp = xmalloc(ncols * sizeof(*sp));
	cl->tables = xgrow(cl->tables, &cl->cap_[CAP_TABLE], cl->ntables + 1,
	    sizeof(*cl->tables));
	tb = &cl->tables[cl->ntables++];
	tb->line = t->hline;
	tb->col = checklist_col(cl, t->hline, (int)t->off[0] + 1);
	tb->end_line = t->eline;
	tb->section = w->section;
	tb->ncols = (int)ncols;
	tb->nrows = nrows;
	tb->cells = arena_alloc(&cl->arena, (size_t)(nrows + 1) * ncols *
	    sizeof(*tb->cells));
	tb->align = arena_alloc(&cl->arena, ncols);
	p = doc_at(cl, t->hline + 1, (int)t->off[1] + 1, &left);
	table_row(p, left, sp, ncols);
	for (size_t c = 0; c < ncols; c++)
		tb->align[c] = table_align(p + sp[c].off, sp[c].len);
	for (int r = 0; r <= nrows; r++) {
		int line = r == 0 ? t->hline : t->hline + 1 + r;
		size_t o = t->off[line - t->hline], got;

		p = doc_at(cl, line, (int)o + 1, &left);
		got = table_row(p, left, sp, ncols);
		doc_directives(w, p, left, line);
		for (size_t c = 0; c < ncols; c++) {
			struct table_cell *cell = &tb->cells[(size_t)r * ncols +
			    c];
			size_t a, z;

			cell->line = line;
			cell->text = "";
			if (c >= got) {
				cell->col = checklist_col(cl, line,
				    (int)(o + left) + 1);
				continue;
			}
			a = sp[c].off;
			z = a + sp[c].len;
			while (a < z && isspace((unsigned char)p[a]))
				a++;
			while (z > a && isspace((unsigned char)p[z - 1]))
				z--;
			if (a == z) {
				cell->col = checklist_col(cl, line,
				    (int)(o + sp[c].pipe) + 1);
				continue;
			}
			cell->col = checklist_col(cl, line, (int)(o + a) + 1);
			if (doc_cell_plain(p + a, z - a)) {
				cell->text = arena_strndup(&cl->arena, p + a,
				    z - a);
				continue;
			}
			buf_puts(md, "x ");
			for (size_t i = a; i < z; i++)
				if (!(p[i] == '\\' && i + 1 < z &&
				    p[i + 1] == '|'))
					buf_putc(md, p[i]);
			buf_puts(md, "\n\n");
			w->cells = xgrow(w->cells, &w->capcells, w->ncells + 1,
			    sizeof(*w->cells));
			w->cells[w->ncells++] = cell;
		}
	}
	free(sp);
}

/* Is HTML block n a table rewritten in cmark's input? Then add it to the
 * model with a table block of its rows' source text. */
static int
doc_table_html(struct walker *w, cmark_node *n)
{
	int line = node_line(w, n);

	if (w->tfat == NULL || line < 1 || (size_t)line > w->cl->nlines ||
	    w->tfat[line - 1] == 0)
		return 0;
	{
		const struct tfound *t = &w->tf[w->tfat[line - 1] - 1];
		if (!t->rewrite || t->hline != line)
			return 0;
		doc_table_record(w, t);
		buf_reset(&w->text);
		w->seg0 = w->cl->nsegs;
		for (int l = t->hline; l <= t->eline; l++) {
			size_t left, o = t->off[l - t->hline];
			const char *p = doc_at(w->cl, l, (int)o + 1, &left);
			if (l > t->hline)
				buf_putc(&w->text, '\n');
			doc_seg(w, w->text.len, l - w->line_off, (int)o + 1);
			buf_put(&w->text, p, left);
		}
		doc_block(w, BLOCK_TABLE, n, 0, -1);
		return 1;
	}
	return 0;
}

/* Is any line from l0 to l1 a delimiter row? */
static int
doc_pipes(const struct walker *w, int l0, int l1)
{
	size_t n = w->cl->nlines;

	if (w->pipes == NULL || l1 < l0 || l1 < 1 || (size_t)l0 > n)
		return 0;
	l0 = l0 < 1 ? 1 : l0;
	l1 = (size_t)l1 > n ? (int)n : l1;
	return w->pipes[l1] > w->pipes[l0 - 1];
}

/* Count the lines that are delimiter rows into w->pipes (NULL when none
 * is: no table is possible), found from their '|' or ':' (":-:" under
 * "a"). */
static void
doc_scan_pipes(struct walker *w)
{
	const struct checklist *cl = w->cl;
	const char *end = cl->src + cl->srclen;
	static const char seek[] = "|:";
	unsigned char *row = NULL;	/* per line: a delimiter row */

	for (const char *c = seek; *c; c++) {
		const char *p = cl->src;
		size_t l = 0;

		while ((p = memchr(p, *c, (size_t)(end - p))) != NULL) {
			size_t off = (size_t)(p - cl->src), left, i = 0;
			const char *ls;
			while (l + 1 < cl->nlines && cl->lines[l + 1] <= off)
				l++;
			ls = doc_at(cl, (int)l + 1, 1, &left);
			while (i < left && (ls[i] == ' ' || ls[i] == '\t' ||
			    ls[i] == '>'))
				i++;
			if (table_delim(ls + i, left - i)) {
				if (row == NULL)
					row = xcalloc(cl->nlines, 1);
				row[l] = 1;
			}
			p = cl->src + (l + 1 < cl->nlines ? cl->lines[l + 1] :
			    cl->srclen);
		}
	}
	if (row != NULL) {	/* doc_pipes asks of any range at once */
		w->pipes = xmalloc((cl->nlines + 1) * sizeof(*w->pipes));
		w->pipes[0] = 0;
		for (size_t l = 0; l < cl->nlines; l++)
			w->pipes[l + 1] = w->pipes[l] + row[l];
		free(row);
	}
}

/* Is n a setext heading (its line does not start with '#')? */
static int
doc_setext(struct walker *w, cmark_node *n)
{
	size_t left;
	const char *p = doc_at(w->cl, node_line(w, n),
	    cmark_node_get_start_column(n), &left);

	return cmark_node_get_end_line(n) > cmark_node_get_start_line(n) ||
	    left == 0 || *p != '#';
}

/* Index the changes and rewritten tables by line (so that a document of
 * many changes costs no more than one of a few). */
static void
doc_reindex(struct walker *w)
{
	size_t n = w->cl->nlines;

	if (w->fixat == NULL)
		w->fixat = xcalloc(n, sizeof(*w->fixat));
	if (w->tfat == NULL)
		w->tfat = xcalloc(n, sizeof(*w->tfat));
	if (w->piece_end > 0) {
		/* A piece's fixes are on its own lines (doc_pieces). */
		size_t l0 = (size_t)w->line_off;
		memset(w->fixat + l0, 0, (w->piece_end - l0) *
		    sizeof(*w->fixat));
	} else {
		memset(w->fixat, 0, n * sizeof(*w->fixat));
		memset(w->tfat, 0, n * sizeof(*w->tfat));
	}
	for (size_t i = 0; i < w->nboxfix; i++)
		w->fixat[w->boxfix[i] - 1] = (int)i + 1;
	for (size_t i = 0; i < w->ntf; i++)
		for (int l = w->tf[i].hline; w->tf[i].rewrite &&
		    l <= w->tf[i].eline; l++)
			w->tfat[l - 1] = (int)i + 1;
}

/* Note line's change from byte off in cmark's input; returns 1 when it
 * is new. */
static size_t
doc_fix(struct walker *w, int line, size_t off, int kind)
{
	if (line < 1 || (size_t)line > w->cl->nlines)
		return 0;
	if (w->fixat == NULL)
		w->fixat = xcalloc(w->cl->nlines, sizeof(*w->fixat));
	if (w->fixat[line - 1] != 0)
		return 0;
	w->fixat[line - 1] = (int)w->nboxfix + 1;
	w->boxfix = xgrow(w->boxfix, &w->capboxfix, w->nboxfix + 1,
	    sizeof(*w->boxfix));
	w->boxfix_off = xgrow(w->boxfix_off, &w->capboxfix_off,
	    w->nboxfix + 1, sizeof(*w->boxfix_off));
	w->boxfix_kind = xgrow(w->boxfix_kind, &w->capboxfix_kind,
	    w->nboxfix + 1, sizeof(*w->boxfix_kind));
	w->boxfix_seen = xgrow(w->boxfix_seen, &w->capboxfix_seen,
	    w->nboxfix + 1, sizeof(*w->boxfix_seen));
	w->boxfix_seen[w->nboxfix] = 1;	/* seen: found on this tree */
	w->boxfix[w->nboxfix] = line;
	w->boxfix_off[w->nboxfix] = off;
	w->boxfix_kind[w->nboxfix++] = (unsigned char)kind;
	return 1;
}

/* A task box with nothing after it but blanks ends GitHub's item there
 * (the item is empty; a lazy line, a "  ---" or "  2. b" below it is no
 * continuation of a paragraph): note list item n's box to be replaced in
 * cmark's input, by blanks when a blank line follows (an empty item ends
 * there) unless the item interrupts a paragraph (an empty one cannot),
 * else by an empty HTML comment. Returns 1 when it is new. */
static size_t
doc_box_prepass(struct walker *w, cmark_node *n)
{
	struct boxinfo b;
	cmark_node *kid = cmark_node_first_child(n);

	if (!w->boxcand || !doc_item_box(w, n, &b) || !b.first || b.quoted ||
	    !b.blank_after || !b.rest_blank || b.mark == '\t' ||
	    kid == NULL || node_line(w, kid) != b.line ||
	    (size_t)cmark_node_get_start_column(kid) != b.k + 1)
		return 0;
	{
		size_t left, i;
		/* It may interrupt a paragraph (or a paragraph of link
		 * definitions, which cmark drops) unless a blank line is
		 * above it. */
		const char *pv = doc_at(w->cl, b.line - 1, 1, &left);
		int interrupts = 0;
		for (i = 0; b.line > 1 && i < left; i++)
			if (!doc_spacechar(pv[i]) && pv[i] != '>')
				interrupts = 1;
		const char *nx = doc_at(w->cl, b.line + 1, 1, &left);
		int blank_next = (size_t)b.line >= w->cl->nlines;
		for (i = 0; !blank_next; i++)
			if (i == left)
				blank_next = 1;
			else if (!doc_spacechar(nx[i]) && nx[i] != '>')
				break;
		if (blank_next && interrupts && (size_t)b.line < w->cl->nlines)
			/* The comment keeps the item open past the blank
			 * line, where GitHub's empty item ends: end it. */
			doc_fix(w, b.line + 1, (size_t)cmark_node_get_start_column(n)
			    - 1, FIX_CLOSE);
		return doc_fix(w, b.line, b.k, blank_next && !interrupts ?
		    FIX_BLANKS : FIX_COMMENT);
	}
}

/* Does a line end in "]" and blanks (a box with nothing after it); does
 * one start with '<' under a line of text? */
static void
doc_scan_cands(struct walker *w)
{
	const struct checklist *cl = w->cl;
	int prev = 0;		/* the line above holds text */

	for (size_t l = 0; l < cl->nlines; l++) {
		size_t start = cl->lines[l], e = cl->lend[l], i = start;
		int text;
		while (i < e && (cl->src[i] == ' ' || cl->src[i] == '\t' ||
		    cl->src[i] == '>'))
			i++;
		text = i < e;
		/* A lazy line continues the line above. */
		if (i < e && cl->src[i] == '<' && prev) {
			if (w->lt == NULL)
				w->lt = xcalloc(cl->nlines, 1);
			w->lt[l] = 1;
			w->htmlcand = 1;
		}
		prev = text;
		if (e == start || !doc_spacechar(cl->src[e - 1]))
			continue;
		while (e > start && doc_spacechar(cl->src[e - 1]))
			e--;
		if (e > start && cl->src[e - 1] == ']')
			w->boxcand = 1;
	}
}

static int doc_line_blank(const struct checklist *, size_t);

/* The last line of item or block quote c when no child of c covers it
 * (text cmark read as link reference definitions: not in its tree), or
 * 0. */
static int
doc_defs_after(struct walker *w, cmark_node *c)
{
	cmark_node_type ty = cmark_node_get_type(c);
	cmark_node *last = cmark_node_last_child(c);
	int l1 = cmark_node_get_end_line(c) + w->line_off;

	if (ty != CMARK_NODE_ITEM && ty != CMARK_NODE_BLOCK_QUOTE)
		return 0;
	if (last != NULL && cmark_node_get_end_line(last) + w->line_off >= l1)
		return 0;
	if (last == NULL && node_line(w, c) >= l1)
		return 0;
	if (l1 < 1 || (size_t)l1 > w->cl->nlines ||
	    doc_line_blank(w->cl, (size_t)l1 - 1))
		return 0;
	return l1;
}

/* The block quotes and list items around a line inside c, c included
 * (doc_ancestors). */
static size_t
doc_containers(struct walker *w, cmark_node *c, cmark_node **anc, int *ind)
{
	size_t nanc = doc_ancestors(w, c, anc, ind);

	if (nanc < 64) {
		anc[nanc] = c;
		ind[nanc] = cmark_node_get_type(c) == CMARK_NODE_ITEM ?
		    doc_item_indent(w, c) : 0;
		nanc++;
	}
	return nanc;
}

/* Is HTML block n one made of a lazy tag line (FIX_DIV) that is still
 * lazy after paragraph p, the last one before it? Then it is seen. */
static void
doc_lazy_html_check(struct walker *w, cmark_node *n, cmark_node *p)
{
	int line = node_line(w, n);
	cmark_node *anc[64];
	int ind[64];
	size_t nanc, off;
	int indent;

	if (w->fixat != NULL && line >= 1 && (size_t)line <= w->cl->nlines &&
	    w->fixat[line - 1] > 0) {
		size_t i = (size_t)w->fixat[line - 1] - 1;
		if (w->boxfix_kind[i] != FIX_DIV)
			return;
		if (p == NULL || cmark_node_get_end_line(p) + w->line_off !=
		    line - 1) {
			/* Or the text above is definitions only (no
			 * paragraph for cmark), at the end of an item or
			 * block quote. */
			cmark_node *c = cmark_node_previous(n);
			while (c != NULL && cmark_node_get_type(c) ==
			    CMARK_NODE_LIST)
				c = cmark_node_last_child(c);
			while (c != NULL && cmark_node_last_child(c) != NULL &&
			    doc_defs_after(w, c) == 0)
				c = cmark_node_last_child(c);
			if (c == NULL || doc_defs_after(w, c) != line - 1)
				return;
			nanc = doc_containers(w, c, anc, ind);
		} else
			nanc = doc_ancestors(w, p, anc, ind);
		if (nanc > 0 && doc_line_content(w->cl, line, anc, ind, nanc,
		    &off, &indent) == 1)
			w->boxfix_seen[i] = 1;
		return;
	}
}

/* A lazy tag line that cmark took into a definition at the end of item or
 * block quote c (doc_defs_after): cmark-gfm 0.29 ends the paragraph
 * there with an HTML block, so the definition has no destination. Make
 * the line a block start for libcmark too (as doc_lazy_html_prepass). */
static size_t
doc_lazy_html_defs(struct walker *w, cmark_node *c)
{
	cmark_node *anc[64];
	int ind[64], l1 = doc_defs_after(w, c), l, indent;
	size_t nanc = 0, off, left;

	if (l1 == 0)
		return 0;
	/* The run of text lines that ends there, top down. */
	for (l = l1; l > node_line(w, c) && !doc_line_blank(w->cl,
	    (size_t)l - 2); l--)
		;
	for (l++; l <= l1; l++) {
		const char *p;
		if (!w->lt[l - 1])
			continue;
		if (nanc == 0)
			nanc = doc_containers(w, c, anc, ind);
		if (doc_line_content(w->cl, l, anc, ind, nanc, &off, &indent)
		    != 1 || indent >= 4)
			continue;
		p = doc_at(w->cl, l, (int)off + 1, &left);
		if (left > 0 && *p == '<' && doc_html_start(p, left))
			return doc_fix(w, l, off, FIX_DIV);
	}
	return 0;
}

/* cmark-gfm 0.29 lets a lazy line that is one HTML tag start an HTML
 * block (libcmark 0.30 continues the paragraph): make such a line of
 * paragraph or setext heading n (above its underline) a block start for
 * libcmark too. */
static size_t
doc_lazy_html_prepass(struct walker *w, cmark_node *n)
{
	int l0 = node_line(w, n), l1 = cmark_node_get_type(n) ==
	    CMARK_NODE_HEADING ? doc_setext_end(w, n) - 1 :
	    cmark_node_get_end_line(n) + w->line_off;
	cmark_node *anc[64];
	int ind[64], l;
	size_t nanc, added = 0;

	if (l1 == l0)
		return 0;
	for (l = l0 + 1; l <= l1 && !w->lt[l - 1]; l++)
		;
	if (l > l1)
		return 0;	/* no line starts with '<' */
	nanc = doc_ancestors(w, n, anc, ind);
	if (nanc == 0)
		return 0;
	for (l = l0 + 1; l <= l1; l++) {
		size_t off, left;
		int indent;
		const char *p;
		if (!w->lt[l - 1])
			continue;
		/* (Indented 4 or more past the containers it continues,
		 * it starts no block.) */
		if (doc_line_content(w->cl, l, anc, ind, nanc, &off, &indent)
		    != 1 || indent >= 4)
			continue;
		p = doc_at(w->cl, l, (int)off + 1, &left);
		if (left > 0 && *p == '<' && doc_html_start(p, left)) {
			added += doc_fix(w, l, off, FIX_DIV);
			break;
		}
	}
	return added;
}

/* Does paragraph n start with its list item's box (an N/A or quoted
 * task's text: a table there must be rewritten to be seen)? */
static int
doc_box_para(struct walker *w, cmark_node *n)
{
	cmark_node *par = cmark_node_parent(n);
	struct boxinfo b;

	return par != NULL && cmark_node_get_type(par) == CMARK_NODE_ITEM &&
	    cmark_node_first_child(par) == n && doc_item_box(w, par, &b) &&
	    b.k + 1 == (size_t)cmark_node_get_start_column(n);
}

/*
 * Tables inside what cmark took as link reference definitions: a
 * delimiter row on a line no block of doc covers ("[x]:" then ":-", the
 * row being the definition's destination). GitHub's table extension sees
 * the row while the paragraph is open, before definitions are read, so
 * the line above is its header. The first line of the run of definitions
 * gets its '[' escaped, so that cmark keeps the lines as a paragraph and
 * the next pass finds the table there. Adds each to w->tf (no rewrite of
 * its own: only the escape).
 */
static void
doc_def_tables(struct walker *w, cmark_node *doc)
{
	const struct checklist *cl = w->cl;
	unsigned char *cover = NULL;
	struct table_span sp;

	if (!doc_defs(w))
		return;
	for (size_t d = (size_t)w->line_off + 2; d <= cl->nlines; d++) {
		size_t left, hl, i = 0, s;
		const char *p, *hp;

		if (!doc_pipes(w, (int)d, (int)d))
			continue;
		if (cover == NULL) {
			cover = xcalloc(cl->nlines + 1, 1);
			w->root = doc;
			doc_cover(w, cover);
		}
		if (cover[d - 1] || cover[d - 2])
			continue;
		/* The run of uncovered, non-blank lines above the row. */
		for (s = d - 1; s > (size_t)w->line_off + 1 && !cover[s - 2];
		    s--) {
			p = doc_at(cl, (int)s - 1, 1, &left);
			while (left > 0 && (*p == ' ' || *p == '\t')) {
				p++;
				left--;
			}
			if (left == 0)
				break;
		}
		/* Where its content starts: after blanks, '>' and list
		 * markers. */
		p = doc_at(cl, (int)s, 1, &left);
		for (;;) {
			size_t j = i;
			while (j < left && (p[j] == ' ' || p[j] == '\t' ||
			    p[j] == '>'))
				j++;
			if (j < left && (p[j] == '-' || p[j] == '*' ||
			    p[j] == '+') && j + 1 < left && p[j + 1] == ' ')
				j += 2;
			else if (j < left && isdigit((unsigned char)p[j])) {
				size_t k = j;
				while (k < left && isdigit((unsigned char)p[k]))
					k++;
				if (k + 1 < left && (p[k] == '.' || p[k] == ')')
				    && p[k + 1] == ' ')
					j = k + 2;
			}
			if (j == i)
				break;
			i = j;
		}
		if (i >= left || p[i] != '[')
			continue;
		/* Header and delimiter row with as many cells (their
		 * container prefixes taken as blanks and '>'). */
		hp = doc_at(cl, (int)d - 1, 1, &hl);
		p = doc_at(cl, (int)d, 1, &left);
		while (left > 0 && (*p == ' ' || *p == '\t' || *p == '>')) {
			p++;
			left--;
		}
		while (hl > 0 && (*hp == ' ' || *hp == '\t' || *hp == '>')) {
			hp++;
			hl--;
		}
		if (d - 1 == s)
			hp = doc_at(cl, (int)s, (int)i + 1, &hl);
		if (doc_dash_underline(p, left) || table_row(hp, hl, &sp, 1) !=
		    table_row(p, left, &sp, 1))
			continue;
		struct tfound t = {0};
		t.hline = (int)d - 1;
		t.eline = (int)d;
		t.esc_line = (int)s;
		t.esc_off = i;
		w->tf = xgrow(w->tf, &w->captf, w->ntf + 1, sizeof(*w->tf));
		w->tf[w->ntf++] = t;
	}
	free(cover);
}

/* Is a line after l0 and before line h of paragraph n a setext underline
 * ('-' or '=' only, in n's containers, indented less than 4)? Under
 * definitions only (cmark's paragraph went on past it) GitHub read them
 * as definitions there, before any table: they are no text. */
static int
doc_underline_above(struct walker *w, cmark_node *n, int l0, int h)
{
	cmark_node *anc[64];
	int ind[64];
	size_t nanc = (size_t)-1;

	for (int l = l0 + 1; l < h; l++) {
		size_t left, i = 0, e;
		int indent;
		const char *p = doc_at(w->cl, l, 1, &left);
		while (i < left && (p[i] == ' ' || p[i] == '\t' || p[i] == '>'))
			i++;
		if (i == left || (p[i] != '-' && p[i] != '='))
			continue;
		if (nanc == (size_t)-1)
			nanc = doc_ancestors(w, n, anc, ind);
		if (doc_line_content(w->cl, l, anc, ind, nanc, &i, &indent) !=
		    0 || indent >= 4)
			continue;
		for (e = i; e < left && p[e] == p[i]; e++)
			;
		while (e < left && (p[e] == ' ' || p[e] == '\t'))
			e++;
		if (e == left)
			return 1;
	}
	return 0;
}

/* Does table t end right above its setext heading's underline (line l1),
 * a thematic break for GitHub ("---": no row)? Then the blocks after it
 * are the same for GitHub and cmark: the table changes nothing below. */
static int
doc_table_rule(struct walker *w, int heading, const struct tfound *t, int l1)
{
	size_t left, i = 0, k = 0;
	const char *p;

	if (!heading || t->eline != l1 - 1)
		return 0;
	p = doc_at(w->cl, l1, 1, &left);
	for (; i < left && (p[i] == ' ' || p[i] == '\t' || p[i] == '>' ||
	    p[i] == '-'); i++)
		k += p[i] == '-';
	return k >= 3;
}

/* Where the blocks of cmark's tree are GitHub's again after table t of
 * paragraph n, which ends before the paragraph does: the line before the
 * first line Q that follows a blank line (which ends every paragraph and
 * block quote) and continues no list item that is open in one parse and
 * not in the other. Those are an item that a line from the table's end to
 * that blank line may start (its content starts 2 or more columns right
 * of the leftmost such line, at column m), and an item around n that such
 * a line at column m ends for GitHub (no lazy line after a table) but not
 * for cmark: Q is left of both. Returns -1 when there is no such line. */
static int
doc_table_settle(struct walker *w, cmark_node *n, const struct tfound *t)
{
	int blank = 0, seen = 0, m = INT_MAX, lim = INT_MAX;

	for (int b = t->eline + 1; b <= (int)w->cl->nlines; b++) {
		size_t left, i = 0;
		const char *p = doc_at(w->cl, b, 1, &left);
		while (i < left && (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i == left) {
			if (!seen) {
				lim = m < INT_MAX ? m + 2 : INT_MAX;
				for (cmark_node *a = cmark_node_parent(n);
				    a != NULL; a = cmark_node_parent(a)) {
					if (cmark_node_get_type(a) !=
					    CMARK_NODE_ITEM)
						continue;
					int c = doc_item_indent(w, a);
					if (c > m && c < lim)
						lim = c;
				}
			}
			blank = seen = 1;
			continue;
		}
		int v = doc_vcol(p, i);
		if (blank && v < lim)
			return b - 1;
		if (!seen && v < m)
			m = v;
		blank = 0;
	}
	return -1;
}

/* Find the tables that cmark's tree gets wrong: a table that is not a
 * whole paragraph of its own. Each new one is added to w->tf for the
 * input to be rewritten; returns how many. A table that ends before its
 * paragraph does changes what the lines after it are (a lazy line that
 * continued the paragraph starts a block of its own, and the line after
 * that may no longer open a list, or open one that goes on past a blank
 * line): the tables after it, up to where the blocks are the same again
 * (doc_table_settle), wait for the next pass, on the tree made without
 * it. */
static size_t
doc_table_prepass(struct walker *w, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	size_t added = 0, ntf0 = w->ntf;
	cmark_node *lastpara = NULL;
	int settle = 0;		/* tables wait up to this line */

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type ty = cmark_node_get_type(n);
		struct tfound t;
		int heading = ty == CMARK_NODE_HEADING, l0, l1, dup = 0;

		/* A list, item or block quote without a delimiter row in its
		 * lines: with no box or lazy-tag candidate and no change yet,
		 * every case below passes over all it holds (most lists of a
		 * checklist). On past its exit, which nothing reads. */
		if (ev == CMARK_EVENT_ENTER && !w->boxcand && !w->htmlcand &&
		    w->fixat == NULL && (ty == CMARK_NODE_LIST ||
		    ty == CMARK_NODE_ITEM || ty == CMARK_NODE_BLOCK_QUOTE) &&
		    !doc_pipes(w, node_line(w, n),
		    cmark_node_get_end_line(n) + w->line_off)) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		if (ev == CMARK_EVENT_ENTER && ty == CMARK_NODE_ITEM) {
			int il = node_line(w, n);
			if (w->fixat != NULL && il >= 1 &&
			    (size_t)il <= w->cl->nlines && w->fixat[il - 1])
				w->boxfix_seen[w->fixat[il - 1] - 1] = 1;
			added += doc_box_prepass(w, n);
			if (w->htmlcand)
				added += doc_lazy_html_defs(w, n);
			continue;
		}
		if (ev == CMARK_EVENT_ENTER && ty == CMARK_NODE_BLOCK_QUOTE &&
		    w->htmlcand)
			added += doc_lazy_html_defs(w, n);
		if (ev == CMARK_EVENT_ENTER && ty == CMARK_NODE_PARAGRAPH)
			lastpara = n;
		if (ev == CMARK_EVENT_ENTER && ty == CMARK_NODE_HTML_BLOCK)
			doc_lazy_html_check(w, n, lastpara);
		if (ev == CMARK_EVENT_ENTER && (ty == CMARK_NODE_PARAGRAPH ||
		    (heading && doc_setext(w, n))) && w->htmlcand)
			added += doc_lazy_html_prepass(w, n);
		if (ev != CMARK_EVENT_ENTER || (ty != CMARK_NODE_PARAGRAPH &&
		    !heading) || w->pipes == NULL)
			continue;
		if (settle != 0 && (settle < 0 || node_line(w, n) <= settle))
			continue;
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		l0 = node_line(w, n);
		if (heading && !doc_setext(w, n))
			continue;
		l1 = heading ? doc_setext_end(w, n) :
		    cmark_node_get_end_line(n) + w->line_off;
		if (l1 == l0 || !doc_pipes(w, l0, l1) ||
		    !doc_find_table(w, n, heading, doc_first_off(w, n), &t))
			continue;
		/* A table that is the whole paragraph is seen as it is,
		 * unless its header is a link reference definition for
		 * cmark: GitHub's table takes the line first (escaped
		 * below, so that cmark keeps it as text too). */
		if (!heading && t.hline == l0 && t.eline == l1 &&
		    t.off[0] == t.cut && !doc_box_para(w, n) &&
		    doc_text_line(n, l0, l1) == l0) {
			free(t.off);
			continue;
		}
		dup = w->tfat != NULL && w->tfat[t.hline - 1] > 0 &&
		    w->tf[w->tfat[t.hline - 1] - 1].hline == t.hline;
		if (dup) {
			free(t.off);
			continue;
		}
		t.rewrite = t.hline != l0 || t.eline != l1 ||
		    t.off[0] != t.cut || heading || doc_box_para(w, n);
		t.esc_line = 0;
		if (t.hline > l0 || !t.rewrite) {
			/* Text above the header: GitHub's paragraph, where
			 * a "[x]: url" line defines nothing; or the header
			 * itself. */
			size_t left, o = doc_first_off(w, n);
			const char *p = doc_at(w->cl, l0, (int)o + 1, &left);
			const char *q = left ? memchr(p, ']', left) : NULL;
			if (left && *p == '[' && q != NULL && (size_t)(q - p) + 1 <
			    left && q[1] == ':' &&
			    !doc_underline_above(w, n, l0, t.hline)) {
				t.esc_line = l0;
				t.esc_off = o;
			}
		}
		if (!t.rewrite && t.esc_line == 0) {
			free(t.off);
			continue;
		}
		w->tf = xgrow(w->tf, &w->captf, w->ntf + 1, sizeof(*w->tf));
		w->tf[w->ntf++] = t;
		if (t.rewrite && t.eline != l1 && settle >= 0 &&
		    !doc_table_rule(w, heading, &t, l1))
			settle = doc_table_settle(w, n, &t);
	}
	cmark_iter_free(it);
	if (w->pipes != NULL)
		doc_def_tables(w, doc);
	/* A box replaced on a line that is no list item any more (a
	 * paragraph's text since an item above it became empty): put it
	 * back, with the line that ended its item. */
	size_t j = 0;
	for (size_t i = 0; i < w->nboxfix; i++) {
		int kind = w->boxfix_kind[i], gone = !w->boxfix_seen[i] &&
		    (kind == FIX_BLANKS || kind == FIX_COMMENT ||
		    kind == FIX_DIV);
		if (kind == FIX_CLOSE) {
			int k = w->fixat[w->boxfix[i] - 2];
			gone = k > 0 && !w->boxfix_seen[k - 1];
		}
		if (gone) {
			added++;
			continue;
		}
		w->boxfix[j] = w->boxfix[i];
		w->boxfix_off[j] = w->boxfix_off[i];
		w->boxfix_kind[j++] = (unsigned char)kind;
	}
	w->nboxfix = j;
	if (j > 0)	/* memset(NULL, 0, 0) is undefined */
		memset(w->boxfix_seen, 0, j);
	doc_reindex(w);
	/* Tables are found on a tree whose boxes are settled: while boxes
	 * change, this pass's tables wait for the next one. */
	for (size_t i = ntf0; i < w->ntf; i++) {
		if (added > 0) {
			free(w->tf[i].off);
			continue;
		}
		if (w->tf[i].esc_line > 0)
			doc_fix(w, w->tf[i].esc_line, w->tf[i].esc_off, FIX_ESC);
	}
	if (added > 0)
		w->ntf = ntf0;
	else
		added = w->ntf - ntf0;
	if (w->nboxfix > 0)	/* memset(NULL, 0, 0) is undefined */
		memset(w->boxfix_seen, 0, w->nboxfix);
	doc_reindex(w);
	return added;
}

/* cmark's input with every rewritten table replaced by an HTML comment
 * on the same lines: "<!--" where the header's content starts, "x" on
 * the rows between, "-->" on the last. Lines keep their container
 * prefixes, so the blocks around the table stay as they are. */
static char *
doc_rewrite(struct walker *w, size_t body, size_t *outlen)
{
	const struct checklist *cl = w->cl;
	struct buf b = {0};
	size_t l0 = (size_t)w->line_off;	/* index of the first line */
	char *s;

	size_t lend = w->piece_end > 0 ? w->piece_end : cl->nlines;

	for (size_t l = l0; l < lend; l++) {
		size_t start = cl->lines[l], end = l + 1 < cl->nlines ?
		    cl->lines[l + 1] : cl->srclen, e = end;
		const char *rep = NULL;
		size_t off = 0;
		int box = 0;

		if (start < body)
			continue;
		if (w->tfat != NULL && w->tfat[l] > 0) {
			const struct tfound *t = &w->tf[w->tfat[l] - 1];
			int line = (int)l + 1;
			off = line == t->hline ? t->cut : t->off[line - t->hline];
			rep = line == t->hline ? "<!--" : line == t->eline ?
			    "-->" : "x";
			if (line == t->hline && t->below) {
				/* The delimiter row's container prefix. */
				buf_put(&b, cl->src + cl->lines[l + 1],
				    t->off[1]);
				buf_puts(&b, rep);
				while (e > start && (cl->src[e - 1] == '\n' ||
				    cl->src[e - 1] == '\r'))
					e--;
				buf_put(&b, cl->src + e, end - e);
				continue;
			}
		}
		if (rep == NULL && w->fixat != NULL && w->fixat[l] > 0) {
			size_t i = (size_t)w->fixat[l] - 1;
			static const char *const fixes[] = { "   ",
			    "<!---->", "<div>", "<!---->", "\\[" };
			off = w->boxfix_off[i];
			rep = fixes[w->boxfix_kind[i]];
			e = start + off + (w->boxfix_kind[i] ==
			    FIX_DIV ? 0 : w->boxfix_kind[i] == FIX_ESC ? 1 :
			    3);
			box = 1;
			if (w->boxfix_kind[i] == FIX_CLOSE) {
				/* The item line's indentation. */
				buf_put(&b, cl->src + cl->lines[l - 1],
				    off);
				buf_puts(&b, rep);
				e = start;
				while (e < end && cl->src[e] != '\n' &&
				    cl->src[e] != '\r')
					e++;
				buf_put(&b, cl->src + e, end - e);
				box = 2;
			}
		}
		if (rep == NULL) {
			buf_put(&b, cl->src + start, end - start);
			continue;
		}
		if (box == 2)
			continue;
		if (box) {
			buf_put(&b, cl->src + start, off);
			buf_puts(&b, rep);
			if (rep[0] == '<' && rep[1] == 'd') {
				/* The tag becomes "<div>": drop the rest of
				 * its line (blanks) but not the line end. */
				e = end;
				while (e > start + off && (cl->src[e - 1] ==
				    '\n' || cl->src[e - 1] == '\r'))
					e--;
			}
			buf_put(&b, cl->src + e, end - e);
			continue;
		}
		while (e > start && (cl->src[e - 1] == '\n' ||
		    cl->src[e - 1] == '\r'))
			e--;
		buf_put(&b, cl->src + start, off);
		buf_puts(&b, rep);
		buf_put(&b, cl->src + e, end - e);
	}
	*outlen = b.len;
	s = xmalloc(b.len + 1);
	memcpy(s, buf_cstr(&b), b.len + 1);
	buf_free(&b);
	return s;
}

/* ---- the walk ---- */

/* A heading's title: its block text (which pattern rules read, raw HTML
 * and all) without raw inline HTML, a <br> as a blank; skip: the bytes of
 * a task box before it. The block text itself when doc_flatten met no
 * raw HTML (most headings). */
static const char *
doc_title(struct walker *w, cmark_node *n, const char *text, size_t skip)
{
	struct buf t = {0};
	const char *title = text;

	if (!w->html)
		return title;
	if (doc_plain(&t, n)) {
		skip = skip < t.len ? skip : t.len;
		title = arena_strndup(&w->cl->arena, buf_cstr(&t) + skip,
		    t.len - skip);
	}
	buf_free(&t);
	return title;
}

static void
doc_heading(struct walker *w, cmark_node *n)
{
	struct checklist *cl = w->cl;
	struct section *s;
	int level = cmark_node_get_heading_level(n), idx;
	cmark_node *par = cmark_node_parent(n);
	struct open_item *oi = w->nitems ? &w->items[w->nitems - 1] : NULL;
	size_t skip = 0, it_skip = 0;

	doc_flatten(w, n);
	/* Headings hold no newlines; a setext heading's line breaks do. */
	for (size_t i = 0; i < w->text.len; i++)
		if (w->text.data[i] == '\n')
			w->text.data[i] = ' ';
	if (par != NULL && cmark_node_get_type(par) == CMARK_NODE_ITEM &&
	    cmark_node_first_child(par) == n && oi != NULL && oi->task >= 0 &&
	    oi->box_line == node_line(w, n) &&
	    oi->box_bcol == cmark_node_get_start_column(n))
		skip = doc_box_skip(w, oi->box_line, oi->box_bcol);
	if (skip > 0) {
		/* The item's text is the title; the title keeps a box that
		 * GitHub shows (N/A, in a block quote). */
		const struct item *ti = &cl->items[oi->task];
		it_skip = skip;
		if (ti->state == ITEM_NA || ti->quoted)
			skip = 0;
	}
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
	int blk = doc_block(w, BLOCK_HEADING, n, skip, -1);
	s->title = doc_title(w, n, cl->blocks[blk].text, skip);
	if (it_skip > 0) {
		/* A task item's text underlined as a setext heading: the
		 * heading is the task's text. */
		struct item *it = &cl->items[oi->task];

		it->text = s->title + (it_skip - skip);
	}
}

/* ---- an item's inline spans ---- */

/*
 * Keep the spans of w->text that fall in a task item's text, which starts
 * skip bytes in (after the box): their offsets rebased on it, parents
 * renumbered. A span starting before skip is left out (a link made of the
 * box by a [x]: reference definition is no link of the text), and so is
 * what an image holds (the image is its alt text); what such a span
 * encloses moves up to the span that encloses it. Links keep their URL in
 * the arena.
 */
static void
doc_item_spans(struct walker *w, struct item *it, size_t skip)
{
	struct checklist *cl = w->cl;
	size_t *map, i;

	it->span0 = cl->nspans;
	it->nspan = 0;
	if (w->nspans == 0)
		return;
	/* map[i]: the model index of span i, or of the nearest span kept
	 * around it, or -1. Parents come before their children. */
	map = xmalloc(w->nspans * sizeof(*map));
	for (i = 0; i < w->nspans; i++) {
		const struct wspan *ws = &w->spans[i];
		size_t up = ws->parent == (size_t)-1 ? (size_t)-1 :
		    map[ws->parent];
		struct span *sp;

		if (ws->start < skip || ws->image || ws->end == (size_t)-1) {
			map[i] = up;
			continue;
		}
		cl->spans = xgrow(cl->spans, &cl->cap_[CAP_SPAN],
		    cl->nspans + 1, sizeof(*cl->spans));
		sp = &cl->spans[cl->nspans];
		sp->kind = (enum span_kind)ws->kind;
		sp->parent = up == (size_t)-1 ? -1 : (int)up;
		sp->start = ws->start - skip;
		sp->end = ws->end - skip;
		sp->url = ws->url == NULL ? NULL :
		    arena_strndup(&cl->arena, ws->url,
		    strlen(ws->url));
		map[i] = cl->nspans++;
		it->nspan++;
	}
	free(map);
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
	int task = -1, blk;
	size_t left, skip = 0;
	const char *p = doc_at(cl, line, bcol, &left);
	struct open_item *oi;

	doc_scan_badboxes(w, n, first_in_item);
	doc_flatten(w, n);
	oi = w->nitems ? &w->items[w->nitems - 1] : NULL;
	if (first_in_item && line > oi->line && doc_box(p, left))
		doc_malformed(w, line, bcol, p, 3)->why = why_nextline;
	if (first_in_item && oi->task >= 0 && oi->box_line == line &&
	    oi->box_bcol == bcol) {
		struct item *it = &cl->items[oi->task];

		task = oi->task;
		skip = doc_box_skip(w, line, bcol);
		blk = doc_block(w, BLOCK_ITEM, n, skip, task);
		it->block = blk;
		/* Item text on one line: soft breaks become spaces. Without
		 * one it is the block's text, not a copy. */
		const char *txt = cl->blocks[blk].text;
		if (memchr(txt, '\n', cl->blocks[blk].len) != NULL) {
			char *t = arena_strndup(&cl->arena, txt,
			    cl->blocks[blk].len);
			for (char *q = t; *q; q++)
				if (*q == '\n')
					*q = ' ';
			txt = t;
		}
		it->text = txt;
		doc_item_spans(w, it, skip);
	} else {
		int l1 = cmark_node_get_end_line(n) + w->line_off;
		struct tfound t;

		if (l1 > line && doc_pipes(w, line, l1) &&
		    doc_find_table(w, n, 0, doc_first_off(w, n), &t)) {
			int whole = t.hline == line && t.eline == l1;
			if (whole)
				doc_table_record(w, &t);
			free(t.off);
			if (whole) {
				doc_block(w, BLOCK_TABLE, n, 0, -1);
				return;
			}
		}
		blk = doc_block(w, BLOCK_PARAGRAPH, n, 0, -1);
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

/* Walk doc, cmark's tree of the lines from w->line_off on, into the
 * model; *accept carries doc_fields' state from heading to heading. skip
 * is a top-level node not counted as section content (a list that goes
 * on from the previous piece, see doc_pieces), or NULL. The iterator, as
 * the tree, lives in the cmark arena. */
static void
doc_walk(struct walker *w, cmark_node *doc, unsigned char *accept,
    cmark_node *skip)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int depth = 0;	/* of the next node entered: the document's is 0 */

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		int top = depth == 1;	/* a child of the document */

		if (t == CMARK_NODE_HEADING && ev == CMARK_EVENT_ENTER) {
			doc_fields_flush(w, *accept);
			*accept = 0;
		}
		if (ev == CMARK_EVENT_EXIT) {
			depth--;
			if (t == CMARK_NODE_ITEM)
				w->nitems--;
			else if (t == CMARK_NODE_BLOCK_QUOTE)
				w->quote--;
			continue;
		}
		/* The iterator exits every node it entered but the leaves
		 * (cmark's S_is_leaf) and the paragraphs and headings,
		 * which the switch below skips past their exit. */
		if (t != CMARK_NODE_CODE_BLOCK && t != CMARK_NODE_HTML_BLOCK &&
		    t != CMARK_NODE_THEMATIC_BREAK &&
		    t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING)
			depth++;
		if (top && t != CMARK_NODE_HEADING && w->section >= 0 &&
		    n != skip)
			w->cl->sections[w->section].content++;
		switch (t) {
		case CMARK_NODE_ITEM:
			w->items = xgrow(w->items, &w->capitems, w->nitems + 1,
			    sizeof(*w->items));
			w->nitems++;
			doc_item_enter(w, n);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			w->quote++;
			break;
		case CMARK_NODE_HEADING:
			doc_heading(w, n);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_PARAGRAPH:
			doc_paragraph(w, n, accept);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_CODE_BLOCK:
			doc_code(w, n);
			break;
		case CMARK_NODE_HTML_BLOCK: {
			const char *lit = cmark_node_get_literal(n);
			if (doc_table_html(w, n))
				break;
			if (lit)
				doc_directives(w, lit, strlen(lit),
				    node_line(w, n));
			break;
		}
		default:
			break;
		}
	}
}

/* ---- a big document a piece at a time ---- */

/*
 * cmark's tree of a task list costs about 110 bytes per input byte (three
 * nodes and two buffers for "- [ ] x"), so a big document is parsed a
 * piece of about DOC_PIECE_SIZE() bytes at a time, each tree walked and dropped
 * before the next: only the model grows with the input. A piece ends
 * before a line where the whole document's parse starts a new top-level
 * block too, so each piece gives the nodes the whole parse would:
 *  - the line starts in column 1 with "- [", "* [" or "+ [" (a list item,
 *    which no container keeps: it is not indented and not lazy text),
 *    "#" to "######" then a blank (a heading), or with a letter after a
 *    blank line (which ends any container and any paragraph);
 *  - the piece before it does not end in a top-level code or HTML block,
 *    which could have held that line (a fence, an HTML block up to its
 *    end marker); else the piece is parsed again to a later line;
 *  - the document has no tables and no link reference definitions (one
 *    applies anywhere): doc_parse checks. Lines rewritten for cmark (task
 *    boxes, lazy tags) are decided piece by piece, on each piece's tree,
 *    as they would be on the whole tree: each decision looks at one item
 *    or paragraph and the lines around it.
 * The one difference, a list split in two where the whole parse has one,
 * only matters to section content counts: doc_pieces joins them.
 */
#define DOC_PIECE	(64 * 1024)
/* The most times a document is parsed again with lines rewritten (each
 * pass settles what the last one changed: boxes, then a table, then the
 * lazy tag lines after it, then the tables those hid). */
#define DOC_PASSES	8
/* The run's piece size: doc_set_piece's, else DOC_PIECE. */
#define DOC_PIECE_SIZE() \
	(ctx_run()->piece ? ctx_run()->piece : (size_t)DOC_PIECE)

static _Thread_local size_t doc_npieces;

/* The piece size is the run's (ctx.h); 0 there: DOC_PIECE. */
void
doc_set_piece(size_t bytes)
{
	ctx_run()->piece = bytes;
}

size_t
doc_pieces_last(void)
{
	return doc_npieces;
}

/* Is line l (from 0) blank? */
static int
doc_line_blank(const struct checklist *cl, size_t l)
{
	size_t i = cl->lines[l], e = l + 1 < cl->nlines ? cl->lines[l + 1] :
	    cl->srclen;

	for (; i < e; i++)
		if (cl->src[i] != ' ' && cl->src[i] != '\t' &&
		    cl->src[i] != '\n' && cl->src[i] != '\r')
			return 0;
	return 1;
}

/* The first line from l on that starts at least at byte min and where a
 * piece may start (see above); cl->nlines when there is none. */
static size_t
doc_piece_line(const struct checklist *cl, size_t l, size_t min)
{
	for (; l < cl->nlines; l++) {
		const char *p = cl->src + cl->lines[l];
		size_t left = (l + 1 < cl->nlines ? cl->lines[l + 1] :
		    cl->srclen) - cl->lines[l], h = 0;

		if (cl->lines[l] < min || l == 0)
			continue;
		if (left >= 3 && (p[0] == '-' || p[0] == '*' ||
		    p[0] == '+') && p[1] == ' ' && p[2] == '[')
			return l;
		while (h < left && h < 7 && p[h] == '#')
			h++;
		if (h >= 1 && h <= 6 && h < left && (p[h] == ' ' ||
		    p[h] == '\t'))
			return l;
		if (left > 0 && isalpha((unsigned char)p[0]) &&
		    doc_line_blank(cl, l - 1))
			return l;
	}
	return cl->nlines;
}

/* The bullet of top-level list n ('-', '*', '+'), or 0 when n is not a
 * bullet list. */
static char
doc_bullet(struct walker *w, cmark_node *n)
{
	size_t left;
	const char *p;

	if (n == NULL || cmark_node_get_type(n) != CMARK_NODE_LIST ||
	    cmark_node_get_list_type(n) != CMARK_BULLET_LIST)
		return 0;
	p = doc_at(w->cl, node_line(w, n), cmark_node_get_start_column(n),
	    &left);
	return left > 0 ? *p : 0;
}

/* Parse the piece of lines [w->line_off, w->piece_end), bytes [s, end),
 * as doc_parse parses a whole document: again, with lines rewritten,
 * while the prepass finds boxes to fix (the piece's fixes only). The
 * input rewritten last is *owned, for the caller to free. */
static cmark_node *
doc_piece_parse(struct walker *w, struct cmem *mem, size_t s, size_t end,
    char **owned)
{
	const char *input = w->cl->src + s;
	size_t inlen = end - s;

	for (int pass = 0;; pass++) {
		cmark_parser *parser;
		cmark_node *doc;

		cmem_begin(mem);
		parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS,
		    cmem_allocator());
		cmark_parser_feed(parser, input, inlen);
		doc = cmark_parser_finish(parser);
		if ((!w->boxcand && !w->htmlcand) || pass == DOC_PASSES ||
		    doc_table_prepass(w, doc) == 0)
			return doc;
		cmem_end(mem);
		free(*owned);
		input = *owned = doc_rewrite(w, s, &inlen);
	}
}

/* Forget the fixes of the piece just done (its lines only). */
static void
doc_piece_forget(struct walker *w)
{
	for (size_t i = 0; i < w->nboxfix; i++)
		w->fixat[w->boxfix[i] - 1] = 0;
	w->nboxfix = 0;
}

/* Parse and walk the lines from w->line_off on, a piece at a time. */
static void
doc_pieces(struct walker *w, unsigned char *accept)
{
	const struct checklist *cl = w->cl;
	size_t l = (size_t)w->line_off, piece = DOC_PIECE_SIZE();
	char bullet = 0;	/* of the last piece's last top-level list */

	doc_npieces = 0;
	while (l < cl->nlines) {
		size_t s = cl->lines[l], e, end;
		struct cmem mem;
		cmark_node *doc, *first;
		char *owned = NULL;
		int tries = 0;

		e = doc_piece_line(cl, l + 1, s + piece);
		for (;;) {
			cmark_node *last;

			end = e < cl->nlines ? cl->lines[e] : cl->srclen;
			w->line_off = (int)l;
			w->piece_end = e;
			doc = doc_piece_parse(w, &mem, s, end, &owned);
			last = cmark_node_last_child(doc);
			if (e == cl->nlines || last == NULL ||
			    (cmark_node_get_type(last) != CMARK_NODE_CODE_BLOCK &&
			    cmark_node_get_type(last) != CMARK_NODE_HTML_BLOCK))
				break;
			/* That line may be inside the block: go on to a
			 * later one, or after a few tries to the end. */
			cmem_end(&mem);
			free(owned);
			owned = NULL;
			doc_piece_forget(w);
			e = ++tries < 4 ? doc_piece_line(cl, e + 1, 0) :
			    cl->nlines;
		}
		w->root = doc;
		first = cmark_node_first_child(doc);
		doc_walk(w, doc, accept, bullet && doc_bullet(w, first) ==
		    bullet ? first : NULL);
		bullet = doc_bullet(w, cmark_node_last_child(doc));
		cmem_end(&mem);
		free(owned);
		doc_piece_forget(w);
		doc_npieces++;
		l = e;
	}
	w->piece_end = 0;
}

struct checklist *
doc_parse(const char *file, const char *data, size_t len)
{
	struct checklist *cl = xcalloc(1, sizeof(*cl));
	struct walker w;
	cmark_node *doc;
	cmark_parser *parser;
	struct cmem mem;
	unsigned char accept = 0;
	size_t body, inlen;
	const char *input;
	char *owned = NULL;

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
	doc_presize(cl);
	w.line_off = doc_front_matter(cl);
	body = w.line_off ? ((size_t)w.line_off < cl->nlines ?
	    cl->lines[w.line_off] : len) : 0;

	doc_scan_pipes(&w);
	doc_scan_cands(&w);
	input = data + body;
	inlen = len - body;
	if (w.pipes == NULL && inlen > DOC_PIECE_SIZE() &&
	    find_str(input, inlen, "]:") == NULL) {
		doc_pieces(&w, &accept);
		goto walked;
	}
	doc_npieces = 1;
	for (int pass = 0;; pass++) {
		cmem_begin(&mem);
		parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS,
		    cmem_allocator());
		cmark_parser_feed(parser, input, inlen);
		doc = cmark_parser_finish(parser);
		/* A table cmark gets wrong: parse again without it. */
		if ((w.pipes == NULL && !w.boxcand && !w.htmlcand) ||
		    pass == DOC_PASSES ||
		    doc_table_prepass(&w, doc) == 0)
			break;
		cmem_end(&mem);
		free(owned);
		input = owned = doc_rewrite(&w, body, &inlen);
	}
	w.root = doc;
	doc_walk(&w, doc, &accept, NULL);
	/* Every cell's text from one parse, with the document's link
	 * definitions. */
	if (w.ncells && memchr(w.cellmd.data, '[', w.cellmd.len) != NULL)
		doc_refdefs(&w, &w.cellmd);
	if (w.ncells)
		doc_cell_texts(cl, &w.cellmd, w.cells, w.ncells);
	buf_free(&w.cellmd);
	free(w.cells);
	/* The tree, iterator and parser live in the arena: dropped at once. */
	cmem_end(&mem);
walked:
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
	free(owned);
	for (size_t i = 0; i < w.ntf; i++)
		free(w.tf[i].off);
	free(w.tf);
	free(w.pipes);
	free(w.lt);
	free(w.boxfix);
	free(w.boxfix_off);
	free(w.boxfix_kind);
	free(w.boxfix_seen);
	free(w.fixat);
	free(w.tfat);
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
	free(cl->tables);
	free(cl->spans);
	free(cl->lines);
	free(cl->lend);
	free(cl->wide);
	arena_free(&cl->arena);
	free(cl);
}

const char *
doc_cmark_version(void)
{
	return cmark_version_string();
}
