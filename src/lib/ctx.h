/* ctx.h: the run's context. Everything a run may change after start-up
 * lives in one struct: the diagnostics sink and error count (diag.c), the
 * JIT and parsing switches (match.c, doc.c) and the run's time
 * (when.c: SOURCE_DATE_EPOCH or the clock, --today, generated_at). No
 * other file-scope variable is writable (tests/suites/writable.sh checks
 * the object files); tables are const, and what one thread needs alone
 * is _Thread_local.
 *
 * main() creates the context and installs it with ctx_open before any
 * thread starts; the modules reach it through ctx_run(). Code that runs
 * without main() (unit tests, fuzzers) gets a default context. Any
 * module may include this header. */
#ifndef TICKLIST_CTX_H
#define TICKLIST_CTX_H

#include <stddef.h>
#include <time.h>

struct ctx {
	/* Tool diagnostics (diag.c). */
	unsigned	 nerrors;	/* diag_error calls; atomic */
	void		(*sink)(const char *line, void *arg);
	void		*sink_arg;	/* NULL sink: stderr */

	/* Switches, set by steering before the per-file loop. */
	int		 jit;		/* match_compile JIT-compiles */
	int		 mojibake_all;	/* mojibake: every run of a line,
					   not the first (--fix, --diff) */
	size_t		 piece;		/* bytes the parser takes at a time
					   (doc_set_piece); 0: its default */

	/* The run's time (when.c). */
	int		 time_set;	/* when_init ran */
	time_t		 now;		/* SOURCE_DATE_EPOCH, else the clock */
	long		 today;		/* YYYYMMDD from --today, or 0 */
	char		 generated_at[21]; /* now, "YYYY-MM-DDTHH:MM:SSZ" */
};

/* Initialise c with the defaults (JIT on, no errors, stderr)
 * and make it the run's context. */
void		 ctx_open(struct ctx *c);
/* The run's context: the one ctx_open installed, else the default. */
struct ctx	*ctx_run(void);

#endif
