#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Fetch the Debian distribution kernels of the test matrix and extract their
# vmlinuz, so that the matrix can boot them under QEMU.
#
#   tests/vm/fetch-kernels.sh [OUTDIR] [FLAVOUR...]
#
# For each flavour (default: all) it picks the newest package of its series
# that apt knows (never a hard-coded version: old versions vanish from the
# archive), downloads it with apt-get download and keeps only the image
# (boot/vmlinuz-* up to 7.0, usr/lib/modules/VERSION/vmlinuz from 7.1 on).
# bookworm's kernels come through the machine's own apt; the 7.x kernels
# from other suites of the same archive through ci/debian-suites, which
# only ever downloads.  OUTDIR (default tests/vm/out/kernels, ignored by
# git) then holds OUTDIR/<flavour>/{vmlinuz,package}; a flavour whose
# newest package is already there is not fetched again.
#
# When the archive no longer carries a series, the flavour's directory gets
# a file "gone" naming the series; a previously fetched image is kept and
# still booted (the matrix marks the row "cached"), otherwise the matrix
# reports the row as "gone from archive" and fails it: a kernel the library
# claims must not silently drop out of the matrix.
# Exit status: 0, or 1 if a download or extraction failed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${1:-$here/out/kernels}
[ $# -gt 0 ] && shift
mkdir -p "$out"
updated=0
status=0

# flavour  source    package-name regex (the series)
flavours="
debian-6.1  bookworm ^linux-image-6\.1\.0-[0-9]+-amd64-unsigned$
debian-6.12 bookworm ^linux-image-6\.12\.[0-9]+\+deb12-amd64-unsigned$
debian-7.0  suites   ^linux-binary-7\.0\.[0-9]+\+deb[0-9]+-amd64$
debian-7.1  suites   ^linux-binary-7\.1\.[0-9]+\+deb[0-9]+-amd64$
debian-7.2  suites   ^linux-binary-7\.2\.[0-9]+\+deb[0-9]+-amd64$
debian-7.3  suites   ^linux-binary-7\.3\.[0-9]+\+deb[0-9]+-amd64$
"

# The newest installable package of the machine's own suites.
newest_bookworm()
{
	local names name ver best='' bestver=''

	names=$(apt-cache search --names-only "$1" | awk '{ print $1 }')
	[ -n "$names" ] || return 3
	# One policy call for all of them: "NAME:" then "  Candidate: VER".
	# shellcheck disable=SC2086
	while read -r name ver; do
		if [ -z "$best" ] ||
		   dpkg --compare-versions "$ver" gt "$bestver"; then
			best=$name
			bestver=$ver
		fi
	done < <(apt-cache policy $names |
		 awk '/^[^ ]/ { sub(/:$/, "", $1); n = $1 }
		      $1 == "Candidate:" && $2 != "(none)" { print n, $2 }')
	[ -n "$best" ] || return 3
	echo "$best=$bestver"
}

# NAME=VERSION of the newest package of a series; status 3 if the archive
# has none, anything else non-zero if apt itself failed.
newest()
{
	local source=$1 regex=$2 rc=0

	if [ "$source" = suites ]; then
		"$top/ci/debian-suites" newest "$regex"
		return
	fi
	newest_bookworm "$regex" || rc=$?
	# A fresh machine may have no package lists yet.
	[ $rc = 3 ] && [ $updated = 0 ] || return $rc
	apt-get update -qq >&2 || return 1
	updated=1
	newest_bookworm "$regex"
}

download()
{
	if [ "$1" = suites ]; then
		"$top/ci/debian-suites" apt-get download "$2"
	else
		apt-get download -q "$2" </dev/null
	fi
}

fetch()
{
	local flavour=$1 source=$2 regex=$3 pick dir tmp deb image rc

	dir=$out/$flavour
	rc=0
	pick=$(newest "$source" "$regex") || rc=$?
	if [ $rc != 0 ] && [ $rc != 3 ]; then
		echo "fetch-kernels: $flavour: apt failed (status $rc)" >&2
		return 1
	fi
	if [ $rc = 3 ]; then
		mkdir -p "$dir"
		echo "$regex" >"$dir/gone"
		if [ -s "$dir/vmlinuz" ]; then
			echo "fetch-kernels: $flavour: no package matches" \
			     "$regex any more; keeping $(cat "$dir/package")"
		else
			echo "fetch-kernels: $flavour: no package matches" \
			     "$regex (gone from the archive)" >&2
		fi
		return 0
	fi
	rm -f "$dir/gone"
	if [ -s "$dir/vmlinuz" ] && [ "$(cat "$dir/package" 2>/dev/null)" = "$pick" ]; then
		echo "fetch-kernels: $flavour: $pick (cached)"
		return 0
	fi

	tmp=$(mktemp -d "$out/.fetch.XXXXXX")
	# apt-get download runs unsandboxed as root; the warning is harmless.
	(cd "$tmp" && download "$source" "$pick" >/dev/null 2>&1) || {
		echo "fetch-kernels: apt-get download $pick failed" >&2
		rm -rf "$tmp"
		return 1
	}
	deb=$(ls "$tmp"/*.deb)
	# Only the image: the modules are not needed, Debian builds unix,
	# inet and Landlock in.
	image=$(dpkg-deb -c "$deb" | awk '{ print $NF }' |
		grep -E '^\./(boot/vmlinuz-[^/]+|usr/lib/modules/[^/]+/vmlinuz)$' |
		head -n 1) || true
	if [ -z "$image" ]; then
		echo "fetch-kernels: $pick has no vmlinuz" >&2
		rm -rf "$tmp"
		return 1
	fi
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" "$image"
	rm -rf "$dir"
	mkdir -p "$dir"
	mv "$tmp/$image" "$dir/vmlinuz"
	echo "$pick" >"$dir/package"
	rm -rf "$tmp"
	echo "fetch-kernels: $flavour: $pick ($(du -h "$dir/vmlinuz" | cut -f1))"
}

while read -r flavour source regex; do
	[ -n "$flavour" ] || continue
	if [ $# -gt 0 ]; then
		case " $* " in *" $flavour "*) ;; *) continue ;; esac
	fi
	fetch "$flavour" "$source" "$regex" || status=1
done <<<"$flavours"
exit $status
