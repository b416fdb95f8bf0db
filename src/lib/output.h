/* output.h: [render] writing results: stdout, or a file replaced
 * atomically (temporary file beside it, fsync, rename), so a failed or
 * interrupted run leaves the previous file intact. */
#ifndef TICKLIST_OUTPUT_H
#define TICKLIST_OUTPUT_H

#include <stddef.h>

/* Write data to path (NULL or "-": stdout). Returns 0, or -1 after a
 * diag_error with the errno text (disk full, closed pipe, ...). */
int	output_write(const char *path, const char *data, size_t len);
/* Write all of p[0..n) to fd, again after EINTR; 0, or -1 with errno. */
int	output_write_all(int fd, const char *p, size_t n);
/* Before anything is read: -1 after a diag_error if path (an -o FILE;
 * NULL or "-" pass) is empty or is the same file as one of inputs[0..n),
 * so that no run replaces what it reads. */
int	output_check(const char *path, char *const *inputs, size_t n);

#endif
