/* esc.c: HTML, XML, JSON, Markdown and URL escaping, the only place that
 * turns data into markup-safe text. */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "esc.h"
#include "utf8.h"

/* Bytes esc_json_inner copies as they are: ASCII from space on, but for
 * '"' and '\\' (a table: one load a byte instead of four tests). */
static const unsigned char esc_plain_json[256] = {
#define ESC_J8(c)	[c] = 1, [c + 1] = 1, [c + 2] = 1, [c + 3] = 1, \
	[c + 4] = 1, [c + 5] = 1, [c + 6] = 1, [c + 7] = 1
	[0x20] = 1, [0x21] = 1, [0x23] = 1, [0x24] = 1, [0x25] = 1,
	[0x26] = 1, [0x27] = 1, ESC_J8(0x28), ESC_J8(0x30), ESC_J8(0x38),
	ESC_J8(0x40), ESC_J8(0x48), ESC_J8(0x50), [0x58] = 1, [0x59] = 1,
	[0x5a] = 1, [0x5b] = 1, [0x5d] = 1, [0x5e] = 1, [0x5f] = 1,
	ESC_J8(0x60), ESC_J8(0x68), ESC_J8(0x70), ESC_J8(0x78),
#undef ESC_J8
};

/* Eight bytes at a time (a word w read with memcpy): ESC_ONES times a
 * byte is that byte in every lane; esc_has(w, c) is not 0 when a byte
 * of w is c, esc_below(w, c) when a byte is below c (c at most 0x80),
 * exactly, as Bit Twiddling Hacks' haszero and hasless. */
#define ESC_ONES	0x0101010101010101ULL
#define ESC_HIGH	0x8080808080808080ULL

static inline uint64_t
esc_below(uint64_t w, unsigned c)
{
	return (w - ESC_ONES * c) & ~w & ESC_HIGH;
}

static inline uint64_t
esc_has(uint64_t w, unsigned c)
{
	return esc_below(w ^ (ESC_ONES * c), 1);
}

/* Are all eight bytes of w plain for esc_json_inner (esc_plain_json)? */
static inline int
esc_word_json(uint64_t w)
{
	return !((w & ESC_HIGH) | esc_below(w, 0x20) | esc_has(w, '"') |
	    esc_has(w, '\\'));
}

/* The length of the start of s[0..n) whose bytes plain marks. */
static size_t
esc_plain_run(const unsigned char *plain, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && plain[(unsigned char)s[i]])
		i++;
	return i;
}

/* esc_plain_run of esc_plain_json, whole words while esc_word_json says
 * they are plain, then byte by byte through the word that stopped it (a
 * word test may refuse plain bytes, never pass others). JSON strings are
 * long (messages, task text); a page's values are mostly a few bytes,
 * and there the table alone is as fast. */
size_t
esc_json_plain(const char *s, size_t n)
{
	size_t i = 0, end;
	uint64_t w;

	for (;;) {
		while (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if (!esc_word_json(w))
				break;
			i += 8;
		}
		end = n - i > 8 ? i + 8 : n;
		i += esc_plain_run(esc_plain_json, s + i, end - i);
		if (i < end || i == n)
			return i;
	}
}

void
esc_json_inner(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len;

		if (esc_plain_json[c]) {
			i += esc_json_plain(s + i, n - i);
			continue;
		}
		if (c >= 0x80) {
			len = utf8_valid_len(s + i, n - i);
			if (len) {
				i += len;
				continue;
			}
		}
		buf_put(b, s + run, i - run);
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default:
			if (c < 0x20)
				buf_printf(b, "\\u%04x", c);
			else
				buf_puts(b, "\\ufffd");
		}
		i++;
		run = i;
	}
	buf_put(b, s + run, i - run);
}

void
esc_json(struct buf *b, const char *s, size_t n)
{
	buf_putc(b, '"');
	esc_json_inner(b, s, n);
	buf_putc(b, '"');
}

/* Bytes that esc_markup passes through without a closer look: ASCII
 * other than controls and the five characters it escapes. */
static const unsigned char esc_plain_markup[256] = {
	[' '] = 1, ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['('] = 1,
	[')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1, ['-'] = 1, ['.'] = 1,
	['/'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, [':'] = 1,
	[';'] = 1, ['='] = 1, ['?'] = 1, ['@'] = 1, ['['] = 1, ['\\'] = 1,
	[']'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1, ['{'] = 1, ['|'] = 1,
	['}'] = 1, ['~'] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
	['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,
	['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1,
	['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static void
esc_markup(struct buf *b, const char *s, size_t n, int xml)
{
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		size_t len = 1;

		if (esc_plain_markup[c]) {
			i++;
			continue;
		}
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				rep = xml ? "\xef\xbf\xbd" : "\xef\xbf\xbd";
			else if (c >= 0x80) {
				len = utf8_valid_len(s + i, n - i);
				if (len == 0) {
					rep = "\xef\xbf\xbd";
					len = 1;
				} else if (xml && len == 3 &&
				    (unsigned char)s[i] == 0xef &&
				    (unsigned char)s[i + 1] == 0xbf &&
				    (unsigned char)s[i + 2] >= 0xbe)
					rep = "\xef\xbf\xbd";
			}
		}
		if (rep == NULL) {
			i += len;
			continue;
		}
		buf_put(b, s + run, i - run);
		buf_puts(b, rep);
		i += len;
		run = i;
	}
	buf_put(b, s + run, i - run);
}

size_t
esc_html_plain(const char *s, size_t n)
{
	return esc_plain_run(esc_plain_markup, s, n);
}

void
esc_html(struct buf *b, const char *s, size_t n)
{
	esc_markup(b, s, n, 0);
}

void
esc_xml(struct buf *b, const char *s, size_t n)
{
	esc_markup(b, s, n, 1);
}

void
esc_md(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];
		switch (c) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '\r': break;
		case '\n': buf_putc(b, ' '); break;
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '|': case '#': case '!': case '~': case '{': case '}':
			buf_putc(b, '\\');
			buf_putc(b, c);
			break;
		default:
			buf_putc(b, c);
		}
	}
}

int
esc_url_allowed(const char *s, size_t n)
{
	size_t i;

	/* Skip leading whitespace and controls browsers ignore. */
	while (n && (unsigned char)*s <= 0x20) {
		s++;
		n--;
	}
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == ':')
			break;
		if (c == '/' || c == '?' || c == '#')
			return 1;	/* relative: no scheme before these */
	}
	if (i == n)
		return 1;
	return (i == 4 && strncasecmp(s, "http", 4) == 0) ||
	    (i == 5 && strncasecmp(s, "https", 5) == 0) ||
	    (i == 6 && strncasecmp(s, "mailto", 6) == 0);
}

void
esc_href(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf tmp = {0};
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\'' ||
		    c == '<' || c == '>' || c == '\\' || c == '`') {
			buf_putc(&tmp, '%');
			buf_putc(&tmp, hex[c >> 4]);
			buf_putc(&tmp, hex[c & 15]);
		} else
			buf_putc(&tmp, c);
	}
	esc_html(b, tmp.data ? tmp.data : "", tmp.len);
	buf_free(&tmp);
}

/* esc_xml between the whitespace characters, which become references. */
void
esc_xml_attr(struct buf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '\t': rep = "&#9;"; break;
		case '\n': rep = "&#10;"; break;
		case '\r': rep = "&#13;"; break;
		default: continue;
		}
		esc_xml(b, s + run, i - run);
		buf_puts(b, rep);
		run = i + 1;
	}
	esc_xml(b, s + run, n - run);
}

/* The workflow-command escaper; prop adds ':' and ','. Invalid UTF-8
 * becomes U+FFFD so the log line stays text. */
static void
esc_gh(struct buf *b, const char *s, size_t n, int prop)
{
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		size_t len = 1;

		if (c == '%')
			rep = "%25";
		else if (c == '\r')
			rep = "%0D";
		else if (c == '\n')
			rep = "%0A";
		else if (prop && c == ':')
			rep = "%3A";
		else if (prop && c == ',')
			rep = "%2C";
		else if (c >= 0x80 && (len = utf8_valid_len(s + i, n - i)) == 0) {
			rep = "\xef\xbf\xbd";
			len = 1;
		}
		if (rep == NULL) {
			i += len;
			continue;
		}
		buf_put(b, s + run, i - run);
		buf_puts(b, rep);
		i += len;
		run = i;
	}
	buf_put(b, s + run, i - run);
}

/* The message after "::". */
void
esc_gh_data(struct buf *b, const char *s, size_t n)
{
	esc_gh(b, s, n, 0);
}

/* A property value: file=, title=. */
void
esc_gh_prop(struct buf *b, const char *s, size_t n)
{
	esc_gh(b, s, n, 1);
}

/* Percent-encode all but unreserved characters, '/' and the
 * sub-delimiters a path may hold. */
void
esc_uri_path(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || (c != 0 &&
		    strchr("-._~/!$&'()*+,;=@", c) != NULL))
			buf_putc(b, c);
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}

/* The code point at s (n bytes) if it is valid UTF-8, else -1; *len is
 * its length (1 for a bad byte). */
static long
esc_cp(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;

	*len = utf8_valid_len(s, n);
	if (*len == 0) {
		*len = 1;
		return -1;
	}
	switch (*len) {
	case 1: return u[0];
	case 2: return (long)(u[0] & 0x1f) << 6 | (u[1] & 0x3f);
	case 3: return (long)(u[0] & 0x0f) << 12 | (long)(u[1] & 0x3f) << 6 |
	    (u[2] & 0x3f);
	default: return (long)(u[0] & 0x07) << 18 |
	    (long)(u[1] & 0x3f) << 12 | (long)(u[2] & 0x3f) << 6 |
	    (u[3] & 0x3f);
	}
}

/* Code points a terminal or a log viewer acts on: C0 but tab, DEL, C1,
 * and the bidirectional overrides and isolates that reorder a line. */
static int
esc_term_active(long c)
{
	return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Are the eight bytes at s all printable ASCII (0x20 to 0x7e)? One test
 * in place of eight compares and branches. A byte >= 0x80 sets its top
 * bit in v. With every top bit clear, (x - k * 0x01..) & ~x has a top
 * bit set exactly when some byte of x is below k: the lowest such byte
 * wraps past 0x80, and no byte borrows unless one below it did. So
 * k = 0x20 on v finds a control character, k = 1 on v ^ 0x7f.. a DEL. */
static int
esc_term_plain8(const char *s)
{
	const uint64_t lo = 0x0101010101010101u, hi = 0x8080808080808080u;
	uint64_t v, lt, del;

	memcpy(&v, s, 8);
	lt = v - lo * 0x20;
	del = v ^ (lo * 0x7f);
	return ((v | (lt & ~v) | ((del - lo) & ~del)) & hi) == 0;
}

void
esc_term(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0, len;
	long c;

	while (i < n) {
		unsigned char u = (unsigned char)s[i];

		/* Fast path: eight printable ASCII bytes, copied as they are;
		 * fewer than eight left are tested as the last eight of s
		 * (those before i again, which is harmless). unit-perf
		 * compares it with the byte loop. */
		if (n - i >= 8 && esc_term_plain8(s + i)) {
			i += 8;
			continue;
		}
		if (n - i < 8 && n >= 8 && esc_term_plain8(s + n - 8)) {
			i = n;
			continue;
		}
		if (u >= 0x20 && u < 0x7f) {
			i++;
			continue;
		}
		c = esc_cp(s + i, n - i, &len);
		if (c >= 0 && !esc_term_active(c)) {
			i += len;
			continue;
		}
		buf_put(b, s + run, i - run);
		if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\r')
			buf_puts(b, "\\r");
		else if (c == 0x1b)
			buf_puts(b, "\\e");
		else if (c < 0 || c < 0x80)
			buf_printf(b, "\\x%02x", u);
		else
			buf_printf(b, "\\u%04lx", c);
		i += len;
		run = i;
	}
	buf_put(b, s + run, i - run);
}

/* Whitespace as .NET's Char.IsWhiteSpace (the GitHub runner trims it
 * before it looks for "::"). */
static int
esc_space(long c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0x85 ||
	    c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f ||
	    c == 0x3000 || c == 0xfeff;
}

int
esc_term_cmd(const char *s, size_t n)
{
	size_t i = 0, len;

	while (i < n && esc_space(esc_cp(s + i, n - i, &len)))
		i += len;
	return n - i >= 2 && s[i] == ':' && s[i + 1] == ':';
}

void
esc_term_start(struct buf *b, const char *s, size_t n)
{
	if (esc_term_cmd(s, n)) {
		size_t i = strcspn(s, ":");
		esc_term(b, s, i);
		buf_puts(b, "\\x3a");
		s += i + 1;
		n -= i + 1;
	}
	esc_term(b, s, n);
}
