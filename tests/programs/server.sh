#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The test server (server.c, examples/daemon hardened): what its own
# process tree gets (a child forked inside its sandbox by the preloaded
# server-inside.so) and what unrelated
# processes get (an unsandboxed client, and a client in a sibling sandbox
# made by tools/landscope-run), per kernel: the inbound scopes refuse
# outsiders with EPERM where the kernel has them (liblandscope's companion
# patches), and the report says they were dropped where it does not.
#
# Then the load real clients bring: 300 at once, idle clients holding every
# slot, slow clients (slowloris) trickling bytes to hold every slot, and an
# fd limit reached (where the server must not spin: its CPU time is read
# from /proc, never a wall-clock figure).
#
#   server.sh RUN SERVER PROBE TRY DEMO SWARM MINIMAL INSIDE

. "$(dirname "$0")/lib.sh"
setup "$@"

cleanup_hook() {
	stop_server
}

# yes/no of a feature, and what a connection then gets.
outcome() {
	if has "$1"; then echo "$2"; else echo "$3"; fi
}

mkdir -p "$T/state"
NAME=landscope-server-$$
SOCK=$T/state/echo.sock

run "$SERVER" --help
tap_check "--help exits 0" "$rc" = 0
contains "--help explains the sandbox" "$out" "may write only beneath DIR"
run "$SERVER" --abstract x
tap_check "no --dir: exit 2" "$rc" = 2
run "$SERVER" --client abstract:x
tap_check "--client is not the server's (a test helper's): exit 2" \
	"$rc" = 2
run "$SERVER" --dir "$T" --abstract x --self-test
tap_check "--self-test is not the server's (a test helper's): exit 2" \
	"$rc" = 2
run "$SERVER" --dir "$T" --abstract ''
tap_check "--abstract '': exit 2" "$rc" = 2
contains "--abstract '': says the name is empty" "$err" "must not be empty"
: >"$T/regular"
run "$SERVER" --dir "$T/regular" --abstract x
tap_check "--dir naming a regular file: exit 2" "$rc" = 2
contains "--dir naming a regular file: Not a directory" "$err" \
	"--dir $T/regular: Not a directory"
run "$SERVER" --dir "$T" --abstract x --max-clients 0
tap_check "--max-clients 0: exit 2" "$rc" = 2

if ! start_inside --dir "$T/state" --abstract "$NAME" --unix "$SOCK" \
		--tcp 0; then
	tap_not_ok "the server starts"
	tap_done
	exit
fi
tap_ok "the server starts, listens, and is checked from inside its sandbox"
tap_check "it reports its TCP port" -n "$SERVER_TCP"
selftest=$(cat "$T/server.out")
report=$(cat "$T/server.err")
tap_note "self-test and report:"
sed 's/^/#   /' "$T/server.out" "$T/server.err"

# Its own process tree: server-inside.so's child is in the server's sandbox.
# The Unix listeners are made inside the sandbox, so they are its own on
# every kernel: the child reaches them.
own_abstract=ok
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
# Its parent's pid is in the line: the line is found by its start.
contains "signal scope: $(outcome scope.signal EPERM ok)" \
	"$(grep '^self-test: signal its parent (pid ' "$T/server.out")" \
	"): $(outcome scope.signal EPERM ok)"

# The report names what this kernel lacks.
for s in abstract_unix_socket_inbound pathname_unix_socket_inbound \
	 pathname_unix_socket signal; do
	if has scope.$s; then
		lacks "report: scope $s enforced" \
			"$(grep '^server: dropped' "$T/server.err")" " $s"
	else
		contains "report: scope $s dropped" \
			"$(grep '^server: dropped' "$T/server.err")" " $s"
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
	"$SWARM" "abstract:$NAME" hi
has scope.abstract_unix_socket_inbound &&
	contains "outsider via abstract: EPERM named" "$err" "(EPERM)"
expect "outsider via pathname: $(outcome scope.pathname_unix_socket_inbound \
	EPERM echo)" \
	"$(outcome scope.pathname_unix_socket_inbound 1 0)" \
	"$(outcome scope.pathname_unix_socket_inbound "" hi)" \
	"$SWARM" "unix:$SOCK" hi
has scope.pathname_unix_socket_inbound &&
	contains "outsider via pathname: EPERM named" "$err" "(EPERM)"
expect "outsider via TCP: echo (inbound TCP is not restricted)" 0 hi \
	"$SWARM" "tcp:$SERVER_TCP" hi

# A process in a sibling sandbox, which did not scope itself: only the
# server's inbound scope can refuse it.
# sibling SCOPES ADDRESS MESSAGE
sibling() {
	# Its own sandbox is beside the point: where there is no Landlock
	# it runs unconfined, as it must be told.
	"$RUN" --ignore-missing --allow-unconfined \
		--rx "/usr:/lib:/lib64:/etc:/proc:$BUILD" \
		--unrestricted-tcp --scope "$1" "$SWARM" "$2" "$3"
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
expect "sibling via TCP: echo" 0 hi sibling "" "tcp:$SERVER_TCP" hi

# What CI says this kernel is.
case ${LANDSCOPE_EXPECT_PATCHED:-} in
1) tap_check "inbound scopes expected (LANDSCOPE_EXPECT_PATCHED=1)" \
	"$(feature scope.abstract_unix_socket_inbound)" = yes ;;
0) tap_check "inbound scopes expected absent (LANDSCOPE_EXPECT_PATCHED=0)" \
	"$(feature scope.abstract_unix_socket_inbound)" = no ;;
esac

# Its log, in the one directory it may write to.
log=$(cat "$T/state/server.log" 2>/dev/null)
contains "its log is in --dir" "$log" "connection 1 via "
contains "the log names the same-tree peer's pid" "$log" "from pid"

stop_server
tap_check "SIGTERM: exit 0" "$SERVER_RC" = 0
tap_check "SIGTERM: its pathname socket is removed" ! -e "$SOCK"

# --accept-outside: a daemon serving other programs keeps everything but
# the inbound scopes, and outsiders get through on every kernel.
if start_server --dir "$T/state" --abstract "$NAME" --unix "$SOCK" \
		--accept-outside; then
	tap_ok "--accept-outside: the server starts"
	expect "--accept-outside: outsider via abstract: echo" 0 hi \
		"$SWARM" "abstract:$NAME" hi
	expect "--accept-outside: outsider via pathname: echo" 0 hi \
		"$SWARM" "unix:$SOCK" hi
	lacks "--accept-outside: inbound scopes not requested" \
		"$(grep '^server: dropped' "$T/server.err")" "_inbound"
	stop_server
else
	tap_not_ok "--accept-outside: the server starts"
fi

# wait_for FILE TEXT: until FILE holds TEXT (at most 20 s: a slow guest).
wait_for() {
	i=0
	while ! grep -q -F -- "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -le 400 ] || return 1
		sleep 0.05
	done
}

# utime + stime of a process, in clock ticks (fields 14 and 15).
cpu_ticks() {
	sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

LOAD=landscope-server-load-$$
# Outsiders are the load: the inbound scopes would refuse them.
if start_server --dir "$T/state" --abstract "$LOAD" --accept-outside; then
	expect "300 clients connected at once: all served" 0 \
		"served=300 failed=0" "$SWARM" "abstract:$LOAD" 300
	stop_server
else
	tap_not_ok "load: the server starts"
fi

rm -f "$T/state/server.log"
if start_server --dir "$T/state" --abstract "$LOAD" --accept-outside \
		--max-clients 8 --idle-timeout 2; then
	"$SWARM" "abstract:$LOAD" 8 60 >"$T/idle.out" 2>&1 &
	IDLE=$!
	if wait_for "$T/state/server.log" "connection 8 via"; then
		tap_ok "8 idle clients hold every slot"
	else
		tap_not_ok "8 idle clients hold every slot"
	fi
	expect "every slot taken: a new client is served" 0 \
		"served=1 failed=0" "$SWARM" "abstract:$LOAD" 1
	contains "the oldest was evicted for it, logged and counted" \
		"$(cat "$T/server.err")" \
		"evicted 1 client(s), the oldest, for new ones via abstract: 8 clients, the maximum (1 evicted in all)"
	# They were accepted at slightly different times: maybe in batches.
	if wait_for "$T/server.err" "idle client(s) (7 in all)"; then
		tap_ok "the idle clients are closed after --idle-timeout"
	else
		tap_not_ok "the idle clients are closed after --idle-timeout"
		sed 's/^/# /' "$T/server.err"
	fi
	expect "then a new client is served" 0 "served=1 failed=0" \
		"$SWARM" "abstract:$LOAD" 1
	kill "$IDLE" 2>/dev/null
	wait "$IDLE" 2>/dev/null
	stop_server
	contains "the exit line counts evictions and idle closes" \
		"$(cat "$T/server.err")" "(1 evicted, 7 closed idle)"
else
	tap_not_ok "idle clients: the server starts"
fi

# Slowloris (issue 21, item 14): 4 clients, each sending a byte every
# 200 ms, are never idle for --idle-timeout 1 and held all 4 slots for
# ever.  Past that timeout, a new client must still be served, and only the
# oldest slow client be closed for it; the others trickle on.
rm -f "$T/state/server.log"
if start_server --dir "$T/state" --abstract "$LOAD" --accept-outside \
		--max-clients 4 --idle-timeout 1; then
	"$SWARM" "abstract:$LOAD" 4 5 slow >"$T/slow.out" 2>&1 &
	SLOW=$!
	if wait_for "$T/state/server.log" "connection 4 via"; then
		tap_ok "slowloris: 4 slow clients hold every slot"
	else
		tap_not_ok "slowloris: 4 slow clients hold every slot"
	fi
	# Bytes reset the idle timer: this is what they could hold for ever.
	sleep 1.5
	expect "slowloris: past --idle-timeout, a new client is served" 0 \
		"served=1 failed=0" "$SWARM" "abstract:$LOAD" 1
	wait "$SLOW"
	expect "slowloris: only the oldest slow client was closed" 0 \
		"connected=4
closed=0" cat "$T/slow.out"
	stop_server
	contains "slowloris: the eviction is counted, no idle close" \
		"$(cat "$T/server.err")" \
		"exiting after 5 connections (1 evicted, 0 closed idle)"
else
	tap_not_ok "slowloris: the server starts"
fi

# At its fd limit: 16 fds, 6 of them inherited, so accept4() fails with
# EMFILE while the server still believes it has room.  Held clients must
# not lock newcomers out there either: the oldest is evicted, as when
# every slot is taken.  Nor may it poll a listener it cannot drain.
cat >"$T/limited.sh" <<EOF
#!/bin/sh
ulimit -n 16 || exit 125
exec 3</dev/null 4</dev/null 5</dev/null 6</dev/null 7</dev/null 8</dev/null
exec "$SERVER" "\$@"
EOF
chmod +x "$T/limited.sh"
REAL_DAEMON=$DAEMON
SERVER=$T/limited.sh
if start_server --dir "$T/state" --abstract "$LOAD" --accept-outside \
		--idle-timeout 600; then
	SERVER=$REAL_DAEMON
	"$SWARM" "abstract:$LOAD" 14 60 >"$T/held.out" 2>&1 &
	HELD=$!
	wait_for "$T/held.out" "connected=" ||
		tap_note "the 14 clients did not connect"
	if wait_for "$T/server.err" "Too many open files"; then
		tap_ok "fd limit: accept4() fails with EMFILE, logged"
	else
		tap_not_ok "fd limit: accept4() fails with EMFILE, logged"
		sed 's/^/# /' "$T/server.err" "$T/held.out"
		ls -l "/proc/$SERVER_PID/fd" | sed 's/^/# /'
	fi
	expect "fd limit: with 14 clients held, a new one is served" 0 \
		"served=1 failed=0" "$SWARM" "abstract:$LOAD" 1
	# How many clients fit depends on the fds the test runner leaves open.
	pat='evicted 1 client(s), the oldest, for new ones via abstract:'
	pat="$pat [0-9]* clients, Too many open files (1 evicted in all)\$"
	if grep -q "$pat" "$T/server.err"; then
		tap_ok "fd limit: the oldest are evicted for newcomers"
	else
		tap_not_ok "fd limit: the oldest are evicted for newcomers"
		sed 's/^/# /' "$T/server.err"
	fi
	t0=$(cpu_ticks "$SERVER_PID")
	sleep 2
	t1=$(cpu_ticks "$SERVER_PID")
	hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
	tap_note "fd limit: the server used $((t1 - t0)) of $((2 * hz)) ticks in 2 s"
	# Spinning would be about 2 * hz; backing off is next to nothing.
	tap_check "fd limit: no spinning (CPU time under a tenth of the time)" \
		$((t1 - t0)) -lt $((hz / 5))
	kill "$HELD" 2>/dev/null
	wait "$HELD" 2>/dev/null
	expect "fd limit: once clients leave, a new one is served" 0 \
		"served=1 failed=0" "$SWARM" "abstract:$LOAD" 1
	stop_server
else
	SERVER=$REAL_DAEMON
	tap_not_ok "fd limit: the server starts"
fi

tap_done
