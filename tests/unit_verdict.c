/* unit_verdict.c: the verdict layer's rules, one case a line: percent
 * rounding (never 100% before the last item), percent text, state and
 * blockers, and sign-off taken from the sign-off block only.
 * Prints "ok NAME" / "not ok NAME" per case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "doc.h"
#include "model.h"
#include "verdict.h"

static int failed;

static void
ok(int cond, const char *name)
{
	printf("%sok verdict/%s\n", cond ? "" : "not ", name);
	failed |= !cond;
}

static void
pct(unsigned items, unsigned checked, int want, const char *text,
    const char *name)
{
	struct counts c = { items, checked, 0 };
	char t[8];
	int p = verdict_permille(&c);

	verdict_percent_text(t, p);
	if (p != want || strcmp(t, text) != 0)
		printf("# %s: %u/%u gave %d \"%s\", want %d \"%s\"\n", name,
		    checked, items, p, t, want, text);
	ok(p == want && strcmp(t, text) == 0, name);
}

/* Parse src as a checklist named name; the caller frees it. */
static struct checklist *
parse(const char *src)
{
	return doc_parse("t.md", src, strlen(src));
}

int
main(void)
{
	struct checklist *cl;
	struct findings fs = {0};
	struct verdict v;

	pct(2000, 1999, 999, "99.9%", "1999-of-2000-is-99.9");
	pct(2000, 2000, 1000, "100%", "all-is-100");
	pct(3, 2, 666, "66.6%", "two-thirds-rounds-down");
	pct(16, 7, 437, "43.7%", "7-of-16");
	pct(2, 1, 500, "50%", "half-drops-zero-decimal");
	pct(7, 0, 0, "0%", "none-is-0");
	pct(0, 0, -1, "n/a", "no-items-is-na");
	pct(4000000000u, 3999999999u, 999, "99.9%", "no-overflow");

	cl = parse("# T\n\n- [x] a\n- [ ] b\n");
	verdict_make(&v, cl, NULL, SEV_ERROR);
	ok(v.state == VSTATE_PROGRESS && v.open == 1, "open-is-in-progress");
	verdict_free(&v);
	findings_add(&fs, "t.md", 3, 1, 3, 1, SEV_WARNING, "w", "warn");
	verdict_make(&v, cl, &fs, SEV_ERROR);
	ok(v.state == VSTATE_PROGRESS && v.nblockers == 0,
	    "warning-does-not-block");
	verdict_free(&v);
	findings_add(&fs, "t.md", 4, 1, 4, 1, SEV_ERROR, "e", "err");
	verdict_make(&v, cl, &fs, SEV_ERROR);
	ok(v.state == VSTATE_BLOCKED && v.nblockers == 1 &&
	    v.blockers[0] == 1, "error-blocks-with-its-finding");
	verdict_free(&v);
	findings_clear(&fs);
	checklist_free(cl);

	cl = parse("# T\n\n- [x] a\n- [X] b\n- [-] c\n");
	verdict_make(&v, cl, NULL, SEV_ERROR);
	ok(v.state == VSTATE_COMPLETE && v.permille == 1000,
	    "all-checked-is-complete");
	verdict_free(&v);
	checklist_free(cl);

	cl = parse("# T\n\nJust prose.\n");
	verdict_make(&v, cl, NULL, SEV_ERROR);
	ok(v.state == VSTATE_EMPTY && v.permille == -1, "no-items-is-empty");
	verdict_free(&v);
	checklist_free(cl);

	/* Fields outside a sign-off block never sign a checklist. */
	cl = parse("# T\n\n- [x] a\n\nError Rate: Should remain < 1%\n\n"
	    "Username: superadmin\n");
	verdict_make(&v, cl, NULL, SEV_ERROR);
	ok(v.signoff.state == SIGNOFF_NONE && v.signoff.required == 0,
	    "fields-elsewhere-are-not-sign-off");
	verdict_free(&v);
	checklist_free(cl);

	cl = parse("# T\n\n- [x] a\n\n## Sign-off\n\n- [ ] Security lead\n"
	    "- [x] Release manager\n");
	verdict_make(&v, cl, NULL, SEV_ERROR);
	ok(v.signoff.state == SIGNOFF_PARTIAL && v.signoff.signed_n == 1 &&
	    v.signoff.required == 2, "open-approval-is-partial");
	verdict_free(&v);
	checklist_free(cl);

	cl = parse("# T\n\n## Approvals\n\n- [-] Security lead approval\n");
	verdict_make(&v, cl, NULL, SEV_ERROR);
	ok(v.signoff.state == SIGNOFF_UNSIGNED, "na-approval-is-not-signed");
	verdict_free(&v);
	checklist_free(cl);
	return failed;
}
