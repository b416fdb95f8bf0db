/* rules_glob.c: the glob matching of files:, ignore:, checklists: and
 * overrides (and of command-line globs): '*' and '?' within a name, a
 * double star across directories, memoised so that stars never
 * backtrack exponentially. */
#include <stdlib.h>
#include <string.h>

#include "rules_int.h"
#include "xalloc.h"

/* Memo of failed (glob, text) positions for one rules_glob call. */
struct glob_memo {
	const char	*g, *s;
	size_t		 ns;
	unsigned char	*failed;	/* bit per position pair */
};

static int rules_glob_step(struct glob_memo *, const char *, const char *);

/* Glob match: '*' and '?' do not cross a slash, a double star does (and
 * a double star followed by a slash also matches no directory at all),
 * [...] classes, '\' escapes. */
static int
rules_glob_r(struct glob_memo *m, const char *g, const char *s)
{
	size_t at;

	/* Each (glob, text) position pair fails at most once: stars no
	 * longer multiply into exponential backtracking. */
	at = (size_t)(g - m->g) * (m->ns + 1) + (size_t)(s - m->s);
	if (m->failed[at >> 3] & (1u << (at & 7)))
		return 0;
	if (rules_glob_step(m, g, s))
		return 1;
	m->failed[at >> 3] |= (unsigned char)(1u << (at & 7));
	return 0;
}

static int
rules_glob_step(struct glob_memo *m, const char *g, const char *s)
{
	const char *p;

	for (;;) {
		if (*g == '\0')
			return *s == '\0';
		if (g[0] == '*' && g[1] == '*') {
			g += 2;
			if (*g == '/') {
				g++;
				for (p = s;; p++) {
					if ((p == s || p[-1] == '/') &&
					    rules_glob_r(m, g, p))
						return 1;
					if (*p == '\0')
						return 0;
				}
			}
			for (p = s;; p++) {
				if (rules_glob_r(m, g, p))
					return 1;
				if (*p == '\0')
					return 0;
			}
		}
		if (*g == '*') {
			g++;
			for (p = s;; p++) {
				if (rules_glob_r(m, g, p))
					return 1;
				if (*p == '\0' || *p == '/')
					return 0;
			}
		}
		if (*s == '\0')
			return 0;
		if (*g == '?') {
			if (*s == '/')
				return 0;
		} else if (*g == '[') {
			const char *q = g + 1;
			int neg = 0, ok = 0;

			if (*q == '!' || *q == '^') {
				neg = 1;
				q++;
			}
			do {
				if (q[1] == '-' && q[2] != ']' && q[2] != '\0') {
					if (*s >= q[0] && *s <= q[2])
						ok = 1;
					q += 3;
				} else {
					if (*s == *q)
						ok = 1;
					q++;
				}
			} while (*q != ']' && *q != '\0');
			if (*q == '\0')		/* no closing ']': literal */
				return *s == '[' && rules_glob_r(m, g + 1, s + 1);
			if (ok == neg || *s == '/')
				return 0;
			g = q;
		} else {
			if (*g == '\\' && g[1] != '\0')
				g++;
			if (*g != *s)
				return 0;
		}
		g++;
		s++;
	}
}

int
rules_glob(const char *g, const char *s)
{
	struct glob_memo m;
	size_t ng = strlen(g), bits;
	int ok;

	m.g = g;
	m.s = s;
	m.ns = strlen(s);
	bits = (ng + 1) * (m.ns + 1);
	m.failed = xcalloc(bits / 8 + 1, 1);
	ok = rules_glob_r(&m, g, s);
	free(m.failed);
	return ok;
}

/* A glob matches a relative path when it matches the whole path or one
 * of its leading directories ("templates" covers templates/a.md); a glob
 * without '/' matches at any depth, as in .gitignore. */
int
rules_glob_path(const char *g, const char *rel)
{
	struct buf b = {0};
	int ok = 0;

	if (strchr(g, '/') == NULL) {
		buf_printf(&b, "**/%s", g);
		g = buf_cstr(&b);
	}
	for (const char *p = rel; !ok; p++) {
		if (*p == '/' || *p == '\0') {
			char *pre = xstrndup(rel, (size_t)(p - rel));
			ok = rules_glob(g, pre);
			free(pre);
		}
		if (*p == '\0')
			break;
	}
	buf_free(&b);
	return ok;
}

/* The glob matcher of overrides and files:, for command-line globs. */
int
rules_glob_match(const char *glob, const char *path)
{
	return rules_glob(glob, path);
}
