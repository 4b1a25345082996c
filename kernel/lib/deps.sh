# SPDX-License-Identifier: MIT
#
# Installing what the kernel builds need, from Debian's archive.
# Sourced by kernel/build.sh, whose variables it uses; not run on its own.

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
