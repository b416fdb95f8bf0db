/* report_diff.h: [report] what changed since an earlier report
 * (--baseline OLD/report.json) and the trend over earlier reports
 * (--history FILE...). report.c and report_cmd.c include it. */
#ifndef TICKLIST_REPORT_DIFF_H
#define TICKLIST_REPORT_DIFF_H

#include <stddef.h>

struct val;

/* Earlier reports, read once: the baseline, or the history. */
struct report_past;

/* Read report.json files (a baseline is one); NULL after a diag_error
 * (unreadable, not JSON, not a report.json of version 1). */
struct report_past	*report_past_load(const char *const *files, size_t n);
void			 report_past_free(struct report_past *);
/* The checklists of the (first) report in past. */
size_t			 report_past_count(const struct report_past *);

/* Counts of changes, summed over checklists for the index. */
struct report_changes {
	unsigned	 checked, reopened, new_findings, fixed_findings;
	unsigned	 matched;	/* checklists found in the baseline */
	unsigned	 added;		/* checklists not in it */
};

/*
 * "changes" of a checklist object o (the template model, with
 * "task_items", "findings" and "percent") against its namesake (by
 * "file") in the baseline: {new_checklist, percent_before,
 * percent_delta, checked: [{text, line}], reopened: [...], new_findings:
 * [{rule, severity, message, line}], fixed_findings: [...]}; with tpl,
 * also has_* booleans, the counts (n_checked ...), any and delta_text.
 * Adds to sum when not NULL.
 */
void	report_diff(struct val *o, const struct report_past *base, int tpl,
	    struct report_changes *sum);
/* The top-level "changes" of report.json and the template model:
 * {baseline (its generated_at), checked, reopened, new_findings,
 * fixed_findings, added_checklists, removed_checklists}; tpl adds
 * has_added and has_removed. */
void	report_diff_summary(struct val *head, const struct report_past *base,
	    const struct report_changes *sum, int tpl);
/* "trend" of a checklist object o from the history: {points (an SVG
 * polyline in a 100 x 20 box, oldest left, o's own percent last), runs,
 * first, last (percent texts)}; nothing with fewer than one earlier
 * percent. */
void	report_trend(struct val *o, const struct report_past *hist);

#endif
