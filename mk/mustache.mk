# mustache.mk: the Mustache spec runner and `make test-mustache`.
SHARED_DIR ?= ../shared

TEST_PROGRAMS += $(BUILD)/mustache-spec

$(BUILD)/mustache-spec: tests/mustache_spec.c $(BUILD)/libticklist.a
	$(CC) $(ALL_CFLAGS) -o $@ tests/mustache_spec.c \
	    $(BUILD)/libticklist.a $(ALL_LIBS)

# The shared conformance suite only; our own cases run in `make check`.
test-mustache: $(BUILD)/mustache-spec
	$(BUILD)/mustache-spec $(SHARED_DIR)/mustache-spec
.PHONY: test-mustache

# libFuzzer target for templates (clang); FUZZTIME seconds of fuzzing.
FUZZTIME ?= 60
TEMPLATE_FUZZ_SRCS = tests/fuzz/fuzz_template.c src/5-render/template.c src/lib/value.c \
	src/lib/arena.c \
	src/lib/buf.c src/lib/esc.c src/lib/diag.c src/lib/xalloc.c src/utf8.c
build-fuzz/fuzz-template: $(TEMPLATE_FUZZ_SRCS) $(HDRS)
	mkdir -p build-fuzz
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
	    -fsanitize=fuzzer,address,undefined $(SRC_INC) -o $@ \
	    $(TEMPLATE_FUZZ_SRCS)
fuzz-template: build-fuzz/fuzz-template
	mkdir -p build-fuzz/corpus-template
	build-fuzz/fuzz-template -max_total_time=$(FUZZTIME) -max_len=4096 \
	    build-fuzz/corpus-template tests/fuzz/corpus-template
.PHONY: fuzz-template
