#!/bin/sh
# bench.sh: quick checks of the benchmark machinery (bench/): the corpus
# generator is deterministic and writes the shapes the benchmark needs, the
# floor parses a generated corpus, bench-rss reports the child's status.
# Timing itself is never tested; `make bench` measures it.
BUILD=${BUILD:-build}
GEN=$BUILD/bench-gen
FLOOR=$BUILD/bench-floor
RSS=$BUILD/bench-rss
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

rss_status() {
	"$RSS" -o "$T/r1" sh -c 'exit 3' && read -r w kb rc <"$T/r1" &&
	    [ "$rc" -eq 3 ] && [ "$kb" -gt 0 ] &&
	    awk -v w="$w" 'BEGIN { exit !(w > 0 && w < 10) }' &&
	    "$RSS" -o "$T/r2" sh -c 'kill -9 $$' && read -r w kb rc <"$T/r2" &&
	    [ "$rc" -eq 137 ] &&
	    "$RSS" -o "$T/r3" "$T/no-such-program" 2>/dev/null &&
	    read -r w kb rc <"$T/r3" && [ "$rc" -eq 127 ]
}
t bench-rss-status rss_status
