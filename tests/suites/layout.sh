#!/bin/sh
# layout.sh: src/ reads as the pipeline (README, "Layout"): one folder per
# stage, includes only from earlier stages, no include cycle.
cd "${TOP:-.}" || exit 1
python3 tests/layout/check_layout.py src

# The checker itself: a cycle and a backward include are caught.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cp -r src "$tmp/src"
printf '#include "verdict.h"\n' >>"$tmp/src/2-parse/table.h"
printf '#include "esc.h"\n' >>"$tmp/src/lib/buf.h"
if python3 tests/layout/check_layout.py "$tmp/src" >"$tmp/out" 2>&1; then
	echo "not ok layout/catches-backward-include"
else
	grep -q 'not ok layout/stage-order: 2-parse/table.h -> 4-verdict/verdict.h' "$tmp/out" &&
	grep -q 'not ok layout/no-include-cycle: buf -> esc -> buf' "$tmp/out" &&
	echo "ok layout/catches-backward-include" ||
	{ echo "not ok layout/catches-backward-include"; cat "$tmp/out"; }
fi
