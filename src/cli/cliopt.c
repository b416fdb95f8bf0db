/* cliopt.c: parsing of the options lint, status and report share. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cliopt.h"
#include "diag.h"
#include "when.h"
#include "xalloc.h"

void
cliopt_init(struct cliopt *o)
{
	memset(o, 0, sizeof(*o));
	o->fail_on = SEV_ERROR;
	o->color = -1;
	o->max_size = (size_t)64 << 20;
	o->ropts.max_size = (size_t)1 << 20;
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

int
cliopt_take(struct cliopt *o, int c, const char *arg, const char *opt)
{
	int s;

	switch (c) {
	case ':':
		diag_error(NULL, 0, 0, "option %s needs an argument", opt);
		return -1;
	case '?':
		diag_error(NULL, 0, 0, "unknown option: %s", opt);
		return -1;
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
		return 1;
	case 'c':
		o->ropts.config = arg;
		return 1;
	case CLIOPT_NOCONFIG:
		o->ropts.no_config = 1;
		return 1;
	case 'r':
		o->ropts.rulesets = xgrow(o->ropts.rulesets, &o->rcap,
		    o->ropts.nrulesets + 1, sizeof(char *));
		o->ropts.rulesets[o->ropts.nrulesets++] = arg;
		return 1;
	case 'j':
		o->jobs = atoi(arg);
		if (o->jobs < 1 || o->jobs > 256) {
			diag_error(NULL, 0, 0, "--jobs: expected 1 to 256, "
			    "not '%s'", arg);
			return -1;
		}
		return 1;
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
		return 1;
	case 'q':
		o->quiet = 1;
		return 1;
	case CLIOPT_MAXSIZE:
		if (cliopt_size(arg, &o->max_size) == -1) {
			diag_error(NULL, 0, 0, "--max-file-size: bad size "
			    "'%s'", arg);
			return -1;
		}
		return 1;
	case CLIOPT_MAXRULES:
		if (cliopt_size(arg, &o->ropts.max_size) == -1) {
			diag_error(NULL, 0, 0, "--max-rules-size: bad size "
			    "'%s'", arg);
			return -1;
		}
		return 1;
	case CLIOPT_TODAY:
		if (when_set_today(arg) == -1) {
			diag_error(NULL, 0, 0, "--today: expected YYYY-MM-DD, "
			    "not '%s'", arg);
			return -1;
		}
		return 1;
	default:
		return 0;
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

void
cliopt_free(struct cliopt *o)
{
	free(o->ropts.rulesets);
	o->ropts.rulesets = NULL;
}
