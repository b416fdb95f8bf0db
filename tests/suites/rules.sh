#!/bin/sh
# rules.sh: the rule engine end to end through build/ticklist and
# build/rules-tool: spec-style cases per rule kind (tests/rules/spec/*.txt),
# bad rule files and their messages (tests/rules/errors), the seeds'
# findings as goldens (tests/rules/seeds), config discovery, extends,
# overrides, severity maps and suppression comments (tests/rules/config.sh).
T=$TOP/$BUILD/ticklist
RT=$TOP/$BUILD/rules-tool
cd "$TOP" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export T RT tmp

# Spec files: "#### NAME" starts a case; "==== config" (optional; the
# case file is selected by files: unless the config says otherwise),
# "==== input" and "==== expect" start its parts, "==== template"
# (optional) is written beside it as template.md; "==== end" ends it.
# Expected lines are findings without the file name ("line:col: ...").
for spec in tests/rules/spec/*.txt; do
	kind=$(basename "$spec" .txt)
	rm -rf "$tmp/spec"
	mkdir -p "$tmp/spec"
	awk -v dir="$tmp/spec" '
		/^#### / { name = substr($0, 6); gsub(/[^A-Za-z0-9_.-]/, "_", name);
			   print name > (dir "/list"); part = ""; next }
		/^==== (config|input|expect|template)$/ { part = $2; f = dir "/" name "." part;
			   printf "" > f; next }
		/^==== end$/ { part = ""; next }
		part != "" { print > (dir "/" name "." part) }
	' "$spec"
	while read -r name; do
		d=$tmp/spec
		if [ -f "$d/$name.config" ]; then
			cp "$d/$name.config" "$d/c.yml"
			# The case is a checklist even without a task item.
			grep -q '^files:' "$d/c.yml" ||
			    printf "files: ['case.md']\n" >>"$d/c.yml"
			set -- --config "$d/c.yml"
		else
			set -- --no-config
		fi
		cp "$d/$name.input" "$d/case.md"
		rm -f "$d/template.md"
		[ -f "$d/$name.template" ] && cp "$d/$name.template" "$d/template.md"
		(cd "$d" && "$T" lint --format text --fail-on never -q "$@" \
		    case.md) 2>"$d/err" | sed 's/^case\.md://' >"$d/got"
		if [ -s "$d/err" ]; then
			echo "not ok rules/$kind/$name: stderr"; cat "$d/err"
		elif diff -u "$d/$name.expect" "$d/got" >"$d/diff"; then
			echo "ok rules/$kind/$name"
		else
			echo "not ok rules/$kind/$name"; cat "$d/diff"
		fi
	done <"$tmp/spec/list"
done

# Every kind of the kind table has spec cases (a "kind: NAME" line).
kinds=$("$RT" kinds)
if [ -z "$kinds" ]; then
	echo "not ok rules/spec-per-kind: rules-tool kinds lists nothing"
else
	missing=
	for k in $kinds; do
		grep -q "^    kind: $k\$" tests/rules/spec/*.txt ||
		    missing="$missing $k"
	done
	if [ -z "$missing" ]; then
		echo "ok rules/spec-per-kind"
	else
		echo "not ok rules/spec-per-kind: no spec case for$missing"
	fi
fi

# Bad rule files: NAME.yml gives exactly NAME.err on stderr and exit 2.
printf '# T\n' >"$tmp/empty.md"
for y in tests/rules/errors/*.yml; do
	name=$(basename "$y" .yml)
	(cd tests/rules/errors && "$T" lint -q --config "$name.yml" \
	    "$tmp/empty.md") >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 2 ]; then
		echo "not ok rules/errors/$name: exit $rc, want 2"
	elif diff -u "tests/rules/errors/$name.err" "$tmp/err" >"$tmp/diff"
	then
		echo "ok rules/errors/$name"
	else
		echo "not ok rules/errors/$name"; cat "$tmp/diff"
	fi
done

# The seeds with no configuration: findings as goldens.
[ -d "$SHARED/seeds" ] ||
    echo "skip rules/seeds/*: ../shared/seeds is absent"
[ -d "$SHARED/seeds" ] && for s in "$SHARED"/seeds/*.txt; do
	name=$(basename "$s" .txt)
	(cd "$SHARED/seeds" && "$T" lint --no-config --format text \
	    --fail-on never -q "$name.txt") >"$tmp/got" 2>&1
	if diff -u "tests/rules/seeds/$name.out" "$tmp/got" >"$tmp/diff"; then
		echo "ok rules/seeds/$name"
	else
		echo "not ok rules/seeds/$name"; head -30 "$tmp/diff"
	fi
done

sh tests/rules/config.sh

# The rule-file manual is clean mdoc.
if command -v mandoc >/dev/null 2>&1; then
	if out=$(mandoc -Tlint -Wwarning man/ticklist.5 2>&1) && [ -z "$out" ]
	then echo "ok rules/man-lint"
	else echo "not ok rules/man-lint"; echo "$out"; fi
fi
