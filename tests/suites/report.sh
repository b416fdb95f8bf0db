#!/bin/sh
# report.sh: `ticklist report` end to end: goldens for every shipped
# template on samples/ and, with synthetic findings (unit-report), on a
# hostile checklist; report.json against schemas/report.schema.json and
# against `status --format json`; byte-identical reruns; escaping of
# hostile text; template overrides, --template, bad template names and
# template errors; nothing written outside the report directory.
# REGEN=1 rewrites the goldens instead of comparing (make regen-report).
case $BUILD in /*) B=$BUILD ;; *) B=$TOP/$BUILD ;; esac
T=$B/ticklist
U=$B/unit-report
G=$TOP/tests/report
cd "$TOP" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SOURCE_DATE_EPOCH=1767225600	# 2026-01-01T00:00:00Z
export SOURCE_DATE_EPOCH

ok() { echo "ok report/$1"; }
fail() { echo "not ok report/$1"; [ -n "$2" ] && cat "$2" | head -30; }
# check NAME EXPECTED-EXIT CMD...: run, compare the exit status.
check() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"
	got=$?
	if [ "$got" = "$want" ]; then ok "$name"
	else echo "not ok report/$name: exit $got, want $want"; cat "$tmp/stderr"; fi
}
# golden NAME GOLDEN-DIR OUT-DIR: every file of the golden dir equals
# the output's, and the output has no other files.
golden() {
	if [ -n "$REGEN" ]; then
		rm -rf "$2" && mkdir -p "$2" && cp "$3"/* "$2"/
		return
	fi
	# The report's own hidden files (lock, manifest) are not goldens.
	if diff -ru -x '.ticklist.*' "$2" "$3" >"$tmp/diff" 2>&1; then ok "$1"
	else fail "$1" "$tmp/diff"; fi
}
# has NAME FILE PATTERN / hasnt NAME FILE PATTERN (fixed strings).
has() { if grep -q -F -- "$3" "$2"; then ok "$1"; else echo "not ok report/$1: $2 lacks '$3'"; fi; }
hasnt() { if grep -q -F -- "$3" "$2"; then echo "not ok report/$1: $2 has '$3'"; grep -n -F -- "$3" "$2" | head -3; else ok "$1"; fi; }

# Goldens: the shipped templates on samples/, and with findings.
"$T" lint samples/ >/dev/null 2>"$tmp/lint.err"
lintrc=$?
"$T" lint --format json --fail-on never samples/ >"$tmp/lint.json" 2>/dev/null
check samples "$lintrc" "$T" report -q -o "$tmp/s" samples/
golden samples-golden "$G/samples" "$tmp/s"
check findings-run 0 "$U" -o "$tmp/f" samples/deployment.md tests/report/hostile.md
golden findings-golden "$G/findings" "$tmp/f"
for f in deployment hostile; do
	src=tests/report/$f.md
	[ $f = deployment ] && src=samples/deployment.md
	"$U" "$src" >"$tmp/$f.model.json"
	if [ -n "$REGEN" ]; then cp "$tmp/$f.model.json" "$G/$f.model.json"
	elif diff -u "$G/$f.model.json" "$tmp/$f.model.json" >"$tmp/diff"; then
		ok "model-$f"
	else fail "model-$f" "$tmp/diff"; fi
done
[ -n "$REGEN" ] && exit 0

# report.json: schema, and the same counts as status.
if python3 - "$tmp/s/report.json" schemas/report.schema.json "$tmp/f/report.json" >"$tmp/out" 2>&1 <<'EOF'
import json, sys, jsonschema
schema = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
for f in (sys.argv[1], sys.argv[3]):
    v.validate(json.load(open(f)))
EOF
then ok schema-valid; else fail schema-valid "$tmp/out"; fi
"$T" status --format json samples/ >"$tmp/status.json"
if python3 - "$tmp/s/report.json" "$tmp/status.json" >"$tmp/out" 2>&1 <<'EOF'
import json, sys
r = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2]))
got = [{k: v for k, v in c.items()
        if k not in ("findings", "page", "state", "waivers", "overdue")}
       for c in r["checklists"]]
assert got == s["checklists"], "checklists differ from status"
sm = r["summary"]
assert sm["files"] == len(s["checklists"])
for k in ("items", "checked", "na"):
    assert sm[k] == sum(c[k] for c in s["checklists"]), k
assert sm["percent"] == (1000 * sm["checked"] // sm["items"]) / 10
assert r["generated_at"] == "2026-01-01T00:00:00Z"
EOF
then ok json-agrees-with-status; else fail json-agrees-with-status "$tmp/out"; fi
if python3 - "$tmp/s/report.json" "$tmp/lint.json" >"$tmp/out" 2>&1 <<'EOF'
import json, sys
r = json.load(open(sys.argv[1])); l = json.load(open(sys.argv[2]))
got = [f for c in r["checklists"] for f in c["findings"]]
assert got == l["findings"], "findings differ from lint"
for k in ("files", "errors", "warnings", "infos"):
    assert r["summary"][k] == l["summary"][k], k
EOF
then ok findings-agree-with-lint; else fail findings-agree-with-lint "$tmp/out"; fi

# Byte-identical reruns; no temporary files left behind.
check rerun 0 "$T" report --fail-on never -q -o "$tmp/s2" samples/
if diff -r "$tmp/s" "$tmp/s2" >/dev/null; then ok byte-identical
else fail byte-identical; fi
if ls -a "$tmp/s" | grep -q tmp; then fail no-temp-files; else ok no-temp-files; fi
check bad-epoch 2 env SOURCE_DATE_EPOCH=yesterday "$T" report -q -o "$tmp/e" samples/

# Hostile text: escaped everywhere, through the real command.
check hostile 0 "$T" report --fail-on never -q -o "$tmp/h" tests/report/hostile.md
p=$tmp/h/tests_report_hostile.html
for bad in '<script' '<img' '<iframe' '<svg' '<style>body' 'alt <b>' \
    'onerror="' 'onclick="' 'href="javascript' 'href="data'; do
	hasnt "hostile-page-no-$(echo "$bad" | tr -cd 'a-z')" "$p" "$bad"
done
hasnt hostile-index-no-script "$tmp/h/index.html" '<script'
has hostile-title-escaped "$tmp/h/index.html" 'Hostile &lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; &amp; co'
has hostile-mustache-is-text "$p" '{{x}} and {{{x}}} and {{&gt;partial}} stay text'
has hostile-safe-link-kept "$p" '<a href="https://example.com/?a=1&amp;b=%222%22">ok link</a>'
has hostile-relative-link-kept "$p" '<a href="docs/run.md">rel</a>'
has hostile-code-rendered "$p" '<code>&lt;code&gt;</code> and <em>emphasis</em> and <strong>strong</strong>'
has hostile-md-escaped "$tmp/h/summary.md" ' Hostile &lt;script&gt;document.title='"'"'pwned'"'"'&lt;/script&gt; &amp; co (tests/report/hostile.md) | 22.2% (2/9) |'
has hostile-json-escaped "$tmp/h/report.json" '"Hostile <script>document.title='"'"'pwned'"'"'</script> & co"'
hasnt findings-md-no-script "$tmp/f/summary.md" '<script'
has findings-md-blockers "$tmp/f/summary.md" '### Blockers'

# Every HTML page: self-contained, CSP, accessible bars, print, dark.
for page in "$tmp/s"/*.html; do
	n=$(basename "$page" .html)
	has "$n-csp" "$page" "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:"
	has "$n-viewport" "$page" '<meta name="viewport" content="width=device-width, initial-scale=1">'
	has "$n-progressbar" "$page" 'role="progressbar" aria-label="Checked" aria-valuemin="0" aria-valuemax="100" aria-valuenow="'
	has "$n-dark" "$page" '@media (prefers-color-scheme:dark)'
	has "$n-print" "$page" '@media print'
	has "$n-narrow" "$page" '@media (max-width:56rem)'
	hasnt "$n-no-script" "$page" '<script'
	hasnt "$n-no-external" "$page" '<link'
	hasnt "$n-no-src" "$page" ' src='
done
has index-least-complete-first "$tmp/s/index.html" 'samples_deployment.html'
if [ "$(grep -o 'href="samples_[a-z-]*.html"' "$tmp/s/index.html" | tr '\n' ' ')" = 'href="samples_deployment.html" href="samples_ops-review.html" href="samples_go-live-quoted.html" href="samples_release.html" ' ]; then
	ok index-order
else fail index-order; fi

# Badge: well-formed SVG, colour by threshold.
if xmllint --noout "$tmp/s/badge.svg" 2>"$tmp/out"; then ok badge-xml
else fail badge-xml "$tmp/out"; fi
has badge-yellow "$tmp/s/badge.svg" 'fill="#dfb317"'
check badge-complete 0 "$T" report --fail-on never -q -o "$tmp/c" samples/release.md
has badge-green "$tmp/c/badge.svg" 'fill="#4c1"'
has badge-100 "$tmp/c/badge.svg" '>100%</text>'
printf '# Empty\n\nNo tasks.\n' >"$tmp/empty.md"
check badge-empty 0 "$T" report --fail-on never -q -o "$tmp/z" "$tmp/empty.md"
has badge-grey "$tmp/z/badge.svg" 'fill="#9f9f9f"'
has empty-percent-null "$tmp/z/report.json" '"percent": null'

# Overrides: a whole template, a partial only, and a layout block.
mkdir -p "$tmp/tpl"
printf 'custom index: {{summary.files}} files\n' >"$tmp/tpl/index.html.mustache"
check override 0 "$T" report --fail-on never -q --templates "$tmp/tpl" -o "$tmp/o" samples/
if [ "$(cat "$tmp/o/index.html")" = "custom index: 6 files" ]; then
	ok override-used; else fail override-used "$tmp/o/index.html"; fi
if cmp -s "$tmp/o/samples_release.html" "$tmp/s/samples_release.html"; then
	ok override-others-shipped; else fail override-others-shipped; fi
rm "$tmp/tpl/index.html.mustache"
printf 'body{color:red}\n' >"$tmp/tpl/style.css.mustache"
check override-partial 0 "$T" report --fail-on never -q --templates "$tmp/tpl" -o "$tmp/o2" samples/
has override-partial-used "$tmp/o2/index.html" 'body{color:red}'
hasnt override-partial-replaces "$tmp/o2/index.html" 'prefers-color-scheme'
rm "$tmp/tpl/style.css.mustache"
printf '{{<layout.html}}{{$content}}<p>only {{summary.files}}</p>{{/content}}{{/layout.html}}\n' >"$tmp/tpl/index.html.mustache"
check override-block 0 "$T" report --fail-on never -q --templates "$tmp/tpl" -o "$tmp/o3" samples/
has override-block-used "$tmp/o3/index.html" '<p>only 6</p>'
has override-block-keeps-layout "$tmp/o3/index.html" 'Content-Security-Policy'

# --template FILE: one template to stdout, escaped by its file name.
printf '{{#checklists}}"{{title}}" {{percent_text}}\n{{/checklists}}' >"$tmp/one.json.mustache"
check one-template 0 "$T" report --fail-on never -q --template "$tmp/one.json.mustache" tests/report/hostile.md
has one-template-json-escaped "$tmp/stdout" '"Hostile <script>document.title='"'"'pwned'"'"'</script> & co" 22.2%'
printf '{{#checklists}}{{title}}{{/checklists}}' >"$tmp/one.html.mustache"
check one-template-html 0 "$T" report --fail-on never -q --template "$tmp/one.html.mustache" tests/report/hostile.md
has one-template-html-escaped "$tmp/stdout" 'Hostile &lt;script&gt;'
if [ ! -e ticklist-report ]; then ok one-template-writes-no-dir
else fail one-template-writes-no-dir; fi

# Template names cannot leave the template directory; template errors.
printf '{{>sub/x}}' >"$tmp/tpl/index.html.mustache"
check bad-partial-name 2 "$T" report -q --templates "$tmp/tpl" -o "$tmp/b" samples/
has bad-partial-name-msg "$tmp/stderr" 'bad template name'
if [ ! -e "$tmp/b" ]; then ok bad-template-writes-nothing
else fail bad-template-writes-nothing; fi
printf 'line one\n{{#checklists}}\n' >"$tmp/tpl/index.html.mustache"
check template-error 2 "$T" report -q --templates "$tmp/tpl" -o "$tmp/b" samples/
has template-error-pos "$tmp/stderr" "$tmp/tpl/index.html.mustache:2:"
rm "$tmp/tpl/index.html.mustache"

# Paths: pages stay in DIR whatever the input path; DIR made with parents.
mkdir -p "$tmp/w/in/sub" "$tmp/w/run"
cp samples/release.md "$tmp/w/in/sub/a.md"
cp samples/release.md "$tmp/w/in/a.md"
(cd "$tmp/w/run" && "$T" report -q -o out/deep/er ../in/sub/a.md "$tmp/w/in/a.md" ../in/a.md ./../in/a.md) >"$tmp/out" 2>&1
(cd "$tmp/w" && find . -type f | sort) >"$tmp/files"
if [ "$(grep -c -v '^./run/out/deep/er/[^/]*$' "$tmp/files")" = 2 ] &&
    [ "$(grep -c '^./run/out/deep/er/[^/]*\.html$' "$tmp/files")" = 5 ] &&
    grep -q '/in_a-2.html$' "$tmp/files" && grep -q '/in_sub_a.html$' "$tmp/files"; then
	ok paths-stay-in-dir
else fail paths-stay-in-dir "$tmp/files"; fi
echo '- [ ] x' | "$T" report -q -o "$tmp/stdin" - >/dev/null 2>&1
if [ -f "$tmp/stdin/stdin.html" ]; then ok stdin-page; else fail stdin-page; fi
printf 'x' >"$tmp/notadir"
check out-not-dir 2 "$T" report -q -o "$tmp/notadir" samples/

# Command line.
check help 0 "$T" help report
has help-text "$tmp/stdout" 'usage: ticklist report'
check quiet 0 "$T" report --fail-on never -q -o "$tmp/q" samples/
if [ -s "$tmp/stderr" ]; then fail quiet-silent "$tmp/stderr"; else ok quiet-silent; fi
check summary-line 0 "$T" report --fail-on never -o "$tmp/q" samples/
has summary-line-text "$tmp/stderr" "$(cat "$tmp/lint.err"); report: $tmp/q/index.html"
check no-path 2 "$T" report -q -o "$tmp/n"
check missing-input 2 "$T" report -q -o "$tmp/m" does-not-exist.md samples/release.md
has missing-input-others-go-on "$tmp/m/index.html" 'Release 2.0 Checklist'
check unknown-option 2 "$T" report --frob samples/
check bad-fail-on 2 "$T" report --fail-on sometimes samples/
check fail-on-never 0 "$T" report -q --fail-on never -o "$tmp/q" samples/
check fail-on-warning 1 "$T" report -q --fail-on warning -o "$tmp/q" samples/release.md samples/deployment.md

# Streaming (pages are written as checklists come, staged beside their
# targets): all or nothing, pages that need the totals, late renames.
mkdir -p "$tmp/st/in" "$tmp/st/tpl" "$tmp/st/IN"
printf '# A\n\n## S\n\n- [ ] x\n' >"$tmp/st/in/a.md"
printf '# B\n\n- [ ] y\n' >"$tmp/st/in/b.md"
check stream-first 0 "$T" report -q -j 1 --fail-on never -o "$tmp/st/r" "$tmp/st/in/a.md" "$tmp/st/in/b.md"
cp -r "$tmp/st/r" "$tmp/st/before"
# The page of a (it has a section) recurses without end: a's page is not
# written and its entry says why ("error", issue 12); b's page and the
# index are still written, and the run exits 2. (Refusals before the
# renames leave the previous report whole: tests/suites/hostile.sh.)
printf 'NEW {{checklist.title}}{{#checklist.has_sections}}{{>loop}}{{/checklist.has_sections}}\n' >"$tmp/st/tpl/checklist.html.mustache"
printf '{{>loop}}' >"$tmp/st/tpl/loop.mustache"
check stream-fails 2 "$T" report -q -j 1 --fail-on never --templates "$tmp/st/tpl" -o "$tmp/st/r" "$tmp/st/in/a.md" "$tmp/st/in/b.md"
has stream-fails-entry "$tmp/st/r/report.json" '"error": "page not written: rendering failed"'
if [ "$(cat "$tmp/st/r/"*_in_b.html)" = "NEW B" ] &&
    ! ls "$tmp/st/r/" | grep -q '_in_a\.html$' &&
    ! cmp -s "$tmp/st/before/index.html" "$tmp/st/r/index.html"; then
	ok stream-others-written
else fail stream-others-written "$tmp/st/r/index.html"; fi
if ls -a "$tmp/st/r" | grep -q ticklist-; then fail stream-no-stage-left
else ok stream-no-stage-left; fi
# A page that shows the totals is rendered once they are known.
printf '{{checklist.title}}: {{summary.files}} files, {{summary.items}} tasks\n' >"$tmp/st/tpl/checklist.html.mustache"
check stream-summary 0 "$T" report -q --fail-on never --templates "$tmp/st/tpl" -o "$tmp/st/s" "$tmp/st/in/a.md" "$tmp/st/in/b.md"
if [ "$(cat "$tmp/st/s/"*_in_a.html)" = "A: 2 files, 2 tasks" ]; then
	ok stream-summary-page; else fail stream-summary-page "$tmp/st/s/"*_in_a.html; fi
# A page name taken by an earlier page (case-insensitively) is only
# known in input order; the page and report.json use the final name.
cp "$tmp/st/in/a.md" "$tmp/st/IN/A.md"
printf '{{checklist.page}}\n' >"$tmp/st/tpl/checklist.html.mustache"
(cd "$tmp/st" && "$T" report -q -j 2 --fail-on never --templates tpl -o p in/a.md IN/A.md in/b.md) >"$tmp/out" 2>&1
if [ "$(cat "$tmp/st/p/IN_A-2.html")" = "IN_A-2.html" ] &&
    [ "$(cat "$tmp/st/p/in_a.html")" = "in_a.html" ] &&
    grep -q '"page": "IN_A-2.html"' "$tmp/st/p/report.json"; then
	ok stream-late-name
else fail stream-late-name "$tmp/out"; fi
# The index's checklists get first and last only when a template asks.
mkdir -p "$tmp/st/tpl2"
printf '{{#checklists}}{{#first}}F{{/first}}{{title}}{{#last}}L{{/last}};{{/checklists}}\n' >"$tmp/st/tpl2/index.html.mustache"
check stream-index-ends 0 "$T" report -q --fail-on never --templates "$tmp/st/tpl2" -o "$tmp/st/e" "$tmp/st/in/a.md" "$tmp/st/in/b.md"
if [ "$(cat "$tmp/st/e/index.html")" = "FA;BL;" ]; then ok stream-index-first-last
else fail stream-index-first-last "$tmp/st/e/index.html"; fi
