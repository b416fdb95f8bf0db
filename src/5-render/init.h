/* init.h: `ticklist init`: writes a commented starter .ticklist.yml.
 * main.c includes it. */
#ifndef TICKLIST_INIT_H
#define TICKLIST_INIT_H

/* Write the starter to path, a file or a directory to write
 * .ticklist.yml in (NULL: .ticklist.yml in the current directory),
 * through output_create: an existing file is never overwritten. Returns
 * the exit status: 0 written, 2 for an existing file or a failed write
 * (after a diag_error). The help text is main.c's command table's. */
int	init_run(const char *path);

#endif
