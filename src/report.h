/* report.h: [check] the report model every backend reads: the status
 * object of a checklist (pinned JSON shape) as a value tree, shared by
 * `status --format json`, report.json and the templates.
 * main.c, report_cmd.c and tests include it. */
#ifndef TICKLIST_REPORT_H
#define TICKLIST_REPORT_H

#include <stddef.h>

#include "model.h"
#include "verdict.h"

struct arena;
struct buf;
struct checklist;
struct findings;
struct val;

/* One checklist of a report: its model, its lint findings (sorted, as
 * check_run leaves them) and the path of its page relative to the report
 * directory. All borrowed for the duration of a call. */
struct report_input {
	const struct checklist	*cl;
	const struct findings	*fs;
	const char		*page;
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
 * section or task item), has_findings_top; all_tasks (every task item
 * as report.json's "tasks": text, line, column, state, section, owner,
 * due, evidence), waivers [{rule, line, lines, until, reason, expired,
 * problem, first, last_line, one_line}], has_waivers, expired_waivers,
 * has_expired_waivers, overdue, has_overdue, overdue_tasks [{text, line,
 * owner, due}] (itemmeta.h). summary adds overdue and has_overdue too.
 * A section adds: hlevel (its heading level in a page, 2 to 6), tasks
 * (its own task items: state, state_label, text, html (safe HTML),
 * line, column, depth, done, open, na, findings, has_findings, owner,
 * due, evidence, overdue, has_owner, has_due, has_evidence),
 * has_tasks, findings_here (its findings on no task item),
 * has_findings_here.
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
/* {version, generated_at, tool, summary}: the head of report.json (tpl 0)
 * and of the template models (tpl 1); without summary if totals is NULL. */
struct val	*report_head_in(struct arena *a, const struct report_totals *,
		    const char *generated_at, int tpl);
/* Dashboard order of two checklists' totals: least complete first, none
 * without task items before one with; 0 for a tie (keep input order). */
int		 report_cmp_counts(const struct counts *, const struct counts *);

#endif
