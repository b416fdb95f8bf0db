/* rules_tool.c: test driver for the rule loader: lists effective rules
 * (text or JSON), the SARIF accessors, per-file severities after
 * overrides, shipped sets. tests/suites/rules.sh and tests/rules/config.sh
 * call it.
 *
 * usage: rules-tool list [-j] [OPTS] [PATH]
 *        rules-tool info [OPTS] [PATH]	   rules_at() fields, one per line
 *        rules-tool sev [OPTS] PATH	   effective severity per rule id
 *        rules-tool show NAME | shipped
 *        rules-tool many [OPTS] PATH...   rules_file() for each path
 *        rules-tool kinds                 the kind table's names
 * OPTS: -c FILE (--config), -r NAME (--rules, repeatable), -n (--no-config)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "rule.h"
#include "rules.h"

int
main(int argc, char *argv[])
{
	struct rules_opts o;
	const char *sets[16], *cmd;
	struct rules_ctx *ctx;
	const struct rules *rs;
	struct buf b = {0};
	int json = 0, i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: rules-tool list|info|sev|show|shipped|many|kinds ...\n");
		return 2;
	}
	cmd = argv[1];
	if (strcmp(cmd, "show") == 0 && argc == 3) {
		rc = rules_show(argv[2], &b);
		fwrite(b.data ? b.data : "", 1, b.len, stdout);
		buf_free(&b);
		return rc ? 2 : 0;
	}
	if (strcmp(cmd, "kinds") == 0) {
		for (size_t k = 0; k < check_nkinds; k++)
			printf("%s\n", check_kinds[k].name);
		return 0;
	}
	if (strcmp(cmd, "shipped") == 0) {
		rules_shipped(&b);
		fwrite(b.data ? b.data : "", 1, b.len, stdout);
		buf_free(&b);
		return 0;
	}
	memset(&o, 0, sizeof(o));
	o.kinds = check_kinds;
	o.nkinds = check_nkinds;
	o.rulesets = sets;
	for (i = 2; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "-j") == 0)
			json = 1;
		else if (strcmp(argv[i], "-n") == 0)
			o.no_config = 1;
		else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			o.config = argv[++i];
		else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc &&
		    o.nrulesets < 16)
			sets[o.nrulesets++] = argv[++i];
		else {
			fprintf(stderr, "rules-tool: bad option %s\n", argv[i]);
			return 2;
		}
	}
	if ((ctx = rules_ctx_new(&o)) == NULL)
		return 2;
	if (strcmp(cmd, "many") == 0) {
		for (; i < argc; i++) {
			rs = rules_for_file(ctx, argv[i]);
			printf("%s: %s\n", argv[i], rs ? rules_file(rs) : "(error)");
		}
		rules_ctx_free(ctx);
		return diag_errors() ? 2 : 0;
	}
	rs = rules_for_file(ctx, i < argc ? argv[i] : "-");
	if (rs == NULL) {
		rules_ctx_free(ctx);
		return 2;
	}
	if (strcmp(cmd, "list") == 0)
		rules_list(rs, json, &b);
	else if (strcmp(cmd, "info") == 0) {
		for (size_t k = 0; k < rules_count(rs); k++) {
			const struct rule_info *ri = rules_at(rs, k);
			buf_printf(&b, "%s|%s|%s|%s|%s|%s|%s:%d\n", ri->id,
			    ri->kind, sev_name(ri->sev), ri->short_desc,
			    ri->full_desc, ri->help, ri->file, ri->line);
		}
	} else if (strcmp(cmd, "sev") == 0 && i < argc) {
		enum sev *sev = calloc(rules_count(rs) + 1, sizeof(*sev));
		rules_file_sev(rs, argv[i], sev);
		for (size_t k = 0; k < rules_count(rs); k++)
			buf_printf(&b, "%s %s\n", rules_at(rs, k)->id,
			    sev_name(sev[k]));
		free(sev);
	} else {
		fprintf(stderr, "rules-tool: unknown command %s\n", cmd);
		rc = 2;
	}
	fwrite(b.data ? b.data : "", 1, b.len, stdout);
	buf_free(&b);
	rules_ctx_free(ctx);
	return rc;
}
