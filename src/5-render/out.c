/* out.c: [render] the table of lint output formats: one row per backend. */
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "out.h"

/* text: file:line:col: severity: message [rule]; json: the pinned
 * findings JSON; sarif: SARIF 2.1.0 for code scanning; junit: JUnit XML
 * for CI test reports; github: GitHub Actions annotations; gitlab: GitLab
 * Code Quality JSON. One list makes both the table and out_names(). */
#define OUT_FORMATS	X(text) X(json) X(sarif) X(junit) X(github) X(gitlab)

#define X(n)	&out_##n,
static const struct out_backend *const out_table[] = { OUT_FORMATS };
#undef X

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
#define X(n)	"|" #n
	return OUT_FORMATS + 1;
#undef X
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
