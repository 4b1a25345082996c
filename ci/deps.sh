#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install everything liblandscope's build, tests and kernel matrix need,
# from Debian's archive only.  Idempotent and non-interactive (CI has no
# standard input).
set -euo pipefail

pkgs=(
	build-essential meson ninja-build pkg-config libcmocka-dev
	gcc-multilib libseccomp-dev
	clang libclang-rt-14-dev valgrind scdoc abigail-tools clang-format
	socat iproute2 strace linux-perf
	qemu-system-x86 busybox-static cpio xz-utils e2fsprogs kmod
	linux-source-6.12 flex bison bc libelf-dev libssl-dev libcap-dev
	rsync python3 debhelper lintian autopkgtest
)

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
