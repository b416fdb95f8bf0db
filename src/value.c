/* value.c: the JSON-like tree behind report.json, status JSON and templates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "esc.h"
#include "value.h"
#include "xalloc.h"

struct val {
	enum val_type	 type;
	int		 b;
	int		 decimals;
	long long	 i;
	double		 d;
	char		*s;
	size_t		 slen;
	struct val	**kids;
	char		**keys;	/* objects only */
	size_t		 n, cap;
};

static struct val *
val_new(enum val_type t)
{
	struct val *v = xcalloc(1, sizeof(*v));
	v->type = t;
	return v;
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
	v->i = i;
	return v;
}

struct val *
val_num(double d, int decimals)
{
	struct val *v = val_new(VAL_NUM);
	v->d = d;
	v->decimals = decimals;
	return v;
}

struct val *
val_str(const char *s, size_t n)
{
	struct val *v = val_new(VAL_STR);
	v->s = xstrndup(s, n);
	v->slen = n;
	return v;
}

struct val *
val_cstr(const char *s)
{
	return s == NULL ? val_null() : val_str(s, strlen(s));
}

struct val *val_arr(void) { return val_new(VAL_ARR); }
struct val *val_obj(void) { return val_new(VAL_OBJ); }

struct val *
val_push(struct val *arr, struct val *v)
{
	arr->kids = xgrow(arr->kids, &arr->cap, arr->n + 1, sizeof(*arr->kids));
	arr->kids[arr->n++] = v;
	return v;
}

struct val *
val_set(struct val *obj, const char *key, struct val *v)
{
	size_t i, cap;

	for (i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0) {
			val_free(obj->kids[i]);
			obj->kids[i] = v;
			return v;
		}
	cap = obj->cap;
	obj->keys = xgrow(obj->keys, &cap, obj->n + 1, sizeof(*obj->keys));
	obj->kids = xgrow(obj->kids, &obj->cap, obj->n + 1, sizeof(*obj->kids));
	obj->keys[obj->n] = xstrdup(key);
	obj->kids[obj->n++] = v;
	return v;
}

void
val_free(struct val *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		val_free(v->kids[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->kids);
	free(v->keys);
	free(v->s);
	free(v);
}

enum val_type val_type(const struct val *v) { return v ? v->type : VAL_NULL; }
int val_boolv(const struct val *v) { return v && v->type == VAL_BOOL && v->b; }

long long
val_intv(const struct val *v)
{
	if (v == NULL)
		return 0;
	return v->type == VAL_NUM ? (long long)v->d : v->i;
}

double
val_numv(const struct val *v)
{
	if (v == NULL)
		return 0;
	return v->type == VAL_NUM ? v->d : (double)v->i;
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
		*len = v->slen;
	return v->s;
}

size_t
val_len(const struct val *v)
{
	return v && (v->type == VAL_ARR || v->type == VAL_OBJ) ? v->n : 0;
}

const struct val *
val_at(const struct val *v, size_t i)
{
	return i < val_len(v) ? v->kids[i] : NULL;
}

const char *
val_key_at(const struct val *v, size_t i)
{
	return v && v->type == VAL_OBJ && i < v->n ? v->keys[i] : NULL;
}

const struct val *
val_get(const struct val *v, const char *key)
{
	size_t i;

	if (v == NULL || v->type != VAL_OBJ)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return v->kids[i];
	return NULL;
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

void
val_text(struct buf *b, const struct val *v)
{
	char tmp[64];

	switch (val_type(v)) {
	case VAL_NULL:
		break;
	case VAL_BOOL:
		buf_puts(b, v->b ? "true" : "false");
		break;
	case VAL_INT:
		buf_printf(b, "%lld", v->i);
		break;
	case VAL_NUM:
		if (v->decimals >= 0)
			snprintf(tmp, sizeof(tmp), "%.*f", v->decimals, v->d);
		else
			snprintf(tmp, sizeof(tmp), "%.17g", v->d);
		buf_puts(b, tmp);
		break;
	case VAL_STR:
		buf_put(b, v->s, v->slen);
		break;
	default:
		break;
	}
}

static void
val_indent(struct buf *b, int indent, int depth)
{
	if (indent < 0)
		return;
	buf_putc(b, '\n');
	for (int i = 0; i < indent * depth; i++)
		buf_putc(b, ' ');
}

/* Iterative would be nicer, but report trees are at most a few levels
 * deeper than the section tree, whose depth is bounded by heading levels. */
static void
val_json_r(struct buf *b, const struct val *v, int indent, int depth)
{
	size_t i;

	switch (val_type(v)) {
	case VAL_STR:
		esc_json(b, v->s, v->slen);
		return;
	case VAL_ARR:
	case VAL_OBJ:
		buf_putc(b, v->type == VAL_ARR ? '[' : '{');
		for (i = 0; i < v->n; i++) {
			if (i)
				buf_putc(b, ',');
			val_indent(b, indent, depth + 1);
			if (v->type == VAL_OBJ) {
				esc_json(b, v->keys[i], strlen(v->keys[i]));
				buf_puts(b, indent < 0 ? ":" : ": ");
			}
			val_json_r(b, v->kids[i], indent, depth + 1);
		}
		if (v->n)
			val_indent(b, indent, depth);
		buf_putc(b, v->type == VAL_ARR ? ']' : '}');
		return;
	case VAL_NULL:
		buf_puts(b, "null");
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
