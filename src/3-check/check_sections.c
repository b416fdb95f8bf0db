/* check_sections.c: checkers over sections, items and fields as a whole:
 * required-sections, required-items, completion, fields and signoff. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "approvals.h"
#include "match.h"
#include "check.h"
#include "model.h"
#include "rule.h"
#include "xalloc.h"
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

/* One completion finding if c is below min; after: the after-release
 * items left out of c, named in the message. */
static void
check_percent(struct check_state *st, const struct rule *r,
    const struct counts *c, unsigned after, const char *name, int line,
    int col)
{
	char m[160];
	double pct;
	int k;

	if (c->items == 0)
		return;
	pct = 100.0 * c->checked / c->items;
	if (pct + 1e-9 >= r->min)
		return;
	k = snprintf(m, sizeof(m), "%.1f%% (%u of %u checked, %g%% required",
	    pct, c->checked, c->items, r->min);
	if (after > 0 && k > 0 && (size_t)k < sizeof(m))
		snprintf(m + k, sizeof(m) - (size_t)k, "; %u after-release "
		    "item%s not counted", after, after == 1 ? "" : "s");
	strncat(m, ")", sizeof(m) - strlen(m) - 1);
	check_emit(st, r, line, col, line, col, m, strlen(m), NULL, name);
}

/* Is section s (or an ancestor) after release: by the rule's
 * after-release pattern, or the built-in list (approvals.c)? after
 * memoises per section: -1 unknown. */
static int
check_after(struct check_state *st, const struct rule *r, signed char *after,
    int s)
{
	const struct section *sec;
	int rc;

	if (s < 0)
		return 0;
	if (after[s] >= 0)
		return after[s];
	sec = &st->cl->sections[s];
	if (r->after_re != NULL)
		rc = check_matches(st, r, r->after_re, sec->title,
		    strlen(sec->title), sec->line, sec->col);
	else
		rc = approvals_after_title(sec->title);
	rc = rc || check_after(st, r, after, sec->parent);
	after[s] = (signed char)rc;
	return rc;
}

/* Is section s within section top (or top itself)? */
static int
check_within(const struct checklist *cl, int s, int top)
{
	for (int k = 0; s >= 0 && k < 64; k++, s = cl->sections[s].parent)
		if (s == top)
			return 1;
	return 0;
}

/* The counts of the items under top (-1: all) that are not after
 * release, and in *after how many open or checked items are. */
static struct counts
check_release_counts(struct check_state *st, const struct rule *r,
    signed char *after, int top, unsigned *nafter)
{
	const struct checklist *cl = st->cl;
	struct counts c = {0, 0, 0};

	*nafter = 0;
	for (size_t i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];

		if (top >= 0 && !check_within(cl, it->section, top))
			continue;
		if (check_after(st, r, after, it->section)) {
			*nafter += it->state != ITEM_NA;
			continue;
		}
		if (it->state == ITEM_NA)
			c.na++;
		else {
			c.items++;
			c.checked += it->state == ITEM_DONE;
		}
	}
	return c;
}

/* completion: items after release (post-deployment, "within 1 week",
 * follow-up) do not count; the gate is about what must be done before
 * shipping. */
void
check_completion(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	signed char *after = xmalloc(cl->nsections + 1);
	struct counts c;
	unsigned n;

	memset(after, -1, cl->nsections + 1);
	if (r->section_re == NULL) {
		c = check_release_counts(st, r, after, -1, &n);
		check_percent(st, r, &c, n, cl->title, check_title_line(cl), 1);
		free(after);
		return;
	}
	for (size_t s = 0; s < cl->nsections; s++) {
		const struct section *sec = &cl->sections[s];

		if (check_after(st, r, after, (int)s) ||
		    !check_matches(st, r, r->section_re, sec->title,
		    strlen(sec->title), sec->line, sec->col))
			continue;
		c = check_release_counts(st, r, after, (int)s, &n);
		check_percent(st, r, &c, n, sec->title, sec->line, sec->col);
	}
	free(after);
}

static const char *
check_label(const struct field *f)
{
	return f->label != NULL && f->label[0] != '\0' ? f->label :
	    "signature";
}

/* Is a field blank though the parser took it as written: a placeholder
 * (vX.Y.Z, XXXXXXX, [Name]) or a blank with a unit ("**\\_**%")? */
int
check_field_blank(const struct field *f)
{
	char v[64];
	size_t n;

	if (!f->filled || f->value == NULL)
		return 1;
	if (approvals_placeholder(f->value))
		return 1;
	n = strlen(f->value);
	if (n == 0 || n >= sizeof(v) || strchr(f->value, '_') == NULL)
		return 0;
	memcpy(v, f->value, n + 1);
	while (n > 0 && strchr("% ", v[n - 1]) != NULL)
		v[--n] = '\0';
	return approvals_blank(v);
}

/* Is there a field on line from column a to b? Fields are in source
 * order (line, then column): a binary search finds the first at or
 * after column a. */
static int
check_field_at(const struct checklist *cl, int line, int a, int b)
{
	size_t lo = 0, hi = cl->nfields;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cl->fields[mid].line < line || (cl->fields[mid].line ==
		    line && cl->fields[mid].col < a))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < cl->nfields && cl->fields[lo].line == line &&
	    cl->fields[lo].col <= b;
}

/* A line of a paragraph that is only a blank to write on ("1. ______",
 * "- ______", a run under "Requires:"): blank, named after the line
 * before when it ends in ':', else after its section. */
static void
check_blank_line(struct check_state *st, const struct rule *r,
    const struct block *b, size_t a)
{
	const struct checklist *cl = st->cl;
	size_t z = a, u = 0, p, q;
	char label[96];
	int l, c;

	while (z < b->len && b->text[z] != '\n') {
		if (b->text[z] == '_')
			u++;
		else if (strchr(" *.0123456789-", b->text[z]) == NULL)
			return;
		z++;
	}
	if (u < 5)
		return;
	checklist_block_pos(cl, b, a, &l, &c);
	if (check_field_at(cl, l, 1, 1 << 20))
		return;
	label[0] = '\0';
	if (a >= 2 && b->text[a - 1] == '\n') {
		q = a - 1;
		while (q > 0 && (b->text[q - 1] == ' ' || b->text[q - 1] == '*'))
			q--;
		p = q;
		while (p > 0 && b->text[p - 1] != '\n')
			p--;
		if (q > p && b->text[q - 1] == ':') {
			size_t n = q - 1 - p;
			const char *t = b->text + p;
			/* After the last " - " or a box: "REJECTED - Reason". */
			const char *d = NULL;
			for (size_t k = 0; k + 2 < n; k++)
				if (t[k] == ' ' && t[k + 1] == '-' && t[k + 2] == ' ')
					d = t + k + 3;
			if (d != NULL) {
				n -= (size_t)(d - t);
				t = d;
			}
			n = n < sizeof(label) - 1 ? n : sizeof(label) - 1;
			memcpy(label, t, n);
			label[n] = '\0';
		}
	}
	if (label[0] == '\0' && b->section >= 0)
		snprintf(label, sizeof(label), "%s", check_title(st,
		    b->section));
	check_emit(st, r, l, c, l, c, NULL, 0, label[0] ? label : "blank",
	    check_title(st, b->section));
}

/* The deepest section holding line, or -1: the last heading at or
 * before it, or the nearest of its ancestors that reaches it. */
static int
check_line_section(const struct checklist *cl, int line)
{
	size_t lo = 0, hi = cl->nsections;
	int s;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cl->sections[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	for (s = (int)lo - 1; s >= 0 && cl->sections[s].end_line < line;
	    s = cl->sections[s].parent)
		;
	return s;
}

/* Is line inside a code block? */
static int
check_in_code(const struct checklist *cl, int line)
{
	for (size_t i = 0; i < cl->nblocks; i++) {
		const struct block *b = &cl->blocks[i];
		int n = 0;

		if (b->kind != BLOCK_CODE || b->line > line)
			continue;
		for (size_t k = 0; k < b->len; k++)
			n += b->text[k] == '\n';
		if (line <= b->line + n + 2)
			return 1;
	}
	return 0;
}

/* List items that are only a blank line to write on ("- _______", "1.
 * _______"): cmark reads the underscores as a thematic break, so they
 * are in no block; found on the source lines. */
static void
check_blank_list_lines(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;

	if (cl->src == NULL || cl->lines == NULL)
		return;
	for (size_t ln = 0; ln < cl->nlines; ln++) {
		const char *p = cl->src + cl->lines[ln];
		const char *e = ln + 1 < cl->nlines ? cl->src + cl->lines[ln + 1] :
		    cl->src + cl->srclen;
		const char *m;
		size_t u = 0;
		int sec;

		while (p < e && *p == ' ')
			p++;
		m = p;
		if (p < e && (*p == '-' || *p == '*' || *p == '+'))
			p++;
		else {
			while (p < e && *p >= '0' && *p <= '9')
				p++;
			if (p == m || p >= e || (*p != '.' && *p != ')'))
				continue;
			p++;
		}
		if (p >= e || *p != ' ')
			continue;
		for (; p < e && *p != '\n' && *p != '\r'; p++) {
			if (*p == '_')
				u++;
			else if (*p != ' ')
				break;
		}
		if (u < 5 || (p < e && *p != '\n' && *p != '\r'))
			continue;
		sec = check_line_section(cl, (int)ln + 1);
		if (!check_in_section(st, r, sec) ||
		    check_in_code(cl, (int)ln + 1))
			continue;
		check_emit(st, r, (int)ln + 1, (int)(m - (cl->src +
		    cl->lines[ln])) + 1, (int)ln + 1, (int)(m - (cl->src +
		    cl->lines[ln])) + 1, NULL, 0, sec >= 0 ?
		    check_title(st, sec) : "blank", check_title(st, sec));
	}
}

/* Does t[0..n) hold three underscores, the least a blank line or a
 * long label's blank has? Most blocks have none: memchr skips them. */
static int
check_has_underscores(const char *t, size_t n)
{
	const char *p = t;

	for (int k = 0; k < 3; k++, p++)
		if ((p = memchr(p, '_', n - (size_t)(p - t))) == NULL)
			return 0;
	return 1;
}

/* Labels too long for a field whose value is a blank: "The release
 * champion for this release is: ______", "CTO / CIO / CXO (if
 * applicable): ____ Date: ____". Each ':' followed by a run of three
 * underscores in a paragraph or task item, with no field there. */
static void
check_long_labels(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	char label[96];

	for (size_t bi = 0; bi < cl->nblocks; bi++) {
		const struct block *b = &cl->blocks[bi];
		size_t start = 0, line0 = 0, i;

		if ((b->kind != BLOCK_PARAGRAPH && b->kind != BLOCK_ITEM) ||
		    !(b->has & BLOCK_HAS_UNDER) ||
		    !check_in_section(st, r, b->section) ||
		    !check_has_underscores(b->text, b->len))
			continue;
		for (i = 0; i < b->len; i++) {
			size_t j, u = 0, a, z, k;
			int l, c, lc, x;

			if (i == 0 || b->text[i - 1] == '\n')
				check_blank_line(st, r, b, i);
			if (b->text[i] == '\n') {
				start = line0 = i + 1;
				continue;
			}
			/* A label starts its line: a ':' far along a line
			 * of many fields is theirs (and mapping it to a
			 * column costs the line's length). */
			if (b->text[i] != ':' || i - line0 > 240)
				continue;
			for (j = i + 1; j < b->len && (b->text[j] == ' ' ||
			    b->text[j] == '*' || b->text[j] == '_'); j++)
				u += b->text[j] == '_';
			if (u < 3) 
				continue;
			a = start;
			while (a < i && (b->text[a] == ' ' || b->text[a] == '*'))
				a++;
			z = i;
			while (z > a && (b->text[z - 1] == ' ' ||
			    b->text[z - 1] == '*'))
				z--;
			if (z > a) {
				checklist_block_pos(cl, b, a, &l, &lc);
				checklist_block_pos(cl, b, i, &x, &c);
				if (x == l && !check_field_at(cl, l, lc - 2, c)) {
					k = z - a < sizeof(label) - 1 ? z - a :
					    sizeof(label) - 1;
					memcpy(label, b->text + a, k);
					label[k] = '\0';
					check_emit(st, r, l, lc, l, lc, NULL, 0,
					    label, check_title(st, b->section));
				}
			}
			start = j;
			i = j - 1;
		}
	}
}

/* Is a table cell blank: empty, a dash, TBD or underscores? */
static int
check_cell_blank(const char *t)
{
	if (t == NULL || *t == '\0')
		return 1;
	return approvals_blank(t) && (strchr(t, '_') != NULL ||
	    strcmp(t, "-") == 0 || strcmp(t, "--") == 0 ||
	    strcmp(t, "\xe2\x80\x94") == 0 || strcmp(t, "\xe2\x80\x93") == 0 ||
	    strncmp(t, "TBD", 3) == 0 || strncmp(t, "TBA", 3) == 0 ||
	    strncmp(t, "tbd", 3) == 0);
}

/* A cell that is a run of underscores, with a unit at most. */
static int
check_cell_under(const char *t)
{
	size_t u = 0;

	for (; t != NULL && *t != '\0'; t++) {
		if (*t == '_')
			u++;
		else if (*t != '%' && *t != ' ' && *t != '\\')
			return 0;
	}
	return u >= 3;
}

/* Blank cells of forms: under a Name, Date, Signature, Owner, Result or
 * Status header, a cell that is empty, a dash, TBD or underscores, in a
 * row that names something (its first cell is written). The label is
 * the header and that first cell: "Signature (QA Lead)". */
static void
check_table_cells(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	char label[160];

	for (size_t t = 0; t < cl->ntables; t++) {
		const struct table *tb = &cl->tables[t];

		if (tb->cells == NULL || tb->ncols < 2 ||
		    !check_in_section(st, r, tb->section))
			continue;
		for (int c = 1; c < tb->ncols; c++) {
			const char *h = tb->cells[c].text;

			int form = approvals_form_header(h);

			for (int row = 1; row <= tb->nrows; row++) {
				const struct table_cell *x = &tb->cells[(size_t)
				    row * (size_t)tb->ncols + (size_t)c];
				const char *first = tb->cells[(size_t)row *
				    (size_t)tb->ncols].text;

				/* "| 1 | | |": a numbered row of an empty
				 * log, not a form left blank. */
				/* Under any header, a run of underscores is
				 * a blank to fill ("_____", "_____%"). */
				if (!(form ? check_cell_blank(x->text) :
				    check_cell_under(x->text)) ||
				    check_cell_blank(first) ||
				    strspn(first, "0123456789#.") ==
				    strlen(first))
					continue;
				snprintf(label, sizeof(label), "%.60s (%.80s)",
				    h, first);
				check_emit(st, r, x->line, x->col, x->line,
				    x->col, NULL, 0, label,
				    check_title(st, tb->section));
			}
		}
	}
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

		if (!check_field_blank(f) ||
		    !check_in_section(st, r, f->section) ||
		    check_auto_value(f->value) ||
		    check_pos_in_code(cl, f->line, f->col, &cp))
			continue;
		check_emit(st, r, f->line, f->col, f->line, f->col, NULL, 0,
		    check_label(f), check_title(st, f->section));
	}
	check_long_labels(st, r);
	check_table_cells(st, r);
	check_blank_list_lines(st, r);
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
	if (when_ymd(y, m, d) == 0)
		return 0;
	*ymd = when_ymd(y, m, d);
	return 1;
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

/* Labels of dates that may lie ahead: a planned go-live, a next review. */
static int
check_planned_label(const char *l)
{
	static const char *const w[] = { "target", "planned", "scheduled",
	    "next", "due", "expected", "go-live", "go live", "release",
	    "deploy", "launch", "review", "expir", "eta", "until", "valid",
	    "freeze", "window", "start", "end", NULL };
	char low[128];
	size_t i;

	for (i = 0; l[i] != '\0' && i + 1 < sizeof(low); i++)
		low[i] = (char)tolower((unsigned char)l[i]);
	low[i] = '\0';
	for (i = 0; w[i] != NULL; i++)
		if (strstr(low, w[i]) != NULL)
			return 1;
	return 0;
}

/* Judge the date v: 1 and nothing written when it is a date not in the
 * future (or may be in the future); else the reason in m. */
static int
check_date_ok(const struct rule *r, const char *value, int future_ok,
    long today, char *m, size_t msz)
{
	char v[128];
	size_t n = strlen(value);
	long ymd;
	int ok;

	while (n > 0 && strchr(" \t.,;*", value[n - 1]))
		n--;
	if (n >= sizeof(v))
		n = sizeof(v) - 1;
	memcpy(v, value, n);
	v[n] = '\0';
	ok = r->date_format != NULL ? check_date(v, r->date_format, &ymd) :
	    approvals_date(v, &ymd);
	if (!ok)
		snprintf(m, msz, "'%s' is not a date (%s)", v,
		    r->date_format ? r->date_format : "YYYY-MM-DD");
	else if (ymd > today && !future_ok)
		snprintf(m, msz, "date '%s' is in the future", v);
	else
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

/*
 * signoff: the release gate on sign-off. In the rule's sections: open
 * boxes and blank fields (these left to a fields rule covering every
 * section). Everywhere: every date field is a date, and one of a
 * signature is not in the future; every approval entry (approvals.c) is
 * signed: not N/A, no blank name, signature or date (table cells too),
 * box checked. Items after release (post-deployment) are not due yet.
 */
void
check_signoff(struct check_state *st, const struct rule *r)
{
	const struct checklist *cl = st->cl;
	char m[512];
	long today = when_today();
	int blanks = !check_fields_rule(st);
	struct code_pos cp;
	size_t i;
	/* Items that are the box of an approval. */
	unsigned char *appr = xcalloc(cl->nitems + 1, 1);

	for (i = 0; i < cl->napprovals; i++)
		if (cl->approvals[i].item >= 0)
			appr[cl->approvals[i].item] = 1;

	memset(&cp, 0, sizeof(cp));
	for (i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];

		if (it->state != ITEM_OPEN ||
		    approvals_after_section(cl, it->section) ||
		    (!check_signoff_in(st, r, it->section) && !appr[i]))
			continue;
		snprintf(m, sizeof(m), "'%s' is not checked",
		    it->text ? it->text : "");
		check_emit(st, r, it->line, it->col, it->line, it->col, m,
		    strlen(m), NULL, check_title(st, it->section));
	}
	for (i = 0; i < cl->nfields; i++) {
		const struct field *f = &cl->fields[i];
		int in = check_signoff_in(st, r, f->section);

		if (check_pos_in_code(cl, f->line, f->col, &cp))
			continue;
		if (!f->filled || f->value == NULL) {
			if (!blanks || !in)
				continue;
			snprintf(m, sizeof(m), "'%s' is blank",
			    check_label(f));
		} else {
			if (!approvals_date_label(f->label))
				continue;
			if (check_date_ok(r, f->value,
			    check_planned_label(f->label), today, m, sizeof(m)))
				continue;
		}
		check_emit(st, r, f->line, f->col, f->line, f->col, m,
		    strlen(m), check_label(f), check_title(st, f->section));
	}
	for (i = 0; i < cl->napprovals; i++) {
		const struct approval *a = &cl->approvals[i];
		const char *role = a->role ? a->role : "approver";
		const char *sec = check_title(st, a->section);

		if (approvals_after_section(cl, a->section))
			continue;
		if (a->na) {
			snprintf(m, sizeof(m), "approval '%s' is marked N/A",
			    role);
			check_emit(st, r, a->line, a->col, a->line, a->col, m,
			    strlen(m), role, sec);
			continue;
		}
		if (a->from == APPROVAL_TABLE) {
			static const struct { unsigned bit; const char *what; }
			    slot[] = { { APPROVAL_HAS_NAME, "Name" },
			    { APPROVAL_HAS_SIG, "Signature" },
			    { APPROVAL_HAS_DATE, "Date" },
			    { APPROVAL_HAS_DECISION, "Decision" } };
			const char *val[] = { a->name, a->signature, a->date,
			    a->decision };

			for (size_t k = 0; k < 4; k++) {
				if (!(a->has & slot[k].bit) ||
				    (a->ok & slot[k].bit))
					continue;
				/* Blank cells are the fields rule's. */
				if (!blanks && (val[k] == NULL ||
				    approvals_blank(val[k])))
					continue;
				if (slot[k].bit == APPROVAL_HAS_DATE &&
				    val[k] != NULL && !approvals_blank(val[k]) &&
				    !check_date_ok(r, val[k], 0, today, m,
				    sizeof(m)))
					;
				else
					snprintf(m, sizeof(m), "'%s' is %s for "
					    "%s", slot[k].what, val[k] == NULL ||
					    approvals_blank(val[k]) ? "blank" :
					    "not filled", role);
				check_emit(st, r, a->line, a->col, a->line,
				    a->col, m, strlen(m), role, sec);
			}
			continue;
		}
		/* Entries outside the rule's sections ("**Sign-off:**"
		 * blocks): one finding when unsigned. */
		if (!a->is_signed && !check_signoff_in(st, r, a->section) &&
		    a->item < 0) {
			snprintf(m, sizeof(m), "approval '%s' is not signed",
			    role);
			check_emit(st, r, a->line, a->col, a->line, a->col, m,
			    strlen(m), role, sec);
		}
	}
	free(appr);
}
