/* report_merge.h: [report] `report --merge`: one dashboard from several
 * repositories' report.json files. report_cmd.c includes it. */
#ifndef TICKLIST_REPORT_MERGE_H
#define TICKLIST_REPORT_MERGE_H

#include <stddef.h>

struct report_opts;

/*
 * Write index.html, summary.md and badge.svg into o->dir from the
 * report.json files specs[0..n) ("PATH" or "NAME=PATH"; NAME defaults to
 * the name of PATH's directory and must be unique), each checklist named
 * with its repository; copy each report's pages and index.html into
 * o->dir/NAME/. Returns 0, or -1 after diag_error()s.
 */
int	report_merge(const struct report_opts *o, char *const *specs,
	    size_t n);

#endif
