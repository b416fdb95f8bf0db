# report.mk: `ticklist report` tests: the model unit test program and
# `make regen-report` to rewrite the report goldens after a deliberate
# change (review with git diff; CI never regenerates).
TEST_PROGRAMS += $(BUILD)/unit-report

$(BUILD)/unit-report: tests/unit_report.c $(BUILD)/libticklist.a
	$(CC) $(ALL_CFLAGS) -o $@ tests/unit_report.c \
	    $(BUILD)/libticklist.a $(ALL_LIBS)

.PHONY: regen-report
regen-report: all $(BUILD)/unit-report
	@BUILD=$(BUILD) TOP=$(CURDIR) REGEN=1 sh tests/suites/report.sh >/dev/null
	@echo "report goldens rewritten; review with git diff"
