/* cmem.c: [parse] the arena behind cmark. Small blocks are bumped from
 * chunks; free() of a small block is a no-op unless it is the last block
 * (then its space is reused), and realloc() grows the last block in place,
 * which is what cmark's growing string buffers do. Blocks of 32 KiB and
 * more are malloc'd and linked, so a 50 MB document's big buffers are
 * freed as soon as cmark frees them and peak memory stays that of cmark.
 * cmark's allocator has no context pointer, hence the thread-local arena. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "cmem.h"
#include "xalloc.h"

#define CMEM_ALIGN	16
#define CMEM_CHUNK	(256 * 1024)
#define CMEM_BIG	(32 * 1024)

struct cmem_chunk {
	struct cmem_chunk	*next;
	size_t			 used, size;
	size_t			 pad_;
	/* data follows */
};

/* Header before every block; big blocks are linked through it. */
struct cmem_hdr {
	size_t			 size;	/* usable bytes */
	struct cmem_big		*big;	/* non-NULL for big blocks */
};

struct cmem_big {
	struct cmem_big		*prev, *next;
	struct cmem_hdr		 hdr;
};

static _Thread_local struct cmem *cmem_cur;

#define HDR(p)	((struct cmem_hdr *)(void *)((char *)(p) - \
		    sizeof(struct cmem_hdr)))

static size_t
round_up(size_t n)
{
	return (n + CMEM_ALIGN - 1) & ~(size_t)(CMEM_ALIGN - 1);
}

static void *
cmem_big_alloc(struct cmem *m, size_t n)
{
	struct cmem_big *b = xmalloc(sizeof(*b) + n);

	b->prev = NULL;
	b->next = m->bigs;
	if (m->bigs)
		m->bigs->prev = b;
	m->bigs = b;
	b->hdr.size = n;
	b->hdr.big = b;
	return b + 1;
}

static void
cmem_big_unlink(struct cmem *m, struct cmem_big *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		m->bigs = b->next;
	if (b->next)
		b->next->prev = b->prev;
}

static void *
cmem_small_alloc(struct cmem *m, size_t n)
{
	struct cmem_chunk *c = m->chunks;
	size_t need = sizeof(struct cmem_hdr) + round_up(n);
	struct cmem_hdr *h;

	if (c == NULL || c->size - c->used < need) {
		c = xmalloc(sizeof(*c) + CMEM_CHUNK);
		c->size = CMEM_CHUNK;
		c->used = 0;
		c->next = m->chunks;
		m->chunks = c;
	}
	h = (struct cmem_hdr *)(void *)((char *)(c + 1) + c->used);
	c->used += need;
	h->size = round_up(n);
	h->big = NULL;
	m->last = (char *)(h + 1);
	return h + 1;
}

static void *
cmem_alloc(size_t n)
{
	struct cmem *m = cmem_cur;

	if (n >= CMEM_BIG)
		return cmem_big_alloc(m, n);
	return cmem_small_alloc(m, n);
}

static void *
cmem_calloc(size_t nmemb, size_t size)
{
	size_t n;
	void *p;

	if (size && nmemb > SIZE_MAX / size)
		xmalloc(SIZE_MAX);	/* reports out of memory */
	n = nmemb * size;
	p = cmem_alloc(n);
	memset(p, 0, n);
	return p;
}

static void
cmem_free(void *p)
{
	struct cmem *m = cmem_cur;
	struct cmem_hdr *h;

	if (p == NULL)
		return;
	h = HDR(p);
	if (h->big != NULL) {
		cmem_big_unlink(m, h->big);
		free(h->big);
		return;
	}
	if ((char *)p == m->last) {
		/* Give the last block back to its chunk. */
		m->chunks->used -= sizeof(*h) + h->size;
		m->last = NULL;
	}
}

static void *
cmem_realloc(void *p, size_t n)
{
	struct cmem *m = cmem_cur;
	struct cmem_hdr *h;
	void *q;

	if (p == NULL)
		return cmem_alloc(n);
	h = HDR(p);
	if (h->big != NULL) {
		struct cmem_big *b = h->big, *nb;
		cmem_big_unlink(m, b);
		nb = xrealloc(b, sizeof(*nb) + (n ? n : 1));
		nb->prev = NULL;
		nb->next = m->bigs;
		if (m->bigs)
			m->bigs->prev = nb;
		m->bigs = nb;
		nb->hdr.size = n;
		nb->hdr.big = nb;
		return nb + 1;
	}
	if (n <= h->size)
		return p;
	if ((char *)p == m->last && n < CMEM_BIG) {
		struct cmem_chunk *c = m->chunks;
		size_t extra = round_up(n) - h->size;
		if (c->size - c->used >= extra) {
			c->used += extra;
			h->size = round_up(n);
			return p;
		}
	}
	q = cmem_alloc(n);
	memcpy(q, p, h->size);
	cmem_free(p);
	return q;
}

void
cmem_begin(struct cmem *m)
{
	memset(m, 0, sizeof(*m));
	cmem_cur = m;
}

void
cmem_end(struct cmem *m)
{
	struct cmem_chunk *c, *cn;
	struct cmem_big *b, *bn;

	for (c = m->chunks; c != NULL; c = cn) {
		cn = c->next;
		free(c);
	}
	for (b = m->bigs; b != NULL; b = bn) {
		bn = b->next;
		free(b);
	}
	memset(m, 0, sizeof(*m));
	if (cmem_cur == m)
		cmem_cur = NULL;
}

static cmark_mem cmem_mem = { cmem_calloc, cmem_realloc, cmem_free };

void *
cmem_allocator(void)
{
	return &cmem_mem;
}
