#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Run the kernel's scripts/checkpatch.pl --strict on every patch of the
# series, from the extracted tree kernel/build.sh makes (or a fresh
# extraction of /usr/src/linux-source-6.12.tar.xz into kernel/out).
# Exit status 1 if any patch has an error, a warning or a check, except
# the MAINTAINERS reminder for new files, which the Landlock entry's
# F: patterns already cover.

set -euo pipefail

kdir=$(cd "$(dirname "$0")" && pwd)
out=$kdir/out
tree=
for t in "$out/src"; do
	[ -x "$t/scripts/checkpatch.pl" ] && tree=$t && break
done
if [ -z "$tree" ]; then
	mkdir -p "$out/checkpatch.tmp"
	tar -xf /usr/src/linux-source-6.12.tar.xz -C "$out/checkpatch.tmp" \
		--wildcards '*/scripts/*' '*/MAINTAINERS' \
		'*/Documentation/dev-tools/checkpatch.rst' 2>/dev/null || true
	tree=$(echo "$out"/checkpatch.tmp/linux-source-*)
fi

status=0
while read -r p; do
	case "$p" in ''|'#'*) continue ;; esac
	res=$("$tree/scripts/checkpatch.pl" --strict --no-tree --quiet \
		--ignore FILE_PATH_CHANGES "$kdir/patches/$p" 2>&1) || true
	if [ -n "$res" ]; then
		printf '%s\n%s\n' "$p: FAILED" "$res"
		status=1
	else
		printf '%s: ok\n' "$p"
	fi
done < "$kdir/patches/series"
exit "$status"
