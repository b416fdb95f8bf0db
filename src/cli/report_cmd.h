/* report_cmd.h: [render] `ticklist report`: checks the checklists as lint
 * does and renders the report directory (index.html, one page per
 * checklist, report.json, summary.md, badge.svg) from Mustache templates.
 * main.c and tests include it. */
#ifndef TICKLIST_REPORT_CMD_H
#define TICKLIST_REPORT_CMD_H

#include <stddef.h>

struct cliopt;

/* `ticklist report [options] PATH...` with the options parsed (main.c's
 * command table) and argv[0..argc) the PATHs. Returns the exit status
 * (cliopt_exit): 0, 1 (findings at or above --fail-on), 2 (usage,
 * template, I/O or configuration error). */
int	report_main(const struct cliopt *c, int argc, char *argv[]);

#endif
