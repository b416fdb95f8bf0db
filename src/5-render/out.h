/* out.h: [render] lint output backends. Every format renders the same
 * findings list, so the format can never change what was found. A backend
 * is a row of begin/file/end callbacks chosen by name in out.c. */
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

/* The backend called name, or NULL. out_names() lists them "a|b|c". */
const struct out_backend	*out_find(const char *name);
const char			*out_names(void);

/* path as CI tools want it: relative to the current directory (the
 * checkout) when it is below it, without leading "./"; else unchanged.
 * Returns a pointer into path. */
const char			*out_relpath(const char *path);

struct checklist;

/* The debug dump of a parsed model (status --format tree). */
void	out_tree(struct buf *, const struct checklist *);

/* Backends (one file each). */
extern const struct out_backend out_text, out_json;
extern const struct out_backend out_sarif, out_junit, out_github, out_gitlab;

#endif
