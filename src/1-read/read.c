/* read.c: [read] loads an input file whole. Only regular files and stdin
 * are read: devices and FIFOs are refused before any read, so /dev/zero or
 * a FIFO nobody writes to can never hang a run. Inputs are opened read-only
 * and never written. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "read.h"
#include "xalloc.h"

/* Read fd to the end, growing the buffer; -1 with errno on failure, or -2
 * if the input grows beyond max. */
static int
read_all(int fd, size_t hint, size_t max, struct input *in)
{
	size_t cap = hint + 1, len = 0;
	char *p = xmalloc(cap + 1);
	ssize_t r;

	for (;;) {
		if (len == cap) {
			if (max && len > max) {
				free(p);
				return -2;
			}
			cap *= 2;
			p = xrealloc(p, cap + 1);
		}
		r = read(fd, p + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(p);
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	if (max && len > max) {
		free(p);
		return -2;
	}
	p[len] = '\0';
	in->data = p;
	in->len = len;
	return 0;
}

/* The work of read_input; on failure *line and msg say why (msg a
 * static or errno text, without the path), and nothing is printed. */
static int
read_do(const char *path, size_t max, const char *opt, const char *what,
    struct input *in, int *line, char *msg, size_t msgsz)
{
	struct stat st;
	int fd, rc, is_stdin = strcmp(path, "-") == 0;

	memset(in, 0, sizeof(*in));
	*line = 0;
	if (is_stdin)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) == -1) {
		snprintf(msg, msgsz, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		snprintf(msg, msgsz, "cannot stat: %s", strerror(errno));
		goto fail;
	}
	if (!is_stdin) {
		if (S_ISDIR(st.st_mode)) {
			snprintf(msg, msgsz, "is a directory");
			goto fail;
		}
		if (!S_ISREG(st.st_mode)) {
			snprintf(msg, msgsz, "not a regular file "
			    "(device, FIFO or socket): refused");
			goto fail;
		}
		if (max && (unsigned long long)st.st_size > max) {
			snprintf(msg, msgsz, "file too big: %lld bytes "
			    "(%s is %zu)", (long long)st.st_size,
			    opt, max);
			goto fail;
		}
		/* Back to blocking reads now we know it is a regular file. */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	}
	rc = read_all(fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 65536,
	    max, in);
	if (rc == -1) {
		snprintf(msg, msgsz, "read error: %s", strerror(errno));
		goto fail;
	}
	if (rc == -2) {
		snprintf(msg, msgsz, "file too big (%s is %zu)",
		    opt, max);
		goto fail;
	}
	if (!is_stdin)
		close(fd);
	if (memchr(in->data, '\0', in->len) != NULL) {
		size_t off = (size_t)((char *)memchr(in->data, '\0',
		    in->len) - in->data);
		*line = 1;
		for (size_t i = 0; i < off; i++)
			*line += in->data[i] == '\n';
		snprintf(msg, msgsz, "binary file (NUL byte at offset %zu): "
		    "not %s", off, what);
		read_free(in);
		return -1;
	}
	return 0;
fail:
	if (!is_stdin)
		close(fd);
	return -1;
}

/* Why the last read_input of this thread failed. */
static _Thread_local char read_why[256];

int
read_input(const char *path, size_t max, struct input *in)
{
	int line;

	if (read_do(path, max, "--max-file-size", "a checklist", in, &line,
	    read_why, sizeof(read_why)) == -1) {
		diag_error(path, line, 0, "%s", read_why);
		return -1;
	}
	return 0;
}

const char *
read_last_error(void)
{
	return read_why;
}

int
read_rules(const char *path, size_t max, struct input *in, char *msg,
    size_t msgsz)
{
	int line;

	return read_do(path, max, "--max-rules-size", "a rule file", in,
	    &line, msg, msgsz);
}

void
read_free(struct input *in)
{
	free(in->data);
	in->data = NULL;
	in->len = 0;
}
