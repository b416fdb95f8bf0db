#!/bin/sh
# findings.sh: every finding of every shipped rule on the seeds and the
# real checklists of ../shared, under `recommended` and under the ruleset
# of each file's kind (kinds.tsv), one line each:
#   FILE <tab> RULESET <tab> LINE <tab> RULE <tab> MESSAGE
# Each file is linted as its repository holds it (its path from
# SOURCES.tsv, so .github/PULL_REQUEST_TEMPLATE.md is a template), and
# Markdown that is not a checklist is skipped as `ticklist lint` skips it.
# usage: findings.sh TICKLIST SHARED TMPDIR
T=$1 SHARED=$2 tmp=$3
here=$(cd "$(dirname "$0")" && pwd)
grep -v '^#' "$here/kinds.tsv" | while IFS='	' read -r f kind; do
	if [ -f "$SHARED/seeds/$f" ]; then
		src=$SHARED/seeds/$f path=$f
	else
		src=$SHARED/corpus/real/$f
		path=$(awk -F '\t' -v f="$f" '$1 == f { print $3 }' \
		    "$SHARED/corpus/real/SOURCES.tsv")
	fi
	d=$tmp/$(echo "$f" | tr -c 'A-Za-z0-9\n' _)
	mkdir -p "$d/$(dirname "$path")"
	cp "$src" "$d/$path"
	for rs in recommended $kind; do
		[ "$rs$seen" = recommended1 ] && continue
		# Text output shows control characters as \uXXXX (terminal
		# safety); the labels hold the characters themselves.
		(cd "$d" && "$T" lint -q --fail-on never --today 2026-11-29 -r "$rs" -- "$path") |
		    perl -CS -pe 's/\\u([0-9a-f]{4})/chr(hex($1))/ge' |
		    sed -n 's/^[^:]*:\([0-9]*\):[0-9]*: [a-z]*: \(.*\) \[\([a-z0-9-]*\)\]$/\1\t\3\t\2/p' |
		    awk -F '\t' -v f="$f" -v rs="$rs" 'BEGIN { OFS = "\t" }
			{ print f, rs, $1, $2, $3 }'
		seen=1
	done
	seen=
done
