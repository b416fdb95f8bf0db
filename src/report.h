/* report.h: [check] the report model every backend reads: the status
 * object of a checklist (pinned JSON shape) as a value tree, shared by
 * `status --format json`, report.json and the templates. */
#ifndef TICKLIST_REPORT_H
#define TICKLIST_REPORT_H

struct checklist;
struct val;

/* {"file", "title", "metadata", "items", "checked", "na", "percent",
 *  "sections": [...], "fields": [...]}; the caller owns the result. */
struct val	*report_status(const struct checklist *);
/* percent as the pinned JSON has it: one decimal, or null. */
struct val	*report_percent(unsigned items, unsigned checked);

#endif
