/* match.h: regular expressions for rules. The only pcre2.h user: patterns
 * are compiled once per run (UTF, invalid UTF-8 tolerated, JIT) and matched
 * with per-thread scratch that bounds backtracking. rules.c and the
 * checkers include it. */
#ifndef TICKLIST_MATCH_H
#define TICKLIST_MATCH_H

#include <stddef.h>

struct match_re;	/* compiled pattern; read-only, shared by threads */
struct match_scratch;	/* per-thread match data, JIT stack and limits */

/* Result of match_find besides 1 (found) and 0 (no match). */
enum {
	MATCH_LIMIT = -1,	/* match, depth, heap or JIT stack limit hit */
	MATCH_ERROR = -2	/* any other pcre2 match error */
};

/* Whether match_compile JIT-compiles (the default, 1). JIT compilation
 * costs about as much as matching 100 KB of checklists without it; a run
 * over less input is faster without. Call before compiling, while one
 * thread runs. Matches are the same either way; only a pattern that
 * backtracks to a limit may give up at a different point. */
void			 match_set_jit(int on);
/* Compile pattern[0..len). On failure returns NULL, sets *erroff to the
 * pcre2 error offset and writes the message into err[0..errlen). The
 * caller frees the result with match_free(). */
struct match_re		*match_compile(const char *pattern, size_t len,
			    size_t *erroff, char *err, size_t errlen);
void			 match_free(struct match_re *);

/* Scratch for one thread; the caller frees it with match_scratch_free(). */
struct match_scratch	*match_scratch_new(void);
void			 match_scratch_free(struct match_scratch *);

/* Find the first match of re in s[0..n) at or after byte from. Returns 1
 * with the match in s[*start..*end), 0 if none, or MATCH_LIMIT /
 * MATCH_ERROR. An empty match is returned as such; callers that loop
 * continue from match_next(). */
int	match_find(const struct match_re *, struct match_scratch *,
	    const char *s, size_t n, size_t from, size_t *start, size_t *end);
/* match_find with every match attempt starting at or before limit
 * (a match reported after \K may start later). */
int	match_find_upto(const struct match_re *, struct match_scratch *,
	    const char *s, size_t n, size_t from, size_t limit, size_t *start,
	    size_t *end);
/* 0 when re cannot match anywhere in s[0..n) (it needs a literal that s
 * does not hold: literal.h), else 1. A cheap test before a loop of
 * match_find calls on text that mostly holds no match. */
int	match_may(const struct match_re *, const char *s, size_t n);
/* Where a loop over matches goes on after the match [start, end): end, or
 * one code point further for an empty match. */
size_t	match_next(const char *s, size_t n, size_t start, size_t end);

#endif
