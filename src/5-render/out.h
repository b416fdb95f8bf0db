/* out.h: [render] the output table: every format of every view (lint
 * findings, status, rule listings, report files) is one row of out.c,
 * found by one lookup with one "unknown format" error. Every lint format
 * renders the same findings list, so the format can never change what
 * was found: a lint backend is a row of begin/file/end callbacks. */
#ifndef TICKLIST_OUT_H
#define TICKLIST_OUT_H

#include <stddef.h>

#include "ticklist.h"

struct buf;
struct findings;
struct rules_ctx;

struct sarif_run;

/* A backend's state from begin to end: formats keep nothing in file
 * statics (ctx.h). */
struct out_state {
	int			 any;		/* json, gitlab, sarif: an entry
						   was written */
	int			 id;		/* junit: next testsuite id */
	char			 stamp[20];	/* junit: YYYY-MM-DDTHH:MM:SS */
	struct sarif_run	*sarif;		/* sarif: its tables */
};

/* What backends know of the run. */
struct out_run {
	struct rules_ctx	*rules;		/* for rule metadata (SARIF) */
	int			 color;		/* text: ANSI colours */
	const char		*generated_at;	/* ISO 8601 UTC */
	struct out_state	 st;		/* the backend's, zeroed */
};

/* One linted file: its findings (sorted), or error set when it could not
 * be read (no findings then). */
struct out_file {
	const char		*path;
	const struct findings	*fs;
	int			 error;
};

struct out_backend {
	const char	*name;
	void		(*begin)(struct buf *, struct out_run *);
	/* Called once per file in order; first is 1 for the first file. */
	void		(*file)(struct buf *, struct out_run *,
			    const struct out_file *, int first);
	/* tally[SEV__MAX] over all files. */
	void		(*end)(struct buf *, struct out_run *,
			    const unsigned *tally, size_t nfiles);
};

struct checklist;
struct rules;

/* One row of the output table: a format of a view. Which members are set
 * depends on the view. */
struct out_format {
	const char		 *view;		/* "lint", "status", "rules",
						   "report" */
	const char		 *name;		/* what --format names */
	/* lint: the findings backend. */
	const struct out_backend *lint;
	/* status: one checklist, rendered on a worker; written between
	 * head and tail (tail0 when there was none), first before the
	 * first, sep before each other. */
	void			(*status)(struct buf *, const struct checklist *);
	const char		 *head, *first, *sep, *tail, *tail0;
	int			  model_only;	/* any file, as parsed: no
						   config, no checks */
	/* rules: the listing of a rule set. */
	void			(*rules)(struct buf *, const struct rules *);
	/* report: the file written, from template file + ".mustache"
	 * (NULL: a page per checklist, named after it). */
	const char		 *file;
	const char		 *template;
};

/* The row of view called name; NULL after a diag_error naming the valid
 * ones ("unknown format 'x' (expected text, json or tree)"). */
const struct out_format	*out_format(const char *view, const char *name);
/* The i-th row of view (0, 1, ...), or NULL past the last. */
const struct out_format	*out_format_at(const char *view, size_t i);
/* Append the names of view's formats to b: sep between them, last
 * before the last one ("|", "|"; or ", ", " or "). */
void			 out_format_names(struct buf *b, const char *view,
			    const char *sep, const char *last);

/* The lint backend called name, or NULL (out_format_names lists them). */
const struct out_backend	*out_find(const char *name);

/* path as CI tools want it: relative to the current directory (the
 * checkout) when it is below it, without leading "./"; else unchanged.
 * Returns a pointer into path. */
const char			*out_relpath(const char *path);

/* The debug dump of a parsed model (status --format tree). */
void	out_tree(struct buf *, const struct checklist *);
/* status --format text and json: one checklist (out_status.c). */
void	out_status_text(struct buf *, const struct checklist *);
void	out_status_json(struct buf *, const struct checklist *);

/* Backends (one file each). */
extern const struct out_backend out_text, out_json;
extern const struct out_backend out_sarif, out_junit, out_github, out_gitlab;

#endif
