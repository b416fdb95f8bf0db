/* out_gitlab.c: [render] lint findings as a GitLab Code Quality report: a
 * JSON array of issues with description, check_name, fingerprint,
 * severity and location. Fingerprints identify a finding by file and
 * position-free identity (fingerprint.h), so GitLab sees the same issue
 * when lines move and tells new from fixed ones in merge requests. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "fingerprint.h"
#include "out.h"

/* Our severities on GitLab's scale; "critical" is not used. */
static const char *const gitlab_sevs[SEV__MAX] = {
	"info", "info", "minor", "major"
};

/* Open the array. */
static void
gitlab_begin(struct buf *b, struct out_run *r)
{
	r->st.any = 0;
	buf_putc(b, '[');
}

/* One issue per finding, with the path relative to the checkout. */
static void
gitlab_file(struct buf *b, struct out_run *r, const struct out_file *f,
    int first)
{
	const struct findings *fs = f->fs;
	const char *path = out_relpath(f->path);
	uint64_t *fp;

	if (fs->n == 0)
		return;
	fp = fingerprint_findings(fs, path);
	for (size_t i = 0; i < fs->n; i++) {
		const struct finding *x = &fs->v[i];
		buf_puts(b, r->st.any ? ",\n {" : "\n {");
		r->st.any = 1;
		buf_puts(b, "\"description\": ");
		esc_json(b, x->message, strlen(x->message));
		buf_puts(b, ", \"check_name\": ");
		esc_json(b, x->rule, strlen(x->rule));
		buf_printf(b, ", \"fingerprint\": \"%016llx\", \"severity\": "
		    "\"%s\",\n  \"location\": {\"path\": ",
		    (unsigned long long)fp[i],
		    gitlab_sevs[x->sev < SEV__MAX ? x->sev : SEV_ERROR]);
		esc_json(b, path, strlen(path));
		buf_printf(b, ", \"lines\": {\"begin\": %d, \"end\": %d}}}",
		    x->line, x->end_line);
	}
	free(fp);
}

/* Close the array. */
static void
gitlab_end(struct buf *b, struct out_run *r, const unsigned *tally,
    size_t nfiles)
{
	buf_puts(b, r->st.any ? "\n]\n" : "]\n");
}

const struct out_backend out_gitlab = { "gitlab", gitlab_begin, gitlab_file,
    gitlab_end };
