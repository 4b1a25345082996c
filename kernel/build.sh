#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Build the companion Landlock kernel (Debian's linux-source-6.12 with
# kernel/patches applied, or without them), boot it under QEMU TCG and run
# every Landlock selftest, the inbound-gap reproduction and optionally the
# Unix socket benchmark in the guest.
#
#   kernel/build.sh [--patched|--unpatched|--both] [--kernel-only]
#                   [--bench] [--no-deps] [-j N]
#
#   --patched      the series applied (the default)
#   --unpatched    the pristine tree: the baseline
#   --both         unpatched then patched, and a side-by-side table
#   --kernel-only  stop after kernel/out/bzImage-<variant>
#   --bench        also run kernel/bench in the guest (ratios with --both)
#   --no-deps      do not apt-get install the build dependencies
#   -j N           make jobs (default 2: the machines are shared)
#
# Everything generated lands in kernel/out/ (ignored by git).  A second
# run reuses the trees and objects there and rebuilds only what changed.
# Exit status: 0 when every suite passed in every variant run, 1 otherwise.

set -euo pipefail

kdir=$(cd "$(dirname "$0")" && pwd)
out=$kdir/out
tarball=/usr/src/linux-source-6.12.tar.xz
jobs=2
variants=patched
kernel_only=
bench=
deps=1

while [ $# -gt 0 ]; do
	case "$1" in
	--patched) variants=patched ;;
	--unpatched) variants=unpatched ;;
	--both) variants="unpatched patched" ;;
	--kernel-only) kernel_only=1 ;;
	--bench) bench=1 ;;
	--no-deps) deps= ;;
	-j) jobs=$2; shift ;;
	-j*) jobs=${1#-j} ;;
	*) sed -n '10,18p' "$0" | sed 's/^# *//' >&2; exit 2 ;;
	esac
	shift
done

say() { printf '==> %s\n' "$*" >&2; }

install_deps() {
	local pkgs="linux-source-6.12 build-essential flex bison bc libelf-dev
		libssl-dev cpio busybox-static qemu-system-x86 libcap-dev file"
	local missing=
	for p in $pkgs; do
		dpkg-query -W -f '${Status}' "$p" 2>/dev/null \
			| grep -q 'ok installed' || missing="$missing $p"
	done
	[ -z "$missing" ] && return
	say "installing:$missing"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null
}

hash_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

series_files() {
	local p
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		printf '%s\n' "$kdir/patches/$p"
	done < "$kdir/patches/series"
}

# Extract the tarball into src-<variant> and apply the series, unless the
# tree there already matches.  A fresh tree keeps the tarball's mtimes, so
# the objects in obj-<variant> stay valid for everything but the files the
# patches touch.
prepare_source() {
	local v=$1 src=$out/src-$1 stamp want
	if [ "$v" = patched ]; then
		# shellcheck disable=SC2046
		want=$(hash_of "$kdir/patches/series" $(series_files))
	else
		want=pristine
	fi
	stamp=$src/.landscope-stamp
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		return
	fi
	say "$v: extracting $(basename "$tarball")"
	rm -rf "$src" "$out/extract.tmp"
	mkdir -p "$out/extract.tmp"
	tar -xf "$tarball" -C "$out/extract.tmp"
	mv "$out/extract.tmp"/linux-source-* "$src"
	rmdir "$out/extract.tmp"
	if [ "$v" = patched ]; then
		local p
		for p in $(series_files); do
			say "$v: applying $(basename "$p")"
			patch -d "$src" -p1 -s --no-backup-if-mismatch < "$p"
		done
	fi
	echo "$want" > "$stamp"
}

configure() {
	local v=$1 src=$out/src-$1 obj=$out/obj-$1 want
	want=$(hash_of "$kdir/config.fragment")
	mkdir -p "$obj"
	if [ -f "$obj/.config" ] &&
	   [ "$(cat "$obj/.landscope-config" 2>/dev/null)" = "$want" ]; then
		return
	fi
	say "$v: configuring (tinyconfig + config.fragment)"
	make -s -C "$src" O="$obj" tinyconfig >/dev/null
	KCONFIG_CONFIG=$obj/.config "$src/scripts/kconfig/merge_config.sh" \
		-m -O "$obj" "$obj/.config" "$kdir/config.fragment" >/dev/null
	make -s -C "$src" O="$obj" olddefconfig >/dev/null
	# A symbol that did not stick (a missing dependency) is a broken
	# fragment: say so rather than boot a kernel without it.
	local line bad=
	while read -r line; do
		case "$line" in CONFIG_*=*) ;; *) continue ;; esac
		grep -qxF "$line" "$obj/.config" || bad="$bad ${line%%=*}"
	done < "$kdir/config.fragment"
	if [ -n "$bad" ]; then
		echo "config.fragment: not set in the result:$bad" >&2
		exit 1
	fi
	echo "$want" > "$obj/.landscope-config"
}

build_kernel() {
	local v=$1 src=$out/src-$1 obj=$out/obj-$1 log=$out/build-$1.log
	say "$v: make -j$jobs bzImage (log: ${log#"$kdir"/})"
	if ! make -C "$src" O="$obj" -j"$jobs" bzImage > "$log" 2>&1; then
		tail -n 40 "$log" >&2
		exit 1
	fi
	cp "$obj/arch/x86/boot/bzImage" "$out/bzImage-$v"
	say "$v: kernel at ${out#"$kdir"/}/bzImage-$v"
}

build_tests() {
	local v=$1 src=$out/src-$1 obj=$out/obj-$1 pl=$out/payload-$1
	local log=$out/selftests-$1.log inc
	say "$v: building the Landlock selftests (static)"
	make -s -C "$src" O="$obj" headers > "$log" 2>&1
	inc=$obj/usr/include
	rm -rf "$pl"
	mkdir -p "$pl/selftests"
	if ! make -C "$src/tools/testing/selftests/landlock" \
		OUTPUT="$pl/selftests" KHDR_INCLUDES="-isystem $inc" \
		LDFLAGS=-static >> "$log" 2>&1; then
		tail -n 40 "$log" >&2
		exit 1
	fi
	# Our own guest programs, against the same uapi headers.
	local c
	for c in "$kdir"/tests/*.c "$kdir"/bench/*.c; do
		[ -f "$c" ] || continue
		gcc -static -O2 -Wall -Wextra -Werror -isystem "$inc" \
			-o "$pl/$(basename "$c" .c)" "$c" -lpthread
	done
	cp "$kdir/tests/guest-run.sh" "$pl/"
}

run_guest() {
	local v=$1 log=$out/guest-$1.log rc=0
	say "$v: booting under QEMU TCG (log: ${log#"$kdir"/})"
	"$kdir/vm/run-guest.sh" --kernel "$out/bzImage-$v" \
		--payload "$out/payload-$v" --timeout 900 --mem 1G \
		-- guest-run.sh "$v" ${bench:+--bench} > "$log" 2>&1 || rc=$?
	grep -E '^(not ok|# +(FAIL|RUN.*TIMEOUT))' "$log" >&2 || true
	if [ "$rc" -ne 0 ]; then
		say "$v: guest exited with status $rc"
	fi
	return "$rc"
}

# "SUITE pass fail skip" for one variant, from the guest's summary lines.
results() {
	sed -n 's/^LANDSCOPE-SUITE //p' "$out/guest-$1.log" 2>/dev/null
}

table() {
	local v s
	if [ "$#" -eq 1 ]; then
		printf '\n%-28s %6s %6s %6s\n' suite passed failed skipped
		results "$1" | while read -r s p f k _; do
			printf '%-28s %6s %6s %6s\n' "$s" "$p" "$f" "$k"
		done
		return
	fi
	printf '\n%-28s %-20s %-20s\n' suite "unpatched p/f/s" "patched p/f/s"
	{ results unpatched; results patched; } | awk '{print $1}' \
		| awk '!seen[$0]++' | while read -r s; do
		local cols=()
		for v in unpatched patched; do
			cols+=("$(results "$v" | awk -v s="$s" \
				'$1 == s {printf "%s/%s/%s", $2, $3, $4}')")
		done
		printf '%-28s %-20s %-20s\n' "$s" "${cols[0]:--}" "${cols[1]:--}"
	done
}

bench_ratios() {
	local u=$out/guest-unpatched.log p=$out/guest-patched.log
	printf '\n%-32s %12s %12s %8s\n' benchmark "unpatched ns" "patched ns" ratio
	sed -n 's/^LANDSCOPE-BENCH //p' "$u" | while read -r name ns _; do
		local pn
		pn=$(sed -n "s/^LANDSCOPE-BENCH $name //p" "$p" | awk '{print $1}')
		[ -n "$pn" ] || pn=-
		awk -v n="$name" -v a="$ns" -v b="$pn" 'BEGIN {
			r = (b == "-" || a == 0) ? "-" : sprintf("%.3f", b / a)
			printf "%-32s %12s %12s %8s\n", n, a, b, r }'
	done
	# Benchmarks only the patched kernel can run (the refused outsider).
	sed -n 's/^LANDSCOPE-BENCH //p' "$p" | while read -r name ns _; do
		grep -q "^LANDSCOPE-BENCH $name " "$u" ||
			printf '%-32s %12s %12s %8s\n' "$name" - "$ns" -
	done
}

[ -n "$deps" ] && install_deps
if [ ! -r "$tarball" ]; then
	echo "missing $tarball (apt-get install linux-source-6.12)" >&2
	exit 1
fi
mkdir -p "$out"

status=0
for v in $variants; do
	start=$SECONDS
	prepare_source "$v"
	configure "$v"
	build_kernel "$v"
	if [ -z "$kernel_only" ]; then
		build_tests "$v"
		run_guest "$v" || status=1
	fi
	say "$v: done in $((SECONDS - start)) s"
done
[ -n "$kernel_only" ] && exit 0

# shellcheck disable=SC2086
table $variants
for v in $variants; do
	if results "$v" | awk '$3 != 0 || $5 != 0 { bad = 1 } END { exit !bad }'
	then
		status=1
	fi
done
if [ -n "$bench" ] && [ "$variants" = "unpatched patched" ]; then
	bench_ratios
elif [ -n "$bench" ]; then
	sed -n 's/^LANDSCOPE-BENCH /bench /p' "$out/guest-$variants.log"
fi
if [ "$status" -ne 0 ]; then
	echo "FAILED (see kernel/out/guest-*.log)" >&2
fi
exit "$status"
