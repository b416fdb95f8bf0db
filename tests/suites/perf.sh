#!/bin/sh
# perf.sh: tests of the performance work: the placeholder prefilter
# finds what pcre2 finds (tests/perf/unit_perf.c); streamed output equals the one-piece output.
BUILD=${BUILD:-build}
TOP=${TOP:-.}
bin=$BUILD/unit-perf
case $bin in /*) ;; *) bin=$TOP/$bin ;; esac
"$bin" || echo "not ok unit-perf: status $?"

# Lint output on stdout is written in chunks as files finish; it must be
# the same bytes as one write to a file with -o, and the same with one
# worker or several. The corpus gives well over one 64 KB chunk.
T=$(mktemp -d "${TMPDIR:-/tmp}/ticklist-perf.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
tl=$BUILD/ticklist
gen=$BUILD/bench-gen
case $tl in /*) ;; *) tl=$TOP/$tl ;; esac
case $gen in /*) ;; *) gen=$TOP/$gen ;; esac
"$gen" -n 40 -s 10K -o "$T/c" >/dev/null 2>&1 || echo "not ok perf-gen"
stream() {
	"$tl" lint --no-config -j 1 --format "$1" "$T/c" >"$T/out.$1" \
	    2>/dev/null
	"$tl" lint --no-config -j 3 --format "$1" "$T/c" >"$T/out3.$1" \
	    2>/dev/null
	"$tl" lint --no-config -j 1 --format "$1" -o "$T/file.$1" "$T/c" \
	    2>/dev/null
	[ "$(wc -c <"$T/out.$1")" -gt 131072 ] &&
	    cmp -s "$T/out.$1" "$T/file.$1" && cmp -s "$T/out.$1" "$T/out3.$1"
}
for f in text json; do
	if stream $f; then echo "ok perf-stream-$f"; else
		echo "not ok perf-stream-$f"; fi
done
