#!/bin/sh
# run.sh: runs every test suite in tests/suites/*.sh with BUILD as $1.
# A suite prints "ok NAME" or "not ok NAME" per test (other lines are
# shown as they are), or "skip NAME: reason" for what it cannot run here
# (the parts that need ../shared, on a fresh clone without it); this
# runner counts and ends with one line: "N passed, N failed, N skipped".
# The exit status is 1 if anything failed.
BUILD=${1:-build}
export BUILD
TOP=$(cd "$(dirname "$0")/.." && pwd)
export TOP
SHARED=${SHARED:-$TOP/../shared}
export SHARED
out=$(mktemp)
trap 'rm -f "$out"' EXIT INT TERM
for s in "$TOP"/tests/suites/*.sh; do
	[ -f "$s" ] || continue
	name=$(basename "$s" .sh)
	sh "$s" >"$out" 2>&1
	rc=$?
	grep -E -v '^ok ' "$out" | sed "s|^|[$name] |"
	if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$out"; then
		echo "not ok $name: suite exited $rc" >>"$out"
		echo "[$name] not ok $name: suite exited $rc"
	fi
	cat "$out" >>"$out.all"
done
pass=$(grep -c '^ok ' "$out.all" 2>/dev/null)
fail=$(grep -c '^not ok ' "$out.all" 2>/dev/null)
skip=$(grep -c '^skip ' "$out.all" 2>/dev/null)
if [ ! -d "$SHARED/seeds" ] || [ ! -d "$SHARED/corpus/real" ]; then
	echo "# $SHARED is absent: the parts of suites that need it were" \
	    "skipped: $(grep '^skip ' "$out.all" | cut -d' ' -f2 |
	    cut -d/ -f1 | sort -u | tr '\n' ' ')"
fi
rm -f "$out.all"
echo "${pass:-0} passed, ${fail:-0} failed, ${skip:-0} skipped"
[ "${fail:-0}" -eq 0 ]
