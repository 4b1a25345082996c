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

# One file per job (kernel/lib/): the tree, the build, the guests, the
# documentation, the benchmark; this file parses the options and runs them.
# shellcheck source=lib/deps.sh
. "$kdir/lib/deps.sh"
# shellcheck source=lib/tree.sh
. "$kdir/lib/tree.sh"
# shellcheck source=lib/kbuild.sh
. "$kdir/lib/kbuild.sh"
# shellcheck source=lib/docs.sh
. "$kdir/lib/docs.sh"
# shellcheck source=lib/guest.sh
. "$kdir/lib/guest.sh"
# shellcheck source=lib/bench.sh
. "$kdir/lib/bench.sh"

out=$kdir/out/$base
patches=$kdir/patches/$base
pkg=linux-source-$base

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

# The documentation the series touches, built by Sphinx as the kernel
# builds it, then kernel-doc -Wall over every Landlock source.  Each
# directory builds on its own, so labels of the others are undefined in
# the pristine tree too: what counts is a Landlock warning the pristine
# tree does not have, compared without line numbers.
doc_dirs="userspace-api admin-guide/LSM trace"

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
