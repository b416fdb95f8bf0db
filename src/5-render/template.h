/* template.h: Mustache templates, compiled once into an op tree and then
 * rendered against a value tree (value.h). Report renderers include it.
 *
 * Supported: variables ({{x}}, {{{x}}}, {{&x}}), dotted names and the
 * implicit iterator {{.}}, sections and inverted sections, comments, set
 * delimiters, partials ({{>name}}) and inheritance (parents {{<name}} with
 * blocks {{$name}}), all as in the Mustache spec (mustache/spec).
 * Not supported: lambdas and dynamic names ({{>*name}}).
 *
 * Values are data, never template syntax: a value holding "{{x}}" prints
 * "{{x}}". Errors are reported through diag_error() as
 * "name:line:col: error: message" (line and column from 1, columns in code
 * points).
 */
#ifndef TICKLIST_TEMPLATE_H
#define TICKLIST_TEMPLATE_H

#include <stddef.h>

struct buf;
struct val;
struct template;
struct template_set;

/* How {{x}} escapes its value ({{{x}}} and {{&x}} never escape). */
enum template_esc {
	TEMPLATE_ESC_HTML,	/* esc_html: HTML text and attributes */
	TEMPLATE_ESC_JSON,	/* esc_json_inner: inside a JSON string */
	TEMPLATE_ESC_XML,	/* esc_xml: XML/SVG text and attributes */
	TEMPLATE_ESC_MD,	/* esc_md: Markdown-safe text */
	TEMPLATE_ESC_NONE,	/* verbatim */
	TEMPLATE_ESC__MAX
};

/*
 * Loader for partials and parents: returns the source of the template
 * called name (as written in the tag, e.g. "layout") and its length in
 * *len, or NULL if there is none (the tag then renders as empty text, as
 * the spec wants). The bytes need only stay valid until the loader is
 * called again or returns to the engine: they are copied at once. The
 * loader decides what a name may mean; reject names like "../x" there.
 */
typedef const char *(*template_loader)(const char *name, size_t *len,
    void *arg);

/* A set of compiled templates sharing one loader and one cache of
 * partials. load may be NULL (no partials). Free with template_set_free. */
struct template_set	*template_set_new(template_loader load, void *arg);
/* Rendering stops with an error past 10^8 steps or 256 MiB of output per
 * render, so a runaway template ends; template_set_limit raises the
 * output limit (and the steps with it) for inputs that need more. */
void			 template_set_limit(struct template_set *,
			    size_t max_out);
/* Frees the set and every template compiled in it. NULL is fine. */
void			 template_set_free(struct template_set *);

/*
 * Compile src[0..len) as the template called name (used in diagnostics;
 * copied). Partials and parents it refers to are loaded through the set's
 * loader and compiled now, once each, so every template error shows up
 * here. Returns NULL after one or more diag_error() calls. The template
 * is owned by the set and lives until template_set_free.
 */
struct template	*template_compile(struct template_set *, const char *name,
		    const char *src, size_t len);

/*
 * Render t against the context ctx (usually an object; NULL renders like
 * an empty one), escaping {{x}} values by esc, appending to out. Returns 0,
 * or -1 after diag_error() (recursion deeper than 100 partials, parents
 * or blocks, or a render too large); out then holds partial output.
 */
int		 template_render(const struct template *, const struct val *ctx,
		    enum template_esc esc, struct buf *out);

/*
 * template_render, streamed: whenever out holds a chunk (64 KiB) or more,
 * flush(out's bytes, their length, arg) gets them all and out is emptied,
 * so a page of any size takes a chunk of memory. flush returns 0, or -1
 * after its own diag_error(): rendering then stops and returns -1. The
 * limits count every byte rendered; what is left in out at the end is
 * the caller's to send. Arrays are walked with val_elem, so lazy arrays
 * (value.h) are built one element at a time.
 */
typedef int	(*template_flush)(const char *, size_t, void *);
int		 template_render_to(const struct template *,
		    const struct val *ctx, enum template_esc esc,
		    struct buf *out, template_flush flush, void *arg);

/*
 * Every name that a variable or section tag of any template compiled in
 * the set looks up, each part of a dotted name on its own ("a.b" gives
 * "a" and "b"), sorted by strcmp and without duplicates, into *out (an
 * array the caller frees; the strings belong to the set). Returns how
 * many. A value tree needs no object member whose key is not among them:
 * rendering never looks it up.
 */
size_t		 template_set_names(const struct template_set *,
		    const char ***out);

/* Escaping by template file name: "*.html.mustache" HTML,
 * "*.json.mustache" JSON, "*.svg.mustache" and "*.xml.mustache" XML,
 * "*.md.mustache" Markdown, anything else HTML. */
enum template_esc template_esc_for_name(const char *filename);

#endif
