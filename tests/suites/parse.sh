#!/bin/sh
# parse.sh: parse-stage goldens. Each tests/parse/NAME.md is dumped with
# `status --format tree` and compared with NAME.tree; line-ending and BOM
# variants of every case must give the same model as the LF original.
# unit-spans checks task items' inline spans and the HTML made of them.
T=$TOP/$BUILD/ticklist
cd "$TOP" || exit 1
"$TOP/$BUILD/unit-spans" || echo "not ok parse/unit-spans: status $?"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in tests/parse/*.md; do
	n=$(basename "$f" .md)
	if "$T" status --format tree "$f" >"$tmp/out" 2>&1 &&
	    diff -u "tests/parse/$n.tree" "$tmp/out" >"$tmp/diff"; then
		echo "ok parse/$n"
	else
		echo "not ok parse/$n"; head -20 "$tmp/diff"
	fi
	# CRLF, CR and BOM variants: same model, same line numbers.
	for v in crlf cr bom; do
		case $v in
		crlf) sed 's/$/\r/' "$f" >"$tmp/$n.md" ;;
		cr) tr '\n' '\r' <"$f" >"$tmp/$n.md" ;;
		bom) { printf '\357\273\277'; cat "$f"; } >"$tmp/$n.md" ;;
		esac
		(cd "$tmp" && "$T" status --format tree "$n.md") |
		    sed "s|\"$n.md\"|\"$f\"|" >"$tmp/out.$v"
		if diff -u "tests/parse/$n.tree" "$tmp/out.$v" >"$tmp/diff"; then
			echo "ok parse/$n.$v"
		else
			echo "not ok parse/$n.$v"; head -20 "$tmp/diff"
		fi
	done
done
