# verdict.mk: the verdict layer's unit test (tests/suites/verdict.sh).
TEST_PROGRAMS += $(BUILD)/unit-verdict

$(BUILD)/unit-verdict: tests/unit_verdict.c $(BUILD)/libticklist.a
	$(CC) $(ALL_CFLAGS) -o $@ tests/unit_verdict.c \
	    $(BUILD)/libticklist.a $(ALL_LIBS)
