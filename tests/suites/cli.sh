#!/bin/sh
# cli.sh: the command line end to end: status goldens on samples/, exit
# codes, unreadable inputs (binary, FIFO, device, missing), directory walk
# (sorted, hidden and node_modules skipped, symlink loops survived).
T=$TOP/$BUILD/ticklist
cd "$TOP" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check NAME EXPECTED-EXIT CMD...: run, compare exit status.
check() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"
	got=$?
	if [ "$got" = "$want" ]; then echo "ok cli/$name"
	else echo "not ok cli/$name: exit $got, want $want"; cat "$tmp/stderr"; fi
}
# golden NAME FILE: compare $tmp/stdout with tests/golden/FILE.
golden() {
	if diff -u "tests/golden/$2" "$tmp/stdout" >"$tmp/diff"; then
		echo "ok cli/$1"
	else echo "not ok cli/$1"; head -20 "$tmp/diff"; fi
}
# stderr_has NAME TEXT: the last command's stderr contains TEXT.
stderr_has() {
	if grep -q -F -- "$2" "$tmp/stderr"; then echo "ok cli/$1"
	else echo "not ok cli/$1: stderr lacks '$2'"; cat "$tmp/stderr"; fi
}

check status-text 0 "$T" status samples/
golden status-text-golden samples.status_text
check status-json 0 "$T" status --format json samples/
golden status-json-golden samples.status_json
if python3 -m json.tool "$tmp/stdout" >/dev/null 2>&1; then
	echo "ok cli/status-json-valid"
else echo "not ok cli/status-json-valid"; fi
check status-j1-same 0 "$T" status -j 1 --format json samples/
golden status-j1-golden samples.status_json
check lint-json 0 "$T" lint --format json --fail-on never samples/
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["version"]==1 and set(d["summary"])=={"files","errors","warnings","infos"} and d["summary"]["files"]==6' "$tmp/stdout"; then
	echo "ok cli/lint-json-shape"
else echo "not ok cli/lint-json-shape"; fi

check version 0 "$T" --version
check help 0 "$T" help lint
check help-unknown 2 "$T" help nope
check no-args 2 "$T"
check unknown-command 2 "$T" frobnicate
check unknown-option 2 "$T" lint --frob samples/
stderr_has unknown-option-msg "unknown option: --frob"
check bad-format 2 "$T" lint --format yaml samples/
check bad-fail-on 2 "$T" lint --fail-on sometimes samples/
check no-path 2 "$T" lint

check missing-file 2 "$T" status does-not-exist.md
stderr_has missing-file-msg "does-not-exist.md: error: No such file or directory"
printf '# a\n\n- [ ] x\0y\n' >"$tmp/bin.md"
check binary 2 "$T" status "$tmp/bin.md" samples/release.md
stderr_has binary-msg "binary file (NUL byte at offset"
if grep -q "Release 2.0 Checklist" "$tmp/stdout"; then
	echo "ok cli/binary-others-go-on"
else echo "not ok cli/binary-others-go-on"; fi
mkfifo "$tmp/fifo.md"
check fifo-refused 2 "$T" status "$tmp/fifo.md"
stderr_has fifo-msg "not a regular file"
check device-refused 2 "$T" status /dev/zero
check stdin 0 sh -c "printf '# T\n\n- [x] a\n- [ ] b\n' | '$T' status -"
if grep -q "1/2 checked" "$tmp/stdout"; then echo "ok cli/stdin-counts"
else echo "not ok cli/stdin-counts"; cat "$tmp/stdout"; fi
printf '# T\n\n- [ ] caf\351 \377\n' >"$tmp/bad-utf8.md"
check invalid-utf8-parses 0 "$T" status --format tree "$tmp/bad-utf8.md"
if grep -q 'fact invalid-utf8 3:10-10' "$tmp/stdout" && grep -q 'fact invalid-utf8 3:12-12' "$tmp/stdout"; then
	echo "ok cli/invalid-utf8-positions"
else echo "not ok cli/invalid-utf8-positions"; cat "$tmp/stdout"; fi
check max-file-size 2 "$T" status --max-file-size 10 samples/release.md
stderr_has max-file-size-msg "file too big"

# Directory walk.
mkdir -p "$tmp/tree/b" "$tmp/tree/a" "$tmp/tree/.hidden" "$tmp/tree/node_modules"
for d in a b .hidden node_modules; do printf '# %s\n\n- [ ] t\n' "$d" >"$tmp/tree/$d/x.md"; done
printf '# top\n' >"$tmp/tree/z.markdown"
printf 'not markdown\n' >"$tmp/tree/notes.txt"
ln -s .. "$tmp/tree/a/loop"
ln -s nowhere.md "$tmp/tree/b/dangling.md"
check walk 2 "$T" status "$tmp/tree"
if [ "$(grep -o '^[a-z]* (' "$tmp/stdout" | tr -d ' (' | tr '\n' ' ')" = "a b top " ]; then
	echo "ok cli/walk-sorted-skips-hidden"
else echo "not ok cli/walk-sorted-skips-hidden"; cat "$tmp/stdout"; fi
stderr_has walk-loop "symbolic link loop"
stderr_has walk-dangling "dangling symbolic link"

# --output is written atomically and replaces the previous file.
check output-file 0 "$T" status -o "$tmp/out.txt" samples/release.md
if grep -q "Release 2.0" "$tmp/out.txt" && [ ! -s "$tmp/stdout" ]; then
	echo "ok cli/output-file-written"
else echo "not ok cli/output-file-written"; fi
check output-dir-missing 2 "$T" status -o "$tmp/no/such/dir/out" samples/release.md
if [ -e /dev/full ]; then
	check write-error-dev-full 2 sh -c "'$T' status samples/ >/dev/full"
	stderr_has write-error-msg "write failed"
fi

# ticklist rules
check rules-list 0 "$T" rules --no-config
if grep -q '^missing-section  *required-sections  *error  *shipped/deployment.yml:' "$tmp/stdout"; then
	echo "ok cli/rules-list-row"
else echo "not ok cli/rules-list-row"; cat "$tmp/stdout"; fi
check rules-json 0 "$T" rules --no-config --format json
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(r["id"]=="placeholder" for r in d["rules"])' "$tmp/stdout"; then
	echo "ok cli/rules-json-valid"
else echo "not ok cli/rules-json-valid"; fi
check rules-show 0 "$T" rules --show release
if grep -q '^extends: deployment' "$tmp/stdout"; then echo "ok cli/rules-show-release"
else echo "not ok cli/rules-show-release"; fi
check rules-show-unknown 2 "$T" rules --show nope
stderr_has rules-show-unknown-msg "no shipped rule set 'nope'"
check rules-release 0 "$T" rules -r release
if grep -q '^completion' "$tmp/stdout"; then echo "ok cli/rules-release-has-completion"
else echo "not ok cli/rules-release-has-completion"; cat "$tmp/stdout"; fi

# --output to a device writes to it, never renames over it.
if [ -c /dev/full ]; then
	check output-dev-full 2 "$T" status -o /dev/full samples/release.md
	stderr_has output-dev-full-msg "write failed"
	if [ -c /dev/full ]; then echo "ok cli/output-dev-full-still-a-device"
	else echo "not ok cli/output-dev-full-still-a-device"; mknod -m 666 /dev/full c 1 7 2>/dev/null; fi
fi
check output-dev-null 0 "$T" status -o /dev/null samples/release.md
if [ -c /dev/null ]; then echo "ok cli/output-dev-null-still-a-device"
else echo "not ok cli/output-dev-null-still-a-device"; fi

# Parallel runs give the same bytes as one thread.
par=$SHARED/corpus/real
[ -d "$par" ] || par=tests/parse/	# a fresh clone without ../shared
SOURCE_DATE_EPOCH=1767225600 "$T" report -q -j 1 -o "$tmp/r1" --fail-on never "$par" samples/ 2>/dev/null
SOURCE_DATE_EPOCH=1767225600 "$T" report -q -j 3 -o "$tmp/r3" --fail-on never "$par" samples/ 2>/dev/null
if [ -s "$tmp/r1/report.json" ] && diff -r "$tmp/r1" "$tmp/r3" >/dev/null; then
	echo "ok cli/report-jobs-identical"
else echo "not ok cli/report-jobs-identical"; fi
"$T" lint -j 1 --fail-on never -q "$par" >"$tmp/l1" 2>&1
"$T" lint -j 3 --fail-on never -q "$par" >"$tmp/l3" 2>&1
if [ -s "$tmp/l1" ] && cmp -s "$tmp/l1" "$tmp/l3"; then
	echo "ok cli/lint-jobs-identical"
else echo "not ok cli/lint-jobs-identical"; fi

# The summary line on stderr.
check summary-line 1 "$T" lint samples/
if tail -n 1 "$tmp/stderr" | grep -qx '5 errors, 24 warnings, 4 infos in 6 files'; then
	echo "ok cli/summary-line-text"
else echo "not ok cli/summary-line-text"; tail -n 1 "$tmp/stderr"; fi
check summary-quiet 1 "$T" lint -q samples/
if [ ! -s "$tmp/stderr" ]; then echo "ok cli/summary-quiet-empty"
else echo "not ok cli/summary-quiet-empty"; fi

# report takes the shared options as lint does.
check report-rules-release-clean 0 "$T" report -q -o "$tmp/rr" -r release samples/release.md
check report-rules-release-blocks 1 "$T" report -q -o "$tmp/rr" -r release samples/deployment.md
check report-max-file-size 2 "$T" report -q -o "$tmp/rr" --max-file-size 10 samples/release.md
check report-bad-jobs 2 "$T" report -q -o "$tmp/rr" -j 0 samples/release.md
check report-no-config 0 "$T" report -q -o "$tmp/rr" --no-config --fail-on never samples/

# Override globs with many stars match in polynomial time (this took
# minutes with plain backtracking); timeout only turns a hang into a failure.
mkdir -p "$tmp/glob"
printf "extends: deployment\noverrides:\n  - files: ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b']\n    severity: {placeholder: off}\n  - files: ['a*a*a*.md']\n    severity: {missing-section: off}\n" >"$tmp/glob/.ticklist.yml"
g=$(printf 'a%.0s' $(seq 1 60)).md
printf '# T\n\n- [ ] TBD\n' >"$tmp/glob/$g"
check glob-stars 0 timeout 20 "$T" lint --fail-on never "$tmp/glob/$g"
if grep -q '\[placeholder\]' "$tmp/stdout" && ! grep -q '\[missing-section\]' "$tmp/stdout"; then
	echo "ok cli/glob-stars-semantics"
else echo "not ok cli/glob-stars-semantics"; cat "$tmp/stdout"; fi

# A missing option argument is a usage error, for every command.
check missing-arg-lint 2 "$T" lint --format
stderr_has missing-arg-lint-msg "option --format needs an argument"
check missing-arg-report 2 "$T" report -o
stderr_has missing-arg-report-msg "option -o needs an argument"
check unknown-option-report 2 "$T" report --frob samples/
stderr_has unknown-option-report-msg "unknown option: --frob"
