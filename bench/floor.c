/* floor.c: the benchmark's floor, what any cmark-based linter must pay at
 * least: for each file argument, read it whole, parse it with
 * CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS, walk the tree with cmark_iter,
 * free it.  Nothing else: no output, no checks.
 *
 *   bench-floor [--copy SRC DST] FILE...
 *
 * With --copy, it then copies every regular file of directory SRC into
 * DST (created) with read(2) and write(2): the floor of
 * `report`, whose output any tool writing those bytes must write at least
 * (bench/run.sh gives it the report's own output).
 *
 * Exit status 0, or 2 with a message if a file cannot be read or written.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* floor_copy copies the regular files of src into dst (created) with
 * read(2) and write(2) through one 64 KB buffer, the least a tool
 * writing those files must do. 0 or -1. */
static int
floor_copy(const char *src, const char *dst)
{
	DIR *d;
	struct dirent *e;
	char from[4096], to[4096];
	static char chunk[65536];
	struct stat st;
	ssize_t got, w;
	int in, out, rc = 0;

	if (mkdir(dst, 0777) == -1 && errno != EEXIST)
		return -1;
	if ((d = opendir(src)) == NULL)
		return -1;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		snprintf(from, sizeof(from), "%s/%s", src, e->d_name);
		snprintf(to, sizeof(to), "%s/%s", dst, e->d_name);
		if (stat(from, &st) == -1 || !S_ISREG(st.st_mode))
			continue;
		if ((in = open(from, O_RDONLY)) == -1)
			rc = -1;
		else if ((out = open(to, O_WRONLY | O_CREAT | O_TRUNC,
		    0666)) == -1) {
			close(in);
			rc = -1;
		} else {
			while (rc == 0 && (got = read(in, chunk,
			    sizeof(chunk))) != 0) {
				if (got < 0) {
					rc = -1;
					break;
				}
				for (ssize_t off = 0; off < got; off += w)
					if ((w = write(out, chunk + off,
					    (size_t)(got - off))) < 0) {
						rc = -1;
						break;
					}
			}
			close(in);
			if (close(out) == -1)
				rc = -1;
		}
	}
	closedir(d);
	return rc;
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
	const char *copy_src = NULL, *copy_dst = NULL;
	int i;

	i = 1;
	if (argc > 3 && strcmp(argv[1], "--copy") == 0) {
		copy_src = argv[2];
		copy_dst = argv[3];
		i = 4;
	}
	for (; i < argc; i++) {
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
	if (copy_src != NULL && floor_copy(copy_src, copy_dst) == -1) {
		fprintf(stderr, "bench-floor: copying %s to %s: %s\n",
		    copy_src, copy_dst, strerror(errno));
		return 2;
	}
	/* Returned through a volatile so the walk is never optimised out. */
	{
		volatile unsigned long sink = nodes;
		(void)sink;
	}
	return 0;
}
