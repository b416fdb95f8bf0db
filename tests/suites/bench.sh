#!/bin/sh
# bench.sh: quick checks of the benchmark machinery (bench/): the corpus
# generator is deterministic and writes the shapes the benchmark needs, the
# floor parses a generated corpus, bench-rss reports the child's status
# and CPU time, bench/run.sh lists a folder of real files as ticklist does
# and skips a peer it cannot install (saying why). Timing itself is never
# tested; `make bench` measures it.
BUILD=${BUILD:-build}
GEN=$BUILD/bench-gen
FLOOR=$BUILD/bench-floor
RSS=$BUILD/bench-rss
TL=$BUILD/ticklist
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# t NAME COMMAND...: "ok NAME" if COMMAND succeeds, else "not ok NAME".
t() {
	name=$1
	shift
	if "$@" >"$T/log" 2>&1; then
		echo "ok $name"
	else
		echo "not ok $name"
		sed 's/^/# /' "$T/log"
	fi
}

gen_twice() {
	"$GEN" -n 3 -s 4K -o "$T/g1" && "$GEN" -n 3 -s 4K -o "$T/g2" &&
	    [ "$(ls "$T/g1" | wc -l)" -eq 3 ] && diff -r "$T/g1" "$T/g2"
}
t bench-gen-deterministic gen_twice

big_twice() {
	"$GEN" --big 300K -o "$T/big1.md" && "$GEN" --big 300K -o "$T/big2.md" &&
	    cmp "$T/big1.md" "$T/big2.md"
}
t bench-gen-big-deterministic big_twice

# The size knob: --big 300K is about 300 KB (within 2%).
big_size() {
	n=$(wc -c <"$T/big1.md")
	[ "$n" -ge 301000 ] && [ "$n" -le 313000 ]
}
t bench-gen-big-size big_size

# File i depends only on (seed, i): -n 2 writes the first two of -n 3.
prefix() {
	"$GEN" -n 2 -s 4K -o "$T/g3" && diff -r "$T/g3" "$T/g1" |
	    grep -v '^Only in' | grep -q . && return 1
	cmp "$T/g3/checklist-00000.md" "$T/g1/checklist-00000.md"
}
t bench-gen-prefix prefix

seeded() {
	"$GEN" --seed 7 -n 1 -s 4K -o "$T/g4" &&
	    ! cmp -s "$T/g4/checklist-00000.md" "$T/g1/checklist-00000.md"
}
t bench-gen-seed-changes-output seeded

# Every shape the benchmark relies on appears in a 300 KB document.
shapes() {
	f=$T/big1.md
	for pat in '^## ' '^### ' '^- \[ \] ' '^- \[x\] ' '^  - \[ \] ' \
	    '^[0-9]\. \[ \] ' '^```' '^| ' '^> - \[' 'Error rate > X%' \
	    '\[Name\]' 'TBD' '<[a-z-]*>' '^# [A-Z]' '^\*\*[A-Za-z -]*:\*\* ___' \
	    '^- \[ \] \*\*.*\*\* - ____' 'é' '部署\|数据库\|監視' '🚀'; do
		grep -q -- "$pat" "$f" || { echo "missing: $pat"; return 1; }
	done
}
t bench-gen-shapes shapes

t bench-gen-bad-args sh -c "! '$GEN' -n 3 2>/dev/null"

t bench-floor-parses "$FLOOR" "$T"/g1/*.md "$T/big1.md"
t bench-floor-missing-file sh -c "'$FLOOR' '$T/nonexistent.md' 2>/dev/null; [ \$? -eq 2 ]"
# --copy: the floor of report copies a folder's files, byte for byte.
t bench-floor-copies sh -c "'$FLOOR' --copy '$T/g1' '$T/g1copy' '$T'/g1/*.md && diff -r '$T/g1' '$T/g1copy' && [ -n \"\$(ls '$T/g1copy')\" ]"

rss_status() {
	"$RSS" -o "$T/r1" sh -c 'exit 3' && read -r w kb rc cpu <"$T/r1" &&
	    [ "$rc" -eq 3 ] && [ "$kb" -gt 0 ] && [ -n "$cpu" ] &&
	    awk -v w="$w" 'BEGIN { exit !(w > 0 && w < 10) }' &&
	    "$RSS" -o "$T/r2" sh -c 'kill -9 $$' &&
	    read -r w kb rc cpu <"$T/r2" && [ "$rc" -eq 137 ] &&
	    "$RSS" -o "$T/r3" "$T/no-such-program" 2>/dev/null &&
	    read -r w kb rc cpu <"$T/r3" && [ "$rc" -eq 127 ]
}
t bench-rss-status rss_status

# -t: a run that outlives its limit is killed and reported as 137.
rss_timeout() {
	"$RSS" -t 1 -o "$T/r4" sleep 30 && read -r w kb rc cpu <"$T/r4" &&
	    [ "$rc" -eq 137 ] &&
	    awk -v w="$w" 'BEGIN { exit !(w >= 0.9 && w < 10) }'
}
t bench-rss-timeout rss_timeout

# The fourth field is the child's CPU time: a busy loop uses some, a
# sleep next to none (no bound on either is a timing assertion).
rss_cpu() {
	"$RSS" -o "$T/r5" sh -c 'i=0; while [ $i -lt 200000 ]; do
	    i=$((i + 1)); done' && read -r w kb rc cpu <"$T/r5" &&
	    [ "$rc" -eq 0 ] && awk -v c="$cpu" 'BEGIN { exit !(c > 0) }' &&
	    "$RSS" -o "$T/r6" sleep 0.3 && read -r w kb rc cpu <"$T/r6" &&
	    awk -v c="$cpu" -v w="$w" 'BEGIN { exit !(c >= 0 && c < w) }'
}
t bench-rss-cpu rss_cpu

# bench/run.sh on a folder of real files (corpus r), one round, no peer
# that needs the network: a file in a hidden folder is not counted (ticklist
# skips it too), a name with a space is one file, a peer npm cannot
# install is a "skipped (why)" row, and nothing is written but BENCH_OUT.
mkdir -p "$T/rb/ch 1" "$T/rb/.github"
printf '# One\n\n- [ ] a task\n' >"$T/rb/ch 1/a b.md"
printf '# Two\n\nText.\n' >"$T/rb/two.md"
printf '# Hidden\n' >"$T/rb/.github/h.md"
# run_bench NAME ENV...: runs the bench on $T/rb (or what ENV says), its
# table in $T/NAME.md, its log in $T/NAME.log.
run_bench() {
	n=$1
	shift
	env BUILD="$BUILD" BENCH_SETS=r BENCH_RUSTBOOK="$T/rb" BENCH_ROUNDS=1 \
	    BENCH_MDL=0 BENCH_NPM=false BENCH_PEERS="$T/peers" \
	    BENCH_OUT="$T/$n.md" "$@" sh "$TOP/bench/run.sh" >"$T/$n.log" 2>&1
}
row() {
	grep -F "| (r) the Rust Book, 2 files | $1 |" "$T/$2.md" |
	    grep -F -q "$3" || { echo "no row: $1 ... $3"; cat "$T/$2.md"; return 1; }
}
# On Linux x86_64 npm (here the command false) is asked and fails; on any
# other machine no rumdl build fits.
rumdl_why="skipped (npm install failed; offline?)"
[ "$(uname -sm)" = "Linux x86_64" ] || rumdl_why="skipped (no @rumdl/"
bench_real() {
	[ -x "$TL" ] || { echo "$TL missing"; return 1; }
	run_bench real || { cat "$T/real.log"; return 1; }
	row "floor (cmark parse + walk)" real "ok (1 run)" &&
	    row "ticklist lint -j 1" real "ok (1 run)" &&
	    row "rumdl 0.2.77" real "$rumdl_why" &&
	    row "markdownlint-cli2" real "skipped (BENCH_MDL=0)" &&
	    grep -q '^- rumdl on (r), time × ticklist lint: not measured$' \
	    "$T/real.md"
}
t bench-run-real-folder-peer-skipped bench_real

bench_off() {
	run_bench off BENCH_RUMDL=0 || { cat "$T/off.log"; return 1; }
	row "rumdl 0.2.77" off "skipped (BENCH_RUMDL=0)"
}
t bench-run-rumdl-off bench_off

# A missing corpus (r) is said and skipped, and the run still succeeds.
bench_absent() {
	run_bench absent BENCH_RUSTBOOK="$T/no-such-book" ||
	    { cat "$T/absent.log"; return 1; }
	grep -q '^| (r) the Rust Book | all |.*skipped (.*no-such-book absent' \
	    "$T/absent.md" && grep -q 'skipped' "$T/absent.log"
}
t bench-run-corpus-absent bench_absent
