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
 * the same model as parsed whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "match.h"
#include "model.h"
#include "read.h"
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

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "pieces") == 0)
		return pieces_run(argc - 2, argv + 2);
	pieces_random();
	prefilter_run(1);
	prefilter_run(0);
	return 0;
}
