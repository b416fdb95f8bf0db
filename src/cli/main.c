/* main.c: steering. The only module that knows the whole pipeline:
 * options -> files -> read -> parse -> check -> render -> write, per file,
 * on a pool of worker threads whose results are written in input order. */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "cliopt.h"
#include "ctx.h"
#include "diag.h"
#include "doc.h"
#include "esc.h"
#include "files.h"
#include "fix.h"
#include "init.h"
#include "match.h"
#include "model.h"
#include "out.h"
#include "output.h"
#include "pipeline.h"
#include "read.h"
#include "report.h"
#include "report_cmd.h"
#include "rules.h"
#include "ticklist.h"
#include "utf8.h"
#include "verdict.h"
#include "when.h"
#include "value.h"
#include "xalloc.h"

/* The version and commit of this build (mk/deb.mk writes version.h). */
#if defined(__has_include)
#if __has_include("version.h")
#include "version.h"
#endif
#endif
#ifndef TICKLIST_BUILD_VERSION
#define TICKLIST_BUILD_VERSION	TICKLIST_VERSION
#define TICKLIST_COMMIT		""
#endif

enum cmd {
	CMD_LINT,
	CMD_STATUS,
	CMD_RULES,
	CMD_EXPLAIN,
	CMD_REPORT,
	CMD_INIT,
	CMD__MAX
};

/* A command line, parsed. */
struct opts {
	enum cmd			 cmd;
	const char			*name;	/* the command's */
	const struct out_format		*fmt;	/* its view's --format row */
	struct cliopt			 c;
};

/* What a lint or status run shares between the workers and the in-order
 * writer. */
struct run_state {
	const struct opts		*o;
	const struct out_backend	*be;
	struct out_run			 orun;
	struct buf			 ob;
	int				 first;
	int				 rcode;
	int				 stream;	/* write ob to stdout
							   as it fills */
	int				 fixout;	/* ob: diffs or fixed
							   text, not findings */
	unsigned			 nfixed, nfixfiles;
};

/* Output to stdout is written in pieces of about this size as files
 * finish (backends only append), so memory does not grow with it. */
#define STREAM_CHUNK	(16u * 1024u)

/* Below this much input, regexes are not JIT-compiled: compiling costs
 * more than it saves (a pre-commit hook's few files). Measured on
 * generated 10 KB checklists with the shipped rules, since the required
 * literals (literal.c) spare most pcre2 calls: lint -j 1 on 40 KB cost
 * 26.1M instructions without JIT and 26.4M with it, 55 KB 30.6M and
 * 29.8M, 74 KB 38.3M and 36.1M (JIT also maps executable memory for
 * each pattern, which the counts do not show). */
#define JIT_MIN_BYTES	(48u * 1024u)

/* status, on a worker: render a checked checklist as the format says
 * (lint's findings are in it->fs already). */
static int
run_use(struct pipeline_item *it, size_t i, struct checklist *cl, void *arg)
{
	struct run_state *rs = arg;

	if (cl != NULL && rs->o->fmt->status != NULL)
		rs->o->fmt->status(&it->out, cl);
	return 0;
}

/* In input order on the main thread: append the file's output. */
static void
run_emit(struct pipeline_item *it, size_t i, void *arg)
{
	struct run_state *rs = arg;
	const struct opts *o = rs->o;

	if (it->state == PIPELINE_UNREADABLE || it->state == PIPELINE_NORULES) {
		rs->rcode = EXIT_TROUBLE;
	} else if (it->state == PIPELINE_CHECKED) {
		if (o->cmd == CMD_LINT && rs->fixout) {
			/* --diff, or --fix on stdin: the text only. */
			if (it->fx.diff.len > 0)
				buf_put(&rs->ob, it->fx.diff.data,
				    it->fx.diff.len);
			if (it->fx.text.len > 0)
				buf_put(&rs->ob, it->fx.text.data,
				    it->fx.text.len);
		} else if (o->cmd == CMD_LINT) {
			struct out_file of = { it->name, &it->fs, 0 };
			rs->be->file(&rs->ob, &rs->orun, &of, rs->first);
		} else {
			buf_puts(&rs->ob, rs->first ? o->fmt->first :
			    o->fmt->sep);
			buf_put(&rs->ob, it->out.data ? it->out.data : "",
			    it->out.len);
		}
		rs->first = 0;
	}
	rs->nfixed += it->fx.nfixed;
	rs->nfixfiles += it->fx.nfixed > 0;
	fix_result_free(&it->fx);
	findings_clear(&it->fs);
	buf_free(&it->out);
	if (rs->stream && rs->ob.len >= STREAM_CHUNK) {
		if (output_write(NULL, rs->ob.data, rs->ob.len) == -1) {
			rs->rcode = EXIT_TROUBLE;
			rs->stream = 0;
		}
		buf_reset(&rs->ob);
	}
}

/* Total size of the files in fl, counted up to cap ("-" counts as cap:
 * stdin may be long). */
static size_t
input_bytes(const struct filelist *fl, size_t cap)
{
	struct stat sb;
	size_t total = 0;

	for (size_t i = 0; i < fl->n && total < cap; i++) {
		if (strcmp(fl->v[i], "-") == 0)
			total = cap;
		else if (stat(fl->v[i], &sb) == 0 && sb.st_size > 0)
			total += (size_t)sb.st_size;
	}
	return total;
}

/* Print the lint summary line on stderr. */
static void
lint_summary(const unsigned *tally, size_t nfiles)
{
	struct buf b = {0};

	diag_summary(&b, tally, nfiles);
	fprintf(stderr, "%s\n", buf_cstr(&b));
	buf_free(&b);
}

/* --show-files, in input order: the file with its verdict and the rules
 * that apply. */
static void
show_emit(struct pipeline_item *it, size_t i, void *arg)
{
	struct run_state *rs = arg;
	const struct pipeline_sel *sel = it->sel;

	if (it->state == PIPELINE_UNREADABLE || it->state == PIPELINE_NORULES)
		rs->rcode = EXIT_TROUBLE;
	else if (it->state == PIPELINE_SKIPPED)
		buf_printf(&rs->ob, "%s: skipped: no task item or sign-off "
		    "field\n", sel->name ? sel->name : it->path);
	else if (sel->verdict == RULES_SELECTED)
		buf_printf(&rs->ob, "%s: checklist (files: '%s'); rules: %s\n",
		    it->path, sel->why, rules_file(sel->used));
	else
		buf_printf(&rs->ob, "%s: checklist; rules: %s\n", it->path,
		    rules_file(sel->used));
}

/* --show-files: each file with its verdict and the rules that apply (the
 * per-file loop, judging only), then what the walks and the config left
 * out. */
static int
show_files(const struct opts *o, struct pipeline_front *f)
{
	struct pipeline_cmd pc;
	struct run_state rs;

	memset(&rs, 0, sizeof(rs));
	rs.o = o;
	rs.rcode = EXIT_CLEAN;
	memset(&pc, 0, sizeof(pc));
	pc.max_size = o->c.max_size;
	pc.stdin_name = o->c.stdin_name;
	pc.emit = show_emit;
	pc.arg = &rs;
	pipeline_loop(f, &pc, o->c.jobs);
	for (size_t i = 0; i < f->fl.nleft; i++)
		buf_printf(&rs.ob, "%s: %s\n", f->fl.left[i].path,
		    f->fl.left[i].why);
	if (output_write(o->c.output, rs.ob.data ? rs.ob.data : "",
	    rs.ob.len) == -1)
		rs.rcode = EXIT_TROUBLE;
	buf_free(&rs.ob);
	if (diag_errors() > 0)
		rs.rcode = EXIT_TROUBLE;
	return rs.rcode;
}

/* Copy stdin to --output (or stdout) unchanged; -1 after a diag_error. */
static int
fix_echo(const struct opts *o)
{
	struct input in;
	int r;

	if (read_input("-", o->c.max_size, &in) == -1)
		return -1;
	r = output_write(o->c.output, in.data ? in.data : "", in.len);
	read_free(&in);
	return r;
}

static int
run(struct opts *o, int argc, char *argv[])
{
	struct pipeline_front f;
	struct pipeline_cmd pc;
	struct run_state rs;
	size_t i;
	int r, tostdout, stdin_in = 0;

	memset(&rs, 0, sizeof(rs));
	rs.o = o;
	rs.first = 1;
	rs.rcode = EXIT_CLEAN;
	/* Standard output is written as it comes; a file named by -o is
	 * replaced once, at the end. */
	rs.stream = o->c.output == NULL || strcmp(o->c.output, "-") == 0;
	tostdout = rs.stream;
	rs.be = o->fmt->lint;
	if (pipeline_paths(&f, &o->c, o->name, argc, argv,
	    o->c.output) == -1) {
		pipeline_front_free(&f);
		return EXIT_TROUBLE;
	}
	if (o->cmd == CMD_LINT)
		match_set_jit(input_bytes(&f.fl, JIT_MIN_BYTES) >=
		    JIT_MIN_BYTES);
	for (i = 0; i < f.fl.n; i++)
		stdin_in |= strcmp(f.fl.v[i], "-") == 0;
	/* Which files are checklists needs the configs (a bad -c is an
	 * error for status too); the tree dump shows any file as parsed. */
	if ((r = pipeline_configs(&f, &o->c, !o->fmt->model_only ||
	    o->c.show_files)) == -1) {
		pipeline_front_free(&f);
		return EXIT_TROUBLE;
	}
	if (r == 1)
		rs.rcode = EXIT_TROUBLE;
	for (i = 0; i < f.fl.n; i++)
		stdin_in &= strcmp(f.fl.v[i], "-") != 0;
	/* --fix on a stdin that ignore: or files: leave out: the text back
	 * unchanged, so an editor's buffer is kept. */
	if (stdin_in && o->c.fix && !o->c.show_files && fix_echo(o) == -1)
		rs.rcode = EXIT_TROUBLE;
	if (o->c.show_files) {
		int code = show_files(o, &f);
		pipeline_front_free(&f);
		return code != EXIT_CLEAN ? code : rs.rcode;
	}
	for (i = 0; i < f.fl.n; i++)
		rs.fixout |= o->c.diff || (o->c.fix &&
		    strcmp(f.fl.v[i], "-") == 0);
	rs.orun.rules = f.rc;
	rs.orun.color = o->c.color;
	if (rs.be && rs.be->begin && !rs.fixout)
		rs.be->begin(&rs.ob, &rs.orun);
	if (o->fmt->head != NULL)
		buf_puts(&rs.ob, o->fmt->head);
	ctx_run()->mojibake_all = o->c.fix || o->c.diff;
	memset(&pc, 0, sizeof(pc));
	pc.check = o->cmd == CMD_LINT;
	/* Lint's formats show findings only: no verdict, no sign-off, no
	 * owners or evidence. */
	pc.lean = o->cmd == CMD_LINT;
	pc.fix = o->c.fix;
	pc.diff = o->c.diff;
	pc.max_size = o->c.max_size;
	pc.stdin_name = o->c.stdin_name;
	pc.use = o->fmt->status != NULL ? run_use : NULL;
	pc.emit = run_emit;
	pc.arg = &rs;
	pipeline_loop(&f, &pc, o->c.jobs);
	if (rs.be && rs.be->end && !rs.fixout)
		rs.be->end(&rs.ob, &rs.orun, f.tally, f.nchecked);
	if (o->fmt->head != NULL)
		buf_puts(&rs.ob, rs.first ? o->fmt->tail0 : o->fmt->tail);
	if ((rs.stream || !tostdout) && output_write(o->c.output,
	    rs.ob.data ? rs.ob.data : "", rs.ob.len) == -1)
		rs.rcode = EXIT_TROUBLE;
	if (o->cmd == CMD_LINT && !o->c.quiet)
		lint_summary(f.tally, f.nchecked);
	if ((o->c.fix || o->c.diff) && !o->c.quiet)
		fprintf(stderr, "%s %u finding%s in %u file%s\n", o->c.diff ?
		    "--fix would fix" : "fixed", rs.nfixed, rs.nfixed == 1 ?
		    "" : "s", rs.nfixfiles, rs.nfixfiles == 1 ? "" : "s");
	if ((o->cmd == CMD_STATUS || !o->c.quiet) &&
	    f.nskipped + f.nleft > 0)
		pipeline_skip_summary(f.nchecked, f.nskipped + f.nleft);
	rs.rcode = cliopt_exit(&o->c, rs.rcode, o->cmd == CMD_LINT ?
	    f.tally : NULL);
	buf_free(&rs.ob);
	pipeline_front_free(&f);
	return rs.rcode;
}

/* Write what a command built to --output (or stdout) unless it failed;
 * free it; the exit status. */
static int
write_result(const struct opts *o, struct buf *b, int rcode)
{
	if (rcode == EXIT_CLEAN && output_write(o->c.output, b->data ? b->data :
	    "", b->len) == -1)
		rcode = EXIT_TROUBLE;
	buf_free(b);
	return rcode;
}

/* `ticklist rules`: the effective rules for a directory, or a shipped
 * ruleset's YAML with --show. */
static int
run_rules(struct opts *o, int argc, char *argv[])
{
	struct rules_ctx *rc;
	const struct rules *rs;
	struct buf b = {0};
	char *dir = NULL;
	int rcode = EXIT_CLEAN;

	if (o->c.show != NULL) {
		if (rules_show(o->c.show, &b) == -1)
			rcode = EXIT_TROUBLE;
	} else {
		if (argc > 1) {
			diag_error(NULL, 0, 0, "rules takes at most one DIR");
			return EXIT_TROUBLE;
		}
		if ((rc = rules_ctx_new(&o->c.ropts)) == NULL)
			return EXIT_TROUBLE;
		if (argc == 1) {
			/* Discovery starts from a file's directory: a
			 * name in DIR (not DIR/., which is DIR itself). */
			size_t k = strlen(argv[0]);

			dir = xmalloc(k + 3);
			memcpy(dir, argv[0], k);
			memcpy(dir + k, "/_", 3);
		}
		if ((rs = rules_for_file(rc, dir ? dir : "-")) == NULL)
			rcode = EXIT_TROUBLE;
		else
			o->fmt->rules(&b, rs);
		free(dir);
		rules_ctx_free(rc);
	}
	return write_result(o, &b, rcode);
}

/* `ticklist explain RULE`: what a rule or kind checks, from the kind
 * table, with the effective rules of the current directory; --man
 * prints every kind for ticklist(5). */
static int
run_explain(struct opts *o, int argc, char *argv[])
{
	struct rules_ctx *rc;
	const struct rules *rs;
	struct buf b = {0};
	int rcode = EXIT_CLEAN;

	if (o->c.man) {
		fix_explain_man(&b);
	} else {
		if (argc != 1) {
			diag_error(NULL, 0, 0, "explain takes one RULE (a rule "
			    "id or a kind); try 'ticklist rules'");
			return EXIT_TROUBLE;
		}
		if ((rc = rules_ctx_new(&o->c.ropts)) == NULL)
			return EXIT_TROUBLE;
		rs = rules_for_file(rc, o->c.stdin_name ? o->c.stdin_name : "-");
		if (rs == NULL || fix_explain(rs, argv[0], &b) == -1)
			rcode = EXIT_TROUBLE;
		rules_ctx_free(rc);
	}
	return write_result(o, &b, rcode);
}

/* `ticklist lint --print-config FILE`: the effective rules for FILE with
 * where each severity came from, as YAML. */
static int
run_print_config(struct opts *o, int argc)
{
	struct rules_ctx *rc;
	const struct rules *rs;
	struct buf b = {0};
	int rcode = EXIT_CLEAN;

	if (argc != 0) {
		diag_error(NULL, 0, 0, "--print-config FILE is a lint option "
		    "and takes no PATH");
		return EXIT_TROUBLE;
	}
	if ((rc = rules_ctx_new(&o->c.ropts)) == NULL)
		return EXIT_TROUBLE;
	if ((rs = rules_for_file(rc, o->c.print_config)) == NULL)
		rcode = EXIT_TROUBLE;
	else
		rules_print_config(rs, o->c.print_config, &b);
	rules_ctx_free(rc);
	return write_result(o, &b, rcode);
}

/* `ticklist lint` and `ticklist status`: the per-file loop. */
static int
run_files(struct opts *o, int argc, char *argv[])
{
	if (o->cmd == CMD_LINT)
		cliopt_color(&o->c, o->c.output);
	if (o->c.print_config != NULL)
		return run_print_config(o, argc);
	return run(o, argc, argv);
}

/* `ticklist report`: report_cmd.c. */
static int
run_report(struct opts *o, int argc, char *argv[])
{
	return report_main(&o->c, argc, argv);
}

/* `ticklist init [PATH]`: init.c. */
static int
run_init(struct opts *o, int argc, char *argv[])
{
	(void)o;
	if (argc > 1) {
		diag_error(NULL, 0, 0, "init takes one PATH; try 'ticklist "
		    "help init'");
		return EXIT_TROUBLE;
	}
	return init_run(argc == 1 ? argv[0] : NULL);
}

/* The options of each command, in the order its help lists them. */
static const struct cliopt_row lint_opts[] = {
	{ 'f', NULL, NULL, NULL },
	{ CLIOPT_FAILON, NULL, NULL, NULL },
	{ 'o', NULL, NULL, NULL },
	{ 'c', NULL, NULL, NULL },
	{ CLIOPT_NOCONFIG, NULL, NULL, NULL },
	{ 'r', NULL, NULL, NULL },
	{ 'j', NULL, NULL, NULL },
	{ CLIOPT_COLOR, NULL, NULL, NULL },
	{ 'q', NULL, NULL, NULL },
	{ CLIOPT_MAXSIZE, NULL, NULL, NULL },
	{ CLIOPT_MAXRULES, NULL, NULL, NULL },
	{ CLIOPT_FIX, NULL, NULL, NULL },
	{ CLIOPT_DIFF, NULL, NULL, NULL },
	{ CLIOPT_STDIN_NAME, NULL, NULL, NULL },
	{ CLIOPT_PRINT_CONFIG, NULL, NULL, NULL },
	{ CLIOPT_NOIGNORE, NULL, NULL, NULL },
	{ CLIOPT_SHOWFILES, NULL, NULL, NULL },
	{ CLIOPT_TODAY, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};

static const struct cliopt_row status_opts[] = {
	{ 'f', NULL, NULL, "text (default), json, or tree (a debug dump\n"
	    "of the parsed model)" },
	{ 'o', NULL, NULL, NULL },
	{ 'c', NULL, NULL, "use this config to tell checklists from\n"
	    "other files (instead of .ticklist.yml)" },
	{ CLIOPT_NOCONFIG, NULL, NULL, NULL },
	{ 'r', NULL, NULL, NULL },
	{ 'j', NULL, NULL, NULL },
	{ CLIOPT_MAXSIZE, NULL, NULL, NULL },
	{ CLIOPT_MAXRULES, NULL, NULL, NULL },
	{ CLIOPT_STDIN_NAME, NULL, NULL, NULL },
	{ CLIOPT_NOIGNORE, NULL, NULL, NULL },
	{ CLIOPT_SHOWFILES, NULL, NULL, NULL },
	{ CLIOPT_TODAY, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};

static const struct cliopt_row rules_opts[] = {
	{ 'f', NULL, NULL, "text (default) or json" },
	{ CLIOPT_SHOW, NULL, NULL, NULL },
	{ 'c', NULL, NULL, "list the rules of this config" },
	{ CLIOPT_NOCONFIG, NULL, NULL, NULL },
	{ 'r', NULL, NULL, "a shipped ruleset or rule file (repeatable)" },
	{ 'o', NULL, NULL, NULL },
	{ CLIOPT_MAXRULES, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};

static const struct cliopt_row explain_opts[] = {
	{ 'c', NULL, NULL, "the rules of this config" },
	{ CLIOPT_NOCONFIG, NULL, NULL, NULL },
	{ 'r', NULL, NULL, "a shipped ruleset or rule file (repeatable)" },
	{ 'o', NULL, NULL, NULL },
	{ CLIOPT_STDIN_NAME, NULL, NULL, "explain with the rules that apply "
	    "to PATH" },
	{ CLIOPT_MAXRULES, NULL, NULL, NULL },
	{ CLIOPT_MAN, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};

static const struct cliopt_row report_opts[] = {
	{ 'o', "DIR", "dir", "report directory (default ticklist-report)" },
	{ CLIOPT_TEMPLATES, NULL, NULL, NULL },
	{ CLIOPT_TEMPLATE, NULL, NULL, NULL },
	{ CLIOPT_SOURCE_URL, NULL, NULL, NULL },
	{ CLIOPT_BASELINE, NULL, NULL, NULL },
	{ CLIOPT_HISTORY, NULL, NULL, NULL },
	{ CLIOPT_MERGE, NULL, NULL, NULL },
	{ 'c', NULL, NULL, NULL },
	{ CLIOPT_NOCONFIG, NULL, NULL, NULL },
	{ 'r', NULL, NULL, NULL },
	{ CLIOPT_FAILON, NULL, NULL, NULL },
	{ CLIOPT_NOIGNORE, NULL, NULL, NULL },
	{ 'q', NULL, NULL, NULL },
	{ CLIOPT_MAXSIZE, NULL, NULL, NULL },
	{ CLIOPT_MAXRULES, NULL, NULL, NULL },
	{ 'j', NULL, NULL, NULL },
	{ CLIOPT_TODAY, NULL, NULL, NULL },
	{ 0, NULL, NULL, NULL }
};

static const struct cliopt_row no_opts[] = {
	{ 0, NULL, NULL, NULL }
};

/* One command of ticklist. */
struct command {
	const char		*name;
	const char		*usage;	/* its forms after "ticklist NAME ",
					   one a line */
	const char		*operands;	/* in the man page synopsis */
	const char		*about;	/* the help's description */
	const struct cliopt_row	*opts;	/* what it takes */
	const char		*view;	/* what it renders: its rows in the
					   output table (--format) */
	const char		*foot;	/* the help's last paragraphs */
	int			(*run)(struct opts *, int, char *[]);
};

/* Every command, by enum cmd. */
static const struct command commands[CMD__MAX] = {
	[CMD_LINT] = { "lint", "[options] PATH...", ".Ar path ...",
	    "Check checklists against the effective rules and print findings.\n"
	    "PATH may be a file, '-' for stdin, or a directory (searched for\n"
	    "*.md and *.markdown, hidden directories and node_modules skipped).\n",
	    lint_opts, "lint",
	    "\n"
	    "Without files: in the config, a Markdown file is a checklist when\n"
	    "it has a task item or a sign-off field; others are skipped.\n"
	    "A quoted glob ('docs/**/*.md') is expanded by ticklist.\n"
	    "\n"
	    "Exit status: 0 no finding at or above --fail-on, 1 findings,\n"
	    "2 usage, configuration or I/O error.\n", run_files },
	[CMD_STATUS] = { "status", "[options] PATH...", ".Ar path ...",
	    "Print per-checklist progress: title, checked/items, percent and a\n"
	    "bar, then each top-level section.\n",
	    status_opts, "status",
	    "\n"
	    "Exit status: 0, or 2 when an input could not be read.\n",
	    run_files },
	[CMD_RULES] = { "rules", "[options] [DIR]\n--show NAME",
	    ".Op Ar dir",
	    "List the effective rules for DIR (default: the current directory):\n"
	    "id, kind, severity, where defined (file:line) and description.\n"
	    "--show NAME prints a shipped ruleset to copy and change.\n",
	    rules_opts, "rules", NULL, run_rules },
	[CMD_EXPLAIN] = { "explain", "[options] RULE\n--man", ".Ar rule",
	    "What a rule checks, why it matters, an example finding and its fix,\n"
	    "its options and whether --fix fixes it. RULE is a rule id of the\n"
	    "effective rules (ticklist rules) or a kind.\n",
	    explain_opts, NULL, NULL, run_explain },
	[CMD_REPORT] = { "report", "[options] PATH...", ".Ar path ...",
	    "Check checklists as lint does and write an HTML report: index.html\n"
	    "(all checklists, least complete first), one page per checklist,\n"
	    "report.json, summary.md (for a CI job summary) and badge.svg.\n",
	    report_opts, "report",
	    "\n"
	    "Templates: index.html.mustache, checklist.html.mustache (one page per\n"
	    "checklist), summary.md.mustache, badge.svg.mustache and the partials\n"
	    "and layouts they name ({{>name}} and {{<name}} load name.mustache).\n"
	    "Escaping follows the file name: *.html HTML, *.json JSON, *.svg and\n"
	    "*.xml XML, *.md Markdown. SOURCE_DATE_EPOCH fixes generated_at.\n"
	    "\n"
	    "Exit status: 0 no finding at or above --fail-on, 1 findings,\n"
	    "2 usage, template, configuration or I/O error.\n", run_report },
	[CMD_INIT] = { "init", "[PATH]", ".Op Ar path",
	    "Write a commented starter .ticklist.yml in the current directory,\n"
	    "or at PATH (a file, or a directory to write .ticklist.yml in).\n"
	    "An existing file is never overwritten.\n",
	    no_opts, NULL,
	    "\n"
	    "Exit status: 0 written, 2 when the file exists or could not be\n"
	    "written.\n", run_init },
};

/* The command called s, or NULL. */
static const struct command *
cmd_find(const char *s)
{
	for (int i = 0; i < CMD__MAX; i++)
		if (strcmp(s, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/* Print each form of cmd's usage, the first after lead. */
static void
cmd_usage(FILE *f, const struct command *cmd, const char *lead)
{
	const char *u = cmd->usage, *nl;

	for (;; u = nl + 1, lead = "       ") {
		nl = strchr(u, '\n');
		fprintf(f, "%sticklist %s %.*s\n", lead, cmd->name,
		    nl ? (int)(nl - u) : (int)strlen(u), u);
		if (nl == NULL)
			break;
	}
}

/* `ticklist help`: every command's usage. */
static void
usage(FILE *f)
{
	for (int i = 0; i < CMD__MAX; i++)
		cmd_usage(f, &commands[i], i == 0 ? "usage: " : "       ");
	fputs("       ticklist help [COMMAND]\n"
	    "       ticklist --version\n", f);
}

/* `ticklist help CMD`, `CMD --help`: from the command's row. */
static void
cmd_help(FILE *f, const struct command *cmd)
{
	struct buf b = {0};

	cmd_usage(f, cmd, "usage: ");
	fputs(cmd->about, f);
	if (cmd->opts[0].code != 0) {
		fputc('\n', f);
		cliopt_help(f, cmd->opts);
	}
	if (cmd->foot != NULL)
		fputs(cmd->foot, f);
	if (cmd->view != NULL && cliopt_takes(cmd->opts, 'f')) {
		out_format_names(&b, cmd->view, "|", "|");
		fprintf(f, "Formats: %s\n", buf_cstr(&b));
		buf_free(&b);
	}
}

/* `ticklist help --man`: the SYNOPSIS of ticklist(1), from the same
 * rows. */
static void
man_synopsis(FILE *f)
{
	for (int i = 0; i < CMD__MAX; i++) {
		fprintf(f, ".Nm\n.Cm %s\n", commands[i].name);
		cliopt_man(f, commands[i].opts);
		fprintf(f, "%s\n", commands[i].operands);
	}
	fputs(".Nm\n.Cm help\n.Op Ar command\n.Nm\n.Fl \\-version\n", f);
}

/* rc, or 2 after a diag_error if what went to stdout was not all
 * written (help or --version into /dev/full or a closed pipe). */
static int
stdout_done(int rc)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		diag_error("<stdout>", 0, 0, "write failed: %s",
		    strerror(errno));
		return EXIT_TROUBLE;
	}
	return rc;
}

/* `ticklist help [COMMAND | --man]`. */
static int
print_help(const char *name)
{
	const struct command *cmd;

	if (name == NULL) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(name, "--man") == 0) {
		man_synopsis(stdout);
		return EXIT_CLEAN;
	}
	if ((cmd = cmd_find(name)) == NULL) {
		diag_error(NULL, 0, 0, "no such command: %s", name);
		return EXIT_TROUBLE;
	}
	cmd_help(stdout, cmd);
	return EXIT_CLEAN;
}

int
main(int argc, char *argv[])
{
	const struct command *cmd;
	struct opts o;
	struct ctx cx;		/* the run's context (ctx.h) */
	int first, rc;

	ctx_open(&cx);
	/* A closed pipe is a write error we report, not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0
	    || strcmp(argv[1], "version") == 0) {
		printf("ticklist %s (%s%s%slibcmark %s)\n",
		    TICKLIST_BUILD_VERSION, *TICKLIST_COMMIT ? "commit " : "",
		    TICKLIST_COMMIT, *TICKLIST_COMMIT ? ", " : "",
		    doc_cmark_version());
		return stdout_done(EXIT_CLEAN);
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return stdout_done(print_help(NULL));
	if (strcmp(argv[1], "help") == 0)
		return stdout_done(print_help(argc > 2 ? argv[2] : NULL));
	if ((cmd = cmd_find(argv[1])) == NULL) {
		diag_error(NULL, 0, 0, "unknown command '%s'", argv[1]);
		usage(stderr);
		return EXIT_TROUBLE;
	}
	/* One reading of SOURCE_DATE_EPOCH, one error for every command
	 * that shows a date (init writes none). */
	if (cmd != &commands[CMD_INIT] && when_init() == -1)
		return EXIT_TROUBLE;
	memset(&o, 0, sizeof(o));
	o.cmd = (enum cmd)(cmd - commands);
	o.name = cmd->name;
	cliopt_init(&o.c);
	first = cliopt_parse(&o.c, cmd->name, cmd->opts, argc - 1, argv + 1);
	if (first == -2) {
		cliopt_free(&o.c);
		cmd_help(stdout, cmd);
		return stdout_done(EXIT_CLEAN);
	}
	/* The format is looked up once, in the output table. */
	if (first == -1 || (cmd->view != NULL && cliopt_takes(cmd->opts, 'f') &&
	    (o.fmt = out_format(cmd->view, o.c.format ? o.c.format :
	    out_format_at(cmd->view, 0)->name)) == NULL)) {
		if (first == -1)
			fprintf(stderr, "try 'ticklist help %s'\n", cmd->name);
		cliopt_free(&o.c);
		return EXIT_TROUBLE;
	}
	rc = cmd->run(&o, argc - 1 - first, argv + 1 + first);
	cliopt_free(&o.c);
	return rc;
}
