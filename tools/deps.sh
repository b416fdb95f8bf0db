#!/bin/sh
# deps.sh: check build and test dependencies; install the missing Debian
# packages with apt-get when run as root, else print the exact command.
# Build: libcmark-dev yaml-0.1 libpcre2-dev libgit2-dev pkg-config.
# Tests: cmark-gfm (task-list oracle), python3-jsonschema, xmllint,
# mandoc, pre-commit, chromium, clang, valgrind.
missing=""
need_pkg() { pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"; }
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }

need_cmd pkg-config pkg-config
need_cmd cc gcc
need_cmd make make
need_pkg libcmark libcmark-dev
need_pkg yaml-0.1 libyaml-dev
need_pkg libpcre2-8 libpcre2-dev
need_pkg libgit2 libgit2-dev
if [ "${TICKLIST_DEPS:-all}" != build ]; then
	need_cmd cmark-gfm cmark-gfm
	need_cmd xmllint libxml2-utils
	need_cmd mandoc mandoc
	need_cmd pre-commit pre-commit
	need_cmd git git
	need_cmd python3 python3
	python3 -c 'import jsonschema' 2>/dev/null || missing="$missing python3-jsonschema"
	need_cmd chromium chromium
	need_cmd clang clang
	need_cmd valgrind valgrind
	need_cmd strace strace
	# libFuzzer's runtime (make fuzz) is only recommended by clang.
	[ -n "$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] || missing="$missing libclang-rt-dev"
fi
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing:$missing"
	DEBIAN_FRONTEND=noninteractive $cmd >/dev/null || {
		echo "deps: apt-get failed; try: apt-get update && $cmd" >&2
		exit 1
	}
else
	echo "deps: missing:$missing" >&2
	echo "deps: run as root: apt-get update && $cmd" >&2
	# Build dependencies are required; test tools are optional here.
	pkg-config --exists libcmark yaml-0.1 libpcre2-8 libgit2 || exit 1
fi
