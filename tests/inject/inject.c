/* inject.c: an LD_PRELOAD shim that makes one libc I/O call fail with a
 * chosen errno, for the hostile-environment tests (tests/suites/hostile.sh).
 * Built as $(BUILD)/inject.so; without INJECT_FUNC it changes nothing.
 *
 *   INJECT_FUNC   read, write, fsync, rename, open or close (open covers
 *                 open, open64, openat and openat64)
 *   INJECT_ERRNO  EIO, ENOSPC, EFBIG, EPIPE, EACCES, EINTR, ENOMEM, EROFS,
 *                 EDQUOT, EXDEV, ENOENT, or a
 *                 number (default EIO); KILL: the process kills itself
 *                 (SIGKILL) at that call instead, as a run killed there
 *   INJECT_NTH    fail from the Nth matching call on, counting from 1
 *                 (default 1)
 *   INJECT_COUNT  how many calls fail from there (default 1; 0: all)
 *   INJECT_PATH   only calls about a file whose path contains this text:
 *                 open and rename (its target) by their path argument;
 *                 read, write, fsync and close by the descriptor that an
 *                 open or mkstemp of such a path returned
 *   INJECT_FD     only read, write, fsync and close on this descriptor;
 *                 "file": on any descriptor but 0, 1 and 2 (such as the
 *                 one mkstemp returns, which no open call shows)
 *
 * Calls that fail do nothing else (a failed write writes nothing). The
 * shim calls the next definition (RTLD_NEXT), so it stacks with the
 * sanitizers' interceptors.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

enum inj_func { F_NONE, F_READ, F_WRITE, F_FSYNC, F_RENAME, F_OPEN, F_CLOSE };

#define INJ_MAXFD	4096
#define INJ_ANYFILE	(-2)	/* INJECT_FD=file */

static int inj_ready;
static enum inj_func inj_func;
static int inj_errno = EIO;
static int inj_kill;			/* INJECT_ERRNO=KILL */
static long inj_nth = 1, inj_count = 1;
static const char *inj_path;
static int inj_fd = -1;
static long inj_calls;			/* matching calls so far */
static unsigned char inj_marked[INJ_MAXFD];	/* fds opened on inj_path */

/* Read the environment once. */
static void
inj_init(void)
{
	static const struct { const char *name; int val; } errs[] = {
		{ "EIO", EIO }, { "ENOSPC", ENOSPC }, { "EFBIG", EFBIG },
		{ "EPIPE", EPIPE }, { "EACCES", EACCES }, { "EINTR", EINTR },
		{ "ENOMEM", ENOMEM }, { "EROFS", EROFS }, { "EDQUOT", EDQUOT },
		{ "EXDEV", EXDEV }, { "ENOENT", ENOENT },
	};
	static const char *const funcs[] = { "", "read", "write", "fsync",
	    "rename", "open", "close" };
	const char *s;

	if (__atomic_load_n(&inj_ready, __ATOMIC_ACQUIRE))
		return;
	if ((s = getenv("INJECT_FUNC")) != NULL)
		for (size_t i = 1; i < sizeof(funcs) / sizeof(funcs[0]); i++)
			if (strcmp(s, funcs[i]) == 0)
				inj_func = (enum inj_func)i;
	if ((s = getenv("INJECT_ERRNO")) != NULL) {
		inj_errno = atoi(s);
		for (size_t i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
			if (strcmp(s, errs[i].name) == 0)
				inj_errno = errs[i].val;
		inj_kill = strcmp(s, "KILL") == 0;
	}
	if ((s = getenv("INJECT_NTH")) != NULL)
		inj_nth = atol(s);
	if ((s = getenv("INJECT_COUNT")) != NULL)
		inj_count = atol(s);
	if ((s = getenv("INJECT_FD")) != NULL)
		inj_fd = strcmp(s, "file") == 0 ? INJ_ANYFILE : atoi(s);
	inj_path = getenv("INJECT_PATH");
	__atomic_store_n(&inj_ready, 1, __ATOMIC_RELEASE);
}

/* Should this call of f fail? path or fd (-1) says what it is about. */
static int
inj_fail(enum inj_func f, const char *path, int fd)
{
	long k;

	inj_init();
	if (f != inj_func)
		return 0;
	if (inj_path != NULL) {
		if (path != NULL ? strstr(path, inj_path) == NULL :
		    fd < 0 || fd >= INJ_MAXFD || !inj_marked[fd])
			return 0;
	}
	if (path == NULL && ((inj_fd >= 0 && fd != inj_fd) ||
	    (inj_fd == INJ_ANYFILE && fd <= 2)))
		return 0;
	k = __atomic_add_fetch(&inj_calls, 1, __ATOMIC_SEQ_CST);
	if (k < inj_nth || (inj_count > 0 && k >= inj_nth + inj_count))
		return 0;
	if (inj_kill)
		raise(SIGKILL);
	errno = inj_errno;
	return 1;
}

/* Remember descriptors opened on a path that INJECT_PATH names. */
static int
inj_opened(int fd, const char *path)
{
	if (fd >= 0 && fd < INJ_MAXFD && inj_path != NULL)
		inj_marked[fd] = strstr(path, inj_path) != NULL;
	return fd;
}

/* next: the definition this one hides, typed like fn. */
#define NEXT(fn) \
	static __typeof__(fn) *next; \
	if (next == NULL) \
		next = (__typeof__(fn) *)dlsym(RTLD_NEXT, #fn)

ssize_t
read(int fd, void *p, size_t n)
{
	NEXT(read);
	if (inj_fail(F_READ, NULL, fd))
		return -1;
	return next(fd, p, n);
}

ssize_t
write(int fd, const void *p, size_t n)
{
	NEXT(write);
	if (inj_fail(F_WRITE, NULL, fd))
		return -1;
	return next(fd, p, n);
}

int
fsync(int fd)
{
	NEXT(fsync);
	if (inj_fail(F_FSYNC, NULL, fd))
		return -1;
	return next(fd);
}

int
close(int fd)
{
	NEXT(close);
	if (inj_fail(F_CLOSE, NULL, fd)) {
		next(fd);	/* the descriptor is gone either way */
		return -1;
	}
	if (fd >= 0 && fd < INJ_MAXFD)
		inj_marked[fd] = 0;
	return next(fd);
}

int
rename(const char *from, const char *to)
{
	NEXT(rename);
	if (inj_fail(F_RENAME, to, -1))
		return -1;
	return next(from, to);
}

/* open and friends take a mode only with O_CREAT or O_TMPFILE. */
#define OPEN_MODE(flags, mode) do { \
	if ((flags) & (O_CREAT | O_TMPFILE)) { \
		va_list ap; \
		va_start(ap, flags); \
		mode = (mode_t)va_arg(ap, int); \
		va_end(ap); \
	} \
} while (0)

int
open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	NEXT(open);
	if (inj_fail(F_OPEN, path, -1))
		return -1;
	return inj_opened(next(path, flags, mode), path);
}

int
open64(const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	NEXT(open64);
	if (inj_fail(F_OPEN, path, -1))
		return -1;
	return inj_opened(next(path, flags, mode), path);
}

int
openat(int dir, const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	NEXT(openat);
	if (inj_fail(F_OPEN, path, -1))
		return -1;
	return inj_opened(next(dir, path, flags, mode), path);
}

int
openat64(int dir, const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	NEXT(openat64);
	if (inj_fail(F_OPEN, path, -1))
		return -1;
	return inj_opened(next(dir, path, flags, mode), path);
}

/* mkstemp opens inside libc, out of the shim's sight: mark its result. */
int
mkstemp(char *tmpl)
{
	NEXT(mkstemp);
	inj_init();
	return inj_opened(next(tmpl), tmpl);
}

int
mkostemp(char *tmpl, int flags)
{
	NEXT(mkostemp);
	inj_init();
	return inj_opened(next(tmpl, flags), tmpl);
}
