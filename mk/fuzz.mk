# fuzz.mk: libFuzzer targets, one per input surface (tests/fuzz/fuzz_*.c):
# markdown (parse, status, lint, every backend), rules (rule and config
# YAML), template (Mustache compile and render: the mustache branch's
# target, which mk/mustache.mk also runs alone as `make fuzz-template`),
# report (a whole `ticklist report` run, twice, over a folder generated
# from the input: files split at "\n===\n" lines, a leading "#yml" part
# becoming its .ticklist.yml).
#
# Each target has a dictionary, tests/fuzz/TARGET.dict (the tokens of
# its surface: Markdown and task syntax, rule file keys and values,
# Mustache tags), passed with -dict.
#
# `make fuzz FUZZ_SECONDS=N` builds build-fuzz/ with clang,
# -fsanitize=fuzzer,address,undefined and runs each target for N seconds
# on a corpus seeded at run time from samples/, tests/, rules/,
# templates/ and ../shared (copied into build-fuzz/corpus, never
# committed). A crash leaves build-fuzz/crash-TARGET-* and fails the
# target: copy that file into tests/fuzz/regress/TARGET/ as the regression
# test, then fix the bug.
#
# `make check` builds $(BUILD)/fuzz-replay-TARGET (the same target with
# tests/fuzz/replay.c as main) and tests/suites/fuzz.sh runs every
# regression input and seed through it, under make asan too.
FUZZ_BUILD	= build-fuzz
FUZZ_SECONDS	?= 60
FUZZ_CC		= clang
FUZZ_SAN	= -fsanitize=address,undefined -fno-omit-frame-pointer \
		  -fno-sanitize-recover=undefined
FUZZ_TARGETS	= markdown rules $(if $(wildcard src/5-render/template.h),template) report
FUZZ_SHARED	= $(or $(SHARED),$(CURDIR)/../shared)

TEST_PROGRAMS	+= $(patsubst %,$(BUILD)/fuzz-replay-%,$(FUZZ_TARGETS))

$(BUILD)/fuzz-replay-%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c \
    tests/fuzz/fuzz.h $(BUILD)/libticklist.a
	$(CC) $(ALL_CFLAGS) -Itests/fuzz $(LDFLAGS) -o $@ tests/fuzz/fuzz_$*.c \
	    tests/fuzz/replay.c $(BUILD)/libticklist.a $(ALL_LIBS)

.PHONY: fuzz fuzz-build
fuzz-build:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	    $(FUZZ_BUILD)/libticklist.a
	@for t in $(FUZZ_TARGETS); do \
		echo "CC $(FUZZ_BUILD)/fuzz_$$t"; \
		$(FUZZ_CC) $(ALL_CFLAGS) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) \
		    -Itests/fuzz -o $(FUZZ_BUILD)/fuzz_$$t \
		    tests/fuzz/fuzz_$$t.c $(FUZZ_BUILD)/libticklist.a \
		    $(ALL_LIBS) || exit 1; \
	done

# Seeds: copied, not linked, so the fuzzer may add to the corpus freely.
fuzz: fuzz-build
	@c=$(FUZZ_BUILD)/corpus; mkdir -p $$c/markdown $$c/rules $$c/template \
	    $$c/report; \
	for f in samples/*.md tests/*/*.md $(FUZZ_SHARED)/corpus/real/*.md \
	    $(FUZZ_SHARED)/seeds/* tests/fuzz/regress/markdown/*; do \
		[ -f "$$f" ] && cp "$$f" $$c/markdown/; done; \
	for f in rules/*.yml tests/*/*.yml tests/*/*/*.yml \
	    tests/fuzz/regress/rules/*; do \
		[ -f "$$f" ] && cp "$$f" $$c/rules/; done; \
	for f in templates/*.mustache tests/*/*.mustache \
	    tests/fuzz/corpus-template/* tests/fuzz/regress/template/*; do \
		[ -f "$$f" ] && cp "$$f" $$c/template/; done; \
	for f in samples/*.md; do \
		b=$$(basename "$$f" .md); \
		{ printf '#yml\nextends: release\n\n===\n'; cat "$$f"; \
		  printf '\n===\n'; cat samples/*.md | head -c 4000; } \
		    >$$c/report/$$b; \
		cp "$$f" $$c/report/plain-$$b; done; \
	for f in tests/fuzz/regress/report/*; do \
		[ -f "$$f" ] && cp "$$f" $$c/report/; done; \
	rc=0; for t in $(FUZZ_TARGETS); do \
		echo "fuzz $$t for $(FUZZ_SECONDS)s"; \
		ASAN_OPTIONS=detect_leaks=1 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		$(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
		    $$([ -f tests/fuzz/$$t.dict ] && echo -dict=tests/fuzz/$$t.dict) \
		    -max_len=16384 -timeout=20 -rss_limit_mb=2048 \
		    -print_final_stats=1 \
		    -artifact_prefix=$(FUZZ_BUILD)/crash-$$t- $$c/$$t \
		    >$(FUZZ_BUILD)/fuzz-$$t.log 2>&1 || { rc=1; \
		    tail -60 $(FUZZ_BUILD)/fuzz-$$t.log; \
		    echo "fuzz $$t FAILED: see $(FUZZ_BUILD)/crash-$$t-*"; }; \
		grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' \
		    $(FUZZ_BUILD)/fuzz-$$t.log | tail -2; \
	done; exit $$rc
