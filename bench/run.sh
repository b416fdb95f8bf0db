#!/bin/sh
# run.sh: the benchmark behind `make bench` (and `make bench-instr` with
# --instr). Generates the corpora under bench/corpus/ with bench-gen, then
# times, on each corpus, the floor (bench-floor: a bare cmark parse and
# walk), the ticklist commands, and the peers rumdl and markdownlint-cli2
# when npm can provide them, all in one run: a warm-up, then BENCH_ROUNDS
# rounds in which every command runs once, the order reversing each round
# so that A and B alternate. Prints a Markdown table (medians of wall and
# CPU time, MB/s, peak RSS, ratios to the floor) and writes it to
# bench/results.md (BENCH_OUT).
#
# Environment: BUILD (build dir, default build), BENCH_ROUNDS (5; corpus
# (a) runs five times as many rounds, its runs take milliseconds),
# BENCH_SETS ("a b c r"), BENCH_BIG (size of (c), 50M), BENCH_RUSTBOOK
# (the folder of corpus (r), ../shared/corpus/rust-book: real files, not
# generated; skipped, and said so, when absent), BENCH_MDL (auto, or 0 to
# skip markdownlint-cli2), BENCH_MDL_ROUNDS (1: it takes minutes),
# BENCH_RUMDL (auto, or 0 to skip rumdl), BENCH_PEERS (where rumdl is
# installed, $BUILD/peers), BENCH_NPM (the npm command, npm), BENCH_OUT
# (where the table is written, bench/results.md), BENCH_TIMEOUT (900:
# seconds before one run is killed and counted as failed, status 137).
# A peer that cannot be installed or run is a "skipped (why)" row and the
# run goes on.
# A ticklist command that exits 0 or 1 is measured; one that behaves
# exactly like an unknown subcommand (same status, same output, "unknown
# command" on stderr) is "n/a" (not implemented yet); any other status is
# "failed" (with its first line of stderr under the table) and the run
# goes on.
set -u

BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
ROUNDS=${BENCH_ROUNDS:-5}
SETS=${BENCH_SETS:-a b c r}
BIG=${BENCH_BIG:-50M}
MDL=${BENCH_MDL:-auto}
MDL_ROUNDS=${BENCH_MDL_ROUNDS:-1}
RUMDL=${BENCH_RUMDL:-auto}
NPM=${BENCH_NPM:-npm}
TIMEOUT=${BENCH_TIMEOUT:-900}
TOP=$(cd "$(dirname "$0")/.." && pwd)
B=$TOP/bench
OUT=${BENCH_OUT:-$B/results.md}
RB=${BENCH_RUSTBOOK:-$TOP/../shared/corpus/rust-book}
[ -d "$RB" ] && RB=$(cd "$RB" && pwd)
# The generated corpora live in bench/corpus/, which git ignores: ticklist
# runs with --no-ignore there (the Rust Book is in no repository).
CORPUS=$B/corpus
GEN=$BUILD/bench-gen
FLOOR=$BUILD/bench-floor
RSS=$BUILD/bench-rss
TL=$BUILD/ticklist
MDLBIN=$B/node_modules/.bin/markdownlint-cli2
# rumdl: the npm package of its Linux x64 binary, pinned, installed under
# the build folder (never a dependency of the project).
RUMDL_PKG=@rumdl/cli-linux-x64
RUMDL_VERSION=0.2.77
RUMDLDIR=${BENCH_PEERS:-$BUILD/peers}/rumdl
RUMDLBIN=$RUMDLDIR/node_modules/$RUMDL_PKG/rumdl

for p in "$GEN" "$FLOOR" "$RSS"; do
	[ -x "$p" ] || { echo "bench: $p missing: run make bench" >&2; exit 2; }
done
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ticklist-bench.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

# corpus NAME GEN-ARGS...: generates bench/corpus/NAME unless a stamp
# newer than the generator records the same arguments.
corpus() {
	name=$1
	shift
	stamp=$CORPUS/$name.stamp
	if [ -f "$stamp" ] && [ -z "$(find "$GEN" -newer "$stamp")" ] &&
	    [ "$(cat "$stamp")" = "$*" ] && [ -d "$CORPUS/$name" ]; then
		return 0
	fi
	echo "bench: generating corpus $name: bench-gen $*" >&2
	rm -rf "${CORPUS:?}/$name" "$stamp"
	mkdir -p "$CORPUS/$name" || exit 2
	case $1 in
	--big) "$GEN" "$@" -o "$CORPUS/$name/big.md" ;;
	*) "$GEN" "$@" -o "$CORPUS/$name" ;;
	esac || { echo "bench: bench-gen failed" >&2; exit 2; }
	echo "$*" >"$stamp"
}

# set_args SET: the generator arguments (none for a corpus of real files),
# the folder and the description of a corpus.
set_args() {
	DIR=$CORPUS/$1
	case $1 in
	a) ARGS="-n 5 -s 8K"; DESC="(a) 5 files of 8 KB" ;;
	b) ARGS="-n 2000 -s 10K"; DESC="(b) 2,000 files of 10 KB" ;;
	c) ARGS="--big $BIG"
	   DESC="(c) one file of $(echo "$BIG" | sed 's/\([KMG]\)$/ \1B/')" ;;
	r) ARGS=; DIR=$RB; DESC="(r) the Rust Book" ;;
	instr) ARGS="-n 20 -s 10K"; DESC="20 files of 10 KB" ;;
	*) echo "bench: unknown corpus $1 (use a, b, c, r)" >&2; exit 2 ;;
	esac
}

# list_files SET: writes $TMP/SET.list, the Markdown files of the corpus
# one a line, as ticklist finds them in its folder (hidden folders
# skipped); the floor and rumdl are given this list.
list_files() {
	find "$DIR" -mindepth 1 -name '.*' -prune -o -type f -name '*.md' \
	    -print | LC_ALL=C sort >"$TMP/$1.list"
}

# bytes LIST: total size of the files in LIST.
bytes() {
	tr '\n' '\0' <"$1" | xargs -0 cat | wc -c | tr -d ' '
}

# with_files LIST COMMAND...: runs COMMAND with the paths in LIST (one a
# line; they may hold spaces) appended as arguments.
with_files() {
	wl=$1
	shift
	set -f
	oifs=$IFS
	IFS='
'
	set -- "$@" $(cat "$wl")
	IFS=$oifs
	set +f
	"$@"
}

# label ID: how a command appears in the table.
label() {
	case $1 in
	floor) echo "floor (cmark parse + walk)" ;;
	lint1) echo "ticklist lint -j 1" ;;
	lint) echo "ticklist lint" ;;
	status) echo "ticklist status" ;;
	report) echo "ticklist report" ;;
	rfloor) echo "floor + copy of the report's output" ;;
	rumdl) echo "rumdl $RUMDL_VERSION" ;;
	mdl) echo "markdownlint-cli2" ;;
	esac
}

# run_one ID SET RESULT [quiet]: runs one command under bench-rss, which
# writes "wall maxrss status cpu" to RESULT; stdout goes to RESULT.out unless
# quiet, stderr to RESULT.err.
run_one() {
	case $2 in
	r) dir=$RB ;;
	*) dir=$CORPUS/$2 ;;
	esac
	q="-t $TIMEOUT"
	[ "${4:-}" = quiet ] && q="$q -q"
	case $1 in
	floor) with_files "$TMP/$2.list" "$RSS" $q -o "$3" "$FLOOR" ;;
	lint1) "$RSS" $q -o "$3" "$TL" lint --no-ignore -j 1 "$dir" ;;
	lint) "$RSS" $q -o "$3" "$TL" lint --no-ignore "$dir" ;;
	status) "$RSS" $q -o "$3" "$TL" status --no-ignore "$dir" ;;
	report)
		rm -rf "$TMP/report"
		# --no-ignore: bench/corpus/ is in .gitignore.
		"$RSS" $q -o "$3" "$TL" report --no-ignore -o "$TMP/report" \
		    "$dir" ;;
	# The floor of report: the floor's parse, then a copy of the
	# report's own output (saved from the warm-up run, report-ref):
	# the least any tool writing those bytes can do.
	rfloor)
		rm -rf "$TMP/rcopy"
		with_files "$TMP/$2.list" "$RSS" $q -o "$3" "$FLOOR" --copy \
		    "$TMP/$2/report-ref" "$TMP/rcopy" ;;
	rumdl) with_files "$TMP/$2.list" "$RSS" $q -C "$TMP" -o "$3" \
	    "$RUMDLBIN" check --no-cache --no-config --color never ;;
	mdl) "$RSS" $q -C "$dir" -o "$3" "$MDLBIN" '**/*.md' ;;
	bogus) "$RSS" $q -o "$3" "$TL" bench-no-such-command "$dir" ;;
	esac >"$3.out" 2>"$3.err"
}

# mdl_setup: true if markdownlint-cli2 can run; else MDLNOTE says why.
# It is installed under bench/node_modules from bench/package.json, never
# as a dependency of the project.
mdl_setup() {
	MDLNOTE=
	if [ "$MDL" = 0 ]; then
		MDLNOTE="skipped (BENCH_MDL=0)"
		return 1
	fi
	if ! command -v "$NPM" >/dev/null 2>&1 ||
	    ! command -v node >/dev/null 2>&1; then
		MDLNOTE="skipped (no npm)"
		return 1
	fi
	major=$(node -e 'process.stdout.write(process.versions.node.split(".")[0])')
	if [ "${major:-0}" -lt 20 ]; then
		MDLNOTE="skipped (node $major < 20)"
		return 1
	fi
	if [ ! -x "$MDLBIN" ]; then
		echo "bench: installing markdownlint-cli2 under bench/ ..." >&2
		to=
		command -v timeout >/dev/null 2>&1 && to="timeout 300"
		if ! $to "$NPM" install --prefix "$B" --no-package-lock --no-audit \
		    --no-fund >"$TMP/npm.log" 2>&1 || [ ! -x "$MDLBIN" ]; then
			MDLNOTE="skipped (npm install failed; offline?)"
			return 1
		fi
	fi
	return 0
}

# rumdl_setup: true if rumdl can run; else RUMDLNOTE says why. The pinned
# version is installed under $BENCH_PEERS/rumdl by npm (the package holds
# a prebuilt Linux x64 binary; no node is needed to run it).
rumdl_setup() {
	RUMDLNOTE=
	if [ "$RUMDL" = 0 ]; then
		RUMDLNOTE="skipped (BENCH_RUMDL=0)"
		return 1
	fi
	if [ "$(uname -sm)" != "Linux x86_64" ]; then
		RUMDLNOTE="skipped (no $RUMDL_PKG build for $(uname -sm))"
		return 1
	fi
	want="rumdl $RUMDL_VERSION"
	if [ "$("$RUMDLBIN" --version 2>/dev/null)" != "$want" ]; then
		if ! command -v "$NPM" >/dev/null 2>&1; then
			RUMDLNOTE="skipped (no npm)"
			return 1
		fi
		echo "bench: installing $RUMDL_PKG@$RUMDL_VERSION under" \
		    "$RUMDLDIR ..." >&2
		to=
		command -v timeout >/dev/null 2>&1 && to="timeout 300"
		rm -rf "$RUMDLDIR"
		mkdir -p "$RUMDLDIR" || exit 2
		if ! $to "$NPM" install --prefix "$RUMDLDIR" --no-save \
		    --no-package-lock --no-audit --no-fund \
		    "$RUMDL_PKG@$RUMDL_VERSION" >"$TMP/npm-rumdl.log" 2>&1; then
			RUMDLNOTE="skipped (npm install failed; offline?)"
			return 1
		fi
		if [ "$("$RUMDLBIN" --version 2>/dev/null)" != "$want" ]; then
			RUMDLNOTE="skipped (installed rumdl does not run)"
			return 1
		fi
	fi
	return 0
}

# peer ID HAVE NOTE BIGNOTE: inside the loop over corpora, adds peer ID
# to the live commands when HAVE is 1 and the corpus is not (c); else its
# status is NOTE (why it cannot run) or "skipped (BIGNOTE)" on (c).
peer() {
	if [ "$2" = 1 ] && [ "$s" != c ]; then
		live="$live $1"
		echo ok >"$R/status.$1"
	elif [ "$2" = 1 ]; then
		echo "skipped ($4)" >"$R/status.$1"
	else
		echo "$3" >"$R/status.$1"
	fi
}

# median FILE: the median of column 1 of FILE (numbers, one a line).
median() {
	sort -g "$1" | awk '{ v[NR] = $1 } END {
	    if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2];
	    else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# machine: one line describing where the numbers come from.
machine() {
	cpu=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo 2>/dev/null |
	    head -n 1)
	rev=$(git -C "$TOP" rev-parse --short HEAD 2>/dev/null || echo unknown)
	echo "Machine: $(nproc 2>/dev/null || echo '?') CPUs, ${cpu:-unknown CPU}," \
	    "$(uname -sr), cmark $(pkg-config --modversion libcmark 2>/dev/null)," \
	    "$(date -u '+%Y-%m-%d %H:%M UTC'), ticklist $rev."
}

# ------------------------------------------------------------------ instr
# `make bench-instr`: callgrind instruction counts of the floor and of
# `ticklist lint -j 1` (one thread: the count does not depend on the
# scheduler) on a fixed corpus of 20 generated files.
if [ "${1:-}" = --instr ]; then
	if ! command -v valgrind >/dev/null 2>&1; then
		echo "bench: valgrind not found (Debian package valgrind)" >&2
		exit 2
	fi
	ir() {
		valgrind --tool=callgrind --callgrind-out-file="$TMP/cg" "$@" \
		    >"$TMP/cg.out" 2>"$TMP/cg.err"
		rc=$?
		sed -n 's/^summary: *//p' "$TMP/cg" 2>/dev/null | head -n 1
		return $rc
	}
	# instr_set SET: the counts on one corpus; 1 if lint failed.
	instr_set() {
		set_args "$1"
		[ -n "$ARGS" ] && corpus "$1" $ARGS
		dir=$DIR
		list_files "$1"
		n=$(bytes "$TMP/$1.list")
		floor_ir=$(with_files "$TMP/$1.list" ir "$FLOOR")
		run_one bogus "$1" "$TMP/bogus"
		"$TL" lint --no-ignore -j 1 "$dir" >"$TMP/lint.out" 2>/dev/null
		lrc=$?
		brc=$(awk '{ print $3 }' "$TMP/bogus")
		echo "callgrind instructions (Ir) on $DESC" \
		    "($(wc -l <"$TMP/$1.list" | tr -d ' ') files, $n bytes):"
		printf '  %-22s %14s  %6.1f Ir/byte\n' "floor" "$floor_ir" \
		    "$(awk -v a="$floor_ir" -v b="$n" 'BEGIN { print a / b }')"
		if [ "$lrc" = "$brc" ] &&
		    cmp -s "$TMP/lint.out" "$TMP/bogus.out"; then
			printf '  %-22s %14s\n' "ticklist lint -j 1" \
			    "n/a (not implemented)"
			return 0
		fi
		lint_ir=$(ir "$TL" lint --no-ignore -j 1 "$dir")
		lrc=$?
		if [ "$lrc" -gt 1 ] || [ -z "$lint_ir" ]; then
			printf '  %-22s %14s\n' "ticklist lint -j 1" \
			    "failed (status $lrc)"
			head -n 3 "$TMP/cg.err" | sed 's/^/    /'
			return 1
		fi
		printf '  %-22s %14s  %6.1f Ir/byte  %.2f x floor\n' \
		    "ticklist lint -j 1" "$lint_ir" \
		    "$(awk -v a="$lint_ir" -v b="$n" 'BEGIN { print a / b }')" \
		    "$(awk -v a="$lint_ir" -v b="$floor_ir" \
		    'BEGIN { print a / b }')"
	}
	instr_set instr || exit 1
	if [ -d "$RB" ]; then
		instr_set r || exit 1
	else
		echo "(r) the Rust Book: skipped ($RB absent)"
	fi
	exit 0
fi

# ------------------------------------------------------------------ bench
if mdl_setup; then HAVE_MDL=1; else HAVE_MDL=0; fi
if rumdl_setup; then HAVE_RUMDL=1; else HAVE_RUMDL=0; fi
for s in $SETS; do
	set_args "$s"
	[ -n "$ARGS" ] && corpus "$s" $ARGS
	[ -d "$DIR" ] && list_files "$s"
done

[ -x "$TL" ] || echo "bench: $TL missing: its commands are n/a" >&2
out=$TMP/table.md
{
	echo "| corpus | command | median s | min s | MB/s | × floor |" \
	    "CPU s | CPU × floor | peak RSS MiB | RSS × floor | status |"
	echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|"
} >"$out"
notes=$TMP/notes
: >"$notes"

for s in $SETS; do
	set_args "$s"
	if [ ! -s "$TMP/$s.list" ]; then
		echo "bench: $DESC: skipped ($DIR absent or empty)" >&2
		echo "| $DESC | all | | | | | | | skipped ($DIR absent" \
		    "or empty) |" >>"$out"
		continue
	fi
	nf=$(wc -l <"$TMP/$s.list" | tr -d ' ')
	[ -n "$ARGS" ] || DESC="$DESC, $nf files"
	size=$(bytes "$TMP/$s.list")
	rounds=$ROUNDS
	[ "$s" = a ] && rounds=$((ROUNDS * 5))
	echo "bench: $DESC, $size bytes, $rounds rounds" >&2
	R=$TMP/$s
	mkdir -p "$R"

	# Warm-up and triage: each command once; what it does decides
	# whether it is measured (ok), not implemented (n/a) or failed.
	cmds=floor
	[ -x "$TL" ] && cmds="$cmds lint1 lint status report rfloor"
	if [ -x "$TL" ]; then
		run_one bogus "$s" "$R/bogus"
		brc=$(awk '{ print $3 }' "$R/bogus")
	fi
	live=
	for c in $cmds; do
		if [ "$c" = rfloor ]; then
			# Only with the report's output to copy.
			[ "$(cat "$R/status.report" 2>/dev/null)" = ok ] || {
				echo "skipped (no report output)" >"$R/status.rfloor"
				continue
			}
			rm -rf "$R/report-ref"
			cp -R "$TMP/report" "$R/report-ref" || exit 2
		fi
		run_one "$c" "$s" "$R/warm.$c"
		rc=$(awk '{ print $3 }' "$R/warm.$c")
		if [ "$c" != floor ] && [ "$c" != rfloor ] && [ "$rc" = "$brc" ] &&
		    cmp -s "$R/warm.$c.out" "$R/bogus.out" &&
		    grep -q "unknown command" "$R/warm.$c.err"; then
			echo "n/a" >"$R/status.$c"
		elif [ "${rc:-127}" -le 1 ]; then
			echo ok >"$R/status.$c"
			live="$live $c"
		else
			echo "failed (status $rc)" >"$R/status.$c"
			{
				printf '%s' "- $(label "$c") on $DESC: status $rc: "
				head -n 1 "$R/warm.$c.err"
				echo
			} >>"$notes"
		fi
	done
	peer rumdl "$HAVE_RUMDL" "$RUMDLNOTE" "not run on one big file"
	peer mdl "$HAVE_MDL" "$MDLNOTE" "superlinear: hours on one big file"

	# The measured rounds, alternating the order.
	i=1
	while [ "$i" -le "$rounds" ]; do
		order=$live
		[ $((i % 2)) = 0 ] && order=$(echo $live | tr ' ' '\n' |
		    awk '{ l[NR] = $0 } END { for (j = NR; j > 0; j--) print l[j] }')
		for c in $order; do
			[ "$c" = mdl ] && [ "$i" -gt "$MDL_ROUNDS" ] && continue
			[ "$(cat "$R/status.$c")" = ok ] || continue
			[ "$c" = mdl ] && echo "bench: markdownlint-cli2 on $DESC ..." >&2
			run_one "$c" "$s" "$R/run" quiet
			read -r wall kb rc cpu <"$R/run"
			if [ "$rc" -gt 1 ]; then
				echo "failed (status $rc)" >"$R/status.$c"
				{
					printf '%s' "- $(label "$c") on $DESC," \
					    " round $i: status $rc: "
					head -n 1 "$R/run.err"
					echo
				} >>"$notes"
				continue
			fi
			echo "$wall" >>"$R/wall.$c"
			echo "$kb" >>"$R/rss.$c"
			echo "$cpu" >>"$R/cpu.$c"
		done
		i=$((i + 1))
	done

	# One table row per command.
	fw=$(median "$R/wall.floor" 2>/dev/null)
	fr=$(sort -n "$R/rss.floor" 2>/dev/null | tail -n 1)
	fc=$(median "$R/cpu.floor" 2>/dev/null)
	for c in floor lint1 lint status report rfloor rumdl mdl; do
		[ -f "$R/status.$c" ] || continue
		st=$(cat "$R/status.$c")
		if [ "$st" != ok ] || [ ! -s "$R/wall.$c" ]; then
			echo "| $DESC | $(label "$c") | | | | | | | | | $st |" \
			    >>"$out"
			continue
		fi
		w=$(median "$R/wall.$c")
		mn=$(sort -g "$R/wall.$c" | head -n 1)
		kb=$(sort -n "$R/rss.$c" | tail -n 1)
		echo "$w" >"$R/med.$c"
		echo "$kb" >"$R/peak.$c"
		cm=$(median "$R/cpu.$c")
		echo "$cm" >"$R/cpu_med.$c"
		awk -v d="$DESC" -v l="$(label "$c")" -v w="$w" -v mn="$mn" \
		    -v kb="$kb" -v sz="$size" -v fw="${fw:-0}" -v fr="${fr:-0}" \
		    -v cm="$cm" -v fc="${fc:-0}" \
		    -v n="$(wc -l <"$R/wall.$c" | tr -d ' ')" 'BEGIN {
			printf "| %s | %s | %.4f | %.4f | %.1f | %s | %.4f | %s |" \
			    " %.1f | %s | ok (%d run%s) |\n",
			    d, l, w, mn, sz / w / 1e6,
			    (fw > 0 ? sprintf("%.2f", w / fw) : ""),
			    cm, (fc > 0 ? sprintf("%.2f", cm / fc) : ""),
			    kb / 1024,
			    (fr > 0 ? sprintf("%.2f", kb / fr) : ""), n,
			    (n == 1 ? "" : "s")
		}' >>"$out"
	done
done

# target TEXT SET A B KIND LIMIT: one line of the targets list: the ratio
# of A to B on SET, wall-time medians, CPU-time medians or RSS peaks (KIND
# med, cpu_med or peak), against
# LIMIT (a maximum; a negative LIMIT is a minimum of -LIMIT; 0: no target,
# the ratio only).
target() {
	fa=$TMP/$2/$5.$3
	fb=$TMP/$2/$5.$4
	if [ -s "$fa" ] && [ -s "$fb" ]; then
		awk -v t="$1" -v a="$(cat "$fa")" -v b="$(cat "$fb")" -v l="$6" '
		    BEGIN { r = a / b; ok = (l > 0) ? (r <= l) : (r >= -l)
			if (l == 0) { printf "- %s: %.2f\n", t, r; exit }
			w = (l > 0) ? "at most" : "at least"
			m = (l > 0) ? l : -l
			printf "- %s: %.2f (target %s %g): %s\n", t, r, w, m,
			    (ok ? "met" : "NOT met") }'
	else
		echo "- $1: not measured"
	fi
}

# page_size SET LIMIT: the size of each checklist's page over its own
# size, in the report of the warm-up run (report-ref): the mean (all
# pages over all checklists) against LIMIT (at most), and the largest. Pages are matched to inputs by name
# (a page is named after its input's path).
page_size() {
	ref=$TMP/$1/report-ref
	if [ ! -d "$ref" ]; then
		echo "- page size × checklist size on ($1): not measured"
		return
	fi
	{
		tr '\n' '\0' <"$TMP/$1.list" | xargs -0 wc -c | sed '$d' |
		    awk '{ n = $2; sub(".*/", "", n); sub(/\.md$/, "", n)
			print "in", $1, n }'
		(cd "$ref" && ls | grep '\.html$' | grep -v '^index\.html$' |
		    tr '\n' '\0' | xargs -0 wc -c | sed '$d') |
		    awk '{ n = $2; sub(/\.html$/, "", n); print "out", $1, n }'
	} | awk -v l="$2" -v set="$1" '
	    $1 == "in" { sz[$3] = $2; next }
	    { n = $3
	      while (!(n in sz) && (p = index(n, "_")) > 0) n = substr(n, p + 1)
	      if (!(n in sz) || sz[n] == 0) next
	      r = $2 / sz[n]; tin += sz[n]; tout += $2; k++
	      if (r > mx) mx = r }
	    END { if (k == 0) { printf "- page size × checklist size on (%s): " \
		  "no page matched\n", set; exit }
		printf "- page size × checklist size on (%s), %d pages: %.2f " \
		  "(target at most %g): %s; the largest %.2f\n", set, k,
		  tout / tin, l, (tout / tin <= l ? "met" : "NOT met"), mx }'
}

{
	target "ticklist lint -j 1 on (b), time × floor" b lint1 floor med 1.5
	target "ticklist lint -j 1 on (b), CPU time × floor" b lint1 floor \
	    cpu_med 1.5
	target "ticklist lint on (b), time × floor" b lint floor med 0.9
	target "ticklist lint on (a), time × floor" a lint floor med 2
	target "ticklist report on (b), time × floor" b report floor med 2
	target "ticklist report on (b), time × (floor + copy of its output)" b \
	    report rfloor med 1.5
	target "ticklist report on (b), CPU time × (floor + copy of its output)" \
	    b report rfloor cpu_med 0
	page_size b 8
	target "ticklist lint on (b), peak RSS × floor" b lint floor peak 2
	target "ticklist lint on (c), peak RSS × floor" c lint floor peak 1.5
	target "markdownlint-cli2 on (b), time × ticklist lint" b mdl lint med -100
	target "ticklist lint -j 1 on (r), time × floor" r lint1 floor med 1.5
	target "ticklist lint -j 1 on (r), CPU time × floor" r lint1 floor \
	    cpu_med 1.5
	target "ticklist lint on (r), time × floor" r lint floor med 0
	target "rumdl on (r), time × ticklist lint" r rumdl lint med -4
	target "rumdl on (b), time × ticklist lint" b rumdl lint med 0
	target "markdownlint-cli2 on (r), time × ticklist lint" r mdl lint med 0
} >"$TMP/targets"

{
	echo "## Benchmark results"
	echo
	machine
	echo "Medians of the measured rounds after one warm-up, commands" \
	    "alternating order each round; MB/s counts 10^6 input bytes per" \
	    "second of wall time; CPU s is user plus system time (all" \
	    "threads); peak RSS is the largest ru_maxrss seen; × floor is the" \
	    "ratio to the floor's median (time) or peak (RSS) in the same run."
	echo
	cat "$out"
	echo
	echo "Targets (issues 6 and 10; (r) is the Rust Book):"
	echo
	cat "$TMP/targets"
	if [ -s "$notes" ]; then
		echo
		echo "Failures:"
		echo
		cat "$notes"
	fi
} >"$TMP/results.md"
cp "$TMP/results.md" "$OUT"
cat "$TMP/results.md"
