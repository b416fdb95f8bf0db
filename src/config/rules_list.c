/* rules_list.c: what is shown of rule sets: `ticklist rules` (text and
 * JSON), --print-config, the shipped sets, and the kind table's
 * descriptions for SARIF. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "embed.h"
#include "esc.h"
#include "rules_int.h"
#include "value.h"
#include "xalloc.h"

int
rules_kind_info(const struct rules_ctx *ctx, const char *id,
    struct rule_info *ri)
{
	for (size_t i = 0; ctx != NULL && i < ctx->nkinds; i++) {
		const struct rule_kind *k = &ctx->kinds[i];

		if (strcmp(k->id != NULL ? k->id : k->name, id) != 0 &&
		    strcmp(k->name, id) != 0)
			continue;
		memset(ri, 0, sizeof(*ri));
		ri->id = k->id != NULL ? k->id : k->name;
		ri->kind = k->name;
		ri->sev = k->sev;
		ri->short_desc = ri->full_desc = k->desc;
		ri->help = k->help;
		return 1;
	}
	return 0;
}

size_t
rules_count(const struct rules *rs)
{
	return rs->n;
}

const struct rule_info *
rules_at(const struct rules *rs, size_t i)
{
	return i < rs->n ? &rs->v[i].info : NULL;
}

const char *
rules_file(const struct rules *rs)
{
	return rs->file;
}

const char *
rules_name(const struct rules *rs)
{
	return rs->name != NULL ? rs->name : rs->file;
}

void
rules_list(const struct rules *rs, int json, struct buf *out)
{
	size_t i, wid = 2, wkind = 4, wwhere = 5;
	char where[PATH_MAX + 32];

	if (json) {
		struct val *root = val_obj(), *arr;

		val_set(root, "version", val_int(1));
		val_set(root, "config", val_cstr(rs->file));
		arr = val_set(root, "rules", val_arr());
		for (i = 0; i < rs->n; i++) {
			const struct rule_info *ri = &rs->v[i].info;
			struct val *o = val_push(arr, val_obj());

			val_set(o, "id", val_cstr(ri->id));
			val_set(o, "kind", val_cstr(ri->kind));
			val_set(o, "severity", val_cstr(sev_name(ri->sev)));
			val_set(o, "file", val_cstr(ri->file));
			val_set(o, "line", val_int(ri->line));
			val_set(o, "description", val_cstr(ri->short_desc));
		}
		val_json(out, root, 2);
		buf_putc(out, '\n');
		val_free(root);
		return;
	}
	for (i = 0; i < rs->n; i++) {
		const struct rule_info *ri = &rs->v[i].info;

		if (strlen(ri->id) > wid)
			wid = strlen(ri->id);
		if (strlen(ri->kind) > wkind)
			wkind = strlen(ri->kind);
		snprintf(where, sizeof(where), "%s:%d", ri->file, ri->line);
		if (strlen(where) > wwhere)
			wwhere = strlen(where);
	}
	buf_printf(out, "%-*s  %-*s  %-8s  %-*s  %s\n", (int)wid, "id",
	    (int)wkind, "kind", "severity", (int)wwhere, "where",
	    "description");
	for (i = 0; i < rs->n; i++) {
		const struct rule_info *ri = &rs->v[i].info;

		snprintf(where, sizeof(where), "%s:%d", ri->file, ri->line);
		buf_printf(out, "%-*s  %-*s  %-8s  %-*s  %s\n", (int)wid,
		    ri->id, (int)wkind, ri->kind, sev_name(ri->sev),
		    (int)wwhere, where, ri->short_desc);
	}
}

/* Is id the id of a rule in a shipped set? (A config that changes its
 * severity without extends gets a hint.) */
int
rules_shipped_id(const char *id)
{
	for (const struct embedded *e = embedded_rules; e->name != NULL; e++) {
		const char *p = e->data, *end = e->data + e->len;
		size_t n = strlen(id);

		for (; (size_t)(end - p) > 6 + n; p++)
			if (memcmp(p, "- id: ", 6) == 0 &&
			    memcmp(p + 6, id, n) == 0 && p[6 + n] == '\n')
				return 1;
	}
	return 0;
}

/* A YAML double-quoted scalar (JSON's escapes are YAML's). */
static void
rules_yq(struct buf *out, const char *s)
{
	esc_json(out, s ? s : "", s ? strlen(s) : 0);
}

void
rules_print_config(const struct rules *rs, const char *path,
    struct buf *out)
{
	enum sev *sev = xcalloc(rs->n + 1, sizeof(*sev));
	int *ov = xcalloc(rs->n + 1, sizeof(int));
	int *ent = xcalloc(rs->n + 1, sizeof(int));
	char where[PATH_MAX + 32];

	rules_file_sev_from(rs, path, sev, ov, ent);
	buf_puts(out, "# ticklist lint --print-config: the effective rules "
	    "for this file;\n# severity_from and defined_at say where "
	    "each came from.\nfile: ");
	rules_yq(out, path);
	buf_puts(out, "\nconfig: ");
	rules_yq(out, rs->file);
	buf_puts(out, "\nrules:\n");
	for (size_t i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->v[i];
		const char *f = r->sev_file ? r->sev_file : r->info.file;
		int l = r->sev_file ? r->sev_line : r->info.line;

		if (ov[i] >= 0) {
			f = rs->ov[ov[i]].file;
			l = rs->ov[ov[i]].line[ent[i]];
		}
		buf_puts(out, "  - id: ");
		rules_yq(out, r->info.id);
		buf_printf(out, "\n    kind: %s\n    severity: %s\n"
		    "    severity_from: ", r->kind->name, sev[i] == SEV_OFF ?
		    "\"off\"" : sev_name(sev[i]));
		snprintf(where, sizeof(where), "%s:%d", f ? f : "", l);
		rules_yq(out, where);
		buf_puts(out, ov[i] >= 0 ? "   # an override for this file\n"
		    "    defined_at: " : "\n    defined_at: ");
		snprintf(where, sizeof(where), "%s:%d", r->info.file ?
		    r->info.file : "", r->info.line);
		rules_yq(out, where);
		buf_putc(out, '\n');
	}
	free(sev);
	free(ov);
	free(ent);
}

void
rules_shipped(struct buf *out)
{
	for (const struct embedded *e = embedded_rules; e->name != NULL; e++) {
		size_t n = strlen(e->name);

		if (n > 4 && strcmp(e->name + n - 4, ".yml") == 0)
			n -= 4;
		buf_printf(out, "%.*s\n", (int)n, e->name);
	}
}

int
rules_show(const char *name, struct buf *out)
{
	const struct embedded *e = rules_embedded(name);
	struct buf names = {0};

	if (e != NULL) {
		buf_put(out, e->data, e->len);
		return 0;
	}
	rules_shipped(&names);
	for (size_t i = 0; i < names.len; i++)
		if (names.data[i] == '\n')
			names.data[i] = i + 1 < names.len ? ' ' : '\0';
	diag_error(NULL, 0, 0, "no shipped rule set '%s' (shipped: %s)", name,
	    buf_cstr(&names));
	buf_free(&names);
	return -1;
}
