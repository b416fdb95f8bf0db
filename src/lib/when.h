/* when.h: the run's one notion of now. SOURCE_DATE_EPOCH is parsed and
 * validated once, at start, for every command (reproducible reports and
 * outputs); else the clock. --today DATE may set the date that dates in
 * checklists are compared with. Any module may include it; only main()
 * calls the setters, before any thread starts. */
#ifndef TICKLIST_WHEN_H
#define TICKLIST_WHEN_H

#include <time.h>

/* Read SOURCE_DATE_EPOCH (unset or empty: the clock). Returns -1 after a
 * diag_error naming the bad value. */
int	when_init(void);
/* The calendar day y-m-d as YYYYMMDD, or 0 when it is not one (month
 * 1-12, day within the month, 29 February in leap years only). The one
 * calendar check of the program. */
long	when_ymd(int y, int m, int d);
/* Set "today" from YYYY-MM-DD; -1 (no diagnostic) if it is not a date. */
int	when_set_today(const char *date);
/* The run's time: SOURCE_DATE_EPOCH, else the clock at when_init. */
time_t	when_now(void);
/* Today as YYYYMMDD: --today, else the run's time's UTC date. */
long	when_today(void);
/* The run's time as "YYYY-MM-DDTHH:MM:SSZ" into out[21]. */
void	when_iso(char out[21]);

#endif
