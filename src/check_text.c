/* check_text.c: checkers over the plain text of blocks: pattern and
 * placeholder rules (one regex each, the placeholder list compiled into a
 * single alternation by the loader) and mojibake. */
#include <string.h>

#include "buf.h"
#include "model.h"
#include "rule.h"
#include "utf8.h"

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
	"\\bTODO\\b(?!\\s+(?:comments?|items?|markers?|lists?|tags?)\\b)",
	/* Error rate > X%, Y seconds, under X seconds, < Z ms, N requests/s */
	"(?<![\\w.\\-/])" PH_VAR "(?![\\w.\\-/])" PH_WITH_UNIT,
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

/*
 * Could the shipped placeholder list match in s[from..n)? A necessary
 * condition, checked in one cheap pass so that pcre2 runs only on the few
 * blocks where a match is possible. Every entry of check_placeholders
 * consumes, at or after from, a position i where one of these holds (p
 * and c2 are the bytes before and after i; "word" is ASCII [A-Za-z0-9_],
 * as \w and \b see it without UCP):
 *   TB.. TO.. FI..	TBD/TBA/TBC, TODO, FIXME after \b: p not word
 *   X N M Y Z		a variable (or XXX+, YYYY, MM) after \b or a
 *			comparison: p not word; c2 not word or the same
 *			letter (XX+, YYYY, MM/DD)
 *   DD xx		DD/MM/YYYY after \b, xx+: p not word
 *   ??			question marks
 *   [ + letter	[Name], [Your ...]
 *   < + letter	<name> after (?<!\w): p not word
 * The comparison branch ("under X seconds") reports its match from the
 * variable on, which is itself such a position. tests/unit_prefilter.c
 * checks the condition against pcre2 on random text; a change to
 * check_placeholders must keep it true (or drop the prefilter).
 */
int
check_placeholder_maybe(const char *s, size_t n, size_t from)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = from; i < n; i++) {
		unsigned char c = u[i], c2, p;

		if (!check_ph_first[c])
			continue;
		c2 = i + 1 < n ? u[i + 1] : 0;
		p = i > 0 ? u[i - 1] : 0;
		switch (c) {
		case '?':
			if (c2 == '?')
				return 1;
			continue;
		case '[':
			if ((c2 | 0x20) >= 'a' && (c2 | 0x20) <= 'z')
				return 1;
			continue;
		default:
			break;
		}
		if (check_word(p))
			continue;
		switch (c) {
		case 'T':
			if (c2 == 'B' || c2 == 'O')
				return 1;
			break;
		case 'F':
			if (c2 == 'I')
				return 1;
			break;
		case 'D':
		case 'x':
			if (c2 == c)
				return 1;
			break;
		case '<':
			if ((c2 | 0x20) >= 'a' && (c2 | 0x20) <= 'z')
				return 1;
			break;
		default:	/* X N M Y Z */
			if (c2 == c || !check_word(c2))
				return 1;
			break;
		}
	}
	return 0;
}

/* pattern and placeholder: every match in every block in scope. A
 * placeholder rule running the shipped list alone skips, through
 * check_placeholder_maybe, the text where it cannot match. */
void
check_pattern(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	check_maybe_fn *maybe = NULL;
	size_t k;

	if (r->re == NULL)
		return;
	if ((r->kind->keys & RKEY_DEFAULTS) && r->defaults) {
		for (k = 0; k < r->npats && r->pats[k].src == NULL; k++)
			;
		if (k == r->npats)
			maybe = check_placeholder_maybe;
	}
	for (size_t i = 0; i < cl->nblocks; i++) {
		const struct block *b = &cl->blocks[i];

		if ((r->scope & (1u << b->kind)) == 0 ||
		    !check_in_section(st, r, b->section))
			continue;
		check_block_matches(st, r, r->re, maybe, b);
	}
}

/* mojibake: each run in each block, with its repair as {label}. */
void
check_mojibake(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	struct buf rep = {0};

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
			check_emit(st, r, l, c, el, ec, b->text + a, z - a,
			    buf_cstr(&rep), check_title(st, b->section));
			from = z;
		}
	}
	buf_free(&rep);
}
