/* out.c: [render] the table of lint output formats: one row per backend. */
#include <string.h>

#include "out.h"

static const struct out_backend *const out_table[] = {
	&out_text,	/* file:line:col: severity: message [rule] */
	&out_json,	/* the pinned findings JSON */
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
