#!/bin/sh
# verdict.sh: the verdict layer: its unit cases, and the cross-view test:
# status JSON, report.json, the pages, index.html, summary.md and
# badge.svg agree on percent, state and sign-off, on the samples (always)
# and on the seeds and the corpus (when ../shared is there).
B=${TOP:-.}/${BUILD:-build}
T=$B/ticklist
cd "${TOP:-.}" || exit 1
"$B/unit-verdict" || true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# crossview NAME PATH...: status and report over the same inputs.
crossview() {
	name=$1
	shift
	"$T" status --format json "$@" >"$tmp/$name.json" 2>"$tmp/$name.err"
	"$T" report -q -o "$tmp/$name" "$@" >/dev/null 2>>"$tmp/$name.err"
	if [ ! -s "$tmp/$name.json" ] || [ ! -f "$tmp/$name/report.json" ]; then
		echo "not ok crossview/$name: no status or report"
		sed 's/^/# /' "$tmp/$name.err"
		return
	fi
	python3 tests/verdict/crossview.py "$tmp/$name.json" "$tmp/$name" \
	    "$name"
}

crossview samples samples/
if [ -d "${SHARED:-../shared}/seeds" ] &&
    [ -d "${SHARED:-../shared}/corpus/real" ]; then
	mkdir -p "$tmp/seeds"
	for s in "${SHARED:-../shared}"/seeds/*; do
		cp "$s" "$tmp/seeds/$(basename "$s" .txt).md"
	done
	crossview seeds "$tmp/seeds"
	crossview corpus "${SHARED:-../shared}/corpus/real"
else
	echo "skip verdict/crossview-seeds, crossview-corpus: ../shared is absent"
fi
