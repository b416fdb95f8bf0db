/* match.c: pcre2 behind a small API. Patterns are compiled once with
 * PCRE2_UTF | PCRE2_MATCH_INVALID_UTF (checklists may hold invalid UTF-8,
 * which must never stop matching) and JIT-compiled when the platform has
 * a JIT, unless the caller said the run is too small to repay it. Every match runs with a match context that caps the match count,
 * depth and heap and gives the JIT a bounded stack, so a catastrophically
 * backtracking pattern fails fast with MATCH_LIMIT instead of hanging. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "literal.h"
#include "match.h"
#include "xalloc.h"

/* Limits: generous for real rules, small enough that `(a+)+$` on a long
 * line gives up in milliseconds. The match count grows with the text
 * searched (pcre2 counts at least one step per start position, so a
 * fixed cap made every pattern give up on a long enough line). */
#define MATCH_LIMIT_COUNT	2000000u
#define MATCH_LIMIT_PER_BYTE	16u
/* The longest span the count grows with, so that it fits in 32 bits. */
#define MATCH_SPAN_MAX		((UINT32_MAX - MATCH_LIMIT_COUNT) / \
				 MATCH_LIMIT_PER_BYTE)
#define MATCH_LIMIT_DEPTH	20000u
#define MATCH_LIMIT_HEAP_KB	(16u * 1024u)
#define MATCH_JIT_STACK_MIN	(32u * 1024u)
#define MATCH_JIT_STACK_MAX	(512u * 1024u)


struct match_re {
	pcre2_code	*code;
	int		 jit;		/* JIT compilation succeeded */
	struct literals	 lit;		/* text without them cannot match */
};

struct match_scratch {
	pcre2_match_data	*md;
	pcre2_match_context	*mc;
	pcre2_jit_stack		*js;
};

void
match_set_jit(int on)
{
	ctx_run()->jit = on != 0;
}

struct match_re *
match_compile(const char *pattern, size_t len, size_t *erroff, char *err,
    size_t errlen)
{
	struct match_re *re;
	pcre2_code *code;
	PCRE2_SIZE off = 0;
	int ec = 0;

	code = pcre2_compile((PCRE2_SPTR)pattern, len,
	    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_USE_OFFSET_LIMIT, &ec,
	    &off, NULL);
	if (code == NULL) {
		if (err != NULL && errlen > 0 &&
		    pcre2_get_error_message(ec, (PCRE2_UCHAR *)err, errlen) < 0)
			snprintf(err, errlen, "pcre2 error %d", ec);
		if (erroff != NULL)
			*erroff = off;
		return NULL;
	}
	re = xcalloc(1, sizeof(*re));
	re->code = code;
	literal_parse(&re->lit, pattern, len);
	re->jit = ctx_run()->jit && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
	return re;
}

void
match_free(struct match_re *re)
{
	if (re == NULL)
		return;
	pcre2_code_free(re->code);
	free(re);
}

struct match_scratch *
match_scratch_new(void)
{
	struct match_scratch *ms = xcalloc(1, sizeof(*ms));

	ms->md = pcre2_match_data_create(16, NULL);
	ms->mc = pcre2_match_context_create(NULL);
	if (ms->md == NULL || ms->mc == NULL) {
		fprintf(stderr, "ticklist: out of memory\n");
		exit(2);
	}
	pcre2_set_match_limit(ms->mc, MATCH_LIMIT_COUNT);
	pcre2_set_depth_limit(ms->mc, MATCH_LIMIT_DEPTH);
	pcre2_set_heap_limit(ms->mc, MATCH_LIMIT_HEAP_KB);
	ms->js = pcre2_jit_stack_create(MATCH_JIT_STACK_MIN,
	    MATCH_JIT_STACK_MAX, NULL);
	if (ms->js != NULL)
		pcre2_jit_stack_assign(ms->mc, NULL, ms->js);
	return ms;
}

void
match_scratch_free(struct match_scratch *ms)
{
	if (ms == NULL)
		return;
	pcre2_match_data_free(ms->md);
	pcre2_match_context_free(ms->mc);
	pcre2_jit_stack_free(ms->js);
	free(ms);
}

int
match_find(const struct match_re *re, struct match_scratch *ms,
    const char *s, size_t n, size_t from, size_t *start, size_t *end)
{
	return match_find_upto(re, ms, s, n, from, n, start, end);
}

int
match_find_upto(const struct match_re *re, struct match_scratch *ms,
    const char *s, size_t n, size_t from, size_t limit, size_t *start,
    size_t *end)
{
	PCRE2_SIZE *ov;
	size_t span;
	int rc;

	if (from > n || from > limit)
		return 0;
	/* Every attempt starts at from or later and consumes one of the
	 * literals there: without one, pcre2 has nothing to find. */
	if (!literal_any(&re->lit, s + from, n - from))
		return 0;
	if (limit < n)
		pcre2_set_offset_limit(ms->mc, limit);
	span = n - from;
	if (span > MATCH_SPAN_MAX)
		span = MATCH_SPAN_MAX;
	pcre2_set_match_limit(ms->mc, MATCH_LIMIT_COUNT +
	    (uint32_t)span * MATCH_LIMIT_PER_BYTE);
	rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, from, 0, ms->md, ms->mc);
	if (limit < n)
		pcre2_set_offset_limit(ms->mc, PCRE2_UNSET);
	if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
		return 0;
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
	case PCRE2_ERROR_NOMEMORY:
		return MATCH_LIMIT;
	default:
		break;
	}
	if (rc < 0)
		return MATCH_ERROR;
	/* rc == 0: more captures than the ovector holds; group 0 is set. */
	ov = pcre2_get_ovector_pointer(ms->md);
	*start = ov[0];
	*end = ov[1];
	if (*start > *end)		/* \K in a lookahead */
		*start = *end;
	return 1;
}

int
match_may(const struct match_re *re, const char *s, size_t n)
{
	return literal_any(&re->lit, s, n);
}

size_t
match_next(const char *s, size_t n, size_t start, size_t end)
{
	if (end > start)
		return end;
	end++;
	while (end < n && ((unsigned char)s[end] & 0xc0) == 0x80)
		end++;
	return end;
}
