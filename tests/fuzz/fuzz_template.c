/* fuzz_template.c: libFuzzer target for the Mustache engine. The input is
 * a template; it may include itself as the partial or parent "self" and a
 * fixed partial "p". Compiles and renders against a small fixed context
 * with every value type, so errors and limits are exercised, never a
 * crash. Build and run with `make fuzz-template`. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "template.h"
#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct fuzz_src {
	const char	*p;
	size_t		 n;
};

static const char *
fuzz_load(const char *name, size_t *len, void *arg)
{
	const struct fuzz_src *self = arg;
	static const char p[] = "{{#list}}<{{.}}{{>self}}>{{/list}}"
	    "{{$b}}[{{x}}]{{/b}}";

	if (strcmp(name, "self") == 0) {
		*len = self->n;
		return self->p;
	}
	if (strcmp(name, "p") == 0) {
		*len = sizeof(p) - 1;
		return p;
	}
	return NULL;
}

static void
fuzz_sink(const char *line, void *arg)
{
	(void)line;
	(void)arg;
}

static struct val *
fuzz_ctx(void)
{
	struct val *root = val_obj(), *list, *o;

	val_set(root, "x", val_cstr("<{{x}}> & \"q\""));
	val_set(root, "n", val_int(42));
	val_set(root, "f", val_num(73.5, 1));
	val_set(root, "t", val_bool(1));
	val_set(root, "no", val_bool(0));
	val_set(root, "nil", val_null());
	list = val_set(root, "list", val_arr());
	val_push(list, val_cstr("a\nb"));
	val_push(list, val_int(2));
	o = val_set(root, "o", val_obj());
	val_set(o, "x", val_cstr("inner"));
	val_set(o, "list", val_arr());
	return root;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_src self = { (const char *)data, size };
	struct template_set *set;
	struct template *t;
	struct buf out = {0};
	struct val *ctx = fuzz_ctx();

	diag_set_sink(fuzz_sink, NULL);
	set = template_set_new(fuzz_load, &self);
	if ((t = template_compile(set, "fuzz", self.p, self.n)) != NULL)
		for (int e = 0; e < TEMPLATE_ESC__MAX; e++) {
			buf_reset(&out);
			template_render(t, ctx, (enum template_esc)e, &out);
		}
	template_set_free(set);
	buf_free(&out);
	val_free(ctx);
	return 0;
}
