/* report_cmd.h: [render] `ticklist report`: checks the checklists as lint
 * does and renders the report directory (index.html, one page per
 * checklist, report.json, summary.md, badge.svg) from Mustache templates.
 * main.c and tests include it. */
#ifndef TICKLIST_REPORT_CMD_H
#define TICKLIST_REPORT_CMD_H

#include <stddef.h>

struct report_input;

/* `ticklist report [options] PATH...`; argv[0] is "report". Returns the
 * exit status: 0, 1 (findings at or above --fail-on), 2 (usage, template,
 * I/O or configuration error). */
int		 report_main(int argc, char *argv[]);
/* The text of `ticklist help report`. */
const char	*report_help(void);

#endif
