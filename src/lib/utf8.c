/* utf8.c: UTF-8 validation, code point counting, mojibake detection.
 * Everything here runs on every text block of every linted file, so the
 * common case (ASCII) is skipped a word at a time and nothing allocates. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

/* One multi-byte sequence that a candidate run stands for. */
struct utf8_seq {
	unsigned char	b[4];	/* the original bytes */
	size_t		len;	/* 2-4 */
	size_t		next;	/* source offset just after the sequence */
	uint32_t	cont;	/* code point of the first continuation */
	int		punct;	/* every continuation is utf8_is_punct */
	int		blank;	/* every continuation is a space or quote */
	int		guessed; /* some bytes were lost and guessed */
};

/* Bytes cp1252 (and, for the last two, cp1254 only) leave undefined:
 * decoders drop them or write U+FFFD. Tried in this order when one must be
 * guessed. */
static const unsigned char utf8_lost[] = {
	0x8f, 0x8d, 0x9d, 0x81, 0x90, 0x8e, 0x9e
};

/* Characters whose UTF-8 holds a byte from utf8_lost, most likely first:
 * when a lost byte leaves several candidates, the earliest one here wins.
 * Chosen from the emoji and marks real checklists use. */
static const uint32_t utf8_likely[] = {
	0xfe0f,		/* variation selector-16 (EF B8 8F) */
	0x201d,		/* right double quotation mark */
	0x274c,		/* cross mark */
	0x1f50d,	/* magnifying glass */
	0x1f4dd,	/* memo */
	0x1f510,	/* closed lock with key */
	0x1f4c1,	/* file folder */
	0x1f4cd,	/* round pushpin */
	0x1f3af,	/* direct hit (cp1254 loses 8E) */
	0x27a1,		/* black rightwards arrow (cp1254 loses 9E) */
	0x1f389,	/* party popper */
	0x1f3a8,	/* artist palette */
	0x1f393,	/* graduation cap */
	0x1f48e,	/* gem stone */
	0x1f3d7,	/* building construction */
	0x1f3e5,	/* hospital */
	0x1f3c1,	/* chequered flag */
	0x1f3c6,	/* trophy */
	0x1f3e0,	/* house */
	0x1f3e2,	/* office building */
	0x1f41b,	/* bug */
	0x1f433,	/* spouting whale */
	0x1f44d,	/* thumbs up */
	0x23f0,		/* alarm clock */
	0x23f1,		/* stopwatch */
	0x23f3,		/* hourglass with flowing sand */
	0x2b50,		/* star */
	0x1f310,	/* globe with meridians */
	0x1f30d,	/* earth globe Europe-Africa */
	0x2753,		/* question mark ornament */
	0x2757,		/* heavy exclamation mark */
	0x270d,		/* writing hand */
	0x270f,		/* pencil */
	0x274e,		/* negative squared cross mark */
	0x2764,		/* heavy black heart */
	0x2190,		/* leftwards arrow */
	0x2795,		/* heavy plus sign */
	0x2796,		/* heavy minus sign */
	0x279c,		/* heavy round-tipped rightwards arrow */
	0x27a4,		/* black rightwards arrowhead */
	0x1f501,	/* clockwise arrows */
	0x1f4cf,	/* straight ruler */
	0x1f4d0,	/* triangular ruler */
	0x1f51d,	/* top arrow */
	0x1f50f,	/* lock with ink pen */
	0x1f40d,	/* snake */
	0x1f41e,	/* lady beetle */
	0x1f3f7,	/* label */
	0x1f3ed,	/* factory */
	0x1f3e6,	/* bank */
	0x1f3db,	/* classical building */
	0x1f3c3,	/* runner */
	0x1f44f,	/* clapping hands */
	0x1f441,	/* eye */
	0x1f60d,	/* smiling face with heart-shaped eyes */
	0x1f601,	/* grinning face with smiling eyes */
	0x1f610,	/* neutral face */
	0x1f681,	/* helicopter */
	0x1f690,	/* minibus */
	0x1f340,	/* four leaf clover */
	0x1f381,	/* wrapped present */
	0x1f5dd,	/* old key */
	0x23f8,		/* pause */
	0x23f9,		/* stop */
	0x23fa,		/* record */
	0x23ed,		/* next track */
	0x23ee,		/* previous track */
	0x1f427,	/* penguin */
	0x1f419,	/* octopus */
};

/* Checks the well-formed byte ranges (RFC 3629, Unicode table 3-7) byte
 * by byte rather than decoding, so overlongs, surrogates and values past
 * U+10FFFF need no separate pass. */
size_t
utf8_valid_len(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && s[1] < 0xa0)
			return 0;	/* overlong */
		if (c == 0xed && s[1] >= 0xa0)
			return 0;	/* surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && s[1] < 0x90)
			return 0;
		if (c == 0xf4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

/* Offset of the first byte >= 0x80 at or after i, or n: eight bytes at a
 * time while they are all ASCII; in the word that is not, the lowest
 * set top bit is the first such byte (on a little-endian machine; the
 * byte loop finds it elsewhere, and in the last bytes). A loop byte by
 * byte there ended at an unpredictable place in every word; unit-utf8
 * compares this with it. */
static size_t
utf8_skip_ascii(const unsigned char *s, size_t n, size_t i)
{
	uint64_t w;

	while (i + 8 <= n) {
		memcpy(&w, s + i, 8);
		w &= UINT64_C(0x8080808080808080);
		if (w != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return i + (size_t)(__builtin_ctzll(w) >> 3);
#else
			break;
#endif
		}
		i += 8;
	}
	while (i < n && s[i] < 0x80)
		i++;
	return i;
}

/* The code point at s, its length in *len; *len is 0 if the bytes are not
 * valid UTF-8. */
static uint32_t
utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
	size_t l = utf8_valid_len((const char *)s, n);

	*len = l;
	switch (l) {
	case 1:
		return s[0];
	case 2:
		return (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	case 3:
		return (uint32_t)(s[0] & 0x0f) << 12 |
		    (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	case 4:
		return (uint32_t)(s[0] & 0x07) << 18 |
		    (uint32_t)(s[1] & 0x3f) << 12 |
		    (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	default:
		return 0;
	}
}

/* An invalid byte counts as one, as a replacing decoder would show it. */
size_t
utf8_count(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, j, cp = 0;

	/* ASCII runs count their bytes; only multi-byte sequences are
	 * decoded. */
	while ((j = utf8_skip_ascii(u, n, i)) < n) {
		size_t len = utf8_valid_len(s + j, n - j);
		cp += j - i + 1;
		i = j + (len ? len : 1);
	}
	return cp + (n - i);
}

/* ASCII words are skipped whole; only multi-byte sequences are checked. */
size_t
utf8_invalid_find(const char *str, size_t n, size_t from)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = from, len;

	while ((i = utf8_skip_ascii(s, n, i)) < n) {
		if ((len = utf8_valid_len(str + i, n - i)) == 0)
			return i;
		i += len;
	}
	return n;
}

/*
 * The byte that decoding through cp1252, cp1254 or latin-1 turned into code
 * point c, or -1. The three tables never disagree on a code point, so one
 * inverse serves all: latin-1 is the identity below U+0100 (which also
 * covers C1 controls that stand for bytes cp1252 leaves undefined), cp1252
 * adds its 0x80-0x9F punctuation and cp1254 its six Turkish letters.
 */
static int
utf8_byte_of(uint32_t c)
{
	if (c < 0x100)
		return (int)c;
	switch (c) {
	case 0x20ac: return 0x80;
	case 0x201a: return 0x82;
	case 0x0192: return 0x83;
	case 0x201e: return 0x84;
	case 0x2026: return 0x85;
	case 0x2020: return 0x86;
	case 0x2021: return 0x87;
	case 0x02c6: return 0x88;
	case 0x2030: return 0x89;
	case 0x0160: return 0x8a;
	case 0x2039: return 0x8b;
	case 0x0152: return 0x8c;
	case 0x017d: return 0x8e;
	case 0x2018: return 0x91;
	case 0x2019: return 0x92;
	case 0x201c: return 0x93;
	case 0x201d: return 0x94;
	case 0x2022: return 0x95;
	case 0x2013: return 0x96;
	case 0x2014: return 0x97;
	case 0x02dc: return 0x98;
	case 0x2122: return 0x99;
	case 0x0161: return 0x9a;
	case 0x203a: return 0x9b;
	case 0x0153: return 0x9c;
	case 0x017e: return 0x9e;
	case 0x0178: return 0x9f;
	case 0x011e: return 0xd0;	/* cp1254 from here */
	case 0x0130: return 0xdd;
	case 0x015e: return 0xde;
	case 0x011f: return 0xf0;
	case 0x0131: return 0xfd;
	case 0x015f: return 0xfe;
	default:     return -1;
	}
}

/* Whether c could be what mojibake stood for: not a C1 control, not
 * Syriac, Thaana or NKo (U+0700-U+07FF, what "Gruß“" or "ODTÜ’" would
 * give), not a noncharacter, not in the unassigned planes 3 (above CJK
 * extension H) to 13. */
static int
utf8_plausible(uint32_t c)
{
	return !(c >= 0x80 && c <= 0x9f) && !(c >= 0x700 && c <= 0x7ff) &&
	    !(c >= 0xfdd0 && c <= 0xfdef) && (c & 0xfffe) != 0xfffe &&
	    !(c > 0x323af && c < 0xe0000);
}

/* How likely c is as the character behind a lossy run that no character
 * of utf8_likely fits: lower is likelier. Emoji, then other symbols and
 * kana, then punctuation, then the rest. */
static size_t
utf8_rank(uint32_t c)
{
	if (c >= 0x1f300 && c <= 0x1faff)
		return 0;
	if ((c >= 0x2190 && c <= 0x27bf) || (c >= 0x2b00 && c <= 0x2bff))
		return 1;
	if (c >= 0x3000 && c <= 0x30ff)
		return 1;	/* CJK punctuation, kana */
	if (c >= 0x2000 && c <= 0x206f)
		return 2;
	return 3;
}

/* Write the UTF-8 of c (at most U+10FFFF, not a surrogate) to e; return
 * its length. */
static size_t
utf8_encode(uint32_t c, unsigned char *e)
{
	if (c < 0x80) {
		e[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		e[0] = (unsigned char)(0xc0 | c >> 6);
		e[1] = (unsigned char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		e[0] = (unsigned char)(0xe0 | c >> 12);
		e[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		e[2] = (unsigned char)(0x80 | (c & 0x3f));
		return 3;
	}
	e[0] = (unsigned char)(0xf0 | c >> 18);
	e[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
	e[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
	e[3] = (unsigned char)(0x80 | (c & 0x3f));
	return 4;
}

/* Whether the continuation bytes e[1..need) could have lost the bytes
 * marked dropped in dmask and come out as slot[0..k) (0 for U+FFFD): the
 * dropped and the U+FFFD bytes must be among the first nlost of
 * utf8_lost, the others equal. */
static int
utf8_fits(const unsigned char *e, size_t need, size_t dmask,
    const unsigned char *slot, size_t nlost)
{
	size_t p, t;

	for (p = 0, t = 0; p < need - 1; p++) {
		if (!(dmask & ((size_t)1 << p)) && slot[t++] != 0) {
			if (e[p + 1] != slot[t - 1])
				return 0;
		} else if (memchr(utf8_lost, e[p + 1], nlost) == NULL)
			return 0;
	}
	return 1;
}

/* How many of the low ncont bits of dmask are set. */
static size_t
utf8_dropped(size_t dmask, size_t ncont)
{
	size_t p, t;

	for (p = 0, t = 0; p < ncont; p++)
		t += (dmask >> p) & 1;
	return t;
}

/*
 * Fill in the bytes a lossy sequence lost. lead needs need-1 continuation
 * bytes; slot[0..k) are those present in order (0 marks one that arrived as
 * U+FFFD). The other need-1-k were dropped from unknown places. Every
 * placement and every value from utf8_lost is tried (0x8E and 0x9E only if
 * the text can be cp1254: cp1252 has them as Ž and ž, so cannot lose them);
 * the first character of utf8_likely that fits wins, else the plausible
 * result with the best utf8_rank. Only emoji, symbol and
 * kana leads qualify (E2, E3, EF B8, F0 9F), where a false match on real
 * text is all but impossible, and at most one byte may be unknown (two
 * after F0 9F).
 */
static int
utf8_guess(unsigned char lead, size_t need, const unsigned char *slot,
    size_t k, int cp1252, struct utf8_seq *q)
{
	const size_t nlost = sizeof(utf8_lost) - (cp1252 ? 2 : 0);
	const size_t nlikely = sizeof(utf8_likely) / sizeof(utf8_likely[0]);
	unsigned char try[4];
	size_t ncont = need - 1, nunk, dmask, p, t, v, vals, best = SIZE_MAX;
	size_t unk[3], len, i, mmax = ((size_t)1 << (need - 1)) - 1;
	uint32_t c;

	if (!(lead == 0xe2 || lead == 0xe3 || (lead == 0xef &&
	    k > 0 && slot[0] == 0xb8) || (lead == 0xf0 && k > 0 &&
	    slot[0] == 0x9f)))
		return 0;
	for (nunk = ncont - k, p = 0; p < k; p++)
		nunk += slot[p] == 0;
	if (nunk >= ncont || nunk > (lead == 0xf0 ? 2u : 1u))
		return 0;
	/* The listed likely characters first, in their order. */
	for (i = 0; i < nlikely; i++) {
		if (utf8_encode(utf8_likely[i], try) != need || try[0] != lead)
			continue;
		for (dmask = mmax; dmask != (size_t)-1; dmask--)
			if (utf8_dropped(dmask, ncont) == ncont - k &&
			    utf8_fits(try, need, dmask, slot, nlost)) {
				memcpy(q->b, try, need);
				q->len = need;
				q->guessed = 1;
				return 1;
			}
	}
	/* Then every candidate. dmask: which continuation positions were
	 * dropped; high bits first, so losses at the end (the usual case) win
	 * ties. */
	for (dmask = mmax; dmask != (size_t)-1 && best > 0; dmask--) {
		if (utf8_dropped(dmask, ncont) != ncont - k)
			continue;
		try[0] = lead;
		for (p = 0, t = 0, nunk = 0; p < ncont; p++) {
			if (dmask & ((size_t)1 << p))
				try[p + 1] = 0;
			else
				try[p + 1] = slot[t++];
			if (try[p + 1] == 0)
				unk[nunk++] = p + 1;
		}
		for (vals = 1, p = 0; p < nunk; p++)
			vals *= nlost;
		for (v = 0; v < vals && best > 0; v++) {
			size_t r = v, rank;

			for (p = 0; p < nunk; p++) {
				try[unk[p]] = utf8_lost[r % nlost];
				r /= nlost;
			}
			c = utf8_decode(try, need, &len);
			if (len != need || !utf8_plausible(c) ||
			    (rank = utf8_rank(c)) >= best)
				continue;
			best = rank;
			memcpy(q->b, try, need);
		}
	}
	if (best == SIZE_MAX)
		return 0;
	q->len = need;
	q->guessed = 1;
	return 1;
}

/* Whether c is punctuation or a mark that real text puts right after a
 * word ("été »", "další…“", "Café®"). */
static int
utf8_is_punct(uint32_t c)
{
	switch (c) {
	case 0xa0: case 0xa9: case 0xab: case 0xae: case 0xb7: case 0xbb:
	case 0x2013: case 0x2014: case 0x2018: case 0x2019: case 0x201a:
	case 0x201c: case 0x201d: case 0x201e: case 0x2020: case 0x2021:
	case 0x2022: case 0x2026: case 0x2039: case 0x203a: case 0x2122:
		return 1;
	default:
		return 0;
	}
}

/* Whether decoding gave c through cp1252 or latin-1 but never cp1254: the
 * letters cp1254 replaced by Turkish ones, and Ž ž. */
static int
utf8_not_1254(uint32_t c)
{
	return c == 0xd0 || c == 0xdd || c == 0xde || c == 0xf0 ||
	    c == 0xfd || c == 0xfe || c == 0x17d || c == 0x17e;
}

/*
 * Whether a whole sequence starts at s[i]: a character standing for a lead
 * byte C2-F4 followed by characters standing for its continuation bytes,
 * giving a utf8_plausible character, or a lossy one utf8_guess can mend.
 */
static int
utf8_seq_at(const unsigned char *s, size_t n, size_t i, struct utf8_seq *q)
{
	unsigned char slot[3];
	size_t l, j, k = 0, need, unknown = 0;
	uint32_t c;
	int b, lead, cp1252;

	c = utf8_decode(s + i, n - i, &l);
	if (l == 0 || (lead = utf8_byte_of(c)) < 0xc2 || lead > 0xf4)
		return 0;
	cp1252 = utf8_not_1254(c);
	need = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
	q->cont = 0;
	q->punct = 1;
	q->blank = 1;
	q->guessed = 0;
	for (j = i + l; k < need - 1 && j < n; j += l, k++) {
		c = utf8_decode(s + j, n - j, &l);
		if (l == 0)
			break;
		if (c == 0xfffd) {
			slot[k] = 0;
			unknown++;
		} else if ((b = utf8_byte_of(c)) >= 0x80 && b <= 0xbf) {
			slot[k] = (unsigned char)b;
			q->punct &= utf8_is_punct(c);
			q->blank &= c == 0xa0 || c == 0xab || c == 0xbb ||
			    c == 0xb7 || c == 0x2026;
		} else
			break;
		if (k == 0)
			q->cont = c;
		cp1252 |= utf8_not_1254(c);
	}
	q->next = j;
	if (k == need - 1 && unknown == 0) {
		q->b[0] = (unsigned char)lead;
		memcpy(q->b + 1, slot, k);
		q->len = need;
		c = utf8_decode(q->b, need, &l);
		return l == need && utf8_plausible(c);
	}
	return utf8_guess((unsigned char)lead, need, slot, k, cp1252, q);
}

/* Whether c is a lower-case letter: ASCII, latin-1 or one the code pages
 * above produce. */
static int
utf8_is_lower(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xdf && c <= 0xff &&
	    c != 0xf7) || c == 0x11f || c == 0x131 || c == 0x15f ||
	    c == 0x153 || c == 0x161 || c == 0x17e;
}

/* The code point before s[i], or 0 at the start or after invalid bytes. */
static uint32_t
utf8_prev(const unsigned char *s, size_t i)
{
	size_t k = i, l;
	uint32_t c;

	while (k > 0 && i - k < 4) {
		k--;
		if ((s[k] & 0xc0) != 0x80)
			break;
	}
	if (k == i)
		return 0;
	c = utf8_decode(s + k, i - k, &l);
	return k + l == i ? c : 0;
}

/* Whether c is a letter that cp1252 puts among continuation bytes: 1 for
 * lower case (and modifier letters), 2 for upper case (Œ Š Ÿ Ž), else 0. */
static int
utf8_cont_letter(uint32_t c)
{
	switch (c) {
	case 0xaa: case 0xb5: case 0xba: case 0x153: case 0x161:
	case 0x17e: case 0x192: case 0x2c6: case 0x2dc:
		return 1;
	case 0x152: case 0x160: case 0x178: case 0x17d:
		return 2;
	default:
		return 0;
	}
}

/*
 * Whether a run made of the one sequence q at s[i] is more likely real
 * text. Two bytes: an upper-case letter (any lead but Â and Ã, which real
 * text hardly ever puts before a symbol) not inside a lower-case word,
 * followed by anything but a lower-case letter or C1 control, unless a
 * symbol between it and a lower-case letter gives it away: "NESTLÉ®",
 * "AĞ’a", "PROHLÍŽEČ" and "«ÇA»" are real; "wiÄ…zanie" (ą) and
 * "Ä°stanbul" (İ) are not. Three or four bytes: an accented letter
 * followed only by punctuation ("été »", "další…“", "maçã…”"); after â
 * (which stands for symbol leads) only when a byte was guessed and what is
 * left is a space, guillemet or ellipsis ("pâ »", but "â“" is U+2753 that
 * lost its 9D).
 */
static int
utf8_is_weak(const unsigned char *s, size_t n, size_t i,
    const struct utf8_seq *q)
{
	uint32_t c = q->cont, next = 0;
	size_t l;

	if (q->len > 2) {
		if (q->b[0] == 0xe2)
			return q->guessed && q->blank;
		if (q->b[0] == 0xe3)
			return q->punct;
		return q->punct && (q->guessed || q->b[0] != 0xef);
	}
	if (q->b[0] == 0xc2 || q->b[0] == 0xc3 || (c >= 0x80 && c <= 0x9f) ||
	    utf8_cont_letter(c) == 1)
		return 0;
	if (utf8_is_lower(utf8_prev(s, i)))
		return 0;
	if (q->next < n)
		next = utf8_decode(s + q->next, n - q->next, &l);
	return utf8_is_punct(c) || utf8_cont_letter(c) == 2 ||
	    !utf8_is_lower(next);
}

/*
 * Repair the run in rep[base..) again while all of it is itself a run:
 * text encoded wrongly twice. Decoding never lengthens text (each source
 * character is two bytes or more and stands for one byte, or two when F0 9F
 * lost its two last), so it is done in place.
 */
static void
utf8_redecode(struct buf *rep, size_t base, int *guessed)
{
	unsigned char *seg;
	struct utf8_seq q;
	size_t len, p, w;
	int pass;

	for (pass = 0; pass < 3; pass++) {
		seg = (unsigned char *)rep->data + base;
		len = rep->len - base;
		for (p = 0; p < len && utf8_seq_at(seg, len, p, &q); )
			p = q.next;
		if (len == 0 || p != len)
			return;
		for (p = 0, w = 0; p < len; p = q.next, w += q.len) {
			utf8_seq_at(seg, len, p, &q);
			*guessed |= q.guessed;
			memcpy(seg + w, q.b, q.len);
		}
		rep->len = base + w;
		rep->data[rep->len] = '\0';
	}
}

/* Each non-ASCII character is tried as the start of a run; a run that is
 * one look-alike sequence (utf8_is_weak) is skipped, and the repair of a
 * run is appended as it is parsed, then decoded again while it is itself
 * mojibake. */
int
utf8_mojibake_find(const char *str, size_t n, size_t from, size_t *start,
    size_t *end, struct buf *rep)
{
	int guessed;

	return utf8_mojibake_find_guess(str, n, from, start, end, rep,
	    &guessed);
}

/* utf8_mojibake_find, also telling whether a lost byte was guessed. */
int
utf8_mojibake_find_guess(const char *str, size_t n, size_t from,
    size_t *start, size_t *end, struct buf *rep, int *guessed)
{
	const unsigned char *s = (const unsigned char *)str;
	struct utf8_seq q, q2;
	size_t i = from, j, l, base;

	while ((i = utf8_skip_ascii(s, n, i)) < n) {
		if (!utf8_seq_at(s, n, i, &q)) {
			l = utf8_valid_len(str + i, n - i);
			i += l ? l : 1;
			continue;
		}
		if (utf8_is_weak(s, n, i, &q) &&
		    (q.next >= n || !utf8_seq_at(s, n, q.next, &q2))) {
			i = q.next;
			continue;
		}
		base = rep->len;
		*guessed = 0;
		for (;;) {
			*guessed |= q.guessed;
			buf_put(rep, (const char *)q.b, q.len);
			j = q.next;
			if (j >= n || !utf8_seq_at(s, n, j, &q))
				break;
		}
		utf8_redecode(rep, base, guessed);
		*start = i;
		*end = j;
		return 1;
	}
	return 0;
}
