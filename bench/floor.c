/* floor.c: the benchmark's floor, what any cmark-based linter must pay at
 * least: for each file argument, read it whole, parse it with
 * CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS, walk the tree with cmark_iter,
 * free it.  Nothing else: no output, no checks.
 *
 *   bench-floor FILE...
 *
 * Exit status 0, or 2 with a message if a file cannot be read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

/* floor_read reads path whole into a malloc'd buffer; NULL on error. */
static char *
floor_read(const char *path, size_t *len)
{
	FILE *f;
	char *p = NULL, *q;
	size_t cap = 0, n = 0, got;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0) {
		long sz = ftell(f);

		if (sz > 0)
			cap = (size_t)sz + 1;
		rewind(f);
	}
	if (cap == 0)
		cap = 65536;
	for (;;) {
		if (p == NULL || n == cap) {
			cap = p == NULL ? cap : cap * 2;
			if ((q = realloc(p, cap)) == NULL) {
				free(p);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			p = q;
		}
		got = fread(p + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(p);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return p;
}

/* main parses each file argument in turn, freeing each tree before the
 * next, as a linter that keeps no tree between files would. */
int
main(int argc, char *argv[])
{
	cmark_node *doc;
	cmark_iter *it;
	size_t len;
	unsigned long nodes = 0;
	char *text;
	int i;

	for (i = 1; i < argc; i++) {
		if ((text = floor_read(argv[i], &len)) == NULL) {
			fprintf(stderr, "bench-floor: %s: %s\n", argv[i],
			    strerror(errno));
			return 2;
		}
		doc = cmark_parse_document(text, len,
		    CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS);
		it = cmark_iter_new(doc);
		while (cmark_iter_next(it) != CMARK_EVENT_DONE)
			nodes++;
		cmark_iter_free(it);
		cmark_node_free(doc);
		free(text);
	}
	/* Returned through a volatile so the walk is never optimised out. */
	{
		volatile unsigned long sink = nodes;
		(void)sink;
	}
	return 0;
}
