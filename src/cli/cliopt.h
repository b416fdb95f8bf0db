/* cliopt.h: the command-line options lint, status and report share
 * (--fail-on, -c, --no-config, -r, -j, --color, -q, --max-file-size,
 * --today),
 * parsed in one place. main.c and report_cmd.c include it. */
#ifndef TICKLIST_CLIOPT_H
#define TICKLIST_CLIOPT_H

#include <stddef.h>

#include "rules.h"
#include "ticklist.h"

struct cliopt {
	enum sev		 fail_on;	/* SEV_OFF: never */
	int			 jobs;		/* 0: the number of CPUs */
	int			 color;		/* -1 auto, 0 never, 1 always */
	int			 quiet;
	size_t			 max_size;	/* bytes; 0: no limit */
	struct rules_opts	 ropts;		/* ropts.rulesets is owned */
	size_t			 rcap;
};

/* Long-option codes; short ones are 'c', 'r', 'j', 'q'. */
enum {
	CLIOPT_FAILON = 256,
	CLIOPT_NOCONFIG,
	CLIOPT_COLOR,
	CLIOPT_MAXSIZE,
	CLIOPT_MAXRULES,
	CLIOPT_TODAY,
	CLIOPT__NEXT		/* first code free for a command's own */
};

/* The struct option rows of the shared options, for getopt_long tables. */
#define CLIOPT_LONGOPTS \
	{ "fail-on", required_argument, NULL, CLIOPT_FAILON }, \
	{ "config", required_argument, NULL, 'c' }, \
	{ "no-config", no_argument, NULL, CLIOPT_NOCONFIG }, \
	{ "rules", required_argument, NULL, 'r' }, \
	{ "jobs", required_argument, NULL, 'j' }, \
	{ "color", required_argument, NULL, CLIOPT_COLOR }, \
	{ "colour", required_argument, NULL, CLIOPT_COLOR }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "max-file-size", required_argument, NULL, CLIOPT_MAXSIZE }, \
	{ "max-rules-size", required_argument, NULL, CLIOPT_MAXRULES }, \
	{ "today", required_argument, NULL, CLIOPT_TODAY }
/* Their short letters for getopt's optstring. */
#define CLIOPT_SHORT	"c:r:j:q"

/* Defaults: --fail-on error, CPUs, colour auto, 64 MiB. */
void	cliopt_init(struct cliopt *);
/* Take getopt_long's result c with argument arg (opt: the option as
 * written, argv[optind - 1]): 1 if it was a shared option, 0 if not, -1
 * after a diag_error about a bad value, a missing argument (':', with ':'
 * first in the optstring) or an unknown option ('?'). */
int	cliopt_take(struct cliopt *, int c, const char *arg, const char *opt);
/* Resolve colour "auto": on when stdout is a terminal and no --output
 * and NO_COLOR is unset. */
void	cliopt_color(struct cliopt *, const char *output);
/* 1 if a finding in tally[SEV__MAX] is at or above --fail-on. */
int	cliopt_failed(const struct cliopt *, const unsigned *tally);
void	cliopt_free(struct cliopt *);

#endif
