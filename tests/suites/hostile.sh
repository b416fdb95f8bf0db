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
	    INJECT_PATH="$f" -- "$T" report --no-config -q --fail-on never \
	    -o "$tmp/rep" "$A" "$B" "$C"
	has "report-$f-enospc-msg" "$tmp/stderr" "$f: error: write failed: No space left on device"
	if cmp -s "$tmp/rep/$f" "$tmp/rep.$f.prev"; then
		echo "ok hostile/report-$f-intact"
	else echo "not ok hostile/report-$f-intact"; fi
done
if [ -z "$(find "$tmp/rep" -name '*.tmp*')" ]; then
	echo "ok hostile/report-no-temp"
else echo "not ok hostile/report-no-temp"; fi

# init writes through the same writer (output_create): a failed write,
# fsync or close leaves neither the file nor a temporary one; an existing
# file is never replaced.
mkdir "$tmp/init"
for f in write fsync close; do
	check "init-$f-eio" 2 inject INJECT_FUNC=$f INJECT_ERRNO=EIO \
	    INJECT_FD=file -- "$T" init "$tmp/init/c.yml"
	if [ -z "$(ls -A "$tmp/init")" ]; then echo "ok hostile/init-$f-nothing-left"
	else echo "not ok hostile/init-$f-nothing-left: $(ls -A "$tmp/init" | tr '\n' ' ')"; fi
done
check init-writes 0 "$T" init "$tmp/init/c.yml"
echo mine >"$tmp/init/mine.yml"
check init-exists 2 "$T" init "$tmp/init/mine.yml"
has init-exists-msg "$tmp/stderr" "mine.yml: error: already exists; not overwriting it"
if [ "$(cat "$tmp/init/mine.yml")" = mine ] &&
    [ "$(ls -A "$tmp/init" | tr '\n' ' ')" = "c.yml mine.yml " ]; then
	echo "ok hostile/init-exists-untouched"
else echo "not ok hostile/init-exists-untouched: $(ls -A "$tmp/init" | tr '\n' ' ')"; fi

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

# --- issue 12: hostile repositories and CI runners ----------------------

# Rule files go through the checklist reader: regular files only, a size
# cap (--max-rules-size, 1 MiB by default), and extends: stays inside the
# repository (or the config's directory outside one).
R=$tmp/repo
mkdir -p "$R/.git" "$R/sub"
printf '# T\n\n- [x] one\n' >"$R/sub/a.md"
# rulecfg NAME WANT-EXIT TEXT CONFIG-LINE: lint with that .ticklist.yml.
rulecfg() {
	printf '%s\n' "$4" >"$R/sub/.ticklist.yml"
	check "$1" "$2" timeout 20 "$T" lint -q "$R/sub/a.md"
	has "$1-msg" "$tmp/stderr" "$3"
}
rulecfg extends-dev-zero 2 "outside" "extends: /dev/zero"
rulecfg extends-shadow 2 "outside" "extends: /etc/shadow"
lacks extends-shadow-no-content "$tmp/stderr" "root:"
rulecfg extends-passwd 2 "outside" "extends: /etc/passwd"
# Outside is refused before it is looked at: no existence oracle.
rulecfg extends-missing-outside 2 "outside" "extends: /nonexistent/secret.yml"
lacks extends-passwd-no-content "$tmp/stderr" "root:"
rulecfg extends-dotdot 2 "outside" "extends: ../../../../../../../etc/passwd"
ln -s /etc/passwd "$R/sub/link.yml"
rulecfg extends-link-out 2 "outside" "extends: link.yml"
ln -s /dev/zero "$R/zero.yml"
rulecfg extends-dev-link 2 "outside" "extends: ../zero.yml"
mkfifo "$R/fifo.yml"
rulecfg extends-fifo 2 "not a regular file" "extends: ../fifo.yml"
head -c 1100000 /dev/zero | tr '\0' '#' >"$R/big.yml"
rulecfg extends-too-big 2 "file too big: 1100000 bytes (--max-rules-size is 1048576)" \
    "extends: ../big.yml"
check rules-size-option 0 "$T" lint -q --fail-on never --max-rules-size 2M \
    "$R/sub/a.md"
printf 'extends: deployment\n' >"$R/base.yml"
printf 'extends: ../base.yml\n' >"$R/sub/.ticklist.yml"
check extends-in-repo-ok 0 "$T" lint -q --fail-on never "$R/sub/a.md"
has extends-in-repo-findings "$tmp/stdout" "missing-section"
# Outside a repository the config's own directory is the limit.
mkdir -p "$tmp/norepo/sub"
printf 'extends: deployment\n' >"$tmp/norepo/base.yml"
printf 'extends: ../base.yml\n' >"$tmp/norepo/sub/.ticklist.yml"
cp "$R/sub/a.md" "$tmp/norepo/sub/a.md"
check extends-norepo 2 "$T" lint -q "$tmp/norepo/sub/a.md"
has extends-norepo-msg "$tmp/stderr" "outside $tmp/norepo/sub"
# Named on the command line, a file may be anywhere; -c of a device, a
# FIFO or a big file is refused like a checklist.
check rules-cmdline-anywhere 0 "$T" lint -q --fail-on never -r "$tmp/norepo/base.yml" "$R/sub/a.md"
check config-dev-zero 2 timeout 20 "$T" lint -q -c /dev/zero "$R/sub/a.md"
has config-dev-zero-msg "$tmp/stderr" "not a regular file"
check config-fifo 2 timeout 20 "$T" lint -q -c "$R/fifo.yml" "$R/sub/a.md"
check rules-fifo 2 timeout 20 "$T" lint -q -r "$R/fifo.yml" "$R/sub/a.md"
check config-big 2 "$T" lint -q -c "$R/big.yml" "$R/sub/a.md"
has config-big-msg "$tmp/stderr" "file too big"
mkfifo "$R/sub/.ticklist.yaml"
rm -f "$R/sub/.ticklist.yml"
check discovered-fifo 2 timeout 20 "$T" lint -q "$R/sub/a.md"
rm -f "$R/sub/.ticklist.yaml"
# A file that is not a rule file: a few errors, each quoting at most a
# short excerpt of one line.
i=0
while [ $i -lt 50 ]; do
	printf 'user%d: SECRET%dxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n' $i $i
	i=$((i + 1))
done >"$R/secrets.yml"
printf '"%s": 1\n' "$(printf 'K%.0s' $(seq 1 80))" >>"$R/secrets.yml"
check config-secrets 2 "$T" lint -q -c "$R/secrets.yml" "$R/sub/a.md"
lacks config-secrets-no-values "$tmp/stderr" "SECRET"
lacks config-secrets-capped "$tmp/stderr" "user20"
has config-secrets-note "$tmp/stderr" "more errors in this file not shown"
printf 'rules:\n  - id: %s\n    kind: pattern\n' "$(printf 'x%.0s' $(seq 1 200))" >"$R/long.yml"
check config-long-quote 2 "$T" lint -q -c "$R/long.yml" "$R/sub/a.md"
if awk 'length > 300 { bad = 1 } END { exit bad }' "$tmp/stderr"; then
	echo "ok hostile/config-long-quote-short"
else echo "not ok hostile/config-long-quote-short"; head -3 "$tmp/stderr"; fi

# Terminals and CI logs: no control character, bidi override or
# workflow command ("::" at a line's start) from a file or its name.
mkdir "$tmp/term"
printf -- '---\ntitle: "ok\\n::error::from front matter"\n---\n# T\n\n## \033[31mred \342\200\256\n- [ ] x TBD\n' \
    >"$tmp/term/$(printf 'a\033[2J\r.md')"
printf '# ::error::title\n\n##  ::warning::section\n- [ ] x TBD\n' \
    >"$tmp/term/::error::b.md"
printf '# \302\240::error::nbsp\n\n- [ ] x\n' >"$tmp/term/c.md"
printf 'rules:\n  - id: p\n    kind: pattern\n    pattern: x\n    message: "m\\e[31m\\n::error::forged"\n' \
    >"$tmp/term/msg.yml"
# clean NAME FILE: no ESC, CR, C1 or bidi byte, no line starting "::".
clean() {
	if LC_ALL=C grep -q "$(printf '[\033\r\001]')" "$2" ||
	    grep -q "$(printf '\342\200\256')" "$2" ||
	    grep -Eq '^[[:space:]]*::' "$2" ||
	    grep -q "$(printf '^\302\240::')" "$2"; then
		echo "not ok hostile/$1"; cat -A "$2" | head -10
	else echo "ok hostile/$1"; fi
}
check term-status 0 "$T" status "$tmp/term"
clean term-status-clean "$tmp/stdout"
has term-status-title "$tmp/stdout" 'ok\n::error::from front matter'
has term-status-esc "$tmp/stdout" '\e[31mred'
check term-lint 0 "$T" lint --fail-on never -r "$tmp/term/msg.yml" "$tmp/term"
clean term-lint-clean "$tmp/stdout"
clean term-lint-stderr-clean "$tmp/stderr"
has term-lint-msg "$tmp/stdout" 'm\e[31m\n::error::forged'
has term-lint-name "$tmp/stdout" 'a\e[2J\r.md:'
check term-diag 2 "$T" lint -q "$tmp/term/$(printf 'n\033[2Jo\n::error::x.md')"
clean term-diag-clean "$tmp/stderr"

# -o never replaces an input; an empty -o is a usage error.
mkdir "$tmp/o"
cp "$A" "$tmp/o/a.md"
cp "$tmp/o/a.md" "$tmp/o/a.orig"
check output-is-input 2 "$T" lint --no-config -o "$tmp/o/a.md" "$tmp/o/a.md"
has output-is-input-msg "$tmp/stderr" "a.md: error: is also an input"
check output-is-input-walk 2 "$T" status -o "$tmp/o/a.md" "$tmp/o"
ln "$tmp/o/a.md" "$tmp/o/hard.txt"
check output-is-input-link 2 "$T" status -o "$tmp/o/hard.txt" "$tmp/o/a.md"
if cmp -s "$tmp/o/a.md" "$tmp/o/a.orig"; then echo "ok hostile/output-input-intact"
else echo "not ok hostile/output-input-intact"; fi
check output-empty 2 "$T" lint --no-config -o "" "$tmp/o/a.md"
has output-empty-msg "$tmp/stderr" "-o: empty path"
check report-output-empty 2 "$T" report --no-config -o "" "$tmp/o/a.md"
has report-output-empty-msg "$tmp/stderr" "empty report directory"
# The pre-commit hooks: a staged file named "-oREADME.md" stays a file
# name (entry + args + file names, as pre-commit runs them).
mkdir "$tmp/pc"
printf 'readme\n' >"$tmp/pc/README.md"
cp "$A" "$tmp/pc/-oREADME.md"
python3 -c '
import sys, yaml, shlex
for h in yaml.safe_load(open(sys.argv[1])):
    print(" ".join([h["entry"]] + [shlex.quote(a) for a in h.get("args", [])]))
' .pre-commit-hooks.yaml >"$tmp/pc.cmds"
n=0
while read -r cmd; do
	n=$((n + 1))
	mkdir -p "$tmp/pcbin"
	ln -sf "$T" "$tmp/pcbin/ticklist"
	(cd "$tmp/pc" && PATH="$tmp/pcbin:$PATH" eval "$cmd -oREADME.md") \
	    >/dev/null 2>&1
	if [ "$(cat "$tmp/pc/README.md")" = readme ]; then
		echo "ok hostile/pre-commit-hook-$n"
	else echo "not ok hostile/pre-commit-hook-$n: README.md replaced"
		printf 'readme\n' >"$tmp/pc/README.md"; fi
done <"$tmp/pc.cmds"
[ $n -ge 2 ] && echo "ok hostile/pre-commit-hooks-read" ||
    echo "not ok hostile/pre-commit-hooks-read"

# The report folder: a manifest of what ticklist wrote; nothing else is
# replaced, nothing written through a link or into a non-regular file;
# all or nothing; stale pages and leftovers of killed runs removed.
RI=$tmp/rin RO=$tmp/rout
mkdir -p "$RI"
printf '# A\n\n- [x] one\n' >"$RI/a.md"
printf '# B\n\n- [ ] two\n' >"$RI/b.md"
# rep NAME WANT-EXIT: report RI into RO.
rep() {
	check "$1" "$2" timeout 60 "$T" report --no-config -q --fail-on never \
	    -o "$RO" "$RI"
}
rep report-fresh 0
has report-manifest "$RO/.ticklist.manifest" "rin_b.html"
cp -p "$RO/index.html" "$tmp/index.prev"
# A checklist deleted: its page goes; leftovers of a killed run go.
rm "$RI/b.md"
: >"$RO/.ticklist-AbC123"
: >"$RO/.ticklist-AbC123.index.html"
: >"$RO/index.html.ticklist-Zz9Zz9"
printf 'mine\n' >"$RO/notes.html"
rep report-stale 0
if [ ! -e "$RO/rin_b.html" ]; then echo "ok hostile/report-stale-page-removed"
else echo "not ok hostile/report-stale-page-removed"; fi
if [ -z "$(ls -a "$RO" | grep -e '^\.ticklist-' -e '\.ticklist-')" ]; then
	echo "ok hostile/report-leftovers-removed"
else echo "not ok hostile/report-leftovers-removed: $(ls -a "$RO" | tr '\n' ' ')"; fi
has report-foreign-kept "$RO/notes.html" "mine"
lacks report-manifest-updated "$RO/.ticklist.manifest" "rin_b.html"
printf '# B\n\n- [ ] two\n' >"$RI/b.md"
rep report-again 0
# snapshot: the report as it is, to compare after a refused run.
snap() { (cd "$RO" && find . -type f -exec cksum {} + | sort) >"$tmp/snap.$1"; }
same() {
	snap after
	if cmp -s "$tmp/snap.before" "$tmp/snap.after"; then echo "ok hostile/$1"
	else echo "not ok hostile/$1"; diff "$tmp/snap.before" "$tmp/snap.after" | head; fi
}
# A file ticklist did not write is never replaced; the run names it.
pa=$(grep 'rin_a\.html$' "$RO/.ticklist.manifest")
pc=$(echo "$pa" | sed 's/rin_a\.html$/rin_c.html/')
printf 'hand written\n' >"$RO/$pc"
printf '# C\n\n- [ ] c\n' >"$RI/c.md"
snap before
rep report-foreign-refused 2
has report-foreign-msg "$tmp/stderr" "$pc: error: was not written by ticklist"
same report-foreign-all-or-nothing
has report-foreign-intact "$RO/$pc" "hand written"
rm "$RI/c.md" "$RO/$pc"
# Links and non-regular files: refused by name, nothing written.
for f in badge.svg summary.md; do
	mv "$RO/$f" "$tmp/$f.keep"
	ln -s /dev/null "$RO/$f"
	snap before
	rep "report-link-$f" 2
	has "report-link-$f-msg" "$tmp/stderr" "$f: error: is a symbolic link"
	same "report-link-$f-whole"
	rm "$RO/$f"
	mkfifo "$RO/$f"
	rep "report-fifo-$f" 2
	has "report-fifo-$f-msg" "$tmp/stderr" "$f: error: is not a regular file"
	rm "$RO/$f"
	mv "$tmp/$f.keep" "$RO/$f"
done
rm "$RO/$pa"
ln -s "$tmp/victim" "$RO/$pa"
printf 'victim\n' >"$tmp/victim"
rep report-link-page 2
has report-link-page-victim "$tmp/victim" "victim"
rm "$RO/$pa"
rep report-recovers 0
# All or nothing when killed (SIGKILL) among the renames: the commit
# journal. Renames: 1 the manifest, 2 the journal (the commit point),
# then the pages and the fixed files. Killed before the commit point,
# the old report stays whole; killed after it, the next run completes
# the new one before anything else (here a run that then refuses a
# foreign file, so that what it found is what stays).
KI=$tmp/kin KO=$tmp/kout
mkdir -p "$KI"
kinputs() {
	for n in a b c d; do printf '# %s\n\n- [%s] %s item\n' "$n" "$1" "$n" >"$KI/$n.md"; done
}
krep() {	# krep OUT [inject settings]: report KI into OUT
	o=$1
	shift
	SOURCE_DATE_EPOCH=1798761600 inject "$@" -- "$T" report --no-config -q \
	    --fail-on never -o "$o" "$KI"
}
kview() { (cd "$1" && for f in *; do cksum <"$f" | sed "s|^|$f |"; done) >"$2"; }
kinputs ' '
krep "$tmp/kold" INJECT_FUNC=none >/dev/null 2>&1
kinputs x
krep "$tmp/knew" INJECT_FUNC=none >/dev/null 2>&1
kview "$tmp/kold" "$tmp/kview.old"
kview "$tmp/knew" "$tmp/kview.new"
if cmp -s "$tmp/kview.old" "$tmp/kview.new" || [ ! -s "$tmp/kview.old" ]; then
	echo "not ok hostile/report-kill-setup: old and new reports are the same"
fi
for nth in 1 2 3 5 8; do
	rm -rf "$KO"
	kinputs ' '
	krep "$KO" INJECT_FUNC=none >/dev/null 2>&1
	kinputs x
	krep "$KO" INJECT_FUNC=rename INJECT_ERRNO=KILL INJECT_NTH=$nth \
	    >/dev/null 2>&1
	rc=$?
	kview "$KO" "$tmp/kview.got"
	if [ "$rc" -lt 128 ]; then
		echo "not ok hostile/report-kill-$nth: not killed (status $rc)"
	elif [ $nth -le 2 ] && cmp -s "$tmp/kview.got" "$tmp/kview.old" &&
	    [ ! -e "$KO/.ticklist.journal" ]; then
		echo "ok hostile/report-kill-$nth-old-whole"
	elif [ $nth -gt 2 ] && [ -e "$KO/.ticklist.journal" ] &&
	    { [ $nth = 3 ] || ! cmp -s "$tmp/kview.got" "$tmp/kview.old"; } &&
	    ! cmp -s "$tmp/kview.got" "$tmp/kview.new"; then
		echo "ok hostile/report-kill-$nth-mid-commit"
	else
		echo "not ok hostile/report-kill-$nth: after the kill"
		diff "$tmp/kview.old" "$tmp/kview.got" | head -5
	fi
	# The next run: completes (or rolls back) first, then refuses.
	pe=$(ls "$tmp/kold" | grep 'kin_a\.html$' | sed 's/kin_a/kin_e/')
	printf 'foreign\n' >"$KO/$pe"
	printf '# e\n\n- [ ] e\n' >"$KI/e.md"
	krep "$KO" INJECT_FUNC=none >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
	rm "$KI/e.md" "$KO/$pe"
	kview "$KO" "$tmp/kview.got"
	want=new
	[ $nth -le 2 ] && want=old
	if [ "$rc" = 2 ] && grep -q 'kin_e.html: error: was not written' "$tmp/stderr" &&
	    cmp -s "$tmp/kview.got" "$tmp/kview.$want" &&
	    [ ! -e "$KO/.ticklist.journal" ] &&
	    [ -z "$(ls -a "$KO" | grep -e '^\.ticklist-')" ]; then
		echo "ok hostile/report-kill-$nth-next-run-sees-$want"
	else
		echo "not ok hostile/report-kill-$nth-next-run-sees-$want (status $rc)"
		diff "$tmp/kview.$want" "$tmp/kview.got" | head -5
		ls -a "$KO" | head -20
	fi
	if [ $nth = 5 ]; then
		grep -v '^#' "$KO/.ticklist.manifest" | sort >"$tmp/kman"
		ls "$tmp/knew" | sort >"$tmp/kman.want"
		if cmp -s "$tmp/kman" "$tmp/kman.want"; then echo "ok hostile/report-kill-manifest"
		else echo "not ok hostile/report-kill-manifest"; diff "$tmp/kman.want" "$tmp/kman"; fi
	fi
done
# A journal planted in the report folder (a repository's own, with
# -o .) renames nothing onto a file ticklist did not write.
mkdir -p "$tmp/plant/out"
printf '# A\n\n- [ ] a\n' >"$tmp/plant/a.md"
printf 'mine\n' >"$tmp/plant/out/README.md"
printf 'evil\n' >"$tmp/plant/out/.ticklist-x"
printf 'R\t.ticklist-x\tREADME.md\n' >"$tmp/plant/out/.ticklist.journal"
check report-journal-planted 2 "$T" report --no-config -q --fail-on never \
    -o "$tmp/plant/out" "$tmp/plant/a.md"
has report-journal-planted-msg "$tmp/stderr" "would replace README.md, which ticklist did not write"
has report-journal-planted-intact "$tmp/plant/out/README.md" "mine"
# report -o . . : neither a checklist named summary.md nor an index.html
# someone wrote is replaced.
mkdir "$tmp/dot"
printf '# S\n\n- [ ] s\n' >"$tmp/dot/summary.md"
printf '<p>site</p>\n' >"$tmp/dot/index.html"
cp "$tmp/dot/summary.md" "$tmp/dot.summary"
check report-dot 2 sh -c "cd '$tmp/dot' && '$T' report --no-config -q -o . ."
has report-dot-input-msg "$tmp/stderr" "summary.md: error: is also an input"
has report-dot-index-msg "$tmp/stderr" "index.html: error: was not written by ticklist"
has report-dot-index-intact "$tmp/dot/index.html" "<p>site</p>"
if cmp -s "$tmp/dot/summary.md" "$tmp/dot.summary"; then echo "ok hostile/report-dot-input-intact"
else echo "not ok hostile/report-dot-input-intact"; fi
# Page names stay under NAME_MAX: a 300-character path.
long=$tmp/long/$(printf 'd%.0s' $(seq 1 120))/$(printf 'e%.0s' $(seq 1 120))
mkdir -p "$long"
cp "$RI/a.md" "$long/$(printf 'f%.0s' $(seq 1 80)).md"
cp "$RI/a.md" "$long/$(printf 'f%.0s' $(seq 1 79))g.md"
check report-long-name 0 "$T" report --no-config -q --fail-on never \
    -o "$tmp/longout" "$tmp/long"
if [ "$(ls "$tmp/longout" | awk 'length > 200' | wc -l)" = 0 ] &&
    [ "$(ls "$tmp/longout" | grep -c '_long_.*-[0-9a-f]\{8\}\.html$')" = 2 ]; then
	echo "ok hostile/report-long-name-capped"
else echo "not ok hostile/report-long-name-capped"; ls "$tmp/longout"; fi
# A second run into the same folder waits for the first (flock).
if command -v flock >/dev/null 2>&1; then
	flock "$RO/.ticklist.lock" sleep 3 &
	i=0	# until the holder has it
	while flock -n "$RO/.ticklist.lock" true && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	rep report-lock-waits 0
	has report-lock-msg "$tmp/stderr" "another ticklist report is writing there; waiting"
	wait
fi
# No input and no file outside the report folder is opened for writing.
if command -v strace >/dev/null 2>&1; then
	ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" strace -f -qq \
	    -e trace=open,openat,creat,truncate,rename,renameat,renameat2,unlink,unlinkat \
	    -o "$tmp/strace.rep" "$T" report --no-config -q -o "$RO" "$RI" \
	    >/dev/null 2>&1
	if grep -q "$RO/index.html" "$tmp/strace.rep"; then
		echo "ok hostile/report-strace-sees"
	else echo "not ok hostile/report-strace-sees"; fi
	if grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|creat\(|truncate\(|rename|unlink' \
	    "$tmp/strace.rep" | grep -v -F "\"$RO/"; then
		echo "not ok hostile/report-writes-only-its-folder"
	else echo "ok hostile/report-writes-only-its-folder"; fi
fi

# A checklist that cannot be read, or is too big for its page, stays in
# the report with its reason ("error"); the other pages are written and
# the run exits 2.
mkdir -p "$tmp/bad"
printf '# A\n\n- [ ] a\n' >"$tmp/bad/a.md"
printf '# B\n\0\n- [ ] b\n' >"$tmp/bad/bin.md"
check report-unreadable 2 "$T" report --no-config -q --fail-on never \
    -o "$tmp/badout" "$tmp/bad"
has report-unreadable-msg "$tmp/stderr" "bin.md:2: error: binary file"
if python3 - "$tmp/badout/report.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
e = {c["file"].rsplit("/", 1)[-1]: c for c in d["checklists"]}
assert e["bin.md"]["error"].startswith("binary file"), e["bin.md"]
assert e["bin.md"]["page"] is None
assert "error" not in e["a.md"] and e["a.md"]["page"]
assert d["summary"]["files"] == 2
PY
then echo "ok hostile/report-unreadable-json"
else echo "not ok hostile/report-unreadable-json"; fi
has report-unreadable-index "$tmp/badout/index.html" "binary file (NUL byte at offset 4)"
has report-unreadable-summary "$tmp/badout/summary.md" "binary file"
if [ "$(ls "$tmp/badout" | grep -c '\.html$')" = 2 ]; then
	echo "ok hostile/report-unreadable-other-page"
else echo "not ok hostile/report-unreadable-other-page: $(ls "$tmp/badout")"; fi
# Too big for its page: a page template whose output grows as the fourth
# power of the tasks stops on the big checklist only.
mkdir -p "$tmp/tpl" "$tmp/big4"
printf '{{#checklist}}{{#tasks}}{{#tasks}}{{#tasks}}{{#tasks}}x{{/tasks}}{{/tasks}}{{/tasks}}{{/tasks}}{{/checklist}}\n' \
    >"$tmp/tpl/checklist.html.mustache"
printf '# Small\n\n- [ ] a\n- [ ] b\n' >"$tmp/big4/small.md"
{ printf '# Big\n\n'; i=0; while [ $i -lt 300 ]; do echo "- [ ] t$i"; i=$((i + 1)); done; } \
    >"$tmp/big4/big.md"
check report-page-too-big 2 timeout 60 "$T" report --no-config -q \
    --fail-on never --templates "$tmp/tpl" -o "$tmp/big4out" "$tmp/big4"
has report-page-too-big-msg "$tmp/stderr" "big.md: error: page not written"
has report-page-too-big-json "$tmp/big4out/report.json" '"error": "page not written: rendering failed"'
if [ -f "$tmp/big4out/index.html" ] &&
    [ "$(ls "$tmp/big4out" | grep -c 'small\.html$')" = 1 ] &&
    [ "$(ls "$tmp/big4out" | grep -c 'big\.html$')" = 0 ]; then
	echo "ok hostile/report-page-too-big-others"
else echo "not ok hostile/report-page-too-big-others: $(ls "$tmp/big4out")"; fi

# YAML nesting is capped before libyaml loads it (front matter, rules).
python3 -c '
import sys
n = 100000
open(sys.argv[1], "w").write("---\nx: " + "[" * n + "]" * n + "\n---\n# T\n\n- [ ] a\n")
open(sys.argv[2], "w").write("rules: " + "[" * n + "]" * n + "\n")
' "$tmp/deep.md" "$tmp/deep.yml"
check deep-front-matter 1 timeout 10 "$T" lint --no-config -r deployment \
    "$tmp/deep.md"
# (front matter that does not load is left out; the Markdown after it is
# still checked)
has deep-front-matter-body-checked "$tmp/stdout" "deep.md:4:1: error: missing section"
check deep-front-matter-report 1 timeout 20 "$T" report --no-config -q -r deployment \
    -o "$tmp/deepout" "$tmp/deep.md"
check deep-rules 2 timeout 10 "$T" lint -c "$tmp/deep.yml" "$tmp/deep.md"
has deep-rules-msg "$tmp/stderr" "deep.yml:1:"
has deep-rules-msg2 "$tmp/stderr" "YAML nested more than 64 deep"

# Small fixes: an empty directory (no qsort of nothing), help and
# --version into /dev/full.
mkdir "$tmp/emptydir"
check empty-dir 2 "$T" status "$tmp/emptydir"
has empty-dir-named "$tmp/stderr" "emptydir: error: no Markdown file"
if [ -e /dev/full ]; then
	for a in help --version "help lint" "help report" "lint --help" \
	    "report --help"; do
		n=$(echo "$a" | tr ' ' '-')
		check "dev-full-$n" 2 sh -c "'$T' $a >/dev/full"
		has "dev-full-$n-msg" "$tmp/stderr" "No space left on device"
	done
fi

# Suppression comments are matched in O(n log n): 30,000 disable/enable
# pairs (with 60,000 findings) took minutes when every finding scanned
# every directive.
python3 -c '
import sys
L = ["# T", ""]
for i in range(30000):
    L += ["<!-- ticklist-disable placeholder -->", "- [ ] item TBD %d" % i,
          "<!-- ticklist-enable placeholder -->", "- [ ] other TBD %d" % i]
open(sys.argv[1], "w").write("\n".join(L) + "\n")
' "$tmp/supp.md"
check suppress-30k 0 timeout 60 "$T" lint --no-config -q --fail-on never "$tmp/supp.md"
# Items on lines 4, 8, ... are disabled; those on 6, 10, ... are not.
if [ "$(grep -c '\[placeholder\]' "$tmp/stdout")" = 30000 ] &&
    awk -F: '/\[placeholder\]/ && $2 % 4 != 2 { bad = 1 } END { exit bad }' \
    "$tmp/stdout"; then
	echo "ok hostile/suppress-30k-right"
else echo "not ok hostile/suppress-30k-right"; fi

# Two runs into one folder at once do not interleave: the lock makes one
# wait, and the folder ends as one run's report (every page it links
# exists, the manifest names exactly the pages there).
mkdir -p "$tmp/two1" "$tmp/two2"
for i in 1 2 3 4 5 6; do
	printf '# One %d\n\n- [ ] x\n' $i >"$tmp/two1/one$i.md"
	printf '# Two %d\n\n- [x] y\n' $i >"$tmp/two2/two$i.md"
done
"$T" report --no-config -q --fail-on never -o "$tmp/two" "$tmp/two1" \
    >/dev/null 2>&1 &
"$T" report --no-config -q --fail-on never -o "$tmp/two" "$tmp/two2" \
    >/dev/null 2>&1
wait
(cd "$tmp/two" && ls *.html | grep -v '^index\.html$' | sort) >"$tmp/two.files"
grep -v '^#' "$tmp/two/.ticklist.manifest" | grep '\.html$' |
    grep -v '^index\.html$' | sort >"$tmp/two.manifest"
grep -o 'href="[^"]*\.html"' "$tmp/two/index.html" | sed 's/href="//; s/"$//' |
    sort >"$tmp/two.links"
if cmp -s "$tmp/two.files" "$tmp/two.manifest" &&
    cmp -s "$tmp/two.files" "$tmp/two.links" &&
    [ "$(wc -l <"$tmp/two.files")" = 6 ]; then
	echo "ok hostile/report-two-runs-one-report"
else echo "not ok hostile/report-two-runs-one-report"
	paste "$tmp/two.files" "$tmp/two.manifest" "$tmp/two.links"; fi
