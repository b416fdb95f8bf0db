# asan.mk: `make asan` builds build-asan/ticklist (and the test programs)
# with AddressSanitizer and UndefinedBehaviorSanitizer and runs the whole
# test suite with it. UBSan halts on the first error and LeakSanitizer
# makes the binary exit non-zero, which suites see as a wrong exit status;
# and since some suites do not look at every exit status, every report is
# also logged under build-asan/sanlog/ and any log there fails the target.
#
# tests/asan/lsan.supp lists leaks inside third-party libraries that are
# not ours to fix (empty today; add a line "leak:function" with a comment
# saying why).
ASAN_BUILD	= build-asan
ASAN_CFLAGS	= -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
		  -fno-sanitize-recover=undefined
ASAN_LOG	= $(CURDIR)/$(ASAN_BUILD)/sanlog
ASAN_ENV	= ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:log_path=$(ASAN_LOG)/asan \
		  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/asan/lsan.supp:print_suppressions=0 \
		  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$(ASAN_LOG)/ubsan

# The recursive `make check` builds whatever check needs (test programs,
# bench tools) in build-asan and runs tests/run.sh build-asan.
.PHONY: asan
asan:
	@rm -rf $(ASAN_LOG) && mkdir -p $(ASAN_LOG)
	@$(ASAN_ENV) $(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) \
	    CFLAGS="$(ASAN_CFLAGS)" check; rc=$$?; \
	if [ -n "$$(ls $(ASAN_LOG))" ]; then \
		echo "sanitizer reports (in $(ASAN_LOG)):"; \
		cat $(ASAN_LOG)/*; exit 1; \
	fi; exit $$rc
