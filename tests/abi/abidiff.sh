#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# ABI guard: compare the built shared library with every committed release
# baseline (tests/abi/baseline/liblandscope.abi for 0.1, tests/abi/baseline/liblandscope-0.2.abi, made by
# abidw from Debian's abigail-tools) and fail on any change a user of one
# of them could see: a removed or re-versioned symbol, a changed function
# signature, a changed layout of a public structure (fields appended to a
# size-versioned structure excepted: tests/abi/baseline/opaque.suppr).  Added symbols are
# allowed (a new node in the map) and are listed.
#
# Released baselines are never rewritten.  At a new release, add its
# baseline (the newest is written by --update):
#   tests/abi/abidiff.sh --update SRCDIR BUILT_LIB
#
# Usage: abidiff.sh [--update] SRCDIR BUILT_LIB
set -euo pipefail

update=0
if [ "${1:-}" = "--update" ]; then
	update=1
	shift
fi
srcdir=$1
lib=$2
# Oldest first; --update writes the last one.
baselines=("$srcdir/tests/abi/baseline/liblandscope.abi" "$srcdir/tests/abi/baseline/liblandscope-0.2.abi")
suppr=$srcdir/tests/abi/baseline/opaque.suppr

for tool in abidw abidiff readelf; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP: $tool not found (Debian: abigail-tools, binutils)"
		exit 77
	fi
done
# Without DWARF, abidiff sees symbols but no types, and every signature
# would look changed.  Distribution builds keep -g until they strip.
case $(readelf -S "$lib") in
*.debug_info*) ;;
*)
	echo "SKIP: $lib has no debug info (build with -g to check the ABI)"
	exit 77
	;;
esac

if [ "$update" = 1 ]; then
	# No paths, locations or architecture-independent noise: the baseline
	# must not change with the build directory or line numbers.
	baseline=${baselines[-1]}
	abidw --no-corpus-path --no-comp-dir-path --no-show-locs \
		--type-id-style hash --out-file "$baseline" "$lib"
	echo "wrote $baseline"
	exit 0
fi

for baseline in "${baselines[@]}"; do
	status=0
	abidiff --no-added-syms --suppressions "$suppr" "$baseline" "$lib" ||
		status=$?
	if [ "$status" -ne 0 ]; then
		# Bit 0: error, bit 1: usage, bit 2: ABI change, bit 3:
		# incompatible.
		echo "FAIL: abidiff exit status $status: $lib differs from" \
			"$(basename "$baseline")"
		echo "(if intended, bump the version node and add a baseline)"
		exit 1
	fi

	# Report additions, which are fine but must be deliberate.
	report=$(abidiff --suppressions "$suppr" "$baseline" "$lib" || true)
	added=$(echo "$report" | grep -E '^  \[A\]' || true)
	if [ -n "$added" ]; then
		echo "added since $(basename "$baseline") (allowed, keep them" \
			"in a new map node):"
		echo "$added"
	fi
	echo "OK: $(basename "$lib") keeps the ABI of $(basename "$baseline")"
done
