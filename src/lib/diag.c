/* diag.c: the findings list and the one diagnostics printer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ctx.h"
#include "diag.h"
#include "esc.h"
#include "xalloc.h"

static const char *const sev_names[SEV__MAX] = {
	"off", "info", "warning", "error"
};

const char *
sev_name(enum sev s)
{
	return s < SEV__MAX ? sev_names[s] : "?";
}

int
sev_parse(const char *s)
{
	for (int i = 0; i < SEV__MAX; i++)
		if (strcmp(s, sev_names[i]) == 0)
			return i;
	return -1;
}

/* A new finding at the end of fs, its message not set. */
static struct finding *
finding_new(struct findings *fs, const char *file, int line, int col,
    int end_line, int end_col, enum sev sev, const char *rule)
{
	struct finding *f;

	fs->v = xgrow(fs->v, &fs->cap, fs->n + 1, sizeof(*fs->v));
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->file = file;
	f->line = line > 0 ? line : 1;
	f->col = col > 0 ? col : 1;
	f->end_line = end_line >= f->line ? end_line : f->line;
	f->end_col = end_col > 0 ? end_col : f->col;
	if (f->end_line == f->line && f->end_col < f->col)
		f->end_col = f->col;
	f->sev = sev;
	f->rule = rule;
	return f;
}

struct finding *
findings_add(struct findings *fs, const char *file, int line, int col,
    int end_line, int end_col, enum sev sev, const char *rule,
    const char *fmt, ...)
{
	struct finding *f;
	char *m;
	va_list ap;
	int n;

	va_start(ap, fmt);
	if (strcmp(fmt, "%s") == 0) {
		/* A message built already; no printf. */
		m = xstrdup(va_arg(ap, const char *));
		va_end(ap);
	} else {
		n = vsnprintf(NULL, 0, fmt, ap);
		va_end(ap);
		m = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
		m[0] = '\0';
		if (n > 0) {
			va_start(ap, fmt);
			vsnprintf(m, (size_t)n + 1, fmt, ap);
			va_end(ap);
		}
	}
	f = finding_new(fs, file, line, col, end_line, end_col, sev, rule);
	f->message = m;
	return f;
}

struct finding *
findings_add_parts(struct findings *fs, const char *file, int line, int col,
    int end_line, int end_col, enum sev sev, const char *rule,
    const char *msg, const char *section, const char *key, size_t keylen)
{
	size_t ml = strlen(msg) + 1, sl = section ? strlen(section) + 1 : 0;
	struct finding *f = finding_new(fs, file, line, col, end_line, end_col,
	    sev, rule);
	char *p;

	p = f->message = xmalloc(ml + sl + (key ? keylen + 1 : 0));
	memcpy(p, msg, ml);
	p += ml;
	if (section != NULL) {
		f->section = memcpy(p, section, sl);
		p += sl;
	}
	if (key != NULL) {
		f->key = memcpy(p, key, keylen);
		p[keylen] = '\0';
	}
	return f;
}

static int
finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

/* The full order: position, rule, then message, so that the output never
 * depends on the order checks ran in or on qsort's stability. */
static int
finding_cmp_full(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = finding_cmp(a, b);

	return c ? c : strcmp(x->message, y->message);
}

void
findings_sort(struct findings *fs)
{
	size_t i, j;

	/* Equal position, rule and message: a duplicate, dropped. */
	if (fs->n == 0)
		return;
	qsort(fs->v, fs->n, sizeof(*fs->v), finding_cmp_full);
	for (i = j = 0; i < fs->n; i++) {
		if (j > 0 && finding_cmp(&fs->v[j - 1], &fs->v[i]) == 0 &&
		    strcmp(fs->v[j - 1].message, fs->v[i].message) == 0) {
			free(fs->v[i].message);
			continue;
		}
		fs->v[j++] = fs->v[i];
	}
	fs->n = j;
}

void
findings_drop(struct findings *fs, size_t first, const unsigned char *drop)
{
	size_t i, k;

	for (i = k = first; i < fs->n; i++) {
		struct finding *f = &fs->v[i];

		if (drop[i - first]) {
			free(f->message);
			continue;
		}
		fs->v[k++] = *f;
	}
	fs->n = k;
}

void
findings_clear(struct findings *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		free(fs->v[i].message);
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

void
findings_tally(const struct findings *fs, unsigned *counts)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].sev < SEV__MAX)
			counts[fs->v[i].sev]++;
}

/* Append the decimal digits of v: the printer's one number format. */
static void
diag_putint(struct buf *b, int v)
{
	char d[16], *p = d + sizeof(d);
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	buf_append(b, p, (size_t)(d + sizeof(d) - p));
}

/* Written piece by piece rather than with buf_printf: it runs once per
 * finding and a printf pass costs more than the rest of the line. */
void
diag_summary(struct buf *b, const unsigned *t, size_t nfiles)
{
	buf_printf(b, "%u error%s, %u warning%s", t[SEV_ERROR],
	    t[SEV_ERROR] == 1 ? "" : "s", t[SEV_WARNING],
	    t[SEV_WARNING] == 1 ? "" : "s");
	if (t[SEV_INFO])
		buf_printf(b, ", %u info%s", t[SEV_INFO],
		    t[SEV_INFO] == 1 ? "" : "s");
	buf_printf(b, " in %zu file%s", nfiles, nfiles == 1 ? "" : "s");
}

/* Append s: as it is, or escaped for a terminal (start: it begins the
 * line). */
static void
diag_put(struct buf *b, const char *s, int term, int start)
{
	if (!term)
		buf_puts(b, s);
	else if (start)
		esc_term_start(b, s, strlen(s));
	else
		esc_term(b, s, strlen(s));
}

/* Append the string literal s (no strlen, an inline copy). */
#define DIAG_LIT(b, s)	buf_append((b), (s), sizeof(s) - 1)

/* The start of a finding's line, before its file name. */
static void
diag_head(struct buf *b, int color)
{
	if (color)
		DIAG_LIT(b, "\033[1m");
}

/* The rest of a finding's line, after its file name; term: escaped for a
 * terminal or CI log. */
static void
diag_tail(struct buf *b, const struct finding *f, int color, int term)
{
	static const char *const colors[SEV__MAX] = {
		"", "\033[1;36m", "\033[1;35m", "\033[1;31m"
	};

	DIAG_LIT(b, ":");
	diag_putint(b, f->line);
	DIAG_LIT(b, ":");
	diag_putint(b, f->col);
	if (color) {
		DIAG_LIT(b, ":\033[0m ");
		buf_puts(b, colors[f->sev]);
	} else
		DIAG_LIT(b, ": ");
	buf_puts(b, sev_name(f->sev));
	if (color)
		DIAG_LIT(b, ":\033[0m ");
	else
		DIAG_LIT(b, ": ");
	diag_put(b, f->message, term, 0);
	if (color)
		DIAG_LIT(b, " \033[2m[");
	else
		DIAG_LIT(b, " [");
	diag_put(b, f->rule, term, 0);
	if (color)
		DIAG_LIT(b, "]\033[0m\n");
	else
		DIAG_LIT(b, "]\n");
}

void
diag_text(struct buf *b, const struct finding *f, int color)
{
	diag_head(b, color);
	buf_puts(b, f->file);
	diag_tail(b, f, color, 0);
}

/* Names and messages come from files: escaped, so that none can move
 * the terminal, start a line or a workflow command. */
void
diag_text_term(struct buf *b, const struct finding *f, int color)
{
	diag_text_term_all(b, f, 1, color);
}

/* The findings of one file share its name: it is escaped once for a run
 * of findings with the same name (the same pointer, as a checklist's
 * findings borrow it, or the same string) and copied for each. */
void
diag_text_term_all(struct buf *b, const struct finding *v, size_t n,
    int color)
{
	struct buf name = {0};
	const char *last = NULL;

	for (size_t i = 0; i < n; i++) {
		const struct finding *f = &v[i];

		if (last == NULL || (f->file != last &&
		    strcmp(f->file, last) != 0)) {
			buf_reset(&name);
			esc_term_start(&name, f->file, strlen(f->file));
		}
		last = f->file;
		diag_head(b, color);
		buf_append(b, buf_cstr(&name), name.len);
		diag_tail(b, f, color, 1);
	}
	buf_free(&name);
}

/* The sink and the error count are the run's (ctx.h). */
void
diag_set_sink(void (*fn)(const char *, void *), void *arg)
{
	ctx_run()->sink = fn;
	ctx_run()->sink_arg = arg;
}

static void diag_emit(const char *, const char *, int, int, const char *,
    va_list) __attribute__((format(printf, 5, 0)));

static void
diag_emit(const char *sevword, const char *file, int line, int col,
    const char *fmt, va_list ap)
{
	struct buf b = {0};
	va_list cp;
	int n;

	if (file != NULL) {
		esc_term_start(&b, file, strlen(file));
		if (line > 0) {
			buf_printf(&b, ":%d", line);
			if (col > 0)
				buf_printf(&b, ":%d", col);
		}
		buf_puts(&b, ": ");
	} else
		buf_puts(&b, "ticklist: ");
	buf_printf(&b, "%s: ", sevword);
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n > 0) {
		char *m = xmalloc((size_t)n + 1);
		vsnprintf(m, (size_t)n + 1, fmt, ap);
		esc_term(&b, m, (size_t)n);
		free(m);
	}
	buf_putc(&b, '\n');
	if (ctx_run()->sink)
		ctx_run()->sink(b.data, ctx_run()->sink_arg);
	else {
		fputs(b.data, stderr);
		fflush(stderr);
	}
	buf_free(&b);
}

void
diag_error(const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;

	__atomic_fetch_add(&ctx_run()->nerrors, 1, __ATOMIC_RELAXED);
	va_start(ap, fmt);
	diag_emit("error", file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_warn(const char *file, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_emit("warning", file, line, col, fmt, ap);
	va_end(ap);
}

unsigned
diag_errors(void)
{
	return __atomic_load_n(&ctx_run()->nerrors, __ATOMIC_RELAXED);
}
