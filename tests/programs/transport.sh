#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tools/landscope-run and the transports Landlock's TCP rights miss (issue
# 23): with TCP handled and no port allowed, through both interfaces (the
# LL_* variables and the options), an MPTCP socket is refused as on a
# kernel without MPTCP (EPROTONOSUPPORT), plain TCP is EACCES, and
# --allow-unmediated-transports shows the gap the filter closes.
#
#   transport.sh RUN SERVER PROBE TRY ...

. "$(dirname "$0")/lib.sh"
setup "$@"

# /proc: a sanitizer build's programs cannot start without it.
SYS=/usr:/lib:/lib64:/bin:/sbin:/etc:/proc

cleanup_hook() {
	stop_server
}

if ! has net.connect_tcp; then
	tap_skip_all "no TCP rights on this kernel (Landlock ABI $ABI)"
	exit 0
fi
if [ "$TEST_HOOKS" = 1 ] && [ -n "${LANDSCOPE_SIMULATE_ABI:-}" ]; then
	tap_skip_all "a simulated ABI: the filter follows the real kernel"
	exit 0
fi

mkdir -p "$T/state"
start_server --dir "$T/state" --abstract "landscope-transport-$$" --tcp 0 \
	--accept-outside || tap_not_ok "the server starts"
BPORT=$("$TRY" free-port)

ll() {
	env "LL_FS_RO=$SYS:$BUILD" LL_FS_RW= "$@"
}
opts() {
	"$RUN" --ignore-missing --rx "$SYS:$BUILD" "$@"
}

# The environment interface: LL_TCP_* set and empty, no port allowed.
expect "LL_TCP_CONNECT empty: MPTCP connect EPROTONOSUPPORT" \
	1 EPROTONOSUPPORT \
	ll LL_TCP_CONNECT= "$RUN" "$TRY" connect-mptcp "$SERVER_TCP"
expect "LL_TCP_BIND empty: MPTCP bind EPROTONOSUPPORT" 1 EPROTONOSUPPORT \
	ll LL_TCP_BIND= "$RUN" "$TRY" bind-mptcp "$BPORT"
expect "LL_TCP_CONNECT empty: TCP connect EACCES" 1 EACCES \
	ll LL_TCP_CONNECT= "$RUN" "$TRY" connect-tcp "$SERVER_TCP"

# The options: TCP is handled by default.
expect "options: MPTCP connect EPROTONOSUPPORT" 1 EPROTONOSUPPORT \
	opts "$TRY" connect-mptcp "$SERVER_TCP"
expect "options: MPTCP bind EPROTONOSUPPORT" 1 EPROTONOSUPPORT \
	opts "$TRY" bind-mptcp "$BPORT"
expect "options: TCP connect EACCES" 1 EACCES \
	opts "$TRY" connect-tcp "$SERVER_TCP"
expect "--unrestricted-tcp: no filter, MPTCP as the kernel has it" \
	"$("$TRY" connect-mptcp "$SERVER_TCP" >/dev/null && echo 0 || echo 1)" \
	"$("$TRY" connect-mptcp "$SERVER_TCP")" \
	opts --unrestricted-tcp "$TRY" connect-mptcp "$SERVER_TCP"

# The report says so, in text and JSON.
run opts --report "$TRY" exit 0
contains "--report: the transports line" "$err" \
	"landscope:   transports: refused by seccomp mptcp,sctp,smc,dccp"
run opts --dry-run --report=json
contains "--report=json: the transports member" "$err" \
	"\"transports\": {\"refused\": [\"mptcp\", \"sctp\", \"smc\", \"dccp\""

# The opt-out shows the gap: MPTCP connects where TCP is denied, on a
# kernel with erratum 1 (older ones checked every stream socket).
if ! "$TRY" connect-mptcp "$SERVER_TCP" >/dev/null; then
	tap_skip "--allow-unmediated-transports: no MPTCP on this kernel"
elif [ $(($(feature errata) & 1)) = 1 ]; then
	expect "--allow-unmediated-transports: MPTCP connects" 0 ok \
		opts --allow-unmediated-transports \
		"$TRY" connect-mptcp "$SERVER_TCP"
	expect "--allow-unmediated-transports: MPTCP binds" 0 ok \
		opts --allow-unmediated-transports "$TRY" bind-mptcp "$BPORT"
	run opts --allow-unmediated-transports --report "$TRY" exit 0
	contains "--allow-unmediated-transports: reported open" "$err" \
		"transports: left open mptcp"
else
	expect "--allow-unmediated-transports: MPTCP EACCES (no erratum 1)" \
		1 EACCES opts --allow-unmediated-transports \
		"$TRY" connect-mptcp "$SERVER_TCP"
fi
stop_server

tap_done
