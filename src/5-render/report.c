/* report.c: [check] builds the value trees of the report model: the status
 * object of a checklist (status JSON), report.json, and the template model
 * that adds what Mustache templates cannot compute themselves (booleans,
 * first/last, findings placed beside the task item or section they
 * concern). Everything reads the checklist through const pointers. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approvals.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "itemmeta.h"
#include "model.h"
#include "report.h"
#include "rules.h"
#include "verdict.h"
#include "ticklist.h"
#include "value.h"
#include "when.h"
#include "xalloc.h"

/* Buckets: the members of each of n groups in input order, by a counting
 * sort. members of group g are idx[start[g] .. start[g + 1]). */
struct bucket {
	size_t	*start;		/* n + 1 entries */
	size_t	*idx;
};

/* What the template extras of one checklist need: where each task item
 * and finding goes. Groups are section indices shifted by one, so that
 * group 0 is "no section" (top level). */
struct rctx {
	const struct report_input *in;	/* NULL for the plain status */
	struct arena		*a;	/* what the arrays below are in, or
					   NULL: the heap (report_rctx_free) */
	long			 today;	/* when_today() */
	const struct checklist	*cl;
	const struct findings	*fs;
	struct bucket		 sec_items;	/* section+1 -> task items */
	struct bucket		 sec_finds;	/* section+1 -> findings on no
						   task item */
	struct bucket		 item_finds;	/* item -> findings */
	int			*f_item;	/* finding -> its task item or -1 */
	int			*f_group;	/* finding -> its section group */
};

struct val *
report_percent(unsigned items, unsigned checked)
{
	struct counts c = { items, checked, 0 };

	if (items == 0)
		return val_null();
	return val_num(verdict_percent(verdict_permille(&c)), 1);
}

/* n zeroed objects of size bytes in a, or on the heap if a is NULL. */
static void *
report_calloc(struct arena *a, size_t n, size_t size)
{
	void *p;

	if (a == NULL)
		return xcalloc(n ? n : 1, size);
	p = arena_alloc(a, (n ? n : 1) * size);
	memset(p, 0, (n ? n : 1) * size);
	return p;
}

/* Free what report_calloc(a, ...) gave (nothing to do in an arena). */
static void
report_cfree(struct arena *a, void *p)
{
	if (a == NULL)
		free(p);
}

/* Put the lazy list name of n elements built by gen into o (in arena a:
 * with a copy of the size bytes of arg there, which is what gen gets;
 * NULL: o is on the heap and the list is built at once from arg). */
static void
report_put_lazy(struct val *o, struct arena *a, const char *name, size_t n,
    val_gen gen, const void *arg, size_t size)
{
	void *p = (void *)(uintptr_t)arg;

	if (n == 0) {	/* nothing to build: a plain empty list */
		val_put_arr(o, name);
		return;
	}
	if (a != NULL) {
		p = arena_alloc(a, size);
		memcpy(p, arg, size);
	}
	val_put_lazy(o, name, n, gen, p);
}

/* Group g of each of n members (g < ngroups, or -1 for none) into b, in
 * arena a (or the heap). */
static void
report_bucket(struct bucket *b, struct arena *a, const int *group, size_t n,
    size_t ngroups)
{
	size_t i, *fill;

	b->start = report_calloc(a, ngroups + 1, sizeof(size_t));
	b->idx = report_calloc(a, n, sizeof(size_t));
	for (i = 0; i < n; i++)
		if (group[i] >= 0)
			b->start[group[i] + 1]++;
	for (i = 0; i < ngroups; i++)
		b->start[i + 1] += b->start[i];
	fill = xcalloc(ngroups ? ngroups : 1, sizeof(size_t));
	for (i = 0; i < n; i++)
		if (group[i] >= 0)
			b->idx[b->start[group[i]] + fill[group[i]]++] = i;
	free(fill);
}

static void
report_bucket_free(struct bucket *b, struct arena *a)
{
	report_cfree(a, b->start);
	report_cfree(a, b->idx);
}

/* The group of a section for tasks and findings: the title heading's own
 * content is the top level, like content before any heading. */
static int
report_group(const struct checklist *cl, int sec)
{
	return sec < 0 || sec == cl->title_section ? 0 : sec + 1;
}

/* Place task items in sections and findings on task items (the one whose
 * first paragraph holds the finding's line) or else in the innermost
 * section at that line. Items and sections are in document order, so a
 * binary search finds the last one starting at or before a line. The
 * arrays go in arena a (NULL: the heap), where the lazy lists of a page
 * (val_put_lazy) find them as long as the page lives. */
static void
report_rctx_init(struct rctx *rc, struct arena *a, const struct checklist *cl,
    const struct findings *fs)
{
	size_t nf = fs ? fs->n : 0, i, ng = cl->nsections + 1;
	int *g = xcalloc(cl->nitems + nf + 1, sizeof(int));
	int *gi = g + cl->nitems;

	rc->a = a;
	rc->today = when_today();
	rc->cl = cl;
	rc->fs = fs;
	for (i = 0; i < cl->nitems; i++)
		g[i] = report_group(cl, cl->items[i].section);
	report_bucket(&rc->sec_items, a, g, cl->nitems, ng);
	for (i = 0; i < nf; i++) {
		int line = fs->v[i].line;
		size_t lo = 0, hi = cl->nitems;
		gi[i] = -1;
		while (lo < hi) {	/* first item starting after line */
			size_t mid = (lo + hi) / 2;
			if (cl->items[mid].line <= line)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo > 0 && line <= itemmeta_item_end(cl, &cl->items[lo - 1]))
			gi[i] = (int)lo - 1;
	}
	report_bucket(&rc->item_finds, a, gi, nf, cl->nitems);
	/* Where each finding sits, for links to it. g[i] may overlay gi[j]
	 * for j <= i only: gi[i] is read before g[i] is written. */
	rc->f_item = report_calloc(a, nf + 1, sizeof(int));
	rc->f_group = report_calloc(a, nf + 1, sizeof(int));
	for (i = 0; i < nf; i++) {
		int line = fs->v[i].line;
		size_t lo = 0, hi = cl->nsections;
		rc->f_item[i] = gi[i];
		if (gi[i] >= 0) {
			rc->f_group[i] = report_group(cl,
			    cl->items[gi[i]].section);
			g[i] = -1;
			continue;
		}
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (cl->sections[mid].line <= line)
				lo = mid + 1;
			else
				hi = mid;
		}
		g[i] = rc->f_group[i] = report_group(cl, (int)lo - 1);
	}
	report_bucket(&rc->sec_finds, a, g, nf, ng);
	free(g);
}

static void
report_rctx_free(struct rctx *rc)
{
	report_bucket_free(&rc->sec_items, rc->a);
	report_bucket_free(&rc->sec_finds, rc->a);
	report_bucket_free(&rc->item_finds, rc->a);
	report_cfree(rc->a, rc->f_item);
	report_cfree(rc->a, rc->f_group);
}

/* Set first and last on an object pushed as element i of n. */
static struct val *
report_ends(struct val *o, size_t i, size_t n)
{
	val_put_bool(o, "first", i == 0);
	val_put_bool(o, "last", i + 1 == n);
	return o;
}

/* The verdict's percent text ("99.9%"), the same in every view. */
static void
report_percent_text(struct val *o, const struct counts *c)
{
	char t[8];

	verdict_percent_text(t, verdict_permille(c));
	val_put_str(o, "percent_text", t);
}

/* The colour class of a progress bar by threshold, as the badge's:
 * "none" (no items), "p0" < 20 <= "p20" < 50 <= "p50" < 80 <= "p80" <
 * 100 = "p100" (the verdict's percent). */
static const char *
report_tone(const struct counts *c)
{
	int p = verdict_permille(c);

	return p < 0 ? "none" : p >= 1000 ? "p100" : p >= 800 ? "p80" :
	    p >= 500 ? "p50" : p >= 200 ? "p20" : "p0";
}

/* Set key of o to the verdict's percent (one decimal, rounded down). */
static void
report_put_percent(struct val *o, const char *key, unsigned items,
    unsigned checked)
{
	struct counts c = { items, checked, 0 };

	if (items == 0)
		val_put_null(o, key);
	else
		val_put_num(o, key, verdict_percent(verdict_permille(&c)), 1);
}

static void
report_counts(struct val *o, const struct counts *c, int tpl)
{
	val_put_int(o, "items", c->items);
	val_put_int(o, "checked", c->checked);
	val_put_int(o, "na", c->na);
	report_put_percent(o, "percent", c->items, c->checked);
	if (!tpl)
		return;
	val_put_int(o, "open", c->items - c->checked);
	val_put_bool(o, "has_items", c->items + c->na > 0);
	val_put_bool(o, "has_na", c->na > 0);
	val_put_bool(o, "complete", c->items > 0 && c->checked == c->items);
	if (c->items)
		report_put_percent(o, "progress", c->items, c->checked);
	else
		val_put_num(o, "progress", 0, 1);
	report_percent_text(o, c);
	val_put_sref(o, "tone", report_tone(c));
}

/* A lint finding object, as `lint --format json` writes it, into the
 * empty object o. */
static struct val *
report_finding_fill(struct val *o, const struct finding *f, int tpl)
{
	/* Sized at once (val_reserve): a template object gets anchor, src,
	 * first and last too. */
	val_reserve(o, tpl ? 16 : 8);
	val_put_sref(o, "file", f->file);
	val_put_int(o, "line", f->line);
	val_put_int(o, "column", f->col);
	val_put_int(o, "end_line", f->end_line);
	val_put_int(o, "end_column", f->end_col);
	val_put_sref(o, "severity", sev_name(f->sev));
	val_put_sref(o, "rule", f->rule);
	val_put_sref(o, "message", f->message);
	if (tpl) {
		val_put_bool(o, "error", f->sev == SEV_ERROR);
		val_put_bool(o, "warning", f->sev == SEV_WARNING);
		val_put_bool(o, "info", f->sev == SEV_INFO);
	}
	return o;
}

/* report_finding_fill, appended to arr. */
static struct val *
report_finding(struct val *arr, const struct finding *f, int tpl)
{
	return report_finding_fill(val_push_obj(arr), f, tpl);
}

/* An element id into tmp (24 bytes): c and the decimal digits of line,
 * as "%c%d" prints them (snprintf was a tenth of a page's model). */
static void
report_id(char *tmp, char c, int line)
{
	char d[16], *p = d + sizeof(d);
	unsigned u = line < 0 ? 0U - (unsigned)line : (unsigned)line;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (line < 0)
		*--p = '-';
	*tmp++ = c;
	memcpy(tmp, p, (size_t)(d + sizeof(d) - p));
	tmp[d + sizeof(d) - p] = '\0';
}

/* The id of the element a finding of rc sits in: its task item "L<line>",
 * its section "S<line>", or "top". */
static void
report_anchor(struct val *o, const struct rctx *rc, size_t fi)
{
	char tmp[24];
	int it = rc->f_item[fi], g = rc->f_group[fi];

	if (it >= 0)
		report_id(tmp, 'L', rc->cl->items[it].line);
	else if (g > 0)
		report_id(tmp, 'S', rc->cl->sections[g - 1].line);
	else
		memcpy(tmp, "top", 4);
	val_put_str(o, "anchor", tmp);
}

/* "src": the --source-url of line in rc's checklist, with {path} (the
 * checklist's path, percent-encoded but for '/'), {line} and {commit}
 * replaced; nothing without --source-url. */
static void
report_src(struct val *o, const struct rctx *rc, int line)
{
	const char *u = rc->in ? rc->in->source_url : NULL, *p;
	struct buf b = {0};

	if (u == NULL)
		return;
	while (*u != '\0') {
		if (strncmp(u, "{path}", 6) == 0) {
			for (p = rc->cl->file; *p != '\0'; p++) {
				unsigned char c = (unsigned char)*p;
				if ((c >= 'a' && c <= 'z') || (c >= 'A' &&
				    c <= 'Z') || (c >= '0' && c <= '9') ||
				    strchr("-._~/", c) != NULL)
					buf_putc(&b, (char)c);
				else
					buf_printf(&b, "%%%02X", c);
			}
			u += 6;
		} else if (strncmp(u, "{line}", 6) == 0) {
			buf_printf(&b, "%d", line);
			u += 6;
		} else if (strncmp(u, "{commit}", 8) == 0) {
			buf_puts(&b, rc->in->commit ? rc->in->commit : "HEAD");
			u += 8;
		} else
			buf_putc(&b, *u++);
	}
	val_put_str(o, "src", buf_cstr(&b));
	buf_free(&b);
}

/* Finding fi of rc as a template object with anchor, in the empty
 * object o. */
static struct val *
report_finding_fill_at(struct val *o, const struct rctx *rc, size_t fi)
{
	report_finding_fill(o, &rc->fs->v[fi], 1);
	report_anchor(o, rc, fi);
	report_src(o, rc, rc->fs->v[fi].line);
	return o;
}

/* report_finding_fill_at, appended to arr. */
static struct val *
report_finding_at(struct val *arr, const struct rctx *rc, size_t fi)
{
	return report_finding_fill_at(val_push_obj(arr), rc, fi);
}

/* A lazy list of findings of a checklist: the findings idx[0..n) of
 * rc (idx NULL: findings 0..n), each a template object with anchor
 * (report_finding_at), first and last. */
struct report_flist {
	const struct rctx	*rc;
	const size_t		*idx;
	size_t			 n;
};

/* val_gen of a report_flist. */
static struct val *
report_flist_gen(struct arena *a, void *arg, size_t i)
{
	const struct report_flist *fl = arg;

	return report_ends(report_finding_fill_at(a ? val_obj_in(a) :
	    val_obj(), fl->rc, fl->idx ? fl->idx[i] : i), i, fl->n);
}

/* Put the findings idx[0..n) of rc into o as the lazy list name (in
 * arena a, where the page's values of o live; NULL: o is on the heap and
 * the list is built at once). idx must live as long as a. */
static void
report_put_findings(struct val *o, struct arena *a, const struct rctx *rc,
    const char *name, const size_t *idx, size_t n)
{
	struct report_flist fl = { rc, idx, n };

	report_put_lazy(o, a, name, n, report_flist_gen, &fl, sizeof(fl));
}

/* The findings of bucket group g as a list, with has_<name>; without
 * those of severity error if noerr (the page lists them as blockers).
 * a: the arena of o (NULL: the heap). */
static void
report_group_findings(struct val *o, struct arena *a, const struct rctx *rc,
    const struct bucket *b, size_t g, const char *name, const char *has,
    int noerr)
{
	size_t n = b->start[g + 1] - b->start[g], k, m = 0, *idx;

	for (k = 0; k < n; k++)
		m += !noerr || rc->fs->v[b->idx[b->start[g] + k]].sev !=
		    SEV_ERROR;
	if (m == n) {
		report_put_findings(o, a, rc, name, b->idx + b->start[g], n);
	} else {
		idx = report_calloc(a, m, sizeof(*idx));
		for (k = m = 0; k < n; k++) {
			size_t fi = b->idx[b->start[g] + k];
			if (!noerr || rc->fs->v[fi].sev != SEV_ERROR)
				idx[m++] = fi;
		}
		report_put_findings(o, a, rc, name, idx, m);
		report_cfree(a, idx);
	}
	val_put_bool(o, has, m > 0);
}

/* The findings on line from column col up to (not including) end as
 * "findings", with has_findings: findings are sorted by line and column,
 * so a binary search finds the first. */
static void
report_line_findings(struct val *o, const struct rctx *rc, int line,
    int col, int end)
{
	struct val *arr = val_put_arr(o, "findings");
	size_t lo = 0, hi = rc->fs ? rc->fs->n : 0, k, n = 0;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct finding *f = &rc->fs->v[mid];
		if (f->line < line || (f->line == line && f->col < col))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; rc->fs && k < rc->fs->n && rc->fs->v[k].line == line &&
	    rc->fs->v[k].col < end; k++)
		n++;
	val_reserve(arr, n);
	for (k = 0; k < n; k++)
		report_ends(report_finding_at(arr, rc, lo + k), k, n);
	val_put_bool(o, "has_findings", n > 0);
}

static const char *const state_names[ITEM__MAX] = { "open", "done", "na" };
static const char *const state_labels[ITEM__MAX] = { "open", "done", "n/a" };

/* Is item i open and past its due date (today as YYYYMMDD)? */
static int
report_overdue(const struct checklist *cl, size_t i, long today)
{
	return cl->imeta != NULL && cl->items[i].state == ITEM_OPEN &&
	    cl->imeta[i].due != NULL && cl->imeta[i].due_ymd < today;
}

/* Owner, due date and evidence of item i into task object t (null when
 * absent); tpl adds overdue, has_owner, has_due and has_evidence. */
static void
report_item_meta(struct val *t, const struct checklist *cl, size_t i,
    int tpl, long today)
{
	const struct itemmeta *m = cl->imeta ? &cl->imeta[i] : NULL;
	struct val *ev;

	val_put_sref(t, "owner", m ? m->owner : NULL);
	val_put_sref(t, "due", m ? m->due : NULL);
	ev = val_put_arr(t, "evidence");
	for (size_t k = 0; m != NULL && k < m->nevidence; k++)
		val_push_str(ev, m->evidence[k]);
	if (!tpl)
		return;
	val_put_bool(t, "overdue", report_overdue(cl, i, today));
	val_put_bool(t, "has_owner", m && m->owner);
	val_put_bool(t, "has_due", m && m->due);
	val_put_bool(t, "has_evidence", m && m->nevidence);
}

/* A lazy list of task items of checklist cl: the items idx[0..n) (idx
 * NULL: items 0..n), with rc (NULL for the plain status) and today. */
struct report_ilist {
	const struct rctx	*rc;
	const struct checklist	*cl;
	const size_t		*idx;
	size_t			 n;
	long			 today;
};

/* val_gen of "tasks" of status JSON and report.json: item i. */
static struct val *
report_task_list_gen(struct arena *a, void *arg, size_t i)
{
	const struct report_ilist *il = arg;
	const struct checklist *cl = il->cl;
	const struct item *it = &cl->items[i];
	struct val *t = a ? val_obj_in(a) : val_obj();

	val_reserve(t, 8);
	val_put_sref(t, "text", it->text);
	val_put_int(t, "line", it->line);
	val_put_int(t, "column", it->col);
	val_put_sref(t, "state", it->state == ITEM_OPEN ? "open" :
	    it->state == ITEM_DONE ? "done" : "na");
	val_put_sref(t, "section", it->section >= 0 ?
	    cl->sections[it->section].title : NULL);
	report_item_meta(t, cl, i, 0, il->today);
	return t;
}

/* Every task item in source order as key (the pinned "tasks" of status
 * JSON and report.json): text, line, column, state, section, owner, due,
 * evidence. Lazy in arena a (NULL: o is on the heap). */
static void
report_task_list(struct val *o, struct arena *a, const char *key,
    const struct checklist *cl)
{
	struct report_ilist il = { NULL, cl, NULL, cl->nitems, when_today() };

	report_put_lazy(o, a, key, il.n, report_task_list_gen, &il,
	    sizeof(il));
}

/* The waivers of cl as "waivers" ({rule, line, lines: [first, last],
 * until, reason, expired, problem}), the number of overdue items as
 * "overdue", of expired waivers as "expired_waivers", and for templates
 * has_waivers, first, last_line and one_line on each waiver, and the
 * overdue items as "overdue_tasks". */
static void
report_meta(struct val *o, const struct checklist *cl)
{
	long today = when_today();
	struct val *arr = val_put_arr(o, "waivers"), *w, *lines;
	size_t i, n = 0, expired = 0;

	for (i = 0; i < cl->nwaivers; i++) {
		const struct waiver *wv = &cl->waivers[i];
		int ex = wv->problem == NULL && wv->until_ymd < today;
		w = val_push_obj(arr);
		val_put_str(w, "rule", wv->rules);
		val_put_int(w, "line", wv->line);
		lines = val_put_arr(w, "lines");
		val_push_int(lines, wv->first);
		val_push_int(lines, wv->last);
		val_put_int(w, "first", wv->first);
		val_put_int(w, "last_line", wv->last);
		val_put_bool(w, "one_line", wv->first == wv->last);
		val_put_str(w, "until", wv->until);
		val_put_str(w, "reason", wv->reason);
		val_put_bool(w, "expired", ex);
		val_put_str(w, "problem", wv->problem);
		report_ends(w, i, cl->nwaivers);
		expired += ex;
	}
	val_put_bool(o, "has_waivers", cl->nwaivers > 0);
	val_put_int(o, "expired_waivers", (long long)expired);
	val_put_bool(o, "has_expired_waivers", expired > 0);
	arr = val_put_arr(o, "overdue_tasks");
	for (i = 0; i < cl->nitems; i++) {
		if (!report_overdue(cl, i, today))
			continue;
		w = val_push_obj(arr);
		val_put_str(w, "text", cl->items[i].text);
		val_put_int(w, "line", cl->items[i].line);
		val_put_str(w, "owner", cl->imeta[i].owner);
		val_put_str(w, "due", cl->imeta[i].due);
		n++;
	}
	val_put_int(o, "overdue", (long long)n);
	val_put_bool(o, "has_overdue", n > 0);
}

/* The opening or (close) closing tag of span sp; "" for a link whose URL
 * the page must not link to. */
static void
report_span_tag(struct buf *b, const struct span *sp, int close)
{
	/* Each tag whole, appended at once (a link's opening tag up to
	 * its URL). */
	static const struct slice tags[2][SPAN__MAX] = {
		{ [SPAN_CODE] = { "<code>", 6 }, [SPAN_EMPH] = { "<em>", 4 },
		  [SPAN_STRONG] = { "<strong>", 8 },
		  [SPAN_LINK] = { "<a href=\"", 9 } },
		{ [SPAN_CODE] = { "</code>", 7 }, [SPAN_EMPH] = { "</em>", 5 },
		  [SPAN_STRONG] = { "</strong>", 9 },
		  [SPAN_LINK] = { "</a>", 4 } },
	};
	const struct slice *t = &tags[close != 0][sp->kind];

	if (sp->kind == SPAN_LINK && (sp->url == NULL ||
	    !esc_url_allowed(sp->url, strlen(sp->url))))
		return;
	buf_append(b, t->p, t->n);
	if (!close && sp->kind == SPAN_LINK) {
		esc_href(b, sp->url, strlen(sp->url));
		buf_append(b, "\">", 2);
	}
}

/* Spans nest and come in start order, each knowing its parent: before a
 * span opens, every open one that is not its parent closes (at its end),
 * so even empty spans ([](url), `` ` ` ``) nest right. */
void
report_item_html(struct buf *b, const struct checklist *cl,
    const struct item *it)
{
	const char *t = it->text;
	size_t len = strlen(t), pos = 0, depth = 0, k;
	int few[16];	/* most items have a few spans: no allocation */
	int *open = it->nspan > 16 ? xmalloc(it->nspan * sizeof(*open)) :
	    few;

	for (k = 0; k <= it->nspan; k++) {
		const struct span *sp = k < it->nspan ?
		    &cl->spans[it->span0 + k] : NULL;
		while (depth > 0 && (sp == NULL ||
		    open[depth - 1] != sp->parent)) {
			const struct span *o = &cl->spans[open[--depth]];
			size_t end = o->end < len ? o->end : len;
			if (end > pos) {
				esc_html(b, t + pos, end - pos);
				pos = end;
			}
			report_span_tag(b, o, 1);
		}
		if (sp == NULL)
			break;
		if (sp->start > pos && sp->start <= len) {
			esc_html(b, t + pos, sp->start - pos);
			pos = sp->start;
		}
		report_span_tag(b, sp, 0);
		open[depth++] = (int)(it->span0 + k);
	}
	if (pos < len)
		esc_html(b, t + pos, len - pos);
	if (open != few)
		free(open);
}

/* val_gen of the template "tasks": task item idx[i] of a report_ilist
 * with its findings. */
static struct val *
report_task_gen(struct arena *a, void *arg, size_t k)
{
	const struct report_ilist *il = arg;
	const struct rctx *rc = il->rc;
	size_t ii = il->idx[k];
	const struct item *it = &rc->cl->items[ii];
	struct val *t = a ? val_obj_in(a) : val_obj();
	struct buf h = {0};
	size_t len;

	val_reserve(t, 24);	/* its members, at once */
	val_put_sref(t, "state", state_names[it->state]);
	val_put_sref(t, "state_label", state_labels[it->state]);
	val_put_sref(t, "text", it->text);
	len = strlen(it->text);
	if (it->nspan == 0 && esc_html_plain(it->text, len) == len)
		/* its html is its text */
		val_put_sref(t, "html", it->text);
	else {
		report_item_html(&h, rc->cl, it);
		val_put_str(t, "html", buf_cstr(&h));
		buf_free(&h);
	}
	val_put_int(t, "line", it->line);
	val_put_int(t, "column", it->col);
	val_put_int(t, "depth", it->depth);
	val_put_bool(t, "nested", it->depth > 0);
	report_src(t, rc, it->line);
	val_put_bool(t, "done", it->state == ITEM_DONE);
	val_put_bool(t, "open", it->state == ITEM_OPEN);
	val_put_bool(t, "na", it->state == ITEM_NA);
	report_item_meta(t, rc->cl, ii, 1, rc->today);
	report_group_findings(t, a, rc, &rc->item_finds, ii, "findings",
	    "has_findings", 0);
	return report_ends(t, k, il->n);
}

/* The task items of bucket group g as "tasks", with has_tasks; built
 * as they are read (a: the arena of o, NULL: the heap). */
static void
report_tasks(struct val *o, struct arena *a, const struct rctx *rc, size_t g)
{
	const struct bucket *b = &rc->sec_items;
	struct report_ilist il = { rc, rc->cl, b->idx + b->start[g],
	    b->start[g + 1] - b->start[g], rc->today };

	report_put_lazy(o, a, "tasks", il.n, report_task_gen, &il, sizeof(il));
	val_put_bool(o, "has_tasks", il.n > 0);
}

/* The number of findings of rc on lines first..last. */
static size_t
report_findings_in(const struct rctx *rc, int first, int last)
{
	size_t lo = 0, hi = rc->fs ? rc->fs->n : 0, k;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (rc->fs->v[mid].line < first)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; rc->fs && k < rc->fs->n && rc->fs->v[k].line <= last;
	    k++)
		;
	return k - lo;
}

/* A section folds (<details> closed) when it is finished or holds no
 * task item at all (prose): fold, done, prose, subtree_findings. */
static void
report_fold(struct val *o, const struct rctx *rc, const struct section *s)
{
	int prose = s->total.items + s->total.na == 0;
	int done = s->total.items > 0 && s->total.checked == s->total.items;
	size_t nf = report_findings_in(rc, s->line, s->end_line > s->line ?
	    s->end_line : s->line);

	val_put_bool(o, "fold", prose || done);
	val_put_bool(o, "done", done);
	val_put_bool(o, "prose", prose);
	val_put_int(o, "subtree_findings", (long long)nf);
	val_put_bool(o, "has_subtree_findings", nf > 0);
}

/* A lazy list of sections of cl: sections idx[0..n), depth levels
 * below the top (rc NULL for the plain status). */
struct report_slist {
	const struct checklist	*cl;
	const struct rctx	*rc;
	const int		*idx;
	size_t			 n;
	int			 depth;
};

static void report_put_sections(struct val *, struct arena *,
    const struct report_slist *);

/* val_gen of "sections": section idx[k] of a report_slist with its
 * subsections (a lazy list again, down to 8 levels). A section is first
 * unless the one before it in the list is its previous sibling (the top
 * level joins the title's subsections, which are siblings, and the
 * roots, which are not), and last when it has no next sibling. */
static struct val *
report_section_gen(struct arena *a, void *arg, size_t k)
{
	const struct report_slist *sl = arg;
	const struct checklist *cl = sl->cl;
	const struct rctx *rc = sl->rc;
	int i = sl->idx[k], c, hl = sl->depth + 2;
	const struct section *s = &cl->sections[i];
	struct val *o = a ? val_obj_in(a) : val_obj();
	struct report_slist kids = { cl, rc, NULL, 0, sl->depth + 1 };
	int *idx;

	val_reserve(o, rc != NULL ? 32 : 8);	/* its members, at once */
	val_put_sref(o, "title", s->title);
	val_put_int(o, "level", s->level);
	val_put_int(o, "line", s->line);
	report_counts(o, &s->total, rc != NULL);
	for (c = s->first_child; c >= 0 && kids.depth < 8;
	    c = cl->sections[c].next_sibling)
		kids.n++;
	kids.idx = idx = report_calloc(a, kids.n, sizeof(*idx));
	for (c = s->first_child; kids.n > 0 && c >= 0;
	    c = cl->sections[c].next_sibling)
		*idx++ = c;
	report_put_sections(o, a, &kids);
	report_cfree(a, (void *)(uintptr_t)kids.idx);
	if (rc == NULL)
		return o;
	val_put_int(o, "hlevel", hl > 6 ? 6 : hl);
	report_tasks(o, a, rc, (size_t)i + 1);
	report_group_findings(o, a, rc, &rc->sec_finds, (size_t)i + 1,
	    "findings_here", "has_findings_here", 0);
	report_fold(o, rc, s);
	val_put_sref(o, "bar_name", s->title);
	val_put_bool(o, "first", k == 0 ||
	    cl->sections[sl->idx[k - 1]].next_sibling != i);
	val_put_bool(o, "last", s->next_sibling < 0);
	return o;
}

/* sl as "sections" of o: built as it is read in arena a (NULL: at once,
 * on the heap). sl->idx must live as long as a. */
static void
report_put_sections(struct val *o, struct arena *a,
    const struct report_slist *sl)
{
	report_put_lazy(o, a, "sections", sl->n, report_section_gen, sl,
	    sizeof(*sl));
}

/* The approvals (approvals.c), the verdict's sign-off and the items
 * after release: "approvals" [{role, name, date, decision, line, column,
 * signed}], "signoff" {state, signed, required} and "after_release"
 * {items, checked}. tpl adds to signoff label, signed_n (= signed),
 * has_entries and the older filled/total; to each approval na, optional,
 * first and last; and has_approvals. */
static void
report_signoff(struct val *o, const struct checklist *cl,
    const struct verdict_signoff *so, int tpl)
{
	struct val *arr = val_put_arr(o, "approvals"), *s;

	for (size_t i = 0; i < cl->napprovals; i++) {
		const struct approval *a = &cl->approvals[i];
		struct val *ao = val_push_obj(arr);

		val_put_str(ao, "role", a->role);
		val_put_str(ao, "name", approvals_name_filled(a->name) ?
		    a->name : NULL);
		val_put_str(ao, "date", approvals_blank(a->date) ||
		    approvals_placeholder(a->date) ? NULL : a->date);
		val_put_str(ao, "decision", a->decision != NULL ? a->decision :
		    a->signature);
		val_put_int(ao, "line", a->line);
		val_put_int(ao, "column", a->col);
		val_put_bool(ao, "signed", a->is_signed);
		if (!tpl)
			continue;
		val_put_bool(ao, "na", a->na);
		val_put_bool(ao, "optional", a->optional);
		report_ends(ao, i, cl->napprovals);
	}
	s = val_put_obj(o, "signoff");
	val_put_str(s, "state", verdict_signoff_names[so->state]);
	val_put_int(s, "signed", so->signed_n);
	val_put_int(s, "required", so->required);
	if (tpl) {
		val_put_str(s, "label", verdict_signoff_labels[so->state]);
		val_put_int(s, "signed_n", so->signed_n);
		val_put_bool(s, "has_entries", so->required > 0);
		val_put_int(s, "filled", so->signed_n);
		val_put_int(s, "total", so->required);
	}
	s = val_put_obj(o, "after_release");
	val_put_int(s, "items", cl->after_release.items);
	val_put_int(s, "checked", cl->after_release.checked);
	if (tpl)
		val_put_bool(o, "has_approvals", cl->napprovals > 0);
}

/* val_gen of "fields": field i of the report_slist's checklist, with
 * the template extras when it has rc. */
static struct val *
report_field_gen(struct arena *a, void *arg, size_t i)
{
	const struct report_slist *sl = arg;
	const struct checklist *cl = sl->cl;
	const struct field *f = &cl->fields[i];
	struct val *fo = a ? val_obj_in(a) : val_obj();

	val_put_sref(fo, "label", f->label);
	val_put_sref(fo, "value", f->value);
	val_put_bool(fo, "filled", f->filled);
	val_put_int(fo, "line", f->line);
	val_put_int(fo, "column", f->col);
	if (sl->rc != NULL) {
		val_put_bool(fo, "blank", !f->filled);
		/* A field runs to the next field on its line. */
		int end = i + 1 < cl->nfields &&
		    cl->fields[i + 1].line == f->line ?
		    cl->fields[i + 1].col : INT_MAX;
		report_line_findings(fo, sl->rc, f->line, f->col, end);
		report_ends(fo, i, cl->nfields);
	}
	return fo;
}

/* The status object, in o; with rc, the template extras of sections and
 * fields too. */
static struct val *
report_status_x(struct val *o, const struct checklist *cl,
    const struct rctx *rc, const struct verdict *v)
{
	struct arena *a = rc != NULL ? rc->a : NULL;
	struct report_slist top = { cl, rc, NULL, 0, 0 };
	struct val *m;
	int *idx;
	size_t i;

	val_put_str(o, "file", cl->file);
	val_put_str(o, "title", cl->title);
	m = val_put_obj(o, "metadata");
	for (i = 0; i < cl->nmeta; i++)
		val_put_strk(m, cl->meta[i].key, cl->meta[i].value);
	report_counts(o, &cl->total, rc != NULL);
	/* Top level: the sections without a parent, where the one H1 that
	 * gave the title is replaced by its subsections. */
	top.idx = idx = report_calloc(a, cl->nsections, sizeof(*idx));
	for (i = 0; i < cl->nsections; i++) {
		const struct section *s = &cl->sections[i];
		int c;
		if (s->parent >= 0)
			continue;
		if ((int)i != cl->title_section) {
			idx[top.n++] = (int)i;
			continue;
		}
		for (c = s->first_child; c >= 0;
		    c = cl->sections[c].next_sibling)
			idx[top.n++] = c;
	}
	report_put_sections(o, a, &top);
	report_cfree(a, idx);
	top.n = cl->nfields;
	report_put_lazy(o, a, "fields", top.n, report_field_gen, &top,
	    sizeof(top));
	report_signoff(o, cl, &v->signoff, rc != NULL);
	/* The templates' "tasks" are a section's own: all of them go into
	 * report.json's "tasks" from "all_tasks". */
	report_task_list(o, rc != NULL ? rc->a : NULL, rc != NULL ?
	    "all_tasks" : "tasks", cl);
	return o;
}

struct val *
report_status(const struct checklist *cl)
{
	struct verdict v;
	struct val *o;

	verdict_make(&v, cl, NULL, SEV_ERROR);
	o = report_status_x(val_obj(), cl, NULL, &v);
	verdict_free(&v);
	return o;
}


/* What the index and the pages split warnings into, by rule kind. */
enum report_kind {
	RKIND_PLACEHOLDER, RKIND_FIELD, RKIND_STRUCTURE, RKIND_ENCODING,
	RKIND_OTHER, RKIND__MAX
};
static const char *const report_kind_names[RKIND__MAX] = {
	"placeholders", "blank-fields", "structure", "encoding", "other"
};
static const char *const report_kind_labels[RKIND__MAX] = {
	"placeholders", "blank fields", "structure", "encoding", "other"
};

/* The kind of rule id in rs (NULL: the id is taken as the kind, which
 * it is for the shipped sets). */
static enum report_kind
report_kind(const struct rules *rs, const char *rule)
{
	static const struct { const char *kind; enum report_kind k; } map[] = {
		{ "placeholder", RKIND_PLACEHOLDER },
		{ "fields", RKIND_FIELD }, { "signoff", RKIND_FIELD },
		{ "mojibake", RKIND_ENCODING },
		{ "invalid-utf8", RKIND_ENCODING },
		{ "required-sections", RKIND_STRUCTURE },
		{ "malformed-task", RKIND_STRUCTURE },
		{ "duplicate-item", RKIND_STRUCTURE },
		{ "empty-section", RKIND_STRUCTURE },
		{ "inconsistent-check", RKIND_STRUCTURE },
		/* The shipped sets' rule ids whose kind differs, for
		 * findings read back from report.json (no rule set). */
		{ "unfilled-field", RKIND_FIELD },
		{ "missing-section", RKIND_STRUCTURE },
	};
	const char *kind = rule;
	size_t i, n = rs ? rules_count(rs) : 0;

	/* A finding's rule is its rule's own id, as a rule: by pointer
	 * first, by name only if that fails (findings read back). */
	for (i = 0; i < n && rules_at(rs, i)->id != rule; i++)
		;
	for (i = i < n ? i : 0; i < n; i++) {
		const struct rule_info *ri = rules_at(rs, i);
		if (ri->id == rule || strcmp(ri->id, rule) == 0) {
			kind = ri->kind;
			break;
		}
	}
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].kind, kind) == 0)
			return map[i].k;
	return RKIND_OTHER;
}

int
report_kind_of(const struct rules *rs, const char *rule)
{
	return (int)report_kind(rs, rule);
}

void
report_put_counts(struct val *o, const struct counts *c)
{
	report_counts(o, c, 1);
}

/* Warnings and infos of in by kind into kinds[RKIND__MAX]. */
static void
report_kind_tally(const struct report_input *in, unsigned *kinds)
{
	size_t i, n = in->fs ? in->fs->n : 0;

	for (i = 0; i < n; i++)
		if (in->fs->v[i].sev != SEV_ERROR)
			kinds[report_kind(in->rules, in->fs->v[i].rule)]++;
}

/* "kinds": the non-zero kinds of kinds[] as [{kind, label, count}], with
 * has_kinds. */
static void
report_kind_list(struct val *o, const unsigned *kinds)
{
	struct val *arr = val_put_arr(o, "kinds");

	for (int k = 0; k < RKIND__MAX; k++) {
		if (kinds[k] == 0)
			continue;
		struct val *e = val_push_obj(arr);
		val_put_str(e, "kind", report_kind_names[k]);
		val_put_str(e, "label", report_kind_labels[k]);
		val_put_int(e, "count", kinds[k]);
	}
	val_put_bool(o, "has_kinds", val_len(arr) > 0);
}

/* A finding with its index, sorted to group identical ones. */
struct report_fref {
	const struct finding	*f;
	size_t			 i;
};

/* Order for grouping: rule, message, then position. */
static int
report_fref_cmp(const void *a, const void *b)
{
	const struct report_fref *x = a, *y = b;
	int c = x->f->rule == y->f->rule ? 0 : strcmp(x->f->rule, y->f->rule);

	if (c == 0 && x->f->message != y->f->message)
		c = strcmp(x->f->message, y->f->message);
	if (c == 0)
		c = x->i < y->i ? -1 : x->i > y->i;
	return c;
}

/* A run of identical findings (same rule and message), or of one rule. */
struct report_fgroup {
	const struct report_fref	*first;
	size_t				 n;
};

/* Order of groups: most severe, then largest, then first in the file
 * (the first member of a run is its earliest finding). */
static int
report_fgroup_cmp(const void *a, const void *b)
{
	const struct report_fgroup *x = a, *y = b;

	if (x->first->f->sev != y->first->f->sev)
		return x->first->f->sev > y->first->f->sev ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->first->i < y->first->i ? -1 : x->first->i > y->first->i;
}

/* Runs of refs[0..n) equal in rule (and message, if msg) into g; their
 * number. */
static size_t
report_runs(const struct report_fref *refs, size_t n, int msg,
    struct report_fgroup *g)
{
	size_t i, j, ng = 0;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && (refs[j].f->rule == refs[i].f->rule ||
		    strcmp(refs[j].f->rule, refs[i].f->rule) == 0) && (!msg ||
		    strcmp(refs[j].f->message, refs[i].f->message) == 0); j++)
			;
		g[ng].first = &refs[i];
		g[ng++].n = j - i;
	}
	return ng;
}

/* A lazy list of finding groups, or of the places of one group: g[0..n)
 * of rc. */
struct report_glist {
	const struct rctx		*rc;
	const struct report_fgroup	*g;
	size_t				 n;
};

/* val_gen of "places": member j of the group g[0] of a report_glist. */
static struct val *
report_place_gen(struct arena *a, void *arg, size_t j)
{
	const struct report_glist *gl = arg;
	const struct report_fref *r = &gl->g->first[j];
	struct val *p = a ? val_obj_in(a) : val_obj();

	val_reserve(p, 4);	/* line, anchor, first, last */
	val_put_int(p, "line", r->f->line);
	report_anchor(p, gl->rc, r->i);
	return report_ends(p, j, gl->g->n);
}

/* val_gen of "finding_groups": group i of a report_glist. */
static struct val *
report_group_gen(struct arena *a, void *arg, size_t i)
{
	const struct report_glist *gl = arg;
	const struct report_fgroup *g = &gl->g[i];
	const struct finding *f = g->first->f;
	struct val *e = a ? val_obj_in(a) : val_obj();
	struct report_glist pl = { gl->rc, g, g->n > 1 ? g->n : 0 };

	val_put_sref(e, "rule", f->rule);
	val_put_sref(e, "severity", sev_name(f->sev));
	val_put_sref(e, "message", f->message);
	report_anchor(e, gl->rc, g->first->i);
	val_put_int(e, "line", f->line);
	val_put_int(e, "count", (long long)g->n);
	val_put_bool(e, "multi", g->n > 1);
	report_put_lazy(e, a, "places", pl.n, report_place_gen, &pl,
	    sizeof(pl));
	return e;
}

/* Identical findings of rc once each: "finding_groups": [{rule,
 * severity, message, anchor and line (of the first), count, multi,
 * places: [{line, anchor}] when more than one}], most severe and
 * largest first; "rule_groups": [{rule, severity, count, multi}] per
 * rule of the findings below error (errors are the blockers, listed by
 * themselves). The groups are built as they are read, from arrays in
 * arena a (NULL: at once). */
static void
report_groups(struct val *o, struct arena *a, const struct rctx *rc)
{
	size_t nf = rc->fs ? rc->fs->n : 0, i, j, ng;
	struct report_fref *refs = report_calloc(a, nf + 1, sizeof(*refs));
	struct report_fgroup *g = report_calloc(a, nf + 1, sizeof(*g));
	struct val *rg;
	struct report_glist gl;

	for (i = 0; i < nf; i++) {
		refs[i].f = &rc->fs->v[i];
		refs[i].i = i;
	}
	qsort(refs, nf, sizeof(*refs), report_fref_cmp);
	ng = report_runs(refs, nf, 1, g);
	qsort(g, ng, sizeof(*g), report_fgroup_cmp);
	gl.rc = rc;
	gl.g = g;
	gl.n = ng;
	report_put_lazy(o, a, "finding_groups", gl.n, report_group_gen, &gl,
	    sizeof(gl));
	rg = val_put_arr(o, "rule_groups");
	val_put_bool(o, "has_finding_groups", ng > 0);
	for (j = 0; j < ng && g[j].n < 2; j++)
		;
	val_put_bool(o, "has_repeated", j < ng);
	/* refs is still in rule order: runs of one rule (in an array of
	 * their own: the finding groups keep g). */
	report_cfree(a, g);
	g = xcalloc(nf + 1, sizeof(*g));
	ng = report_runs(refs, nf, 0, g);
	qsort(g, ng, sizeof(*g), report_fgroup_cmp);
	for (i = 0; i < ng; i++) {
		const struct finding *f = g[i].first->f;
		if (f->sev == SEV_ERROR)
			continue;
		struct val *e = val_push_obj(rg);
		val_put_sref(e, "rule", f->rule);
		val_put_sref(e, "severity", sev_name(f->sev));
		val_put_int(e, "count", (long long)g[i].n);
		val_put_bool(e, "multi", g[i].n > 1);
	}
	val_put_bool(o, "has_rule_groups", val_len(rg) > 0);
	report_cfree(a, refs);
	free(g);
}

/* val_gen of "task_items": item i. */
static struct val *
report_task_item_gen(struct arena *a, void *arg, size_t i)
{
	const struct report_ilist *il = arg;
	const struct item *it = &il->cl->items[i];
	struct val *t = a ? val_obj_in(a) : val_obj();

	val_reserve(t, 3);
	val_put_sref(t, "text", it->text);
	val_put_sref(t, "state", state_names[it->state]);
	val_put_int(t, "line", it->line);
	return t;
}

/* "task_items": every task item of cl in document order, {text, state,
 * line}: what --baseline compares. Lazy in arena a (NULL: the heap). */
static void
report_task_items(struct val *o, struct arena *a, const struct checklist *cl)
{
	struct report_ilist il = { NULL, cl, NULL, cl->nitems, 0 };

	report_put_lazy(o, a, "task_items", il.n, report_task_item_gen, &il,
	    sizeof(il));
}

#define REPORT_LEFT_MAX	12	/* open items listed a section */

/* val_gen of "left": the open items of group idx[k] of a report_slist
 * (0: top, else section g - 1). */
static struct val *
report_left_gen(struct arena *a, void *arg, size_t k)
{
	const struct report_slist *sl = arg;
	const struct checklist *cl = sl->cl;
	const struct bucket *b = &sl->rc->sec_items;
	size_t g = (size_t)sl->idx[k], j;
	struct val *e = a ? val_obj_in(a) : val_obj(), *tasks;
	unsigned open = 0;
	char tmp[24];

	val_reserve(e, 16);	/* its members, at once */
	if (g == 0) {
		val_put_sref(e, "title", "Top");
		val_put_sref(e, "anchor", "top");
	} else {
		val_put_sref(e, "title", cl->sections[g - 1].title);
		report_id(tmp, 'S', cl->sections[g - 1].line);
		val_put_str(e, "anchor", tmp);
	}
	tasks = val_put_arr(e, "tasks");
	for (j = b->start[g]; j < b->start[g + 1]; j++) {
		const struct item *it = &cl->items[b->idx[j]];
		if (it->state != ITEM_OPEN || open++ >= REPORT_LEFT_MAX)
			continue;
		struct val *t = val_push_obj(tasks);
		val_put_int(t, "line", it->line);
		val_put_sref(t, "text", it->text);
	}
	val_put_int(e, "open", open);
	val_put_bool(e, "all_open", open == b->start[g + 1] - b->start[g]);
	val_put_int(e, "more", open > REPORT_LEFT_MAX ?
	    open - REPORT_LEFT_MAX : 0);
	val_put_bool(e, "has_more", open > REPORT_LEFT_MAX);
	return e;
}

/* "left": the open task items of rc by section, in document order:
 * [{title, anchor, open, all_open (no item of it is done or n/a),
 * tasks: [{line, text}] (the first REPORT_LEFT_MAX), more, has_more}],
 * with has_left. Group 0 (before any
 * section, or under the title) is titled "Top". Built as it is read, in
 * arena a (NULL: at once). */
static void
report_left(struct val *o, struct arena *a, const struct rctx *rc)
{
	const struct bucket *b = &rc->sec_items;
	const struct checklist *cl = rc->cl;
	struct report_slist sl = { cl, rc, NULL, 0, 0 };
	int *idx = report_calloc(a, cl->nsections + 1, sizeof(*idx));
	size_t g, k;

	for (g = 0; g < cl->nsections + 1; g++) {
		for (k = b->start[g]; k < b->start[g + 1] &&
		    cl->items[b->idx[k]].state != ITEM_OPEN; k++)
			;
		if (k < b->start[g + 1])
			idx[sl.n++] = (int)g;
	}
	sl.idx = idx;
	report_put_lazy(o, a, "left", sl.n, report_left_gen, &sl, sizeof(sl));
	report_cfree(a, idx);
	val_put_bool(o, "has_left", sl.n > 0);
}

/* val_gen of "section_rows": section idx[k] of a report_slist. */
static struct val *
report_row_gen(struct arena *a, void *arg, size_t k)
{
	const struct report_slist *sl = arg;
	const struct checklist *cl = sl->cl;
	const struct section *s = &cl->sections[sl->idx[k]];
	struct val *r = a ? val_obj_in(a) : val_obj();
	int depth = 0, p;

	for (p = s->parent; p >= 0; p = cl->sections[p].parent)
		if (p != cl->title_section)
			depth++;
	val_reserve(r, 24);	/* its members, at once */
	val_put_sref(r, "title", s->title);
	val_put_int(r, "line", s->line);
	val_put_int(r, "indent", depth);
	val_put_bool(r, "nested", depth > 0);
	report_counts(r, &s->total, 1);
	val_put_sref(r, "bar_name", s->title);
	return r;
}

/* "section_rows": every section with task items (in its subtree), flat
 * and in document order, for the summary table: {title, line, indent
 * (0 for the top level), items, checked, na, open, percent_text,
 * progress, tone, complete, bar_name}; has_section_rows. Built as it is
 * read, in arena a (NULL: at once). */
static void
report_section_rows(struct val *o, struct arena *a, const struct checklist *cl)
{
	struct report_slist sl = { cl, NULL, NULL, 0, 0 };
	int *idx = report_calloc(a, cl->nsections, sizeof(*idx));
	size_t i;

	for (i = 0; i < cl->nsections; i++) {
		const struct section *s = &cl->sections[i];
		if ((int)i != cl->title_section && s->total.items +
		    s->total.na > 0)
			idx[sl.n++] = (int)i;
	}
	sl.idx = idx;
	report_put_lazy(o, a, "section_rows", sl.n, report_row_gen, &sl,
	    sizeof(sl));
	report_cfree(a, idx);
	val_put_bool(o, "has_section_rows", sl.n > 0);
}

/* "lang": the language of the checklist's text from front matter (lang
 * or language), when it looks like a BCP 47 tag; else "en". */
static void
report_lang(struct val *o, const struct checklist *cl)
{
	const char *lang = "en";

	for (size_t i = 0; i < cl->nmeta; i++) {
		const char *k = cl->meta[i].key, *v = cl->meta[i].value;
		size_t n = v ? strlen(v) : 0, j;
		if (strcmp(k, "lang") != 0 && strcmp(k, "language") != 0)
			continue;
		for (j = 0; j < n; j++)
			if (!((v[j] >= 'a' && v[j] <= 'z') || (v[j] >= 'A' &&
			    v[j] <= 'Z') || (v[j] >= '0' && v[j] <= '9') ||
			    (v[j] == '-' && j > 0)))
				break;
		if (n >= 2 && n <= 35 && j == n &&
		    ((v[0] >= 'a' && v[0] <= 'z') || (v[0] >= 'A' &&
		    v[0] <= 'Z'))) {
			lang = v;
			break;
		}
	}
	val_put_str(o, "lang", lang);
}

/* "ruleset_name": the set that decided, as rules_name() names it (a
 * checklists: entry by its extends, front matter's or -r's set by its
 * name or file), each shipped set of the ", "-joined list by its name
 * ("deployment" for "shipped/deployment.yml" or "shipped/deployment");
 * "ruleset_from": where it was chosen (rules_file()) when that is not the
 * name (a checklists: entry), and has_ruleset_from. */
static void
report_ruleset_name(struct val *o, const struct rules *rs)
{
	const char *name, *p, *e;
	struct buf b = {0};

	if (rs == NULL)
		return;		/* no set: no name (has_ruleset is false) */
	name = p = rules_name(rs);

	while (*p != '\0') {
		const char *q = p;
		size_t n;

		e = strstr(p, ", ");
		n = e ? (size_t)(e - p) : strlen(p);
		p = e ? e + 2 : p + n;
		if (b.len)
			buf_puts(&b, ", ");
		if (n > 8 && strncmp(q, "shipped/", 8) == 0) {
			q += 8;
			n -= 8;
			if (n > 4 && strncmp(q + n - 4, ".yml", 4) == 0)
				n -= 4;
		}
		buf_put(&b, q, n);
	}
	val_put_str(o, "ruleset_name", buf_cstr(&b));
	val_put_str(o, "ruleset_from", name != rules_file(rs) ?
	    rules_file(rs) : "");
	val_put_bool(o, "has_ruleset_from", name != rules_file(rs));
	buf_free(&b);
}

int
report_rank(const struct report_input *in)
{
	struct verdict v;
	int r;

	verdict_make(&v, in->cl, in->fs, SEV_ERROR);
	r = VSTATE_BLOCKED - (int)v.state;	/* most urgent first */
	verdict_free(&v);
	return r;
}

struct val *
report_checklist_in(struct arena *a, const struct report_input *in)
{
	const struct checklist *cl = in->cl;
	size_t nf = in->fs ? in->fs->n : 0, i, *idx;
	struct verdict v;
	struct rctx rc0, *rcp = &rc0;
	struct val *o = a ? val_obj_in(a) : val_obj(), *arr;

	/* In an arena the long lists are lazy (val_put_lazy): what they
	 * are built from lives as long as the arena. */
	if (a != NULL) {
		struct report_input *inc = arena_alloc(a, sizeof(*inc));
		*inc = *in;
		in = inc;
		rcp = arena_alloc(a, sizeof(*rcp));
	}
	memset(rcp, 0, sizeof(*rcp));
	struct rctx *rc = rcp;
	verdict_make(&v, cl, in->fs, SEV_ERROR);
	report_rctx_init(rc, a, cl, in->fs);
	rc->in = in;
	report_status_x(o, cl, rc, &v);
	report_put_findings(o, a, rc, "findings", NULL, nf);
	val_put_str(o, "page", in->page);
	val_put_int(o, "errors", v.tally[SEV_ERROR]);
	val_put_int(o, "warnings", v.tally[SEV_WARNING]);
	val_put_int(o, "infos", v.tally[SEV_INFO]);
	val_put_int(o, "findings_count", (long long)nf);
	val_put_bool(o, "has_findings", nf > 0);
	idx = report_calloc(a, v.nblockers, sizeof(*idx));
	if (v.nblockers > 0)
		memcpy(idx, v.blockers, v.nblockers * sizeof(*idx));
	report_put_findings(o, a, rc, "blockers", idx, v.nblockers);
	report_cfree(a, idx);
	arr = val_put_arr(o, "blockers_top");
	for (i = 0; i < v.nblockers && i < 2; i++)
		report_finding_at(arr, rc, v.blockers[i]);
	val_put_bool(o, "blocked", v.state == VSTATE_BLOCKED);
	val_put_bool(o, "is_complete", v.state == VSTATE_COMPLETE);
	val_put_bool(o, "is_progress", v.state == VSTATE_PROGRESS);
	val_put_bool(o, "is_empty", v.state == VSTATE_EMPTY);
	val_put_str(o, "state", verdict_state_names[v.state]);
	val_put_str(o, "state_label", verdict_state_labels[v.state]);
	report_meta(o, cl);
	val_put_int(o, "more_blockers", v.nblockers > 2 ?
	    (long long)v.nblockers - 2 : 0);
	val_put_bool(o, "has_more_blockers", v.nblockers > 2);
	val_put_str(o, "ruleset", in->rules ? rules_file(in->rules) : "");
	report_ruleset_name(o, in->rules);
	val_put_bool(o, "has_ruleset", in->rules != NULL);
	{
		unsigned kinds[RKIND__MAX] = {0};
		report_kind_tally(in, kinds);
		report_kind_list(o, kinds);
	}
	report_groups(o, a, rc);
	report_task_items(o, a, cl);
	if (in->baseline != NULL)
		report_diff(o, in->baseline, 1, NULL);
	if (in->history != NULL)
		report_trend(o, in->history);
	report_left(o, a, rc);
	report_section_rows(o, a, cl);
	report_lang(o, cl);
	val_put_str(o, "bar_name", cl->title);
	val_put_bool(o, "has_fields", cl->nfields > 0);
	arr = val_put_arr(o, "metadata_list");
	for (i = 0; i < cl->nmeta; i++) {
		struct val *m = val_push_obj(arr);
		val_put_str(m, "key", cl->meta[i].key);
		val_put_str(m, "value", cl->meta[i].value);
		report_ends(m, i, cl->nmeta);
	}
	val_put_bool(o, "has_metadata", cl->nmeta > 0);
	val_put_bool(o, "has_sections", val_len(val_get(o, "sections")) > 0);
	report_tasks(o, a, rc, 0);
	report_group_findings(o, a, rc, &rc->sec_finds, 0, "findings_top",
	    "has_findings_top", 1);
	if (a == NULL)
		report_rctx_free(rc);
	verdict_free(&v);
	return o;
}

/* The members of report.json's checklist objects, to write one from the
 * template model's (which has every one of them, in the same order,
 * among its extras). sub: the view of each element of an array or of an
 * object member; all: every member, as it is. */
struct report_jsink;
struct jview {
	const char		*key;
	const char		*head;	/* "\"key\": " */
	size_t			 nhead;
	const struct jview	*sub;
	int			 all;
	/* Writes the member (a lazy list) straight from the checklist, as
	 * the view would write the values its val_gen builds: 0 if the
	 * member is not that list (then the view writes it). */
	int			(*direct)(struct report_jsink *,
				    const struct val *, int depth);
};

static int report_jd_tasks(struct report_jsink *, const struct val *, int);
static int report_jd_findings(struct report_jsink *, const struct val *,
    int);
static int report_jd_items(struct report_jsink *, const struct val *, int);
static int report_jd_fields(struct report_jsink *, const struct val *, int);
static int report_jd_sections(struct report_jsink *, const struct val *,
    int);

#define JV(k, sub, all)	{ k, "\"" k "\": ", sizeof(k) + 3, sub, all, NULL }
#define JVD(k, sub, d)	{ k, "\"" k "\": ", sizeof(k) + 3, sub, 0, d }
#define JV_END		{ NULL, NULL, 0, NULL, 0, NULL }
static const struct jview jv_finding[] = {
	JV("file", NULL, 0), JV("line", NULL, 0), JV("column", NULL, 0),
	JV("end_line", NULL, 0), JV("end_column", NULL, 0),
	JV("severity", NULL, 0), JV("rule", NULL, 0), JV("message", NULL, 0),
	JV_END
};
static const struct jview jv_field[] = {
	JV("label", NULL, 0), JV("value", NULL, 0), JV("filled", NULL, 0),
	JV("line", NULL, 0), JV("column", NULL, 0), JV_END
};
static const struct jview jv_task[] = {
	JV("text", NULL, 0), JV("line", NULL, 0), JV("column", NULL, 0),
	JV("state", NULL, 0), JV("section", NULL, 0), JV("owner", NULL, 0),
	JV("due", NULL, 0), JV("evidence", NULL, 1), JV_END
};
static const struct jview jv_waiver[] = {
	JV("rule", NULL, 0), JV("line", NULL, 0), JV("lines", NULL, 1),
	JV("until", NULL, 0), JV("reason", NULL, 0), JV("expired", NULL, 0),
	JV_END
};
static const struct jview jv_section[] = {
	JV("title", NULL, 0), JV("level", NULL, 0), JV("line", NULL, 0),
	JV("items", NULL, 0), JV("checked", NULL, 0), JV("na", NULL, 0),
	JV("percent", NULL, 0), JV("sections", jv_section, 0), JV_END
};
static const struct jview jv_approval[] = {
	JV("role", NULL, 0), JV("name", NULL, 0), JV("date", NULL, 0),
	JV("decision", NULL, 0), JV("line", NULL, 0), JV("column", NULL, 0),
	JV("signed", NULL, 0), JV_END
};
static const struct jview jv_task_item[] = {
	JV("text", NULL, 0), JV("state", NULL, 0), JV("line", NULL, 0), JV_END
};
static const struct jview jv_change_item[] = {
	JV("text", NULL, 0), JV("line", NULL, 0), JV_END
};
static const struct jview jv_change_finding[] = {
	JV("rule", NULL, 0), JV("severity", NULL, 0), JV("message", NULL, 0),
	JV("line", NULL, 0), JV_END
};
static const struct jview jv_changes[] = {
	JV("new_checklist", NULL, 0), JV("percent_before", NULL, 0),
	JV("percent_delta", NULL, 0), JV("checked", jv_change_item, 0),
	JV("reopened", jv_change_item, 0),
	JV("new_findings", jv_change_finding, 0),
	JV("fixed_findings", jv_change_finding, 0), JV_END
};
static const struct jview jv_signoff[] = {
	JV("state", NULL, 0), JV("signed", NULL, 0), JV("required", NULL, 0),
	JV_END
};
static const struct jview jv_checklist[] = {
	JV("file", NULL, 0), JV("title", NULL, 0), JV("metadata", NULL, 1),
	JV("items", NULL, 0), JV("checked", NULL, 0), JV("na", NULL, 0),
	JV("percent", NULL, 0),
	JVD("sections", jv_section, report_jd_sections),
	JVD("fields", jv_field, report_jd_fields),
	JV("approvals", jv_approval, 0),
	JV("signoff", jv_signoff, 0), JV("after_release", NULL, 1),
	{ "all_tasks", "\"tasks\": ", 9, jv_task, 0, report_jd_tasks },
	JVD("findings", jv_finding, report_jd_findings), JV("page", NULL, 0),
	JV("state", NULL, 0), JV("error", NULL, 0),
	JV("waivers", jv_waiver, 0), JV("overdue", NULL, 0),
	JVD("task_items", jv_task_item, report_jd_items),
	JV("changes", jv_changes, 0),
	{ "ruleset_name", "\"ruleset\": ", 11, NULL, 0, NULL }, JV_END
};
#undef JV
#undef JVD
#undef JV_END

/* The view row of key, or NULL if the view leaves it out. */
static const struct jview *
report_jview_find(const struct jview *view, const char *key)
{
	/* Most keys are left out: the first byte rules out nearly all. */
	for (; view->key != NULL; view++)
		if (view->key == key || (view->key[0] == key[0] &&
		    strcmp(view->key, key) == 0))
			return view;
	return NULL;
}

/* One byte of JSON punctuation through buf_append's inline path, not a
 * call of buf_putc for every bracket of report.json. */
static inline void
report_jc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

/* ",\n" (if comma) and the indentation of depth. */
static void
report_json_indent(struct buf *b, int comma, int depth)
{
	static const char sp[] = ",\n                              ";
	size_t n = 2 * (size_t)depth + 1;

	if (n + 1 < sizeof(sp))
		buf_append(b, sp + !comma, n + comma);
	else {
		buf_put(b, sp + !comma, 1 + comma);
		for (; n > 1; n--)
			buf_putc(b, ' ');
	}
}

/* Where report_json_view writes: b, handed to flush (if not NULL)
 * whenever it holds a chunk; failed once flush has failed. */
struct report_jsink {
	struct buf	*b;
	int		(*flush)(const char *, size_t, void *);
	void		*arg;
	int		 failed;
};

/* Held before a flush: most elements never reach it (a 10 KB
 * checklist's is some 100 KB). */
#define REPORT_JSON_CHUNK	((size_t)1 << 20)

/* v as val_json(v, 2) would write it at depth, with only the members
 * view names (view NULL: all of them). The elements of a lazy array
 * (val_elem) are built one at a time. */
static void
report_json_view(struct report_jsink *js, const struct val *v,
    const struct jview *view, int depth)
{
	size_t i, n, out = 0;
	enum val_type t = val_type(v);
	struct buf *b = js->b;
	struct arena scratch = { NULL };
	const char *p;

	switch (t) {
	case VAL_STR:
		p = val_strv(v, &n);
		esc_json(b, p, n);
		return;
	case VAL_NULL:
		buf_put(b, "null", 4);
		return;
	case VAL_ARR:
	case VAL_OBJ:
		if (view != NULL)
			break;
		val_json_at(b, v, 2, depth);
		return;
	default:
		val_text(b, v);
		return;
	}
	n = val_len(v);
	report_jc(b, t == VAL_ARR ? '[' : '{');
	for (i = 0; i < n && !js->failed; i++) {
		const struct jview *row = NULL;
		if (t == VAL_OBJ &&
		    (row = report_jview_find(view, val_key_at(v, i))) == NULL)
			continue;
		report_json_indent(b, out++ > 0, depth + 1);
		if (row != NULL) {
			buf_put(b, row->head, row->nhead);
			if (row->direct == NULL ||
			    !row->direct(js, val_at(v, i), depth + 1))
				report_json_view(js, val_at(v, i),
				    row->all ? NULL : row->sub, depth + 1);
		} else
			report_json_view(js, val_elem(v, i, &scratch), view,
			    depth + 1);
		arena_reset(&scratch);
		if (js->flush != NULL && b->len >= REPORT_JSON_CHUNK) {
			if (js->flush(b->data, b->len, js->arg) == -1)
				js->failed = 1;
			buf_reset(b);
		}
	}
	arena_free(&scratch);
	if (out)
		report_json_indent(b, 0, depth);
	report_jc(b, t == VAL_ARR ? ']' : '}');
}

/*
 * The long lists of report.json written straight from the checklist
 * (jview direct): byte for byte what report_json_view writes of the
 * objects report_task_list_gen, report_flist_gen, report_task_item_gen,
 * report_field_gen and report_section_gen build, views jv_task,
 * jv_finding, jv_task_item, jv_field and jv_section, without building
 * them (the JSON's share of the model was most of its cost). A change to
 * one of those generators or views changes its writer here too;
 * tests/suites/report.sh (json-direct, unit-report -j) compares them.
 */

/* The heads of an object's members at depth d, ",\n", the indentation
 * and "key": for each of keys (a NULL-terminated list of at most 12),
 * made once for a list of such objects: each head is then one append. */
struct report_jd_heads {
	const char *const *keys;
	int		 d;
	const char	*p[12];		/* NULL: did not fit in mem */
	size_t		 n[12];
	char		 mem[1024];
};

static void
report_jd_heads(struct report_jd_heads *h, const char *const *keys, int d)
{
	size_t k, at = 0, sp = 2 * (size_t)(d > 0 ? d : 0);

	h->keys = keys;
	h->d = d;
	for (k = 0; keys[k] != NULL && k < 12; k++) {
		size_t kl = strlen(keys[k]), n = 2 + sp + kl + 4;
		char *q = h->mem + at;
		h->p[k] = NULL;
		if (at + n > sizeof(h->mem))
			continue;
		memcpy(q, ",\n", 2);
		memset(q + 2, ' ', sp);
		q[2 + sp] = '"';
		memcpy(q + 3 + sp, keys[k], kl);
		memcpy(q + 3 + sp + kl, "\": ", 3);
		h->p[k] = q;
		h->n[k] = n;
		at += n;
	}
}

/* The head of member k (the first: no comma). */
static void
report_jd_head(struct buf *b, const struct report_jd_heads *h, int k)
{
	if (h->p[k] != NULL) {
		buf_append(b, h->p[k] + (k == 0), h->n[k] - (k == 0));
		return;
	}
	report_json_indent(b, k > 0, h->d);
	buf_putc(b, '"');
	buf_puts(b, h->keys[k]);
	buf_put(b, "\": ", 3);
}

/* s as a JSON string, NULL as null: plain text (esc_json_plain) in
 * quotes at once, else through esc_json. */
static void
report_jd_str(struct buf *b, const char *s)
{
	size_t n;

	if (s == NULL) {
		buf_append(b, "null", 4);
		return;
	}
	n = strlen(s);
	if (esc_json_plain(s, n) < n || b->len + n + 2 >= b->cap) {
		esc_json(b, s, n);
		return;
	}
	b->data[b->len++] = '"';
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len++] = '"';
	b->data[b->len] = '\0';
}

/* Between two elements of a list: hand a full chunk to the sink's flush,
 * as report_json_view does. */
static void
report_jd_flush(struct report_jsink *js)
{
	struct buf *b = js->b;

	if (js->flush != NULL && b->len >= REPORT_JSON_CHUNK) {
		if (js->flush(b->data, b->len, js->arg) == -1)
			js->failed = 1;
		buf_reset(b);
	}
}

/* The end of a list of n elements at depth. */
static void
report_jd_close(struct buf *b, size_t n, int depth)
{
	if (n)
		report_json_indent(b, 0, depth);
	report_jc(b, ']');
}

/* Lazy list arr at depth, whose val_gen got arg (NULL: arr is not the
 * list this writer knows, 0), as a list of objects with members keys
 * that members(b, arg, i, their heads) writes: 1. */
static int
report_jd_list(struct report_jsink *js, const struct val *arr, int depth,
    const void *arg, const char *const *keys,
    void (*members)(struct buf *, const void *, size_t,
    const struct report_jd_heads *))
{
	struct buf *b = js->b;
	struct report_jd_heads h;
	size_t i, n;

	if (arg == NULL)
		return 0;
	report_jd_heads(&h, keys, depth + 2);
	n = val_len(arr);
	report_jc(b, '[');
	for (i = 0; i < n && !js->failed; i++) {
		report_json_indent(b, i > 0, depth + 1);
		report_jc(b, '{');
		members(b, arg, i, &h);
		report_json_indent(b, 0, depth + 1);
		report_jc(b, '}');
		report_jd_flush(js);
	}
	report_jd_close(b, n, depth);
	return 1;
}

/* Task item i of a report_ilist as report_task_list_gen builds it, view
 * jv_task. */
static void
report_jd_task(struct buf *b, const void *arg, size_t i,
    const struct report_jd_heads *h)
{
	const struct checklist *cl = ((const struct report_ilist *)arg)->cl;
	const struct item *it = &cl->items[i];
	const struct itemmeta *m = cl->imeta ? &cl->imeta[i] : NULL;
	size_t k;

	report_jd_head(b, h, 0);
	report_jd_str(b, it->text);
	report_jd_head(b, h, 1);
	val_text_int(b, it->line);
	report_jd_head(b, h, 2);
	val_text_int(b, it->col);
	report_jd_head(b, h, 3);
	report_jd_str(b, it->state == ITEM_OPEN ? "open" :
	    it->state == ITEM_DONE ? "done" : "na");
	report_jd_head(b, h, 4);
	report_jd_str(b, it->section >= 0 ?
	    cl->sections[it->section].title : NULL);
	report_jd_head(b, h, 5);
	report_jd_str(b, m ? m->owner : NULL);
	report_jd_head(b, h, 6);
	report_jd_str(b, m ? m->due : NULL);
	report_jd_head(b, h, 7);
	report_jc(b, '[');
	for (k = 0; m != NULL && k < m->nevidence; k++) {
		report_json_indent(b, k > 0, h->d + 1);
		report_jd_str(b, m->evidence[k]);
	}
	report_jd_close(b, m ? m->nevidence : 0, h->d);
}

/* Finding i of a report_flist as report_flist_gen builds it, view
 * jv_finding. */
static void
report_jd_finding(struct buf *b, const void *arg, size_t i,
    const struct report_jd_heads *h)
{
	const struct report_flist *fl = arg;
	const struct finding *f = &fl->rc->fs->v[fl->idx ? fl->idx[i] : i];

	report_jd_head(b, h, 0);
	report_jd_str(b, f->file);
	report_jd_head(b, h, 1);
	val_text_int(b, f->line);
	report_jd_head(b, h, 2);
	val_text_int(b, f->col);
	report_jd_head(b, h, 3);
	val_text_int(b, f->end_line);
	report_jd_head(b, h, 4);
	val_text_int(b, f->end_col);
	report_jd_head(b, h, 5);
	report_jd_str(b, sev_name(f->sev));
	report_jd_head(b, h, 6);
	report_jd_str(b, f->rule);
	report_jd_head(b, h, 7);
	report_jd_str(b, f->message);
}

/* Task item i of a report_ilist as report_task_item_gen builds it, view
 * jv_task_item. */
static void
report_jd_item(struct buf *b, const void *arg, size_t i,
    const struct report_jd_heads *h)
{
	const struct item *it =
	    &((const struct report_ilist *)arg)->cl->items[i];

	report_jd_head(b, h, 0);
	report_jd_str(b, it->text);
	report_jd_head(b, h, 1);
	report_jd_str(b, state_names[it->state]);
	report_jd_head(b, h, 2);
	val_text_int(b, it->line);
}

/* Field i of a report_slist as report_field_gen builds it, view
 * jv_field. */
static void
report_jd_field(struct buf *b, const void *arg, size_t i,
    const struct report_jd_heads *h)
{
	const struct field *f =
	    &((const struct report_slist *)arg)->cl->fields[i];

	report_jd_head(b, h, 0);
	report_jd_str(b, f->label);
	report_jd_head(b, h, 1);
	report_jd_str(b, f->value);
	report_jd_head(b, h, 2);
	if (f->filled)
		buf_put(b, "true", 4);
	else
		buf_put(b, "false", 5);
	report_jd_head(b, h, 3);
	val_text_int(b, f->line);
	report_jd_head(b, h, 4);
	val_text_int(b, f->col);
}

/* The sections of cl at depth (a list): idx[0..n) if idx, else the
 * chain of siblings from first, sdepth levels below the top as
 * report_section_gen counts them; each as report_section_gen builds it,
 * view jv_section, with its subsections (none 8 levels down). */
static void
report_jd_secs(struct report_jsink *js, const struct checklist *cl,
    const int *idx, size_t n, int first, int sdepth, int depth)
{
	static const char *const keys[] = { "title", "level", "line",
	    "items", "checked", "na", "percent", "sections", NULL };
	struct buf *b = js->b;
	struct report_jd_heads h;
	size_t k = 0;
	int i = idx != NULL ? (n > 0 ? idx[0] : -1) : first;

	if (i >= 0)	/* most subsection lists are empty */
		report_jd_heads(&h, keys, depth + 2);
	report_jc(b, '[');
	while (i >= 0 && !js->failed) {
		const struct section *s = &cl->sections[i];

		report_json_indent(b, k > 0, depth + 1);
		report_jc(b, '{');
		report_jd_head(b, &h, 0);
		report_jd_str(b, s->title);
		report_jd_head(b, &h, 1);
		val_text_int(b, s->level);
		report_jd_head(b, &h, 2);
		val_text_int(b, s->line);
		report_jd_head(b, &h, 3);
		val_text_int(b, s->total.items);
		report_jd_head(b, &h, 4);
		val_text_int(b, s->total.checked);
		report_jd_head(b, &h, 5);
		val_text_int(b, s->total.na);
		report_jd_head(b, &h, 6);
		if (s->total.items == 0)
			buf_put(b, "null", 4);
		else {
			struct counts c = { s->total.items, s->total.checked,
			    0 };
			val_text_num(b, verdict_percent(verdict_permille(&c)),
			    1);
		}
		report_jd_head(b, &h, 7);
		report_jd_secs(js, cl, NULL, 0, sdepth + 1 < 8 ?
		    s->first_child : -1, sdepth + 1, h.d);
		report_json_indent(b, 0, depth + 1);
		report_jc(b, '}');
		report_jd_flush(js);
		k++;
		i = idx != NULL ? (k < n ? idx[k] : -1) : s->next_sibling;
	}
	report_jd_close(b, k, depth);
}

/* "sections": report_section_gen's objects, view jv_section. */
static int
report_jd_sections(struct report_jsink *js, const struct val *arr,
    int depth)
{
	const struct report_slist *sl = val_lazy_arg(arr, report_section_gen);

	if (sl == NULL)
		return 0;
	report_jd_secs(js, sl->cl, sl->idx, sl->n, -1, sl->depth, depth);
	return 1;
}

/* "fields", "tasks", "findings" and "task_items" of a page's model. */
static int
report_jd_fields(struct report_jsink *js, const struct val *arr, int depth)
{
	static const char *const keys[] = { "label", "value", "filled",
	    "line", "column", NULL };

	return report_jd_list(js, arr, depth,
	    val_lazy_arg(arr, report_field_gen), keys, report_jd_field);
}

static int
report_jd_tasks(struct report_jsink *js, const struct val *arr, int depth)
{
	static const char *const keys[] = { "text", "line", "column",
	    "state", "section", "owner", "due", "evidence", NULL };

	return report_jd_list(js, arr, depth,
	    val_lazy_arg(arr, report_task_list_gen), keys, report_jd_task);
}

static int
report_jd_findings(struct report_jsink *js, const struct val *arr,
    int depth)
{
	static const char *const keys[] = { "file", "line", "column",
	    "end_line", "end_column", "severity", "rule", "message", NULL };

	return report_jd_list(js, arr, depth,
	    val_lazy_arg(arr, report_flist_gen), keys, report_jd_finding);
}

static int
report_jd_items(struct report_jsink *js, const struct val *arr, int depth)
{
	static const char *const keys[] = { "text", "state", "line", NULL };

	return report_jd_list(js, arr, depth,
	    val_lazy_arg(arr, report_task_item_gen), keys, report_jd_item);
}

void
report_json_element(struct buf *b, const struct val *checklist)
{
	struct report_jsink js = { b, NULL, NULL, 0 };

	report_json_view(&js, checklist, jv_checklist, 2);
}

int
report_json_element_to(struct buf *b, const struct val *checklist,
    int (*flush)(const char *, size_t, void *), void *arg)
{
	struct report_jsink js = { b, flush, arg, 0 };

	report_json_view(&js, checklist, jv_checklist, 2);
	return js.failed ? -1 : 0;
}

/* Advance widths of Verdana at 11 px in hundredths of a pixel for the
 * printable ASCII characters 32..126, as shields.io measures badge text
 * (anafanafo's verdana-11px-normal table, MIT). Other characters count
 * as 'm', the widest lowercase letter, as shields does. */
static const unsigned short report_verdana11[95] = {
	387, 433, 505, 900, 699, 1184, 799, 295, 500, 500, 699, 900, 400,
	500, 400, 500, 699, 699, 699, 699, 699, 699, 699, 699, 699, 699, 500,
	500, 900, 900, 900, 600, 1100, 752, 754, 768, 848, 696, 632, 853, 827,
	463, 500, 762, 612, 927, 823, 866, 663, 866, 765, 752, 678, 805, 752,
	1088, 754, 677, 754, 500, 500, 500, 900, 699, 699, 661, 685, 573, 685,
	655, 387, 685, 696, 302, 379, 651, 302, 1070, 696, 668, 685, 685, 469,
	573, 433, 696, 651, 900, 651, 651, 578, 698, 500, 698, 900
};

/* The width of UTF-8 text s in Verdana 11 px, in tenths of a pixel,
 * rounded up. */
long
report_text_width(const char *s)
{
	unsigned long w = 0;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c & 0xc0) == 0x80)
			continue;	/* a continuation byte */
		w += c >= 32 && c < 127 ? report_verdana11[c - 32] :
		    report_verdana11['m' - 32];
	}
	return (long)((w + 9) / 10);
}

/* Shields-style badge geometry from real text widths, 5 px padding on
 * each side; x and text widths in tenths of a pixel, as the text is
 * drawn at scale(.1). Colour: red when any checklist is blocked (the
 * value says so), else by threshold in shields' palette. */
static void
report_badge(struct val *sum, const struct report_totals *t)
{
	const struct counts *c = &t->c;
	const struct val *pt = val_get(sum, "percent_text");
	const char *color;
	int p = verdict_permille(c);
	struct val *b = val_put_obj(sum, "badge");
	struct buf value = {0};
	long ltw, vtw, lw, vw;

	buf_puts(&value, val_strv(pt, NULL));
	if (t->states[VSTATE_BLOCKED] > 0)
		buf_puts(&value, " blocked");
	color = t->states[VSTATE_BLOCKED] > 0 ? "#e05d44" : p < 0 ?
	    "#9f9f9f" : p >= 1000 ? "#4c1" : p >= 800 ? "#97ca00" :
	    p >= 500 ? "#dfb317" : p >= 200 ? "#fe7d37" : "#e05d44";
	ltw = report_text_width("checklist");
	vtw = report_text_width(buf_cstr(&value));
	lw = (ltw + 9) / 10 + 10;
	vw = (vtw + 9) / 10 + 10;
	val_put_str(b, "label", "checklist");
	val_put_str(b, "value", buf_cstr(&value));
	val_put_str(b, "color", color);
	val_put_int(b, "label_width", lw);
	val_put_int(b, "value_width", vw);
	val_put_int(b, "width", lw + vw);
	val_put_int(b, "label_x", lw * 5);
	val_put_int(b, "value_x", lw * 10 + vw * 5);
	val_put_int(b, "label_text_width", ltw);
	val_put_int(b, "value_text_width", vtw);
	buf_free(&value);
}

void
report_totals_add(struct report_totals *t, const struct report_input *in)
{
	struct verdict v;

	verdict_make(&v, in->cl, in->fs, SEV_ERROR);
	t->files++;
	t->c.items += v.counts.items;
	t->c.checked += v.counts.checked;
	t->c.na += v.counts.na;
	if (in->fs)
		t->findings += in->fs->n;
	t->errors += v.tally[SEV_ERROR];
	t->warnings += v.tally[SEV_WARNING];
	t->infos += v.tally[SEV_INFO];
	t->states[v.state]++;
	if (in->cl->imeta != NULL) {	/* else none is overdue */
		long today = when_today();	/* not free: once */
		for (size_t i = 0; i < in->cl->nitems; i++)
			t->overdue += report_overdue(in->cl, i, today);
	}
	verdict_free(&v);
	report_kind_tally(in, t->kinds);
	if (in->baseline != NULL) {
		/* What report_diff compares, without the rest of the model. */
		struct val *o = val_obj(), *arr;
		val_put_str(o, "file", in->cl->file);
		report_put_percent(o, "percent", in->cl->total.items,
		    in->cl->total.checked);
		report_task_items(o, NULL, in->cl);
		arr = val_put_arr(o, "findings");
		for (size_t i = 0; in->fs && i < in->fs->n; i++)
			report_finding(arr, &in->fs->v[i], 0);
		report_diff(o, in->baseline, 0, &t->ch);
		val_free(o);
	}
}

void
report_put_source(struct val *head, const char *commit, const char *branch)
{
	struct val *s;

	if (commit == NULL && branch == NULL)
		return;
	s = val_put_obj(head, "source");
	if (commit != NULL)
		val_put_str(s, "commit", commit);
	if (branch != NULL)
		val_put_str(s, "branch", branch);
}

/* The verdict strip of the index: "states" {blocked, in_progress,
 * complete, empty} and "strip" [{state, label, count}]: blocked, in
 * progress and ready always, "no tasks" when there are any. */
static void
report_strip(struct val *s, const struct report_totals *t)
{
	/* Most urgent first. */
	static const enum vstate order[] = { VSTATE_BLOCKED,
	    VSTATE_PROGRESS, VSTATE_COMPLETE, VSTATE_EMPTY };
	static const char *const keys[] = { "blocked", "in_progress",
	    "complete", "empty" };
	static const char *const labels[] = { "blocked", "in progress",
	    "ready", "no tasks" };
	struct val *st = val_put_obj(s, "states"), *arr;
	int r, n = t->states[VSTATE_EMPTY] ? 4 : 3;

	for (r = 0; r < 4; r++)
		val_put_int(st, keys[r], t->states[order[r]]);
	arr = val_put_arr(s, "strip");
	for (r = 0; r < n; r++) {
		struct val *e = val_push_obj(arr);
		val_put_str(e, "state", verdict_state_names[order[r]]);
		val_put_str(e, "label", labels[r]);
		val_put_int(e, "count", t->states[order[r]]);
		report_ends(e, (size_t)r, (size_t)n);
	}
}

/* The summary over all checklists, in o; tpl adds the template extras. */
static void
report_summary(struct val *s, const struct report_totals *t, int tpl)
{
	val_put_int(s, "files", (long long)t->files);
	report_counts(s, &t->c, tpl);
	val_put_int(s, "errors", t->errors);
	val_put_int(s, "warnings", t->warnings);
	val_put_int(s, "infos", t->infos);
	if (tpl) {
		val_put_int(s, "findings_count", (long long)t->findings);
		val_put_bool(s, "has_findings", t->findings > 0);
		val_put_int(s, "blockers", t->errors);
		val_put_bool(s, "blocked", t->states[VSTATE_BLOCKED] > 0);
		val_put_int(s, "blocked_count", t->states[VSTATE_BLOCKED]);
		val_put_int(s, "progress_count", t->states[VSTATE_PROGRESS]);
		val_put_int(s, "complete_count", t->states[VSTATE_COMPLETE]);
		val_put_int(s, "empty_count", t->states[VSTATE_EMPTY]);
		val_put_int(s, "overdue", t->overdue);
		val_put_bool(s, "has_overdue", t->overdue > 0);
		report_badge(s, t);
		report_strip(s, t);
		report_kind_list(s, t->kinds);
		val_put_str(s, "bar_name", "All checklists");
	}
}

struct val *
report_head_in(struct arena *a, const struct report_totals *tot,
    const char *gen, int tpl)
{
	struct val *o = a ? val_obj_in(a) : val_obj(), *t;

	val_put_int(o, "version", 1);
	val_put_str(o, "generated_at", gen);
	t = val_put_obj(o, "tool");
	val_put_str(t, "name", "ticklist");
	val_put_str(t, "version", TICKLIST_VERSION);
	if (tot != NULL)
		report_summary(val_put_obj(o, "summary"), tot, tpl);
	return o;
}

/* The head of a root over in[0..n). */
static struct val *
report_head(struct arena *a, const struct report_input *in, size_t n,
    const char *gen, int tpl)
{
	struct report_totals tot;

	memset(&tot, 0, sizeof(tot));
	for (size_t i = 0; i < n; i++)
		report_totals_add(&tot, &in[i]);
	return report_head_in(a, &tot, gen, tpl);
}

int
report_cmp_counts(const struct counts *cx, const struct counts *cy)
{
	double px, py;

	if ((cx->items == 0) != (cy->items == 0))
		return cx->items == 0 ? 1 : -1;
	px = cx->items ? (double)cx->checked / cx->items : 0;
	py = cy->items ? (double)cy->checked / cy->items : 0;
	if (px != py)
		return px < py ? -1 : 1;
	return 0;
}

/* A checklist with its rank, to sort. */
struct report_ranked {
	const struct report_input	*in;
	int				 rank;
};

/* Dashboard order: by state (blocked, in progress, complete, no task
 * items), then least complete first, ties in input order. */
static int
report_cmp(const void *a, const void *b)
{
	const struct report_ranked *x = a, *y = b;
	int c = x->rank != y->rank ? (x->rank < y->rank ? -1 : 1) :
	    report_cmp_counts(&x->in->cl->total, &y->in->cl->total);

	if (c != 0)
		return c;
	return x->in < y->in ? -1 : x->in > y->in;
}

struct val *
report_model(const struct report_input *in, size_t n, const char *gen)
{
	struct val *o = report_head(NULL, in, n, gen, 1);
	struct val *arr = val_put_arr(o, "checklists");
	struct report_ranked *order = xcalloc(n ? n : 1, sizeof(*order));
	size_t i;

	for (i = 0; i < n; i++) {
		order[i].in = &in[i];
		order[i].rank = report_rank(&in[i]);
	}
	qsort(order, n, sizeof(*order), report_cmp);
	for (i = 0; i < n; i++)
		report_ends(val_push(arr, report_checklist_in(NULL,
		    order[i].in)), i, n);
	val_put_bool(o, "has_checklists", n > 0);
	free(order);
	return o;
}

struct val *
report_page(const struct report_input *in, size_t n, size_t i,
    const char *gen)
{
	struct val *o = report_head(NULL, in, n, gen, 1);

	val_set(o, "checklist", report_checklist_in(NULL, &in[i]));
	return o;
}
