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
# A table inside front matter (a YAML mapping that gives no key ticklist
# prints) is a documented difference, counted apart, not a disagreement.
if python3 - "$T" <<'PY'
import sys
import diff, gfm
d = b'---\n[x]: u\n | a | b |\n |---|---|\n---\n- [ ] t\n'
g, t = gfm.gfm_models([d])[0], gfm.tl_models(sys.argv[1], [d])[0]
c = dict.fromkeys(['quoted', 'na', 'frontmatter', 'bom', 'state'], 0)
g2, t2 = diff.normalise(d, g, t, c)
sys.exit(0 if g['tables'] and not t['meta'] and c['frontmatter'] == 1 and
         diff.first_diff(g2, t2) is None and len(g2['tasks']) == 1 else 1)
PY
then
	echo "ok fidelity/frontmatter-table-apart"
else
	echo "not ok fidelity/frontmatter-table-apart"
fi
# The generator is deterministic: the same seed, the same documents.
a=$(python3 -c 'import gen; print(gen.gen(5)[0].hex())')
b=$(python3 -c 'import gen; print(gen.gen(5)[0].hex())')
if [ -n "$a" ] && [ "$a" = "$b" ]; then
	echo "ok fidelity/generator-deterministic"
else
	echo "not ok fidelity/generator-deterministic"
fi
