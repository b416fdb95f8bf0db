#!/bin/sh
# oracle.sh: ticklist agrees with GitHub's parser (cmark-gfm -e tasklist
# -e table) on every seed and corpus file: task counts and checked counts,
# each task's line, column, state and parent, headings, and every GFM
# table (rows, cells, cell text). Items inside blockquotes
# are left out of the counts: cmark-gfm 0.29 misses them, ticklist counts
# them. N/A items ([-], [~]) are ours only. Skips without ../shared; fails
# on an empty corpus.
T=$TOP/$BUILD/ticklist
if ! command -v cmark-gfm >/dev/null 2>&1; then
	echo "not ok oracle: cmark-gfm not installed (make deps)"
	exit 0
fi
if [ ! -d "$SHARED/seeds" ] || [ ! -d "$SHARED/corpus/real" ]; then
	echo "skip oracle/*: ../shared is absent"
	exit 0
fi
files=$(ls "$SHARED"/seeds/* "$SHARED"/corpus/real/*.md 2>/dev/null)
if [ -z "$files" ]; then
	echo "not ok oracle: no seed or corpus file in $SHARED"
	exit 0
fi
for f in $files; do
	name=oracle/$(basename "$f")
	g=$(cmark-gfm -e tasklist "$f" 2>/dev/null)
	gi=$(printf '%s' "$g" | grep -o 'type="checkbox"' | wc -l)
	gc=$(printf '%s' "$g" | grep -o 'checked="" disabled=""' | wc -l)
	tree=$("$T" status --format tree "$f")
	items=$(printf '%s\n' "$tree" | grep -E '^item #[0-9]+ [0-9:]+ box=[0-9]+ (open|done) depth=[0-9]+ parent=-?[0-9]+ section=-?[0-9]+ "')
	oi=$(printf '%s\n' "$items" | grep -c -E '^item #[0-9]+ [0-9:]+ box=[0-9]+ (open|done) ')
	oc=$(printf '%s\n' "$items" | grep -c -E '^item #[0-9]+ [0-9:]+ box=[0-9]+ done ')
	if [ "$gi" = "$oi" ] && [ "$gc" = "$oc" ]; then
		echo "ok $name"
	else
		echo "not ok $name: cmark-gfm $gi items $gc checked, ticklist $oi items $oc checked"
	fi
done
# Every task: the same line, column, state and parent task; every
# heading: the same level, line and text.
# shellcheck disable=SC2086
python3 "$TOP/tests/fidelity/oracle.py" "$T" $files
# Every table: the same rows and cell text as cmark-gfm -e table.
# shellcheck disable=SC2086
python3 "$TOP/tests/fidelity/tables.py" "$T" $files | sed 's|^ok tables/|ok oracle/tables/|; s|^not ok tables|not ok oracle/tables|; s|^ok tables:|ok oracle/tables:|'
