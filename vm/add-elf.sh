#!/bin/bash
# SPDX-License-Identifier: MIT
#
# add-elf.sh BINARY DESTDIR: copy a dynamically linked BINARY into DESTDIR
# and the shared libraries it needs (as ldd lists them, loader included)
# into DESTDIR/lib, for a run-guest.sh payload.  run-guest.sh lays
# DESTDIR/lib out at /lib/x86_64-linux-gnu and /lib64 in the guest, so the
# binary then runs as /payload/NAME; without that layout it runs as
#   /payload/lib/ld-linux-x86-64.so.2 --library-path /payload/lib BINARY
# Static binaries are copied alone.  Running it again for more binaries
# into the same DESTDIR is fine.

set -eu

if [ $# -ne 2 ]; then
	echo "usage: add-elf.sh BINARY DESTDIR" >&2
	exit 2
fi
bin=$1
dest=$2

mkdir -p "$dest"
cp -L "$bin" "$dest/"
# ldd prints "not a dynamic executable" and fails for static binaries.
libs=$(ldd "$bin" 2>/dev/null | awk '
	$2 == "=>" && $3 ~ /^\// { print $3 }
	$1 ~ /^\// { print $1 }') || true
[ -n "$libs" ] || exit 0
mkdir -p "$dest/lib"
for l in $libs; do
	cp -L "$l" "$dest/lib/"
done
