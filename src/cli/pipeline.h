/* pipeline.h: the per-file front of the pipeline, read -> parse -> check,
 * shared by the commands that need a checked model (lint, report), and
 * the choice of which files are checklists (files:, ignore:, content).
 * main.c and report_cmd.c include it. */
#ifndef TICKLIST_PIPELINE_H
#define TICKLIST_PIPELINE_H

#include <stddef.h>

#include "files.h"

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
 * the file.
 */
struct checklist	*pipeline_file(const char *path, size_t max,
			    const struct rules *rules, struct check_ctx *cc,
			    struct findings *fs);
/* The same, reading path but naming the checklist and its findings name
 * (stdin read as --stdin-filename PATH). */
struct checklist	*pipeline_file_as(const char *path, const char *name,
			    size_t max, const struct rules *rules,
			    struct check_ctx *cc, struct findings *fs);

/* What pipeline_select decided for one file and pipeline_checklist then
 * found in it. */
struct pipeline_sel {
	const struct rules	*rules;		/* the config's set for it */
	const char		*name;		/* stdin's --stdin-filename, or
						   NULL: the path */
	int			 verdict;	/* RULES_AUTO or RULES_SELECTED */
	const char		*why;		/* the files: glob, or NULL */
	int			 judge_only;	/* in: parse and decide, no
						   checks (--show-files) */
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

/* pipeline_file for a file as pipeline_select judged it: a file no
 * files: glob chose is a checklist when it has a task item or a sign-off
 * field, else it is skipped unchecked (sel->skipped); front matter
 * `ticklist: {ruleset: NAME}` picks the set to check with. */
struct checklist	*pipeline_checklist(const char *path, size_t max,
			    struct pipeline_sel *sel, struct check_ctx *cc,
			    struct findings *fs);

/* The front every command that reads checklists starts with: the PATHs
 * walked, their configs and which files are checklists. */
struct pipeline_front {
	struct filelist		 fl;
	struct rules_ctx	*rc;
	struct pipeline_sel	*sel;		/* a row per path of fl, or
						   NULL: not chosen (tree) */
	size_t			 nleft;		/* left out by ignore:,
						   files: */
};

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
void	pipeline_front_free(struct pipeline_front *f);

/* "3 checklists, 12 other Markdown files skipped" on stderr: the line
 * lint, status and report print when files were not checklists. */
void	pipeline_skip_summary(size_t checklists, size_t skipped);

#endif
