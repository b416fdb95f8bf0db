/* when.c: the run's one notion of now (when.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "diag.h"
#include "when.h"

/* The run's time is the context's (ctx.h): set once by main() before
 * threads start, read-only afterwards. */

/* c->generated_at from c->now. */
static void
when_stamp(struct ctx *c)
{
	struct tm tm;

	gmtime_r(&c->now, &tm);
	strftime(c->generated_at, sizeof(c->generated_at),
	    "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
when_init(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	struct ctx *c = ctx_run();

	c->time_set = 1;
	c->now = time(NULL);
	when_stamp(c);
	if (sde == NULL || *sde == '\0')
		return 0;
	errno = 0;
	v = strtoll(sde, &end, 10);
	if (errno || *end != '\0' || v < 0 || v > 253402300799LL) {
		diag_error(NULL, 0, 0, "SOURCE_DATE_EPOCH: expected seconds "
		    "since 1970, not '%.40s'", sde);
		return -1;
	}
	c->now = (time_t)v;
	when_stamp(c);
	return 0;
}

long
when_ymd(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 0 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap))
		return 0;
	return (long)y * 10000 + m * 100 + d;
}

int
when_set_today(const char *date)
{
	int y, m, d, n = 0;
	long ymd;

	if (strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d,
	    &n) != 3 || n != 10 || y < 1 || (ymd = when_ymd(y, m, d)) == 0)
		return -1;
	ctx_run()->today = ymd;
	return 0;
}

time_t
when_now(void)
{
	return ctx_run()->time_set ? ctx_run()->now : time(NULL);
}

long
when_today(void)
{
	time_t t = when_now();
	struct tm tm;

	if (ctx_run()->today)
		return ctx_run()->today;
	/* Local: a date written "today" east of UTC is not in the future. */
	if (localtime_r(&t, &tm) == NULL)
		return 99991231;
	return (long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday;
}

void
when_iso(char out[21])
{
	time_t t = when_now();
	struct tm tm;

	if (ctx_run()->time_set) {
		memcpy(out, ctx_run()->generated_at, 21);
		return;
	}
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
