/* unit_report.c: the report model with findings, which the shipped rules
 * cannot produce yet: parses a checklist, adds synthetic findings on a
 * task item, a nested item, a heading, a paragraph and line 1, then
 * prints the template model of its page as JSON (for a golden file) and,
 * with -o DIR, renders the whole report there (for the browser test).
 * usage: unit-report [-o DIR] FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "model.h"
#include "pipeline.h"
#include "report.h"
#include "report_write.h"
#include "value.h"
#include "xalloc.h"

/* Findings at every kind of place: line 1 (front matter or title), each
 * task item's line (every third one, hostile text in the message), the
 * first section heading, and the line after the last item. */
static void
fake_findings(const struct checklist *cl, struct findings *fs)
{
	static const enum sev sevs[] = { SEV_ERROR, SEV_WARNING, SEV_INFO };
	size_t i;

	findings_add(fs, cl->file, 1, 1, 1, 1, SEV_INFO, "title",
	    "file-level finding <b>not bold</b>");
	for (i = 0; i < cl->nitems; i += 3)
		findings_add(fs, cl->file, cl->items[i].line,
		    cl->items[i].box_col, cl->items[i].line,
		    cl->items[i].box_col + 2, sevs[i % 3], "fake-rule",
		    "finding on item %zu <script>alert(%zu)</script> {{x}}",
		    i, i);
	for (i = 0; i < cl->nsections; i++)
		if ((int)i != cl->title_section) {
			findings_add(fs, cl->file, cl->sections[i].line, 1,
			    cl->sections[i].line, 3, SEV_WARNING, "heading",
			    "finding on heading '%s'", cl->sections[i].title);
			break;
		}
	if (cl->nitems > 0)
		findings_add(fs, cl->file, cl->items[cl->nitems - 1].line + 1,
		    1, cl->items[cl->nitems - 1].line + 1, 1, SEV_ERROR,
		    "after-items", "finding after the last item");
	findings_sort(fs);
}

int
main(int argc, char *argv[])
{
	const char *dir = NULL;
	struct report_input *in;
	struct findings *fs;
	struct checklist **cls;
	char **pages;
	size_t n = 0, i;
	int a = 1, rc = 0;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		dir = argv[2];
		a = 3;
	}
	in = xcalloc((size_t)argc, sizeof(*in));
	fs = xcalloc((size_t)argc, sizeof(*fs));
	cls = xcalloc((size_t)argc, sizeof(*cls));
	pages = xcalloc((size_t)argc, sizeof(*pages));
	for (; a < argc; a++) {
		if ((cls[n] = pipeline_file(argv[a], 0, NULL, NULL, &fs[n]))
		    == NULL)
			return 2;
		fake_findings(cls[n], &fs[n]);
		pages[n] = report_page_name(argv[a], pages, n);
		in[n].cl = cls[n];
		in[n].fs = &fs[n];
		in[n].page = pages[n];
		n++;
	}
	if (dir != NULL) {
		struct report_opts o = { .dir = dir, .generated_at = "2026-01-01T00:00:00Z" };
		rc = report_write(&o, in, n) == -1 ? 2 : 0;
	} else {
		for (i = 0; i < n; i++) {
			struct buf b = {0};
			struct val *v = report_page(in, n, i,
			    "2026-01-01T00:00:00Z");
			val_json(&b, val_get(v, "checklist"), 1);
			fputs(buf_cstr(&b), stdout);
			putchar('\n');
			val_free(v);
			buf_free(&b);
		}
	}
	for (i = 0; i < n; i++) {
		checklist_free(cls[i]);
		findings_clear(&fs[i]);
		free(pages[i]);
	}
	free(in);
	free(fs);
	free(cls);
	free(pages);
	return rc;
}
