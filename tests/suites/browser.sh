#!/bin/sh
# browser.sh: the HTML report in headless Chromium. Loads index.html and
# checklist pages, takes screenshots (kept in $BUILD/browser/ to look at)
# at phone and desktop widths, in dark mode and as a printed PDF, and
# proves that hostile item text runs nothing: its payloads would mark
# <body data-pwned="...">. Two controls show the check can fail: the same
# checklist rendered unescaped without the CSP does get marked, and
# unescaped with the CSP does not (the CSP alone stops it too).
case $BUILD in /*) B=$BUILD ;; *) B=$TOP/$BUILD ;; esac
T=$B/ticklist
C="sh $TOP/tests/browser/chrome.sh"
cd "$TOP" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shots=$B/browser
rm -rf "$shots"
mkdir -p "$shots"
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH

ok() { echo "ok browser/$1"; }
fail() { echo "not ok browser/$1"; [ -n "$2" ] && head -20 "$2"; }

if ! command -v chromium >/dev/null 2>&1; then
	fail chromium-installed
	exit 0
fi

"$T" report -q --fail-on never -o "$tmp/r" samples/ tests/report/hostile.md || fail report-run
"$B/unit-report" -o "$tmp/f" samples/deployment.md tests/report/hostile.md ||
    fail unit-report-run

# dom NAME FILE: dump the DOM after load (scripts, if any, have run).
dom() { $C 1280 900 --dump-dom "file://$2" >"$tmp/$1.dom"; }
# png_width FILE: the width in a PNG header.
png_width() { python3 -c 'import struct,sys; print(struct.unpack(">I", open(sys.argv[1],"rb").read()[16:20])[0])' "$1"; }

# The hostile page and the dashboard: nothing ran, nothing was injected.
for p in r/tests_report_hostile r/index f/tests_report_hostile f/index; do
	n=$(echo "$p" | tr / -)
	dom "$n" "$tmp/$p.html"
	d=$tmp/$n.dom
	if [ ! -s "$d" ]; then fail "$n-loaded"; continue; fi
	ok "$n-loaded"
	if grep -q 'data-pwned="' "$d"; then fail "$n-nothing-ran" "$d"
	else ok "$n-nothing-ran"; fi
	if grep -q -i -E '<(script|img|iframe|svg|object|embed|style>body)' "$d"; then
		fail "$n-no-injected-elements"
		grep -n -i -E '<(script|img|iframe|svg|object|embed|style>body)' "$d" | head -3
	else ok "$n-no-injected-elements"; fi
	if grep -q '<a href="javascript\|<a href="data' "$d"; then fail "$n-no-bad-links"
	else ok "$n-no-bad-links"; fi
	if grep -q '<title>pwned</title>' "$d"; then fail "$n-title-intact"
	else ok "$n-title-intact"; fi
done
if grep -q '<progress class="t-[a-z0-9]*" max="100" value="[0-9.]*" aria-label="Progress of ' "$tmp/r-index.dom"; then ok progressbar-in-dom
else fail progressbar-in-dom; fi
if grep -q '&lt;img src=x onerror=' "$tmp/r-tests_report_hostile.dom"; then
	ok hostile-text-shown-as-text
else fail hostile-text-shown-as-text; fi

# Controls: task text unescaped ({{{text}}}), with and without the CSP.
mkdir -p "$tmp/unsafe" "$tmp/unsafe-csp"
sed 's/{{{html}}}/{{{text}}}/' templates/task.html.mustache >"$tmp/unsafe/task.html.mustache"
cp "$tmp/unsafe/task.html.mustache" "$tmp/unsafe-csp/"
grep -v 'Content-Security-Policy' templates/layout.html.mustache >"$tmp/unsafe/layout.html.mustache"
"$T" report -q --templates "$tmp/unsafe" -o "$tmp/u" tests/report/hostile.md
"$T" report -q --templates "$tmp/unsafe-csp" -o "$tmp/uc" tests/report/hostile.md
dom control-unsafe "$tmp/u/hostile.html"
if grep -q 'data-pwned="' "$tmp/control-unsafe.dom"; then ok control-detects-script
else fail control-detects-script "$tmp/control-unsafe.dom"; fi
dom control-csp "$tmp/uc/hostile.html"
if grep -q '<img src="x"' "$tmp/control-csp.dom" &&
    ! grep -q 'data-pwned="' "$tmp/control-csp.dom"; then
	ok csp-blocks-inline-script
else fail csp-blocks-inline-script "$tmp/control-csp.dom"; fi

# Screenshots: phone and desktop, dark mode; a printed PDF.
shot() {	# NAME WIDTH HEIGHT FILE [ARGS]
	n=$1 w=$2 h=$3 f=$4
	shift 4
	$C "$w" "$h" "$@" --screenshot="$shots/$n.png" "file://$f" >/dev/null
	if [ -s "$shots/$n.png" ] && [ "$(png_width "$shots/$n.png")" = "$w" ]; then
		ok "screenshot-$n"
	else fail "screenshot-$n"; fi
}
shot index-360 360 800 "$tmp/f/index.html"
shot index-1280 1280 900 "$tmp/f/index.html"
shot deployment-360 360 2400 "$tmp/f/samples_deployment.html"
shot deployment-1280 1280 2000 "$tmp/f/samples_deployment.html"
shot hostile-1280 1280 2000 "$tmp/f/tests_report_hostile.html"
shot index-dark 1280 900 "$tmp/f/index.html" --force-dark-mode \
    --blink-settings=preferredColorScheme=0
$C 1280 900 --no-pdf-header-footer --print-to-pdf="$shots/deployment.pdf" \
    "file://$tmp/f/samples_deployment.html" >/dev/null
if head -c 5 "$shots/deployment.pdf" 2>/dev/null | grep -q '%PDF-'; then
	ok print-pdf
else fail print-pdf; fi

# At 360 px no page scrolls sideways: a probe page (outside the report,
# with script) frames each page 360 px wide and records its scrollWidth.
# (Headless windows are at least 500 px wide, hence the frame.)
for p in index samples_deployment tests_report_hostile; do
	cat >"$tmp/f/probe-$p.html" <<EOF
<!DOCTYPE html><html><body><iframe id="f" src="$p.html" width="360" height="800"></iframe><script>
var f = document.getElementById("f");
f.onload = function () { document.body.setAttribute("data-sw", f.contentDocument.documentElement.scrollWidth); };
</script></body></html>
EOF
	$C 800 900 --allow-file-access-from-files --dump-dom \
	    "file://$tmp/f/probe-$p.html" >"$tmp/probe.dom"
	sw=$(grep -o 'data-sw="[0-9]*"' "$tmp/probe.dom" | tr -dc 0-9)
	if [ -n "$sw" ] && [ "$sw" -le 360 ]; then ok "fits-360-$p"
	else echo "not ok browser/fits-360-$p: scrollWidth ${sw:-unknown}"; fi
done
# The status page (issue 15) on a fixture with 3- and 4-digit counts,
# RTL text, grouped findings and 60 more rows: screenshots at 360, 1280
# and 1920 px in both schemes, printed PDFs; layout measured by a probe
# page (tests/browser/probe.html, outside the report) in a frame of each
# width: no sideways scrolling, no numeric or header cell on two lines,
# the verdict strip above the fold at 1280x800; the printed index fits
# 30 rows an A4 page.
fx=$tmp/fx
mkdir -p "$fx/many"
{
	printf '# Big rollout\n\n## Security\n\n'
	i=0
	while [ $i -lt 1234 ]; do
		if [ $((i % 3)) = 0 ]; then printf -- '- [x] Host %d patched\n' $i
		else printf -- '- [ ] Host %d patched\n' $i; fi
		i=$((i + 1))
	done
	printf '\n## Monitoring\n\n'
	i=0
	while [ $i -lt 150 ]; do printf -- '- [x] Probe %d green\n' $i; i=$((i + 1)); done
	printf '\n## Rollback\n\n- [ ] Rehearsed\n\n## Sign-off\n\n- [ ] Approved\n'
} >"$fx/big.md"
i=0
while [ $i -lt 60 ]; do
	printf '# Service %d launch\n\n## Security\n\n- [x] Audit\n- [ ] Keys\n' $i >"$fx/many/s$i.md"
	i=$((i + 1))
done
cp tests/report/status-page.md "$fx/rtl.md"
"$T" report -q --fail-on never -o "$fx/r" "$fx/big.md" "$fx/rtl.md" "$fx/many" ||
    fail fixture-report
rows=$(grep -c '<tr>' "$fx/r/index.html")
cp tests/browser/probe.html "$fx/r/"
big=$(cd "$fx/r" && ls | grep 'big\.html$')
rtl=$(cd "$fx/r" && ls | grep 'rtl\.html$')
for scheme in light dark; do
	dark=
	[ $scheme = dark ] && dark="--force-dark-mode --blink-settings=preferredColorScheme=0"
	# shellcheck disable=SC2086
	$C 800 900 $dark --allow-file-access-from-files --dump-dom \
	    "file://$fx/r/probe.html?pages=index.html,$big,$rtl&ws=360,1280,1920&h=800" |
	    sed -n '/<pre id="out">/,/<\/pre>/p' | sed 's/<[^>]*>//g' | grep . >"$tmp/probe.txt"
	lines=$(wc -l <"$tmp/probe.txt")
	if [ "$lines" = 9 ]; then ok "probe-ran-$scheme"
	else echo "not ok browser/probe-ran-$scheme: $lines of 9 frames measured"; fi
	while read -r p w res; do
		n=$(basename "$p" .html | sed 's/.*_//')-$w-$scheme
		case " $res" in
		*' overflow=0 '*) ok "no-overflow-$n" ;;
		*) echo "not ok browser/no-overflow-$n: $res" ;;
		esac
		case " $res" in
		*' wrapped=0 '*) ok "no-wrap-$n" ;;
		*) echo "not ok browser/no-wrap-$n: $res" ;;
		esac
		if [ "$w" = 1280 ]; then
			f=$(echo "$res" | sed -n 's/.*fold=\([0-9-]*\).*/\1/p')
			if [ -n "$f" ] && [ "$f" -gt 0 ] && [ "$f" -le 800 ]; then
				ok "verdict-above-fold-$n"
			else echo "not ok browser/verdict-above-fold-$n: $res"; fi
		fi
	done <"$tmp/probe.txt"
	for w in 360 1280 1920; do
		for p in index.html "$big" "$rtl"; do
			n=$(basename "$p" .html | sed 's/.*_//')-$w-$scheme
			# shellcheck disable=SC2086
			shot "status-$n" $w 1200 "$fx/r/$p" $dark
		done
	done
done
# pdf_pages FILE: the page count of a PDF (Chromium writes one /Type
# /Page object a page).
pdf_pages() { python3 -c 'import re,sys; print(len(re.findall(rb"/Type\s*/Page(?![s])", open(sys.argv[1],"rb").read())))' "$1"; }
for p in index.html "$rtl" "$big"; do
	n=$(basename "$p" .html | sed 's/.*_//')
	$C 1280 900 --no-pdf-header-footer --print-to-pdf="$shots/status-$n.pdf" \
	    "file://$fx/r/$p" >/dev/null
	if head -c 5 "$shots/status-$n.pdf" 2>/dev/null | grep -q '%PDF-'; then
		ok "print-pdf-$n"
	else fail "print-pdf-$n"; fi
done
np=$(pdf_pages "$shots/status-index.pdf")
want=$(( (rows + 29) / 30 ))
if [ "$rows" -ge 60 ] && [ -n "$np" ] && [ "$np" -ge 1 ] && [ "$np" -le "$want" ]; then
	ok "print-index-30-rows-a-page"
else echo "not ok browser/print-index-30-rows-a-page: $rows rows on $np pages, want <= $want"; fi

# Contrast of every text colour pair of the stylesheet, light and dark.
python3 tests/browser/contrast.py templates/style.css.mustache | sed 's|^\(not \)*ok contrast/|&|; s|^ok |ok browser/|; s|^not ok |not ok browser/|'

echo "# screenshots: $shots"
