/* value.c: the JSON-like tree behind report.json, status JSON and templates.
 * A value is one small struct; containers hold an array of entries (key,
 * key hash, value). Objects are searched by comparing hashes first, so a
 * template lookup costs a scan of 32-bit integers, not of strings. A tree
 * built for one report page lives in an arena and is freed all at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "esc.h"
#include "value.h"
#include "xalloc.h"

/* One member of an object or element of an array (key NULL). */
struct vent {
	const char	*key;
	struct val	*v;
	uint32_t	 hash;
	uint32_t	 kown;		/* key is a copy (heap: owned; arena:
					   copy it again when copying) */
};

struct val {
	unsigned char	 type;		/* enum val_type */
	unsigned char	 b;
	unsigned char	 inarena;
	int		 decimals;
	uint32_t	 n, cap;	/* containers */
	union {
		long long	 i;
		double		 d;
		struct {
			char	*p;
			size_t	 len;
		}		 s;
		struct vent	*kids;
	} u;
	struct arena	*a;		/* where the value and its kids live,
					   or NULL: the heap */
};

static struct val *
val_new_in(struct arena *a, enum val_type t)
{
	struct val *v;

	if (a != NULL) {
		v = arena_alloc(a, sizeof(*v));
		memset(v, 0, sizeof(*v));
		v->inarena = 1;
		v->a = a;
	} else
		v = xcalloc(1, sizeof(*v));
	v->type = (unsigned char)t;
	return v;
}

static struct val *
val_new(enum val_type t)
{
	return val_new_in(NULL, t);
}

struct val *val_null(void) { return val_new(VAL_NULL); }

struct val *
val_bool(int b)
{
	struct val *v = val_new(VAL_BOOL);
	v->b = b != 0;
	return v;
}

struct val *
val_int(long long i)
{
	struct val *v = val_new(VAL_INT);
	v->u.i = i;
	return v;
}

struct val *
val_num(double d, int decimals)
{
	struct val *v = val_new(VAL_NUM);
	v->u.d = d;
	v->decimals = decimals;
	return v;
}

/* A string value in a (or the heap), holding a copy of s[0..n). */
static struct val *
val_str_in(struct arena *a, const char *s, size_t n)
{
	struct val *v = val_new_in(a, VAL_STR);

	v->u.s.p = a ? arena_strndup(a, s, n) : xstrndup(s, n);
	v->u.s.len = n;
	return v;
}

struct val *
val_str(const char *s, size_t n)
{
	return val_str_in(NULL, s, n);
}

struct val *
val_cstr(const char *s)
{
	return s == NULL ? val_null() : val_str(s, strlen(s));
}

struct val *val_arr(void) { return val_new(VAL_ARR); }
struct val *val_obj(void) { return val_new(VAL_OBJ); }
struct val *val_arr_in(struct arena *a) { return val_new_in(a, VAL_ARR); }
struct val *val_obj_in(struct arena *a) { return val_new_in(a, VAL_OBJ); }

uint32_t
val_hash(const char *key, size_t len)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 16777619u;
	}
	return h;
}

/* Room for one more entry in container c. */
static struct vent *
val_room(struct val *c)
{
	if (c->n == c->cap) {
		uint32_t cap = c->cap ? c->cap * 2 : 8;
		struct vent *k;
		if (c->a != NULL) {
			k = arena_alloc(c->a, cap * sizeof(*k));
			if (c->n)
				memcpy(k, c->u.kids, c->n * sizeof(*k));
		} else
			k = xrealloc(c->u.kids, cap * sizeof(*k));
		c->u.kids = k;
		c->cap = cap;
	}
	return &c->u.kids[c->n];
}

struct val *
val_push(struct val *arr, struct val *v)
{
	struct vent *e = val_room(arr);

	e->key = NULL;
	e->v = v;
	e->hash = 0;
	e->kown = 0;
	arr->n++;
	return v;
}

/* The entry of key (hash h) in obj, or NULL. */
static struct vent *
val_find(const struct val *obj, const char *key, uint32_t h)
{
	for (uint32_t i = 0; i < obj->n; i++)
		if (obj->u.kids[i].hash == h &&
		    strcmp(obj->u.kids[i].key, key) == 0)
			return &obj->u.kids[i];
	return NULL;
}

/* Append key (hash h, length len) with v to obj; copy says whether key
 * must be copied. */
static struct val *
val_append(struct val *obj, const char *key, size_t len, uint32_t h,
    struct val *v, int copy)
{
	struct vent *e = val_room(obj);

	e->hash = h;
	e->kown = (uint32_t)copy;
	if (!copy)
		e->key = key;
	else if (obj->a != NULL)
		e->key = arena_strndup(obj->a, key, len);
	else
		e->key = xstrndup(key, len);
	e->v = v;
	obj->n++;
	return v;
}

/* Set key of obj to v, replacing a member of that name. */
static struct val *
val_set_k(struct val *obj, const char *key, struct val *v, int copy)
{
	size_t len = strlen(key);
	uint32_t h = val_hash(key, len);
	struct vent *e;

	if ((e = val_find(obj, key, h)) != NULL) {
		val_free(e->v);
		e->v = v;
		return v;
	}
	return val_append(obj, key, len, h, v, copy);
}

/* Append a member whose key the caller knows to be new (val_put_*). */
static struct val *
val_add(struct val *obj, const char *key, struct val *v)
{
	size_t len = strlen(key);

	return val_append(obj, key, len, val_hash(key, len), v, 0);
}

struct val *
val_set(struct val *obj, const char *key, struct val *v)
{
	return val_set_k(obj, key, v, 1);
}

struct val *
val_put_null(struct val *obj, const char *key)
{
	return val_add(obj, key, val_new_in(obj->a, VAL_NULL));
}

struct val *
val_put_bool(struct val *obj, const char *key, int b)
{
	struct val *v = val_new_in(obj->a, VAL_BOOL);

	v->b = b != 0;
	return val_add(obj, key, v);
}

struct val *
val_put_int(struct val *obj, const char *key, long long i)
{
	struct val *v = val_new_in(obj->a, VAL_INT);

	v->u.i = i;
	return val_add(obj, key, v);
}

struct val *
val_put_num(struct val *obj, const char *key, double d, int dec)
{
	struct val *v = val_new_in(obj->a, VAL_NUM);

	v->u.d = d;
	v->decimals = dec;
	return val_add(obj, key, v);
}

struct val *
val_put_str(struct val *obj, const char *key, const char *s)
{
	if (s == NULL)
		return val_put_null(obj, key);
	return val_add(obj, key, val_str_in(obj->a, s, strlen(s)));
}

struct val *
val_put_strk(struct val *obj, const char *key, const char *s)
{
	return val_set_k(obj, key, s == NULL ? val_new_in(obj->a, VAL_NULL) :
	    val_str_in(obj->a, s, strlen(s)), 1);
}

struct val *
val_put_obj(struct val *obj, const char *key)
{
	return val_add(obj, key, val_new_in(obj->a, VAL_OBJ));
}

struct val *
val_put_arr(struct val *obj, const char *key)
{
	return val_add(obj, key, val_new_in(obj->a, VAL_ARR));
}

struct val *
val_push_obj(struct val *arr)
{
	return val_push(arr, val_new_in(arr->a, VAL_OBJ));
}

void
val_free(struct val *v)
{
	if (v == NULL || v->inarena)
		return;
	if (v->type == VAL_ARR || v->type == VAL_OBJ) {
		for (uint32_t i = 0; i < v->n; i++) {
			val_free(v->u.kids[i].v);
			if (v->u.kids[i].kown)
				free((char *)v->u.kids[i].key);
		}
		free(v->u.kids);
	} else if (v->type == VAL_STR)
		free(v->u.s.p);
	free(v);
}

struct val *
val_copy_pruned(const struct val *v, struct arena *a,
    int (*keep)(const char *, void *), void *arg)
{
	struct val *c;

	if (v == NULL)
		return NULL;
	switch (v->type) {
	case VAL_STR:
		return val_str_in(a, v->u.s.p, v->u.s.len);
	case VAL_ARR:
	case VAL_OBJ:
		c = val_new_in(a, (enum val_type)v->type);
		for (uint32_t i = 0; i < v->n; i++) {
			const struct vent *e = &v->u.kids[i];
			struct vent *d;
			if (e->key != NULL && !keep(e->key, arg))
				continue;
			d = val_room(c);
			*d = *e;
			if (e->kown)
				d->key = arena_strndup(a, e->key,
				    strlen(e->key));
			d->v = val_copy_pruned(e->v, a, keep, arg);
			c->n++;
		}
		return c;
	default:
		c = val_new_in(a, (enum val_type)v->type);
		c->b = v->b;
		c->decimals = v->decimals;
		c->u = v->u;
		return c;
	}
}

enum val_type
val_type(const struct val *v)
{
	return v ? (enum val_type)v->type : VAL_NULL;
}

int val_boolv(const struct val *v) { return v && v->type == VAL_BOOL && v->b; }

long long
val_intv(const struct val *v)
{
	if (v == NULL)
		return 0;
	return v->type == VAL_NUM ? (long long)v->u.d : v->type == VAL_INT ?
	    v->u.i : 0;
}

double
val_numv(const struct val *v)
{
	if (v == NULL)
		return 0;
	return v->type == VAL_NUM ? v->u.d : v->type == VAL_INT ?
	    (double)v->u.i : 0;
}

const char *
val_strv(const struct val *v, size_t *len)
{
	if (v == NULL || v->type != VAL_STR) {
		if (len)
			*len = 0;
		return "";
	}
	if (len)
		*len = v->u.s.len;
	return v->u.s.p;
}

size_t
val_len(const struct val *v)
{
	return v && (v->type == VAL_ARR || v->type == VAL_OBJ) ? v->n : 0;
}

const struct val *
val_at(const struct val *v, size_t i)
{
	return i < val_len(v) ? v->u.kids[i].v : NULL;
}

const char *
val_key_at(const struct val *v, size_t i)
{
	return v && v->type == VAL_OBJ && i < v->n ? v->u.kids[i].key : NULL;
}

const struct val *
val_get_hashed(const struct val *v, const char *key, uint32_t h)
{
	const struct vent *e;

	if (v == NULL || v->type != VAL_OBJ)
		return NULL;
	e = val_find(v, key, h);
	return e ? e->v : NULL;
}

const struct val *
val_get(const struct val *v, const char *key)
{
	return val_get_hashed(v, key, val_hash(key, strlen(key)));
}

int
val_truthy(const struct val *v)
{
	if (v == NULL)
		return 0;
	switch (v->type) {
	case VAL_NULL:
		return 0;
	case VAL_BOOL:
		return v->b;
	case VAL_ARR:
		return v->n > 0;
	default:
		return 1;
	}
}

/* Decimal digits of i, without printf. */
static void
val_putint(struct buf *b, long long i)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i :
	    (unsigned long long)i;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (i < 0)
		*--p = '-';
	buf_put(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

void
val_text(struct buf *b, const struct val *v)
{
	char tmp[64];

	switch (val_type(v)) {
	case VAL_NULL:
		break;
	case VAL_BOOL:
		if (v->b)
			buf_put(b, "true", 4);
		else
			buf_put(b, "false", 5);
		break;
	case VAL_INT:
		val_putint(b, v->u.i);
		break;
	case VAL_NUM:
		if (v->decimals >= 0)
			snprintf(tmp, sizeof(tmp), "%.*f", v->decimals,
			    v->u.d);
		else
			snprintf(tmp, sizeof(tmp), "%.17g", v->u.d);
		buf_puts(b, tmp);
		break;
	case VAL_STR:
		buf_put(b, v->u.s.p, v->u.s.len);
		break;
	default:
		break;
	}
}

static void
val_indent(struct buf *b, int indent, int depth)
{
	static const char sp[] = "                                ";
	size_t n, k;

	if (indent < 0)
		return;
	buf_putc(b, '\n');
	for (n = (size_t)indent * (size_t)depth; n > 0; n -= k) {
		k = n < sizeof(sp) - 1 ? n : sizeof(sp) - 1;
		buf_put(b, sp, k);
	}
}

/* Iterative would be nicer, but report trees are at most a few levels
 * deeper than the section tree, whose depth is bounded by heading levels. */
static void
val_json_r(struct buf *b, const struct val *v, int indent, int depth)
{
	uint32_t i;

	switch (val_type(v)) {
	case VAL_STR:
		esc_json(b, v->u.s.p, v->u.s.len);
		return;
	case VAL_ARR:
	case VAL_OBJ:
		buf_putc(b, v->type == VAL_ARR ? '[' : '{');
		for (i = 0; i < v->n; i++) {
			const struct vent *e = &v->u.kids[i];
			if (i)
				buf_putc(b, ',');
			val_indent(b, indent, depth + 1);
			if (v->type == VAL_OBJ) {
				esc_json(b, e->key, strlen(e->key));
				if (indent < 0)
					buf_putc(b, ':');
				else
					buf_put(b, ": ", 2);
			}
			val_json_r(b, e->v, indent, depth + 1);
		}
		if (v->n)
			val_indent(b, indent, depth);
		buf_putc(b, v->type == VAL_ARR ? ']' : '}');
		return;
	case VAL_NULL:
		buf_put(b, "null", 4);
		return;
	default:
		val_text(b, v);
		return;
	}
}

void
val_json(struct buf *b, const struct val *v, int indent)
{
	val_json_r(b, v, indent, 0);
}

void
val_json_at(struct buf *b, const struct val *v, int indent, int depth)
{
	val_json_r(b, v, indent, depth);
}
