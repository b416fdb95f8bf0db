/* verdict.c: the one place that decides what a checklist's views show:
 * counts, percent, state, blockers, open items and sign-off. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "approvals.h"
#include "diag.h"
#include "model.h"
#include "verdict.h"
#include "xalloc.h"

const char *const verdict_state_names[VSTATE__MAX] = {
	"empty", "complete", "in-progress", "blocked"
};
const char *const verdict_state_labels[VSTATE__MAX] = {
	"no tasks", "complete", "in progress", "blocked"
};
const char *const verdict_signoff_names[SIGNOFF__MAX] = {
	"none", "unsigned", "partial", "signed"
};
const char *const verdict_signoff_labels[SIGNOFF__MAX] = {
	"no sign-off", "not signed", "partly signed", "signed"
};

/*
 * Tenths of a percent, rounded down: a list reads 100% only when it is
 * finished, and 1999 of 2000 reads 99.9%, never 100.0%. Integer arithmetic
 * so that every view, in every language, gets the same digits.
 */
int
verdict_permille(const struct counts *c)
{
	if (c->items == 0)
		return -1;
	return (int)((unsigned long long)c->checked * 1000u / c->items);
}

double
verdict_percent(int p)
{
	return p < 0 ? -1.0 : p / 10.0;
}

/* "99.9%", with ".0" dropped ("100%", "0%", "50%"), or "n/a". */
void
verdict_percent_text(char out[8], int p)
{
	char *o = out;

	if (p < 0) {
		memcpy(out, "n/a", 4);
		return;
	}
	if (p >= 1000)
		*o++ = '1';
	if (p >= 100)
		*o++ = (char)('0' + p / 100 % 10);
	*o++ = (char)('0' + p / 10 % 10);
	if (p % 10) {
		*o++ = '.';
		*o++ = (char)('0' + p % 10);
	}
	*o++ = '%';
	*o = '\0';
}

/*
 * Sign-off from the approvals model only (approvals.c): its entries
 * signed (name, date not in the future, box checked; never N/A) of
 * those required (not optional). A checklist without entries has no
 * sign-off, whatever "Label: value" lines it holds.
 */
static void
verdict_signoff(struct verdict_signoff *so, const struct checklist *cl)
{
	memset(so, 0, sizeof(*so));
	approvals_count(cl, &so->signed_n, &so->required);
	so->state = so->required == 0 ? SIGNOFF_NONE :
	    so->signed_n == so->required ? SIGNOFF_SIGNED :
	    so->signed_n > 0 ? SIGNOFF_PARTIAL : SIGNOFF_UNSIGNED;
}

void
verdict_make(struct verdict *v, const struct checklist *cl,
    const struct findings *fs, enum sev gate)
{
	size_t i, n = fs != NULL ? fs->n : 0;

	memset(v, 0, sizeof(*v));
	v->counts = cl->total;
	v->permille = verdict_permille(&v->counts);
	verdict_percent_text(v->percent_text, v->permille);
	v->open = v->counts.items - v->counts.checked;
	for (i = 0; i < n; i++) {
		v->tally[fs->v[i].sev]++;
		if (gate != SEV_OFF && fs->v[i].sev >= gate)
			v->nblockers++;
	}
	if (v->nblockers > 0) {
		size_t k = 0;
		v->blockers = xcalloc(v->nblockers, sizeof(*v->blockers));
		for (i = 0; i < n; i++)
			if (fs->v[i].sev >= gate)
				v->blockers[k++] = i;
	}
	v->state = v->nblockers > 0 ? VSTATE_BLOCKED :
	    v->counts.items == 0 ? VSTATE_EMPTY :
	    v->counts.checked == v->counts.items ? VSTATE_COMPLETE :
	    VSTATE_PROGRESS;
	verdict_signoff(&v->signoff, cl);
}

void
verdict_free(struct verdict *v)
{
	free(v->blockers);
	v->blockers = NULL;
	v->nblockers = 0;
}
