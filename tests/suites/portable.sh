#!/bin/sh
# portable.sh: the code paths for machines without SSE2 (arm64, say: the
# scanners that read 16 bytes at a time on x86-64 fall back to 8-byte
# words and byte loops there). A second build with __SSE2__ undefined
# must pass the fast-against-slow unit tests and give the same findings,
# model and status as this build, byte for byte, on the samples, the test
# inputs, generated documents and (when present) the seeds and the
# corpus.
T=$TOP/$BUILD/ticklist
P=$TOP/$BUILD-portable
cd "$TOP" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! make -s BUILD="$P" CFLAGS="-O1 -g -U__SSE2__" "$P/ticklist" \
    "$P/unit-perf" "$P/unit-utf8" >"$tmp/make" 2>&1; then
	echo "not ok portable/build"; tail -20 "$tmp/make"
	exit 0
fi
if ! grep -q 'SSE2' src/2-parse/doc.c; then
	echo "not ok portable/fallbacks: no SSE2 path left to stand in for"
fi
echo "ok portable/build"
for u in unit-perf unit-utf8; do
	if "$P/$u" >"$tmp/u" 2>&1 && ! grep -q '^not ok' "$tmp/u"; then
		echo "ok portable/$u ($(grep -c '^ok' "$tmp/u") cases)"
	else
		echo "not ok portable/$u"; grep '^not ok' "$tmp/u" | head -5
	fi
done
# Generated documents: tables, boxes, UTF-8 and mojibake at every offset.
mkdir "$tmp/gen"
(cd tests/fidelity && python3 -c '
import sys, gen
for s in range(300):
    d = gen.gen(s)
    d = d[0] if isinstance(d, tuple) else d
    d = d.encode() if isinstance(d, str) else d
    open(sys.argv[1] + "/g%03d.md" % s, "wb").write(d)
' "$tmp/gen") || echo "not ok portable/gen"
set -- samples tests/parse tests/meta tests/signoff/cases "$tmp/gen"
[ -d "$SHARED/seeds" ] && set -- "$@" "$SHARED/seeds"
[ -d "$SHARED/corpus/real" ] && set -- "$@" "$SHARED/corpus/real"
n=0
for d in "$@"; do
	n=$((n + 1))
	k=0
	for what in "lint -j 1 --no-ignore --fail-on never -f json" \
	    "lint -j 1 --no-ignore --fail-on never -r release -f json" \
	    "status --no-ignore -f json" "status --no-ignore --format tree"; do
		k=$((k + 1))
		# shellcheck disable=SC2086
		"$T" $what "$d" >"$tmp/a" 2>&1
		# shellcheck disable=SC2086
		"$P/ticklist" $what "$d" >"$tmp/b" 2>&1
		if [ ! -s "$tmp/a" ]; then
			echo "not ok portable/$n: $what $d: no output"
		elif cmp -s "$tmp/a" "$tmp/b"; then
			echo "ok portable/$(basename "$d")/$k ($(echo "$what" |
			    cut -d' ' -f1))"
		else
			echo "not ok portable/$n: $what $d differs"
			diff "$tmp/a" "$tmp/b" | head -5
		fi
	done
done
