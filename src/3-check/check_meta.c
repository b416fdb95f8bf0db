/* check_meta.c: checkers of what an item or a file says about time and
 * proof: overdue, evidence-required, stale-review, expired-waiver,
 * invalid-waiver and template-drift, and the suppression by waivers that
 * have not expired. The item metadata and the waivers come from
 * itemmeta.c. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "doc.h"
#include "itemmeta.h"
#include "model.h"
#include "read.h"
#include "rule.h"
#include "when.h"
#include "xalloc.h"

/* Open items whose due date is before today, at the item. */
void
check_overdue(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	long today = when_today();

	if (cl->imeta == NULL)
		return;
	for (size_t i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];
		const struct itemmeta *m = &cl->imeta[i];

		if (it->state != ITEM_OPEN || m->due == NULL ||
		    m->due_ymd >= today ||
		    !check_in_section(st, r, it->section))
			continue;
		check_emit(st, r, it->line, it->col, it->line, it->col,
		    it->text, strlen(it->text), m->due,
		    check_title(st, it->section));
	}
}

/* Checked items in the rule's sections without evidence, unless they
 * are approvals. */
void
check_evidence(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;

	if (cl->imeta == NULL)
		return;
	for (size_t i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];

		if (it->state != ITEM_DONE || cl->imeta[i].nevidence > 0 ||
		    itemmeta_is_approval(it->text) ||
		    !check_in_section_below_title(st, r, it->section))
			continue;
		check_emit(st, r, it->line, it->col, it->line, it->col,
		    it->text, strlen(it->text), NULL,
		    check_title(st, it->section));
	}
}

/* Labels of review and expiry dates, as block text shows them. */
static const char *const stale_labels[] = { "next review", "review by",
    "expires", "valid until", NULL };
/* The same as front matter keys. */
static const char *const stale_keys[] = { "review_by", "expires",
    "next_review", "valid_until", NULL };

/* The line of front matter key in the source, or 1. */
static int
check_meta_key_line(const struct checklist *cl, const char *key)
{
	size_t k = strlen(key);

	for (size_t l = 1; cl->src != NULL && l <= cl->nlines && l < 200;
	    l++) {
		const char *p = cl->src + cl->lines[l - 1];
		size_t left = cl->srclen - cl->lines[l - 1];
		if (left > k && memcmp(p, key, k) == 0 &&
		    (p[k] == ':' || p[k] == ' '))
			return (int)l;
	}
	return 1;
}

/* Review and expiry dates in the past: front matter keys (at their
 * line), then labelled dates in the text of every block but code and
 * headings. */
void
check_stale_review(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	long today = when_today(), ymd;
	size_t i, j, k;

	for (i = 0; i < cl->nmeta; i++) {
		const char *v = cl->meta[i].value;
		for (j = 0; stale_keys[j] != NULL; j++)
			if (strcmp(cl->meta[i].key, stale_keys[j]) == 0)
				break;
		if (stale_keys[j] == NULL || v == NULL || strlen(v) < 10 ||
		    !itemmeta_date(v, &ymd) || ymd >= today)
			continue;
		int l = check_meta_key_line(cl, cl->meta[i].key);
		check_emit(st, r, l, 1, l, 1, v, 10, cl->meta[i].key, NULL);
	}
	for (i = 0; i < cl->nblocks; i++) {
		const struct block *b = &cl->blocks[i];
		const char *t = b->text;

		if (b->kind == BLOCK_CODE || b->kind == BLOCK_HEADING ||
		    !(b->has & BLOCK_HAS_COLON) ||
		    !check_in_section(st, r, b->section))
			continue;
		/* Every label is followed by ':' (after spaces): look back
		 * from each colon for a label that ends there. */
		for (const char *colon = memchr(t, ':', b->len); colon != NULL;
		    colon = memchr(colon + 1, ':', b->len -
		    (size_t)(colon + 1 - t))) {
			size_t e = (size_t)(colon - t), d = e, m = 0;

			while (e > 0 && t[e - 1] == ' ')
				e--;
			for (j = 0; stale_labels[j] != NULL; j++) {
				m = strlen(stale_labels[j]);
				k = e - m;
				if (e >= m && itemmeta_word(t + k, m,
				    stale_labels[j]) && (k == 0 ||
				    !(isalnum((unsigned char)t[k - 1]) ||
				    t[k - 1] == '_')))
					break;
			}
			if (stale_labels[j] == NULL)
				continue;
			for (d++; d < b->len && t[d] == ' '; d++)
				;
			if (b->len - d < 10 || !itemmeta_date(t + d, &ymd) ||
			    ymd >= today)
				continue;
			char label[32];
			int l, c, el, ec;
			snprintf(label, sizeof(label), "%.*s", (int)(e - k),
			    t + k);
			checklist_block_pos(cl, b, k, &l, &c);
			checklist_block_pos(cl, b, d + 9, &el, &ec);
			check_emit(st, r, l, c, el, ec, t + d, 10, label,
			    check_title(st, b->section));
		}
	}
}

/* A finding at waiver w's comment: {match} what, {label} label. */
static void
check_waiver_emit(struct check_state *st, const struct rule *r,
    const struct waiver *w, const char *what, const char *label)
{
	check_emit(st, r, w->line, 1, w->line, 1, what, strlen(what), label,
	    NULL);
}

/* Valid waivers whose date has passed, at the comment. */
void
check_expired_waiver(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	long today = when_today();

	for (size_t i = 0; i < cl->nwaivers; i++) {
		const struct waiver *w = &cl->waivers[i];

		if (w->problem == NULL && w->until_ymd < today)
			check_waiver_emit(st, r, w, w->rules, w->until);
	}
}

/* Waivers without a rule, a date or a reason, at the comment. */
void
check_invalid_waiver(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;

	for (size_t i = 0; i < cl->nwaivers; i++)
		if (cl->waivers[i].problem != NULL)
			check_waiver_emit(st, r, &cl->waivers[i],
			    cl->waivers[i].problem, cl->waivers[i].rules);
}

/* Live waivers by first line, with the largest last line so far: a
 * finding's line is covered only by waivers at or before it in this
 * order, and the scan back stops where no earlier one reaches it. */
struct waive_at {
	const struct waiver	*w;
	int			 reach;
};

static int
check_waive_cmp(const void *a, const void *b)
{
	const struct waive_at *x = a, *y = b;

	return (x->w->first > y->w->first) - (x->w->first < y->w->first);
}

/* Compact out the findings a live waiver covers, as check_suppress
 * does for disable comments: O(log n) a finding plus the waivers that
 * overlap its line. */
void
check_waive(const struct checklist *cl, struct findings *out, size_t first)
{
	long today;
	size_t i, j, n = 0, lo, hi;
	struct waive_at *v;
	unsigned char *drop;

	if (cl->nwaivers == 0)
		return;
	today = when_today();
	v = xcalloc(cl->nwaivers, sizeof(*v));
	for (i = 0; i < cl->nwaivers; i++)
		if (cl->waivers[i].problem == NULL &&
		    cl->waivers[i].until_ymd >= today &&
		    cl->waivers[i].last >= cl->waivers[i].first)
			v[n++].w = &cl->waivers[i];
	if (n > 0)
		qsort(v, n, sizeof(*v), check_waive_cmp);
	for (i = 0; i < n; i++)
		v[i].reach = i > 0 && v[i - 1].reach > v[i].w->last ?
		    v[i - 1].reach : v[i].w->last;
	drop = xcalloc(out->n - first + 1, 1);
	for (i = first; i < out->n; i++) {
		const struct finding *f = &out->v[i];

		for (lo = 0, hi = n; lo < hi; ) {	/* first after line */
			size_t mid = (lo + hi) / 2;
			if (v[mid].w->first <= f->line)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (j = lo; j > 0 && v[j - 1].reach >= f->line &&
		    !drop[i - first]; j--)
			drop[i - first] = (unsigned char)itemmeta_waives(
			    v[j - 1].w, f->rule, f->line);
	}
	findings_drop(out, first, drop);
	free(drop);
	free(v);
}

/*
 * template-drift. Texts are compared normalised (ASCII lowercased,
 * punctuation and markup runs as one space); a checklist text equal to a
 * template text, or starting with it, matches it. What is left is paired
 * by the Dice coefficient of their byte bigrams: at or above
 * DRIFT_SIMILAR a pair is the same text reworded, else the template text
 * is missing and the checklist text added.
 */
#define DRIFT_SIMILAR	0.6
#define DRIFT_MAXPAIRS	4000000

struct drift_text {
	char		*norm;
	uint16_t	*bi;	/* sorted bigrams */
	size_t		 nbi;
	int		 match;	/* index on the other side, or -1 */
	int		 exact;
};

static int
drift_cmp16(const void *a, const void *b)
{
	return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/* Normalise s into d: lowercase ASCII, other punctuation runs as one
 * space, and its sorted byte bigrams. */
static void
drift_norm(struct drift_text *d, const char *s)
{
	size_t n = strlen(s), k = 0, i;
	char *o = xmalloc(n + 1);

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c) || c >= 0x80)
			o[k++] = (char)tolower(c);
		else if (k > 0 && o[k - 1] != ' ')
			o[k++] = ' ';
	}
	while (k > 0 && o[k - 1] == ' ')
		k--;
	o[k] = '\0';
	d->norm = o;
	d->nbi = k > 1 ? k - 1 : 0;
	d->bi = xmalloc((d->nbi + 1) * sizeof(uint16_t));
	for (i = 0; i < d->nbi; i++)
		d->bi[i] = (uint16_t)((unsigned char)o[i] << 8 |
		    (unsigned char)o[i + 1]);
	qsort(d->bi, d->nbi, sizeof(uint16_t), drift_cmp16);
	d->match = -1;
	d->exact = 0;
}

static double
drift_dice(const struct drift_text *a, const struct drift_text *b)
{
	size_t i = 0, j = 0, common = 0;

	if (a->nbi + b->nbi == 0)
		return 0;
	while (i < a->nbi && j < b->nbi) {
		if (a->bi[i] == b->bi[j]) {
			common++;
			i++;
			j++;
		} else if (a->bi[i] < b->bi[j])
			i++;
		else
			j++;
	}
	return 2.0 * (double)common / (double)(a->nbi + b->nbi);
}

/* Does checklist text c match template text t exactly (or start with it,
 * as a filled-in copy does)? */
static int
drift_same(const char *t, const char *c)
{
	size_t n = strlen(t);

	return n > 0 && strncmp(t, c, n) == 0 && (c[n] == '\0' ||
	    c[n] == ' ');
}

/* A template text and a checklist text, and how similar they are. */
struct drift_pair {
	double	s;
	size_t	t, c;
};

/* Most similar first, then in template and checklist order. */
static int
drift_cmp(const void *a, const void *b)
{
	const struct drift_pair *x = a, *y = b;

	if (x->s != y->s)
		return x->s > y->s ? -1 : 1;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->c > y->c) - (x->c < y->c);
}

/* Pair template texts tv[0..nt) with checklist texts cv[0..nc). */
static void
drift_pair(struct drift_text *tv, size_t nt, struct drift_text *cv,
    size_t nc)
{
	size_t i, j;

	for (i = 0; i < nt; i++)
		for (j = 0; j < nc; j++)
			if (cv[j].match < 0 && drift_same(tv[i].norm,
			    cv[j].norm)) {
				tv[i].match = (int)j;
				cv[j].match = (int)i;
				tv[i].exact = cv[j].exact = 1;
				break;
			}
	/* Every pair of texts left at or above the threshold, most similar
	 * first (ties in template order), taken while both are free. Past
	 * DRIFT_MAXPAIRS comparisons the rest stays missing and added. */
	struct drift_pair *pv = NULL;
	size_t np = 0, cap = 0, cmp = 0;

	for (i = 0; i < nt && cmp < DRIFT_MAXPAIRS; i++) {
		if (tv[i].match >= 0)
			continue;
		for (j = 0; j < nc && cmp < DRIFT_MAXPAIRS; j++) {
			double sc;
			if (cv[j].match >= 0)
				continue;
			cmp++;
			if ((sc = drift_dice(&tv[i], &cv[j])) < DRIFT_SIMILAR)
				continue;
			pv = xgrow(pv, &cap, np + 1, sizeof(*pv));
			pv[np].s = sc;
			pv[np].t = i;
			pv[np++].c = j;
		}
	}
	if (np > 0)
		qsort(pv, np, sizeof(*pv), drift_cmp);
	for (i = 0; i < np; i++)
		if (tv[pv[i].t].match < 0 && cv[pv[i].c].match < 0) {
			tv[pv[i].t].match = (int)pv[i].c;
			cv[pv[i].c].match = (int)pv[i].t;
		}
	free(pv);
}

static void
drift_free(struct drift_text *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].norm);
		free(v[i].bi);
	}
	free(v);
}

/* Sections a drift check compares: all but the one giving the title. */
static int
drift_section_counts(const struct checklist *cl, size_t i)
{
	return (int)i != cl->title_section;
}

/* A template-drift finding: what (with the template line) and the text
 * it is about, the finding's key. */
static void
drift_emit(struct check_state *st, const struct rule *r, int line, int col,
    const char *what, const char *text, const char *section)
{
	check_emit(st, r, line, col, line, col, text, strlen(text), what,
	    section);
}

/* Compare cl with template tcl (named path) and report. */
static void
drift_compare(struct check_state *st, const struct rule *r,
    const struct checklist *tcl, const char *path)
{
	const struct checklist *cl = st->cl;
	struct drift_text *ts = xcalloc(tcl->nsections + 1, sizeof(*ts));
	struct drift_text *cs = xcalloc(cl->nsections + 1, sizeof(*cs));
	struct drift_text *ti = xcalloc(tcl->nitems + 1, sizeof(*ti));
	struct drift_text *ci = xcalloc(cl->nitems + 1, sizeof(*ci));
	char m[512];
	size_t i;
	int l, c;
	const char *base = strrchr(path, '/');

	/* Messages name the template by its file name, to stay short. */
	path = base ? base + 1 : path;

	for (i = 0; i < tcl->nsections; i++)
		drift_norm(&ts[i], drift_section_counts(tcl, i) ?
		    tcl->sections[i].title : "");
	for (i = 0; i < cl->nsections; i++)
		drift_norm(&cs[i], drift_section_counts(cl, i) ?
		    cl->sections[i].title : "");
	for (i = 0; i < tcl->nitems; i++)
		drift_norm(&ti[i], tcl->items[i].text);
	for (i = 0; i < cl->nitems; i++)
		drift_norm(&ci[i], cl->items[i].text);
	drift_pair(ts, tcl->nsections, cs, cl->nsections);
	drift_pair(ti, tcl->nitems, ci, cl->nitems);
	for (i = 0; i < tcl->nsections; i++) {
		const struct section *s = &tcl->sections[i];
		if (ts[i].norm[0] == '\0' || ts[i].exact)
			continue;
		if (ts[i].match >= 0) {
			const struct section *cs2 = &cl->sections[ts[i].match];
			snprintf(m, sizeof(m), "template section (%s:%d) is "
			    "reworded, now", path, s->line);
			drift_emit(st, r, cs2->line, cs2->col, m, cs2->title,
			    NULL);
		} else {
			snprintf(m, sizeof(m), "template section (%s:%d) is "
			    "missing:", path, s->line);
			drift_emit(st, r, cl->title_line, 1, m, s->title, NULL);
		}
	}
	for (i = 0; i < tcl->nitems; i++) {
		const struct item *t = &tcl->items[i];
		if (ti[i].exact || ti[i].norm[0] == '\0')
			continue;
		if (ti[i].match >= 0) {
			const struct item *it = &cl->items[ti[i].match];
			snprintf(m, sizeof(m), "template item (%s:%d) is "
			    "reworded, now", path, t->line);
			drift_emit(st, r, it->line, it->col, m, it->text,
			    check_title(st, it->section));
		} else {
			int ts2 = t->section, cs2 = ts2 >= 0 ? ts[ts2].match :
			    -1;
			snprintf(m, sizeof(m), "template item (%s:%d) is "
			    "missing:", path, t->line);
			l = cs2 >= 0 ? cl->sections[cs2].line : cl->title_line;
			c = cs2 >= 0 ? cl->sections[cs2].col : 1;
			drift_emit(st, r, l, c, m, t->text,
			    check_title(st, cs2));
		}
	}
	for (i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];
		size_t before = st->out->n;
		if (ci[i].match >= 0 || ci[i].norm[0] == '\0')
			continue;
		snprintf(m, sizeof(m), "item not in the template (%s):", path);
		drift_emit(st, r, it->line, it->col, m, it->text,
		    check_title(st, it->section));
		/* Additions are for information. */
		if (st->out->n > before)
			st->out->v[before].sev = SEV_INFO;
	}
	drift_free(ts, tcl->nsections);
	drift_free(cs, cl->nsections);
	drift_free(ti, tcl->nitems);
	drift_free(ci, cl->nitems);
}

/* The template a checklist names: front matter "template", relative to
 * the checklist's directory; else its checklists: entry's (rs->template,
 * absolute). Returns a malloc'd path or NULL. */
static char *
drift_path(const struct checklist *cl, const struct rules *rs)
{
	const char *t = NULL, *slash;
	char *p;

	for (size_t i = 0; i < cl->nmeta; i++)
		if (strcmp(cl->meta[i].key, "template") == 0)
			t = cl->meta[i].value;
	if ((t == NULL || *t == '\0') && rs->template != NULL)
		return xstrdup(rs->template);
	if (t == NULL || *t == '\0')
		return NULL;
	slash = strrchr(cl->file, '/');
	if (t[0] == '/' || slash == NULL || strcmp(cl->file, "-") == 0)
		return xstrdup(t);
	p = xmalloc((size_t)(slash - cl->file) + strlen(t) + 2);
	memcpy(p, cl->file, (size_t)(slash - cl->file) + 1);
	strcpy(p + (slash - cl->file) + 1, t);
	return p;
}

/* Read and parse the template the checklist names, then compare. */
void
check_template_drift(struct check_state *st, const struct rule *r)
{
	char *path = drift_path(st->cl, st->rs);
	struct input in;
	struct checklist *tcl;

	if (path == NULL)
		return;
	if (read_input(path, 0, &in) == 0) {
		tcl = doc_parse(path, in.data, in.len);
		drift_compare(st, r, tcl, path);
		checklist_free(tcl);
		read_free(&in);
	}
	free(path);
}
