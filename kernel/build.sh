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
#                   [--debug] [--kcsan] [--stress SECONDS] [--bench]
#                   [--bisect] [--docs] [--kernel-only] [--no-deps] [-j N]
#
#   --base B       the kernel to patch: 6.12 (the default; bookworm's
#                  linux-source-6.12) or 7.3 (the newest linux-source-7.3
#                  of the archive's other suites, see ci/debian-suites)
#   --patched      the series applied (the default)
#   --unpatched    the pristine tree: the baseline
#   --both         unpatched then patched, and a side-by-side table
#   --debug        also the patched kernel with KASAN, lockdep and the
#                  list and sleep checks (config/debug.fragment): the
#                  Unix socket suites and the stress (kernel/stress) run
#                  there, and any kernel splat fails the run
#   --kcsan        the same with KCSAN instead (config/kcsan.fragment)
#   --stress S     how long the stress runs on those kernels (default 60)
#   --bench        also count the Unix socket benchmark (kernel/bench) in
#                  instructions, under QEMU's -icount; with --both, the
#                  table of ratios patched/unpatched
#   --bisect       count the benchmark on the pristine tree and after
#                  each kernel patch of the series in turn (no selftests)
#   --docs         also build the documentation the series touches with
#                  Sphinx, and run kernel-doc -Wall over the Landlock
#                  sources; with --both, a Landlock warning the pristine
#                  tree does not have fails the run
#   --kernel-only  stop after kernel/out/<base>/bzImage-<variant>
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
bisect=
docs=
extra=
stress=60
deps=1

# --help prints this header, whatever its length: every comment line from
# the top to the first line of code, so that the help cannot drift from it.
help() {
	awk 'NR < 3 || (NR == 3 && /^#$/) { next } !/^#/ { exit }
		{ sub(/^# ?/, ""); print }' "$0"
}
usage() { help >&2; exit 2; }

while [ $# -gt 0 ]; do
	case "$1" in
	--base) base=${2-}; shift ;;
	--base=*) base=${1#--base=} ;;
	--patched) variants=patched ;;
	--unpatched) variants=unpatched ;;
	--both) variants="unpatched patched" ;;
	--kernel-only) kernel_only=1 ;;
	--debug) extra="$extra debug" ;;
	--kcsan) extra="$extra kcsan" ;;
	--stress) stress=$2; shift ;;
	--bench) bench=1 ;;
	--bisect) bisect=1 ;;
	--docs) docs=1 ;;
	--no-deps) deps= ;;
	-j) jobs=$2; shift ;;
	-j*) jobs=${1#-j} ;;
	-h|--help) help; exit 0 ;;
	*) usage ;;
	esac
	shift
done
case "$base" in
6.12|7.3) ;;
*) echo "build.sh: unknown base '$base' (6.12 or 7.3)" >&2; usage ;;
esac
case "$stress" in
''|*[!0-9]*) echo "build.sh: --stress takes seconds" >&2; usage ;;
esac
# The baseline and the patched kernel come first: the debug variants
# build from the patched tree.
variants="$variants$extra"

say() { printf '==> %s\n' "$*" >&2; }

out=$kdir/out/$base
patches=$kdir/patches/$base
pkg=linux-source-$base

install_deps() {
	local pkgs="linux-source-6.12 build-essential flex bison bc libelf-dev
		libssl-dev cpio busybox-static qemu-system-x86 libcap-dev file
		xz-utils python3-sphinx python3-yaml"
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
state=$src/.landscope-state
origin=$src/.landscope-origin
applied=$out/applied

# The objects of a variant: the debug ones have a configuration of their
# own, the baseline and the patched kernel share one.
obj_of() {
	case "$1" in
	debug|kcsan) printf '%s\n' "$out/obj-$1" ;;
	*) printf '%s\n' "$out/obj" ;;
	esac
}

fresh_tree() {
	say "extracting $(basename "$tarball") ($srcver)"
	rm -rf "$src" "$out"/obj "$out"/obj-* "$applied" "$out/extract.tmp"
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

# What the tree's state records once the whole series is applied.
series_hash() {
	# shellcheck disable=SC2046
	hash_of "$patches/series" $(series_files)
}

prepare_source() {
	local v=$1 want cur
	want=$(series_hash)
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
	case "$1" in
	debug|kcsan) printf '%s\n' "$kdir/config/$1.fragment" ;;
	esac
	return 0
}

# The symbols the fragments set, so that editing a comment does not
# reconfigure (and rebuild most of) the kernel.
fragment_symbols() {
	# shellcheck disable=SC2046
	grep -hE '^(CONFIG_|# CONFIG_[A-Z0-9_]+ is not set$)' $(fragments "$1") |
		sort
}

configure() {
	local v=$1 want obj
	obj=$(obj_of "$v")
	want=$(fragment_symbols "$v" | sha256sum | cut -c1-16)
	mkdir -p "$obj"
	if [ -f "$obj/.config" ] &&
	   [ "$(cat "$obj/.landscope-config" 2>/dev/null)" = "$want" ]; then
		return
	fi
	say "configuring $v (tinyconfig + $(fragments "$v" | xargs -n1 basename | xargs))"
	make -s -C "$src" O="$obj" tinyconfig >/dev/null
	# shellcheck disable=SC2046
	KCONFIG_CONFIG=$obj/.config "$src/scripts/kconfig/merge_config.sh" \
		-m -O "$obj" "$obj/.config" $(fragments "$v") >/dev/null
	make -s -C "$src" O="$obj" olddefconfig >/dev/null
	# A symbol that did not stick (a missing dependency) is a broken
	# fragment: say so rather than boot a kernel without it.
	local line sym bad=
	while read -r line; do
		case "$line" in
		CONFIG_*=*) sym=${line%%=*} ;;
		'# CONFIG_'*) sym=${line#'# '}; sym=${sym%% *} ;;
		*) continue ;;
		esac
		grep -qxF "$line" "$obj/.config" || bad="$bad $sym"
	done < <(fragment_symbols "$v")
	if [ -n "$bad" ]; then
		echo "config fragments: not set in the result:$bad" >&2
		exit 1
	fi
	echo "$want" > "$obj/.landscope-config"
}

build_kernel() {
	local v=$1 log=$out/build-$1.log t0=$SECONDS obj
	obj=$(obj_of "$v")
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
	local log=$out/selftests-$1.log inc obj
	obj=$(obj_of "$v")
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
	# Our own guest programs, against the same uapi headers, and the
	# sample sandboxer, whose LL_SCOPED letters tests/sandboxer-letters.sh
	# uses on the patched kernels.
	build_programs "$inc" "$pl"
	guest_cc "$inc" "$pl" "$src/samples/landlock/sandboxer.c"
}

# The documentation the series touches, built by Sphinx as the kernel
# builds it, then kernel-doc -Wall over every Landlock source.  Each
# directory builds on its own, so labels of the others are undefined in
# the pristine tree too: what counts is a Landlock warning the pristine
# tree does not have, compared without line numbers.
doc_dirs="userspace-api admin-guide/LSM trace"
build_docs() {
	local v=$1 d=$out/docs log=$out/docs-$1.log f
	say "$base $v: building the documentation (Sphinx: $doc_dirs; kernel-doc)"
	rm -rf "$d"
	if ! PYTHONDONTWRITEBYTECODE=1 make -s -C "$src" O="$d" \
		SPHINXDIRS="$doc_dirs" htmldocs > "$log" 2>&1; then
		tail -n 40 "$log" >&2
		return 1
	fi
	for f in "$src"/security/landlock/*.[ch] \
		"$src"/include/uapi/linux/landlock.h; do
		"$src/scripts/kernel-doc" -none -Wall "$f"
	done >> "$log" 2>&1
	grep -iE 'warning|error' "$log" | grep -i landlock |
		sed -E "s|$src/||g; s|$d/||g; s/:[0-9]+(:| |$)/\1/g" |
		sort -u > "$out/docs-$v.warnings"
	say "$base $v: $(wc -l < "$out/docs-$v.warnings") Landlock documentation warnings (log: ${log#"$kdir"/})"
}

# With both variants: the warnings the series adds.
docs_verdict() {
	local new
	new=$(comm -13 "$out/docs-unpatched.warnings" \
		"$out/docs-patched.warnings")
	if [ -n "$new" ]; then
		printf 'documentation (%s): warnings the series adds:\n%s\n' \
			"$base" "$new" >&2
		return 1
	fi
	printf '\ndocumentation (%s): no Landlock warning beyond the %s of the pristine tree\n' \
		"$base" "$(wc -l < "$out/docs-unpatched.warnings")"
}

# guest_cc INCLUDE_DIR PAYLOAD SOURCE: one static guest program, against
# the uapi headers of INCLUDE_DIR.
guest_cc() {
	gcc -static -O2 -Wall -Wextra -Werror -isystem "$1" \
		-o "$2/$(basename "$3" .c)" "$3" -lpthread
}

# Our own guest programs and scripts, against the uapi headers in $1.
build_programs() {
	local c inc=$1 pl=$2
	for c in "$kdir"/tests/*.c "$kdir"/bench/*.c "$kdir"/stress/*.c; do
		guest_cc "$inc" "$pl" "$c"
	done
	cp "$kdir"/tests/*.sh "$kdir"/bench/*.sh "$kdir"/stress/*.sh "$pl/"
}

run_guest() {
	local v=$1 log=$out/guest-$1.log rc=0 mem=1G
	say "$base $v: booting under QEMU TCG (log: ${log#"$kdir"/})"
	# KASAN's shadow takes an eighth of the memory, lockdep and KCSAN
	# their tables.
	case "$v" in debug|kcsan) mem=2G ;; esac
	# tsc=reliable: without it the TCG guest's TSC fails the clocksource
	# watchdog and the benchmark's clock falls back to jiffies.
	"$kdir/../vm/run-guest.sh" --kernel "$out/bzImage-$v" \
		--payload "$out/payload-$v" --timeout 2400 --mem "$mem" \
		--append 'tsc=reliable' \
		-- guest-run.sh "$v" "$stress" > "$log" 2>&1 || rc=$?
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

# One column of passed/failed/skipped per variant.
table() {
	local v s line
	printf '\n%-28s' "suite ($base)"
	for v in "$@"; do printf ' %-18s' "$v p/f/s"; done
	printf '\n'
	for v in "$@"; do results "$v"; done | awk '!seen[$1]++ {print $1}' |
	while read -r s; do
		line=$(printf '%-28s' "$s")
		for v in "$@"; do
			line=$line$(results "$v" | awk -v s="$s" '
				$1 == s { c = sprintf("%s/%s/%s", $2, $3, $4) }
				END { printf " %-18s", c == "" ? "-" : c }')
		done
		printf '%s\n' "$line"
	done
}

# The benchmark counts instructions: under -icount the guest's TSC
# advances by one per instruction, so a boot repeats the last one's
# figures.  Datagram counts then agree to a few instructions between two
# builds of the same source; stream and seqpacket counts, which allocate
# and free sockets, files and inodes, move by up to 1-2 % with where
# things land in memory, differently in each build.  So each kernel boots
# once per layout in $bench_pads (see bench/bench-run.sh), and a case's
# count is the median over layouts of its lowest round; the table also
# gives the spread over layouts, which is the resolution of the ratio.
# One vCPU: a second one would count its own idle loop into the clock.
# norandmaps: the user stack and mappings stay in place.
bench_pads="0 1 2 3 4"

# bench_boot IMAGE PAYLOAD LABEL PAD LOG
bench_boot() {
	"$kdir/../vm/run-guest.sh" --kernel "$1" --payload "$2" \
		--timeout 900 --smp 1 --icount \
		--append 'tsc=reliable norandmaps' \
		-- bench-run.sh "$3" "$4" 2>&1 | sed "s/\$/ $4/" >> "$5"
}

# One payload for every kernel of a base: the same binaries and files,
# so that only the kernel differs.
bench_payload() {
	local obj pl=$out/payload-bench
	obj=$(obj_of unpatched)
	make -s -C "$src" O="$obj" headers > "$out/bench-headers.log" 2>&1
	rm -rf "$pl"
	mkdir -p "$pl"
	cp "$kdir/bench/bench-run.sh" "$pl/"
	guest_cc "$obj/usr/include" "$pl" "$kdir/bench/unix_bench.c"
}

run_bench() {
	local pad v log=$out/bench.log
	: > "$log"
	bench_payload
	for pad in $bench_pads; do
		for v in $bench_variants; do
			say "$base $v: benchmark boot, layout $pad (icount)"
			bench_boot "$out/bzImage-$v" "$out/payload-bench" "$v" \
				"$pad" "$log" || return 1
		done
	done
}

# "case count spread% result" for one label: per layout the lowest round,
# then the median over layouts and (max - min) / median.
bench_min() {
	awk -v v="$1" '$1 == "LANDSCOPE-BENCH" && $6 == v {
		c = $2
		if (!(c in o)) { o[c] = n++; k[n - 1] = c }
		cnt[c]++
		x[c, cnt[c]] = $3
		r[c] = $5
	} END {
		for (i = 0; i < n; i++) {
			c = k[i]; m = cnt[c]
			for (a = 1; a <= m; a++)
				for (b = a + 1; b <= m; b++)
					if (x[c, b] < x[c, a]) {
						t = x[c, a]; x[c, a] = x[c, b]
						x[c, b] = t
					}
			med = (m % 2) ? x[c, (m + 1) / 2] : \
				int((x[c, m / 2] + x[c, m / 2 + 1]) / 2)
			printf "%s %d %.2f %s\n", c, med,
				100 * (x[c, m] - x[c, 1]) / med, r[c]
		}
	}' "${2:-$out/bench.log}"
}

# The goal of a case, as a largest ratio patched/unpatched: unsandboxed
# peers, static key off or on, pay at most half a percent; a sandboxed
# pair, whose owner has an inbound scope, one percent; an outsider that
# is refused must cost less than one that is let in.
bench_goal() {
	case "$1" in
	*_unsandboxed|*_unsandboxed_after) echo 1.005 ;;
	*_sandboxed) echo 1.010 ;;
	*_outsider) echo 1.000 ;;
	*) echo - ;;
	esac
}

bench_table() {
	local name t sp res pt psp pres goal
	if [ "$bench_variants" != "unpatched patched" ]; then
		printf '\n%-28s %12s %7s %s   (%s, instructions)\n' benchmark \
			"ticks/op" spread result "$base"
		bench_min "$bench_variants" | while read -r name t sp res; do
			printf '%-28s %12s %6s%% %s\n' "$name" "$t" "$sp" "$res"
		done
		return
	fi
	printf '\n%-28s %16s %16s %8s %7s %7s %s   (%s, instructions)\n' \
		benchmark "unpatched ticks" "patched ticks" ratio spread goal \
		verdict "$base"
	bench_min unpatched | while read -r name t sp res; do
		read -r pt psp pres < <(bench_min patched |
			awk -v n="$name" '$1 == n {print $2, $3, $4}')
		goal=$(bench_goal "$name")
		awk -v n="$name" -v a="$t" -v b="${pt:--}" -v ra="$res" \
			-v rb="${pres:-}" -v g="$goal" -v sa="$sp" \
			-v sb="${psp:-0}" 'BEGIN {
			r = (b == "-" || a == 0) ? "-" : sprintf("%.4f", b / a)
			s = (sa > sb) ? sa : sb
			if (r == "-" || g == "-")
				v = "-"
			else if (g == "1.000")
				v = (r + 0 < 1) ? "ok" : "OVER"
			else if (r + 0 <= g + 0)
				v = "ok"
			else if ((r - g) * 100 <= s)
				v = "over, within the spread"
			else
				v = "OVER"
			note = (ra != rb) ? sprintf(" (%s -> %s)", ra, rb) : ""
			printf "%-28s %16s %16s %8s %6.2f%% %7s %s%s\n", n, a, \
				b, r, s, g == "1.000" ? "<1" : g, v, note }'
	done
}

# --bisect: the pristine tree, then each patch of the series that
# changes the kernel (not the selftests, samples or documentation) in
# turn, each built incrementally and counted once; a table of each case
# per step, with the step's difference to the one before.
kernel_patch() {
	grep '^+++ b/' "$1" | grep -qvE '^\+\+\+ b/(tools|samples|Documentation)/'
}

run_bisect() {
	local p n=0 log=$out/bisect.log steps=pristine
	local want
	want=$(series_hash)
	prepare_source unpatched
	configure unpatched
	bench_payload
	: > "$log"
	build_kernel bisect-0
	bisect_count 0 pristine || return 1
	echo unknown > "$state"
	for p in $(series_files); do
		patch -d "$src" -p1 -s --no-backup-if-mismatch < "$p" || return 1
		cp "$p" "$applied/"
		kernel_patch "$p" || continue
		n=$((n + 1))
		steps="$steps $(basename "$p" | cut -c1-4)"
		build_kernel "bisect-$n"
		bisect_count "$n" "$(basename "$p")" || return 1
	done
	echo "patched:$want" > "$state"
	bisect_table "$n" "$steps"
}

# bisect_count STEP WHAT: three layouts of each step (see run_bench).
bisect_count() {
	local pad
	for pad in 0 1 2; do
		say "$base bisect: counting $2, layout $pad"
		bench_boot "$out/bzImage-bisect-$1" "$out/payload-bench" \
			"step-$1" "$pad" "$out/bisect.log" || return 1
	done
}

# The count of each case at each step, and the change from the step
# before in percent.
bisect_table() {
	local n=$1 steps=$2 i
	printf '\n%s bisect, instructions per operation (change from the step before)\n' "$base"
	printf '%-28s' case
	for i in $steps; do printf ' %16s' "$i"; done
	printf '\n'
	for i in $(seq 0 "$n"); do
		bench_min "step-$i" "$out/bisect.log" | cut -d' ' -f1,2 |
			sed "s/^/$i /"
	done | awk -v n="$n" '{
		c[$2, $1] = $3
		if (!($2 in o)) { o[$2] = m++; k[m - 1] = $2 }
	} END {
		for (j = 0; j < m; j++) {
			name = k[j]
			printf "%-28s", name
			for (i = 0; i <= n; i++) {
				v = c[name, i]
				if (i == 0 || c[name, i - 1] == 0)
					printf " %16s", v
				else
					printf " %8s %+6.2f%%", v,
						100 * (v - c[name, i - 1]) / c[name, i - 1]
			}
			printf "\n"
		}
	}'
}

[ -n "$deps" ] && install_deps
mkdir -p "$kdir/out"
find_source
mkdir -p "$out"

if [ -n "$bisect" ]; then
	run_bisect
	exit
fi

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
	case "$docs:$v" in
	1:unpatched|1:patched) build_docs "$v" || status=1 ;;
	esac
	say "$base $v: done in $((SECONDS - start)) s"
done
[ -n "$kernel_only" ] && exit 0

# shellcheck disable=SC2086
table $variants
# Both trees' warnings come from this run when both variants are in it
# (--both, whatever --debug or --kcsan add after them).
if [ -n "$docs" ]; then
	case "$variants" in
	"unpatched patched"*) docs_verdict || status=1 ;;
	esac
fi
for v in $variants; do
	if results "$v" | awk '$3 != 0 || $5 != 0 { bad = 1 } END { exit !bad }'
	then
		status=1
	fi
	# A guest that printed no suite line at all did not run.
	[ -n "$(results "$v")" ] || status=1
done
bench_variants=$(for v in $variants; do
	case "$v" in unpatched|patched) printf '%s ' "$v" ;; esac
done)
bench_variants=${bench_variants% }
if [ -n "$bench" ] && [ -n "$bench_variants" ]; then
	run_bench || status=1
	bench_table
fi
if [ "$status" -ne 0 ]; then
	echo "FAILED (see kernel/out/$base/guest-*.log)" >&2
fi
exit "$status"
