/* out_text.c: [render] lint findings as compiler-style text lines, names
 * and messages escaped for a terminal or CI log (diag_text_term). */
#include "buf.h"
#include "diag.h"
#include "out.h"

static void
text_file(struct buf *b, struct out_run *r, const struct out_file *f,
    int first)
{
	for (size_t i = 0; i < f->fs->n; i++)
		diag_text_term(b, &f->fs->v[i], r->color);
}

const struct out_backend out_text = { "text", NULL, text_file, NULL };
