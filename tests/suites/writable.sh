#!/bin/sh
# writable.sh: no object file has writable file-scope data (README,
# "Architecture": the run's context). What a run changes lives in the one
# struct ctx of ctx.h; tables are const (their pointers too: under PIE a
# table of pointers is .data.rel.ro, read-only once relocated, which nm
# also shows as "d", hence objdump and section names here). Thread-local
# data (.tdata, .tbss) is allowed: a thread that needs its own keeps it.
cd "${TOP:-.}" || exit 1
BUILD=${BUILD:-build}

# The writable symbols that must stay, one "object symbol" a line, each
# with its reason.
allow='
ctx.o ctx_default
ctx.o ctx_cur
cmem.o cmem_mem
cmem.o cmem_key
cmem.o cmem_once
'
# ctx.o: the context in use and the default one (unit tests, fuzzers).
# cmem.o: cmark's allocator glue: cmark_mem is passed to libcmark as a
# non-const pointer; the pthread key and its once-flag keep each thread's
# spare arena chunks (freed by the key's destructor when a thread ends).

# "object section symbol" for every defined symbol in .data*/.bss* but
# .data.rel.ro*.
writable() {
	for o in "$@"; do
		objdump -t "$o" | awk -v f="${o##*/}" '
		/^[0-9a-f]+ / {
			sec = ""
			for (i = 2; i <= NF; i++)
				if ($i ~ /^[.*]/) { sec = $i; break }
			# Sanitizer and coverage instrumentation are not ours.
			if (sec ~ /^\.(data|bss)/ && sec !~ /^\.data\.rel\.ro/ &&
			    $NF !~ /^\./ &&
			    $NF !~ /^_+(odr_)?(asan|ubsan|gcov|llvm|sancov)/)
				print f, sec, $NF
		}'
	done
}

set -- "$BUILD"/obj/*.o
if [ ! -f "$1" ] || [ $# -lt 20 ]; then
	echo "not ok writable/objects: no object files in $BUILD/obj"
	exit 0
fi
bad=$(writable "$@" | while read -r f sec sym; do
	printf '%s\n' "$allow" | grep -qx "$f $sym" ||
	    echo "$f: $sym ($sec)"
done)
if [ -z "$bad" ]; then
	echo "ok writable/no-mutable-globals"
else
	echo "not ok writable/no-mutable-globals: writable file-scope data" \
	    "(move it into struct ctx, make it const, or _Thread_local):"
	echo "$bad" | sed 's/^/  /'
fi

# The check itself: a static counter, a non-const table of pointers and a
# string buffer are caught; a const table and thread-local data are not.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cat >"$tmp/probe.c" <<'EOC'
static int counter;
static const char *names[] = { "a", "b" };
static char scratch[64] = "x";
static const char *const ok_table[] = { "c", "d" };
static _Thread_local int ok_tls;
int probe(int);
int probe(int i) { counter += i; ok_tls += i; scratch[0] = (char)i;
	return names[i & 1][0] + ok_table[i & 1][0] + counter + ok_tls; }
EOC
if ${CC:-cc} -std=c11 -O0 -fPIE -c -o "$tmp/probe.o" "$tmp/probe.c" 2>"$tmp/err"; then
	got=$(writable "$tmp/probe.o" | awk '{ print $3 }' | sort | tr '\n' ' ')
	if [ "$got" = "counter names scratch " ]; then
		echo "ok writable/catches-writable-data"
	else
		echo "not ok writable/catches-writable-data: found '$got'"
	fi
else
	echo "not ok writable/catches-writable-data: cannot compile the probe"
	cat "$tmp/err"
fi
