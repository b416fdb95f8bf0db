/* rule.h: the inside of a compiled rule set, shared by the loader (rules.c)
 * and the checkers (check.c, check_*.c), and the table of rule kinds.
 * Besides them only cliopt.c includes it, to hand the kind table to
 * the loader (cliopt_init); the renderers see struct rules only through rules.h. */
#ifndef TICKLIST_RULE_H
#define TICKLIST_RULE_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "rules.h"

struct checklist;
struct findings;
struct match_re;
struct match_scratch;
struct check_state;
struct rule;

/* Keys a rule may carry beside id, kind, severity, message, description
 * and help; a kind row says which it takes. */
enum rkey {
	RKEY_PATTERN	= 1 << 0,	/* one regex */
	RKEY_PATTERNS	= 1 << 1,	/* placeholder: extra regexes */
	RKEY_DEFAULTS	= 1 << 2,	/* placeholder: use the shipped list */
	RKEY_SECTIONS	= 1 << 3,	/* required-sections: list */
	RKEY_ITEMS	= 1 << 4,	/* required-items: list */
	RKEY_SECTION	= 1 << 5,	/* regex choosing sections */
	RKEY_SCOPE	= 1 << 6,	/* block kinds searched */
	RKEY_MIN	= 1 << 7,	/* completion: percent */
	RKEY_DATEFMT	= 1 << 8,	/* signoff: date format */
	RKEY_AFTER	= 1 << 9	/* completion: after-release titles */
};

/* One entry of a list of patterns (sections, items). */
struct rule_pat {
	const char		*src;	/* as written */
	const struct match_re	*re;	/* borrowed from the context cache */
	int			 level;	/* required-sections: 0 for any */
	const char		*hint;	/* name used in messages, or NULL */
};

typedef void	rule_check_fn(struct check_state *, const struct rule *);
/* A kind's loader hook: the regex source a rule of the kind runs, built
 * from what its keys gave (r->pats, r->defaults, r->re_src), appended to
 * b; the loader compiles it into r->re (r->re_src stays the rule's own
 * pattern, or NULL). Nothing appended: the rule keeps its own. */
typedef void	rule_regex_fn(const struct rule *r, struct buf *b);

/* A row of the kind table (check.c). */
struct rule_kind {
	const char	*name;
	unsigned	 keys;		/* RKEY_* the kind accepts */
	unsigned	 required;	/* RKEY_* it must have */
	enum sev	 sev;		/* default severity */
	unsigned	 scope;		/* default scope: bit per BLOCK_* */
	const char	*message;	/* default message template */
	const char	*desc;		/* what the kind checks, for listings */
	const char	*help;		/* how to fix a finding, for SARIF */
	rule_check_fn	*check;
	/* For `ticklist explain`, SARIF help.markdown and ticklist(5)
	 * (fix.c prints them); NULL texts are left out. A kind --fix
	 * repairs also needs a case in fix.c's fix_collect. */
	int		 fixable;	/* --fix repairs its certain findings */
	const char	*why;		/* why it matters */
	const char	*bad;		/* Markdown that gives a finding */
	const char	*good;		/* the same, fixed */
	/* The loader's defaults and hook; the loader knows no kind by
	 * name. */
	const char	*id;		/* the id the shipped sets give its
					   rule (SARIF describes a finding
					   outside any set by it) */
	double		 min;		/* default min; 0: 100 */
	const char	*section;	/* default section regex, or NULL */
	rule_regex_fn	*regex;		/* see rule_regex_fn, or NULL */
	/* Parts of the model the checker reads that are built only for a
	 * reader (RULE_READS_*; the pipeline asks rules_reads). */
	unsigned	 reads;
};


struct rule {
	struct rule_info	 info;	/* id, kind, severity, where defined */
	const struct rule_kind	*kind;
	int			 index;	/* in its set */
	const char		*message;	/* template, or NULL */
	const struct match_re	*re;	/* pattern / placeholders / reason */
	const char		*re_src;
	const struct match_re	*section_re;	/* or NULL: all sections */
	const char		*section_src;
	struct rule_pat		*pats;	/* sections, items, patterns */
	size_t			 npats;
	int			 defaults;	/* placeholder: shipped list */
	unsigned		 scope;
	double			 min;
	const char		*date_format;
	const char		*sev_file;	/* where info.sev was set */
	int			 sev_line;
	const struct match_re	*after_re;	/* or NULL: the built-in list */
	const char		*after_src;
};

/* Severities of an override, by rule index. */
struct override {
	const char	**globs;	/* relative to base */
	size_t		  nglobs;
	const char	 *base;		/* absolute directory of its file */
	int		 *idx;		/* rule indices */
	enum sev	 *sev;
	size_t		  n;
	const char	 *file;		/* where it is, for --print-config */
	int		 *line;		/* of each severity */
};

/* An entry of checklists: the set for the files its globs match. */
struct kindset {
	const char		**globs;	/* relative to rules.base */
	size_t			  nglobs;
	const struct rules	 *rs;
};

struct rules {
	struct rule	*v;
	size_t		 n, cap;
	struct override	*ov;
	size_t		 nov, ovcap;
	/* Which files are checklists (files:, ignore:) and the sets of
	 * some of them (checklists:), globs relative to base. */
	const char	**files, **ignore;
	size_t		  nfiles, nignore;
	struct kindset	 *kinds;
	size_t		  nkinds;
	const char	 *base;		/* absolute directory of the config */
	/* A checklists: entry's template (absolute), for template-drift
	 * when a checklist names none in its front matter, or NULL. */
	const char	 *template;
	struct rules_ctx *ctx;		/* to load front matter's sets */
	const char	*file;		/* config file, or shipped name */
	const char	*name;		/* a checklists: entry's extends, or
					   NULL (see rules_name) */
	const char	*cwd;		/* to make relative paths absolute */
	struct arena	 arena;		/* every string and array above */
	struct rules	*next;		/* the context's list */
};

/* What a checker works with; one per check_run. */
struct check_state {
	struct check_ctx	*ctx;
	struct match_scratch	*ms;
	const struct rules	*rs;
	const struct checklist	*cl;
	struct findings		*out;
	enum sev		*sev;	/* effective severity by rule index */
	struct buf		 msg;	/* scratch */
	const struct rule	*mask_rule;	/* whose section mask is below */
	signed char		*mask;	/* per section: -1 unknown, 0, 1 */
};

/* rules_file_sev (rules.h), also giving the override that set each one (its index in
 * rs->ov and entry), or -1 for the rule's own: for --print-config. */
void	rules_file_sev_from(const struct rules *, const char *path,
	    enum sev *sev, int *ov, int *ent);

/* Append the keys kind k takes beyond the common ones, "a, b", or
 * "none" (rules.c). */
void	rules_kind_keys(struct buf *, const struct rule_kind *k);

/* 1 if id is the id of a rule of a shipped set (rules_list.c). */
int	rules_shipped_id(const char *id);

/* The kind table (3-check/check.c); check_kind() finds a row by name,
 * or NULL. The loader never names them (it would link config/ to a later
 * stage, which layout.sh refuses): it gets the table from steering, in
 * rules_opts. */
extern const struct rule_kind	check_kinds[];
extern const size_t		check_nkinds;
const struct rule_kind		*check_kind(const char *name);

/* The shipped placeholder patterns (check_text.c), NULL-terminated. */
extern const char *const	check_placeholders[];
/* The default section pattern of signoff (check_sections.c). */
extern const char		check_signoff_section[];
/* The default reason pattern of na-without-reason (check_items.c). */
extern const char		check_na_reason[];
/* Loader hooks: placeholder's one alternation of the shipped list and
 * its patterns (check_text.c); na-without-reason's default reason
 * pattern (check_struct.c). */
rule_regex_fn			check_placeholder_regex, check_na_regex;

/* Append a finding of rule r: the message is r's template (or the kind's)
 * with {match}, {label} and {section} replaced. match, label and section
 * may be NULL. */
void	check_emit(struct check_state *, const struct rule *, int line,
	    int col, int end_line, int end_col, const char *match, size_t mlen,
	    const char *label, const char *section);
/* The title of section index s, or NULL for -1. */
const char *check_title(const struct check_state *, int s);
/* 1 if section (or one of its ancestors) matches r's section pattern, or
 * r has none. */
int	check_in_section(struct check_state *, const struct rule *,
	    int section);
/* The same, but the title heading does not count: "Production Testing
 * Checklist" does not make every item a testing item. */
int	check_in_section_below_title(struct check_state *,
	    const struct rule *, int section);
/* A prefilter for a regex: the first position at or after from where a
 * match may consume its key (a byte every match consumes), with in *lo
 * the leftmost position an attempt consuming that key can start at; n
 * when there is none. A necessary condition, never a guess. */
typedef size_t	check_next_fn(const char *s, size_t n, size_t from,
		    size_t *lo);
/* The prefilter of the shipped placeholder list (check_text.c). */
check_next_fn	check_placeholder_next;
/* match_find with a prefilter: the same first match of re in s[0..n) at
 * or after from, pcre2 running only in the windows next gives (or
 * everywhere when next is NULL). */
int	check_find(const struct match_re *, struct match_scratch *,
	    check_next_fn *next, const char *s, size_t n, size_t from,
	    size_t *start, size_t *end);
/* Run re over text, reporting each match through check_emit with block
 * positions; a match limit becomes an error finding naming the rule.
 * With next (or NULL), pcre2 runs only in the windows next gives. */
struct block;
void	check_block_matches(struct check_state *, const struct rule *,
	    const struct match_re *, check_next_fn *next,
	    const struct block *);
/* 1 if re matches s[0..n); a match limit counts as no match and is
 * reported at line, col. */
int	check_matches(struct check_state *, const struct rule *,
	    const struct match_re *, const char *s, size_t n, int line,
	    int col);

/* Checkers, one per kind (check_*.c). */
rule_check_fn	check_required_sections, check_pattern, check_fields,
		check_signoff, check_completion, check_required_items,
		check_malformed_task, check_duplicate_item, check_empty_section,
		check_inconsistent_check, check_mojibake, check_invalid_utf8,
		check_na_reason_fn, check_box_style, check_unselected_choice,
		check_box_contradicts, check_empty_checklist;
/* check_meta.c */
rule_check_fn	check_overdue, check_evidence, check_stale_review,
		check_expired_waiver, check_invalid_waiver,
		check_template_drift;
/* Drop the findings from first on that a ticklist-waive comment of cl
 * covers and whose date has not passed. */
void	check_waive(const struct checklist *, struct findings *,
	    size_t first);

#endif
