/* main.c: steering (stub while the foundation lands). */
#include <stdio.h>
#include "ticklist.h"
int
main(void)
{
	printf("ticklist %s\n", TICKLIST_VERSION);
	return 0;
}
