/* fuzz.h: the libFuzzer entry points every tests/fuzz/fuzz_*.c target
 * defines. The same files link either with libFuzzer (make fuzz) or with
 * replay.c (the fuzz-replay-* test programs that run the regression
 * inputs in make check and make asan). */
#ifndef TICKLIST_FUZZ_H
#define TICKLIST_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerInitialize(int *argc, char ***argv);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A checklist that exercises sections, items, fields and facts, for the
 * targets that fuzz something other than the Markdown. */
#define FUZZ_SAMPLE_MD \
	"---\ntitle: Fuzz\nowner: [a, b]\n---\n# Deploy\n\n" \
	"## Before\n\n- [ ] Back up the database\n- [x] Tell support\n" \
	"  - [-] n/a step\n- [ ] TODO fill in\n\n" \
	"**Approved By:** ____  Date: ____\n\n## After\n\n" \
	"> - [ ] quoted\n\n- [] bad box\n\n```\n- [ ] code\n```\n" \
	"<!-- ticklist-disable-next-line pattern -->\n- [ ] <Name> TBD\n"

#endif
