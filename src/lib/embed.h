/* embed.h: shipped rule sets and templates, compiled into the binary by
 * tools/embed.c so that ticklist works with nothing installed. */
#ifndef TICKLIST_EMBED_H
#define TICKLIST_EMBED_H

#include <stddef.h>

struct embedded {
	const char	*name;		/* file name without directory */
	const char	*data;		/* NUL-terminated */
	size_t		 len;
};

/* Each array ends with a {NULL, NULL, 0} row. */
extern const struct embedded embedded_rules[];
extern const struct embedded embedded_templates[];

/* The row called name, or NULL. */
const struct embedded *embedded_find(const struct embedded *, const char *name);

#endif
