/* report_merge.c: [report] `report --merge A/report.json B/report.json
 * ... -o DIR`: one dashboard from the reports of several repositories, as
 * an organisation's CI matrix makes them (one job a repository, one merge
 * job at the end). Each checklist keeps its repository's name; each
 * report's pages (and its own index) are copied under DIR/NAME/, so their
 * links, --source-url ones included, still work. DIR/report.json is the
 * merged report: the pinned shape of report.json (summary over every
 * repository; each checklist's element as its report has it, in input
 * order) plus "repositories" [{name, checklists, source}] and, on each
 * checklist, "repository" (its page is NAME/page). A merged report is
 * not merged again (its checklists already name their repository). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "diag.h"
#include "embed.h"
#include "esc.h"
#include "arena.h"
#include "jread.h"
#include "output.h"
#include "read.h"
#include "report.h"
#include "report_write.h"
#include "report_merge.h"
#include "template.h"
#include "value.h"
#include "verdict.h"
#include "xalloc.h"

#define MERGE_MAX_JSON	(1024UL << 20)

/* The merge's template loader: --templates DIR, then the shipped set. */
struct merge_loader {
	const char	*dir;
	struct input	 in;
	int		 have_in;
	struct buf	 path;
};

static const char *
merge_load(const char *name, size_t *len, void *arg)
{
	struct merge_loader *ld = arg;
	const struct embedded *e;
	struct stat st;

	if (ld->have_in) {
		read_free(&ld->in);
		ld->have_in = 0;
	}
	buf_reset(&ld->path);
	buf_printf(&ld->path, "%s.mustache", name);
	if (strchr(name, '/') != NULL || name[0] == '.')
		return NULL;
	if (ld->dir != NULL) {
		struct buf p = {0};
		buf_printf(&p, "%s/%s", ld->dir, ld->path.data);
		if (stat(p.data, &st) == 0 && read_input(p.data, 0,
		    &ld->in) == 0) {
			buf_free(&p);
			ld->have_in = 1;
			*len = ld->in.len;
			return ld->in.data;
		}
		buf_free(&p);
	}
	if ((e = embedded_find(embedded_templates, ld->path.data)) == NULL)
		return NULL;
	*len = e->len;
	return e->data;
}

/* Is s a plain file or directory name (no '/', not hidden, not empty)? */
static int
merge_name_ok(const char *s)
{
	if (*s == '\0' || *s == '.')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '.' || *s == '-' ||
		    *s == '_'))
			return 0;
	return 1;
}

static const char *
merge_str(const struct val *o, const char *key)
{
	const struct val *v = o ? val_get(o, key) : NULL;

	return v && val_type(v) == VAL_STR ? val_strv(v, NULL) : "";
}

static unsigned
merge_uint(const struct val *o, const char *key)
{
	const struct val *v = o ? val_get(o, key) : NULL;

	return v && val_type(v) == VAL_INT && val_intv(v) >= 0 ?
	    (unsigned)val_intv(v) : 0;
}

/* Copy file from into to (a page or an index); -1 after a diag_error. */
static int
merge_copy(const char *from, const char *to)
{
	struct input in;
	int rc;

	if (read_input(from, 0, &in) == -1)
		return -1;
	rc = output_write(to, in.data, in.len);
	read_free(&in);
	return rc;
}

/* A checklist and how it sorts. */
struct merge_row {
	struct val	*obj;
	int		 rank;
	struct counts	 c;
	size_t		 i;
};

static int
merge_row_cmp(const void *a, const void *b)
{
	const struct merge_row *x = a, *y = b;
	int c = x->rank != y->rank ? (x->rank < y->rank ? -1 : 1) :
	    report_cmp_counts(&x->c, &y->c);

	return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

/* The template object of checklist cl of repository repo (its pages
 * under repo/), adding to tot. */
static struct val *
merge_checklist(const struct val *cl, const char *repo,
    struct report_totals *tot, int *rank)
{
	struct val *o = val_obj(), *top, *rg, *so;
	const struct val *fs = val_get(cl, "findings"), *s;
	struct counts c;
	unsigned nerr = 0;
	size_t nf = fs && val_type(fs) == VAL_ARR ? val_len(fs) : 0, i;
	enum vstate st = VSTATE_EMPTY;
	struct buf b = {0};

	c.items = merge_uint(cl, "items");
	c.checked = merge_uint(cl, "checked");
	c.na = merge_uint(cl, "na");
	for (i = 0; i < VSTATE__MAX; i++)
		if (strcmp(verdict_state_names[i], merge_str(cl,
		    "state")) == 0)
			st = (enum vstate)i;
	*rank = VSTATE_BLOCKED - (int)st;
	val_put_str(o, "repo", repo);
	val_put_bool(o, "has_repo", 1);
	val_put_str(o, "file", merge_str(cl, "file"));
	val_put_str(o, "title", merge_str(cl, "title"));
	val_put_str(o, "bar_name", merge_str(cl, "title"));
	val_put_str(o, "ruleset_name", merge_str(cl, "ruleset"));
	val_put_bool(o, "has_ruleset", *merge_str(cl, "ruleset") != '\0');
	buf_printf(&b, "%s/%s", repo, merge_str(cl, "page"));
	val_put_str(o, "page", buf_cstr(&b));
	buf_free(&b);
	report_put_counts(o, &c);
	val_put_str(o, "state", verdict_state_names[st]);
	val_put_str(o, "state_label", verdict_state_labels[st]);
	val_put_bool(o, "blocked", st == VSTATE_BLOCKED);
	top = val_put_arr(o, "blockers_top");
	struct val *blk = val_put_arr(o, "blockers");
	tot->files++;
	tot->c.items += c.items;
	tot->c.checked += c.checked;
	tot->c.na += c.na;
	tot->states[st]++;
	tot->findings += nf;
	for (i = 0; i < nf; i++) {
		const struct val *f = val_at(fs, i);
		const char *sev = merge_str(f, "severity");
		if (strcmp(sev, "error") == 0) {
			struct val *bo = val_push_obj(blk);
			static const char *const keys[] = { "file", "rule",
			    "message", NULL };
			for (const char *const *kk = keys; *kk; kk++)
				val_put_str(bo, *kk, merge_str(f, *kk));
			val_put_int(bo, "line", merge_uint(f, "line"));
			val_put_int(bo, "column", merge_uint(f, "column"));
			tot->errors++;
			if (nerr++ < 2) {
				struct val *e = val_push_obj(top);
				val_put_str(e, "message", merge_str(f,
				    "message"));
				val_put_str(e, "anchor", "blockers");
			}
			continue;
		}
		if (strcmp(sev, "warning") == 0)
			tot->warnings++;
		else
			tot->infos++;
		tot->kinds[report_kind_of(NULL, merge_str(f, "rule"))]++;
	}
	val_put_int(o, "errors", nerr);
	val_put_int(o, "more_blockers", nerr > 2 ? nerr - 2 : 0);
	val_put_bool(o, "has_more_blockers", nerr > 2);
	/* Findings below error by rule, in order of first appearance. */
	rg = val_put_arr(o, "rule_groups");
	for (i = 0; i < nf; i++) {
		const struct val *f = val_at(fs, i);
		const char *rule = merge_str(f, "rule");
		size_t k, n = 0;
		if (strcmp(merge_str(f, "severity"), "error") == 0)
			continue;
		for (k = 0; k < i; k++)
			if (strcmp(merge_str(val_at(fs, k), "severity"),
			    "error") != 0 && strcmp(merge_str(val_at(fs, k),
			    "rule"), rule) == 0)
				break;
		if (k < i)
			continue;
		for (k = i; k < nf; k++)
			if (strcmp(merge_str(val_at(fs, k), "rule"), rule) == 0 &&
			    strcmp(merge_str(val_at(fs, k), "severity"),
			    "error") != 0)
				n++;
		struct val *e = val_push_obj(rg);
		val_put_str(e, "rule", rule);
		val_put_str(e, "severity", merge_str(f, "severity"));
		val_put_int(e, "count", (long long)n);
		val_put_bool(e, "multi", n > 1);
	}
	val_put_bool(o, "has_rule_groups", val_len(rg) > 0);
	s = val_get(cl, "signoff");
	so = val_put_obj(o, "signoff");
	for (i = 0; i < SIGNOFF__MAX; i++)
		if (strcmp(verdict_signoff_names[i], merge_str(s,
		    "state")) == 0) {
			val_put_str(so, "state", verdict_signoff_names[i]);
			val_put_str(so, "label", verdict_signoff_labels[i]);
		}
	val_put_int(so, "signed_n", merge_uint(s, "signed"));
	val_put_int(so, "required", merge_uint(s, "required"));
	val_put_bool(so, "has_entries", merge_uint(s, "required") > 0);
	return o;
}

/* Append checklist element cl of repository repo to json, as report.json
 * has it (two levels deep) with "repository" first. */
static void
merge_json_element(struct buf *json, const struct val *cl, const char *repo)
{
	struct buf b = {0};

	buf_puts(json, json->len ? ",\n    {\n      \"repository\": " :
	    "\n    {\n      \"repository\": ");
	esc_json(json, repo, strlen(repo));
	val_json_at(&b, cl, 2, 2);
	/* b is "{\n      ...}" or "{}" */
	if (b.len > 2)
		buf_putc(json, ',');
	buf_put(json, b.data + 1, b.len - 1);
	buf_free(&b);
}

/* DIR/report.json of the merge (see the top of this file). */
static int
merge_json(const struct report_opts *o, const struct report_totals *tot,
    const struct buf *repos, const struct buf *elements)
{
	struct arena a = { NULL };
	struct buf b = {0}, path = {0};
	struct val *head = report_head_in(&a, tot, o->generated_at, 0);
	int rc;

	val_json(&b, head, 2);
	arena_free(&a);
	b.len -= 2;		/* "\n}" */
	buf_puts(&b, ",\n  \"repositories\": ");
	buf_put(&b, repos->data ? repos->data : "", repos->len);
	buf_puts(&b, ",\n  \"checklists\": [");
	buf_put(&b, elements->data ? elements->data : "", elements->len);
	buf_puts(&b, elements->len ? "\n  ]\n}\n" : "]\n}\n");
	buf_printf(&path, "%s/report.json", o->dir);
	rc = output_write(path.data, b.data, b.len);
	buf_free(&b);
	buf_free(&path);
	return rc;
}

int
report_merge(const struct report_opts *o, char *const *specs, size_t n)
{
	struct merge_loader ld = { o->templates, { NULL, 0 }, 0, {0} };
	struct template_set *set = template_set_new(merge_load, &ld);
	static const char *const outs[] = { "index.html", "summary.md",
	    "badge.svg" };
	struct merge_row *rows = NULL;
	size_t nrows = 0, cap = 0, i, k;
	struct report_totals tot;
	struct val *model = NULL, *arr, *repos;
	struct buf path = {0}, out = {0}, jrepos = {0}, jcls = {0};
	char **names = xcalloc(n + 1, sizeof(char *));
	int rc = 0;

	memset(&tot, 0, sizeof(tot));
	if (mkdir(o->dir, 0777) == -1 && errno != EEXIST) {
		diag_error(o->dir, 0, 0, "cannot create: %s", strerror(errno));
		rc = -1;
	}
	repos = val_arr();
	for (i = 0; i < n && rc == 0; i++) {
		const char *spec = specs[i], *eq = strchr(spec, '=');
		const char *file = eq ? eq + 1 : spec, *slash;
		struct val *root;
		const struct val *cls;
		struct buf srcdir = {0}, name = {0};
		/* NAME=PATH, or the name of the directory holding PATH. */
		if (eq != NULL)
			buf_put(&name, spec, (size_t)(eq - spec));
		if ((slash = strrchr(file, '/')) != NULL)
			buf_put(&srcdir, file, (size_t)(slash - file));
		else
			buf_puts(&srcdir, ".");
		if (eq == NULL) {
			const char *d = buf_cstr(&srcdir), *ds = strrchr(d, '/');
			buf_puts(&name, ds ? ds + 1 : d);
		}
		names[i] = xstrdup(buf_cstr(&name));
		buf_free(&name);
		for (k = 0; k < i && strcmp(names[k], names[i]) != 0; k++)
			;
		if (!merge_name_ok(names[i]) || k < i) {
			diag_error(spec, 0, 0, "repository name '%s' is %s; "
			    "name it with NAME=%s", names[i], k < i ?
			    "taken" : "not a plain name", file);
			rc = -1;
			buf_free(&srcdir);
			break;
		}
		if ((root = jread_file(file, MERGE_MAX_JSON)) == NULL ||
		    (cls = val_get(root, "checklists")) == NULL ||
		    val_type(cls) != VAL_ARR) {
			if (root != NULL)
				diag_error(file, 0, 0, "not a report.json "
				    "(no \"checklists\")");
			val_free(root);
			buf_free(&srcdir);
			rc = -1;
			break;
		}
		buf_reset(&path);
		buf_printf(&path, "%s/%s", o->dir, names[i]);
		if (mkdir(path.data, 0777) == -1 && errno != EEXIST) {
			diag_error(path.data, 0, 0, "cannot create: %s",
			    strerror(errno));
			rc = -1;
		}
		struct val *r = val_push_obj(repos);
		val_put_str(r, "name", names[i]);
		val_put_int(r, "checklists", (long long)val_len(cls));
		if (val_get(root, "source") != NULL &&
		    val_type(val_get(root, "source")) == VAL_OBJ)
			val_set(r, "source", val_copy_pruned(val_get(root,
			    "source"), NULL, NULL, NULL));
		for (k = 0; k < val_len(cls) && rc == 0; k++) {
			const struct val *cl = val_at(cls, k);
			const char *page = merge_str(cl, "page");
			struct buf from = {0}, to = {0};
			if (!merge_name_ok(page)) {
				diag_error(file, 0, 0, "bad page name '%s'",
				    page);
				rc = -1;
				break;
			}
			if (val_get(cl, "repository") != NULL) {
				diag_error(file, 0, 0, "already a merged "
				    "report: merge the repositories' own "
				    "report.json files");
				rc = -1;
				break;
			}
			merge_json_element(&jcls, cl, names[i]);
			buf_printf(&from, "%s/%s", srcdir.data, page);
			buf_printf(&to, "%s/%s/%s", o->dir, names[i], page);
			if (merge_copy(from.data, to.data) == -1)
				rc = -1;
			buf_free(&from);
			buf_free(&to);
			rows = xgrow(rows, &cap, nrows + 1, sizeof(*rows));
			rows[nrows].obj = merge_checklist(cl, names[i], &tot,
			    &rows[nrows].rank);
			rows[nrows].c.items = merge_uint(cl, "items");
			rows[nrows].c.checked = merge_uint(cl, "checked");
			rows[nrows].c.na = merge_uint(cl, "na");
			rows[nrows].i = nrows;
			nrows++;
		}
		if (rc == 0) {	/* the repository's own index, for crumbs */
			struct buf from = {0}, to = {0};
			buf_printf(&from, "%s/index.html", srcdir.data);
			buf_printf(&to, "%s/%s/index.html", o->dir, names[i]);
			rc = merge_copy(from.data, to.data);
			buf_free(&from);
			buf_free(&to);
		}
		val_free(root);
		buf_free(&srcdir);
	}
	if (rc == 0) {
		if (nrows > 1)
			qsort(rows, nrows, sizeof(*rows), merge_row_cmp);
		val_json_at(&jrepos, repos, 2, 1);
		model = report_head_in(NULL, &tot, o->generated_at, 1);
		val_set(model, "repositories", repos);
		repos = NULL;
		arr = val_put_arr(model, "checklists");
		for (i = 0; i < nrows; i++) {
			val_put_bool(rows[i].obj, "first", i == 0);
			val_put_bool(rows[i].obj, "last", i + 1 == nrows);
			val_push(arr, rows[i].obj);
			rows[i].obj = NULL;
		}
		val_put_bool(model, "has_checklists", nrows > 0);
	}
	for (i = 0; i < sizeof(outs) / sizeof(outs[0]) && rc == 0; i++) {
		struct template *t;
		size_t len;
		const char *src;
		buf_reset(&path);
		buf_printf(&path, "%s.mustache", outs[i]);
		/* Loaded through the loader: "index.html" + ".mustache". */
		char *nm = xstrdup(outs[i]);
		src = merge_load(nm, &len, &ld);
		free(nm);
		if (src == NULL ||
		    (t = template_compile(set, path.data, src, len)) == NULL ||
		    diag_errors() > 0) {
			if (diag_errors() == 0)
				diag_error(path.data, 0, 0, "no such template");
			rc = -1;
			break;
		}
		buf_reset(&out);
		buf_reset(&path);
		buf_printf(&path, "%s/%s", o->dir, outs[i]);
		if (template_render(t, model, template_esc_for_name(outs[i]),
		    &out) == -1 || output_write(path.data, out.data ?
		    out.data : "", out.len) == -1)
			rc = -1;
	}
	if (rc == 0 && merge_json(o, &tot, &jrepos, &jcls) == -1)
		rc = -1;
	buf_free(&jrepos);
	buf_free(&jcls);
	for (i = 0; i < nrows; i++)
		val_free(rows[i].obj);
	free(rows);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	val_free(repos);
	val_free(model);
	buf_free(&path);
	buf_free(&out);
	template_set_free(set);
	if (ld.have_in)
		read_free(&ld.in);
	buf_free(&ld.path);
	return rc;
}
