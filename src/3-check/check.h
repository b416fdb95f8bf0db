/* check.h: runs the rule kinds over a finished checklist model. Checks
 * neither parse nor print; they append findings. main.c includes it. */
#ifndef TICKLIST_CHECK_H
#define TICKLIST_CHECK_H

#include "ticklist.h"

struct checklist;
struct findings;
struct rules;
struct check_ctx;	/* per-thread scratch: regex match data, buffers */

struct check_ctx	*check_ctx_new(void);
void			 check_ctx_free(struct check_ctx *);
/* Append the findings of rules on cl to out, minus those suppressed by
 * ticklist-disable comments; then sort them. sev holds each rule's
 * effective severity for cl (rules_count(rules) rows, resolved by the
 * caller with rules_file_sev: overrides applied), or is NULL for the
 * set's own severities. The check never calls back into the loader. */
void			 check_run(struct check_ctx *, const struct rules *,
			    const enum sev *sev, const struct checklist *,
			    struct findings *out);

/* Where the last check_pos_in_code call stopped; zero it before the
 * first call, and reuse it for positions in line and column order. */
struct code_pos {
	int	 line, col;
	size_t	 z, runs;
	int	 tick;
};
/* 1 if line, col (code points) of cl's source is inside an inline code
 * span, judged from the start of its paragraph: a field written in
 * backticks is an example, not a field. cl->src must still be set. */
int			 check_pos_in_code(const struct checklist *,
			    int line, int col, struct code_pos *);
/* 1 if field f is blank to a fields rule: not filled, or a placeholder
 * or a blank with a unit the parser took as written (check_sections.c). */
struct field;
int			 check_field_blank(const struct field *);

#endif
