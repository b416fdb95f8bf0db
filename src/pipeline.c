/* pipeline.c: read -> parse -> check for one file, the stages every
 * checked command runs; rendering stays with the caller. */
#include <stddef.h>

#include "check.h"
#include "diag.h"
#include "doc.h"
#include "itemmeta.h"
#include "model.h"
#include "pipeline.h"
#include "read.h"

struct checklist *
pipeline_file(const char *path, size_t max, const struct rules *rules,
    struct check_ctx *cc, struct findings *fs)
{
	struct input in;
	struct checklist *cl;

	if (read_input(path, max, &in) == -1)
		return NULL;
	cl = doc_parse(path, in.data, in.len);
	itemmeta_attach(cl);
	if (rules != NULL) {
		size_t first = fs->n;
		check_run(cc, rules, cl, fs);
		/* Findings outlive the checklist: give them the caller's
		 * name. */
		for (size_t i = first; i < fs->n; i++)
			fs->v[i].file = path;
	}
	cl->src = NULL;
	cl->srclen = 0;
	read_free(&in);
	return cl;
}
