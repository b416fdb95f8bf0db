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
printf '# top\n\n- [ ] t\n' >"$tmp/tree/z.markdown"
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
if grep -q '^placeholder  *placeholder  *warning  *shipped/recommended.yml:' "$tmp/stdout"; then
	echo "ok cli/rules-list-row"
else echo "not ok cli/rules-list-row"; cat "$tmp/stdout"; fi
check rules-json 0 "$T" rules --no-config --format json
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(r["id"]=="placeholder" for r in d["rules"])' "$tmp/stdout"; then
	echo "ok cli/rules-json-valid"
else echo "not ok cli/rules-json-valid"; fi
check rules-show 0 "$T" rules --show release
if grep -q '^extends: recommended' "$tmp/stdout"; then echo "ok cli/rules-show-release"
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
if tail -n 1 "$tmp/stderr" | grep -qx '5 errors, 21 warnings, 4 infos in 6 files'; then
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

# Which files are checklists (issue 13). A repository with a README,
# ordinary docs, a PR template, a release and a deployment checklist, a
# git-ignored copy and a report folder.
p=$tmp/proj
mkdir -p "$p/docs/deploy" "$p/dist" "$p/.github" "$p/.hidden"
(cd "$p" && git init -q .)
printf 'dist/\n' >"$p/.gitignore"
printf '# Project\n\nSee `**Approved By:** ____` in the docs.\n\n## Security\n' \
    >"$p/README.md"
for i in 1 2 3; do printf '# Guide %s\n\nProse only.\n' "$i" >"$p/docs/guide$i.md"; done
printf '# Deploy\n\n## Steps\n\n- [ ] Ship TBD\n' >"$p/docs/deploy/go.md"
printf '# PR\n\n- [ ] Tests added\n' >"$p/.github/PULL_REQUEST_TEMPLATE.md"
printf '# Release\n\n- [x] Tag [Version]\n' >"$p/RELEASE.md"
cp "$p/docs/deploy/go.md" "$p/dist/copy.md"
cp "$p/docs/deploy/go.md" "$p/.hidden/x.md"
check sel-lint 0 sh -c 'cd "$1" && "$2" lint .' - "$p" "$T"
stderr_has sel-summary "3 checklists, 4 other Markdown files skipped"
if ! grep -q 'dist/\|hidden\|README\|guide' "$tmp/stdout" &&
    grep -q 'docs/deploy/go.md:5:12: warning: placeholder' "$tmp/stdout"; then
	echo "ok cli/sel-only-checklists"
else echo "not ok cli/sel-only-checklists"; cat "$tmp/stdout"; fi
check sel-show-files 0 sh -c 'cd "$1" && "$2" lint --show-files .' - "$p" "$T"
for want in './README.md: skipped: no task item or sign-off field' \
    './.github/PULL_REQUEST_TEMPLATE.md: checklist; rules: shipped/recommended.yml' \
    './dist: ignored by git'; do
	if grep -q -F -- "$want" "$tmp/stdout"; then echo "ok cli/sel-show: $want"
	else echo "not ok cli/sel-show: $want"; cat "$tmp/stdout"; fi
done
# libgit2 is loaded only when a walk asks git (files.c): a run that
# names its files, as pre-commit does, never maps it.
if LD_DEBUG=libs "$T" --version 2>&1 | grep -q 'file=.*libcmark'; then
	(cd "$p" && LD_DEBUG=files "$T" lint docs/deploy/go.md) \
	    >"$tmp/ld-files" 2>&1
	(cd "$p" && LD_DEBUG=files "$T" lint .) >"$tmp/ld-walk" 2>&1
	if ! grep -q 'file=libgit2' "$tmp/ld-files" &&
	    grep -q 'file=libgit2' "$tmp/ld-walk"; then
		echo "ok cli/libgit2-loaded-for-walks-only"
	else echo "not ok cli/libgit2-loaded-for-walks-only"; fi
else echo "ok cli/libgit2-loaded-for-walks-only # skip: no LD_DEBUG"; fi
check sel-no-ignore 0 sh -c 'cd "$1" && "$2" lint --no-ignore .' - "$p" "$T"
t_has() { if grep -q -F -- "$2" "$3"; then echo "ok cli/$1"; else echo "not ok cli/$1"; cat "$3"; fi; }
t_has sel-no-ignore-reads-dist 'dist/copy.md' "$tmp/stdout"
# A report folder is output, never input.
(cd "$p" && "$T" report -q -o ticklist-report . >/dev/null 2>&1)
printf '# Fake\n\n- [ ] TBD\n' >"$p/ticklist-report/extra.md"
check sel-report-skipped 0 sh -c 'cd "$1" && "$2" lint --show-files .' - "$p" "$T"
t_has sel-report-folder './ticklist-report: a ticklist report folder' "$tmp/stdout"
rm -rf "$p/ticklist-report"
# Globs on the command line, expanded by ticklist; none matching is an
# error naming the glob, as is a directory without Markdown.
check sel-glob 0 sh -c 'cd "$1" && "$2" lint "docs/**/*.md"' - "$p" "$T"
t_has sel-glob-match 'docs/deploy/go.md:5:12' "$tmp/stdout"
check sel-glob-none 2 sh -c 'cd "$1" && "$2" lint "nope/**/*.md"' - "$p" "$T"
stderr_has sel-glob-none-msg 'nope/**/*.md: error: no Markdown file matches this glob'
mkdir -p "$tmp/nomd"
check sel-dir-none 2 "$T" lint "$tmp/nomd"
stderr_has sel-dir-none-msg 'no Markdown file (*.md, *.markdown) in this directory'
# Named files that are not checklists: a clean pass (pre-commit).
check sel-named-prose 0 sh -c 'cd "$1" && "$2" lint -- README.md docs/guide1.md' - "$p" "$T"
stderr_has sel-named-prose-summary '0 checklists, 2 other Markdown files skipped'
# files:, ignore: and checklists: in the config, and front matter.
cat >"$p/.ticklist.yml" <<'Y'
files: ['docs/**', 'RELEASE*.md', 'NOTES.md']
ignore: ['docs/guide2.md']
checklists:
  - files: ['docs/deploy/**']
    extends: deployment
Y
printf -- '---\nticklist: {ruleset: release}\n---\n# Notes\n\n- [x] v1 X.Y.Z\n' >"$p/NOTES.md"
check sel-config 1 sh -c 'cd "$1" && "$2" lint .' - "$p" "$T"
for want in 'docs/deploy/go.md:1:1: error: missing section: Security [missing-section]' \
    'docs/guide1.md:1:1: warning: no task item or field: not a checklist [empty-checklist]' \
    "NOTES.md:6:10: error: placeholder 'X.Y.Z' left unfilled [placeholder]" \
    "RELEASE.md:3:11: warning: placeholder '[Version]' left unfilled [placeholder]"; do
	t_has "sel-config: $want" "$want" "$tmp/stdout"
done
if grep -q 'guide2\|README\|PULL_REQUEST' "$tmp/stdout"; then
	echo "not ok cli/sel-config-left-out"; cat "$tmp/stdout"
else echo "ok cli/sel-config-left-out"; fi
# ignore: applies to named paths too (pre-commit passes names).
check sel-ignore-named 0 sh -c 'cd "$1" && "$2" lint -- docs/guide2.md' - "$p" "$T"
stderr_has sel-ignore-named-summary '0 checklists, 1 other Markdown file skipped'
check sel-show-config 0 sh -c 'cd "$1" && "$2" lint --show-files .' - "$p" "$T"
t_has sel-show-ignored "./docs/guide2.md: ignored by 'docs/guide2.md' (ignore: in .ticklist.yml)" "$tmp/stdout"
t_has sel-show-front "./NOTES.md: checklist (files: 'NOTES.md'); rules: shipped/release.yml" "$tmp/stdout"
t_has sel-show-unselected "./README.md: not in files: of .ticklist.yml" "$tmp/stdout"
# ticklist rules DIR shows the config that applies in DIR.
check rules-dir 0 "$T" rules --format json "$p"
t_has rules-dir-config "\"config\": \"$p/.ticklist.yml\"" "$tmp/stdout"

# No silent passes.
mkdir -p "$tmp/sp"
printf 'rules: []\nrules: []\n' >"$tmp/sp/dup.yml"
check dup-yaml-key 2 "$T" lint -c "$tmp/sp/dup.yml" samples/release.md
stderr_has dup-yaml-key-msg "dup.yml:2:1: error: duplicate key 'rules' (first on line 1)"
printf 'severity:\n  placeholder: off\n' >"$tmp/sp/sev.yml"
check sev-no-extends 2 "$T" lint -c "$tmp/sp/sev.yml" samples/release.md
stderr_has sev-no-extends-hint "hint: to change the severity of a shipped rule, add extends: recommended, or another shipped set"
printf '# T\n\n<!-- ticklist-disable-next-line placeholdr -->\n- [ ] TBD\n' >"$tmp/sp/sup.md"
check suppress-unknown-id 0 "$T" lint --no-config "$tmp/sp/sup.md"
stderr_has suppress-unknown-id-msg "sup.md:3:1: warning: unknown rule id 'placeholdr' in a ticklist-disable comment"
check status-refuses-fail-on 2 "$T" status --fail-on warning samples/
stderr_has status-refuses-msg "status does not take --fail-on"
check status-refuses-quiet 2 "$T" status -q samples/
# One command table: a command refuses by name what only another takes;
# one output table: an unknown format lists the valid names of its view.
check rules-refuses-fix 2 "$T" rules --fix
stderr_has rules-refuses-fix-msg "rules does not take --fix"
check report-refuses-color 2 "$T" report --color always samples/
stderr_has report-refuses-color-msg "report does not take --color"
check init-refuses-option 2 "$T" init --format json
stderr_has init-refuses-option-msg "init does not take -f"
check explain-help 0 "$T" explain --help
if grep -q '^usage: ticklist explain' "$tmp/stdout"; then echo "ok cli/explain-help-text"
else echo "not ok cli/explain-help-text"; fi
check status-format-unknown 2 "$T" status --format yaml samples/
stderr_has status-format-unknown-msg "unknown format 'yaml' (expected text, json or tree)"
check lint-format-unknown 2 "$T" lint --format yaml samples/
stderr_has lint-format-unknown-msg "unknown format 'yaml' (expected text, json, sarif, junit, github or gitlab)"
check rules-format-unknown 2 "$T" rules --format yaml
stderr_has rules-format-unknown-msg "unknown format 'yaml' (expected text or json)"
# Discovery stops at the repository root and at $HOME; a config in a
# folder anyone may write to is not read.
mkdir -p "$tmp/up/repo/sub" "$tmp/up/repo/.git" "$tmp/home/proj" "$tmp/ww/proj"
printf 'rules: []\n' >"$tmp/up/.ticklist.yml"
printf '# T\n\n- [ ] TBD\n' >"$tmp/up/repo/sub/x.md"
check discovery-stops-at-git 0 "$T" lint "$tmp/up/repo/sub/x.md"
t_has discovery-stops-at-git-finding '[placeholder]' "$tmp/stdout"
printf 'rules: []\n' >"$tmp/.ticklist.yml"
cp "$tmp/up/repo/sub/x.md" "$tmp/home/proj/x.md"
check discovery-stops-at-home 0 env HOME="$tmp/home" "$T" lint "$tmp/home/proj/x.md"
t_has discovery-stops-at-home-finding '[placeholder]' "$tmp/stdout"
rm -f "$tmp/.ticklist.yml"
printf 'rules: []\n' >"$tmp/ww/.ticklist.yml"
chmod 777 "$tmp/ww"
cp "$tmp/up/repo/sub/x.md" "$tmp/ww/proj/x.md"
check discovery-world-writable 0 "$T" lint "$tmp/ww/proj/x.md"
t_has discovery-world-writable-finding '[placeholder]' "$tmp/stdout"
stderr_has discovery-world-writable-msg 'not read: its directory is writable by everyone'
check status-bad-config 2 "$T" status -c "$tmp/sp/nosuch.yml" samples/
check status-tree-bad-config 2 "$T" status --format tree -c "$tmp/sp/nosuch.yml" samples/release.md
printf "exclude: ['x/**']\n" >"$tmp/sp/excl.yml"
check exclude-key 2 "$T" lint -c "$tmp/sp/excl.yml" samples/release.md
stderr_has exclude-key-hint "unknown key 'exclude' in a rule file (did you mean 'ignore'?)"
# A glob's files are named as the glob names them.
check sel-glob-names 1 sh -c 'cd "$1" && "$2" lint "*.md"' - "$p" "$T"
t_has sel-glob-names-plain "RELEASE.md:3:11: warning: placeholder" "$tmp/stdout"
if grep -q '^\./' "$tmp/stdout"; then echo "not ok cli/sel-glob-names-no-dot"
else echo "ok cli/sel-glob-names-no-dot"; fi
