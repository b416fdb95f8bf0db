/* output.h: [render] writing results: stdout, or a file replaced
 * atomically (temporary file beside it, fsync, rename), so a failed or
 * interrupted run leaves the previous file intact. */
#ifndef TICKLIST_OUTPUT_H
#define TICKLIST_OUTPUT_H

#include <stddef.h>

struct stat;

/* Write data to path (NULL or "-": stdout). Returns 0, or -1 after a
 * diag_error with the errno text (disk full, closed pipe, ...). */
int	output_write(const char *path, const char *data, size_t len);
/*
 * The steps of output_write, for writers with more to do between them:
 * output_stage writes data to a new temporary file beside path, synced,
 * with the mode umask allows, or keep's owner (where permitted) and mode;
 * it returns its name, or NULL after a diag_error naming name.
 * output_commit renames tmp to path (excl: links it, so that an existing
 * path is never replaced), removes and frees tmp, and returns 0, or -1
 * after a diag_error naming name. tmp may be NULL (a failed stage): -1.
 */
char	*output_stage(const char *path, const char *name,
	    const struct stat *keep, const char *data, size_t len);
int	output_commit(const char *path, const char *name, char *tmp,
	    int excl);
/* Create path with data, whole or not at all: -1 after a diag_error if
 * it exists ("already exists; not overwriting it") or cannot be written.
 * `ticklist init` writes through it. */
int	output_create(const char *path, const char *data, size_t len);
/* Write all of p[0..n) to fd, again after EINTR; 0, or -1 with errno. */
int	output_write_all(int fd, const char *p, size_t n);
/* Before anything is read: -1 after a diag_error if path (an -o FILE;
 * NULL or "-" pass) is empty or is the same file as one of inputs[0..n),
 * so that no run replaces what it reads. */
int	output_check(const char *path, char *const *inputs, size_t n);

#endif
