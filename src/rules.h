/* rules.h: rule sets: shipped (embedded) and user YAML files, extends,
 * severities, overrides, config discovery. The only yaml.h user for rules.
 * main.c and check.c include it. */
#ifndef TICKLIST_RULES_H
#define TICKLIST_RULES_H

#include <stddef.h>

#include "ticklist.h"

struct buf;
struct rules;		/* one compiled, read-only rule set */
struct rules_ctx;	/* discovery cache and compiled sets of a run */

struct rules_opts {
	const char	 *config;	/* --config FILE, or NULL */
	int		  no_config;	/* --no-config */
	const char	**rulesets;	/* --rules NAME|FILE, repeatable */
	size_t		  nrulesets;
};

/* Compile what the options name. NULL after a diag_error (exit 2). */
struct rules_ctx	*rules_ctx_new(const struct rules_opts *);
void			 rules_ctx_free(struct rules_ctx *);
/* The effective rules for a checklist at path ("-" for stdin): --rules,
 * else --config, else the nearest .ticklist.yml walking up from the
 * file's directory (cached per directory), else the shipped default.
 * NULL after a diag_error. The result lives as long as the context. */
const struct rules	*rules_for_file(struct rules_ctx *, const char *path);

#endif
