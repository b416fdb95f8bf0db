/* out_json.c: [render] lint findings as the pinned JSON document:
 * {"version": 1, "findings": [...], "summary": {...}}. */
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "out.h"

static void
json_begin(struct buf *b, struct out_run *r)
{
	r->st.any = 0;
	buf_puts(b, "{\"version\": 1,\n \"findings\": [");
}

static void
json_file(struct buf *b, struct out_run *r, const struct out_file *f,
    int first)
{
	for (size_t i = 0; i < f->fs->n; i++) {
		const struct finding *x = &f->fs->v[i];
		buf_puts(b, r->st.any ? ",\n  " : "\n  ");
		r->st.any = 1;
		buf_puts(b, "{\"file\": ");
		esc_json(b, x->file, strlen(x->file));
		buf_printf(b, ", \"line\": %d, \"column\": %d, \"end_line\": %d,"
		    " \"end_column\": %d, \"severity\": \"%s\", \"rule\": ",
		    x->line, x->col, x->end_line, x->end_col, sev_name(x->sev));
		esc_json(b, x->rule, strlen(x->rule));
		buf_puts(b, ", \"message\": ");
		esc_json(b, x->message, strlen(x->message));
		buf_putc(b, '}');
	}
}

static void
json_end(struct buf *b, struct out_run *r, const unsigned *tally,
    size_t nfiles)
{
	buf_printf(b, "%s],\n \"summary\": {\"files\": %zu, \"errors\": %u, "
	    "\"warnings\": %u, \"infos\": %u}}\n", r->st.any ? "\n " : "",
	    nfiles, tally[SEV_ERROR], tally[SEV_WARNING], tally[SEV_INFO]);
}

const struct out_backend out_json = { "json", json_begin, json_file,
    json_end };
