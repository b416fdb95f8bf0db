/* files.c: [read] directory walk. Iterative over an explicit stack of open
 * directories, so depth costs no C stack; loops are caught by remembering
 * the (device, inode) of every directory on the current path. What git
 * ignores (.gitignore, .git/info/exclude, the global excludes file) is
 * asked of libgit2, so the semantics are git's own. */
#include <sys/stat.h>

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "diag.h"
#include "files.h"
#include "rules.h"
#include "xalloc.h"

static void
files_push(struct filelist *fl, char *s)
{
	fl->v = xgrow(fl->v, &fl->cap, fl->n + 1, sizeof(*fl->v));
	fl->v[fl->n++] = s;
}

/* Record a file or directory a walk left out, and why (--show-files). */
static void
files_leave(struct filelist *fl, const char *path, const char *why)
{
	if (!fl->keep)
		return;
	fl->left = xgrow(fl->left, &fl->leftcap, fl->nleft + 1,
	    sizeof(*fl->left));
	fl->left[fl->nleft].path = xstrdup(path);
	fl->left[fl->nleft].why = xstrdup(why);
	fl->nleft++;
}

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_markdown(const char *name)
{
	size_t n = strlen(name);
	return (n > 3 && strcmp(name + n - 3, ".md") == 0) ||
	    (n > 9 && strcmp(name + n - 9, ".markdown") == 0);
}

static char *
path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = xmalloc(a + b + 2);

	memcpy(p, dir, a);
	if (a && dir[a - 1] == '/')
		a--;
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

/* A directory on the walk: its path, identity and sorted entries. */
struct frame {
	char		*path;
	dev_t		 dev;
	ino_t		 ino;
	char		**names;
	size_t		 n, next;
};

/* Read the entries of dir, sorted; -1 if it cannot be read. */
static int
frame_open(struct frame *f)
{
	DIR *d = opendir(f->path);
	struct dirent *e;
	size_t cap = 0;

	f->names = NULL;
	f->n = f->next = 0;
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".github") != 0)
			continue;	/* ., .., and hidden entries but
					   .github (PR and issue templates) */
		f->names = xgrow(f->names, &cap, f->n + 1, sizeof(*f->names));
		f->names[f->n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (f->n > 1)	/* qsort(NULL, 0) is undefined */
		qsort(f->names, f->n, sizeof(*f->names), strp_cmp);
	return 0;
}

static void
frame_close(struct frame *f)
{
	for (size_t i = f->next; i < f->n; i++)
		free(f->names[i]);
	free(f->names);
	free(f->path);
}

/*
 * libgit2 is loaded when a walk first needs it, not at start-up: linked,
 * it brings its TLS, Kerberos and SSH libraries, whose relocations cost
 * every run 7.7 million instructions (2-3 ms), more than a pre-commit
 * run on five files, which names files and never asks git. The calls
 * keep the prototypes of <git2.h>; GIT2_SONAME is the library the build
 * compiled against (Makefile).
 */
#ifndef GIT2_SONAME
#define GIT2_SONAME	"libgit2.so"
#endif

struct files_gitlib {
	__typeof__(git_libgit2_init)		*init;
	__typeof__(git_repository_open_ext)	*open_ext;
	__typeof__(git_repository_workdir)	*workdir;
	__typeof__(git_repository_free)		*free;
	__typeof__(git_ignore_path_is_ignored)	*is_ignored;
};

/* Fill l from libgit2 (loaded once; dlopen counts later calls). 0, or
 * -1 with an error said. */
static int
files_gitlib_load(struct files_gitlib *l)
{
	void *h = dlopen(GIT2_SONAME, RTLD_NOW | RTLD_LOCAL);

	if (h != NULL) {
		l->init = (__typeof__(l->init))dlsym(h, "git_libgit2_init");
		l->open_ext = (__typeof__(l->open_ext))dlsym(h,
		    "git_repository_open_ext");
		l->workdir = (__typeof__(l->workdir))dlsym(h,
		    "git_repository_workdir");
		l->free = (__typeof__(l->free))dlsym(h,
		    "git_repository_free");
		l->is_ignored = (__typeof__(l->is_ignored))dlsym(h,
		    "git_ignore_path_is_ignored");
		if (l->init && l->open_ext && l->workdir && l->free &&
		    l->is_ignored)
			return 0;
	}
	diag_error(NULL, 0, 0, "cannot load %s (%s): git's ignore rules "
	    "need it; --no-ignore lints without them", GIT2_SONAME,
	    h == NULL ? dlerror() : "a function is missing");
	return -1;
}

/* The repository a walk runs in, for its ignore rules. */
struct files_git {
	struct files_gitlib lib;
	git_repository	*repo;		/* NULL: not in a work tree */
	char		*root;		/* the walk root, relative to the work
					   tree ("" at its top), with '/' */
};

/* Is there a .git (a folder, or a file naming one) in dir or above it,
 * where git_repository_open_ext looks? Checked before libgit2 starts:
 * its start-up (its TLS library parses the system's certificates) costs
 * more instructions than linting the Rust Book's 476 files. */
static int
files_git_near(const char *dir)
{
	char *p = realpath(dir, NULL);
	struct buf b = {0};
	struct stat st;
	size_t n;
	int found = 0;

	if (p == NULL)
		return 1;	/* let libgit2 decide */
	for (n = strlen(p); !found; ) {
		buf_reset(&b);
		buf_put(&b, p, n);
		buf_puts(&b, "/.git");
		found = lstat(buf_cstr(&b), &st) == 0;
		while (n > 0 && p[n - 1] != '/')
			n--;
		if (n == 0)
			break;
		n--;	/* the '/' */
	}
	buf_free(&b);
	free(p);
	return found;
}

/* Open the repository holding dir, unless --no-ignore. 0, or -1 when
 * libgit2 cannot be loaded (said). */
static int
files_git_open(struct filelist *fl, const char *dir, struct files_git *g)
{
	char *real;
	const char *wd;
	size_t n;

	g->repo = NULL;
	g->root = NULL;
	if (fl->no_ignore || !files_git_near(dir))
		return 0;
	if (files_gitlib_load(&g->lib) == -1)
		return -1;
	/* Counted by libgit2 itself: no flag of ours. */
	g->lib.init();
	if (g->lib.open_ext(&g->repo, dir, 0, NULL) != 0) {
		g->repo = NULL;
		return 0;
	}
	wd = g->lib.workdir(g->repo);
	real = realpath(dir, NULL);
	n = wd ? strlen(wd) : 0;
	if (wd == NULL || real == NULL || strncmp(real, wd, n - 1) != 0) {
		free(real);
		g->lib.free(g->repo);
		g->repo = NULL;
		return 0;
	}
	if (real[n - 1] == '\0')
		g->root = xstrdup("");
	else {
		g->root = xmalloc(strlen(real + n) + 2);
		sprintf(g->root, "%s/", real + n);
	}
	free(real);
	return 0;
}

/* Does git ignore sub (a path below the walk root, a directory when dir
 * is set)? */
static int
files_git_ignored(const struct files_git *g, const char *sub, int dir)
{
	struct buf b = {0};
	int ign = 0;

	if (g->repo == NULL)
		return 0;
	buf_printf(&b, "%s%s%s", g->root, sub, dir ? "/" : "");
	if (g->lib.is_ignored(&ign, g->repo, buf_cstr(&b)) != 0)
		ign = 0;
	buf_free(&b);
	return ign;
}

static void
files_git_close(struct files_git *g)
{
	if (g->repo != NULL)
		g->lib.free(g->repo);
	free(g->root);
}

/* Is dir a folder `ticklist report` wrote (its report.json names the
 * tool)? Such a folder is output, never input. */
static int
files_is_report(const char *dir)
{
	char *p = path_join(dir, "report.json"), head[512];
	FILE *f = fopen(p, "rb");
	size_t n;

	free(p);
	if (f == NULL)
		return 0;
	n = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	head[n] = '\0';
	return strstr(head, "\"tool\":") != NULL &&
	    strstr(head, "\"name\": \"ticklist\"") != NULL;
}

static void
files_walk(struct filelist *fl, const char *root, const struct stat *rst,
    const char *glob)
{
	struct files_git git;
	size_t rootlen = strlen(root);
	struct frame *st = NULL;
	size_t sp = 0, cap = 0;

	if (files_git_open(fl, root, &git) == -1)
		return;
	st = xgrow(st, &cap, 1, sizeof(*st));
	st[0].path = xstrdup(root);
	st[0].dev = rst->st_dev;
	st[0].ino = rst->st_ino;
	if (frame_open(&st[0]) == -1) {
		diag_error(root, 0, 0, "cannot read directory: %s",
		    strerror(errno));
		free(st[0].path);
		free(st);
		files_git_close(&git);
		return;
	}
	sp = 1;
	while (sp > 0) {
		struct frame *f = &st[sp - 1];
		struct stat sb;
		char *name, *p;
		const char *sub;
		size_t k;

		if (f->next == f->n) {
			frame_close(f);
			sp--;
			continue;
		}
		name = f->names[f->next++];
		p = path_join(f->path, name);
		sub = p + rootlen + (root[rootlen - 1] != '/');
		if (stat(p, &sb) == -1) {
			struct stat lb;
			if (lstat(p, &lb) == 0 && S_ISLNK(lb.st_mode))
				diag_error(p, 0, 0, errno == ELOOP ?
				    "symbolic link loop" :
				    "dangling symbolic link");
			else
				diag_error(p, 0, 0, "cannot stat: %s",
				    strerror(errno));
			free(p);
			free(name);
			continue;
		}
		if (S_ISDIR(sb.st_mode)) {
			const char *why = NULL;

			if (strcmp(name, "node_modules") == 0)
				why = "node_modules";
			else if (files_git_ignored(&git, sub, 1))
				why = "ignored by git (.gitignore, "
				    ".git/info/exclude or core.excludesFile)";
			else if (files_is_report(p))
				why = "a ticklist report folder";
			if (why != NULL) {
				files_leave(fl, p, why);
				free(p);
				free(name);
				continue;
			}
			for (k = 0; k < sp; k++)
				if (st[k].dev == sb.st_dev &&
				    st[k].ino == sb.st_ino)
					break;
			if (k < sp) {
				diag_error(p, 0, 0, "symbolic link loop: "
				    "directory already on the path, skipped");
				free(p);
				free(name);
				continue;
			}
			st = xgrow(st, &cap, sp + 1, sizeof(*st));
			f = &st[sp];
			f->path = p;
			f->dev = sb.st_dev;
			f->ino = sb.st_ino;
			if (frame_open(f) == -1) {
				diag_error(p, 0, 0, "cannot read directory: %s",
				    strerror(errno));
				free(p);
			} else
				sp++;
		} else if (S_ISREG(sb.st_mode) && is_markdown(name)) {
			if (glob != NULL && !rules_glob_match(glob,
			    strncmp(p, "./", 2) == 0 ? p + 2 : p))
				free(p);
			else if (files_git_ignored(&git, sub, 0)) {
				files_leave(fl, p, "ignored by git (.gitignore, "
				    ".git/info/exclude or core.excludesFile)");
				free(p);
			} else {
				fl->found++;
				/* A glob's files are named as the glob names
				 * them: "*.md" gives "a.md", not "./a.md". */
				if (glob != NULL && strncmp(p, "./", 2) == 0 &&
				    strncmp(glob, "./", 2) != 0) {
					char *q = xstrdup(p + 2);
					free(p);
					p = q;
				}
				files_push(fl, p);
			}
		} else
			free(p);
		free(name);
	}
	free(st);
	files_git_close(&git);
}

/* Does path look like a glob (a star, a question mark or a bracket)? */
static int
files_is_glob(const char *path)
{
	return strpbrk(path, "*?[") != NULL;
}

/* Expand a glob given on the command line: walk the directory before
 * its first wildcard, keep the Markdown files it matches. */
static void
files_glob(struct filelist *fl, const char *glob)
{
	const char *w = strpbrk(glob, "*?["), *sl;
	struct stat sb;
	char *dir;

	for (sl = w; sl > glob && sl[-1] != '/'; sl--)
		;
	dir = sl > glob ? xstrndup(glob, (size_t)(sl - glob)) : xstrdup(".");
	if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
		files_walk(fl, dir, &sb, glob);
	free(dir);
}

void
files_add(struct filelist *fl, const char *path)
{
	struct stat sb;

	fl->found = 0;
	if (strcmp(path, "-") == 0) {
		files_push(fl, xstrdup(path));
		return;
	}
	if (stat(path, &sb) == -1) {
		if (files_is_glob(path)) {
			files_glob(fl, path);
			if (fl->found == 0)
				diag_error(path, 0, 0, "no Markdown file "
				    "matches this glob");
			return;
		}
		diag_error(path, 0, 0, "%s", strerror(errno));
		return;
	}
	if (S_ISDIR(sb.st_mode)) {
		files_walk(fl, path, &sb, NULL);
		if (fl->found == 0)
			diag_error(path, 0, 0, "no Markdown file (*.md, "
			    "*.markdown) in this directory");
	} else
		files_push(fl, xstrdup(path));	/* read_input judges it */
}

void
files_free(struct filelist *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		free(fl->v[i]);
	free(fl->v);
	for (size_t i = 0; i < fl->nleft; i++) {
		free(fl->left[i].path);
		free(fl->left[i].why);
	}
	free(fl->left);
	memset(fl, 0, sizeof(*fl));
}
