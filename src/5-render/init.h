/* init.h: `ticklist init`: writes a commented starter .ticklist.yml.
 * main.c includes it. */
#ifndef TICKLIST_INIT_H
#define TICKLIST_INIT_H

#include <stdio.h>

/* argv[0] is "init"; argv[1], if given, the file or directory to write
 * (default: .ticklist.yml in the current directory). An existing file is
 * never overwritten. Returns the exit status: 0 written, 2 on a usage
 * error, an existing file or a failed write (after a diag_error). */
int	init_main(int argc, char *argv[]);
/* The help text of the command. */
void	init_help(FILE *);

#endif
