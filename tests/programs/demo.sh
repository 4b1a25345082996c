#!/bin/sh
# SPDX-License-Identifier: MIT
#
# examples/demo.sh, the README's demonstration, as a new user runs it: it
# must succeed and show the allowed read, the denied write (EACCES) and the
# denied abstract socket connection (EPERM), with the report.  Skipped on a
# kernel without the abstract Unix socket scope (Landlock ABI < 6), where
# the demonstration itself says the scope was dropped.
#
#   demo.sh RUN SERVER PROBE TRY DEMO

. "$(dirname "$0")/lib.sh"
setup "$@"

if ! has scope.abstract_unix_socket; then
	tap_skip_all "no abstract Unix socket scope (ABI $ABI)"
	exit 0
fi
run "$DEMO" "$BUILD"
tap_check "demo.sh exits 0" "$rc" = 0 || show_run
contains "the report is printed" "$out" "ABI $ABI"
contains "the read is allowed" "$out" "notes: the sandbox may read this"
contains "the write is denied" "$out" "Permission denied"
contains "the connection is denied" "$out" "Operation not permitted"
contains "it says so" "$out" "== all three as expected"
lacks "nothing unexpected" "$out" "UNEXPECTED"
tap_done
