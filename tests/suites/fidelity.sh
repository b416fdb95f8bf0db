#!/bin/sh
# fidelity.sh: the differential test (tests/fidelity/diff.py): 2,000
# generated checklist documents (fixed seed) parsed by ticklist and by
# GitHub's parser (cmark-gfm -e tasklist -e table) agree on every task
# (count, state, line, column, parent), heading (level, line, text) and
# table, outside the differences README documents, which are counted
# apart; as many short documents dense in table starts and ends
# (--tables); and the fixed minimal cases of tests/fidelity/cases/
# (cases.py). `make fidelity N=100000 SEED=7` runs a long one (`make
# fidelity-tables` of the dense ones); reduce.py shrinks a
# document it keeps (build/fidelity-SEED/) to a minimal case.
T=$TOP/$BUILD/ticklist
if ! command -v cmark-gfm >/dev/null 2>&1; then
	echo "not ok fidelity: cmark-gfm not installed (make deps)"
	exit 0
fi
cd "$TOP/tests/fidelity" || exit 1
python3 diff.py "$T" "${FIDELITY_N:-2000}" "${FIDELITY_SEED:-11}"
# Short documents dense in table starts and ends (gen.gen_tables).
python3 diff.py "$T" "${FIDELITY_N:-2000}" "${FIDELITY_SEED:-11}" --tables
# The minimal cases long runs found, shrunk by reduce.py.
python3 cases.py "$T" cases/*.md
# The generator is deterministic: the same seed, the same documents.
a=$(python3 -c 'import gen; print(gen.gen(5)[0].hex())')
b=$(python3 -c 'import gen; print(gen.gen(5)[0].hex())')
if [ -n "$a" ] && [ "$a" = "$b" ]; then
	echo "ok fidelity/generator-deterministic"
else
	echo "not ok fidelity/generator-deterministic"
fi
