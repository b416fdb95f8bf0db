#!/bin/sh
# layout.sh: src/ reads as the pipeline (README, "Layout"): one folder per
# stage, includes only from earlier stages, no include cycle.
cd "${TOP:-.}" || exit 1
python3 tests/layout/check_layout.py src

# The checker itself: a cycle and a backward include are caught.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cp -r src "$tmp/src"
printf '#include "verdict.h"\n' >>"$tmp/src/2-parse/table.h"
printf '#include "esc.h"\n' >>"$tmp/src/lib/buf.h"
if python3 tests/layout/check_layout.py "$tmp/src" >"$tmp/out" 2>&1; then
	echo "not ok layout/catches-backward-include"
else
	grep -q 'not ok layout/stage-order: 2-parse/table.h -> 4-verdict/verdict.h' "$tmp/out" &&
	grep -q 'not ok layout/no-include-cycle: buf -> esc -> buf' "$tmp/out" &&
	echo "ok layout/catches-backward-include" ||
	{ echo "not ok layout/catches-backward-include"; cat "$tmp/out"; }
fi

# The same order at link level: no object calls into a later stage
# through a declaration in an earlier one's header (nm on $BUILD/obj).
python3 tests/layout/check_symbols.py src "${BUILD:-build}/obj"

# That checker itself: a config/ object using a symbol of 3-check/ is
# caught, the other way round is not.
mkdir -p "$tmp/sym/src/config" "$tmp/sym/src/3-check" "$tmp/sym/obj"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19; do
	printf 'int pad%s(void) { return %s; }\n' "$i" "$i" \
	    >"$tmp/sym/src/config/pad$i.c"
done
printf 'extern const int kinds[];\nint loader(void) { return kinds[0]; }\n' \
    >"$tmp/sym/src/config/loader.c"
printf 'int loader(void);\nconst int kinds[] = { 1 };\nint checker(void) { return loader(); }\n' \
    >"$tmp/sym/src/3-check/checker.c"
for c in "$tmp"/sym/src/*/*.c; do
	o=${c##*/}
	${CC:-cc} -c -o "$tmp/sym/obj/${o%.c}.o" "$c" || break
done
if python3 tests/layout/check_symbols.py "$tmp/sym/src" "$tmp/sym/obj" \
    >"$tmp/out" 2>&1; then
	echo "not ok layout/catches-backward-symbol"
else
	grep -qx 'not ok layout/symbol-order: config/loader.o -> 3-check/checker.o: kinds' "$tmp/out" &&
	echo "ok layout/catches-backward-symbol" ||
	{ echo "not ok layout/catches-backward-symbol"; cat "$tmp/out"; }
fi
