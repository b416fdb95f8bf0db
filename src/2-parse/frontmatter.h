/* frontmatter.h: [parse] the YAML front matter block of a checklist
 * (libyaml). doc.c includes it. */
#ifndef TICKLIST_FRONTMATTER_H
#define TICKLIST_FRONTMATTER_H

#include <stddef.h>

struct checklist;

/* Parse YAML text into cl->meta (strings in cl's arena). Returns 0 if the
 * text is a YAML mapping, else -1 with *line and *col (from 1, relative to
 * the text) and a static message in *err; nothing is added then.
 * Bounded for hostile input: the first 1000 keys are kept, a value is cut
 * at 64 KiB and all values together at 1 MiB, nesting is refused beyond
 * 64 levels ("front matter nested too deep"). */
int	frontmatter_parse(struct checklist *cl, const char *text, size_t len,
	    int *line, int *col, const char **err);
/* 1 if no sequence or mapping in the YAML text is nested more than max
 * deep, else 0 with *line and *col where the first one too deep starts.
 * Checked event by event, before a document is loaded, so the cost is
 * bounded by max whatever the input (front matter and rule files). */
int	frontmatter_depth_ok(const char *text, size_t len, int max, int *line,
	    int *col);

#endif
