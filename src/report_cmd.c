/* report_cmd.c: [render] `ticklist report`. Runs read -> parse -> check on
 * every input (pipeline.c), builds the report model once (report.c) and
 * renders it through the Mustache templates: the shipped ones embedded in
 * the binary, each replaceable by a file of the same name in --templates
 * DIR. Output files are fixed names or page names made of the input path's
 * safe characters, so nothing is written outside the report directory. */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "check.h"
#include "cliopt.h"
#include "diag.h"
#include "embed.h"
#include "files.h"
#include "model.h"
#include "output.h"
#include "pipeline.h"
#include "pool.h"
#include "read.h"
#include "report.h"
#include "report_cmd.h"
#include "rules.h"
#include "template.h"
#include "ticklist.h"
#include "value.h"
#include "xalloc.h"

/* The outputs rendered from templates; report.json is written from the
 * model directly, as the pinned JSON must not depend on a template. */
static const struct {
	const char	*tmpl;		/* template file name */
	const char	*out;		/* output file name; NULL: one page per
					   checklist, named by its page */
} report_outputs[] = {
	{ "index.html.mustache",	"index.html" },
	{ "checklist.html.mustache",	NULL },
	{ "summary.md.mustache",	"summary.md" },
	{ "badge.svg.mustache",		"badge.svg" },
};
#define NOUTPUTS (sizeof(report_outputs) / sizeof(report_outputs[0]))

/* Output names a page may not take. */
static const char *const report_reserved[] = {
	"index.html", "report.json", "summary.md", "badge.svg"
};

/* Template source lookup: --templates DIR first, then the shipped set.
 * The bytes of a file read last stay in in until the next lookup. */
struct loader {
	const char	*dir;
	struct input	 in;
	int		 have_in;
	struct buf	 name;		/* name + ".mustache" */
	struct buf	 path;		/* where the source came from */
};

static const char report_help_text[] =
    "usage: ticklist report [options] PATH...\n"
    "Check checklists as lint does and write an HTML report: index.html\n"
    "(all checklists, least complete first), one page per checklist,\n"
    "report.json, summary.md (for a CI job summary) and badge.svg.\n"
    "\n"
    "  -o, --output DIR     report directory (default ticklist-report)\n"
    "      --templates DIR  templates here replace shipped ones by file name\n"
    "      --template FILE  render this one template to stdout instead\n"
    "  -c, --config FILE    use this config instead of .ticklist.yml\n"
    "      --no-config      ignore .ticklist.yml files\n"
    "  -r, --rules NAME     use a shipped ruleset or rule file (repeatable)\n"
    "      --fail-on LEVEL  exit 1 when a finding is at or above LEVEL:\n"
    "                       error (default), warning, info, never\n"
    "  -q, --quiet          no summary line on stderr\n"
    "      --max-file-size N  refuse larger inputs (default 64M)\n"
    "  -j, --jobs N         worker threads (default: the number of CPUs)\n"
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

/* A template name may be a plain file name only: letters, digits, '.',
 * '-' and '_', not starting with '.'. So a name can never leave DIR. */
static int
report_name_ok(const char *name)
{
	if (*name == '\0' || *name == '.')
		return 0;
	for (const char *p = name; *p; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && *p != '.' && *p != '-' &&
		    *p != '_')
			return 0;
	return 1;
}

/* The source of template file fname, or NULL if there is none; a bad
 * name or an unreadable override is a diag_error. */
static const char *
report_source(struct loader *ld, const char *fname, size_t *len)
{
	const struct embedded *e;
	struct stat st;

	if (ld->have_in) {
		read_free(&ld->in);
		ld->have_in = 0;
	}
	if (!report_name_ok(fname)) {
		diag_error(fname, 0, 0, "bad template name: only letters, "
		    "digits, '.', '-' and '_' are allowed");
		return NULL;
	}
	buf_reset(&ld->path);
	if (ld->dir != NULL) {
		buf_printf(&ld->path, "%s/%s", ld->dir, fname);
		if (stat(ld->path.data, &st) == 0) {
			if (read_input(ld->path.data, 0, &ld->in) == -1)
				return NULL;
			ld->have_in = 1;
			*len = ld->in.len;
			return ld->in.data;
		}
		buf_reset(&ld->path);
	}
	if ((e = embedded_find(embedded_templates, fname)) == NULL)
		return NULL;
	buf_puts(&ld->path, fname);
	*len = e->len;
	return e->data;
}

/* The engine's loader: {{>name}} and {{<name}} load name.mustache. */
static const char *
report_load(const char *name, size_t *len, void *arg)
{
	struct loader *ld = arg;

	buf_reset(&ld->name);
	buf_printf(&ld->name, "%s.mustache", name);
	return report_source(ld, ld->name.data, len);
}

/* Compile template file fname; NULL after diag_error()s. */
static struct template *
report_compile(struct template_set *set, struct loader *ld,
    const char *fname)
{
	const char *src;
	size_t len;
	char *name;
	struct template *t;

	if ((src = report_source(ld, fname, &len)) == NULL) {
		if (diag_errors() == 0)
			diag_error(fname, 0, 0, "no such template");
		return NULL;
	}
	/* The source stays valid: compile copies before loading partials. */
	name = xstrdup(ld->path.data);
	t = template_compile(set, name, src, len);
	free(name);
	return t;
}

/* Create dir and its parents, as mkdir -p. */
static int
report_mkdir(const char *dir)
{
	char *p = xstrdup(dir), *s;
	struct stat st;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) == -1 && errno != EEXIST) {
			diag_error(p, 0, 0, "cannot create directory: %s",
			    strerror(errno));
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (rc == 0 && (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode))) {
		diag_error(dir, 0, 0, "not a directory");
		rc = -1;
	}
	free(p);
	return rc;
}

/* Render t against ctx and write it to dir/name atomically. */
static int
report_emit(const char *dir, const char *name, const struct template *t,
    const char *tname, const struct val *ctx)
{
	struct buf out = {0}, path = {0};
	int rc;

	rc = template_render(t, ctx, template_esc_for_name(tname), &out);
	if (rc == 0) {
		buf_printf(&path, "%s/%s", dir, name);
		rc = output_write(path.data, out.data ? out.data : "",
		    out.len);
	}
	buf_free(&out);
	buf_free(&path);
	return rc;
}

int
report_write(const struct report_opts *o, const struct report_input *in,
    size_t n)
{
	struct loader ld = { o->templates, { NULL, 0 }, 0, {0}, {0} };
	struct template_set *set = template_set_new(report_load, &ld);
	struct template *t[NOUTPUTS];
	struct val *model = NULL, *json;
	struct buf jb = {0}, path = {0};
	size_t i, k;
	unsigned errs = diag_errors();
	int rc = 0;

	/* Every template compiles before anything is written; a bad
	 * partial name is an error even though the engine renders it as
	 * empty. */
	for (k = 0; k < NOUTPUTS; k++)
		if ((t[k] = report_compile(set, &ld, report_outputs[k].tmpl))
		    == NULL)
			rc = -1;
	if (rc == -1 || diag_errors() > errs || report_mkdir(o->dir) == -1) {
		rc = -1;
		goto out;
	}
	model = report_model(in, n, o->generated_at);
	for (k = 0; k < NOUTPUTS && rc == 0; k++) {
		if (report_outputs[k].out != NULL) {
			rc = report_emit(o->dir, report_outputs[k].out, t[k],
			    report_outputs[k].tmpl, model);
			continue;
		}
		for (i = 0; i < n && rc == 0; i++) {
			struct val *page = report_page(in, n, i,
			    o->generated_at);
			rc = report_emit(o->dir, in[i].page, t[k],
			    report_outputs[k].tmpl, page);
			val_free(page);
		}
	}
	if (rc == 0) {
		json = report_json(in, n, o->generated_at);
		val_json(&jb, json, 2);
		buf_putc(&jb, '\n');
		val_free(json);
		buf_printf(&path, "%s/report.json", o->dir);
		rc = output_write(path.data, jb.data, jb.len);
	}
out:
	val_free(model);
	buf_free(&jb);
	buf_free(&path);
	template_set_free(set);
	if (ld.have_in)
		read_free(&ld.in);
	buf_free(&ld.name);
	buf_free(&ld.path);
	return rc;
}

/* Render the user template file to stdout against the template model. */
static int
report_one(const struct report_opts *o, const char *file,
    const struct report_input *in, size_t n)
{
	struct loader ld = { o->templates, { NULL, 0 }, 0, {0}, {0} };
	struct template_set *set = template_set_new(report_load, &ld);
	struct input src;
	struct template *t = NULL;
	struct val *model;
	struct buf out = {0};
	const char *base = strrchr(file, '/');
	unsigned errs;
	int rc = -1;

	if (read_input(file, 0, &src) == -1)
		goto out;
	errs = diag_errors();
	t = template_compile(set, file, src.data, src.len);
	read_free(&src);
	if (t == NULL || diag_errors() > errs)
		goto out;
	model = report_model(in, n, o->generated_at);
	if (template_render(t, model, template_esc_for_name(base ? base + 1 :
	    file), &out) == 0)
		rc = output_write(NULL, out.data ? out.data : "", out.len);
	val_free(model);
out:
	buf_free(&out);
	template_set_free(set);
	if (ld.have_in)
		read_free(&ld.in);
	buf_free(&ld.name);
	buf_free(&ld.path);
	return rc;
}

char *
report_page_name(const char *path, char *const *names, size_t n)
{
	struct buf b = {0}, u = {0};
	const char *p = path, *end;
	size_t len, i;
	int taken, suffix = 1;

	/* Leading "/", "./" and "../" say nothing about the checklist. */
	for (;;) {
		if (*p == '/')
			p++;
		else if (strncmp(p, "./", 2) == 0)
			p += 2;
		else if (strncmp(p, "../", 3) == 0)
			p += 3;
		else
			break;
	}
	len = strlen(p);
	end = p + len;
	if (len > 3 && strcasecmp(end - 3, ".md") == 0)
		end -= 3;
	else if (len > 9 && strcasecmp(end - 9, ".markdown") == 0)
		end -= 9;
	for (; p < end; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    (c == '.' && b.len > 0))
			buf_putc(&b, c);
		else if (c == '/')
			buf_putc(&b, '_');
		else
			buf_putc(&b, '-');
	}
	if (b.len == 0 || strcmp(path, "-") == 0) {
		buf_reset(&b);
		buf_puts(&b, strcmp(path, "-") == 0 ? "stdin" : "checklist");
	}
	for (;;) {
		buf_reset(&u);
		buf_puts(&u, buf_cstr(&b));
		if (suffix > 1)
			buf_printf(&u, "-%d", suffix);
		buf_puts(&u, ".html");
		taken = 0;
		for (i = 0; i < n && !taken; i++)
			taken = strcasecmp(names[i], u.data) == 0;
		for (i = 0; i < sizeof(report_reserved) /
		    sizeof(report_reserved[0]) && !taken; i++)
			taken = strcasecmp(report_reserved[i], u.data) == 0;
		if (!taken)
			break;
		suffix++;
	}
	buf_free(&b);
	return u.data;
}

/* generated_at: SOURCE_DATE_EPOCH when set (reproducible reports), else
 * now. Returns -1 after a diag_error on a bad SOURCE_DATE_EPOCH. */
static int
report_time(char *out, size_t size)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t;
	struct tm tm;

	if (sde != NULL && *sde != '\0') {
		char *end;
		long long v;
		errno = 0;
		v = strtoll(sde, &end, 10);
		if (errno || *end != '\0' || v < 0 || v > 253402300799LL) {
			diag_error(NULL, 0, 0, "SOURCE_DATE_EPOCH: expected "
			    "seconds since 1970, not '%s'", sde);
			return -1;
		}
		t = (time_t)v;
	} else
		t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return 0;
}

/* Options of report_main. */
struct report_args {
	struct report_opts	 ro;
	const char		*one;		/* --template FILE */
	struct cliopt		 c;		/* the shared options */
};

static int
report_args(int argc, char *argv[], struct report_args *a)
{
	enum { O_TEMPLATES = CLIOPT__NEXT, O_TEMPLATE };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "templates", required_argument, NULL, O_TEMPLATES },
		{ "template", required_argument, NULL, O_TEMPLATE },
		CLIOPT_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:h" CLIOPT_SHORT, longopts,
	    NULL)) != -1) {
		switch (cliopt_take(&a->c, c, optarg)) {
		case 1:
			continue;
		case -1:
			return -1;
		default:
			break;
		}
		switch (c) {
		case 'o':
			a->ro.dir = optarg;
			break;
		case O_TEMPLATES:
			a->ro.templates = optarg;
			break;
		case O_TEMPLATE:
			a->one = optarg;
			break;
		case 'h':
			fputs(report_help_text, stdout);
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
	return 0;
}

/* What the workers of a report share: inputs and per-file results. */
struct report_work {
	char			**paths;
	const struct rules	**rules;	/* NULL: config failed */
	size_t			  max_size;
	struct checklist	**cls;
	struct findings		 *fs;
};

/* On a worker: read, parse and check one checklist. */
static void
report_work(size_t i, struct check_ctx *cc, void *arg)
{
	struct report_work *w = arg;

	if (w->rules[i] != NULL)
		w->cls[i] = pipeline_file(w->paths[i], w->max_size,
		    w->rules[i], cc, &w->fs[i]);
}

int
report_main(int argc, char *argv[])
{
	struct report_args a;
	struct filelist fl = {0};
	struct rules_ctx *rc = NULL;
	struct report_work work;
	struct report_input *in = NULL;
	struct findings *fs = NULL;
	struct checklist **cls = NULL;
	char **pages = NULL, when[32];
	unsigned tally[SEV__MAX] = {0};
	size_t n = 0, i;
	int code = EXIT_CLEAN;

	memset(&a, 0, sizeof(a));
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
	if (report_time(when, sizeof(when)) == -1) {
		cliopt_free(&a.c);
		return EXIT_TROUBLE;
	}
	a.ro.generated_at = when;
	for (int k = optind; k < argc; k++)
		files_add(&fl, argv[k]);
	if ((rc = rules_ctx_new(&a.c.ropts)) == NULL) {
		code = EXIT_TROUBLE;
		goto out;
	}
	in = xcalloc(fl.n ? fl.n : 1, sizeof(*in));
	fs = xcalloc(fl.n ? fl.n : 1, sizeof(*fs));
	cls = xcalloc(fl.n ? fl.n : 1, sizeof(*cls));
	pages = xcalloc(fl.n ? fl.n : 1, sizeof(*pages));
	work.paths = fl.v;
	work.rules = xcalloc(fl.n ? fl.n : 1, sizeof(*work.rules));
	work.max_size = a.c.max_size;
	work.cls = cls;
	work.fs = fs;
	for (i = 0; i < fl.n; i++)
		work.rules[i] = rules_for_file(rc, fl.v[i]);
	pool_run(fl.n, a.c.jobs, report_work, NULL, &work);
	free(work.rules);
	/* Keep the checklists that could be read, in input order. */
	for (i = 0; i < fl.n; i++) {
		if (cls[i] == NULL)
			continue;
		cls[n] = cls[i];
		if (n != i) {
			fs[n] = fs[i];
			memset(&fs[i], 0, sizeof(fs[i]));
		}
		findings_tally(&fs[n], tally);
		pages[n] = report_page_name(fl.v[i], pages, n);
		in[n].cl = cls[n];
		in[n].fs = &fs[n];
		in[n].page = pages[n];
		n++;
	}
	if (a.one != NULL) {
		if (report_one(&a.ro, a.one, in, n) == -1)
			code = EXIT_TROUBLE;
	} else if (report_write(&a.ro, in, n) == -1)
		code = EXIT_TROUBLE;
	if (!a.c.quiet) {
		struct buf b = {0};
		diag_summary(&b, tally, n);
		if (!a.one && !code)
			buf_printf(&b, "; report: %s/index.html", a.ro.dir);
		fprintf(stderr, "%s\n", buf_cstr(&b));
		buf_free(&b);
	}
	if (diag_errors() > 0)
		code = EXIT_TROUBLE;
	if (code == EXIT_CLEAN && cliopt_failed(&a.c, tally))
		code = EXIT_FINDINGS;
out:
	for (i = 0; i < n; i++) {
		checklist_free(cls[i]);
		findings_clear(&fs[i]);
		free(pages[i]);
	}
	free(cls);
	free(fs);
	free(pages);
	free(in);
	rules_ctx_free(rc);
	files_free(&fl);
	cliopt_free(&a.c);
	return code;
}
