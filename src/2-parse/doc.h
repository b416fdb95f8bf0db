/* doc.h: [parse] Markdown -> checklist model. The only cmark.h user.
 * main.c, tests and fuzz targets include it. */
#ifndef TICKLIST_DOC_H
#define TICKLIST_DOC_H

#include <stddef.h>

struct checklist;

/*
 * Parse one checklist from data[0..len) as read from file (a UTF-8 BOM is
 * skipped; LF, CRLF and CR line endings). Never fails: invalid UTF-8,
 * malformed boxes and suppression comments become facts for the checks.
 * The checklist keeps pointers into data (cl->src) until the caller frees
 * data, so data must outlive the checks. The caller owns the result and
 * frees it with checklist_free().
 */
struct checklist	*doc_parse(const char *file, const char *data,
			    size_t len);
/* For tests: parse documents bigger than bytes a piece at a time, with
 * pieces of about that size (doc.c, doc_pieces); 0 restores the default
 * (64 KiB). Set it while one thread runs. */
void			 doc_set_piece(size_t bytes);
/* For tests: how many pieces the calling thread's last doc_parse used. */
size_t			 doc_pieces_last(void);
/* The version of libcmark in use, for --version. */
const char		*doc_cmark_version(void);

#endif
