/* pipeline.h: the per-file front of the pipeline, read -> parse -> check,
 * shared by the commands that need a checked model (lint, status,
 * report), the choice of which files are checklists (files:, ignore:,
 * content), and the one per-file loop they run on the pool. main.c and
 * report_cmd.c include it. */
#ifndef TICKLIST_PIPELINE_H
#define TICKLIST_PIPELINE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "files.h"
#include "fix.h"
#include "ticklist.h"

struct check_ctx;
struct cliopt;
struct checklist;
struct filelist;
struct findings;
struct rules;
struct rules_ctx;

/*
 * Read path ("-" is stdin; max is the size limit in bytes, 0 none), parse
 * it, and when rules is not NULL run the checks, appending the findings
 * to fs with their file set to path (which must outlive them). The source
 * is released before returning (cl->src is NULL). Returns the checklist,
 * owned by the caller (checklist_free), or NULL after a diag_error naming
 * the file. The commands go through pipeline_loop; this is the same
 * stages for one file outside it (unit tests).
 */
struct checklist	*pipeline_file(const char *path, size_t max,
			    const struct rules *rules, struct check_ctx *cc,
			    struct findings *fs);

/* What pipeline_select decided for one file and the per-file loop then
 * found in it. */
struct pipeline_sel {
	const struct rules	*rules;		/* the config's set for it */
	const char		*name;		/* stdin's --stdin-filename, or
						   NULL: the path */
	int			 verdict;	/* RULES_AUTO or RULES_SELECTED */
	const char		*why;		/* the files: glob, or NULL */
	int			 judge_only;	/* in: parse and decide, no
						   checks (status,
						   --show-files) */
	int			 lean;		/* in: pipeline_cmd's */
	int			 skipped;	/* out: not a checklist */
	const struct rules	*used;		/* out: the set checked with
						   (front matter may name
						   another) */
};

/* The set and verdict of each path of fl (rules_select; "-" is judged
 * as stdin_name when that is not NULL, --stdin-filename): paths that
 * ignore: matches, or that files: does not select, leave fl (into
 * fl->left with the reason when fl->keep is set) and are counted in
 * *left. sel gets one row per remaining path, in order (the caller frees
 * it). -1 after a diag_error about a config (exit 2), else 0. */
int	pipeline_select(struct filelist *fl, struct rules_ctx *rc,
	    const char *stdin_name, struct pipeline_sel **sel, size_t *left);

/* What became of one input in the per-file loop. */
enum pipeline_state {
	PIPELINE_CHECKED,	/* read, parsed and checked (status: judged) */
	PIPELINE_SKIPPED,	/* not a checklist: left unchecked */
	PIPELINE_UNREADABLE,	/* could not be read (a diag_error said why) */
	PIPELINE_NORULES	/* its config failed to load: not read */
};

/* One input of the loop, in the order of fl: what the worker found. With
 * pipeline_cmd.keep it is kept until pipeline_front_free (a command's
 * emit may release it sooner); else its slot is taken by a later input
 * once its emit has returned (pipeline_loop). */
struct pipeline_item {
	const char		*path;		/* read; "-" is stdin */
	const char		*name;		/* reported: --stdin-filename
						   for stdin, else path */
	struct pipeline_sel	*sel;		/* NULL: no selection (tree) */
	const struct rules	*rules;		/* the config's set, or NULL */
	enum pipeline_state	 state;
	struct findings		 fs;		/* CHECKED: what the check found */
	struct fix_result	 fx;		/* --fix, --diff */
	struct buf		 out;		/* what the command's use made of
						   it on the worker */
};

/* The front every command that reads checklists starts with: the PATHs
 * walked, their configs and which files are checklists; then the loop's
 * items. */
struct pipeline_front {
	struct filelist		 fl;
	struct rules_ctx	*rc;
	struct pipeline_sel	*sel;		/* a row per path of fl, or
						   NULL: not chosen (tree) */
	size_t			 nleft;		/* left out by ignore:,
						   files: */
	struct pipeline_item	*item;		/* made by pipeline_loop: a
						   row per path of fl (keep),
						   else a ring of nitem */
	size_t			 nitem;
	/* Counted in input order by the loop, before each emit: */
	size_t			 nchecked;	/* CHECKED */
	size_t			 nskipped;	/* SKIPPED */
	size_t			 ntrouble;	/* UNREADABLE, NORULES */
	unsigned		 tally[SEV__MAX];	/* findings of CHECKED
							   files by severity */
};

struct checklist;
/* What one command does in the loop; the loop does the rest (read, parse,
 * check, which files are checklists, unreadable files, the counts). */
struct pipeline_cmd {
	int		 check;		/* run the rules (lint, report); 0:
					   parse and judge only (status) */
	int		 fix, diff;	/* lint --fix, --diff: fix_file */
	/* The command's views show findings only (lint): the sign-off
	 * model and the items' metadata are built only as far as the
	 * file's rules read them (rules_reads), the sign-off model also to
	 * judge a file without task items; else all of it for every
	 * file. */
	int		 lean;
	size_t		 max_size;	/* of an input; 0: no limit */
	const char	*stdin_name;	/* --stdin-filename, or NULL */
	int		 keep;		/* every item stays until
					   pipeline_front_free (report points
					   at their findings); 0: an item's
					   slot is reused after its emit,
					   which must have taken what it
					   wants from it */
	/* On a worker, for a CHECKED file (cl its checklist, findings in
	 * it->fs) and an UNREADABLE one (cl NULL): what the command makes of
	 * it (status text into it->out, a report page). Returns 1 when it
	 * keeps cl (to free it itself), else 0: the loop frees it. NULL:
	 * nothing (lint: the findings are in it->fs). */
	int		(*use)(struct pipeline_item *it, size_t i,
			    struct checklist *cl, void *arg);
	/* On the calling thread, in input order, after the counts: append
	 * the file's output. */
	void		(*emit)(struct pipeline_item *it, size_t i, void *arg);
	void		*arg;
};

/* The per-file loop of every command that reads checklists: on jobs
 * worker threads (pool.c; 0: one a CPU), read, parse and check each file
 * of f->fl with the set f->sel chose for it (or, with no selection, only
 * parse it), leave out what is not a checklist, note what could not be
 * read, hand the result to cmd->use and then, in input order, to
 * cmd->emit. */
void	pipeline_loop(struct pipeline_front *f, const struct pipeline_cmd *cmd,
	    int jobs);

/* Walk the PATHs argv[0..argc) into f->fl as c says (--no-ignore;
 * --show-files keeps what the walks leave out; none but --stdin-filename:
 * stdin) and refuse an out (-o FILE; NULL: none) that is one of them.
 * 0, or -1 after a diag_error (cmd names the command in the hint). */
int	pipeline_paths(struct pipeline_front *f, const struct cliopt *c,
	    const char *cmd, int argc, char *argv[], const char *out);
/* Then load the configs (c->ropts) and, when choose is set, decide which
 * files are checklists (pipeline_select). 0; 1 after a diag_error about
 * one file's config (the run goes on, to exit 2); -1 after one that ends
 * the run. */
int	pipeline_configs(struct pipeline_front *f, const struct cliopt *c,
	    int choose);
/* Free f, the loop's items with what they still hold included. */
void	pipeline_front_free(struct pipeline_front *f);

/* "3 checklists, 12 other Markdown files skipped" on stderr: the line
 * lint, status and report print when files were not checklists. */
void	pipeline_skip_summary(size_t checklists, size_t skipped);

#endif
