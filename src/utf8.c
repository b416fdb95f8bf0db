/* utf8.c: UTF-8 validation, code point counting, mojibake detection. */
#include <stddef.h>

#include "buf.h"
#include "utf8.h"

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

int
utf8_mojibake_find(const char *s, size_t n, size_t from, size_t *start,
    size_t *end, struct buf *rep)
{
	(void)s; (void)n; (void)from; (void)start; (void)end; (void)rep;
	return 0;	/* TODO: implemented on the utf8 branch */
}
