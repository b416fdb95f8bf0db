/* out_text.c: [render] lint findings as compiler-style text lines, names
 * and messages escaped for a terminal or CI log (diag_text_term_all). */
#include "buf.h"
#include "diag.h"
#include "out.h"

static void
text_file(struct buf *b, struct out_run *r, const struct out_file *f,
    int first)
{
	diag_text_term_all(b, f->fs->v, f->fs->n, r->color);
}

const struct out_backend out_text = { "text", NULL, text_file, NULL };
