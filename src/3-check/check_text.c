/* check_text.c: checkers over the plain text of blocks: pattern and
 * placeholder rules (one regex each, the placeholder list compiled into a
 * single alternation by the loader) and mojibake. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ascii.h"
#include "buf.h"
#include "check.h"
#include "ctx.h"
#include "diag.h"
#include "match.h"
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
	/* YYYY-MM-DD and MM/DD/YYYY left as written; 20YY/MM/DD */
	"\\b(?:YYYY[-/.]MM[-/.]DD|MM/DD/YYYY|DD/MM/YYYY)\\b",
	"(?<![\\w.])20YY[-/.]MM[-/.]DD\\b",
	"\\b(?:DD|MM)[-/.](?:MM|DD|MMM)[-/.]YYYY\\b",
	/* Versions never filled in, as a value (after a label or in a
	 * cell): vX.Y.Z, v0.x.x, X.Y.Z; "tag vX.Y.Z" in a process text is
	 * a variable of the procedure. */
	"(?<=[:=|]\\s|[:=|])v?X\\.Y\\.Z\\b",
	"(?<=[:=|]\\s|[:=|])v(?:[Xx]|\\d+)\\.[XxYy]\\.[XxYyZz]\\b",
	/* [e.g., v1.2.0], [Example: ...] */
	"\\[(?i:e\\.g\\.|eg\\b|for example|example\\b|ex\\.)[^\\]\\n]{0,60}\\]",
	/* [Pass/Fail], [Yes/No], [CycloneDX/SPDX] after a label or in a cell */
	"(?<=[:=|]\\s|[:=|])\\[[A-Za-z][\\w'.-]*(?: [\\w'.-]+){0,2}"
	    "(?:\\s*/\\s*[A-Za-z][\\w'.-]*(?: [\\w'.-]+){0,2})+\\]",
	/* [Feature 1], [Step N] */
	"\\[(?i:feature|item|step|task|component|service|module|risk|issue"
	    "|bug|metric|requirement|criteri(?:on|a)|test|scenario|system"
	    "|environment|region|dependency|team|person)\\s+(?:\\d+|[A-Z])\\]",
	/* [Target], [AUTO-FILLED], [Placeholder], [Details] */
	"\\[(?i:target|auto-?filled|placeholder|tbd|todo|details|description"
	    "|reason|to be (?:filled|determined|confirmed|decided)(?: in)?"
	    "|username|user|assignee|reviewer|approver)\\]",
	/* [List any known issues...], [Describe the change] */
	"\\[(?i:list|describe|specify|explain|provide|include|summari[sz]e"
	    "|document|note down|attach|paste|outline|record|write|mention"
	    "|link to)\\b[^\\]\\n]{0,100}\\]",
	/* @[username], @[Authorizing Official] */
	"(?<=@)\\[[^\\]\\n]{1,40}\\]",
	NULL
};

/* ASCII word characters: what \w and \b see without PCRE2_UCP. */
static int
check_word(unsigned char c)
{
	return ascii_word(c);
}

/* Bytes that may start the key of a shipped placeholder (see below). */
static const unsigned char check_ph_first[256] = {
	['T'] = 1, ['F'] = 1, ['X'] = 1, ['N'] = 1, ['M'] = 1, ['Y'] = 1,
	['Z'] = 1, ['D'] = 1, ['x'] = 1, ['?'] = 1, ['['] = 1, ['<'] = 1,
	['v'] = 1,
};

#ifdef __SSE2__
/* Bytes c equal to ch, as 0xff, in an SSE2 register. */
#define PH_EQ(v, ch)	_mm_cmpeq_epi8((v), _mm_set1_epi8((char)(ch)))

/* The ASCII small letters of v, as 0xff: v - 'a' is at most 25. */
static __m128i
ph_lower16(__m128i v)
{
	__m128i t = _mm_sub_epi8(v, _mm_set1_epi8('a'));

	return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(25)), t);
}

/*
 * The positions 0 to 15 of u (u[-1] to u[16] readable) where a key may
 * start, as bits: sixteen at once, without a branch, and fewer than
 * check_ph_first marks, so that check_placeholder_next stops at few
 * places. Of the bytes check_ph_first marks, a capital (T F X N M Y Z
 * D) is left out before a small letter (no key goes on so: TB TO FI DD,
 * XX or X and no word character, 20YY) and any but '?' and '[' after a
 * letter (a key there needs no word character before it; 20YY follows
 * a digit). What is left is a superset of the keys; the tests below
 * decide.
 */
static unsigned
ph_cand16(const unsigned char *u)
{
	__m128i c = _mm_loadu_si128((const __m128i *)(const void *)u);
	__m128i c2 = _mm_loadu_si128((const __m128i *)(const void *)(u + 1));
	__m128i p = _mm_loadu_si128((const __m128i *)(const void *)(u - 1));
	__m128i caps = _mm_or_si128(_mm_or_si128(_mm_or_si128(PH_EQ(c, 'T'),
	    PH_EQ(c, 'F')), _mm_or_si128(PH_EQ(c, 'X'), PH_EQ(c, 'N'))),
	    _mm_or_si128(_mm_or_si128(PH_EQ(c, 'M'), PH_EQ(c, 'Y')),
	    _mm_or_si128(PH_EQ(c, 'Z'), PH_EQ(c, 'D'))));
	__m128i open = _mm_or_si128(_mm_or_si128(PH_EQ(c, 'x'),
	    PH_EQ(c, 'v')), PH_EQ(c, '<'));
	__m128i any = _mm_or_si128(PH_EQ(c, '?'), PH_EQ(c, '['));
	__m128i letter = ph_lower16(_mm_or_si128(p, _mm_set1_epi8(0x20)));

	open = _mm_or_si128(open, _mm_andnot_si128(ph_lower16(c2), caps));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(any,
	    _mm_andnot_si128(letter, open)));
}

/* The first position at or after i that ph_cand16 keeps, or n. The
 * start of the text (no byte before it) and its last sixteen bytes are
 * copied into a buffer with zeros around them, as the scalar tests see
 * the byte before the text and the one after it. */
static size_t
ph_next16(const unsigned char *u, size_t n, size_t i)
{
	while (i < n) {
		size_t left = n - i, k = left < 16 ? left : 16;
		unsigned m;

		if (i > 0 && left >= 17)
			m = ph_cand16(u + i);
		else {
			unsigned char pad[18] = {0};

			pad[0] = i > 0 ? u[i - 1] : 0;
			memcpy(pad + 1, u + i, left > 16 ? 17 : left);
			m = ph_cand16(pad + 1) & (unsigned)((1ul << k) - 1);
		}
		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
		i += k;
	}
	return n;
}
#endif

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
 *   v + X x digit	vX.Y.Z, v0.x.x after \b: p not word
 *   YY after 20	20YY/MM/DD: the one key after a word character
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

#ifdef __SSE2__
		i = ph_next16(u, n, i);
#else
		/* Skip to the next byte that may start a key, four at once. */
		while (n - i >= 4 && !(check_ph_first[u[i]] |
		    check_ph_first[u[i + 1]] | check_ph_first[u[i + 2]] |
		    check_ph_first[u[i + 3]]))
			i += 4;
		while (i < n && !check_ph_first[u[i]])
			i++;
#endif
		if (i >= n)
			break;
		c = u[i];
		if (!check_ph_first[c])
			continue;	/* never, as ph_cand16 keeps fewer */
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
		/* 20YY/MM/DD: its YY follows the digits 20. */
		if (c == 'Y' && c2 == 'Y' && i >= 2 && u[i - 2] == '2' &&
		    u[i - 1] == '0')
			break;
		if (check_word(p))
			continue;
		if ((c == 'v' && (c2 == 'X' || c2 == 'x' ||
		    (c2 >= '0' && c2 <= '9'))) ||
		    (c == 'T' && (c2 == 'B' || c2 == 'O')) ||
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
	unsigned char *blank;	/* per field: 0 not yet known, 1 blank, 2 not */
	size_t i, w = first;

	if (out->n == first)
		return;
	memset(&qp, 0, sizeof(qp));
	blank = xcalloc(cl->nfields ? cl->nfields : 1, 1);
	fv = xcalloc(cl->nfields ? cl->nfields : 1, sizeof(*fv));
	for (i = 0; i < cl->nfields; i++)
		fv[i] = &cl->fields[i];
	qsort(fv, cl->nfields, sizeof(*fv), check_field_cmp);
	for (i = first; i < out->n; i++) {
		struct finding *f = &out->v[i];
		const struct field *fd = check_field_at(fv, cl->nfields,
		    f->line, f->col);

		/* Many findings may lie in one long value: judge it once. */
		if (fd != NULL && blank[fd - cl->fields] == 0)
			blank[fd - cl->fields] = check_field_blank(fd) ? 1 : 2;
		if ((fd != NULL && blank[fd - cl->fields] == 1 &&
		    check_blank_rule(st, fd->section) != NULL) ||
		    check_quoted(cl, f->line, f->col, &qp)) {
			free(f->message);
			continue;
		}
		out->v[w++] = *f;
	}
	out->n = w;
	free(fv);
	free(blank);
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
		size_t lo;

		if ((r->scope & (1u << b->kind)) == 0 ||
		    !check_in_section(st, r, b->section))
			continue;
		/* Most blocks hold no match: the prefilter says so before
		 * check_block_matches sets up its loop. */
		if (next != NULL ? next(b->text, b->len, 0, &lo) >= b->len :
		    !match_may(r->re, b->text, b->len))
			continue;
		check_block_matches(st, r, r->re, next, b);
	}
	if (r->kind->keys & RKEY_DEFAULTS)
		check_drop_in_blanks(st, first);
}

/* placeholder's loader hook (rule.h): the shipped list (unless defaults:
 * false) and the rule's own patterns as one alternation, so that a block
 * is scanned once however long the list; "(*FAIL)" when both are empty. */
void
check_placeholder_regex(const struct rule *r, struct buf *b)
{
	size_t i, n0 = b->len;

	if (r->defaults)
		for (i = 0; check_placeholders[i] != NULL; i++)
			buf_printf(b, "%s(?:%s)", b->len > n0 ? "|" : "",
			    check_placeholders[i]);
	for (i = 0; i < r->npats; i++)
		if (r->pats[i].src != NULL)
			buf_printf(b, "%s(?:%s)", b->len > n0 ? "|" : "",
			    r->pats[i].src);
	if (b->len == n0)
		buf_puts(b, "(*FAIL)");
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

		/* Every run starts with a byte 0xc3 to 0xc5
		 * (utf8_mojibake_find). */
		if ((r->scope & (1u << b->kind)) == 0 ||
		    !(b->has & BLOCK_HAS_LATIN))
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
			if (l == seen && !ctx_run()->mojibake_all)
				continue;	/* one finding a line */
			seen = l;
			check_emit(st, r, l, c, el, ec, b->text + a, z - a,
			    buf_cstr(&rep), check_title(st, b->section));
		}
	}
	buf_free(&rep);
}

/* ---- choices and boxes in text ---- */

/* A box at s[i..n): 1 open (☐ □ ⬜ "[ ]"), 2 marked (☑ ☒ ✅ ✓ ✔ "[x]"),
 * else 0; its length in *len. */
static int
check_box_at(const char *s, size_t n, size_t i, size_t *len)
{
	static const struct { const char *b; int kind; } boxes[] = {
		{ "\xe2\x98\x90", 1 }, { "\xe2\x96\xa1", 1 },
		{ "\xe2\xac\x9c", 1 }, { "[ ]", 1 }, { "[x]", 2 },
		{ "[X]", 2 }, { "\xe2\x98\x91", 2 }, { "\xe2\x98\x92", 2 },
		{ "\xe2\x9c\x85", 2 }, { "\xe2\x9c\x93", 2 },
		{ "\xe2\x9c\x94", 2 }, { "\xe2\x96\xa0", 2 },
	};

	/* Every box starts with '[' or 0xe2: most bytes are none. */
	if (i >= n || (s[i] != '[' && (unsigned char)s[i] != 0xe2))
		return 0;
	for (size_t k = 0; k < sizeof(boxes) / sizeof(boxes[0]); k++) {
		size_t m = strlen(boxes[k].b);
		if (n - i >= m && memcmp(s + i, boxes[k].b, m) == 0) {
			*len = m;
			return boxes[k].kind;
		}
	}
	return 0;
}

/* unselected-choice: a line (or table cell) offering two or more options
 * with boxes ("☐ Pass ☐ Fail", "Release Type: [ ] Patch [ ] Minor"),
 * none of them marked. */
/* How many bytes of t[0..n) may start a box ('[' or the first byte of
 * a ballot box), counted to 2: a choice needs two boxes. */
static unsigned
check_box_bytes(const char *t, size_t n)
{
	const char *p;
	unsigned k = 0;

	for (p = t; k < 2 && (p = memchr(p, '[', n - (size_t)(p - t))) !=
	    NULL; p++)
		k++;
	for (p = t; k < 2 && (p = memchr(p, 0xe2, n - (size_t)(p - t))) !=
	    NULL; p++)
		k++;
	return k;
}

void
check_unselected_choice(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	size_t run0 = 0, nrun = 0;	/* paragraphs led by an open box */
	int run_sec = -2, run_marked = 0;

	for (size_t bi = 0; bi <= cl->nblocks; bi++) {
		const struct block *b = bi < cl->nblocks ? &cl->blocks[bi] :
		    NULL;
		size_t a = 0, lead, len;
		int k = 0;

		/* Options as paragraphs of their own, each led by a box
		 * ("**☐ APPROVED**", "[ ] **REJECTED** - Reason:"), in one
		 * section: a choice too. */
		if (b != NULL && b->kind == BLOCK_PARAGRAPH) {
			lead = strspn(b->text, " *");
			k = check_box_at(b->text, b->len, lead, &len);
		}
		if (b == NULL || (k != 0 && b->section != run_sec) ||
		    b->kind == BLOCK_HEADING) {
			if (nrun >= 2 && !run_marked) {
				const struct block *f = &cl->blocks[run0];
				size_t e = strcspn(f->text, "\n");
				int l, c;

				lead = strspn(f->text, " *");
				checklist_block_pos(cl, f, lead, &l, &c);
				check_emit(st, r, l, c, l, c, f->text + lead,
				    e - lead, NULL, check_title(st, f->section));
			}
			nrun = 0;
			run_marked = 0;
			run_sec = -2;
		}
		if (b == NULL)
			break;
		if (k != 0 && (r->scope & (1u << BLOCK_PARAGRAPH)) &&
		    check_in_section(st, r, b->section)) {
			if (nrun++ == 0)
				run0 = bi;
			run_sec = b->section;
			run_marked |= k == 2;
		}

		if ((r->scope & (1u << b->kind)) == 0 ||
		    !check_in_section(st, r, b->section) ||
		    check_box_bytes(b->text, b->len) < 2)
			continue;
		while (a < b->len) {
			size_t z = a, first = (size_t)-1;
			unsigned open = 0, marked = 0;
			int l, c;

			/* A segment: up to a newline, or a cell of a table. */
			while (z < b->len && b->text[z] != '\n' &&
			    !(b->kind == BLOCK_TABLE && b->text[z] == '|'))
				z++;
			for (size_t i = a; i < z; i++) {
				int bk;
				if (b->text[i] != '[' &&
				    (unsigned char)b->text[i] != 0xe2)
					continue;	/* the common case */
				bk = check_box_at(b->text, z, i, &len);
				if (bk == 0)
					continue;
				if (bk == 1 && open++ == 0)
					first = i;
				marked += bk == 2;
				i += len - 1;
			}
			if (open >= 2 && marked == 0) {
				size_t s0 = a, s1 = z;
				while (s0 < s1 && (b->text[s0] == ' ' ||
				    b->text[s0] == '*'))
					s0++;
				while (s1 > s0 && (b->text[s1 - 1] == ' ' ||
				    b->text[s1 - 1] == '*'))
					s1--;
				checklist_block_pos(cl, b, first, &l, &c);
				check_emit(st, r, l, c, l, c, b->text + s0, s1 - s0,
				    NULL, check_title(st, b->section));
			}
			a = z + 1;
		}
	}
}

/* Bytes a status separator starts with (check_status_tail). */
static const unsigned char check_tail_byte[256] = {
	[':'] = 1, ['-'] = 1, ['('] = 1, [0xe2] = 1,
};

/* The status at the end of an item's text: what follows its last ':',
 * " - ", " – ", " — " or "→", or in its last parentheses; NULL if none. */
static const char *
check_status_tail(const char *t, size_t *n)
{
	const uint64_t lo = 0x0101010101010101u, hi = lo << 7;
	const char *best = NULL, *e;
	size_t len = strlen(t), i;

	/* A separator that ends later wins. Only the bytes one can hold
	 * (':', '-', '(', the first of a dash or an arrow) are looked at,
	 * eight at a time while none is among them (one pass: strpbrk a
	 * candidate would rescan the rest of a long text under a
	 * sanitizer's strict string checks); each test stops at the first
	 * byte that differs, so none reads past the end. */
	for (i = 0; i < len; i++) {
		const char *q;
		int sp;

		while (len - i >= 8) {
			uint64_t v, a, b, c, d, m;

			memcpy(&v, t + i, 8);
			a = v ^ (lo * ':');
			b = v ^ (lo * '-');
			c = v ^ (lo * '(');
			d = v ^ (lo * 0xe2);
			m = (((a - lo) & ~a) | ((b - lo) & ~b) |
			    ((c - lo) & ~c) | ((d - lo) & ~d)) & hi;
			if (m != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
				/* The lowest set bit is exact: the first
				 * such byte (a borrow only marks bytes above
				 * a zero one). */
				i += (size_t)(__builtin_ctzll(m) >> 3);
#endif
				break;
			}
			i += 8;
		}
		if (i >= len)
			break;
		if (!check_tail_byte[(unsigned char)t[i]])
			continue;
		q = t + i;
		sp = q > t && q[-1] == ' ';
		e = NULL;
		if (q[0] == ':' && q[1] == ' ')
			e = q + 2;				/* ": " */
		else if (q[0] == '-' && sp && q[1] == ' ')
			e = q + 2;				/* " - " */
		else if (q[0] == '(' && sp)
			e = q + 1;				/* " (" */
		else if (q[0] == '\xe2' && sp && q[1] == '\x80' &&
		    (q[2] == '\x93' || q[2] == '\x94') && q[3] == ' ')
			e = q + 4;			/* " – ", " — " */
		else if (q[0] == '\xe2' && q[1] == '\x86' && q[2] == '\x92')
			e = q + 3;				/* "→" */
		if (e != NULL && (best == NULL || e > best))
			best = e;
	}
	if (best == NULL)
		return NULL;
	while (*best == ' ' || *best == '*')
		best++;
	*n = len - (size_t)(best - t);
	while (*n > 0 && strchr(" .!)*", best[*n - 1]) != NULL)
		(*n)--;
	return best;
}

/* Is the tail one of the words (case aside)? */
static int
check_tail_is(const char *p, size_t n, const char *const *words)
{
	for (; *words != NULL; words++)
		if (ascii_lower((unsigned char)**words) ==
		    ascii_lower((unsigned char)*p) && strlen(*words) == n &&
		    strncasecmp(p, *words, n) == 0)
			return 1;
	return 0;
}

/* box-contradicts-text: an open box whose text says it is done ("-
 * [ ] Security audit passed: ✅", "Migration - DONE"), or a checked box
 * whose text says it is not ("Load test: ❌", "Backups - FAILED"). A
 * mark at the start of the text is decoration, not a status. */
void
check_box_contradicts(struct check_state *st, const struct rule *r)
{
	static const char *const done_marks[] = { "\xe2\x9c\x85",
	    "\xe2\x9c\x94", "\xe2\x98\x91", "\xe2\x9c\x93", NULL };
	static const char *const undone_marks[] = { "\xe2\x9d\x8c",
	    "\xe2\x9c\x97", "\xe2\x9c\x98", "\xe2\x9b\x94", NULL };
	static const char *const no_marks[] = { NULL };
	static const char *const done_words[] = { "done", "passed",
	    "complete", "completed", "fixed", "verified", "resolved",
	    "finished", "erledigt", "abgeschlossen", "完成", "已完成", "完了",
	    "완료", "hecho", "completado", "concluído", "terminé", NULL };
	static const char *const undone_words[] = { "failed", "fail",
	    "not done", "not fixed", "pending", "todo", "tbd", "blocked",
	    "not started", "in progress", "not complete", "incomplete",
	    "missing", "offen", "ausstehend", "未完成", "未完了", "미완료",
	    "pendiente", "pendente", NULL };
	const struct checklist *cl = st->cl;

	for (size_t i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];
		const char *t = it->text ? it->text : "", *tail, *m = NULL;
		const char *const *marks, *const *words;
		size_t n, k;

		/* A mark starts with 0xe2, a status follows ':', '-', '('
		 * or a dash or an arrow (0xe2 again): a task whose text,
		 * its block's, holds none of them says nothing. */
		if (it->state == ITEM_NA || (it->block >= 0 &&
		    !(cl->blocks[it->block].has &
		    (BLOCK_HAS_COLON | BLOCK_HAS_SEP))) ||
		    !check_in_section(st, r, it->section))
			continue;
		marks = it->state == ITEM_OPEN ? done_marks : undone_marks;
		words = it->state == ITEM_OPEN ? done_words : undone_words;
		/* Every mark starts with 0xe2: most texts have none. */
		if (strchr(t, 0xe2) == NULL)
			marks = no_marks;
		for (k = 0; marks[k] != NULL && m == NULL; k++) {
			const char *p = strstr(t, marks[k]);
			/* Not as the first thing in the text. */
			while (p != NULL && p == t + strspn(t, " *"))
				p = strstr(p + 1, marks[k]);
			m = p;
			n = m ? strlen(marks[k]) : 0;
		}
		if (m == NULL && (tail = check_status_tail(t, &n)) != NULL &&
		    check_tail_is(tail, n, words))
			m = tail;
		if (m == NULL)
			continue;
		check_emit(st, r, it->line, it->col, it->line, it->col, t,
		    strlen(t), it->state == ITEM_OPEN ? "open" : "checked",
		    check_title(st, it->section));
	}
}
