/* itemmeta.h: what an item's own text says about it -- an owner (@name,
 * Owner: name), a due date (due:2026-12-01, (due 2026-12-01), the
 * Obsidian Tasks form with a calendar emoji) and evidence (URLs, link
 * targets, #123, owner/repo#123, commit SHAs) -- and the waiver comments
 * of a checklist, both read from the source while the file is at hand
 * (itemmeta_attach, called by pipeline.c). Checks and the report model
 * include it; the dates they compare with are when_today() (when.h). */
#ifndef TICKLIST_ITEMMETA_H
#define TICKLIST_ITEMMETA_H

#include <stddef.h>

struct checklist;

/* One per task item, in cl->imeta[i]; strings live in the checklist's
 * arena. */
struct itemmeta {
	const char	 *owner;	/* "alice", "org/team", or NULL */
	const char	 *due;		/* "YYYY-MM-DD", or NULL */
	long		  due_ymd;	/* YYYYMMDD, 0 when none */
	const char	**evidence;	/* as written */
	size_t		  nevidence;
};

/* A ticklist-waive comment (or a -begin ... -end block) in cl->waivers. */
struct waiver {
	const char	*rules;		/* "placeholder" or "a, b": as written */
	int		 line;		/* of the comment */
	int		 first, last;	/* lines it covers; last < first when
					   it covers none */
	const char	*until;		/* "YYYY-MM-DD", or NULL */
	long		 until_ymd;	/* 0 when none or invalid */
	const char	*reason;	/* or NULL */
	const char	*problem;	/* why it is not a waiver, or NULL */
};

/* Fill cl->imeta (one per item) and cl->waivers from cl->src; nothing
 * when the source is gone. Idempotent. what: ITEMMETA_ALL, or
 * ITEMMETA_DUE when only due dates will be read (lint without a rule
 * that reads owners or evidence): an item whose source holds neither
 * "due" (in any case) nor the calendar emoji is then not scanned, so its
 * due date is the same (none) but its owner and evidence are left out. */
enum { ITEMMETA_ALL, ITEMMETA_DUE };
void	 itemmeta_attach(struct checklist *, int what);
/* Parse exactly "YYYY-MM-DD" at s[0..10) as YYYYMMDD: 1, or 0 if it is
 * no valid date. */
int	 itemmeta_date(const char *s, long *ymd);
/* 1 if the item text is an approval or sign-off (its own evidence). */
int	 itemmeta_is_approval(const char *text);
/* Case-insensitive: does s[0..n) start with lowercase w? */
int	 itemmeta_word(const char *s, size_t n, const char *w);
struct item;
/* The last source line of an item's first paragraph (its text). */
int	 itemmeta_item_end(const struct checklist *, const struct item *);
/* 1 if waiver w covers rule id on line. */
int	 itemmeta_waives(const struct waiver *, const char *id, int line);

#endif
