/* fix.c: `ticklist lint --fix` and `--diff`, and `ticklist explain`.
 *
 * A fix is an edit of one line of the source that a finding proves
 * certain: mojibake whose bytes decode to exactly one text (a run that
 * lost a byte is a guess and stays a finding), a malformed box '[ x]' or
 * '[x ]' right after a list marker, and '[X]' under a box-style rule.
 * Each is checked against the source bytes before it is made; anything
 * that does not match exactly is left alone. The file is checked again
 * after fixing, so what is reported is what is left. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "approvals.h"
#include "check.h"
#include "diag.h"
#include "doc.h"
#include "fix.h"
#include "model.h"
#include "output.h"
#include "read.h"
#include "rule.h"
#include "rules.h"
#include "utf8.h"
#include "xalloc.h"

/* Rounds of fix-and-check: a repair may reveal another (never seen on
 * the corpus; the bound keeps a surprise finite). */
#define FIX_ROUNDS	4

/* One edit: src[off..off+len) becomes rep[0..rlen). */
struct fix_edit {
	size_t	 off, len;
	char	 rep[8];	/* boxes */
	char	*big;		/* mojibake repairs, owned */
	size_t	 rlen;
};

struct fix_edits {
	struct fix_edit	*v;
	size_t		 n, cap;
};

/* Where fix_offset is: findings come sorted by line and column, so each
 * line is walked once however many findings it has. */
struct fix_cursor {
	int	 line, col;
	size_t	 off;
};

/* Source offset of line and code point column col (columns count code
 * points, an invalid byte as one, as checklist_col does), or -1 when the
 * source has no such position; *lend is the end of the line. */
static long
fix_offset(const struct checklist *cl, struct fix_cursor *c, int line,
    int col, size_t *lend)
{
	size_t z, i;
	int k;

	if (line < 1 || (size_t)line > cl->nlines || col < 1)
		return -1;
	z = (size_t)line < cl->nlines ? cl->lines[line] : cl->srclen;
	if (c->line == line && c->col <= col) {
		i = c->off;
		k = c->col;
	} else {
		i = cl->lines[line - 1];
		k = 1;
	}
	for (; k < col && i < z; k++) {
		size_t l = utf8_valid_len(cl->src + i, z - i);
		i += l ? l : 1;
	}
	if (k != col)
		return -1;
	c->line = line;
	c->col = col;
	c->off = i;
	*lend = z;
	return (long)i;
}

static struct fix_edit *
fix_add(struct fix_edits *e, size_t off, size_t len)
{
	struct fix_edit *x;

	e->v = xgrow(e->v, &e->cap, e->n + 1, sizeof(*e->v));
	x = &e->v[e->n++];
	memset(x, 0, sizeof(*x));
	x->off = off;
	x->len = len;
	return x;
}

/* Mojibake: the run at off is the finding's text, found again on its
 * source line (same context, same decision) and repaired without a
 * guess. */
static void
fix_mojibake(struct fix_edits *e, const struct checklist *cl,
    const struct finding *f, size_t off, size_t lend)
{
	size_t a = cl->lines[f->line - 1], s, z, klen;
	struct buf rep = {0};
	int guessed = 1;

	if (f->key == NULL || (klen = strlen(f->key)) == 0 ||
	    off + klen > lend || memcmp(cl->src + off, f->key, klen) != 0)
		return;
	if (utf8_mojibake_find_guess(cl->src + a, lend - a, off - a, &s, &z,
	    &rep, &guessed) && !guessed && s == off - a && z == s + klen &&
	    rep.len > 0) {
		struct fix_edit *x = fix_add(e, off, klen);

		x->big = xstrndup(rep.data, rep.len);
		x->rlen = rep.len;
	}
	buf_free(&rep);
}

/* Whether src[a..off) is a list item's start: indentation or '>', a
 * marker (-, *, +, or 1-9 digits and . or )), then spaces. */
static int
fix_after_marker(const char *src, size_t a, size_t off)
{
	size_t i = a, d;

	while (i < off && (src[i] == ' ' || src[i] == '\t' || src[i] == '>'))
		i++;
	if (i < off && (src[i] == '-' || src[i] == '*' || src[i] == '+'))
		i++;
	else {
		for (d = 0; i < off && src[i] >= '0' && src[i] <= '9'; d++)
			i++;
		if (d == 0 || d > 9 || i >= off || (src[i] != '.' &&
		    src[i] != ')'))
			return 0;
		i++;
	}
	if (i >= off || (src[i] != ' ' && src[i] != '\t'))
		return 0;
	while (i < off && (src[i] == ' ' || src[i] == '\t'))
		i++;
	return i == off;
}

/* A malformed box whose intent is plain: '[ x]' or '[x ]' (either case)
 * opening a list item and followed by a space or the end of the line. */
static void
fix_box(struct fix_edits *e, const struct checklist *cl,
    const struct finding *f, size_t off, size_t lend)
{
	const char *p = cl->src + off, *k = f->key;
	size_t end = off + 4;
	char mark;

	if (k == NULL || strlen(k) != 4 || end > lend ||
	    memcmp(p, k, 4) != 0 || p[0] != '[' || p[3] != ']')
		return;
	if (p[1] == ' ' && (p[2] == 'x' || p[2] == 'X'))
		mark = p[2];
	else if (p[2] == ' ' && (p[1] == 'x' || p[1] == 'X'))
		mark = p[1];
	else
		return;
	if (end < lend && strchr(" \t\r\n", cl->src[end]) == NULL)
		return;
	if (!fix_after_marker(cl->src, cl->lines[f->line - 1], off))
		return;
	snprintf(fix_add(e, off, 4)->rep, 8, "[%c]", mark);
	e->v[e->n - 1].rlen = 3;
}

/* The kind of rule id in rs, or NULL. */
static const struct rule_kind *
fix_kind_of(const struct rules *rs, const char *id)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].info.id, id) == 0)
			return rs->v[i].kind;
	return NULL;
}

static int
fix_cmp(const void *a, const void *b)
{
	const struct fix_edit *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* The certain edits the findings fs of cl allow, sorted, none
 * overlapping another. */
static void
fix_collect(const struct rules *rs, const struct checklist *cl,
    const struct findings *fs, struct fix_edits *e)
{
	struct fix_cursor cur = { 0, 0, 0 };
	size_t i, k, lend;
	long off;

	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		const struct rule_kind *kd = fix_kind_of(rs, f->rule);

		if (kd == NULL || !kd->fixable ||
		    (off = fix_offset(cl, &cur, f->line, f->col, &lend)) < 0)
			continue;
		if (kd->check == check_mojibake)
			fix_mojibake(e, cl, f, (size_t)off, lend);
		else if (kd->check == check_malformed_task)
			fix_box(e, cl, f, (size_t)off, lend);
		else if (kd->check == check_box_style &&
		    (size_t)off + 3 <= lend &&
		    memcmp(cl->src + off, "[X]", 3) == 0) {
			memcpy(fix_add(e, (size_t)off, 3)->rep, "[x]", 4);
			e->v[e->n - 1].rlen = 3;
		}
	}
	if (e->n > 1)
		qsort(e->v, e->n, sizeof(*e->v), fix_cmp);
	for (i = k = 0; i < e->n; i++) {
		if (k > 0 && e->v[i].off < e->v[k - 1].off + e->v[k - 1].len) {
			free(e->v[i].big);
			continue;
		}
		e->v[k++] = e->v[i];
	}
	e->n = k;
}

static void
fix_edits_free(struct fix_edits *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i].big);
	free(e->v);
	memset(e, 0, sizeof(*e));
}

/* The text with the edits made: pre[0..npre) (a BOM), then src with
 * each edit applied. */
static void
fix_apply(struct buf *out, const char *pre, size_t npre, const char *src,
    size_t n, const struct fix_edits *e)
{
	size_t at = 0;

	buf_put(out, pre, npre);
	for (size_t i = 0; i < e->n; i++) {
		const struct fix_edit *x = &e->v[i];

		buf_put(out, src + at, x->off - at);
		buf_put(out, x->big ? x->big : x->rep, x->rlen);
		at = x->off + x->len;
	}
	buf_put(out, src + at, n - at);
}

/* --- unified diff ---------------------------------------------------- */

struct fix_lines {
	const char	**p;
	size_t		 *n;		/* with its line ending */
	size_t		  count, cap, ncap;
};

static void
fix_split(struct fix_lines *l, const char *s, size_t n)
{
	size_t i = 0, a;

	while (i < n) {
		a = i;
		while (i < n && s[i] != '\n' && s[i] != '\r')
			i++;
		if (i < n && s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			i++;
		if (i < n)
			i++;
		l->p = xgrow(l->p, &l->cap, l->count + 1, sizeof(*l->p));
		l->n = xgrow(l->n, &l->ncap, l->count + 1, sizeof(*l->n));
		l->p[l->count] = s + a;
		l->n[l->count++] = i - a;
	}
}

static void
fix_diff_line(struct buf *b, char tag, const char *p, size_t n)
{
	buf_putc(b, tag);
	buf_put(b, p, n);
	if (n == 0 || (p[n - 1] != '\n' && p[n - 1] != '\r'))
		buf_puts(b, "\n\\ No newline at end of file\n");
}

static int
fix_same(const struct fix_lines *x, const struct fix_lines *y, size_t i)
{
	return x->n[i] == y->n[i] && memcmp(x->p[i], y->p[i], x->n[i]) == 0;
}

/*
 * A unified diff (3 lines of context) of a and b, which fixes make line
 * for line: a repair never adds or removes a line ending. Should the
 * counts ever differ, the diff is one hunk of the whole text.
 */
static void
fix_diff(struct buf *b, const char *name, const char *a, size_t na,
    const char *z, size_t nz)
{
	struct fix_lines x = {0}, y = {0};
	size_t i, j, h0, h1, k;

	fix_split(&x, a, na);
	fix_split(&y, z, nz);
	buf_printf(b, "--- %s\n+++ %s\n", name, name);
	if (x.count != y.count) {
		buf_printf(b, "@@ -1,%zu +1,%zu @@\n", x.count, y.count);
		for (i = 0; i < x.count; i++)
			fix_diff_line(b, '-', x.p[i], x.n[i]);
		for (i = 0; i < y.count; i++)
			fix_diff_line(b, '+', y.p[i], y.n[i]);
		goto out;
	}
	for (i = 0; i < x.count; ) {
		if (fix_same(&x, &y, i)) {
			i++;
			continue;
		}
		/* A hunk from 3 lines before this change to 3 after the last
		 * change less than 7 lines from the one before it. */
		h0 = i >= 3 ? i - 3 : 0;
		for (j = i, h1 = i + 1; j < x.count && j < h1 + 6; j++)
			if (!fix_same(&x, &y, j))
				h1 = j + 1;
		h1 = h1 + 3 < x.count ? h1 + 3 : x.count;
		buf_printf(b, "@@ -%zu,%zu +%zu,%zu @@\n", h0 + 1, h1 - h0,
		    h0 + 1, h1 - h0);
		for (j = h0; j < h1; ) {
			if (fix_same(&x, &y, j)) {
				fix_diff_line(b, ' ', x.p[j], x.n[j]);
				j++;
				continue;
			}
			for (k = j; k < h1 && !fix_same(&x, &y, k); k++)
				fix_diff_line(b, '-', x.p[k], x.n[k]);
			for (k = j; k < h1 && !fix_same(&x, &y, k); k++)
				fix_diff_line(b, '+', y.p[k], y.n[k]);
			j = k;
		}
		i = h1;
	}
out:
	free(x.p);
	free(x.n);
	free(y.p);
	free(y.n);
}

/* --- writing ----------------------------------------------------------- */

/* Whether the file at real still holds old[0..nold). */
static int
fix_unchanged(const char *real, const char *old, size_t nold)
{
	struct input now;
	int same;

	if (read_input(real, 0, &now) == -1)
		return 0;
	same = now.len == nold && memcmp(now.data, old, nold) == 0;
	read_free(&now);
	return same;
}

/* Replace path (through symbolic links) by data, atomically, keeping its
 * mode (and owner, where permitted), unless it no longer holds old. */
static int
fix_write(const char *path, const char *old, size_t nold, const char *data,
    size_t len)
{
	struct stat st;
	char *real, *tmp;

	if ((real = realpath(path, NULL)) == NULL || stat(real, &st) == -1) {
		diag_error(path, 0, 0, "cannot fix: %s", strerror(errno));
		free(real);
		return -1;
	}
	if (!fix_unchanged(real, old, nold)) {
		diag_error(path, 0, 0, "changed since it was read: not fixed");
		free(real);
		return -1;
	}
	/* Staged beside it with its owner and mode (output.c), then once
	 * more, as late as can be: an editor may have saved since. */
	if ((tmp = output_stage(real, path, &st, data, len)) == NULL)
		goto fail;
	if (!fix_unchanged(real, old, nold)) {
		unlink(tmp);
		free(tmp);
		diag_error(path, 0, 0, "changed since it was read: not fixed");
		goto fail;
	}
	if (output_commit(real, path, tmp, 0) == -1)
		goto fail;
	free(real);
	return 0;
fail:
	free(real);
	return -1;
}

/* --- the file -------------------------------------------------------- */

struct checklist *
fix_file(const char *path, const char *name, size_t max,
    const struct rules *rules, struct check_ctx *cc, struct findings *fs,
    int diff, struct fix_result *fr)
{
	struct input in;
	struct checklist *cl = NULL;
	struct findings tmp;
	struct fix_edits e;
	struct buf cur = {0}, next = {0};
	enum sev *sev = NULL;
	size_t pre, i;
	int round;

	if (read_input(path, max, &in) == -1)
		return NULL;
	/* The file's severities, resolved once before its check rounds. */
	if (rules != NULL) {
		sev = xcalloc(rules_count(rules) + 1, sizeof(*sev));
		rules_file_sev(rules, name, sev);
	}
	buf_put(&cur, in.data, in.len);
	for (round = 0; ; round++) {
		memset(&tmp, 0, sizeof(tmp));
		memset(&e, 0, sizeof(e));
		cl = doc_parse(name, cur.data ? cur.data : "", cur.len);
		approvals_build(cl);
		check_run(cc, rules, sev, cl, &tmp);
		if (round < FIX_ROUNDS)
			fix_collect(rules, cl, &tmp, &e);
		if (e.n == 0)
			break;
		pre = (size_t)(cl->src - (cur.data ? cur.data : ""));
		buf_reset(&next);
		fix_apply(&next, cur.data, pre, cl->src, cl->srclen, &e);
		fr->nfixed += (unsigned)e.n;
		fix_edits_free(&e);
		findings_clear(&tmp);
		checklist_free(cl);
		buf_reset(&cur);
		buf_put(&cur, next.data, next.len);
	}
	fs->v = xgrow(fs->v, &fs->cap, fs->n + tmp.n + 1, sizeof(*fs->v));
	for (i = 0; i < tmp.n; i++) {
		fs->v[fs->n] = tmp.v[i];
		fs->v[fs->n++].file = name;
	}
	free(tmp.v);
	cl->src = NULL;
	cl->srclen = 0;
	if (fr->nfixed > 0) {
		if (diff)
			fix_diff(&fr->diff, name, in.data, in.len, cur.data,
			    cur.len);
		else if (strcmp(path, "-") == 0)
			buf_put(&fr->text, cur.data, cur.len);
		else if (fix_write(path, in.data, in.len, cur.data,
		    cur.len) == -1)
			fr->nfixed = 0;
	} else if (!diff && strcmp(path, "-") == 0)
		buf_put(&fr->text, in.data, in.len);
	buf_free(&cur);
	buf_free(&next);
	free(sev);
	read_free(&in);
	return cl;
}

void
fix_result_free(struct fix_result *fr)
{
	buf_free(&fr->diff);
	buf_free(&fr->text);
	memset(fr, 0, sizeof(*fr));
}

/* --- explain --------------------------------------------------------- */

/* Append s with each line indented by two spaces. */
static void
fix_indent(struct buf *b, const char *s)
{
	buf_puts(b, "  ");
	for (; *s != '\0'; s++) {
		buf_putc(b, *s);
		if (*s == '\n')
			buf_puts(b, "  ");
	}
	buf_putc(b, '\n');
}

/* The findings rule r (of rs) gives on the kind's example, as lint
 * prints them; 0 when it gives none. */
static size_t
fix_example_findings(struct buf *b, const struct rules *rs,
    const struct rule *r)
{
	struct check_ctx *cc = check_ctx_new();
	struct findings fs = {0};
	struct checklist *cl;
	size_t i, n = 0;

	cl = doc_parse("example.md", r->kind->bad, strlen(r->kind->bad));
	approvals_build(cl);
	check_run(cc, rs, NULL, cl, &fs);
	for (i = 0; i < fs.n; i++)
		if (strcmp(fs.v[i].rule, r->info.id) == 0) {
			buf_puts(b, "  ");
			diag_text(b, &fs.v[i], 0);
			n++;
		}
	findings_clear(&fs);
	checklist_free(cl);
	check_ctx_free(cc);
	return n;
}

int
fix_explain(const struct rules *rs, const char *name, struct buf *b)
{
	const struct rule_kind *k = check_kind(name);
	const struct rule *r = NULL;
	size_t i;

	for (i = 0; rs != NULL && i < rs->n && r == NULL; i++)
		if (strcmp(rs->v[i].info.id, name) == 0)
			r = &rs->v[i];
	for (i = 0; rs != NULL && k != NULL && i < rs->n && r == NULL; i++)
		if (rs->v[i].kind == k)
			r = &rs->v[i];
	if (r != NULL)
		k = r->kind;
	if (k == NULL) {
		struct buf names = {0};

		for (i = 0; i < check_nkinds; i++)
			buf_printf(&names, "%s%s", i ? ", " : "",
			    check_kinds[i].name);
		diag_error(NULL, 0, 0, "no rule or kind '%s' (kinds: %s; "
		    "rule ids: ticklist rules)", name, buf_cstr(&names));
		buf_free(&names);
		return -1;
	}
	if (r != NULL)
		buf_printf(b, "%s: %s\n  kind %s, severity %s, defined at "
		    "%s:%d\n", r->info.id, r->info.short_desc, k->name,
		    sev_name(r->info.sev), r->info.file, r->info.line);
	else
		buf_printf(b, "%s: a rule kind (no rule of the effective set "
		    "has it; add one under rules: to use it)\n  default "
		    "severity %s\n", k->name, sev_name(k->sev));
	buf_puts(b, "\nWhat it checks\n");
	fix_indent(b, k->desc);
	if (k->why != NULL) {
		buf_puts(b, "\nWhy it matters\n");
		fix_indent(b, k->why);
	}
	if (k->bad != NULL) {
		buf_puts(b, "\nExample\n");
		fix_indent(b, k->bad);
		buf_puts(b, "gives\n");
	} else
		buf_puts(b, "\nFinding\n");
	if (k->bad == NULL || r == NULL || fix_example_findings(b, rs, r) == 0) {
		buf_puts(b, "  ");
		buf_puts(b, k->message);
		buf_puts(b, "  (the message; {match}, {label} and {section} "
		    "filled in)\n");
	}
	if (k->good != NULL) {
		buf_puts(b, "\nFixed\n");
		fix_indent(b, k->good);
	}
	buf_puts(b, "\nHow to fix\n");
	fix_indent(b, k->help);
	buf_puts(b, "\nOptions\n  ");
	rules_kind_keys(b, k);
	buf_puts(b, " (and id, kind, severity, message, description, help; "
	    "see ticklist(5))\n");
	buf_printf(b, "\nFixable: %s\n", k->fixable ? "yes: ticklist lint "
	    "--fix repairs the findings whose repair is certain (--diff "
	    "shows it)" : "no");
	return 0;
}

int
fix_help_markdown(const char *kind, const char *id, const char *help,
    struct buf *b)
{
	const struct rule_kind *k = kind ? check_kind(kind) : NULL;

	if (k == NULL)
		return 0;
	buf_printf(b, "%s\n\n", help ? help : k->help);
	if (k->why != NULL)
		buf_printf(b, "%s\n\n", k->why);
	if (k->bad != NULL && k->good != NULL)
		buf_printf(b, "For example:\n\n```markdown\n%s\n```\n\n"
		    "becomes\n\n```markdown\n%s\n```\n\n", k->bad, k->good);
	buf_printf(b, "%s More: `ticklist explain %s`.", k->fixable ?
	    "`ticklist lint --fix` repairs it when the repair is certain "
	    "(`--diff` shows the change)." : "Not fixed by `ticklist lint "
	    "--fix`.", id);
	return 1;
}

/* Append s as man(7)/mdoc text: backslashes escaped, non-ASCII as
 * \[uXXXX], a line starting with a dot or quote guarded (bol: s starts
 * a line). */
static void
fix_roff(struct buf *b, const char *s, int bol)
{
	size_t n = strlen(s), i = 0, l;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (bol && (c == '.' || c == '\''))
			buf_puts(b, "\\&");
		bol = c == '\n';
		if (c == '\\') {
			buf_puts(b, "\\e");
			i++;
		} else if (c < 0x80) {
			buf_putc(b, c);
			i++;
		} else if ((l = utf8_valid_len(s + i, n - i)) > 1) {
			unsigned cp = l == 2 ? c & 0x1f : l == 3 ? c & 0x0f :
			    c & 0x07;

			for (size_t j = 1; j < l; j++)
				cp = cp << 6 | ((unsigned char)s[i + j] & 0x3f);
			buf_printf(b, "\\[u%04X]", cp);
			i += l;
		} else {
			buf_putc(b, '?');
			i++;
		}
	}
}

/* Append prose s as filled man text: a new line after each sentence and
 * before a word that would pass column 72. */
static void
fix_roff_prose(struct buf *b, const char *s)
{
	struct buf t = {0};
	size_t col = 0, n;

	while (*s != '\0') {
		n = strcspn(s, " ");
		buf_reset(&t);
		buf_put(&t, s, n);
		if (col > 0 && (col + 1 + t.len > 72 || (b->len > 0 &&
		    (b->data[b->len - 1] == '.' || b->data[b->len - 1] == ':'))))
		{
			buf_putc(b, '\n');
			col = 0;
		} else if (col > 0) {
			buf_putc(b, ' ');
			col++;
		}
		fix_roff(b, buf_cstr(&t), col == 0);
		col += t.len;
		s += n;
		s += strspn(s, " ");
	}
	buf_putc(b, '\n');
	buf_free(&t);
}

void
fix_explain_man(struct buf *b)
{
	buf_puts(b, ".Bl -tag -width Ds\n");
	for (size_t i = 0; i < check_nkinds; i++) {
		const struct rule_kind *k = &check_kinds[i];

		buf_printf(b, ".It Cm %s\n", k->name);
		fix_roff_prose(b, k->why ? k->why : k->desc);
		fix_roff_prose(b, k->help);
		if (k->bad == NULL || k->good == NULL) {
			if (k->fixable)
				buf_puts(b, "Fixed by\n.Fl \\-fix .\n");
			continue;
		}
		buf_printf(b, "%s\n.Bd -literal -offset indent\n",
		    k->fixable ? "Fixed by\n.Fl \\-fix :" : "For example:");
		fix_roff(b, k->bad, 1);
		buf_puts(b, "\n.Ed\nbecomes\n.Bd -literal -offset indent\n");
		fix_roff(b, k->good, 1);
		buf_puts(b, "\n.Ed\n");
	}
	buf_puts(b, ".El\n");
}
