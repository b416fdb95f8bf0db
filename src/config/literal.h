/* literal.h: the literals a regular expression cannot match without.
 * literal_parse reads a pcre2 pattern conservatively and, when every
 * top-level alternative must consume some literal text of at least
 * LITERAL_MIN bytes, keeps one such literal per alternative. Text that
 * holds none of them cannot hold a match, so match.c answers "no match"
 * without calling pcre2, whose cost per call (set-up, then a start-byte
 * scan of every position) dominates when most checklist blocks match
 * nothing. An alternative that must consume a non-ASCII letter of a
 * script with case (caseless: its other cases too) asks only for a byte
 * its cases can start with, when it has no literal of its own. Whatever the parser is unsure of (classes, groups, escapes,
 * quantifiers, extended mode, verbs) gives fewer literals or none, never
 * a wrong one. */
#ifndef TICKLIST_LITERAL_H
#define TICKLIST_LITERAL_H

#include <stddef.h>
#include <stdint.h>

#define LITERAL_MIN	2	/* shorter literals filter too little */
#define LITERAL_MAX	64	/* alternatives kept; more: no filter */
#define LITERAL_LEN	32	/* bytes kept of a literal */
#define LITERAL_ANY	255	/* in first[]: this byte is enough */
#define LITERAL_WORDS	4	/* literals tested a word at a time */

struct literals {
	unsigned char	 n;		/* 0 and no nonascii: no filter */
	unsigned char	 caseless;	/* ASCII letters in any case */
	unsigned char	 nonascii;	/* or one of the bytes in lead */
	unsigned char	 lead[256];	/* 1: this byte is enough */
	unsigned char	 len[LITERAL_MAX];
	char		 s[LITERAL_MAX][LITERAL_LEN]; /* caseless: lower */
	/* Bytes a literal starts with (both cases when caseless); for each
	 * the first literal that starts with it, chained through next. */
	unsigned char	 first[256];	/* index + 1, 0 or LITERAL_ANY */
	unsigned char	 next[LITERAL_MAX]; /* index + 1, or 0 */
	/* The first two bytes of every literal (in every case), hashed to
	 * a bit: a position whose pair has no bit starts none. One test a
	 * byte whose branch is almost never taken, where the first-byte
	 * test is taken at every common letter and mispredicted often. */
	unsigned char	 pair[512];
	unsigned char	 stride;	/* positions looked at: 1 or 2 */
	unsigned char	 maxlen;	/* the longest literal */
	/* With at most LITERAL_WORDS literals, eight positions are looked
	 * at together (literal_any): the first two bytes of literal k, each
	 * repeated in all eight bytes of word[k][0] and word[k][1], OR-ed
	 * with fold (0x20 in every byte when caseless, else 0). */
	unsigned char	 nword;		/* 0: the pair table is used */
	uint64_t	 fold;
	uint64_t	 word[LITERAL_WORDS][2];
};

/* Fill l from pattern[0..len) (l->n == 0: no filter). */
void	literal_parse(struct literals *l, const char *pattern, size_t len);
/* Does s[0..n) hold one of l's literals? 1 when l has none. */
int	literal_any(const struct literals *l, const char *s, size_t n);

#endif
