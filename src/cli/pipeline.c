/* pipeline.c: read -> parse -> check for one file, the stages every
 * checked command runs, and the one per-file loop that runs them on the
 * pool for lint, status and report; what a command makes of a checked
 * file stays with the command. Also which files are checklists: the
 * config's files: and ignore: globs, and for the rest their content. */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approvals.h"
#include "buf.h"
#include "check.h"
#include "cliopt.h"
#include "diag.h"
#include "doc.h"
#include "files.h"
#include "itemmeta.h"
#include "model.h"
#include "output.h"
#include "pipeline.h"
#include "pool.h"
#include "read.h"
#include "rules.h"
#include "xalloc.h"

/* Read, parse and, with rules, check path under the name name (see
 * pipeline_file_as); with sel, decide first whether it is a checklist
 * and which set applies. */
static struct checklist *
pipeline_run(const char *path, const char *name, size_t max,
    const struct rules *rules, struct pipeline_sel *sel, struct check_ctx *cc,
    struct findings *fs);

struct checklist *
pipeline_file(const char *path, size_t max, const struct rules *rules,
    struct check_ctx *cc, struct findings *fs)
{
	return pipeline_run(path, path, max, rules, NULL, cc, fs);
}

/* pipeline_file, reading path but naming the checklist and its findings
 * name (stdin read as --stdin-filename PATH). */
static struct checklist *
pipeline_file_as(const char *path, const char *name, size_t max,
    const struct rules *rules, struct check_ctx *cc, struct findings *fs)
{
	return pipeline_run(path, name, max, rules, NULL, cc, fs);
}

/* pipeline_file for a file as pipeline_select judged it: a file no
 * files: glob chose is a checklist when it has a task item or a sign-off
 * field, else it is skipped unchecked (sel->skipped); front matter
 * `ticklist: {ruleset: NAME}` picks the set to check with. */
static struct checklist *
pipeline_checklist(const char *path, size_t max, struct pipeline_sel *sel,
    struct check_ctx *cc, struct findings *fs)
{
	return pipeline_run(path, sel->name != NULL ? sel->name : path, max,
	    sel->rules, sel, cc, fs);
}

/* Does a field label name a sign-off or an approval? */
static int
pipeline_signoff_label(const char *l)
{
	static const char *const words[] = { "sign", "approv", "review",
	    "verified by", "checked by", "authori", "accepted by", "abnahme",
	    "freigabe", "\xe5\xae\xa1\xe6\x89\xb9" /* 审批 */,
	    "\xe7\xad\xbe" /* 签 */, "\xe6\x89\xbf\xe8\xaa\x8d" /* 承認 */,
	    "\xec\x8a\xb9\xec\x9d\xb8" /* 승인 */, NULL };
	char low[128];
	size_t n;

	if (l == NULL)
		return 0;
	for (n = 0; l[n] != '\0' && n < sizeof(low) - 1; n++)
		low[n] = (char)tolower((unsigned char)l[n]);
	low[n] = '\0';
	for (size_t i = 0; words[i] != NULL; i++)
		if (strstr(low, words[i]) != NULL)
			return 1;
	return 0;
}

/* A Markdown file is a checklist when it has a task item (open, checked
 * or N/A), a sign-off or approval field, or a sign-off entry of the
 * approvals model (a sign-off table: role, name, date). */
static int
pipeline_is_checklist(const struct checklist *cl)
{
	struct code_pos cp;

	memset(&cp, 0, sizeof(cp));
	if (cl->nitems > 0 || cl->napprovals > 0)
		return 1;
	for (size_t i = 0; i < cl->nfields; i++) {
		const struct field *f = &cl->fields[i];

		/* Markup left in a label ("See **Approved By") was read
		 * out of a code span: an example, not a field. */
		if (pipeline_signoff_label(f->label) &&
		    strpbrk(f->label, "*`") == NULL &&
		    !check_pos_in_code(cl, f->line, f->col, &cp))
			return 1;
	}
	return 0;
}

/* The set front matter names (`ticklist: {ruleset: NAME}` or
 * `ticklist: {ruleset: NAME}` in block style), or rs. NULL after an
 * error. */
static const struct rules *
pipeline_front_rules(const struct checklist *cl, const char *path,
    const struct rules *rs)
{
	for (size_t i = 0; i < cl->nmeta; i++) {
		const char *v = cl->meta[i].value, *p;
		char name[256];
		size_t n;

		if (strcmp(cl->meta[i].key, "ticklist") != 0 || v == NULL ||
		    (p = strstr(v, "ruleset:")) == NULL)
			continue;
		p += 8;
		while (*p == ' ' || *p == '"' || *p == '\'')
			p++;
		n = strcspn(p, " ,}\"'\n");
		if (n == 0 || n >= sizeof(name)) {
			diag_error(path, 0, 0, "front matter: ticklist: "
			    "{ruleset: NAME} needs a shipped name or a path");
			return NULL;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		return rules_named(rs, name, path);
	}
	return rs;
}

static struct checklist *
pipeline_run(const char *path, const char *name, size_t max,
    const struct rules *rules, struct pipeline_sel *sel, struct check_ctx *cc, struct findings *fs)
{
	struct input in;
	struct checklist *cl;
	int lean, signoff;

	if (read_input(path, max, &in) == -1)
		return NULL;
	cl = doc_parse(name, in.data, in.len);
	/* The sign-off model and the items' metadata, for the views; a
	 * lean command (lint) builds them only for the rules that read
	 * them (below), and the sign-off model to judge a file with no task
	 * item (pipeline_is_checklist). */
	lean = sel != NULL && sel->lean;
	if ((signoff = !lean || cl->nitems == 0))
		approvals_build(cl);
	if (!lean)
		itemmeta_attach(cl, ITEMMETA_ALL);
	if (sel != NULL) {
		sel->skipped = sel->verdict == RULES_AUTO &&
		    !pipeline_is_checklist(cl);
		sel->used = rules;
		if (rules != NULL && !sel->skipped &&
		    (rules = pipeline_front_rules(cl, name, rules)) == NULL) {
			checklist_free(cl);
			read_free(&in);
			return NULL;
		}
		sel->used = rules;
		if (sel->skipped || sel->judge_only)
			rules = NULL;
	}
	if (rules != NULL) {
		size_t first = fs->n;
		/* The file's effective severities, resolved before the
		 * check. */
		enum sev *sev = xcalloc(rules_count(rules) + 1, sizeof(*sev));
		rules_file_sev(rules, cl->file, sev);
		if (!signoff && rules_reads(rules, sev, RULE_READS_APPROVALS))
			approvals_build(cl);
		/* Waivers are every rule's; due dates alone are cheaper
		 * than owners and evidence. */
		if (lean)
			itemmeta_attach(cl, rules_reads(rules, sev,
			    RULE_READS_ITEMMETA) ? ITEMMETA_ALL :
			    ITEMMETA_DUE);
		check_run(cc, rules, sev, cl, fs);
		free(sev);
		/* Findings outlive the checklist: give them the caller's
		 * name. */
		for (size_t i = first; i < fs->n; i++)
			fs->v[i].file = name;
	}
	cl->src = NULL;
	cl->srclen = 0;
	read_free(&in);
	return cl;
}

int
pipeline_select(struct filelist *fl, struct rules_ctx *rc,
    const char *stdin_name, struct pipeline_sel **selp, size_t *left)
{
	struct pipeline_sel *sel = xcalloc(fl->n ? fl->n : 1, sizeof(*sel));
	size_t i, w = 0;
	int rc_ = 0;

	*left = 0;
	for (i = 0; i < fl->n; i++) {
		struct pipeline_sel s;
		struct buf b = {0};

		memset(&s, 0, sizeof(s));
		s.name = stdin_name != NULL && strcmp(fl->v[i], "-") == 0 ?
		    stdin_name : NULL;
		s.rules = rules_select(rc, s.name != NULL ? s.name : fl->v[i],
		    &s.verdict, &s.why);
		if (s.rules == NULL)
			rc_ = -1;
		if (s.verdict == RULES_IGNORED || s.verdict ==
		    RULES_UNSELECTED) {
			if (s.verdict == RULES_IGNORED)
				buf_printf(&b, "ignored by '%s' (ignore: in %s)",
				    s.why, rules_file(s.rules));
			else
				buf_printf(&b, "not in files: of %s",
				    rules_file(s.rules));
			if (fl->keep) {
				fl->left = xgrow(fl->left, &fl->leftcap,
				    fl->nleft + 1, sizeof(*fl->left));
				fl->left[fl->nleft].path = fl->v[i];
				fl->left[fl->nleft].why = xstrdup(buf_cstr(&b));
				fl->nleft++;
			} else
				free(fl->v[i]);
			buf_free(&b);
			(*left)++;
			continue;
		}
		fl->v[w] = fl->v[i];
		sel[w++] = s;
	}
	fl->n = w;
	*selp = sel;
	return rc_;
}

void
pipeline_skip_summary(size_t checklists, size_t skipped)
{
	fprintf(stderr, "%zu checklist%s, %zu other Markdown file%s skipped\n",
	    checklists, checklists == 1 ? "" : "s", skipped,
	    skipped == 1 ? "" : "s");
}

int
pipeline_paths(struct pipeline_front *f, const struct cliopt *c,
    const char *cmd, int argc, char *argv[], const char *out)
{
	memset(f, 0, sizeof(*f));
	if (argc == 0 && c->stdin_name != NULL)
		files_add(&f->fl, "-");	/* --stdin-filename alone reads stdin */
	else if (argc == 0) {
		diag_error(NULL, 0, 0, "no PATH given; try 'ticklist help %s'",
		    cmd);
		return -1;
	}
	f->fl.no_ignore = c->no_ignore;
	f->fl.keep = c->show_files;
	for (int k = 0; k < argc; k++)
		files_add(&f->fl, argv[k]);
	return output_check(out, f->fl.v, f->fl.n);
}

int
pipeline_configs(struct pipeline_front *f, const struct cliopt *c,
    int choose)
{
	if ((f->rc = rules_ctx_new(&c->ropts)) == NULL)
		return -1;
	/* Rules are resolved here, in order: discovery is cached and its
	 * errors print before any output. */
	if (choose && pipeline_select(&f->fl, f->rc, c->stdin_name, &f->sel,
	    &f->nleft) == -1)
		return 1;
	return 0;
}

/* The loop's state, shared by the workers and the in-order emit. */
struct pipeline_run {
	struct pipeline_front		*f;
	const struct pipeline_cmd	*cmd;
};

/* Item i's row: its own, or its slot of the ring. */
static struct pipeline_item *
pipeline_item_of(const struct pipeline_front *f, size_t i)
{
	return &f->item[i % f->nitem];
}

/* Fill in item i's row from the file list and the selection. */
static void
pipeline_item_init(struct pipeline_front *f, const struct pipeline_cmd *cmd,
    size_t i)
{
	struct pipeline_item *it = pipeline_item_of(f, i);

	it->path = f->fl.v[i];
	it->name = cmd->stdin_name != NULL && strcmp(it->path, "-") == 0 ?
	    cmd->stdin_name : it->path;
	it->state = PIPELINE_CHECKED;
	it->sel = NULL;
	it->rules = NULL;
	if (f->sel != NULL) {
		it->sel = &f->sel[i];
		if ((it->rules = f->sel[i].rules) == NULL)
			it->state = PIPELINE_NORULES;
	}
}

/* Free what an item's row still holds, leaving it empty. */
static void
pipeline_item_clear(struct pipeline_item *it)
{
	findings_clear(&it->fs);
	fix_result_free(&it->fx);
	buf_free(&it->out);
}

/* On a worker: read, parse and check item i (or fix it), then decide
 * what it is and hand it to the command. */
static void
pipeline_work(size_t i, struct check_ctx *cc, void *arg)
{
	struct pipeline_run *run = arg;
	const struct pipeline_cmd *c = run->cmd;
	struct pipeline_item *it;
	struct checklist *cl;

	if (!c->keep)
		pipeline_item_init(run->f, c, i);
	it = pipeline_item_of(run->f, i);
	if (it->state == PIPELINE_NORULES)
		return;
	if ((c->fix || c->diff) && it->sel != NULL &&
	    strcmp(it->path, "-") != 0) {
		/* A file is fixed only when it is a checklist, with the
		 * set its front matter may name. */
		it->sel->judge_only = 1;
		cl = pipeline_checklist(it->path, c->max_size, it->sel, cc,
		    &it->fs);
		if (cl != NULL && !it->sel->skipped) {
			checklist_free(cl);
			cl = fix_file(it->path, it->name, c->max_size,
			    it->sel->used, cc, &it->fs, c->diff, &it->fx);
		}
	} else if (c->fix || c->diff)
		/* stdin is read once: fixed with its config's set. */
		cl = fix_file(it->path, it->name, c->max_size, it->rules, cc,
		    &it->fs, c->diff, &it->fx);
	else if (it->sel != NULL) {
		it->sel->judge_only = !c->check;
		it->sel->lean = c->lean;
		cl = pipeline_checklist(it->path, c->max_size, it->sel, cc,
		    &it->fs);
	} else
		cl = pipeline_file_as(it->path, it->name, c->max_size,
		    c->check ? it->rules : NULL, cc, &it->fs);
	if (cl == NULL)
		it->state = PIPELINE_UNREADABLE;
	else if (it->sel != NULL && it->sel->skipped) {
		it->state = PIPELINE_SKIPPED;
		checklist_free(cl);
		return;
	}
	if (c->use == NULL || !c->use(it, i, cl, c->arg))
		checklist_free(cl);
}

/* In input order on the calling thread: count item i, then the
 * command's emit. */
static void
pipeline_emit(size_t i, void *arg)
{
	struct pipeline_run *run = arg;
	struct pipeline_front *f = run->f;
	struct pipeline_item *it = pipeline_item_of(f, i);

	switch (it->state) {
	case PIPELINE_CHECKED:
		f->nchecked++;
		findings_tally(&it->fs, f->tally);
		break;
	case PIPELINE_SKIPPED:
		f->nskipped++;
		break;
	default:
		f->ntrouble++;
		break;
	}
	if (run->cmd->emit != NULL)
		run->cmd->emit(it, i, run->cmd->arg);
	/* The slot goes to a later item. */
	if (!run->cmd->keep)
		pipeline_item_clear(it);
}

void
pipeline_loop(struct pipeline_front *f, const struct pipeline_cmd *cmd,
    int jobs)
{
	struct pipeline_run run = { f, cmd };

	/* Without keep, an item's row is needed only while it is in flight:
	 * a ring of the pool's window, filled in as each item starts. */
	f->nitem = cmd->keep ? (f->fl.n ? f->fl.n : 1) :
	    pool_window(f->fl.n, jobs);
	f->item = xcalloc(f->nitem, sizeof(*f->item));
	for (size_t i = 0; cmd->keep && i < f->fl.n; i++)
		pipeline_item_init(f, cmd, i);
	pool_run(f->fl.n, jobs, pipeline_work, pipeline_emit, &run);
}

void
pipeline_front_free(struct pipeline_front *f)
{
	for (size_t i = 0; f->item != NULL && i < f->nitem; i++)
		pipeline_item_clear(&f->item[i]);
	free(f->item);
	f->item = NULL;
	f->nitem = 0;
	free(f->sel);
	f->sel = NULL;
	rules_ctx_free(f->rc);
	f->rc = NULL;
	files_free(&f->fl);
}
