# utf8.mk: the UTF-8 and mojibake unit test (tests/suites/utf8.sh runs it).
TEST_PROGRAMS += $(BUILD)/unit-utf8

$(BUILD)/unit-utf8: tests/unit_utf8.c $(BUILD)/libticklist.a src/lib/utf8.h src/lib/buf.h
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/unit_utf8.c \
	    $(BUILD)/libticklist.a $(ALL_LIBS)
