#!/bin/sh
# oracle.sh: task item and checked counts agree with GitHub's task-list
# extension (cmark-gfm -e tasklist) on every seed and corpus file.
# Items inside blockquotes are left out of the comparison: cmark-gfm 0.29
# misses them, ticklist counts them. N/A items ([-], [~]) are ours only.
T=$TOP/$BUILD/ticklist
if ! command -v cmark-gfm >/dev/null 2>&1; then
	echo "not ok oracle: cmark-gfm not installed (make deps)"
	exit 0
fi
if [ ! -d "$SHARED/seeds" ] || [ ! -d "$SHARED/corpus/real" ]; then
	echo "skip oracle/*: ../shared is absent"
	exit 0
fi
n=0
for f in "$SHARED"/seeds/* "$SHARED"/corpus/real/*.md; do
	[ -f "$f" ] || continue
	n=$((n + 1))
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
# An empty corpus is a failure, never a pass.
[ "$n" -gt 0 ] || echo "not ok oracle/corpus: no file in $SHARED/seeds or corpus/real"
