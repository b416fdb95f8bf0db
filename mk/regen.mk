# regen.mk: rewrite golden files after a deliberate output change.
.PHONY: regen
regen: all
	@for f in tests/parse/*.md; do \
		$(BUILD)/ticklist status --format tree $$f > $${f%.md}.tree; done
	@$(BUILD)/ticklist status samples/ > tests/golden/samples.status_text
	@$(BUILD)/ticklist status --format json samples/ > tests/golden/samples.status_json
	@echo "goldens rewritten; review with git diff"
