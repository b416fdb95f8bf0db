/* xalloc.h: allocation wrappers that exit with a message on out-of-memory.
 * Any module may include it; nothing else checks allocations for NULL. */
#ifndef TICKLIST_XALLOC_H
#define TICKLIST_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of *cap elements of size sz so that it holds need elements. */
void *xgrow(void *p, size_t *cap, size_t need, size_t sz);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
