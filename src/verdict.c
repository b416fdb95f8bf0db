/* verdict.c: the one place that decides what a checklist's views show:
 * counts, percent, state, blockers, open items and sign-off. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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
 * 1 if a title names a sign-off or approval block: "sign-off", "sign off",
 * "signoff" or "approv..." in any case. Interim: the approvals model
 * replaces this with the full list of languages and forms.
 */
static int
verdict_signoff_title(const char *t)
{
	for (const char *p = t; p != NULL && *p; p++) {
		if (strncasecmp(p, "approv", 6) == 0)
			return 1;
		if (strncasecmp(p, "sign", 4) == 0) {
			const char *q = p + 4;
			while (*q == ' ' || *q == '-' || *q == '\t')
				q++;
			if (strncasecmp(q, "off", 3) == 0)
				return 1;
		}
	}
	return 0;
}

/* 1 if section s or one of its ancestors is a sign-off block. */
static int
verdict_in_signoff(const struct checklist *cl, int s)
{
	for (int d = 0; s >= 0 && d < 8; d++, s = cl->sections[s].parent)
		if (verdict_signoff_title(cl->sections[s].title))
			return 1;
	return 0;
}

/*
 * Sign-off from the sign-off block only: its task items (signed when
 * checked; an N/A approval is never signed) and its fields outside task
 * items (signed when filled). A checklist without such a block has no
 * sign-off, whatever other "Label: value" lines it holds.
 */
static void
verdict_signoff(struct verdict_signoff *so, const struct checklist *cl)
{
	size_t i;

	memset(so, 0, sizeof(*so));
	for (i = 0; i < cl->nitems; i++) {
		const struct item *it = &cl->items[i];
		if (!verdict_in_signoff(cl, it->section))
			continue;
		so->required++;
		so->signed_n += it->state == ITEM_DONE;
	}
	for (i = 0; i < cl->nfields; i++) {
		const struct field *f = &cl->fields[i];
		if (f->item >= 0 || !verdict_in_signoff(cl, f->section))
			continue;
		so->required++;
		so->signed_n += f->filled != 0;
	}
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
