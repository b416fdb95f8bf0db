/* report_cmd.c: [render] `ticklist report`. Runs read -> parse -> check on
 * every input (pipeline.c), builds the report model once (report.c) and
 * renders it through the Mustache templates: the shipped ones embedded in
 * the binary, each replaceable by a file of the same name in --templates
 * DIR. Output files are fixed names or page names made of the input path's
 * safe characters, so nothing is written outside the report directory. */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "arena.h"
#include "buf.h"
#include "check.h"
#include "cliopt.h"
#include "report_git.h"
#include "report_merge.h"
#include "diag.h"
#include "doc.h"
#include "embed.h"
#include "files.h"
#include "model.h"
#include "output.h"
#include "pipeline.h"
#include "read.h"
#include "report.h"
#include "report_cmd.h"
#include "report_write.h"
#include "rules.h"
#include "template.h"
#include "ticklist.h"
#include "value.h"
#include "when.h"
#include "xalloc.h"

/* What the report's part of the per-file loop shares: its per-file
 * results (the loop keeps the findings). */
struct report_work {
	size_t			  root;		/* of every path: page names
						   start after it */
	struct checklist	**cls;
	struct report_writer	 *w;		/* NULL: --template, or the
						   templates failed */
	struct report_file	 *files;	/* per file; .error: why
						   it could not be read */
	/* Kept in input order by report_emit, of those that could be read: */
	struct report_input	 *in;
	char			**pages;
	const struct report_opts *ro;
	size_t			  n;
};

/* The report input of a file the loop checked, named page. */
static void
report_input_of(const struct report_work *wk, const struct pipeline_item *it,
    struct checklist *cl, char *page, struct report_input *in)
{
	in->cl = cl;
	in->fs = &it->fs;
	in->page = page;
	in->rules = it->sel->used ? it->sel->used : it->rules;
	in->source_url = wk->ro->source_url;
	in->commit = wk->ro->commit;
	in->baseline = wk->ro->baseline;
	in->history = wk->ro->history;
}

/* On a worker, for a checked checklist or a file that could not be
 * read: keep it, and build its page. */
static int
report_use(struct pipeline_item *it, size_t i, struct checklist *cl,
    void *arg)
{
	struct report_work *wk = arg;
	struct report_input in;
	char *page;

	if (cl == NULL) {
		if (wk->w == NULL)
			return 0;
		/* Unreadable: an entry of its own, with the reason and no
		 * page, so that it does not vanish from the report. */
		wk->files[i].error = xstrdup(read_last_error());
		cl = doc_parse(it->path, "", 0);
	}
	wk->cls[i] = cl;
	if (wk->w == NULL)
		return 1;
	/* The name it gets unless an earlier page took it. */
	page = report_page_name(it->path + wk->root, NULL, 0);
	report_input_of(wk, it, cl, page, &in);
	report_writer_work(wk->w, &in, i, &wk->files[i]);
	free(page);
	return 1;
}

/* In input order: name the page, hand the checklist to the writer; free
 * it unless something still needs it at the end. */
static void
report_emit(struct pipeline_item *it, size_t i, void *arg)
{
	struct report_work *wk = arg;
	struct report_input *in = &wk->in[wk->n];

	if (wk->cls[i] == NULL)
		return;
	wk->pages[wk->n] = report_page_name(it->path + wk->root,
	    wk->pages, wk->n);
	report_input_of(wk, it, wk->cls[i], wk->pages[wk->n], in);
	wk->n++;
	if (wk->w == NULL)
		return;
	report_writer_emit(wk->w, in, i, &wk->files[i]);
	if (report_writer_streams(wk->w)) {
		checklist_free(wk->cls[i]);
		findings_clear(&it->fs);
		wk->cls[i] = NULL;
		in->cl = NULL;
	}
}

int
report_main(const struct cliopt *c, int argc, char *argv[])
{
	struct report_opts ro;
	struct pipeline_front f;
	struct pipeline_cmd pc;
	struct report_work wk;
	size_t i, nf;
	int code = EXIT_CLEAN, wrc = 0, r;

	memset(&ro, 0, sizeof(ro));
	memset(&f, 0, sizeof(f));
	memset(&wk, 0, sizeof(wk));
	ro.dir = c->output ? c->output : "ticklist-report";
	ro.templates = c->templates;
	ro.source_url = c->source_url;
	if (*ro.dir == '\0') {
		diag_error(NULL, 0, 0, "-o: empty report directory (an unset "
		    "variable?)");
		fputs("try 'ticklist help report'\n", stderr);
		return EXIT_TROUBLE;
	}
	if (argc == 0) {
		diag_error(NULL, 0, 0, "no PATH given; try 'ticklist help "
		    "report'");
		return EXIT_TROUBLE;
	}
	char when[21];
	when_iso(when);
	ro.generated_at = when;
	if (c->merge)
		return report_merge(&ro, argv, (size_t)argc) == -1 ?
		    EXIT_TROUBLE : EXIT_CLEAN;
	report_git(".", &ro.commit, &ro.branch);
	if ((c->baseline != NULL && (ro.baseline = report_past_load(
	    &c->baseline, 1)) == NULL) || (c->nhist > 0 && (ro.history =
	    report_past_load(c->history, c->nhist)) == NULL)) {
		code = EXIT_TROUBLE;
		goto out;
	}
	wk.ro = &ro;
	if (pipeline_paths(&f, c, "report", argc, argv, NULL) == -1 ||
	    (r = pipeline_configs(&f, c, 1)) == -1) {
		code = EXIT_TROUBLE;
		goto out;
	}
	if (r == 1)
		code = EXIT_TROUBLE;
	ro.inputs = f.fl.v;
	ro.ninputs = f.fl.n;
	for (i = 0; i < f.fl.n; i++) {
		struct stat sb;
		if (stat(f.fl.v[i], &sb) == 0 && S_ISREG(sb.st_mode) &&
		    (size_t)sb.st_size > ro.max_input)
			ro.max_input = (size_t)sb.st_size;
		else if (strcmp(f.fl.v[i], "-") == 0)
			ro.max_input = c->max_size;
	}
	nf = f.fl.n ? f.fl.n : 1;
	wk.root = report_page_root(f.fl.v, f.fl.n);
	wk.cls = xcalloc(nf, sizeof(*wk.cls));
	wk.files = xcalloc(nf, sizeof(*wk.files));
	wk.in = xcalloc(nf, sizeof(*wk.in));
	wk.pages = xcalloc(nf, sizeof(*wk.pages));
	/* Templates compile before any checklist is read; if they fail,
	 * the checklists are still checked for the summary line. */
	if (c->one == NULL && (wk.w = report_writer_new(&ro)) == NULL)
		wrc = -1;
	memset(&pc, 0, sizeof(pc));
	pc.check = 1;
	pc.max_size = c->max_size;
	pc.use = report_use;
	pc.emit = report_emit;
	pc.keep = 1;	/* the report's inputs point at the items' findings */
	pc.arg = &wk;
	pipeline_loop(&f, &pc, c->jobs);
	if (c->one != NULL) {
		if (report_write_one(&ro, c->one, wk.in, wk.n) == -1)
			code = EXIT_TROUBLE;
	} else if (wrc == -1 || report_writer_finish(wk.w) == -1)
		code = EXIT_TROUBLE;
	if (!c->quiet) {
		struct buf b = {0};
		diag_summary(&b, f.tally, f.nchecked);
		if (!c->one && !code)
			buf_printf(&b, "; report: %s/index.html", ro.dir);
		fprintf(stderr, "%s\n", buf_cstr(&b));
		buf_free(&b);
		/* The counts lint and status print: a file that could not
		 * be read is no checklist (its entry in the report says
		 * why), one whose config failed no skipped file. */
		if (f.nskipped + f.nleft > 0)
			pipeline_skip_summary(f.nchecked,
			    f.nskipped + f.nleft);
	}
	code = cliopt_exit(c, code, f.tally);
out:
	for (i = 0; i < f.fl.n && wk.cls != NULL; i++) {
		checklist_free(wk.cls[i]);
		report_file_free(NULL, &wk.files[i]);
	}
	for (i = 0; i < wk.n; i++)
		free(wk.pages[i]);
	free(wk.cls);
	free(wk.files);
	free(wk.in);
	free(wk.pages);
	free(ro.commit);
	free(ro.branch);
	report_past_free(ro.baseline);
	report_past_free(ro.history);
	pipeline_front_free(&f);
	return code;
}
