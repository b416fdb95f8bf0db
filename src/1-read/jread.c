/* jread.c: [report] a strict JSON reader into a value tree: recursive
 * descent, bounded by JREAD_MAX_DEPTH, errors at file:line:col. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "jread.h"
#include "read.h"
#include "utf8.h"
#include "value.h"
#include "xalloc.h"

struct jr {
	const char	*file;
	const char	*s, *p, *end;
	int		 failed;
};

/* A diag_error at the current position (line and column counted in
 * bytes from 1); the first error only. */
static void
jread_error(struct jr *j, const char *msg)
{
	int line = 1, col = 1;

	if (j->failed)
		return;
	j->failed = 1;
	for (const char *q = j->s; q < j->p && q < j->end; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else
			col++;
	}
	diag_error(j->file, line, col, "invalid JSON: %s", msg);
}

static void
jread_ws(struct jr *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

/* Four hex digits at p into *cp; -1 if not. */
static int
jread_hex4(const char *p, const char *end, unsigned *cp)
{
	unsigned v = 0;

	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*cp = v;
	return 0;
}

/* Append code point cp as UTF-8. */
static void
jread_utf8(struct buf *b, unsigned cp)
{
	if (cp < 0x80)
		buf_putc(b, (char)cp);
	else if (cp < 0x800) {
		buf_putc(b, (char)(0xc0 | cp >> 6));
		buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_putc(b, (char)(0xe0 | cp >> 12));
		buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_putc(b, (char)(0xf0 | cp >> 18));
		buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* A string at p (on its opening quote) into b. */
static int
jread_string(struct jr *j, struct buf *b)
{
	buf_reset(b);
	j->p++;
	for (;;) {
		if (j->p >= j->end) {
			jread_error(j, "unterminated string");
			return -1;
		}
		unsigned char c = (unsigned char)*j->p;
		if (c == '"') {
			j->p++;
			buf_cstr(b);
			return 0;
		}
		if (c < 0x20) {
			jread_error(j, "control character in a string");
			return -1;
		}
		if (c == '\\') {
			unsigned cp, lo;
			if (j->end - j->p < 2) {
				jread_error(j, "unterminated escape");
				return -1;
			}
			switch (j->p[1]) {
			case '"': buf_putc(b, '"'); break;
			case '\\': buf_putc(b, '\\'); break;
			case '/': buf_putc(b, '/'); break;
			case 'b': buf_putc(b, '\b'); break;
			case 'f': buf_putc(b, '\f'); break;
			case 'n': buf_putc(b, '\n'); break;
			case 'r': buf_putc(b, '\r'); break;
			case 't': buf_putc(b, '\t'); break;
			case 'u':
				if (jread_hex4(j->p + 2, j->end, &cp) == -1) {
					jread_error(j, "bad \\u escape");
					return -1;
				}
				j->p += 4;
				if (cp >= 0xdc00 && cp <= 0xdfff) {
					jread_error(j, "lone low surrogate");
					return -1;
				}
				if (cp >= 0xd800 && cp <= 0xdbff) {
					if (j->end - j->p < 8 || j->p[2] != '\\' ||
					    j->p[3] != 'u' || jread_hex4(j->p + 4,
					    j->end, &lo) == -1 || lo < 0xdc00 ||
					    lo > 0xdfff) {
						jread_error(j, "unpaired surrogate");
						return -1;
					}
					cp = 0x10000 + ((cp - 0xd800) << 10) +
					    (lo - 0xdc00);
					j->p += 6;
				}
				jread_utf8(b, cp);
				break;
			default:
				jread_error(j, "bad escape");
				return -1;
			}
			j->p += 2;
			continue;
		}
		size_t n = c < 0x80 ? 1 : utf8_valid_len(j->p,
		    (size_t)(j->end - j->p));
		if (n == 0) {
			jread_error(j, "invalid UTF-8 in a string");
			return -1;
		}
		buf_put(b, j->p, n);
		j->p += n;
	}
}

/* A number at p, as JSON's grammar has it. */
static struct val *
jread_number(struct jr *j)
{
	const char *q = j->p, *start = q;
	int frac = 0, exp = 0;
	char tmp[64];

	if (q < j->end && *q == '-')
		q++;
	if (q < j->end && *q == '0')
		q++;
	else if (q < j->end && *q >= '1' && *q <= '9')
		while (q < j->end && *q >= '0' && *q <= '9')
			q++;
	else
		goto bad;
	if (q < j->end && *q == '.') {
		const char *d = ++q;
		while (q < j->end && *q >= '0' && *q <= '9')
			q++;
		if (q == d)
			goto bad;
		frac = (int)(q - d);
	}
	if (q < j->end && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < j->end && (*q == '+' || *q == '-'))
			q++;
		const char *d = q;
		while (q < j->end && *q >= '0' && *q <= '9')
			q++;
		if (q == d)
			goto bad;
		exp = 1;
	}
	if ((size_t)(q - start) >= sizeof(tmp)) {
		jread_error(j, "number too long");
		return NULL;
	}
	memcpy(tmp, start, (size_t)(q - start));
	tmp[q - start] = '\0';
	j->p = q;
	if (!frac && !exp) {
		errno = 0;
		long long v = strtoll(tmp, NULL, 10);
		if (errno == 0)
			return val_int(v);
	}
	double d = strtod(tmp, NULL);
	if (!isfinite(d)) {
		jread_error(j, "number out of range");
		return NULL;
	}
	return val_num(d, frac > 6 ? 6 : frac);
bad:
	jread_error(j, "bad number");
	return NULL;
}

static struct val *jread_value(struct jr *, struct buf *, int depth);

/* An object or array at p (on its bracket). */
static struct val *
jread_container(struct jr *j, struct buf *b, int depth)
{
	int obj = *j->p == '{';
	struct val *v = obj ? val_obj() : val_arr(), *e;
	char close = obj ? '}' : ']';

	if (depth >= JREAD_MAX_DEPTH) {
		jread_error(j, "nested too deep");
		val_free(v);
		return NULL;
	}
	j->p++;
	jread_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return v;
	}
	for (;;) {
		char *key = NULL;
		jread_ws(j);
		if (obj) {
			if (j->p >= j->end || *j->p != '"') {
				jread_error(j, "expected a member name");
				goto fail;
			}
			if (jread_string(j, b) == -1)
				goto fail;
			if (strlen(b->data) != b->len) {
				jread_error(j, "NUL in a member name");
				goto fail;
			}
			if (val_get(v, b->data) != NULL) {
				jread_error(j, "duplicate member name");
				goto fail;
			}
			key = xstrdup(b->data);
			jread_ws(j);
			if (j->p >= j->end || *j->p != ':') {
				free(key);
				jread_error(j, "expected ':'");
				goto fail;
			}
			j->p++;
		}
		if ((e = jread_value(j, b, depth + 1)) == NULL) {
			free(key);
			goto fail;
		}
		if (obj) {
			val_set(v, key, e);
			free(key);
		} else
			val_push(v, e);
		jread_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return v;
		}
		jread_error(j, obj ? "expected ',' or '}'" :
		    "expected ',' or ']'");
		goto fail;
	}
fail:
	val_free(v);
	return NULL;
}

static struct val *
jread_value(struct jr *j, struct buf *b, int depth)
{
	jread_ws(j);
	if (j->p >= j->end) {
		jread_error(j, "unexpected end");
		return NULL;
	}
	switch (*j->p) {
	case '{':
	case '[':
		return jread_container(j, b, depth);
	case '"':
		if (jread_string(j, b) == -1)
			return NULL;
		return val_str(b->data, b->len);
	case 't':
		if (j->end - j->p >= 4 && memcmp(j->p, "true", 4) == 0) {
			j->p += 4;
			return val_bool(1);
		}
		break;
	case 'f':
		if (j->end - j->p >= 5 && memcmp(j->p, "false", 5) == 0) {
			j->p += 5;
			return val_bool(0);
		}
		break;
	case 'n':
		if (j->end - j->p >= 4 && memcmp(j->p, "null", 4) == 0) {
			j->p += 4;
			return val_null();
		}
		break;
	default:
		if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))
			return jread_number(j);
		break;
	}
	jread_error(j, "unexpected character");
	return NULL;
}

struct val *
jread(const char *file, const char *s, size_t n)
{
	struct jr j = { file, s, s, s + n, 0 };
	struct buf b = {0};
	struct val *v;

	v = jread_value(&j, &b, 0);
	buf_free(&b);
	if (v == NULL)
		return NULL;
	jread_ws(&j);
	if (j.p != j.end) {
		jread_error(&j, "text after the value");
		val_free(v);
		return NULL;
	}
	return v;
}

struct val *
jread_file(const char *file, size_t max)
{
	struct input in;
	struct val *v;

	if (read_input(file, max, &in) == -1)
		return NULL;
	v = jread(file, in.data, in.len);
	read_free(&in);
	return v;
}
