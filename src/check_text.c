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

/* pattern and placeholder: every match in every block in scope. */
void
check_pattern(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;

	if (r->re == NULL)
		return;
	for (size_t i = 0; i < cl->nblocks; i++) {
		const struct block *b = &cl->blocks[i];

		if ((r->scope & (1u << b->kind)) == 0 ||
		    !check_in_section(st, r, b->section))
			continue;
		check_block_matches(st, r, r->re, b);
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
