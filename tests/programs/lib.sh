# SPDX-License-Identifier: MIT
# Shared by the programs suite's scripts: running a command and capturing
# what it did, the running kernel's features as landscope-probe reports
# them, and the test server (server.c) run in the background.  TAP comes
# from tests/common/tap.sh: every script that sources this one lives in
# tests/SUITE/, here and in the build tree.
# POSIX sh, so that busybox guests can run it too.

. "$(dirname "$0")/../common/tap.sh"

T=
server_preload=

# Print the last command's output, as TAP comments, after a failure.
show_run() {
	tap_note "command: $cmd"
	tap_note "exit status: $rc"
	sed 's/^/# stdout: /' "$T/stdout"
	sed 's/^/# stderr: /' "$T/stderr"
}

# run CMD...: run it with stdin closed; sets rc, out (stdout), err (stderr).
run() {
	cmd="$*"
	"$@" </dev/null >"$T/stdout" 2>"$T/stderr"
	rc=$?
	out=$(cat "$T/stdout")
	err=$(cat "$T/stderr")
}

# expect DESCRIPTION RC STDOUT CMD...: the exit status and the exact stdout.
expect() {
	desc=$1 want_rc=$2 want_out=$3
	shift 3
	run "$@"
	if [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ]; then
		tap_ok "$desc"
	else
		tap_not_ok "$desc (expected status $want_rc and \"$want_out\")"
		show_run
	fi
}

# refused DESCRIPTION MESSAGE CMD...: CMD, given "$TRY write MARKER" to
# run, refuses before running anything (exit 125, no marker) and says
# MESSAGE.  Needs $T/rw.
refused() {
	desc=$1 want=$2
	shift 2
	rm -f "$T/rw/marker"
	run "$@" "$TRY" write "$T/rw/marker"
	if [ "$rc" = 125 ] && [ ! -e "$T/rw/marker" ]; then
		tap_ok "policy error before exec: $desc"
	else
		tap_not_ok "policy error before exec: $desc"
		show_run
	fi
	contains "policy error message: $desc" "$err" "$want"
}

# contains DESCRIPTION HAYSTACK NEEDLE
contains() {
	case "$2" in
	*"$3"*) tap_ok "$1" ;;
	*) tap_not_ok "$1 (\"$3\" not found)"; echo "$2" | sed 's/^/# /' ;;
	esac
}

lacks() {
	case "$2" in
	*"$3"*) tap_not_ok "$1 (\"$3\" found)"; echo "$2" | sed 's/^/# /' ;;
	*) tap_ok "$1" ;;
	esac
}

# feature KEY: a value of "probe --keys" (yes, no, a number...).
feature() {
	sed -n "s/^$1=//p" "$T/features"
}

has() {
	[ "$(feature "$1")" = yes ]
}

# What an operation should give: has KEY ? DENIED : ok.
denied_if() {
	if has "$1"; then echo "$2"; else echo ok; fi
}

# abs PATH: PATH made absolute (the sandboxes are given absolute paths).
abs() {
	(cd "$(dirname "$1")" && echo "$(pwd)/$(basename "$1")")
}

# setup RUN SERVER PROBE TRY [DEMO SWARM MINIMAL INSIDE DENY
# JSON_REASON DAEMON]: the arguments of every test script.
setup() {
	DAEMON=${11:+$(abs "${11}")}
	DEMO=${5:-}
	DENY=${9:+$(abs "$9")}
	JSON_REASON=${10:+$(abs "${10}")}
	SWARM=${6:+$(abs "$6")}
	INSIDE=${8:+$(abs "$8")}
	RUN=$(abs "$1") SERVER=$(abs "$2")
	PROBE=$(abs "$3") TRY=$(abs "$4")
	# The build tree: the programs and the library they load.
	BUILD=$(dirname "$(dirname "$RUN")")
	# 1 when the library was built with -Dtest_hooks=true, so that
	# LANDSCOPE_SIMULATE_ABI acts; a production build ignores it.
	TEST_HOOKS=@TEST_HOOKS@
	# LANDSCOPE_SIMULATE_ABI, the library's test-only override, is kept:
	# the programs and the expectations (from the probe) then all see the
	# simulated kernel, which runs the older kernels' branches here.
	unset LL_FS_RO LL_FS_RW LL_TCP_BIND LL_TCP_CONNECT LL_SCOPED \
		LL_FORCE_LOG
	T=$(mktemp -d "${TMPDIR:-/tmp}/landscope-programs.XXXXXX") || exit 1
	trap cleanup EXIT
	trap 'exit 1' INT TERM
	"$PROBE" --keys >"$T/features"
	ABI=$(feature abi)
	tap_note "Landlock ABI $ABI, unavailable: $(feature unavailable)"
}

cleanup_hook() {
	:
}

cleanup() {
	cleanup_hook
	[ -n "$T" ] && rm -rf "$T"
}

# server_says TEXT: wait until a line of the server's stdout starts with
# TEXT (10 s at most), while it runs.
server_says() {
	i=0
	while ! grep -q "^$1" "$T/server.out" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 200 ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
			tap_note "the server did not say \"$1\":"
			sed 's/^/# /' "$T/server.out" "$T/server.err"
			return 1
		fi
		sleep 0.05
	done
}

# start_server ARGS...: start the server (server.c) in the background and wait
# until it is ready; sets SERVER_PID and SERVER_TCP.
start_server() {
	# In a sanitizer build, LeakSanitizer needs /proc at exit, which the
	# server's own sandbox denies; ASan and UBSan still check it.  A
	# preloaded library comes before ASan's runtime, which ASan would
	# refuse.
	# Emptied here, not by the redirections below: those happen in the
	# child, after the parent may already have read a previous server's
	# "ready".
	: >"$T/server.out"
	: >"$T/server.err"
	asan=detect_leaks=0${server_preload:+:verify_asan_link_order=0}
	LD_PRELOAD=${server_preload:-${LD_PRELOAD:-}} \
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}$asan" \
		"$SERVER" "$@" </dev/null >>"$T/server.out" 2>>"$T/server.err" &
	SERVER_PID=$!
	server_says ready || return 1
	SERVER_TCP=$(sed -n 's/^ready.* tcp=\([0-9]*\).*/\1/p' "$T/server.out")
}

# start_inside ARGS...: start_server with server-inside.so preloaded, then
# signal it to check the server's sandbox from inside: a child forked in
# the server's own domain writes "self-test: WHAT: ok|ERRNO" lines to the
# server's stdout, "self-test: done" last (see server-inside.c).
start_inside() {
	server_preload=$INSIDE
	start_server "$@"
	started=$?
	server_preload=
	[ "$started" = 0 ] && kill -USR2 "$SERVER_PID" &&
		server_says "self-test: done"
}

stop_server() {
	[ -n "${SERVER_PID:-}" ] || return 0
	kill -TERM "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID"
	SERVER_RC=$?
	SERVER_PID=
}
