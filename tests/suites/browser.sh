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
if grep -q 'role="progressbar"' "$tmp/r-index.dom"; then ok progressbar-in-dom
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
dom control-unsafe "$tmp/u/tests_report_hostile.html"
if grep -q 'data-pwned="' "$tmp/control-unsafe.dom"; then ok control-detects-script
else fail control-detects-script "$tmp/control-unsafe.dom"; fi
dom control-csp "$tmp/uc/tests_report_hostile.html"
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
echo "# screenshots: $shots"
