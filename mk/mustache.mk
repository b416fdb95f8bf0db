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
