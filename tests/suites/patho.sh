#!/bin/sh
# patho.sh: pathological inputs (tests/patho/gen.py writes them into a
# temporary directory at run time): deep nesting, huge lists, long lines,
# storms, odd files. Each must end with exit 0, 1 or 2, say nothing of a
# crash, in `status --format json`, `status --format tree`, `lint` and,
# for files under 1 MB, `report`; the exit status of status and lint and
# the counts must be those of tests/patho/expect.tsv.
# `timeout 20` only turns a hang into a failure; no test is timed.
T=$TOP/$BUILD/ticklist
cd "$TOP" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! python3 tests/patho/gen.py "$tmp"; then
	echo "not ok patho/gen: tests/patho/gen.py failed"
	exit 0
fi
# A sanitizer build is slower; the bound stays generous.
limit=${PATHO_TIMEOUT:-20}

# run NAME CMD...: exit 0, 1 or 2 within the limit, no sanitizer report.
run() {
	name=$1
	shift
	timeout "$limit" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	case $rc in
	0|1|2)
		if grep -q -E 'Sanitizer|runtime error|Assertion' "$tmp/err"; then
			echo "not ok patho/$name: sanitizer report"
			head -20 "$tmp/err"
		else
			echo "ok patho/$name"
		fi ;;
	124) echo "not ok patho/$name: no exit within ${limit}s" ;;
	*) echo "not ok patho/$name: exit $rc"; head -20 "$tmp/err" ;;
	esac
}

# counts FILE: items/checked/na/fields of the one checklist in a status
# JSON, "-" when none was selected, "?" when it is not JSON.
counts() {
	python3 -c 'import json, sys
try:
    cs = json.load(open(sys.argv[1]))["checklists"]
except Exception:
    print("?"); sys.exit()
print("%d/%d/%d/%d" % (cs[0]["items"], cs[0]["checked"], cs[0]["na"],
      len(cs[0].get("fields", []))) if cs else "-")' "$1"
}

# expect NAME WHAT GOT: GOT is what tests/patho/expect.tsv says for NAME
# (WHAT: column 2 status exit, 3 lint exit, 4 counts).
expect() {
	want=$(awk -F'\t' -v n="$1" -v c="$2" '$1 == n { print $c }' \
	    tests/patho/expect.tsv)
	if [ -z "$want" ]; then
		echo "not ok patho/$1/expect: no line in tests/patho/expect.tsv"
	elif [ "$want" = "$3" ]; then
		echo "ok patho/$1/expect-$2"
	else
		echo "not ok patho/$1/expect-$2: got $3, want $want"
	fi
}

ncase=0
for f in "$tmp"/*.md; do
	n=$(basename "$f" .md)
	ncase=$((ncase + 1))
	run "$n/json" "$T" status --format json "$f"
	expect "$n" 2 "$rc"
	cp "$tmp/out" "$tmp/json"
	expect "$n" 4 "$(counts "$tmp/json")"
	if [ "$n" = binary ]; then
		grep -q 'binary file' "$tmp/err" && echo "ok patho/$n/refused" ||
		    echo "not ok patho/$n/refused: no 'binary file' error"
	fi
	run "$n/tree" "$T" status --format tree "$f"
	run "$n/lint" "$T" lint --no-config "$f"
	expect "$n" 3 "$rc"
	# The HTML report of the smaller cases (a big one makes a big report:
	# one finding per invalid byte run is 100 MB of HTML).
	if [ "$(wc -c <"$f")" -lt 1000000 ]; then
		run "$n/report" "$T" report --no-config -q -o "$tmp/report" "$f"
		rm -rf "$tmp/report"
	fi
	rm -f "$f"
done

# Every case has its line, and every line its case.
nexp=$(grep -vc '^#' tests/patho/expect.tsv)
if [ "$ncase" -gt 40 ] && [ "$ncase" -eq "$nexp" ]; then
	echo "ok patho/all-cases-expected"
else
	echo "not ok patho/all-cases-expected: $ncase cases, $nexp lines"
fi

# A hostile rule file: globs that backtrack. A deep path with many 'a's
# against "*a*a*...*b" takes exponential time in a naive matcher.
g=$tmp/glob/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
mkdir -p "$g"
printf '# T\n\n- [ ] a\n' >"$g/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.md"
for glob in '*a*a*a*a*a*a*a*a*a*a*a*a*b' '**a**a**a**a**a**a**a**b'; do
	printf 'extends: deployment\noverrides:\n  - files: ["%s"]\n    severity: {unfilled-field: off}\n' \
	    "$glob" >"$tmp/glob/.ticklist.yml"
	run "glob-backtracking${glob%%a*}" "$T" lint "$g"
done
