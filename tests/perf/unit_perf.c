/* unit_perf.c: tests of the performance work. Checks that check_find with check_placeholder_next
 * finds exactly the matches plain pcre2 finds. The shipped placeholder
 * list is joined into one alternation as the rule loader joins it, then
 * run both ways over random strings built from the pieces placeholders
 * are made of (variables, units, comparisons, brackets, TBD/TODO, dates,
 * word and non-word neighbours, white space, UTF-8), from every start
 * offset, with pcre2's JIT and without. The test also fails when the prefilter never skips text (it
 * would then be useless) or when pcre2 rarely matches (a broken
 * generator). Prints "ok NAME" lines for tests/suites/perf.sh.
 * With arguments "pieces FILE...": each file parsed a piece at a time
 * (doc_set_piece(1): a piece at every line where one may start) gives
 * the same model as parsed whole.
 * With arguments "literals FILE": the required literals of a pattern
 * (literal.c) are what is expected on a table of cases, and on random
 * text built from pieces of each pattern (the table's and every line of
 * FILE, the shipped rules' patterns) pcre2 never finds a match where
 * literal_any says there can be none. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "literal.h"
#include "doc.h"
#include "match.h"
#include "model.h"
#include "read.h"
#include "rule.h"
#include "utf8.h"

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

/* esc_term as it was before its eight-byte fast path: one code point at
 * a time. The reference its fast path is compared with. */
static void
esc_ref(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;

	while (i < n) {
		long c = -1;

		len = utf8_valid_len(s + i, n - i);
		if (len == 1)
			c = u[i];
		else if (len == 2)
			c = (long)(u[i] & 0x1f) << 6 | (u[i + 1] & 0x3f);
		else if (len == 3)
			c = (long)(u[i] & 0x0f) << 12 |
			    (long)(u[i + 1] & 0x3f) << 6 | (u[i + 2] & 0x3f);
		else if (len == 4)
			c = (long)(u[i] & 0x07) << 18 |
			    (long)(u[i + 1] & 0x3f) << 12 |
			    (long)(u[i + 2] & 0x3f) << 6 | (u[i + 3] & 0x3f);
		if (len == 0)
			len = 1;
		if (c >= 0 && !((c < 0x20 && c != '\t') ||
		    (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069))) {
			buf_put(b, s + i, len);
		} else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\r')
			buf_puts(b, "\\r");
		else if (c == 0x1b)
			buf_puts(b, "\\e");
		else if (c < 0x80)
			buf_printf(b, "\\x%02x", u[i]);
		else
			buf_printf(b, "\\u%04lx", c);
		i += len;
	}
}

/* esc_term's fast path (eight printable ASCII bytes at once) gives the
 * byte loop's output, on random text with every byte value next to runs
 * of printable ASCII at every alignment; and the text lines of several
 * findings at once (the file name escaped once per run of one name) are
 * those of one finding at a time. */
static void
esc_run(void)
{
	static const char *const bits[] = { "abcdefgh", "0123456789 ", "~",
	    " ", "\t", "\x7f", "\x1f", "\x20", "\x7e", "\x80", "\xff",
	    "\x1b[31m", "\r\n", "\xc2\x85", "\xc2\xa0", "\xe2\x80\xae",
	    "\xe2\x81\xa6", "\xe2\x80\x94", "\xf0\x9f\x9a\x80", "\xc3",
	    "::", "%", "\\", "\"" };
	struct buf in = {0}, got = {0}, want = {0};
	struct finding fs[6];
	char *files[3];
	size_t bad = 0, plain = 0;

	for (int t = 0; t < 20000; t++) {
		size_t k = rnd(12) + 1;

		buf_reset(&in);
		for (size_t j = 0; j < k; j++) {
			if (rnd(4) == 0) {
				char c = (char)rnd(256);
				buf_put(&in, &c, 1);
			} else
				buf_puts(&in, bits[rnd(sizeof(bits) /
				    sizeof(bits[0]))]);
		}
		for (size_t from = 0; from < 8 && from <= in.len; from++) {
			buf_reset(&got);
			buf_reset(&want);
			esc_term(&got, in.data + from, in.len - from);
			esc_ref(&want, in.data + from, in.len - from);
			plain += got.len == in.len - from;
			if (got.len != want.len ||
			    memcmp(got.data, want.data, got.len) != 0) {
				if (bad++ < 3)
					printf("# esc_term differs on '%s' "
					    "from %zu\n", in.data, from);
			}
		}
	}
	printf("%s esc-term-fast-path (%zu unchanged)\n",
	    bad == 0 && plain > 1000 ? "ok" : "not ok", plain);

	files[0] = strdup("a.md");
	files[1] = strdup("a.md");	/* the same name, another pointer */
	files[2] = strdup(" ::b\x1b.md");
	for (size_t i = 0; i < 6; i++) {
		memset(&fs[i], 0, sizeof(fs[i]));
		fs[i].file = files[i < 2 ? 0 : i < 3 ? 1 : i < 5 ? 2 : 0];
		fs[i].line = (int)i + 1;
		fs[i].col = (int)i * 7 - 3;
		fs[i].sev = (enum sev)(i % SEV__MAX);
		fs[i].rule = i == 3 ? "r\x1bx" : "some-rule";
		fs[i].message = (char *)(i == 4 ? "two\nlines \xe2\x80\xae" :
		    "a message");
	}
	bad = 0;
	for (int color = 0; color < 2; color++) {
		buf_reset(&got);
		buf_reset(&want);
		diag_text_term_all(&got, fs, 6, color);
		for (size_t i = 0; i < 6; i++)
			diag_text_term(&want, &fs[i], color);
		bad += strcmp(buf_cstr(&got), buf_cstr(&want)) != 0 ||
		    strstr(buf_cstr(&got), "\\x3a:b\\e.md:5:") == NULL;
	}
	printf("%s diag-text-term-all\n", bad == 0 ? "ok" : "not ok");
	for (size_t i = 0; i < 3; i++)
		free(files[i]);
	buf_free(&in);
	buf_free(&got);
	buf_free(&want);
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

/* Print the whole model of cl into b, one record a line. */
static void
pieces_dump(struct buf *b, const struct checklist *cl)
{
	size_t i, j;

	buf_printf(b, "title %s %d %d\n", cl->title, cl->title_line,
	    cl->title_section);
	for (i = 0; i < cl->nsections; i++) {
		const struct section *s = &cl->sections[i];
		buf_printf(b, "section %s %d %d:%d-%d %d %d %d %d %u/%u/%u "
		    "%u/%u/%u\n", s->title, s->level, s->line, s->col,
		    s->end_line, s->parent, s->first_child, s->next_sibling,
		    s->content, s->own.items, s->own.checked, s->own.na,
		    s->total.items, s->total.checked, s->total.na);
	}
	for (i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];
		buf_printf(b, "item %d %c %s %d:%d %d %d %d %d %d %d\n",
		    (int)it->state, it->mark, it->text, it->line, it->col,
		    it->box_col, it->depth, it->parent, it->section,
		    it->block, it->quoted);
		for (j = 0; j < it->nspan; j++) {
			const struct span *sp = &cl->spans[it->span0 + j];
			buf_printf(b, " span %d %zu-%zu %d %s\n", (int)sp->kind,
			    sp->start, sp->end, sp->parent < 0 ? -1 :
			    sp->parent - (int)it->span0,
			    sp->url ? sp->url : "(null)");
		}
	}
	for (i = 0; i < cl->nfields; i++) {
		const struct field *f = &cl->fields[i];
		buf_printf(b, "field %s=%s %d %d:%d %d %d\n", f->label,
		    f->value ? f->value : "(null)", f->filled, f->line, f->col,
		    f->section, f->item);
	}
	for (i = 0; i < cl->nblocks; i++) {
		const struct block *k = &cl->blocks[i];
		buf_printf(b, "block %d %zu %d:%d %d %d [", (int)k->kind,
		    k->len, k->line, k->col, k->section, k->item);
		buf_put(b, k->text, k->len);
		buf_puts(b, "]");
		for (j = 0; j < k->nseg; j++) {
			const struct seg *g = &cl->segs[k->seg0 + j];
			buf_printf(b, " %zu@%d:%d", g->off, g->line, g->bcol);
		}
		buf_puts(b, "\n");
	}
	for (i = 0; i < cl->nfacts; i++) {
		const struct fact *f = &cl->facts[i];
		buf_printf(b, "fact %d %d %s %s %d:%d-%d %d\n", (int)f->kind,
		    (int)f->dir, f->text ? f->text : "(null)",
		    f->why ? f->why : "(null)", f->line, f->col, f->end_col,
		    f->section);
	}
	buf_printf(b, "tables %zu meta %zu total %u/%u/%u\n", cl->ntables,
	    cl->nmeta, cl->total.items, cl->total.checked, cl->total.na);
}

/* The model of path parsed whole and a piece at a time; returns whether
 * they are the same, and counts in *split the files that had pieces. */
static int
pieces_file(const char *path, size_t *split)
{
	struct input in;
	struct buf whole = {0}, parts = {0};
	struct checklist *cl;
	int same;

	if (read_input(path, 0, &in) == -1)
		return 0;
	doc_set_piece((size_t)-1);
	cl = doc_parse(path, in.data, in.len);
	pieces_dump(&whole, cl);
	checklist_free(cl);
	doc_set_piece(1);
	cl = doc_parse(path, in.data, in.len);
	pieces_dump(&parts, cl);
	checklist_free(cl);
	doc_set_piece(0);
	*split += doc_pieces_last() > 1;
	same = whole.len == parts.len &&
	    memcmp(whole.data, parts.data, whole.len) == 0;
	if (!same) {
		size_t k = 0, l0 = 0;
		while (k < whole.len && k < parts.len &&
		    whole.data[k] == parts.data[k])
			if (whole.data[k++] == '\n')
				l0 = k;
		fprintf(stderr, "%s: whole and in pieces differ at:\n"
		    "  %.200s\n  %.200s\n", path, whole.data + l0,
		    parts.data + l0);
	}
	buf_free(&whole);
	buf_free(&parts);
	read_free(&in);
	return same;
}

/* Lines random documents are made of: every kind of line a piece may
 * start at, and blocks that may hold such a line. */
static const char *const plines[] = {
	"- [ ] a", "- [x] b", "* [ ] c", "+ [ ] d", "  - [ ] nested",
	"    - [ ] deep", "- [ ]", "- [ ] `code` **x**", "- [ ]x", "-  [ ] e",
	" - [ ] f", "\t- [ ] tab", "1. [ ] o", "2. p", "# H", "## H2",
	"###### H6", "#NoSpace", "", "", "", "text", "Foo bar", "```", "~~~",
	"  ```", "    code", "> quote", "> - [ ] q", ">", "---", "===",
	"***", "Name: ____", "**Owner:** bob", "- [ ] Date: ___",
	"Approved by: ____", "[link](u)", "  continued", "- [ ] ", "- [x] ",
	"  - [ ] ", "* [ ]  ", "- [ ]\t", "> - [ ] ",
	/* HTML: half the documents have none (a lazy tag line makes
	 * doc_parse rewrite the input, and parse it whole) */
	"<div>", "</div>", "<pre>", "</pre>", "<!--", "-->",
	"<!-- ticklist-disable -->", "<!-- ticklist-enable -->", "<script>",
	"</script>", "<?php", "?>",
};
#define NPLAIN 45
#define NPLINES (sizeof(plines) / sizeof(plines[0]))

/* Random documents: the same model whole and in pieces. */
static void
pieces_random(void)
{
	struct buf md = {0}, whole = {0}, parts = {0};
	unsigned bad = 0, split = 0;

	for (int d = 0; d < 3000; d++) {
		struct checklist *cl;
		unsigned n = 1 + rnd(60), lim = rnd(2) ? NPLAIN : NPLINES;

		buf_reset(&md);
		for (unsigned i = 0; i < n; i++) {
			buf_puts(&md, plines[rnd(lim)]);
			buf_putc(&md, '\n');
		}
		buf_reset(&whole);
		buf_reset(&parts);
		doc_set_piece((size_t)-1);
		cl = doc_parse("r.md", md.data, md.len);
		pieces_dump(&whole, cl);
		checklist_free(cl);
		doc_set_piece(1);
		cl = doc_parse("r.md", md.data, md.len);
		pieces_dump(&parts, cl);
		checklist_free(cl);
		split += doc_pieces_last() > 1;
		if (whole.len != parts.len ||
		    memcmp(whole.data, parts.data, whole.len) != 0) {
			if (bad++ == 0)
				fprintf(stderr, "pieces differ on:\n%s\n---\n"
				    "%s---\n%s", buf_cstr(&md),
				    buf_cstr(&whole), buf_cstr(&parts));
		}
	}
	doc_set_piece(0);
	printf("%s pieces-random (3000 documents, %u in pieces, %u "
	    "differ)\n", bad == 0 && split > 300 ? "ok" : "not ok", split,
	    bad);
	buf_free(&md);
	buf_free(&whole);
	buf_free(&parts);
}

/* Every file: the same model whole and in pieces; most files have
 * pieces (else the test would test nothing). */
static int
pieces_run(int argc, char **argv)
{
	size_t bad = 0, split = 0;

	for (int i = 0; i < argc; i++)
		bad += !pieces_file(argv[i], &split);
	printf("%s pieces (%d files, %zu in pieces, %zu differ)\n",
	    argc > 0 && bad == 0 && split * 2 > (size_t)argc ? "ok" :
	    "not ok", argc, split, bad);
	return 0;
}

/* Patterns and the literals literal_parse must find ("" when none;
 * "|" between literals; "*N" after them when one of N bytes is enough
 * for an alternative made of letters with case: 3 for Cyrillic, 4 for
 * Latin-1, 128 for any other). */
static const struct {
	const char	*re, *want;
} lit_cases[] = {
	{ "abc", "abc" },
	{ "abc?", "ab" },
	{ "abc*d", "ab" },
	{ "abc+d", "abc" },
	{ "abc{0,2}d", "ab" },
	{ "abc{2}d", "abc" },
	{ "abc{,2}d", "ab" },
	{ "ab{x}", "" },		/* a brace not read: no filter */
	{ "\\.abc", ".abc" },		/* an escaped dot */
	{ "\\\\.abc", "abc" },		/* a backslash, then any */
	{ "a\\.bc|xyz", "a.bc|xyz" },
	{ "\\x41BCD", "BCD" },
	{ "\\x{41}BCD", "BCD" },
	{ "x\\.y\\-z", "x.y-z" },
	{ "\\bfoo\\b", "foo" },
	{ "foo|bar", "foo|bar" },
	{ "foo|", "" },
	{ "foo|b", "" },
	{ "(foo)|bar", "" },
	{ "(?:foo)bar", "bar" },
	{ "(?=xyz)ab|cd", "ab|cd" },
	{ "(?<=xyz)ab", "ab" },
	{ "[abc]def", "def" },
	{ "[]abc]def", "def" },
	{ "[^]abc]def", "def" },
	{ "[[:alpha:]]def", "def" },
	{ "[\\]]def", "def" },
	{ "a.bcd", "bcd" },
	{ "^abc$", "abc" },
	{ "(?i)abc", "abc" },
	{ "(?i)ABC", "abc" },
	{ "(?i)status", "tatu" },
	{ "(?i)skk", "" },
	{ "(?i:abc)xyz", "xyz" },
	{ "(?x)abc", "" },
	{ "(?xi)abc", "" },
	{ "\\Qa.b\\E", "" },
	{ "(*UTF)abc", "" },
	{ "(?#com|ment)abc", "abc" },
	{ "a(?#c)bc", "abc" },
	{ "\\1abc", "abc" },
	{ "\\12abc", "abc" },
	{ "\\p{L}abc", "abc" },
	{ "\\pLabc", "abc" },
	{ "\\g{1}abc|\\k<n>def", "abc|def" },
	{ "abcdef|cde", "cde" },
	{ "abc|def|ghi|jkl|mno", "abc|def|ghi|jkl|mno" },	/* the table */
	{ "(?i)ab|[c]de|e\\[f|gh", "ab|de|e[f|gh" },	/* words, folded */
	{ "(?i)\\[x|\\{y", "[x|{y" },
	{ "cde|abcdef", "cde" },
	{ "\xe5\x9b\x9e\xe9\x80\x80", "\xe5\x9b\x9e\xe9\x80\x80" },
	{ "(?i)\xd0\xb1\xd0\xb5\xd0\xb7", "*3" },	/* Cyrillic */
	{ "(?i)\xd0\xbe", "*3" },		/* Cyrillic o: also U+1C82 */
	{ "(?i)\xd0\xb2|ab", "ab|*3" },	/* Cyrillic ve: also U+1C80 */
	{ "(?i)\xc3\x9f", "*4" },		/* sharp s: also U+1E9E */
	{ "(?i)\xc3\xbf", "*4" },		/* y diaeresis: also U+0178 */
	{ "(?i)\xc3\xa5", "*4" },		/* a ring: also U+212B */
	{ "(?i)\xce\xbc", "*128" },		/* Greek mu: also U+00B5 */
	{ "(?i)\xd1\xa3|\xd0\xb1", "*128" },	/* U+0463: not basic */
	{ "(?i)\xc3\xbc" "ber", "ber" },
	{ "(?i)\xc3\xbc", "*4" },
	{ "(?i)\xe2\x84\xaa" "a", "" },		/* the Kelvin sign */
	{ "\xc3\xbc" "b", "\xc3\xbc" "b" },
	{ "(?i)\xe6\xbc\xa2\xe5\xad\x97", "\xe6\xbc\xa2\xe5\xad\x97" },
	{ "(?i)\xc3\xbc?x", "" },
	{ "ab)", "" },
	{ "(ab", "" },
};

/* "a|b" and "*" as lit_cases writes them, for l. */
static void
lit_show(const struct literals *l, struct buf *b)
{
	buf_reset(b);
	for (size_t i = 0; i < l->n; i++)
		buf_printf(b, "%s%.*s", i ? "|" : "", (int)l->len[i],
		    l->s[i]);
	if (l->nonascii) {
		size_t k = 0;
		for (size_t c = 0; c < 256; c++)
			k += l->lead[c] != 0;
		buf_printf(b, "%s*%zu", l->n ? "|" : "", k);
	}
}

/* Random text for re: slices of the pattern itself, ASCII letters in
 * both cases, white space and characters pcre2 folds with ASCII ones. */
static void
lit_text(const char *re, struct buf *s)
{
	static const char *const extra[] = { " ", "a", "Z", "\xc3\xbc",
	    "\xc3\x9c", "\xe2\x84\xaa", "\xc5\xbf", "\xd0\x91",
	    "\xd0\xb1", "\n", "-", ":", "\xff", "K", "S",
	    "\xe1\xb2\x80", "\xe1\xb2\x82", "\xe1\xba\x9e", "\xe2\x84\xab",
	    "\xc5\xb8", "\xc2\xb5", "\xce\x9c", "\xd1\xa2", "\xe4\xb8\x80",
	    "\xf0\x9f\x94\x92" };
	size_t n = strlen(re), k = rnd(7) + 1;

	buf_reset(s);
	for (size_t j = 0; j < k; j++) {
		if (rnd(3) == 0) {
			buf_puts(s, extra[rnd(sizeof(extra) /
			    sizeof(extra[0]))]);
			continue;
		}
		size_t a = rnd((unsigned)n), m = rnd(12) + 1;

		if (a + m > n)
			m = n - a;
		for (size_t q = 0; q < m; q++) {
			char c = re[a + q];
			if (rnd(4) == 0 && ((c | 0x20) >= 'a' &&
			    (c | 0x20) <= 'z'))
				c ^= 0x20;
			buf_putc(s, c);
		}
	}
}

/* One pattern on random text: counts in m (matches), f (filtered) and w
 * (tested word by word), failures printed. 0 when pcre2 found a match
 * literal_any denied, or when literal_any tested word by word (few
 * literals) and with the pair table disagree. */
static int
lit_random(const char *re, unsigned long *m, unsigned long *f,
    unsigned long *w)
{
	struct literals l, lslow;
	struct buf s = {0};
	pcre2_code *code;
	pcre2_match_data *md;
	int ec, ok = 1;
	PCRE2_SIZE off;

	literal_parse(&l, re, strlen(re));
	/* The same literals without the word-at-a-time path. */
	lslow = l;
	lslow.nword = 0;
	code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ec, &off, NULL);
	if (code == NULL)
		return 1;	/* not a pattern: nothing to compare */
	md = pcre2_match_data_create_from_pattern(code, NULL);
	for (int t = 0; t < 3000 && ok; t++) {
		lit_text(re, &s);
		for (size_t from = 0; from <= s.len; from++) {
			int rc = pcre2_match(code, (PCRE2_SPTR)buf_cstr(&s),
			    s.len, from, 0, md, NULL);
			int may = literal_any(&l, buf_cstr(&s) + from,
			    s.len - from);
			int slow = literal_any(&lslow, buf_cstr(&s) + from,
			    s.len - from);

			*m += rc >= 0;
			*f += !may;
			if (may != slow) {
				printf("# literal_any word by word says %d, "
				    "the pair table %d: '%s' in '%s' from "
				    "%zu\n", may, slow, re, buf_cstr(&s), from);
				ok = 0;
				break;
			}
			*w += l.nword > 0;
			if (rc >= 0 && !may) {
				printf("# literal filter denied a match of "
				    "'%s' in '%s' from %zu\n", re,
				    buf_cstr(&s), from);
				ok = 0;
				break;
			}
		}
	}
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	buf_free(&s);
	return ok;
}

static int
literals_run(const char *file)
{
	struct buf b = {0};
	unsigned long m = 0, f = 0, wd = 0;
	int bad = 0, nfile = 0;
	char line[65536];
	FILE *fp;

	for (size_t i = 0; i < sizeof(lit_cases) / sizeof(lit_cases[0]);
	    i++) {
		struct literals l;

		literal_parse(&l, lit_cases[i].re, strlen(lit_cases[i].re));
		lit_show(&l, &b);
		if (strcmp(buf_cstr(&b), lit_cases[i].want) != 0) {
			printf("# literals of '%s': '%s', want '%s'\n",
			    lit_cases[i].re, buf_cstr(&b), lit_cases[i].want);
			bad++;
		}
		if (!lit_random(lit_cases[i].re, &m, &f, &wd))
			bad++;
	}
	printf("%s literals-parse\n", bad == 0 ? "ok" : "not ok");
	if ((fp = fopen(file, "r")) == NULL) {
		printf("not ok literals-file: %s\n", file);
		return 0;
	}
	bad = 0;
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0')
			continue;
		nfile++;
		if (!lit_random(line, &m, &f, &wd))
			bad++;
	}
	fclose(fp);
	printf("# %d patterns from %s; %lu matches, %lu filtered, %lu tested "
	    "word by word\n", nfile, file, m, f, wd);
	printf("%s literals-never-deny-a-match\n", bad == 0 && nfile >= 5 &&
	    m > 10000 && f > 10000 && wd > 10000 ? "ok" : "not ok");
	buf_free(&b);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "literals") == 0)
		return literals_run(argv[2]);
	if (argc > 1 && strcmp(argv[1], "pieces") == 0)
		return pieces_run(argc - 2, argv + 2);
	pieces_random();
	esc_run();
	prefilter_run(1);
	prefilter_run(0);
	return 0;
}
