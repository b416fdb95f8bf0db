/* rules_find.c: config discovery and resolution: the .ticklist.yml of
 * each checklist (cached per directory), the set its config's files:,
 * ignore: and checklists: entries choose, a set named in front matter,
 * and each rule's effective severity for a path (overrides), which
 * steering resolves before the check. */
#include <sys/stat.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "rules_int.h"
#include "xalloc.h"

/* Does discovery stop at dir? At a repository root (dir holds .git)
 * and at the user's home: a config above them is not the project's. */
static int
rules_stop(const char *dir)
{
	const char *home = getenv("HOME");
	struct buf b = {0};
	struct stat st;
	int stop;

	if (home != NULL && home[0] == '/') {
		char *h = rules_abspath("/", home);
		stop = strcmp(h, dir) == 0;
		free(h);
		if (stop)
			return 1;
	}
	buf_printf(&b, "%s/.git", dir);
	stop = lstat(buf_cstr(&b), &st) == 0;
	buf_free(&b);
	return stop;
}

/* A config in a directory anyone may write to (the sticky /tmp, say) is
 * not trusted: anyone could drop `rules: []` there. */
static int
rules_untrusted(const char *dir, const struct stat *cfg)
{
	struct stat st;

	(void)cfg;
	return stat(dir, &st) == 0 && (st.st_mode & S_IWOTH) != 0;
}

/* The set for directory dir (absolute): its own config, else its
 * parent's answer, stopping at a repository root or the home directory;
 * every directory on the way is cached. */
static const struct rules *
rules_discover(struct rules_ctx *ctx, const char *dir)
{
	static const char *const names[] = { ".ticklist.yml", ".ticklist.yaml" };
	const struct rules *rs;
	struct buf path = {0};
	struct stat st;
	int found;
	size_t i;

	rs = rules_cache_get(&ctx->dirs, dir, &found);
	if (found)
		return rs;
	for (i = 0; i < 2; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "",
		    names[i]);
		if (stat(buf_cstr(&path), &st) == 0 && !S_ISDIR(st.st_mode))
			break;
	}
	if (i < 2 && rules_untrusted(dir, &st)) {
		diag_warn(buf_cstr(&path), 0, 0, "not read: its directory is "
		    "writable by everyone (a shared folder such as /tmp)");
		i = 2;
	}
	if (i < 2) {
		const char *ref = buf_cstr(&path);
		char *display = rules_display(ctx, ref);

		rs = rules_cache_get(&ctx->cfgs, ref, &found);
		if (!found) {
			rs = rules_build(ctx, &ref, 1, dir, display);
			rules_cache_put(&ctx->cfgs, ref, rs);
		}
		free(display);
	} else if (strcmp(dir, "/") == 0 || rules_stop(dir))
		rs = rules_default(ctx);
	else {
		char *up = rules_dirname(dir);
		rs = rules_discover(ctx, up);
		free(up);
	}
	buf_free(&path);
	rules_cache_put(&ctx->dirs, dir, rs);
	return rs;
}

/* The absolute directory of path ("-": the current directory). */
static char *
rules_path_dir(const struct rules_ctx *ctx, const char *path)
{
	char *abs, *dir;

	if (strcmp(path, "-") == 0)
		return xstrdup(ctx->cwd);
	abs = rules_abspath(ctx->cwd, path);
	dir = rules_dirname(abs);
	free(abs);
	return dir;
}

const struct rules *
rules_for_file(struct rules_ctx *ctx, const char *path)
{
	const struct rules *rs;
	char *dir;

	if (ctx->fixed != NULL)
		return ctx->fixed;
	pthread_mutex_lock(&ctx->mu);
	dir = rules_path_dir(ctx, path);
	rs = rules_discover(ctx, dir);
	free(dir);
	pthread_mutex_unlock(&ctx->mu);
	return rs;
}

/* path relative to base (absolute), or NULL when it is not below it;
 * points into abs. */
static const char *
rules_rel(const char *base, const char *abs)
{
	size_t bl = strlen(base);

	if (strcmp(base, "/") == 0)
		return abs + 1;
	if (strncmp(abs, base, bl) == 0 && abs[bl] == '/')
		return abs + bl + 1;
	return NULL;
}

/* Effective severities for path: each rule's severity, then every
 * override whose globs match path relative to the override's file. */
void
rules_file_sev(const struct rules *rs, const char *path, enum sev *sev)
{
	rules_file_sev_from(rs, path, sev, NULL, NULL);
}

int
rules_reads(const struct rules *rs, const enum sev *sev, unsigned what)
{
	for (size_t i = 0; i < rs->n; i++)
		if (sev[i] != SEV_OFF && (rs->v[i].kind->reads & what) != 0)
			return 1;
	return 0;
}

void
rules_file_sev_from(const struct rules *rs, const char *path, enum sev *sev,
    int *ov, int *ent)
{
	char *abs = NULL;
	size_t i, j;

	for (i = 0; i < rs->n; i++) {
		sev[i] = rs->v[i].info.sev;
		if (ov != NULL)
			ov[i] = ent[i] = -1;
	}
	if (rs->nov == 0 || path == NULL || strcmp(path, "-") == 0)
		return;
	abs = rules_abspath(rs->cwd, path);
	for (i = 0; i < rs->nov; i++) {
		const struct override *o = &rs->ov[i];
		const char *rel;
		int hit = 0;

		if ((rel = rules_rel(o->base, abs)) == NULL)
			continue;
		for (j = 0; j < o->nglobs && !hit; j++)
			hit = rules_glob_path(o->globs[j], rel);
		if (!hit)
			continue;
		for (j = 0; j < o->n; j++) {
			sev[o->idx[j]] = o->sev[j];
			if (ov != NULL) {
				ov[o->idx[j]] = (int)i;
				ent[o->idx[j]] = (int)j;
			}
		}
	}
	free(abs);
}

const struct rules *
rules_select(struct rules_ctx *ctx, const char *path, int *verdict,
    const char **why)
{
	const struct rules *rs = rules_for_file(ctx, path);
	const char *rel;
	char *abs;
	size_t i, j;

	*verdict = RULES_AUTO;
	*why = NULL;
	if (rs == NULL || rs->base == NULL || strcmp(path, "-") == 0)
		return rs;
	abs = rules_abspath(ctx->cwd, path);
	if ((rel = rules_rel(rs->base, abs)) == NULL) {
		free(abs);
		return rs;
	}
	for (i = 0; i < rs->nignore; i++)
		if (rules_glob_path(rs->ignore[i], rel)) {
			*verdict = RULES_IGNORED;
			*why = rs->ignore[i];
			free(abs);
			return rs;
		}
	if (rs->nfiles > 0) {
		*verdict = RULES_UNSELECTED;
		for (i = 0; i < rs->nfiles; i++)
			if (rules_glob_path(rs->files[i], rel)) {
				*verdict = RULES_SELECTED;
				*why = rs->files[i];
				break;
			}
	}
	for (i = 0; i < rs->nkinds; i++)
		for (j = 0; j < rs->kinds[i].nglobs; j++)
			if (rules_glob_path(rs->kinds[i].globs[j], rel)) {
				if (*verdict == RULES_UNSELECTED) {
					*verdict = RULES_SELECTED;
					*why = rs->kinds[i].globs[j];
				}
				free(abs);
				return rs->kinds[i].rs;
			}
	free(abs);
	return rs;
}

const struct rules *
rules_named(const struct rules *from, const char *name, const char *path)
{
	struct rules_ctx *ctx = from->ctx;
	const struct rules *rs;
	struct buf key = {0};
	char *dir;
	int found;

	if (ctx == NULL)
		return from;
	pthread_mutex_lock(&ctx->mu);
	dir = rules_path_dir(ctx, path);
	buf_printf(&key, "%s\n%s", dir, name);
	rs = rules_cache_get(&ctx->named, buf_cstr(&key), &found);
	if (!found) {
		rs = rules_build(ctx, &name, 1, dir, NULL);
		rules_cache_put(&ctx->named, buf_cstr(&key), rs);
	}
	buf_free(&key);
	free(dir);
	pthread_mutex_unlock(&ctx->mu);
	return rs;
}
