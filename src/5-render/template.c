/* template.c: Mustache compiled in three passes (find tags, pair sections,
 * decide which tags stand alone on their lines) into an op tree, which is
 * then rendered against a value tree. Shape after lowdown's template.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "template.h"
#include "value.h"
#include "xalloc.h"

/* Limits that keep a hostile template from exhausting the stack or the
 * machine: sections nested in one template, partials/parents/blocks
 * entered while rendering, render frames overall, output bytes, ops run. */
#define TEMPLATE_MAX_NEST	100
#define TEMPLATE_MAX_DEPTH	100
#define TEMPLATE_MAX_FRAMES	2000
#define TEMPLATE_MAX_OUT	((size_t)256 << 20)
#define TEMPLATE_MAX_STEPS	100000000UL
/* What building one element of a lazy array counts for against the step
 * limit: some 30 values, so that a template walking a lazy list inside
 * itself ({{#tasks}}{{#tasks}}...) stops in seconds, as it did when the
 * list was built once. */
#define TEMPLATE_LAZY_STEPS	16
/* Output held before it goes to a template_render_to sink. */
#define TEMPLATE_CHUNK		((size_t)64 << 10)

enum op_type {
	OP_TEXT,	/* literal text, at most one line */
	OP_BOL,		/* a line starts: its leading white space (s) */
	OP_VAR,		/* {{name}}: escaped */
	OP_RAW,		/* {{{name}}}, {{&name}}: verbatim */
	OP_SECTION,	/* {{#name}} kids {{/name}} */
	OP_INVERTED,	/* {{^name}} kids {{/name}} */
	OP_PARTIAL,	/* {{>name}} */
	OP_PARENT,	/* {{<name}} blocks {{/name}} (kids are OP_BLOCK only) */
	OP_BLOCK,	/* {{$name}} default {{/name}} */
	OP__MAX
};

struct op;

struct ops {
	struct op	*v;
	size_t		 n, cap;
};

struct op {
	enum op_type	 type;
	struct slice	 s;		/* TEXT, BOL: bytes; else the name */
	char		*key;		/* VAR..INVERTED: name split at '.'
					   into NUL-separated parts */
	size_t		 nkey;		/* number of parts; 0 for "." */
	uint32_t	*hash;		/* val_hash of each part */
	size_t		 slot;		/* its parts' hints: a render's
					   hint[slot .. slot + nkey) */
	int		 line, col;	/* of the tag */
	const struct template *owner;	/* template the op comes from */
	struct ops	 kids;		/* SECTION, INVERTED, PARENT, BLOCK */
	struct slice	 indent;	/* PARTIAL, PARENT: indentation when
					   standalone; BLOCK: target indent */
	struct slice	 intrinsic;	/* BLOCK: indentation of its content,
					   removed where it is expanded */
	int		 standalone;	/* BLOCK: reindent when expanded */
	size_t		 run;		/* TEXT, BOL: bytes of this and the
					   skip - 1 TEXT and BOL ops after it,
					   when they are contiguous source */
	size_t		 skip;
	struct template	*tmpl;		/* PARTIAL, PARENT: resolved or NULL */
};

struct template {
	struct template_set *set;
	char		*name;
	char		*src;
	size_t		 len;
	struct ops	 ops;
	int		 failed;
};

struct template_cache {
	char		*name;
	struct template	*t;		/* NULL: the loader had none */
};

struct template_set {
	template_loader	 load;
	void		*arg;
	struct template_cache *cache;
	size_t		 ncache, capcache;
	struct template	**all;		/* owned */
	size_t		 nall, capall;
	int		 loading;	/* nested loads in progress */
	size_t		 nslots;	/* name parts of all its tags */
	unsigned long	 max_steps;	/* render limits (template_set_limit) */
	size_t		 max_out;
};

/* A tag found in the source. [start, end) are its bytes; [xs, xe) what it
 * removes from the output once standalone lines are trimmed. */
struct tok {
	char		 sigil;		/* 0 for a variable */
	struct slice	 name;		/* trimmed */
	size_t		 start, end, xs, xe;
	int		 line, col;
	size_t		 match;		/* matching open or close tag */
	int		 eat_front;	/* xs moved to the start of its line */
	int		 standalone;	/* its line is trimmed (or block pair) */
};

struct toks {
	struct tok	*v;
	size_t		 n, cap;
};

/* Incremental byte offset -> line:col (columns count code points). */
struct lpos {
	const char	*src;
	size_t		 off;
	int		 line, col;
};

static void
template_lpos(struct lpos *lp, size_t to)
{
	for (; lp->off < to; lp->off++) {
		unsigned char c = (unsigned char)lp->src[lp->off];
		if (c == '\n') {
			lp->line++;
			lp->col = 1;
		} else if ((c & 0xC0) != 0x80)
			lp->col++;
	}
}

/* Blanks that may indent a line or surround a standalone tag. */
static int
template_isws(char c)
{
	return c == ' ' || c == '\t';
}

/* p[0..n) without surrounding white space (tag contents may span lines). */
static struct slice
template_trim(const char *p, size_t n)
{
	struct slice s;

	while (n > 0 && (template_isws(*p) || *p == '\n' || *p == '\r')) {
		p++;
		n--;
	}
	while (n > 0 && (template_isws(p[n - 1]) || p[n - 1] == '\n' ||
	    p[n - 1] == '\r'))
		n--;
	s.p = p;
	s.n = n;
	return s;
}

/* Find needle in hay[from..len); if want is not 0, only where the byte
 * before it is want and lies at or after from. */
static const char *
template_find(const char *hay, size_t len, size_t from,
    const struct slice *needle, char want)
{
	const char *p;
	size_t at = from;

	while (at < len) {
		p = memchr(hay + at, needle->p[0], len - at);
		if (p == NULL || (size_t)(hay + len - p) < needle->n)
			return NULL;
		if (memcmp(p, needle->p, needle->n) != 0) {
			at = (size_t)(p - hay) + 1;
			continue;
		}
		if (want == 0 || (p > hay + from && p[-1] == want))
			return p;
		at = (size_t)(p - hay) + 1;
	}
	return NULL;
}

/* A delimiter: no white space, no '='. */
static int
template_delim_ok(const char *p, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (template_isws(p[i]) || p[i] == '\n' || p[i] == '\r' ||
		    p[i] == '=')
			return 0;
	return 1;
}

/* Set *o and *c from the inside of {{=o c=}}; 0 if malformed. */
static int
template_delims(struct slice in, struct slice *o, struct slice *c)
{
	size_t i = 0;

	in = template_trim(in.p, in.n);
	while (i < in.n && !template_isws(in.p[i]))
		i++;
	if (!template_delim_ok(in.p, i))
		return 0;
	*c = template_trim(in.p + i, in.n - i);
	if (!template_delim_ok(c->p, c->n))
		return 0;
	o->p = in.p;
	o->n = i;
	return 1;
}

/* A name: "." or dot-separated parts without white space or empty parts
 * (1); 0 if not, -1 if it holds a control character (a NUL would make two
 * names the same). */
static int
template_name_ok(struct slice s)
{
	if (s.n == 0)
		return 0;
	if (s.n == 1 && s.p[0] == '.')
		return 1;
	for (size_t i = 0; i < s.n; i++) {
		if ((unsigned char)s.p[i] < ' ' || s.p[i] == 0x7f)
			return -1;
		if (s.p[i] == ' ')
			return 0;
		if (s.p[i] == '.' && (i == 0 || i + 1 == s.n ||
		    s.p[i + 1] == '.'))
			return 0;
	}
	return 1;
}

/* Pass 1: find every tag, following delimiter changes. */
static int
template_scan(const struct template *t, struct toks *ts)
{
	static const char defo[] = "{{", defc[] = "}}";
	struct slice o = { defo, 2 }, c = { defc, 2 };
	struct lpos lp = { t->src, 0, 1, 1 };
	const char *src = t->src, *p, *q;
	size_t pos = 0, in;
	struct tok *k;
	char want;
	int ok;

	while ((p = template_find(src, t->len, pos, &o, 0)) != NULL) {
		ts->v = xgrow(ts->v, &ts->cap, ts->n + 1, sizeof(*ts->v));
		k = &ts->v[ts->n++];
		memset(k, 0, sizeof(*k));
		k->start = (size_t)(p - src);
		template_lpos(&lp, k->start);
		k->line = lp.line;
		k->col = lp.col;
		in = k->start + o.n;
		if (in < t->len && strchr("#^/!><$=&{", src[in]) &&
		    src[in] != '\0')
			k->sigil = src[in++];
		want = k->sigil == '{' ? '}' : k->sigil == '=' ? '=' : 0;
		q = template_find(src, t->len, in, &c, want);
		if (q == NULL) {
			diag_error(t->name, k->line, k->col, "unclosed tag: "
			    "no '%s%.*s' after '%.*s'", want == '}' ? "}" :
			    want == '=' ? "=" : "", (int)c.n, c.p,
			    (int)o.n, o.p);
			return -1;
		}
		k->end = (size_t)(q - src) + c.n;
		k->name = template_trim(src + in,
		    (size_t)(q - src) - in - (want != 0));
		pos = k->end;
		if (k->sigil == '!')
			continue;
		if (k->sigil == '=') {
			if (!template_delims(k->name, &o, &c)) {
				diag_error(t->name, k->line, k->col,
				    "bad delimiter change: '%.*s'",
				    (int)(k->end - k->start), p);
				return -1;
			}
			continue;
		}
		if (k->name.n == 0) {
			diag_error(t->name, k->line, k->col, "empty tag name");
			return -1;
		}
		if ((ok = template_name_ok(k->name)) <= 0) {
			diag_error(t->name, k->line, k->col, ok < 0 ?
			    "control character in tag name" :
			    "bad tag name: '%.*s'", (int)k->name.n, k->name.p);
			return -1;
		}
	}
	return 0;
}

/* Tags that need a matching close tag. */
static int
template_opens(char sigil)
{
	return sigil == '#' || sigil == '^' || sigil == '<' || sigil == '$';
}

/* Pass 2: pair each section, parent and block with its close tag. */
static int
template_pair(const struct template *t, struct toks *ts)
{
	size_t *stack, n = 0, i;
	struct tok *o;
	int rc = -1;

	stack = xcalloc(TEMPLATE_MAX_NEST + 1, sizeof(*stack));
	for (i = 0; i < ts->n; i++) {
		struct tok *k = &ts->v[i];

		if (template_opens(k->sigil)) {
			if (n == TEMPLATE_MAX_NEST) {
				diag_error(t->name, k->line, k->col, "sections "
				    "nested too deeply (more than %d)",
				    TEMPLATE_MAX_NEST);
				goto out;
			}
			stack[n++] = i;
			continue;
		}
		if (k->sigil != '/')
			continue;
		if (n == 0) {
			diag_error(t->name, k->line, k->col, "close tag "
			    "'%.*s' without an open section",
			    (int)k->name.n, k->name.p);
			goto out;
		}
		o = &ts->v[stack[n - 1]];
		if (o->name.n != k->name.n ||
		    memcmp(o->name.p, k->name.p, k->name.n) != 0) {
			diag_error(t->name, k->line, k->col, "close tag "
			    "'%.*s' does not match '%.*s' opened at %d:%d",
			    (int)k->name.n, k->name.p, (int)o->name.n,
			    o->name.p, o->line, o->col);
			goto out;
		}
		k->match = stack[--n];
		o->match = i;
	}
	if (n > 0) {
		o = &ts->v[stack[n - 1]];
		diag_error(t->name, o->line, o->col, "unclosed section '%.*s'",
		    (int)o->name.n, o->name.p);
		goto out;
	}
	rc = 0;
out:
	free(stack);
	return rc;
}

/* Start of the line holding tag k if only blanks precede it, else -1. */
static long
template_before(const struct template *t, const struct tok *k)
{
	size_t p = k->start;

	while (p > 0 && template_isws(t->src[p - 1]))
		p--;
	return p == 0 || t->src[p - 1] == '\n' ? (long)p : -1;
}

/* If only blanks follow tag k on its line: 1, with *nl where the line
 * break starts and *eol where the next line does. */
static int
template_after(const struct template *t, const struct tok *k, size_t *nl,
    size_t *eol)
{
	size_t p = k->end;

	while (p < t->len && template_isws(t->src[p]))
		p++;
	*nl = p;
	if (p == t->len)
		*eol = p;
	else if (t->src[p] == '\n')
		*eol = p + 1;
	else if (t->src[p] == '\r' && p + 1 < t->len && t->src[p + 1] == '\n')
		*eol = p + 2;
	else
		return 0;
	return 1;
}

/* Pass 3: tags alone on their lines take the whole line with them. Blocks
 * and parents also stand alone in pairs, as the inheritance spec has it:
 * "{{$b}}{{/b}}" (keeping the line break), "{{<p}}{{/p}}", "{{<p}}{{$b}}"
 * and "{{/b}}{{/p}}". */
static void
template_standalone(const struct template *t, struct toks *ts)
{
	size_t i, nl, eol, nl2, eol2;
	long ls, ls2;

	for (i = 0; i < ts->n; i++) {
		struct tok *k = &ts->v[i];

		k->xs = k->start;
		k->xe = k->end;
		if (k->sigil == 0 || k->sigil == '&' || k->sigil == '{')
			continue;
		if ((ls = template_before(t, k)) >= 0 &&
		    template_after(t, k, &nl, &eol)) {
			k->xs = (size_t)ls;
			k->xe = eol;
			k->eat_front = k->standalone = 1;
		}
	}
	for (i = 0; i + 1 < ts->n; i++) {
		struct tok *k = &ts->v[i], *n = &ts->v[i + 1];

		if ((k->sigil != '$' && k->sigil != '<') ||
		    k->end != n->start || k->standalone ||
		    (ls = template_before(t, k)) < 0 ||
		    !template_after(t, n, &nl, &eol))
			continue;
		if (k->match == i + 1) {
			/* {{$b}}{{/b}} or {{<p}}{{/p}} */
			k->xs = (size_t)ls;
			n->xe = k->sigil == '$' ? nl : eol;
			k->eat_front = k->standalone = 1;
		} else if (k->sigil == '<' && n->sigil == '$') {
			/* {{<p}}{{$b}} */
			k->xs = (size_t)ls;
			n->xe = eol;
			k->eat_front = k->standalone = n->standalone = 1;
		}
	}
	for (i = 1; i < ts->n; i++) {
		struct tok *k = &ts->v[i - 1], *n = &ts->v[i];

		/* {{/b}}{{/p}} */
		if (n->sigil != '/' || ts->v[n->match].sigil != '<' ||
		    k->sigil != '/' || ts->v[k->match].sigil != '$' ||
		    k->end != n->start || n->standalone ||
		    (ls2 = template_before(t, k)) < 0 ||
		    !template_after(t, n, &nl2, &eol2))
			continue;
		k->xs = (size_t)ls2;
		k->eat_front = 1;
		n->xe = eol2;
	}
}

static struct op *
template_push(const struct template *t, struct ops *ops, enum op_type type,
    const char *p, size_t n)
{
	struct op *o;

	ops->v = xgrow(ops->v, &ops->cap, ops->n + 1, sizeof(*ops->v));
	o = &ops->v[ops->n++];
	memset(o, 0, sizeof(*o));
	o->type = type;
	o->owner = t;
	o->s.p = p;
	o->s.n = n;
	return o;
}

/* Text src[a..b) as TEXT ops, one per line, each line start marked by a
 * BOL op with the line's leading blanks. bol_end: a line starting at b
 * belongs to the output (the next tag does not eat it). */
static void
template_text(const struct template *t, struct ops *ops, size_t a, size_t b,
    int bol_end)
{
	const char *s = t->src;
	size_t p = a, w, q;

	while (p < b) {
		if (p == 0 || s[p - 1] == '\n') {
			for (w = p; w < b && template_isws(s[w]); w++)
				;
			template_push(t, ops, OP_BOL, s + p, w - p);
			if ((p = w) == b)
				return;
		}
		for (q = p; q < b && s[q] != '\n'; q++)
			;
		if (q < b)
			q++;
		template_push(t, ops, OP_TEXT, s + p, q - p);
		p = q;
	}
	if (bol_end && (b == 0 || s[b - 1] == '\n'))
		template_push(t, ops, OP_BOL, s + b, 0);
}

/* Free an op list and everything below it (not the templates that
 * partials point to: the set owns those). */
static void
template_ops_free(struct ops *ops)
{
	for (size_t i = 0; i < ops->n; i++) {
		template_ops_free(&ops->v[i].kids);
		free(ops->v[i].key);
		free(ops->v[i].hash);
	}
	free(ops->v);
	memset(ops, 0, sizeof(*ops));
}

/* Split a name at its dots into op->key, and hash each part; the parts
 * get the next nkey hint slots of set. */
static void
template_key(struct template_set *set, struct op *o)
{
	const char *part;

	if (o->s.n == 1 && o->s.p[0] == '.')
		return;
	o->key = xstrndup(o->s.p, o->s.n);
	o->nkey = 1;
	for (char *c = o->key; *c != '\0'; c++)
		if (*c == '.') {
			*c = '\0';
			o->nkey++;
		}
	o->hash = xcalloc(o->nkey, sizeof(*o->hash));
	part = o->key;
	for (size_t i = 0; i < o->nkey; i++) {
		o->hash[i] = val_hash(part, strlen(part));
		part += strlen(part) + 1;
	}
	o->slot = set->nslots;
	set->nslots += o->nkey;
}

/* Pass 4: tags [i, end) and the text between them into ops, from text
 * position pos up to stop. Recursion is bounded by TEMPLATE_MAX_NEST. */
static void
template_build(const struct template *t, const struct toks *ts, size_t i,
    size_t end, size_t pos, size_t stop, struct ops *ops)
{
	static const enum op_type types[] = {
		['#'] = OP_SECTION, ['^'] = OP_INVERTED, ['<'] = OP_PARENT,
		['$'] = OP_BLOCK, ['>'] = OP_PARTIAL, ['&'] = OP_RAW,
		['{'] = OP_RAW,
	};
	const struct tok *k;
	struct op *o;
	size_t j, m;

	for (; i < end; i++) {
		k = &ts->v[i];
		template_text(t, ops, pos, k->xs, !k->eat_front);
		pos = k->xe;
		if (k->sigil == '!' || k->sigil == '=')
			continue;
		o = template_push(t, ops, k->sigil == 0 ? OP_VAR :
		    types[(unsigned char)k->sigil], k->name.p, k->name.n);
		o->line = k->line;
		o->col = k->col;
		if (o->type != OP_PARTIAL && o->type != OP_PARENT &&
		    o->type != OP_BLOCK)
			template_key(t->set, o);
		if (o->type == OP_PARTIAL || o->type == OP_PARENT) {
			if (k->standalone) {
				o->indent.p = t->src + k->xs;
				o->indent.n = k->start - k->xs;
			}
			if (o->type == OP_PARTIAL)
				continue;
		}
		if (!template_opens(k->sigil))
			continue;
		m = k->match;
		template_build(t, ts, i + 1, m, pos, ts->v[m].xs, &o->kids);
		pos = ts->v[m].xe;
		if (o->type == OP_PARENT) {
			/* Only blocks count inside a parent. */
			for (j = m = 0; j < o->kids.n; j++) {
				if (o->kids.v[j].type == OP_BLOCK)
					o->kids.v[m++] = o->kids.v[j];
				else {
					struct op *x = &o->kids.v[j];
					template_ops_free(&x->kids);
					free(x->key);
					free(x->hash);
				}
			}
			o->kids.n = m;
		} else if (o->type == OP_BLOCK && k->standalone) {
			if (o->kids.n > 0 && o->kids.v[0].type == OP_BOL)
				o->intrinsic = o->kids.v[0].s;
			o->standalone = 1;
			if (o->intrinsic.n > 0)
				o->indent = o->intrinsic;
			else {
				long ls = template_before(t, k);
				o->indent.p = t->src + (ls < 0 ? k->start :
				    (size_t)ls);
				o->indent.n = ls < 0 ? 0 : k->start - (size_t)ls;
			}
		}
		i = k->match;
	}
	template_text(t, ops, pos, stop, end < ts->n && !ts->v[end].eat_front);
}

/* Pass 5: runs of TEXT and BOL ops over contiguous source, which render
 * as one copy when no reindentation is in force. */
static void
template_runs(struct ops *ops)
{
	size_t i = ops->n;

	while (i-- > 0) {
		struct op *o = &ops->v[i], *n = i + 1 < ops->n ? o + 1 : NULL;

		template_runs(&o->kids);
		if (o->type != OP_TEXT && o->type != OP_BOL)
			continue;
		o->run = o->s.n;
		o->skip = 1;
		if (n != NULL && n->skip > 0 && n->s.p == o->s.p + o->s.n) {
			o->run += n->run;
			o->skip += n->skip;
		}
	}
}

struct template_set *
template_set_new(template_loader load, void *arg)
{
	struct template_set *set = xcalloc(1, sizeof(*set));

	set->load = load;
	set->arg = arg;
	set->max_steps = TEMPLATE_MAX_STEPS;
	set->max_out = TEMPLATE_MAX_OUT;
	return set;
}

/* Raise (never lower) the render limits: a report of a 50 MB checklist
 * is legitimately hundreds of MB of HTML. */
void
template_set_limit(struct template_set *set, size_t max_out)
{
	if (max_out > set->max_out) {
		set->max_out = max_out;
		/* A step is at least one op: allow as many as bytes. */
		if (max_out > set->max_steps)
			set->max_steps = max_out;
	}
}

void
template_set_free(struct template_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->nall; i++) {
		template_ops_free(&set->all[i]->ops);
		free(set->all[i]->name);
		free(set->all[i]->src);
		free(set->all[i]);
	}
	for (i = 0; i < set->ncache; i++)
		free(set->cache[i].name);
	free(set->all);
	free(set->cache);
	free(set);
}

/* The cache row for name[0..n), or NULL if it was never asked for. */
static struct template_cache *
template_cached(struct template_set *set, const char *name, size_t n)
{
	for (size_t i = 0; i < set->ncache; i++)
		if (strlen(set->cache[i].name) == n &&
		    memcmp(set->cache[i].name, name, n) == 0)
			return &set->cache[i];
	return NULL;
}

/* Remember what name[0..n) resolved to (NULL: the loader had nothing). */
static void
template_cache_add(struct template_set *set, const char *name, size_t n,
    struct template *t)
{
	set->cache = xgrow(set->cache, &set->capcache, set->ncache + 1,
	    sizeof(*set->cache));
	set->cache[set->ncache].name = xstrndup(name, n);
	set->cache[set->ncache++].t = t;
}

static int template_resolve(struct template *, struct ops *);

/* Parse src into a new template of the set, registered in the cache under
 * its name (if free) before its partials are resolved, so that recursive
 * partials find it. */
static struct template *
template_parse(struct template_set *set, const char *name, size_t namelen,
    const char *src, size_t len)
{
	struct template *t = xcalloc(1, sizeof(*t));
	struct toks ts = {0};

	t->set = set;
	t->name = xstrndup(name, namelen);
	t->src = xstrndup(src, len);
	t->len = len;
	set->all = xgrow(set->all, &set->capall, set->nall + 1,
	    sizeof(*set->all));
	set->all[set->nall++] = t;
	if (template_cached(set, name, namelen) == NULL)
		template_cache_add(set, name, namelen, t);
	if (template_scan(t, &ts) < 0 || template_pair(t, &ts) < 0) {
		t->failed = 1;
		goto out;
	}
	template_standalone(t, &ts);
	template_build(t, &ts, 0, ts.n, 0, t->len, &t->ops);
	template_runs(&t->ops);
	if (template_resolve(t, &t->ops) < 0)
		t->failed = 1;
out:
	free(ts.v);
	return t;
}

/* Load (once) and compile the partial named by op o. */
static int
template_load(struct template *t, struct op *o)
{
	struct template_set *set = t->set;
	struct template_cache *c;
	const char *src;
	char *name;
	size_t len = 0;

	if ((c = template_cached(set, o->s.p, o->s.n)) != NULL) {
		o->tmpl = c->t;
		return c->t != NULL && c->t->failed ? -1 : 0;
	}
	if (set->load == NULL) {
		template_cache_add(set, o->s.p, o->s.n, NULL);
		return 0;
	}
	if (set->loading >= TEMPLATE_MAX_DEPTH) {
		diag_error(t->name, o->line, o->col, "partials nested too "
		    "deeply (more than %d)", TEMPLATE_MAX_DEPTH);
		return -1;
	}
	name = xstrndup(o->s.p, o->s.n);
	src = set->load(name, &len, set->arg);
	if (src == NULL)
		template_cache_add(set, o->s.p, o->s.n, NULL);
	else {
		set->loading++;
		o->tmpl = template_parse(set, name, strlen(name), src, len);
		set->loading--;
	}
	free(name);
	return o->tmpl != NULL && o->tmpl->failed ? -1 : 0;
}

/* Point every partial and parent below ops at its compiled template;
 * -1 if one of them failed to compile (after its diagnostics). */
static int
template_resolve(struct template *t, struct ops *ops)
{
	int rc = 0;

	for (size_t i = 0; i < ops->n; i++) {
		struct op *o = &ops->v[i];

		if ((o->type == OP_PARTIAL || o->type == OP_PARENT) &&
		    template_load(t, o) < 0)
			rc = -1;
		if (template_resolve(t, &o->kids) < 0)
			rc = -1;
	}
	return rc;
}

struct template *
template_compile(struct template_set *set, const char *name,
    const char *src, size_t len)
{
	struct template *t;

	t = template_parse(set, name, strlen(name), src, len);
	return t->failed ? NULL : t;
}

/* Append the name parts of the tags below ops to *v. */
static void
template_names_r(const struct ops *ops, const char ***v, size_t *n,
    size_t *cap)
{
	for (size_t i = 0; i < ops->n; i++) {
		const struct op *o = &ops->v[i];
		const char *part = o->key;

		for (size_t k = 0; k < o->nkey; k++) {
			*v = xgrow(*v, cap, *n + 1, sizeof(**v));
			(*v)[(*n)++] = part;
			part += strlen(part) + 1;
		}
		template_names_r(&o->kids, v, n, cap);
	}
}

static int
template_strcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t
template_set_names(const struct template_set *set, const char ***out)
{
	const char **v = NULL;
	size_t n = 0, cap = 0, i, m = 0;

	for (i = 0; i < set->nall; i++)
		template_names_r(&set->all[i]->ops, &v, &n, &cap);
	if (n > 0)
		qsort(v, n, sizeof(*v), template_strcmp);
	for (i = 0; i < n; i++)
		if (m == 0 || strcmp(v[m - 1], v[i]) != 0)
			v[m++] = v[i];
	*out = v;
	return m;
}

enum template_esc
template_esc_for_name(const char *filename)
{
	static const struct {
		const char *suffix;
		enum template_esc esc;
	} tab[] = {
		{ ".html.mustache", TEMPLATE_ESC_HTML },
		{ ".json.mustache", TEMPLATE_ESC_JSON },
		{ ".svg.mustache", TEMPLATE_ESC_XML },
		{ ".xml.mustache", TEMPLATE_ESC_XML },
		{ ".md.mustache", TEMPLATE_ESC_MD },
	};
	size_t n = strlen(filename), m;

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		m = strlen(tab[i].suffix);
		if (n >= m && strcmp(filename + n - m, tab[i].suffix) == 0)
			return tab[i].esc;
	}
	return TEMPLATE_ESC_HTML;
}

/* Rendering. */

/* Reindentation in force: each line's leading blanks lose strip (as much
 * of it as they start with) and gain add. Partials add, blocks replace. */
struct xform {
	struct slice	 strip, add;
};

struct rctx {
	struct buf	*out;
	enum template_esc esc;
	const struct val **stack;	/* context stack, top last */
	size_t		 nstack, capstack;
	struct val_hint	*hint;		/* by op slot: where its name was
					   last found */
	struct xform	*xf;		/* innermost last */
	size_t		 nxf, capxf;
	const struct op	**parents;	/* parent tags being expanded,
					   outermost first */
	size_t		 nparents, capparents;
	int		 depth, frames;
	unsigned long	 steps, max_steps;
	size_t		 out0, max_out;
	size_t		 sent;		/* rendered bytes handed to flush */
	template_flush	 flush;		/* template_render_to's sink */
	void		*flush_arg;
	int		 failed;
	struct buf	 tmp, tmp2;
};

/* How many bytes this render has written, sent or still in out. */
static size_t
template_rendered(const struct rctx *rc)
{
	return rc->sent + rc->out->len - rc->out0;
}

/* Hand what out holds to the sink once it is a chunk: 0, or -1 when the
 * sink failed (it said why). */
static int
template_drain(struct rctx *rc)
{
	if (rc->flush == NULL || rc->out->len < TEMPLATE_CHUNK)
		return 0;
	rc->sent += rc->out->len - rc->out0;
	if (rc->flush(rc->out->data, rc->out->len, rc->flush_arg) == -1)
		return -1;
	rc->out0 = 0;
	rc->out->len = 0;
	rc->out->data[0] = '\0';
	return 0;
}

static int template_run(struct rctx *, const struct ops *);

/* template_lookup of a dotted name (two parts or more). */
static __attribute__((noinline)) const struct val *
template_lookup_dotted(const struct rctx *rc, const struct op *o)
{
	const struct val *v;
	const char *part = o->key;
	size_t i;

	v = val_get_stack(rc->stack, rc->nstack, o->key, o->hash[0],
	    &rc->hint[o->slot]);
	for (i = 1; v != NULL && i < o->nkey; i++) {
		part += strlen(part) + 1;
		v = val_get_hint(v, part, o->hash[i], &rc->hint[o->slot + i]);
	}
	return v;
}

/* Resolve o's name: "." is the top of the context stack; otherwise the
 * first part is looked up from the top down and the rest only inside what
 * it found (a broken chain gives NULL, as the spec says). A plain name
 * (most tags) is one call, which a remembered place answers at once. */
static const struct val *
template_lookup(const struct rctx *rc, const struct op *o)
{
	if (o->nkey == 0)
		return rc->stack[rc->nstack - 1];
	if (o->nkey == 1)
		return val_get_stack(rc->stack, rc->nstack, o->key,
		    o->hash[0], &rc->hint[o->slot]);
	return template_lookup_dotted(rc, o);
}


/* Write s[0..n) escaped for the output format. */
static void
template_escape(struct buf *out, enum template_esc esc, const char *s,
    size_t n)
{
	size_t k;

	switch (esc) {
	case TEMPLATE_ESC_HTML:
		/* Most values are plain text: copied at once; esc_html
		 * from the first byte that is not (a character's first
		 * byte: the same bytes as esc_html of the whole). */
		k = esc_html_plain(s, n);
		buf_append(out, s, k);
		if (k < n)
			esc_html(out, s + k, n - k);
		break;
	case TEMPLATE_ESC_JSON:
		esc_json_inner(out, s, n);
		break;
	case TEMPLATE_ESC_XML:
		esc_xml(out, s, n);
		break;
	case TEMPLATE_ESC_MD:
		esc_md(out, s, n);
		break;
	default:
		buf_put(out, s, n);
		break;
	}
}

/* A line starts: write its indentation through every reindentation in
 * force, innermost first. */
static void
template_bol(struct rctx *rc, struct slice ws)
{
	struct buf *cur = &rc->tmp, *nxt = &rc->tmp2, *sw;
	size_t i, k;

	if (rc->nxf == 0) {
		buf_append(rc->out, ws.p, ws.n);
		return;
	}
	buf_reset(cur);
	buf_put(cur, ws.p, ws.n);
	for (i = rc->nxf; i-- > 0; ) {
		const struct xform *x = &rc->xf[i];

		for (k = 0; k < x->strip.n && k < cur->len &&
		    cur->data[k] == x->strip.p[k]; k++)
			;
		buf_reset(nxt);
		buf_put(nxt, x->add.p, x->add.n);
		buf_put(nxt, cur->data + k, cur->len - k);
		sw = cur;
		cur = nxt;
		nxt = sw;
	}
	buf_put(rc->out, cur->data, cur->len);
}

/* Push a context on the stack (sections). */
static void
template_push_ctx(struct rctx *rc, const struct val *v)
{
	rc->stack = xgrow(rc->stack, &rc->capstack, rc->nstack + 1,
	    sizeof(*rc->stack));
	rc->stack[rc->nstack++] = v;
}

/* Put a reindentation in force; callers restore rc->nxf afterwards. */
static void
template_push_xf(struct rctx *rc, struct slice strip, struct slice add)
{
	rc->xf = xgrow(rc->xf, &rc->capxf, rc->nxf + 1, sizeof(*rc->xf));
	rc->xf[rc->nxf].strip = strip;
	rc->xf[rc->nxf++].add = add;
}

/* Enter a partial, parent or block: 0, or -1 after an error if too deep. */
static int
template_enter(struct rctx *rc, const struct op *o)
{
	if (rc->depth >= TEMPLATE_MAX_DEPTH) {
		diag_error(o->owner->name, o->line, o->col, "partials, parents "
		    "and blocks nested too deeply (more than %d) while "
		    "rendering", TEMPLATE_MAX_DEPTH);
		return -1;
	}
	rc->depth++;
	return 0;
}

/* The block that fills block o: the outermost override in force, or o. */
static const struct op *
template_block(const struct rctx *rc, const struct op *o)
{
	for (size_t i = 0; i < rc->nparents; i++) {
		const struct ops *b = &rc->parents[i]->kids;

		for (size_t j = 0; j < b->n; j++)
			if (b->v[j].s.n == o->s.n &&
			    memcmp(b->v[j].s.p, o->s.p, o->s.n) == 0)
				return &b->v[j];
	}
	return o;
}

/* Expand block o: its override's content or its own, reindented from the
 * content's indentation to the block's. */
static int
template_run_block(struct rctx *rc, const struct op *o)
{
	const struct op *c = template_block(rc, o);
	struct slice none = { "", 0 };
	size_t nxf = rc->nxf;
	int rc2;

	if (template_enter(rc, o) < 0)
		return -1;
	if (c->intrinsic.n > 0 || (o->standalone && o->indent.n > 0))
		template_push_xf(rc, c->intrinsic,
		    o->standalone ? o->indent : none);
	/* A standalone block starts a line even if its content does not. */
	if (o->standalone && c->kids.n > 0 && c->kids.v[0].type != OP_BOL)
		template_bol(rc, none);
	rc2 = template_run(rc, &c->kids);
	rc->nxf = nxf;
	rc->depth--;
	return rc2;
}

/* Expand a partial or parent. */
static int
template_run_partial(struct rctx *rc, const struct op *o)
{
	struct slice none = { "", 0 };
	size_t nxf = rc->nxf, np = rc->nparents;
	int rc2;

	if (o->tmpl == NULL)
		return 0;
	if (template_enter(rc, o) < 0)
		return -1;
	if (o->indent.n > 0)
		template_push_xf(rc, none, o->indent);
	if (o->type == OP_PARENT) {
		rc->parents = xgrow(rc->parents, &rc->capparents,
		    rc->nparents + 1, sizeof(*rc->parents));
		rc->parents[rc->nparents++] = o;
	}
	rc2 = template_run(rc, &o->tmpl->ops);
	rc->nxf = nxf;
	rc->nparents = np;
	rc->depth--;
	return rc2;
}

/* A section renders its body once per array element or once for any
 * other truthy value, pushed as context; an inverted one only for a falsy
 * value or an empty array. */
static int
template_run_section(struct rctx *rc, const struct op *o)
{
	const struct val *v = template_lookup(rc, o);
	struct arena scratch = { NULL };
	size_t i, n;
	int r, lazy;

	if (o->type == OP_INVERTED)
		return val_truthy(v) ? 0 : template_run(rc, &o->kids);
	if (!val_truthy(v))
		return 0;
	if (val_type(v) != VAL_ARR) {
		template_push_ctx(rc, v);
		r = template_run(rc, &o->kids);
		rc->nstack--;
		return r;
	}
	/* An element of a lazy array (value.h) lives in scratch only while
	 * it renders. */
	n = val_len(v);
	lazy = val_is_lazy(v);
	for (i = 0, r = 0; i < n && r == 0; i++) {
		rc->steps += lazy ? TEMPLATE_LAZY_STEPS : 0;
		template_push_ctx(rc, val_elem(v, i, &scratch));
		r = template_run(rc, &o->kids);
		rc->nstack--;
		arena_reset(&scratch);
	}
	arena_free(&scratch);
	return r;
}

/* Run an op list. Every non-empty list is one frame, so the frame limit
 * bounds the C stack whatever the template and data. */
static int
template_run(struct rctx *rc, const struct ops *ops)
{
	const struct op *o;
	const struct val *v;
	int rc2 = 0;

	if (ops->n > 0 && ++rc->frames > TEMPLATE_MAX_FRAMES) {
		o = &ops->v[0];
		diag_error(o->owner->name, o->line, o->col, "template nested "
		    "too deeply while rendering (more than %d levels)",
		    TEMPLATE_MAX_FRAMES);
		rc->frames--;
		return -1;
	}
	for (size_t i = 0; i < ops->n && rc2 == 0; i++) {
		o = &ops->v[i];
		if (++rc->steps > rc->max_steps ||
		    template_rendered(rc) > rc->max_out) {
			diag_error(o->owner->name, o->line, o->col, "rendering "
			    "stopped: more than %lu steps or %zu MiB of output",
			    rc->max_steps, rc->max_out >> 20);
			rc2 = -1;
			break;
		}
		switch (o->type) {
		case OP_TEXT:
		case OP_BOL:
			/* A run of text at once, if no op in it could have
			 * stopped at the limits above. */
			if (rc->nxf == 0 && o->skip > 1 && rc->steps + o->skip -
			    1 <= rc->max_steps && template_rendered(rc) +
			    o->run <= rc->max_out) {
				buf_append(rc->out, o->s.p, o->run);
				rc->steps += o->skip - 1;
				i += o->skip - 1;
			} else if (o->type == OP_TEXT)
				buf_append(rc->out, o->s.p, o->s.n);
			else
				template_bol(rc, o->s);
			break;
		case OP_VAR:
		case OP_RAW:
			if ((v = template_lookup(rc, o)) == NULL)
				break;
			if (val_type(v) == VAL_STR) {
				size_t n;
				const char *p = val_strv(v, &n);
				template_escape(rc->out, o->type == OP_RAW ?
				    TEMPLATE_ESC_NONE : rc->esc, p, n);
				break;
			}
			if (val_type(v) == VAL_INT) {
				/* Digits and '-': the same under every
				 * escaping. */
				val_text_int(rc->out, val_intv(v));
				break;
			}
			buf_reset(&rc->tmp);
			val_text(&rc->tmp, v);
			template_escape(rc->out, o->type == OP_RAW ?
			    TEMPLATE_ESC_NONE : rc->esc, rc->tmp.data ?
			    rc->tmp.data : "", rc->tmp.len);
			break;
		case OP_SECTION:
		case OP_INVERTED:
			rc2 = template_run_section(rc, o);
			break;
		case OP_PARTIAL:
		case OP_PARENT:
			rc2 = template_run_partial(rc, o);
			break;
		case OP_BLOCK:
			rc2 = template_run_block(rc, o);
			break;
		default:
			break;
		}
		if (rc2 == 0 && template_drain(rc) == -1)
			rc2 = -1;
	}
	if (ops->n > 0)
		rc->frames--;
	return rc2;
}

int
template_render(const struct template *t, const struct val *ctx,
    enum template_esc esc, struct buf *out)
{
	return template_render_to(t, ctx, esc, out, NULL, NULL);
}

int
template_render_to(const struct template *t, const struct val *ctx,
    enum template_esc esc, struct buf *out, template_flush flush, void *arg)
{
	struct rctx rc;
	int r;

	memset(&rc, 0, sizeof(rc));
	rc.flush = flush;
	rc.flush_arg = arg;
	rc.out = out;
	rc.esc = esc;
	rc.out0 = out->len;
	rc.max_steps = t->set->max_steps;
	rc.max_out = t->set->max_out;
	rc.hint = xcalloc(t->set->nslots + 1, sizeof(*rc.hint));
	template_push_ctx(&rc, ctx);
	r = template_run(&rc, &t->ops);
	free(rc.hint);
	free(rc.stack);
	free(rc.xf);
	free(rc.parents);
	buf_free(&rc.tmp);
	buf_free(&rc.tmp2);
	return r;
}
