/* value.h: a small JSON-like value tree (null, bool, number, string, array,
 * object). The report model handed to templates and JSON writers is one of
 * these; the Mustache engine reads it through const pointers only.
 * Any module may include it. */
#ifndef TICKLIST_VALUE_H
#define TICKLIST_VALUE_H

#include <stddef.h>

struct buf;

enum val_type {
	VAL_NULL,
	VAL_BOOL,
	VAL_INT,	/* printed as an integer */
	VAL_NUM,	/* printed with a fixed number of decimals */
	VAL_STR,
	VAL_ARR,
	VAL_OBJ,
	VAL__MAX
};

struct val;

/* Constructors: the returned value is owned by the caller until it is put
 * into an array or object, which then owns it. val_str copies its bytes. */
struct val	*val_null(void);
struct val	*val_bool(int);
struct val	*val_int(long long);
struct val	*val_num(double, int decimals);
struct val	*val_str(const char *, size_t);
struct val	*val_cstr(const char *);	/* NULL gives val_null() */
struct val	*val_arr(void);
struct val	*val_obj(void);

/* Append to an array; set (or replace) a key of an object (key is copied).
 * Keys keep their insertion order. Both return the added value. */
struct val	*val_push(struct val *arr, struct val *v);
struct val	*val_set(struct val *obj, const char *key, struct val *v);
void		 val_free(struct val *);

enum val_type	 val_type(const struct val *);
int		 val_boolv(const struct val *);	/* VAL_BOOL only */
long long	 val_intv(const struct val *);	/* VAL_INT, or VAL_NUM truncated */
double		 val_numv(const struct val *);	/* VAL_INT or VAL_NUM */
const char	*val_strv(const struct val *, size_t *len); /* VAL_STR */
size_t		 val_len(const struct val *);	/* array or object length */
const struct val *val_at(const struct val *, size_t);	/* array/object item */
const char	*val_key_at(const struct val *, size_t); /* object key */
const struct val *val_get(const struct val *obj, const char *key); /* or NULL */
/* Mustache truthiness: false for null, false, empty array, empty string
 * is truthy (spec); numbers are truthy (spec leaves 0 to the host: truthy). */
int		 val_truthy(const struct val *);

/* Plain text of a scalar as interpolation prints it (no escaping):
 * null -> "", bool -> "true"/"false", numbers as JSON prints them. */
void		 val_text(struct buf *, const struct val *);
/* Serialise as JSON. indent < 0: compact one line; else pretty with that
 * many spaces per level. */
void		 val_json(struct buf *, const struct val *, int indent);

#endif
