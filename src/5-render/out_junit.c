/* out_junit.c: [render] lint findings as JUnit XML (the Ant format of the
 * windyroad schema) for CI test tabs: one testsuite per file, one failing
 * testcase per finding, one passing testcase for a clean file. All data
 * goes through esc_xml_attr, so ]]>, quotes, newlines and control
 * characters survive (we never use CDATA). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "out.h"
#include "when.h"


/* The timestamp of the run: the run's own, else when.c's (SOURCE_DATE_EPOCH
 * for reproducible output, else now); in UTC without a zone suffix, as the
 * schema wants. */
static void
junit_begin(struct buf *b, struct out_run *r)
{
	r->st.id = 0;
	if (r->generated_at != NULL && strlen(r->generated_at) >= 19)
		memcpy(r->st.stamp, r->generated_at, 19);
	else {
		char iso[21];
		when_iso(iso);
		memcpy(r->st.stamp, iso, 19);
	}
	r->st.stamp[19] = '\0';
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites>\n");
}

/* name="value", the value escaped for an attribute. */
static void
junit_attr(struct buf *b, const char *name, const char *v)
{
	buf_printf(b, " %s=\"", name);
	esc_xml_attr(b, v, strlen(v));
	buf_putc(b, '"');
}

/* A testsuite for one file: a failing testcase per finding, named by
 * rule and position, or one passing testcase when it is clean. The
 * properties, system-out and system-err elements are required. */
static void
junit_file(struct buf *b, struct out_run *r, const struct out_file *f,
    int first)
{
	const struct findings *fs = f->fs;
	const char *path = out_relpath(f->path);
	struct buf t = {0};

	if (path[0] == '\0')
		path = "-";
	buf_puts(b, "  <testsuite");
	junit_attr(b, "name", path);
	junit_attr(b, "package", "ticklist");
	buf_printf(b, " id=\"%d\"", r->st.id++);
	buf_printf(b, " timestamp=\"%s\" hostname=\"localhost\""
	    " tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\""
	    " time=\"0\">\n    <properties/>\n", r->st.stamp,
	    fs->n ? fs->n : 1, fs->n);
	if (fs->n == 0) {
		buf_puts(b, "    <testcase name=\"ticklist lint\"");
		junit_attr(b, "classname", path);
		buf_puts(b, " time=\"0\"/>\n");
	}
	for (size_t i = 0; i < fs->n; i++) {
		const struct finding *x = &fs->v[i];
		buf_reset(&t);
		buf_printf(&t, "%s %d:%d", x->rule, x->line, x->col);
		buf_puts(b, "    <testcase");
		junit_attr(b, "name", buf_cstr(&t));
		junit_attr(b, "classname", path);
		buf_puts(b, " time=\"0\">\n      <failure");
		junit_attr(b, "message", x->message);
		junit_attr(b, "type", x->rule);
		buf_putc(b, '>');
		buf_reset(&t);
		diag_text(&t, x, 0);
		esc_xml_attr(b, t.data, t.len);
		buf_puts(b, "</failure>\n    </testcase>\n");
	}
	buf_puts(b, "    <system-out/>\n    <system-err/>\n  </testsuite>\n");
	buf_free(&t);
}

/* Close the document. */
static void
junit_end(struct buf *b, struct out_run *r, const unsigned *tally,
    size_t nfiles)
{
	buf_puts(b, "</testsuites>\n");
}

const struct out_backend out_junit = { "junit", junit_begin, junit_file,
    junit_end };
