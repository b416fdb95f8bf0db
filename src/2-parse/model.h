/* model.h: the checklist model, built once per file by the parser (doc.c)
 * and then read through const pointers by checks and every renderer.
 * Any module may include it.
 *
 * Ownership: a checklist owns everything it points to; strings live in its
 * arena and die with checklist_free(). Indices (int) refer into the
 * checklist's arrays; -1 means none. Lines and columns count from 1;
 * columns count Unicode code points, as an editor shows them.
 */
#ifndef TICKLIST_MODEL_H
#define TICKLIST_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"

enum item_state {
	ITEM_OPEN,	/* [ ] */
	ITEM_DONE,	/* [x] or [X] */
	ITEM_NA,	/* [-] or [~]: not applicable, counted apart */
	ITEM__MAX
};

/* items = open + done (what GitHub calls tasks); na apart. */
struct counts {
	unsigned	items;
	unsigned	checked;
	unsigned	na;
};

struct section {
	const char	*title;		/* plain text, inline markup flattened */
	int		 level;		/* 1-6 */
	int		 line, col;
	int		 end_line;	/* last line before the next heading of
					   the same or a higher level */
	int		 parent;	/* enclosing section or -1 */
	int		 first_child, next_sibling;
	int		 content;	/* blocks directly under the heading,
					   before any subsection */
	struct counts	 own;		/* items directly in this section */
	struct counts	 total;		/* own + all subsections */
};

/* Inline markup of an item's text (struct item.text), as cmark parsed
 * it: renderers make HTML of it (the model holds no HTML). */
enum span_kind {
	SPAN_CODE,	/* `code` */
	SPAN_EMPH,	/* *emphasis* */
	SPAN_STRONG,	/* **strong** */
	SPAN_LINK,	/* [text](url), <url>, a reference link */
	SPAN__MAX
};

/* A span covers text[start..end) of its item; an item's spans are in
 * start order (an enclosing span before what it encloses) and nest as
 * cmark's tree does. Images are text (their alt text), with no span, and
 * so is whatever is inside one. */
struct span {
	enum span_kind	 kind;
	int		 parent;	/* enclosing span (index in
					   checklist.spans) or -1 */
	size_t		 start, end;	/* byte offsets in the item's text */
	const char	*url;		/* SPAN_LINK: the destination as cmark
					   decoded it (entities and escapes
					   resolved, not yet checked or
					   escaped); else NULL */
};

struct item {
	enum item_state	 state;
	char		 mark;		/* the character in the box */
	const char	*text;		/* plain text after the box */
	size_t		 span0, nspan;	/* its spans: checklist.spans[span0..
					   span0 + nspan) */
	int		 line, col;	/* of the list marker */
	int		 box_col;	/* of '[' */
	int		 depth;		/* 0 for a top-level task item */
	int		 parent;	/* enclosing task item or -1 */
	int		 section;
	int		 block;		/* the BLOCK_ITEM block of its text */
	int		 quoted;	/* inside a blockquote */
};

struct field {
	const char	*label;
	const char	*value;		/* NULL when blank */
	int		 filled;
	int		 line, col;
	int		 section;
	int		 item;		/* task item it sits in, or -1 */
};

/* Text blocks as pattern rules see them: the plain text of a whole
 * heading, task item's first paragraph, paragraph, table, field value or
 * code block, with a map from text offsets back to source positions. */
enum block_kind {
	BLOCK_HEADING,
	BLOCK_ITEM,
	BLOCK_PARAGRAPH,
	BLOCK_TABLE,
	BLOCK_FIELD,
	BLOCK_CODE,
	BLOCK__MAX
};

/* A run of block text that starts at a known source position. */
struct seg {
	size_t	off;		/* offset in the block text */
	int	line;
	int	bcol;		/* byte column, from 1 */
};

/* Bytes a block's text holds (struct block, has), so that a check that
 * needs one passes over the blocks without it. */
#define BLOCK_HAS_COLON	0x1u	/* ':' (labels: stale-review) */
#define BLOCK_HAS_UNDER	0x2u	/* '_' (blanks: fields) */
#define BLOCK_HAS_LATIN	0x4u	/* 0xc3 to 0xc5, the first byte of
				   U+00C0 to U+017F (mojibake) */
#define BLOCK_HAS_SEP	0x8u	/* '-', '(' or 0xe2: with ':', what a
				   status or a mark after a task's text
				   starts with (box-contradicts-text) */

struct block {
	enum block_kind	 kind;
	const char	*text;
	size_t		 len;
	unsigned	 has;		/* BLOCK_HAS_* bits of text */
	int		 line, col;
	int		 section;
	int		 item;		/* BLOCK_ITEM: the item; else -1 */
	size_t		 seg0, nseg;	/* into checklist.segs */
};

/* Something the parser saw that checks may report. */
enum fact_kind {
	FACT_MALFORMED_BOX,	/* text: the box as written */
	FACT_INVALID_UTF8,
	FACT_DIRECTIVE,		/* ticklist-disable ... comment; text: ids */
	FACT__MAX
};

enum directive {
	DIR_DISABLE,
	DIR_ENABLE,
	DIR_DISABLE_NEXT_LINE,
	DIR_DISABLE_FILE,
	DIR_WAIVE,		/* ticklist-waive: text "RULE until DATE: why" */
	DIR_WAIVE_BEGIN,
	DIR_WAIVE_END,
	DIR__MAX
};

struct fact {
	enum fact_kind	 kind;
	enum directive	 dir;		/* FACT_DIRECTIVE */
	const char	*text;
	const char	*why;		/* FACT_MALFORMED_BOX: why GitHub shows
					   it as text, " (...)", or NULL */
	int		 line, col, end_col;
	int		 section;
};

/* A GFM table (as cmark-gfm's table extension finds it). */
struct table_cell {
	const char	*text;	/* plain text: trimmed, \| unescaped, inline
				   markup flattened; "" when empty or missing */
	int		 line, col;	/* where the cell's text starts (for an
					   empty/missing cell: the row's line,
					   col of its pipe or row end) */
};

struct table {
	int		 line, col, end_line;
	int		 section;	/* enclosing section or -1 */
	int		 ncols;		/* header cells */
	int		 nrows;		/* body rows (header not counted) */
	struct table_cell *cells;	/* (nrows + 1) * ncols, row-major,
					   row 0 = header */
	char		*align;		/* ncols: 'l', 'c', 'r' or 0 */
};

/* One sign-off entry (approvals.c): an approver's role, name, date,
 * decision and signature as written (NULL when absent or blank), where
 * it starts, and what made it signed or not. */
enum approval_from {
	APPROVAL_FIELDS,	/* label: value slots ("Name: ___ Date: ___") */
	APPROVAL_ITEM,		/* a task item naming a role */
	APPROVAL_TABLE,		/* a row of a sign-off table */
	APPROVAL__MAX
};

struct approval {
	enum approval_from	 from;
	const char	*role;
	const char	*name;
	const char	*date;
	const char	*decision;
	const char	*signature;
	int		 line, col;
	int		 section;
	int		 item;		/* its task item (the box), or -1 */
	int		 table, row;	/* APPROVAL_TABLE: table and row */
	int		 date_line, date_col;	/* of the date value, or 0 */
	unsigned	 has;		/* APPROVAL_HAS_* slots it has */
	unsigned	 ok;		/* APPROVAL_HAS_* slots filled well */
	int		 na;		/* marked N/A (box or value) */
	int		 optional;	/* "(optional)", "if applicable" */
	int		 is_signed;
};

#define APPROVAL_HAS_NAME	1u
#define APPROVAL_HAS_DATE	2u
#define APPROVAL_HAS_SIG	4u
#define APPROVAL_HAS_DECISION	8u
#define APPROVAL_HAS_BOX	16u
struct itemmeta;
struct waiver;

struct meta {
	const char	*key;
	const char	*value;		/* scalars as written; sequences joined
					   with ", "; nested maps as flow YAML */
};

struct checklist {
	const char	*file;		/* as given on the command line */
	const char	*title;
	int		 title_line;	/* 1 when the title is not a heading */
	int		 title_section;	/* the H1 used as title, or -1 */
	int		 error;		/* could not be read; see diagnostics */

	struct meta	*meta;	size_t nmeta;
	struct section	*sections; size_t nsections;
	struct item	*items;	size_t nitems;
	struct field	*fields; size_t nfields;
	struct block	*blocks; size_t nblocks;
	struct seg	*segs;	size_t nsegs;
	struct fact	*facts;	size_t nfacts;
	struct table	*tables; size_t ntables;
	struct span	*spans;	size_t nspans;	/* of all items */
	struct counts	 total;
	/* Sign-off entries and the items of after-release sections
	 * (approvals_build); arrays in the arena. */
	struct approval	*approvals; size_t napprovals;
	struct counts	 after_release;
	unsigned char	*after_sec;	/* per section: under an after-release
					   heading (approvals_after_section) */
	/* Owner, due date and evidence per item, and the waiver comments
	 * (itemmeta.h); NULL until itemmeta_attach(). */
	struct itemmeta	*imeta;
	struct waiver	*waivers; size_t nwaivers;

	/* The source while the file is being processed (checks use it to map
	 * byte columns); NULL after checklist_drop_source(). */
	const char	*src;
	size_t		 srclen;
	size_t		*lines;	size_t nlines;	/* byte offset of each line */
	size_t		*lend;	/* where each line's text ends (its LF,
				   CRLF or CR off); parser-private */
	/* A bit per line (line 1 is bit 0 of wide[0]) set when the line holds
	 * a byte >= 0x80; lines past nwide words hold none. On the others a
	 * byte column is the column in code points. */
	uint64_t	*wide;	size_t nwide;

	struct arena	 arena;
	size_t		 cap_[10];	/* capacities, parser-private */
};

/* Column in code points of byte column bcol (from 1) on line. */
int	 checklist_col(const struct checklist *, int line, int bcol);
/* Map an offset in a block's text to a source line and column. */
void	 checklist_block_pos(const struct checklist *, const struct block *,
	    size_t off, int *line, int *col);
/* Where a column count stopped on a line (zeroed before the first use):
 * positions asked in order along one line are then counted once in all,
 * not from the line's start each time. */
struct colmemo {
	int	 line;
	size_t	 i, cp;		/* bytes and code points counted */
};
int	 checklist_col_memo(const struct checklist *, int line, int bcol,
	    struct colmemo *);
void	 checklist_block_pos_memo(const struct checklist *,
	    const struct block *, size_t off, int *line, int *col,
	    struct colmemo *);
void	 checklist_free(struct checklist *);

#endif
