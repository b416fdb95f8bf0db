/* unit_formats.c: renders a fixed set of hostile findings through one lint
 * backend, so the formats are tested before any rule produces findings.
 * usage: unit_formats FORMAT [SHIFT]; SHIFT moves every finding down by
 * that many lines (fingerprints must not change). Output on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "out.h"
#include "rule.h"
#include "rules.h"
#include "xalloc.h"

/* The hostile text every message and key carries somewhere. */
#define HOSTILE	"]]> <b a=\"q\"> 100% , : %0A \\ & '"

static void
unit_add(struct findings *fs, const char *file, int line, int col, int eline,
    int ecol, enum sev sev, const char *rule, const char *section,
    const char *key, const char *msg)
{
	findings_add_parts(fs, file, line, col, eline, ecol, sev, rule, msg,
	    section, key, key ? strlen(key) : 0);
}

/* The run's rules as lint has them: the checker's kind table (SARIF
 * describes a rule outside any set from it) and, so that no set adds
 * rules of its own, one empty rule file. NULL if it cannot be made. */
static struct rules_ctx *
unit_rules(void)
{
	char path[] = "/tmp/unit_formats.XXXXXX";
	const char *sets[1] = { path };
	struct rules_opts o;
	struct rules_ctx *rc;
	int fd = mkstemp(path);

	if (fd == -1)
		return NULL;
	if (write(fd, "rules: []\n", 10) != 10) {
		close(fd);
		unlink(path);
		return NULL;
	}
	close(fd);
	memset(&o, 0, sizeof(o));
	o.kinds = check_kinds;
	o.nkinds = check_nkinds;
	o.rulesets = sets;
	o.nrulesets = 1;
	rc = rules_ctx_new(&o);
	unlink(path);
	return rc;
}

int
main(int argc, char *argv[])
{
	static const char *const paths[] = {
		"samples/clean.md",
		"./dir/we,ird:na%me ]]>\".md",
		"/abs/path with space/ü.md",
	};
	const struct out_backend *be;
	struct out_run run = {0};
	struct findings fs[3] = {{0}};
	unsigned tally[SEV__MAX] = {0};
	struct buf b = {0};
	int d;

	if (argc < 2 || (be = out_find(argv[1])) == NULL) {
		out_format_names(&b, "lint", "|", "|");
		fprintf(stderr, "usage: unit_formats %s [SHIFT]\n",
		    buf_cstr(&b));
		buf_free(&b);
		return 2;
	}
	d = argc > 2 ? atoi(argv[2]) : 0;
	run.generated_at = "2024-05-06T07:08:09Z";
	if ((run.rules = unit_rules()) == NULL)
		return 2;

	unit_add(&fs[1], paths[1], 1, 1, 1, 1, SEV_ERROR, "missing-section",
	    NULL, "(?i)sign-?off|approval",
	    "no section matches 'Sign-off|Approval' " HOSTILE);
	unit_add(&fs[1], paths[1], 3 + d, 5, 3 + d, 7, SEV_WARNING,
	    "placeholder", "Rollout: <Phase> \"1\"", "TBD",
	    "placeholder 'TBD' left\r\nsecond line\tand tab");
	unit_add(&fs[1], paths[1], 9 + d, 2, 10 + d, 4, SEV_INFO,
	    "no-staging-url", "Rollout: <Phase> \"1\"", NULL,
	    "control \x01\x1b[31m bytes, bad \xff utf-8, U+FFFE \xef\xbf\xbe,"
	    " rocket \xf0\x9f\x9a\x80 on line 9");
	/* The same identity twice: told apart by occurrence only. */
	unit_add(&fs[1], paths[1], 12 + d, 5, 12 + d, 7, SEV_WARNING,
	    "placeholder", "Rollout: <Phase> \"1\"", "TBD",
	    "placeholder 'TBD' left\r\nsecond line\tand tab");
	unit_add(&fs[2], paths[2], 2 + d, 1, 2 + d, 20, SEV_ERROR,
	    "unfilled-field", "Sign-off", "approved by",
	    "field 'Approved by' is empty " HOSTILE);

	if (be->begin)
		be->begin(&b, &run);
	for (int i = 0; i < 3; i++) {
		struct out_file f = { paths[i], &fs[i], 0 };
		findings_tally(&fs[i], tally);
		be->file(&b, &run, &f, i == 0);
	}
	if (be->end)
		be->end(&b, &run, tally, 3);
	fwrite(b.data ? b.data : "", 1, b.len, stdout);
	buf_free(&b);
	for (int i = 0; i < 3; i++)
		findings_clear(&fs[i]);
	rules_ctx_free(run.rules);
	return ferror(stdout) ? 1 : 0;
}
