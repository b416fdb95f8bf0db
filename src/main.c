/* main.c: steering. The only module that knows the whole pipeline:
 * options -> files -> read -> parse -> check -> render -> write, per file,
 * on a pool of worker threads whose results are written in input order. */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "diag.h"
#include "doc.h"
#include "files.h"
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
#include "value.h"
#include "xalloc.h"

enum cmd {
	CMD_LINT,
	CMD_STATUS,
	CMD_RULES,
	CMD__MAX
};

struct opts {
	enum cmd		 cmd;
	const char		*format;
	const char		*output;
	enum sev		 fail_on;	/* SEV_OFF: never */
	int			 jobs;
	int			 color;
	int			 quiet;
	size_t			 max_size;
	const char		*show;		/* rules --show NAME */
	struct rules_opts	 ropts;
};

/* One input file's work, done by a worker, written by the main thread. */
struct job {
	const char		*path;
	const struct rules	*rules;
	int			 error;		/* could not be read */
	struct findings		 fs;
	struct buf		 out;		/* rendered by the worker */
	struct buf		 err;		/* its tool diagnostics */
	int			 done;
};

struct pool {
	struct job		*jobs;
	size_t			 n, next;
	size_t			 written;	/* jobs the main thread wrote */
	size_t			 ahead;		/* how far past that a job
						   may start */
	const struct opts	*o;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
};

static _Thread_local struct buf *tls_err;

/* Tool diagnostics of a worker go to its job, to be printed in order. */
static void
main_err_sink(const char *line, void *arg)
{
	if (tls_err != NULL)
		buf_puts(tls_err, line);
	else {
		fputs(line, stderr);
		fflush(stderr);
	}
}

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
	double pc = counts_percent(c);
	int fill = pc < 0 ? 0 : (int)(pc / 5 + 0.5);

	buf_printf(b, "%s (%s)\n", cl->title, cl->file);
	if (pc < 0)
		buf_printf(b, "  no task items");
	else
		buf_printf(b, "  %u/%u checked  %5.1f%%  [%.*s%.*s]", c->checked,
		    c->items, pc, fill, bar, 20 - fill, dots);
	if (c->na)
		buf_printf(b, "  %u n/a", c->na);
	buf_putc(b, '\n');
	for (size_t i = 0; i < cl->nsections; i++) {
		const struct section *s = &cl->sections[i];
		int top = s->parent < 0 ? (int)i != cl->title_section :
		    s->parent == cl->title_section;
		if (!top || s->total.items + s->total.na == 0)
			continue;
		pc = counts_percent(&s->total);
		fill = pc < 0 ? 0 : (int)(pc / 10 + 0.5);
		buf_puts(b, "  ");
		pad_title(b, s->title, 36);
		buf_printf(b, " %4u/%-4u %5.1f%%  [%.*s%.*s]\n",
		    s->total.checked, s->total.items, pc < 0 ? 0 : pc,
		    fill, bar, 10 - fill, dots);
	}
}

/* The per-file pipeline: read, parse, check, render into the job. */
static void
run_job(struct job *j, const struct opts *o, struct check_ctx *cc)
{
	struct checklist *cl;

	cl = pipeline_file(j->path, o->max_size, o->cmd == CMD_LINT ?
	    j->rules : NULL, cc, &j->fs);
	if (cl == NULL) {
		j->error = 1;
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

/* Take the next job not yet taken and run it; 0 when none is left. A
 * job starts at most p->ahead past the last one written, so that a slow
 * writer does not make finished results pile up in memory: a worker waits
 * (wait 1), the main thread returns 0 to go and write (wait 0). */
static int
pool_take(struct pool *p, struct check_ctx *cc, int wait)
{
	size_t i;

	pthread_mutex_lock(&p->mu);
	while (p->next < p->n && p->next >= p->written + p->ahead) {
		if (!wait) {
			pthread_mutex_unlock(&p->mu);
			return 0;
		}
		pthread_cond_wait(&p->cv, &p->mu);
	}
	i = p->next < p->n ? p->next++ : p->n;
	pthread_mutex_unlock(&p->mu);
	if (i >= p->n)
		return 0;
	if (p->jobs[i].done)
		return 1;	/* its rules failed to load */
	tls_err = &p->jobs[i].err;
	run_job(&p->jobs[i], p->o, cc);
	tls_err = NULL;
	pthread_mutex_lock(&p->mu);
	p->jobs[i].done = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return 1;
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	struct check_ctx *cc = check_ctx_new();

	while (pool_take(p, cc, 1))
		;
	check_ctx_free(cc);
	return NULL;
}

static int
cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: ticklist lint [--format %s] [--fail-on LEVEL] [options] "
	    "PATH...\n"
	    "       ticklist status [--format text|json] PATH...\n"
	    "       ticklist rules [--format text|json] [--show NAME] [DIR]\n"
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
	"      --max-file-size N  refuse larger inputs (default 64M)\n"
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
};

static const char *const cmd_names[CMD__MAX] = { "lint", "status",
    "rules" };

static int
cmd_parse(const char *s)
{
	for (int i = 0; i < CMD__MAX; i++)
		if (strcmp(s, cmd_names[i]) == 0)
			return i;
	return -1;
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

/* Parse "64M", "512k", "1G" or bytes. */
static int
parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	if (*end != '\0')
		return -1;
	*out = (size_t)v;
	return 0;
}

static int
parse_opts(int argc, char *argv[], struct opts *o)
{
	enum { O_FAILON = 256, O_NOCONFIG, O_COLOR, O_MAXSIZE, O_SHOW };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "fail-on", required_argument, NULL, O_FAILON },
		{ "config", required_argument, NULL, 'c' },
		{ "no-config", no_argument, NULL, O_NOCONFIG },
		{ "rules", required_argument, NULL, 'r' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "color", required_argument, NULL, O_COLOR },
		{ "colour", required_argument, NULL, O_COLOR },
		{ "quiet", no_argument, NULL, 'q' },
		{ "max-file-size", required_argument, NULL, O_MAXSIZE },
		{ "show", required_argument, NULL, O_SHOW },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, color = -1;
	size_t cap = 0;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:o:c:r:j:qh", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			o->format = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case O_FAILON:
			if (strcmp(optarg, "never") == 0)
				o->fail_on = SEV_OFF;
			else if ((c = sev_parse(optarg)) > SEV_OFF)
				o->fail_on = (enum sev)c;
			else {
				diag_error(NULL, 0, 0, "--fail-on: expected "
				    "error, warning, info or never, not '%s'",
				    optarg);
				return -1;
			}
			break;
		case 'c':
			o->ropts.config = optarg;
			break;
		case O_NOCONFIG:
			o->ropts.no_config = 1;
			break;
		case 'r':
			o->ropts.rulesets = xgrow(o->ropts.rulesets, &cap,
			    o->ropts.nrulesets + 1, sizeof(char *));
			o->ropts.rulesets[o->ropts.nrulesets++] = optarg;
			break;
		case 'j':
			o->jobs = atoi(optarg);
			if (o->jobs < 1 || o->jobs > 256) {
				diag_error(NULL, 0, 0, "--jobs: expected 1 to "
				    "256, not '%s'", optarg);
				return -1;
			}
			break;
		case O_COLOR:
			if (strcmp(optarg, "always") == 0)
				color = 1;
			else if (strcmp(optarg, "never") == 0)
				color = 0;
			else if (strcmp(optarg, "auto") == 0)
				color = -1;
			else {
				diag_error(NULL, 0, 0, "--color: expected "
				    "auto, always or never, not '%s'", optarg);
				return -1;
			}
			break;
		case 'q':
			o->quiet = 1;
			break;
		case O_MAXSIZE:
			if (parse_size(optarg, &o->max_size) == -1) {
				diag_error(NULL, 0, 0, "--max-file-size: bad "
				    "size '%s'", optarg);
				return -1;
			}
			break;
		case O_SHOW:
			o->show = optarg;
			break;
		case 'h':
			print_help(cmd_names[o->cmd]);
			exit(EXIT_CLEAN);
		case ':':
			diag_error(NULL, 0, 0, "option %s needs an argument",
			    argv[optind - 1]);
			return -1;
		default:
			diag_error(NULL, 0, 0, "unknown option: %s",
			    argv[optind - 1]);
			return -1;
		}
	}
	if (color < 0)
		color = o->output == NULL && isatty(STDOUT_FILENO) &&
		    getenv("NO_COLOR") == NULL;
	o->color = color;
	return 0;
}

/* Print the lint summary line on stderr. */
static void
lint_summary(const unsigned *tally, size_t nfiles)
{
	fprintf(stderr, "%u error%s, %u warning%s, %u info%s in %zu file%s\n",
	    tally[SEV_ERROR], tally[SEV_ERROR] == 1 ? "" : "s",
	    tally[SEV_WARNING], tally[SEV_WARNING] == 1 ? "" : "s",
	    tally[SEV_INFO], tally[SEV_INFO] == 1 ? "" : "s",
	    nfiles, nfiles == 1 ? "" : "s");
}

/* Output to stdout is written in chunks of about this size. */
#define STREAM_CHUNK	(16u * 1024u)

/* Below this much input, regexes are not JIT-compiled: compiling costs
 * more than it saves (a pre-commit hook's few files). */
#define JIT_MIN_BYTES	(128u * 1024u)

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

static int
run(struct opts *o, int argc, char *argv[])
{
	const struct out_backend *be = NULL;
	struct filelist fl = {0};
	struct rules_ctx *rc = NULL;
	struct out_run orun = {0};
	struct pool p;
	struct check_ctx *cc;
	struct buf ob = {0};
	pthread_t *th = NULL;
	unsigned tally[SEV__MAX] = {0};
	size_t nread = 0, i;
	int nth, rcode = EXIT_CLEAN, first = 1;
	int tostdout = o->output == NULL || strcmp(o->output, "-") == 0;
	int stream = tostdout;	/* until a write fails */

	if (o->cmd == CMD_LINT) {
		if ((be = out_find(o->format)) == NULL) {
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
	if (argc == 0) {
		diag_error(NULL, 0, 0, "no PATH given; try 'ticklist help %s'",
		    cmd_names[o->cmd]);
		return EXIT_TROUBLE;
	}
	for (int k = 0; k < argc; k++)
		files_add(&fl, argv[k]);
	if (o->cmd == CMD_LINT)
		match_set_jit(input_bytes(&fl, JIT_MIN_BYTES) >= JIT_MIN_BYTES);
	if (o->cmd == CMD_LINT && (rc = rules_ctx_new(&o->ropts)) == NULL) {
		files_free(&fl);
		return EXIT_TROUBLE;
	}

	memset(&p, 0, sizeof(p));
	p.jobs = xcalloc(fl.n ? fl.n : 1, sizeof(*p.jobs));
	p.n = fl.n;
	p.o = o;
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	for (i = 0; i < fl.n; i++) {
		p.jobs[i].path = fl.v[i];
		/* Rules are resolved here, in order: discovery is cached and
		 * its errors print before any output. */
		if (rc != NULL && (p.jobs[i].rules = rules_for_file(rc,
		    fl.v[i])) == NULL) {
			p.jobs[i].error = 1;
			p.jobs[i].done = 1;
		}
	}
	nth = o->jobs > 0 ? o->jobs : cpu_count();
	if ((size_t)nth > fl.n)
		nth = fl.n ? (int)fl.n : 1;
	p.ahead = 4 * (size_t)nth;
	/* The main thread is one of the nth workers: it runs jobs while the
	 * next one to write is not done, so -j 1 starts no thread. */
	th = xcalloc((size_t)nth, sizeof(*th));
	diag_set_sink(main_err_sink, NULL);
	for (int t = 1; t < nth; t++)
		pthread_create(&th[t], NULL, worker, &p);
	cc = check_ctx_new();

	orun.rules = rc;
	orun.color = o->color;
	if (be && be->begin)
		be->begin(&ob, &orun);
	if (o->cmd == CMD_STATUS && strcmp(o->format, "json") == 0)
		buf_puts(&ob, "{\"version\": 1,\n \"checklists\": [");
	for (i = 0; i < fl.n; i++) {
		struct job *j = &p.jobs[i];
		int done;
		do {
			pthread_mutex_lock(&p.mu);
			done = j->done;
			pthread_mutex_unlock(&p.mu);
		} while (!done && pool_take(&p, cc, 0));
		pthread_mutex_lock(&p.mu);
		while (!j->done)
			pthread_cond_wait(&p.cv, &p.mu);
		pthread_mutex_unlock(&p.mu);
		if (j->err.len)
			fputs(j->err.data, stderr);
		if (j->error) {
			rcode = EXIT_TROUBLE;
		} else {
			nread++;
			if (o->cmd == CMD_LINT) {
				struct out_file of = { j->path, &j->fs, 0 };
				findings_tally(&j->fs, tally);
				be->file(&ob, &orun, &of, first);
			} else {
				if (strcmp(o->format, "json") == 0)
					buf_puts(&ob, first ? "\n  " : ",\n  ");
				else if (!first)
					buf_putc(&ob, '\n');
				buf_put(&ob, j->out.data ? j->out.data : "",
				    j->out.len);
			}
			first = 0;
		}
		findings_clear(&j->fs);
		buf_free(&j->out);
		buf_free(&j->err);
		pthread_mutex_lock(&p.mu);
		p.written = i + 1;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
		/* Standard output is written as it comes (backends only
		 * append), so memory does not grow with the output; a file
		 * named by -o is replaced once, at the end. */
		if (stream && ob.len >= STREAM_CHUNK) {
			if (output_write(NULL, ob.data, ob.len) == -1) {
				rcode = EXIT_TROUBLE;
				stream = 0;
			}
			buf_reset(&ob);
		}
	}
	for (int t = 1; t < nth; t++)
		pthread_join(th[t], NULL);
	check_ctx_free(cc);
	diag_set_sink(NULL, NULL);
	if (be && be->end)
		be->end(&ob, &orun, tally, nread);
	if (o->cmd == CMD_STATUS && strcmp(o->format, "json") == 0)
		buf_puts(&ob, first ? "]}\n" : "\n ]}\n");
	if ((stream || !tostdout) &&
	    output_write(o->output, ob.data ? ob.data : "", ob.len) == -1)
		rcode = EXIT_TROUBLE;
	if (o->cmd == CMD_LINT && !o->quiet)
		lint_summary(tally, nread);
	if (diag_errors() > 0)
		rcode = EXIT_TROUBLE;
	if (rcode == EXIT_CLEAN && o->cmd == CMD_LINT && o->fail_on != SEV_OFF)
		for (int s = o->fail_on; s < SEV__MAX; s++)
			if (tally[s] > 0)
				rcode = EXIT_FINDINGS;
	buf_free(&ob);
	free(th);
	free(p.jobs);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
	rules_ctx_free(rc);
	files_free(&fl);
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
		if ((rc = rules_ctx_new(&o->ropts)) == NULL)
			return EXIT_TROUBLE;
		if (argc == 1) {
			/* Discovery starts from a file's directory. */
			dir = xmalloc(strlen(argv[0]) + 3);
			sprintf(dir, "%s/.", argv[0]);
		}
		if ((rs = rules_for_file(rc, dir ? dir : "-")) == NULL)
			rcode = EXIT_TROUBLE;
		else
			rules_list(rs, json, &b);
		free(dir);
		rules_ctx_free(rc);
	}
	if (rcode == EXIT_CLEAN && output_write(o->output, b.data ? b.data :
	    "", b.len) == -1)
		rcode = EXIT_TROUBLE;
	buf_free(&b);
	return rcode;
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
		printf("ticklist %s (libcmark %s)\n", TICKLIST_VERSION,
		    doc_cmark_version());
		return EXIT_CLEAN;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return print_help(NULL);
	if (strcmp(argv[1], "help") == 0 && argc > 2 &&
	    strcmp(argv[2], "init") == 0) {
		init_help(stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(argv[1], "help") == 0)
		return print_help(argc > 2 ? argv[2] : NULL);
	if (strcmp(argv[1], "init") == 0)
		return init_main(argc - 1, argv + 1);
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
	o.fail_on = SEV_ERROR;
	o.max_size = (size_t)64 << 20;
	if (parse_opts(argc - 1, argv + 1, &o) == -1) {
		fprintf(stderr, "try 'ticklist help %s'\n", cmd_names[o.cmd]);
		return EXIT_TROUBLE;
	}
	if (o.cmd == CMD_RULES)
		rc = run_rules(&o, argc - 1 - optind, argv + 1 + optind);
	else
		rc = run(&o, argc - 1 - optind, argv + 1 + optind);
	free(o.ropts.rulesets);
	return rc;
}
