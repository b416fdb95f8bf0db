/* init.c: `ticklist init`, a starter config for people who have never
 * written one: the shipped ruleset to extend and every key commented. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "init.h"
#include "output.h"
#include "ticklist.h"

static const char init_starter[] =
"# yaml-language-server: $schema=https://raw.githubusercontent.com/"
"ticklist/ticklist/main/schemas/ticklist-config.schema.json\n"
"# .ticklist.yml: the rules for the checklists in this directory and\n"
"# below. ticklist finds it by walking up from each linted file's\n"
"# directory, up to the repository root; the nearest one wins. The\n"
"# format is in ticklist(5); 'ticklist rules' lists the effective rules\n"
"# and where each is defined; 'ticklist lint --show-files .' shows which\n"
"# files are checklists and which rules apply to each.\n"
"\n"
"# The shipped ruleset to start from: 'recommended' (the default without\n"
"# a config: placeholders, blank fields and sign-offs, malformed boxes,\n"
"# inconsistent checks, encoding), 'deployment' (recommended + Security,\n"
"# Monitoring, Rollback and Sign-off sections), 'release' (recommended +\n"
"# version placeholders, 100% completion, a complete sign-off),\n"
"# 'security-review' or 'pr-template'. A path to a rule file works too,\n"
"# and so does a list of them.\n"
"extends: recommended\n"
"\n"
"# Which Markdown files are checklists, by glob relative to this file.\n"
"# Without files:, a file is a checklist when it has a task item or a\n"
"# sign-off field; the others (README, docs pages) are skipped. Files\n"
"# .gitignore excludes are never read (--no-ignore reads them).\n"
"# files: ['docs/checklists/**', 'RELEASE*.md', '.github/*.md']\n"
"# ignore: ['docs/archive/**']\n"
"\n"
"# Another ruleset for some checklists, by glob relative to this file.\n"
"# checklists:\n"
"#   - files: ['docs/deploy/**', 'GO-LIVE*.md']\n"
"#     extends: deployment\n"
"#   - files: ['RELEASE*.md', 'docs/release/**']\n"
"#     extends: release\n"
"# One checklist can name its own ruleset in its front matter, as\n"
"# 'ticklist: {ruleset: release}' between the two --- lines.\n"
"\n"
"# The severity of any rule, by id: error, warning, info or off.\n"
"# severity:\n"
"#   placeholder: error\n"
"#   empty-section: off\n"
"\n"
"# Rules of your own. Kinds: required-sections, pattern, placeholder,\n"
"# fields, signoff, completion, required-items.\n"
"# rules:\n"
"#   - id: no-staging-url\n"
"#     kind: pattern\n"
"#     severity: error\n"
"#     pattern: 'staging\\.example\\.com'\n"
"#     message: staging URL left in a production checklist\n"
"#   - id: security-done\n"
"#     kind: completion\n"
"#     section: '(?i)security'\n"
"#     min: 100\n"
"\n"
"# Other severities for some files, by glob relative to this file.\n"
"# overrides:\n"
"#   - files: ['templates/**']\n"
"#     severity: {unfilled-field: off}\n"
"\n"
"# A finding can also be silenced in the Markdown itself, as with\n"
"# <!-- ticklist-disable-next-line placeholder --> above its line.\n";

/* Write the starter to PATH, PATH/.ticklist.yml for a directory, or
 * ./.ticklist.yml: created whole or not at all, never over a file. */
int
init_run(const char *arg)
{
	struct buf path = {0};
	struct stat st;
	int rc = EXIT_CLEAN;

	if (arg == NULL)
		buf_puts(&path, ".ticklist.yml");
	else if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
		buf_printf(&path, "%s%s.ticklist.yml", arg,
		    arg[strlen(arg) - 1] == '/' ? "" : "/");
	else
		buf_puts(&path, arg);
	if (output_create(buf_cstr(&path), init_starter,
	    sizeof(init_starter) - 1) == -1)
		rc = EXIT_TROUBLE;
	else
		printf("wrote %s\n", buf_cstr(&path));
	buf_free(&path);
	return rc;
}
