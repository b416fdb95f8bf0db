/* files.h: [read] expand command-line paths into the sorted list of
 * checklists to read. main.c includes it. */
#ifndef TICKLIST_FILES_H
#define TICKLIST_FILES_H

#include <stddef.h>

/* A path a walk left out, and why. */
struct fileleft {
	char	*path;
	char	*why;
};

struct filelist {
	char		**v;		/* owned strings */
	size_t		  n, cap;
	int		  no_ignore;	/* set: git's ignore rules not applied */
	int		  keep;		/* set: record what walks leave out */
	struct fileleft	 *left;		/* when keep is set */
	size_t		  nleft, leftcap;
	size_t		  found;	/* Markdown files of the last add */
};

/*
 * Add path: a file (any name) or "-" as given; a directory recursively,
 * taking *.md and *.markdown, skipping hidden directories but .github,
 * node_modules, what git ignores (unless no_ignore) and folders ticklist
 * wrote a report into, in sorted order, following symbolic links but
 * never round a loop; a path that does not exist and holds a wildcard
 * (*, ?, [) is a glob, matched (as files: globs are) against the
 * Markdown files of a walk from the directory before the wildcard.
 * Problems (missing path, dangling link, loop, unreadable directory, a
 * directory or glob that yields no Markdown file) are diag_error()s; the
 * rest of the tree is still added.
 */
void	files_add(struct filelist *, const char *path);
void	files_free(struct filelist *);

#endif
