# valgrind.mk: `make valgrind` runs the golden suites (VALGRIND_SUITES:
# parse goldens, the command line, rules, lint formats, the HTML report)
# with build/ticklist under valgrind memcheck. build-valgrind/ticklist is a wrapper script that execs
# valgrind on the real binary, so the suites need no change. Zero errors
# and zero definite or indirect leaks: memcheck exits 99 on either, and a
# non-empty log under build-valgrind/log fails the target too (some
# suites do not check every exit status). The test programs of
# $(BUILD) are linked in beside it and run natively.
VALGRIND_BUILD	= build-valgrind
VALGRIND_SUITES	= parse cli rules formats report
VALGRIND_LOG	= $(CURDIR)/$(VALGRIND_BUILD)/log

.PHONY: valgrind
valgrind: deps all test-programs
	@rm -rf $(VALGRIND_BUILD) && mkdir -p $(VALGRIND_LOG)
	@for f in $(BUILD)/*; do case $${f##*/} in ticklist) ;; \
		*) ln -s $(CURDIR)/$$f $(VALGRIND_BUILD)/ ;; esac; done
	@sed -e 's|@BIN@|$(CURDIR)/$(BUILD)/ticklist|' \
	    -e 's|@LOG@|$(VALGRIND_LOG)|' \
	    -e 's|@SUPP@|$(CURDIR)/tests/valgrind/jit.supp|' tests/valgrind/ticklist.in \
	    >$(VALGRIND_BUILD)/ticklist && chmod +x $(VALGRIND_BUILD)/ticklist
	@pass=0; fail=0; for s in $(VALGRIND_SUITES); do \
		out=$$(BUILD=$(VALGRIND_BUILD) TOP=$(CURDIR) \
		    SHARED=$${SHARED:-$(CURDIR)/../shared} \
		    sh tests/suites/$$s.sh 2>&1); \
		printf '%s\n' "$$out" | grep -v '^ok ' | sed "s|^|[$$s] |"; \
		pass=$$((pass + $$(printf '%s\n' "$$out" | grep -c '^ok '))); \
		fail=$$((fail + $$(printf '%s\n' "$$out" | grep -c '^not ok '))); \
	done; \
	for f in $(VALGRIND_LOG)/*; do \
		[ -s "$$f" ] || continue; cat "$$f"; fail=$$((fail + 1)); \
	done; \
	echo "valgrind: $$pass passed, $$fail failed"; [ $$fail -eq 0 ]
