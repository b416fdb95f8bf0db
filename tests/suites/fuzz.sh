#!/bin/sh
# fuzz.sh: every fuzz regression input (tests/fuzz/regress/TARGET/*) and
# the seeds of each target run through $BUILD/fuzz-replay-TARGET, the
# libFuzzer harness with a plain main: each must finish with exit 0 (a
# crash or sanitizer report under make asan fails it).
cd "$TOP" || exit 1

# replay NAME TARGET FILE...: run the harness on the files.
replay() {
	name=$1 t=$2
	shift 2
	if "$BUILD/fuzz-replay-$t" "$@" >/dev/null 2>"$BUILD/fuzz-replay.err"; then
		echo "ok fuzz/$name"
	else
		echo "not ok fuzz/$name: exit $?"
		head -30 "$BUILD/fuzz-replay.err"
	fi
}

for t in markdown rules template report; do
	if [ ! -x "$BUILD/fuzz-replay-$t" ]; then
		[ "$t" = template ] && [ ! -f src/5-render/template.h ] && continue
		echo "not ok fuzz/$t: $BUILD/fuzz-replay-$t not built"
		continue
	fi
	for f in tests/fuzz/regress/$t/*; do
		[ -f "$f" ] && replay "$t/$(basename "$f")" "$t" "$f"
	done
	case $t in
	markdown) set -- samples/*.md tests/parse/*.md ;;
	rules) set -- rules/*.yml ;;
	template) set -- templates/*.mustache ;;
	report) set -- samples/*.md ;;
	esac
	[ -f "$1" ] && replay "$t/seeds" "$t" "$@"
done
