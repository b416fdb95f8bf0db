/* table.h: [parse] GFM table rows as cmark-gfm's table extension scans
 * them (extensions/table.c, ext_scanners.re). Pure functions on one line;
 * doc.c decides which lines of a paragraph they apply to. */
#ifndef TICKLIST_TABLE_H
#define TICKLIST_TABLE_H

#include <stddef.h>

/* One cell of a row: its bytes in the line, before trimming, and where
 * the pipe that ends it is (or the row's end). */
struct table_span {
	size_t	off, len;
	size_t	pipe;
};

/*
 * Split the row s[0..n) (no line ending; leading blanks already skipped)
 * into cells as cmark-gfm's row_from_string does: an optional leading
 * pipe, cells separated by pipes (\| does not separate), an optional
 * trailing pipe. Fills at most cap spans and returns the number of cells,
 * 0 when the line is no row (no cell at all, e.g. "|").
 */
size_t	table_row(const char *s, size_t n, struct table_span *cells,
	    size_t cap);
/* Is s[0..n) a delimiter row (scan_table_start): optional pipes around
 * cells of blanks, an optional ':', one or more '-', an optional ':',
 * blanks? */
int	table_delim(const char *s, size_t n);
/* The alignment of delimiter cell s[0..n): 'l', 'c', 'r' or 0. */
char	table_align(const char *s, size_t n);

#endif
