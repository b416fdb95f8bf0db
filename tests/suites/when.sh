#!/bin/sh
# when.sh: the run's one notion of now (src/lib/when.c). SOURCE_DATE_EPOCH is
# read once: a bad value is the same clear error, exit 2, for every
# command; a good one fixes report.json's generated_at, JUnit's timestamp
# and the date that sign-off dates are compared with.
T=${TOP:-.}/${BUILD:-build}/ticklist
cd "${TOP:-.}" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

for cmd in lint status report; do
	o=
	[ $cmd = report ] && o="-o $tmp/r"
	SOURCE_DATE_EPOCH=abc "$T" $cmd $o samples/release.md \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q "SOURCE_DATE_EPOCH: expected seconds since 1970, not 'abc'" "$tmp/err" &&
	    [ $(wc -l <"$tmp/err") -eq 1 ]; then
		echo "ok when/bad-epoch-$cmd"
	else
		echo "not ok when/bad-epoch-$cmd: exit $rc"; cat "$tmp/err"
	fi
done

SOURCE_DATE_EPOCH=1767225600 "$T" lint --format junit samples/release.md \
    >"$tmp/j" 2>/dev/null
if grep -q 'timestamp="2026-01-01T00:00:00"' "$tmp/j"; then
	echo "ok when/junit-epoch"
else
	echo "not ok when/junit-epoch"
fi
SOURCE_DATE_EPOCH=1767225600 "$T" report -q -o "$tmp/r2" samples/release.md \
    >/dev/null 2>&1
if grep -q '"generated_at": "2026-01-01T00:00:00Z"' "$tmp/r2/report.json"; then
	echo "ok when/report-epoch"
else
	echo "not ok when/report-epoch"
fi

# A sign-off dated 2026-06-01 is in the future on 2026-01-01 and not on
# 2027-01-01: the date comes from SOURCE_DATE_EPOCH, not the clock.
cat >"$tmp/s.md" <<'MD'
# Release

- [x] Ship it

## Sign-off

**Date:** 2026-06-01
MD
printf 'extends: release\n' >"$tmp/.ticklist.yml"
SOURCE_DATE_EPOCH=1767225600 "$T" lint "$tmp/s.md" >"$tmp/o1" 2>&1
SOURCE_DATE_EPOCH=1798761600 "$T" lint "$tmp/s.md" >"$tmp/o2" 2>&1
if grep -q 'in the future' "$tmp/o1" && ! grep -q 'in the future' "$tmp/o2"
then
	echo "ok when/signoff-date-uses-epoch"
else
	echo "not ok when/signoff-date-uses-epoch"; cat "$tmp/o1" "$tmp/o2"
fi
