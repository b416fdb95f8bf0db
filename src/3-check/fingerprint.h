/* fingerprint.h: [render] stable identities of findings, for SARIF
 * partialFingerprints and GitLab Code Quality fingerprints. An identity
 * ignores positions, so it survives lines moving above the finding: it
 * hashes the rule id, the section and the normalised key (or, for a
 * finding without a key, the message with digit runs folded, since
 * messages may quote line numbers), and the file's path. Findings of one
 * file with the same identity are told apart by their occurrence number
 * in file order, so every finding of a run has its own fingerprint.
 * Output backends include it. */
#ifndef TICKLIST_FINGERPRINT_H
#define TICKLIST_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

struct findings;

#define FINGERPRINT_SEED	0xcbf29ce484222325ULL	/* FNV-1a offset */

/* The fingerprints of the fs->n findings of the file at path (as the
 * backend prints it). Returns an array of fs->n values the caller frees,
 * or NULL when fs is empty. */
uint64_t	*fingerprint_findings(const struct findings *fs,
		    const char *path);
/* FNV-1a (64 bit) of n bytes, continuing from h (FINGERPRINT_SEED to
 * start). */
uint64_t	fingerprint_mix(uint64_t h, const void *, size_t n);

#endif
