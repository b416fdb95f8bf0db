/* approvals.h: the sign-off of a checklist as a release manager means it:
 * who must approve (role), who did (name), when (date), with what
 * decision or signature, and whether that entry is signed. Built once
 * per file after parsing (pipeline.c), read by the signoff and
 * completion checks and by every view. Also the value judgements they
 * share: blank, placeholder, N/A, a date and today.
 */
#ifndef TICKLIST_APPROVALS_H
#define TICKLIST_APPROVALS_H

#include <stddef.h>

struct checklist;
struct section;

/*
 * Find the sign-off entries of cl (cl->approvals) and count the items of
 * after-release sections (cl->after_release). Entries come from sign-off
 * sections (sign-off, approval, authorisation, Go / No-Go, Abnahme, 审批,
 * 承認 ... in the languages the deployment ruleset knows): tables with a
 * role column and name, date, signature or decision columns (a row
 * each), groups of "Name: ___ Date: ___" fields, task items naming a
 * role ("- [ ] **QA Lead**: ___"); and anywhere, fields such as
 * "Approved by: ___" beside a date. Ordinary "Label: value" fields are
 * never entries. Call once, before the checks.
 */
void	approvals_build(struct checklist *cl);

/* The signed and required entries of cl: those not marked optional, or
 * all when every one is. */
void	approvals_count(const struct checklist *cl, unsigned *signed_n,
	    unsigned *required);

/* Is a section title one of a sign-off section? One of an after-release
 * phase (post-deployment, "within 1 week", "first month", follow-up)? */
int	approvals_signoff_title(const char *title);
int	approvals_after_title(const char *title);
/* Is section s (or an ancestor) after release by approvals_after_title? */
int	approvals_after_section(const struct checklist *cl, int s);

/* Value judgements on text as written (NULL counts as blank). */
int	approvals_blank(const char *v);		/* ___, -, TBD, empty */
int	approvals_placeholder(const char *v);	/* [Name], <date>, vX.Y.Z */
int	approvals_na(const char *v);		/* N/A, n/a, not applicable */
/* A name is written: not blank, placeholder or N/A, with a letter. */
int	approvals_name_filled(const char *v);

/* Parse a date: ISO 8601 (2025-01-31, with an optional time), YYYY/MM/DD,
 * a written date ("January 31, 2025", "31 Jan 2025", "31. Januar 2025",
 * 2025年1月31日, 2025년 1월 31일) or a numeric day/month/year that only
 * reads one way (31/01/2025). 1 with *ymd = YYYYMMDD when valid. */
int	approvals_date(const char *s, long *ymd);
/* Today as YYYYMMDD: the run's date (when.h: --today, SOURCE_DATE_EPOCH
 * or the clock). */
long	approvals_today(void);
/* Does a table header name a cell someone must fill in (Name, Date,
 * Signature, Owner, Result, Status)? */
int	approvals_form_header(const char *h);
/* Does a field label name a date ("Date", "Datum", "Release date")? */
int	approvals_date_label(const char *label);

#endif
