#!/bin/sh
# SPDX-License-Identifier: MIT
#
# examples/daemon, the "restrict, bind, serve" example, as its comment
# describes it: it refuses to start without --dir and --abstract, prints
# the enforcement report and "ready", echoes what a client sends, and
# refuses outsiders with EPERM where the kernel has the inbound scopes
# (liblandscope's companion patches) unless --accept-outside.  The same
# server hardened for real clients is server.c, which server.sh checks.
#
#   daemon.sh RUN SERVER PROBE TRY DEMO SWARM MINIMAL INSIDE DENY
#             JSON_REASON DAEMON

. "$(dirname "$0")/lib.sh"
setup "$@"
pid=

cleanup_hook() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid"
}

# yes/no of a feature, and what a connection then gets.
outcome() {
	if has "$1"; then echo "$2"; else echo "$3"; fi
}

# start NAME ARGS...: the example in the background, until it is ready.
start() {
	name=$1
	shift
	"$DAEMON" --dir "$T/state" --abstract "$name" "$@" </dev/null \
		>"$T/out" 2>"$T/err" &
	pid=$!
	i=0
	until grep -q '^ready' "$T/out"; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
			sed 's/^/# /' "$T/out" "$T/err"
			return 1
		fi
		sleep 0.1
	done
}

stop() {
	kill "$pid" 2>/dev/null
	wait "$pid"
	pid=
}

mkdir -p "$T/state"
run "$DAEMON" --abstract x
tap_check "no --dir: exit 2" "$rc" = 2
run "$DAEMON" --dir "$T/state"
tap_check "no --abstract: exit 2" "$rc" = 2

NAME=landscope-example-$$
if start "$NAME" --accept-outside; then
	tap_ok "--accept-outside: it restricts itself, binds and is ready"
	contains "ready names its socket" "$(cat "$T/out")" "abstract=@$NAME"
	if [ "$ABI" -gt 0 ]; then
		contains "the report is printed" "$(cat "$T/err")" "ABI $ABI"
	else
		contains "no Landlock: the report says so" "$(cat "$T/err")" \
			"not enforced"
	fi
	expect "--accept-outside: an outsider gets its echo" 0 hi \
		"$SWARM" "abstract:$NAME" hi
	expect "one client after the other" 0 again \
		"$SWARM" "abstract:$NAME" again
	stop
else
	tap_not_ok "--accept-outside: it restricts itself, binds and is ready"
fi

NAME=landscope-example-in-$$
if start "$NAME"; then
	tap_ok "it restricts itself, binds and is ready"
	expect "an outsider: $(outcome scope.abstract_unix_socket_inbound \
		EPERM echo)" \
		"$(outcome scope.abstract_unix_socket_inbound 1 0)" \
		"$(outcome scope.abstract_unix_socket_inbound "" hi)" \
		"$SWARM" "abstract:$NAME" hi
	stop
else
	tap_not_ok "it restricts itself, binds and is ready"
fi
tap_done
