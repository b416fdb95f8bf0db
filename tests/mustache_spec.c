/* mustache_spec.c: runs Mustache spec files (mustache/spec YAML, and our
 * own tests/template/ files in the same shape) against src/5-render/template.c.
 *
 * Usage: mustache-spec FILE.yml|DIR ...
 * Each test of each file prints "ok mustache/<file>/<name>" or
 * "not ok ...", with "# " lines saying why; the last line is
 * "mustache-spec: N passed, M failed[, K skipped]". Exit 1 if any failed.
 *
 * Besides the spec keys (data, template, partials, expected) a test may
 * give "file" (the template's name: chooses the escaping through
 * template_esc_for_name and appears in diagnostics; default "template")
 * "escape" (html, json, xml, md or none: overrides the file name's
 * choice) and "error" (the exact diagnostics compiling or rendering must print,
 * instead of "expected"). The optional spec modules for lambdas and
 * dynamic names are counted as skipped.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "template.h"
#include "value.h"
#include "xalloc.h"

/* Spec modules we do not implement, by file name prefix. */
static const char *const skipped_modules[] = {
	"~lambdas", "~dynamic-names", NULL
};

static unsigned npass, nfail, nskip;

/* A plain YAML scalar as a typed value (YAML 1.2 core schema, enough for
 * the spec): null, booleans, integers, decimals; else a string. A decimal
 * keeps as many decimals as it was written with, minus trailing zeros, so
 * that 1.210 prints as 1.21 as the spec expects. */
static struct val *
spec_scalar(const char *s, size_t n, int plain)
{
	size_t i = 0, dot = 0, digits = 0, dec;
	char *end;

	if (!plain)
		return val_str(s, n);
	if (n == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0)
		return val_null();
	if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)
		return val_bool(s[0] == 't');
	if (s[i] == '-' || s[i] == '+')
		i++;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.' && dot == 0)
			dot = i;
		else
			return val_str(s, n);
	}
	if (digits == 0)
		return val_str(s, n);
	if (dot == 0)
		return val_int(strtoll(s, NULL, 10));
	dec = n - dot - 1;
	while (dec > 0 && s[dot + dec] == '0')
		dec--;
	return val_num(strtod(s, &end), (int)dec);
}

static struct val *
spec_node(yaml_document_t *doc, yaml_node_t *node, int depth)
{
	yaml_node_item_t *it;
	yaml_node_pair_t *pr;
	yaml_node_t *k;
	struct val *v;

	if (node == NULL || depth > 64)
		return val_null();
	switch (node->type) {
	case YAML_SCALAR_NODE:
		return spec_scalar((const char *)node->data.scalar.value,
		    node->data.scalar.length,
		    node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE);
	case YAML_SEQUENCE_NODE:
		v = val_arr();
		for (it = node->data.sequence.items.start;
		    it < node->data.sequence.items.top; it++)
			val_push(v, spec_node(doc,
			    yaml_document_get_node(doc, *it), depth + 1));
		return v;
	case YAML_MAPPING_NODE:
		v = val_obj();
		for (pr = node->data.mapping.pairs.start;
		    pr < node->data.mapping.pairs.top; pr++) {
			k = yaml_document_get_node(doc, pr->key);
			if (k == NULL || k->type != YAML_SCALAR_NODE)
				continue;
			val_set(v, (const char *)k->data.scalar.value,
			    spec_node(doc, yaml_document_get_node(doc,
			    pr->value), depth + 1));
		}
		return v;
	default:
		return val_null();
	}
}

/* The file as a value tree, or NULL with a message on stdout. */
static struct val *
spec_load(const char *path)
{
	yaml_parser_t p;
	yaml_document_t doc;
	struct val *v = NULL;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL) {
		printf("not ok mustache/%s: cannot open\n", path);
		return NULL;
	}
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	if (!yaml_parser_load(&p, &doc))
		printf("not ok mustache/%s: YAML error at %zu:%zu: %s\n", path,
		    p.problem_mark.line + 1, p.problem_mark.column + 1,
		    p.problem ? p.problem : "?");
	else {
		v = spec_node(&doc, yaml_document_get_root_node(&doc), 0);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&p);
	fclose(f);
	return v;
}

/* Loader: partials from the test's "partials" object. */
static const char *
spec_partial(const char *name, size_t *len, void *arg)
{
	const struct val *v = val_get(arg, name);

	return val_type(v) == VAL_STR ? val_strv(v, len) : NULL;
}

static void
spec_sink(const char *line, void *arg)
{
	buf_puts(arg, line);
}

/* "# label: <JSON string>" */
static void
spec_show(const char *label, const char *s, size_t n)
{
	struct buf b = {0};

	esc_json(&b, s, n);
	printf("# %s: %s\n", label, buf_cstr(&b));
	buf_free(&b);
}

/* The test's "escape" (html, json, xml, md, none) or else the mode
 * template_esc_for_name picks for its file name. */
static enum template_esc
spec_esc(const struct val *v, const char *file)
{
	static const char *const names[TEMPLATE_ESC__MAX] = {
		"html", "json", "xml", "md", "none"
	};
	const char *s = val_strv(v, NULL);

	for (int i = 0; v != NULL && i < TEMPLATE_ESC__MAX; i++)
		if (strcmp(s, names[i]) == 0)
			return (enum template_esc)i;
	return template_esc_for_name(file);
}

static void
spec_test(const char *file, const struct val *test)
{
	const char *name = val_strv(val_get(test, "name"), NULL);
	const struct val *tv = val_get(test, "template");
	const struct val *want = val_get(test, "expected");
	const struct val *err = val_get(test, "error");
	const struct val *fv = val_get(test, "file");
	const char *tname = fv ? val_strv(fv, NULL) : "template";
	struct buf out = {0}, diags = {0}, tmp = {0};
	struct template_set *set;
	struct template *t;
	const char *src, *w;
	size_t srclen, wlen;
	int ok;

	src = val_strv(tv, &srclen);
	diag_set_sink(spec_sink, &diags);
	set = template_set_new(spec_partial,
	    (void *)val_get(test, "partials"));
	t = template_compile(set, tname, src, srclen);
	if (t != NULL)
		template_render(t, val_get(test, "data"),
		    spec_esc(val_get(test, "escape"), tname), &out);
	template_set_free(set);
	diag_set_sink(NULL, NULL);

	if (err != NULL) {
		w = val_strv(err, &wlen);
		/* YAML block scalars end in a newline, diagnostics too. */
		buf_put(&tmp, w, wlen);
		if (tmp.len == 0 || tmp.data[tmp.len - 1] != '\n')
			buf_putc(&tmp, '\n');
		ok = diags.len == tmp.len &&
		    memcmp(diags.data, tmp.data, tmp.len) == 0;
	} else {
		w = val_strv(want, &wlen);
		ok = diags.len == 0 && out.len == wlen &&
		    (wlen == 0 || memcmp(out.data, w, wlen) == 0);
	}
	printf("%sok mustache/%s/%s\n", ok ? "" : "not ", file, name);
	if (!ok) {
		spec_show("template", src, srclen);
		if (err != NULL)
			spec_show("expected error", tmp.data ? tmp.data : "",
			    tmp.len);
		else
			spec_show("expected", w, wlen);
		spec_show("got", out.data ? out.data : "", out.len);
		if (diags.len)
			spec_show("diagnostics", diags.data, diags.len);
		nfail++;
	} else
		npass++;
	buf_free(&out);
	buf_free(&diags);
	buf_free(&tmp);
}

static void
spec_file(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const struct val *tests;
	struct val *root;
	char *stem;
	size_t i, n;

	if ((root = spec_load(path)) == NULL) {
		nfail++;
		return;
	}
	stem = xstrdup(base);
	if (strlen(stem) > 4 && strcmp(stem + strlen(stem) - 4, ".yml") == 0)
		stem[strlen(stem) - 4] = '\0';
	tests = val_get(root, "tests");
	n = val_len(tests);
	for (i = 0; skipped_modules[i] != NULL; i++)
		if (strcmp(stem, skipped_modules[i]) == 0)
			break;
	if (skipped_modules[i] != NULL) {
		printf("# skip mustache/%s: %zu tests (optional module, not "
		    "supported)\n", stem, n);
		nskip += (unsigned)n;
	} else
		for (i = 0; i < n; i++)
			spec_test(stem, val_at(tests, i));
	free(stem);
	val_free(root);
}

static int
spec_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.yml in dir, in name order. */
static void
spec_dir(const char *path, DIR *d)
{
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, len, i;
	struct buf b = {0};

	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".yml") != 0)
			continue;
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	qsort(names, n, sizeof(*names), spec_cmp);
	for (i = 0; i < n; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s/%s", path, names[i]);
		spec_file(buf_cstr(&b));
		free(names[i]);
	}
	free(names);
	buf_free(&b);
}

int
main(int argc, char *argv[])
{
	DIR *d;

	if (argc < 2) {
		fprintf(stderr, "usage: mustache-spec FILE.yml|DIR ...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		if ((d = opendir(argv[i])) != NULL) {
			spec_dir(argv[i], d);
			closedir(d);
		} else
			spec_file(argv[i]);
	}
	printf("mustache-spec: %u passed, %u failed", npass, nfail);
	if (nskip)
		printf(", %u skipped", nskip);
	printf("\n");
	return nfail > 0;
}
