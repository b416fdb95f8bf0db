/* ticklist.h: what every module may use: severities, exit codes, version. */
#ifndef TICKLIST_H
#define TICKLIST_H

#define TICKLIST_VERSION	"0.1.0"
#define TICKLIST_URI		"https://github.com/ticklist/ticklist"

/* Exit status: no finding at or above --fail-on; findings; usage,
 * configuration or I/O error. */
enum {
	EXIT_CLEAN = 0,
	EXIT_FINDINGS = 1,
	EXIT_TROUBLE = 2
};

/* Ordered so that a larger value is more severe; SEV_OFF disables a rule. */
enum sev {
	SEV_OFF,
	SEV_INFO,
	SEV_WARNING,
	SEV_ERROR,
	SEV__MAX
};

/* "off", "info", "warning", "error"; sev_parse returns -1 if unknown. */
const char	*sev_name(enum sev);
int		 sev_parse(const char *);

#endif
