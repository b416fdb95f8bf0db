/* arena.c: chunked bump allocation for the strings of one checklist;
 * strings are packed byte to byte, other blocks max_align_t aligned. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xalloc.h"

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 used, size;
	/* data follows, max_align_t aligned */
};

#define ARENA_CHUNK	(64 * 1024)
#define ARENA_ALIGN	(sizeof(max_align_t))

/* n bytes aligned to align (a power of two, at most ARENA_ALIGN). */
static void *
arena_take(struct arena *a, size_t n, size_t align)
{
	struct arena_chunk *c = a->head;
	size_t hdr = (sizeof(*c) + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	size_t at = c != NULL ? (c->used + align - 1) & ~(align - 1) : 0;

	if (c == NULL || c->size < at || c->size - at < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		c = xmalloc(hdr + size);
		c->size = size;
		c->used = 0;
		/* A big one-off allocation goes behind the current chunk so the
		 * current chunk's free space is not wasted. */
		if (a->head != NULL && n > ARENA_CHUNK) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
		at = 0;
	}
	c->used = at + n;
	return (char *)c + hdr + at;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return arena_take(a, n, ARENA_ALIGN);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	/* Strings need no alignment: a task's text "x" takes 2 bytes,
	 * not 16. */
	char *p = arena_take(a, n + 1, 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk *keep = a->head;

	if (keep == NULL)
		return;
	a->head = keep->next;
	arena_free(a);
	keep->next = NULL;
	keep->used = 0;
	a->head = keep;
}
