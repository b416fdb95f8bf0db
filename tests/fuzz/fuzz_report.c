/* fuzz_report.c: libFuzzer target for a whole `ticklist report` run over
 * a small generated folder: the input is split at "\n===\n" lines into
 * up to 6 files (the first named .ticklist.yml when it starts with
 * "#yml", the others a.md, sub/b.md, ...), written to DIR/in in a fresh
 * temporary directory, and report_main renders them into DIR/out twice (the
 * second run replaces the first through the manifest). Errors are
 * expected; crashes, leaks and sanitizer reports are not. */
#define _XOPEN_SOURCE 700	/* nftw */
#include <sys/stat.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cliopt.h"
#include "diag.h"
#include "fuzz.h"
#include "report_cmd.h"

/* Diagnostics are expected: keep them off stderr. */
static void
fuzz_sink(const char *line, void *arg)
{
	(void)line;
	(void)arg;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_set_sink(fuzz_sink, NULL);
	return 0;
}

static int
fuzz_rm(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	remove(path);
	return 0;
}

/* Write data[0..n) to dir/name. */
static void
fuzz_put(const char *dir, const char *name, const uint8_t *data, size_t n)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		return;
	fwrite(data, 1, n, f);
	fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"a.md", "sub/b.md", "sub/deep/c.md", "d.markdown", "e.md"
	};
	char tmpl[] = "/tmp/fuzz-report-XXXXXX", in[64], sub[96];
	char out[64];
	const uint8_t *p = data, *end = data + size, *q;
	size_t k = 0, nf = 0;
	char *argv[2];
	struct cliopt c;

	if (mkdtemp(tmpl) == NULL)
		return 0;
	snprintf(in, sizeof(in), "%s/in", tmpl);
	mkdir(in, 0777);
	snprintf(sub, sizeof(sub), "%s/sub", in);
	mkdir(sub, 0777);
	snprintf(sub, sizeof(sub), "%s/sub/deep", in);
	mkdir(sub, 0777);
	while (p <= end && k < 6) {
		q = p;
		while (q + 5 <= end && memcmp(q, "\n===\n", 5) != 0)
			q++;
		if (q + 5 > end)
			q = end;
		if (k == 0 && q - p >= 4 && memcmp(p, "#yml", 4) == 0)
			fuzz_put(in, ".ticklist.yml", p, (size_t)(q - p));
		else if (nf < sizeof(names) / sizeof(names[0]))
			fuzz_put(in, names[nf++], p, (size_t)(q - p));
		k++;
		p = q + 5;
	}
	snprintf(out, sizeof(out), "%s/out", tmpl);
	/* report -q -j 2 -o OUT IN */
	cliopt_init(&c);
	c.quiet = 1;
	c.jobs = 2;
	c.output = out;
	argv[0] = in;
	argv[1] = NULL;
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	for (int run = 0; run < 2; run++)
		report_main(&c, 1, argv);
	cliopt_free(&c);
	nftw(tmpl, fuzz_rm, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
