/* literal.c: [config] required literals of a pcre2 pattern (literal.h).
 *
 * One pass over the pattern, as pcre2 reads it without PCRE2_EXTENDED:
 * at the top level (outside every group) a run of literal characters is
 * text any match of that alternative consumes; a quantifier that allows
 * zero ends the run before its atom; anything else (classes, groups,
 * escapes other than an escaped punctuation mark, '.', anchors) ends
 * the run. Each alternative keeps its longest run. Caseless patterns
 * (any "(?i" anywhere) compare ASCII letters in any case; the letters
 * k and s, which pcre2 also matches with the Kelvin sign and the long s,
 * and non-ASCII letters of scripts with case, end a run there. Extended
 * mode, \Q, verbs and quantifiers written any other way give no filter.
 */
#include <string.h>

#include "ascii.h"
#include "literal.h"
#include "utf8.h"

#define NONE	((size_t)-1)

struct lp {
	struct literals	*l;
	int		 caseless;
	char		 run[256];	/* the run being read */
	size_t		 rlen;
	size_t		 last;		/* start of its last atom, or NONE */
	char		 best[LITERAL_LEN];	/* the alternative's longest */
	size_t		 blen;
	int		 cased;		/* it must consume a non-ASCII letter
					   of a script with case: the best
					   CASED_* of its run, or 0 */
};

/*
 * In a run, as bytes UTF-8 never holds: a non-ASCII letter of a script
 * with case. Its other cases (caseless matching) start with one of a
 * few bytes: a basic Cyrillic letter (U+0400-045F) and its cases with
 * 0xd0, 0xd1 or 0xe1 (U+1C80-1C88, the old forms that fold to it); a
 * Latin-1 letter (U+00C0-00FF) with 0xc3, 0xc5 (U+0178), 0xe1 (U+1E9E)
 * or 0xe2 (U+212B); any other with some byte >= 0x80. Higher is
 * narrower.
 */
#define CASED_ANY	0xff
#define CASED_LATIN	0xfe
#define CASED_CYR	0xfd

static const unsigned char lit_cyr_leads[] = { 0xd0, 0xd1, 0xe1, 0 };
static const unsigned char lit_latin_leads[] = { 0xc3, 0xc5, 0xe1, 0xe2, 0 };

/* Does a caseless pcre2 match the code point cp only as itself? Scripts
 * without case: Hebrew to Syriac and Arabic, Indic to Myanmar, CJK and
 * kana, Hangul, and emoji and pictographs. */
static int
lit_uncased(unsigned long cp)
{
	return (cp >= 0x0590 && cp <= 0x08ff) ||
	    (cp >= 0x0900 && cp <= 0x109f) ||
	    (cp >= 0x2e80 && cp <= 0x9fff) ||
	    (cp >= 0xac00 && cp <= 0xd7af) ||
	    (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0x1f000 && cp <= 0x1faff);
}

/* Length of the UTF-8 character at p[i..len) and its code point; 0 when
 * it is not well formed (utf8_valid_len). */
static size_t
lit_utf8(const unsigned char *p, size_t i, size_t len, unsigned long *cp)
{
	size_t n = utf8_valid_len((const char *)p + i, len - i), k;

	if (n < 2)
		return 0;
	*cp = p[i] & (0x7f >> n);
	for (k = 1; k < n; k++)
		*cp = *cp << 6 | (p[i + k] & 0x3f);
	return n;
}

/* The run ends: keep its longest piece without a CASED_* mark if it is
 * the alternative's longest, and the narrowest mark. */
static void
lit_flush(struct lp *lp)
{
	size_t a = 0, z;

	while (a < lp->rlen) {
		for (z = a; z < lp->rlen &&
		    (unsigned char)lp->run[z] < CASED_CYR; z++)
			;
		if (z - a > lp->blen) {
			lp->blen = z - a < LITERAL_LEN ? z - a : LITERAL_LEN;
			memcpy(lp->best, lp->run + a, lp->blen);
		}
		if (z < lp->rlen && (lp->cased == 0 ||
		    (unsigned char)lp->run[z] < lp->cased))
			lp->cased = (unsigned char)lp->run[z];
		a = z + 1;
	}
	lp->rlen = 0;
	lp->last = NONE;
}

static void
lit_atom(struct lp *lp, const char *s, size_t n)
{
	if (lp->rlen + n > sizeof(lp->run))
		lit_flush(lp);
	lp->last = lp->rlen;
	memcpy(lp->run + lp->rlen, s, n);
	lp->rlen += n;
}

/* Does a[0..an) hold b[0..bn)? */
static int
lit_within(const char *a, size_t an, const char *b, size_t bn)
{
	for (size_t i = 0; i + bn <= an; i++)
		if (memcmp(a + i, b, bn) == 0)
			return 1;
	return 0;
}

/* The alternative ends: add its literal; 0 when it has none. */
static int
lit_alt(struct lp *lp)
{
	struct literals *l = lp->l;
	size_t k;

	lit_flush(lp);
	if (lp->blen < LITERAL_MIN) {
		const unsigned char *b = lp->cased == CASED_CYR ? lit_cyr_leads :
		    lp->cased == CASED_LATIN ? lit_latin_leads : NULL;

		if (!lp->cased)
			return 0;
		if (b == NULL)
			memset(l->lead + 0x80, 1, 0x80);
		for (; b != NULL && *b != 0; b++)
			l->lead[*b] = 1;
		l->nonascii = 1;
		lp->cased = 0;
		lp->blen = 0;
		return 1;
	}
	lp->cased = 0;
	if (lp->caseless)
		for (k = 0; k < lp->blen; k++)
			lp->best[k] = (char)ascii_lower((unsigned char)lp->best[k]);
	/* A literal inside another is enough for both: keep the shorter. */
	for (k = 0; k < l->n; k++) {
		if (lit_within(lp->best, lp->blen, l->s[k], l->len[k]))
			goto done;
		if (lit_within(l->s[k], l->len[k], lp->best, lp->blen)) {
			memcpy(l->s[k], lp->best, lp->blen);
			l->len[k] = (unsigned char)lp->blen;
			goto done;
		}
	}
	if (l->n == LITERAL_MAX)
		return 0;
	memcpy(l->s[l->n], lp->best, lp->blen);
	l->len[l->n++] = (unsigned char)lp->blen;
done:
	lp->blen = 0;
	return 1;
}

/* Index after "{...}" or "<...>" or "'...'" opened at p[i], or NONE. */
static size_t
lit_close(const char *p, size_t len, size_t i)
{
	char c = p[i] == '{' ? '}' : p[i] == '<' ? '>' : '\'';
	const char *e = memchr(p + i + 1, c, len - i - 1);

	return e == NULL ? NONE : (size_t)(e - p) + 1;
}

/* The escape at p[i] (a backslash): the index after it, or NONE when
 * the filter must give up (\Q, or a form it does not know). *lit is the
 * character when the escape stands for a printable ASCII one. */
static size_t
lit_escape(const char *p, size_t len, size_t i, int *lit)
{
	unsigned char c;
	size_t j;

	*lit = -1;
	if (i + 1 >= len)
		return NONE;
	c = (unsigned char)p[i + 1];
	j = i + 2;
	if (c >= 0x80)
		return NONE;	/* an escaped non-ASCII character */
	if (!((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
	    (c | 0x20) <= 'z'))) {
		if (c >= 0x20 && c < 0x7f)
			*lit = c;
		return j;
	}
	switch (c) {
	case 'Q':
		return NONE;
	case 'x':
		if (j < len && p[j] == '{')
			return lit_close(p, len, j);
		for (int k = 0; k < 2 && j < len &&
		    (ascii_class[(unsigned char)p[j]] & ASCII_XDIGIT); k++)
			j++;
		return j;
	case 'o':
		return j < len && p[j] == '{' ? lit_close(p, len, j) : NONE;
	case 'c':
		return j < len ? j + 1 : NONE;
	case 'p': case 'P': case 'N':
		if (j < len && p[j] == '{')
			return lit_close(p, len, j);
		return c == 'N' ? j : j < len ? j + 1 : NONE;
	case 'g': case 'k':
		if (j < len && (p[j] == '{' || p[j] == '<' || p[j] == '\''))
			return lit_close(p, len, j);
		if (c == 'k')
			return NONE;
		if (j < len && (p[j] == '+' || p[j] == '-'))
			j++;
		while (j < len && p[j] >= '0' && p[j] <= '9')
			j++;
		return j;
	default:
		/* \0 and octal, \1 and back references: every digit. */
		if (c >= '0' && c <= '9')
			while (j < len && p[j] >= '0' && p[j] <= '9')
				j++;
		return j;
	}
}

/* The class opened at p[i] ('['): the index after it, or NONE. */
static size_t
lit_class(const char *p, size_t len, size_t i)
{
	size_t j = i + 1;
	int lit;

	if (j < len && p[j] == '^')
		j++;
	if (j < len && p[j] == ']')
		j++;
	while (j < len && p[j] != ']') {
		if (p[j] == '\\') {
			if ((j = lit_escape(p, len, j, &lit)) == NONE)
				return NONE;
		} else if (p[j] == '[' && j + 1 < len && (p[j + 1] == ':' ||
		    p[j + 1] == '.' || p[j + 1] == '=')) {
			const char *e = memchr(p + j + 2, p[j + 1], len - j - 2);

			if (e == NULL || (size_t)(e - p) + 1 >= len ||
			    e[1] != ']')
				return NONE;
			j = (size_t)(e - p) + 2;
		} else
			j++;
	}
	return j < len ? j + 1 : NONE;
}

/* A quantifier "{n}", "{n,}", "{n,m}" or "{,m}" at p[i]: the index after
 * it and its minimum in *min, or NONE. */
static size_t
lit_braces(const char *p, size_t len, size_t i, unsigned long *min)
{
	size_t j = i + 1, d0;

	*min = 0;
	for (d0 = j; j < len && p[j] >= '0' && p[j] <= '9'; j++)
		*min = *min < 100000 ? *min * 10 + (unsigned long)(p[j] - '0') :
		    *min;
	if (j < len && p[j] == ',') {
		for (j++; j < len && p[j] >= '0' && p[j] <= '9'; j++)
			;
	} else if (j == d0)
		return NONE;
	return j < len && p[j] == '}' ? j + 1 : NONE;
}

/* Is the pattern caseless anywhere ("(?i)", "(?i:", "(?mi)")? -1 when
 * it sets extended mode, which the parser does not read. */
static int
lit_flags(const char *p, size_t len)
{
	int ci = 0;

	for (size_t i = 0; i + 1 < len; i++) {
		size_t j;

		if (p[i] != '(' || p[i + 1] != '?')
			continue;
		for (j = i + 2; j < len && (((p[j] | 0x20) >= 'a' &&
		    (p[j] | 0x20) <= 'z') || p[j] == '-' || p[j] == '^'); j++)
			;
		if (j >= len || (p[j] != ')' && p[j] != ':'))
			continue;
		if (memchr(p + i + 2, 'x', j - i - 2) != NULL)
			return -1;
		if (memchr(p + i + 2, 'i', j - i - 2) != NULL)
			ci = 1;
	}
	return ci;
}

/* The bit of the byte pair a, b in pair[]. */
#define LIT_PAIR(a, b)	((((unsigned)(a) << 4) ^ (unsigned)(b)) & 4095u)

/* Both cases of an ASCII letter c (c alone when it is no letter). */
static unsigned
lit_cases(unsigned c, unsigned out[2])
{
	out[0] = c;
	if (ascii_class[c & 0xff] & ASCII_ALPHA) {
		out[1] = c ^ 0x20;
		return 2;
	}
	return 1;
}

/* Set the pair bits of every literal: its first pair only when some
 * literal has two bytes (every position is then looked at), else every
 * pair of it (every other position is looked at: see literal_any). */
static void
lit_pairs(struct literals *l)
{
	l->stride = 2;
	for (size_t k = 0; k < l->n; k++) {
		if (l->len[k] < 3)
			l->stride = 1;
		if (l->len[k] > l->maxlen)
			l->maxlen = l->len[k];
	}
	for (size_t k = 0; k < l->n; k++)
		for (size_t q = 0; q + 1 < l->len[k] &&
		    (q == 0 || l->stride == 2); q++) {
			unsigned a[2], b[2], na = 1, nb = 1, h;

			a[0] = (unsigned char)l->s[k][q];
			b[0] = (unsigned char)l->s[k][q + 1];
			if (l->caseless) {
				na = lit_cases(a[0], a);
				nb = lit_cases(b[0], b);
			}
			for (unsigned i = 0; i < na; i++)
				for (unsigned j = 0; j < nb; j++) {
					h = LIT_PAIR(a[i], b[j]);
					l->pair[h >> 3] |=
					    (unsigned char)(1u << (h & 7));
				}
		}
}

void
literal_parse(struct literals *l, const char *pattern, size_t len)
{
	const unsigned char *p = (const unsigned char *)pattern;
	struct lp lp;
	size_t i = 0, depth = 0, k;
	unsigned long cp, min;
	int lit;

	memset(l, 0, sizeof(*l));
	memset(&lp, 0, sizeof(lp));
	lp.l = l;
	lp.last = NONE;
	if ((lp.caseless = lit_flags(pattern, len)) < 0)
		return;
	while (i < len) {
		unsigned char c = p[i];

		switch (c) {
		case '\\':
			if ((k = lit_escape(pattern, len, i, &lit)) == NONE)
				goto fail;
			if (depth == 0 && lit >= 0 && !(lp.caseless &&
			    strchr("kKsS", lit) != NULL)) {
				char ch = (char)lit;
				lit_atom(&lp, &ch, 1);
			} else if (depth == 0)
				lit_flush(&lp);
			i = k;
			continue;
		case '[':
			if ((k = lit_class(pattern, len, i)) == NONE)
				goto fail;
			if (depth == 0)
				lit_flush(&lp);
			i = k;
			continue;
		case '(':
			if (i + 1 < len && p[i + 1] == '*')
				goto fail;	/* a verb */
			if (i + 2 < len && p[i + 1] == '?' && p[i + 2] == '#') {
				const char *e = memchr(pattern + i, ')',
				    len - i);
				if (e == NULL)
					goto fail;
				i = (size_t)(e - pattern) + 1;
				continue;
			}
			if (depth == 0)
				lit_flush(&lp);
			depth++;
			i++;
			if (i < len && p[i] == '?')
				i++;	/* group syntax, not a quantifier */
			continue;
		case ')':
			if (depth == 0)
				goto fail;
			depth--;
			i++;
			continue;
		case '|':
			if (depth == 0 && !lit_alt(&lp))
				goto fail;
			i++;
			continue;
		case '*': case '?':
			if (depth == 0 && lp.last != NONE)
				lp.rlen = lp.last;
			if (depth == 0)
				lit_flush(&lp);
			i++;
			continue;
		case '+':
			if (depth == 0)
				lit_flush(&lp);
			i++;
			continue;
		case '{':
			if ((k = lit_braces(pattern, len, i, &min)) == NONE)
				goto fail;
			if (depth == 0 && min == 0 && lp.last != NONE)
				lp.rlen = lp.last;
			if (depth == 0)
				lit_flush(&lp);
			i = k;
			continue;
		default:
			break;
		}
		if (c >= 0x80) {
			size_t n = lit_utf8(p, i, len, &cp);

			if (n == 0)
				goto fail;
			if (depth == 0 && (!lp.caseless || lit_uncased(cp)))
				lit_atom(&lp, pattern + i, n);
			else if (depth == 0 && cp != 0x130 && cp != 0x131 &&
			    cp != 0x17f && cp != 0x212a) {
				/* Its cases are all non-ASCII. */
				char m = (char)(cp >= 0x400 && cp <= 0x45f ?
				    CASED_CYR : cp >= 0xc0 && cp <= 0xff &&
				    cp != 0xd7 && cp != 0xf7 ? CASED_LATIN :
				    CASED_ANY);
				lit_atom(&lp, &m, 1);
			} else if (depth == 0)
				lit_flush(&lp);
			i += n;
			continue;
		}
		if (depth == 0) {
			if (c < 0x20 || c == 0x7f || strchr(".^$]}", c) ||
			    (lp.caseless && strchr("kKsS", c)))
				lit_flush(&lp);
			else
				lit_atom(&lp, pattern + i, 1);
		}
		i++;
	}
	if (depth != 0 || !lit_alt(&lp))
		goto fail;
	l->caseless = (unsigned char)lp.caseless;
	lit_pairs(l);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (l->n <= LITERAL_WORDS) {
		const uint64_t ones = 0x0101010101010101u;

		l->fold = lp.caseless ? ones * 0x20 : 0;
		l->nword = l->n;
		for (k = 0; k < l->n; k++) {
			l->word[k][0] = (ones * (unsigned char)l->s[k][0]) |
			    l->fold;
			l->word[k][1] = (ones * (unsigned char)l->s[k][1]) |
			    l->fold;
		}
	}
#endif
	for (k = 0x80; k < 0x100; k++)
		if (l->lead[k])
			l->first[k] = LITERAL_ANY;
	for (k = l->n; k-- > 0;) {
		unsigned char f = (unsigned char)l->s[k][0];

		if (l->first[f] == LITERAL_ANY)
			continue;	/* that byte is enough */
		l->next[k] = l->first[f];
		l->first[f] = (unsigned char)(k + 1);
		if (l->caseless && f >= 'a' && f <= 'z')
			l->first[f & ~0x20] = (unsigned char)(k + 1);
	}
	return;
fail:
	memset(l, 0, sizeof(*l));
}

/* Does a literal start at u[i] (n bytes in all)? */
static int
lit_at(const struct literals *l, const unsigned char *u, size_t n, size_t i)
{
	for (unsigned k = l->first[u[i]]; k != 0 && k != LITERAL_ANY;
	    k = l->next[k - 1]) {
		const char *t = l->s[k - 1];
		size_t m = l->len[k - 1], j;

		if (m > n - i)
			continue;
		if (l->caseless) {
			for (j = 1; j < m &&
			    ascii_lower(u[i + j]) == (unsigned char)t[j]; j++)
				;
		} else
			for (j = 1; j < m && u[i + j] == (unsigned char)t[j];
			    j++)
				;
		if (j == m)
			return 1;
	}
	return 0;
}

/* The bytes of x that are 0, as their top bit (exact for every byte: no
 * carry crosses from one byte to the next). */
static uint64_t
lit_zero_bytes(uint64_t x)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fu;

	return ~(((x & low7) + low7) | x | low7);
}

/* The positions 0 to 7 of p (nine bytes readable) whose first two bytes
 * are those of a literal (both folded when caseless: x | 0x20 equals
 * c | 0x20 whenever x is c in either case, and rarely otherwise), as
 * the top bit of their byte: found together, without a branch. */
static inline uint64_t
lit_word_hits(const struct literals *l, const unsigned char *p)
{
	uint64_t v, w, hit = 0;

	memcpy(&v, p, 8);
	memcpy(&w, p + 1, 8);
	v |= l->fold;
	w |= l->fold;
	for (unsigned k = 0; k < l->nword; k++)
		hit |= lit_zero_bytes(v ^ l->word[k][0]) &
		    lit_zero_bytes(w ^ l->word[k][1]);
	return hit;
}

/* Does a literal start at one of the positions at + j of u, for the
 * bytes j of hit with the top bit set? */
static int
lit_word_at(const struct literals *l, const unsigned char *u, size_t n,
    size_t at, uint64_t hit)
{
	for (; hit != 0; hit &= hit - 1)
		if (lit_at(l, u, n, at + (size_t)(__builtin_ctzll(hit) >> 3)))
			return 1;
	return 0;
}

/*
 * literal_any with few literals (nword): eight positions at a time
 * (lit_word_hits), and only those that start with a literal's first two
 * bytes are tested exactly (lit_at). Most text holds no such pair: a few
 * operations a position and one well-predicted branch for eight, where
 * the pair table stopped at every common pair of letters. The last
 * positions are the last word of s, less those already tested; a text
 * shorter than a word is copied into one padded with zeros, and hits in
 * the padding are dropped.
 */
static int
lit_any_words(const struct literals *l, const unsigned char *u, size_t n)
{
	const uint64_t all = ~(uint64_t)0;
	size_t i = 0;

	if (n < 2)
		return 0;
	if (n < 9) {
		unsigned char pad[16] = {0};

		memcpy(pad, u, n);
		/* Positions 0 to n - 2 may start a literal. */
		return lit_word_at(l, u, n, 0, lit_word_hits(l, pad) &
		    (all >> (8 * (9 - n))));
	}
	for (; i + 9 <= n; i += 8)
		if (lit_word_at(l, u, n, i, lit_word_hits(l, u + i)))
			return 1;
	if (i + 1 >= n)
		return 0;
	/* Positions n - 9 + j for j >= i - (n - 9) are new. */
	return lit_word_at(l, u, n, n - 9, lit_word_hits(l, u + n - 9) &
	    (all << (8 * (i - (n - 9)))));
}

int
literal_any(const struct literals *l, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t done = 0;	/* starts before it are known to fail */

	if (l->n == 0 && !l->nonascii)
		return 1;
	if (l->nonascii)
		for (size_t i = 0; i < n; i++)
			if (l->first[u[i]] == LITERAL_ANY)
				return 1;
	if (l->nword > 0)
		return lit_any_words(l, u, n);
	/*
	 * Every literal has two bytes or more, so none starts at the last.
	 * With stride 2 every literal has three or more and each of its
	 * pairs has a bit: an occurrence at p covers pairs at p and p + 1,
	 * one of them at an even position e, and p lies in [e - (maxlen -
	 * 2), e]. So only even positions are looked at, and a bit set
	 * there sends every start of that window to the exact test.
	 */
	for (size_t i = 0; i + 1 < n; i += l->stride) {
		unsigned h = LIT_PAIR(u[i], u[i + 1]);
		size_t a, z;

		if (!(l->pair[h >> 3] & (1u << (h & 7))))
			continue;
		if (l->stride == 1)
			a = i;
		else
			a = i > (size_t)l->maxlen - 2 ? i -
			    ((size_t)l->maxlen - 2) : 0;
		if (a < done)
			a = done;
		z = l->stride == 1 ? i : i + 1;
		for (; a <= z && a + 1 < n; a++)
			if (lit_at(l, u, n, a))
				return 1;
		done = a;
	}
	return 0;
}
