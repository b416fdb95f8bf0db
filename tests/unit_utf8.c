/* unit_utf8.c: unit tests for src/lib/utf8.c. With no arguments it runs the
 * cases below and prints "ok utf8/NAME" or "not ok utf8/NAME" for each;
 * with --scan FILE... it prints every mojibake run found in each file as
 * "FILE:LINE:COL: RUN -> REPAIR" (and "FILE: invalid repair" should a
 * repair not be valid UTF-8), for tests/suites/utf8.sh to judge. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

static int failures;

/* Print the result line of one case. */
static void
unit_report(int ok, const char *name, const char *detail)
{
	printf("%sok utf8/%s\n", ok ? "" : "not ", name);
	if (!ok && detail != NULL)
		printf("#   %s\n", detail);
	if (!ok)
		failures++;
}

/* utf8_valid_len on byte strings that are one sequence or a broken one. */
static void
unit_valid_len(void)
{
	static const struct {
		const char	*name;
		const char	*s;
		size_t		 n;
		size_t		 want;
	} c[] = {
		{ "valid_len/empty", "", 0, 0 },
		{ "valid_len/ascii", "a", 1, 1 },
		{ "valid_len/two", "\xc3\xa9", 2, 2 },
		{ "valid_len/three", "\xe2\x80\x93", 3, 3 },
		{ "valid_len/four", "\xf0\x9f\x9a\x80", 4, 4 },
		{ "valid_len/min-three", "\xe0\xa0\x80", 3, 3 },
		{ "valid_len/max", "\xf4\x8f\xbf\xbf", 4, 4 },
		{ "valid_len/before-surrogates", "\xed\x9f\xbf", 3, 3 },
		{ "valid_len/overlong-c0", "\xc0\x80", 2, 0 },
		{ "valid_len/overlong-c1", "\xc1\xbf", 2, 0 },
		{ "valid_len/overlong-e0", "\xe0\x9f\xbf", 3, 0 },
		{ "valid_len/overlong-f0", "\xf0\x8f\xbf\xbf", 4, 0 },
		{ "valid_len/surrogate", "\xed\xa0\x80", 3, 0 },
		{ "valid_len/surrogate-high", "\xed\xbf\xbf", 3, 0 },
		{ "valid_len/above-10ffff", "\xf4\x90\x80\x80", 4, 0 },
		{ "valid_len/f5", "\xf5\x80\x80\x80", 4, 0 },
		{ "valid_len/ff", "\xff", 1, 0 },
		{ "valid_len/lone-continuation", "\x80", 1, 0 },
		{ "valid_len/bad-continuation", "\xc3\x28", 2, 0 },
		{ "valid_len/truncated-two", "\xc3", 1, 0 },
		{ "valid_len/truncated-three", "\xe2\x82", 2, 0 },
		{ "valid_len/truncated-four", "\xf0\x9f\x9a", 3, 0 },
		{ "valid_len/n-cuts", "\xf0\x9f\x9a\x80", 3, 0 },
	};
	char msg[80];
	size_t i, got;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		got = utf8_valid_len(c[i].s, c[i].n);
		snprintf(msg, sizeof(msg), "got %zu, want %zu", got, c[i].want);
		unit_report(got == c[i].want, c[i].name, msg);
	}
}

/* utf8_count and utf8_invalid_find. */
static void
unit_count_invalid(void)
{
	static const char mixed[] = "a\xc3\xa9\xf0\x9f\x9a\x80\xff";
	static const char late[] = "0123456789abc\xe2\x82";
	size_t got;

	unit_report(utf8_count(mixed, sizeof(mixed) - 1) == 4, "count/mixed",
	    "want 4");
	unit_report(utf8_count("", 0) == 0, "count/empty", "want 0");
	unit_report(utf8_invalid_find("abc", 3, 0) == 3, "invalid/none",
	    "want 3");
	unit_report(utf8_invalid_find("ab\xff" "cd", 5, 0) == 2,
	    "invalid/first", "want 2");
	unit_report(utf8_invalid_find("ab\xff" "cd\xff", 6, 3) == 5,
	    "invalid/from", "want 5");
	got = utf8_invalid_find(late, sizeof(late) - 1, 0);
	unit_report(got == 13, "invalid/after-ascii-words", "want 13");
	unit_report(utf8_invalid_find("\xc3\xa9\xe2\x80\x93", 5, 0) == 5,
	    "invalid/valid-multibyte", "want 5");
	unit_report(utf8_invalid_find("x\xed\xa0\x80", 4, 0) == 1,
	    "invalid/surrogate", "want 1");
}

/* utf8_count and utf8_invalid_find skip ASCII eight bytes at a time and
 * find the first other byte in a word at once (utf8_skip_ascii): the
 * same answers as a loop byte by byte, on random strings of every length
 * up to 40 from every start, with the non-ASCII byte at every place. */
static void
unit_skip_ascii(void)
{
	static const char *const bits[] = { "a", "bcdefgh", "\xc3\xa9",
	    "\xe2\x82\xac", "\xf0\x9f\x9a\x80", "\xff", "\x80", "\xe2\x82",
	    "\xed\xa0\x80", " ", "0123456789" };
	unsigned long seed = 7;
	char s[64];
	size_t bad = 0;

	for (int t = 0; t < 20000; t++) {
		size_t n = 0;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		while (n < (seed >> 33) % 41) {
			const char *b;

			seed = seed * 6364136223846793005UL + 1;
			b = bits[(seed >> 33) % (sizeof(bits) / sizeof(bits[0]))];
			if (n + strlen(b) > 40)
				break;
			memcpy(s + n, b, strlen(b));
			n += strlen(b);
		}
		for (size_t from = 0; from <= n; from++) {
			size_t i = from, count = 0, inv = n, got;

			while (i < n) {
				size_t l = utf8_valid_len(s + i, n - i);

				if (l == 0 && inv == n)
					inv = i;
				count++;
				i += l ? l : 1;
			}
			got = utf8_count(s + from, n - from);
			bad += got != count;
			bad += utf8_invalid_find(s, n, from) != inv;
		}
	}
	unit_report(bad == 0, "skip-ascii/random", "differs from the byte loop");
}

/* Mojibake that must be found: the run [start, end) and its repair. */
static void
unit_mojibake_found(void)
{
	static const struct {
		const char	*name;
		const char	*s;
		size_t		 start, end;
		const char	*rep;
	} c[] = {
		/* whole sequences, cp1252 */
		{ "rocket", "\xc3\xb0\xc5\xb8\xc5\xa1\xe2\x82\xac", 0, 9,
		    "\xf0\x9f\x9a\x80" },
		{ "en-dash", "a \xc3\xa2\xe2\x82\xac\xe2\x80\x9c b", 2, 10,
		    "\xe2\x80\x93" },
		{ "check-mark", "\xc3\xa2\xc5\x93\xe2\x80\xa6 Env", 0, 7,
		    "\xe2\x9c\x85" },
		{ "bar-chart", "## \xc3\xb0\xc5\xb8\xe2\x80\x9c\xc5\xa0 M", 3,
		    12, "\xf0\x9f\x93\x8a" },
		{ "e-acute", "caf\xc3\x83\xc2\xa9", 3, 7, "\xc3\xa9" },
		{ "a-grave-nbsp", "propriet\xc3\x83\xc2\xa0 sito", 8, 12,
		    "\xc3\xa0" },
		{ "nbsp", "a\xc3\x82\xc2\xa0" "b", 1, 5, "\xc2\xa0" },
		{ "cyrillic", "\xc3\x90\xc5\xb8\xc3\x91\xe2\x82\xac\xc3\x90"
		    "\xc2\xb8 x", 0, 13, "\xd0\x9f\xd1\x80\xd0\xb8" },
		{ "chinese", "\xc3\xa4\xc2\xbd\xc2\xa0\xc3\xa5\xc2\xa5\xc2"
		    "\xbd", 0, 12, "\xe4\xbd\xa0\xe5\xa5\xbd" },
		{ "japanese-c1", "\xc3\xa3\xc2\x81\xe2\x80\x9c\xc3\xa3\xe2"
		    "\x80\x9a\xe2\x80\x9c\xc3\xa3\xc2\x81\xc2\xab\xc3\xa3\xc2"
		    "\x81\xc2\xa1\xc3\xa3\xc2\x81\xc2\xaf", 0, 33,
		    "\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1\xe3"
		    "\x81\xaf" },
		{ "polish-in-word", "wi\xc3\x84\xe2\x80\xa6zanie", 2, 7,
		    "\xc4\x85" },
		/* cp1254: ğ stands for F0 */
		{ "cp1254-rocket", "\xc4\x9f\xc5\xb8\xc5\xa1\xe2\x82\xac", 0,
		    9, "\xf0\x9f\x9a\x80" },
		/* latin-1: C1 controls stand for themselves */
		{ "latin1-e-acute-capital", "\xc3\x83\xc2\x89t\xc3\x83\xc2\xa9",
		    0, 4, "\xc3\x89" },
		{ "latin1-vs16", "\xe2\x9c\x85\xc3\xaf\xc2\xb8\xc2\x8f", 3, 9,
		    "\xef\xb8\x8f" },
		/* lost bytes, guessed */
		{ "lost-magnifier", "## \xc4\x9f\xc5\xb8\xe2\x80\x9d Pre", 3,
		    10, "\xf0\x9f\x94\x8d" },
		{ "lost-vs16", "\xc3\xaf\xc2\xb8", 0, 4, "\xef\xb8\x8f" },
		{ "lost-file-cabinet", "\xc4\x9f\xc5\xb8\xe2\x80\x94\xe2\x80"
		    "\x9e\xc3\xaf\xc2\xb8 D", 0, 14,
		    "\xf0\x9f\x97\x84\xef\xb8\x8f" },
		{ "lost-middle-construction", "\xc3\xb0\xc5\xb8\xe2\x80\x94"
		    "\xc3\xaf\xc2\xb8", 0, 11, "\xf0\x9f\x8f\x97\xef\xb8\x8f" },
		{ "lost-middle-hospital", "\xc3\xb0\xc5\xb8\xc2\xa5 P", 0, 6,
		    "\xf0\x9f\x8f\xa5" },
		{ "lost-cross-mark", "\xc3\xa2\xc5\x92 no", 0, 4,
		    "\xe2\x9d\x8c" },
		{ "replacement-quote", "\xc3\xa2\xe2\x82\xac\xef\xbf\xbd", 0,
		    8, "\xe2\x80\x9d" },
		{ "lost-question", "\xc3\xa2\xe2\x80\x9c ok", 0, 5,
		    "\xe2\x9d\x93" },
		{ "replacement-first", "\xc3\xa2\xef\xbf\xbd\xc5\x92 no", 0,
		    7, "\xe2\x9d\x8c" },
		{ "lost-kana", "\xc3\xa3\xe2\x80\x9c\xc3\xa3\xe2\x80\x9a"
		    "\xe2\x80\x9c", 0, 13, "\xe3\x81\x93\xe3\x82\x93" },
		{ "turkish-i-dot", "\xc3\x84\xc2\xb0stanbul", 0, 4,
		    "\xc4\xb0" },
		{ "lost-two-flag", "\xc3\xb0\xc5\xb8 Go", 0, 4,
		    "\xf0\x9f\x8f\x81" },
		{ "warning-sign", "\xc3\xa2\xc5\xa1\xc2\xa0\xc3\xaf\xc2\xb8 x",
		    0, 10, "\xe2\x9a\xa0\xef\xb8\x8f" },
		/* encoded wrongly twice */
		{ "double", "\xc3\x83\xc2\xa2\xc3\xa2\xe2\x80\x9a\xc2\xac\xc3"
		    "\xa2\xe2\x80\x9e\xc2\xa2s", 0, 18, "\xe2\x80\x99" },
	};
	struct buf rep = { NULL, 0, 0 };
	size_t i, st, en, n;
	char msg[200], name[64];
	int found;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		snprintf(name, sizeof(name), "found/%s", c[i].name);
		buf_reset(&rep);
		st = en = 0;
		n = strlen(c[i].s);
		found = utf8_mojibake_find(c[i].s, n, 0, &st, &en, &rep);
		snprintf(msg, sizeof(msg), "found %d [%zu,%zu) rep \"%s\"; "
		    "want [%zu,%zu) \"%s\"", found, st, en,
		    found ? buf_cstr(&rep) : "", c[i].start, c[i].end,
		    c[i].rep);
		unit_report(found == 1 && st == c[i].start &&
		    en == c[i].end && rep.len == strlen(c[i].rep) &&
		    memcmp(rep.data, c[i].rep, rep.len) == 0 &&
		    utf8_invalid_find(rep.data, rep.len, 0) == rep.len,
		    name, msg);
	}
	buf_free(&rep);
}

/* Two runs separated by ASCII are found one call at a time, each repair
 * appended to rep; a call that finds nothing leaves rep alone. */
static void
unit_mojibake_runs(void)
{
	static const char s[] = "\xc3\xb0\xc5\xb8\xc5\xa1\xe2\x82\xac Go "
	    "\xc3\xa2\xe2\x82\xac\xe2\x80\x9c x";
	struct buf rep = { NULL, 0, 0 };
	size_t st = 0, en = 0, n = sizeof(s) - 1;
	int ok;

	buf_puts(&rep, ">");
	ok = utf8_mojibake_find(s, n, 0, &st, &en, &rep) == 1 &&
	    st == 0 && en == 9;
	ok = ok && utf8_mojibake_find(s, n, en, &st, &en, &rep) == 1 &&
	    st == 13 && en == 21;
	ok = ok && utf8_mojibake_find(s, n, en, &st, &en, &rep) == 0 &&
	    st == 13 && en == 21;
	ok = ok && strcmp(buf_cstr(&rep),
	    ">\xf0\x9f\x9a\x80\xe2\x80\x93") == 0;
	unit_report(ok, "mojibake/two-runs", buf_cstr(&rep));
	buf_free(&rep);
}

/* Real text that must never be taken for mojibake. */
static void
unit_mojibake_clean(void)
{
	static const struct {
		const char	*name;
		const char	*s;
	} c[] = {
		{ "ascii", "Nothing here but ASCII text, long enough." },
		{ "cafe", "caf\xc3\xa9 au lait" },
		{ "grosse", "Gr\xc3\xb6\xc3\x9f" "e" },
		{ "naive", "na\xc3\xafve" },
		{ "ca-va", "\xc3\x87" "a va" },
		{ "turkish", "a\xc4\x9f" "a\xc3\xa7 \xc3\xbc\xc5\x9f\xc3\xbc"
		    "d\xc3\xbc \xc4\xb1\xc5\x9f\xc4\xb1k \xc3\xb6\xc4\x9frenci "
		    "\xc3\xa7i\xc3\xa7" "ek" },
		{ "turkish-apostrophe", "\xc4\xb0STANBUL\xe2\x80\x99" "da "
		    "A\xc4\x9e\xe2\x80\x99" "a ODT\xc3\x9c\xe2\x80\x99"
		    "n\xc3\xbcn" },
		{ "russian", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 "
		    "\xd0\xbc\xd0\xb8\xd1\x80" },
		{ "chinese", "\xe4\xbd\xa0\xe5\xa5\xbd\xe4\xb8\x96\xe7\x95\x8c" },
		{ "japanese", "\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1"
		    "\xe3\x81\xaf" },
		{ "arabic", "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7" },
		{ "emoji", "\xf0\x9f\x9a\x80 \xe2\x9c\x85 \xe2\x80\x93 \xe2\x80"
		    "\x99 \xf0\x9f\x94\x8d \xe2\x9a\xa0\xef\xb8\x8f" },
		{ "symbols", "\xc2\xae \xc2\xa9 20\xc2\xb0 \xc2\xb1" "5 "
		    "\xc2\xbd 5\xc3\x97" "3" },
		{ "lone-a-tilde", "\xc3\x83" },
		{ "a-tilde-space", "N\xc3\x83 O \xc3\x83 x" },
		{ "brand", "NESTL\xc3\x89\xc2\xae and NESTL\xc3\x89\xe2\x84"
		    "\xa2" },
		{ "german-quote", "\xe2\x80\x9eGru\xc3\x9f\xe2\x80\x9c" },
		{ "italian-ellipsis", "perch\xc3\xa9\xe2\x80\xa6 e citt\xc3\xa0"
		    "\xe2\x80\xa6" },
		{ "guillemets", "\xc2\xab\xc3\x87" "A\xc2\xbb \xc2\xabHano"
		    "\xc3\xaf\xc2\xbb" },
		{ "caps-ellipsis", "\xc3\x89T\xc3\x89\xe2\x80\xa6 \xc3\x84\xc3"
		    "\x96\xc3\x9c\xe2\x80\xa6" },
		{ "czech-caps", "PROHL\xc3\x8d\xc5\xbd" "E\xc4\x8c" },
		{ "czech-quote", "\xe2\x80\x9e" "Dal\xc5\xa1\xc3\xad\xe2\x80"
		    "\xa6\xe2\x80\x9c" },
		{ "french-nbsp", "\xc2\xab caf\xc3\xa9\xc2\xa0\xc2\xbb" },
		{ "a-acute-nbsp-dash", "m\xc3\xa1\xc2\xa0\xe2\x80\x93 x" },
		{ "a-circumflex-nbsp", "p\xc3\xa2\xc2\xa0!" },
		{ "portuguese-quote", "\xe2\x80\x9cirm\xc3\xa3\xe2\x80\x9d e "
		    "\xe2\x80\x9cma\xc3\xa7\xc3\xa3\xe2\x80\xa6\xe2\x80\x9d" },
		{ "unassigned-plane", "x\xc4\x9f\xc2\xbf\xc2\xae\xc2\xac" },
		{ "noncharacter", "x\xc3\xaf\xc2\xbf\xc2\xbe" },
		{ "invalid-bytes", "\xff\xfe\xc3 \xe2\x82" },
		{ "truncated-at-end", "ok \xc3\xb0" },
	};
	struct buf rep = { NULL, 0, 0 };
	size_t i, st, en;
	char msg[120];
	int found;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char name[64];

		buf_reset(&rep);
		st = en = 0;
		found = utf8_mojibake_find(c[i].s, strlen(c[i].s), 0, &st,
		    &en, &rep);
		snprintf(msg, sizeof(msg), "found [%zu,%zu) rep \"%s\"", st,
		    en, found ? buf_cstr(&rep) : "");
		snprintf(name, sizeof(name), "clean/%s", c[i].name);
		unit_report(found == 0 && rep.len == 0, name, msg);
	}
	buf_free(&rep);
}

/* --scan: print each run of each file, with line and column (bytes). */
static int
unit_scan(int argc, char **argv)
{
	struct buf text = { NULL, 0, 0 }, rep = { NULL, 0, 0 };
	char chunk[65536];
	size_t got, from, st, en, line, bol, k;
	FILE *fp;
	int i, rc = 0;

	for (i = 0; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			rc = 2;
			continue;
		}
		buf_reset(&text);
		while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_put(&text, chunk, got);
		fclose(fp);
		from = 0;
		line = 1;
		bol = 0;
		k = 0;
		for (;;) {
			buf_reset(&rep);
			if (!utf8_mojibake_find(text.data, text.len, from,
			    &st, &en, &rep))
				break;
			for (; k < st; k++)
				if (text.data[k] == '\n') {
					line++;
					bol = k + 1;
				}
			printf("%s:%zu:%zu: %.*s -> %s\n", argv[i], line,
			    st - bol + 1, (int)(en - st), text.data + st,
			    buf_cstr(&rep));
			if (utf8_invalid_find(rep.data, rep.len, 0) != rep.len)
				printf("%s: invalid repair\n", argv[i]);
			from = en;
		}
	}
	buf_free(&text);
	buf_free(&rep);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--scan") == 0)
		return unit_scan(argc - 2, argv + 2);
	unit_valid_len();
	unit_count_invalid();
	unit_skip_ascii();
	unit_mojibake_found();
	unit_mojibake_runs();
	unit_mojibake_clean();
	return failures ? 1 : 0;
}
