/* rss.c: runs one command and reports its wall time and peak RSS, the
 * measuring end of the benchmark (no dependency on GNU time).
 *
 *   bench-rss [-C DIR] [-o FILE] [-i IN] [-q] [-t SECONDS] COMMAND [ARG...]
 *
 * The child runs in DIR (-C) with stdin from IN (-i, default /dev/null);
 * -q sends its stdout to /dev/null; -t kills it (SIGKILL, status 137)
 * after SECONDS of wall time, so a hung command cannot hang the
 * benchmark.  Writes one line
 * "WALL_SECONDS MAXRSS_KB STATUS CPU_SECONDS" to FILE (-o) or stderr,
 * where STATUS is the exit status, 128+N if signal N killed the child, and
 * 127 if it could not be run.  The time runs from just before fork to
 * wait4's return on a monotonic clock; the RSS is the child's ru_maxrss
 * and the CPU time its user plus system time (all threads), from wait4:
 * on a machine shared with other jobs the CPU time of a one-thread
 * command moves far less than its wall time.  Exits 0
 * once the line is written (whatever the child did), 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* rss_usage prints the synopsis and exits 2. */
static void __attribute__((noreturn))
rss_usage(void)
{
	fputs("usage: bench-rss [-C DIR] [-o FILE] [-i IN] [-q] [-t SECONDS] "
	    "COMMAND [ARG...]\n", stderr);
	exit(2);
}

/* rss_redirect makes fd point at path opened with flags; child side. */
static void
rss_redirect(int fd, const char *path, int flags)
{
	int nfd;

	if ((nfd = open(path, flags, 0666)) == -1) {
		fprintf(stderr, "bench-rss: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (nfd != fd) {
		dup2(nfd, fd);
		close(nfd);
	}
}

static volatile pid_t rss_child;

/* rss_alarm kills the child when its time is up. */
static void
rss_alarm(int sig)
{
	(void)sig;
	if (rss_child > 0)
		kill(rss_child, SIGKILL);
}

/* main runs the command once and writes the measurement line. */
int
main(int argc, char *argv[])
{
	const char *dir = NULL, *outpath = NULL, *in = "/dev/null";
	struct timespec t0, t1;
	struct rusage ru;
	FILE *out = stderr;
	pid_t pid;
	int c, quiet = 0, status, code;
	unsigned limit = 0;
	double wall, cpu;

	while ((c = getopt(argc, argv, "+C:o:i:qt:")) != -1) {
		switch (c) {
		case 'C': dir = optarg; break;
		case 'o': outpath = optarg; break;
		case 'i': in = optarg; break;
		case 'q': quiet = 1; break;
		case 't': limit = (unsigned)strtoul(optarg, NULL, 10); break;
		default: rss_usage();
		}
	}
	if (optind >= argc)
		rss_usage();
	if (outpath && (out = fopen(outpath, "w")) == NULL) {
		fprintf(stderr, "bench-rss: %s: %s\n", outpath, strerror(errno));
		return 2;
	}
	fflush(NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == -1) {
		fprintf(stderr, "bench-rss: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		rss_redirect(0, in, O_RDONLY);
		if (quiet)
			rss_redirect(1, "/dev/null", O_WRONLY);
		if (dir && chdir(dir) == -1) {
			fprintf(stderr, "bench-rss: %s: %s\n", dir,
			    strerror(errno));
			_exit(127);
		}
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "bench-rss: %s: %s\n", argv[optind],
		    strerror(errno));
		_exit(127);
	}
	if (limit > 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = rss_alarm;
		sigaction(SIGALRM, &sa, NULL);
		rss_child = pid;
		alarm(limit);
	}
	while (wait4(pid, &status, 0, &ru) == -1)
		if (errno != EINTR) {
			fprintf(stderr, "bench-rss: wait4: %s\n",
			    strerror(errno));
			return 2;
		}
	alarm(0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	wall = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (WIFEXITED(status))
		code = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		code = 128 + WTERMSIG(status);
	else
		code = 127;
	cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	fprintf(out, "%.6f %ld %d %.6f\n", wall, ru.ru_maxrss, code, cpu);
	if (out != stderr && fclose(out) != 0)
		return 2;
	return 0;
}
