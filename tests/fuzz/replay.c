/* replay.c: a main() for a libFuzzer target without libFuzzer: feeds each
 * file named on the command line to LLVMFuzzerTestOneInput once. Built as
 * $(BUILD)/fuzz-replay-NAME so regression inputs run under make check and
 * make asan. Exits 0 when every input ran (a crash ends the process). */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

/* Targets need not define an initialiser (libFuzzer's is optional too). */
#pragma weak LLVMFuzzerInitialize

/* Read path whole into a malloc'd buffer; NULL on failure. */
static unsigned char *
replay_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			p = realloc(p, cap);
			if (p == NULL) {
				fclose(f);
				return NULL;
			}
		}
		r = fread(p + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	*len = n;
	return p;
}

int
main(int argc, char *argv[])
{
	int rc = 0;

	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		size_t len;
		unsigned char *p = replay_slurp(argv[i], &len);
		if (p == NULL) {
			perror(argv[i]);
			rc = 2;
			continue;
		}
		LLVMFuzzerTestOneInput(p, len);
		free(p);
	}
	return rc;
}
