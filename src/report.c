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

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "itemmeta.h"
#include "model.h"
#include "report.h"
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
	struct counts c = { items, checked, 0 };

	if (items == 0)
		return val_null();
	return val_num(verdict_percent(verdict_permille(&c)), 1);
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
		if (lo > 0 && line <= itemmeta_item_end(cl, &cl->items[lo - 1]))
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
}

/* A lint finding object, as `lint --format json` writes it, appended to
 * arr. */
static struct val *
report_finding(struct val *arr, const struct finding *f, int tpl)
{
	struct val *o = val_push_obj(arr);

	val_put_str(o, "file", f->file);
	val_put_int(o, "line", f->line);
	val_put_int(o, "column", f->col);
	val_put_int(o, "end_line", f->end_line);
	val_put_int(o, "end_column", f->end_col);
	val_put_str(o, "severity", sev_name(f->sev));
	val_put_str(o, "rule", f->rule);
	val_put_str(o, "message", f->message);
	if (tpl) {
		val_put_bool(o, "error", f->sev == SEV_ERROR);
		val_put_bool(o, "warning", f->sev == SEV_WARNING);
		val_put_bool(o, "info", f->sev == SEV_INFO);
	}
	return o;
}

/* The findings of bucket group g as a list, with has_<name>. */
static void
report_group_findings(struct val *o, const struct rctx *rc,
    const struct bucket *b, size_t g, const char *name, const char *has)
{
	struct val *arr = val_put_arr(o, name);
	size_t n = b->start[g + 1] - b->start[g];

	for (size_t k = 0; k < n; k++)
		report_ends(report_finding(arr, &rc->fs->v[
		    b->idx[b->start[g] + k]], 1), k, n);
	val_put_bool(o, has, n > 0);
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
	for (k = 0; k < n; k++)
		report_ends(report_finding(arr, &rc->fs->v[lo + k], 1), k, n);
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

	val_put_str(t, "owner", m ? m->owner : NULL);
	val_put_str(t, "due", m ? m->due : NULL);
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

/* Every task item in source order as key (the pinned "tasks" of status
 * JSON and report.json): text, line, column, state, section, owner, due,
 * evidence. */
static void
report_task_list(struct val *o, const char *key, const struct checklist *cl)
{
	struct val *arr = val_put_arr(o, key);
	long today = when_today();

	for (size_t i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];
		struct val *t = val_push_obj(arr);
		val_put_str(t, "text", it->text);
		val_put_int(t, "line", it->line);
		val_put_int(t, "column", it->col);
		val_put_str(t, "state", it->state == ITEM_OPEN ? "open" :
		    it->state == ITEM_DONE ? "done" : "na");
		val_put_str(t, "section", it->section >= 0 ?
		    cl->sections[it->section].title : NULL);
		report_item_meta(t, cl, i, 0, today);
	}
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

/* The task items of bucket group g as "tasks", with has_tasks. */
static void
report_tasks(struct val *o, const struct rctx *rc, size_t g)
{
	const struct bucket *b = &rc->sec_items;
	struct val *arr = val_put_arr(o, "tasks");
	size_t n = b->start[g + 1] - b->start[g];
	long today = when_today();

	for (size_t k = 0; k < n; k++) {
		size_t ii = b->idx[b->start[g] + k];
		const struct item *it = &rc->cl->items[ii];
		struct val *t = val_push_obj(arr);
		val_put_str(t, "state", state_names[it->state]);
		val_put_str(t, "state_label", state_labels[it->state]);
		val_put_str(t, "text", it->text);
		val_put_str(t, "html", it->html ? it->html : "");
		val_put_int(t, "line", it->line);
		val_put_int(t, "column", it->col);
		val_put_int(t, "depth", it->depth);
		val_put_bool(t, "done", it->state == ITEM_DONE);
		val_put_bool(t, "open", it->state == ITEM_OPEN);
		val_put_bool(t, "na", it->state == ITEM_NA);
		report_item_meta(t, rc->cl, ii, 1, today);
		report_group_findings(t, rc, &rc->item_finds, ii, "findings",
		    "has_findings");
		report_ends(t, k, n);
	}
	val_put_bool(o, "has_tasks", n > 0);
}

/* Sections as a tree without recursion: an explicit stack of the arrays
 * being filled, since heading depth is bounded by 6 but sibling lists are
 * not. rc is NULL for the plain status object. */
static void
report_sections(struct val *arr, const struct checklist *cl, int first,
    const struct rctx *rc)
{
	struct { int sec; struct val *arr; int first; } stack[8];
	int sp = 0;

	stack[0].sec = first;
	stack[0].arr = arr;
	stack[0].first = 1;
	while (sp >= 0) {
		int i = stack[sp].sec;
		if (i < 0) {
			sp--;
			continue;
		}
		const struct section *s = &cl->sections[i];
		struct val *o = val_push_obj(stack[sp].arr);
		stack[sp].sec = s->next_sibling;
		val_put_str(o, "title", s->title);
		val_put_int(o, "level", s->level);
		val_put_int(o, "line", s->line);
		report_counts(o, &s->total, rc != NULL);
		struct val *kids = val_put_arr(o, "sections");
		if (rc != NULL) {
			int hl = sp + 2;
			val_put_int(o, "hlevel", hl > 6 ? 6 : hl);
			report_tasks(o, rc, (size_t)i + 1);
			report_group_findings(o, rc, &rc->sec_finds,
			    (size_t)i + 1, "findings_here",
			    "has_findings_here");
			val_put_bool(o, "first", stack[sp].first);
			val_put_bool(o, "last", s->next_sibling < 0);
			stack[sp].first = 0;
		}
		if (s->first_child >= 0 && sp + 1 < 8) {
			sp++;
			stack[sp].sec = s->first_child;
			stack[sp].arr = kids;
			stack[sp].first = 1;
		}
	}
}

/* The verdict's sign-off, pinned {state, signed, required}; tpl adds
 * label, signed_n (= signed), has_entries and the older filled/total. */
static void
report_signoff(struct val *o, const struct verdict_signoff *so, int tpl)
{
	struct val *s = val_put_obj(o, "signoff");

	val_put_str(s, "state", verdict_signoff_names[so->state]);
	val_put_int(s, "signed", so->signed_n);
	val_put_int(s, "required", so->required);
	if (!tpl)
		return;
	val_put_str(s, "label", verdict_signoff_labels[so->state]);
	val_put_int(s, "signed_n", so->signed_n);
	val_put_bool(s, "has_entries", so->required > 0);
	val_put_int(s, "filled", so->signed_n);
	val_put_int(s, "total", so->required);
}

/* The status object, in o; with rc, the template extras of sections and
 * fields too. */
static struct val *
report_status_x(struct val *o, const struct checklist *cl,
    const struct rctx *rc, const struct verdict *v)
{
	struct val *m, *secs, *fs;
	size_t i;

	val_put_str(o, "file", cl->file);
	val_put_str(o, "title", cl->title);
	m = val_put_obj(o, "metadata");
	for (i = 0; i < cl->nmeta; i++)
		val_put_strk(m, cl->meta[i].key, cl->meta[i].value);
	report_counts(o, &cl->total, rc != NULL);
	secs = val_put_arr(o, "sections");
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
	fs = val_put_arr(o, "fields");
	for (i = 0; i < cl->nfields; i++) {
		const struct field *f = &cl->fields[i];
		struct val *fo = val_push_obj(fs);
		val_put_str(fo, "label", f->label);
		val_put_str(fo, "value", f->value);
		val_put_bool(fo, "filled", f->filled);
		val_put_int(fo, "line", f->line);
		val_put_int(fo, "column", f->col);
		if (rc != NULL) {
			val_put_bool(fo, "blank", !f->filled);
			/* A field runs to the next field on its line. */
			int end = i + 1 < cl->nfields &&
			    cl->fields[i + 1].line == f->line ?
			    cl->fields[i + 1].col : INT_MAX;
			report_line_findings(fo, rc, f->line, f->col, end);
			report_ends(fo, i, cl->nfields);
		}
	}
	report_signoff(o, &v->signoff, rc != NULL);
	/* The templates' "tasks" are a section's own: all of them go into
	 * report.json's "tasks" from "all_tasks". */
	report_task_list(o, rc != NULL ? "all_tasks" : "tasks", cl);
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


struct val *
report_checklist_in(struct arena *a, const struct report_input *in)
{
	const struct checklist *cl = in->cl;
	size_t nf = in->fs ? in->fs->n : 0, i;
	struct verdict v;
	struct rctx rc;
	struct val *o = a ? val_obj_in(a) : val_obj(), *arr;

	verdict_make(&v, cl, in->fs, SEV_ERROR);
	report_rctx_init(&rc, cl, in->fs);
	report_status_x(o, cl, &rc, &v);
	arr = val_put_arr(o, "findings");
	for (i = 0; i < nf; i++)
		report_ends(report_finding(arr, &in->fs->v[i], 1), i, nf);
	val_put_str(o, "page", in->page);
	val_put_int(o, "errors", v.tally[SEV_ERROR]);
	val_put_int(o, "warnings", v.tally[SEV_WARNING]);
	val_put_int(o, "infos", v.tally[SEV_INFO]);
	val_put_int(o, "findings_count", (long long)nf);
	val_put_bool(o, "has_findings", nf > 0);
	arr = val_put_arr(o, "blockers");
	for (i = 0; i < v.nblockers; i++)
		report_ends(report_finding(arr, &in->fs->v[v.blockers[i]], 1),
		    i, v.nblockers);
	val_put_bool(o, "blocked", v.state == VSTATE_BLOCKED);
	val_put_bool(o, "is_complete", v.state == VSTATE_COMPLETE);
	val_put_bool(o, "is_progress", v.state == VSTATE_PROGRESS);
	val_put_bool(o, "is_empty", v.state == VSTATE_EMPTY);
	val_put_str(o, "state", verdict_state_names[v.state]);
	val_put_str(o, "state_label", verdict_state_labels[v.state]);
	report_meta(o, cl);
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
	report_tasks(o, &rc, 0);
	report_group_findings(o, &rc, &rc.sec_finds, 0, "findings_top",
	    "has_findings_top");
	report_rctx_free(&rc);
	verdict_free(&v);
	return o;
}

/* The members of report.json's checklist objects, to write one from the
 * template model's (which has every one of them, in the same order,
 * among its extras). sub: the view of each element of an array or of an
 * object member; all: every member, as it is. */
struct jview {
	const char		*key;
	const char		*head;	/* "\"key\": " */
	size_t			 nhead;
	const struct jview	*sub;
	int			 all;
};

#define JV(k, sub, all)	{ k, "\"" k "\": ", sizeof(k) + 3, sub, all }
#define JV_END		{ NULL, NULL, 0, NULL, 0 }
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
static const struct jview jv_signoff[] = {
	JV("state", NULL, 0), JV("signed", NULL, 0), JV("required", NULL, 0),
	JV_END
};
static const struct jview jv_checklist[] = {
	JV("file", NULL, 0), JV("title", NULL, 0), JV("metadata", NULL, 1),
	JV("items", NULL, 0), JV("checked", NULL, 0), JV("na", NULL, 0),
	JV("percent", NULL, 0), JV("sections", jv_section, 0),
	JV("fields", jv_field, 0), JV("signoff", jv_signoff, 0),
	{ "all_tasks", "\"tasks\": ", 9, jv_task, 0 },
	JV("findings", jv_finding, 0), JV("page", NULL, 0),
	JV("state", NULL, 0), JV("error", NULL, 0),
	JV("waivers", jv_waiver, 0), JV("overdue", NULL, 0), JV_END
};
#undef JV
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

/* ",\n" (if comma) and the indentation of depth. */
static void
report_json_indent(struct buf *b, int comma, int depth)
{
	static const char sp[] = ",\n                              ";
	size_t n = 2 * (size_t)depth + 1;

	if (n + 1 < sizeof(sp))
		buf_put(b, sp + !comma, n + comma);
	else {
		buf_put(b, sp + !comma, 1 + comma);
		for (; n > 1; n--)
			buf_putc(b, ' ');
	}
}

/* v as val_json(v, 2) would write it at depth, with only the members
 * view names (view NULL: all of them). */
static void
report_json_view(struct buf *b, const struct val *v, const struct jview *view,
    int depth)
{
	size_t i, n, out = 0;
	enum val_type t = val_type(v);
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
	buf_putc(b, t == VAL_ARR ? '[' : '{');
	for (i = 0; i < n; i++) {
		const struct jview *row = NULL;
		if (t == VAL_OBJ &&
		    (row = report_jview_find(view, val_key_at(v, i))) == NULL)
			continue;
		report_json_indent(b, out++ > 0, depth + 1);
		if (row != NULL) {
			buf_put(b, row->head, row->nhead);
			report_json_view(b, val_at(v, i), row->all ? NULL :
			    row->sub, depth + 1);
		} else
			report_json_view(b, val_at(v, i), view, depth + 1);
	}
	if (out)
		report_json_indent(b, 0, depth);
	buf_putc(b, t == VAL_ARR ? ']' : '}');
}

void
report_json_element(struct buf *b, const struct val *checklist)
{
	report_json_view(b, checklist, jv_checklist, 2);
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
	int p = verdict_permille(c);
	long lw = 9 * 7 + 10, vw = (long)strlen(value) * 7 + 10;
	struct val *b = val_put_obj(sum, "badge");

	color = p < 0 ? "#9f9f9f" : p >= 1000 ? "#4c1" : p >= 800 ?
	    "#97ca00" : p >= 500 ? "#dfb317" : p >= 200 ? "#fe7d37" :
	    "#e05d44";
	val_put_str(b, "label", "checklist");
	val_put_str(b, "value", value);
	val_put_str(b, "color", color);
	val_put_int(b, "label_width", lw);
	val_put_int(b, "value_width", vw);
	val_put_int(b, "width", lw + vw);
	val_put_int(b, "label_x", lw * 5);
	val_put_int(b, "value_x", lw * 10 + vw * 5);
	val_put_int(b, "label_text_width", (lw - 10) * 10);
	val_put_int(b, "value_text_width", (vw - 10) * 10);
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
	for (size_t i = 0; i < in->cl->nitems; i++)
		t->overdue += report_overdue(in->cl, i, when_today());
	verdict_free(&v);
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
		report_badge(s, &t->c);
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

/* Dashboard order: least complete first, checklists without task items
 * last, ties in input order. */
static int
report_cmp(const void *a, const void *b)
{
	const struct report_input *x = *(const struct report_input *const *)a;
	const struct report_input *y = *(const struct report_input *const *)b;
	int c = report_cmp_counts(&x->cl->total, &y->cl->total);

	if (c != 0)
		return c;
	return x < y ? -1 : x > y;
}

struct val *
report_model(const struct report_input *in, size_t n, const char *gen)
{
	struct val *o = report_head(NULL, in, n, gen, 1);
	struct val *arr = val_put_arr(o, "checklists");
	const struct report_input **order = xcalloc(n ? n : 1,
	    sizeof(*order));
	size_t i;

	for (i = 0; i < n; i++)
		order[i] = &in[i];
	qsort(order, n, sizeof(*order), report_cmp);
	for (i = 0; i < n; i++)
		report_ends(val_push(arr, report_checklist_in(NULL, order[i])), i, n);
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
