#!/bin/sh
# hostile.sh: a hostile environment: unreadable inputs, read errors, link
# loops, devices and FIFOs in a walk, failed writes (ENOSPC, EFBIG, EIO,
# closed pipe, /dev/full), --output atomicity under injected failures,
# inputs never opened for writing, --max-file-size, stray environment.
# I/O errors come from $BUILD/inject.so (tests/inject/inject.c), an
# LD_PRELOAD shim; a failed file is an error for that file (exit 2) and
# the other files are still processed.
T=$TOP/$BUILD/ticklist
SHIM=$TOP/$BUILD/inject.so
cd "$TOP" || exit 1
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
# A sanitizer runtime wants to come first among the preloads; the shim
# only forwards, so let it go first.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS

# check NAME EXPECTED-EXIT CMD...: run, compare exit status.
check() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/stdout" 2>"$tmp/stderr"
	got=$?
	if [ "$got" = "$want" ]; then echo "ok hostile/$name"
	else echo "not ok hostile/$name: exit $got, want $want"
		head -20 "$tmp/stderr"; fi
}
# has NAME FILE TEXT: FILE contains TEXT.
has() {
	if grep -q -F -- "$3" "$2"; then echo "ok hostile/$1"
	else echo "not ok hostile/$1: $(basename "$2") lacks '$3'"
		head -20 "$2"; fi
}
# lacks NAME FILE TEXT: FILE does not contain TEXT.
lacks() {
	if grep -q -F -- "$3" "$2"; then echo "not ok hostile/$1: '$3' in $(basename "$2")"
		head -20 "$2"
	else echo "ok hostile/$1"; fi
}
# inject VAR=VALUE... -- CMD...: run CMD with the shim and those settings.
inject() {
	while [ "$1" != -- ]; do
		export "$1"
		shift
	done
	shift
	LD_PRELOAD=$SHIM "$@"
	rc=$?
	unset INJECT_FUNC INJECT_ERRNO INJECT_NTH INJECT_COUNT INJECT_PATH \
	    INJECT_FD
	return $rc
}

if [ ! -f "$SHIM" ]; then
	echo "not ok hostile/shim: $SHIM not built"
	exit 0
fi
mkdir "$tmp/in"
for n in a b c; do
	printf '# Title %s\n\n- [x] one\n- [ ] two\n' "$n" >"$tmp/in/$n.md"
done
A=$tmp/in/a.md B=$tmp/in/b.md C=$tmp/in/c.md

# The shim itself: without INJECT_FUNC it changes nothing.
check shim-neutral 0 inject -- "$T" status "$A" "$B" "$C"
cp "$tmp/stdout" "$tmp/clean.out"
has shim-neutral-output "$tmp/stdout" "Title c"

# Unreadable file: EACCES for b; a and c still reported; exit 2.
if [ "$(id -u)" != 0 ]; then
	chmod 000 "$B"
	check unreadable-chmod 2 "$T" status "$A" "$B" "$C"
	has unreadable-chmod-msg "$tmp/stderr" "b.md: error: cannot open: Permission denied"
	chmod 644 "$B"
fi
check unreadable 2 inject INJECT_FUNC=open INJECT_ERRNO=EACCES \
    INJECT_PATH=b.md -- "$T" status "$A" "$B" "$C"
has unreadable-msg "$tmp/stderr" "b.md: error: cannot open: Permission denied"
has unreadable-others-a "$tmp/stdout" "Title a"
has unreadable-others-c "$tmp/stdout" "Title c"
lacks unreadable-not-b "$tmp/stdout" "Title b"
check unreadable-lint 2 inject INJECT_FUNC=open INJECT_ERRNO=EACCES \
    INJECT_PATH=b.md -- "$T" lint --no-config "$A" "$B" "$C"
has unreadable-lint-msg "$tmp/stderr" "b.md: error: cannot open: Permission denied"
check unreadable-in-walk 2 inject INJECT_FUNC=open INJECT_ERRNO=EACCES \
    INJECT_PATH=b.md -- "$T" status --format json "$tmp/in"
has unreadable-in-walk-others "$tmp/stdout" "Title c"
if python3 -m json.tool "$tmp/stdout" >/dev/null 2>&1; then
	echo "ok hostile/unreadable-json-valid"
else echo "not ok hostile/unreadable-json-valid"; fi

# Read errors: EIO on b, the first read and a later one; EINTR is retried.
check read-eio 2 inject INJECT_FUNC=read INJECT_ERRNO=EIO INJECT_PATH=b.md \
    -- "$T" status "$A" "$B" "$C"
has read-eio-msg "$tmp/stderr" "b.md: error: read error: Input/output error"
has read-eio-others "$tmp/stdout" "Title c"
check read-eio-later 2 inject INJECT_FUNC=read INJECT_ERRNO=EIO INJECT_NTH=2 \
    INJECT_PATH=b.md -- "$T" status "$A" "$B" "$C"
has read-eio-later-msg "$tmp/stderr" "read error: Input/output error"
check read-eio-stdin 2 inject INJECT_FUNC=read INJECT_ERRNO=EIO INJECT_FD=0 \
    -- "$T" status - <"$A"
has read-eio-stdin-msg "$tmp/stderr" "-: error: read error: Input/output error"
check read-eintr 0 inject INJECT_FUNC=read INJECT_ERRNO=EINTR INJECT_COUNT=3 \
    INJECT_PATH=b.md -- "$T" status "$A" "$B" "$C"
if cmp -s "$tmp/stdout" "$tmp/clean.out"; then echo "ok hostile/read-eintr-same"
else echo "not ok hostile/read-eintr-same"; fi

# Symbolic link loops and links to devices and FIFOs.
mkdir -p "$tmp/links/deep/er"
cp "$A" "$tmp/links/deep/er/ok.md"
ln -s self.md "$tmp/links/self.md"
ln -s ../.. "$tmp/links/deep/er/up"
ln -s /dev/zero "$tmp/links/zero.md"
mkfifo "$tmp/links/fifo.md"
check link-self 2 "$T" status "$tmp/links/self.md"
has link-self-msg "$tmp/stderr" "self.md: error:"
check walk-loops 2 timeout 20 "$T" status "$tmp/links"
has walk-loop-self "$tmp/stderr" "self.md: error: symbolic link loop"
has walk-loop-up "$tmp/stderr" "up: error: symbolic link loop"
has walk-loops-others "$tmp/stdout" "Title a"
lacks walk-no-device "$tmp/stdout" "zero.md"
check device-link 2 timeout 20 "$T" status "$tmp/links/zero.md"
has device-link-msg "$tmp/stderr" "not a regular file"
check fifo-given 2 timeout 20 "$T" lint --no-config "$tmp/links/fifo.md"
check stdin-device-bounded 2 timeout 20 "$T" status --max-file-size 1M - </dev/zero
has stdin-device-msg "$tmp/stderr" "file too big"

# --max-file-size: the default (64 MiB), an explicit limit, the boundary.
truncate -s 65M "$tmp/huge.md"
check max-default 2 "$T" status "$tmp/huge.md" "$A"
has max-default-msg "$tmp/stderr" "huge.md: error: file too big: 68157440 bytes (--max-file-size is 67108864)"
has max-default-others "$tmp/stdout" "Title a"
size=$(wc -c <"$A")
check max-at-limit 0 "$T" status --max-file-size "$size" "$A"
check max-over-limit 2 "$T" status --max-file-size $((size - 1)) "$A"
check max-stdin 2 sh -c "'$T' status --max-file-size 10 - <'$A'"
has max-stdin-msg "$tmp/stderr" "file too big"
check max-bad 2 "$T" status --max-file-size 12Q "$A"

# Failed writes to stdout: each errno is reported, exit 2.
for e in ENOSPC EFBIG EIO EPIPE; do
	check "stdout-$e" 2 inject INJECT_FUNC=write INJECT_ERRNO=$e INJECT_FD=1 \
	    -- "$T" status "$A"
	has "stdout-$e-msg" "$tmp/stderr" "<stdout>: error: write failed:"
done
check stdout-lint-enospc 2 inject INJECT_FUNC=write INJECT_ERRNO=ENOSPC \
    INJECT_FD=1 -- "$T" lint --no-config --format json --fail-on never "$A"
has stdout-lint-enospc-msg "$tmp/stderr" "No space left on device"
check stdout-closed 2 sh -c "'$T' status '$A' >&-"
has stdout-closed-msg "$tmp/stderr" "write failed"
if [ -e /dev/full ]; then
	check dev-full-json 2 sh -c "'$T' status --format json '$A' >/dev/full"
	has dev-full-msg "$tmp/stderr" "No space left on device"
	check dev-full-lint 2 sh -c "'$T' lint --no-config --format json '$A' >/dev/full"
fi
# A real closed pipe: the reader leaves after one byte of a 2 MB output.
i=0
while [ $i -lt 20000 ]; do printf '## Heading %d\n- [ ] x\n' $i; i=$((i + 1))
done >"$tmp/big.md"
( "$T" status --format json "$tmp/big.md" 2>"$tmp/pipe.err"
  echo $? >"$tmp/pipe.rc" ) |
    head -c 1 >/dev/null
if [ "$(cat "$tmp/pipe.rc")" = 2 ] && grep -q "Broken pipe" "$tmp/pipe.err"; then
	echo "ok hostile/closed-pipe"
else echo "not ok hostile/closed-pipe: exit $(cat "$tmp/pipe.rc")"
	head -5 "$tmp/pipe.err"; fi

# --output is atomic: each injected failure leaves the previous report
# byte for byte and no temporary file behind.
mkdir "$tmp/out"
printf 'previous report\n\001\377 bytes\n' >"$tmp/out/prev"
cp "$tmp/out/prev" "$tmp/out/report.txt"
# atomic NAME VAR=VALUE...: inject, expect exit 2, the file intact.
atomic() {
	n=$1
	shift
	check "output-$n" 2 inject "$@" -- "$T" status -o "$tmp/out/report.txt" \
	    "$A" "$B"
	has "output-$n-msg" "$tmp/stderr" "report.txt: error:"
	if cmp -s "$tmp/out/prev" "$tmp/out/report.txt"; then
		echo "ok hostile/output-$n-intact"
	else echo "not ok hostile/output-$n-intact"; fi
	if [ "$(ls "$tmp/out")" = "prev
report.txt" ]; then echo "ok hostile/output-$n-no-temp"
	else echo "not ok hostile/output-$n-no-temp: $(ls "$tmp/out" | tr '\n' ' ')"; fi
}
atomic write-enospc INJECT_FUNC=write INJECT_ERRNO=ENOSPC INJECT_PATH=report.txt
atomic write-efbig INJECT_FUNC=write INJECT_ERRNO=EFBIG INJECT_PATH=report.txt
atomic fsync-eio INJECT_FUNC=fsync INJECT_ERRNO=EIO INJECT_PATH=report.txt
atomic close-eio INJECT_FUNC=close INJECT_ERRNO=EIO INJECT_PATH=report.txt
atomic rename-eacces INJECT_FUNC=rename INJECT_ERRNO=EACCES INJECT_PATH=report.txt
atomic rename-exdev INJECT_FUNC=rename INJECT_ERRNO=EXDEV INJECT_PATH=report.txt
check output-ok 0 "$T" status -o "$tmp/out/report.txt" "$A" "$B"
if cmp -s "$tmp/out/report.txt" "$tmp/clean.out" ||
    grep -q "Title b" "$tmp/out/report.txt"; then
	echo "ok hostile/output-replaced"
else echo "not ok hostile/output-replaced"; fi
check output-lint-enospc 2 inject INJECT_FUNC=write INJECT_ERRNO=ENOSPC \
    INJECT_FD=file -- "$T" lint --no-config --format json \
    -o "$tmp/out/lint.json" "$A"
has output-lint-enospc-msg "$tmp/stderr" "lint.json: error: write failed: No space left on device"

# The HTML report directory: a failed write of one file leaves that
# file's previous version intact and exits 2.
check report-first 0 "$T" report --no-config -q --fail-on never \
    -o "$tmp/rep" "$A" "$B"
for f in index.html report.json summary.md badge.svg; do
	cp "$tmp/rep/$f" "$tmp/rep.$f.prev"
	check "report-$f-enospc" 2 inject INJECT_FUNC=write INJECT_ERRNO=ENOSPC \
	    INJECT_PATH="rep/$f" -- "$T" report --no-config -q --fail-on never \
	    -o "$tmp/rep" "$A" "$B" "$C"
	has "report-$f-enospc-msg" "$tmp/stderr" "$f: error: write failed: No space left on device"
	if cmp -s "$tmp/rep/$f" "$tmp/rep.$f.prev"; then
		echo "ok hostile/report-$f-intact"
	else echo "not ok hostile/report-$f-intact"; fi
done
if [ -z "$(find "$tmp/rep" -name '*.tmp*')" ]; then
	echo "ok hostile/report-no-temp"
else echo "not ok hostile/report-no-temp"; fi

# Inputs are never opened for writing (strace sees every open).
if command -v strace >/dev/null 2>&1; then
	ino=$(ls -i "$A" | cut -d' ' -f1)
	cp "$A" "$tmp/a.orig"
	ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" strace -f -qq \
	    -e trace=open,openat,creat,truncate -o "$tmp/strace" \
	    "$T" status -o "$tmp/out/s.txt" "$A" "$tmp/in" - <"$C" >/dev/null 2>&1
	ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" strace -f -qq \
	    -e trace=open,openat,creat,truncate -o "$tmp/strace2" \
	    "$T" lint --no-config "$A" "$tmp/in" >/dev/null 2>&1
	cat "$tmp/strace2" >>"$tmp/strace"
	ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" strace -f -qq \
	    -e trace=open,openat,creat,truncate -o "$tmp/strace3" \
	    "$T" report --no-config -q -o "$tmp/rep2" "$A" "$tmp/in" \
	    >/dev/null 2>&1
	cat "$tmp/strace3" >>"$tmp/strace"
	if grep -q "$tmp/in/b.md" "$tmp/strace"; then
		echo "ok hostile/strace-sees-inputs"
	else echo "not ok hostile/strace-sees-inputs"; head -5 "$tmp/strace"; fi
	if grep -F "$tmp/in/" "$tmp/strace" |
	    grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|creat\(|truncate\('; then
		echo "not ok hostile/inputs-read-only"
	else echo "ok hostile/inputs-read-only"; fi
	if cmp -s "$A" "$tmp/a.orig" && [ "$(ls -i "$A" | cut -d' ' -f1)" = "$ino" ]
	then echo "ok hostile/inputs-unchanged"
	else echo "not ok hostile/inputs-unchanged"; fi
fi

# Behaviour depends on no environment variable but the documented ones:
# locale, time zone, home and lookalike variables change nothing.
env -i PATH="$PATH" ASAN_OPTIONS="$ASAN_OPTIONS" "$T" status --format json \
    "$tmp/in" >"$tmp/env1" 2>&1
env LANG=tr_TR.UTF-8 LC_ALL=tr_TR.UTF-8 TZ=Pacific/Kiritimati HOME=/nonexistent \
    TICKLIST_CONFIG=/nonexistent TICKLIST_RULES=nope TMPDIR=/nonexistent \
    "$T" status --format json "$tmp/in" >"$tmp/env2" 2>&1
if cmp -s "$tmp/env1" "$tmp/env2"; then echo "ok hostile/env-independent"
else echo "not ok hostile/env-independent"; diff "$tmp/env1" "$tmp/env2" | head; fi

# Safe output: a checklist full of hostile text (tests/hostile/xss.md)
# renders as inert text: no script, event attribute or active URL in any
# page or the badge, a strict CSP, and the text itself still shown.
check xss-report 1 "$T" report --rules deployment -q -o "$tmp/xss" tests/hostile/xss.md
if python3 tests/hostile/safe_html.py "$tmp"/xss/*.html "$tmp/xss/badge.svg" \
    >"$tmp/safe.out"; then echo "ok hostile/xss-inert"
else echo "not ok hostile/xss-inert"; head -20 "$tmp/safe.out"; fi
has xss-text-shown "$tmp/xss/tests_hostile_xss.html" "&lt;script&gt;alert(5)&lt;/script&gt;"
lacks xss-summary-no-raw-html "$tmp/xss/summary.md" "<script"
printf '<a href="javascript:x" onclick="y">x</a>\n' >"$tmp/bad.html"
if python3 tests/hostile/safe_html.py "$tmp/bad.html" >/dev/null; then
	echo "not ok hostile/xss-checker-catches"
else echo "ok hostile/xss-checker-catches"; fi
