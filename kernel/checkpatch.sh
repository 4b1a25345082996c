#!/bin/bash
# SPDX-License-Identifier: MIT
#
#   kernel/checkpatch.sh [6.12|7.3]...
#
# Run scripts/checkpatch.pl --strict on every patch of the series of each
# base (both by default), with that base's own checkpatch: the one of the
# tree kernel/build.sh extracted, or of a fresh extraction of the source
# tarball (kernel/fetch-source.sh) into kernel/out/<base>/checkpatch.tmp.
# Exit status 1 if any patch has an error, a warning or a check, except
# the MAINTAINERS reminder for new files, which the Landlock entry's F:
# patterns already cover.

set -euo pipefail

kdir=$(cd "$(dirname "$0")" && pwd)
bases=${*:-6.12 7.3}
status=0

for base in $bases; do
	out=$kdir/out/$base
	tree=
	if [ -x "$out/src/scripts/checkpatch.pl" ]; then
		tree=$out/src
	else
		tarball=$("$kdir/fetch-source.sh" "$base") || exit 1
		tarball=${tarball#* }
		tmp=$out/checkpatch.tmp
		tree=$(echo "$tmp"/linux-source-*)
		if [ ! -x "$tree/scripts/checkpatch.pl" ]; then
			rm -rf "$tmp"
			mkdir -p "$tmp"
			tar -xf "$tarball" -C "$tmp" --wildcards '*/scripts/*' \
				'*/MAINTAINERS' \
				'*/Documentation/dev-tools/checkpatch.rst' \
				2>/dev/null || true
		fi
		tree=$(echo "$tmp"/linux-source-*)
	fi
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		res=$("$tree/scripts/checkpatch.pl" --strict --no-tree --quiet \
			--ignore FILE_PATH_CHANGES "$kdir/patches/$base/$p" 2>&1) ||
			true
		if [ -n "$res" ]; then
			printf '%s\n%s\n' "$base/$p: FAILED" "$res"
			status=1
		else
			printf '%s/%s: ok\n' "$base" "$p"
		fi
	done < "$kdir/patches/$base/series"
done
exit "$status"
