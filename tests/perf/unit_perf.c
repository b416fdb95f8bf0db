/* unit_perf.c: tests of the performance work. Checks that check_find with check_placeholder_next
 * finds exactly the matches plain pcre2 finds. The shipped placeholder
 * list is joined into one alternation as the rule loader joins it, then
 * run both ways over random strings built from the pieces placeholders
 * are made of (variables, units, comparisons, brackets, TBD/TODO, dates,
 * word and non-word neighbours, white space, UTF-8), from every start
 * offset, with pcre2's JIT and without. The test also fails when the prefilter never skips text (it
 * would then be useless) or when pcre2 rarely matches (a broken
 * generator). Prints "ok NAME" lines for tests/suites/perf.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "match.h"
#include "model.h"
#include "rule.h"

/* Pieces of text, chosen at random; several are whole placeholders. */
static const char *const pieces[] = {
	"X", "Y", "Z", "N", "M", "x", "xx", "XX", "XXX", "D", "DD", "T", "F",
	"TBD", "TBA", "TBC", "TODO", "FIXME", "FI", "TO", "TB", "YYYY", "MM",
	"%", "ms", "s", "seconds", "requests/s", "GB", " ", " ", " ", "\t",
	"\n", ".", "-", "/", "_", "?", "??", "!", "[", "]", "<", ">", ">=",
	"=", "(", ")", "a", "b", "q", "e", "1", "9", "under", "less than",
	"at most", "exceeds", "within", "axis", "name", "Name", "your",
	"Insert", "phone", "email", "span", "div", "List", "<T>", "\xc3\xa9",
	"\xe2\x89\xa4", "\xe2\x89\xa5", "\xe2\x80\x94", "\xff", "comments",
	"Monitor", "Test", "DNS", "X-Frame", "X.509", ".X", "M.N", "Z-",
	"\xc5\xbflack", "\xe2\x84\xaaink", "greater than", "fewer than",
	"more than", "       ", "\r\n", "\v\f", "over", "slack", "[Your",
};
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))

static unsigned long prng = 12345;

static unsigned
rnd(unsigned n)
{
	prng = prng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(prng >> 33) % n;
}

/* The comparison with pcre2 JIT-compiled (jit 1) or interpreted (0). */
static void
prefilter_run(int jit)
{
	struct buf alt = {0}, s = {0};
	struct match_re *re;
	struct match_scratch *ms;
	char err[256];
	size_t off, a, z;
	unsigned long matched = 0, skipped = 0, missed = 0, tries = 0;
	size_t a1, z1;

	for (size_t i = 0; check_placeholders[i] != NULL; i++)
		buf_printf(&alt, "%s(?:%s)", alt.len ? "|" : "",
		    check_placeholders[i]);
	match_set_jit(jit);
	if ((re = match_compile(alt.data, alt.len, &off, err,
	    sizeof(err))) == NULL) {
		printf("not ok prefilter-compile: %s\n", err);
		exit(1);
	}
	ms = match_scratch_new();
	prng = 12345;
	for (int t = 0; t < 120000; t++) {
		unsigned k = rnd(8);
		const char *p;

		buf_reset(&s);
		for (unsigned j = 0; j < k; j++)
			buf_puts(&s, pieces[rnd(NPIECES)]);
		p = buf_cstr(&s);
		for (size_t from = 0; from <= s.len; from++) {
			int m = match_find(re, ms, p, s.len, from, &a, &z);
			int m1 = check_find(re, ms, check_placeholder_next, p,
			    s.len, from, &a1, &z1);
			size_t lo;

			tries++;
			matched += m == 1;
			skipped += check_placeholder_next(p, s.len, from,
			    &lo) == s.len;
			if ((m != m1 || (m == 1 && (a != a1 || z != z1))) &&
			    missed++ < 5)
				printf("# differs: from %zu in '%s': %d %zu-%zu, "
				    "%d %zu-%zu\n", from, p, m, a, z, m1, a1,
				    z1);
		}
	}
	printf("# jit %d: %lu offsets, %lu matched, %lu skipped whole\n",
	    jit, tries, matched, skipped);
	printf("%s prefilter-same-matches-jit%d\n", missed == 0 ? "ok" :
	    "not ok", jit);
	printf("%s prefilter-skips-jit%d\n", skipped > tries / 4 ? "ok" :
	    "not ok", jit);
	printf("%s prefilter-matches-jit%d\n", matched > tries / 100 ? "ok" :
	    "not ok", jit);
	match_scratch_free(ms);
	match_free(re);
	buf_free(&alt);
	buf_free(&s);
}

int
main(void)
{
	prefilter_run(1);
	prefilter_run(0);
	return 0;
}
