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
#include <getopt.h>
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
#include "pool.h"
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

static const char report_help_text[] =
    "usage: ticklist report [options] PATH...\n"
    "Check checklists as lint does and write an HTML report: index.html\n"
    "(all checklists, least complete first), one page per checklist,\n"
    "report.json, summary.md (for a CI job summary) and badge.svg.\n"
    "\n"
    "  -o, --output DIR     report directory (default ticklist-report)\n"
    "      --templates DIR  templates here replace shipped ones by file name\n"
    "      --template FILE  render this one template to stdout instead\n"
    "      --source-url URL link items and findings to their source: URL\n"
    "                       with {path}, {line} and {commit}\n"
    "      --baseline FILE  show what changed since this earlier report.json\n"
    "      --history FILE   an earlier report.json for the trend of each\n"
    "                       checklist (repeatable, any order)\n"
    "      --merge          PATHs are report.json files ([NAME=]PATH) of\n"
    "                       several repositories: write one dashboard\n"
    "  -c, --config FILE    use this config instead of .ticklist.yml\n"
    "      --no-config      ignore .ticklist.yml files\n"
    "  -r, --rules NAME     use a shipped ruleset or rule file (repeatable)\n"
    "      --fail-on LEVEL  exit 1 when a finding is at or above LEVEL:\n"
    "                       error (default), warning, info, never\n"
    "      --no-ignore      read files .gitignore excludes\n"
    "  -q, --quiet          no summary line on stderr\n"
    "      --max-file-size N  refuse larger inputs (default 64M; 0: none)\n"
    "      --max-rules-size N  refuse larger rule files (default 1M)\n"
    "  -j, --jobs N         worker threads (default: the number of CPUs)\n"
    "      --today DATE     today for due, expiry and sign-off dates\n"
    "                       (YYYY-MM-DD; default SOURCE_DATE_EPOCH, else now)\n"
    "\n"
    "Templates: index.html.mustache, checklist.html.mustache (one page per\n"
    "checklist), summary.md.mustache, badge.svg.mustache and the partials\n"
    "and layouts they name ({{>name}} and {{<name}} load name.mustache).\n"
    "Escaping follows the file name: *.html HTML, *.json JSON, *.svg and\n"
    "*.xml XML, *.md Markdown. SOURCE_DATE_EPOCH fixes generated_at.\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 findings,\n"
    "2 usage, template, configuration or I/O error.\n";

const char *
report_help(void)
{
	return report_help_text;
}

/* Options of report_main. */
struct report_args {
	struct report_opts	 ro;
	const char		*one;		/* --template FILE */
	const char		*baseline;	/* --baseline FILE */
	int			 merge;		/* --merge */
	int			 no_ignore;	/* --no-ignore */
	const char		**history;	/* --history FILE... */
	size_t			 nhist, caphist;
	struct cliopt		 c;		/* the shared options */
};

static int
report_args(int argc, char *argv[], struct report_args *a)
{
	enum { O_TEMPLATES = CLIOPT__NEXT, O_TEMPLATE, O_SOURCE_URL,
	    O_BASELINE, O_HISTORY, O_MERGE, O_NOIGNORE };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "templates", required_argument, NULL, O_TEMPLATES },
		{ "template", required_argument, NULL, O_TEMPLATE },
		{ "source-url", required_argument, NULL, O_SOURCE_URL },
		{ "baseline", required_argument, NULL, O_BASELINE },
		{ "history", required_argument, NULL, O_HISTORY },
		{ "merge", no_argument, NULL, O_MERGE },
		{ "no-ignore", no_argument, NULL, O_NOIGNORE },
		CLIOPT_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:h" CLIOPT_SHORT, longopts,
	    NULL)) != -1) {
		switch (cliopt_take(&a->c, c, optarg, argv[optind - 1])) {
		case 1:
			continue;
		case -1:
			return -1;
		default:
			break;
		}
		switch (c) {
		case 'o':
			if (*optarg == '\0') {
				diag_error(NULL, 0, 0, "-o: empty report "
				    "directory (an unset variable?)");
				return -1;
			}
			a->ro.dir = optarg;
			break;
		case O_TEMPLATES:
			a->ro.templates = optarg;
			break;
		case O_TEMPLATE:
			a->one = optarg;
			break;
		case O_SOURCE_URL:
			a->ro.source_url = optarg;
			break;
		case O_BASELINE:
			a->baseline = optarg;
			break;
		case O_MERGE:
			a->merge = 1;
			break;
		case O_NOIGNORE:
			a->no_ignore = 1;
			break;
		case O_HISTORY:
			a->history = xgrow(a->history, &a->caphist,
			    a->nhist + 1, sizeof(*a->history));
			a->history[a->nhist++] = optarg;
			break;
		case 'h':
			fputs(report_help_text, stdout);
			if (fflush(stdout) == EOF || ferror(stdout)) {
				diag_error("<stdout>", 0, 0, "write failed: %s",
				    strerror(errno));
				exit(EXIT_TROUBLE);
			}
			exit(EXIT_CLEAN);
		default:
			break;	/* ':' and '?' were cliopt_take's */
		}
	}
	return 0;
}

/* What the workers of a report share: inputs and per-file results. */
struct report_work {
	char			**paths;
	const struct rules	**rules;	/* NULL: config failed */
	size_t			  max_size;
	struct checklist	**cls;
	struct pipeline_sel	 *sel;		/* which files are checklists */
	struct findings		 *fs;
	struct report_writer	 *w;		/* NULL: --template, or the
						   templates failed */
	struct report_file		 *files;
	char			**why;		/* could not be read: why */
	size_t			  nbad;		/* how many */
	/* Kept in input order by report_emit, of those that could be read: */
	struct report_input	 *in;
	char			**pages;
	const struct report_opts *ro;
	size_t			  n;
	unsigned		  tally[SEV__MAX];
};

/* On a worker: read, parse and check one checklist; then its page. */
static void
report_work(size_t i, struct check_ctx *cc, void *arg)
{
	struct report_work *wk = arg;
	struct report_input in;
	char *page;

	if (wk->rules[i] == NULL)
		return;
	wk->cls[i] = pipeline_checklist(wk->paths[i], wk->max_size,
	    &wk->sel[i], cc, &wk->fs[i]);
	if (wk->cls[i] != NULL && wk->sel[i].skipped) {
		checklist_free(wk->cls[i]);	/* not a checklist */
		wk->cls[i] = NULL;
		return;
	}
	if (wk->cls[i] == NULL && wk->w != NULL) {
		/* Unreadable: an entry of its own, with the reason and no
		 * page, so that it does not vanish from the report. */
		wk->why[i] = xstrdup(read_last_error());
		wk->cls[i] = doc_parse(wk->paths[i], "", 0);
		wk->files[i].error = xstrdup(wk->why[i]);
	}
	if (wk->cls[i] == NULL || wk->w == NULL)
		return;
	/* The name it gets unless an earlier page took it. */
	page = report_page_name(wk->paths[i], NULL, 0);
	in.cl = wk->cls[i];
	in.fs = &wk->fs[i];
	in.page = page;
	in.rules = wk->sel[i].used ? wk->sel[i].used : wk->rules[i];
	in.source_url = wk->ro->source_url;
	in.commit = wk->ro->commit;
	in.baseline = wk->ro->baseline;
	in.history = wk->ro->history;
	report_writer_work(wk->w, &in, i, &wk->files[i]);
	free(page);
}

/* In input order: name the page, count the findings, hand the checklist
 * to the writer; free it unless something still needs it at the end. */
static void
report_emit(size_t i, void *arg)
{
	struct report_work *wk = arg;
	struct report_input *in = &wk->in[wk->n];

	if (wk->cls[i] == NULL)
		return;
	wk->pages[wk->n] = report_page_name(wk->paths[i], wk->pages, wk->n);
	findings_tally(&wk->fs[i], wk->tally);
	wk->nbad += wk->why[i] != NULL;
	in->cl = wk->cls[i];
	in->fs = &wk->fs[i];
	in->page = wk->pages[wk->n];
	in->rules = wk->sel[i].used ? wk->sel[i].used : wk->rules[i];
	in->source_url = wk->ro->source_url;
	in->commit = wk->ro->commit;
	in->baseline = wk->ro->baseline;
	in->history = wk->ro->history;
	wk->n++;
	if (wk->w == NULL)
		return;
	report_writer_emit(wk->w, in, i, &wk->files[i]);
	if (report_writer_streams(wk->w)) {
		checklist_free(wk->cls[i]);
		findings_clear(&wk->fs[i]);
		wk->cls[i] = NULL;
		in->cl = NULL;
	}
}

int
report_main(int argc, char *argv[])
{
	struct report_args a;
	struct filelist fl = {0};
	struct rules_ctx *rc = NULL;
	struct report_work wk;
	size_t i, nf, nleft = 0;
	int code = EXIT_CLEAN, wrc = 0;

	memset(&a, 0, sizeof(a));
	memset(&wk, 0, sizeof(wk));
	a.ro.dir = "ticklist-report";
	cliopt_init(&a.c);
	if (report_args(argc, argv, &a) == -1) {
		fputs("try 'ticklist help report'\n", stderr);
		cliopt_free(&a.c);
		return EXIT_TROUBLE;
	}
	if (optind >= argc) {
		diag_error(NULL, 0, 0, "no PATH given; try 'ticklist help "
		    "report'");
		cliopt_free(&a.c);
		return EXIT_TROUBLE;
	}
	char when[21];
	when_iso(when);
	a.ro.generated_at = when;
	if (a.merge) {
		code = report_merge(&a.ro, argv + optind, (size_t)(argc -
		    optind)) == -1 ? EXIT_TROUBLE : EXIT_CLEAN;
		cliopt_free(&a.c);
		return code;
	}
	report_git(".", &a.ro.commit, &a.ro.branch);
	if ((a.baseline != NULL && (a.ro.baseline = report_past_load(
	    &a.baseline, 1)) == NULL) || (a.nhist > 0 && (a.ro.history =
	    report_past_load(a.history, a.nhist)) == NULL)) {
		code = EXIT_TROUBLE;
		goto out;
	}
	wk.ro = &a.ro;
	fl.no_ignore = a.no_ignore;
	for (int k = optind; k < argc; k++)
		files_add(&fl, argv[k]);
	if ((rc = rules_ctx_new(&a.c.ropts)) == NULL) {
		code = EXIT_TROUBLE;
		goto out;
	}
	if (pipeline_select(&fl, rc, NULL, &wk.sel, &nleft) == -1)
		code = EXIT_TROUBLE;
	a.ro.inputs = fl.v;
	a.ro.ninputs = fl.n;
	for (i = 0; i < fl.n; i++) {
		struct stat sb;
		if (stat(fl.v[i], &sb) == 0 && S_ISREG(sb.st_mode) &&
		    (size_t)sb.st_size > a.ro.max_input)
			a.ro.max_input = (size_t)sb.st_size;
		else if (strcmp(fl.v[i], "-") == 0)
			a.ro.max_input = a.c.max_size;
	}
	nf = fl.n ? fl.n : 1;
	wk.paths = fl.v;
	wk.rules = xcalloc(nf, sizeof(*wk.rules));
	wk.max_size = a.c.max_size;
	wk.cls = xcalloc(nf, sizeof(*wk.cls));
	wk.fs = xcalloc(nf, sizeof(*wk.fs));
	wk.files = xcalloc(nf, sizeof(*wk.files));
	wk.why = xcalloc(nf, sizeof(*wk.why));
	wk.in = xcalloc(nf, sizeof(*wk.in));
	wk.pages = xcalloc(nf, sizeof(*wk.pages));
	for (i = 0; i < fl.n; i++)
		wk.rules[i] = wk.sel[i].rules;
	/* Templates compile before any checklist is read; if they fail,
	 * the checklists are still checked for the summary line. */
	if (a.one == NULL && (wk.w = report_writer_new(&a.ro)) == NULL)
		wrc = -1;
	pool_run(fl.n, a.c.jobs, report_work, report_emit, &wk);
	if (a.one != NULL) {
		if (report_write_one(&a.ro, a.one, wk.in, wk.n) == -1)
			code = EXIT_TROUBLE;
	} else if (wrc == -1 || report_writer_finish(wk.w) == -1)
		code = EXIT_TROUBLE;
	if (!a.c.quiet) {
		struct buf b = {0};
		diag_summary(&b, wk.tally, wk.n - wk.nbad);
		if (!a.one && !code)
			buf_printf(&b, "; report: %s/index.html", a.ro.dir);
		fprintf(stderr, "%s\n", buf_cstr(&b));
		buf_free(&b);
		if (fl.n + nleft > wk.n && fl.n + nleft - wk.n > 0)
			fprintf(stderr, "%zu checklist%s, %zu other Markdown "
			    "file%s skipped\n", wk.n, wk.n == 1 ? "" : "s",
			    fl.n + nleft - wk.n, fl.n + nleft - wk.n == 1 ?
			    "" : "s");
	}
	if (diag_errors() > 0)
		code = EXIT_TROUBLE;
	if (code == EXIT_CLEAN && cliopt_failed(&a.c, wk.tally))
		code = EXIT_FINDINGS;
out:
	for (i = 0; i < fl.n && wk.cls != NULL; i++) {
		checklist_free(wk.cls[i]);
		findings_clear(&wk.fs[i]);
		report_file_free(NULL, &wk.files[i]);
		free(wk.why[i]);
	}
	for (i = 0; i < wk.n; i++)
		free(wk.pages[i]);
	free(wk.rules);
	free(wk.sel);
	free(wk.cls);
	free(wk.fs);
	free(wk.files);
	free(wk.why);
	free(wk.in);
	free(wk.pages);
	rules_ctx_free(rc);
	free(a.ro.commit);
	free(a.ro.branch);
	report_past_free(a.ro.baseline);
	report_past_free(a.ro.history);
	free(a.history);
	files_free(&fl);
	cliopt_free(&a.c);
	return code;
}
