/* files.c: [read] directory walk. Iterative over an explicit stack of open
 * directories, so depth costs no C stack; loops are caught by remembering
 * the (device, inode) of every directory on the current path. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "files.h"
#include "xalloc.h"

static void
files_push(struct filelist *fl, char *s)
{
	fl->v = xgrow(fl->v, &fl->cap, fl->n + 1, sizeof(*fl->v));
	fl->v[fl->n++] = s;
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
		if (e->d_name[0] == '.')
			continue;	/* ., .., and hidden entries */
		f->names = xgrow(f->names, &cap, f->n + 1, sizeof(*f->names));
		f->names[f->n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (f->n > 0)	/* qsort(NULL, 0) is undefined */
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

static void
files_walk(struct filelist *fl, const char *root, const struct stat *rst)
{
	struct frame *st = NULL;
	size_t sp = 0, cap = 0;

	st = xgrow(st, &cap, 1, sizeof(*st));
	st[0].path = xstrdup(root);
	st[0].dev = rst->st_dev;
	st[0].ino = rst->st_ino;
	if (frame_open(&st[0]) == -1) {
		diag_error(root, 0, 0, "cannot read directory: %s",
		    strerror(errno));
		free(st[0].path);
		free(st);
		return;
	}
	sp = 1;
	while (sp > 0) {
		struct frame *f = &st[sp - 1];
		struct stat sb;
		char *name, *p;
		size_t k;

		if (f->next == f->n) {
			frame_close(f);
			sp--;
			continue;
		}
		name = f->names[f->next++];
		p = path_join(f->path, name);
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
			if (strcmp(name, "node_modules") == 0) {
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
		} else if (S_ISREG(sb.st_mode) && is_markdown(name))
			files_push(fl, p);
		else
			free(p);
		free(name);
	}
	free(st);
}

void
files_add(struct filelist *fl, const char *path)
{
	struct stat sb;

	if (strcmp(path, "-") == 0) {
		files_push(fl, xstrdup(path));
		return;
	}
	if (stat(path, &sb) == -1) {
		diag_error(path, 0, 0, "%s", strerror(errno));
		return;
	}
	if (S_ISDIR(sb.st_mode))
		files_walk(fl, path, &sb);
	else
		files_push(fl, xstrdup(path));	/* read_input judges it */
}

void
files_free(struct filelist *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		free(fl->v[i]);
	free(fl->v);
	memset(fl, 0, sizeof(*fl));
}
