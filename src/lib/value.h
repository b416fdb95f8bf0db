/* value.h: a small JSON-like value tree (null, bool, number, string, array,
 * object). The report model handed to templates and JSON writers is one of
 * these; the Mustache engine reads it through const pointers only.
 * Any module may include it. */
#ifndef TICKLIST_VALUE_H
#define TICKLIST_VALUE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
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
/* Room for n entries in array or object c at once: in an arena, growing
 * one entry at a time leaves every smaller array behind, so a caller
 * that knows how many members an object gets says so first. */
void		 val_reserve(struct val *c, size_t n);
struct val	*val_set(struct val *obj, const char *key, struct val *v);
void		 val_free(struct val *);

/*
 * Trees in an arena, for the report model (thousands of values a page):
 * val_obj_in and val_arr_in make a container in arena a; the val_put_*
 * and val_push_* helpers make each new value where its container lives
 * (arena or heap). val_free of a value in an arena does nothing: the
 * arena's owner frees them all with arena_free. Never put a heap value
 * into an arena container (it would leak) nor an arena value into a heap
 * container that outlives the arena.
 */
struct val	*val_obj_in(struct arena *);
struct val	*val_arr_in(struct arena *);
/* Add key to obj with a new value and return the value. key must not be
 * in obj yet (not checked: building a page's model is one append per
 * member) and is not copied: it must outlive the tree (a literal).
 * val_put_strk copies key and replaces a member of that name, for keys
 * that come from data. Strings are copied; a NULL string gives null. */
/* The key's length and val_hash in one word (length << 32 | hash). The
 * val_put_* wrappers below compute it inline, so for a literal key the
 * compiler folds it to a constant: building a page's model names some
 * ten thousand keys, and measuring and hashing each at run time was a
 * tenth of the report's own cost. */
static inline uint64_t
val_keyhash(const char *key)
{
	size_t len = __builtin_strlen(key);
	uint32_t h = len == 0 ? 0 : (uint32_t)len ^
	    (uint32_t)(unsigned char)key[0] << 8 ^
	    (uint32_t)(unsigned char)key[len / 2] << 16 ^
	    (uint32_t)(unsigned char)key[len - 1] << 24;

	return (uint64_t)len << 32 | h;
}
struct val	*val_put_null_kh(struct val *, const char *, uint64_t);
struct val	*val_put_bool_kh(struct val *, const char *, uint64_t, int);
struct val	*val_put_int_kh(struct val *, const char *, uint64_t,
		    long long);
struct val	*val_put_num_kh(struct val *, const char *, uint64_t, double,
		    int);
struct val	*val_put_str_kh(struct val *, const char *, uint64_t,
		    const char *);
struct val	*val_put_obj_kh(struct val *, const char *, uint64_t);
struct val	*val_put_arr_kh(struct val *, const char *, uint64_t);
static inline struct val *
val_put_null(struct val *obj, const char *key)
{
	return val_put_null_kh(obj, key, val_keyhash(key));
}
static inline struct val *
val_put_bool(struct val *obj, const char *key, int b)
{
	return val_put_bool_kh(obj, key, val_keyhash(key), b);
}
static inline struct val *
val_put_int(struct val *obj, const char *key, long long i)
{
	return val_put_int_kh(obj, key, val_keyhash(key), i);
}
static inline struct val *
val_put_num(struct val *obj, const char *key, double d, int dec)
{
	return val_put_num_kh(obj, key, val_keyhash(key), d, dec);
}
static inline struct val *
val_put_str(struct val *obj, const char *key, const char *s)
{
	return val_put_str_kh(obj, key, val_keyhash(key), s);
}
/* val_put_str without the copy when obj is in an arena (a heap object
 * copies s): for strings that outlive the tree, such as literals and the
 * checklist's and its findings' text while its page's model lives. */
struct val	*val_put_sref_kh(struct val *, const char *, uint64_t,
		    const char *);
static inline struct val *
val_put_sref(struct val *obj, const char *key, const char *s)
{
	return val_put_sref_kh(obj, key, val_keyhash(key), s);
}
struct val	*val_put_strk(struct val *obj, const char *key, const char *);
static inline struct val *
val_put_obj(struct val *obj, const char *key)
{
	return val_put_obj_kh(obj, key, val_keyhash(key));
}
static inline struct val *
val_put_arr(struct val *obj, const char *key)
{
	return val_put_arr_kh(obj, key, val_keyhash(key));
}
/* Append a new empty object to an array and return it. */
struct val	*val_push_obj(struct val *arr);
/* Append a copy of string s (not NULL) to an array and return it. */
struct val	*val_push_str(struct val *arr, const char *s);
struct val	*val_push_int(struct val *arr, long long);
/*
 * Lazy arrays, for lists too long to hold whole (a report page's task
 * items and findings): an array of n elements that gen builds one at a
 * time, element i into arena a (a NULL: the heap, for a heap caller).
 * Put into an object in an arena, the array keeps gen and arg (which
 * must live as long as the arena) and builds elements when they are
 * read; put into a heap object, it is built whole at once. Readers
 * that walk long arrays take each element with val_elem into a scratch
 * arena they free after it; val_at of a lazy array builds the element
 * anew in the array's own arena on every call (correct, but it keeps
 * what it builds). val_copy_pruned copies the elements, built one at a
 * time. Returns the array.
 */
typedef struct val *(*val_gen)(struct arena *a, void *arg, size_t i);
struct val	*val_put_lazy(struct val *obj, const char *key, size_t n,
		    val_gen gen, void *arg);
/* Element i of array v: for a lazy array built in scratch (the caller
 * frees it), for any other the stored element. NULL if out of range. */
const struct val *val_elem(const struct val *v, size_t i,
		    struct arena *scratch);
/* The arg of lazy array v if gen builds its elements, else NULL: for a
 * reader that can write what gen would build without building it. */
void		*val_lazy_arg(const struct val *v, val_gen gen);
/* Is v a lazy array (its elements cost a build each time)? */
int		 val_is_lazy(const struct val *v);
/* A deep copy of v, leaving out every object member (at any depth) whose
 * key keep(key, arg) rejects (a NULL keep keeps them all), packed into one block: from arena a, or
 * (a NULL) from the heap, freed with val_free. */
struct val	*val_copy_pruned(const struct val *v, struct arena *a,
		    int (*keep)(const char *key, void *arg), void *arg);

enum val_type	 val_type(const struct val *);
int		 val_boolv(const struct val *);	/* VAL_BOOL only */
long long	 val_intv(const struct val *);	/* VAL_INT, or VAL_NUM truncated */
double		 val_numv(const struct val *);	/* VAL_INT or VAL_NUM */
const char	*val_strv(const struct val *, size_t *len); /* VAL_STR */
size_t		 val_len(const struct val *);	/* array or object length */
const struct val *val_at(const struct val *, size_t);	/* array/object item */
const char	*val_key_at(const struct val *, size_t); /* object key */
const struct val *val_get(const struct val *obj, const char *key); /* or NULL */
/* The hash objects index keys by, and val_get with a key hashed before
 * (templates hash their tag names once, when compiled). */
uint32_t	 val_hash(const char *key, size_t len);
const struct val *val_get_hashed(const struct val *obj, const char *key,
		    uint32_t hash);
/*
 * What one lookup learnt, for the next of the same name (a template tag
 * looks its name up in objects built alike, a page's task items say):
 * where the name was found and, when that key was not a copy (a literal
 * of val_put_*, never freed while a tree uses it), the key's pointer. A
 * later object holding that very pointer at that position has the key
 * there and is answered without a search; any other is searched and the
 * hint updated. Zeroed before the first use; the answer is val_get's.
 */
struct val_hint {
	const char	*key;
	uint32_t	 pos;
};
const struct val *val_get_hint(const struct val *obj, const char *key,
		    uint32_t hash, struct val_hint *hint);
/* val_get_hint in stack[n - 1], then in each context below it down to
 * stack[0], the first that has the key answering (Mustache's context
 * stack); NULL if none has it. */
const struct val *val_get_stack(const struct val *const *stack, size_t n,
		    const char *key, uint32_t hash, struct val_hint *hint);
/* Mustache truthiness: false for null, false, empty array, empty string
 * is truthy (spec); numbers are truthy (spec leaves 0 to the host: truthy). */
int		 val_truthy(const struct val *);

/* Plain text of a scalar as interpolation prints it (no escaping):
 * null -> "", bool -> "true"/"false", numbers as JSON prints them. */
void		 val_text(struct buf *, const struct val *);
/* The decimal digits of i, as val_text writes an integer. */
void		 val_text_int(struct buf *, long long i);
/* d as val_text writes a number with that many decimals (VAL_NUM). */
void		 val_text_num(struct buf *, double d, int decimals);
/* Serialise as JSON. indent < 0: compact one line; else pretty with that
 * many spaces per level. */
void		 val_json(struct buf *, const struct val *, int indent);
/* val_json of a value that sits depth levels deep in a pretty-printed
 * document (its members are indented for that depth). */
void		 val_json_at(struct buf *, const struct val *, int indent,
		    int depth);

#endif
