#!/bin/sh
# SPDX-License-Identifier: MIT
# Run in the guest by kernel/build.sh --bench: bench-run.sh LABEL
cd /payload && exec ./unix_bench "$1"
