/* utf8.h: UTF-8 validation and mojibake detection and repair.
 * Pure functions over byte strings; any module may include it. */
#ifndef TICKLIST_UTF8_H
#define TICKLIST_UTF8_H

#include <stddef.h>

struct buf;

/* Length (1-4) of the valid UTF-8 sequence at s, or 0 if the bytes at s do
 * not start a valid sequence (overlong, surrogate, > U+10FFFF, truncated). */
size_t	utf8_valid_len(const char *s, size_t n);
/* Number of code points in s[0..n), counting each invalid byte as one. */
size_t	utf8_count(const char *s, size_t n);

/*
 * Mojibake: text that was UTF-8, decoded as cp1252, cp1254 or latin-1 and
 * encoded again as UTF-8 ("ðŸš€" for U+1F680, "â€“" for U+2013).
 * utf8_mojibake_find scans s[from..n) and returns 1 if it finds a run, with
 * its byte range in *start and *end (end exclusive) and the repaired text
 * appended to rep (the original bytes the run stood for). Runs are whole
 * code-point sequences of two or more characters that map back to a valid
 * multi-byte UTF-8 sequence; plain accented text ("café", "Größe") is never
 * a run.
 */
int	utf8_mojibake_find(const char *s, size_t n, size_t from,
	    size_t *start, size_t *end, struct buf *rep);

#endif
