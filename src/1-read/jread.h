/* jread.h: [report] a small strict JSON reader (RFC 8259) into a value
 * tree, for reading earlier report.json files (--baseline, --history,
 * --merge). report_diff.c and report_merge.c include it. */
#ifndef TICKLIST_JREAD_H
#define TICKLIST_JREAD_H

#include <stddef.h>

struct val;

#define JREAD_MAX_DEPTH	64	/* nesting of arrays and objects */

/*
 * Parse the n bytes at s (file names it in messages) as one JSON value:
 * no comments, no trailing commas, no duplicate keys, strings valid UTF-8
 * with valid escapes (surrogates paired), numbers as JSON writes them
 * (integers to VAL_INT when they fit, others VAL_NUM), nothing but
 * whitespace after the value, at most JREAD_MAX_DEPTH levels deep.
 * Returns the tree (the caller frees it with val_free), or NULL after a
 * diag_error at file:line:col.
 */
struct val	*jread(const char *file, const char *s, size_t n);
/* Read file (at most max bytes; 0: no limit) and parse it with jread. */
struct val	*jread_file(const char *file, size_t max);

#endif
