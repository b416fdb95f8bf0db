/* xalloc.h: allocation wrappers that exit with a message on out-of-memory.
 * Any module may include it; nothing else checks allocations for NULL. */
#ifndef TICKLIST_XALLOC_H
#define TICKLIST_XALLOC_H

#include <stddef.h>

/* They never return NULL: telling the compiler so keeps it from warning
 * about a NULL it cannot see is impossible (-fsanitize builds). */
#if defined(__GNUC__)
#define XALLOC_NONNULL __attribute__((returns_nonnull))
#else
#define XALLOC_NONNULL
#endif

void *xmalloc(size_t n) XALLOC_NONNULL;
void *xcalloc(size_t nmemb, size_t size) XALLOC_NONNULL;
void *xrealloc(void *p, size_t n) XALLOC_NONNULL;
/* Grow an array of *cap elements of size sz so that it holds need elements
 * (p as it was when it already does: NULL for need 0). */
void *xgrow_to(void *p, size_t *cap, size_t need, size_t sz);
/* The check is inline: most calls find room (a model's arrays are asked
 * for one more row at a time). */
static inline void *
xgrow(void *p, size_t *cap, size_t need, size_t sz)
{
	return need <= *cap ? p : xgrow_to(p, cap, need, sz);
}
char *xstrdup(const char *s) XALLOC_NONNULL;
char *xstrndup(const char *s, size_t n) XALLOC_NONNULL;

#endif
