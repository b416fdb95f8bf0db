/* check_sections.c: checkers over sections, items and fields as a whole:
 * required-sections, required-items, completion, fields and signoff. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "check.h"
#include "model.h"
#include "rule.h"
#include "when.h"

/* Where signoff looks when a rule names no section. */
const char check_signoff_section[] = "(?i)sign[\\s-]*off|approv";

/* Where a finding about the whole checklist goes: its title line. */
static int
check_title_line(const struct checklist *cl)
{
	return cl->title_line > 0 ? cl->title_line : 1;
}

static const char *
check_pat_name(const struct rule_pat *p)
{
	return p->hint != NULL ? p->hint : p->src;
}

/* A paragraph that is a label introducing what follows ("**Approvals**:",
 * "Sign-off:"): short, ending in a colon. */
static int
check_label_block(const struct block *b)
{
	size_t n = b->len;

	while (n > 0 && (b->text[n - 1] == ' ' || b->text[n - 1] == '\n'))
		n--;
	return b->kind == BLOCK_PARAGRAPH && n > 1 && n <= 80 &&
	    (b->text[n - 1] == ':' || (n >= 3 &&
	    memcmp(b->text + n - 3, "\xef\xbc\x9a", 3) == 0)) &&
	    memchr(b->text, '\n', n) == NULL;
}

/* 1 if p names something in cl other than a heading: a field's label, a
 * label paragraph, a table (a sign-off table names its columns) or a task
 * item ("- [ ] Rollback plan documented" covers rollback): a section is
 * missing only when nothing in the checklist speaks of it. */
static int
check_section_elsewhere(struct check_state *st, const struct rule *r,
    const struct rule_pat *p)
{
	const struct checklist *cl = st->cl;

	if (p->level != 0)
		return 0;
	for (size_t i = 0; i < cl->nfields; i++) {
		const struct field *f = &cl->fields[i];

		if (f->label != NULL && check_matches(st, r, p->re, f->label,
		    strlen(f->label), f->line, f->col))
			return 1;
	}
	for (size_t i = 0; i < cl->nblocks; i++) {
		const struct block *b = &cl->blocks[i];

		if ((b->kind == BLOCK_TABLE || b->kind == BLOCK_ITEM ||
		    check_label_block(b)) &&
		    check_matches(st, r, p->re, b->text, b->len, b->line,
		    b->col))
			return 1;
	}
	return 0;
}

/* Each required section must be named by a heading (at the pattern's
 * level, if it gives one) or, without a level, by a field label, a label
 * paragraph, a table or a task item. */
void
check_required_sections(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;

	for (size_t i = 0; i < r->npats; i++) {
		const struct rule_pat *p = &r->pats[i];
		const char *name = check_pat_name(p);
		size_t s;

		if (p->re == NULL)
			continue;
		for (s = 0; s < cl->nsections; s++) {
			const struct section *sec = &cl->sections[s];

			if ((p->level == 0 || p->level == sec->level) &&
			    check_matches(st, r, p->re, sec->title,
			    strlen(sec->title), sec->line, sec->col))
				break;
		}
		if (s == cl->nsections && !check_section_elsewhere(st, r, p))
			check_emit(st, r, check_title_line(cl), 1,
			    check_title_line(cl), 1, p->src, strlen(p->src),
			    NULL, name);
	}
}

void
check_required_items(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	int line = check_title_line(cl), col = 1, sec = -1;
	size_t s, i, k;

	if (r->section_re != NULL) {
		for (s = 0; s < cl->nsections; s++)
			if (check_in_section(st, r, (int)s))
				break;
		if (s == cl->nsections) {
			check_emit(st, r, line, col, line, col, r->section_src,
			    strlen(r->section_src), NULL, r->section_src);
			return;
		}
		sec = (int)s;
		line = cl->sections[s].line;
		col = cl->sections[s].col;
	}
	for (k = 0; k < r->npats; k++) {
		const struct rule_pat *p = &r->pats[k];
		const char *name = check_pat_name(p);

		if (p->re == NULL)
			continue;
		for (i = 0; i < cl->nitems; i++) {
			const struct item *it = &cl->items[i];
			const char *t = it->text ? it->text : "";

			if (check_in_section(st, r, it->section) &&
			    check_matches(st, r, p->re, t, strlen(t), it->line,
			    it->col))
				break;
		}
		if (i == cl->nitems)
			check_emit(st, r, line, col, line, col, name,
			    strlen(name), NULL, check_title(st, sec));
	}
}

/* One completion finding if c is below min. */
static void
check_percent(struct check_state *st, const struct rule *r,
    const struct counts *c, const char *name, int line, int col)
{
	char m[96];
	double pct;

	if (c->items == 0)
		return;
	pct = 100.0 * c->checked / c->items;
	if (pct + 1e-9 >= r->min)
		return;
	snprintf(m, sizeof(m), "%.1f%% (%u of %u checked, %g%% required)",
	    pct, c->checked, c->items, r->min);
	check_emit(st, r, line, col, line, col, m, strlen(m), NULL, name);
}

void
check_completion(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;

	if (r->section_re == NULL) {
		check_percent(st, r, &cl->total, cl->title,
		    check_title_line(cl), 1);
		return;
	}
	for (size_t s = 0; s < cl->nsections; s++) {
		const struct section *sec = &cl->sections[s];

		if (check_matches(st, r, r->section_re, sec->title,
		    strlen(sec->title), sec->line, sec->col))
			check_percent(st, r, &sec->total, sec->title,
			    sec->line, sec->col);
	}
}

static const char *
check_label(const struct field *f)
{
	return f->label != NULL && f->label[0] != '\0' ? f->label :
	    "signature";
}

/* A value a tool fills in ("[AUTO-FILLED]", "[auto-generated]") is no
 * blank for a person to fill. */
static int
check_auto_value(const char *v)
{
	for (; v != NULL && *v != '\0'; v++)
		if (strncasecmp(v, "auto", 4) == 0 && (v[4] == '-' ||
		    v[4] == ' ' || strncasecmp(v + 4, "fill", 4) == 0 ||
		    strncasecmp(v + 4, "matic", 5) == 0 ||
		    strncasecmp(v + 4, "generat", 7) == 0))
			return 1;
	return 0;
}

void
check_fields(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	struct code_pos cp;

	memset(&cp, 0, sizeof(cp));
	for (size_t i = 0; i < cl->nfields; i++) {
		const struct field *f = &cl->fields[i];

		if (f->filled || !check_in_section(st, r, f->section) ||
		    check_auto_value(f->value) ||
		    check_pos_in_code(cl, f->line, f->col, &cp))
			continue;
		check_emit(st, r, f->line, f->col, f->line, f->col, NULL, 0,
		    check_label(f), check_title(st, f->section));
	}
}

/* Parse up to n digits at *s into *v; 0 if none. */
static int
check_digits(const char **s, int n, int *v)
{
	int k = 0;

	*v = 0;
	while (k < n && isdigit((unsigned char)**s)) {
		*v = *v * 10 + (**s - '0');
		(*s)++;
		k++;
	}
	return k == n;
}

/* Parse a date in fmt (%Y %m %d %H %M %S, literals) or, without fmt, ISO
 * 8601 (YYYY-MM-DD, optionally followed by a time). 1 if valid, with
 * the date as YYYYMMDD in *ymd. */
static int
check_date(const char *s, const char *fmt, long *ymd)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};
	int y = -1, m = -1, d = -1, v;

	if (fmt == NULL) {
		if (!check_digits(&s, 4, &y) || *s++ != '-' ||
		    !check_digits(&s, 2, &m) || *s++ != '-' ||
		    !check_digits(&s, 2, &d))
			return 0;
		if (*s == 'T' || *s == ' ') {
			int hh, mm;
			s++;
			if (!check_digits(&s, 2, &hh) || *s++ != ':' ||
			    !check_digits(&s, 2, &mm) || hh > 23 || mm > 59)
				return 0;
			s += strcspn(s, " ");
		}
		if (*s != '\0')
			return 0;
	} else {
		for (; *fmt != '\0'; fmt++) {
			if (*fmt != '%') {
				if (*s++ != *fmt)
					return 0;
				continue;
			}
			switch (*++fmt) {
			case 'Y':
				if (!check_digits(&s, 4, &y))
					return 0;
				break;
			case 'm':
				if (!check_digits(&s, 2, &m))
					return 0;
				break;
			case 'd':
				if (!check_digits(&s, 2, &d))
					return 0;
				break;
			case 'H': case 'M': case 'S':
				if (!check_digits(&s, 2, &v) || v > 59 ||
				    (*fmt == 'H' && v > 23))
					return 0;
				break;
			case '%':
				if (*s++ != '%')
					return 0;
				break;
			default:
				return 0;
			}
		}
		if (*s != '\0' || y < 0 || m < 0 || d < 0)
			return 0;
	}
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return 0;
	*ymd = (long)y * 10000 + m * 100 + d;
	return 1;
}

/* Fields whose label has the word "date" (any case) hold dates. */
static int
check_is_date_label(const char *l)
{
	for (; l != NULL && *l != '\0'; l++)
		if (tolower((unsigned char)l[0]) == 'd' &&
		    strncmp(l + 1, "ate", 3) == 0 &&
		    !isalpha((unsigned char)l[4]))
			return 1;
	return 0;
}

/* Is there an enabled rule of kind fields covering every section? Then
 * signoff leaves blank fields to it instead of reporting them twice. */
static int
check_fields_rule(const struct check_state *st)
{
	for (size_t i = 0; i < st->rs->n; i++)
		if (st->rs->v[i].kind->check == check_fields &&
		    st->sev[i] != SEV_OFF && st->rs->v[i].section_re == NULL)
			return 1;
	return 0;
}

/* Is section sec (or an ancestor) a sign-off section of r? The H1 that
 * titles the checklist counts only for what sits directly under it:
 * "# QA Sign-Off Template" does not make every section below it a
 * sign-off. */
static int
check_signoff_in(struct check_state *st, const struct rule *r, int sec)
{
	const struct checklist *cl = st->cl;

	if (r->section_re == NULL)
		return 1;
	for (int s = sec; s >= 0 && (size_t)s < cl->nsections;
	    s = cl->sections[s].parent) {
		const struct section *x = &cl->sections[s];

		if (s == cl->title_section && s != sec)
			return 0;
		if (check_matches(st, r, r->section_re, x->title,
		    strlen(x->title), x->line, x->col))
			return 1;
	}
	return 0;
}

void
check_signoff(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	char m[512];
	long ymd, today = when_today();
	int blanks = !check_fields_rule(st);
	struct code_pos cp;
	size_t i;

	memset(&cp, 0, sizeof(cp));
	for (i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];

		if (it->state != ITEM_OPEN ||
		    !check_signoff_in(st, r, it->section))
			continue;
		snprintf(m, sizeof(m), "'%s' is not checked",
		    it->text ? it->text : "");
		check_emit(st, r, it->line, it->col, it->line, it->col, m,
		    strlen(m), NULL, check_title(st, it->section));
	}
	for (i = 0; i < cl->nfields; i++) {
		const struct field *f = &cl->fields[i];
		char v[128];
		size_t n;

		if (!check_signoff_in(st, r, f->section) ||
		    check_pos_in_code(cl, f->line, f->col, &cp))
			continue;
		if (!f->filled || f->value == NULL) {
			if (!blanks)
				continue;
			snprintf(m, sizeof(m), "'%s' is blank",
			    check_label(f));
		} else {
			if (!check_is_date_label(f->label))
				continue;
			n = strlen(f->value);
			while (n > 0 && strchr(" \t.,;", f->value[n - 1]))
				n--;
			if (n >= sizeof(v))
				n = sizeof(v) - 1;
			memcpy(v, f->value, n);
			v[n] = '\0';
			if (!check_date(v, r->date_format, &ymd))
				snprintf(m, sizeof(m), "'%s' is not a date "
				    "(%s)", v, r->date_format ? r->date_format :
				    "YYYY-MM-DD");
			else if (ymd > today)
				snprintf(m, sizeof(m), "date '%s' is in the "
				    "future", v);
			else
				continue;
		}
		check_emit(st, r, f->line, f->col, f->line, f->col, m,
		    strlen(m), check_label(f), check_title(st, f->section));
	}
}
