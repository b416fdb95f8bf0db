# rules.mk: the rule engine's test tool and golden regeneration
# (tests/suites/rules.sh runs them).
TEST_PROGRAMS += $(BUILD)/rules-tool

$(BUILD)/rules-tool: tests/rules/rules_tool.c $(BUILD)/libticklist.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/rules/rules_tool.c \
	    $(BUILD)/libticklist.a $(ALL_LIBS)

# Rewrite the seeds' findings and the error goldens after a deliberate
# change; review with git diff.
.PHONY: rules-regen
rules-regen: all $(BUILD)/rules-tool
	@TOP=$(CURDIR) BUILD=$(BUILD) REGEN=1 sh tests/suites/rules.sh >/dev/null
	@for s in ../shared/seeds/*.txt; do n=$$(basename $$s .txt); \
		(cd ../shared/seeds && $(CURDIR)/$(BUILD)/ticklist lint \
		--no-config --format text --fail-on never -q $$n.txt) \
		> tests/rules/seeds/$$n.out 2>&1; done
	@printf '# T\n' > $(BUILD)/empty.md
	@for y in tests/rules/errors/*.yml; do n=$$(basename $$y .yml); \
		(cd tests/rules/errors && $(CURDIR)/$(BUILD)/ticklist lint -q \
		--config $$n.yml $(CURDIR)/$(BUILD)/empty.md) \
		> /dev/null 2> tests/rules/errors/$$n.err; true; done
	@echo "rules goldens rewritten; review with git diff"
