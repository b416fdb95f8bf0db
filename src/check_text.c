/* check_text.c: checkers over the plain text of blocks: pattern and
 * placeholder rules (one regex each, the placeholder list compiled into a
 * single alternation by the loader) and mojibake. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "model.h"
#include "rule.h"
#include "utf8.h"
#include "xalloc.h"

/* A one-letter variable standing where a number belongs, and the units
 * that show it is one. */
#define PH_VAR	"(?:[NMXYZ](?:\\.[NMXYZ])?|XX+|xx+)"
#define PH_UNIT	"(?:%|(?:ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?" \
		"|days?|weeks?|months?|years?|[KMGT]i?B|[KMGT]bps|req(?:uest)?s?" \
		"(?:/(?:s|sec|second|min|minute))?|rps|qps|tps|users?" \
		"|connections?|replicas?|instances?|nodes?|retries|attempts)\\b)"
/* A unit after a variable, taken into the match: "X%", "N requests/second" */
#define PH_WITH_UNIT "(?=\\s?" PH_UNIT ")\\s?(?:%|\\w+(?:/\\w+)?)"
/* HTML elements that may stand in block text as written: not <name>. */
#define PH_TAGS	"(?:a|abbr|b|bdi|bdo|big|blockquote|br|center|cite|code|dd" \
		"|del|details|dfn|div|dl|dt|em|font|h[1-6]|hr|i|img|ins|kbd|li" \
		"|mark|ol|p|picture|pre|q|s|samp|small|source|span|strike" \
		"|strong|sub|summary|sup|table|tbody|td|tfoot|th|thead|tr|tt|u" \
		"|ul|var|video|wbr|input|label|button|form|iframe|script|style" \
		"|audio|svg|figure|figcaption|section|article|nav|header|footer" \
		"|html|head|body|title|meta|link|main|aside|template|slot)"

/*
 * The shipped placeholder list. Each entry is a pcre2 pattern; the loader
 * joins them into one alternation. Text that looks alike but is real
 * (X-Frame-Options, X.509, "Y axis", 1%, 250 ms) must not match; the
 * tests in tests/rules/spec/placeholder.md hold both sides.
 */
const char *const check_placeholders[] = {
	/* TBD, FIXME and friends as words in capitals. */
	"\\b(?:TBD|TBA|TBC|FIXME|XXX+)\\b",
	/* TODO, but not where it names a thing ("All TODO comments"). */
	"\\bTODO\\b(?!(?<=\\(TODO)\\))"
	    "(?!\\s+(?:comments?|items?|markers?|lists?|tags?)\\b)",
	/* Error rate > X%, Y seconds, under X seconds, < Z ms, N requests/s */
	"(?<![\\w.\\-/])(?<!\\bafter |\\bevery |\\beach |\\bfor |\\blast |"
	    "\\bnext |\\bpast )" PH_VAR "(?![\\w.\\-/])" PH_WITH_UNIT,
	/* A variable after a comparison, with or without a unit: "> X",
	 * "under X seconds"; the match starts at the variable. */
	"(?:[<>]=?|[\\x{2264}\\x{2265}]|\\b(?:under|over|below|above|within"
	    "|less than|more than|greater than|fewer than|at least|at most"
	    "|exceeds?)\\b)\\s*\\K" PH_VAR "(?![\\w.\\-/])(?!\\s+axis\\b)"
	    "(?:" PH_WITH_UNIT ")?",
	/* ??, ??% */
	"(?<![\\w?!])\\?{2,}%?",
	/* [Name], [Phone], [Phone/Slack], [Email], [Slack Channel] ... */
	"\\[(?:[A-Za-z][\\w'.-]*\\s+){0,3}?(?i:name|phone|e-?mail|slack"
	    "|contact|owner|person|team|channel|date|version|number|url|link"
	    "|title|company|signature|role|handle|address|time|value|id)\\b"
	    "(?:\\s+[\\w'.-]+){0,3}(?:\\s*/\\s*[\\w'. -]+){0,3}\\]",
	/* [Your ...], [Insert ...], [Enter ...] */
	"\\[(?i:your|insert|enter|add|fill in|replace)\\b[^\\]\\n]{0,40}\\]",
	/* <name>, <strong-secret-key>, <YOUR_TOKEN>; not HTML tags, not
	 * generics such as List<T>. */
	"(?<!\\w)<(?!" PH_TAGS "[\\s/>])[A-Za-z][A-Za-z0-9]*"
	    "(?:[-_ ][A-Za-z0-9]+){0,5}>",
	/* YYYY-MM-DD and MM/DD/YYYY left as written */
	"\\b(?:YYYY[-/.]MM[-/.]DD|MM/DD/YYYY|DD/MM/YYYY)\\b",
	NULL
};

/* ASCII word characters: what \w and \b see without PCRE2_UCP. */
static int
check_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* Bytes that may start the key of a shipped placeholder (see below). */
static const unsigned char check_ph_first[256] = {
	['T'] = 1, ['F'] = 1, ['X'] = 1, ['N'] = 1, ['M'] = 1, ['Y'] = 1,
	['Z'] = 1, ['D'] = 1, ['x'] = 1, ['?'] = 1, ['['] = 1, ['<'] = 1,
};

/* The longest comparison before a variable ("greater than"), rounded up:
 * how far before its variable a match attempt of that branch starts,
 * besides the white space between them. */
#define PH_LEAD	16

/*
 * Where may the shipped placeholder list match in s[from..n)? Returns the
 * first position i >= from where a match may have its key, and in *lo the
 * leftmost position a match attempt that consumes that key can start at;
 * n when there is no such position. One cheap pass, so that pcre2 runs
 * only in short windows of the few blocks where a match is possible.
 *
 * Every entry of check_placeholders consumes a key at some i, where (p
 * and c2 are the bytes before and after i; "word" is ASCII [A-Za-z0-9_],
 * as \w and \b see it without UCP):
 *   TB.. TO.. FI..	TBD/TBA/TBC, TODO, FIXME after \b: p not word
 *   X N M Y Z		a variable (or XXX+, YYYY, MM) after \b or a
 *			comparison: p not word; c2 not word or the same
 *			letter (XX+, YYYY, MM/DD)
 *   DD xx		DD/MM/YYYY after \b, xx+: p not word
 *   ??			question marks
 *   [ + letter	[Name], [Your ...]: an ASCII letter, or any non-ASCII
 *			byte (caseless keywords match the long s and the
 *			Kelvin sign)
 *   < + letter	<name> after (?<!\w): p not word
 * Each entry's attempt starts at its key, but the comparison branch
 * ("under X seconds"), which starts at the comparison: at most PH_LEAD
 * bytes and a run of white space before its key, a variable, and holding
 * no key itself (it is lowercase words, <, >, = or non-ASCII) but a
 * leading '<' that is its own key. So the first match at or after from has its
 * attempt start in [*lo, i] of some key i it consumes, and no key lies
 * between two keys' windows that a match could start at. tests/perf/
 * unit_prefilter.c checks this against pcre2 on random text; a change to
 * check_placeholders must keep it true (or drop the prefilter).
 */
size_t
check_placeholder_next(const char *s, size_t n, size_t from, size_t *lo)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, w;

	for (i = from; i < n; i++) {
		unsigned char c, c2, p;

		/* Skip to the next byte that may start a key, four at once. */
		while (n - i >= 4 && !(check_ph_first[u[i]] |
		    check_ph_first[u[i + 1]] | check_ph_first[u[i + 2]] |
		    check_ph_first[u[i + 3]]))
			i += 4;
		while (i < n && !check_ph_first[u[i]])
			i++;
		if (i >= n)
			break;
		c = u[i];
		c2 = i + 1 < n ? u[i + 1] : 0;
		p = i > 0 ? u[i - 1] : 0;
		if (c == '?') {
			if (c2 == '?')
				break;
			continue;
		}
		if (c == '[') {
			if (c2 >= 0x80 ||
			    ((c2 | 0x20) >= 'a' && (c2 | 0x20) <= 'z'))
				break;
			continue;
		}
		if (check_word(p))
			continue;
		if ((c == 'T' && (c2 == 'B' || c2 == 'O')) ||
		    (c == 'F' && c2 == 'I') ||
		    ((c == 'D' || c == 'x') && c2 == c) ||
		    (c == '<' && (c2 | 0x20) >= 'a' && (c2 | 0x20) <= 'z') ||
		    (strchr("XNMYZ", c) != NULL &&
		    (c2 == c || !check_word(c2))))
			break;
	}
	if (i >= n)
		return n;
	/* Only a variable ends a comparison: other keys start their match.
	 * Before a variable, back over the white space (\s) and the
	 * comparison, to a character boundary. */
	w = i;
	if (strchr("XNMYZx", u[i]) == NULL) {
		*lo = i;
		return i;
	}
	while (w > 0 && (u[w - 1] == ' ' || (u[w - 1] >= '\t' &&
	    u[w - 1] <= '\r')))
		w--;
	w = w > PH_LEAD ? w - PH_LEAD : 0;
	while (w > 0 && (u[w] & 0xc0) == 0x80)
		w--;
	*lo = w;
	return i;
}

/* The enabled rule of kind fields that covers section sec, or NULL. */
static const struct rule *
check_blank_rule(struct check_state *st, int sec)
{
	for (size_t i = 0; i < st->rs->n; i++) {
		const struct rule *f = &st->rs->v[i];

		if (f->kind->check == check_fields && st->sev[i] != SEV_OFF &&
		    check_in_section(st, f, sec))
			return f;
	}
	return NULL;
}

/* Is a double quote (straight or curly) at p (before end)? Its length,
 * or 0. */
static size_t
check_quote_at(const char *p, const char *end)
{
	if (*p == '"')
		return 1;
	if (end - p >= 3 && (memcmp(p, "\xe2\x80\x9c", 3) == 0 ||
	    memcmp(p, "\xe2\x80\x9d", 3) == 0))
		return 3;
	return 0;
}

/* Where the last check_quoted call stopped on its line. */
struct quote_pos {
	int		 line, col;
	const char	*p, *end;
	int		 before, total;
};

/* Is the character at line, col (code points, from 1) inside double
 * quotes on its line ("[Listing Title] \xc2\xb7 RAY", "Hex vX.Y.Z -
 * Description")? Quoted text shows a format; it is not a slot. Calls in
 * column order scan a line once. */
static int
check_quoted(const struct checklist *cl, int line, int col,
    struct quote_pos *qp)
{
	if (cl->src == NULL || cl->lines == NULL || line < 1 ||
	    (size_t)line > cl->nlines)
		return 0;
	if (qp->line != line || col < qp->col) {
		const char *p = cl->src + cl->lines[line - 1];

		qp->end = memchr(p, '\n', cl->srclen - (size_t)(p -
		    cl->src));
		if (qp->end == NULL)
			qp->end = cl->src + cl->srclen;
		qp->total = 0;
		for (const char *q = p; q < qp->end; q++)
			qp->total += check_quote_at(q, qp->end) != 0;
		qp->line = line;
		qp->col = 1;
		qp->p = p;
		qp->before = 0;
	}
	for (; qp->p < qp->end && qp->col < col; qp->p++) {
		qp->before += check_quote_at(qp->p, qp->end) != 0;
		if (((unsigned char)*qp->p & 0xc0) != 0x80)
			qp->col++;
	}
	/* Stop at the start of the character at col, as the loop above
	 * counted continuation bytes into the character before. */
	while (qp->p < qp->end && ((unsigned char)*qp->p & 0xc0) == 0x80)
		qp->p++;
	return qp->before % 2 == 1 && qp->total > qp->before;
}

/* Fields in (line, column) order, for the field a finding sits in. */
static int
check_field_cmp(const void *a, const void *b)
{
	const struct field *x = *(const struct field *const *)a;
	const struct field *y = *(const struct field *const *)b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

/* The field nearest before line, col on that line, or NULL. */
static const struct field *
check_field_at(const struct field **v, size_t n, int line, int col)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (v[mid]->line < line || (v[mid]->line == line &&
		    v[mid]->col <= col))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && v[lo - 1]->line == line ? v[lo - 1] : NULL;
}

/* A blank holding a placeholder ("**Site:** [url]") is one finding, the
 * blank field's: drop the placeholder findings from index first on that
 * lie in the value of an unfilled field (the nearest field before them
 * on their line) a fields rule reports, and those in quoted text
 * (check_quoted). */
static void
check_drop_in_blanks(struct check_state *st, size_t first)
{
	const struct checklist *cl = st->cl;
	struct findings *out = st->out;
	const struct field **fv;
	struct quote_pos qp;
	size_t i, w = first;

	if (out->n == first)
		return;
	memset(&qp, 0, sizeof(qp));
	fv = xcalloc(cl->nfields ? cl->nfields : 1, sizeof(*fv));
	for (i = 0; i < cl->nfields; i++)
		fv[i] = &cl->fields[i];
	qsort(fv, cl->nfields, sizeof(*fv), check_field_cmp);
	for (i = first; i < out->n; i++) {
		struct finding *f = &out->v[i];
		const struct field *fd = check_field_at(fv, cl->nfields,
		    f->line, f->col);

		if ((fd != NULL && !fd->filled &&
		    check_blank_rule(st, fd->section) != NULL) ||
		    check_quoted(cl, f->line, f->col, &qp)) {
			free(f->message);
			free(f->section);
			free(f->key);
			continue;
		}
		out->v[w++] = *f;
	}
	out->n = w;
	free(fv);
}

/* pattern and placeholder: every match in every block in scope. A
 * placeholder rule running the shipped list alone runs pcre2 only where
 * check_placeholder_next says a match may be. */
void
check_pattern(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	check_next_fn *next = NULL;
	size_t k, first;

	if (r->re == NULL)
		return;
	if ((r->kind->keys & RKEY_DEFAULTS) && r->defaults) {
		for (k = 0; k < r->npats && r->pats[k].src == NULL; k++)
			;
		if (k == r->npats)
			next = check_placeholder_next;
	}
	first = st->out->n;
	for (size_t i = 0; i < cl->nblocks; i++) {
		const struct block *b = &cl->blocks[i];

		if ((r->scope & (1u << b->kind)) == 0 ||
		    !check_in_section(st, r, b->section))
			continue;
		check_block_matches(st, r, r->re, next, b);
	}
	if (r->kind->keys & RKEY_DEFAULTS)
		check_drop_in_blanks(st, first);
}

/* mojibake: the first run on each line, with its repair as {label}: one
 * encoding fault is one finding a line, however many characters it
 * spoilt. */
void
check_mojibake(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	struct buf rep = {0};
	int seen = 0;

	for (size_t i = 0; i < cl->nblocks; i++) {
		const struct block *b = &cl->blocks[i];
		size_t from = 0, a, z, last;
		int l, c, el, ec;

		if ((r->scope & (1u << b->kind)) == 0)
			continue;
		while (from < b->len) {
			buf_reset(&rep);
			if (!utf8_mojibake_find(b->text, b->len, from, &a, &z,
			    &rep) || z <= a || z <= from)
				break;
			last = z - 1;
			while (last > a &&
			    ((unsigned char)b->text[last] & 0xc0) == 0x80)
				last--;
			checklist_block_pos(cl, b, a, &l, &c);
			checklist_block_pos(cl, b, last, &el, &ec);
			from = z;
			if (l == seen)
				continue;	/* one finding a line */
			seen = l;
			check_emit(st, r, l, c, el, ec, b->text + a, z - a,
			    buf_cstr(&rep), check_title(st, b->section));
		}
	}
	buf_free(&rep);
}
