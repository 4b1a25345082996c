#!/bin/sh
# SPDX-License-Identifier: MIT
#
# python3-tree.sh PYTHON OUTDIR STAMP: a copy of the system's python3 and
# of the part of its standard library http.server and urllib need, laid
# out as a prefix (OUTDIR/python3-tree/bin/python3 and
# lib/python3.X/), with OUTDIR/python3 a link to it.  The kernel matrix's
# busybox guests have no Python: with this in the payload (payload.py
# copies *-tree directories whole), the 7.3 rows run the http workload
# too.  Python finds its library from its own location, so nothing needs
# configuring.  A build output, never committed.
set -eu
py=$1 out=$2 stamp=$3
real=$(readlink -f "$py")
ver=$("$real" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
lib=$("$real" -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')
tree=$out/python3-tree
rm -rf "$tree"
mkdir -p "$tree/bin" "$tree/lib"
cp -L "$real" "$tree/bin/python3"
# Everything but the large parts no workload imports.
(cd "$lib" && find . -path ./test -prune -o -path ./idlelib -prune \
	-o -path ./tkinter -prune -o -path ./ensurepip -prune \
	-o -path ./lib2to3 -prune -o -path ./pydoc_data -prune \
	-o -path ./distutils -prune -o -path ./unittest -prune \
	-o -path './config-*' -prune -o -path ./site-packages -prune \
	-o -path ./dist-packages -prune -o -name __pycache__ -prune \
	-o -type f -print) |
	while read -r f; do
		mkdir -p "$tree/lib/python$ver/$(dirname "$f")"
		cp "$lib/$f" "$tree/lib/python$ver/$f"
	done
ln -sfn python3-tree/bin/python3 "$out/python3"
: >"$stamp"
