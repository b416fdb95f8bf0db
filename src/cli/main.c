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
#include "pool.h"
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
	CMD__MAX
};

struct opts {
	enum cmd		 cmd;
	const char		*format;
	const char		*output;
	const char		*show;		/* rules --show NAME */
	int			 fix;		/* lint --fix */
	int			 diff;		/* lint --diff */
	int			 man;		/* explain --man */
	const char		*stdin_name;	/* --stdin-filename PATH */
	const char		*print_config;	/* lint --print-config FILE */
	int			 no_ignore;	/* --no-ignore */
	int			 show_files;	/* --show-files */
	struct cliopt		 c;		/* the shared options */
};

/* One input file's work, done by a worker, written by the main thread. */
struct job {
	const char		*path;
	const char		*name;		/* reported; --stdin-filename */
	struct fix_result	 fx;		/* --fix, --diff */
	const struct rules	*rules;
	struct pipeline_sel	*sel;		/* NULL: no selection (tree) */
	int			 error;		/* could not be read */
	struct findings		 fs;
	struct buf		 out;		/* rendered by the worker */
};

/* What a run shares between the workers and the in-order writer. */
struct run_state {
	const struct opts		*o;
	struct job			*jobs;
	const struct out_backend	*be;
	struct out_run			 orun;
	struct buf			 ob;
	unsigned			 tally[SEV__MAX];
	size_t				 nread;
	size_t				 nskipped;	/* not checklists */
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
 * more than it saves (a pre-commit hook's few files). */
#define JIT_MIN_BYTES	(128u * 1024u)

/* Print s in exactly width code points: cut at a character boundary with
 * an ellipsis, or padded with spaces. */
static void
pad_title(struct buf *b, const char *s, size_t width)
{
	size_t n = strlen(s), i = 0, cp = 0;

	while (i < n && cp < width) {
		size_t len = utf8_valid_len(s + i, n - i);
		if (cp == width - 1 && utf8_count(s + i, n - i) > 1)
			break;
		i += len ? len : 1;
		cp++;
	}
	buf_put(b, s, i);
	if (i < n) {
		buf_puts(b, "\xe2\x80\xa6");	/* … */
		cp++;
	}
	for (; cp < width; cp++)
		buf_putc(b, ' ');
}

static void
status_text(struct buf *b, const struct checklist *cl)
{
	static const char bar[] = "####################";
	static const char dots[] = "--------------------";
	const struct counts *c = &cl->total;
	int pm = verdict_permille(c);
	struct verdict v;
	int fill = pm < 0 ? 0 : pm / 50;
	char pt[8];
	struct buf t = {0};

	/* Titles and names come from files: escaped for the terminal. */
	esc_term_start(b, cl->title, strlen(cl->title));
	buf_puts(b, " (");
	esc_term(b, cl->file, strlen(cl->file));
	buf_puts(b, ")\n");
	verdict_percent_text(pt, pm);
	if (pm < 0)
		buf_printf(b, "  no task items");
	else
		buf_printf(b, "  %u/%u checked  %6s  [%.*s%.*s]", c->checked,
		    c->items, pt, fill, bar, 20 - fill, dots);
	if (c->na)
		buf_printf(b, "  %u n/a", c->na);
	buf_putc(b, '\n');
	verdict_make(&v, cl, NULL, SEV_ERROR);
	if (v.signoff.state != SIGNOFF_NONE)
		buf_printf(b, "  sign-off: %s, %u of %u signed\n",
		    verdict_signoff_labels[v.signoff.state], v.signoff.signed_n,
		    v.signoff.required);
	verdict_free(&v);
	for (size_t i = 0; i < cl->nsections; i++) {
		const struct section *s = &cl->sections[i];
		int top = s->parent < 0 ? (int)i != cl->title_section :
		    s->parent == cl->title_section;
		if (!top || s->total.items + s->total.na == 0)
			continue;
		pm = verdict_permille(&s->total);
		fill = pm < 0 ? 0 : pm / 100;
		verdict_percent_text(pt, pm < 0 ? 0 : pm);
		buf_puts(b, "  ");
		buf_reset(&t);
		esc_term_start(&t, s->title, strlen(s->title));
		pad_title(b, buf_cstr(&t), 36);
		buf_printf(b, " %4u/%-4u %6s  [%.*s%.*s]\n",
		    s->total.checked, s->total.items, pt,
		    fill, bar, 10 - fill, dots);
	}
	buf_free(&t);
}

/* The per-file pipeline on a worker: read, parse, check, render. */
static void
run_work(size_t i, struct check_ctx *cc, void *arg)
{
	struct run_state *rs = arg;
	const struct opts *o = rs->o;
	struct job *j = &rs->jobs[i];
	struct checklist *cl;

	if (j->error)
		return;		/* its rules failed to load */
	if ((o->fix || o->diff) && j->sel != NULL &&
	    strcmp(j->path, "-") != 0) {
		/* A file is fixed only when it is a checklist, with the
		 * set its front matter may name. */
		j->sel->judge_only = 1;
		cl = pipeline_checklist(j->path, o->c.max_size, j->sel, cc,
		    &j->fs);
		if (cl != NULL && !j->sel->skipped) {
			checklist_free(cl);
			cl = fix_file(j->path, j->name, o->c.max_size,
			    j->sel->used, cc, &j->fs, o->diff, &j->fx);
		}
	} else if (o->fix || o->diff)
		/* stdin is read once: fixed with its config's set. */
		cl = fix_file(j->path, j->name, o->c.max_size, j->rules, cc,
		    &j->fs, o->diff, &j->fx);
	else if (j->sel != NULL) {
		j->sel->judge_only = o->cmd != CMD_LINT;
		cl = pipeline_checklist(j->path, o->c.max_size, j->sel, cc,
		    &j->fs);
	} else
		cl = pipeline_file_as(j->path, j->name, o->c.max_size,
		    o->cmd == CMD_LINT ? j->rules : NULL, cc, &j->fs);
	if (cl == NULL) {
		j->error = 1;
		return;
	}
	if (j->sel != NULL && j->sel->skipped) {
		checklist_free(cl);
		return;
	}
	if (o->cmd == CMD_LINT) {
		/* the findings are in j->fs */
	} else if (strcmp(o->format, "tree") == 0) {
		out_tree(&j->out, cl);
	} else if (strcmp(o->format, "json") == 0) {
		struct val *v = report_status(cl);
		val_json(&j->out, v, -1);
		val_free(v);
	} else
		status_text(&j->out, cl);
	checklist_free(cl);
}

/* In input order on the main thread: append the file's output. */
static void
run_emit(size_t i, void *arg)
{
	struct run_state *rs = arg;
	const struct opts *o = rs->o;
	struct job *j = &rs->jobs[i];

	if (j->error) {
		rs->rcode = EXIT_TROUBLE;
	} else if (j->sel != NULL && j->sel->skipped) {
		rs->nskipped++;
	} else {
		rs->nread++;
		if (o->cmd == CMD_LINT && rs->fixout) {
			/* --diff, or --fix on stdin: the text only. */
			findings_tally(&j->fs, rs->tally);
			if (j->fx.diff.len > 0)
				buf_put(&rs->ob, j->fx.diff.data,
				    j->fx.diff.len);
			if (j->fx.text.len > 0)
				buf_put(&rs->ob, j->fx.text.data,
				    j->fx.text.len);
		} else if (o->cmd == CMD_LINT) {
			struct out_file of = { j->name, &j->fs, 0 };
			findings_tally(&j->fs, rs->tally);
			rs->be->file(&rs->ob, &rs->orun, &of, rs->first);
		} else {
			if (strcmp(o->format, "json") == 0)
				buf_puts(&rs->ob, rs->first ? "\n  " : ",\n  ");
			else if (!rs->first)
				buf_putc(&rs->ob, '\n');
			buf_put(&rs->ob, j->out.data ? j->out.data : "",
			    j->out.len);
		}
		rs->first = 0;
	}
	rs->nfixed += j->fx.nfixed;
	rs->nfixfiles += j->fx.nfixed > 0;
	fix_result_free(&j->fx);
	findings_clear(&j->fs);
	buf_free(&j->out);
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

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: ticklist lint [--format %s] [--fail-on LEVEL] [options] "
	    "PATH...\n"
	    "       ticklist status [--format text|json] PATH...\n"
	    "       ticklist rules [--format text|json] [--show NAME] [DIR]\n"
	    "       ticklist explain RULE\n"
	    "       ticklist init [PATH]\n"
	    "       ticklist report [-o DIR] [--templates DIR] [--template FILE] "
	    "PATH...\n"
	    "       ticklist help [COMMAND]\n"
	    "       ticklist --version\n", out_names());
}

static const char *const help_text[CMD__MAX] = {
	"usage: ticklist lint [options] PATH...\n"
	"Check checklists against the effective rules and print findings.\n"
	"PATH may be a file, '-' for stdin, or a directory (searched for\n"
	"*.md and *.markdown, hidden directories and node_modules skipped).\n"
	"\n"
	"  -f, --format FMT     output format (default text; listed below)\n"
	"      --fail-on LEVEL  exit 1 when a finding is at or above LEVEL:\n"
	"                       error (default), warning, info, never\n"
	"  -o, --output FILE    write the output to FILE (atomically)\n"
	"  -c, --config FILE    use this config instead of .ticklist.yml\n"
	"      --no-config      ignore .ticklist.yml files\n"
	"  -r, --rules NAME     use a shipped ruleset or rule file (repeatable)\n"
	"  -j, --jobs N         worker threads (default: number of CPUs)\n"
	"      --color WHEN     auto, always or never (default auto)\n"
	"  -q, --quiet          no summary line on stderr\n"
	"      --max-file-size N  refuse larger inputs (default 64M; 0: none)\n"
	"      --max-rules-size N  refuse larger rule files (default 1M)\n"
	"      --fix            repair the findings whose repair is certain\n"
	"                       (see 'ticklist explain RULE'), in place\n"
	"      --diff           print the repairs as a unified diff; change\n"
	"                       nothing\n"
	"      --stdin-filename PATH  read stdin as if it were PATH (config,\n"
	"                       overrides, reported name)\n"
	"      --print-config FILE  print the effective rules for FILE, with\n"
	"                       where each came from, as YAML\n"
	"      --no-ignore      read files .gitignore excludes\n"
	"      --show-files     print each file, checklist or not and why,\n"
	"                       and its rules; then exit\n"
	"      --today DATE     today for due, expiry and sign-off dates\n"
	"                       (YYYY-MM-DD; default SOURCE_DATE_EPOCH, else now)\n"
	"\n"
	"Without files: in the config, a Markdown file is a checklist when\n"
	"it has a task item or a sign-off field; others are skipped.\n"
	"A quoted glob ('docs/**/*.md') is expanded by ticklist.\n"
	"\n"
	"Exit status: 0 no finding at or above --fail-on, 1 findings,\n"
	"2 usage, configuration or I/O error.\n"
	"Formats:",
	"usage: ticklist status [options] PATH...\n"
	"Print per-checklist progress: title, checked/items, percent and a\n"
	"bar, then each top-level section.\n"
	"\n"
	"  -f, --format FMT     text (default), json, or tree (a debug dump\n"
	"                       of the parsed model)\n"
	"  -o, --output FILE    write the output to FILE (atomically)\n"
	"  -j, --jobs N         worker threads (default: number of CPUs)\n"
	"      --max-file-size N  refuse larger inputs (default 64M)\n"
	"\n"
	"Exit status: 0, or 2 when an input could not be read.\n",
	"usage: ticklist rules [--format text|json] [-c FILE | --no-config |\n"
	"                      -r NAME...] [DIR]\n"
	"       ticklist rules --show NAME\n"
	"List the effective rules for DIR (default: the current directory):\n"
	"id, kind, severity, where defined (file:line) and description.\n"
	"--show NAME prints a shipped ruleset to copy and change.\n"
	"\n"
	"  -f, --format FMT     text (default) or json\n"
	"      --show NAME      print a shipped ruleset (deployment, release)\n"
	"  -c, --config FILE    list the rules of this config\n"
	"      --no-config      ignore .ticklist.yml files\n"
	"  -r, --rules NAME     a shipped ruleset or rule file (repeatable)\n",
	"usage: ticklist explain [-c FILE | --no-config | -r NAME...] RULE\n"
	"What a rule checks, why it matters, an example finding and its fix,\n"
	"its options and whether --fix fixes it. RULE is a rule id of the\n"
	"effective rules (ticklist rules) or a kind.\n"
	"\n"
	"  -c, --config FILE    the rules of this config\n"
	"      --no-config      ignore .ticklist.yml files\n"
	"  -r, --rules NAME     a shipped ruleset or rule file (repeatable)\n"
	"  -o, --output FILE    write the output to FILE (atomically)\n",
};

static const char *const cmd_names[CMD__MAX] = { "lint", "status",
    "rules", "explain" };

static int
cmd_parse(const char *s)
{
	for (int i = 0; i < CMD__MAX; i++)
		if (strcmp(s, cmd_names[i]) == 0)
			return i;
	return -1;
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

static int
print_help(const char *cmd)
{
	int c;

	if (cmd == NULL) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(cmd, "report") == 0) {
		fputs(report_help(), stdout);
		return EXIT_CLEAN;
	}
	if ((c = cmd_parse(cmd)) < 0) {
		diag_error(NULL, 0, 0, "no such command: %s", cmd);
		return EXIT_TROUBLE;
	}
	fputs(help_text[c], stdout);
	if (c == CMD_LINT)
		printf(" %s\n", out_names());
	return EXIT_CLEAN;
}

static int
parse_opts(int argc, char *argv[], struct opts *o)
{
	enum { O_SHOW = CLIOPT__NEXT, O_FIX, O_DIFF, O_STDIN_NAME,
	    O_PRINT_CONFIG, O_MAN, O_NOIGNORE, O_SHOWFILES };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		CLIOPT_LONGOPTS,
		{ "show", required_argument, NULL, O_SHOW },
		{ "fix", no_argument, NULL, O_FIX },
		{ "diff", no_argument, NULL, O_DIFF },
		{ "stdin-filename", required_argument, NULL, O_STDIN_NAME },
		{ "print-config", required_argument, NULL, O_PRINT_CONFIG },
		{ "man", no_argument, NULL, O_MAN },
		{ "no-ignore", no_argument, NULL, O_NOIGNORE },
		{ "show-files", no_argument, NULL, O_SHOWFILES },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:o:h" CLIOPT_SHORT, longopts,
	    NULL)) != -1) {
		/* status prints progress: it has no findings to gate on,
		 * colour or summary line, so it refuses what it would
		 * ignore. */
		if (o->cmd == CMD_STATUS && (c == CLIOPT_FAILON ||
		    c == CLIOPT_COLOR || c == 'q')) {
			diag_error(NULL, 0, 0, "status does not take %s",
			    c == 'q' ? "-q" : c == CLIOPT_COLOR ? "--color" :
			    "--fail-on");
			return -1;
		}
		switch (cliopt_take(&o->c, c, optarg, argv[optind - 1])) {
		case 1:
			continue;
		case -1:
			return -1;
		default:
			break;
		}
		switch (c) {
		case 'f':
			o->format = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case O_SHOW:
			o->show = optarg;
			break;
		case O_FIX:
			o->fix = 1;
			break;
		case O_DIFF:
			o->diff = 1;
			break;
		case O_STDIN_NAME:
			o->stdin_name = optarg;
			break;
		case O_PRINT_CONFIG:
			o->print_config = optarg;
			break;
		case O_MAN:
			o->man = 1;
			break;
		case O_NOIGNORE:
			o->no_ignore = 1;
			break;
		case O_SHOWFILES:
			o->show_files = 1;
			break;
		case 'h':
			exit(stdout_done(print_help(cmd_names[o->cmd])));
		default:
			break;	/* ':' and '?' were cliopt_take's */
		}
	}
	cliopt_color(&o->c, o->output);
	return 0;
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

/* "3 checklists, 12 other Markdown files skipped" on stderr. */
static void
skip_summary(size_t checklists, size_t skipped)
{
	fprintf(stderr, "%zu checklist%s, %zu other Markdown file%s skipped\n",
	    checklists, checklists == 1 ? "" : "s", skipped,
	    skipped == 1 ? "" : "s");
}

/* --show-files: each file with its verdict and the rules that apply, then
 * what the walks and the config left out. */
static int
show_files(const struct opts *o, struct filelist *fl,
    struct pipeline_sel *sel)
{
	struct buf b = {0};
	int rcode = EXIT_CLEAN;

	for (size_t i = 0; i < fl->n; i++) {
		struct checklist *cl;

		if (sel[i].rules == NULL) {
			rcode = EXIT_TROUBLE;
			continue;
		}
		sel[i].judge_only = 1;
		if ((cl = pipeline_checklist(fl->v[i], o->c.max_size, &sel[i],
		    NULL, NULL)) == NULL) {
			rcode = EXIT_TROUBLE;
			continue;
		}
		if (sel[i].skipped)
			buf_printf(&b, "%s: skipped: no task item or sign-off "
			    "field\n", sel[i].name ? sel[i].name : fl->v[i]);
		else if (sel[i].verdict == RULES_SELECTED)
			buf_printf(&b, "%s: checklist (files: '%s'); rules: "
			    "%s\n", fl->v[i], sel[i].why,
			    rules_file(sel[i].used));
		else
			buf_printf(&b, "%s: checklist; rules: %s\n", fl->v[i],
			    rules_file(sel[i].used));
		checklist_free(cl);
	}
	for (size_t i = 0; i < fl->nleft; i++)
		buf_printf(&b, "%s: %s\n", fl->left[i].path, fl->left[i].why);
	if (output_write(o->output, b.data ? b.data : "", b.len) == -1)
		rcode = EXIT_TROUBLE;
	buf_free(&b);
	if (diag_errors() > 0)
		rcode = EXIT_TROUBLE;
	return rcode;
}

/* Copy stdin to --output (or stdout) unchanged; -1 after a diag_error. */
static int
fix_echo(const struct opts *o)
{
	struct input in;
	int r;

	if (read_input("-", o->c.max_size, &in) == -1)
		return -1;
	r = output_write(o->output, in.data ? in.data : "", in.len);
	read_free(&in);
	return r;
}

static int
run(struct opts *o, int argc, char *argv[])
{
	struct filelist fl = {0};
	struct rules_ctx *rc = NULL;
	struct pipeline_sel *sel = NULL;
	struct run_state rs;
	size_t i, nleft = 0;
	int tostdout, stdin_in = 0;

	memset(&rs, 0, sizeof(rs));
	rs.o = o;
	rs.first = 1;
	rs.rcode = EXIT_CLEAN;
	/* Standard output is written as it comes; a file named by -o is
	 * replaced once, at the end. */
	rs.stream = o->output == NULL || strcmp(o->output, "-") == 0;
	tostdout = rs.stream;
	if (o->cmd == CMD_LINT) {
		if ((rs.be = out_find(o->format)) == NULL) {
			diag_error(NULL, 0, 0, "unknown format '%s' (expected "
			    "%s)", o->format, out_names());
			return EXIT_TROUBLE;
		}
	} else if (strcmp(o->format, "text") != 0 &&
	    strcmp(o->format, "json") != 0 && strcmp(o->format, "tree") != 0) {
		diag_error(NULL, 0, 0, "unknown format '%s' (expected text, "
		    "json or tree)", o->format);
		return EXIT_TROUBLE;
	}
	if ((o->fix || o->diff) && o->cmd != CMD_LINT) {
		diag_error(NULL, 0, 0, "--fix and --diff are lint options");
		return EXIT_TROUBLE;
	}
	if (argc == 0 && o->stdin_name != NULL)
		files_add(&fl, "-");	/* --stdin-filename alone reads stdin */
	else if (argc == 0) {
		diag_error(NULL, 0, 0, "no PATH given; try 'ticklist help %s'",
		    cmd_names[o->cmd]);
		return EXIT_TROUBLE;
	}
	fl.no_ignore = o->no_ignore;
	fl.keep = o->show_files;
	for (int k = 0; k < argc; k++)
		files_add(&fl, argv[k]);
	if (output_check(o->output, fl.v, fl.n) == -1) {
		files_free(&fl);
		return EXIT_TROUBLE;
	}
	if (o->cmd == CMD_LINT)
		match_set_jit(input_bytes(&fl, JIT_MIN_BYTES) >= JIT_MIN_BYTES);
	/* Which files are checklists needs the configs (a bad -c is an
	 * error for status too); the tree dump shows any file as parsed. */
	if ((rc = rules_ctx_new(&o->c.ropts)) == NULL) {
		files_free(&fl);
		return EXIT_TROUBLE;
	}
	/* Rules are resolved here, in order: discovery is cached and its
	 * errors print before any output. */
	for (i = 0; i < fl.n; i++)
		stdin_in |= strcmp(fl.v[i], "-") == 0;
	if ((o->cmd == CMD_LINT || strcmp(o->format, "tree") != 0 ||
	    o->show_files) && pipeline_select(&fl, rc, o->stdin_name,
	    &sel, &nleft) == -1)
		rs.rcode = EXIT_TROUBLE;
	for (i = 0; i < fl.n; i++)
		stdin_in &= strcmp(fl.v[i], "-") != 0;
	/* --fix on a stdin that ignore: or files: leave out: the text back
	 * unchanged, so an editor's buffer is kept. */
	if (stdin_in && o->fix && !o->show_files && fix_echo(o) == -1)
		rs.rcode = EXIT_TROUBLE;
	if (o->show_files) {
		int code = show_files(o, &fl, sel);
		free(sel);
		rules_ctx_free(rc);
		files_free(&fl);
		return code != EXIT_CLEAN ? code : rs.rcode;
	}
	rs.jobs = xcalloc(fl.n ? fl.n : 1, sizeof(*rs.jobs));
	for (i = 0; i < fl.n; i++) {
		rs.jobs[i].path = fl.v[i];
		rs.jobs[i].name = strcmp(fl.v[i], "-") == 0 && o->stdin_name ?
		    o->stdin_name : fl.v[i];
		rs.fixout |= o->diff || (o->fix && strcmp(fl.v[i], "-") == 0);
		if (sel != NULL) {
			rs.jobs[i].sel = &sel[i];
			if ((rs.jobs[i].rules = sel[i].rules) == NULL)
				rs.jobs[i].error = 1;
		}
	}
	rs.orun.rules = rc;
	rs.orun.color = o->c.color;
	if (rs.be && rs.be->begin && !rs.fixout)
		rs.be->begin(&rs.ob, &rs.orun);
	if (o->cmd == CMD_STATUS && strcmp(o->format, "json") == 0)
		buf_puts(&rs.ob, "{\"version\": 1,\n \"checklists\": [");
	check_mojibake_all = o->fix || o->diff;
	pool_run(fl.n, o->c.jobs, run_work, run_emit, &rs);
	if (rs.be && rs.be->end && !rs.fixout)
		rs.be->end(&rs.ob, &rs.orun, rs.tally, rs.nread);
	if (o->cmd == CMD_STATUS && strcmp(o->format, "json") == 0)
		buf_puts(&rs.ob, rs.first ? "]}\n" : "\n ]}\n");
	if ((rs.stream || !tostdout) && output_write(o->output,
	    rs.ob.data ? rs.ob.data : "", rs.ob.len) == -1)
		rs.rcode = EXIT_TROUBLE;
	if (o->cmd == CMD_LINT && !o->c.quiet)
		lint_summary(rs.tally, rs.nread);
	if ((o->fix || o->diff) && !o->c.quiet)
		fprintf(stderr, "%s %u finding%s in %u file%s\n", o->diff ?
		    "--fix would fix" : "fixed", rs.nfixed, rs.nfixed == 1 ?
		    "" : "s", rs.nfixfiles, rs.nfixfiles == 1 ? "" : "s");
	if ((o->cmd == CMD_STATUS || !o->c.quiet) && rs.nskipped + nleft > 0)
		skip_summary(rs.nread, rs.nskipped + nleft);
	if (diag_errors() > 0)
		rs.rcode = EXIT_TROUBLE;
	if (rs.rcode == EXIT_CLEAN && o->cmd == CMD_LINT &&
	    cliopt_failed(&o->c, rs.tally))
		rs.rcode = EXIT_FINDINGS;
	buf_free(&rs.ob);
	free(rs.jobs);
	free(sel);
	rules_ctx_free(rc);
	files_free(&fl);
	return rs.rcode;
}

/* Write what a command built to --output (or stdout) unless it failed;
 * free it; the exit status. */
static int
write_result(const struct opts *o, struct buf *b, int rcode)
{
	if (rcode == EXIT_CLEAN && output_write(o->output, b->data ? b->data :
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
	int json = strcmp(o->format, "json") == 0, rcode = EXIT_CLEAN;

	if (!json && strcmp(o->format, "text") != 0) {
		diag_error(NULL, 0, 0, "unknown format '%s' (expected text or "
		    "json)", o->format);
		return EXIT_TROUBLE;
	}
	if (o->show != NULL) {
		if (rules_show(o->show, &b) == -1)
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
			dir = xmalloc(strlen(argv[0]) + 3);
			sprintf(dir, "%s/_", argv[0]);
		}
		if ((rs = rules_for_file(rc, dir ? dir : "-")) == NULL)
			rcode = EXIT_TROUBLE;
		else
			rules_list(rs, json, &b);
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

	if (o->man) {
		fix_explain_man(&b);
	} else {
		if (argc != 1) {
			diag_error(NULL, 0, 0, "explain takes one RULE (a rule "
			    "id or a kind); try 'ticklist rules'");
			return EXIT_TROUBLE;
		}
		if ((rc = rules_ctx_new(&o->c.ropts)) == NULL)
			return EXIT_TROUBLE;
		rs = rules_for_file(rc, o->stdin_name ? o->stdin_name : "-");
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

	if (o->cmd != CMD_LINT || argc != 0) {
		diag_error(NULL, 0, 0, "--print-config FILE is a lint option "
		    "and takes no PATH");
		return EXIT_TROUBLE;
	}
	if ((rc = rules_ctx_new(&o->c.ropts)) == NULL)
		return EXIT_TROUBLE;
	if ((rs = rules_for_file(rc, o->print_config)) == NULL)
		rcode = EXIT_TROUBLE;
	else
		rules_print_config(rs, o->print_config, &b);
	rules_ctx_free(rc);
	return write_result(o, &b, rcode);
}

int
main(int argc, char *argv[])
{
	struct opts o;
	int c, rc;

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
	if (strcmp(argv[1], "help") == 0 && argc > 2 &&
	    strcmp(argv[2], "init") == 0) {
		init_help(stdout);
		return stdout_done(EXIT_CLEAN);
	}
	if (strcmp(argv[1], "help") == 0)
		return stdout_done(print_help(argc > 2 ? argv[2] : NULL));
	if (strcmp(argv[1], "init") == 0)
		return init_main(argc - 1, argv + 1);
	/* One reading of SOURCE_DATE_EPOCH, one error for every command. */
	if (when_init() == -1)
		return EXIT_TROUBLE;
	if (strcmp(argv[1], "report") == 0)
		return report_main(argc - 1, argv + 1);
	if ((c = cmd_parse(argv[1])) < 0) {
		diag_error(NULL, 0, 0, "unknown command '%s'", argv[1]);
		usage(stderr);
		return EXIT_TROUBLE;
	}
	memset(&o, 0, sizeof(o));
	o.cmd = (enum cmd)c;
	o.format = "text";
	cliopt_init(&o.c);
	if (parse_opts(argc - 1, argv + 1, &o) == -1) {
		fprintf(stderr, "try 'ticklist help %s'\n", cmd_names[o.cmd]);
		return EXIT_TROUBLE;
	}
	if (o.cmd == CMD_RULES)
		rc = run_rules(&o, argc - 1 - optind, argv + 1 + optind);
	else if (o.cmd == CMD_EXPLAIN)
		rc = run_explain(&o, argc - 1 - optind, argv + 1 + optind);
	else if (o.print_config != NULL)
		rc = run_print_config(&o, argc - 1 - optind);
	else
		rc = run(&o, argc - 1 - optind, argv + 1 + optind);
	cliopt_free(&o.c);
	return rc;
}
