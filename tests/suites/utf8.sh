#!/bin/sh
# utf8.sh: the UTF-8 and mojibake unit cases, then the mojibake detector
# over the real corpus and the seeds. A file is "ok" when it has runs
# exactly if ../shared/corpus/real/FEATURES.tsv says it has mojibake (the
# seeds: 000 and 004 have it, the others not), and every repair is valid
# UTF-8. The runs found in those files and their repairs are compared with
# the golden file tests/utf8/scan.out (regenerate it by hand, after
# checking every changed line).
BUILD=${BUILD:-build}
TOP=${TOP:-.}
SHARED=${SHARED:-$TOP/../shared}
bin=$BUILD/unit-utf8
case $bin in /*) ;; *) bin=$TOP/$bin ;; esac
"$bin"
rc=$?

# agree FILE WANT: WANT is 1 if FILE must have runs, 0 if it must not.
agree() {
	out=$("$bin" --scan "$1")
	name=utf8/scan/$(basename "$1")
	if printf '%s\n' "$out" | grep -q 'invalid repair$'; then
		echo "not ok $name: a repair is not valid UTF-8"
		printf '%s\n' "$out" | head -5
		return
	fi
	if [ -n "$out" ]; then got=1; else got=0; fi
	if [ "$got" = "$2" ]; then
		echo "ok $name"
	else
		echo "not ok $name: mojibake expected $2, found $got"
		printf '%s\n' "$out" | head -5
	fi
}

tsv=$SHARED/corpus/real/FEATURES.tsv
if [ ! -d "$SHARED/corpus/real" ]; then
	echo "skip utf8/corpus, utf8/seeds, utf8/scan: ../shared is absent"
	exit 0
fi
if [ ! -f "$tsv" ]; then
	echo "not ok utf8/scan: $tsv missing"
	exit 1
fi
col=$(head -1 "$tsv" | tr '\t' '\n' | grep -n '^mojibake$' | cut -d: -f1)
tail -n +2 "$tsv" | cut -f1,"$col" | while IFS='	' read -r file n; do
	if [ "$n" -gt 0 ]; then want=1; else want=0; fi
	agree "$SHARED/corpus/real/$file" $want
done
for f in "$SHARED"/seeds/*.txt; do
	case $(basename "$f") in
	000_*|004_*) agree "$f" 1 ;;
	*) agree "$f" 0 ;;
	esac
done

# The runs and repairs of the files with mojibake, against a golden file.
golden=$TOP/tests/utf8/scan.out
d=$(cd "$SHARED" && "$bin" --scan seeds/000_bf9c29e4ebc0506d.txt \
    seeds/004_7b626ae34d429fbd.txt \
    corpus/real/031-maxsas-test-checklist-bom-mojibake.md \
    corpus/real/032-maxsas-firestore-deploy-mojibake.md \
    corpus/real/033-calcolasubito-deploy-mojibake-it.md |
    diff -u "$golden" -)
if [ -z "$d" ]; then
	echo "ok utf8/scan/golden"
else
	echo "not ok utf8/scan/golden: runs differ from tests/utf8/scan.out"
	printf '%s\n' "$d" | head -20
fi
exit $rc
