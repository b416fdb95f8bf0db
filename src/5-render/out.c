/* out.c: [render] the output table: one row per format of every view
 * (lint findings, status, rule listings, report files), one lookup and
 * one "unknown format" error. */
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "out.h"
#include "rules.h"

/* The rule listings: rules_list renders them. */
static void
out_rules_text(struct buf *b, const struct rules *rs)
{
	rules_list(rs, 0, b);
}

static void
out_rules_json(struct buf *b, const struct rules *rs)
{
	rules_list(rs, 1, b);
}

/* Every output of ticklist. The first row of a view is its default. */
static const struct out_format out_table[] = {
	/* lint: file:line:col: severity: message [rule] */
	{ .view = "lint", .name = "text", .lint = &out_text },
	/* the pinned findings JSON */
	{ .view = "lint", .name = "json", .lint = &out_json },
	/* SARIF 2.1.0 for code scanning */
	{ .view = "lint", .name = "sarif", .lint = &out_sarif },
	/* JUnit XML for CI test reports */
	{ .view = "lint", .name = "junit", .lint = &out_junit },
	/* GitHub Actions annotations */
	{ .view = "lint", .name = "github", .lint = &out_github },
	/* GitLab Code Quality JSON */
	{ .view = "lint", .name = "gitlab", .lint = &out_gitlab },
	/* status: progress bars, a blank line between checklists */
	{ .view = "status", .name = "text", .status = out_status_text,
	    .head = "", .first = "", .sep = "\n", .tail = "", .tail0 = "" },
	/* the pinned status JSON */
	{ .view = "status", .name = "json", .status = out_status_json,
	    .head = "{\"version\": 1,\n \"checklists\": [", .first = "\n  ",
	    .sep = ",\n  ", .tail = "\n ]}\n", .tail0 = "]}\n" },
	/* the debug dump of the parsed model */
	{ .view = "status", .name = "tree", .status = out_tree,
	    .head = "", .first = "", .sep = "\n", .tail = "", .tail0 = "",
	    .model_only = 1 },
	/* rules: one rule a line, where it was defined */
	{ .view = "rules", .name = "text", .rules = out_rules_text },
	{ .view = "rules", .name = "json", .rules = out_rules_json },
	/* report: the files of the report directory */
	{ .view = "report", .name = "index.html", .file = "index.html",
	    .template = "index.html.mustache" },
	{ .view = "report", .name = "page", .file = NULL,
	    .template = "checklist.html.mustache" },
	{ .view = "report", .name = "summary.md", .file = "summary.md",
	    .template = "summary.md.mustache" },
	{ .view = "report", .name = "badge.svg", .file = "badge.svg",
	    .template = "badge.svg.mustache" },
	{ .view = "report", .name = "report.json", .file = "report.json" },
};
#define NTABLE	(sizeof(out_table) / sizeof(out_table[0]))

const struct out_format *
out_format_at(const char *view, size_t i)
{
	for (size_t k = 0; k < NTABLE; k++)
		if (strcmp(out_table[k].view, view) == 0 && i-- == 0)
			return &out_table[k];
	return NULL;
}

void
out_format_names(struct buf *b, const char *view, const char *sep,
    const char *last)
{
	const struct out_format *f;
	size_t i, n;

	for (n = 0; out_format_at(view, n) != NULL; n++)
		continue;
	for (i = 0; (f = out_format_at(view, i)) != NULL; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? last : sep,
		    f->name);
}

const struct out_format *
out_format(const char *view, const char *name)
{
	const struct out_format *f;
	struct buf b = {0};

	for (size_t i = 0; (f = out_format_at(view, i)) != NULL; i++)
		if (strcmp(f->name, name) == 0)
			return f;
	out_format_names(&b, view, ", ", " or ");
	diag_error(NULL, 0, 0, "unknown format '%s' (expected %s)", name,
	    buf_cstr(&b));
	buf_free(&b);
	return NULL;
}

const struct out_backend *
out_find(const char *name)
{
	const struct out_format *f;

	for (size_t i = 0; (f = out_format_at("lint", i)) != NULL; i++)
		if (strcmp(f->name, name) == 0)
			return f->lint;
	return NULL;
}

/* Strip "./" prefixes, then the current directory of an absolute path
 * below it. */
const char *
out_relpath(const char *path)
{
	char cwd[PATH_MAX];
	size_t n;

	while (path[0] == '.' && path[1] == '/')
		for (path += 2; *path == '/'; path++)
			continue;
	if (path[0] == '/' && getcwd(cwd, sizeof(cwd)) != NULL &&
	    (n = strlen(cwd)) > 1 && strncmp(path, cwd, n) == 0 &&
	    path[n] == '/' && path[n + 1] != '\0')
		path += n + 1;
	return path;
}
