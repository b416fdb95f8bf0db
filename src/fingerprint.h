/* fingerprint.h: [render] stable identities of findings, for SARIF
 * partialFingerprints and GitLab Code Quality fingerprints. An identity
 * ignores positions, so it survives lines moving above the finding: it
 * hashes the rule id, the section and the normalised key (or, for a
 * finding without a key, the message with digit runs folded, since
 * messages may quote line numbers). Findings of one file with the same
 * identity are told apart by their occurrence number in file order.
 * Output backends include it. */
#ifndef TICKLIST_FINGERPRINT_H
#define TICKLIST_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

struct findings;

#define FINGERPRINT_SEED	0xcbf29ce484222325ULL	/* FNV-1a offset */

/* For each of the fs->n findings of one file: hash[i] its identity and
 * occ[i] the number of earlier findings in fs with the same identity.
 * Both arrays have fs->n entries and belong to the caller. */
void		fingerprint_findings(const struct findings *fs, uint64_t *hash,
		    unsigned *occ);
/* FNV-1a (64 bit) of n bytes, continuing from h (FINGERPRINT_SEED to
 * start). */
uint64_t	fingerprint_mix(uint64_t h, const void *, size_t n);

#endif
