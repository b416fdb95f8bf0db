/* output.c: [render] the one place that writes results. Failed writes
 * (ENOSPC, EFBIG, EPIPE) are reported, never silently truncated. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "output.h"
#include "xalloc.h"

int
output_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
output_write(const char *path, const char *data, size_t len)
{
	struct stat st;
	char *tmp;
	int fd, saved;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (output_write_all(STDOUT_FILENO, data, len) == -1) {
			diag_error("<stdout>", 0, 0, "write failed: %s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	/* A device, FIFO or terminal cannot be replaced by rename(), and
	 * must not be: write to it directly (e.g. -o /dev/stderr). */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if ((fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) == -1) {
			diag_error(path, 0, 0, "cannot open: %s",
			    strerror(errno));
			return -1;
		}
		if (output_write_all(fd, data, len) == -1) {
			saved = errno;
			close(fd);
			diag_error(path, 0, 0, "write failed: %s",
			    strerror(saved));
			return -1;
		}
		if (close(fd) == -1) {
			diag_error(path, 0, 0, "write failed: %s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	if ((tmp = output_stage(path, path, NULL, data, len)) == NULL)
		return -1;
	return output_commit(path, path, tmp, 0);
}

char *
output_stage(const char *path, const char *name, const struct stat *keep,
    const char *data, size_t len)
{
	char *tmp;
	int fd, saved;

	tmp = xmalloc(strlen(path) + 16);
	sprintf(tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		diag_error(name, 0, 0, "cannot create temporary file: %s",
		    strerror(errno));
		free(tmp);
		return NULL;
	}
	/* The owner too, when we may (root fixing a user's file); then the
	 * mode, which a chown may have cleared set-id bits of. */
	if (keep != NULL && fchown(fd, keep->st_uid, keep->st_gid) == -1 &&
	    errno != EPERM) {
		saved = errno;
		close(fd);
		unlink(tmp);
		diag_error(name, 0, 0, "cannot keep the owner: %s",
		    strerror(saved));
		free(tmp);
		return NULL;
	}
	if (keep == NULL) {
		/* mkstemp makes 0600; give the file what umask allows. */
		mode_t um = umask(022);
		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	if (output_write_all(fd, data, len) == -1 || (keep != NULL &&
	    fchmod(fd, keep->st_mode & 07777) == -1) || fsync(fd) == -1) {
		saved = errno;
		close(fd);
	} else
		saved = close(fd) == -1 ? errno : 0;
	if (saved != 0) {
		unlink(tmp);
		diag_error(name, 0, 0, "write failed: %s", strerror(saved));
		free(tmp);
		return NULL;
	}
	return tmp;
}

int
output_commit(const char *path, const char *name, char *tmp, int excl)
{
	int saved, r;

	if (tmp == NULL)
		return -1;
	if (excl) {
		/* link() fails when path exists: created whole or not at
		 * all, and never over a file. */
		r = link(tmp, path);
	} else
		r = rename(tmp, path);
	saved = errno;
	if (r == -1 || excl)
		unlink(tmp);
	free(tmp);
	if (r == -1 && saved == EEXIST && excl)
		diag_error(name, 0, 0, "already exists; not overwriting it");
	else if (r == -1)
		diag_error(name, 0, 0, "cannot write: %s", strerror(saved));
	return r;
}

int
output_create(const char *path, const char *data, size_t len)
{
	return output_commit(path, path, output_stage(path, path, NULL, data,
	    len), 1);
}

int
output_check(const char *path, char *const *inputs, size_t n)
{
	struct stat out, in;

	if (path == NULL || strcmp(path, "-") == 0)
		return 0;
	if (*path == '\0') {
		diag_error(NULL, 0, 0, "-o: empty path (an unset variable?)");
		return -1;
	}
	if (stat(path, &out) == -1 || !S_ISREG(out.st_mode))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &in) == 0 &&
		    in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
			diag_error(path, 0, 0, "is also an input (%s): "
			    "refusing to overwrite it", inputs[i]);
			return -1;
		}
	return 0;
}
