#!/bin/sh
# meta.sh: item metadata, dates and templates (issue 17) end to end:
# "today" (--today, SOURCE_DATE_EPOCH), the pinned "tasks" of status
# JSON, template-drift on pairs built from the real corpus (a template and
# a copy with an item deleted, one reworded and one added), and the
# precision labels: every finding of the new rules on the seeds and the
# corpus under the shipped rulesets is listed and judged in
# tests/meta/labels.tsv.
T=$TOP/$BUILD/ticklist
cd "$TOP" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { echo "ok meta/$1"; }
fail() { echo "not ok meta/$1"; [ -n "$2" ] && head -30 "$2"; }

# --- today ---------------------------------------------------------------
cat >"$tmp/rules.yml" <<'Y'
rules:
  - {id: overdue, kind: overdue}
Y
printf '# T\n\n- [ ] Renew @dana due:2026-12-01\n' >"$tmp/due.md"
lint() { "$T" lint -q --fail-on never -c "$tmp/rules.yml" "$@" "$tmp/due.md"; }
[ -z "$(lint --today 2026-12-01)" ] && ok today-due-day-not-overdue ||
    fail today-due-day-not-overdue
lint --today 2026-12-02 | grep -q "3:1: warning: 'Renew @dana due:2026-12-01' is overdue (due 2026-12-01) \[overdue\]" &&
    ok today-option || fail today-option
# Noon UTC on 2025-12-02 and 2026-12-03: the same dates in any time zone.
[ -z "$(SOURCE_DATE_EPOCH=1764676800 lint)" ] && ok today-sde-before ||
    fail today-sde-before
SOURCE_DATE_EPOCH=1796299200 lint | grep -q overdue && ok today-sde-after ||
    fail today-sde-after
[ -z "$(SOURCE_DATE_EPOCH=1796299200 lint --today 2026-11-01)" ] &&
    ok today-option-wins || fail today-option-wins
"$T" lint -q --today 2026-02-30 "$tmp/due.md" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "today: expected YYYY-MM-DD, not '2026-02-30'" "$tmp/err" &&
    ok today-bad || fail today-bad "$tmp/err"

# Many waivers stay cheap: 20,000 unterminated -begin blocks and 20,000
# one-line waivers over 20,000 placeholders (each pairing is a bound, not
# a timing: the run must finish at all within a generous limit).
python3 - "$tmp/many.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("# T\n\n")
    for i in range(20000):
        f.write("<!-- ticklist-waive-begin placeholder until 2099-01-01: r -->\n")
        f.write("<!-- ticklist-waive placeholder until 2099-01-01: r -->\n")
        f.write("- [ ] item %d TBD\n" % i)
PY
printf 'rules:\n  - {id: placeholder, kind: placeholder}\n' >"$tmp/ph.yml"
if out=$(timeout 60 "$T" lint -q --fail-on never -c "$tmp/ph.yml" "$tmp/many.md") &&
    [ -z "$out" ]; then ok many-waivers; else fail many-waivers; fi

# --- the pinned tasks ----------------------------------------------------
cat >"$tmp/tasks.md" <<'M'
# T

- [ ] Top @ana due:2026-12-01

## Security

- [x] Audit (acme/api#12) https://ci.example.com/1 and 3f2a9c1
- [-] Not used: API only
- [ ] Renew (due 2099-01-01) Owner: Li Wei
M
"$T" status --format json "$tmp/tasks.md" >"$tmp/tasks.json"
if python3 - "$tmp/tasks.json" >"$tmp/out" 2>&1 <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["checklists"][0]["tasks"]
keys = ["text", "line", "column", "state", "section", "owner", "due", "evidence"]
assert all(list(x) == keys for x in t), [list(x) for x in t]
assert [(x["line"], x["state"], x["section"], x["owner"], x["due"]) for x in t] == [
    (3, "open", "T", "ana", "2026-12-01"),
    (7, "done", "Security", None, None),
    (8, "na", "Security", None, None),
    (9, "open", "Security", "Li Wei", "2099-01-01")], t
assert t[1]["evidence"] == ["acme/api#12", "https://ci.example.com/1", "3f2a9c1"], t[1]
assert t[0]["evidence"] == [] and t[0]["column"] == 1
PY
then ok status-tasks; else fail status-tasks "$tmp/out"; fi

# What is not an owner, a due date or evidence (tests/meta/edge.md).
"$T" status --format json tests/meta/edge.md >"$tmp/edge.json"
if python3 - "$tmp/edge.json" >"$tmp/out" 2>&1 <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))["checklists"][0]["tasks"]
got = [(x["line"], x["owner"], x["due"], x["evidence"]) for x in t]
want = [(3, None, None, []),          # an address, CSS at-rules
        (4, "dana-s", None, []),      # trailing dot dropped
        (5, None, None, []),          # a UUID
        (6, None, None, []),          # a hash longer than a SHA
        (7, None, None, ["https://example.com/a_(b)", "https://example.com/c"]),
        (8, None, None, ["3f2a9c1"]), # code: only a lone SHA counts
        (9, None, None, ["#7", "#8"]),  # "Step #3" is a count
        (10, None, "2026-12-01", []), # 2026-02-30 is no date
        (11, None, None, []), (12, None, None, [])]  # blank owners
assert got == want, got
PY
then ok status-not-meta; else fail status-not-meta "$tmp/out"; fi

# --- template-drift on corpus pairs --------------------------------------
corpus=$SHARED/corpus/real
if [ ! -d "$corpus" ]; then
	echo "skip meta/drift-corpus-*: ../shared/corpus/real is absent"
else
	cat >"$tmp/drift.yml" <<'Y'
rules:
  - {id: template-drift, kind: template-drift}
Y
	for f in 006-awesome-pr-template 017-tldr-pr-template \
	    010-temurin-release-checklist 003-api-security-checklist \
	    014-guac-release-checklist 020-18f-ato-checklist \
	    011-cilium-release-rc-branch 035-ray-production-testing-huge \
	    070-sbom-linker-release-template-placeholders; do
		[ -f "$corpus/$f.md" ] || { fail "drift-$f" ; continue; }
		mkdir -p "$tmp/d/$f"
		cp "$corpus/$f.md" "$tmp/d/$f/template.md"
		# The unedited copy: no drift at all.
		python3 tests/meta/pair.py same "$T" "$tmp/d/$f/template.md" \
		    "$tmp/d/$f/copy.md" >"$tmp/want" 2>"$tmp/err" ||
		    { fail "drift-$f-build" "$tmp/err"; continue; }
		(cd "$tmp/d/$f" && "$T" lint -q --fail-on never -c "$tmp/drift.yml" \
		    copy.md) >"$tmp/got" 2>&1
		if [ ! -s "$tmp/got" ]; then ok "drift-$f-same"
		else fail "drift-$f-same" "$tmp/got"; fi
		# Deleted, reworded and added: exactly those three.
		python3 tests/meta/pair.py edit "$T" "$tmp/d/$f/template.md" \
		    "$tmp/d/$f/copy.md" >"$tmp/want" 2>"$tmp/err" ||
		    { fail "drift-$f-build" "$tmp/err"; continue; }
		(cd "$tmp/d/$f" && "$T" lint -q --fail-on never -c "$tmp/drift.yml" \
		    copy.md) >"$tmp/got" 2>&1
		if diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then
			ok "drift-$f-edited"
		else fail "drift-$f-edited" "$tmp/diff"; fi
	done
fi

# A template that cannot be read is an I/O error naming it (exit 2).
mkdir -p "$tmp/mt"
printf -- '---\ntemplate: nope/missing.md\n---\n# T\n\n- [ ] a\n' >"$tmp/mt/c.md"
printf 'rules:\n  - {id: template-drift, kind: template-drift}\n' >"$tmp/mt.yml"
(cd "$tmp" && "$T" lint -q -c mt.yml mt/c.md) >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q '^mt/nope/missing.md: error: cannot open' "$tmp/err" &&
    ok drift-missing-template || fail drift-missing-template "$tmp/err"

# template: in a checklists: entry of the config, relative to the
# config file: the copies its globs match are compared with it.
mkdir -p "$tmp/ct/docs" "$tmp/ct/tpl"
printf '# T\n\n- [ ] Tests pass\n- [ ] Docs updated\n' >"$tmp/ct/tpl/t.md"
printf '# T\n\n- [x] Tests pass\n' >"$tmp/ct/docs/c.md"
cat >"$tmp/ct/.ticklist.yml" <<'Y'
checklists:
  - files: ['docs/*.md']
    template: tpl/t.md
    rules:
      - {id: template-drift, kind: template-drift}
Y
(cd "$tmp/ct/docs" && "$T" lint -q --fail-on never c.md) >"$tmp/got" 2>&1
grep -q "^c.md:1:1: warning: template item (t.md:4) is missing: 'Docs updated' \[template-drift\]$" "$tmp/got" &&
    ok drift-config-template || fail drift-config-template "$tmp/got"

# The PR template pair shipped in samples/pr.
"$T" lint -q --fail-on never samples/pr >"$tmp/got" 2>&1
if diff -u tests/meta/samples-pr.out "$tmp/got" >"$tmp/diff"; then
	ok drift-samples-pr; else fail drift-samples-pr "$tmp/diff"; fi

# --- due dates read alone ----------------------------------------------
# With no rule that reads owners or evidence, lint scans only the items
# that can name a due date (itemmeta.c, ITEMMETA_DUE); the overdue
# findings must be those of a full scan (evidence-required beside it).
cat >"$tmp/due-only.yml" <<'Y'
rules:
  - {id: overdue, kind: overdue}
Y
cat >"$tmp/due-all.yml" <<'Y'
rules:
  - {id: overdue, kind: overdue}
  - {id: evidence-required, kind: evidence-required}
Y
due_set=tests/meta/due-forms.md
[ -d "$corpus" ] && due_set="$due_set $corpus"
for f in $due_set samples tests/meta/edge.md; do
	for c in only all; do
		"$T" lint -j 1 -q --fail-on never --no-ignore --today 2099-01-01 \
		    -c "$tmp/due-$c.yml" "$f" 2>&1 | grep '\[overdue\]$' \
		    >"$tmp/due.$c"
	done
	n=$(wc -l <"$tmp/due.only")
	if [ "$f" = tests/meta/due-forms.md ] && [ "$n" -ne 10 ]; then
		fail "due-alone-forms: $n overdue, want 10" "$tmp/due.only"
	elif diff -u "$tmp/due.all" "$tmp/due.only" >"$tmp/diff"; then
		ok "due-alone/$(basename "$f") ($n overdue)"
	else
		fail "due-alone/$(basename "$f")" "$tmp/diff"
	fi
done

# --- precision labels ----------------------------------------------------
if [ ! -d "$corpus" ] || [ ! -d "$SHARED/seeds" ]; then
	echo "skip meta/labels-*: ../shared/corpus/real or seeds is absent"
	exit 0
fi
for rs in deployment release; do
	: >"$tmp/found.$rs"
	for f in "$SHARED"/seeds/*.txt "$corpus"/*.md; do
		(cd "$(dirname "$f")" && "$T" lint -q --fail-on never -r $rs \
		    --today 2026-11-29 "$(basename "$f")") 2>/dev/null |
		    grep -E '\[(overdue|evidence-required|stale-review|expired-waiver|invalid-waiver|template-drift)\]$' |
		    sed -E 's/^([^:]*):([0-9]+):[0-9]+: [a-z]+: .*\[([a-z-]+)\]$/\1:\2:\3/' \
		    >>"$tmp/found.$rs"
	done
	if [ ! -s "$tmp/found.$rs" ]; then fail "labels-$rs-ran"; continue; fi
	cut -f1 tests/meta/labels.tsv | grep -v '^#' | sort >"$tmp/labelled"
	sort "$tmp/found.$rs" >"$tmp/found"
	if diff -u "$tmp/labelled" "$tmp/found" >"$tmp/diff"; then
		ok "labels-$rs-complete"
	else fail "labels-$rs-complete" "$tmp/diff"; fi
done
if grep -v '^#' tests/meta/labels.tsv | awk -F'\t' '$2 != "accept"' |
    grep -q .; then
	fail labels-none-rejected
	grep -v '^#' tests/meta/labels.tsv | awk -F'\t' '$2 != "accept"'
else ok labels-none-rejected; fi
