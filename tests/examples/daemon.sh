#!/bin/sh
# SPDX-License-Identifier: MIT
#
# examples/daemon: what its own process tree gets (its --self-test child,
# inside its sandbox) and what unrelated processes get (an unsandboxed
# client, and a client in a sibling sandbox made by examples/sandboxer),
# per kernel: the inbound scopes refuse outsiders with EPERM where the
# kernel has them (liblandscope's companion patches), and the report says
# they were dropped where it does not.
#
#   daemon.sh SANDBOXER DAEMON PROBE TRY DEMO

. "$(dirname "$0")/lib.sh"
setup "$@"

cleanup_hook() {
	stop_daemon
}

# yes/no of a feature, and what a connection then gets.
outcome() {
	if has "$1"; then echo "$2"; else echo "$3"; fi
}

mkdir -p "$T/state"
NAME=landscope-daemon-$$
SOCK=$T/state/echo.sock

run "$DAEMON" --help
check "--help exits 0" "$rc" = 0
contains "--help explains the sandbox" "$out" "may write only beneath DIR"
run "$DAEMON" --abstract x
check "no --dir: exit 2" "$rc" = 2
run "$DAEMON" --client bogus:x
check "bad --client address: exit 2" "$rc" = 2

if ! start_daemon --dir "$T/state" --abstract "$NAME" --unix "$SOCK" \
		--tcp 0 --self-test; then
	not_ok "the daemon starts"
	finish
	exit
fi
ok "the daemon starts, listens and runs its self-test"
check "it reports its TCP port" -n "$DAEMON_TCP"
selftest=$(cat "$T/daemon.out")
report=$(cat "$T/daemon.err")
note "self-test and report:"
sed 's/^/#   /' "$T/daemon.out" "$T/daemon.err"

# Its own process tree: the self-test child is in the daemon's sandbox.
# The listeners are bound before the restriction: the companion kernel
# hands them to the sandbox, while a stock kernel's abstract scope judges
# the socket by its creator, outside, and refuses the child.
if has scope.abstract_unix_socket_inbound; then
	own_abstract=ok
else
	own_abstract=$(outcome scope.abstract_unix_socket EPERM ok)
fi
contains "same sandbox: echo via the abstract socket: $own_abstract" \
	"$selftest" \
	"self-test: echo via abstract socket (same sandbox): $own_abstract"
contains "same sandbox: echo via the pathname socket" "$selftest" \
	"self-test: echo via pathname socket (same sandbox): ok"
contains "no outbound TCP: $(outcome net.connect_tcp EACCES ok)" \
	"$selftest" "self-test: connect to its own TCP port: $(outcome \
	net.connect_tcp EACCES ok)"
contains "writes in --dir" "$selftest" "self-test: create a file in --dir: ok"
if [ "$ABI" -gt 0 ]; then
	contains "no writes outside --dir: EACCES" "$selftest" \
		"self-test: create a file outside --dir: EACCES"
fi
contains "signal scope: $(outcome scope.signal EPERM ok)" "$selftest" \
	"): $(outcome scope.signal EPERM ok)"

# The report names what this kernel lacks.
for s in abstract_unix_socket_inbound pathname_unix_socket_inbound \
	 pathname_unix_socket signal; do
	if has scope.$s; then
		lacks "report: scope $s enforced" \
			"$(grep '^daemon: dropped' "$T/daemon.err")" " $s"
	else
		contains "report: scope $s dropped" \
			"$(grep '^daemon: dropped' "$T/daemon.err")" " $s"
	fi
done
if [ "$ABI" -gt 0 ]; then
	contains "the library's report is logged" "$report" "ABI $ABI"
else
	contains "no Landlock: says it runs without a sandbox" "$report" \
		"without a sandbox"
fi

# An unrelated, unsandboxed process.
expect "outsider via abstract: $(outcome scope.abstract_unix_socket_inbound \
	EPERM echo)" \
	"$(outcome scope.abstract_unix_socket_inbound 1 0)" \
	"$(outcome scope.abstract_unix_socket_inbound "" hi)" \
	"$DAEMON" --client "abstract:$NAME" hi
has scope.abstract_unix_socket_inbound &&
	contains "outsider via abstract: EPERM named" "$err" "(EPERM)"
expect "outsider via pathname: $(outcome scope.pathname_unix_socket_inbound \
	EPERM echo)" \
	"$(outcome scope.pathname_unix_socket_inbound 1 0)" \
	"$(outcome scope.pathname_unix_socket_inbound "" hi)" \
	"$DAEMON" --client "unix:$SOCK" hi
has scope.pathname_unix_socket_inbound &&
	contains "outsider via pathname: EPERM named" "$err" "(EPERM)"
expect "outsider via TCP: echo (inbound TCP is not restricted)" 0 hi \
	"$DAEMON" --client "tcp:$DAEMON_TCP" hi

# A process in a sibling sandbox, which did not scope itself: only the
# daemon's inbound scope can refuse it.
# sibling SCOPES ADDRESS MESSAGE
sibling() {
	"$SANDBOXER" --ignore-missing \
		--rx "/usr:/lib:/lib64:/etc:/proc:$BUILD" \
		--unrestricted-tcp --scope "$1" "$DAEMON" --client "$2" "$3"
}
expect "sibling sandbox via abstract: $(outcome \
	scope.abstract_unix_socket_inbound EPERM echo)" \
	"$(outcome scope.abstract_unix_socket_inbound 1 0)" \
	"$(outcome scope.abstract_unix_socket_inbound "" hi)" \
	sibling "" "abstract:$NAME" hi
# A sibling that scoped itself: its own outbound scope refuses first.
if has scope.abstract_unix_socket; then
	expect "sibling with scope a via abstract: EPERM" 1 "" \
		sibling a "abstract:$NAME" hi
fi
expect "sibling via TCP: echo" 0 hi sibling "" "tcp:$DAEMON_TCP" hi

# What CI says this kernel is.
case ${LANDSCOPE_EXPECT_PATCHED:-} in
1) check "inbound scopes expected (LANDSCOPE_EXPECT_PATCHED=1)" \
	"$(feature scope.abstract_unix_socket_inbound)" = yes ;;
0) check "inbound scopes expected absent (LANDSCOPE_EXPECT_PATCHED=0)" \
	"$(feature scope.abstract_unix_socket_inbound)" = no ;;
esac

# Its log, in the one directory it may write to.
log=$(cat "$T/state/daemon.log" 2>/dev/null)
contains "its log is in --dir" "$log" "connection 1 via "
contains "the log names the same-tree peer's pid" "$log" "from pid"

stop_daemon
check "SIGTERM: exit 0" "$DAEMON_RC" = 0
check "SIGTERM: its pathname socket is removed" ! -e "$SOCK"

# --accept-outside: a daemon serving other programs keeps everything but
# the inbound scopes, and outsiders get through on every kernel.
if start_daemon --dir "$T/state" --abstract "$NAME" --unix "$SOCK" \
		--accept-outside; then
	ok "--accept-outside: the daemon starts"
	expect "--accept-outside: outsider via abstract: echo" 0 hi \
		"$DAEMON" --client "abstract:$NAME" hi
	expect "--accept-outside: outsider via pathname: echo" 0 hi \
		"$DAEMON" --client "unix:$SOCK" hi
	lacks "--accept-outside: inbound scopes not requested" \
		"$(grep '^daemon: dropped' "$T/daemon.err")" "_inbound"
	stop_daemon
else
	not_ok "--accept-outside: the daemon starts"
fi

finish
