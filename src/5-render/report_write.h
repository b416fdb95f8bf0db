/* report_write.h: [render] writing the report directory (report_write.c).
 * report_cmd.c and report_merge.c include it. */
#ifndef TICKLIST_REPORT_WRITE_H
#define TICKLIST_REPORT_WRITE_H

#include <stddef.h>

struct report_input;
struct report_past;

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
 * The length of the directory all of paths[0..n) are in ("samples/" for
 * samples/a.md and samples/pr/b.md; 0 when one is "-" or they share
 * none): page names are made of what follows it, so that neither the
 * folder the run started in nor an absolute path shows in them.
 */
size_t		 report_page_root(char *const *paths, size_t n);
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

/* Render the template file `file` (not a shipped name: a path) against
 * the report model of in[0..n) to stdout. Returns 0 or -1 after
 * diag_error()s. */
int		 report_write_one(const struct report_opts *o,
		    const char *file, const struct report_input *in,
		    size_t n);

/*
 * The writer behind report_write, for a caller that checks checklists on
 * worker threads (report_cmd.c): report_writer_new locks and prepares
 * o->dir; report_writer_work(i) renders the page of checklist i into f
 * (any thread); report_writer_emit takes them in input order; and
 * report_writer_finish writes the index, summary, badge and report.json
 * and moves everything into place, or leaves the previous report whole.
 */
/* One checklist on its way from a worker to the in-order emit. */
struct report_file {
	struct val	*kept;		/* its object for the index, pruned */
	struct buf	 json;		/* its element of report.json */
	char		*page;		/* page name kept and json were made
					   with */
	char		*error;		/* why it has no page, or NULL */
	int		 rc;		/* -1: writing failed */
	int		 spilled;	/* json's start is in its spill file */
};

struct report_writer;
struct report_writer *report_writer_new(const struct report_opts *o);
void		 report_writer_work(struct report_writer *w,
		    const struct report_input *in, size_t i,
		    struct report_file *f);
void		 report_writer_emit(struct report_writer *w,
		    const struct report_input *in, size_t i,
		    struct report_file *f);
/* Free what f holds; its buffer goes back to w's spares (w may be
 * NULL). */
void		 report_file_free(struct report_writer *w, struct report_file *f);
/* Frees w. Returns 0, or -1 after diag_error()s. */
int		 report_writer_finish(struct report_writer *w);
/* Are pages written as checklists come (so the caller may free each
 * checklist once it is emitted)? */
int		 report_writer_streams(const struct report_writer *w);

#endif
