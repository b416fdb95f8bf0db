/* cmem.h: [parse] a per-parse arena behind cmark's allocator, so a parse
 * costs a few chunk allocations instead of one malloc/free per node and
 * buffer (45% of a bare cmark parse is malloc/free). doc.c includes it. */
#ifndef TICKLIST_CMEM_H
#define TICKLIST_CMEM_H

#include <stddef.h>

struct cmem_chunk;
struct cmem_big;

struct cmem {
	struct cmem_chunk	*chunks;	/* newest first */
	struct cmem_big		*bigs;		/* large blocks, malloc'd */
	char			*last;		/* last small block, to grow
						   or give back in place */
	struct cmem_chunk	*spare;		/* kept from earlier parses */
	void			*free[70];	/* freed small blocks by size
						   class (cmem.c), linked
						   through their first bytes */
};

/* Make m the arena of this thread's cmark allocations until cmem_end(). */
void	 cmem_begin(struct cmem *m);
/* Release everything allocated since cmem_begin(m). */
void	 cmem_end(struct cmem *m);
/* The allocator to pass to cmark_parser_new_with_mem(); its functions use
 * the arena of the calling thread. Returns a struct cmark_mem *. */
void	*cmem_allocator(void);

#endif
