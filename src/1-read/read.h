/* read.h: [read] load one input whole: regular files and stdin only, a size
 * limit, NUL bytes refused. main.c includes it. */
#ifndef TICKLIST_READ_H
#define TICKLIST_READ_H

#include <stddef.h>

struct input {
	char	*data;		/* owned; NUL-terminated */
	size_t	 len;
};

/* Read path ("-" is stdin) into in. Returns 0, or -1 after a diag_error
 * naming the file (not a regular file, too big, binary, I/O error).
 * max is the size limit in bytes (0: none). */
int	read_input(const char *path, size_t max, struct input *in);
/* The reason the calling thread's last read_input failed, without the
 * path ("cannot open: Permission denied"); for a report's entry. */
const char	*read_last_error(void);
/* A rule file, by the same guards (regular files only, max bytes, no NUL
 * byte), but quietly: on failure -1 and msg holds why, without the path,
 * for the caller to report where the file was named. */
int	read_rules(const char *path, size_t max, struct input *in, char *msg,
	    size_t msgsz);
void	read_free(struct input *);

#endif
