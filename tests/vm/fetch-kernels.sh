#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Fetch the Debian distribution kernels of the test matrix and extract their
# vmlinuz, so that the matrix can boot them under QEMU.
#
#   tests/vm/fetch-kernels.sh [OUTDIR]
#
# For each flavour it picks the newest package apt knows (never a hard-coded
# version: bookworm's security archive moves on, and old versions vanish from
# the mirror), downloads it with apt-get download and keeps only
# boot/vmlinuz-* and boot/config-*.  OUTDIR (default tests/vm/out/kernels,
# ignored by git) then holds OUTDIR/<flavour>/{vmlinuz,config,package}.
# A flavour whose extracted version is already there is not fetched again.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/out/kernels}
mkdir -p "$out"
updated=0

# The newest installable package whose name matches the extended regex $1.
newest()
{
	local name ver best= bestver=

	for name in $(apt-cache search --names-only "$1" | awk '{ print $1 }'); do
		ver=$(apt-cache policy "$name" |
		      awk '$1 == "Candidate:" { print $2 }')
		[ -n "$ver" ] && [ "$ver" != "(none)" ] || continue
		if [ -z "$best" ] ||
		   dpkg --compare-versions "$ver" gt "$bestver"; then
			best=$name
			bestver=$ver
		fi
	done
	[ -n "$best" ] && echo "$best=$bestver"
}

fetch()
{
	local flavour=$1 regex=$2 pick pkg ver dir tmp deb

	if ! pick=$(newest "$regex"); then
		# A fresh machine may have no package lists yet.
		if [ $updated = 0 ]; then
			apt-get update -qq >&2
			updated=1
		fi
		pick=$(newest "$regex") || {
			echo "fetch-kernels: no package matches $regex" >&2
			return 1
		}
	fi
	pkg=${pick%%=*}
	ver=${pick#*=}
	dir=$out/$flavour
	if [ -s "$dir/vmlinuz" ] && [ "$(cat "$dir/package" 2>/dev/null)" = "$pick" ]; then
		echo "fetch-kernels: $flavour: $pick (cached)"
		return 0
	fi

	tmp=$(mktemp -d "$out/.fetch.XXXXXX")
	# apt-get download runs unsandboxed as root; the warning is harmless.
	(cd "$tmp" && apt-get download -q "$pick" >/dev/null 2>&1) || {
		echo "fetch-kernels: apt-get download $pick failed" >&2
		rm -rf "$tmp"
		return 1
	}
	deb=$(ls "$tmp"/*.deb)
	# Only the image and its config: the modules are not needed, Debian
	# builds unix, inet and Landlock in.
	dpkg-deb --fsys-tarfile "$deb" |
		tar -x -C "$tmp" --wildcards './boot/vmlinuz-*' './boot/config-*'
	rm -rf "$dir"
	mkdir -p "$dir"
	mv "$tmp"/boot/vmlinuz-* "$dir/vmlinuz"
	mv "$tmp"/boot/config-* "$dir/config"
	echo "$pick" >"$dir/package"
	rm -rf "$tmp"
	echo "fetch-kernels: $flavour: $pick ($(du -h "$dir/vmlinuz" | cut -f1))"
}

fetch debian-6.1 '^linux-image-6\.1\.0-[0-9]+-amd64-unsigned$'
fetch debian-6.12 '^linux-image-6\.12\.[0-9]+\+deb12-amd64-unsigned$'
