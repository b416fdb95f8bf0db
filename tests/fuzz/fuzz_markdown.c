/* fuzz_markdown.c: libFuzzer target for the Markdown surface: bytes ->
 * doc_parse (and the item metadata) -> the tree dump and status JSON, then lint with the shipped
 * default rules through every lint backend (plain and coloured), and the
 * report models (report.json, the template model, a page) serialised.
 * Inputs with a NUL byte stop where read.c would refuse them. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "diag.h"
#include "doc.h"
#include "fuzz.h"
#include "itemmeta.h"
#include "model.h"
#include "out.h"
#include "report.h"
#include "rule.h"
#include "rules.h"
#include "value.h"
#include "xalloc.h"

static struct rules_ctx *fuzz_rc;
static struct check_ctx *fuzz_cc;

/* Tool diagnostics are expected here; keep them off stderr. */
static void
fuzz_sink(const char *line, void *arg)
{
	(void)line;
	(void)arg;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct rules_opts o;

	(void)argc;
	(void)argv;
	diag_set_sink(fuzz_sink, NULL);
	memset(&o, 0, sizeof(o));
	o.kinds = check_kinds;
	o.nkinds = check_nkinds;
	o.no_config = 1;
	fuzz_rc = rules_ctx_new(&o);
	fuzz_cc = check_ctx_new();
	return 0;
}

/* Render fs through every lint backend of the output table. */
static void
fuzz_backends(const struct findings *fs)
{
	const struct out_format *of_row;
	struct buf b = {0};

	for (size_t k = 0; (of_row = out_format_at("lint", k)) != NULL; k++) {
		const struct out_backend *be = of_row->lint;
		unsigned tally[SEV__MAX] = {0};
		for (int color = 0; be != NULL && color < 2; color++) {
			struct out_run run = { fuzz_rc, color,
			    "2024-01-01T00:00:00Z", {0} };
			struct out_file of = { "fuzz.md", fs, 0 };
			buf_reset(&b);
			findings_tally(fs, tally);
			if (be->begin)
				be->begin(&b, &run);
			be->file(&b, &run, &of, 1);
			if (be->end)
				be->end(&b, &run, tally, 1);
		}
	}
	buf_free(&b);
}

/* Build and serialise every report model of one checklist. */
static void
fuzz_report(const struct checklist *cl, const struct findings *fs)
{
	static const char at[] = "2024-01-01T00:00:00Z";
	struct report_input ri = { .cl = cl, .fs = fs, .page = "fuzz.html" };
	struct val *v[3];
	struct buf b = {0};

	/* As `report` does: report.json's element from the checklist model. */
	v[0] = report_checklist_in(NULL, &ri);
	report_json_element(&b, v[0]);
	v[1] = report_model(&ri, 1, at);
	v[2] = report_page(&ri, 1, 0, at);
	for (int i = 0; i < 3; i++) {
		buf_reset(&b);
		val_json(&b, v[i], i);
		val_free(v[i]);
	}
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	struct checklist *cl;
	struct buf b = {0};
	struct val *v;
	const struct rules *rs;
	struct findings fs = {0};

	if (memchr(data, '\0', size) != NULL)
		return 0;	/* read.c refuses binary files */
	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	cl = doc_parse("fuzz.md", s, size);
	itemmeta_attach(cl, ITEMMETA_ALL);	/* as pipeline.c does */
	out_tree(&b, cl);
	buf_reset(&b);
	v = report_status(cl);
	val_json(&b, v, -1);
	val_free(v);
	buf_free(&b);
	if (fuzz_rc != NULL && (rs = rules_for_file(fuzz_rc, "fuzz.md")) !=
	    NULL) {
		check_run(fuzz_cc, rs, NULL, cl, &fs);
		for (size_t i = 0; i < fs.n; i++)
			fs.v[i].file = "fuzz.md";
		fuzz_backends(&fs);
		fuzz_report(cl, &fs);
		findings_clear(&fs);
	}
	checklist_free(cl);
	free(s);
	return 0;
}
