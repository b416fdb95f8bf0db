/* buf.h: one growable byte buffer; renderers write into it and one place
 * writes it out. Any module may include it. */
#ifndef TICKLIST_BUF_H
#define TICKLIST_BUF_H

#include <stddef.h>

struct buf {
	char	*data;	/* owned; always NUL-terminated when size > 0 */
	size_t	 len;
	size_t	 cap;
};

/* A non-owning view into memory that outlives the slice's use. */
struct slice {
	const char	*p;
	size_t		 n;
};

void	buf_put(struct buf *, const char *, size_t);
/* buf_put, inline when p[0..n) fits: for hot paths of many small
 * appends, where the call cost more than the copy. */
static inline void
buf_append(struct buf *b, const char *p, size_t n)
{
	if (b->len + n < b->cap) {
		__builtin_memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else
		buf_put(b, p, n);
}
void	buf_puts(struct buf *, const char *);
void	buf_putc(struct buf *, int);
void	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_reset(struct buf *);	/* len = 0, keeps memory */
void	buf_free(struct buf *);
/* Returns the contents as a NUL-terminated string (never NULL). */
const char *buf_cstr(struct buf *);

#endif
