/* cliopt.h: the command line of every command, parsed in one place. One
 * table (cliopt.c) defines each option ticklist has: its long name, short
 * letter, argument and default help; each command lists the options it
 * takes as rows (main.c's command table). The parser, the help text and
 * the man page synopsis are all made from those rows, so a command takes
 * exactly the options its help lists. main.c and report_cmd.c include
 * it. */
#ifndef TICKLIST_CLIOPT_H
#define TICKLIST_CLIOPT_H

#include <stdio.h>
#include <stddef.h>

#include "rules.h"
#include "ticklist.h"

struct buf;

/* The parsed command line: the options of every command. */
struct cliopt {
	enum sev		 fail_on;	/* SEV_OFF: never */
	int			 jobs;		/* 0: the number of CPUs */
	int			 color;		/* -1 auto, 0 never, 1 always */
	int			 quiet;
	size_t			 max_size;	/* bytes; 0: no limit */
	struct rules_opts	 ropts;		/* ropts.rulesets is owned */
	size_t			 rcap;
	const char		*format;	/* -f; NULL: the default */
	const char		*output;	/* -o FILE (report: DIR) */
	const char		*show;		/* rules --show NAME */
	int			 fix;		/* lint --fix */
	int			 diff;		/* lint --diff */
	int			 man;		/* explain --man */
	const char		*stdin_name;	/* --stdin-filename PATH */
	const char		*print_config;	/* lint --print-config FILE */
	int			 no_ignore;	/* --no-ignore */
	int			 show_files;	/* --show-files */
	const char		*templates;	/* report --templates DIR */
	const char		*one;		/* report --template FILE */
	const char		*source_url;	/* report --source-url URL */
	const char		*baseline;	/* report --baseline FILE */
	int			 merge;		/* report --merge */
	const char		**history;	/* report --history FILE... */
	size_t			 nhist, caphist;
};

/* Option codes: a short option's is its letter, a long-only one's one of
 * these. */
enum {
	CLIOPT_FAILON = 256,
	CLIOPT_NOCONFIG,
	CLIOPT_COLOR,
	CLIOPT_MAXSIZE,
	CLIOPT_MAXRULES,
	CLIOPT_TODAY,
	CLIOPT_SHOW,
	CLIOPT_FIX,
	CLIOPT_DIFF,
	CLIOPT_STDIN_NAME,
	CLIOPT_PRINT_CONFIG,
	CLIOPT_MAN,
	CLIOPT_NOIGNORE,
	CLIOPT_SHOWFILES,
	CLIOPT_TEMPLATES,
	CLIOPT_TEMPLATE,
	CLIOPT_SOURCE_URL,
	CLIOPT_BASELINE,
	CLIOPT_HISTORY,
	CLIOPT_MERGE
};

/* One row of a command's option list: the option (its code) and, where
 * this command says it differently, its argument name in the help and
 * the man page and its help text (NULL: the option's own). Help text may
 * run over several lines ('\n'); the list ends with a row of code 0. */
struct cliopt_row {
	int			 code;
	const char		*arg;		/* e.g. "DIR" */
	const char		*marg;		/* e.g. "dir" */
	const char		*help;
};

/* Defaults: --fail-on error, CPUs, colour auto, 64 MiB; the checker's
 * kind table for the rule loader (ropts.kinds). */
void	cliopt_init(struct cliopt *);
/*
 * Parse the options of command cmd (argv[0] is its name) that the rows
 * list, into o. Returns the index in argv of the first operand; -1 after
 * a diag_error (an unknown option, one cmd does not take, a missing
 * argument or a bad value); -2 for --help (the caller prints the help).
 */
int	cliopt_parse(struct cliopt *o, const char *cmd,
	    const struct cliopt_row *rows, int argc, char *argv[]);
/* 1 if the rows list option code c. */
int	cliopt_takes(const struct cliopt_row *rows, int c);
/* The help lines of the rows ("  -f, --format FMT     output ..."). */
void	cliopt_help(FILE *, const struct cliopt_row *rows);
/* The man page synopsis lines of the rows (".Op Fl f Ar format"). */
void	cliopt_man(FILE *, const struct cliopt_row *rows);
/* Resolve colour "auto": on when stdout is a terminal and no --output
 * and NO_COLOR is unset. */
void	cliopt_color(struct cliopt *, const char *output);
/* 1 if a finding in tally[SEV__MAX] is at or above --fail-on. */
int	cliopt_failed(const struct cliopt *, const unsigned *tally);
/*
 * The one exit-status rule of the commands that read checklists: 2 when
 * a diagnostic error was printed or rcode says so, else 1 when a finding
 * of tally (NULL: none counted) is at or above --fail-on, else 0.
 */
int	cliopt_exit(const struct cliopt *, int rcode, const unsigned *tally);
void	cliopt_free(struct cliopt *);

#endif
