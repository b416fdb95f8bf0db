/* rules.c: placeholder until the rule engine lands (issue 3). */
#include <stdlib.h>

#include "rules.h"
#include "xalloc.h"

struct rules_ctx { int dummy; };
struct rules { int dummy; };
static struct rules rules_default;

struct rules_ctx *
rules_ctx_new(const struct rules_opts *o)
{
	(void)o;
	return xcalloc(1, sizeof(struct rules_ctx));
}

void
rules_ctx_free(struct rules_ctx *c)
{
	free(c);
}

const struct rules *
rules_for_file(struct rules_ctx *c, const char *path)
{
	(void)c; (void)path;
	return &rules_default;
}
