/* table.c: [parse] GFM table rows, scanned byte for byte as cmark-gfm
 * 0.29's table extension does. */
#include <string.h>

#include "table.h"

/* table_spacechar in ext_scanners.re. */
static int
table_space(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* scan_table_cell_end: a pipe and the blanks after it, or 0. */
static size_t
table_cell_end(const char *s, size_t n, size_t i)
{
	size_t j = i;

	if (j >= n || s[j] != '|')
		return 0;
	for (j++; j < n && table_space(s[j]); j++)
		;
	return j - i;
}

/* scan_table_cell: escaped pipes and anything but a pipe, or 0. */
static size_t
table_cell(const char *s, size_t n, size_t i)
{
	size_t j = i;

	while (j < n && s[j] != '|') {
		if (s[j] == '\\' && j + 1 < n && s[j + 1] == '|')
			j += 2;
		else
			j++;
	}
	return j - i;
}

size_t
table_row(const char *s, size_t n, struct table_span *cells, size_t cap)
{
	size_t off = table_cell_end(s, n, 0), ncells = 0;
	int more = 1;

	while (off < n && more) {
		size_t cm = table_cell(s, n, off);
		size_t pm = table_cell_end(s, n, off + cm);

		if (cm || pm) {
			if (ncells < cap) {
				cells[ncells].off = off;
				cells[ncells].len = cm;
				cells[ncells].pipe = off + cm;
			}
			ncells++;
		}
		off += cm + pm;
		more = pm != 0;
	}
	return off == n ? ncells : 0;
}

int
table_delim(const char *s, size_t n)
{
	size_t i = 0, e = n;

	/* Trailing blanks (before the line end) belong to no cell. */
	while (e > 0 && table_space(s[e - 1]))
		e--;
	if (i < e && s[i] == '|')
		i++;
	for (;;) {
		while (i < e && table_space(s[i]))
			i++;
		if (i < e && s[i] == ':')
			i++;
		if (i >= e || s[i] != '-')
			return 0;
		while (i < e && s[i] == '-')
			i++;
		if (i < e && s[i] == ':')
			i++;
		while (i < e && table_space(s[i]))
			i++;
		if (i >= e)
			return 1;
		if (s[i] != '|')
			return 0;
		i++;
		if (i >= e)
			return 1;	/* the trailing pipe */
	}
}

char
table_align(const char *s, size_t n)
{
	while (n > 0 && table_space(*s)) {
		s++;
		n--;
	}
	while (n > 0 && table_space(s[n - 1]))
		n--;
	if (n == 0)
		return 0;
	if (s[0] == ':' && s[n - 1] == ':' && n > 1)
		return 'c';
	if (s[0] == ':')
		return 'l';
	if (s[n - 1] == ':')
		return 'r';
	return 0;
}
