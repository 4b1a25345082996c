#!/bin/sh
# SPDX-License-Identifier: MIT
# Run in the guest by kernel/build.sh --bench: bench-run.sh LABEL [PAD]
#
# PAD (0, 1, 2, ...) shifts where things land: PAD * 64 bytes more
# environment (the user stack) and PAD * 256 KiB of tmpfs taken before the
# run (free memory).  A stream connect's instruction count depends on such
# placement by a few tenths of a percent, differently in each build of the
# same source; the host takes the median over several PADs, so that one
# lucky or unlucky layout does not decide a ratio.
label=$1
pad=${2:-0}
if [ "$pad" -gt 0 ]; then
	dd if=/dev/zero of=/tmp/pad bs=256k count="$pad" 2>/dev/null
fi
LANDSCOPE_PAD=$(head -c $((pad * 64)) /dev/zero | tr '\0' x)
export LANDSCOPE_PAD
cd /payload && exec ./unix_bench "$label"
