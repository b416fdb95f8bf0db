/* rules.c: loads rule files (the only yaml.h user for rules) into compiled,
 * read-only rule sets; resolves extends, severity maps and overrides.
 * Discovery is in rules_find.c, globs in rules_glob.c, listings in
 * rules_list.c (rules_int.h joins them).
 *
 * A rule file is loaded with libyaml's document API so that every node
 * keeps its mark: each error names file:line:col. Regexes go through one
 * cache per context, so a pattern shared by many configs (the shipped
 * placeholder list, say) is compiled and JIT-compiled once per run.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "embed.h"
#include "frontmatter.h"
#include "match.h"
#include "model.h"
#include "rule.h"
#include "read.h"
#include "rules.h"
#include "rules_int.h"
#include "value.h"
#include "xalloc.h"

/* One loading of a set, through the files of its extends chain. */
struct load {
	struct rules_ctx	*ctx;
	struct rules		*rs;
	const char		*file;		/* for messages */
	yaml_document_t		*doc;
	const char		*stack[RULES_MAXDEPTH];	/* canonical names */
	const char		*shown[RULES_MAXDEPTH];	/* names for messages */
	size_t			 depth;
	struct buf		 names;		/* top-level files, joined */
	char			*root;		/* extends stay under it */
	unsigned		 nerr;		/* errors in this file */
	int			 err;
	int			 extends;	/* the document has extends */
};

static const char *const rules_topkeys[] = {
	"extends", "severity", "rules", "overrides", "files", "ignore",
	"checklists", NULL
};
static const char *const rules_kindsetkeys[] = {
	"files", "extends", "severity", "rules", "overrides", "template",
	NULL
};
static const char *const rules_commonkeys[] = {
	"id", "kind", "severity", "message", "description", "help", NULL
};
static const char *const rules_overridekeys[] = { "files", "severity", NULL };

/* Kind-specific keys, in the order of enum rkey bits. */
static const char *const rules_kindkeys[] = {
	"pattern", "patterns", "defaults", "sections", "items", "section",
	"scope", "min", "date-format", "after-release", NULL
};

/* By enum block_kind, NULL-terminated for suggestions. */
static const char *const rules_scopes[BLOCK__MAX + 1] = {
	"heading", "item", "paragraph", "table", "field", "code", NULL
};

/* --- small helpers ------------------------------------------------ */

/* Levenshtein distance, capped: enough to suggest a near key. */
static size_t
rules_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev, tmp;
	size_t row[64];

	if (la >= 64 || lb >= 64)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[lb];
}

/* The candidate nearest to word, if near enough to be a likely typo. */
static const char *
rules_suggest(const char *word, const char *const *cands)
{
	const char *best = NULL;
	size_t d, bestd = (size_t)-1, lim = strlen(word) / 3 + 1;

	if (lim > 3)
		lim = 3;
	for (; cands != NULL && *cands != NULL; cands++) {
		d = rules_distance(word, *cands);
		if (d < bestd) {
			bestd = d;
			best = *cands;
		}
	}
	return bestd <= lim ? best : NULL;
}

/* " (did you mean 'x'?)" or "" into b. */
static void
rules_didyoumean(struct buf *b, const char *word, const char *const *cands)
{
	const char *s = rules_suggest(word, cands);

	if (s != NULL)
		buf_printf(b, " (did you mean '%s'?)", s);
}

/* Make p absolute against cwd and normalise ".", ".." and "//". */
char *
rules_abspath(const char *cwd, const char *p)
{
	struct buf in = {0};
	char *out, *seg, *save = NULL;
	size_t n = 0;

	if (p[0] != '/') {
		buf_puts(&in, cwd);
		buf_putc(&in, '/');
	}
	buf_puts(&in, p);
	out = xmalloc(in.len + 2);
	out[0] = '\0';
	for (seg = strtok_r(in.data, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			out[n] = '\0';
			continue;
		}
		out[n++] = '/';
		memcpy(out + n, seg, strlen(seg) + 1);
		n += strlen(seg);
	}
	if (n == 0) {
		out[0] = '/';
		out[1] = '\0';
	}
	buf_free(&in);
	return out;
}

/* The directory part of an absolute path ("/" for "/x"). */
char *
rules_dirname(const char *abs)
{
	const char *sl = strrchr(abs, '/');

	if (sl == NULL || sl == abs)
		return xstrdup("/");
	return xstrndup(abs, (size_t)(sl - abs));
}

/* The path to show for an absolute path: relative when under cwd. */
char *
rules_display(const struct rules_ctx *ctx, const char *abs)
{
	size_t n = strlen(ctx->cwd);

	if (strncmp(abs, ctx->cwd, n) == 0 && abs[n] == '/')
		return xstrdup(abs + n + 1);
	return xstrdup(abs);
}

const struct rules *
rules_cache_get(const struct rules_cache *c, const char *key, int *found)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].key, key) == 0) {
			*found = 1;
			return c->v[i].rs;
		}
	*found = 0;
	return NULL;
}

void
rules_cache_put(struct rules_cache *c, const char *key,
    const struct rules *rs)
{
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof(*c->v));
	c->v[c->n].key = xstrdup(key);
	c->v[c->n].rs = rs;
	c->n++;
}

static void
rules_cache_free(struct rules_cache *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].key);
	free(c->v);
}

/* The repository root above the directory dir (absolute, canonical): the
 * nearest directory holding .git; dir itself when there is none. */
static char *
rules_repo_root(const char *dir)
{
	struct buf b = {0};
	struct stat st;
	char *d = xstrdup(dir), *up;

	for (;;) {
		buf_reset(&b);
		buf_printf(&b, "%s%s.git", d, strcmp(d, "/") ? "/" : "");
		if (lstat(buf_cstr(&b), &st) == 0) {
			buf_free(&b);
			return d;
		}
		if (strcmp(d, "/") == 0)
			break;
		up = rules_dirname(d);
		free(d);
		d = up;
	}
	free(d);
	buf_free(&b);
	return xstrdup(dir);
}

/* Is the canonical path p root itself or under it? */
static int
rules_under(const char *root, const char *p)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return 1;
	return strncmp(p, root, n) == 0 && (p[n] == '/' || p[n] == '\0');
}

/* The embedded set called name, with or without ".yml". */
const struct embedded *
rules_embedded(const char *name)
{
	char tmp[256];
	size_t n = strlen(name);

	if (strchr(name, '/') != NULL || n + 5 > sizeof(tmp))
		return NULL;
	if (n > 4 && strcmp(name + n - 4, ".yml") == 0)
		return embedded_find(embedded_rules, name);
	snprintf(tmp, sizeof(tmp), "%s.yml", name);
	return embedded_find(embedded_rules, tmp);
}

/* --- YAML helpers ---------------------------------------------------- */

/* Shorten every quoted 'text' in msg (text from the rule file) to one
 * line of at most RULES_EXCERPT bytes: an error quotes a key or a
 * value, never a file's contents. */
static void
rules_excerpts(char *msg)
{
	char *p = msg, *q, *end;

	while ((p = strchr(p, '\'')) != NULL) {
		p++;
		/* The closing quote is the last one before ' ', ':' or the
		 * end that follows a quote: quoted text may hold quotes. */
		for (q = end = NULL; *p && (q = strchr(q ? q + 1 : p, '\''))
		    != NULL; )
			if (q[1] == '\0' || q[1] == ' ' || q[1] == ':' ||
			    q[1] == ')' || q[1] == ',') {
				end = q;
				break;
			}
		if (end == NULL)
			return;
		size_t n = (size_t)(end - p), keep = strcspn(p, "\n\r");
		if (keep > RULES_EXCERPT)
			keep = RULES_EXCERPT;
		while (keep > 0 && keep < n &&
		    ((unsigned char)p[keep] & 0xc0) == 0x80)
			keep--;	/* not inside a UTF-8 sequence */
		if (n > keep + 3) {
			memmove(p + keep + 3, end, strlen(end) + 1);
			memcpy(p + keep, "...", 3);
			p += keep + 4;
		} else
			p = end + 1;
	}
}

static void
load_err(struct load *ld, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
load_err(struct load *ld, const yaml_node_t *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	ld->err = 1;
	/* A file that is not a rule file at all (extends: /etc/passwd)
	 * would be quoted line by line: a few errors are enough. */
	if (++ld->nerr > RULES_MAXERRS) {
		if (ld->nerr == RULES_MAXERRS + 1)
			diag_error(ld->file, 0, 0, "more errors in this file "
			    "not shown");
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rules_excerpts(msg);
	/* And whatever the quoting, no message says much. */
	if (strlen(msg) > RULES_MSGMAX)
		memcpy(msg + RULES_MSGMAX - 3, "...", 4);
	diag_error(ld->file, n ? (int)n->start_mark.line + 1 : 0,
	    n ? (int)n->start_mark.column + 1 : 0, "%s", msg);
}

static yaml_node_t *
load_node(struct load *ld, int idx)
{
	return yaml_document_get_node(ld->doc, idx);
}

/* The scalar text of n, or NULL (after an error naming what) if n is not
 * a scalar. */
static const char *
load_scalar(struct load *ld, const yaml_node_t *n, const char *what)
{
	if (n->type != YAML_SCALAR_NODE) {
		load_err(ld, n, "%s must be a string", what);
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

static char *
load_strdup(struct load *ld, const char *s)
{
	return arena_strndup(&ld->rs->arena, s, strlen(s));
}

/* Severity from a scalar node; -1 after an error. */
static int
load_sev(struct load *ld, const yaml_node_t *n)
{
	const char *s = load_scalar(ld, n, "a severity");
	static const char *const names[] = {
		"error", "warning", "info", "off", NULL
	};
	struct buf b = {0};
	int sev;

	if (s == NULL)
		return -1;
	if ((sev = sev_parse(s)) >= 0)
		return sev;
	rules_didyoumean(&b, s, names);
	load_err(ld, n, "unknown severity '%s'%s: use error, warning, info "
	    "or off", s, buf_cstr(&b));
	buf_free(&b);
	return -1;
}

/* Check that every key of mapping n is in keys; report the others. */
static void
load_keys(struct load *ld, yaml_node_t *n, const char *const *keys,
    const char *what)
{
	yaml_node_pair_t *p;

	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = load_node(ld, p->key);
		const char *s = load_scalar(ld, k, "a key");
		const char *const *kk;
		struct buf b = {0};

		if (s == NULL)
			continue;
		for (kk = keys; *kk != NULL; kk++)
			if (strcmp(*kk, s) == 0)
				break;
		if (*kk != NULL)
			continue;
		if (keys == rules_topkeys && strcmp(s, "exclude") == 0)
			buf_puts(&b, " (did you mean 'ignore'?)");
		else
			rules_didyoumean(&b, s, keys);
		load_err(ld, k, "unknown key '%s' in %s%s", s, what,
		    buf_cstr(&b));
		buf_free(&b);
	}
}

/* The value node of key in mapping n, or NULL. */
static yaml_node_t *
load_get(struct load *ld, yaml_node_t *n, const char *key)
{
	yaml_node_pair_t *p;

	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = load_node(ld, p->key);
		if (k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return load_node(ld, p->value);
	}
	return NULL;
}

/* A compiled regex from the context cache; NULL after an error naming
 * the rule and pcre2's error offset. */
static const struct match_re *
load_re(struct load *ld, const yaml_node_t *n, const char *id,
    const char *src)
{
	struct rules_ctx *ctx = ld->ctx;
	struct match_re *re;
	char msg[256];
	size_t off = 0;
	int col;

	for (size_t i = 0; i < ctx->nre; i++)
		if (strcmp(ctx->re[i].src, src) == 0)
			return ctx->re[i].re;
	re = match_compile(src, strlen(src), &off, msg, sizeof(msg));
	if (re == NULL) {
		col = (int)n->start_mark.column + 1;
		if (n->type == YAML_SCALAR_NODE &&
		    n->start_mark.line == n->end_mark.line &&
		    strchr(src, '\\') == NULL)
			col += (int)off + (n->data.scalar.style ==
			    YAML_SINGLE_QUOTED_SCALAR_STYLE ||
			    n->data.scalar.style ==
			    YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		diag_error(ld->file, (int)n->start_mark.line + 1, col,
		    "rule '%s': bad regex at offset %zu: %s", id, off, msg);
		ld->err = 1;
		return NULL;
	}
	ctx->re = xgrow(ctx->re, &ctx->recap, ctx->nre + 1, sizeof(*ctx->re));
	ctx->re[ctx->nre].src = xstrdup(src);
	ctx->re[ctx->nre].re = re;
	ctx->nre++;
	return re;
}

/* --- rules ----------------------------------------------------------- */

static struct rule *
rules_find(const struct rules *rs, const char *id)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].info.id, id) == 0)
			return &rs->v[i];
	return NULL;
}

/* Index of id in rs for a severity map, or -1 after an error. */
static int
load_rule_index(struct load *ld, const yaml_node_t *k, const char *id)
{
	struct rule *r = rules_find(ld->rs, id);
	const char **ids;
	struct buf b = {0};

	if (r != NULL)
		return r->index;
	ids = xcalloc(ld->rs->n + 1, sizeof(*ids));
	for (size_t i = 0; i < ld->rs->n; i++)
		ids[i] = ld->rs->v[i].info.id;
	rules_didyoumean(&b, id, ids);
	if (!ld->extends && b.len == 0 && rules_shipped_id(id))
		buf_puts(&b, " (hint: to change the severity of a shipped "
		    "rule, add extends: recommended, or another shipped set)");
	load_err(ld, k, "unknown rule id '%s'%s", id, buf_cstr(&b));
	free(ids);
	buf_free(&b);
	return -1;
}

/* A list of patterns: strings, or mappings of pattern, level and hint. */
static void
load_pats(struct load *ld, struct rule *r, yaml_node_t *n, int levels)
{
	static const char *const seckeys[] = {
		"pattern", "level", "hint", NULL
	};
	static const char *const itemkeys[] = { "pattern", "hint", NULL };
	yaml_node_item_t *it;
	size_t i = 0;

	if (n->type != YAML_SEQUENCE_NODE) {
		load_err(ld, n, "rule '%s': expected a list of patterns",
		    r->info.id);
		return;
	}
	r->npats = (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start);
	r->pats = arena_alloc(&ld->rs->arena,
	    (r->npats ? r->npats : 1) * sizeof(*r->pats));
	memset(r->pats, 0, (r->npats ? r->npats : 1) * sizeof(*r->pats));
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++, i++) {
		yaml_node_t *e = load_node(ld, *it), *pn = e, *v;
		struct rule_pat *p = &r->pats[i];
		const char *s;

		if (e->type == YAML_MAPPING_NODE) {
			load_keys(ld, e, levels ? seckeys : itemkeys,
			    "a pattern entry");
			if ((pn = load_get(ld, e, "pattern")) == NULL) {
				load_err(ld, e, "rule '%s': entry without "
				    "'pattern'", r->info.id);
				continue;
			}
			if ((v = load_get(ld, e, "hint")) != NULL &&
			    (s = load_scalar(ld, v, "hint")) != NULL)
				p->hint = load_strdup(ld, s);
			if (levels && (v = load_get(ld, e, "level")) != NULL &&
			    (s = load_scalar(ld, v, "level")) != NULL) {
				char *end;
				long l = strtol(s, &end, 10);
				if (*end != '\0' || l < 1 || l > 6)
					load_err(ld, v, "rule '%s': level "
					    "must be 1 to 6", r->info.id);
				p->level = (int)l;
			}
		}
		if ((s = load_scalar(ld, pn, "a pattern")) == NULL)
			continue;
		p->src = load_strdup(ld, s);
		p->re = load_re(ld, pn, r->info.id, s);
	}
}

/* scope: a name or a list of names of block kinds. */
static void
load_scope(struct load *ld, struct rule *r, yaml_node_t *n)
{
	yaml_node_item_t *it, one;
	yaml_node_item_t *start = &one, *top = &one + 1;

	if (n->type == YAML_SEQUENCE_NODE) {
		start = n->data.sequence.items.start;
		top = n->data.sequence.items.top;
	} else
		one = (yaml_node_item_t)(n - ld->doc->nodes.start + 1);
	r->scope = 0;
	for (it = start; it < top; it++) {
		yaml_node_t *e = load_node(ld, *it);
		const char *s = load_scalar(ld, e, "a scope");
		struct buf b = {0};
		int k;

		if (s == NULL)
			continue;
		if (strcmp(s, "all") == 0) {
			r->scope = (1u << BLOCK__MAX) - 1;
			continue;
		}
		for (k = 0; k < BLOCK__MAX; k++)
			if (strcmp(s, rules_scopes[k]) == 0)
				break;
		if (k < BLOCK__MAX) {
			r->scope |= 1u << k;
			continue;
		}
		rules_didyoumean(&b, s, rules_scopes);
		load_err(ld, e, "rule '%s': unknown scope '%s'%s: use heading, "
		    "item, paragraph, table, field, code or all", r->info.id,
		    s, buf_cstr(&b));
		buf_free(&b);
	}
}

/* A date format: %Y %m %d %H %M %S %% and literal characters. */
static int
rules_datefmt_ok(const char *f)
{
	for (; *f != '\0'; f++)
		if (*f == '%' && strchr("YmdHMS%", *++f) == NULL)
			return 0;
	return 1;
}

/* {match}, {label} and {section} are all a message may use. */
static void
load_message(struct load *ld, struct rule *r, yaml_node_t *n)
{
	const char *s = load_scalar(ld, n, "message"), *p, *q;

	if (s == NULL)
		return;
	for (p = s; (p = strchr(p, '{')) != NULL; p = q) {
		q = strchr(p, '}');
		if (q == NULL)
			break;
		q++;
		if ((size_t)(q - p) == 7 && strncmp(p, "{match}", 7) == 0)
			continue;
		if ((size_t)(q - p) == 7 && strncmp(p, "{label}", 7) == 0)
			continue;
		if ((size_t)(q - p) == 9 && strncmp(p, "{section}", 9) == 0)
			continue;
		load_err(ld, n, "rule '%s': unknown placeholder '%.*s' in "
		    "message: use {match}, {label} or {section}", r->info.id,
		    (int)(q - p), p);
	}
	r->message = load_strdup(ld, s);
}

/* One kind-specific key of rule r. */
static void
load_rule_key(struct load *ld, struct rule *r, unsigned bit, yaml_node_t *v)
{
	const char *s;
	char *end;

	switch (bit) {
	case RKEY_PATTERN:
	case RKEY_SECTION:
		if ((s = load_scalar(ld, v, bit == RKEY_PATTERN ? "pattern" :
		    "section")) == NULL)
			return;
		if (bit == RKEY_PATTERN) {
			r->re_src = load_strdup(ld, s);
			r->re = load_re(ld, v, r->info.id, s);
		} else {
			r->section_src = load_strdup(ld, s);
			r->section_re = load_re(ld, v, r->info.id, s);
		}
		break;
	case RKEY_PATTERNS:
	case RKEY_SECTIONS:
	case RKEY_ITEMS:
		load_pats(ld, r, v, bit == RKEY_SECTIONS);
		break;
	case RKEY_DEFAULTS:
		if ((s = load_scalar(ld, v, "defaults")) == NULL)
			return;
		if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)
			r->defaults = strcmp(s, "true") == 0;
		else
			load_err(ld, v, "rule '%s': defaults must be true or "
			    "false", r->info.id);
		break;
	case RKEY_SCOPE:
		load_scope(ld, r, v);
		break;
	case RKEY_AFTER:
		if ((s = load_scalar(ld, v, "after-release")) == NULL)
			return;
		r->after_src = load_strdup(ld, s);
		r->after_re = load_re(ld, v, r->info.id, s);
		break;
	case RKEY_MIN:
		if ((s = load_scalar(ld, v, "min")) == NULL)
			return;
		r->min = strtod(s, &end);
		if (end == s || *end != '\0' || r->min < 0 || r->min > 100)
			load_err(ld, v, "rule '%s': min must be a percent "
			    "from 0 to 100", r->info.id);
		break;
	case RKEY_DATEFMT:
		if ((s = load_scalar(ld, v, "date-format")) == NULL)
			return;
		if (!rules_datefmt_ok(s))
			load_err(ld, v, "rule '%s': date-format may use only "
			    "%%Y %%m %%d %%H %%M %%S and literal text",
			    r->info.id);
		r->date_format = load_strdup(ld, s);
		break;
	default:
		break;
	}
}

/* The kind-specific keys a kind takes, for a message (and explain). */
void
rules_kind_keys(struct buf *b, const struct rule_kind *k)
{
	int any = 0;

	for (size_t i = 0; rules_kindkeys[i] != NULL; i++)
		if (k->keys & (1u << i)) {
			buf_printf(b, "%s%s", any ? ", " : "", rules_kindkeys[i]);
			any = 1;
		}
	if (!any)
		buf_puts(b, "none");
}

/* The row of the context's kind table named name, or NULL. */
static const struct rule_kind *
rules_kind(const struct rules_ctx *ctx, const char *name)
{
	for (size_t i = 0; i < ctx->nkinds; i++)
		if (strcmp(ctx->kinds[i].name, name) == 0)
			return &ctx->kinds[i];
	return NULL;
}

/* One entry of rules: a new rule, a replacement (same id, with kind) or
 * a change to an inherited rule (same id, no kind). */
static void
load_rule(struct load *ld, yaml_node_t *n)
{
	yaml_node_t *idn, *kn;
	yaml_node_pair_t *p;
	struct rule r, *old;
	const char *id, *kname;
	unsigned have;
	int nerr = ld->err;

	ld->err = 0;
	if (n->type != YAML_MAPPING_NODE) {
		load_err(ld, n, "a rule must be a mapping with id and kind");
		goto out;
	}
	if ((idn = load_get(ld, n, "id")) == NULL) {
		load_err(ld, n, "rule without 'id'");
		goto out;
	}
	if ((id = load_scalar(ld, idn, "id")) == NULL)
		goto out;
	old = rules_find(ld->rs, id);
	kn = load_get(ld, n, "kind");
	if (kn != NULL) {
		const char **names;
		struct buf b = {0};

		if ((kname = load_scalar(ld, kn, "kind")) == NULL)
			goto out;
		memset(&r, 0, sizeof(r));
		if ((r.kind = rules_kind(ld->ctx, kname)) == NULL) {
			names = xcalloc(ld->ctx->nkinds + 1, sizeof(*names));
			for (size_t i = 0; i < ld->ctx->nkinds; i++)
				names[i] = ld->ctx->kinds[i].name;
			rules_didyoumean(&b, kname, names);
			load_err(ld, kn, "rule '%s': unknown kind '%s'%s", id,
			    kname, buf_cstr(&b));
			free(names);
			buf_free(&b);
			goto out;
		}
		r.info.sev = r.kind->sev;
		r.scope = r.kind->scope;
		r.defaults = 1;
		r.min = r.kind->min > 0 ? r.kind->min : 100;
	} else if (old != NULL)
		r = *old;
	else {
		load_err(ld, n, "rule '%s' has no 'kind'", id);
		goto out;
	}
	r.info.id = load_strdup(ld, id);
	r.info.file = ld->file ? load_strdup(ld, ld->file) : NULL;
	r.info.line = (int)n->start_mark.line + 1;
	if (kn != NULL) {
		r.sev_file = r.info.file;
		r.sev_line = r.info.line;
	}
	have = 0;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = load_node(ld, p->key), *v = load_node(ld,
		    p->value);
		const char *key = load_scalar(ld, k, "a key"), *s;
		unsigned bit = 0;
		size_t i;
		int sev;

		if (key == NULL || strcmp(key, "id") == 0 ||
		    strcmp(key, "kind") == 0)
			continue;
		if (strcmp(key, "severity") == 0) {
			if ((sev = load_sev(ld, v)) >= 0) {
				r.info.sev = (enum sev)sev;
				r.sev_file = r.info.file;
				r.sev_line = (int)k->start_mark.line + 1;
			}
			continue;
		}
		if (strcmp(key, "message") == 0) {
			load_message(ld, &r, v);
			continue;
		}
		if (strcmp(key, "description") == 0 ||
		    strcmp(key, "help") == 0) {
			if ((s = load_scalar(ld, v, key)) == NULL)
				continue;
			if (key[0] == 'd')
				r.info.short_desc = load_strdup(ld, s);
			else
				r.info.help = load_strdup(ld, s);
			continue;
		}
		for (i = 0; rules_kindkeys[i] != NULL; i++)
			if (strcmp(rules_kindkeys[i], key) == 0)
				bit = 1u << i;
		if (bit == 0) {
			const char **all;
			size_t m = 0, nc = 0, nk = 0;
			struct buf b = {0};

			while (rules_commonkeys[nc] != NULL)
				nc++;
			while (rules_kindkeys[nk] != NULL)
				nk++;
			all = xcalloc(nc + nk + 1, sizeof(*all));
			for (i = 0; i < nc; i++)
				all[m++] = rules_commonkeys[i];
			for (i = 0; i < nk; i++)
				all[m++] = rules_kindkeys[i];
			all[m] = NULL;
			rules_didyoumean(&b, key, all);
			free(all);
			load_err(ld, k, "rule '%s': unknown key '%s'%s", id,
			    key, buf_cstr(&b));
			buf_free(&b);
			continue;
		}
		if ((r.kind->keys & bit) == 0) {
			struct buf b = {0};

			rules_kind_keys(&b, r.kind);
			load_err(ld, k, "rule '%s': kind '%s' takes no '%s' "
			    "(its keys: %s)", id, r.kind->name, key,
			    buf_cstr(&b));
			buf_free(&b);
			continue;
		}
		have |= bit;
		load_rule_key(ld, &r, bit, v);
	}
	if (old != NULL && kn == NULL)
		have |= r.kind->required;	/* inherited */
	if ((r.kind->required & ~have) != 0) {
		for (size_t i = 0; rules_kindkeys[i] != NULL; i++)
			if ((r.kind->required & ~have) & (1u << i))
				load_err(ld, n, "rule '%s': kind '%s' needs "
				    "'%s'", id, r.kind->name,
				    rules_kindkeys[i]);
	}
	if (ld->err)
		goto out;
	/* The kind's defaults and hook (the kind table, check.c). */
	if (r.kind->regex != NULL) {
		struct buf b = {0};

		r.kind->regex(&r, &b);
		if (b.len > 0)	/* compiled; re_src stays the rule's own */
			r.re = load_re(ld, n, id, buf_cstr(&b));
		buf_free(&b);
	}
	if (r.section_re == NULL && r.kind->section != NULL) {
		r.section_src = r.kind->section;
		r.section_re = load_re(ld, n, id, r.kind->section);
	}
	r.info.kind = r.kind->name;
	if (r.info.short_desc == NULL)
		r.info.short_desc = r.kind->desc;
	r.info.full_desc = r.kind->desc;
	if (r.info.help == NULL)
		r.info.help = r.kind->help;
	if (ld->err)
		goto out;
	if (old != NULL) {
		r.index = old->index;
		*old = r;
	} else {
		struct rules *rs = ld->rs;

		rs->v = xgrow(rs->v, &rs->cap, rs->n + 1, sizeof(*rs->v));
		r.index = (int)rs->n;
		rs->v[rs->n++] = r;
	}
out:
	ld->err |= nerr;
}

/* severity: {id: sev, ...} applied to rs now. */
static void
load_severity_map(struct load *ld, yaml_node_t *n)
{
	yaml_node_pair_t *p;

	if (n->type != YAML_MAPPING_NODE) {
		load_err(ld, n, "severity must be a mapping of rule ids to "
		    "error, warning, info or off");
		return;
	}
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = load_node(ld, p->key);
		const char *id = load_scalar(ld, k, "a rule id");
		int idx, sev;

		if (id == NULL || (idx = load_rule_index(ld, k, id)) < 0)
			continue;
		if ((sev = load_sev(ld, load_node(ld, p->value))) >= 0) {
			ld->rs->v[idx].info.sev = (enum sev)sev;
			ld->rs->v[idx].sev_file = ld->file ?
			    load_strdup(ld, ld->file) : NULL;
			ld->rs->v[idx].sev_line = (int)k->start_mark.line + 1;
		}
	}
}

/* overrides: [{files: GLOB|[GLOB], severity: {id: sev}}] */
static void
load_overrides(struct load *ld, yaml_node_t *n, const char *base)
{
	yaml_node_item_t *it;

	if (n->type != YAML_SEQUENCE_NODE) {
		load_err(ld, n, "overrides must be a list");
		return;
	}
	for (it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = load_node(ld, *it), *f, *s;
		struct rules *rs = ld->rs;
		struct override o;
		yaml_node_pair_t *p;

		memset(&o, 0, sizeof(o));
		if (e->type != YAML_MAPPING_NODE) {
			load_err(ld, e, "an override must be a mapping of "
			    "files and severity");
			continue;
		}
		load_keys(ld, e, rules_overridekeys, "an override");
		f = load_get(ld, e, "files");
		s = load_get(ld, e, "severity");
		if (f == NULL || s == NULL) {
			load_err(ld, e, "an override needs files and severity");
			continue;
		}
		if (f->type == YAML_SEQUENCE_NODE) {
			o.nglobs = (size_t)(f->data.sequence.items.top -
			    f->data.sequence.items.start);
			o.globs = arena_alloc(&rs->arena,
			    (o.nglobs + 1) * sizeof(*o.globs));
			for (size_t i = 0; i < o.nglobs; i++) {
				const char *g = load_scalar(ld, load_node(ld,
				    f->data.sequence.items.start[i]), "a glob");
				o.globs[i] = g ? load_strdup(ld, g) : "";
			}
		} else {
			const char *g = load_scalar(ld, f, "files");

			o.nglobs = 1;
			o.globs = arena_alloc(&rs->arena, sizeof(*o.globs));
			o.globs[0] = g ? load_strdup(ld, g) : "";
		}
		if (s->type != YAML_MAPPING_NODE) {
			load_err(ld, s, "severity must be a mapping of rule "
			    "ids to error, warning, info or off");
			continue;
		}
		o.base = load_strdup(ld, base);
		o.n = 0;
		o.idx = arena_alloc(&rs->arena, sizeof(int) *
		    (size_t)(s->data.mapping.pairs.top -
		    s->data.mapping.pairs.start + 1));
		o.sev = arena_alloc(&rs->arena, sizeof(enum sev) *
		    (size_t)(s->data.mapping.pairs.top -
		    s->data.mapping.pairs.start + 1));
		o.line = arena_alloc(&rs->arena, sizeof(int) *
		    (size_t)(s->data.mapping.pairs.top -
		    s->data.mapping.pairs.start + 1));
		o.file = ld->file ? load_strdup(ld, ld->file) : NULL;
		for (p = s->data.mapping.pairs.start;
		    p < s->data.mapping.pairs.top; p++) {
			yaml_node_t *k = load_node(ld, p->key);
			const char *id = load_scalar(ld, k, "a rule id");
			int idx, sev;

			if (id == NULL || (idx = load_rule_index(ld, k, id)) < 0)
				continue;
			if ((sev = load_sev(ld, load_node(ld, p->value))) < 0)
				continue;
			o.idx[o.n] = idx;
			o.line[o.n] = (int)k->start_mark.line + 1;
			o.sev[o.n++] = (enum sev)sev;
		}
		rs->ov = xgrow(rs->ov, &rs->ovcap, rs->nov + 1,
		    sizeof(*rs->ov));
		rs->ov[rs->nov++] = o;
	}
}

static int load_source(struct load *, const char *ref, const char *dir,
    const yaml_node_t *from);
static void load_extends(struct load *, yaml_node_t *, const char *);

/* Every mapping of the document: a key given twice is an error (libyaml
 * keeps both, and the second would silently win). */
static void
load_dupkeys(struct load *ld)
{
	yaml_node_t *n;

	for (n = ld->doc->nodes.start; n < ld->doc->nodes.top; n++) {
		yaml_node_pair_t *p, *q;

		if (n->type != YAML_MAPPING_NODE)
			continue;
		for (p = n->data.mapping.pairs.start;
		    p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *k = load_node(ld, p->key);

			if (k->type != YAML_SCALAR_NODE)
				continue;
			for (q = n->data.mapping.pairs.start; q < p; q++) {
				yaml_node_t *j = load_node(ld, q->key);

				if (j->type == YAML_SCALAR_NODE && strcmp(
				    (const char *)j->data.scalar.value,
				    (const char *)k->data.scalar.value) == 0) {
					load_err(ld, k, "duplicate key '%s' "
					    "(first on line %zu)",
					    (const char *)k->data.scalar.value,
					    j->start_mark.line + 1);
					break;
				}
			}
		}
	}
}

/* Does mapping n say only which files are checklists (files:, ignore:,
 * checklists:), no rules? Then it checks them with the default set: a
 * config that selects files and checks nothing would be a silent pass. */
static int
load_only_selection(struct load *ld, yaml_node_t *n)
{
	static const char *const rulekeys[] = { "extends", "rules",
	    "severity", "overrides", NULL };

	for (size_t i = 0; rulekeys[i] != NULL; i++)
		if (load_get(ld, n, rulekeys[i]) != NULL)
			return 0;
	return load_get(ld, n, "files") != NULL ||
	    load_get(ld, n, "ignore") != NULL ||
	    load_get(ld, n, "checklists") != NULL;
}

/* A glob or a list of globs into the set's arena; NULL after an error. */
static const char **
load_globs(struct load *ld, yaml_node_t *n, const char *what, size_t *count)
{
	const char **v;
	size_t m = 1;

	if (n->type == YAML_SEQUENCE_NODE)
		m = (size_t)(n->data.sequence.items.top -
		    n->data.sequence.items.start);
	else if (n->type != YAML_SCALAR_NODE) {
		load_err(ld, n, "%s must be a glob or a list of globs", what);
		return NULL;
	}
	v = arena_alloc(&ld->rs->arena, (m + 1) * sizeof(*v));
	*count = 0;
	for (size_t i = 0; i < m; i++) {
		yaml_node_t *e = n->type == YAML_SEQUENCE_NODE ? load_node(ld,
		    n->data.sequence.items.start[i]) : n;
		const char *g = load_scalar(ld, e, "a glob");

		if (g == NULL)
			return NULL;
		if (g[0] == '\0' || g[0] == '/') {
			load_err(ld, e, "%s: '%s' must be a glob relative to "
			    "the config file", what, g);
			return NULL;
		}
		v[(*count)++] = load_strdup(ld, g);
	}
	v[*count] = NULL;
	return v;
}

/* template: PATH of a checklists entry, relative to the config's
 * directory dir: the template its checklists are compared with by
 * template-drift when their front matter names none. */
static void
load_template(struct load *ld, yaml_node_t *n, const char *dir)
{
	const char *t = load_scalar(ld, n, "template");
	struct buf b = {0};

	if (t == NULL)
		return;
	if (*t == '\0') {
		load_err(ld, n, "template must be a path");
		return;
	}
	if (t[0] == '/')
		buf_printf(&b, "%s", t);
	else
		buf_printf(&b, "%s/%s", dir, t);
	ld->rs->template = arena_strndup(&ld->rs->arena, b.data, b.len);
	buf_free(&b);
}

/* The name of a checklists: entry's set, as a report shows it: what its
 * extends names (shipped sets by name, files as written), joined by ", ". */
static void
load_kind_name(struct rules *sub, yaml_node_t *v, yaml_document_t *doc)
{
	yaml_node_item_t *it, one;
	yaml_node_item_t *start = &one, *top = &one + 1;
	struct buf b = {0};

	if (v->type == YAML_SEQUENCE_NODE) {
		start = v->data.sequence.items.start;
		top = v->data.sequence.items.top;
	} else
		one = (yaml_node_item_t)(v - doc->nodes.start + 1);
	for (it = start; it < top; it++) {
		yaml_node_t *e = yaml_document_get_node(doc, *it);

		if (e != NULL && e->type == YAML_SCALAR_NODE)
			buf_printf(&b, "%s%s", b.len ? ", " : "",
			    (const char *)e->data.scalar.value);
	}
	if (b.len)
		sub->name = arena_strndup(&sub->arena, b.data, b.len);
	buf_free(&b);
}

/* checklists: [{files: GLOBS, extends: ..., severity: ..., rules: ...,
 * overrides: ..., template: PATH}]: each entry is a set of its own, for
 * the files its globs match. */
static void
load_kinds(struct load *ld, yaml_node_t *n, const char *dir)
{
	struct rules *rs = ld->rs;
	size_t m, k = 0;

	if (n->type != YAML_SEQUENCE_NODE) {
		load_err(ld, n, "checklists must be a list of mappings of files "
		    "and extends");
		return;
	}
	m = (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start);
	rs->kinds = arena_alloc(&rs->arena, (m ? m : 1) * sizeof(*rs->kinds));
	for (size_t i = 0; i < m; i++) {
		yaml_node_t *e = load_node(ld, n->data.sequence.items.start[i]);
		yaml_node_t *f, *v;
		struct rules *sub;
		struct load sl;
		const char **globs;
		size_t ng = 0;

		if (e->type != YAML_MAPPING_NODE) {
			load_err(ld, e, "a checklists entry must be a mapping "
			    "of files and extends");
			continue;
		}
		load_keys(ld, e, rules_kindsetkeys, "a checklists entry");
		if ((f = load_get(ld, e, "files")) == NULL) {
			load_err(ld, e, "a checklists entry needs files");
			continue;
		}
		if ((globs = load_globs(ld, f, "files", &ng)) == NULL)
			continue;
		if (ng == 0) {
			load_err(ld, f, "a checklists entry needs at least one "
			    "glob in files");
			continue;
		}
		sub = xcalloc(1, sizeof(*sub));
		sub->cwd = arena_strndup(&sub->arena, ld->ctx->cwd,
		    strlen(ld->ctx->cwd));
		{
			struct buf nb = {0};

			buf_printf(&nb, "%s (checklists: '%s')", ld->file,
			    globs[0]);
			sub->file = arena_strndup(&sub->arena, nb.data,
			    nb.len);
			buf_free(&nb);
		}
		sub->ctx = ld->ctx;
		sl = *ld;
		sl.rs = sub;
		sl.err = 0;
		memset(&sl.names, 0, sizeof(sl.names));
		sl.extends = load_get(ld, e, "extends") != NULL;
		if ((v = load_get(ld, e, "extends")) != NULL) {
			load_extends(&sl, v, dir);
			load_kind_name(sub, v, ld->doc);
		} else if (load_only_selection(ld, e))
			load_source(&sl, RULES_DEFAULT, dir, e);
		if ((v = load_get(ld, e, "rules")) != NULL) {
			if (v->type != YAML_SEQUENCE_NODE)
				load_err(&sl, v, "rules must be a list");
			else
				for (yaml_node_item_t *it =
				    v->data.sequence.items.start;
				    it < v->data.sequence.items.top; it++)
					load_rule(&sl, load_node(ld, *it));
		}
		if ((v = load_get(ld, e, "severity")) != NULL)
			load_severity_map(&sl, v);
		if ((v = load_get(ld, e, "overrides")) != NULL)
			load_overrides(&sl, v, dir);
		if ((v = load_get(ld, e, "template")) != NULL)
			load_template(&sl, v, dir);
		buf_free(&sl.names);
		if (sl.err) {
			ld->err = 1;
			free(sub->v);
			free(sub->ov);
			arena_free(&sub->arena);
			free(sub);
			continue;
		}
		sub->next = ld->ctx->sets;
		ld->ctx->sets = sub;
		rs->kinds[k].globs = globs;
		rs->kinds[k].nglobs = ng;
		rs->kinds[k].rs = sub;
		k++;
	}
	rs->nkinds = k;
}

/* files:, ignore: and checklists: of the document at root, relative to
 * dir (an outer config's replace an extended one's). */
static void
load_selection(struct load *ld, yaml_node_t *root, const char *dir)
{
	struct rules *rs = ld->rs;
	yaml_node_t *v;
	int any = 0;

	if ((v = load_get(ld, root, "files")) != NULL) {
		rs->files = load_globs(ld, v, "files", &rs->nfiles);
		any = 1;
	}
	if ((v = load_get(ld, root, "ignore")) != NULL) {
		rs->ignore = load_globs(ld, v, "ignore", &rs->nignore);
		any = 1;
	}
	if ((v = load_get(ld, root, "checklists")) != NULL) {
		load_kinds(ld, v, dir);
		any = 1;
	}
	if (any)
		rs->base = load_strdup(ld, dir);
}

/* extends: NAME|PATH or a list of them, loaded in order. */
static void
load_extends(struct load *ld, yaml_node_t *n, const char *dir)
{
	yaml_node_item_t *it, one;
	yaml_node_item_t *start = &one, *top = &one + 1;

	if (n->type == YAML_SEQUENCE_NODE) {
		start = n->data.sequence.items.start;
		top = n->data.sequence.items.top;
	} else
		one = (yaml_node_item_t)(n - ld->doc->nodes.start + 1);
	for (it = start; it < top; it++) {
		yaml_node_t *e = load_node(ld, *it);
		const char *s = load_scalar(ld, e, "extends");

		if (s != NULL) {
			char *ref = xstrdup(s);
			load_source(ld, ref, dir, e);
			free(ref);
		}
	}
}

/* Load one YAML document into ld->rs. file names it in messages; dir is
 * where its relative extends and override globs start; shipped: one of
 * the rule sets built in. */
static void
load_doc(struct load *ld, const char *file, const char *dir,
    const char *data, size_t len, int shipped)
{
	yaml_parser_t parser;
	yaml_document_t doc, *saved_doc = ld->doc;
	const char *saved_file = ld->file;
	unsigned saved_nerr = ld->nerr;
	yaml_node_t *root, *v;
	int dl, dc;
	int saved_extends = ld->extends;

	ld->file = file;
	ld->nerr = 0;
	/* A shipped set is ours and shallow: only a user's file is read
	 * twice, first for its depth (the loader recurses). */
	if (!shipped &&
	    !frontmatter_depth_ok(data, len, RULES_MAXNEST, &dl, &dc)) {
		diag_error(file, dl, dc, "YAML nested more than %d deep",
		    RULES_MAXNEST);
		ld->err = 1;
		ld->file = saved_file;
		ld->nerr = saved_nerr;
		return;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data,
	    len);
	if (!yaml_parser_load(&parser, &doc)) {
		yaml_mark_t m = parser.problem_mark;

		yaml_mark_t cm = parser.context_mark;

		if (parser.context != NULL)
			diag_error(file, (int)m.line + 1, (int)m.column + 1,
			    "YAML: %s, %s that began at %zu:%zu", parser.problem ?
			    parser.problem : "syntax error", parser.context,
			    cm.line + 1, cm.column + 1);
		else
			diag_error(file, (int)m.line + 1, (int)m.column + 1,
			    "YAML: %s", parser.problem ? parser.problem :
			    "syntax error");
		ld->err = 1;
		yaml_parser_delete(&parser);
		ld->file = saved_file;
		ld->nerr = saved_nerr;
		return;
	}
	ld->doc = &doc;
	root = yaml_document_get_root_node(&doc);
	if (root == NULL)
		goto out;		/* empty file: no rules */
	if (root->type != YAML_MAPPING_NODE) {
		load_err(ld, root, "a rule file must be a mapping of extends, "
		    "severity, rules and overrides");
		goto out;
	}
	load_keys(ld, root, rules_topkeys, "a rule file");
	load_dupkeys(ld);
	saved_extends = ld->extends;
	ld->extends = load_get(ld, root, "extends") != NULL;
	if ((v = load_get(ld, root, "extends")) != NULL)
		load_extends(ld, v, dir);
	else if (load_only_selection(ld, root))
		load_source(ld, RULES_DEFAULT, dir, root);
	if ((v = load_get(ld, root, "rules")) != NULL) {
		if (v->type != YAML_SEQUENCE_NODE)
			load_err(ld, v, "rules must be a list");
		else
			for (yaml_node_item_t *it = v->data.sequence.items.start;
			    it < v->data.sequence.items.top; it++)
				load_rule(ld, load_node(ld, *it));
	}
	if ((v = load_get(ld, root, "severity")) != NULL)
		load_severity_map(ld, v);
	if ((v = load_get(ld, root, "overrides")) != NULL)
		load_overrides(ld, v, dir);
	load_selection(ld, root, dir);
	ld->extends = saved_extends;
out:
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	ld->doc = saved_doc;
	ld->file = saved_file;
	ld->nerr = saved_nerr;
}

/* Load a shipped name or a path (relative to dir) into ld->rs, with
 * cycle detection on the extends chain. from is the node that named it,
 * for messages (NULL at the top). Returns 0 or -1. */
static int
load_source(struct load *ld, const char *ref, const char *dir,
    const yaml_node_t *from)
{
	const struct embedded *e = NULL;
	char *canon = NULL, *abs = NULL, *display = NULL, *fdir = NULL;
	char *data = NULL, msg[256];
	struct input in;
	size_t len = 0;
	int rc = -1;

	if (strchr(ref, '/') == NULL)
		e = rules_embedded(ref);
	if (e != NULL) {
		struct buf b = {0};

		buf_printf(&b, RULES_SHIPPED "%s", e->name);
		canon = xstrdup(buf_cstr(&b));
		display = xstrdup(canon);
		fdir = xstrdup(dir);
		buf_free(&b);
	} else {
		abs = rules_abspath(dir, ref);
		display = rules_display(ld->ctx, abs);
		/* A config may not reach out of its repository (or its own
		 * directory outside one): a pull request changing it could
		 * otherwise read any file of the runner. The path is checked
		 * as written (nothing outside is even looked at), then as
		 * resolved (links). */
		if (from == NULL || ld->root == NULL ||
		    rules_under(ld->root, abs))
			canon = realpath(abs, NULL);
		if (from != NULL && ld->root != NULL &&
		    !rules_under(ld->root, canon ? canon : abs)) {
			char *rd = rules_display(ld->ctx, ld->root);
			load_err(ld, from, "extends: %s is outside %s (a "
			    "config may extend files under it only; name "
			    "others with --rules)", display, rd);
			free(rd);
			goto out;
		}
		if (canon != NULL && read_rules(canon, ld->ctx->max_size, &in,
		    msg, sizeof(msg)) == 0) {
			data = in.data;
			len = in.len;
		} else if (canon != NULL) {
			if (from != NULL)
				load_err(ld, from, "extends: %s: %s", display,
				    msg);
			else {
				diag_error(display, 0, 0, "%s", msg);
				ld->err = 1;
			}
			goto out;
		}
		if (canon == NULL) {
			int err = errno;

			if (strchr(ref, '/') == NULL &&
			    strstr(ref, ".y") == NULL) {
				struct buf b = {0}, all = {0};
				char *names[16];
				size_t m = 0;

				for (const struct embedded *x = embedded_rules;
				    x->name != NULL && m < 15; x++) {
					names[m] = xstrndup(x->name,
					    strcspn(x->name, "."));
					buf_printf(&all, "%s%s", m ? ", " : "",
					    names[m]);
					m++;
				}
				names[m] = NULL;
				rules_didyoumean(&b, ref,
				    (const char *const *)names);
				if (b.len == 0)
					buf_printf(&b, " (shipped: %s)",
					    buf_cstr(&all));
				load_err(ld, from, "%s: no shipped rule set or "
				    "file '%s'%s", from ? "extends" : "--rules",
				    ref, buf_cstr(&b));
				while (m > 0)
					free(names[--m]);
				buf_free(&b);
				buf_free(&all);
			} else if (from != NULL)
				load_err(ld, from, "extends: %s: %s", display,
				    strerror(err));
			else {
				diag_error(display, 0, 0, "%s", strerror(err));
				ld->err = 1;
			}
			goto out;
		}
		fdir = rules_dirname(canon);
		if (ld->depth == 0) {
			free(ld->root);
			ld->root = rules_repo_root(fdir);
		}
	}
	for (size_t i = 0; i < ld->depth; i++)
		if (strcmp(ld->stack[i], canon) == 0) {
			struct buf b = {0};

			for (size_t j = i; j < ld->depth; j++)
				buf_printf(&b, "%s -> ", ld->shown[j]);
			buf_puts(&b, display);
			load_err(ld, from, "extends cycle: %s", buf_cstr(&b));
			buf_free(&b);
			goto out;
		}
	if (ld->depth == RULES_MAXDEPTH) {
		load_err(ld, from, "extends nested more than %d deep",
		    RULES_MAXDEPTH);
		goto out;
	}
	if (ld->depth == 0)
		buf_printf(&ld->names, "%s%s", ld->names.len ? ", " : "",
		    display);
	ld->shown[ld->depth] = display;
	ld->stack[ld->depth++] = canon;
	if (e != NULL)
		load_doc(ld, display, fdir, e->data, e->len, 1);
	else
		load_doc(ld, display, fdir, data, len, 0);
	ld->depth--;
	rc = ld->err ? -1 : 0;
out:
	free(canon);
	free(abs);
	free(display);
	free(fdir);
	free(data);
	return rc;
}

/* A new set from refs (names or paths relative to dir), or NULL after
 * errors. The set joins the context's list. */
const struct rules *
rules_build(struct rules_ctx *ctx, const char *const *refs, size_t n,
    const char *dir, const char *file)
{
	struct rules *rs = xcalloc(1, sizeof(*rs));
	struct load ld;

	memset(&ld, 0, sizeof(ld));
	ld.ctx = ctx;
	ld.rs = rs;
	rs->cwd = arena_strndup(&rs->arena, ctx->cwd, strlen(ctx->cwd));
	rs->ctx = ctx;
	for (size_t i = 0; i < n; i++)
		load_source(&ld, refs[i], dir, NULL);
	if (file == NULL)
		file = buf_cstr(&ld.names);
	rs->file = arena_strndup(&rs->arena, file, strlen(file));
	buf_free(&ld.names);
	free(ld.root);
	if (ld.err) {
		free(rs->v);
		free(rs->ov);
		arena_free(&rs->arena);
		free(rs);
		return NULL;
	}
	rs->next = ctx->sets;
	ctx->sets = rs;
	return rs;
}

const struct rules *
rules_default(struct rules_ctx *ctx)
{
	const char *ref = RULES_DEFAULT;

	if (!ctx->deflt_tried) {
		ctx->deflt_tried = 1;
		ctx->deflt = rules_build(ctx, &ref, 1, ctx->cwd,
		    RULES_SHIPPED RULES_DEFAULT ".yml");
	}
	return ctx->deflt;
}

struct rules_ctx *
rules_ctx_new(const struct rules_opts *o)
{
	struct rules_ctx *ctx = xcalloc(1, sizeof(*ctx));
	char *cwd = getcwd(NULL, 0);

	ctx->cwd = cwd ? cwd : xstrdup("/");
	ctx->max_size = o != NULL ? o->max_size : RULES_MAXSIZE;
	if (o != NULL) {
		ctx->kinds = o->kinds;
		ctx->nkinds = o->nkinds;
	}
	pthread_mutex_init(&ctx->mu, NULL);
	if (o != NULL && o->nrulesets > 0) {
		ctx->fixed = rules_build(ctx, o->rulesets, o->nrulesets,
		    ctx->cwd, NULL);
		if (ctx->fixed == NULL)
			goto fail;
	} else if (o != NULL && o->config != NULL) {
		char *abs = rules_abspath(ctx->cwd, o->config);
		const char *ref = abs;
		struct stat st;

		/* A path, even without a slash: never a shipped name. */
		if (stat(abs, &st) == 0 && S_ISDIR(st.st_mode)) {
			diag_error(o->config, 0, 0, "is a directory, not a "
			    "rule file");
			free(abs);
			goto fail;
		}
		ctx->fixed = rules_build(ctx, &ref, 1, ctx->cwd, o->config);
		free(abs);
		if (ctx->fixed == NULL)
			goto fail;
	} else if (o != NULL && o->no_config) {
		if ((ctx->fixed = rules_default(ctx)) == NULL)
			goto fail;
	}
	return ctx;
fail:
	rules_ctx_free(ctx);
	return NULL;
}

void
rules_ctx_free(struct rules_ctx *ctx)
{
	struct rules *rs, *next;

	if (ctx == NULL)
		return;
	for (rs = ctx->sets; rs != NULL; rs = next) {
		next = rs->next;
		free(rs->v);
		free(rs->ov);
		arena_free(&rs->arena);
		free(rs);
	}
	for (size_t i = 0; i < ctx->nre; i++) {
		free(ctx->re[i].src);
		match_free(ctx->re[i].re);
	}
	free(ctx->re);
	rules_cache_free(&ctx->dirs);
	rules_cache_free(&ctx->cfgs);
	rules_cache_free(&ctx->named);
	pthread_mutex_destroy(&ctx->mu);
	free(ctx->cwd);
	free(ctx);
}

