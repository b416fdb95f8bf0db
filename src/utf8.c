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
	0x2795,		/* heavy plus sign */
	0x2796,		/* heavy minus sign */
	0x279c,		/* heavy round-tipped rightwards arrow */
	0x27a4,		/* black rightwards arrowhead */
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
 * time while they are all ASCII. */
static size_t
utf8_skip_ascii(const unsigned char *s, size_t n, size_t i)
{
	uint64_t w;

	while (i + 8 <= n) {
		memcpy(&w, s + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			break;
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

size_t
utf8_count(const char *s, size_t n)
{
	size_t i = 0, cp = 0;

	while (i < n) {
		size_t len = utf8_valid_len(s + i, n - i);
		i += len ? len : 1;
		cp++;
	}
	return cp;
}

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

/* How likely c is as the character behind a lossy run: lower is likelier.
 * Listed characters first, then emoji, then other symbols. */
static size_t
utf8_rank(uint32_t c)
{
	size_t i, nl = sizeof(utf8_likely) / sizeof(utf8_likely[0]);

	for (i = 0; i < nl; i++)
		if (utf8_likely[i] == c)
			return i;
	if (c >= 0x1f300 && c <= 0x1faff)
		return nl;
	if ((c >= 0x2190 && c <= 0x27bf) || (c >= 0x2b00 && c <= 0x2bff))
		return nl + 1;
	if (c >= 0x2000 && c <= 0x206f)
		return nl + 2;
	return nl + 3;
}

/*
 * Fill in the bytes a lossy sequence lost. lead needs need-1 continuation
 * bytes; slot[0..k) are those present in order (0 marks one that arrived as
 * U+FFFD). The other need-1-k were dropped from unknown places. Every
 * placement and every value from utf8_lost is tried; the valid result with
 * the best utf8_rank wins; 0x8E and 0x9E only if the text can be cp1254
 * (cp1252 has them as Ž and ž, so cannot lose them). Only emoji and punctuation leads qualify, where
 * a false match on real text is all but impossible.
 */
static int
utf8_guess(unsigned char lead, size_t need, const unsigned char *slot,
    size_t k, int cp1252, struct utf8_seq *q)
{
	const size_t nlost = sizeof(utf8_lost) - (cp1252 ? 2 : 0);
	unsigned char try[4];
	size_t ncont = need - 1, nunk, dmask, p, t, v, vals, best = SIZE_MAX;
	size_t unk[3], len;
	uint32_t c;

	if (k == 0 || slot[0] == 0)
		return 0;
	if (!(lead == 0xe2 || (lead == 0xef && slot[0] == 0xb8) ||
	    (lead == 0xf0 && slot[0] == 0x9f)))
		return 0;
	for (nunk = ncont - k, p = 0; p < k; p++)
		nunk += slot[p] == 0;
	if (nunk > (lead == 0xf0 ? 2u : 1u))
		return 0;
	/* dmask: which continuation positions were dropped; high bits first,
	 * so losses at the end (the usual case) win ties. */
	for (dmask = ((size_t)1 << ncont) - 1; dmask != (size_t)-1; dmask--) {
		for (p = 0, t = 0; p < ncont; p++)
			t += (dmask >> p) & 1;
		if (t != ncont - k)
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
		for (v = 0; v < vals; v++) {
			size_t r = v, rank;

			for (p = 0; p < nunk; p++) {
				try[unk[p]] = utf8_lost[r % nlost];
				r /= nlost;
			}
			c = utf8_decode(try, need, &len);
			if (len != need || (rank = utf8_rank(c)) >= best)
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
 * byte C2-F4 followed by characters standing for its continuation bytes.
 * Two-byte results that are C1 controls or Syriac, Thaana or NKo (U+0700-
 * U+07FF, what "Gruß“" or "ODTÜ’" would give) are refused.
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
		if (l != need)
			return 0;
		if (need == 2 && ((c >= 0x80 && c <= 0x9f) ||
		    (c >= 0x700 && c <= 0x7ff)))
			return 0;
		return 1;
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

/*
 * Whether a run made of the one two-byte sequence q at s[i] is more likely
 * real text: an upper-case letter (any lead but Â and Ã, which real text
 * hardly ever puts before a symbol) followed by punctuation or a symbol,
 * not inside a lower-case word. "NESTLÉ®", "AĞ’a" and "«ÇA»" are real;
 * "wiÄ…zanie" (ą in Polish) is not.
 */
static int
utf8_is_weak(const unsigned char *s, size_t i, const struct utf8_seq *q)
{
	size_t k, l;
	uint32_t c = q->cont, prev = 0;

	if (q->len != 2 || q->b[0] == 0xc2 || q->b[0] == 0xc3)
		return 0;
	if ((c >= 0x80 && c <= 0x9f) || c == 0xaa || c == 0xb5 ||
	    c == 0xba || c == 0x152 || c == 0x153 || c == 0x160 ||
	    c == 0x161 || c == 0x178 || c == 0x17d || c == 0x17e ||
	    c == 0x192 || c == 0x2c6 || c == 0x2dc)
		return 0;	/* a letter: no real text looks like this */
	for (k = i; k > 0 && i - k < 4; ) {
		k--;
		if ((s[k] & 0xc0) != 0x80)
			break;
	}
	if (k < i) {
		prev = utf8_decode(s + k, i - k, &l);
		if (k + l != i)
			prev = 0;
	}
	return !utf8_is_lower(prev);
}

/*
 * Repair the run in rep[base..) again while all of it is itself a run:
 * text encoded wrongly twice. Decoding never lengthens text (each source
 * character is two bytes or more and stands for one byte, or two when F0 9F
 * lost its two last), so it is done in place.
 */
static void
utf8_redecode(struct buf *rep, size_t base)
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
			memcpy(seg + w, q.b, q.len);
		}
		rep->len = base + w;
		rep->data[rep->len] = '\0';
	}
}

int
utf8_mojibake_find(const char *str, size_t n, size_t from, size_t *start,
    size_t *end, struct buf *rep)
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
		if (utf8_is_weak(s, i, &q) &&
		    (q.next >= n || !utf8_seq_at(s, n, q.next, &q2))) {
			i = q.next;
			continue;
		}
		base = rep->len;
		for (;;) {
			buf_put(rep, (const char *)q.b, q.len);
			j = q.next;
			if (j >= n || !utf8_seq_at(s, n, j, &q))
				break;
		}
		utf8_redecode(rep, base);
		*start = i;
		*end = j;
		return 1;
	}
	return 0;
}
