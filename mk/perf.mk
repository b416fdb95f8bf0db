# perf.mk: tests of the performance work (tests/suites/perf.sh runs
# them): the placeholder prefilter against pcre2, parsing in pieces
# against parsing whole (doc_set_piece).
TEST_PROGRAMS += $(BUILD)/unit-perf

$(BUILD)/unit-perf: tests/perf/unit_perf.c $(BUILD)/libticklist.a \
    src/config/rule.h src/config/match.h src/2-parse/doc.h
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/perf/unit_perf.c \
	    $(BUILD)/libticklist.a $(ALL_LIBS)
