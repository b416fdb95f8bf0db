# fidelity.mk: the long differential test against cmark-gfm:
# `make fidelity N=100000 SEED=7` (tests/fidelity/diff.py; make check runs
# 2,000 documents through tests/suites/fidelity.sh); `make fidelity-tables`
# the same on short documents dense in table starts and ends.
N	?= 20000
SEED	?= 1

fidelity: all
	cd tests/fidelity && python3 diff.py ../../$(BUILD)/ticklist $(N) \
	    $(SEED) --keep ../../$(BUILD)/fidelity-$(SEED)

fidelity-tables: all
	cd tests/fidelity && python3 diff.py ../../$(BUILD)/ticklist $(N) \
	    $(SEED) --tables --keep ../../$(BUILD)/fidelity-tables-$(SEED)

.PHONY: fidelity fidelity-tables
