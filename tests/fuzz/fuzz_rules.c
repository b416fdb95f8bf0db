/* fuzz_rules.c: libFuzzer target for rule and config YAML. The rule
 * loader reads files (rules.h takes paths, and extends: names more), so
 * each input is written to a private temporary directory and loaded both
 * as --config and as --rules FILE; a set that loads is listed as text and
 * JSON (every rule's metadata) and run over a sample checklist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "diag.h"
#include "doc.h"
#include "fuzz.h"
#include "model.h"
#include "rule.h"
#include "rules.h"

static char fuzz_dir[] = "/tmp/ticklist-fuzz-XXXXXX";
static char fuzz_path[sizeof(fuzz_dir) + 16];
static struct check_ctx *fuzz_cc;
static struct checklist *fuzz_cl;

static void
fuzz_sink(const char *line, void *arg)
{
	(void)line;
	(void)arg;
}

/* Remove the temporary directory when the fuzzer exits. */
static void
fuzz_cleanup(void)
{
	unlink(fuzz_path);
	rmdir(fuzz_dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char md[] = FUZZ_SAMPLE_MD;

	(void)argc;
	(void)argv;
	diag_set_sink(fuzz_sink, NULL);
	if (mkdtemp(fuzz_dir) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	snprintf(fuzz_path, sizeof(fuzz_path), "%s/rules.yml", fuzz_dir);
	atexit(fuzz_cleanup);
	fuzz_cc = check_ctx_new();
	fuzz_cl = doc_parse("fuzz.md", md, sizeof(md) - 1);
	return 0;
}

/* Load the file as the options say and lint the sample with it. */
static void
fuzz_load(const struct rules_opts *o)
{
	struct rules_ctx *rc = rules_ctx_new(o);
	const struct rules *rs;
	struct findings fs = {0};

	if (rc == NULL)
		return;
	if ((rs = rules_for_file(rc, "fuzz.md")) != NULL) {
		struct buf b = {0};
		rules_list(rs, 0, &b);
		buf_reset(&b);
		rules_list(rs, 1, &b);
		buf_free(&b);
		check_run(fuzz_cc, rs, NULL, fuzz_cl, &fs);
		findings_clear(&fs);
	}
	rules_ctx_free(rc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules_opts o;
	const char *one[1] = { fuzz_path };
	FILE *f = fopen(fuzz_path, "wb");

	if (f == NULL)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	memset(&o, 0, sizeof(o));
	o.kinds = check_kinds;
	o.nkinds = check_nkinds;
	o.config = fuzz_path;
	fuzz_load(&o);
	memset(&o, 0, sizeof(o));
	o.kinds = check_kinds;
	o.nkinds = check_nkinds;
	o.no_config = 1;
	o.rulesets = one;
	o.nrulesets = 1;
	fuzz_load(&o);
	return 0;
}
