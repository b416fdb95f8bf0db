/* files.h: [read] expand command-line paths into the sorted list of
 * checklists to read. main.c includes it. */
#ifndef TICKLIST_FILES_H
#define TICKLIST_FILES_H

#include <stddef.h>

struct filelist {
	char	**v;		/* owned strings */
	size_t	  n, cap;
};

/*
 * Add path: a file (any name) or "-" as given; a directory recursively,
 * taking *.md and *.markdown, skipping hidden directories and
 * node_modules, in sorted order, following symbolic links but never round
 * a loop. Problems (missing path, dangling link, loop, unreadable
 * directory) are diag_error()s; the rest of the tree is still added.
 */
void	files_add(struct filelist *, const char *path);
void	files_free(struct filelist *);

#endif
