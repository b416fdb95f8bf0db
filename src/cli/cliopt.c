/* cliopt.c: the options of every command: one table of their names,
 * arguments and help, one parser, the help and man page lines made from a
 * command's rows, and the exit-status rule. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cliopt.h"
#include "diag.h"
#include "rule.h"
#include "when.h"
#include "xalloc.h"

/* One option of ticklist. */
struct cliopt_def {
	const char	*name;		/* long name, without "--" */
	int		 code;		/* its letter when it has a short form */
	const char	*arg;		/* argument in the help; NULL: none */
	const char	*marg;		/* argument in the man page */
	const char	*help;		/* NULL: an alias, never listed */
};

/* Every option, in the order the man page lists them. */
static const struct cliopt_def cliopt_defs[] = {
	{ "format", 'f', "FMT", "format",
	    "output format (default text; listed below)" },
	{ "output", 'o', "FILE", "file",
	    "write the output to FILE (atomically)" },
	{ "config", 'c', "FILE", "file",
	    "use this config instead of .ticklist.yml" },
	{ "no-config", CLIOPT_NOCONFIG, NULL, NULL,
	    "ignore .ticklist.yml files" },
	{ "rules", 'r', "NAME", "name",
	    "use a shipped ruleset or rule file (repeatable)" },
	{ "fail-on", CLIOPT_FAILON, "LEVEL", "level",
	    "exit 1 when a finding is at or above LEVEL:\n"
	    "error (default), warning, info, never" },
	{ "jobs", 'j', "N", "n",
	    "worker threads (default: number of CPUs)" },
	{ "color", CLIOPT_COLOR, "WHEN", "when",
	    "auto, always or never (default auto)" },
	{ "colour", CLIOPT_COLOR, "WHEN", "when", NULL },
	{ "quiet", 'q', NULL, NULL, "no summary line on stderr" },
	{ "max-file-size", CLIOPT_MAXSIZE, "N", "size",
	    "refuse larger inputs (default 64M; 0: none)" },
	{ "max-rules-size", CLIOPT_MAXRULES, "N", "size",
	    "refuse larger rule files (default 1M)" },
	{ "fix", CLIOPT_FIX, NULL, NULL,
	    "repair the findings whose repair is certain\n"
	    "(see 'ticklist explain RULE'), in place" },
	{ "diff", CLIOPT_DIFF, NULL, NULL,
	    "print the repairs as a unified diff; change\nnothing" },
	{ "stdin-filename", CLIOPT_STDIN_NAME, "PATH", "path",
	    "read stdin as if it were PATH (config,\n"
	    "overrides, reported name)" },
	{ "print-config", CLIOPT_PRINT_CONFIG, "FILE", "file",
	    "print the effective rules for FILE, with\n"
	    "where each came from, as YAML" },
	{ "no-ignore", CLIOPT_NOIGNORE, NULL, NULL,
	    "read files .gitignore excludes" },
	{ "show-files", CLIOPT_SHOWFILES, NULL, NULL,
	    "print each file, checklist or not and why,\n"
	    "and its rules; then exit" },
	{ "today", CLIOPT_TODAY, "DATE", "date",
	    "today for due, expiry and sign-off dates\n"
	    "(YYYY-MM-DD; default SOURCE_DATE_EPOCH, else now)" },
	{ "show", CLIOPT_SHOW, "NAME", "name",
	    "print a shipped ruleset (deployment, release)" },
	{ "man", CLIOPT_MAN, NULL, NULL,
	    "every kind as mdoc, for ticklist(5)" },
	{ "templates", CLIOPT_TEMPLATES, "DIR", "dir",
	    "templates here replace shipped ones by file name" },
	{ "template", CLIOPT_TEMPLATE, "FILE", "file",
	    "render this one template to stdout instead" },
	{ "source-url", CLIOPT_SOURCE_URL, "URL", "url",
	    "link items and findings to their source: URL\n"
	    "with {path}, {line} and {commit}" },
	{ "baseline", CLIOPT_BASELINE, "FILE", "file",
	    "show what changed since this earlier report.json" },
	{ "history", CLIOPT_HISTORY, "FILE", "file",
	    "an earlier report.json for the trend of each\n"
	    "checklist (repeatable, any order)" },
	{ "merge", CLIOPT_MERGE, NULL, NULL,
	    "PATHs are report.json files ([NAME=]PATH) of\n"
	    "several repositories: write one dashboard" },
	{ "help", 'h', NULL, NULL, NULL },
};
#define NDEFS	(sizeof(cliopt_defs) / sizeof(cliopt_defs[0]))

/* Column of the help text in help lines. */
#define HELP_COL	23

void
cliopt_init(struct cliopt *o)
{
	memset(o, 0, sizeof(*o));
	o->fail_on = SEV_ERROR;
	o->color = -1;
	o->max_size = (size_t)64 << 20;
	o->ropts.max_size = (size_t)1 << 20;
	/* The loader compiles rules against the checker's kind table:
	 * steering hands it over (config/ never names 3-check/). */
	o->ropts.kinds = check_kinds;
	o->ropts.nkinds = check_nkinds;
}

/* Parse "64M", "512k", "1G" or bytes. */
static int
cliopt_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end != '\0' || v > (~0ULL >> shift))
		return -1;
	*out = (size_t)(v << shift);
	return 0;
}

/* Store option c with argument arg in o: 0, or -1 after a diag_error
 * about a bad value. */
static int
cliopt_take(struct cliopt *o, int c, const char *arg)
{
	int s;

	switch (c) {
	case CLIOPT_FAILON:
		if (strcmp(arg, "never") == 0)
			o->fail_on = SEV_OFF;
		else if ((s = sev_parse(arg)) > SEV_OFF)
			o->fail_on = (enum sev)s;
		else {
			diag_error(NULL, 0, 0, "--fail-on: expected error, "
			    "warning, info or never, not '%s'", arg);
			return -1;
		}
		return 0;
	case 'c':
		o->ropts.config = arg;
		return 0;
	case CLIOPT_NOCONFIG:
		o->ropts.no_config = 1;
		return 0;
	case 'r':
		o->ropts.rulesets = xgrow(o->ropts.rulesets, &o->rcap,
		    o->ropts.nrulesets + 1, sizeof(char *));
		o->ropts.rulesets[o->ropts.nrulesets++] = arg;
		return 0;
	case 'j':
		o->jobs = atoi(arg);
		if (o->jobs < 1 || o->jobs > 256) {
			diag_error(NULL, 0, 0, "--jobs: expected 1 to 256, "
			    "not '%s'", arg);
			return -1;
		}
		return 0;
	case CLIOPT_COLOR:
		if (strcmp(arg, "always") == 0)
			o->color = 1;
		else if (strcmp(arg, "never") == 0)
			o->color = 0;
		else if (strcmp(arg, "auto") == 0)
			o->color = -1;
		else {
			diag_error(NULL, 0, 0, "--color: expected auto, "
			    "always or never, not '%s'", arg);
			return -1;
		}
		return 0;
	case 'q':
		o->quiet = 1;
		return 0;
	case CLIOPT_MAXSIZE:
		if (cliopt_size(arg, &o->max_size) == -1) {
			diag_error(NULL, 0, 0, "--max-file-size: bad size "
			    "'%s'", arg);
			return -1;
		}
		return 0;
	case CLIOPT_MAXRULES:
		if (cliopt_size(arg, &o->ropts.max_size) == -1) {
			diag_error(NULL, 0, 0, "--max-rules-size: bad size "
			    "'%s'", arg);
			return -1;
		}
		return 0;
	case CLIOPT_TODAY:
		if (when_set_today(arg) == -1) {
			diag_error(NULL, 0, 0, "--today: expected YYYY-MM-DD, "
			    "not '%s'", arg);
			return -1;
		}
		return 0;
	case 'f':
		o->format = arg;
		return 0;
	case 'o':
		o->output = arg;
		return 0;
	case CLIOPT_SHOW:
		o->show = arg;
		return 0;
	case CLIOPT_FIX:
		o->fix = 1;
		return 0;
	case CLIOPT_DIFF:
		o->diff = 1;
		return 0;
	case CLIOPT_STDIN_NAME:
		o->stdin_name = arg;
		return 0;
	case CLIOPT_PRINT_CONFIG:
		o->print_config = arg;
		return 0;
	case CLIOPT_MAN:
		o->man = 1;
		return 0;
	case CLIOPT_NOIGNORE:
		o->no_ignore = 1;
		return 0;
	case CLIOPT_SHOWFILES:
		o->show_files = 1;
		return 0;
	case CLIOPT_TEMPLATES:
		o->templates = arg;
		return 0;
	case CLIOPT_TEMPLATE:
		o->one = arg;
		return 0;
	case CLIOPT_SOURCE_URL:
		o->source_url = arg;
		return 0;
	case CLIOPT_BASELINE:
		o->baseline = arg;
		return 0;
	case CLIOPT_MERGE:
		o->merge = 1;
		return 0;
	case CLIOPT_HISTORY:
		o->history = xgrow(o->history, &o->caphist, o->nhist + 1,
		    sizeof(*o->history));
		o->history[o->nhist++] = arg;
		return 0;
	default:
		return 0;
	}
}

/* The row of rows for option code c, or NULL: cmd does not take it. */
static const struct cliopt_row *
cliopt_row(const struct cliopt_row *rows, int c)
{
	for (; rows->code != 0; rows++)
		if (rows->code == c)
			return rows;
	return NULL;
}

int
cliopt_takes(const struct cliopt_row *rows, int c)
{
	return cliopt_row(rows, c) != NULL;
}

/* The listed definition of option code c (not an alias). */
static const struct cliopt_def *
cliopt_def(int c)
{
	for (size_t i = 0; i < NDEFS; i++)
		if (cliopt_defs[i].code == c && cliopt_defs[i].help != NULL)
			return &cliopt_defs[i];
	return NULL;
}

int
cliopt_parse(struct cliopt *o, const char *cmd, const struct cliopt_row *rows,
    int argc, char *argv[])
{
	struct option lo[NDEFS + 1];
	char shorts[2 * NDEFS + 2], *sp = shorts;
	const struct cliopt_def *d;
	int c;

	/* getopt knows every option, so that one a command does not take
	 * is named as such, with its argument consumed. */
	*sp++ = ':';
	for (size_t i = 0; i < NDEFS; i++) {
		d = &cliopt_defs[i];
		lo[i].name = d->name;
		lo[i].has_arg = d->arg ? required_argument : no_argument;
		lo[i].flag = NULL;
		lo[i].val = d->code;
		if (d->code < 256 && d->help != NULL) {
			*sp++ = (char)d->code;
			if (d->arg)
				*sp++ = ':';
		}
	}
	*sp = '\0';
	memset(&lo[NDEFS], 0, sizeof(lo[NDEFS]));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, shorts, lo, NULL)) != -1) {
		if (c == ':') {
			diag_error(NULL, 0, 0, "option %s needs an argument",
			    argv[optind - 1]);
			return -1;
		}
		if (c == '?') {
			diag_error(NULL, 0, 0, "unknown option: %s",
			    argv[optind - 1]);
			return -1;
		}
		if (c == 'h')
			return -2;
		if (cliopt_row(rows, c) == NULL) {
			d = cliopt_def(c);
			if (d->code < 256)
				diag_error(NULL, 0, 0, "%s does not take -%c",
				    cmd, d->code);
			else
				diag_error(NULL, 0, 0, "%s does not take --%s",
				    cmd, d->name);
			return -1;
		}
		if (cliopt_take(o, c, optarg) == -1)
			return -1;
	}
	return optind;
}

void
cliopt_help(FILE *f, const struct cliopt_row *rows)
{
	for (; rows->code != 0; rows++) {
		const struct cliopt_def *d = cliopt_def(rows->code);
		const char *arg = rows->arg ? rows->arg : d->arg;
		const char *h = rows->help ? rows->help : d->help;
		int n;

		if (d->code < 256)
			n = fprintf(f, "  -%c, --%s", d->code, d->name);
		else
			n = fprintf(f, "      --%s", d->name);
		if (arg != NULL)
			n += fprintf(f, " %s", arg);
		fprintf(f, "%*s", n + 2 > HELP_COL ? 2 : HELP_COL - n, "");
		for (const char *nl; (nl = strchr(h, '\n')) != NULL; h = nl + 1)
			fprintf(f, "%.*s\n%*s", (int)(nl - h), h, HELP_COL,
			    "");
		fprintf(f, "%s\n", h);
	}
}

void
cliopt_man(FILE *f, const struct cliopt_row *rows)
{
	for (; rows->code != 0; rows++) {
		const struct cliopt_def *d = cliopt_def(rows->code);
		const char *marg = rows->marg ? rows->marg : d->marg;

		if (d->code < 256)
			fprintf(f, ".Op Fl %c", d->code);
		else
			fprintf(f, ".Op Fl \\-%s", d->name);
		if (marg != NULL)
			fprintf(f, " Ar %s", marg);
		fputc('\n', f);
	}
}

void
cliopt_color(struct cliopt *o, const char *output)
{
	if (o->color < 0)
		o->color = output == NULL && isatty(STDOUT_FILENO) &&
		    getenv("NO_COLOR") == NULL;
}

int
cliopt_failed(const struct cliopt *o, const unsigned *tally)
{
	if (o->fail_on == SEV_OFF)
		return 0;
	for (int s = o->fail_on; s < SEV__MAX; s++)
		if (tally[s] > 0)
			return 1;
	return 0;
}

int
cliopt_exit(const struct cliopt *o, int rcode, const unsigned *tally)
{
	if (diag_errors() > 0 || rcode == EXIT_TROUBLE)
		return EXIT_TROUBLE;
	if (tally != NULL && cliopt_failed(o, tally))
		return EXIT_FINDINGS;
	return rcode;
}

void
cliopt_free(struct cliopt *o)
{
	free(o->ropts.rulesets);
	o->ropts.rulesets = NULL;
	free(o->history);
	o->history = NULL;
}
