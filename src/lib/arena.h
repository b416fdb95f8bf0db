/* arena.h: a bump allocator per checklist; everything is freed at once.
 * Any module may include it. */
#ifndef TICKLIST_ARENA_H
#define TICKLIST_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk	*head;
};

void	*arena_alloc(struct arena *, size_t);
char	*arena_strndup(struct arena *, const char *, size_t);
void	 arena_free(struct arena *);
/* Forget everything allocated but keep one chunk for what comes next:
 * a scratch arena used over and over (one element of a lazy array at a
 * time, value.h) costs no malloc after the first. */
void	 arena_reset(struct arena *);

#endif
