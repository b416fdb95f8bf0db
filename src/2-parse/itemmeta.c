/* itemmeta.c: owners, due dates and evidence read from each task item's
 * source, the waiver comments of a checklist, and "today". Everything is
 * read from the Markdown as written (link targets are gone from the
 * plain text), so it runs while the source is at hand: pipeline.c calls
 * itemmeta_attach() between the parse and the checks. "Today" is
 * when_today() (when.c). */
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ascii.h"
#include "itemmeta.h"
#include "model.h"
#include "when.h"
#include "xalloc.h"

int
itemmeta_date(const char *s, long *ymd)
{
	int y, m, d, i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
			return 0;
	if (isdigit((unsigned char)s[10]))
		return 0;
	y = atoi(s);
	m = (s[5] - '0') * 10 + s[6] - '0';
	d = (s[8] - '0') * 10 + s[9] - '0';
	if (when_ymd(y, m, d) == 0)
		return 0;
	*ymd = when_ymd(y, m, d);
	return 1;
}

int
itemmeta_word(const char *s, size_t n, const char *w)
{
	/* One pass, no strlen: most calls fail on the first byte. */
	for (size_t i = 0; w[i] != '\0'; i++)
		if (i >= n ||
		    ascii_lower((unsigned char)s[i]) != (unsigned char)w[i])
			return 0;
	return 1;
}

/* [A-Za-z0-9_]. */
static int
itemmeta_alnum(int c)
{
	return ascii_word((unsigned char)c);
}

/* Can anything itemmeta_scan looks for begin at s[i]? Inside a word only
 * a code span, a comment, a link target or the calendar emoji (every
 * other scanner wants a word start); at a word start a letter, a digit
 * or one of those, '@' or '#'. Most bytes start nothing. */
static int
itemmeta_may_start(const char *s, size_t i)
{
	char c = s[i];

	if (c == '`' || c == '<' || c == ']' || (unsigned char)c == 0xf0)
		return 1;
	if (i > 0 && itemmeta_alnum(s[i - 1]))
		return 0;
	return ascii_alnum((unsigned char)c) || c == '@' || c == '#';
}

/* Bytes without which itemmeta_scan finds nothing: a code span, a
 * comment, a link, a mention, an issue, the calendar emoji; ':' for a
 * URL or an owner label; a digit for a due date or a SHA. */
static const unsigned char itemmeta_trigger[256] = {
	['`'] = 1, ['<'] = 1, [']'] = 1, ['@'] = 1, ['#'] = 1, [':'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, [0xf0] = 1,
};

/* Can s[0..n) hold anything itemmeta_scan looks for? Most items hold
 * none of its bytes: one pass, a branch seldom taken. */
static int
itemmeta_may_hold(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (itemmeta_trigger[(unsigned char)s[i]])
			return 1;
	return 0;
}

/* What one item's scan collects, before it moves into the arena. */
struct scan {
	struct checklist	*cl;
	struct itemmeta		*m;
	const char		*ev[16];
	size_t			 nev;
};

static void
itemmeta_evidence(struct scan *sc, const char *s, size_t n)
{
	for (size_t i = 0; i < sc->nev; i++)
		if (strlen(sc->ev[i]) == n && memcmp(sc->ev[i], s, n) == 0)
			return;
	if (sc->nev < sizeof(sc->ev) / sizeof(sc->ev[0]))
		sc->ev[sc->nev++] = arena_strndup(&sc->cl->arena, s, n);
}

/* A commit SHA: 7 to 40 hex digits with a letter and a digit among them,
 * standing alone (not part of a word, a UUID or a longer hash). */
static size_t
itemmeta_sha(const char *s, size_t n, size_t i)
{
	size_t k = i;
	int letter = 0, digit = 0;

	if (i > 0 && (itemmeta_alnum(s[i - 1]) || strchr("-#/.", s[i - 1])))
		return 0;
	/* Lowercase, as git prints them: B19703941 is a tax number. */
	while (k < n && (isdigit((unsigned char)s[k]) ||
	    (s[k] >= 'a' && s[k] <= 'f'))) {
		letter |= isalpha((unsigned char)s[k]);
		digit |= isdigit((unsigned char)s[k]);
		k++;
	}
	if (k - i < 7 || k - i > 40 || !letter || !digit)
		return 0;
	if (k < n && (itemmeta_alnum(s[k]) || s[k] == '-'))
		return 0;
	return k - i;
}

/* Is the "#N" at s[i] (nd digits) an issue rather than a number in a
 * list ("DoD #1", "Step #2")? Two digits or more, or after "(", "PR",
 * "issue", "fixes" and the like; never after "step", "phase" and such. */
static int
itemmeta_issue_context(const char *s, size_t i, size_t nd)
{
	static const char *const refs[] = { "pr", "prs", "issue", "issues",
	    "fix", "fixes", "fixed", "close", "closes", "closed", "resolve",
	    "resolves", "resolved", "see", "ticket", "mr", "pull", "bug",
	    "ref", "refs", NULL };
	static const char *const counts[] = { "step", "dod", "no", "number",
	    "item", "priority", "phase", "rank", "top", "stage", "part",
	    "round", "task", "point", "rule", "req", "requirement", NULL };
	size_t e = i, b;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	if (e > 0 && s[e - 1] == '(')
		return 1;
	for (b = e; b > 0 && isalpha((unsigned char)s[b - 1]); b--)
		;
	for (size_t j = 0; counts[j] != NULL; j++)
		if (strlen(counts[j]) == e - b &&
		    itemmeta_word(s + b, e - b, counts[j]))
			return 0;
	for (size_t j = 0; refs[j] != NULL; j++)
		if (strlen(refs[j]) == e - b &&
		    itemmeta_word(s + b, e - b, refs[j]))
			return 1;
	return nd >= 2;
}

/* "#123" or "owner/repo#123" at s[i]; its length or 0. */
static size_t
itemmeta_issue(const char *s, size_t n, size_t i)
{
	size_t k = i, slash = 0;

	if (i > 0 && (itemmeta_alnum(s[i - 1]) || strchr("#/&.-", s[i - 1])))
		return 0;
	while (k < n && (itemmeta_alnum(s[k]) || s[k] == '.' ||
	    s[k] == '-' || (s[k] == '/' && !slash && k > i))) {
		if (s[k] == '/')
			slash = k;
		k++;
	}
	if (k != i && (!slash || slash + 1 == k))
		return 0;	/* a word that is not owner/repo */
	if (k >= n || s[k] != '#' || k + 1 >= n ||
	    !isdigit((unsigned char)s[k + 1]))
		return 0;
	for (k++; k < n && isdigit((unsigned char)s[k]); k++)
		;
	if (k < n && itemmeta_alnum(s[k]))
		return 0;
	if (!slash && !itemmeta_issue_context(s, i, k - i - 1))
		return 0;
	return k - i;
}

/* CSS at-rules, decorators and package scopes that look like @mentions. */
static const char *const not_owners[] = {
	"apply", "charset", "container", "font-face", "import", "keyframes",
	"layer", "media", "namespace", "page", "screen", "supports",
	"tailwind", "types", "angular", "babel", "vue", "param", "return",
	"returns", "throws", "see", "deprecated", "override", "injectable",
	"component", "example", "everyone", "here", "channel", NULL
};

/* "@name" or "@org/team" at s[i] (after a space or an opening bracket):
 * its length (with the @) or 0. */
static size_t
itemmeta_mention(const char *s, size_t n, size_t i)
{
	size_t k = i + 1, slash = 0;

	if (i > 0 && !strchr(" \t\n([{,;", s[i - 1]))
		return 0;
	if (k >= n || !isalnum((unsigned char)s[k]))
		return 0;
	while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '-' ||
	    s[k] == '_' || (s[k] == '/' && !slash))) {
		if (s[k] == '/')
			slash = k;
		k++;
	}
	while (k > i + 1 && strchr("-_/", s[k - 1]))
		k--;
	if (k < n && (s[k] == '@' || s[k] == '.' ? k + 1 < n &&
	    isalnum((unsigned char)s[k + 1]) : 0))
		return 0;	/* an address or a host */
	for (size_t j = 0; not_owners[j] != NULL; j++)
		if (strlen(not_owners[j]) == (slash ? slash : k) - i - 1 &&
		    itemmeta_word(s + i + 1, k - i - 1, not_owners[j]))
			return 0;
	return k - i;
}

/* "Owner: name" at s[i]: the value's bounds in *a, *z, or 0. */
static int
itemmeta_owner_label(const char *s, size_t n, size_t i, size_t *a,
    size_t *z)
{
	size_t k = i + 5;

	size_t b = i;

	if ((i > 0 && itemmeta_alnum(s[i - 1])) || !itemmeta_word(s + i,
	    n - i, "owner"))
		return 0;
	/* The label alone, not a role such as "Product Owner:". */
	while (b > 0 && strchr(" \t*_", s[b - 1]))
		b--;
	if (b > 0 && !strchr("(),;|[-:.", s[b - 1]) &&
	    (unsigned char)s[b - 1] < 0x80)
		return 0;
	while (k < n && (s[k] == '*' || s[k] == '_'))
		k++;
	if (k >= n || s[k] != ':')
		return 0;
	for (k++; k < n && (s[k] == '*' || s[k] == ' ' || s[k] == '\t' ||
	    s[k] == '@'); k++)
		;
	*a = k;
	while (k < n && !strchr(",;)|\n*<[", s[k]) &&
	    !(s[k] == ' ' && (itemmeta_word(s + k + 1, n - k - 1, "due") ||
	    s[k + 1] == '(' || s[k + 1] == '-')))
		k++;
	while (k > *a && (s[k - 1] == ' ' || s[k - 1] == '.'))
		k--;
	*z = k;
	for (k = *a; k < *z; k++)
		if (isalnum((unsigned char)s[k]) ||
		    (unsigned char)s[k] >= 0x80)
			break;
	return k < *z && !itemmeta_word(s + *a, *z - *a, "tbd");
}

/* A due date at s[i]: "due:2026-12-01", "due 2026-12-01" (also in
 * parentheses) or the calendar emoji and a date; the date's offset in
 * *d, or 0. */
static int
itemmeta_due(const char *s, size_t n, size_t i, size_t *d)
{
	size_t k;

	if (itemmeta_word(s + i, n - i, "due") && (i == 0 ||
	    !itemmeta_alnum(s[i - 1]))) {
		k = i + 3;
		if (k < n && (s[k] == ':' || s[k] == ' ')) {
			k++;
			while (k < n && s[k] == ' ')
				k++;
		} else
			return 0;
	} else if (n - i >= 4 && memcmp(s + i, "\xf0\x9f\x93\x85", 4) == 0) {
		k = i + 4;
		if (n - k >= 3 && memcmp(s + k, "\xef\xb8\x8f", 3) == 0)
			k += 3;
		while (k < n && s[k] == ' ')
			k++;
	} else
		return 0;
	*d = k;
	return n - k >= 10;
}

/* Scan one item's source s[0..n) into sc. Code spans are skipped, but
 * one holding only a SHA is evidence; so are HTML comments. */
static void
itemmeta_scan(struct scan *sc, const char *s, size_t n)
{
	size_t i = 0, k, a, z;
	long ymd;

	while (i < n) {
		char c = s[i];

		if (!itemmeta_may_start(s, i)) {
			i++;
			continue;
		}
		if (itemmeta_alnum(c)) {
			/* A word: only a link (h), an owner label (o), a due
			 * date (d), an issue (a '#' or "owner/repo#" after
			 * it) or a SHA (7 hex digits or more) starts with
			 * one. Any other is passed whole. */
			size_t e = i + 1;
			unsigned lc = (unsigned char)c | 0x20;

			while (e < n && itemmeta_alnum(s[e]))
				e++;
			if (lc != 'h' && lc != 'o' && lc != 'd' && (e == n ||
			    (s[e] != '#' && s[e] != '.' && s[e] != '/' &&
			    s[e] != '-')) && (e - i < 7 || (lc > 'f' &&
			    !isdigit((unsigned char)c)))) {
				i = e;
				continue;
			}
		}
		if (c == '`') {
			size_t run = 0, j;
			while (i + run < n && s[i + run] == '`')
				run++;
			/* A span closes within 4 KB or is no span (bounded,
			 * so a line of lone backticks stays linear). */
			for (j = i + run; j + run <= n && j - i < 4096; j++)
				if (memcmp(s + j, s + i, run) == 0 &&
				    (j + run == n || s[j + run] != '`'))
					break;
			if (j + run > n || j - i >= 4096) {
				i += run;
				continue;
			}
			a = i + run;
			z = j;
			while (a < z && s[a] == ' ')
				a++;
			while (z > a && s[z - 1] == ' ')
				z--;
			if (z > a && itemmeta_sha(s, z, a) == z - a)
				itemmeta_evidence(sc, s + a, z - a);
			i = j + run;
			continue;
		}
		if (c == '<' && n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			for (k = i + 4; k + 3 <= n &&
			    memcmp(s + k, "-->", 3) != 0; k++)
				;
			i = k + 3;
			continue;
		}
		if ((c == 'h' || c == 'H') && (itemmeta_word(s + i, n - i,
		    "https://") || itemmeta_word(s + i, n - i, "http://")) &&
		    (i == 0 || !itemmeta_alnum(s[i - 1]))) {
			int depth = 0;	/* balanced parentheses belong to it */
			for (k = i; k < n && !isspace((unsigned char)s[k]) &&
			    !strchr(">]\"'<`", s[k]); k++) {
				if (s[k] == '(')
					depth++;
				else if (s[k] == ')' && depth-- == 0)
					break;
			}
			while (k > i && strchr(".,;:!?*", s[k - 1]))
				k--;
			if (k - i > (size_t)(8 + (c == 'h' && s[i + 4] == 's')))
				itemmeta_evidence(sc, s + i, k - i);
			i = k;
			continue;
		}
		if (c == ']' && i + 1 < n && s[i + 1] == '(') {
			for (k = i + 2; k < n && s[k] != ')' &&
			    !isspace((unsigned char)s[k]); k++)
				;
			a = i + 2;
			if (k > a && !(k - a == 1 && s[a] == '#') &&
			    !itemmeta_word(s + a, k - a, "http") &&
			    !itemmeta_word(s + a, k - a, "javascript:"))
				itemmeta_evidence(sc, s + a, k - a);
			i = a;	/* a URL target is taken above */
			continue;
		}
		if (c == '@' && sc->m->owner == NULL &&
		    (k = itemmeta_mention(s, n, i)) > 0) {
			sc->m->owner = arena_strndup(&sc->cl->arena, s + i + 1,
			    k - 1);
			i += k;
			continue;
		}
		if ((c == 'o' || c == 'O') && sc->m->owner == NULL &&
		    itemmeta_owner_label(s, n, i, &a, &z)) {
			sc->m->owner = arena_strndup(&sc->cl->arena, s + a,
			    z - a);
			i = z;
			continue;
		}
		if (sc->m->due == NULL && itemmeta_due(s, n, i, &k) &&
		    itemmeta_date(s + k, &ymd)) {
			sc->m->due = arena_strndup(&sc->cl->arena, s + k, 10);
			sc->m->due_ymd = ymd;
			i = k + 10;
			continue;
		}
		if ((k = itemmeta_issue(s, n, i)) > 0 ||
		    (k = itemmeta_sha(s, n, i)) > 0) {
			itemmeta_evidence(sc, s + i, k);
			i += k;
			continue;
		}
		i++;
	}
}

/* Byte offset of the start of line l (from 1), or srclen. */
static size_t
itemmeta_line_at(const struct checklist *cl, int l)
{
	if (l < 1)
		return 0;
	if ((size_t)l > cl->nlines)
		return cl->srclen;
	return cl->lines[l - 1];
}

int
itemmeta_item_end(const struct checklist *cl, const struct item *it)
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

/* Parse the text of a ticklist-waive comment, "RULE[, RULE] until
 * YYYY-MM-DD: reason" (a dash may stand for the colon), into w. */
static void
itemmeta_waiver_text(struct checklist *cl, struct waiver *w, const char *t)
{
	const char *u = NULL, *p, *e;
	long ymd;

	for (p = t; *p != '\0'; p++)
		if ((p == t || isspace((unsigned char)p[-1])) &&
		    itemmeta_word(p, strlen(p), "until") &&
		    (p[5] == '\0' || isspace((unsigned char)p[5]))) {
			u = p;
			break;
		}
	e = u ? u : t + strcspn(t, ":");
	while (e > t && isspace((unsigned char)e[-1]))
		e--;
	w->rules = arena_strndup(&cl->arena, t, (size_t)(e - t));
	if (e == t) {
		w->problem = "waiver names no rule";
		return;
	}
	if (u == NULL) {
		w->problem = "waiver has no expiry date ('until YYYY-MM-DD')";
		return;
	}
	for (p = u + 5; isspace((unsigned char)*p); p++)
		;
	if (strlen(p) < 10 || !itemmeta_date(p, &ymd)) {
		w->problem = "waiver date is not a date (YYYY-MM-DD)";
		return;
	}
	w->until = arena_strndup(&cl->arena, p, 10);
	w->until_ymd = ymd;
	for (p += 10; isspace((unsigned char)*p); p++)
		;
	if (*p == ':' || *p == '-')
		p++;
	else if (strncmp(p, "\xe2\x80\x93", 3) == 0 ||
	    strncmp(p, "\xe2\x80\x94", 3) == 0)
		p += 3;
	while (isspace((unsigned char)*p))
		p++;
	e = p + strlen(p);
	while (e > p && isspace((unsigned char)e[-1]))
		e--;
	if (e == p) {
		w->problem = "waiver gives no reason";
		return;
	}
	w->reason = arena_strndup(&cl->arena, p, (size_t)(e - p));
}

/* The next line after l that is not blank. */
static int
itemmeta_next_line(const struct checklist *cl, int l)
{
	for (int k = l + 1; (size_t)k <= cl->nlines; k++) {
		size_t a = itemmeta_line_at(cl, k), z = itemmeta_line_at(cl,
		    k + 1);
		for (; a < z; a++)
			if (!isspace((unsigned char)cl->src[a]))
				return k;
	}
	return l + 1;
}

static void
itemmeta_waivers(struct checklist *cl)
{
	size_t n = 0, i;
	int end;

	for (i = 0; i < cl->nfacts; i++)
		n += cl->facts[i].kind == FACT_DIRECTIVE &&
		    (cl->facts[i].dir == DIR_WAIVE ||
		    cl->facts[i].dir == DIR_WAIVE_BEGIN);
	if (n == 0)
		return;
	cl->waivers = arena_alloc(&cl->arena, n * sizeof(*cl->waivers));
	cl->nwaivers = n;
	/* Backwards, so a -begin finds the next -end in one pass. */
	end = (int)cl->nlines;
	for (i = cl->nfacts; i-- > 0; ) {
		const struct fact *f = &cl->facts[i];
		struct waiver *w;

		if (f->kind != FACT_DIRECTIVE)
			continue;
		if (f->dir == DIR_WAIVE_END) {
			end = f->line - 1;
			continue;
		}
		if (f->dir != DIR_WAIVE && f->dir != DIR_WAIVE_BEGIN)
			continue;
		w = &cl->waivers[--n];
		memset(w, 0, sizeof(*w));
		w->line = f->line;
		itemmeta_waiver_text(cl, w, f->text ? f->text : "");
		if (f->dir == DIR_WAIVE)
			w->first = w->last = itemmeta_next_line(cl, f->line);
		else {
			w->first = f->line + 1;
			w->last = end;
		}
	}
}

/* Does s[k..n) start with "due" in any case or the calendar emoji (the
 * starts of itemmeta_due)? */
static int
itemmeta_due_start(const char *s, size_t n, size_t k)
{
	return itemmeta_word(s + k, n - k, "due") ||
	    (n - k >= 4 && memcmp(s + k, "\xf0\x9f\x93\x85", 4) == 0);
}

/* Can s[0..n) name a due date: does "due" or the emoji start anywhere? */
static int
itemmeta_may_be_due(const char *s, size_t n)
{
	size_t i = 0;

#ifdef __SSE2__
	/* 16 bytes at a time for "du" in any case (a 'd' alone is too
	 * common in prose) or the emoji's first byte. */
	const __m128i low = _mm_set1_epi8(0x20), d = _mm_set1_epi8('d');
	const __m128i u = _mm_set1_epi8('u');
	const __m128i f0 = _mm_set1_epi8((char)0xf0);
	while (n - i >= 17) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i + 1));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(v, low), d),
		    _mm_cmpeq_epi8(_mm_or_si128(v1, low), u)),
		    _mm_cmpeq_epi8(v, f0)));

		while (m != 0) {
			if (itemmeta_due_start(s, n,
			    i + (size_t)__builtin_ctz(m)))
				return 1;
			m &= m - 1;
		}
		i += 16;
	}
#endif
	for (; i < n; i++)
		if (itemmeta_due_start(s, n, i))
			return 1;
	return 0;
}

void
itemmeta_attach(struct checklist *cl, int what)
{
	if (cl == NULL || cl->src == NULL || cl->lines == NULL ||
	    cl->imeta != NULL)
		return;
	itemmeta_waivers(cl);
	if (cl->nitems == 0)
		return;
	cl->imeta = arena_alloc(&cl->arena, cl->nitems * sizeof(*cl->imeta));
	/* Due dates alone, and the document names none anywhere (most do
	 * not): no item can, so none is scanned. */
	if (what == ITEMMETA_DUE && !itemmeta_may_be_due(cl->src, cl->srclen)) {
		memset(cl->imeta, 0, cl->nitems * sizeof(*cl->imeta));
		return;
	}
	for (size_t i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];
		struct scan sc;
		size_t a = itemmeta_line_at(cl, it->line);
		size_t z = itemmeta_line_at(cl, itemmeta_item_end(cl, it) + 1);
		size_t box;

		memset(&cl->imeta[i], 0, sizeof(cl->imeta[i]));
		sc.cl = cl;
		sc.m = &cl->imeta[i];
		sc.nev = 0;
		/* From just after the box on: "[x]" is no evidence. */
		box = a;
		while (box < z && cl->src[box] != '[')
			box++;
		if (box + 3 <= z)
			a = box + 3;
		if (z > cl->srclen)
			z = cl->srclen;
		/* (A scan finds nothing where itemmeta_may_hold says so.) */
		if (a < z && (what == ITEMMETA_ALL ?
		    itemmeta_may_hold(cl->src + a, z - a) :
		    itemmeta_may_be_due(cl->src + a, z - a)))
			itemmeta_scan(&sc, cl->src + a, z - a);
		if (sc.nev > 0) {
			sc.m->evidence = arena_alloc(&cl->arena,
			    sc.nev * sizeof(char *));
			memcpy(sc.m->evidence, sc.ev, sc.nev * sizeof(char *));
			sc.m->nevidence = sc.nev;
		}
	}
}

int
itemmeta_is_approval(const char *t)
{
	size_t n = t ? strlen(t) : 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i] | 0x20;	/* A-Z: a-z */

		if ((c != 'a' && c != 's') ||
		    (i > 0 && isalpha((unsigned char)t[i - 1])))
			continue;
		if (itemmeta_word(t + i, n - i, "approv") ||
		    itemmeta_word(t + i, n - i, "sign-off") ||
		    itemmeta_word(t + i, n - i, "signoff") ||
		    itemmeta_word(t + i, n - i, "sign off") ||
		    itemmeta_word(t + i, n - i, "signed off") ||
		    itemmeta_word(t + i, n - i, "signed-off"))
			return 1;
	}
	return 0;
}

int
itemmeta_waives(const struct waiver *w, const char *id, int line)
{
	const char *p = w->rules;
	size_t n = strlen(id), k;

	if (w->problem != NULL || line < w->first || line > w->last)
		return 0;
	for (;;) {
		p += strspn(p, " \t,");
		if (*p == '\0')
			return 0;
		k = strcspn(p, " \t,");
		if (k == n && strncmp(p, id, n) == 0)
			return 1;
		p += k;
	}
}
