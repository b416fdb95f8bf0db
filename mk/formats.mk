# formats.mk: the lint output formats' unit driver and golden regeneration.
TEST_PROGRAMS += $(BUILD)/unit_formats

$(BUILD)/unit_formats: tests/formats/unit_formats.c $(BUILD)/libticklist.a
	$(CC) $(ALL_CFLAGS) -o $@ tests/formats/unit_formats.c \
	    $(BUILD)/libticklist.a $(ALL_LIBS)

# Rewrite the formats goldens (review with git diff).
FORMATS = json sarif junit github gitlab
.PHONY: regen-formats
regen: regen-formats
regen-formats: all $(BUILD)/unit_formats
	@for f in $(FORMATS); do \
		$(BUILD)/unit_formats $$f > tests/formats/unit.$$f; \
		SOURCE_DATE_EPOCH=1798761600 $(BUILD)/ticklist lint -q --no-config \
		    --fail-on never --format $$f samples/ \
		    tests/formats/hostile.md > tests/formats/lint.$$f; \
	done
