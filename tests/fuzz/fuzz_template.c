/* fuzz_template.c: libFuzzer target for Mustache templates: the input is
 * a template, optionally followed by a NUL and the source every partial
 * and parent name loads; it is compiled and rendered in every escaping
 * mode against the status report of a sample checklist. Built only when
 * src/template.h exists (see mk/fuzz.mk). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "fuzz.h"
#include "model.h"
#include "report.h"
#include "template.h"
#include "value.h"

static struct val *fuzz_ctx;

static void
fuzz_sink(const char *line, void *arg)
{
	(void)line;
	(void)arg;
}

/* The part of the input after its first NUL, for any name. */
struct fuzz_part {
	const char	*p;
	size_t		 len;
};

static const char *
fuzz_loader(const char *name, size_t *len, void *arg)
{
	const struct fuzz_part *part = arg;

	(void)name;
	if (part->p == NULL)
		return NULL;
	*len = part->len;
	return part->p;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char md[] = FUZZ_SAMPLE_MD;
	struct checklist *cl;

	(void)argc;
	(void)argv;
	diag_set_sink(fuzz_sink, NULL);
	cl = doc_parse("fuzz.md", md, sizeof(md) - 1);
	fuzz_ctx = report_status(cl);
	checklist_free(cl);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	const char *nul = memchr(src, '\0', size);
	struct fuzz_part part = { NULL, 0 };
	size_t len = size;
	struct template_set *ts;
	struct template *t;
	struct buf b = {0};

	if (nul != NULL) {
		len = (size_t)(nul - src);
		part.p = nul + 1;
		part.len = size - len - 1;
	}
	ts = template_set_new(fuzz_loader, &part);
	if ((t = template_compile(ts, "fuzz.mustache", src, len)) != NULL)
		for (int e = 0; e < TEMPLATE_ESC__MAX; e++) {
			buf_reset(&b);
			template_render(t, fuzz_ctx, (enum template_esc)e, &b);
		}
	buf_free(&b);
	template_set_free(ts);
	return 0;
}
