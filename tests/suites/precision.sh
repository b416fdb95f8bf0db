#!/bin/sh
# precision.sh: every finding of the shipped rules on the seeds and the
# real checklists (../shared), under `recommended` and under the ruleset
# of each file's kind (tests/precision/kinds.tsv), against the labels a
# maintainer gave each one (tests/precision/labels.tsv). Fails when a
# finding labelled false comes back, when a finding has no label, or
# when a rule is right on fewer than 95% of its findings.
T=$TOP/$BUILD/ticklist
P=$TOP/tests/precision
if [ ! -d "$SHARED/seeds" ] || [ ! -f "$SHARED/corpus/real/SOURCES.tsv" ]; then
	echo "skip precision/*: ../shared (seeds and corpus/real) is absent"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$P/findings.sh" "$T" "$SHARED" "$tmp/work" >"$tmp/findings"
n=$(wc -l <"$tmp/findings")
if [ "$n" -gt 0 ]; then echo "ok precision/findings ($n)"
else echo "not ok precision/findings: no finding at all"; exit 1; fi
grep -v '^#' "$P/labels.tsv" | awk -F '\t' -v out="$tmp/report" '
	FNR == NR { key = $1 FS $2 FS $3 FS $4 FS $5
		    label[key] = $6; why[key] = $7; next }
	{ key = $1 FS $2 FS $3 FS $4 FS $5; rule = $4
	  total[rule]++
	  if (!(key in label)) {
		  printf "not ok precision/unlabelled: %s:%s [%s] (%s) %s\n",
		      $1, $3, rule, $2, $5; bad = 1
	  } else if (label[key] == "false") {
		  printf "not ok precision/false-came-back: %s:%s [%s] " \
		      "(%s) %s -- labelled false: %s\n", $1, $3, rule, $2,
		      $5, why[key]; bad = 1
	  } else if (label[key] == "true")
		  right[rule]++ }
	END { for (r in total) {
		p = 100 * right[r] / total[r]
		if (p < 95) {
			printf "not ok precision/%s: %.1f%% right (%d of %d)\n",
			    r, p, right[r], total[r]; bad = 1
		} else
			printf "ok precision/%s: %.1f%% right (%d of %d)\n",
			    r, p, right[r], total[r]
	  }
	  if (!bad) print "ok precision/labels" }
' - "$tmp/findings"
