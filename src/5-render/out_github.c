/* out_github.c: [render] lint findings as GitHub Actions workflow
 * commands, which the runner turns into annotations on the pull request:
 * ::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::message
 * Properties and message are escaped by esc_gh_prop and esc_gh_data. */
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "out.h"

static const char *const github_cmds[SEV__MAX] = {
	"notice", "notice", "warning", "error"
};

/* One workflow command per finding; the severity picks the command. */
static void
github_file(struct buf *b, struct out_run *r, const struct out_file *f,
    int first)
{
	const char *path = out_relpath(f->path);

	for (size_t i = 0; i < f->fs->n; i++) {
		const struct finding *x = &f->fs->v[i];
		buf_printf(b, "::%s file=",
		    github_cmds[x->sev < SEV__MAX ? x->sev : SEV_ERROR]);
		esc_gh_prop(b, path, strlen(path));
		buf_printf(b, ",line=%d,col=%d,endLine=%d,endColumn=%d,title=",
		    x->line, x->col, x->end_line, x->end_col);
		esc_gh_prop(b, x->rule, strlen(x->rule));
		buf_puts(b, "::");
		esc_gh_data(b, x->message, strlen(x->message));
		buf_putc(b, '\n');
	}
}

const struct out_backend out_github = { "github", NULL, github_file, NULL };
