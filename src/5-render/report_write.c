/* report_write.c: [render] writes the report directory: renders the
 * Mustache templates (the shipped ones embedded in the binary, each
 * replaceable by a file of the same name in --templates DIR) against the
 * report model, stages every file hidden, checks that every rename can
 * succeed, then renames them into place under a lock, keeping a manifest
 * of what it wrote. Output files are fixed names or page names made of the
 * input path's safe characters, so nothing is written outside the report
 * directory, and nothing it did not write is ever replaced. */
#include <sys/file.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "embed.h"
#include "model.h"
#include "out.h"
#include "output.h"
#include "read.h"
#include "report.h"
#include "report_write.h"
#include "rules.h"
#include "template.h"
#include "ticklist.h"
#include "value.h"
#include "when.h"
#include "xalloc.h"

/* The report directory's own files: the lock a run holds, and the names
 * of the files ticklist wrote there. Hidden, never a page name. */
#define REPORT_LOCK		".ticklist.lock"
#define REPORT_MANIFEST		".ticklist.manifest"

/* Longest page name before "-N.html": far below NAME_MAX (255). */
#define REPORT_PAGE_MAX		160

/* Output a template may write per byte of the largest input. */
#define REPORT_OUT_PER_BYTE	32

/* The outputs rendered from templates: the first NOUTPUTS rows of the
 * output table's "report" view (out.c), in the order of OUT_INDEX...;
 * report.json is written from the model directly, as the pinned JSON
 * must not depend on a template. */
#define NOUTPUTS		4
#define report_outputs(k)	out_format_at("report", (k))


/* Template source lookup: --templates DIR first, then the shipped set.
 * The bytes of a file read last stay in in until the next lookup. */
struct loader {
	const char	*dir;
	struct input	 in;
	int		 have_in;
	struct buf	 name;		/* name + ".mustache" */
	struct buf	 path;		/* where the source came from */
};


/* A template name may be a plain file name only: letters, digits, '.',
 * '-' and '_', not starting with '.'. So a name can never leave DIR. */
static int
report_name_ok(const char *name)
{
	if (*name == '\0' || *name == '.')
		return 0;
	for (const char *p = name; *p; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && *p != '.' && *p != '-' &&
		    *p != '_')
			return 0;
	return 1;
}

/* The source of template file fname, or NULL if there is none; a bad
 * name or an unreadable override is a diag_error. */
static const char *
report_source(struct loader *ld, const char *fname, size_t *len)
{
	const struct embedded *e;
	struct stat st;

	if (ld->have_in) {
		read_free(&ld->in);
		ld->have_in = 0;
	}
	if (!report_name_ok(fname)) {
		diag_error(fname, 0, 0, "bad template name: only letters, "
		    "digits, '.', '-' and '_' are allowed");
		return NULL;
	}
	buf_reset(&ld->path);
	if (ld->dir != NULL) {
		buf_printf(&ld->path, "%s/%s", ld->dir, fname);
		if (stat(ld->path.data, &st) == 0) {
			if (read_input(ld->path.data, 0, &ld->in) == -1)
				return NULL;
			ld->have_in = 1;
			*len = ld->in.len;
			return ld->in.data;
		}
		buf_reset(&ld->path);
	}
	if ((e = embedded_find(embedded_templates, fname)) == NULL)
		return NULL;
	buf_puts(&ld->path, fname);
	*len = e->len;
	return e->data;
}

/* The engine's loader: {{>name}} and {{<name}} load name.mustache. */
static const char *
report_load(const char *name, size_t *len, void *arg)
{
	struct loader *ld = arg;

	buf_reset(&ld->name);
	buf_printf(&ld->name, "%s.mustache", name);
	return report_source(ld, ld->name.data, len);
}

/* Compile template file fname; NULL after diag_error()s. */
static struct template *
report_compile(struct template_set *set, struct loader *ld,
    const char *fname)
{
	const char *src;
	size_t len;
	char *name;
	struct template *t;

	if ((src = report_source(ld, fname, &len)) == NULL) {
		if (diag_errors() == 0)
			diag_error(fname, 0, 0, "no such template");
		return NULL;
	}
	/* The source stays valid: compile copies before loading partials. */
	name = xstrdup(ld->path.data);
	t = template_compile(set, name, src, len);
	free(name);
	return t;
}

/* Create dir and its parents, as mkdir -p. */
static int
report_mkdir(const char *dir)
{
	char *p, *s;
	struct stat st;
	int rc = 0;

	if (*dir == '\0') {
		diag_error(NULL, 0, 0, "-o: empty report directory (an unset "
		    "variable?)");
		return -1;
	}
	p = xstrdup(dir);
	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) == -1 && errno != EEXIST) {
			diag_error(p, 0, 0, "cannot create directory: %s",
			    strerror(errno));
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (rc == 0 && (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode))) {
		diag_error(dir, 0, 0, "not a directory");
		rc = -1;
	}
	free(p);
	return rc;
}

/*
 * The report is streamed: each checklist's page is rendered and written
 * by the worker that checked it, and its model freed, so memory does not
 * grow with the number of checklists. What index.html, summary.md,
 * badge.svg and report.json need from each checklist is kept: the
 * checklist's JSON bytes (appended to a temporary file in input order)
 * and a copy of its template object reduced to the names those templates
 * use (template_set_names: rendering never looks up any other).
 *
 * All or nothing: every file is first written beside its target under a
 * hidden name of its own (see report_stage_path); only when everything
 * has been written, and every target checked (report_commit_check: free,
 * or a regular file of the manifest that is not an input), are they
 * renamed into place, pages first and index.html last, through the
 * commit journal (see report_journal_apply): a run killed among the
 * renames is completed by the next one. A failure before that removes
 * them and leaves the previous report as it was. Files are
 * not fsync'ed: rename keeps a failed or interrupted run from leaving a
 * half-written file, and a report can always be made again, while 2,000
 * fsyncs cost seconds. A run killed by a signal leaves its staged files
 * (.ticklist-*) behind; the next run, holding the directory's lock,
 * removes them (report_clean).
 *
 * A page template that names "summary" (the totals of all checklists)
 * cannot be rendered before the last checklist is read: then the
 * checklists are kept and their pages rendered at the end.
 */

/* Output indices in report_outputs. */
enum { OUT_INDEX, OUT_PAGE, OUT_SUMMARY, OUT_BADGE };


/* What the index keeps of a checklist. */
struct rw_kept {
	struct val		*obj;	/* pruned copy, in keep */
	struct counts		 total;
	int			 rank;	/* report_rank */
	size_t			 i;	/* input number: its staged page */
	char			*page;	/* its final page name */
	int			 nopage;	/* not written (f->error) */
	struct report_input	 in;	/* when pages wait for the end */
};

struct report_writer {
	const struct report_opts *o;
	struct loader		 ld;
	struct template_set	*pset;	/* the page and what it loads */
	struct template_set	*iset;	/* index, summary, badge */
	struct template		*t[NOUTPUTS];
	const char		**inames;	/* names the iset uses */
	size_t			 ninames;
	const char		**iset_slot;	/* inames as a hash set */
	uint32_t		*iset_hash;	/* (report_iset_add) */
	uint32_t		 iset_bits;
	int			 stream;	/* pages as checklists come */
	int			 page_named;	/* pages use "page" */
	char			*token;		/* of the staged files */
	char			*partsname;	/* DIR/.TOKEN */
	int			 lockfd;	/* DIR/.ticklist.lock, flock'ed */
	char			**old;		/* the manifest's names, sorted */
	size_t			 nold;
	FILE			*parts;		/* report.json elements */
	size_t			 nparts;
	struct report_totals	 tot;
	struct rw_kept		*kept;
	size_t			 nkept, capkept;
	struct arena		 keep;		/* the kept objects */
	pthread_mutex_t		 mu;		/* guards spare */
	struct buf		*spare;		/* buffers to reuse */
	size_t			 nspare, capspare;
	int			 failed;
	int			 committed;	/* the journal is in place */
};

/* Is name in the sorted names[0..n)? */
static int
report_named(const char **names, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(names[mid], name);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The slot of w's name set where a name of hash h is looked for first
 * (multiplicative hashing: the top iset_bits bits of the product). */
static size_t
report_iset_at(const struct report_writer *w, uint32_t h)
{
	return (size_t)((h * 0x9e3779b1u) >> (32 - w->iset_bits));
}

/* w->inames as a hash set, open addressing with linear probes: the
 * index's names are looked up for every member of every checklist's
 * model, three times each (val_copy_pruned), and a binary search with
 * strcmp cost as much as the copy. */
static void
report_iset_make(struct report_writer *w)
{
	size_t i, k, mask;

	for (w->iset_bits = 6; ((size_t)1 << w->iset_bits) < 4 * w->ninames;
	    w->iset_bits++)
		;
	mask = ((size_t)1 << w->iset_bits) - 1;
	w->iset_slot = xcalloc(mask + 1, sizeof(*w->iset_slot));
	w->iset_hash = xcalloc(mask + 1, sizeof(*w->iset_hash));
	for (i = 0; i < w->ninames; i++) {
		uint32_t h = val_hash(w->inames[i], strlen(w->inames[i]));
		for (k = report_iset_at(w, h); w->iset_slot[k] != NULL;
		    k = (k + 1) & mask)
			;
		w->iset_slot[k] = w->inames[i];
		w->iset_hash[k] = h;
	}
}

/* val_copy_pruned's test: a key the index templates name. */
static int
report_keep(const char *key, void *arg)
{
	const struct report_writer *w = arg;
	size_t mask = ((size_t)1 << w->iset_bits) - 1, k;
	uint32_t h = val_hash(key, strlen(key));

	for (k = report_iset_at(w, h); w->iset_slot[k] != NULL;
	    k = (k + 1) & mask)
		if (w->iset_hash[k] == h && strcmp(w->iset_slot[k], key) == 0)
			return 1;
	return 0;
}

/* A buffer from the spares, empty: a page and a JSON element each take
 * a few hundred KB, which would otherwise be grown and freed for every
 * checklist (and leave the heap fragmented). */
static void
report_buf_take(struct report_writer *w, struct buf *b)
{
	pthread_mutex_lock(&w->mu);
	if (w->nspare > 0)
		*b = w->spare[--w->nspare];
	else
		memset(b, 0, sizeof(*b));
	pthread_mutex_unlock(&w->mu);
	buf_reset(b);
}

/* Give b back to the spares (w NULL: free it); b is emptied. */
static void
report_buf_give(struct report_writer *w, struct buf *b)
{
	if (w == NULL || b->data == NULL) {
		buf_free(b);
		return;
	}
	pthread_mutex_lock(&w->mu);
	w->spare = xgrow(w->spare, &w->capspare, w->nspare + 1,
	    sizeof(*w->spare));
	w->spare[w->nspare++] = *b;
	pthread_mutex_unlock(&w->mu);
	memset(b, 0, sizeof(*b));
}

/* Where a file waits until the end: beside its target, hidden, as
 * .TOKEN.NAME for the fixed outputs and as .TOKEN.I.html for the page of
 * input I, whose name is only settled in input order. TOKEN is
 * "ticklist-XXXXXX", unique to the run (mkstemp). */
static void
report_stage_path(const struct report_writer *w, struct buf *b,
    const char *fixed, size_t i)
{
	buf_reset(b);
	if (fixed != NULL)
		buf_printf(b, "%s/.%s.%s", w->o->dir, w->token, fixed);
	else
		buf_printf(b, "%s/.%s.%zu.html", w->o->dir, w->token, i);
}

/* Write all of p[0..n) to fd: 0, or the errno of the failure. */
static int
report_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Stage data as fixed or page i; diagnostics name the file it is for,
 * DIR/shown. -1 after a diag_error. */
static int
report_stage_write(struct report_writer *w, const char *fixed, size_t i,
    const char *shown, const char *data, size_t len)
{
	struct buf path = {0}, msg = {0};
	int fd, rc = 0, saved = 0;

	report_stage_path(w, &path, fixed, i);
	buf_printf(&msg, "%s/%s", w->o->dir, shown);
	if ((fd = open(path.data, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0666)) == -1) {
		diag_error(msg.data, 0, 0, "cannot create: %s",
		    strerror(errno));
		rc = -1;
		goto out;
	}
	saved = report_write_all(fd, data, len);
	if (close(fd) == -1 && saved == 0)
		saved = errno;
	if (saved != 0) {
		diag_error(msg.data, 0, 0, "write failed: %s",
		    strerror(saved));
		rc = -1;
	}
out:
	buf_free(&path);
	buf_free(&msg);
	return rc;
}

/* A staged file written a chunk at a time: its descriptor and the errno
 * of the first failed write (0: none). */
struct rw_sink {
	int	 fd;
	int	 err;
};

/* template_flush and report_json_element_to's flush: write p[0..n) to
 * the sink; -1 once a write has failed (the caller says so). */
static int
report_sink_flush(const char *p, size_t n, void *arg)
{
	struct rw_sink *sk = arg;

	if (sk->err == 0)
		sk->err = report_write_all(sk->fd, p, n);
	return sk->err != 0 ? -1 : 0;
}

/* Render template k against ctx into its staged file (see
 * report_stage_write), written as it renders, so a page of any size
 * takes a chunk of memory: 0, -1 if it could not be written, -2 if
 * rendering failed (too big). The staged file is removed on failure. */
static int
report_stage_render(struct report_writer *w, int k, const struct val *ctx,
    const char *fixed, size_t i, const char *shown)
{
	struct buf out, path = {0}, msg = {0};
	struct rw_sink sk = { -1, 0 };
	int rc = 0;

	report_stage_path(w, &path, fixed, i);
	buf_printf(&msg, "%s/%s", w->o->dir, shown);
	if ((sk.fd = open(path.data, O_WRONLY | O_CREAT | O_TRUNC |
	    O_NOFOLLOW | O_CLOEXEC, 0666)) == -1) {
		diag_error(msg.data, 0, 0, "cannot create: %s",
		    strerror(errno));
		rc = -1;
		goto out;
	}
	report_buf_take(w, &out);
	if (template_render_to(w->t[k], ctx, template_esc_for_name(
	    report_outputs(k)->template), &out, report_sink_flush, &sk) != 0)
		rc = sk.err != 0 ? -1 : -2;
	else if (out.len > 0)
		report_sink_flush(out.data, out.len, &sk);
	report_buf_give(w, &out);
	if (close(sk.fd) == -1 && sk.err == 0)
		sk.err = errno;
	if (sk.err != 0) {
		diag_error(msg.data, 0, 0, "write failed: %s",
		    strerror(sk.err));
		rc = -1;
	}
	if (rc != 0)
		unlink(path.data);
out:
	buf_free(&path);
	buf_free(&msg);
	return rc;
}

/* Where the report.json element of input i waits when it outgrows its
 * buffer (report_json_element_to): .TOKEN.I.json, beside the page. */
static void
report_spill_path(const struct report_writer *w, struct buf *b, size_t i)
{
	buf_reset(b);
	buf_printf(b, "%s/.%s.%zu.json", w->o->dir, w->token, i);
}

/* What report_spill_flush writes to: input i's spill file, opened at the
 * first flush. */
struct rw_spill {
	const struct report_writer *w;
	size_t		 i;
	struct rw_sink	 sk;
};

/* report_json_element_to's flush: to the spill file of input i. */
static int
report_spill_flush(const char *p, size_t n, void *arg)
{
	struct rw_spill *sp = arg;
	struct buf path = {0};

	if (sp->sk.fd == -1 && sp->sk.err == 0) {
		report_spill_path(sp->w, &path, sp->i);
		if ((sp->sk.fd = open(path.data, O_RDWR | O_CREAT | O_TRUNC |
		    O_NOFOLLOW | O_CLOEXEC, 0666)) == -1)
			sp->sk.err = errno;
		buf_free(&path);
	}
	if (sp->sk.fd == -1)
		return -1;
	return report_sink_flush(p, n, &sp->sk);
}

/* The fixed outputs other than pages, as staged and committed. */
static const char *const report_fixed[] = {
	"report.json", "badge.svg", "summary.md", "index.html"
};
#define NFIXED (sizeof(report_fixed) / sizeof(report_fixed[0]))

/* Remove whatever is still staged (all of it, unless committed). */
static void
report_stage_remove(struct report_writer *w)
{
	struct buf path = {0};
	size_t i;

	/* Once the journal is in place the staged files are its to move:
	 * a failed rename leaves them for the next run to roll forward. */
	if (w->token == NULL)
		return;
	unlink(w->partsname);
	if (w->committed)
		return;
	for (i = 0; i < w->nkept; i++) {
		report_stage_path(w, &path, NULL, w->kept[i].i);
		unlink(path.data);
	}
	for (i = 0; i < NFIXED; i++) {
		report_stage_path(w, &path, report_fixed[i], 0);
		unlink(path.data);
	}
	buf_free(&path);
}

static void
report_writer_free(struct report_writer *w)
{
	size_t i;

	if (w == NULL)
		return;
	report_stage_remove(w);
	if (w->parts != NULL)
		fclose(w->parts);
	free(w->token);
	free(w->partsname);
	for (i = 0; i < w->nold; i++)
		free(w->old[i]);
	free(w->old);
	if (w->lockfd >= 0)
		close(w->lockfd);	/* and the lock with it */
	for (i = 0; i < w->nkept; i++)
		free(w->kept[i].page);
	for (i = 0; i < w->nspare; i++)
		buf_free(&w->spare[i]);
	free(w->spare);
	pthread_mutex_destroy(&w->mu);
	arena_free(&w->keep);
	free(w->kept);
	free(w->inames);
	free(w->iset_slot);
	free(w->iset_hash);
	template_set_free(w->pset);
	template_set_free(w->iset);
	if (w->ld.have_in)
		read_free(&w->ld.in);
	buf_free(&w->ld.name);
	buf_free(&w->ld.path);
	free(w);
}


/* How long a run waits for another one writing the same directory. */
#define REPORT_LOCK_WAIT_MS	60000

/* Take DIR/.ticklist.lock (flock): a second run into the same directory
 * waits for the first, then fails clearly. -1 after a diag_error. */
static int
report_lock(struct report_writer *w)
{
	struct buf path = {0};
	struct stat st;
	int waited = 0;

	buf_printf(&path, "%s/" REPORT_LOCK, w->o->dir);
	w->lockfd = open(path.data, O_RDWR | O_CREAT | O_NOFOLLOW |
	    O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0666);
	if (w->lockfd == -1 || fstat(w->lockfd, &st) == -1 ||
	    !S_ISREG(st.st_mode)) {
		diag_error(path.data, 0, 0, "cannot open the lock file: %s",
		    w->lockfd == -1 ? (errno == ELOOP ? "it is a symbolic "
		    "link" : strerror(errno)) : "not a regular file");
		buf_free(&path);
		return -1;
	}
	while (flock(w->lockfd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			diag_error(path.data, 0, 0, "cannot lock: %s",
			    strerror(errno));
			buf_free(&path);
			return -1;
		}
		if (waited == 0)
			fprintf(stderr, "ticklist: %s: another ticklist "
			    "report is writing there; waiting\n", w->o->dir);
		if (waited >= REPORT_LOCK_WAIT_MS) {
			diag_error(w->o->dir, 0, 0, "another ticklist report "
			    "still holds %s after %d s: giving up", path.data,
			    REPORT_LOCK_WAIT_MS / 1000);
			buf_free(&path);
			return -1;
		}
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		waited += 100;
	}
	buf_free(&path);
	return 0;
}

/* Is name one a killed run may have left: ".ticklist-*" (staged files
 * and report.json parts), or an older version's "NAME.ticklist-XXXXXX"
 * beside a fixed output? */
static int
report_leftover(const char *name)
{
	static const char *const fixed[] = {
		"index.html", "report.json", "summary.md", "badge.svg"
	};

	if (strncmp(name, ".ticklist-", 10) == 0)
		return 1;
	for (size_t k = 0; k < sizeof(fixed) / sizeof(fixed[0]); k++) {
		size_t n = strlen(fixed[k]);
		if (strncmp(name, fixed[k], n) == 0 &&
		    strncmp(name + n, ".ticklist-", 10) == 0 &&
		    strlen(name + n) == 16)
			return 1;
	}
	return 0;
}

/* Under the lock no other run is writing: remove what killed runs left
 * (regular files and links only). */
static void
report_clean(struct report_writer *w)
{
	DIR *d = opendir(w->o->dir);
	struct dirent *e;
	struct buf path = {0};
	struct stat st;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!report_leftover(e->d_name))
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", w->o->dir, e->d_name);
		if (lstat(path.data, &st) == 0 && (S_ISREG(st.st_mode) ||
		    S_ISLNK(st.st_mode)))
			unlink(path.data);
	}
	closedir(d);
	buf_free(&path);
}

static int
report_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A name a manifest may hold: a plain file name. */
static int
report_plain(const char *name)
{
	return *name != '\0' && *name != '.' && strchr(name, '/') == NULL;
}

/* Read one of the report directory's own files (manifest, journal) at
 * path into in: 1, 0 if there is none, -1 after a diag_error (a link, a
 * device, unreadable). */
static int
report_read_own(const char *path, struct input *in)
{
	struct stat st;

	if (lstat(path, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		diag_error(path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(path, 0, 0, "not a regular file: refused (remove "
		    "it)");
		return -1;
	}
	return read_input(path, (size_t)64 << 20, in) == -1 ? -1 : 1;
}

/* Read DIR/.ticklist.manifest, the names of the files earlier runs
 * wrote, into w->old (sorted). No manifest: none. -1 after a diag_error
 * (a manifest that is a link, a device or unreadable). */
static int
report_manifest_read(struct report_writer *w)
{
	struct buf path = {0};
	int rc;
	struct input in;
	size_t cap = 0;
	char *p, *nl;

	buf_printf(&path, "%s/" REPORT_MANIFEST, w->o->dir);
	if ((rc = report_read_own(path.data, &in)) != 1) {
		buf_free(&path);
		return rc;
	}
	for (p = in.data; p < in.data + in.len; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(in.data + in.len - p))) ==
		    NULL)
			nl = in.data + in.len;
		*nl = '\0';
		if (*p == '#' || !report_plain(p))
			continue;
		w->old = xgrow(w->old, &cap, w->nold + 1, sizeof(*w->old));
		w->old[w->nold++] = xstrdup(p);
	}
	if (w->nold > 0)
		qsort(w->old, w->nold, sizeof(*w->old), report_strcmp);
	read_free(&in);
	buf_free(&path);
	return 0;
}

/* Drop the names report_manifest_read read. */
static void
report_manifest_forget(struct report_writer *w)
{
	for (size_t i = 0; i < w->nold; i++)
		free(w->old[i]);
	free(w->old);
	w->old = NULL;
	w->nold = 0;
}

/* Was name written by an earlier run (in the manifest)? */
static int
report_ours(const struct report_writer *w, const char *name)
{
	return w->nold > 0 && bsearch(&name, w->old, w->nold,
	    sizeof(*w->old), report_strcmp) != NULL;
}

/* A device and inode pair, to tell whether a target is an input. */
struct report_ino {
	dev_t	dev;
	ino_t	ino;
};

static int
report_ino_cmp(const void *a, const void *b)
{
	const struct report_ino *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* Check one target DIR/name before anything is renamed: free, or a
 * regular file an earlier run wrote that is not an input. -1 after a
 * diag_error naming it. */
static int
report_target_ok(const struct report_writer *w, const char *name,
    const struct report_ino *ins, size_t nins)
{
	struct buf path = {0};
	struct stat st;
	struct report_ino key;
	const char *why = NULL;

	buf_printf(&path, "%s/%s", w->o->dir, name);
	if (lstat(path.data, &st) == -1) {
		if (errno != ENOENT)
			why = strerror(errno);
	} else if (S_ISLNK(st.st_mode))
		why = "is a symbolic link: refusing to write through it";
	else if (!S_ISREG(st.st_mode))
		why = "is not a regular file (a directory, device, FIFO or "
		    "socket): refusing to write to it";
	else {
		key.dev = st.st_dev;
		key.ino = st.st_ino;
		if (nins > 0 && bsearch(&key, ins, nins, sizeof(*ins),
		    report_ino_cmp) != NULL)
			why = "is also an input: refusing to replace it";
		else if (!report_ours(w, name))
			why = "was not written by ticklist (not in "
			    REPORT_MANIFEST "): refusing to replace it";
	}
	if (why != NULL)
		diag_error(path.data, 0, 0, "%s", why);
	buf_free(&path);
	return why != NULL ? -1 : 0;
}

/* Before any rename: every target must be free or ours (see
 * report_target_ok); all are checked, so every problem is named. */
static int
report_commit_check(const struct report_writer *w)
{
	struct report_ino *ins;
	size_t nins = 0, i;
	struct stat st;
	int rc = 0;

	ins = xcalloc(w->o->ninputs ? w->o->ninputs : 1, sizeof(*ins));
	for (i = 0; i < w->o->ninputs; i++)
		if (strcmp(w->o->inputs[i], "-") != 0 &&
		    stat(w->o->inputs[i], &st) == 0) {
			ins[nins].dev = st.st_dev;
			ins[nins++].ino = st.st_ino;
		}
	qsort(ins, nins, sizeof(*ins), report_ino_cmp);
	for (i = 0; i < w->nkept; i++)
		if (!w->kept[i].nopage && report_target_ok(w, w->kept[i].page,
		    ins, nins) == -1)
			rc = -1;
	for (i = 0; i < NFIXED; i++)
		if (report_target_ok(w, report_fixed[i], ins, nins) == -1)
			rc = -1;
	free(ins);
	return rc;
}

/* Stage b as the hidden file DIR/name (".ticklist.NAME"), then rename
 * it into place. -1 after a diag_error (nothing left staged). */
static int
report_stage_put(struct report_writer *w, const char *name,
    const struct buf *b)
{
	struct buf from = {0}, to = {0};
	int rc;

	rc = report_stage_write(w, name + 1, 0, name, b->data ? b->data : "",
	    b->len);
	if (rc == 0) {
		report_stage_path(w, &from, name + 1, 0);
		buf_printf(&to, "%s/%s", w->o->dir, name);
		if (rename(from.data, to.data) == -1) {
			diag_error(to.data, 0, 0, "cannot write: %s",
			    strerror(errno));
			unlink(from.data);
			rc = -1;
		}
	}
	buf_free(&from);
	buf_free(&to);
	return rc;
}

/* Write the manifest (staged, then renamed): the fixed outputs, the
 * pages, and with old set the previous manifest's names too (written
 * before the renames, so that a run killed among them leaves nothing
 * the next run would take for a foreign file). */
static int
report_manifest_write(struct report_writer *w, int old)
{
	struct buf b = {0};
	size_t i;
	int rc;

	buf_puts(&b, "# ticklist report: the files ticklist wrote here. A "
	    "run replaces only these\n# and removes pages listed here that "
	    "it no longer writes.\n");
	for (i = 0; i < NFIXED; i++)
		buf_printf(&b, "%s\n", report_fixed[i]);
	for (i = 0; i < w->nkept; i++)
		if (!w->kept[i].nopage)
			buf_printf(&b, "%s\n", w->kept[i].page);
	for (i = 0; old && i < w->nold; i++)
		buf_printf(&b, "%s\n", w->old[i]);
	rc = report_stage_put(w, REPORT_MANIFEST, &b);
	buf_free(&b);
	return rc;
}

/*
 * The commit journal: all or nothing even when a run is killed among its
 * renames. Once every file is staged and every target checked, the run
 * writes DIR/.ticklist.journal (staged, then renamed: that rename is the
 * commit point), listing every rename to make, the stale pages to
 * remove and the names of the new manifest:
 *
 *   R <TAB> .ticklist-XXXXXX.3.html <TAB> docs_a.html
 *   D <TAB> docs_old.html
 *   M <TAB> index.html
 *
 * then carries it out (report_journal_apply) and removes it. A run killed
 * before the commit point leaves the previous report whole (its staged
 * files are leftovers the next run removes: rolled back); one killed
 * after it leaves the journal, and the next run into DIR, holding the
 * lock, carries it out before anything else (rolled forward). A staged
 * file that is gone was renamed already. So the final state is always
 * the old report or the new one, never a mix; a folder holding the
 * journal is mid-commit until the next run.
 */
#define REPORT_JOURNAL		".ticklist.journal"

/* Is name a staged file of some run (".ticklist-" and a plain rest)? */
static int
report_staged_name(const char *name)
{
	return strncmp(name, ".ticklist-", 10) == 0 && name[10] != '\0' &&
	    strchr(name, '/') == NULL;
}

/* Write data to DIR/.ticklist-NAME, then rename it to DIR/final: an
 * atomic replacement under the lock. -1 after a diag_error. */
static int
report_put_hidden(const char *dir, const char *name, const char *final,
    const char *data, size_t len)
{
	struct buf tmp = {0}, to = {0};
	int fd, saved = 0, rc = 0;

	buf_printf(&tmp, "%s/.ticklist-%s", dir, name);
	buf_printf(&to, "%s/%s", dir, final);
	if ((fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0666)) == -1)
		saved = errno;
	else {
		saved = report_write_all(fd, data, len);
		if (close(fd) == -1 && saved == 0)
			saved = errno;
		if (saved == 0 && rename(tmp.data, to.data) == -1)
			saved = errno;
		if (saved != 0)
			unlink(tmp.data);
	}
	if (saved != 0) {
		diag_error(to.data, 0, 0, "cannot write: %s", strerror(saved));
		rc = -1;
	}
	buf_free(&tmp);
	buf_free(&to);
	return rc;
}

/* Is DIR/name free, or a regular file of the manifest (w->old)? A
 * journal only ever renames onto those, so one planted in DIR (a
 * repository's own ".ticklist.journal" when DIR is its root) replaces
 * nothing ticklist did not write. */
static int
report_journal_target(const struct report_writer *w, const char *name)
{
	struct buf path = {0};
	struct stat st;
	int ok;

	buf_printf(&path, "%s/%s", w->o->dir, name);
	ok = lstat(path.data, &st) == -1 ? errno == ENOENT :
	    S_ISREG(st.st_mode) && report_ours(w, name);
	buf_free(&path);
	return ok;
}

/* Carry out DIR/.ticklist.journal if there is one (see above), then
 * remove it: renames in order (a staged file that is gone was renamed
 * already), stale pages removed (regular files only), the manifest
 * written. The targets must be free or in the manifest w->old (read
 * before: the manifest written before the journal lists the old and the
 * new names). 0 (also when there is no journal; *done tells whether
 * there was one), or -1 after a diag_error: the journal stays. */
static int
report_journal_apply(const struct report_writer *w, int *done)
{
	const char *dir = w->o->dir;
	struct buf path = {0}, from = {0}, to = {0}, man = {0};
	struct input in;
	struct stat st;
	char *p, *nl, *tab;
	int rc = 0;

	*done = 0;
	buf_printf(&path, "%s/" REPORT_JOURNAL, dir);
	if ((rc = report_read_own(path.data, &in)) != 1) {
		buf_free(&path);
		return rc;
	}
	rc = 0;
	buf_puts(&man, "# ticklist report: the files ticklist wrote here. A "
	    "run replaces only these\n# and removes pages listed here that "
	    "it no longer writes.\n");
	for (p = in.data; p < in.data + in.len && rc == 0; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(in.data + in.len - p))) ==
		    NULL)
			nl = in.data + in.len;
		*nl = '\0';
		if (*p == '#' || *p == '\0')
			continue;
		tab = strchr(p, '\t') ? strchr(p + 2, '\t') : NULL;
		if (p[1] != '\t' || (*p == 'R') != (tab != NULL) ||
		    (*p != 'R' && !report_plain(p + 2))) {
			diag_error(path.data, 0, 0, "not a ticklist journal: "
			    "refused (remove it)");
			rc = -1;
			break;
		}
		switch (*p) {
		case 'R':
			*tab = '\0';
			if (!report_staged_name(p + 2) || !report_plain(tab + 1)) {
				diag_error(path.data, 0, 0, "not a ticklist "
				    "journal: refused (remove it)");
				rc = -1;
				break;
			}
			if (!report_journal_target(w, tab + 1)) {
				diag_error(path.data, 0, 0, "would replace "
				    "%s, which ticklist did not write: refused "
				    "(remove the journal)", tab + 1);
				rc = -1;
				break;
			}
			buf_reset(&from);
			buf_reset(&to);
			buf_printf(&from, "%s/%s", dir, p + 2);
			buf_printf(&to, "%s/%s", dir, tab + 1);
			if (rename(from.data, to.data) == -1 && errno != ENOENT) {
				diag_error(to.data, 0, 0, "cannot write: %s",
				    strerror(errno));
				rc = -1;
			}
			break;
		case 'D':
			buf_reset(&to);
			buf_printf(&to, "%s/%s", dir, p + 2);
			if (report_ours(w, p + 2) && lstat(to.data, &st) == 0 &&
			    S_ISREG(st.st_mode))
				unlink(to.data);
			break;
		case 'M':
			buf_printf(&man, "%s\n", p + 2);
			break;
		default:
			diag_error(path.data, 0, 0, "not a ticklist journal: "
			    "refused (remove it)");
			rc = -1;
		}
	}
	if (rc == 0)
		rc = report_put_hidden(dir, "manifest", REPORT_MANIFEST,
		    man.data, man.len);
	if (rc == 0 && unlink(path.data) == -1) {
		diag_error(path.data, 0, 0, "cannot remove: %s",
		    strerror(errno));
		rc = -1;
	}
	*done = rc == 0;
	read_free(&in);
	buf_free(&path);
	buf_free(&from);
	buf_free(&to);
	buf_free(&man);
	return rc;
}

/* The commit point: write the journal of this run (renames: pages first,
 * index.html last; the stale pages of the previous manifest; the new
 * manifest) staged, then rename it into place. -1 after a diag_error
 * (nothing renamed yet: the previous report stays whole). */
static int
report_journal_write(struct report_writer *w)
{
	struct buf b = {0}, from = {0};
	char **now = xcalloc(w->nkept ? w->nkept : 1, sizeof(*now));
	size_t i, n, nnow = 0;
	const char *base;
	int rc;

	buf_puts(&b, "# ticklist report journal: a run committing; the next "
	    "run completes it.\n");
	for (i = 0; i < w->nkept; i++) {
		if (w->kept[i].nopage)
			continue;
		report_stage_path(w, &from, NULL, w->kept[i].i);
		base = strrchr(from.data, '/') + 1;
		buf_printf(&b, "R\t%s\t%s\n", base, w->kept[i].page);
		now[nnow++] = w->kept[i].page;
	}
	for (i = 0; i < NFIXED; i++) {
		report_stage_path(w, &from, report_fixed[i], 0);
		base = strrchr(from.data, '/') + 1;
		buf_printf(&b, "R\t%s\t%s\n", base, report_fixed[i]);
	}
	/* Pages of the previous run this one did not write (a checklist
	 * deleted or renamed): only page names (*.html), not index.html. */
	qsort(now, nnow, sizeof(*now), report_strcmp);
	for (i = 0; i < w->nold; i++) {
		const char *name = w->old[i];
		n = strlen(name);
		if (n < 6 || strcmp(name + n - 5, ".html") != 0 ||
		    strcmp(name, "index.html") == 0 ||
		    bsearch(&name, now, nnow, sizeof(*now),
		    report_strcmp) != NULL)
			continue;
		buf_printf(&b, "D\t%s\n", name);
	}
	for (i = 0; i < NFIXED; i++)
		buf_printf(&b, "M\t%s\n", report_fixed[i]);
	for (i = 0; i < w->nkept; i++)
		if (!w->kept[i].nopage)
			buf_printf(&b, "M\t%s\n", w->kept[i].page);
	free(now);
	rc = report_stage_put(w, REPORT_JOURNAL, &b);
	buf_free(&b);
	buf_free(&from);
	return rc;
}

/*
 * Compile the templates (all of them before anything is written: a bad
 * partial name is an error even though the engine renders it as empty),
 * create the report and staging directories. NULL after diag_error()s.
 */
struct report_writer *
report_writer_new(const struct report_opts *o)
{
	struct report_writer *w = xcalloc(1, sizeof(*w));
	unsigned errs = diag_errors();
	const char **pnames;
	size_t npnames, k;
	struct buf path = {0};
	int rc = 0, fd = -1, done = 0;

	w->o = o;
	w->lockfd = -1;
	pthread_mutex_init(&w->mu, NULL);
#ifdef __GLIBC__
	/* Each checklist frees its model's chunks together; glibc would
	 * hand them back to the kernel every time (brk) and fault the pages
	 * in again for the next one: a quarter of the run on 2,000 files. */
	mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
	w->ld.dir = o->templates;
	w->pset = template_set_new(report_load, &w->ld);
	w->iset = template_set_new(report_load, &w->ld);
	/* A page is some 10-20 times its checklist's size in HTML. */
	template_set_limit(w->pset, REPORT_OUT_PER_BYTE * o->max_input);
	for (k = 0; k < NOUTPUTS; k++)
		if ((w->t[k] = report_compile(k == OUT_PAGE ? w->pset :
		    w->iset, &w->ld, report_outputs(k)->template)) == NULL)
			rc = -1;
	/* Every path written is DIR/ and a name of at most some 200 bytes. */
	if (strlen(o->dir) + REPORT_PAGE_MAX + 64 >= PATH_MAX) {
		diag_error(NULL, 0, 0, "-o: report directory path too long "
		    "(%zu bytes; PATH_MAX is %d)", strlen(o->dir), PATH_MAX);
		goto fail;
	}
	/* Under the lock, a journal a killed run left is carried out
	 * first: its report is complete before this run starts (and the
	 * manifest it wrote is read again). */
	if (rc == -1 || diag_errors() > errs || report_mkdir(o->dir) == -1 ||
	    report_lock(w) == -1 || report_manifest_read(w) == -1 ||
	    report_journal_apply(w, &done) == -1 ||
	    (done && (report_manifest_forget(w),
	    report_manifest_read(w)) == -1))
		goto fail;
	report_clean(w);
	w->ninames = template_set_names(w->iset, &w->inames);
	report_iset_make(w);
	npnames = template_set_names(w->pset, &pnames);
	w->stream = !report_named(pnames, npnames, "summary");
	w->page_named = report_named(pnames, npnames, "page");
	free(pnames);
	/* The report.json elements wait in DIR/.ticklist-XXXXXX, whose
	 * name gives the token of every staged file. */
	buf_printf(&path, "%s/.ticklist-XXXXXX", o->dir);
	if ((fd = mkstemp(path.data)) == -1 ||
	    (w->parts = fdopen(fd, "w+")) == NULL) {
		diag_error(o->dir, 0, 0, "cannot create a temporary file: %s",
		    strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(path.data);
		}
		goto fail;
	}
	w->partsname = xstrdup(path.data);
	w->token = xstrdup(strrchr(path.data, '/') + 2);
	buf_free(&path);
	return w;
fail:
	buf_free(&path);
	report_writer_free(w);
	return NULL;
}

/* The context of a page, in arena a: {version, generated_at, tool,
 * summary (only when pages wait for the end: no page template names it
 * otherwise), checklist}. */
static struct val *
report_page_ctx(struct report_writer *w, struct arena *a,
    struct val *checklist)
{
	struct val *ctx = report_head_in(a, w->stream ? NULL : &w->tot,
	    w->o->generated_at, 1);

	report_put_source(ctx, w->o->commit, w->o->branch);
	if (!w->stream)
		report_diff_summary(ctx, w->o->baseline, &w->tot.ch, 1);
	val_set(ctx, "checklist", checklist);
	return ctx;
}

/* On a worker (or at emit): the model of one checklist, its element of
 * report.json, what the index keeps of it and, when streaming, its staged
 * page; the model is freed here. in->page is the name the page is
 * believed to get. */
void
report_writer_work(struct report_writer *w, const struct report_input *in,
    size_t i, struct report_file *f)
{
	struct arena a = { NULL };
	struct val *tree;
	struct rw_spill sp = { w, i, { -1, 0 } };
	struct buf path = {0};

	val_free(f->kept);
	if (f->json.data == NULL)
		report_buf_take(w, &f->json);
	buf_reset(&f->json);
	if (f->spilled) {	/* done again under another page name */
		report_spill_path(w, &path, i);
		unlink(path.data);
		f->spilled = 0;
	}
	free(f->page);
	f->page = xstrdup(in->page);
	f->rc = 0;
	tree = report_checklist_in(&a, in);
	if (f->error == NULL && w->stream) {
		f->rc = report_stage_render(w, OUT_PAGE, report_page_ctx(w, &a,
		    tree), NULL, i, in->page);
		if (f->rc == -2) {
			/* Too big for its page (or a template error): the
			 * rest of the report is still written, this entry
			 * says why it has none. */
			diag_error(in->cl->file, 0, 0, "page not written: "
			    "rendering failed (too big for the report's "
			    "limits, or a template error above)");
			f->error = xstrdup("page not written: rendering "
			    "failed");
			f->rc = 0;
		}
	}
	if (f->error != NULL) {
		val_put_strk(tree, "error", f->error);
		val_put_strk(tree, "state", "error");
		val_put_strk(tree, "state_label", "not in the report");
		val_put_strk(tree, "page", NULL);	/* it has none */
	}
	/* A big element goes to its spill file as it is written. */
	report_json_element_to(&f->json, tree, report_spill_flush, &sp);
	if (sp.sk.fd != -1) {
		f->spilled = 1;
		if (close(sp.sk.fd) == -1 && sp.sk.err == 0)
			sp.sk.err = errno;
	}
	if (sp.sk.err != 0) {
		report_spill_path(w, &path, i);
		diag_error(path.data, 0, 0, "write failed: %s",
		    strerror(sp.sk.err));
		f->rc = -1;
	}
	buf_free(&path);
	f->kept = val_copy_pruned(tree, NULL, report_keep, w);
	arena_free(&a);
}

/* Append input i's spill file to the report.json elements and remove
 * it: 0, or -1 after a diag_error. */
static int
report_spill_take(struct report_writer *w, size_t i)
{
	struct buf path = {0};
	char chunk[65536];
	ssize_t n;
	int fd, rc = 0;

	report_spill_path(w, &path, i);
	if ((fd = open(path.data, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		rc = -1;
	while (rc == 0 && (n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || fwrite(chunk, 1, (size_t)n, w->parts) !=
		    (size_t)n)
			rc = -1;
	}
	if (rc == -1)
		diag_error(path.data, 0, 0, "cannot copy into report.json: %s",
		    strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(path.data);
	buf_free(&path);
	return rc;
}

/* Free f; its buffer goes back to w's spares (w may be NULL). */
void
report_file_free(struct report_writer *w, struct report_file *f)
{
	val_free(f->kept);
	report_buf_give(w, &f->json);
	free(f->page);
	free(f->error);
	memset(f, 0, sizeof(*f));
}

/*
 * In input order, on the calling thread: checklist i (in->page its final
 * name) after report_writer_work. Redoes the work if the page got another
 * name than the worker thought (a name taken by an earlier page), keeps
 * what the index needs, appends the JSON element. When pages wait for the
 * end, in->cl and in->fs must stay valid until report_writer_finish.
 * f is emptied.
 */
void
report_writer_emit(struct report_writer *w, const struct report_input *in,
    size_t i, struct report_file *f)
{
	struct rw_kept *k;

	if (strcmp(f->page, in->page) != 0)
		report_writer_work(w, in, i, f);
	if (f->rc == -1)
		w->failed = 1;
	report_totals_add(&w->tot, in);
	w->kept = xgrow(w->kept, &w->capkept, w->nkept + 1,
	    sizeof(*w->kept));
	k = &w->kept[w->nkept++];
	/* Long-lived and small: together, so that they do not pin the
	 * heap between the big blocks each checklist frees. */
	k->obj = val_copy_pruned(f->kept, &w->keep, NULL, NULL);
	k->total = in->cl->total;
	k->rank = report_rank(in);
	k->i = i;
	k->page = xstrdup(in->page);
	k->nopage = f->error != NULL;
	k->in = *in;
	if (fputs(w->nparts++ ? ",\n    " : "\n    ", w->parts) == EOF ||
	    (f->spilled && report_spill_take(w, i) == -1) ||
	    fwrite(f->json.data, 1, f->json.len, w->parts) != f->json.len)
		w->failed = 1;
	f->spilled = 0;
	report_file_free(w, f);
}

/* Dashboard order of kept checklists: report_rank, report_cmp_counts,
 * then input order (the kept array is in input order). */
static int
report_kept_cmp(const void *a, const void *b)
{
	const struct rw_kept *x = *(const struct rw_kept *const *)a;
	const struct rw_kept *y = *(const struct rw_kept *const *)b;
	int c = x->rank != y->rank ? (x->rank < y->rank ? -1 : 1) :
	    report_cmp_counts(&x->total, &y->total);

	if (c != 0)
		return c;
	return x < y ? -1 : x > y;
}

/* Copy len bytes of file in from offset from to file out at its
 * position: in the kernel (sendfile), else through a buffer. 0, or the
 * errno of the failure (EIO if in ends early). */
static int
report_copy_range(int in, int out, off_t from, size_t len)
{
	ssize_t n;
	char *buf;
	int err = 0;

	while (len > 0) {
		n = sendfile(out, in, &from, len < ((size_t)1 << 30) ? len :
		    (size_t)1 << 30);
		if (n > 0) {
			len -= (size_t)n;
			continue;
		}
		if (n == 0)
			return EIO;
		if (errno == EINTR)
			continue;
		if (errno != EINVAL && errno != ENOSYS)
			return errno;
		break;		/* not for these files: copy it here */
	}
	if (len == 0)
		return 0;
	buf = xmalloc(65536);
	while (len > 0 && err == 0) {
		n = pread(in, buf, len < 65536 ? len : 65536, from);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			err = n < 0 ? errno : EIO;
		else if ((err = report_write_all(out, buf, (size_t)n)) == 0) {
			from += n;
			len -= (size_t)n;
		}
	}
	free(buf);
	return err;
}

/* A part of report.json's elements that a thread of its own copies from
 * the parts file (report_copy_range's arguments and result). */
struct rw_copy {
	int		 in, out;
	off_t		 from;
	size_t		 len;
	int		 err;
	int		 started;	/* th runs it */
	pthread_t	 th;
};

static void *
report_copy_run(void *arg)
{
	struct rw_copy *c = arg;

	c->err = report_copy_range(c->in, c->out, c->from, c->len);
	return NULL;
}

/*
 * report.json in the staging directory: the head, then the elements
 * gathered in parts, byte for byte what val_json of the whole tree
 * writes. They are most of the report's bytes (200 MB for 2,000
 * checklists), and the copy would run alone at the end: two threads
 * copy a half each, each through a descriptor of its own placed where
 * its half goes, while the index and the other files are rendered
 * (report_json_start, then report_json_end).
 */
struct rw_json {
	int		 fd;		/* -1: not started or failed */
	size_t		 head, total;	/* bytes of the head, of parts */
	int		 saved;		/* errno of a failure */
	size_t		 ncopy;
	struct rw_copy	 copy[2];
	struct buf	 msg;		/* DIR/report.json */
};

/* Write the head and start the copies; -1 after a diag_error. */
static int
report_json_start(struct report_writer *w, struct rw_json *j)
{
	struct val *head;
	struct arena a = { NULL };
	struct buf b = {0}, path = {0};
	struct stat st;
	size_t k, half;

	memset(j, 0, sizeof(*j));
	j->fd = -1;
	head = report_head_in(&a, &w->tot, w->o->generated_at, 0);
	report_put_source(head, w->o->commit, w->o->branch);
	report_diff_summary(head, w->o->baseline, &w->tot.ch, 0);
	val_json(&b, head, 2);
	arena_free(&a);
	b.len -= 2;		/* "\n}" */
	buf_puts(&b, ",\n  \"checklists\": [");
	j->head = b.len;
	report_stage_path(w, &path, "report.json", 0);
	buf_printf(&j->msg, "%s/report.json", w->o->dir);
	/* open and write(2), not stdio, like every other output. */
	if ((j->fd = open(path.data, O_WRONLY | O_CREAT | O_TRUNC |
	    O_NOFOLLOW | O_CLOEXEC, 0666)) == -1) {
		diag_error(j->msg.data, 0, 0, "cannot create: %s",
		    strerror(errno));
		buf_free(&j->msg);
		buf_free(&b);
		buf_free(&path);
		return -1;
	}
	j->saved = report_write_all(j->fd, b.data, b.len);
	if (j->saved == 0 && (fflush(w->parts) == EOF ||
	    fstat(fileno(w->parts), &st) == -1))
		j->saved = errno;
	if (j->saved == 0) {
		j->total = (size_t)st.st_size;
		/* A second half only when it is worth a thread. */
		half = j->total >= ((size_t)4 << 20) ? j->total / 2 :
		    j->total;
		j->copy[0] = (struct rw_copy){ fileno(w->parts), j->fd, 0,
		    half, 0, 0, 0 };
		j->ncopy = 1;
		if (half < j->total) {
			int fd2 = open(path.data, O_WRONLY | O_NOFOLLOW |
			    O_CLOEXEC);
			if (fd2 == -1 || lseek(fd2, (off_t)(j->head + half),
			    SEEK_SET) == -1) {
				if (fd2 != -1)
					close(fd2);
				j->copy[0].len = j->total;
			} else {
				j->copy[1] = (struct rw_copy){
				    fileno(w->parts), fd2, (off_t)half,
				    j->total - half, 0, 0, 0 };
				j->ncopy = 2;
			}
		}
		for (k = 0; k < j->ncopy; k++)
			j->copy[k].started = pthread_create(&j->copy[k].th,
			    NULL, report_copy_run, &j->copy[k]) == 0;
	}
	buf_free(&b);
	buf_free(&path);
	return 0;
}

/* Wait for the copies (or make those no thread took), write the end;
 * -1 after a diag_error. */
static int
report_json_end(struct report_writer *w, struct rw_json *j)
{
	const char *tail = w->nparts ? "\n  ]\n}\n" : "]\n}\n";
	size_t k, n = strlen(tail);
	ssize_t r;
	int rc = 0;

	if (j->fd == -1)
		return -1;
	for (k = 0; k < j->ncopy; k++) {
		if (j->copy[k].started)
			pthread_join(j->copy[k].th, NULL);
		else
			report_copy_run(&j->copy[k]);
		if (j->saved == 0)
			j->saved = j->copy[k].err;
		if (k > 0 && close(j->copy[k].out) == -1 && j->saved == 0)
			j->saved = errno;
	}
	while (j->saved == 0 && n > 0) {
		r = pwrite(j->fd, tail, n, (off_t)(j->head + j->total));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			j->saved = errno;
		else {
			tail += r;
			n -= (size_t)r;
			j->total += (size_t)r;
		}
	}
	if (close(j->fd) == -1 && j->saved == 0)
		j->saved = errno;
	if (j->saved != 0) {
		diag_error(j->msg.data, 0, 0, "write failed: %s",
		    strerror(j->saved));
		rc = -1;
	}
	buf_free(&j->msg);
	j->fd = -1;
	return rc;
}

/* report_writer_finish's thread that closes the parts file, unlinked
 * before: its pages (as many as report.json has bytes) are freed then,
 * which takes a while for 2,000 checklists; meanwhile the report is
 * committed. (Only the close: every file the report names is opened,
 * renamed and removed by the calling thread.) */
static void *
report_parts_drop(void *arg)
{
	fclose(arg);
	return NULL;
}

/* The pages that waited for the end, then index.html, summary.md,
 * badge.svg and report.json; if all went well, everything is moved into
 * the report directory. Frees w. */
int
report_writer_finish(struct report_writer *w)
{
	struct rw_kept **order = NULL;
	struct arena a = { NULL };
	struct val *model, *arr;
	struct rw_json j;
	size_t i;
	pthread_t drop;
	int rc = w->failed ? -1 : 0, k, dropping;

	/* report.json is copied while the rest is rendered. */
	j.fd = -1;
	if (rc == 0)
		rc = report_json_start(w, &j);
	for (i = 0; i < w->nkept && rc == 0 && !w->stream; i++) {
		if (w->kept[i].nopage)
			continue;
		struct val *ctx = report_page_ctx(w, &a, report_checklist_in(&a,
		    &w->kept[i].in));
		rc = report_stage_render(w, OUT_PAGE, ctx, NULL, w->kept[i].i,
		    w->kept[i].page);
		arena_free(&a);
	}
	if (rc == 0) {
		order = xcalloc(w->nkept ? w->nkept : 1, sizeof(*order));
		for (i = 0; i < w->nkept; i++)
			order[i] = &w->kept[i];
		qsort(order, w->nkept, sizeof(*order), report_kept_cmp);
		model = report_head_in(&a, &w->tot, w->o->generated_at, 1);
		report_put_source(model, w->o->commit, w->o->branch);
		report_diff_summary(model, w->o->baseline, &w->tot.ch, 1);
		arr = val_put_arr(model, "checklists");
		for (i = 0; i < w->nkept; i++) {
			struct val *o = order[i]->obj;
			val_push(arr, o);
			/* Two more members for each would copy its array: only
			 * if a template asks for them. */
			if (!report_named(w->inames, w->ninames, "first") &&
			    !report_named(w->inames, w->ninames, "last"))
				continue;
			val_put_bool(o, "first", i == 0);
			val_put_bool(o, "last", i + 1 == w->nkept);
		}
		val_put_bool(model, "has_checklists", w->nkept > 0);
		for (k = 0; k < (int)NOUTPUTS && rc == 0; k++)
			if (report_outputs(k)->file != NULL)
				rc = report_stage_render(w, k, model,
				    report_outputs(k)->file, 0,
				    report_outputs(k)->file);
		free(order);
		arena_free(&a);
	}
	if (report_json_end(w, &j) == -1)
		rc = -1;
	/* report.json is whole: the parts go, while the rest is done. */
	unlink(w->partsname);
	dropping = pthread_create(&drop, NULL, report_parts_drop,
	    w->parts) == 0;
	if (!dropping)
		report_parts_drop(w->parts);
	w->parts = NULL;
	/* Everything is staged: check that every rename can succeed, so
	 * that a refusal leaves the previous report whole. */
	if (rc == 0)
		rc = report_commit_check(w);
	if (rc == 0)
		rc = report_manifest_write(w, 1);
	/* The commit point, then the renames (pages first, index.html
	 * last: it links to them), the stale pages, the manifest. */
	if (rc == 0 && (rc = report_journal_write(w)) == 0) {
		w->committed = 1;
		rc = report_journal_apply(w, &k);
	}
	if (dropping)
		pthread_join(drop, NULL);
	report_writer_free(w);
	return rc;
}

int
report_write(const struct report_opts *o, const struct report_input *in,
    size_t n)
{
	struct report_writer *w = report_writer_new(o);
	struct report_file f;

	if (w == NULL)
		return -1;
	memset(&f, 0, sizeof(f));
	for (size_t i = 0; i < n; i++) {
		report_writer_work(w, &in[i], i, &f);
		report_writer_emit(w, &in[i], i, &f);
	}
	return report_writer_finish(w);
}

/* Render the user template file to stdout against the template model. */
int
report_write_one(const struct report_opts *o, const char *file,
    const struct report_input *in, size_t n)
{
	struct loader ld = { o->templates, { NULL, 0 }, 0, {0}, {0} };
	struct template_set *set = template_set_new(report_load, &ld);
	struct input src;

	template_set_limit(set, REPORT_OUT_PER_BYTE * o->max_input);
	struct template *t = NULL;
	struct val *model;
	struct buf out = {0};
	const char *base = strrchr(file, '/');
	unsigned errs;
	int rc = -1;

	if (read_input(file, 0, &src) == -1)
		goto out;
	errs = diag_errors();
	t = template_compile(set, file, src.data, src.len);
	read_free(&src);
	if (t == NULL || diag_errors() > errs)
		goto out;
	model = report_model(in, n, o->generated_at);
	report_put_source(model, o->commit, o->branch);
	if (template_render(t, model, template_esc_for_name(base ? base + 1 :
	    file), &out) == 0)
		rc = output_write(NULL, out.data ? out.data : "", out.len);
	val_free(model);
out:
	buf_free(&out);
	template_set_free(set);
	if (ld.have_in)
		read_free(&ld.in);
	buf_free(&ld.name);
	buf_free(&ld.path);
	return rc;
}

size_t
report_page_root(char *const *paths, size_t n)
{
	size_t root = 0, i, k;
	int any = 0;

	for (i = 0; i < n; i++) {
		const char *p = paths[i], *slash = strrchr(p, '/');
		size_t dir = slash ? (size_t)(slash - p) + 1 : 0;

		if (strcmp(p, "-") == 0)
			return 0;
		if (!any) {
			root = dir;
			any = 1;
			continue;
		}
		for (k = 0; k < root && k < dir && p[k] == paths[0][k]; k++)
			;
		root = k;
	}
	/* Back to a whole directory: "docs/a" and "docs/ab" share "docs/". */
	while (root > 0 && paths[0][root - 1] != '/')
		root--;
	return root;
}

char *
report_page_name(const char *path, char *const *names, size_t n)
{
	struct buf b = {0}, u = {0};
	const struct out_format *f;
	const char *p = path, *end;
	size_t len, i;
	int taken, suffix = 1;

	/* Leading "/", "./" and "../" say nothing about the checklist. */
	for (;;) {
		if (*p == '/')
			p++;
		else if (strncmp(p, "./", 2) == 0)
			p += 2;
		else if (strncmp(p, "../", 3) == 0)
			p += 3;
		else
			break;
	}
	len = strlen(p);
	end = p + len;
	if (len > 3 && strcasecmp(end - 3, ".md") == 0)
		end -= 3;
	else if (len > 9 && strcasecmp(end - 9, ".markdown") == 0)
		end -= 9;
	for (; p < end; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    (c == '.' && b.len > 0))
			buf_putc(&b, c);
		else if (c == '/')
			buf_putc(&b, '_');
		else
			buf_putc(&b, '-');
	}
	if (b.len == 0 || strcmp(path, "-") == 0) {
		buf_reset(&b);
		buf_puts(&b, strcmp(path, "-") == 0 ? "stdin" : "checklist");
	}
	/* A long path keeps its start and gets a hash of the whole, so
	 * the name stays far below NAME_MAX and different paths differ. */
	if (b.len > REPORT_PAGE_MAX) {
		uint32_t h = 2166136261u;	/* FNV-1a */
		for (const char *q = path; *q; q++)
			h = (h ^ (unsigned char)*q) * 16777619u;
		b.len = REPORT_PAGE_MAX - 9;
		buf_printf(&b, "-%08x", (unsigned)h);
	}
	for (;;) {
		buf_reset(&u);
		buf_puts(&u, buf_cstr(&b));
		if (suffix > 1)
			buf_printf(&u, "-%d", suffix);
		buf_puts(&u, ".html");
		taken = 0;
		for (i = 0; i < n && !taken; i++)
			taken = strcasecmp(names[i], u.data) == 0;
		/* Nor the name of another file of the report (the output
		 * table's "report" view). */
		for (i = 0; (f = out_format_at("report", i)) != NULL &&
		    !taken; i++)
			taken = f->file != NULL &&
			    strcasecmp(f->file, u.data) == 0;
		if (!taken)
			break;
		suffix++;
	}
	buf_free(&b);
	return u.data;
}

int
report_writer_streams(const struct report_writer *w)
{
	return w->stream;
}
