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

/* Where a value's memory comes from, which says how val_free treats it. */
enum val_where {
	WHERE_HEAP,	/* its own allocation; freed with its kids */
	WHERE_ARENA,	/* an arena's: freed with the arena */
	WHERE_STATIC,	/* the shared true, false and null: never freed */
	WHERE_PACKED,	/* inside a packed copy's block */
	WHERE_BLOCK	/* the root of a packed copy: the block's start */
};

/* What a lazy array builds its elements from (val_put_lazy). */
struct val_lazy {
	val_gen		 gen;
	void		*arg;
	struct arena	*a;		/* the array's arena */
};

struct val {
	unsigned char	 type;		/* enum val_type */
	unsigned char	 b;		/* VAL_BOOL: the value; VAL_ARR: lazy;
					   VAL_OBJ: kids has value slots */
	unsigned char	 where;		/* enum val_where */
	unsigned char	 kheap;		/* containers: kids is a heap array */
	int		 decimals;
	uint32_t	 n, cap;	/* containers */
	union {
		long long	 i;
		double		 d;
		struct {
			char	*p;
			size_t	 len;
		}		 s;
		struct {
			struct vent	*kids;
			struct arena	*a;	/* where its new members
						   go, or NULL: the heap */
		}		 c;
		struct val_lazy	*z;	/* a lazy array (b set) */
	} u;
	uint64_t	 bloom;		/* objects: bit VAL_BIT(hash) of each
					   key, so most lookups of a key it
					   lacks end without a scan */
};

/* The bloom bit of key hash h. */
#define VAL_BIT(h)	((uint64_t)1 << ((uint32_t)(h) * 0x9e3779b1u >> 26))

/* Is v a lazy array? */
#define VAL_ISLAZY(v)	((v)->type == VAL_ARR && (v)->b)

/* Booleans and null are immutable: the val_put_* helpers share these
 * (read-only data: nothing writes to a WHERE_STATIC value). */
static const struct val val_static[3] = {
	{ VAL_BOOL, 0, WHERE_STATIC, 0, 0, 0, 0, { 0 }, 0 },
	{ VAL_BOOL, 1, WHERE_STATIC, 0, 0, 0, 0, { 0 }, 0 },
	{ VAL_NULL, 0, WHERE_STATIC, 0, 0, 0, 0, { 0 }, 0 },
};
#define VAL_FALSE	((struct val *)&val_static[0])
#define VAL_TRUE	((struct val *)&val_static[1])
#define VAL_NULLV	((struct val *)&val_static[2])

static struct val *
val_new_in(struct arena *a, enum val_type t)
{
	struct val *v;

	if (a != NULL) {
		v = arena_alloc(a, sizeof(*v));
		memset(v, 0, sizeof(*v));
		v->where = WHERE_ARENA;
	} else {
		v = xcalloc(1, sizeof(*v));
		v->kheap = 1;
	}
	v->type = (unsigned char)t;
	if (t == VAL_ARR || t == VAL_OBJ)
		v->u.c.a = a;
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

/* Cheap and good enough to tell the keys of one object apart: lookups
 * compare hashes first and strings only when they agree (the formula is
 * val_keyhash's, value.h). */
uint32_t
val_hash(const char *key, size_t len)
{
	if (len == 0)
		return 0;
	return (uint32_t)len ^ (uint32_t)(unsigned char)key[0] << 8 ^
	    (uint32_t)(unsigned char)key[len / 2] << 16 ^
	    (uint32_t)(unsigned char)key[len - 1] << 24;
}

/*
 * Value slots: an object in an arena gets, with its first entries (room
 * for cap members, val_reserve or the first member), room for cap values
 * after them (VAL_SLOTS), and the value of its member i, when val_put_*
 * makes it, is slot i: one allocation for an object's members and their
 * values, not one for each (a page's model makes some 5,000 values a
 * checklist). Slots are never reused: members are only appended. An
 * object that outgrows them has none after (the old block, in the
 * arena, keeps the values it holds).
 */
#define VAL_SLOTS(o)	((struct val *)(void *)((o)->u.c.kids + (o)->cap))

/* Room for cap entries in container c (cap above c->cap). Out of the
 * way (cold): the val_put_* that call it save no registers for it when
 * there is room. */
static __attribute__((noinline, cold)) void
val_grow_to(struct val *c, uint32_t cap)
{
	struct vent *k;

	if (c->kheap)
		k = xrealloc(c->u.c.kids, cap * sizeof(*k));
	else {
		if (c->u.c.a != NULL && c->type == VAL_OBJ && c->n == 0) {
			k = arena_alloc(c->u.c.a, cap * (sizeof(*k) +
			    sizeof(struct val)));
			c->b = 1;
		} else if (c->u.c.a != NULL) {
			/* A grown object's slots would be mostly for
			 * members it has: its new members' values are
			 * allocated one by one. */
			k = arena_alloc(c->u.c.a, cap * sizeof(*k));
			if (c->type == VAL_OBJ)
				c->b = 0;
		} else {
			k = xmalloc(cap * sizeof(*k));
			c->kheap = 1;
		}
		if (c->n)
			memcpy(k, c->u.c.kids, c->n * sizeof(*k));
	}
	c->u.c.kids = k;
	c->cap = cap;
}

void
val_reserve(struct val *c, size_t n)
{
	if ((c->type == VAL_ARR || c->type == VAL_OBJ) && !VAL_ISLAZY(c) &&
	    n > c->cap && n <= UINT32_MAX)
		val_grow_to(c, (uint32_t)n);
}

/* Room for one more entry in container c. */
static struct vent *
val_room(struct val *c)
{
	if (c->n == c->cap)
		val_grow_to(c, c->cap ? c->cap * 2 : 8);
	return &c->u.c.kids[c->n];
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
static inline struct vent *
val_find(const struct val *obj, const char *key, uint32_t h)
{
	if (!(obj->bloom & VAL_BIT(h)))
		return NULL;
	for (uint32_t i = 0; i < obj->n; i++)
		if (obj->u.c.kids[i].hash == h &&
		    strcmp(obj->u.c.kids[i].key, key) == 0)
			return &obj->u.c.kids[i];
	return NULL;
}

/* Append key (hash h, length len) with v to obj; copy says whether key
 * must be copied. */
static inline struct val *
val_append(struct val *obj, const char *key, size_t len, uint32_t h,
    struct val *v, int copy)
{
	struct vent *e = val_room(obj);

	e->hash = h;
	obj->bloom |= VAL_BIT(h);
	e->kown = (uint32_t)copy;
	if (!copy)
		e->key = key;
	else if (obj->u.c.a != NULL)
		e->key = arena_strndup(obj->u.c.a, key, len);
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

/* A new value of type t for the member obj is about to get (val_add):
 * its value slot when obj has them, else from obj's arena or the heap. */
static inline struct val *
val_new_member(struct val *obj, enum val_type t)
{
	struct val *v;

	if (obj->u.c.a == NULL || obj->type != VAL_OBJ)
		return val_new_in(obj->u.c.a, t);
	val_room(obj);
	if (!obj->b)
		return val_new_in(obj->u.c.a, t);
	v = VAL_SLOTS(obj) + obj->n;
	*v = (struct val){ .type = (unsigned char)t, .where = WHERE_ARENA };
	if (t == VAL_ARR || t == VAL_OBJ)
		v->u.c.a = obj->u.c.a;
	return v;
}

/* Append a member whose key the caller knows to be new (val_put_*), kh
 * its val_keyhash. */
static struct val *
val_add(struct val *obj, const char *key, uint64_t kh, struct val *v)
{
	return val_append(obj, key, (size_t)(kh >> 32), (uint32_t)kh, v, 0);
}

struct val *
val_set(struct val *obj, const char *key, struct val *v)
{
	return val_set_k(obj, key, v, 1);
}

struct val *
val_put_null_kh(struct val *obj, const char *key, uint64_t kh)
{
	return val_add(obj, key, kh, VAL_NULLV);
}

struct val *
val_put_bool_kh(struct val *obj, const char *key, uint64_t kh, int b)
{
	return val_add(obj, key, kh, b ? VAL_TRUE : VAL_FALSE);
}

struct val *
val_put_int_kh(struct val *obj, const char *key, uint64_t kh, long long i)
{
	struct val *v = val_new_member(obj, VAL_INT);

	v->u.i = i;
	return val_add(obj, key, kh, v);
}

struct val *
val_put_num_kh(struct val *obj, const char *key, uint64_t kh, double d,
    int dec)
{
	struct val *v = val_new_member(obj, VAL_NUM);

	v->u.d = d;
	v->decimals = dec;
	return val_add(obj, key, kh, v);
}

struct val *
val_put_str_kh(struct val *obj, const char *key, uint64_t kh, const char *s)
{
	struct val *v;

	if (s == NULL)
		return val_add(obj, key, kh, VAL_NULLV);
	if (obj->u.c.a == NULL)
		return val_add(obj, key, kh, val_str_in(NULL, s, strlen(s)));
	v = val_new_member(obj, VAL_STR);
	v->u.s.len = strlen(s);
	v->u.s.p = arena_strndup(obj->u.c.a, s, v->u.s.len);
	return val_add(obj, key, kh, v);
}

struct val *
val_put_sref_kh(struct val *obj, const char *key, uint64_t kh, const char *s)
{
	struct val *v;

	if (s == NULL || obj->u.c.a == NULL)
		return val_put_str_kh(obj, key, kh, s);
	v = val_new_member(obj, VAL_STR);
	v->u.s.p = (char *)(uintptr_t)s;
	v->u.s.len = strlen(s);
	return val_add(obj, key, kh, v);
}

struct val *
val_put_strk(struct val *obj, const char *key, const char *s)
{
	return val_set_k(obj, key, s == NULL ? VAL_NULLV :
	    val_str_in(obj->u.c.a, s, strlen(s)), 1);
}

struct val *
val_put_obj_kh(struct val *obj, const char *key, uint64_t kh)
{
	return val_add(obj, key, kh, val_new_member(obj, VAL_OBJ));
}

struct val *
val_put_arr_kh(struct val *obj, const char *key, uint64_t kh)
{
	return val_add(obj, key, kh, val_new_member(obj, VAL_ARR));
}

struct val *
val_push_obj(struct val *arr)
{
	return val_push(arr, val_new_in(arr->u.c.a, VAL_OBJ));
}

struct val *
val_push_str(struct val *arr, const char *s)
{
	return val_push(arr, val_str_in(arr->u.c.a, s, strlen(s)));
}

struct val *
val_push_int(struct val *arr, long long i)
{
	struct val *v = val_new_in(arr->u.c.a, VAL_INT);

	v->u.i = i;
	return val_push(arr, v);
}

struct val *
val_put_lazy(struct val *obj, const char *key, size_t n, val_gen gen,
    void *arg)
{
	struct arena *a = obj->u.c.a;
	struct val *v;
	size_t i;

	if (a == NULL || n > UINT32_MAX) {
		v = val_put_arr(obj, key);
		val_reserve(v, n);
		for (i = 0; i < n; i++)
			val_push(v, gen(a, arg, i));
		return v;
	}
	v = val_new_in(a, VAL_ARR);
	v->b = 1;
	v->n = v->cap = (uint32_t)n;
	v->u.z = arena_alloc(a, sizeof(*v->u.z));
	v->u.z->gen = gen;
	v->u.z->arg = arg;
	v->u.z->a = a;
	return val_add(obj, key, val_keyhash(key), v);
}

const struct val *
val_elem(const struct val *v, size_t i, struct arena *scratch)
{
	if (i >= val_len(v))
		return NULL;
	if (VAL_ISLAZY(v))
		return v->u.z->gen(scratch, v->u.z->arg, i);
	return v->u.c.kids[i].v;
}

void *
val_lazy_arg(const struct val *v, val_gen gen)
{
	return v != NULL && VAL_ISLAZY(v) && v->u.z->gen == gen ?
	    v->u.z->arg : NULL;
}

int
val_is_lazy(const struct val *v)
{
	return v != NULL && VAL_ISLAZY(v);
}

/* The heap arrays that members of a packed copy moved to. */
static void
val_free_packed(struct val *v)
{
	if (v->type != VAL_ARR && v->type != VAL_OBJ)
		return;
	for (uint32_t i = 0; i < v->n; i++)
		if (v->u.c.kids[i].v->where == WHERE_PACKED)
			val_free_packed(v->u.c.kids[i].v);
	if (v->kheap)
		free(v->u.c.kids);
}

void
val_free(struct val *v)
{
	if (v == NULL)
		return;
	if (v->where == WHERE_BLOCK) {
		val_free_packed(v);
		free(v);
		return;
	}
	if (v->where != WHERE_HEAP)
		return;
	if (v->type == VAL_ARR || v->type == VAL_OBJ) {
		for (uint32_t i = 0; i < v->n; i++) {
			val_free(v->u.c.kids[i].v);
			if (v->u.c.kids[i].kown)
				free((char *)v->u.c.kids[i].key);
		}
		free(v->u.c.kids);
	} else if (v->type == VAL_STR)
		free(v->u.s.p);
	free(v);
}

/* What a packed copy takes: values, entries and string bytes. */
struct val_pack {
	size_t		 nv, ne, ns;
	struct val	*v;		/* filling: next free of each */
	struct vent	*e;
	char		*s;
	int		(*keep)(const char *, void *);
	void		*arg;
	struct arena	*a;		/* the block's arena, or NULL */
};

static void
val_pack_size(const struct val *v, struct val_pack *pk)
{
	if (v->where == WHERE_STATIC)
		return;
	pk->nv++;
	if (v->type == VAL_STR)
		pk->ns += v->u.s.len + 1;
	if (v->type != VAL_ARR && v->type != VAL_OBJ)
		return;
	if (VAL_ISLAZY(v)) {
		struct arena scratch = { NULL };
		for (uint32_t i = 0; i < v->n; i++) {
			pk->ne++;
			val_pack_size(val_elem(v, i, &scratch), pk);
			arena_reset(&scratch);
		}
		arena_free(&scratch);
		return;
	}
	for (uint32_t i = 0; i < v->n; i++) {
		const struct vent *e = &v->u.c.kids[i];
		if (e->key != NULL && pk->keep != NULL &&
		    !pk->keep(e->key, pk->arg))
			continue;
		pk->ne++;
		if (e->kown)
			pk->ns += strlen(e->key) + 1;
		val_pack_size(e->v, pk);
	}
}

/* Copy s[0..n) and a NUL to the string space of pk. */
static char *
val_pack_str(struct val_pack *pk, const char *s, size_t n)
{
	char *p = pk->s;

	memcpy(p, s, n);
	p[n] = '\0';
	pk->s += n + 1;
	return p;
}

static struct val *
val_pack_fill(const struct val *v, struct val_pack *pk)
{
	struct val *c;
	uint32_t i, n = 0;

	if (v->where == WHERE_STATIC)
		return (struct val *)v;
	c = pk->v++;
	*c = *v;
	c->where = pk->a ? WHERE_ARENA : WHERE_PACKED;
	c->kheap = 0;
	if (v->type == VAL_STR)
		c->u.s.p = val_pack_str(pk, v->u.s.p, v->u.s.len);
	if (v->type != VAL_ARR && v->type != VAL_OBJ)
		return c;
	c->u.c.kids = pk->e;
	c->u.c.a = pk->a;
	if (v->type == VAL_OBJ)
		c->b = 0;	/* its kids have no value slots */
	if (VAL_ISLAZY(v)) {
		/* The copy is an ordinary array of the elements. */
		struct arena scratch = { NULL };
		c->b = 0;
		pk->e += v->n;
		for (i = 0; i < v->n; i++) {
			struct vent *d = &c->u.c.kids[i];
			memset(d, 0, sizeof(*d));
			d->v = val_pack_fill(val_elem(v, i, &scratch), pk);
			arena_reset(&scratch);
		}
		arena_free(&scratch);
		return c;
	}
	for (i = 0; i < v->n; i++) {
		const struct vent *e = &v->u.c.kids[i];
		if (e->key == NULL || pk->keep == NULL ||
		    pk->keep(e->key, pk->arg))
			n++;
	}
	pk->e += n;
	c->n = c->cap = n;
	for (i = n = 0; i < v->n; i++) {
		const struct vent *e = &v->u.c.kids[i];
		struct vent *d = &c->u.c.kids[n];
		if (e->key != NULL && pk->keep != NULL &&
		    !pk->keep(e->key, pk->arg))
			continue;
		*d = *e;
		if (e->kown)
			d->key = val_pack_str(pk, e->key, strlen(e->key));
		d->v = val_pack_fill(e->v, pk);
		n++;
	}
	return c;
}

struct val *
val_copy_pruned(const struct val *v, struct arena *a,
    int (*keep)(const char *, void *), void *arg)
{
	struct val_pack pk;
	struct val *root;
	char *block;
	size_t size;

	if (v == NULL)
		return NULL;
	memset(&pk, 0, sizeof(pk));
	pk.keep = keep;
	pk.arg = arg;
	val_pack_size(v, &pk);
	if (pk.nv == 0)		/* true, false or null */
		return (struct val *)v;
	size = pk.nv * sizeof(struct val) + pk.ne * sizeof(struct vent) +
	    pk.ns;
	block = a ? arena_alloc(a, size) : xmalloc(size);
	pk.v = (struct val *)(void *)block;
	pk.e = (struct vent *)(void *)(block + pk.nv * sizeof(struct val));
	pk.s = block + pk.nv * sizeof(struct val) + pk.ne *
	    sizeof(struct vent);
	pk.a = a;
	root = val_pack_fill(v, &pk);
	if (a == NULL)
		root->where = WHERE_BLOCK;
	return root;
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
	if (i >= val_len(v))
		return NULL;
	if (VAL_ISLAZY(v))
		return v->u.z->gen(v->u.z->a, v->u.z->arg, i);
	return v->u.c.kids[i].v;
}

const char *
val_key_at(const struct val *v, size_t i)
{
	return v && v->type == VAL_OBJ && i < v->n ? v->u.c.kids[i].key : NULL;
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

/* val_get_hint of object v (not NULL). */
static inline const struct val *
val_hinted(const struct val *v, const char *key, uint32_t h,
    struct val_hint *hint)
{
	const struct vent *e;

	/* A key that is not a copy is never freed while the tree lives,
	 * so the same pointer is the same name. */
	if (hint->pos < v->n && v->u.c.kids[hint->pos].key == hint->key)
		return v->u.c.kids[hint->pos].v;
	if ((e = val_find(v, key, h)) == NULL)
		return NULL;
	hint->pos = (uint32_t)(e - v->u.c.kids);
	hint->key = e->kown ? NULL : e->key;
	return e->v;
}

const struct val *
val_get_hint(const struct val *v, const char *key, uint32_t h,
    struct val_hint *hint)
{
	if (v == NULL || v->type != VAL_OBJ)
		return NULL;
	return val_hinted(v, key, h, hint);
}

/* val_get_stack past its first test (not inlined, so that the test
 * takes no registers to save). */
static __attribute__((noinline)) const struct val *
val_get_stack_r(const struct val *const *stack, size_t n, const char *key,
    uint32_t h, struct val_hint *hint)
{
	const struct val *v, *r;

	while (n-- > 0) {
		v = stack[n];
		if (v != NULL && v->type == VAL_OBJ &&
		    (r = val_hinted(v, key, h, hint)) != NULL)
			return r;
	}
	return NULL;
}

const struct val *
val_get_stack(const struct val *const *stack, size_t n, const char *key,
    uint32_t h, struct val_hint *hint)
{
	const struct val *v;
	size_t k = n;

	/* Most names are where they were in the top object (contexts
	 * above it, such as the true of {{#open}}, have no names):
	 * answered here, without the registers the search takes. */
	while (k > 0 && ((v = stack[k - 1]) == NULL || v->type != VAL_OBJ))
		k--;
	if (k > 0 && hint->pos < v->n &&
	    v->u.c.kids[hint->pos].key == hint->key)
		return v->u.c.kids[hint->pos].v;
	return val_get_stack_r(stack, k, key, h, hint);
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
void
val_text_int(struct buf *b, long long i)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i :
	    (unsigned long long)i;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (i < 0)
		*--p = '-';
	buf_append(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* "%.1f" without printf for a number that is exactly the double nearest
 * some k / 10 (percentages are): then printf's digits are k's. 0 if it
 * is not one of those, or is negative. */
static int
val_put1(struct buf *b, double d, int decimals)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	long long k;

	if (decimals != 1 || !(d >= 0 && d < 1e12))
		return 0;
	k = (long long)(d * 10 + 0.5);
	if ((double)k / 10.0 != d)
		return 0;
	*--p = (char)('0' + k % 10);
	*--p = '.';
	k /= 10;
	do
		*--p = (char)('0' + k % 10);
	while ((k /= 10) != 0);
	buf_put(b, p, (size_t)(tmp + sizeof(tmp) - p));
	return 1;
}

void
val_text_num(struct buf *b, double d, int decimals)
{
	char tmp[64];

	if (val_put1(b, d, decimals))
		return;
	if (decimals >= 0)
		snprintf(tmp, sizeof(tmp), "%.*f", decimals, d);
	else
		snprintf(tmp, sizeof(tmp), "%.17g", d);
	buf_puts(b, tmp);
}

void
val_text(struct buf *b, const struct val *v)
{

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
		val_text_int(b, v->u.i);
		break;
	case VAL_NUM:
		val_text_num(b, v->u.d, v->decimals);
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
	struct arena scratch = { NULL };
	uint32_t i;

	switch (val_type(v)) {
	case VAL_STR:
		esc_json(b, v->u.s.p, v->u.s.len);
		return;
	case VAL_ARR:
	case VAL_OBJ:
		buf_putc(b, v->type == VAL_ARR ? '[' : '{');
		for (i = 0; i < v->n; i++) {
			if (i)
				buf_putc(b, ',');
			val_indent(b, indent, depth + 1);
			if (v->type == VAL_OBJ) {
				const char *k = v->u.c.kids[i].key;
				esc_json(b, k, strlen(k));
				if (indent < 0)
					buf_putc(b, ':');
				else
					buf_put(b, ": ", 2);
			}
			val_json_r(b, val_elem(v, i, &scratch), indent,
			    depth + 1);
			arena_reset(&scratch);
		}
		arena_free(&scratch);
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
