/* rules_int.h: the inside of the rule loader, shared by its files:
 * rules.c (YAML loading: rule files, extends, severity maps, overrides,
 * the regex cache), rules_find.c (config discovery, the set and the
 * severities of each checklist), rules_glob.c (glob matching) and
 * rules_list.c (listings: `ticklist rules`, --print-config, SARIF's
 * descriptions). Only they include it. */
#ifndef TICKLIST_RULES_INT_H
#define TICKLIST_RULES_INT_H

#include <pthread.h>
#include <stddef.h>

#include "rule.h"
#include "rules.h"

struct embedded;

#define RULES_DEFAULT	"recommended"
#define RULES_SHIPPED	"shipped/"
#define RULES_MAXDEPTH	16		/* extends chain */
#define RULES_MAXSIZE	((size_t)1 << 20)	/* a rule file, default */
#define RULES_MAXNEST	64		/* YAML nesting in a rule file */
#define RULES_MAXERRS	10		/* errors shown per rule file */
#define RULES_EXCERPT	40		/* bytes of quoted file text */
#define RULES_MSGMAX	240		/* bytes of one message */

struct re_entry {
	char		*src;
	struct match_re	*re;
};

/* A directory or config file and the set it resolved to; rs is NULL when
 * loading failed (reported once). */
struct cache_entry {
	char			*key;
	const struct rules	*rs;
};

struct rules_cache {
	struct cache_entry	*v;
	size_t			 n, cap;
};

struct rules_ctx {
	const struct rules	*fixed;	/* --rules, --config, --no-config */
	const struct rules	*deflt;	/* shipped default, loaded lazily */
	int			 deflt_tried;
	struct rules		*sets;	/* every set, owned */
	struct re_entry		*re;
	size_t			 nre, recap;
	struct rules_cache	 dirs, cfgs, named;
	char			*cwd;
	size_t			 max_size;	/* of a rule file; 0: none */
	const struct rule_kind	*kinds;		/* rules_opts.kinds */
	size_t			 nkinds;
	pthread_mutex_t		 mu;
};

/* rules.c */
/* p made absolute against cwd and normalised (no ".", "..", "//"). */
char			*rules_abspath(const char *cwd, const char *p);
/* The directory of an absolute path ("/" for "/x"). */
char			*rules_dirname(const char *abs);
/* abs as messages show it: relative to the current directory when
 * below it. */
char			*rules_display(const struct rules_ctx *, const char *abs);
/* A cached answer for key: *found set when there is one. */
const struct rules	*rules_cache_get(const struct rules_cache *,
			    const char *key, int *found);
void			 rules_cache_put(struct rules_cache *, const char *key,
			    const struct rules *);
/* The shipped rule file name (with or without ".yml"), or NULL. */
const struct embedded	*rules_embedded(const char *name);
/* A new set from refs (names or paths relative to dir), or NULL after
 * errors; it joins the context's list. file names it in messages (NULL:
 * the refs). */
const struct rules	*rules_build(struct rules_ctx *,
			    const char *const *refs, size_t n, const char *dir,
			    const char *file);
/* The shipped default set, loaded on first use. */
const struct rules	*rules_default(struct rules_ctx *);

/* rules_glob.c */
/* 1 if glob g matches s whole. */
int			 rules_glob(const char *g, const char *s);
/* 1 if g matches rel (relative to the glob's base) or a directory
 * above it. */
int			 rules_glob_path(const char *g, const char *rel);

#endif
