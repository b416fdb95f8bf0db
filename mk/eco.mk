# eco.mk: files generated from the binary and committed, so that a
# checkout has them without a build: the kind list of ticklist(5)
# (`ticklist explain --man`, between the KINDS markers), the SYNOPSIS of
# ticklist(1) (`ticklist help --man`, from the command table, between the
# SYNOPSIS markers) and the shell
# completions (tools/completions.sh, from the commands' help). The eco
# suite fails when either is stale.
.PHONY: man-kinds man-synopsis completions
# $(call between,MARKER,FILE,GENERATED): replace the lines of FILE between
# its .\" MARKER BEGIN and .\" MARKER END lines by GENERATED.
between = awk -v gen=$(3) ' \
	    /^\.\\" $(1) END/ { while ((getline l < gen) > 0) print l; skip = 0 } \
	    !skip { print } \
	    /^\.\\" $(1) BEGIN/ { skip = 1 }' $(2) > $(2).tmp && \
	mv $(2).tmp $(2) && rm -f $(3)
man-kinds: $(BUILD)/ticklist
	$(BUILD)/ticklist explain --man > $(BUILD)/man-kinds.tmp
	$(call between,KINDS,man/ticklist.5,$(BUILD)/man-kinds.tmp)
man-synopsis: $(BUILD)/ticklist
	$(BUILD)/ticklist help --man > $(BUILD)/man-synopsis.tmp
	$(call between,SYNOPSIS,man/ticklist.1,$(BUILD)/man-synopsis.tmp)
completions: $(BUILD)/ticklist
	python3 tools/completions.py $(BUILD)/ticklist completions
