/* rules.h: rule sets: shipped (embedded) and user YAML files, extends,
 * severities, overrides, config discovery. The only yaml.h user for rules.
 * main.c, check.c and the renderers (SARIF) include it. */
#ifndef TICKLIST_RULES_H
#define TICKLIST_RULES_H

#include <stddef.h>

#include "ticklist.h"

struct buf;
struct rule_kind;	/* a row of the kind table (rule.h) */
struct rules;		/* one compiled, read-only rule set */
struct rules_ctx;	/* discovery cache and compiled sets of a run */

struct rules_opts {
	const char	 *config;	/* --config FILE, or NULL */
	int		  no_config;	/* --no-config */
	const char	**rulesets;	/* --rules NAME|FILE, repeatable */
	size_t		  nrulesets;
	size_t		  max_size;	/* --max-rules-size: bytes of a rule
					   file; 0: no limit */
	/* The kind table the rules are compiled against: the checker's
	 * (check_kinds in 3-check/check.c), which steering passes in
	 * (cliopt_init), so the loader links to no later stage. A kind
	 * absent from it is unknown. */
	const struct rule_kind *kinds;
	size_t		  nkinds;
};

/* What a listing or a SARIF tool.driver.rules entry shows of one rule.
 * Every pointer is owned by the rule set and lives as long as it. */
struct rule_info {
	const char	*id;
	const char	*kind;		/* "pattern", "placeholder" ... */
	enum sev	 sev;		/* severity in the set, before
					   per-file overrides */
	const char	*short_desc;	/* one line: the rule's description */
	const char	*full_desc;	/* what the kind checks */
	const char	*help;		/* how to fix a finding */
	const char	*file;		/* where defined: config path, or
					   "shipped/NAME.yml" */
	int		 line;
};

/* Compile what the options name. NULL after a diag_error (exit 2). The
 * caller frees the context with rules_ctx_free(). */
struct rules_ctx	*rules_ctx_new(const struct rules_opts *);
void			 rules_ctx_free(struct rules_ctx *);
/* The effective rules for a checklist at path ("-" for stdin, which uses
 * the current directory): --rules, else --config, else the nearest
 * .ticklist.yml (or .ticklist.yaml) walking up from the file's directory
 * (cached per directory), else the shipped default "deployment".
 * NULL after a diag_error. The result lives as long as the context and
 * is read-only: any number of threads may check with it at once.
 * Thread-safe (a mutex guards the cache). */
const struct rules	*rules_for_file(struct rules_ctx *, const char *path);

/* Effective severities for the checklist at path, by rule index: each
 * rule's, then the overrides whose globs match it. sev has rules_count()
 * rows. Steering resolves them before the check (check_run). */
void			 rules_file_sev(const struct rules *, const char *path,
			    enum sev *sev);
/* Parts of the model built only for a reader (a kind's reads, rule.h):
 * the sign-off model (approvals_build: entries, after-release sections),
 * the items' due dates, and all of their metadata (itemmeta_attach:
 * owners and evidence too). */
#define RULE_READS_APPROVALS	1u
#define RULE_READS_DUE		2u
#define RULE_READS_ITEMMETA	4u
/* Does a rule not off in sev (rules_file_sev's) read one of what (a mask
 * of RULE_READS_*)? */
int			 rules_reads(const struct rules *, const enum sev *sev,
			    unsigned what);

/* Whether a file is a checklist, as its config says: */
enum {
	RULES_AUTO,		/* no files: in the config; judged by content */
	RULES_SELECTED,		/* matched by files: or a checklists: entry */
	RULES_UNSELECTED,	/* files: is set and no glob matches */
	RULES_IGNORED		/* matched by ignore: */
};
/* The set for path as rules_for_file() finds it, refined by the config's
 * checklists: entries; in *verdict what its files: and ignore: globs
 * (relative to the config) say, in *why the glob that decided (owned by
 * the set) or NULL. "-" is always RULES_AUTO. NULL after a diag_error. */
const struct rules	*rules_select(struct rules_ctx *, const char *path,
			    int *verdict, const char **why);
/* The set a checklist's front matter names (`ticklist: {ruleset: NAME}`):
 * a shipped name or a path relative to the checklist's directory, loaded
 * once per run in from's context. NULL after a diag_error naming it.
 * Thread-safe. */
const struct rules	*rules_named(const struct rules *from,
			    const char *name, const char *path);
/* 1 if glob matches path whole: '*' and '?' within a name, a double star
 * across directories (the syntax of files: and overrides). */
int			 rules_glob_match(const char *glob, const char *path);

/* What the context's kind table says of the rule kind whose shipped id
 * or name is id (id, kind, default severity, description, help; file
 * NULL): 1 and *ri filled, or 0 (also for a NULL context). SARIF
 * describes a finding outside any set by it. */
int			 rules_kind_info(const struct rules_ctx *,
			    const char *id, struct rule_info *ri);

/* The rules of a set in order, for `ticklist rules` and SARIF. */
size_t			 rules_count(const struct rules *);
const struct rule_info	*rules_at(const struct rules *, size_t i);
/* The config file the set was loaded from, or "shipped/NAME.yml". */
const char		*rules_file(const struct rules *);
/* The set as a report names it: a checklists: entry by what its extends
 * names ("deployment"), any other set by rules_file(). */
const char		*rules_name(const struct rules *);

/* `ticklist rules`: append the listing of rs to out, as text (one line a
 * rule: id, kind, severity, file:line, description; aligned columns) or,
 * with json set, as {"version": 1, "config": ..., "rules": [{"id", "kind",
 * "severity", "file", "line", "description"}]}, pretty-printed, with a
 * final newline. */
void			 rules_list(const struct rules *rs, int json,
			    struct buf *out);
/* `ticklist rules --show NAME`: append the shipped rule file NAME (with
 * or without ".yml") to out. Returns 0, or -1 after a diag_error naming
 * the shipped sets. */
int			 rules_show(const char *name, struct buf *out);
/* `ticklist lint --print-config FILE`: append, as YAML, the rules of rs
 * with their severities for the checklist at path (overrides applied)
 * and, for each, the file:line its severity came from (severity_from)
 * and where it is defined (defined_at). */
void			 rules_print_config(const struct rules *rs,
			    const char *path, struct buf *out);
/* Append the names of the shipped sets, one per line, to out. */
void			 rules_shipped(struct buf *out);

#endif
