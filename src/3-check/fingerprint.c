/* fingerprint.c: [render] position-free identities of findings. Why
 * FNV-1a: small, dependency-free and fixed forever, which is what a
 * fingerprint stored by GitHub or GitLab between runs needs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fingerprint.h"
#include "xalloc.h"

/* FNV-1a, one byte at a time. */
uint64_t
fingerprint_mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Hash s normalised: ASCII lower case, whitespace runs as one space,
 * no leading or trailing space; digit runs as one '0' when fold_digits.
 * A NUL byte ends the field so that fields cannot run into each other. */
static uint64_t
fingerprint_text(uint64_t h, const char *s, int fold_digits)
{
	int space = 0, any = 0, digit = 0;

	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			space = any;
			digit = 0;
			continue;
		}
		if (space)
			h = fingerprint_mix(h, " ", 1);
		space = 0;
		any = 1;
		if (fold_digits && c >= '0' && c <= '9') {
			if (!digit)
				h = fingerprint_mix(h, "0", 1);
			digit = 1;
			continue;
		}
		digit = 0;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = fingerprint_mix(h, &c, 1);
	}
	return fingerprint_mix(h, "", 1);
}

/* Spread the last bytes' changes over all bits (the MurmurHash3
 * finaliser), so near-equal identities do not look alike. */
static uint64_t
fingerprint_final(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* Order of (hash, index) pairs: by hash, then file order. */
static int
fingerprint_cmp(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Each finding's identity, then its occurrence among equal identities
 * mixed in and the result finalised. */
uint64_t *
fingerprint_findings(const struct findings *fs, const char *path)
{
	uint64_t *pair, *out;
	size_t i, occ = 0;

	if (fs->n == 0)
		return NULL;
	pair = xcalloc(fs->n, 2 * sizeof(uint64_t));
	out = xcalloc(fs->n, sizeof(uint64_t));
	for (i = 0; i < fs->n; i++) {
		const struct finding *f = &fs->v[i];
		uint64_t h = fingerprint_mix(FINGERPRINT_SEED, path,
		    strlen(path) + 1);

		h = fingerprint_mix(h, f->rule, strlen(f->rule) + 1);
		h = fingerprint_text(h, f->section, 0);
		if (f->key != NULL)
			h = fingerprint_text(fingerprint_mix(h, "k", 1),
			    f->key, 0);
		else
			h = fingerprint_text(fingerprint_mix(h, "m", 1),
			    f->message, 1);
		pair[2 * i] = h;
		pair[2 * i + 1] = i;
	}
	/* Sorted, equal identities sit together in file order: number them
	 * in O(n log n), as a file may carry very many findings. The
	 * occurrence goes in as decimal text, the same on every platform. */
	qsort(pair, fs->n, 2 * sizeof(uint64_t), fingerprint_cmp);
	for (i = 0; i < fs->n; i++) {
		char num[24];
		occ = i > 0 && pair[2 * i] == pair[2 * i - 2] ? occ + 1 : 0;
		snprintf(num, sizeof(num), "%zu", occ);
		out[pair[2 * i + 1]] = fingerprint_final(fingerprint_mix(
		    pair[2 * i], num, strlen(num)));
	}
	free(pair);
	return out;
}
