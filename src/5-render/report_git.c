/* report_git.c: [report] the commit and branch of the git checkout a
 * report is made in, read from the files of .git (no git process): HEAD,
 * then the ref it names, loose or packed. Worktrees (a .git file saying
 * "gitdir: DIR", with DIR/commondir) are followed; GIT_DIR, when set,
 * names the git directory as it does for git. Anything unexpected
 * gives no commit rather than an error: the report does not need one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "report_git.h"
#include "xalloc.h"


/* The first line of file path (without its newline) into out; -1 if it
 * cannot be read or is empty. */
static int
report_git_line(const char *path, struct buf *out)
{
	FILE *fp = fopen(path, "re");
	int c;

	buf_reset(out);
	if (fp == NULL)
		return -1;
	while ((c = getc(fp)) != EOF && c != '\n' && c != '\r' &&
	    out->len < 4096)
		buf_putc(out, (char)c);
	fclose(fp);
	return out->len ? 0 : -1;
}

/* Is s 40 (SHA-1) or 64 (SHA-256) lowercase hex digits? */
static int
report_git_oid(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	return (n == 40 || n == 64) && s[n] == '\0';
}

/* The object id of ref (e.g. "refs/heads/main") in common dir cd, from
 * its loose file or packed-refs, into out. */
static int
report_git_ref(const char *cd, const char *ref, struct buf *out)
{
	struct buf path = {0};
	FILE *fp;
	char line[512];
	size_t rl = strlen(ref);
	int rc = -1;

	buf_printf(&path, "%s/%s", cd, ref);
	if (report_git_line(path.data, out) == 0 && report_git_oid(out->data)) {
		buf_free(&path);
		return 0;
	}
	buf_reset(&path);
	buf_printf(&path, "%s/packed-refs", cd);
	if ((fp = fopen(path.data, "re")) != NULL) {
		while (fgets(line, sizeof(line), fp) != NULL) {
			size_t n = strcspn(line, "\r\n");
			line[n] = '\0';
			/* "<oid> <ref>" */
			char *sp = strchr(line, ' ');
			if (sp == NULL || strcmp(sp + 1, ref) != 0 ||
			    (size_t)(n - (size_t)(sp + 1 - line)) != rl)
				continue;
			*sp = '\0';
			if (report_git_oid(line)) {
				buf_reset(out);
				buf_puts(out, line);
				rc = 0;
			}
			break;
		}
		fclose(fp);
	}
	buf_free(&path);
	return rc;
}

/* The git directory of the checkout containing dir (walking up), and its
 * common directory (the same unless a worktree), into gd and cd. */
static int
report_git_dirs(const char *dir, struct buf *gd, struct buf *cd)
{
	const char *env = getenv("GIT_DIR");
	char *p = realpath(dir, NULL);
	struct buf path = {0}, line = {0};
	struct stat sb;
	int rc = -1;

	if (p == NULL)
		return -1;
	if (env != NULL && *env != '\0') {	/* as git does */
		buf_reset(gd);
		buf_puts(gd, env);
		rc = 0;
	}
	while (rc == -1) {
		buf_reset(&path);
		buf_printf(&path, "%s/.git", *p ? p : "");
		if (stat(path.data, &sb) == 0) {
			buf_reset(gd);
			if (S_ISDIR(sb.st_mode)) {
				buf_puts(gd, path.data);
				rc = 0;
			} else if (S_ISREG(sb.st_mode) && report_git_line(
			    path.data, &line) == 0 && strncmp(line.data,
			    "gitdir: ", 8) == 0) {
				if (line.data[8] != '/')
					buf_printf(gd, "%s/", *p ? p : "");
				buf_puts(gd, line.data + 8);
				rc = 0;
			}
			break;
		}
		char *slash = strrchr(p, '/');
		if (slash == NULL || (slash == p && p[1] == '\0'))
			break;
		*slash = '\0';	/* "/a" becomes "", which is "/" */
	}
	if (rc == 0) {
		buf_reset(&path);
		buf_printf(&path, "%s/commondir", gd->data);
		buf_reset(cd);
		if (report_git_line(path.data, &line) == 0) {
			if (line.data[0] != '/')
				buf_printf(cd, "%s/", gd->data);
			buf_puts(cd, line.data);
		} else
			buf_puts(cd, gd->data);
	}
	free(p);
	buf_free(&path);
	buf_free(&line);
	return rc;
}

void
report_git(const char *dir, char **commit, char **branch)
{
	struct buf gd = {0}, cd = {0}, head = {0}, path = {0}, oid = {0};

	*commit = *branch = NULL;
	if (report_git_dirs(dir, &gd, &cd) == -1)
		goto out;
	buf_printf(&path, "%s/HEAD", gd.data);
	if (report_git_line(path.data, &head) == -1)
		goto out;
	if (strncmp(head.data, "ref: ", 5) == 0) {
		const char *ref = head.data + 5;
		/* A ref name never has ".." or starts with '/'. */
		if (strncmp(ref, "refs/", 5) != 0 || strstr(ref, "..") != NULL)
			goto out;
		if (strncmp(ref, "refs/heads/", 11) == 0)
			*branch = xstrdup(ref + 11);
		if (report_git_ref(cd.data, ref, &oid) == 0)
			*commit = xstrdup(oid.data);
	} else if (report_git_oid(head.data))
		*commit = xstrdup(head.data);	/* detached */
out:
	buf_free(&gd);
	buf_free(&cd);
	buf_free(&head);
	buf_free(&path);
	buf_free(&oid);
}
