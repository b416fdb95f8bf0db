#!/bin/sh
# perf.sh: tests of the performance work: the placeholder prefilter never
# rejects text pcre2 matches (tests/perf/unit_prefilter.c).
BUILD=${BUILD:-build}
TOP=${TOP:-.}
bin=$BUILD/unit-prefilter
case $bin in /*) ;; *) bin=$TOP/$bin ;; esac
"$bin" || echo "not ok prefilter-run: status $?"
