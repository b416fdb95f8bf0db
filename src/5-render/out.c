/* out.c: [render] the table of lint output formats: one row per backend. */
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "out.h"

static const struct out_backend *const out_table[] = {
	&out_text,	/* file:line:col: severity: message [rule] */
	&out_json,	/* the pinned findings JSON */
	&out_sarif,	/* SARIF 2.1.0 for code scanning */
	&out_junit,	/* JUnit XML for CI test reports */
	&out_github,	/* GitHub Actions annotations */
	&out_gitlab,	/* GitLab Code Quality JSON */
};

const struct out_backend *
out_find(const char *name)
{
	for (size_t i = 0; i < sizeof(out_table) / sizeof(out_table[0]); i++)
		if (strcmp(out_table[i]->name, name) == 0)
			return out_table[i];
	return NULL;
}

const char *
out_names(void)
{
	static char names[256];

	if (names[0] == '\0')
		for (size_t i = 0; i < sizeof(out_table) / sizeof(out_table[0]);
		    i++) {
			if (i)
				strcat(names, "|");
			strcat(names, out_table[i]->name);
		}
	return names;
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
