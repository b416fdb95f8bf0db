# perf.mk: tests of the performance work (tests/suites/perf.sh runs
# them): the placeholder prefilter against pcre2.
TEST_PROGRAMS += $(BUILD)/unit-prefilter

$(BUILD)/unit-prefilter: tests/perf/unit_prefilter.c $(BUILD)/libticklist.a \
    src/rule.h src/match.h
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/perf/unit_prefilter.c \
	    $(BUILD)/libticklist.a $(ALL_LIBS)
