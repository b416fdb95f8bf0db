# spans.mk: the unit test of task items' inline spans and their HTML
# (tests/parse/unit_spans.c; tests/suites/parse.sh runs it).
TEST_PROGRAMS += $(BUILD)/unit-spans

$(BUILD)/unit-spans: tests/parse/unit_spans.c $(BUILD)/libticklist.a
	$(CC) $(ALL_CFLAGS) -o $@ tests/parse/unit_spans.c \
	    $(BUILD)/libticklist.a $(ALL_LIBS)
