/* check.c: placeholder until the rule engine lands (issue 3). */
#include <stdlib.h>

#include "check.h"
#include "diag.h"
#include "model.h"
#include "xalloc.h"

struct check_ctx { int dummy; };

struct check_ctx *
check_ctx_new(void)
{
	return xcalloc(1, sizeof(struct check_ctx));
}

void
check_ctx_free(struct check_ctx *c)
{
	free(c);
}

void
check_run(struct check_ctx *c, const struct rules *r,
    const struct checklist *cl, struct findings *out)
{
	(void)c; (void)r; (void)cl;
	findings_sort(out);
}
