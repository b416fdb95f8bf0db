/* frontmatter.c: [parse] YAML front matter into checklist metadata. Keys map
 * to strings: scalars as written, sequences joined with ", ", nested
 * mappings in flow style, so every view can print metadata as text. */
#include <string.h>

#include <yaml.h>

#include "buf.h"
#include "frontmatter.h"
#include "model.h"
#include "xalloc.h"

/* Longest flattened value, and all values together: YAML aliases can name
 * one node many times, so a few lines of "billion laughs" would otherwise
 * expand exponentially. What is longer is cut. */
#define FRONTMATTER_MAX		65536
#define FRONTMATTER_TOTAL	(1 << 20)
/* Most keys kept: reports look keys up one by one (val_set), which would
 * be quadratic in a front matter of 100,000 keys. */
#define FRONTMATTER_KEYS	1000
/* Deepest nesting of sequences and mappings: libyaml takes time
 * quadratic in the depth (100,000 levels: half a minute). */
#define FRONTMATTER_DEPTH	64

/* Flatten the node into b; depth bounds recursion on hostile input and
 * max the length (the rest of a longer value is dropped). */
static void
frontmatter_flat(yaml_document_t *d, yaml_node_t *n, struct buf *b, int depth,
    size_t max)
{
	yaml_node_item_t *it;
	yaml_node_pair_t *pr;

	if (n == NULL || b->len > max)
		return;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		buf_put(b, (const char *)n->data.scalar.value,
		    n->data.scalar.length);
		break;
	case YAML_SEQUENCE_NODE:
		if (depth > 0)
			buf_putc(b, '[');
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top &&
		    b->len <= max; it++) {
			if (it != n->data.sequence.items.start)
				buf_puts(b, ", ");
			if (depth < 8)
				frontmatter_flat(d, yaml_document_get_node(d,
				    *it), b, depth + 1, max);
		}
		if (depth > 0)
			buf_putc(b, ']');
		break;
	case YAML_MAPPING_NODE:
		buf_putc(b, '{');
		for (pr = n->data.mapping.pairs.start;
		    pr < n->data.mapping.pairs.top &&
		    b->len <= max; pr++) {
			if (pr != n->data.mapping.pairs.start)
				buf_puts(b, ", ");
			if (depth < 8) {
				frontmatter_flat(d, yaml_document_get_node(d,
				    pr->key), b, depth + 1, max);
				buf_puts(b, ": ");
				frontmatter_flat(d, yaml_document_get_node(d,
				    pr->value), b, depth + 1, max);
			}
		}
		buf_putc(b, '}');
		break;
	default:
		break;
	}
}

int
frontmatter_depth_ok(const char *text, size_t len, int max, int *line,
    int *col)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, rc = 1, done = 0;

	if (!yaml_parser_initialize(&p))
		return 1;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev))
			break;	/* a syntax error: the real load reports it */
		switch (ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > max) {
				*line = (int)ev.start_mark.line + 1;
				*col = (int)ev.start_mark.column + 1;
				rc = 0;
				done = 1;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

int
frontmatter_parse(struct checklist *cl, const char *text, size_t len,
    int *line, int *col, const char **err)
{
	yaml_parser_t p;
	yaml_document_t d;
	yaml_node_t *root;
	yaml_node_pair_t *pr;
	struct buf b = {0};
	size_t cap = 0, total = 0;
	int rc = -1;

	*line = *col = 1;
	if (!frontmatter_depth_ok(text, len, FRONTMATTER_DEPTH, line, col)) {
		*err = "front matter nested too deep";
		return -1;
	}
	*err = "front matter is not a YAML mapping";
	if (!yaml_parser_initialize(&p))
		return -1;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &d)) {
		*line = (int)p.problem_mark.line + 1;
		*col = (int)p.problem_mark.column + 1;
		*err = p.problem ? p.problem : "YAML error";
		yaml_parser_delete(&p);
		return -1;
	}
	root = yaml_document_get_root_node(&d);
	if (root == NULL || root->type != YAML_MAPPING_NODE)
		goto out;
	for (pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top &&
	    cl->nmeta < FRONTMATTER_KEYS; pr++) {
		yaml_node_t *k = yaml_document_get_node(&d, pr->key);
		struct meta *m;

		if (k == NULL || k->type != YAML_SCALAR_NODE)
			continue;
		buf_reset(&b);
		frontmatter_flat(&d, yaml_document_get_node(&d, pr->value),
		    &b, 0, FRONTMATTER_TOTAL - total < FRONTMATTER_MAX ?
		    FRONTMATTER_TOTAL - total : FRONTMATTER_MAX);
		total += b.len < FRONTMATTER_TOTAL - total ? b.len :
		    FRONTMATTER_TOTAL - total;
		cl->meta = xgrow(cl->meta, &cap, cl->nmeta + 1,
		    sizeof(*cl->meta));
		m = &cl->meta[cl->nmeta++];
		m->key = arena_strndup(&cl->arena,
		    (const char *)k->data.scalar.value, k->data.scalar.length);
		m->value = arena_strndup(&cl->arena, buf_cstr(&b), b.len);
	}
	rc = 0;
out:
	buf_free(&b);
	yaml_document_delete(&d);
	yaml_parser_delete(&p);
	return rc;
}
