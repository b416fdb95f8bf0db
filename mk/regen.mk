# regen.mk: rewrite golden files after a deliberate output change:
# `make regen` rewrites every golden (parse trees, status, formats, the
# report, the rule listings and seeds' findings, the man page's generated
# parts, completions); review with git diff (CI never regenerates).
.PHONY: regen
regen: regen-report rules-regen man-kinds man-synopsis completions
regen: all
	@for f in tests/parse/*.md; do \
		$(BUILD)/ticklist status --format tree $$f > $${f%.md}.tree; done
	@$(BUILD)/ticklist status samples/ > tests/golden/samples.status_text
	@$(BUILD)/ticklist status --format json samples/ > tests/golden/samples.status_json
	@echo "goldens rewritten; review with git diff"
