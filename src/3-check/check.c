/* check.c: the table of rule kinds and the run over one checklist: the
 * effective severities for its path, each enabled rule's checker, the
 * ticklist-disable comments, then the sort. The checkers themselves live
 * in check_text.c (block text), check_struct.c (items and encoding) and
 * check_sections.c (sections, fields, sign-off, completion). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "diag.h"
#include "match.h"
#include "model.h"
#include "rule.h"
#include "xalloc.h"

#define SCOPE_ALL	((1u << BLOCK__MAX) - 1)
#define SCOPE_TEXT	(SCOPE_ALL & ~(1u << BLOCK_CODE))

/*
 * One row per kind. A new kind is a row here, a checker in a check_*.c
 * file and, if it takes new keys, a bit in enum rkey.
 */
const struct rule_kind check_kinds[] = {
	/* Sections whose headings must exist (shipped id missing-section). */
	{ "required-sections", RKEY_SECTIONS, RKEY_SECTIONS, SEV_ERROR, 0,
	  "missing section: {section}",
	  "Required sections (by heading pattern) must exist.",
	  "Add a section with a heading that matches, or change the rule's "
	  "sections.", check_required_sections,
	  0,
	  "A checklist without a Security or Rollback section has a hole "
	  "nobody sees in a list of ticked boxes.",
	  "# Deploy\n## Steps\n- [x] Ship it",
	  "# Deploy\n## Steps\n- [x] Ship it\n## Rollback\n- [ ] Revert the "
	  "release",
	  .id = "missing-section" },
	/* A regex that must not match the text of blocks in scope. */
	{ "pattern", RKEY_PATTERN | RKEY_SCOPE | RKEY_SECTION, RKEY_PATTERN,
	  SEV_WARNING, SCOPE_TEXT, "forbidden text '{match}'",
	  "Text matching a forbidden pattern.",
	  "Remove or rewrite the matching text.", check_pattern,
	  0,
	  "Text the project forbids (a staging URL, a test account) must "
	  "not reach the production checklist.",
	  "- [ ] Smoke test on staging.example.com",
	  "- [ ] Smoke test on www.example.com",
	  .id = "pattern" },
	/* The shipped placeholder list (plus patterns) as a pattern rule. */
	{ "placeholder", RKEY_PATTERNS | RKEY_DEFAULTS | RKEY_SCOPE |
	  RKEY_SECTION, 0, SEV_WARNING, SCOPE_TEXT,
	  "placeholder '{match}' left unfilled",
	  "Placeholders left in the checklist: X%, Y seconds, TBD, TODO, "
	  "[Name], <name>, ??.",
	  "Replace the placeholder with the real value.", check_pattern,
	  0,
	  "A threshold of 'X%' or an owner of '[Name]' means the decision "
	  "was never made; the box is ticked without it.",
	  "- [ ] Alert when error rate > X%",
	  "- [ ] Alert when error rate > 2%",
	  .regex = check_placeholder_regex,
	  .id = "placeholder" },
	/* Fields (label: value slots) left blank (shipped unfilled-field). */
	{ "fields", RKEY_SECTION, 0, SEV_WARNING, 0,
	  "field '{label}' is blank",
	  "Fields such as 'Approved By: ____' must be filled in.",
	  "Fill in the field.", check_fields,
	  0,
	  "A blank 'Approved By' is an approval that never happened.",
	  "**Approved By:** ______",
	  "**Approved By:** Dana Reyes",
	  .id = "unfilled-field" },
	/* Sign-off sections: fields filled, boxes checked, dates valid. */
	{ "signoff", RKEY_SECTION | RKEY_DATEFMT, 0, SEV_WARNING, 0,
	  "sign-off incomplete in {section}: {match}",
	  "Sign-off sections must be complete: every field filled, every box "
	  "checked, dates valid and not in the future.",
	  "Complete the sign-off.", check_signoff,
	  0,
	  "Shipping before the sign-off is complete skips the one gate the "
	  "checklist exists for.",
	  "## Sign-off\n- [ ] **QA** - ______ Date: ____",
	  "## Sign-off\n- [x] **QA** - Dana Reyes Date: 2026-01-15",
	  .section = check_signoff_section,
	  .id = "signoff", .reads = RULE_READS_APPROVALS },
	/* A minimum percent of checked items, overall or per section. */
	{ "completion", RKEY_MIN | RKEY_SECTION | RKEY_AFTER, RKEY_MIN,
	  SEV_WARNING, 0,
	  "{section} is {match} complete",
	  "A minimum share of checked items, overall or per section.",
	  "Check the remaining items or mark them N/A with a reason.",
	  check_completion,
	  0,
	  "A release gate should not pass while items are still open.",
	  "## Security\n- [x] TLS\n- [ ] WAF rules",
	  "## Security\n- [x] TLS\n- [x] WAF rules",
	  .id = "completion" },
	/* Items (patterns) that must exist, optionally in a section. */
	{ "required-items", RKEY_ITEMS | RKEY_SECTION, RKEY_ITEMS, SEV_WARNING,
	  0, "missing item: {match}",
	  "Required task items (by pattern) must exist.",
	  "Add the item.", check_required_items,
	  0,
	  "Some steps (a backup, a rollback test) must be on every "
	  "checklist of a kind.",
	  "## Database\n- [ ] Run migrations",
	  "## Database\n- [ ] Take a backup\n- [ ] Run migrations",
	  .id = "required-items" },
	/* Task boxes GitHub does not render: [], [ x], [xx], -[ ]. */
	{ "malformed-task", 0, 0, SEV_WARNING, 0,
	  "malformed task box '{match}'{label}",
	  "Task boxes that GitHub does not render as checkboxes.",
	  "Write the box as '- [ ] ' or '- [x] '.", check_malformed_task,
	  1,
	  "GitHub and every other renderer show '[ x]' as plain text, not a "
	  "checkbox, so the item is not counted.",
	  "- [ x] Backups verified",
	  "- [x] Backups verified",
	  .id = "malformed-task" },
	/* The same item text twice under one parent in one section. */
	{ "duplicate-item", 0, 0, SEV_WARNING, 0,
	  "duplicate item '{match}' (first on line {label})",
	  "The same item twice in one section.",
	  "Remove one of the items or tell them apart.",
	  check_duplicate_item,
	  0,
	  "A step listed twice is ticked once and left open once, or its "
	  "two copies drift apart.",
	  "- [ ] Rotate keys\n- [ ] Rotate keys",
	  "- [ ] Rotate keys",
	  .id = "duplicate-item" },
	/* A heading with nothing under it. */
	{ "empty-section", 0, 0, SEV_WARNING, 0,
	  "section '{section}' is empty",
	  "A heading with nothing under it before the next heading of its "
	  "level.", "Add content or remove the heading.", check_empty_section,
	  0,
	  "An empty section looks done in a progress count while nothing in "
	  "it was checked.",
	  "## Monitoring\n## Rollback\n- [ ] Revert",
	  "## Monitoring\n- [ ] Dashboards live\n## Rollback\n- [ ] Revert",
	  .id = "empty-section" },
	/* A checked item with open sub-items. */
	{ "inconsistent-check", 0, 0, SEV_WARNING, 0,
	  "'{match}' is checked but has open sub-items",
	  "A checked item whose sub-items are still open.",
	  "Check the sub-items or uncheck the parent.",
	  check_inconsistent_check,
	  0,
	  "A ticked parent with open steps under it claims work that is not "
	  "done.",
	  "- [x] Deploy\n  - [ ] Run migrations",
	  "- [x] Deploy\n  - [x] Run migrations",
	  .id = "inconsistent-check" },
	/* UTF-8 decoded as cp1252/cp1254/latin-1 and encoded again. */
	{ "mojibake", 0, 0, SEV_WARNING, SCOPE_ALL,
	  "mojibake '{match}': should read '{label}'",
	  "Text that is UTF-8 wrongly decoded (as cp1252, cp1254 or latin-1) "
	  "and re-encoded.",
	  "Replace the text with the repaired characters.", check_mojibake,
	  1,
	  "Mojibake (\xc3\xb0\xc5\xb8\xc5\xa1\xe2\x82\xac "
	  "for a rocket) is unreadable and hides the words a search looks "
	  "for; it comes from a wrong encoding on the way and repeats with "
	  "every round trip.",
	  "- [ ] Ship it "
	  "\xc3\xb0\xc5\xb8\xc5\xa1\xe2\x82\xac",
	  "- [ ] Ship it \xf0\x9f\x9a\x80",
	  .id = "mojibake" },
	/* Bytes that are not UTF-8. */
	{ "invalid-utf8", 0, 0, SEV_ERROR, 0, "invalid UTF-8",
	  "Bytes that are not valid UTF-8.",
	  "Re-save the file as UTF-8.", check_invalid_utf8,
	  0,
	  "Invalid bytes show as replacement characters or break tools that "
	  "read the file.",
	  "- [ ] Caf\\xe9 open (a latin-1 byte)",
	  "- [ ] Caf\xc3\xa9 open",
	  .id = "invalid-utf8" },
	/* An N/A item must say why. */
	{ "na-without-reason", RKEY_PATTERN | RKEY_MIN, 0, SEV_WARNING, 0,
	  "N/A item '{match}' gives no reason",
	  "Items marked not applicable ([-] or [~]) must say why, e.g. "
	  "'[-] CDN configured - not used: API only'.",
	  "Add the reason after a dash or colon.", check_na_reason_fn,
	  0,
	  "An item skipped without a reason cannot be reviewed: was it "
	  "really not applicable?",
	  "- [-] CDN configured",
	  "- [-] CDN configured - not used: API only",
	  .min = 1, .regex = check_na_regex,
	  .id = "na-without-reason" },
	/* The style of a checked box: [x], not [X]; in no shipped set, a
	 * project that wants it adds a rule of this kind. */
	{ "box-style", 0, 0, SEV_WARNING, 0,
	  "checked box '{match}' is upper case: write '[x]'",
	  "Checked boxes written '[X]' where the project's style is '[x]'.",
	  "Write the box as '[x]'.", check_box_style,
	  1,
	  "One spelling of a checked box keeps diffs and searches simple "
	  "(grep -c '\\[x\\]').",
	  "- [X] Backups verified",
	  "- [x] Backups verified",
	  .id = "box-style" },
	/* Options offered with boxes on one line or cell, none marked. */
	{ "unselected-choice", RKEY_SCOPE | RKEY_SECTION, 0, SEV_WARNING,
	  (1u << BLOCK_ITEM) | (1u << BLOCK_PARAGRAPH) | (1u << BLOCK_TABLE),
	  "no option chosen in '{match}'",
	  "A line or table cell offering options with boxes (\u2610 Pass "
	  "\u2610 Fail, [ ] Patch [ ] Minor), none of them marked.",
	  "Mark the option that applies.", check_unselected_choice,
	  0,
	  "A choice left blank reads as decided in a list of ticks; the "
	  "reviewer cannot tell which option was taken.",
	  "Result: [ ] Pass [ ] Fail",
	  "Result: [x] Pass [ ] Fail",
	  .id = "unselected-choice" },
	/* A box that says the opposite of its text. */
	{ "box-contradicts-text", RKEY_SECTION, 0, SEV_WARNING, 0,
	  "{label} box contradicts its text '{match}'",
	  "An open box whose text says it is done (a check mark, 'passed', "
	  "'done'), or a checked box whose text says it is not (a cross, "
	  "'failed', 'pending').",
	  "Check or uncheck the box, or correct the text.",
	  check_box_contradicts,
	  0,
	  "A box that says one thing and its text another makes the count "
	  "wrong whichever one is right.",
	  "- [ ] Security audit passed: \xe2\x9c\x85",
	  "- [x] Security audit passed: \xe2\x9c\x85",
	  .id = "box-contradicts-text" },
	/* An open item past its due date (due:2026-12-01). */
	{ "overdue", RKEY_SECTION, 0, SEV_WARNING, 0,
	  "'{match}' is overdue (due {label})",
	  "Open items past their due date (due:2026-12-01, (due 2026-12-01) "
	  "or a calendar emoji and the date); today is --today, else "
	  "SOURCE_DATE_EPOCH, else the clock.",
	  "Do the item, or move its due date.", check_overdue,
	  0,
	  "A due date nobody acts on is a deadline missed in silence: the "
	  "report shows what is late before the release does.",
	  "- [ ] Rotate the keys due:2020-01-01",
	  "- [x] Rotate the keys due:2020-01-01",
	  .id = "overdue", .reads = RULE_READS_DUE },
	/* A checked item without a link, #123 or a commit. */
	{ "evidence-required", RKEY_SECTION, 0, SEV_WARNING, 0,
	  "'{match}' is checked without evidence",
	  "Checked items must carry evidence: a URL or link, #123, "
	  "owner/repo#123 or a commit SHA (an approval is its own evidence).",
	  "Add a link to the proof (a PR, a run, a report) to the item.",
	  check_evidence,
	  0,
	  "A checkbox is only an assertion; a link to the proof lets a "
	  "reviewer check it.",
	  "- [x] Penetration test passed",
	  "- [x] Penetration test passed: https://example.com/report/42",
	  .id = "evidence-required", .reads = RULE_READS_ITEMMETA },
	/* A review or expiry date in the past. */
	{ "stale-review", RKEY_SECTION, 0, SEV_WARNING, 0,
	  "{label} date {match} has passed",
	  "A 'Next Review:', 'Review by:', 'Expires:' or 'Valid until:' date, "
	  "or front matter review_by or expires, in the past.",
	  "Review the checklist and set the next date.", check_stale_review,
	  0,
	  "A checklist past its review date may describe a process that has "
	  "changed.",
	  "Next Review: 2020-01-01",
	  "Next Review: 2099-01-01",
	  .id = "stale-review" },
	/* A ticklist-waive comment past its date. */
	{ "expired-waiver", 0, 0, SEV_ERROR, 0,
	  "waiver of {match} expired on {label}",
	  "A ticklist-waive comment whose date has passed: the findings it "
	  "waived are reported again.",
	  "Fix what was waived, or renew the waiver with a new date and "
	  "reason.", check_expired_waiver,
	  0,
	  "An exemption that never ends is a permanent hole; a dated one "
	  "comes back for review.",
	  "<!-- ticklist-waive placeholder until 2020-01-01: vendor form -->",
	  "<!-- ticklist-waive placeholder until 2099-01-01: vendor form -->",
	  .id = "expired-waiver" },
	/* A ticklist-waive comment without a date, a reason or a rule. */
	{ "invalid-waiver", 0, 0, SEV_WARNING, 0,
	  "{match} (write: ticklist-waive RULE until YYYY-MM-DD: why)",
	  "A ticklist-waive comment without a rule, an expiry date or a "
	  "reason; it waives nothing.",
	  "Name the rule, the date it ends and why.", check_invalid_waiver,
	  0,
	  "A waiver without a date or a reason cannot be reviewed or expire.",
	  "<!-- ticklist-waive placeholder -->",
	  "<!-- ticklist-waive placeholder until 2099-01-01: vendor form -->",
	  .id = "invalid-waiver" },
	/* Items and sections of the template missing or reworded. */
	{ "template-drift", 0, 0, SEV_WARNING, 0, "{label} '{match}'",
	  "Items and sections of the template the checklist was copied from "
	  "(front matter 'template: PATH') that are missing or reworded; "
	  "items added are reported as info.",
	  "Restore the template's item, or mark it N/A with a reason.",
	  check_template_drift,
	  0,
	  "A copy that drops the items it could not satisfy passes as green; "
	  "comparing with its template shows what went missing.",
	  "(the template's item 'Backups restored' is missing)",
	  "- [ ] Backups restored",
	  .id = "template-drift" },
	/* A file chosen as a checklist with no task item and no field. */
	{ "empty-checklist", 0, 0, SEV_WARNING, 0,
	  "no task item or field: not a checklist",
	  "A file selected as a checklist (by files:) with no task item and "
	  "no field.",
	  "Add task items, or leave the file out of files:.",
	  check_empty_checklist,
	  0,
	  "A file named as a checklist that holds no box passes every "
	  "check, as nothing in it can be ticked or left open.",
	  "# Deploy\n\nShip it when ready.",
	  "# Deploy\n\n- [ ] Ship it",
	  .id = "empty-checklist" },
};
const size_t check_nkinds = sizeof(check_kinds) / sizeof(check_kinds[0]);

struct check_ctx {
	struct match_scratch	*ms;
	enum sev		*sev;
	size_t			 nsev;
	signed char		*mask;
	size_t			 nmask;
	struct buf		 msg;
};

const struct rule_kind *
check_kind(const char *name)
{
	for (size_t i = 0; i < check_nkinds; i++)
		if (strcmp(check_kinds[i].name, name) == 0)
			return &check_kinds[i];
	return NULL;
}

struct check_ctx *
check_ctx_new(void)
{
	struct check_ctx *c = xcalloc(1, sizeof(*c));

	c->ms = match_scratch_new();
	return c;
}

void
check_ctx_free(struct check_ctx *c)
{
	if (c == NULL)
		return;
	match_scratch_free(c->ms);
	free(c->sev);
	free(c->mask);
	buf_free(&c->msg);
	free(c);
}

/* Append s[0..n) to b for a one-line message: control characters become
 * spaces and long text is cut at 80 bytes (on a character boundary). */
static void
check_put_oneline(struct buf *b, const char *s, size_t n)
{
	size_t i, at, lim = n;
	unsigned char *d;

	if (lim > 80) {
		lim = 80;
		while (lim > 0 && ((unsigned char)s[lim] & 0xc0) == 0x80)
			lim--;
	}
	/* Copied whole, then each control character turned into a space
	 * where it landed: one copy instead of a call a byte. */
	at = b->len;
	buf_put(b, s, lim);
	for (i = 0, d = (unsigned char *)b->data + at; i < lim; i++)
		d[i] = d[i] < 0x20 ? ' ' : d[i];
	if (lim < n)
		buf_puts(b, "...");
}

void
check_emit(struct check_state *st, const struct rule *r, int line, int col,
    int end_line, int end_col, const char *match, size_t mlen,
    const char *label, const char *sec)
{
	const char *t = r->message ? r->message : r->kind->message;
	struct buf *b = &st->msg;

	buf_reset(b);
	for (; *t != '\0'; t++) {
		if (*t != '{') {
			const char *e = strchr(t, '{');
			size_t k = e ? (size_t)(e - t) : strlen(t);

			buf_put(b, t, k);
			t += k - 1;
		} else if (strncmp(t, "{match}", 7) == 0) {
			if (match != NULL)
				check_put_oneline(b, match, mlen);
			t += 6;
		} else if (strncmp(t, "{label}", 7) == 0) {
			if (label != NULL)
				check_put_oneline(b, label, strlen(label));
			t += 6;
		} else if (strncmp(t, "{section}", 9) == 0) {
			if (sec != NULL)
				check_put_oneline(b, sec, strlen(sec));
			t += 8;
		} else
			buf_putc(b, *t);
	}
	findings_add_parts(st->out, st->cl->file, line, col, end_line, end_col,
	    st->sev[r->index], r->info.id, buf_cstr(b), sec,
	    match != NULL ? match : label, match != NULL ? mlen :
	    label != NULL ? strlen(label) : 0);
}

const char *
check_title(const struct check_state *st, int section)
{
	if (section < 0 || (size_t)section >= st->cl->nsections)
		return NULL;
	return st->cl->sections[section].title;
}

/* A regex that gave up: an error finding naming the rule, never a hang. */
static void
check_limit(struct check_state *st, const struct rule *r, int line, int col)
{
	findings_add(st->out, st->cl->file, line, col, line, col, SEV_ERROR,
	    r->info.id, "rule '%s': regex gave up on this text (pcre2 match "
	    "limit: the pattern backtracks too much)", r->info.id);
}

int
check_matches(struct check_state *st, const struct rule *r,
    const struct match_re *re, const char *s, size_t n, int line, int col)
{
	size_t a, z;
	int rc = match_find(re, st->ms, s, n, 0, &a, &z);

	if (rc == MATCH_LIMIT)
		check_limit(st, r, line, col);
	return rc == 1;
}

/* Does section s or an ancestor match r's section pattern? Memoised per
 * rule in st->mask, so each title is matched at most once per rule: bit
 * 1 the answer, bit 2 whether s's own title matched. */
static int
check_section_match(struct check_state *st, const struct rule *r, int s)
{
	const struct section *sec;
	int own, rc;

	if (s < 0)
		return 0;
	if (st->mask[s] >= 0)
		return st->mask[s] & 1;
	sec = &st->cl->sections[s];
	own = check_matches(st, r, r->section_re, sec->title,
	    strlen(sec->title), sec->line, sec->col);
	rc = own || check_section_match(st, r, sec->parent);
	st->mask[s] = (signed char)(rc | own << 1);
	return rc;
}

/* Start r's memo in st->mask. */
static void
check_mask_for(struct check_state *st, const struct rule *r)
{
	if (st->mask_rule != r) {
		memset(st->mask, -1, st->cl->nsections);
		st->mask_rule = r;
	}
}

int
check_in_section(struct check_state *st, const struct rule *r, int section)
{
	if (r->section_re == NULL)
		return 1;
	check_mask_for(st, r);
	return check_section_match(st, r, section);
}

int
check_in_section_below_title(struct check_state *st, const struct rule *r,
    int s)
{
	const struct checklist *cl = st->cl;

	if (r->section_re == NULL)
		return 1;
	check_mask_for(st, r);
	for (; s >= 0 && s != cl->title_section; s = cl->sections[s].parent) {
		check_section_match(st, r, s);
		if (st->mask[s] & 2)
			return 1;
	}
	return 0;
}

/* Where a count of backtick runs stopped, to go on from there: matches
 * along one long line come in order, so the line is scanned once, not
 * once per match. */
struct tick_memo {
	size_t	 a;		/* where the count started */
	size_t	 pos;		/* the next byte to look at */
	size_t	 runs;
	int	 in_run;	/* src[pos - 1] ended a run, unescaped */
	int	 valid;
};

/* Count backtick runs in src[a..z), skipping escaped characters; with m,
 * go on from m when it counted from a and stopped at or before z. */
static size_t
check_tick_runs(const char *src, size_t a, size_t z, struct tick_memo *m)
{
	size_t i = a, runs = 0;
	int in_run = 0;

	if (m != NULL && m->valid && m->a == a && m->pos <= z) {
		i = m->pos;
		runs = m->runs;
		in_run = m->in_run;
	}
	while (i < z) {
		if (src[i] == '\\') {
			in_run = 0;
			i += 2;
			continue;
		}
		if (src[i] == '`') {
			runs += !in_run;
			in_run = 1;
		} else
			in_run = 0;
		i++;
	}
	if (m != NULL) {
		m->a = a;
		m->pos = i;
		m->runs = runs;
		m->in_run = in_run;
		m->valid = 1;
	}
	return runs;
}

int
check_pos_in_code(const struct checklist *cl, int line, int col,
    struct code_pos *cp)
{
	size_t n;

	if (cl->src == NULL || cl->lines == NULL || line < 1 ||
	    (size_t)line > cl->nlines)
		return 0;
	n = cl->srclen;
	if (cp->line != line || col < cp->col) {
		int l = line;

		/* Back to the first line of the paragraph: a span may cross
		 * lines, never a blank line or the start of a list item or
		 * heading. */
		while (l > 1) {
			const char *p = cl->src + cl->lines[l - 1];

			p += strspn(p, " \t");
			if (*p == '-' || *p == '*' || *p == '+' || *p == '#' ||
			    *p == '>' || *p == '|' || (*p >= '0' && *p <= '9'))
				break;
			p = cl->src + cl->lines[l - 2];
			p += strspn(p, " \t");
			if (*p == '\n' || *p == '\r' || *p == '\0')
				break;
			l--;
		}
		cp->runs = check_tick_runs(cl->src, cl->lines[l - 1],
		    cl->lines[line - 1], NULL);
		cp->line = line;
		cp->col = 1;
		cp->z = cl->lines[line - 1];
		cp->tick = 0;
	}
	/* Go on from where the last call on this line stopped: fields come
	 * in column order, so a line is scanned once. */
	while (cp->z < n && cp->col < col && cl->src[cp->z] != '\n') {
		char ch = cl->src[cp->z];

		if (ch == '`') {
			if (!cp->tick)
				cp->runs++;
			cp->tick = 1;
		} else
			cp->tick = 0;
		if (ch == '\\' && cp->z + 1 < n && cl->src[cp->z + 1] != '\n') {
			cp->z++;
			cp->col++;
		}
		cp->z++;
		while (cp->z < n && ((unsigned char)cl->src[cp->z] & 0xc0) ==
		    0x80)
			cp->z++;
		cp->col++;
	}
	return cp->runs % 2;
}

/* Is offset off of block b inside an inline code span? Judged on the
 * source, as the model keeps no inline nodes: an odd number of backtick
 * runs before it, counted from the start of the block for a paragraph or
 * an item (a span may cross lines), else from the start of its line. */
static int
check_in_code_span(const struct checklist *cl, const struct block *b,
    size_t off, struct tick_memo *tm)
{
	const struct seg *sg, *first;
	size_t lo = 0, hi = b->nseg, a, z;

	if (cl->src == NULL || cl->lines == NULL)
		return 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cl->segs[b->seg0 + mid].off <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	sg = &cl->segs[b->seg0 + lo - 1];
	if (sg->line < 1 || (size_t)sg->line > cl->nlines)
		return 0;
	a = cl->lines[sg->line - 1];
	z = a + (size_t)(sg->bcol - 1) + (off - sg->off);
	if (z > cl->srclen)
		z = cl->srclen;
	first = &cl->segs[b->seg0];
	if ((b->kind == BLOCK_PARAGRAPH || b->kind == BLOCK_ITEM) &&
	    first->line >= 1 && first->line < sg->line)
		a = cl->lines[first->line - 1] + (size_t)(first->bcol - 1);
	return check_tick_runs(cl->src, a, z, tm) % 2;
}

int
check_find(const struct match_re *re, struct match_scratch *ms,
    check_next_fn *next, const char *s, size_t n, size_t from,
    size_t *start, size_t *end)
{
	size_t key, lo;
	int rc;

	if (next == NULL)
		return match_find(re, ms, s, n, from, start, end);
	/* No attempt before from can succeed; try those that may consume
	 * the next key, then move past it. */
	while (from <= n && (key = next(s, n, from, &lo)) < n) {
		rc = match_find_upto(re, ms, s, n, lo > from ? lo : from, key,
		    start, end);
		if (rc != 0)
			return rc;
		from = key + 1;
	}
	return 0;
}

void
check_block_matches(struct check_state *st, const struct rule *r,
    const struct match_re *re, check_next_fn *next, const struct block *b)
{
	size_t from = 0, a, z, last;
	int rc, l, c, el, ec;
	struct tick_memo tm = {0};
	struct colmemo cm = {0};

	while (from <= b->len && (rc = check_find(re, st->ms, next, b->text,
	    b->len, from, &a, &z)) != 0) {
		if (rc < 0) {
			if (rc == MATCH_LIMIT)
				check_limit(st, r, b->line, b->col);
			return;
		}
		if (z > a && !(b->kind != BLOCK_CODE &&
		    (r->scope & (1u << BLOCK_CODE)) == 0 &&
		    check_in_code_span(st->cl, b, a, &tm))) {
			last = z - 1;
			while (last > a &&
			    ((unsigned char)b->text[last] & 0xc0) == 0x80)
				last--;
			checklist_block_pos_memo(st->cl, b, a, &l, &c, &cm);
			checklist_block_pos_memo(st->cl, b, last, &el, &ec,
			    &cm);
			check_emit(st, r, l, c, el, ec, b->text + a, z - a,
			    NULL, check_title(st, b->section));
		}
		from = match_next(b->text, b->len, a, z);
	}
}

/* The line a disable-next-line comment on line applies to: the next
 * line, skipping blank lines when the source is at hand. */
static int
check_next_line(const struct checklist *cl, int line)
{
	int l = line + 1;

	if (cl->src == NULL || cl->lines == NULL)
		return l;
	for (; (size_t)l <= cl->nlines; l++) {
		size_t a = cl->lines[l - 1];
		size_t z = (size_t)l < cl->nlines ? cl->lines[l] : cl->srclen;
		size_t i;

		for (i = a; i < z; i++)
			if (strchr(" \t\r\n", cl->src[i]) == NULL)
				return l;
	}
	return line + 1;
}

/* The rule ids of the findings being suppressed, sorted and distinct:
 * directives name rules by index into them. */
struct supp_ids {
	const char	**v;
	size_t		  n;
};

static int
check_strp_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The index of the id p[0..k) in ids, or -1. */
static long
check_id_find(const struct supp_ids *ids, const char *p, size_t k)
{
	size_t lo = 0, hi = ids->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(ids->v[mid], p, k);
		if (c == 0 && ids->v[mid][k] != '\0')
			c = 1;
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Call fn(r, arg) for each rule index a directive's ids ("a b,c") name
 * among ids, or fn(-1, arg) once if it names none (all rules). */
static void
check_ids_each(const struct supp_ids *ids, const char *text,
    void (*fn)(long, void *), void *arg)
{
	const char *p = text ? text : "";
	int any = 0;
	size_t k;
	long r;

	for (;;) {
		p += strspn(p, " \t\r\n,");
		if (*p == '\0')
			break;
		any = 1;
		k = strcspn(p, " \t\r\n,");
		if ((r = check_id_find(ids, p, k)) >= 0)
			fn(r, arg);
		p += k;
	}
	if (!any)
		fn(-1, arg);
}

/* Directive state while sweeping down the file: for each rule (and for
 * "all", slot n) the order number of the last disable or enable that
 * named it and whether that disabled; disable-file per rule. */
struct supp_state {
	size_t		*seq;		/* 0: none */
	unsigned char	*off, *file;
	size_t		 now;		/* order number being applied */
	int		 val;
	size_t		 all;		/* slot of "all" */
};

static void
check_supp_set(long r, void *arg)
{
	struct supp_state *ss = arg;
	size_t k = r < 0 ? ss->all : (size_t)r;

	ss->seq[k] = ss->now;
	ss->off[k] = (unsigned char)ss->val;
}

static void
check_supp_file(long r, void *arg)
{
	struct supp_state *ss = arg;

	ss->file[r < 0 ? ss->all : (size_t)r] = 1;
}

/* A disable-next-line target: line and rule (ids n: all). */
struct supp_next {
	int	line;
	size_t	rule;
};

struct supp_nexts {
	struct supp_next	*v;
	size_t			 n, cap;
	int			 line;
	size_t			 all;
};

static void
check_supp_next(long r, void *arg)
{
	struct supp_nexts *nx = arg;

	nx->v = xgrow(nx->v, &nx->cap, nx->n + 1, sizeof(*nx->v));
	nx->v[nx->n].line = nx->line;
	nx->v[nx->n++].rule = r < 0 ? nx->all : (size_t)r;
}

static int
check_next_cmp(const void *a, const void *b)
{
	const struct supp_next *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* A finding or a directive by its line and its index, to sort both in
 * line order, then in their own order. */
struct supp_at {
	int	line;
	size_t	i;
};

static int
check_at_cmp(const void *a, const void *b)
{
	const struct supp_at *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * Drop the findings from first on that ticklist-disable comments cover.
 * The state for a finding's rule is the last disable or enable above it
 * that names the rule (or all rules); disable-next-line covers the next
 * non-blank line, disable-file the whole file. One sweep down the file
 * over findings and directives, each sorted by line: O(n log n) in
 * findings and directives (30,000 disable/enable pairs: milliseconds).
 */
static void
check_suppress(const struct checklist *cl, struct findings *out,
    size_t first)
{
	struct supp_ids ids = { NULL, 0 };
	struct supp_state ss;
	struct supp_nexts nx;
	size_t i, j, k, nd = 0, nf = out->n - first;
	struct supp_at *ford, *dord;
	unsigned char *drop;

	for (j = 0; j < cl->nfacts; j++)
		nd += cl->facts[j].kind == FACT_DIRECTIVE;
	if (nd == 0 || nf == 0)
		return;
	ids.v = xcalloc(nf, sizeof(*ids.v));
	for (i = 0; i < nf; i++)
		ids.v[i] = out->v[first + i].rule;
	qsort(ids.v, nf, sizeof(*ids.v), check_strp_cmp);
	for (i = 0; i < nf; i++)
		if (ids.n == 0 || strcmp(ids.v[ids.n - 1], ids.v[i]) != 0)
			ids.v[ids.n++] = ids.v[i];
	memset(&ss, 0, sizeof(ss));
	ss.all = ids.n;
	ss.seq = xcalloc(ids.n + 1, sizeof(*ss.seq));
	ss.off = xcalloc(ids.n + 1, 1);
	ss.file = xcalloc(ids.n + 1, 1);
	memset(&nx, 0, sizeof(nx));
	nx.all = ids.n;
	dord = xcalloc(nd, sizeof(*dord));
	for (j = k = 0; j < cl->nfacts; j++)
		if (cl->facts[j].kind == FACT_DIRECTIVE) {
			dord[k].line = cl->facts[j].line;
			dord[k++].i = j;
		}
	qsort(dord, nd, sizeof(*dord), check_at_cmp);
	for (k = 0; k < nd; k++) {
		const struct fact *d = &cl->facts[dord[k].i];
		if (d->dir == DIR_DISABLE_FILE)
			check_ids_each(&ids, d->text, check_supp_file, &ss);
		else if (d->dir == DIR_DISABLE_NEXT_LINE) {
			nx.line = check_next_line(cl, d->line);
			if (nx.line > d->line)
				check_ids_each(&ids, d->text, check_supp_next,
				    &nx);
		}
	}
	if (nx.n > 0)	/* qsort and bsearch of NULL are undefined */
		qsort(nx.v, nx.n, sizeof(*nx.v), check_next_cmp);
	ford = xcalloc(nf, sizeof(*ford));
	for (i = 0; i < nf; i++) {
		ford[i].line = out->v[first + i].line;
		ford[i].i = first + i;
	}
	qsort(ford, nf, sizeof(*ford), check_at_cmp);
	drop = xcalloc(nf, 1);
	for (i = k = 0; i < nf; i++) {
		const struct finding *f = &out->v[ford[i].i];
		size_t at = ford[i].i - first;
		long r = check_id_find(&ids, f->rule, strlen(f->rule));
		size_t ri = (size_t)r;
		struct supp_next key;

		for (; k < nd && dord[k].line < f->line; k++) {
			const struct fact *d = &cl->facts[dord[k].i];
			if (d->dir != DIR_DISABLE && d->dir != DIR_ENABLE)
				continue;
			ss.now = k + 1;
			ss.val = d->dir == DIR_DISABLE;
			check_ids_each(&ids, d->text, check_supp_set, &ss);
		}
		if (ss.file[ri] || ss.file[ss.all])
			drop[at] = 1;
		else if (ss.seq[ri] > ss.seq[ss.all] ? ss.off[ri] :
		    ss.off[ss.all])
			drop[at] = 1;
		else if (nx.n > 0) {
			key.line = f->line;
			key.rule = ri;
			if (bsearch(&key, nx.v, nx.n, sizeof(key),
			    check_next_cmp) != NULL)
				drop[at] = 1;
			key.rule = ss.all;
			if (bsearch(&key, nx.v, nx.n, sizeof(key),
			    check_next_cmp) != NULL)
				drop[at] = 1;
		}
	}
	findings_drop(out, first, drop);
	free(drop);
	free(ford);
	free(dord);
	free(nx.v);
	free(ss.seq);
	free(ss.off);
	free(ss.file);
	free(ids.v);
}

/* A suppression comment naming a rule id neither this set nor a shipped
 * set has (a typo: "placeholdr") suppresses nothing: say so, once per id
 * and file (and for at most eight ids: a storm of comments is not a
 * storm of warnings). */
static void
check_unknown_ids(const struct rules *rs, const struct checklist *cl)
{
	char seen[8][128];
	size_t nseen = 0, k2;

	for (size_t i = 0; i < cl->nfacts; i++) {
		const struct fact *d = &cl->facts[i];
		const char *p = d->text ? d->text : "";
		size_t k, j;

		/* Waivers are checked by invalid-waiver: their text is
		 * not a list of ids. */
		if (d->kind != FACT_DIRECTIVE || d->dir >= DIR_WAIVE)
			continue;
		for (;; p += k) {
			char id[128];

			p += strspn(p, " \t\r\n,");
			if (*p == '\0')
				break;
			k = strcspn(p, " \t\r\n,");
			if (k >= sizeof(id))
				continue;
			memcpy(id, p, k);
			id[k] = '\0';
			for (j = 0; j < rs->n; j++)
				if (strcmp(rs->v[j].info.id, id) == 0)
					break;
			if (j < rs->n)
				continue;
			for (k2 = 0; k2 < nseen; k2++)
				if (strcmp(seen[k2], id) == 0)
					break;
			if (k2 < nseen)
				continue;
			if (nseen == sizeof(seen) / sizeof(seen[0]))
				return;
			memcpy(seen[nseen++], id, k + 1);
			if (!rules_shipped_id(id))
				diag_warn(cl->file, d->line, d->col, "unknown "
				    "rule id '%s' in a ticklist-disable comment: "
				    "it suppresses nothing", id);
		}
	}
}

void
check_run(struct check_ctx *c, const struct rules *rs, const enum sev *sev,
    const struct checklist *cl, struct findings *out)
{
	struct check_state st;
	size_t first = out->n;

	if (rs == NULL || cl == NULL) {
		findings_sort(out);
		return;
	}
	c->sev = xgrow(c->sev, &c->nsev, rs->n + 1, sizeof(*c->sev));
	c->mask = xgrow(c->mask, &c->nmask, cl->nsections + 1, 1);
	memset(&st, 0, sizeof(st));
	st.ctx = c;
	st.ms = c->ms;
	st.rs = rs;
	st.cl = cl;
	st.out = out;
	st.sev = c->sev;
	st.mask = c->mask;
	st.msg = c->msg;
	for (size_t i = 0; i < rs->n; i++)
		st.sev[i] = sev != NULL ? sev[i] : rs->v[i].info.sev;
	for (size_t i = 0; i < rs->n; i++)
		if (st.sev[i] != SEV_OFF)
			rs->v[i].kind->check(&st, &rs->v[i]);
	c->msg = st.msg;
	check_unknown_ids(rs, cl);
	check_suppress(cl, out, first);
	check_waive(cl, out, first);
	findings_sort(out);
}
