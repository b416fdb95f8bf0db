/* report_diff.c: [report] --baseline and --history: earlier report.json
 * files read with jread, checklists matched by file, task items by text
 * (in order, for repeated texts), findings by rule and message (as many
 * times as they occur: lines move when a file is edited). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "jread.h"
#include "report_diff.h"
#include "value.h"
#include "xalloc.h"

#define PAST_MAX_FILE	(1024UL << 20)	/* a report.json larger: refused */

/* One earlier report: its root and its checklists by file. */
struct past_run {
	struct val		 *root;
	const char		 *when;		/* generated_at */
	const struct val	**by_file;	/* sorted by "file" */
	size_t			  n;
};

struct report_past {
	struct past_run	*runs;		/* in generated_at order, oldest first
					   (a baseline: the one given) */
	size_t		 n;
};

static const char *
diff_str(const struct val *o, const char *key)
{
	const struct val *v = o ? val_get(o, key) : NULL;

	return v && val_type(v) == VAL_STR ? val_strv(v, NULL) : "";
}

static int
diff_file_cmp(const void *a, const void *b)
{
	return strcmp(diff_str(*(const struct val *const *)a, "file"),
	    diff_str(*(const struct val *const *)b, "file"));
}

static int
diff_run_cmp(const void *a, const void *b)
{
	return strcmp(((const struct past_run *)a)->when,
	    ((const struct past_run *)b)->when);
}

struct report_past *
report_past_load(const char *const *files, size_t n)
{
	struct report_past *p = xcalloc(1, sizeof(*p));

	p->runs = xcalloc(n ? n : 1, sizeof(*p->runs));
	for (size_t i = 0; i < n; i++) {
		struct past_run *r = &p->runs[p->n];
		const struct val *cls, *ver;
		if ((r->root = jread_file(files[i], PAST_MAX_FILE)) == NULL)
			goto fail;
		p->n++;
		ver = val_get(r->root, "version");
		cls = val_get(r->root, "checklists");
		if (val_type(r->root) != VAL_OBJ || ver == NULL ||
		    val_type(ver) != VAL_INT || val_intv(ver) != 1 ||
		    cls == NULL || val_type(cls) != VAL_ARR) {
			diag_error(files[i], 0, 0, "not a report.json of "
			    "version 1 (no \"version\": 1 or no \"checklists\")");
			goto fail;
		}
		r->when = diff_str(r->root, "generated_at");
		r->n = val_len(cls);
		r->by_file = xcalloc(r->n ? r->n : 1, sizeof(*r->by_file));
		for (size_t k = 0; k < r->n; k++)
			r->by_file[k] = val_at(cls, k);
		qsort(r->by_file, r->n, sizeof(*r->by_file), diff_file_cmp);
	}
	if (n > 1)
		qsort(p->runs, p->n, sizeof(*p->runs), diff_run_cmp);
	return p;
fail:
	report_past_free(p);
	return NULL;
}

void
report_past_free(struct report_past *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++) {
		val_free(p->runs[i].root);
		free(p->runs[i].by_file);
	}
	free(p->runs);
	free(p);
}

size_t
report_past_count(const struct report_past *p)
{
	return p && p->n ? p->runs[0].n : 0;
}

/* The checklist of run r read from file, or NULL. */
static const struct val *
diff_find(const struct past_run *r, const char *file)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(diff_str(r->by_file[mid], "file"), file);
		if (c == 0)
			return r->by_file[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* An element of a list with its sort key. */
struct diff_ref {
	const struct val	*v;
	const char		*k1, *k2;
	size_t			 i;
	int			 used;
};

static int
diff_ref_cmp(const void *a, const void *b)
{
	const struct diff_ref *x = a, *y = b;
	int c = strcmp(x->k1, y->k1);

	if (c == 0)
		c = strcmp(x->k2, y->k2);
	if (c == 0)
		c = x->i < y->i ? -1 : x->i > y->i;
	return c;
}

/* The elements of list key of o, keyed by k1 and k2 (k2 NULL: ""),
 * sorted; *n their number. */
static struct diff_ref *
diff_refs(const struct val *o, const char *key, const char *k1,
    const char *k2, size_t *n)
{
	const struct val *arr = o ? val_get(o, key) : NULL;
	size_t len = arr && val_type(arr) == VAL_ARR ? val_len(arr) : 0;
	struct diff_ref *r = xcalloc(len + 1, sizeof(*r));

	for (size_t i = 0; i < len; i++) {
		r[i].v = val_at(arr, i);
		r[i].k1 = diff_str(r[i].v, k1);
		r[i].k2 = k2 ? diff_str(r[i].v, k2) : "";
		r[i].i = i;
	}
	qsort(r, len, sizeof(*r), diff_ref_cmp);
	*n = len;
	return r;
}

/* Copy keys of v into a new object of arr. */
static void
diff_copy(struct val *arr, const struct val *v, const char *const *keys)
{
	struct val *o = val_push_obj(arr);

	for (; *keys != NULL; keys++) {
		const struct val *x = val_get(v, *keys);
		if (x == NULL)
			continue;
		if (val_type(x) == VAL_STR)
			val_put_str(o, *keys, val_strv(x, NULL));
		else if (val_type(x) == VAL_INT || val_type(x) == VAL_NUM)
			val_put_int(o, *keys, val_intv(x));
	}
}

/* Pair a (now) with b (then), both sorted by key: equal keys pair in
 * order; the unpaired keep used 0. */
static void
diff_pair(struct diff_ref *a, size_t na, struct diff_ref *b, size_t nb)
{
	size_t i = 0, j = 0;

	while (i < na && j < nb) {
		int c = strcmp(a[i].k1, b[j].k1);
		if (c == 0)
			c = strcmp(a[i].k2, b[j].k2);
		if (c == 0) {
			a[i++].used = 1;
			b[j++].used = 1;
		} else if (c < 0)
			i++;
		else
			j++;
	}
}

static int
diff_orig_cmp(const void *a, const void *b)
{
	const struct diff_ref *x = a, *y = b;

	return x->i < y->i ? -1 : x->i > y->i;
}

void
report_diff(struct val *o, const struct report_past *base, int tpl,
    struct report_changes *sum)
{
	static const char *const ikeys[] = { "text", "line", NULL };
	static const char *const fkeys[] = { "rule", "severity", "message",
	    "line", NULL };
	const struct val *old = base && base->n ? diff_find(&base->runs[0],
	    diff_str(o, "file")) : NULL;
	struct val *ch = val_put_obj(o, "changes");
	struct val *checked, *reopened, *nf, *ff;
	struct diff_ref *a, *b;
	size_t na, nb, i;
	const struct val *pn = val_get(o, "percent"), *po;

	val_put_bool(ch, "new_checklist", old == NULL);
	po = old ? val_get(old, "percent") : NULL;
	if (po != NULL && pn != NULL && val_type(po) != VAL_NULL &&
	    val_type(pn) != VAL_NULL && val_type(po) != VAL_STR) {
		double d = val_numv(pn) - val_numv(po);
		char tmp[32];
		val_put_num(ch, "percent_before", val_numv(po), 1);
		val_put_num(ch, "percent_delta", d, 1);
		if (tpl) {
			snprintf(tmp, sizeof(tmp), "%s%.1f", d > 0 ? "+" :
			    d < 0 ? "\u2212" : "\u00b1", d < 0 ? -d : d);
			val_put_str(ch, "delta_text", tmp);
			val_put_bool(ch, "up", d > 0);
			val_put_bool(ch, "down", d < 0);
		}
	} else {
		val_put_null(ch, "percent_before");
		val_put_null(ch, "percent_delta");
	}
	/* Task items by text: an item now done whose namesake was open is
	 * newly checked; now open and then done, reopened. */
	a = diff_refs(o, "task_items", "text", NULL, &na);
	b = diff_refs(old, "task_items", "text", NULL, &nb);
	checked = val_put_arr(ch, "checked");
	reopened = val_put_arr(ch, "reopened");
	{
		size_t j = 0;
		/* Walk equal texts in order; both are sorted. */
		qsort(a, na, sizeof(*a), diff_ref_cmp);
		for (i = 0; i < na && old != NULL; i++) {
			while (j < nb && strcmp(b[j].k1, a[i].k1) < 0)
				j++;
			if (j >= nb || strcmp(b[j].k1, a[i].k1) != 0)
				continue;
			const char *sn = diff_str(a[i].v, "state");
			const char *so = diff_str(b[j].v, "state");
			if (strcmp(sn, "done") == 0 && strcmp(so, "open") == 0)
				a[i].used = 1;
			else if (strcmp(sn, "open") == 0 &&
			    strcmp(so, "done") == 0)
				a[i].used = 2;
			j++;
		}
		qsort(a, na, sizeof(*a), diff_orig_cmp);
		for (i = 0; i < na; i++)
			if (a[i].used)
				diff_copy(a[i].used == 1 ? checked : reopened,
				    a[i].v, ikeys);
	}
	free(a);
	free(b);
	/* Findings by rule and message. */
	a = diff_refs(o, "findings", "rule", "message", &na);
	b = diff_refs(old, "findings", "rule", "message", &nb);
	diff_pair(a, na, b, nb);
	qsort(a, na, sizeof(*a), diff_orig_cmp);
	qsort(b, nb, sizeof(*b), diff_orig_cmp);
	nf = val_put_arr(ch, "new_findings");
	ff = val_put_arr(ch, "fixed_findings");
	for (i = 0; i < na && old != NULL; i++)
		if (!a[i].used)
			diff_copy(nf, a[i].v, fkeys);
	for (i = 0; i < nb; i++)
		if (!b[i].used)
			diff_copy(ff, b[i].v, fkeys);
	free(a);
	free(b);
	if (sum != NULL) {
		sum->checked += (unsigned)val_len(checked);
		sum->reopened += (unsigned)val_len(reopened);
		sum->new_findings += (unsigned)val_len(nf);
		sum->fixed_findings += (unsigned)val_len(ff);
		if (old != NULL)
			sum->matched++;
		else
			sum->added++;
	}
	if (!tpl)
		return;
	val_put_int(ch, "n_checked", (long long)val_len(checked));
	val_put_int(ch, "n_reopened", (long long)val_len(reopened));
	val_put_int(ch, "n_new_findings", (long long)val_len(nf));
	val_put_int(ch, "n_fixed_findings", (long long)val_len(ff));
	val_put_bool(ch, "has_checked", val_len(checked) > 0);
	val_put_bool(ch, "has_reopened", val_len(reopened) > 0);
	val_put_bool(ch, "has_new_findings", val_len(nf) > 0);
	val_put_bool(ch, "has_fixed_findings", val_len(ff) > 0);
	val_put_bool(ch, "any", old == NULL || val_len(checked) ||
	    val_len(reopened) || val_len(nf) || val_len(ff) ||
	    (val_get(ch, "percent_delta") != NULL &&
	    val_type(val_get(ch, "percent_delta")) != VAL_NULL &&
	    val_numv(val_get(ch, "percent_delta")) != 0));
}

void
report_diff_summary(struct val *head, const struct report_past *base,
    const struct report_changes *sum, int tpl)
{
	struct val *c;
	size_t nbase = report_past_count(base);

	if (base == NULL)
		return;
	c = val_put_obj(head, "changes");
	val_put_str(c, "baseline", base->n ? base->runs[0].when : "");
	val_put_int(c, "checked", sum->checked);
	val_put_int(c, "reopened", sum->reopened);
	val_put_int(c, "new_findings", sum->new_findings);
	val_put_int(c, "fixed_findings", sum->fixed_findings);
	val_put_int(c, "added_checklists", sum->added);
	val_put_int(c, "removed_checklists", nbase > sum->matched ?
	    (long long)(nbase - sum->matched) : 0);
	if (tpl) {
		val_put_bool(c, "has_added", sum->added > 0);
		val_put_bool(c, "has_removed", nbase > sum->matched);
	}
}

void
report_trend(struct val *o, const struct report_past *hist)
{
	const char *file = diff_str(o, "file");
	const struct val *pn = val_get(o, "percent");
	double *pc;
	size_t n = 0, i;
	struct buf b = {0};
	char tmp[16];

	if (hist == NULL || hist->n == 0)
		return;
	pc = xcalloc(hist->n + 1, sizeof(double));
	for (i = 0; i < hist->n; i++) {
		const struct val *c = diff_find(&hist->runs[i], file), *p;
		if (c == NULL || (p = val_get(c, "percent")) == NULL ||
		    (val_type(p) != VAL_NUM && val_type(p) != VAL_INT))
			continue;
		pc[n++] = val_numv(p);
	}
	if (n == 0) {
		free(pc);
		return;
	}
	if (pn != NULL && (val_type(pn) == VAL_NUM || val_type(pn) == VAL_INT))
		pc[n++] = val_numv(pn);
	struct val *t = val_put_obj(o, "trend");
	for (i = 0; i < n; i++) {
		double x = n > 1 ? 100.0 * (double)i / (double)(n - 1) : 50;
		double y = 19 - 18 * (pc[i] < 0 ? 0 : pc[i] > 100 ? 100 :
		    pc[i]) / 100;
		buf_printf(&b, "%s%.1f,%.1f", i ? " " : "", x, y);
	}
	val_put_str(t, "points", buf_cstr(&b));
	val_put_int(t, "runs", (long long)n);
	snprintf(tmp, sizeof(tmp), "%.0f%%", pc[0]);
	val_put_str(t, "first", tmp);
	snprintf(tmp, sizeof(tmp), "%.0f%%", pc[n - 1]);
	val_put_str(t, "last", tmp);
	buf_free(&b);
	free(pc);
}
