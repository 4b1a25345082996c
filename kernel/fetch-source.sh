#!/bin/bash
# SPDX-License-Identifier: MIT
#
#   kernel/fetch-source.sh 6.12|7.3
#
# Prints "VERSION TARBALL" for Debian's linux-source-<base>: the kernel
# tarball kernel/build.sh patches and kernel/checkpatch.sh takes its
# checkpatch.pl from.  6.12 is bookworm's own package, installed.  bookworm
# has no 7.3: the newest linux-source-7.3 of the other suites of this
# machine's archive is downloaded and extracted, never installed (mixing
# releases would break the host), into kernel/out/cache, so that a second
# run downloads nothing.  With the archive out of reach, the newest cached
# one does.

set -euo pipefail

kdir=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$kdir/.." && pwd)
base=${1-}
pkg=linux-source-$base
cache=$kdir/out/cache

say() { printf '==> %s\n' "$*" >&2; }

case "$base" in
6.12)
	tarball=/usr/src/$pkg.tar.xz
	if [ ! -r "$tarball" ]; then
		echo "missing $tarball (apt-get install $pkg)" >&2
		exit 1
	fi
	echo "$(dpkg-query -W -f '${Version}' "$pkg" 2>/dev/null ||
		echo unknown) $tarball"
	exit 0
	;;
7.3) ;;
*) echo "usage: fetch-source.sh 6.12|7.3" >&2; exit 2 ;;
esac

want=
deb=
have=
mkdir -p "$cache"
if pick=$("$top/ci/debian-suites" newest "^${pkg//./\\.}\$"); then
	want=${pick#*=}
else
	say "cannot ask the archive for $pkg; using the cache"
fi
for d in "$cache/${pkg}_"*_all.deb; do
	[ -f "$d" ] || continue
	v=$(dpkg-deb -f "$d" Version)
	if [ -n "$want" ]; then
		[ "$v" = "$want" ] && deb=$d && have=$v
	elif [ -z "$have" ] || dpkg --compare-versions "$v" gt "$have"; then
		deb=$d
		have=$v
	fi
done
if [ -z "$deb" ]; then
	[ -n "$want" ] || { echo "no $pkg available" >&2; exit 1; }
	say "downloading $pkg=$want"
	# apt warns that root downloads outside its sandbox: expected here.
	(cd "$cache" && "$top/ci/debian-suites" apt-get download \
		"$pkg=$want" 2>&1 | grep -v 'unsandboxed as root' >&2) || true
	for d in "$cache/${pkg}_"*_all.deb; do
		[ -f "$d" ] && [ "$(dpkg-deb -f "$d" Version)" = "$want" ] &&
			deb=$d
	done
	[ -n "$deb" ] || { echo "downloading $pkg failed" >&2; exit 1; }
	have=$want
fi
# One version is kept: each is 170 MB, twice that extracted.
for d in "$cache/${pkg}_"*_all.deb "$cache/$pkg-"*/; do
	[ -e "$d" ] || continue
	case "$d" in "$deb"|"$cache/$pkg-$have/") ;; *) rm -rf "$d" ;; esac
done
tarball=$cache/$pkg-$have/usr/src/$pkg.tar.xz
if [ ! -r "$tarball" ]; then
	rm -rf "$cache/$pkg-$have" "$cache/extract.tmp"
	dpkg-deb -x "$deb" "$cache/extract.tmp"
	mv "$cache/extract.tmp" "$cache/$pkg-$have"
fi
echo "$have $tarball"
