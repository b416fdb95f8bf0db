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

/* Where and how to render. */
struct report_opts {
	const char	*dir;		/* output directory, created if missing */
	const char	*templates;	/* --templates DIR, or NULL */
	const char	*generated_at;	/* ISO 8601 UTC */
	size_t		 max_input;	/* largest input in bytes: scales the
					   template output limit */
	char *const	*inputs;	/* the input paths: never replaced */
	size_t		 ninputs;
	const char	*source_url;	/* --source-url TEMPLATE, or NULL */
	char		*commit;	/* of the checkout (report_git), or NULL */
	char		*branch;
	/* --baseline and --history, loaded (report_past_load), or NULL. */
	struct report_past *baseline;
	struct report_past *history;
};

/*
 * Render the report of the n checklists in in[] (their page paths set,
 * e.g. by report_page_name) into o->dir: staged, checked, then renamed
 * (see report_cmd.c; never over an input, a link, a non-regular file or
 * a file the directory's manifest does not list). Returns 0, or -1 after
 * diag_error()s (template errors, unwritable directory, refused target);
 * the previous report then stays whole.
 */
int		 report_write(const struct report_opts *o,
		    const struct report_input *in, size_t n);
/*
 * The page file name of a checklist read from path: a single file name
 * (no directory part, so it stays inside the report directory) made of
 * the path's letters, digits, '-', '_' and '.', its directories joined
 * with '_', ending ".html"; longer than 160 bytes, its first 151 and
 * "-" and 8 hex digits of a hash of path; made unique against
 * names[0..n) (case insensitively) and the report's own file names by a
 * "-2", "-3" ... suffix. The caller frees the result.
 */
char		*report_page_name(const char *path, char *const *names,
		    size_t n);

#endif
