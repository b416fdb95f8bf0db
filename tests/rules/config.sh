#!/bin/sh
# config.sh: config discovery (nearest .ticklist.yml wins), --config,
# --rules and --no-config, extends chains, severity maps, overrides by
# glob, changing an inherited rule, suppression comments, the regex time
# limit, listings (text, JSON, SARIF accessors), --show, and threads.
# Run by tests/suites/rules.sh with T, RT and tmp set.
cd "$TOP" || exit 1
d=$tmp/cfg
rm -rf "$d"
mkdir -p "$d/a/b" "$d/c" "$d/templates/x" "$d/none" "$d/.git"

# expect NAME FILE: compare $d/got with FILE (a heredoc or a golden).
expect() {
	# REGEN=1 (make rules-regen) rewrites the golden files in tests/.
	case $REGEN$2 in 1tests/*) cp "$d/got" "$2" ;; esac
	if diff -u "$2" "$d/got" >"$d/diff"; then echo "ok rules/config/$1"
	else echo "not ok rules/config/$1"; cat "$d/diff"; fi
}

cat >"$d/.ticklist.yml" <<'Y'
rules:
  - id: ph
    kind: placeholder
overrides:
  - files: ['templates/**', '*.draft.md']
    severity: {ph: off}
Y
cat >"$d/a/b/.ticklist.yml" <<'Y'
extends: ../../.ticklist.yml
severity:
  ph: error
Y
printf 'extends: [release]\nseverity: {placeholder: info}\n' >"$d/c/.ticklist.yaml"
printf '# T\n\n- [ ] Owner TBD\n' >"$d/a/x.md"
cp "$d/a/x.md" "$d/a/b/y.md"
cp "$d/a/x.md" "$d/c/z.md"
cp "$d/a/x.md" "$d/templates/x/t.md"
cp "$d/a/x.md" "$d/a/notes.draft.md"

# Which config each file gets, seen from the config's root.
(cd "$d" && "$RT" many a/x.md a/b/y.md c/z.md templates/x/t.md a/b/y.md) \
    >"$d/got" 2>&1
cat >"$d/want" <<'W'
a/x.md: .ticklist.yml
a/b/y.md: a/b/.ticklist.yml
c/z.md: c/.ticklist.yaml
templates/x/t.md: .ticklist.yml
a/b/y.md: a/b/.ticklist.yml
W
expect discovery-nearest-wins "$d/want"

# The findings follow: a/x.md warning, a/b/y.md error (severity map over
# extends), templates/ and *.draft.md off (overrides), c/ is release with
# placeholder lowered to info (release requires no sections).
(cd "$d" && "$T" lint -q --fail-on never -j 1 a/x.md a/b/y.md c/z.md \
    templates/x/t.md a/notes.draft.md) >"$d/got" 2>&1
cat >"$d/want" <<'W'
a/x.md:3:13: warning: placeholder 'TBD' left unfilled [ph]
a/b/y.md:3:13: error: placeholder 'TBD' left unfilled [ph]
c/z.md:1:1: error: T is 0.0% (0 of 1 checked, 100% required) complete [completion]
c/z.md:3:13: info: placeholder 'TBD' left unfilled [placeholder]
W
expect discovery-findings "$d/want"

# Overrides seen through the severities a path gets.
(cd "$d" && "$RT" sev templates/x/t.md && "$RT" sev a/x.md &&
    "$RT" sev a/notes.draft.md && "$RT" sev templatesx.md) >"$d/got" 2>&1
printf 'ph off\nph warning\nph off\nph warning\n' >"$d/want"
expect override-globs "$d/want"

# --config, --rules and --no-config win over discovery.
(cd "$d" && "$RT" many -c c/.ticklist.yaml a/x.md &&
    "$RT" many -r deployment -r "$d/.ticklist.yml" a/x.md &&
    "$RT" many -n a/b/y.md) >"$d/got" 2>&1
cat >"$d/want" <<W
a/x.md: c/.ticklist.yaml
a/x.md: shipped/deployment.yml, .ticklist.yml
a/b/y.md: shipped/recommended.yml
W
expect options-win "$d/want"

# No config anywhere up the tree: the shipped default.
(cd "$d/none" && "$RT" many x.md) >"$d/got" 2>&1
if grep -q 'shipped/recommended.yml\|\.ticklist\.y' "$d/got"; then
	echo "ok rules/config/default-when-none"
else echo "not ok rules/config/default-when-none"; cat "$d/got"; fi

# A rule changed without its kind keeps the inherited kind; severity off.
cat >"$d/none/mod.yml" <<'Y'
extends: deployment
severity: {missing-section: off}
rules:
  - id: placeholder
    patterns: ['\bCHANGEME\b']
    message: 'fill in {match}'
Y
printf '# T\n\n- [ ] Set CHANGEME and TBD\n' >"$d/none/m.md"
(cd "$d/none" && "$T" lint -q --fail-on never --config mod.yml m.md) \
    >"$d/got" 2>&1
printf 'm.md:3:11: warning: fill in CHANGEME [placeholder]\nm.md:3:24: warning: fill in TBD [placeholder]\n' >"$d/want"
expect change-inherited-rule "$d/want"

# Suppression comments: disable-file, disable/enable with and without
# ids, disable-next-line.
cat >"$d/none/s.md" <<'M'
# T
<!-- ticklist-disable-file missing-section -->

- [ ] TBD one
<!-- ticklist-disable placeholder -->
- [ ] TBD two
<!-- ticklist-enable placeholder -->
- [ ] TBD three
<!-- ticklist-disable-next-line -->
- [ ] TBD four
- [ ] TBD five

<!-- ticklist-disable -->
- [ ] TBD six
<!-- ticklist-enable unfilled-field, placeholder -->
- [ ] TBD seven
<!-- ticklist-disable-next-line unfilled-field -->
- [ ] TBD eight
M
(cd "$d/none" && "$T" lint -q --fail-on never --no-config s.md) \
    >"$d/got" 2>&1
cat >"$d/want" <<'W'
s.md:4:7: warning: placeholder 'TBD' left unfilled [placeholder]
s.md:8:7: warning: placeholder 'TBD' left unfilled [placeholder]
s.md:11:7: warning: placeholder 'TBD' left unfilled [placeholder]
s.md:16:7: warning: placeholder 'TBD' left unfilled [placeholder]
s.md:18:7: warning: placeholder 'TBD' left unfilled [placeholder]
W
expect suppression "$d/want"

# A catastrophically backtracking regex ends fast as an error finding.
cat >"$d/none/slow.yml" <<'Y'
rules:
  - id: slow
    kind: pattern
    pattern: '(a|aa)+(b|c)$'
Y
printf '# T\n\n- [ ] %s\n' "$(printf 'a%.0s' $(seq 1 5000))" >"$d/none/slow.md"
start=$(date +%s%N)
(cd "$d/none" && timeout 10 "$T" lint -q --fail-on never --config slow.yml \
    slow.md) >"$d/got" 2>&1
ms=$(( ($(date +%s%N) - start) / 1000000 ))
# (the time is shown, never asserted: the message proves the limit held)
if grep -q "error: rule 'slow': regex gave up" "$d/got"
then echo "ok rules/config/regex-limit # ${ms} ms"
else echo "not ok rules/config/regex-limit: ${ms} ms"; cat "$d/got"; fi

# Listings: text and JSON goldens, valid JSON, SARIF accessors, --show.
"$RT" list -r release >"$d/got" 2>&1
expect list-text tests/rules/list.out_text
"$RT" list -j -r release >"$d/got" 2>&1
expect list-json tests/rules/list.out_json
if python3 -m json.tool "$d/got" >/dev/null 2>&1; then
	echo "ok rules/config/list-json-valid"
else echo "not ok rules/config/list-json-valid"; fi
"$RT" info -n >"$d/got" 2>&1
expect sarif-info tests/rules/info.out
for s in recommended deployment release security-review pr-template; do
	"$RT" show $s >"$d/got" 2>&1
	expect "show-$s" "rules/$s.yml"
done
"$RT" show nope >"$d/got" 2>&1
printf "ticklist: error: no shipped rule set 'nope' (shipped: deployment pr-template recommended release security-review)\n" >"$d/want"
expect show-unknown "$d/want"

# Threads: many files over nested configs give the same findings with
# 8 workers as with 1 (the compiled set is shared read-only).
for i in $(seq 1 20); do
	mkdir -p "$d/t/$i/sub"
	if [ -d "$SHARED/seeds" ]; then
		cp "$SHARED"/seeds/*.txt "$d/t/$i/"
	else	# a fresh clone without ../shared: the samples stand in
		for f in "${TOP:-.}"/samples/*.md; do
			cp "$f" "$d/t/$i/0$(basename "$f" .md).txt"
		done
	fi
	for f in "$d/t/$i"/*.txt; do mv "$f" "${f%.txt}.md"; done
	cp "$d/t/$i"/0*.md "$d/t/$i/sub/"
	[ $((i % 3)) -eq 0 ] && cp "$d/a/b/.ticklist.yml" "$d/t/$i/sub/"
	[ $((i % 3)) -eq 0 ] && cp "$d/.ticklist.yml" "$d/t/$i/"
done
(cd "$d" && "$T" lint -q --fail-on never -j 1 t) >"$d/want" 2>&1
(cd "$d" && "$T" lint -q --fail-on never -j 8 t) >"$d/got" 2>&1
if [ -s "$d/want" ] && diff -q "$d/want" "$d/got" >/dev/null; then
	echo "ok rules/config/threads-same"
else echo "not ok rules/config/threads-same"; fi

# A broken config found by discovery: exit 2, its error once, the other
# files still linted.
mkdir -p "$d/bad/sub"
printf 'rules:\n  - id: x\n    kind: nope\n' >"$d/bad/.ticklist.yml"
printf '# T\n\n- [ ] TBD\n' >"$d/bad/x.md"
cp "$d/bad/x.md" "$d/bad/sub/y.md"
(cd "$d" && "$T" lint -q --fail-on never -j 1 bad/x.md bad/sub/y.md a/x.md) \
    >"$d/out" 2>"$d/got"
rc=$?
printf "bad/.ticklist.yml:3:11: error: rule 'x': unknown kind 'nope'\n" >"$d/want"
if [ $rc -eq 2 ] && grep -q "^a/x.md:3:13: warning" "$d/out"; then
	expect broken-discovered-config "$d/want"
else echo "not ok rules/config/broken-discovered-config: exit $rc"; cat "$d/out" "$d/got"; fi

# Glob forms: ?, classes, ** in the middle matching no directory, and a
# glob naming a directory.
mkdir -p "$d/g"
cat >"$d/g/.ticklist.yml" <<'Y'
rules:
  - id: ph
    kind: placeholder
overrides:
  - files: ['docs/?.md', 'r[0-9]/**', 'x/**/deep.md', 'vendor']
    severity: {ph: off}
Y
for p in docs/a.md docs/ab.md r1/q.md rx/q.md x/deep.md x/1/2/deep.md \
    vendor/v.md y/vendor/v.md docs/sub/a.md; do
	printf '%s ' "$p"
	(cd "$d/g" && "$RT" sev "$p")
done >"$d/got" 2>&1
cat >"$d/want" <<'W'
docs/a.md ph off
docs/ab.md ph warning
r1/q.md ph off
rx/q.md ph warning
x/deep.md ph off
x/1/2/deep.md ph off
vendor/v.md ph off
y/vendor/v.md ph off
docs/sub/a.md ph warning
W
expect glob-forms "$d/want"

# --rules with a name that is neither shipped nor a file.
(cd "$d" && "$T" lint -q --rules relase a/x.md; echo "exit $?") >"$d/got" 2>&1
printf "ticklist: error: --rules: no shipped rule set or file 'relase' (did you mean 'release'?)\nexit 2\n" >"$d/want"
expect rules-unknown-name "$d/want"
(cd "$d" && "$T" lint -q --rules zzz a/x.md; echo "exit $?") >"$d/got" 2>&1
printf "ticklist: error: --rules: no shipped rule set or file 'zzz' (shipped: deployment, pr-template, recommended, release, security-review)\nexit 2\n" >"$d/want"
expect rules-unknown-name-list "$d/want"

# invalid-utf8 at the byte's line and column; the text around it is still
# checked (TBD after the bad byte).
printf '# T\n\n- [ ] caf\351 TBD\n' >"$d/none/bad8.md"
cat >"$d/none/u.yml" <<'Y'
rules:
  - {id: invalid-utf8, kind: invalid-utf8}
  - {id: placeholder, kind: placeholder}
Y
(cd "$d/none" && "$T" lint -q --fail-on never --config u.yml bad8.md) \
    >"$d/got" 2>&1
printf "bad8.md:3:10: error: invalid UTF-8 [invalid-utf8]\nbad8.md:3:12: warning: placeholder 'TBD' left unfilled [placeholder]\n" >"$d/want"
expect invalid-utf8 "$d/want"
