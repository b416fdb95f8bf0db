/* unit_report.c: the report model with findings, which the shipped rules
 * cannot produce yet: parses a checklist, adds synthetic findings on a
 * task item, a nested item, a heading, a paragraph and line 1, then
 * prints the template model of its page as JSON (for a golden file) and,
 * with -o DIR, renders the whole report there (for the browser test).
 * With -j it compares each checklist's report.json element written from
 * the page's model (in an arena: its long lists lazy, written straight
 * from the checklist) with the one written from the same model built
 * whole on the heap (every list through the generic view): exit 1 and
 * both on stderr if they differ, else one line "N elements, M bytes".
 * usage: unit-report [-o DIR | -j] FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
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
	int json = 0;
	struct report_input *in;
	struct findings *fs;
	struct checklist **cls;
	char **pages;
	size_t n = 0, i;
	int a = 1, rc = 0;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		dir = argv[2];
		a = 3;
	} else if (argc > 1 && strcmp(argv[1], "-j") == 0) {
		json = 1;
		a = 2;
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
	if (json) {
		size_t bytes = 0;

		for (i = 0; i < n; i++) {
			struct arena ar = { NULL };
			struct buf x = {0}, y = {0};
			struct val *heap = report_checklist_in(NULL, &in[i]);

			report_json_element(&x, report_checklist_in(&ar,
			    &in[i]));
			report_json_element(&y, heap);
			if (x.len != y.len || memcmp(x.data, y.data, x.len)) {
				fprintf(stderr, "%s: report.json element "
				    "differs:\n--- lazy\n%s\n--- heap\n%s\n",
				    cls[i]->file, buf_cstr(&x), buf_cstr(&y));
				rc = 1;
			}
			bytes += x.len;
			val_free(heap);
			arena_free(&ar);
			buf_free(&x);
			buf_free(&y);
		}
		printf("%zu elements, %zu bytes\n", n, bytes);
	} else if (dir != NULL) {
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
