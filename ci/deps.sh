#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install what liblandscope needs, from Debian's archive only.  Idempotent
# and non-interactive (CI has no standard input).
#
#   ci/deps.sh          everything: the build, every test suite, the
#                       packages and the kernel matrix (ci/run-tests)
#   ci/deps.sh --demo   only what the demonstration needs (ci/run-demo):
#                       the compiler, meson and socat, a few MB; the same
#                       set builds, installs and links the library
set -euo pipefail

# Build and install the library and its programs, link against it.
demo=(
	build-essential meson ninja-build pkg-config socat
)
# The test suites, the packages, the benchmarks and the kernel matrix;
# git, sqlite3, make and media-types (python3's /etc/mime.types) are the
# programs tests/learn learns policies from.
full=(
	"${demo[@]}" libcmocka-dev
	gcc-multilib
	clang libclang-rt-14-dev valgrind scdoc abigail-tools clang-format
	iproute2 strace linux-perf
	qemu-system-x86 busybox-static cpio xz-utils e2fsprogs kmod
	linux-source-6.12 flex bison bc libelf-dev libssl-dev libcap-dev
	rsync python3 debhelper lintian autopkgtest
	git sqlite3 make media-types
)

case ${1:-} in
--demo) pkgs=("${demo[@]}") ;;
"") pkgs=("${full[@]}") ;;
*) echo "usage: ci/deps.sh [--demo]" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
		</dev/null
fi
