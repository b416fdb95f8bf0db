#!/bin/sh
# demo.sh: what `make demo` runs: lint the samples with the embedded
# default rules, then write the HTML report when the report command exists.
BUILD=${1:-build}
T=$BUILD/ticklist
echo "== ticklist status samples/"
$T status samples/
echo
echo "== ticklist lint samples/"
$T lint samples/
if $T help report >/dev/null 2>&1; then
	echo
	echo "== ticklist report -o $BUILD/report samples/"
	$T report -q -o "$BUILD/report" samples/
	echo "Report written: $(cd "$BUILD/report" && pwd)/index.html"
fi
exit 0
