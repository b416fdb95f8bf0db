/* cmem.c: [parse] the arena behind cmark. Small blocks are bumped from
 * chunks; free() of a small block gives it back to the chunk when it is
 * the last block, else to a free list by size class that later
 * allocations take from first (cmark frees as it parses: without reuse
 * the arena held 27 bytes per input byte, a third more than malloc), and
 * realloc() grows the last block in place, which is what cmark's growing
 * string buffers do. Blocks of 32 KiB and
 * more are malloc'd and linked, so a 50 MB document's big buffers are
 * freed as soon as cmark frees them and peak memory stays that of cmark.
 * cmark's allocator has no context pointer, hence the thread-local arena.
 * Blocks are 8-byte aligned with an 8-byte header (cmark's nodes and
 * buffers hold nothing wider than a pointer): a node of 112 bytes takes
 * 120, a one-byte string 16; with 16 and 16 they took 128 and 32, and a
 * parse of a 15 KB checklist held 13% more. */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "cmem.h"
#include "xalloc.h"

#define CMEM_ALIGN	8
#define CMEM_CHUNK	(64 * 1024)
#define CMEM_BIG	(32 * 1024)

struct cmem_chunk {
	struct cmem_chunk	*next;
	size_t			 used, size;
	size_t			 pad_;
	/* data follows */
};

/* Header before every block: its usable bytes, a multiple of CMEM_ALIGN,
 * with CMEM_ISBIG set for a big block, which its struct cmem_big comes
 * before. */
struct cmem_hdr {
	size_t			 size;
};

#define CMEM_ISBIG	((size_t)1)

struct cmem_big {
	struct cmem_big		*prev, *next;
	struct cmem_hdr		 hdr;
};

/* The big block whose header is h. */
#define BIG(h)	((struct cmem_big *)(void *)((char *)(h) - \
		    offsetof(struct cmem_big, hdr)))

static _Thread_local struct cmem *cmem_cur;

#define HDR(p)	((struct cmem_hdr *)(void *)((char *)(p) - \
		    sizeof(struct cmem_hdr)))

static size_t
round_up(size_t n)
{
	return (n + CMEM_ALIGN - 1) & ~(size_t)(CMEM_ALIGN - 1);
}

/*
 * Size classes of the free lists: multiples of 8 up to CMEM_FINE, then
 * powers of two below CMEM_BIG. A small block's size is its class's size
 * when allocated (it may grow in place later); cmem_class_up(n) is the
 * class whose blocks all hold n bytes, cmem_class_down(size) the largest
 * class a block of size bytes can serve.
 */
#define CMEM_FINE	512
/* The classes of powers of two: 1024 is class CMEM_FINE / CMEM_ALIGN,
 * 2048 the next ... */
#define CMEM_POW2(b)	((unsigned)(b) + CMEM_FINE / CMEM_ALIGN - 10)
/* A small block is smaller than CMEM_CHUNK, 2^16 bytes: its class is at
 * most CMEM_POW2(15). */
_Static_assert(CMEM_POW2(15) < sizeof(((struct cmem *)0)->free) /
    sizeof(void *), "cmem.h: free[] has a list for every class");

/* The class of blocks that hold n bytes, and in *size their size. */
static unsigned
cmem_class_up(size_t n, size_t *size)
{
	unsigned b;

	if (n <= CMEM_FINE) {
		b = n ? (unsigned)((n - 1) / CMEM_ALIGN) : 0;
		*size = (size_t)(b + 1) * CMEM_ALIGN;
		return b;
	}
	b = (unsigned)(64 - __builtin_clzll((unsigned long long)n - 1));
	*size = (size_t)1 << b;
	return CMEM_POW2(b);
}

/* The largest class a block of size bytes (a multiple of 8) can serve. */
static unsigned
cmem_class_down(size_t size)
{
	if (size <= CMEM_FINE)
		return (unsigned)(size / CMEM_ALIGN) - 1;
	if (size < CMEM_FINE * 2)
		return CMEM_FINE / CMEM_ALIGN - 1;
	return CMEM_POW2(63 - __builtin_clzll((unsigned long long)size));
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
	b->hdr.size = n | CMEM_ISBIG;
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
	size_t size, need;
	unsigned k = cmem_class_up(n, &size);
	struct cmem_hdr *h;
	void *p;

	if ((p = m->free[k]) != NULL) {
		memcpy(&m->free[k], p, sizeof(void *));
		return p;
	}
	n = size;
	need = sizeof(struct cmem_hdr) + n;

	if (c == NULL || c->size - c->used < need) {
		if ((c = m->spare) != NULL)
			m->spare = c->next;
		else {
			c = xmalloc(sizeof(*c) + CMEM_CHUNK);
			c->size = CMEM_CHUNK;
		}
		c->used = 0;
		c->next = m->chunks;
		m->chunks = c;
	}
	h = (struct cmem_hdr *)(void *)((char *)(c + 1) + c->used);
	c->used += need;
	h->size = n;
	m->last = (char *)(h + 1);
	return h + 1;
}

static void *
cmem_alloc_slow(struct cmem *m, size_t n)
{
	if (n >= CMEM_BIG)
		return cmem_big_alloc(m, n);
	return cmem_small_alloc(m, n);
}

/* Most of cmark's allocations are small and fit the newest chunk or a
 * free list: that path is inline and has no call (cmark allocates a few
 * thousand times per 10 KB of input). Blocks as cmem_small_alloc makes
 * them. */
static inline void *
cmem_alloc(size_t n)
{
	struct cmem *m = cmem_cur;

	if (n - 1 < CMEM_FINE) {	/* 1 to CMEM_FINE bytes */
		unsigned k = (unsigned)((n - 1) / CMEM_ALIGN);
		size_t size = (size_t)(k + 1) * CMEM_ALIGN;
		struct cmem_chunk *c = m->chunks;
		struct cmem_hdr *h;
		void *p;

		if ((p = m->free[k]) != NULL) {
			memcpy(&m->free[k], p, sizeof(void *));
			return p;
		}
		if (c != NULL && c->size - c->used >= sizeof(*h) + size) {
			h = (struct cmem_hdr *)(void *)((char *)(c + 1) +
			    c->used);
			c->used += sizeof(*h) + size;
			h->size = size;
			m->last = (char *)(h + 1);
			return h + 1;
		}
	}
	return cmem_alloc_slow(m, n);
}

static void *
cmem_calloc(size_t nmemb, size_t size)
{
	size_t n;
	void *p;

	/* (No division: this runs for every node cmark makes.) */
	if (__builtin_mul_overflow(nmemb, size, &n))
		xmalloc(SIZE_MAX);	/* reports out of memory */
	p = cmem_alloc(n);
	memset(p, 0, n);
	return p;
}

static void
cmem_free(void *p)
{
	struct cmem *m = cmem_cur;
	struct cmem_hdr *h;
	unsigned k;

	if (p == NULL)
		return;
	h = HDR(p);
	if (h->size & CMEM_ISBIG) {
		cmem_big_unlink(m, BIG(h));
		free(BIG(h));
		return;
	}
	if ((char *)p == m->last) {
		/* Give the last block back to its chunk. */
		m->chunks->used -= sizeof(*h) + h->size;
		m->last = NULL;
		return;
	}
	/* Else to the free list of its class, for the next allocation of
	 * that size: cmark frees buffers (block contents once inlines are
	 * parsed, grown string buffers) as it goes. */
	k = cmem_class_down(h->size);
	memcpy(p, &m->free[k], sizeof(void *));
	m->free[k] = p;
}

/* cmem_realloc of a big block, or of a small one to more than it holds. */
static void *
cmem_realloc_grow(void *p, size_t n)
{
	struct cmem *m = cmem_cur;
	struct cmem_hdr *h = HDR(p);
	void *q;

	if (h->size & CMEM_ISBIG) {
		struct cmem_big *b = BIG(h), *nb;
		cmem_big_unlink(m, b);
		nb = xrealloc(b, sizeof(*nb) + (n ? n : 1));
		nb->prev = NULL;
		nb->next = m->bigs;
		if (m->bigs)
			m->bigs->prev = nb;
		m->bigs = nb;
		nb->hdr.size = n | CMEM_ISBIG;
		return nb + 1;
	}
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

/* cmark's string buffers start with realloc(NULL) and grow: the first and
 * any small one that still fits are inline. */
static void *
cmem_realloc(void *p, size_t n)
{
	if (p == NULL)
		return cmem_alloc(n);
	if ((HDR(p)->size & CMEM_ISBIG) == 0 && n <= HDR(p)->size)
		return p;
	return cmem_realloc_grow(p, n);
}

/*
 * Chunks are kept from one parse to the next on the same thread, up to
 * CMEM_KEEP of them: freeing them after every file made malloc give the
 * memory back to the system and fault it in again for the next (about 5%
 * of a run over many small files). They hang off a thread-specific key
 * whose destructor frees them when the thread ends; the main thread's
 * stay reachable until exit.
 */
#define CMEM_KEEP	8

static pthread_key_t cmem_key;
static pthread_once_t cmem_once = PTHREAD_ONCE_INIT;

static void
cmem_spare_free(void *p)
{
	struct cmem_chunk *c = p, *cn;

	for (; c != NULL; c = cn) {
		cn = c->next;
		free(c);
	}
}

static void
cmem_key_init(void)
{
	if (pthread_key_create(&cmem_key, cmem_spare_free) != 0)
		xmalloc(SIZE_MAX);	/* reports out of memory */
}

void
cmem_begin(struct cmem *m)
{
	memset(m, 0, sizeof(*m));
	pthread_once(&cmem_once, cmem_key_init);
	m->spare = pthread_getspecific(cmem_key);
	pthread_setspecific(cmem_key, NULL);
	cmem_cur = m;
}

void
cmem_end(struct cmem *m)
{
	struct cmem_chunk *c, *cn, *keep = m->spare;
	struct cmem_big *b, *bn;
	unsigned n = 0;

	for (c = keep; c != NULL; c = c->next)
		n++;
	for (c = m->chunks; c != NULL; c = cn) {
		cn = c->next;
		if (n < CMEM_KEEP && c->size == CMEM_CHUNK) {
			c->next = keep;
			keep = c;
			n++;
		} else
			free(c);
	}
	for (b = m->bigs; b != NULL; b = bn) {
		bn = b->next;
		free(b);
	}
	memset(m, 0, sizeof(*m));
	pthread_setspecific(cmem_key, keep);
	if (cmem_cur == m)
		cmem_cur = NULL;
}

static cmark_mem cmem_mem = { cmem_calloc, cmem_realloc, cmem_free };

void *
cmem_allocator(void)
{
	return &cmem_mem;
}
