#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Build the companion Landlock kernel (Debian's linux-source-6.12 or
# linux-source-7.3 with the series of kernel/patches/<base> applied, or
# without it), boot it under QEMU TCG and run every Landlock selftest, the
# inbound-gap reproduction and optionally the Unix socket benchmark in the
# guest.
#
#   kernel/build.sh [--base 6.12|7.3] [--patched|--unpatched|--both]
#                   [--kernel-only] [--bench] [--no-deps] [-j N]
#
#   --base B       the kernel to patch: 6.12 (the default; bookworm's
#                  linux-source-6.12) or 7.3 (the newest linux-source-7.3
#                  of the archive's other suites, see ci/debian-suites)
#   --patched      the series applied (the default)
#   --unpatched    the pristine tree: the baseline
#   --both         unpatched then patched, and a side-by-side table
#   --kernel-only  stop after kernel/out/<base>/bzImage-<variant>
#   --bench        also boot each kernel 3 times (alternating) for
#                  kernel/bench (ratios patched/unpatched with --both)
#   --no-deps      do not apt-get install the build dependencies
#   -j N           make jobs (default 2: the machines are shared)
#
# Everything generated lands in kernel/out/<base>/ (ignored by git), the
# images at kernel/out/<base>/bzImage-{unpatched,patched}; the 7.3 source
# package is cached in kernel/out/cache.  A second run reuses the tree and
# objects there and rebuilds only what changed; the second variant of
# --both is an incremental build of the first.
# Exit status: 0 when every suite passed in every variant run, 1 otherwise.

set -euo pipefail

kdir=$(cd "$(dirname "$0")" && pwd)
base=6.12
jobs=2
variants=patched
kernel_only=
bench=
deps=1

usage() { sed -n '10,23p' "$0" | sed 's/^# *//' >&2; exit 2; }

while [ $# -gt 0 ]; do
	case "$1" in
	--base) base=${2-}; shift ;;
	--base=*) base=${1#--base=} ;;
	--patched) variants=patched ;;
	--unpatched) variants=unpatched ;;
	--both) variants="unpatched patched" ;;
	--kernel-only) kernel_only=1 ;;
	--bench) bench=1 ;;
	--no-deps) deps= ;;
	-j) jobs=$2; shift ;;
	-j*) jobs=${1#-j} ;;
	*) usage ;;
	esac
	shift
done
case "$base" in
6.12|7.3) ;;
*) echo "build.sh: unknown base '$base' (6.12 or 7.3)" >&2; usage ;;
esac

say() { printf '==> %s\n' "$*" >&2; }

out=$kdir/out/$base
patches=$kdir/patches/$base
pkg=linux-source-$base

install_deps() {
	local pkgs="linux-source-6.12 build-essential flex bison bc libelf-dev
		libssl-dev cpio busybox-static qemu-system-x86 libcap-dev file
		xz-utils"
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

# Sets $tarball and $srcver (see fetch-source.sh).
find_source() {
	local line
	line=$("$kdir/fetch-source.sh" "$base") || exit 1
	srcver=${line%% *}
	tarball=${line#* }
}

hash_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

series_files() {
	local p
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		printf '%s\n' "$patches/$p"
	done < "$patches/series"
}

# One tree and one object directory per base serve both variants:
# switching applies or reverts the series with patch(1), which gives the
# touched files a new mtime, so make rebuilds only what the series changes
# (about a minute) instead of a second full kernel.  A tree whose state is
# unknown (an interrupted patch run) or that comes from another version of
# the source package is thrown away together with its objects: fresh files
# carry the tarball's old mtimes, and stale objects would look newer.
src=$out/src
obj=$out/obj
state=$src/.landscope-state
origin=$src/.landscope-origin
applied=$out/applied

fresh_tree() {
	say "extracting $(basename "$tarball") ($srcver)"
	rm -rf "$src" "$obj" "$applied" "$out/extract.tmp"
	mkdir -p "$out/extract.tmp" "$applied"
	tar -xf "$tarball" -C "$out/extract.tmp"
	mv "$out/extract.tmp"/linux-source-* "$src"
	rmdir "$out/extract.tmp"
	echo "$pkg $srcver" > "$origin"
	echo pristine > "$state"
}

revert_series() {
	local p
	[ "$(cat "$state")" = pristine ] && return
	echo unknown > "$state"
	# shellcheck disable=SC2045
	for p in $(ls -r "$applied"); do
		say "reverting $p"
		patch -d "$src" -p1 -R -s --no-backup-if-mismatch \
			< "$applied/$p" || return 1
		rm "$applied/$p"
	done
	echo pristine > "$state"
}

apply_series() {
	local p want=$1
	echo unknown > "$state"
	for p in $(series_files); do
		say "applying $(basename "$p")"
		patch -d "$src" -p1 -s --no-backup-if-mismatch < "$p" || return 1
		cp "$p" "$applied/"
	done
	echo "patched:$want" > "$state"
}

prepare_source() {
	local v=$1 want cur
	# shellcheck disable=SC2046
	want=$(hash_of "$patches/series" $(series_files))
	cur=$(cat "$state" 2>/dev/null || echo missing)
	[ "$(cat "$origin" 2>/dev/null)" = "$pkg $srcver" ] || cur=missing
	case "$cur" in
	pristine|patched:*) ;;
	*) fresh_tree; cur=pristine ;;
	esac
	if [ "$v" = unpatched ]; then
		[ "$cur" = pristine ] && return
		revert_series || { fresh_tree; return; }
		return
	fi
	[ "$cur" = "patched:$want" ] && return
	if ! revert_series || ! apply_series "$want"; then
		echo "the series does not apply" >&2
		fresh_tree
		exit 1
	fi
}

fragments() {
	printf '%s\n' "$kdir/config/common.fragment"
	[ -f "$kdir/config/$base.fragment" ] &&
		printf '%s\n' "$kdir/config/$base.fragment"
	return 0
}

# The symbols the fragments set, so that editing a comment does not
# reconfigure (and rebuild most of) the kernel.
fragment_symbols() {
	# shellcheck disable=SC2046
	grep -h '^CONFIG_' $(fragments) | sort
}

configure() {
	local want
	want=$(fragment_symbols | sha256sum | cut -c1-16)
	mkdir -p "$obj"
	if [ -f "$obj/.config" ] &&
	   [ "$(cat "$obj/.landscope-config" 2>/dev/null)" = "$want" ]; then
		return
	fi
	say "configuring (tinyconfig + $(fragments | xargs -n1 basename | xargs))"
	make -s -C "$src" O="$obj" tinyconfig >/dev/null
	# shellcheck disable=SC2046
	KCONFIG_CONFIG=$obj/.config "$src/scripts/kconfig/merge_config.sh" \
		-m -O "$obj" "$obj/.config" $(fragments) >/dev/null
	make -s -C "$src" O="$obj" olddefconfig >/dev/null
	# A symbol that did not stick (a missing dependency) is a broken
	# fragment: say so rather than boot a kernel without it.
	local line bad=
	while read -r line; do
		case "$line" in CONFIG_*=*) ;; *) continue ;; esac
		grep -qxF "$line" "$obj/.config" || bad="$bad ${line%%=*}"
	done < <(fragment_symbols)
	if [ -n "$bad" ]; then
		echo "config fragments: not set in the result:$bad" >&2
		exit 1
	fi
	echo "$want" > "$obj/.landscope-config"
}

build_kernel() {
	local v=$1 log=$out/build-$1.log t0=$SECONDS
	say "$base $v: make -j$jobs bzImage (log: ${log#"$kdir"/})"
	if ! make -C "$src" O="$obj" -j"$jobs" bzImage > "$log" 2>&1; then
		tail -n 40 "$log" >&2
		exit 1
	fi
	cp "$obj/arch/x86/boot/bzImage" "$out/bzImage-$v"
	say "$base $v: kernel at ${out#"$kdir"/}/bzImage-$v (make: $((SECONDS - t0)) s)"
}

build_tests() {
	local v=$1 pl=$out/payload-$1
	local log=$out/selftests-$1.log inc
	say "$base $v: building the Landlock selftests (static)"
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
	cp "$kdir/tests/guest-run.sh" "$kdir/bench/bench-run.sh" "$pl/"
}

run_guest() {
	local v=$1 log=$out/guest-$1.log rc=0
	say "$base $v: booting under QEMU TCG (log: ${log#"$kdir"/})"
	# tsc=reliable: without it the TCG guest's TSC fails the clocksource
	# watchdog and the benchmark's clock falls back to jiffies.
	"$kdir/../vm/run-guest.sh" --kernel "$out/bzImage-$v" \
		--payload "$out/payload-$v" --timeout 1500 --mem 1G \
		--append 'tsc=reliable' \
		-- guest-run.sh "$v" > "$log" 2>&1 || rc=$?
	grep -E '^(not ok|# +(FAIL|RUN.*TIMEOUT))' "$log" >&2 || true
	if [ "$rc" -ne 0 ]; then
		say "$base $v: guest exited with status $rc"
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
		printf '\n%-28s %6s %6s %6s   (%s %s)\n' suite passed failed \
			skipped "$base" "$1"
		results "$1" | while read -r s p f k _; do
			printf '%-28s %6s %6s %6s\n' "$s" "$p" "$f" "$k"
		done
		return
	fi
	printf '\n%-28s %-20s %-20s\n' "suite ($base)" "unpatched p/f/s" \
		"patched p/f/s"
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

# The benchmark boots each kernel $bench_runs times, alternating, so that
# both see the same changes of load on the (shared) host, and keeps each
# case's fastest round over all boots.
bench_runs=3

run_bench() {
	local i v log=$out/bench.log
	: > "$log"
	for i in $(seq "$bench_runs"); do
		for v in $variants; do
			say "$base $v: benchmark boot $i/$bench_runs"
			"$kdir/../vm/run-guest.sh" --kernel "$out/bzImage-$v" \
				--payload "$out/payload-$v" --timeout 600 \
				--append 'tsc=reliable' -- bench-run.sh "$v" \
				>> "$log" 2>&1 || return 1
		done
	done
}

# "case min_ticks result" for one variant: the minimum over all boots.
bench_min() {
	awk -v v="$1" '$1 == "LANDSCOPE-BENCH" && $6 == v {
		if (!($2 in m) || $3 < m[$2]) m[$2] = $3
		r[$2] = $5
		if (!($2 in o)) o[$2] = n++
	} END {
		for (c in o) k[o[c]] = c
		for (i = 0; i < n; i++) print k[i], m[k[i]], r[k[i]]
	}' "$out/bench.log"
}

bench_table() {
	local name t res pt pres
	if [ "$variants" != "unpatched patched" ]; then
		printf '\n%-22s %12s %s   (%s)\n' benchmark "ticks/op" result \
			"$base"
		bench_min "$variants" | while read -r name t res; do
			printf '%-22s %12s %s\n' "$name" "$t" "$res"
		done
		return
	fi
	printf '\n%-22s %16s %16s %8s   (%s)\n' benchmark "unpatched ticks" \
		"patched ticks" ratio "$base"
	bench_min unpatched | while read -r name t res; do
		read -r pt pres < <(bench_min patched |
			awk -v n="$name" '$1 == n {print $2, $3}')
		awk -v n="$name" -v a="$t" -v b="${pt:--}" -v ra="$res" \
			-v rb="${pres:-}" 'BEGIN {
			r = (b == "-" || a == 0) ? "-" : sprintf("%.3f", b / a)
			note = (ra != rb) ? sprintf(" (%s -> %s)", ra, rb) : ""
			printf "%-22s %16s %16s %8s%s\n", n, a, b, r, note }'
	done
}

# Before the bases had directories of their own, everything was in
# kernel/out itself: drop that tree (2 GB) once.
old_layout() {
	local o=$kdir/out
	[ -d "$o/src" ] || [ -d "$o/obj" ] || return 0
	say "removing the single-base layout of kernel/out (now kernel/out/<base>)"
	rm -rf "$o/src" "$o/obj" "$o/applied" "$o/extract.tmp" \
		"$o"/payload-* "$o"/build-*.log "$o"/guest-*.log \
		"$o"/selftests-*.log "$o/bench.log" "$o/checkpatch.tmp"
	rm -f "$o/bzImage-unpatched" "$o/bzImage-patched"
}

[ -n "$deps" ] && install_deps
mkdir -p "$kdir/out"
old_layout
find_source
mkdir -p "$out"

status=0
for v in $variants; do
	start=$SECONDS
	prepare_source "$v"
	configure
	build_kernel "$v"
	if [ -z "$kernel_only" ]; then
		build_tests "$v"
		run_guest "$v" || status=1
	fi
	say "$base $v: done in $((SECONDS - start)) s"
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
if [ -n "$bench" ]; then
	run_bench || status=1
	bench_table
fi
if [ "$status" -ne 0 ]; then
	echo "FAILED (see kernel/out/$base/guest-*.log)" >&2
fi
exit "$status"
