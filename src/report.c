/* report.c: [check] builds the value trees of the report model: the status
 * object of a checklist (status JSON), report.json, and the template model
 * that adds what Mustache templates cannot compute themselves (booleans,
 * first/last, findings placed beside the task item or section they
 * concern). Everything reads the checklist through const pointers. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "report.h"
#include "ticklist.h"
#include "value.h"
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
	const struct checklist	*cl;
	const struct findings	*fs;
	struct bucket		 sec_items;	/* section+1 -> task items */
	struct bucket		 sec_finds;	/* section+1 -> findings on no
						   task item */
	struct bucket		 item_finds;	/* item -> findings */
};

struct val *
report_percent(unsigned items, unsigned checked)
{
	if (items == 0)
		return val_null();
	/* Round half up at one decimal, independent of printf's rounding. */
	return val_num(floor(1000.0 * checked / items + 0.5) / 10.0, 1);
}

/* Group g of each of n members (g < ngroups, or -1 for none) into b. */
static void
report_bucket(struct bucket *b, const int *group, size_t n, size_t ngroups)
{
	size_t i, *fill;

	b->start = xcalloc(ngroups + 1, sizeof(size_t));
	b->idx = xcalloc(n ? n : 1, sizeof(size_t));
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
report_bucket_free(struct bucket *b)
{
	free(b->start);
	free(b->idx);
}

/* The group of a section for tasks and findings: the title heading's own
 * content is the top level, like content before any heading. */
static int
report_group(const struct checklist *cl, int sec)
{
	return sec < 0 || sec == cl->title_section ? 0 : sec + 1;
}

/* Last line of an item's first paragraph: findings on these lines are
 * shown beside it. */
static int
report_item_end(const struct checklist *cl, const struct item *it)
{
	int end = it->line;

	if (it->block < 0 || (size_t)it->block >= cl->nblocks)
		return end;
	const struct block *b = &cl->blocks[it->block];
	for (size_t k = b->seg0; k < b->seg0 + b->nseg && k < cl->nsegs; k++)
		if (cl->segs[k].line > end)
			end = cl->segs[k].line;
	return end;
}

/* Place task items in sections and findings on task items (the one whose
 * first paragraph holds the finding's line) or else in the innermost
 * section at that line. Items and sections are in document order, so a
 * binary search finds the last one starting at or before a line. */
static void
report_rctx_init(struct rctx *rc, const struct checklist *cl,
    const struct findings *fs)
{
	size_t nf = fs ? fs->n : 0, i, ng = cl->nsections + 1;
	int *g = xcalloc(cl->nitems + nf + 1, sizeof(int));
	int *gi = g + cl->nitems;

	rc->cl = cl;
	rc->fs = fs;
	for (i = 0; i < cl->nitems; i++)
		g[i] = report_group(cl, cl->items[i].section);
	report_bucket(&rc->sec_items, g, cl->nitems, ng);
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
		if (lo > 0 && line <= report_item_end(cl, &cl->items[lo - 1]))
			gi[i] = (int)lo - 1;
	}
	report_bucket(&rc->item_finds, gi, nf, cl->nitems);
	for (i = 0; i < nf; i++) {
		int line = fs->v[i].line;
		size_t lo = 0, hi = cl->nsections;
		if (gi[i] >= 0) {
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
		g[i] = report_group(cl, (int)lo - 1);
	}
	report_bucket(&rc->sec_finds, g, nf, ng);
	free(g);
}

static void
report_rctx_free(struct rctx *rc)
{
	report_bucket_free(&rc->sec_items);
	report_bucket_free(&rc->sec_finds);
	report_bucket_free(&rc->item_finds);
}

/* Set first and last on an object pushed as element i of n. */
static struct val *
report_ends(struct val *o, size_t i, size_t n)
{
	val_set(o, "first", val_bool(i == 0));
	val_set(o, "last", val_bool(i + 1 == n));
	return o;
}

/* "73%": floored, so that only a finished list reads 100%. */
static void
report_percent_text(struct val *o, const struct counts *c)
{
	char tmp[16];

	if (c->items == 0) {
		val_set(o, "percent_text", val_cstr("n/a"));
		return;
	}
	snprintf(tmp, sizeof(tmp), "%u%%", (unsigned)(100.0 * c->checked /
	    c->items));
	val_set(o, "percent_text", val_cstr(tmp));
}

static void
report_counts(struct val *o, const struct counts *c, int tpl)
{
	val_set(o, "items", val_int(c->items));
	val_set(o, "checked", val_int(c->checked));
	val_set(o, "na", val_int(c->na));
	val_set(o, "percent", report_percent(c->items, c->checked));
	if (!tpl)
		return;
	val_set(o, "open", val_int(c->items - c->checked));
	val_set(o, "has_items", val_bool(c->items + c->na > 0));
	val_set(o, "has_na", val_bool(c->na > 0));
	val_set(o, "complete", val_bool(c->items > 0 &&
	    c->checked == c->items));
	val_set(o, "progress", c->items ? report_percent(c->items,
	    c->checked) : val_num(0, 1));
	report_percent_text(o, c);
}

/* A lint finding object, as `lint --format json` writes it. */
static struct val *
report_finding(const struct finding *f, int tpl)
{
	struct val *o = val_obj();

	val_set(o, "file", val_cstr(f->file));
	val_set(o, "line", val_int(f->line));
	val_set(o, "column", val_int(f->col));
	val_set(o, "end_line", val_int(f->end_line));
	val_set(o, "end_column", val_int(f->end_col));
	val_set(o, "severity", val_cstr(sev_name(f->sev)));
	val_set(o, "rule", val_cstr(f->rule));
	val_set(o, "message", val_cstr(f->message));
	if (tpl) {
		val_set(o, "error", val_bool(f->sev == SEV_ERROR));
		val_set(o, "warning", val_bool(f->sev == SEV_WARNING));
		val_set(o, "info", val_bool(f->sev == SEV_INFO));
	}
	return o;
}

/* The findings of bucket group g as a list, with has_<name>. */
static void
report_group_findings(struct val *o, const struct rctx *rc,
    const struct bucket *b, size_t g, const char *name, const char *has)
{
	struct val *arr = val_set(o, name, val_arr());
	size_t n = b->start[g + 1] - b->start[g];

	for (size_t k = 0; k < n; k++)
		report_ends(val_push(arr, report_finding(&rc->fs->v[
		    b->idx[b->start[g] + k]], 1)), k, n);
	val_set(o, has, val_bool(n > 0));
}

/* The findings on line from column col up to (not including) end as
 * "findings", with has_findings: findings are sorted by line and column,
 * so a binary search finds the first. */
static void
report_line_findings(struct val *o, const struct rctx *rc, int line,
    int col, int end)
{
	struct val *arr = val_set(o, "findings", val_arr());
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
	for (k = 0; k < n; k++)
		report_ends(val_push(arr, report_finding(&rc->fs->v[lo + k], 1)),
		    k, n);
	val_set(o, "has_findings", val_bool(n > 0));
}

static const char *const state_names[ITEM__MAX] = { "open", "done", "na" };
static const char *const state_labels[ITEM__MAX] = { "open", "done", "n/a" };

/* The task items of bucket group g as "tasks", with has_tasks. */
static void
report_tasks(struct val *o, const struct rctx *rc, size_t g)
{
	const struct bucket *b = &rc->sec_items;
	struct val *arr = val_set(o, "tasks", val_arr());
	size_t n = b->start[g + 1] - b->start[g];

	for (size_t k = 0; k < n; k++) {
		size_t ii = b->idx[b->start[g] + k];
		const struct item *it = &rc->cl->items[ii];
		struct val *t = val_push(arr, val_obj());
		val_set(t, "state", val_cstr(state_names[it->state]));
		val_set(t, "state_label", val_cstr(state_labels[it->state]));
		val_set(t, "text", val_cstr(it->text));
		val_set(t, "html", val_cstr(it->html ? it->html : ""));
		val_set(t, "line", val_int(it->line));
		val_set(t, "column", val_int(it->col));
		val_set(t, "depth", val_int(it->depth));
		val_set(t, "done", val_bool(it->state == ITEM_DONE));
		val_set(t, "open", val_bool(it->state == ITEM_OPEN));
		val_set(t, "na", val_bool(it->state == ITEM_NA));
		report_group_findings(t, rc, &rc->item_finds, ii, "findings",
		    "has_findings");
		report_ends(t, k, n);
	}
	val_set(o, "has_tasks", val_bool(n > 0));
}

/* Sections as a tree without recursion: an explicit stack of the arrays
 * being filled, since heading depth is bounded by 6 but sibling lists are
 * not. rc is NULL for the plain status object. */
static void
report_sections(struct val *arr, const struct checklist *cl, int first,
    const struct rctx *rc)
{
	struct { int sec; struct val *arr; struct val *last; } stack[8];
	int sp = 0;

	stack[0].sec = first;
	stack[0].arr = arr;
	stack[0].last = NULL;
	while (sp >= 0) {
		int i = stack[sp].sec;
		if (i < 0) {
			if (stack[sp].last)
				val_set(stack[sp].last, "last", val_bool(1));
			sp--;
			continue;
		}
		const struct section *s = &cl->sections[i];
		struct val *o = val_push(stack[sp].arr, val_obj());
		stack[sp].sec = s->next_sibling;
		val_set(o, "title", val_cstr(s->title));
		val_set(o, "level", val_int(s->level));
		val_set(o, "line", val_int(s->line));
		report_counts(o, &s->total, rc != NULL);
		struct val *kids = val_set(o, "sections", val_arr());
		if (rc != NULL) {
			int hl = sp + 2;
			val_set(o, "hlevel", val_int(hl > 6 ? 6 : hl));
			report_tasks(o, rc, (size_t)i + 1);
			report_group_findings(o, rc, &rc->sec_finds,
			    (size_t)i + 1, "findings_here",
			    "has_findings_here");
			val_set(o, "first", val_bool(stack[sp].last == NULL));
			val_set(o, "last", val_bool(0));
			stack[sp].last = o;
		}
		if (s->first_child >= 0 && sp + 1 < 8) {
			sp++;
			stack[sp].sec = s->first_child;
			stack[sp].arr = kids;
			stack[sp].last = NULL;
		}
	}
}

/* The status object; with rc, the template extras of sections and
 * fields too. */
static struct val *
report_status_x(const struct checklist *cl, const struct rctx *rc)
{
	struct val *o = val_obj(), *m, *secs, *fs;
	size_t i;

	val_set(o, "file", val_cstr(cl->file));
	val_set(o, "title", val_cstr(cl->title));
	m = val_set(o, "metadata", val_obj());
	for (i = 0; i < cl->nmeta; i++)
		val_set(m, cl->meta[i].key, val_cstr(cl->meta[i].value));
	report_counts(o, &cl->total, rc != NULL);
	secs = val_set(o, "sections", val_arr());
	/* Top level: the sections without a parent, where the one H1 that
	 * gave the title is replaced by its subsections. */
	for (i = 0; i < cl->nsections; i++) {
		const struct section *s = &cl->sections[i];
		if (s->parent >= 0)
			continue;
		if ((int)i == cl->title_section) {
			if (s->first_child >= 0)
				report_sections(secs, cl, s->first_child, rc);
			continue;
		}
		/* Roots have no siblings linked: this adds one subtree. */
		report_sections(secs, cl, (int)i, rc);
	}
	fs = val_set(o, "fields", val_arr());
	for (i = 0; i < cl->nfields; i++) {
		const struct field *f = &cl->fields[i];
		struct val *fo = val_push(fs, val_obj());
		val_set(fo, "label", val_cstr(f->label));
		val_set(fo, "value", val_cstr(f->value));
		val_set(fo, "filled", val_bool(f->filled));
		val_set(fo, "line", val_int(f->line));
		val_set(fo, "column", val_int(f->col));
		if (rc != NULL) {
			val_set(fo, "blank", val_bool(!f->filled));
			/* A field runs to the next field on its line. */
			int end = i + 1 < cl->nfields &&
			    cl->fields[i + 1].line == f->line ?
			    cl->fields[i + 1].col : INT_MAX;
			report_line_findings(fo, rc, f->line, f->col, end);
			report_ends(fo, i, cl->nfields);
		}
	}
	return o;
}

struct val *
report_status(const struct checklist *cl)
{
	return report_status_x(cl, NULL);
}

/* Sign-off state from the fields: all filled, some, none, no fields. */
static void
report_signoff(struct val *o, const struct checklist *cl)
{
	static const char *const labels[] = { "signed", "partly signed",
	    "not signed", "no sign-off" };
	static const char *const states[] = { "signed", "partial", "unsigned",
	    "none" };
	size_t filled = 0, i;
	int st;

	for (i = 0; i < cl->nfields; i++)
		filled += cl->fields[i].filled != 0;
	st = cl->nfields == 0 ? 3 : filled == cl->nfields ? 0 :
	    filled ? 1 : 2;
	struct val *s = val_set(o, "signoff", val_obj());
	val_set(s, "state", val_cstr(states[st]));
	val_set(s, "label", val_cstr(labels[st]));
	val_set(s, "filled", val_int((long long)filled));
	val_set(s, "total", val_int((long long)cl->nfields));
	for (i = 0; i < 4; i++)
		val_set(s, states[i], val_bool((int)i == st));
}

/* One checklist of report.json (tpl 0) or of the template model. */
static struct val *
report_checklist(const struct report_input *in, int tpl)
{
	const struct checklist *cl = in->cl;
	size_t nf = in->fs ? in->fs->n : 0, i;
	unsigned tally[SEV__MAX] = {0};
	struct rctx rc;
	struct val *o, *arr;

	if (!tpl) {
		o = report_status_x(cl, NULL);
		arr = val_set(o, "findings", val_arr());
		for (i = 0; i < nf; i++)
			val_push(arr, report_finding(&in->fs->v[i], 0));
		val_set(o, "page", val_cstr(in->page));
		return o;
	}
	report_rctx_init(&rc, cl, in->fs);
	o = report_status_x(cl, &rc);
	arr = val_set(o, "findings", val_arr());
	for (i = 0; i < nf; i++)
		report_ends(val_push(arr, report_finding(&in->fs->v[i], 1)),
		    i, nf);
	val_set(o, "page", val_cstr(in->page));
	if (in->fs)
		findings_tally(in->fs, tally);
	val_set(o, "errors", val_int(tally[SEV_ERROR]));
	val_set(o, "warnings", val_int(tally[SEV_WARNING]));
	val_set(o, "infos", val_int(tally[SEV_INFO]));
	val_set(o, "findings_count", val_int((long long)nf));
	val_set(o, "has_findings", val_bool(nf > 0));
	arr = val_set(o, "blockers", val_arr());
	for (i = 0; i < nf; i++) {
		if (in->fs->v[i].sev != SEV_ERROR)
			continue;
		struct val *f = val_push(arr, report_finding(&in->fs->v[i], 1));
		report_ends(f, val_len(arr) - 1, tally[SEV_ERROR]);
	}
	val_set(o, "blocked", val_bool(tally[SEV_ERROR] > 0));
	{
		const char *st = tally[SEV_ERROR] ? "blocked" :
		    cl->total.items == 0 ? "empty" : cl->total.checked ==
		    cl->total.items ? "complete" : "in-progress";
		const char *lab = tally[SEV_ERROR] ? "blocked" :
		    cl->total.items == 0 ? "no tasks" : cl->total.checked ==
		    cl->total.items ? "complete" : "in progress";
		val_set(o, "state", val_cstr(st));
		val_set(o, "state_label", val_cstr(lab));
	}
	report_signoff(o, cl);
	val_set(o, "has_fields", val_bool(cl->nfields > 0));
	arr = val_set(o, "metadata_list", val_arr());
	for (i = 0; i < cl->nmeta; i++) {
		struct val *m = val_push(arr, val_obj());
		val_set(m, "key", val_cstr(cl->meta[i].key));
		val_set(m, "value", val_cstr(cl->meta[i].value));
		report_ends(m, i, cl->nmeta);
	}
	val_set(o, "has_metadata", val_bool(cl->nmeta > 0));
	val_set(o, "has_sections", val_bool(val_len(val_get(o, "sections"))
	    > 0));
	report_tasks(o, &rc, 0);
	report_group_findings(o, &rc, &rc.sec_finds, 0, "findings_top",
	    "has_findings_top");
	report_rctx_free(&rc);
	return o;
}

/* Shields-style badge geometry: text widths estimated at 7 px a character
 * (Verdana 11 px averages about that), 10 px padding on each side; x in
 * tenths of a pixel, as the text is drawn at scale(.1). Colours by
 * threshold, shields' palette. */
static void
report_badge(struct val *sum, const struct counts *c)
{
	const struct val *pt = val_get(sum, "percent_text");
	const char *value = val_strv(pt, NULL), *color;
	double pc = c->items ? 100.0 * c->checked / c->items : -1;
	long lw = 9 * 7 + 10, vw = (long)strlen(value) * 7 + 10;
	struct val *b = val_set(sum, "badge", val_obj());

	color = pc < 0 ? "#9f9f9f" : pc >= 100 ? "#4c1" : pc >= 80 ?
	    "#97ca00" : pc >= 50 ? "#dfb317" : pc >= 20 ? "#fe7d37" :
	    "#e05d44";
	val_set(b, "label", val_cstr("checklist"));
	val_set(b, "value", val_cstr(value));
	val_set(b, "color", val_cstr(color));
	val_set(b, "label_width", val_int(lw));
	val_set(b, "value_width", val_int(vw));
	val_set(b, "width", val_int(lw + vw));
	val_set(b, "label_x", val_int(lw * 5));
	val_set(b, "value_x", val_int(lw * 10 + vw * 5));
	val_set(b, "label_text_width", val_int((lw - 10) * 10));
	val_set(b, "value_text_width", val_int((vw - 10) * 10));
}

/* The summary over all checklists; tpl adds the template extras. */
static struct val *
report_summary(const struct report_input *in, size_t n, int tpl)
{
	struct counts c = {0, 0, 0};
	unsigned tally[SEV__MAX] = {0};
	size_t nf = 0, i;
	struct val *s = val_obj();

	for (i = 0; i < n; i++) {
		c.items += in[i].cl->total.items;
		c.checked += in[i].cl->total.checked;
		c.na += in[i].cl->total.na;
		if (in[i].fs) {
			findings_tally(in[i].fs, tally);
			nf += in[i].fs->n;
		}
	}
	val_set(s, "files", val_int((long long)n));
	report_counts(s, &c, tpl);
	val_set(s, "errors", val_int(tally[SEV_ERROR]));
	val_set(s, "warnings", val_int(tally[SEV_WARNING]));
	val_set(s, "infos", val_int(tally[SEV_INFO]));
	if (tpl) {
		val_set(s, "findings_count", val_int((long long)nf));
		val_set(s, "has_findings", val_bool(nf > 0));
		val_set(s, "blockers", val_int(tally[SEV_ERROR]));
		val_set(s, "blocked", val_bool(tally[SEV_ERROR] > 0));
		report_badge(s, &c);
	}
	return s;
}

/* version, generated_at, tool, summary: the head of every root. */
static struct val *
report_head(const struct report_input *in, size_t n, const char *gen,
    int tpl)
{
	struct val *o = val_obj(), *t;

	val_set(o, "version", val_int(1));
	val_set(o, "generated_at", val_cstr(gen));
	t = val_set(o, "tool", val_obj());
	val_set(t, "name", val_cstr("ticklist"));
	val_set(t, "version", val_cstr(TICKLIST_VERSION));
	val_set(o, "summary", report_summary(in, n, tpl));
	return o;
}

struct val *
report_json(const struct report_input *in, size_t n, const char *gen)
{
	struct val *o = report_head(in, n, gen, 0);
	struct val *arr = val_set(o, "checklists", val_arr());

	for (size_t i = 0; i < n; i++)
		val_push(arr, report_checklist(&in[i], 0));
	return o;
}

/* Dashboard order: least complete first, checklists without task items
 * last, ties in input order. */
static int
report_cmp(const void *a, const void *b)
{
	const struct report_input *x = *(const struct report_input *const *)a;
	const struct report_input *y = *(const struct report_input *const *)b;
	const struct counts *cx = &x->cl->total, *cy = &y->cl->total;
	double px, py;

	if ((cx->items == 0) != (cy->items == 0))
		return cx->items == 0 ? 1 : -1;
	px = cx->items ? (double)cx->checked / cx->items : 0;
	py = cy->items ? (double)cy->checked / cy->items : 0;
	if (px != py)
		return px < py ? -1 : 1;
	return x < y ? -1 : x > y;
}

struct val *
report_model(const struct report_input *in, size_t n, const char *gen)
{
	struct val *o = report_head(in, n, gen, 1);
	struct val *arr = val_set(o, "checklists", val_arr());
	const struct report_input **order = xcalloc(n ? n : 1,
	    sizeof(*order));
	size_t i;

	for (i = 0; i < n; i++)
		order[i] = &in[i];
	qsort(order, n, sizeof(*order), report_cmp);
	for (i = 0; i < n; i++)
		report_ends(val_push(arr, report_checklist(order[i], 1)), i, n);
	val_set(o, "has_checklists", val_bool(n > 0));
	free(order);
	return o;
}

struct val *
report_page(const struct report_input *in, size_t n, size_t i,
    const char *gen)
{
	struct val *o = report_head(in, n, gen, 1);

	val_set(o, "checklist", report_checklist(&in[i], 1));
	return o;
}
