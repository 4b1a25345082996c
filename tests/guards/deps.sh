#!/bin/sh
# SPDX-License-Identifier: MIT
#
# What a program that links liblandscope loads (issue 21, item 13): libc
# and nothing else.  Policy files are parsed by the library's own code, so
# a program that only sandboxes itself loads no JSON parser, and packages
# need none: neither the shared library's DT_NEEDED entries (as ldd shows
# them) nor liblandscope.pc may name json-c.
#
# deps.sh LIBLANDSCOPE.SO LIBLANDSCOPE.PC
. "$(dirname "$0")/../common/tap.sh"

so=$1
pc=$2

if ! command -v ldd >/dev/null 2>&1; then
	tap_skip_all "no ldd"
	exit 0
fi
libs=$(ldd "$so") || {
	tap_not_ok "ldd $so"
	tap_done
	exit
}
tap_note "ldd: $(echo "$libs" | tr '\n' ' ')"
case $libs in
*json*) tap_not_ok "ldd: the library loads no JSON library" ;;
*) tap_ok "ldd: the library loads no JSON library" ;;
esac
# Every dependency is libc's: libc itself, the loader and the vDSO (the
# transport filter is the library's own BPF since 0.3).  A sanitizer
# build also links the sanitizers' runtimes and theirs.
case $libs in
*libasan* | *libubsan* | *libclang_rt* | *libtsan*)
	tap_skip "ldd: nothing but libc (a sanitizer build)" ;;
*)
	others=$(echo "$libs" | grep -v -e 'linux-vdso\.so' \
		-e 'linux-gate\.so' -e 'ld-linux.*\.so' -e 'libc\.so' \
		-e 'libpthread\.so' \
		-e '^[[:space:]]*$' || true)
	tap_check "ldd: nothing but libc ($others)" -z "$others" ;;
esac
case $(cat "$pc") in
*json*) tap_not_ok "liblandscope.pc requires no JSON library" ;;
*) tap_ok "liblandscope.pc requires no JSON library" ;;
esac
tap_done
