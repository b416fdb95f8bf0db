#!/bin/sh
# pre-commit-hook.sh: the entry of the `ticklist-build` pre-commit hook
# (.pre-commit-hooks.yaml). pre-commit runs it inside its own clone of
# this repository; the first run builds build/ticklist there (`make -s`,
# once, under a lock, since pre-commit starts several hook processes at
# a time), later runs reuse it. Then it runs build/ticklist with the
# hook's arguments. When a build dependency is missing it names the
# Debian packages to install and fails.
top=${0%/*}/..
top=$(cd "$top" && pwd) || exit 2
bin=$top/build/ticklist

# The missing build dependencies, as Debian package names.
missing() {
	m=""
	command -v cc >/dev/null 2>&1 || m="$m gcc"
	command -v make >/dev/null 2>&1 || m="$m make"
	if command -v pkg-config >/dev/null 2>&1; then
		pkg-config --exists libcmark || m="$m libcmark-dev"
		pkg-config --exists yaml-0.1 || m="$m libyaml-dev"
		pkg-config --exists libpcre2-8 || m="$m libpcre2-dev"
	else
		m="$m pkg-config libcmark-dev libyaml-dev libpcre2-dev"
	fi
	echo "$m"
}

build() {
	m=$(missing)
	if [ -n "$m" ]; then
		echo "ticklist: cannot build ticklist for this hook: missing" \
		    "Debian packages:$m" >&2
		echo "ticklist: install them with: sudo apt-get install" \
		    "--no-install-recommends$m" >&2
		echo "ticklist: or install ticklist and use the 'ticklist' hook" \
		    "(language: system) instead" >&2
		return 2
	fi
	echo "ticklist: building ticklist in $top (once)" >&2
	# A make around pre-commit must not choose this build's flags.
	unset MAKEFLAGS MFLAGS MAKELEVEL
	if ! make -s -C "$top" -j"$(nproc 2>/dev/null || echo 2)" \
	    build/ticklist >"$top/build-hook.log" 2>&1; then
		cat "$top/build-hook.log" >&2
		echo "ticklist: the build failed (log above)" >&2
		return 2
	fi
}

if [ ! -x "$bin" ]; then
	if command -v flock >/dev/null 2>&1; then
		# One build; the other hook processes wait for it.
		(
			flock 9 || exit 2
			[ -x "$bin" ] || build
		) 9>"$top/.hook-build.lock" || exit 2
	else
		build || exit 2
	fi
fi
[ -x "$bin" ] || exit 2
exec "$bin" "$@"
