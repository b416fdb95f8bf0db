/* diag.h: findings (what lint reports about a checklist) and the sink of
 * tool diagnostics (I/O, config and usage errors). One text printer for
 * both: "file:line:col: severity: message [rule]".
 * Any module may include it. */
#ifndef TICKLIST_DIAG_H
#define TICKLIST_DIAG_H

#include <stddef.h>

#include "ticklist.h"

struct buf;

struct finding {
	const char	*file;		/* borrowed from the checklist */
	int		 line, col;	/* from 1; code point columns */
	int		 end_line, end_col; /* inclusive end, as SARIF wants */
	enum sev	 sev;
	const char	*rule;		/* rule id; borrowed from the rule set */
	char		*message;	/* owned: one block with the two below */
	char		*section;	/* in message's block, may be NULL: for
					   fingerprints */
	char		*key;		/* in message's block, may be NULL:
					   normalised text the finding is
					   about, for fingerprints */
};

struct findings {
	struct finding	*v;
	size_t		 n, cap;
};

/* Append a finding; message is printf-formatted and copied. */
struct finding	*findings_add(struct findings *, const char *file,
		    int line, int col, int end_line, int end_col, enum sev,
		    const char *rule, const char *fmt, ...)
		    __attribute__((format(printf, 9, 10)));
/* Append a finding with its message (msg, NUL-terminated), section and
 * key (key[0..keylen)) copied into one block: a check may emit millions
 * of findings, and one allocation each is half the memory of three. */
struct finding	*findings_add_parts(struct findings *, const char *file,
		    int line, int col, int end_line, int end_col, enum sev,
		    const char *rule, const char *msg, const char *section,
		    const char *key, size_t keylen);
/* Sort by line, column, rule (stable for equal keys); drop duplicates of
 * the same rule at the same position. */
void		 findings_sort(struct findings *);
void		 findings_clear(struct findings *);	/* frees contents */
/* Remove the findings fs->v[first + i] for which drop[i] is set (freeing
 * what they own), keeping the order of the others. */
void		 findings_drop(struct findings *, size_t first,
		    const unsigned char *drop);
/* Count findings by severity into counts[SEV__MAX]. */
void		 findings_tally(const struct findings *, unsigned *counts);

/* The run's summary line, "N errors, N warnings in N files" (", N infos"
 * before " in" when there are any), into b without a newline. */
void		 diag_summary(struct buf *, const unsigned *tally,
		    size_t nfiles);

/* The one text printer: "file:line:col: severity: message [rule]\n". */
void		 diag_text(struct buf *, const struct finding *, int color);
/* As diag_text, with file, message and rule escaped for a terminal or a
 * CI log (esc_term): no control character, no new line, no leading
 * "::". The text output uses it. */
void		 diag_text_term(struct buf *, const struct finding *,
		    int color);
/* diag_text_term of v[0..n), in order: the text output of a file. */
void		 diag_text_term_all(struct buf *, const struct finding *v,
		    size_t n, int color);

/*
 * Tool diagnostics: errors about files, configs and usage, never about
 * checklist content. Printed to stderr as "file:line:col: error: message"
 * (position parts omitted when 0 / NULL) and counted so that main() can
 * exit 2.
 */
void		 diag_error(const char *file, int line, int col,
		    const char *fmt, ...)
		    __attribute__((format(printf, 4, 5)));
void		 diag_warn(const char *file, int line, int col,
		    const char *fmt, ...)
		    __attribute__((format(printf, 4, 5)));
unsigned	 diag_errors(void);	/* number of diag_error calls */
/* Tests and fuzzers: send tool diagnostics to a callback instead. */
void		 diag_set_sink(void (*)(const char *line, void *), void *);

#endif
