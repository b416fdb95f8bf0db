/* pipeline.h: the per-file front of the pipeline, read -> parse -> check,
 * shared by the commands that need a checked model (lint, report).
 * main.c and report_cmd.c include it. */
#ifndef TICKLIST_PIPELINE_H
#define TICKLIST_PIPELINE_H

#include <stddef.h>

struct check_ctx;
struct checklist;
struct findings;
struct rules;

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

#endif
