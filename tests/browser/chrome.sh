#!/bin/sh
# chrome.sh: headless Chromium for the browser suite, one fresh profile
# per run, no network services, a time limit.
# usage: chrome.sh WIDTH HEIGHT ARG... URL  (e.g. --dump-dom, --screenshot=F)
w=$1 h=$2
shift 2
prof=$(mktemp -d)
timeout 90 chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update \
    --disable-sync --disable-extensions --hide-scrollbars \
    --user-data-dir="$prof" --window-size="$w,$h" "$@" 2>/dev/null
rc=$?
rm -rf "$prof"
exit $rc
