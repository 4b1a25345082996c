#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The tree follows .clang-format (kernel style, clang-format 14 as in
# Debian 12).  Files are enforced as they are formatted: the paths listed
# in tests/format/enforced (files or directories, relative to the top)
# must be clean; with --all every C file of src/ include/ examples/ tests/
# bench/ is checked, which is what the list should grow to.  The vendored
# kernel uapi header keeps the kernel's own layout and is never checked.
#
# Usage: check.sh [--all] [--fix] [SRCDIR]
#   --fix   rewrite the checked files in place instead of failing
set -euo pipefail

all=0 fix=0
while [ $# -gt 0 ]; do
	case $1 in
	--all) all=1 ;;
	--fix) fix=1 ;;
	*) break ;;
	esac
	shift
done
top=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$top"

cf=${CLANG_FORMAT:-}
if [ -z "$cf" ]; then
	for c in clang-format-14 clang-format; do
		if command -v "$c" >/dev/null; then
			cf=$c
			break
		fi
	done
fi
if [ -z "$cf" ]; then
	echo "SKIP: clang-format not found (Debian: clang-format)"
	exit 77
fi

if [ "$all" = 1 ]; then
	paths=(src include examples tests bench)
else
	mapfile -t paths < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' \
		tests/format/enforced)
fi
mapfile -t files < <(find "${paths[@]}" -type f \( -name '*.c' -o \
	-name '*.h' \) -not -path 'src/uapi/*' 2>/dev/null | sort)

bad=0
for f in "${files[@]}"; do
	if [ "$fix" = 1 ]; then
		"$cf" -i "$f"
		continue
	fi
	n=$("$cf" "$f" | diff "$f" - | grep -c '^>' || true)
	if [ "$n" -gt 0 ]; then
		echo "$f: $n line(s) differ ($cf $f | diff $f -)"
		bad=$((bad + 1))
	fi
done
if [ "$fix" = 1 ]; then
	echo "formatted ${#files[@]} file(s)"
	exit 0
fi
echo "$((${#files[@]} - bad)) of ${#files[@]} file(s) follow .clang-format"
[ "$bad" -eq 0 ]
