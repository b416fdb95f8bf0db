# eco.mk: files generated from the binary and committed, so that a
# checkout has them without a build: the kind list of ticklist(5)
# (`ticklist explain --man`, between the KINDS markers) and the shell
# completions (tools/completions.sh, from the commands' help). The eco
# suite fails when either is stale.
.PHONY: man-kinds completions
man-kinds: $(BUILD)/ticklist
	$(BUILD)/ticklist explain --man > $(BUILD)/man-kinds.tmp
	awk -v gen=$(BUILD)/man-kinds.tmp ' \
	    /^\.\\" KINDS END/ { while ((getline l < gen) > 0) print l; skip = 0 } \
	    !skip { print } \
	    /^\.\\" KINDS BEGIN/ { skip = 1 }' man/ticklist.5 > man/ticklist.5.tmp
	mv man/ticklist.5.tmp man/ticklist.5
	rm -f $(BUILD)/man-kinds.tmp
completions: $(BUILD)/ticklist
	python3 tools/completions.py $(BUILD)/ticklist completions
