/* report_git.h: [report] the commit and branch of the checkout a report
 * is made in. report_cmd.c includes it. */
#ifndef TICKLIST_REPORT_GIT_H
#define TICKLIST_REPORT_GIT_H

/* The commit (full object id) and branch (NULL when detached) of the git
 * checkout containing dir, read from .git's files; both NULL outside a
 * checkout or on anything unexpected. The caller frees both. */
void	report_git(const char *dir, char **commit, char **branch);

#endif
