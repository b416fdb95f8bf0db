#!/bin/sh
# perf.sh: tests of the performance work: the placeholder prefilter
# finds what pcre2 finds (tests/perf/unit_perf.c); streamed output equals
# the one-piece output; a document parsed in pieces gives the model it
# gives whole; lint memory per input byte is bounded.
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

# The required literals of a pattern (src/config/literal.c) never deny a
# match pcre2 finds: on a table of cases and on the shipped rules'
# patterns, over random text made of their pieces.
grep -ho "pattern: '.*'\|section: '.*'" "$TOP"/rules/*.yml |
    sed "s/^[a-z]*: '//; s/'\$//; s/''/'/g" | sort -u >"$T/patterns"
"$bin" literals "$T/patterns" || echo "not ok unit-perf-literals: status $?"
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

# A document parsed a piece at a time (doc.c, doc_pieces) gives the
# model it gives parsed whole: on the samples and the real checklists,
# with a piece at every line where one may start (unit-perf also runs
# this on random documents).
set -- "$TOP"/samples/*.md
[ -e "$1" ] || { echo "not ok perf-pieces-files: no samples"; set --; }
if [ -d "$TOP/../shared/corpus/real" ]; then
	set -- "$@" "$TOP"/../shared/corpus/real/*.md
else
	echo "skip perf/pieces-corpus: ../shared/corpus/real is absent"
fi
[ $# -gt 0 ] && "$bin" pieces "$@"

# Lint memory is bounded per input byte (issue 12: at most about 40 bytes
# per byte): a big checklist is parsed a piece at a time, so only the
# model, not cmark's tree of the whole file (110 bytes per byte for task
# lines), grows with it. Peak RSS of lint on 8 MB of task lines, every
# other one an empty box (a line doc.c rewrites for cmark), with a
# generous margin (it measures about 17); never a time.
rss=$BUILD/bench-rss
case $rss in /*) ;; *) rss=$TOP/$rss ;; esac
lint_memory() {
	awk 'BEGIN { print "# Big"; print ""
		for (i = 0; i < 500000; i++) printf "- [ ] task %d\n- [ ] \n", i }' \
	    >"$T/big.md"
	bytes=$(wc -c <"$T/big.md")
	"$rss" -q -o "$T/rss" "$tl" lint --no-config "$T/big.md" 2>/dev/null
	read -r _ kb st _ <"$T/rss"
	per=$((kb * 1024 / bytes))
	if [ "$st" -le 1 ] && [ "$bytes" -gt 8000000 ] && [ "$per" -le 40 ]
	then
		echo "ok perf-lint-memory ($per bytes per input byte)"
	else
		echo "not ok perf-lint-memory ($per bytes per input byte," \
		    "status $st)"
	fi
	rm -f "$T/big.md"
}
if [ -n "${ASAN_OPTIONS:-}${UBSAN_OPTIONS:-}" ]; then
	echo "skip perf-lint-memory: a sanitizer build's memory is its own"
else
	lint_memory
fi

# Memory kept per input file is bounded too: the pool keeps a row for
# each file in flight (a ring, pool_window), not one for each file of the
# run. Peak RSS of lint -j 2 on 10,000 small files, above that on 100 of
# them, per file: the path and the selection of each file stay (160-170
# bytes measured); with a row per file, its diagnostics and done flag
# it was 340.
lint_files_memory() {
	if ! "$gen" -n 10000 -s 1K -o "$T/many" >/dev/null 2>&1 ||
	    ! "$gen" -n 100 -s 1K -o "$T/few" >/dev/null 2>&1; then
		echo "not ok perf-lint-memory-files: bench-gen failed"
		return
	fi
	"$rss" -q -o "$T/rss.few" "$tl" lint --no-config -j 2 "$T/few" \
	    2>/dev/null
	"$rss" -q -o "$T/rss.many" "$tl" lint --no-config -j 2 "$T/many" \
	    2>/dev/null
	read -r _ few st1 _ <"$T/rss.few"
	read -r _ many st2 _ <"$T/rss.many"
	n=$(find "$T/many" -name '*.md' | wc -l)
	per=$(((many - few) * 1024 / 9900))
	if [ "$st1" -le 1 ] && [ "$st2" -le 1 ] && [ "$n" -eq 10000 ] &&
	    [ "$per" -le 250 ]; then
		echo "ok perf-lint-memory-files ($per bytes per file)"
	else
		echo "not ok perf-lint-memory-files ($per bytes per file," \
		    "status $st1 $st2, $n files)"
	fi
	rm -rf "$T/many" "$T/few"
}
if [ -n "${ASAN_OPTIONS:-}${UBSAN_OPTIONS:-}" ]; then
	echo "skip perf-lint-memory-files: a sanitizer build's memory is its own"
else
	lint_files_memory
fi
