/* verdict.h: what every view shows about a checklist, computed once.
 *
 * The verdict sits between check and render: it reads a checked model and
 * its findings and decides counts, percent, state, blockers, open items and
 * sign-off. Status (text and JSON), report.json, the HTML pages,
 * summary.md, the badge and SARIF read these; none computes its own.
 * Any view may include it.
 */
#ifndef TICKLIST_VERDICT_H
#define TICKLIST_VERDICT_H

#include <stddef.h>

#include "model.h"
#include "ticklist.h"

struct findings;

/* The state of a checklist, most urgent last. */
enum vstate {
	VSTATE_EMPTY,		/* no task items and nothing blocking */
	VSTATE_COMPLETE,	/* every item checked (or N/A), not blocked */
	VSTATE_PROGRESS,	/* open items, not blocked */
	VSTATE_BLOCKED,		/* a finding at or above the gate severity */
	VSTATE__MAX
};

/* Sign-off of a checklist. */
enum signoff_state {
	SIGNOFF_NONE,		/* no sign-off block at all */
	SIGNOFF_UNSIGNED,	/* required entries, none signed */
	SIGNOFF_PARTIAL,	/* some signed */
	SIGNOFF_SIGNED,		/* every required entry signed */
	SIGNOFF__MAX
};

struct verdict_signoff {
	enum signoff_state	 state;
	unsigned		 signed_n;	/* entries signed */
	unsigned		 required;	/* entries required */
};

struct verdict {
	struct counts		 counts;	/* the whole checklist */
	/* Tenths of a percent checked, rounded down so that it reaches
	 * 1000 only when every item is checked (1999 of 2000 is 999); -1
	 * when there are no items. */
	int			 permille;
	char			 percent_text[8];	/* "99.9%" or "n/a" */
	unsigned		 open;		/* items - checked */
	enum vstate		 state;
	unsigned		 tally[SEV__MAX];	/* findings by severity */
	/* Indices into the checklist's findings of those that block it
	 * (severity at or above the gate), in order; owned. */
	size_t			*blockers;
	size_t			 nblockers;
	struct verdict_signoff	 signoff;
};

/*
 * Decide the verdict of cl with its findings fs (NULL: none). A finding of
 * severity gate or more blocks (SEV_ERROR by default; SEV_OFF: nothing
 * blocks). v is owned by the caller and released with verdict_free().
 */
void	verdict_make(struct verdict *v, const struct checklist *cl,
	    const struct findings *fs, enum sev gate);
void	verdict_free(struct verdict *v);

/* Tenths of a percent of c, rounded down; -1 when c has no items. */
int	verdict_permille(const struct counts *c);
/* "99.9%", "100%", "0%" or "n/a" into out[8] for permille p. */
void	verdict_percent_text(char out[8], int p);
/* The number p / 10 with one decimal as a double (for JSON), or -1. */
double	verdict_percent(int p);

/* State and sign-off names as JSON and the templates show them. */
extern const char *const verdict_state_names[VSTATE__MAX];
extern const char *const verdict_state_labels[VSTATE__MAX];
extern const char *const verdict_signoff_names[SIGNOFF__MAX];
extern const char *const verdict_signoff_labels[SIGNOFF__MAX];

#endif
