/* fix.h: `ticklist lint --fix` and `--diff`: the findings whose repair is
 * certain (mojibake that decodes to one text, a malformed box whose intent
 * is plain, '[X]' under box-style), applied to the source; and the text of
 * `ticklist explain`. main.c includes it. */
#ifndef TICKLIST_FIX_H
#define TICKLIST_FIX_H

#include <stddef.h>

#include "buf.h"

struct check_ctx;
struct checklist;
struct findings;
struct rules;

/* What fixing one file did. */
struct fix_result {
	unsigned	 nfixed;	/* findings repaired */
	struct buf	 diff;		/* diff mode: a unified diff, or empty */
	struct buf	 text;		/* stdin ("-"): the fixed text */
};

/*
 * Read path ("-" is stdin) as pipeline_file does, under the name name
 * (the reported file name, also what rules and overrides match), check it
 * with rules, repair every finding whose repair is certain, and check the
 * result again (up to four rounds) into fs: what is left after fixing.
 * With diff set, fr->diff gets a unified diff and nothing is written; else
 * a changed file is replaced atomically (a temporary file beside it, its
 * mode kept, then rename), unless its contents changed since they were
 * read (a diag_error, and the file is left alone); stdin's fixed text goes
 * to fr->text. Returns the checklist (source released), or NULL after a
 * diag_error.
 */
struct checklist	*fix_file(const char *path, const char *name,
			    size_t max, const struct rules *rules,
			    struct check_ctx *cc, struct findings *fs, int diff,
			    struct fix_result *fr);
void			 fix_result_free(struct fix_result *);

/* `ticklist explain NAME`: NAME is a rule id of rs (which may be NULL) or
 * a kind; append what it checks, why, an example finding and its fix, its
 * options and whether --fix fixes it. Returns 0, or -1 after a diag_error
 * listing the kinds. */
int			 fix_explain(const struct rules *rs, const char *name,
			    struct buf *out);
/* SARIF's help.markdown for rule id of kind: help, why it matters, the
 * example and its fix, and whether --fix fixes it. Returns 0 (out
 * untouched) when kind is NULL or not a kind. */
int			 fix_help_markdown(const char *kind, const char *id,
			    const char *help, struct buf *out);
/* The kinds as man(7) source for ticklist(5) (between the KINDS BEGIN and
 * KINDS END comments there): one .It per kind. */
void			 fix_explain_man(struct buf *out);

#endif
