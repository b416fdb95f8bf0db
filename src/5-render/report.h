/* report.h: [check] the report model every backend reads: the status
 * object of a checklist (pinned JSON shape) as a value tree, shared by
 * `status --format json`, report.json and the templates.
 * main.c, report_cmd.c and tests include it. */
#ifndef TICKLIST_REPORT_H
#define TICKLIST_REPORT_H

#include <stddef.h>

#include "model.h"
#include "report_diff.h"
#include "verdict.h"

struct arena;
struct buf;
struct checklist;
struct findings;
struct rules;
struct val;

/* One checklist of a report: its model, its lint findings (sorted, as
 * check_run leaves them) and the path of its page relative to the report
 * directory. All borrowed for the duration of a call. */
struct report_input {
	const struct checklist	*cl;
	const struct findings	*fs;
	const char		*page;
	const struct rules	*rules;		/* its rule set, or NULL */
	/* --source-url: a URL with {path}, {line} and {commit} for the
	 * source line of each task item and finding, or NULL; commit fills
	 * {commit} (NULL: "HEAD"). */
	const char		*source_url;
	const char		*commit;
	/* --baseline and --history, or NULL: "changes" and "trend". */
	const struct report_past *baseline;
	const struct report_past *history;
};

/* {"file", "title", "metadata", "items", "checked", "na", "percent",
 *  "sections": [...], "fields": [...]}; the caller owns the result. */
struct val	*report_status(const struct checklist *);
/* percent as the pinned JSON has it: one decimal, or null. */
struct val	*report_percent(unsigned items, unsigned checked);

/*
 * The template model: the names of report.json plus what templates need.
 * Root: version, generated_at, tool, summary, checklists (least complete
 * first; a checklist without items last), has_checklists.
 * Counts objects (summary, checklist, section) add: open, has_items, has_na,
 * complete, progress (percent or 0), percent_text ("73%", floored so that
 * only a finished list shows 100%; "n/a" without items).
 * summary adds: findings_count, has_findings, blockers, blocked, badge
 * {label, value, color, label_width, value_width, width, label_x,
 * value_x, label_text_width, value_text_width} (SVG units; x and text
 * widths in tenths, for text drawn at scale(.1)).
 * A checklist adds: findings (each with error/warning/info booleans),
 * errors, warnings, infos, findings_count, has_findings, blockers (its
 * error findings), blocked, state ("complete", "blocked", "in-progress",
 * "empty") and state_label, signoff {state: "signed" | "partial" |
 * "unsigned" | "none", label, filled, total, signed, partial, unsigned,
 * none}, has_fields, metadata_list [{key, value}], has_metadata,
 * has_sections, tasks (task items outside any section or directly under
 * the title heading), has_tasks, findings_top (findings that concern no
 * section or task item; without errors, which are blockers),
 * has_findings_top; for the status page (issue 15): blockers_top (the
 * first two), more_blockers, has_more_blockers, ruleset (rules_file) and
 * ruleset_name, has_ruleset, kinds [{kind, label, count}] of the
 * findings below error (placeholders, blank-fields, structure, encoding,
 * other), has_kinds, finding_groups [{rule, severity, message, anchor,
 * line, count, multi, places: [{line, anchor}]}] (identical findings once,
 * most severe and largest first), has_finding_groups, has_repeated,
 * rule_groups [{rule, severity, count, multi}] below error,
 * has_rule_groups, task_items [{text, state, line}], left [{title,
 * anchor, open, all_open, tasks: [{line, text}]}] (open items by
 * section; all_open: none of its items is done or n/a),
 * has_left, section_rows (flat: title, line, indent, nested, counts),
 * has_section_rows, lang (front matter lang/language or "en"), bar_name;
 * with a baseline, changes (report_diff); with a history, trend.
 * Every finding object has anchor (the id of the element it sits in:
 * "L<line>" item, "S<line>" section, "top") and, with --source-url, src;
 * so do task items (src). Counts objects add tone (bar colour class).
 * all_tasks (every task item as report.json's "tasks": text, line,
 * column, state, section, owner, due, evidence), waivers [{rule, line,
 * lines, until, reason, expired, problem, first, last_line, one_line}],
 * has_waivers, expired_waivers, has_expired_waivers, overdue,
 * has_overdue, overdue_tasks [{text, line, owner, due}] (itemmeta.h).
 * summary adds overdue and has_overdue too.
 * summary adds states, strip [{state, label, count}], kinds, bar_name.
 * A section adds: hlevel (its heading level in a page, 2 to 6), tasks
 * (its own task items: state, state_label, text, html (safe HTML),
 * line, column, depth, nested, done, open, na, findings, has_findings,
 * owner, due, evidence, overdue, has_owner, has_due, has_evidence),
 * has_tasks, findings_here (its findings on no task item),
 * has_findings_here, fold (finished or prose-only), done, prose,
 * subtree_findings, has_subtree_findings, bar_name.
 * A field adds: blank, findings (those on its line from its column to
 * the next field's), has_findings.
 * Every object in a list has first and last.
 * The caller owns the result.
 */
struct val	*report_model(const struct report_input *, size_t n,
		    const char *generated_at);
/* The context of checklist i's page: {version, generated_at, tool,
 * summary, "checklist": the checklist object of report_model}. */
struct val	*report_page(const struct report_input *, size_t n, size_t i,
		    const char *generated_at);
/* Append item it of cl as safe HTML, the "html" of a task in the page
 * model: its text escaped (esc_html) with its inline spans as <code>,
 * <em>, <strong> and <a href> (the URL through esc_href) when
 * esc_url_allowed accepts it (http, https, mailto, relative); a link to
 * anything else is its text alone. */
void		 report_item_html(struct buf *, const struct checklist *cl,
		    const struct item *it);

/*
 * The pieces a report is streamed from, one checklist at a time. Each
 * builds in arena a (NULL: the heap; the caller owns the result either
 * way).
 */
/* Totals over the checklists added so far, for the summary. */
struct report_totals {
	struct counts	 c;
	unsigned	 errors, warnings, infos;
	size_t		 findings, files;
	unsigned	 states[VSTATE__MAX];	/* checklists by verdict */
	unsigned	 kinds[5];	/* findings below error by kind */
	struct report_changes ch;	/* against the baseline */
	unsigned	 overdue;	/* open items past their due date */
};
void		 report_totals_add(struct report_totals *,
		    const struct report_input *);
/* A checklist of the template model; report_json_element writes its
 * report.json element from the same object. */
struct val	*report_checklist_in(struct arena *a,
		    const struct report_input *);
/* Write the element of report.json's "checklists" of a checklist, as
 * val_json(..., 2) does two levels deep, from its template model object
 * (report_checklist_in): one model serves both. report.json, pinned:
 * {"version": 1, "generated_at", "tool": {"name", "version"}, "summary":
 * {"files", "items", "checked", "na", "percent", "errors", "warnings",
 * "infos"}, "checklists": [status object + "findings": [lint finding
 * objects] + "page" + "error" when it could not be read or has no page
 * (report_cmd.c adds it)]}, checklists in input order. */
void		 report_json_element(struct buf *, const struct val *checklist);
/* report_json_element, streamed: whenever b holds 1 MiB or more,
 * flush(its bytes, their length, arg) gets them and b is emptied; what
 * is left in b at the end is the caller's. 0, or -1 if flush failed
 * (it said why; the element is then cut short). */
int		 report_json_element_to(struct buf *b,
		    const struct val *checklist,
		    int (*flush)(const char *, size_t, void *), void *arg);
/* {version, generated_at, tool, summary}: the head of report.json (tpl 0)
 * and of the template models (tpl 1); without summary if totals is NULL. */
struct val	*report_head_in(struct arena *a, const struct report_totals *,
		    const char *generated_at, int tpl);
/* "source": {commit, branch (each only if known)} of the checkout the
 * report was made in, into a head (report_head_in); nothing if neither is
 * known. */
void		 report_put_source(struct val *head, const char *commit,
		    const char *branch);
/* The index of rule's kind in report_totals.kinds (rs NULL: the rule id
 * is taken as its kind). */
int		 report_kind_of(const struct rules *rs, const char *rule);
/* The counts of c with the template extras (open, percent_text,
 * progress, tone ...) into o. */
void		 report_put_counts(struct val *o, const struct counts *c);
/* The width of UTF-8 text in Verdana 11 px (badge text), in tenths of a
 * pixel. */
long		 report_text_width(const char *);
/* Dashboard rank of a checklist: 0 blocked, 1 in progress, 2 complete,
 * 3 no task items. */
int		 report_rank(const struct report_input *);
/* Dashboard order of two checklists' totals: least complete first, none
 * without task items before one with; 0 for a tie (keep input order). */
int		 report_cmp_counts(const struct counts *, const struct counts *);

#endif
