#!/bin/sh
# SPDX-License-Identifier: MIT
#
# examples/minimal, the README's snippet as a program: it reads and runs
# anything, writes only beneath its DIR, and is scoped for abstract Unix
# sockets and signals; each checked with the exact errno on this kernel.
#
#   minimal.sh RUN SERVER PROBE TRY DEMO SWARM MINIMAL

. "$(dirname "$0")/lib.sh"
setup "$@"
MINIMAL=$(abs "$7")

cleanup_hook() {
	stop_server
}

denied_if() {
	if has "$1"; then echo "$2"; else echo ok; fi
}
status_if() {
	if has "$1"; then echo 1; else echo 0; fi
}

mkdir -p "$T/w" "$T/state"
echo data >"$T/readme"

run "$MINIMAL"
tap_check "no arguments: exit 2" "$rc" = 2
run "$MINIMAL" "$T/nope" "$TRY" exit 0
tap_check "a missing DIR: exit 1" "$rc" = 1
contains "a missing DIR: says why" "$err" "No such file or directory"

expect "reads outside DIR" 0 ok "$MINIMAL" "$T/w" "$TRY" read "$T/readme"
expect "writes beneath DIR" 0 ok "$MINIMAL" "$T/w" "$TRY" write "$T/w/new"
expect "writes outside DIR: $(denied_if fs.write_file EACCES)" \
	"$(status_if fs.write_file)" "$(denied_if fs.write_file EACCES)" \
	"$MINIMAL" "$T/w" "$TRY" write "$T/outside"
if [ "$ABI" -gt 0 ]; then
	contains "prints the report" "$err" "landscope: Landlock ABI $ABI"
fi

# An abstract socket and a process outside the sandbox.
start_server --dir "$T/state" --abstract "landscope-minimal-$$" \
	--accept-outside || tap_not_ok "the server starts"
expect "abstract connect outside: \
$(denied_if scope.abstract_unix_socket EPERM)" \
	"$(status_if scope.abstract_unix_socket)" \
	"$(denied_if scope.abstract_unix_socket EPERM)" \
	"$MINIMAL" "$T/w" "$TRY" connect-abstract "landscope-minimal-$$"
expect "signal outside: $(denied_if scope.signal EPERM)" \
	"$(status_if scope.signal)" "$(denied_if scope.signal EPERM)" \
	"$MINIMAL" "$T/w" "$TRY" kill "$SERVER_PID"
stop_server

tap_done
