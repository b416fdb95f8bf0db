/* out_sarif.c: [render] lint findings as SARIF 2.1.0, one run, for code
 * scanning (GitHub) and SARIF viewers. Results are rendered as files
 * arrive; the driver's rules list, which must precede them, is written at
 * the end: the rules of every set used (from the rule engine), then any
 * other rule a finding named. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "esc.h"
#include "fingerprint.h"
#include "fix.h"
#include "out.h"
#include "rules.h"
#include "xalloc.h"

/* What SARIF says about a rule: tool.driver.rules[]. */
struct sarif_rule {
	const char	*id;
	const char	*brief;		/* shortDescription */
	const char	*full;		/* fullDescription */
	const char	*help;
	enum sev	 sev;		/* defaultConfiguration.level */
	const char	*kind;		/* for help.markdown, or NULL */
};

/* The run being rendered: results so far, the files, and driver.rules
 * in the order rules were met (so ruleIndex is known at once). */
struct sarif_run {
	struct buf		 results;
	struct buf		 artifacts;	/* run.artifacts */
	uint64_t		*arthash;	/* hash of each one's location */
	size_t			 nartifacts, cap_art;
	int			 any;		/* a result was written */
	struct sarif_rule	*rules;		/* borrowed texts ... */
	size_t			 nrules, cap;
	char			**owned;	/* ... but for these ids */
	size_t			 nowned, cap_owned;
	struct buf		 md;		/* scratch: help.markdown */
	const struct rules_ctx	*rc;		/* its kind table */
};

static const char *const sarif_levels[SEV__MAX] = {
	"none", "note", "warning", "error"
};

/* The index of d->id in driver.rules, adding d if it is new. */
static size_t
sarif_rule_add(struct sarif_run *s, const struct sarif_rule *d)
{
	for (size_t i = 0; i < s->nrules; i++)
		if (strcmp(s->rules[i].id, d->id) == 0)
			return i;
	s->rules = xgrow(s->rules, &s->cap, s->nrules + 1,
	    sizeof(*s->rules));
	s->rules[s->nrules] = *d;
	return s->nrules++;
}

/* The kind table's description of the rule id (rules_kind_info) as a
 * driver.rules entry in *d: 1, or 0 when no kind has that id. */
static int
sarif_kind(const struct sarif_run *s, const char *id, struct sarif_rule *d)
{
	struct rule_info ri;

	if (!rules_kind_info(s->rc, id, &ri))
		return 0;
	d->id = ri.id;
	d->brief = ri.short_desc;
	d->full = ri.full_desc;
	d->help = ri.help;
	d->sev = ri.sev;
	d->kind = ri.kind;
	return 1;
}

/* Every rule of the set that applies to path, as the rule engine
 * describes it; the texts live as long as the rules context, which
 * outlives the run's end. */
static void
sarif_rules_of(struct sarif_run *s, struct out_run *r, const char *path)
{
	const struct rules *rs;

	if (r->rules == NULL || (rs = rules_for_file(r->rules, path)) == NULL)
		return;
	for (size_t i = 0; i < rules_count(rs); i++) {
		const struct rule_info *ri = rules_at(rs, i);
		struct sarif_rule d = { ri->id, ri->short_desc, ri->full_desc,
		    ri->help, ri->sev, ri->kind }, k;
		int isk = sarif_kind(s, ri->kind, &k);
		if (d.brief == NULL || *d.brief == '\0')
			d.brief = isk ? k.brief : ri->id;
		if (d.full == NULL || *d.full == '\0')
			d.full = isk ? k.full : d.brief;
		if (d.help == NULL || *d.help == '\0')
			d.help = isk ? k.help : "See 'ticklist rules'.";
		sarif_rule_add(s, &d);
	}
}

/* The ruleIndex of a finding: its rule as the rule sets describe it,
 * else the kind table (the same texts), else a generic description. */
static size_t
sarif_rule_index(struct sarif_run *s, const struct finding *x)
{
	struct sarif_rule k, d = { NULL, "A rule of the configuration",
	    "A rule defined in a rule file or .ticklist.yml.",
	    "'ticklist rules' lists the effective rules with the file and "
	    "line that define them.", x->sev, NULL };

	for (size_t i = 0; i < s->nrules; i++)
		if (strcmp(s->rules[i].id, x->rule) == 0)
			return i;
	if (sarif_kind(s, x->rule, &k))
		return sarif_rule_add(s, &k);
	s->owned = xgrow(s->owned, &s->cap_owned, s->nowned + 1,
	    sizeof(*s->owned));
	d.id = s->owned[s->nowned++] = xstrdup(x->rule);
	return sarif_rule_add(s, &d);
}

/* A run starts empty: no results, files or rules yet. */
static void
sarif_begin(struct buf *b, struct out_run *r)
{
	r->st.sarif = xcalloc(1, sizeof(*r->st.sarif));
	r->st.sarif->rc = r->rules;
}

/* The artifact location of path: relative to %SRCROOT% (the current
 * directory) when it can be, else an absolute file URI; without the
 * closing brace, for the caller to add an index or not. */
static void
sarif_location(struct buf *b, const char *path)
{
	path = out_relpath(path);
	buf_puts(b, path[0] == '/' ? "{\"uri\": \"file://" : "{\"uri\": \"");
	esc_uri_path(b, path, strlen(path));
	buf_puts(b, path[0] == '/' ? "\"" : "\", \"uriBaseId\": \"%SRCROOT%\"");
}

/* The index in run.artifacts of the location in loc (without its closing
 * brace), added if new: the schema wants the artifacts unique, and a file
 * may be named twice on the command line. A linear search over hashes:
 * runs lint thousands of files, not millions. */
static size_t
sarif_artifact(struct sarif_run *s, const struct buf *loc)
{
	uint64_t h = fingerprint_mix(FINGERPRINT_SEED, loc->data, loc->len);
	size_t i;

	for (i = 0; i < s->nartifacts; i++)
		if (s->arthash[i] == h)
			return i;
	s->arthash = xgrow(s->arthash, &s->cap_art,
	    s->nartifacts + 1, sizeof(*s->arthash));
	s->arthash[s->nartifacts] = h;
	buf_puts(&s->artifacts, s->nartifacts ? ",\n    {\"location\": " :
	    "\n    {\"location\": ");
	buf_put(&s->artifacts, loc->data, loc->len);
	buf_puts(&s->artifacts, "}}");
	return s->nartifacts++;
}

/* One file: its artifact, its rule set's rules, and a result per
 * finding with a fingerprint that ignores the line. */
static void
sarif_file(struct buf *b, struct out_run *r, const struct out_file *f,
    int first)
{
	struct sarif_run *s = r->st.sarif;
	const struct findings *fs = f->fs;
	struct buf *o = &s->results;
	struct buf loc = {0};
	uint64_t *fp;

	sarif_rules_of(s, r, f->path);
	/* Every file is an artifact, so a clean run still says what it
	 * looked at. */
	sarif_location(&loc, f->path);
	buf_printf(&loc, ", \"index\": %zu}", sarif_artifact(s, &loc));
	if (fs->n == 0) {
		buf_free(&loc);
		return;
	}
	fp = fingerprint_findings(fs, out_relpath(f->path));
	for (size_t i = 0; i < fs->n; i++) {
		const struct finding *x = &fs->v[i];
		buf_puts(o, s->any ? ",\n      {" : "\n      {");
		s->any = 1;
		buf_puts(o, "\"ruleId\": ");
		esc_json(o, x->rule, strlen(x->rule));
		buf_printf(o, ", \"ruleIndex\": %zu, \"level\": \"%s\",\n"
		    "       \"message\": {\"text\": ",
		    sarif_rule_index(s, x),
		    sarif_levels[x->sev < SEV__MAX ? x->sev : SEV_ERROR]);
		esc_json(o, x->message, strlen(x->message));
		buf_puts(o, "},\n       \"locations\": [{\"physicalLocation\":"
		    " {\"artifactLocation\": ");
		buf_put(o, loc.data, loc.len);
		/* Our end column is inclusive; SARIF's points past the end. */
		buf_printf(o, ",\n       \"region\": {\"startLine\": %d, "
		    "\"startColumn\": %d, \"endLine\": %d, \"endColumn\": %d}"
		    "}}],\n       \"partialFingerprints\": "
		    "{\"ticklist/v1\": \"%016llx\"}}", x->line, x->col,
		    x->end_line, x->end_col + 1, (unsigned long long)fp[i]);
	}
	buf_free(&loc);
	free(fp);
}

/* One driver.rules[] entry. */
static void
sarif_rule(struct sarif_run *s, struct buf *b, const struct sarif_rule *d,
    int comma)
{
	buf_puts(b, comma ? ",\n      {\"id\": " : "\n      {\"id\": ");
	esc_json(b, d->id, strlen(d->id));
	buf_puts(b, ",\n       \"shortDescription\": {\"text\": ");
	esc_json(b, d->brief, strlen(d->brief));
	buf_puts(b, "},\n       \"fullDescription\": {\"text\": ");
	esc_json(b, d->full, strlen(d->full));
	buf_puts(b, "},\n       \"help\": {\"text\": ");
	esc_json(b, d->help, strlen(d->help));
	/* The kind table's explanation, as code scanning shows it. */
	buf_reset(&s->md);
	if (fix_help_markdown(d->kind, d->id, d->help, &s->md)) {
		buf_puts(b, ",\n                \"markdown\": ");
		esc_json(b, s->md.data, s->md.len);
	}
	buf_printf(b, "},\n       \"defaultConfiguration\": {\"level\": "
	    "\"%s\"}}", sarif_levels[d->sev < SEV__MAX ? d->sev : SEV_ERROR]);
}

/* The whole document: driver and rules first, then artifacts and the
 * results gathered so far; then forget the run. */
static void
sarif_end(struct buf *b, struct out_run *r, const unsigned *tally,
    size_t nfiles)
{
	struct sarif_run *s = r->st.sarif;
	size_t i;

	buf_puts(b, "{\"$schema\": \"https://json.schemastore.org/"
	    "sarif-2.1.0.json\",\n \"version\": \"2.1.0\",\n \"runs\": [\n"
	    "  {\"tool\": {\"driver\": {\"name\": \"ticklist\", "
	    "\"version\": \"" TICKLIST_VERSION "\",\n"
	    "    \"informationUri\": \"" TICKLIST_URI "\",\n"
	    "    \"rules\": [");
	for (i = 0; i < s->nrules; i++)
		sarif_rule(s, b, &s->rules[i], i > 0);
	buf_puts(b, "]}},\n   \"columnKind\": \"unicodeCodePoints\",\n"
	    "   \"artifacts\": [");
	buf_put(b, s->artifacts.data ? s->artifacts.data : "",
	    s->artifacts.len);
	buf_puts(b, "],\n   \"results\": [");
	buf_put(b, s->results.data ? s->results.data : "",
	    s->results.len);
	buf_puts(b, s->any ? "\n    ]}\n ]}\n" : "]}\n ]}\n");
	buf_free(&s->results);
	buf_free(&s->artifacts);
	buf_free(&s->md);
	free(s->arthash);
	for (i = 0; i < s->nowned; i++)
		free(s->owned[i]);
	free(s->owned);
	free(s->rules);
	free(s);
	r->st.sarif = NULL;
}

const struct out_backend out_sarif = { "sarif", sarif_begin, sarif_file,
    sarif_end };
