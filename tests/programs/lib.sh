# SPDX-License-Identifier: MIT
# Shared by the programs suite's scripts: running a command and capturing
# what it did, the running kernel's features as landscope-probe reports
# them, and the daemon example run in the background.  TAP comes from tests/common/tap.sh: every script that
# sources this one lives in tests/SUITE/, here and in the build tree.
# POSIX sh, so that busybox guests can run it too.

. "$(dirname "$0")/../common/tap.sh"

T=
daemon_preload=

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

# setup RUN DAEMON PROBE TRY [DEMO SWARM MINIMAL INSIDE DENY
# JSON_REASON]: the arguments of every test script.
setup() {
	DEMO=${5:-}
	DENY=${9:+$(abs "$9")}
	JSON_REASON=${10:+$(abs "${10}")}
	SWARM=${6:+$(abs "$6")}
	INSIDE=${8:+$(abs "$8")}
	RUN=$(abs "$1") DAEMON=$(abs "$2")
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

# daemon_says TEXT: wait until a line of the daemon's stdout starts with
# TEXT (10 s at most), while it runs.
daemon_says() {
	i=0
	while ! grep -q "^$1" "$T/daemon.out" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 200 ] || ! kill -0 "$DAEMON_PID" 2>/dev/null; then
			tap_note "the daemon did not say \"$1\":"
			sed 's/^/# /' "$T/daemon.out" "$T/daemon.err"
			return 1
		fi
		sleep 0.05
	done
}

# start_daemon ARGS...: start the daemon example in the background and wait
# until it is ready; sets DAEMON_PID and DAEMON_TCP.
start_daemon() {
	# In a sanitizer build, LeakSanitizer needs /proc at exit, which the
	# daemon's own sandbox denies; ASan and UBSan still check it.  A
	# preloaded library comes before ASan's runtime, which ASan would
	# refuse.
	# Emptied here, not by the redirections below: those happen in the
	# child, after the parent may already have read a previous daemon's
	# "ready".
	: >"$T/daemon.out"
	: >"$T/daemon.err"
	asan=detect_leaks=0${daemon_preload:+:verify_asan_link_order=0}
	LD_PRELOAD=${daemon_preload:-${LD_PRELOAD:-}} \
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}$asan" \
		"$DAEMON" "$@" </dev/null >>"$T/daemon.out" 2>>"$T/daemon.err" &
	DAEMON_PID=$!
	daemon_says ready || return 1
	DAEMON_TCP=$(sed -n 's/^ready.* tcp=\([0-9]*\).*/\1/p' "$T/daemon.out")
}

# start_inside ARGS...: start_daemon with daemon-inside.so preloaded, then
# signal it to check the daemon's sandbox from inside: a child forked in
# the daemon's own domain writes "self-test: WHAT: ok|ERRNO" lines to the
# daemon's stdout, "self-test: done" last (see daemon-inside.c).
start_inside() {
	daemon_preload=$INSIDE
	start_daemon "$@"
	started=$?
	daemon_preload=
	[ "$started" = 0 ] && kill -USR2 "$DAEMON_PID" &&
		daemon_says "self-test: done"
}

stop_daemon() {
	[ -n "${DAEMON_PID:-}" ] || return 0
	kill -TERM "$DAEMON_PID" 2>/dev/null
	wait "$DAEMON_PID"
	DAEMON_RC=$?
	DAEMON_PID=
}
