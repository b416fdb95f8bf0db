#!/bin/sh
# eco.sh: what fits ticklist into other tools: lint --fix and --diff,
# --stdin-filename, explain (and the man page it feeds), --print-config,
# the config schema, shell completions, the Debian package, the
# pre-commit hook that builds itself, the problem matcher.
T=$TOP/$BUILD/ticklist
cd "$TOP" || exit 1
# The LD_PRELOAD shim below, under make asan.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS
# The package and the hook's own build are of the plain build only (make
# asan and make valgrind run this suite with another BUILD).
plain=1
case $BUILD in build) ;; *) plain=0;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok eco/$1"; }
nok() { echo "not ok eco/$1: $2"; [ -f "$tmp/stderr" ] && head -20 "$tmp/stderr"; }
# check NAME EXPECTED-EXIT CMD...: run, compare exit status.
check() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"
	got=$?
	if [ "$got" = "$want" ]; then ok "$name"
	else nok "$name" "exit $got, want $want"; fi
}
# has NAME FILE TEXT / lacks NAME FILE TEXT: a fixed string in a file.
has() {
	if grep -q -F -- "$3" "$2"; then ok "$1"
	else nok "$1" "$2 lacks '$3'"; fi
}
lacks() {
	if [ -s "$2" ] && ! grep -q -F -- "$3" "$2"; then ok "$1"
	else nok "$1" "$2 is empty or has '$3'"; fi
}

# --- lint --fix and --diff -------------------------------------------
# A certain mojibake run, one that lost a byte (a guess: left), boxes
# with plain intent, and boxes that are not list items (left).
mk_fixme() {
	printf '# Deploy\n\n## Security\n\n- [ x] Backups verified\n- [x ] Keys rotated\n1. [ X] Numbered\n> - [ x] Quoted\n- [ ] Ship it \303\260\305\270\305\241\342\202\254 now\n- [ ] lost \303\260\305\270\342\200\235 byte\n-[ x] glued\n- [xx] doubled\n\n[ x] not an item\n- [X] upper\n' >"$1"
}
mk_fixme "$tmp/a.md"
chmod 640 "$tmp/a.md"
cp "$tmp/a.md" "$tmp/orig.md"
check diff-exit 1 "$T" lint --no-config --fail-on warning "$tmp/a.md" --diff
has diff-header "$tmp/stdout" "+++ $tmp/a.md"
has diff-mojibake "$tmp/stdout" "+- [ ] Ship it $(printf '\360\237\232\200') now"
has diff-box "$tmp/stdout" "+- [x] Backups verified"
has diff-summary "$tmp/stderr" "--fix would fix 5 findings in 1 file"
if cmp -s "$tmp/a.md" "$tmp/orig.md"; then ok diff-changes-nothing
else nok diff-changes-nothing "--diff changed the file"; fi
cp "$tmp/stdout" "$tmp/a.diff"
check fix-exit 1 "$T" lint --no-config --fail-on warning "$tmp/a.md" --fix
has fix-summary "$tmp/stderr" "fixed 5 findings in 1 file"
has fix-left-guess "$tmp/stdout" "mojibake '$(printf '\303\260\305\270\342\200\235')'"
has fix-left-glued "$tmp/stdout" "malformed task box '-[ x]'"
has fix-left-doubled "$tmp/stdout" "malformed task box '[xx]'"
lacks fix-reports-what-is-left "$tmp/stdout" "Backups"
has fix-box-1 "$tmp/a.md" "- [x] Backups verified"
has fix-box-2 "$tmp/a.md" "- [x] Keys rotated"
has fix-box-numbered "$tmp/a.md" "1. [X] Numbered"
has fix-box-quoted "$tmp/a.md" "> - [x] Quoted"
has fix-not-an-item "$tmp/a.md" "[ x] not an item"
has fix-upper-kept "$tmp/a.md" "- [X] upper"
has fix-mojibake "$tmp/a.md" "Ship it $(printf '\360\237\232\200') now"
if [ "$(stat -c %a "$tmp/a.md")" = 640 ]; then ok fix-mode-kept
else nok fix-mode-kept "mode $(stat -c %a "$tmp/a.md")"; fi
# As root, a user's file stays the user's.
if [ "$(id -u)" = 0 ]; then
	mk_fixme "$tmp/own.md"
	chown 65534:65534 "$tmp/own.md"
	"$T" lint --no-config -q --fix "$tmp/own.md" >/dev/null 2>&1
	if [ "$(stat -c %u:%g "$tmp/own.md")" = 65534:65534 ] &&
	    grep -q -F -- "- [x] Backups" "$tmp/own.md"; then ok fix-owner-kept
	else nok fix-owner-kept "owner $(stat -c %u:%g "$tmp/own.md")"; fi
else echo "ok eco/fix-owner-kept # skip: not root"; fi
if ls "$tmp" | grep -q 'fix[A-Za-z0-9]\{6\}$'; then
	nok fix-no-temp-left "$(ls "$tmp")"
else ok fix-no-temp-left; fi
# The diff, applied by patch, gives what --fix wrote.
if command -v patch >/dev/null 2>&1; then
	cp "$tmp/orig.md" "$tmp/p.md"
	if patch -s "$tmp/p.md" <"$tmp/a.diff" && cmp -s "$tmp/p.md" "$tmp/a.md"
	then ok diff-applies
	else nok diff-applies "patch result differs from --fix"; fi
else echo "ok eco/diff-applies # skip: no patch"; fi
check fix-again-nothing 1 "$T" lint --no-config --fail-on warning "$tmp/a.md" --fix
has fix-again-summary "$tmp/stderr" "fixed 0 findings in 0 files"
# The exit status is what is left: only fixable warnings -> 0. (A file
# whose only boxes are malformed is no checklist: one box is right.)
printf '# T\n\n- [ x] one\n- [x] two\n' >"$tmp/w.md"
check fix-before-exit 1 "$T" lint --no-config -r "$TOP/tests/eco/structure.yml" --fail-on warning "$tmp/w.md"
check fix-after-exit 0 "$T" lint --no-config -r "$TOP/tests/eco/structure.yml" --fail-on warning --fix "$tmp/w.md"
# box-style: [X] -> [x] only when a rule of that kind is configured.
printf 'rules:\n  - id: lower-x\n    kind: box-style\n' >"$tmp/style.yml"
printf '# T\n\n- [X] upper\n- [x] lower\n' >"$tmp/s.md"
check style-finding 0 "$T" lint -c "$tmp/style.yml" "$tmp/s.md"
has style-finding-msg "$tmp/stdout" "3:3: warning: checked box '[X]' is upper case: write '[x]' [lower-x]"
check style-fix 0 "$T" lint -c "$tmp/style.yml" --fix "$tmp/s.md"
has style-fixed "$tmp/s.md" "- [x] upper"
# Through a symbolic link: the target is fixed, the link stays a link.
mk_fixme "$tmp/t.md"
ln -s t.md "$tmp/link.md"
check fix-symlink 1 "$T" lint --no-config --fail-on warning --fix "$tmp/link.md"
if [ -L "$tmp/link.md" ] && grep -q -F -- "- [x] Backups" "$tmp/t.md"; then
	ok fix-symlink-kept
else nok fix-symlink-kept "link replaced or target not fixed"; fi
# Never write a file that changed since it was read: a shim appends a
# line when the temporary file is made.
if cc -shared -fPIC -o "$tmp/touch.so" tests/eco/touch.c -ldl 2>/dev/null
then
	mk_fixme "$tmp/c.md"
	ECO_TOUCH=$tmp/c.md LD_PRELOAD=$tmp/touch.so "$T" lint --no-config \
	    --fix "$tmp/c.md" >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
	if [ $rc = 2 ] && grep -q "changed since it was read" "$tmp/stderr" &&
	    grep -q -F -- "- [ x] Backups" "$tmp/c.md" &&
	    grep -q "saved meanwhile" "$tmp/c.md"; then ok fix-changed-kept
	else nok fix-changed-kept "exit $rc"; fi
else echo "ok eco/fix-changed-kept # skip: no cc"; fi
# stdin: the fixed text on stdout.
mk_fixme "$tmp/in.md"
"$T" lint --no-config --fix - <"$tmp/in.md" >"$tmp/stdout" 2>"$tmp/stderr"
has fix-stdin "$tmp/stdout" "- [x] Keys rotated"
has fix-stdin-rest "$tmp/stdout" "[ x] not an item"
check fix-status 2 "$T" status --fix samples/

# --- --stdin-filename ---------------------------------------------------
mkdir -p "$tmp/proj/docs/drafts"
printf 'extends: deployment\nseverity:\n  missing-section: off\noverrides:\n  - files: ["docs/drafts/**"]\n    severity: {malformed-task: error}\n' >"$tmp/proj/.ticklist.yml"
printf '# T\n\n- [ x] one\n- [x] two\n' >"$tmp/sn.md"
(cd "$tmp" && "$T" lint --stdin-filename proj/docs/x.md <sn.md) >"$tmp/stdout" 2>"$tmp/stderr"
has stdin-name "$tmp/stdout" "proj/docs/x.md:3:3: warning: malformed task box"
lacks stdin-config "$tmp/stdout" "missing section"
(cd "$tmp" && "$T" lint --stdin-filename proj/docs/drafts/y.md - <sn.md) >"$tmp/stdout" 2>"$tmp/stderr"
has stdin-override "$tmp/stdout" "proj/docs/drafts/y.md:3:3: error: malformed task box"
(cd "$tmp" && "$T" lint <sn.md -) >"$tmp/stdout" 2>"$tmp/stderr"
has stdin-plain "$tmp/stdout" "-:3:3: warning: malformed task box"
# files:/ignore: choose by the stdin name too: an ignored name is skipped.
printf 'ignore: ["docs/drafts/**"]\n' >>"$tmp/proj/.ticklist.yml"
(cd "$tmp" && "$T" lint --stdin-filename proj/docs/drafts/y.md - <sn.md) >"$tmp/stdout" 2>"$tmp/stderr"
if [ ! -s "$tmp/stdout" ]; then ok stdin-ignored
else nok stdin-ignored "$(head -3 "$tmp/stdout")"; fi
has stdin-ignored-summary "$tmp/stderr" "skipped"
(cd "$tmp" && "$T" lint --stdin-filename proj/docs/x.md - <sn.md) >"$tmp/stdout" 2>"$tmp/stderr"
has stdin-not-ignored "$tmp/stdout" "proj/docs/x.md:3:3: warning: malformed task box"
# --fix on an ignored stdin gives the text back unchanged (an editor's
# buffer is not emptied).
(cd "$tmp" && "$T" lint -q --fix --stdin-filename proj/docs/drafts/y.md - <sn.md) >"$tmp/stdout" 2>"$tmp/stderr"
if cmp -s "$tmp/stdout" "$tmp/sn.md"; then ok stdin-ignored-fix-echo
else nok stdin-ignored-fix-echo "$(od -c "$tmp/stdout" | head -3)"; fi

# --- explain ------------------------------------------------------------
check explain-mojibake 0 "$T" explain mojibake
has explain-fixable "$tmp/stdout" "Fixable: yes"
has explain-why "$tmp/stdout" "Why it matters"
has explain-example "$tmp/stdout" "example.md:1:15: warning: mojibake"
check explain-rule-id 0 "$T" explain unfilled-field
has explain-rule-kind "$tmp/stdout" "kind fields, severity warning"
has explain-not-fixable "$tmp/stdout" "Fixable: no"
check explain-kind-only 0 "$T" explain box-style
has explain-kind-only-msg "$tmp/stdout" "a rule kind"
check explain-unknown 2 "$T" explain nope
has explain-unknown-msg "$tmp/stderr" "no rule or kind 'nope'"
check explain-no-arg 2 "$T" explain
# One source: the man page's kind list is `explain --man`.
check explain-man 0 "$T" explain --man
sed -n '/^\.\\" KINDS BEGIN/,/^\.\\" KINDS END/p' man/ticklist.5 |
    sed '1d;$d' >"$tmp/man-kinds"
if [ -s "$tmp/man-kinds" ] && cmp -s "$tmp/man-kinds" "$tmp/stdout"; then
	ok man-kinds-in-sync
else nok man-kinds-in-sync "man/ticklist.5 differs from 'ticklist explain --man' (make man-kinds)"; fi
# Every kind of the table is explained: why, an example and its fix (a
# new kind's row needs the fixable, why, bad and good columns).
for k in $(sed -n 's/^\.It Cm //p' "$tmp/stdout"); do
	"$T" explain "$k" >"$tmp/explain" 2>&1
	if grep -q "^Why it matters" "$tmp/explain" &&
	    grep -q "^Example" "$tmp/explain" && grep -q "^Fixed" "$tmp/explain"
	then ok "explain-complete-$k"
	else nok "explain-complete-$k" "no why, example or fix in the kind table"; fi
done
# Each kind of the table is in it, with its fixability.
for k in mojibake malformed-task box-style placeholder; do
	has "man-kind-$k" "$tmp/man-kinds" ".It Cm $k"
done

# --- --print-config -----------------------------------------------------
(cd "$tmp/proj" && "$T" lint --print-config docs/drafts/y.md) >"$tmp/stdout" 2>"$tmp/stderr"
has print-config-file "$tmp/stdout" 'file: "docs/drafts/y.md"'
has print-config-sevmap "$tmp/stdout" 'severity_from: ".ticklist.yml:3"'
has print-config-override "$tmp/stdout" 'severity_from: ".ticklist.yml:6"'
has print-config-shipped "$tmp/stdout" 'defined_at: "shipped/deployment.yml:'
if python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
r = {x["id"]: x for x in d["rules"]}
assert r["missing-section"]["severity"] == "off"
assert r["malformed-task"]["severity"] == "error"
assert r["placeholder"]["severity"] == "warning"' "$tmp/stdout" 2>"$tmp/stderr"
then ok print-config-yaml
else nok print-config-yaml "not the YAML expected"; fi
check print-config-path 2 "$T" lint --print-config a.md b.md

# --- the config schema -------------------------------------------------
# Every shipped ruleset, init's output (as written and with its examples
# uncommented) and the README's sample config validate; the bad rule
# files of tests/rules/errors that are wrong in form do not.
S=schemas/ticklist-config.schema.json
mkdir -p "$tmp/init"
(cd "$tmp/init" && "$T" init) >/dev/null 2>&1
has init-schema-line "$tmp/init/.ticklist.yml" \
    "# yaml-language-server: \$schema=https://raw.githubusercontent.com/ticklist/ticklist/main/$S"
sed -E 's/^# ((severity|rules|overrides|files|ignore|checklists):|  )/\1/' "$tmp/init/.ticklist.yml" \
    >"$tmp/init/full.yml"
awk '/^```yaml$/ { n++; on = n == 1; next } /^```$/ { on = 0 } on' README.md \
    >"$tmp/readme.yml"
if python3 - "$S" "$tmp" "$T" >"$tmp/schema.out" 2>&1 <<'PY'
import glob, json, re, sys, yaml, jsonschema, subprocess
# YAML 1.2 as ticklist (libyaml) and the YAML language server read it:
# off, yes and no are strings, only true and false are booleans.
class Loader(yaml.SafeLoader):
    pass
Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] !=
    "tag:yaml.org,2002:bool"] for k, v in
    yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|false)$"), list("tf"))
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
v = jsonschema.Draft7Validator(schema)
tmp = sys.argv[2]
good = sorted(glob.glob("rules/*.yml")) + [tmp + "/init/.ticklist.yml",
    tmp + "/init/full.yml", tmp + "/readme.yml", "tests/eco/structure.yml"]
assert len(good) >= 6, good
for f in good:
    d = yaml.load(open(f), Loader=Loader)
    errs = [e.message for e in v.iter_errors(d)]
    print(("ok eco/schema-valid-%s" % f.split("/")[-1]) if not errs else
          "not ok eco/schema-valid-%s: %s" % (f.split("/")[-1], errs[:2]))
bad = ["unknown-top-key", "missing-required", "bad-date-format",
       "key-not-for-kind", "bad-severity", "bad-scope-min-level",
       "unknown-kind", "unknown-rule-key", "not-a-mapping", "bad-override"]
for b in bad:
    d = yaml.load(open("tests/rules/errors/%s.yml" % b), Loader=Loader)
    print(("ok eco/schema-rejects-%s" % b) if list(v.iter_errors(d)) else
          "not ok eco/schema-rejects-%s: accepted" % b)
# The keys another part of ticklist reads: files, ignore, checklists.
ok = {"files": ["docs/**/*.md"], "ignore": ["docs/old/**"],
      "checklists": [{"files": ["releases/*.md"], "extends": "release",
                      "severity": {"placeholder": "error"}}]}
print("ok eco/schema-file-keys" if not list(v.iter_errors(ok)) else
      "not ok eco/schema-file-keys")
# The kinds it knows are the kind table's (from explain --man).
man = subprocess.run([sys.argv[3], "explain", "--man"], capture_output=True,
                     text=True).stdout
kinds = [l.split()[-1] for l in man.splitlines() if l.startswith(".It Cm ")]
enum = schema["properties"]["rules"]["items"]["properties"]["kind"]["enum"]
print("ok eco/schema-kinds" if kinds and sorted(kinds) == sorted(enum) else
      "not ok eco/schema-kinds: %s vs %s" % (kinds, enum))
PY
then cat "$tmp/schema.out"
else nok schema "python3 failed"; cat "$tmp/schema.out"; fi

# --- shell completions ----------------------------------------------------
# Generated from the commands' help: the committed ones must be current.
python3 tools/completions.py "$T" "$tmp/comp" 2>"$tmp/stderr"
for f in ticklist.bash _ticklist ticklist.fish; do
	if [ -s "$tmp/comp/$f" ] && cmp -s "$tmp/comp/$f" "completions/$f"; then
		ok "completions-current-$f"
	else nok "completions-current-$f" "stale: make completions"; fi
done
# --- the command table: help, man page and parser agree ---------------
# For every command, the options `ticklist help CMD` lists, those its
# synopsis in ticklist(1) lists, and those the parser accepts (probed
# with every option any command has, long and short) are the same set.
sed -n '/^\.\\" SYNOPSIS BEGIN/,/^\.\\" SYNOPSIS END/p' man/ticklist.1 |
    sed '1d;$d' >"$tmp/man-synopsis"
check help-man 0 "$T" help --man
if [ -s "$tmp/man-synopsis" ] && cmp -s "$tmp/man-synopsis" "$tmp/stdout"; then
	ok man-synopsis-in-sync
else nok man-synopsis-in-sync "man/ticklist.1 differs from 'ticklist help --man' (make man-synopsis)"; fi
mkdir -p "$tmp/probe"
if python3 - "$T" "$tmp/man-synopsis" "$tmp/probe" >"$tmp/opts.out" 2>&1 <<'PY'
import re, subprocess, sys
T, man, probe = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3]
OPT = re.compile(r"^  (?:-([A-Za-z]), )?\s*--([a-z][a-z-]*)(?: ([A-Z]+))?\s")
cmds = ["lint", "status", "rules", "explain", "report", "init"]
helped, short, needs = {}, {}, {}
for c in cmds:
    out = subprocess.run([T, "help", c], capture_output=True, text=True).stdout
    helped[c] = set()
    for l in out.splitlines():
        m = OPT.match(l)
        if m:
            helped[c].add(m.group(2))
            needs[m.group(2)] = m.group(3) is not None
            if m.group(1):
                short[m.group(2)] = m.group(1)
every = set().union(*helped.values())
assert len(every) >= 20 and helped["lint"] and helped["report"], every
bad = 0
# The man page: each command's .Op lines, short letters as in the help.
letter = {v: k for k, v in short.items()}
for c in cmds:
    m = re.search(r"^\.Cm %s\n(.*?)(?=^\.Nm)" % c, man, re.S | re.M)
    got = set()
    for f in re.findall(r"^\.Op Fl (\S+)", m.group(1) if m else "", re.M):
        got.add(f[2:] if f.startswith("\\-") else letter.get(f, "-" + f))
    if not m or got != helped[c]:
        print("not ok eco/man-synopsis-options-%s: man %s, help %s" %
              (c, sorted(got), sorted(helped[c])))
        bad += 1
    else:
        print("ok eco/man-synopsis-options-%s" % c)
# The parser: an option a command does not list is refused by name,
# one it lists is not; an option no command has is unknown.
def refused(c, args):
    r = subprocess.run([T, c] + args + ["--", "no-such-input.md"], cwd=probe,
                       stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, timeout=60)
    return ("does not take" in r.stderr or "unknown option" in r.stderr,
            r.returncode)
for c in cmds:
    wrong = []
    for o in sorted(every):
        forms = ["--" + o] + (["-" + short[o]] if o in short else [])
        for f in forms:
            args = [f] + (["x"] if needs[o] else [])
            ref, rc = refused(c, args)
            if ref == (o in helped[c]) or (ref and rc != 2):
                wrong.append(f)
    ref, rc = refused(c, ["--frob"])
    if not ref or rc != 2:
        wrong.append("--frob")
    if wrong:
        print("not ok eco/parser-takes-help-options-%s: %s" % (c, wrong))
        bad += 1
    else:
        print("ok eco/parser-takes-help-options-%s" % c)
sys.exit(1 if bad else 0)
PY
then cat "$tmp/opts.out"
else cat "$tmp/opts.out"; nok options-agree "see above"; fi
# Every option of the command table is offered by the completions (but
# aliases).
for o in $("$T" help --man | sed -n 's/^\.Op Fl \\-\([a-z-]*\).*/\1/p' | sort -u); do
	has "completions-offer-$o" completions/ticklist.bash "--$o"
done
# bash: what it offers after "lint --fo" and "lint --format ".
if bash -c '. completions/ticklist.bash
	COMP_WORDS=(ticklist lint --fo); COMP_CWORD=2; _ticklist
	printf "%s\n" "${COMPREPLY[@]}"
	COMP_WORDS=(ticklist lint --format ""); COMP_CWORD=3; _ticklist
	printf "%s\n" "${COMPREPLY[@]}"
	COMP_WORDS=(ticklist explain moj); COMP_CWORD=2; _ticklist
	printf "%s\n" "${COMPREPLY[@]}"' >"$tmp/bash.out" 2>&1 &&
    grep -qx -- --format "$tmp/bash.out" && grep -qx sarif "$tmp/bash.out" &&
    grep -qx mojibake "$tmp/bash.out"; then ok completions-bash-works
else nok completions-bash-works "$(cat "$tmp/bash.out")"; fi
if command -v zsh >/dev/null 2>&1; then
	check completions-zsh-parses 0 zsh -n completions/_ticklist
else echo "ok eco/completions-zsh-parses # skip: no zsh"; fi
if command -v fish >/dev/null 2>&1; then
	check completions-fish-parses 0 fish -n completions/ticklist.fish
	if fish -c "source completions/ticklist.fish; complete -C 'ticklist lint --fa'" \
	    >"$tmp/fish.out" 2>&1 && grep -q -- "--fail-on" "$tmp/fish.out"; then
		ok completions-fish-works
	else nok completions-fish-works "$(head -5 "$tmp/fish.out")"; fi
else echo "ok eco/completions-fish-parses # skip: no fish"; fi

# --- the problem matcher --------------------------------------------------
printf 'rules:\n  - id: no-todo\n    kind: pattern\n    severity: info\n    pattern: TODO\n  - id: malformed-task\n    kind: malformed-task\n  - id: invalid-utf8\n    kind: invalid-utf8\n' >"$tmp/pm.yml"
printf '# T\n\n- [ x] a TODO\n- [ ] caf\351 x\n' >"$tmp/pm.md"
"$T" lint -c "$tmp/pm.yml" "$tmp/pm.md" >"$tmp/pm.out" 2>&1
if python3 - .github/ticklist-problem-matcher.json "$tmp/pm.out" <<'PY'
import json, re, sys
m = json.load(open(sys.argv[1]))["problemMatcher"]
lines = open(sys.argv[2], encoding="utf-8", errors="replace").read().splitlines()
got = []
for l in lines:
    hits = []
    for pm in m:
        p = pm["pattern"][0]
        r = re.match(p["regexp"], l)
        if r:
            sev = r.group(p["severity"]) if "severity" in p else pm["severity"]
            hits.append((r.group(p["file"]).split("/")[-1], r.group(p["line"]),
                         r.group(p["column"]), sev, r.group(p["code"])))
    assert len(hits) <= 1, (l, hits)
    got += hits
want = [("pm.md", "3", "3", "warning", "malformed-task"),
        ("pm.md", "3", "10", "notice", "no-todo"),
        ("pm.md", "4", "10", "error", "invalid-utf8")]
assert sorted(got) == sorted(want), got
PY
then ok problem-matcher
else nok problem-matcher "$(cat "$tmp/pm.out")"; fi

# --- version -------------------------------------------------------------
if command -v git >/dev/null 2>&1 && git rev-parse HEAD >/dev/null 2>&1; then
	c=$(git rev-parse --short=12 HEAD)
	check version 0 "$T" --version
	has version-commit "$tmp/stdout" "commit $c"
	# (.dirty may differ: the tree can change after the build)
	has version-describe "$tmp/stdout" \
	    "ticklist $(${MAKE:-make} -s version BUILD="$BUILD" | sed 's/\.dirty$//')"
else echo "ok eco/version # skip: not a git checkout"; fi

# --- the pre-commit hook that builds itself -----------------------------
# A copy of this tree as a git repository stands for the hook's remote;
# real pre-commit clones it (offline) and runs the ticklist-build hook.
if [ $plain = 0 ]; then echo "ok eco/hook # skip: not the plain build"
elif command -v pre-commit >/dev/null 2>&1 && command -v git >/dev/null 2>&1 &&
    git rev-parse HEAD >/dev/null 2>&1; then
	src=$tmp/hooksrc con=$tmp/consumer
	mkdir -p "$src" "$con"
	git ls-files -z -co --exclude-standard | xargs -0 tar cf - 2>/dev/null |
	    tar xf - -C "$src"
	(cd "$src" && git init -q && git add -A &&
	    git -c user.name=t -c user.email=t@example.com commit -qm hook) \
	    >/dev/null 2>&1
	rev=$(git -C "$src" rev-parse HEAD)
	# Without the build dependencies: the packages to install, named.
	PATH=/nonexistent /bin/sh "$src/tools/pre-commit-hook.sh" lint x.md \
	    >"$tmp/stdout" 2>"$tmp/stderr"
	if [ $? != 0 ]; then ok hook-missing-deps-fails
	else nok hook-missing-deps-fails "exit 0"; fi
	has hook-missing-deps-names "$tmp/stderr" \
	    "sudo apt-get install --no-install-recommends gcc make pkg-config libcmark-dev libyaml-dev libpcre2-dev"
	printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: ticklist-build\n' \
	    "$src" "$rev" >"$con/.pre-commit-config.yaml"
	printf 'rules:\n  - id: malformed-task\n    kind: malformed-task\n    severity: error\n' \
	    >"$con/.ticklist.yml"
	printf '# Good\n\n- [x] done\n' >"$con/good.md"
	printf '# Bad\n\n- [ x] done\n- [x] ok\n' >"$con/bad.md"
	(cd "$con" && git init -q && git add -A) >/dev/null 2>&1
	hook() {
		(cd "$con" && PRE_COMMIT_HOME=$tmp/pch pre-commit run \
		    --verbose --files "$@") >"$tmp/pc.out" 2>&1
	}
	hook good.md
	rc=$?
	if [ $rc = 0 ] && grep -q "building ticklist" "$tmp/pc.out"; then
		ok hook-builds-and-passes
	else nok hook-builds-and-passes "exit $rc: $(tail -15 "$tmp/pc.out")"; fi
	hook bad.md
	rc=$?
	if [ $rc = 1 ] && grep -q "bad.md:3:3: error: malformed task box" \
	    "$tmp/pc.out"; then ok hook-fails-bad
	else nok hook-fails-bad "exit $rc: $(tail -15 "$tmp/pc.out")"; fi
	if ! grep -q "building ticklist" "$tmp/pc.out"; then ok hook-reuses-build
	else nok hook-reuses-build "built twice"; fi
	if ls "$tmp"/pch/repo*/build/ticklist >/dev/null 2>&1; then
		ok hook-binary-in-clone
	else nok hook-binary-in-clone "no build/ticklist in the hook's clone"; fi
else echo "ok eco/hook # skip: no pre-commit or git"; fi

# --- make deb ----------------------------------------------------------------
if [ $plain = 0 ]; then echo "ok eco/deb # skip: not the plain build"
elif [ "$(id -u)" = 0 ] && command -v dpkg >/dev/null 2>&1 &&
    command -v dpkg-shlibdeps >/dev/null 2>&1; then
	${MAKE:-make} -s deb BUILD="$BUILD" >"$tmp/deb.log" 2>&1
	deb=$(tail -1 "$tmp/deb.log")
	v=$(${MAKE:-make} -s version BUILD="$BUILD")
	a=$(dpkg --print-architecture)
	if [ "$deb" = "$BUILD/ticklist_${v}_$a.deb" ] && [ -f "$deb" ]; then
		ok deb-built
	else nok deb-built "$(tail -5 "$tmp/deb.log")"; fi
	dpkg-deb -f "$deb" Depends >"$tmp/depends" 2>&1
	for p in libcmark libyaml libpcre2 libgit2 libc6; do
		has "deb-depends-$p" "$tmp/depends" "$p"
	done
	dpkg-deb -c "$deb" >"$tmp/contents" 2>&1
	for f in ./usr/bin/ticklist ./usr/share/man/man1/ticklist.1.gz \
	    ./usr/share/man/man5/ticklist.5.gz \
	    ./usr/share/bash-completion/completions/ticklist \
	    ./usr/share/zsh/vendor-completions/_ticklist \
	    ./usr/share/fish/vendor_completions.d/ticklist.fish \
	    ./usr/share/ticklist/rules/deployment.yml \
	    ./usr/share/ticklist/templates/layout.html.mustache \
	    ./usr/share/ticklist/schemas/ticklist-config.schema.json; do
		has "deb-has-$(echo "${f#./usr/}" | tr / -)" "$tmp/contents" " $f"
	done
	# Install, run, remove; one at a time on this machine.
	if flock /tmp/ticklist-deb.lock sh -c '
	    dpkg -i "$1" >/dev/null 2>&1 || exit 3
	    /usr/bin/ticklist --version | grep -q "^ticklist $2 " || r=4
	    /usr/bin/ticklist lint --no-config -q --fail-on never samples/ \
	        >/dev/null || r=5
	    test -f /usr/share/bash-completion/completions/ticklist || r=6
	    dpkg -r ticklist >/dev/null 2>&1 || exit 7
	    test ! -e /usr/bin/ticklist || exit 8
	    exit ${r:-0}' - "$deb" "$v" 2>"$tmp/stderr"; then
		ok deb-install-run-remove
	else nok deb-install-run-remove "step $?"; fi
else echo "ok eco/deb # skip: not root, or no dpkg-dev"; fi

# --- SARIF help from the kind table ---------------------------------------
printf '# T\n\n- [ ] Ship it \303\260\305\270\305\241\342\202\254\n' >"$tmp/sarif.md"
"$T" lint --no-config --fail-on never --format sarif "$tmp/sarif.md" >"$tmp/out.sarif" 2>/dev/null
if python3 - "$tmp/out.sarif" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = {x["id"]: x for x in d["runs"][0]["tool"]["driver"]["rules"]}
m = r["mojibake"]["help"]["markdown"]
assert "`ticklist lint --fix` repairs it" in m and "```markdown" in m, m
assert "Not fixed" in r["unfilled-field"]["help"]["markdown"]
assert r["mojibake"]["help"]["text"] == "Replace the text with the repaired characters."
PY
then ok sarif-help-markdown
else nok sarif-help-markdown "no kind table text in SARIF help"; fi

# --- --fix keeps a BOM and CRLF line endings ------------------------------
printf '\357\273\277# T\r\n\r\n- [ x] a\r\n- [x ] b\r\n- [x] c\r\n' >"$tmp/crlf.md"
printf '\357\273\277# T\r\n\r\n- [x] a\r\n- [x] b\r\n- [x] c\r\n' >"$tmp/crlf.want"
check fix-crlf 0 "$T" lint --no-config --fix "$tmp/crlf.md"
if cmp -s "$tmp/crlf.md" "$tmp/crlf.want"; then ok fix-crlf-bytes
else nok fix-crlf-bytes "$(od -c "$tmp/crlf.md" | head -3)"; fi

# --- --fix on a long line of many findings: each line is walked once -----
python3 -c 'import sys; sys.stdout.buffer.write(b"# T\n\n- [ ] " + b"caf\xc3\x83\xc2\xa9 " * 5000 + b"\n")' >"$tmp/long.md"
check fix-long-line 0 timeout 60 "$T" lint --no-config --fail-on never -q --fix "$tmp/long.md"
if ! grep -q "$(printf '\303\203')" "$tmp/long.md" &&
    [ "$(grep -o "caf$(printf '\303\251')" "$tmp/long.md" | wc -l)" = 5000 ]; then
	ok fix-long-line-fixed
else nok fix-long-line-fixed "not all 5000 repaired"; fi
