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
/* Offset of the first byte at or after from that does not start a valid
 * UTF-8 sequence, or n if s[from..n) is valid. Call again with from set to
 * the returned offset + 1 to find the next one. */
size_t	utf8_invalid_find(const char *s, size_t n, size_t from);

/*
 * Mojibake: text that was UTF-8, decoded as cp1252, cp1254 or latin-1 and
 * encoded again as UTF-8 ("ðŸš€" for U+1F680, "â€“" for U+2013).
 * utf8_mojibake_find scans s[from..n) and returns 1 if it finds a run, with
 * its byte range in *start and *end (end exclusive) and the repaired text
 * appended to rep (the original bytes the run stood for; always valid
 * UTF-8, and rep stays NUL-terminated). It returns 0, touching nothing, if
 * there is no further run. To find every run, call it again with from set
 * to *end.
 *
 * A run is a maximal sequence of non-ASCII characters that map back, through
 * those code pages (C1 controls U+0080-U+009F standing for their own bytes),
 * to one or more whole multi-byte UTF-8 sequences; ASCII always ends a run,
 * so "ðŸš€ Go ðŸ”¥" is two runs. Plain accented text ("café", "Größe",
 * "naïve", "AĞ’a"), other scripts and correctly encoded emoji are never a
 * run; neither is a lone look-alike that real text produces: an upper-case
 * letter followed by punctuation ("NESTLÉ®", "Gruß“", "PROHLÍŽEČ") or an
 * accented letter followed by punctuation only ("été »", "irmã…”").
 *
 * Bytes the code pages leave undefined (0x81 0x8D 0x8F 0x90 0x9D, and 0x8E
 * 0x9E in cp1254) are often dropped or turned into U+FFFD; "ğŸ”" is what is
 * left of U+1F50D. Such runs are found when they start like an emoji,
 * symbol or kana (lead bytes E2, E3, EF B8, F0 9F), and the lost byte is
 * guessed: the commonest checklist character that fits, so the repair of a
 * lossy run is likely but not certain. Runs encoded twice are repaired
 * twice ("Ã¢â‚¬â„¢" gives U+2019).
 *
 * Cost: bytes below 0x80 are skipped eight at a time; nothing is allocated
 * except by appending to rep.
 */
int	utf8_mojibake_find(const char *s, size_t n, size_t from,
	    size_t *start, size_t *end, struct buf *rep);
/* The same, with *guessed set to 1 when the repair guessed a lost byte
 * (not certain, so --fix leaves it) and to 0 when it is the one text the
 * bytes decode to. */
int	utf8_mojibake_find_guess(const char *s, size_t n, size_t from,
	    size_t *start, size_t *end, struct buf *rep, int *guessed);

#endif
