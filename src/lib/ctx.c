/* ctx.c: the run's context (ctx.h). */
#include <string.h>

#include "ctx.h"

/* The two writable variables of the program (allowlisted in
 * tests/suites/writable.sh): the context in use, and the one used when
 * main() installed none (unit tests, fuzzers). */
static struct ctx ctx_default = { .jit = 1 };
static struct ctx *ctx_cur = &ctx_default;

void
ctx_open(struct ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->jit = 1;
	ctx_cur = c;
}

struct ctx *
ctx_run(void)
{
	return ctx_cur;
}
