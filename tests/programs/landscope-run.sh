#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tools/landscope-run: real commands in real sandboxes, with the exact errno
# of each operation (the try helper prints it) and the exact exit status.
# What depends on the kernel is asserted from the probe's keys, which
# landscope-probe.sh checks against the raw syscalls.
#
#   landscope-run.sh RUN SERVER PROBE TRY DEMO

. "$(dirname "$0")/lib.sh"
setup "$@"

# /proc: a sanitizer build's programs cannot start without it.
SYS=/usr:/lib:/lib64:/bin:/sbin:/etc:/proc
mkdir -p "$T/ro" "$T/rw" "$T/state"
echo hello >"$T/ro/file"
echo hello >"$T/ro/file2"
cp "$TRY" "$T/rw/try-copy"

# ll [VAR=VALUE...] COMMAND...: the environment interface, with the system
# and the build tree read-only, $T/ro read-only and $T/rw read-write.
ll() {
	env "LL_FS_RO=$SYS:$BUILD:$T/ro" "LL_FS_RW=$T/rw" "$@"
}

cleanup_hook() {
	stop_server
}

# Usage: before any sandbox.
run "$RUN" --help
tap_check "--help exits 0" "$rc" = 0
contains "--help documents the variables" "$out" "LL_FS_RO"
contains "--help documents the options" "$out" "--rw PATHS"
contains "--help gives an example" "$out" "Example"
run "$RUN"
tap_check "no command: exit 125" "$rc" = 125
contains "no command: says so" "$err" "no command"

if [ "$ABI" = 0 ]; then
	# The kernel's sample refuses to run anything without Landlock.
	run ll "$RUN" "$TRY" write "$T/rw/marker"
	tap_check "no Landlock, variables: exit 125" "$rc" = 125
	tap_check "no Landlock, variables: nothing ran" ! -e "$T/rw/marker"
	contains "no Landlock: says why" "$err" "not available"
	run "$RUN" --ro / "$TRY" exit 3
	tap_check "no Landlock, options, best effort: exit 125" "$rc" = 125
	contains "no Landlock, best effort: refuses" "$err" \
		"refusing to run the command unconfined"
	run "$RUN" --allow-unconfined --ro / "$TRY" exit 3
	tap_check "no Landlock, --allow-unconfined: runs" "$rc" = 3
	contains "no Landlock, --allow-unconfined: warns" "$err" \
		"NOT enforced"
	run "$RUN" --hard --ro / "$TRY" exit 3
	tap_check "no Landlock, --hard: exit 125" "$rc" = 125
	tap_done
	exit
fi

# The listener outside: the server, accepting outsiders (no inbound scope).
start_server --dir "$T/state" --abstract "landscope-sbx-$$" --tcp 0 \
	--accept-outside ||
	tap_not_ok "the server starts"
NAME=landscope-sbx-$$
BPORT=$("$TRY" free-port)

# The environment interface.
expect "allowed read" 0 ok ll "$RUN" "$TRY" read "$T/ro/file"
expect "allowed listing" 0 ok ll "$RUN" "$TRY" ls "$T/ro"
expect "denied write in LL_FS_RO: EACCES" 1 EACCES \
	ll "$RUN" "$TRY" write "$T/ro/new"
tap_check "denied write: no file" ! -e "$T/ro/new"
expect "denied mkdir in LL_FS_RO: EACCES" 1 EACCES \
	ll "$RUN" "$TRY" mkdir "$T/ro/dir"
expect "denied write outside the policy: EACCES" 1 EACCES \
	ll "$RUN" "$TRY" write "$T/new"
expect "allowed write in LL_FS_RW" 0 ok \
	ll "$RUN" "$TRY" write "$T/rw/new"
expect "allowed mkdir in LL_FS_RW" 0 ok \
	ll "$RUN" "$TRY" mkdir "$T/rw/dir"
expect "allowed exec in LL_FS_RW" 7 "" \
	ll "$RUN" "$T/rw/try-copy" exit 7

# A file given directory rights gets file rights, as in the kernel's
# sample, instead of failing.
expect "file in LL_FS_RW: writable" 0 ok \
	ll "LL_FS_RW=$T/rw:$T/ro/file2" "$RUN" "$TRY" write "$T/ro/file2"
expect "file in LL_FS_RW: its directory stays read-only" 1 EACCES \
	ll "LL_FS_RW=$T/rw:$T/ro/file2" "$RUN" "$TRY" write "$T/ro/x"
expect "file in LL_FS_RO: readable" 0 ok \
	env "LL_FS_RO=$SYS:$BUILD:$T/ro/file" LL_FS_RW= \
	"$RUN" "$TRY" read "$T/ro/file"
expect "file in LL_FS_RO: its siblings are not" 1 EACCES \
	env "LL_FS_RO=$SYS:$BUILD:$T/ro/file" LL_FS_RW= \
	"$RUN" "$TRY" read "$T/ro/file2"

# Missing paths are skipped with a warning.
expect "missing path: the command runs" 0 ok \
	ll "LL_FS_RO=$SYS:$BUILD:$T/missing:$T/ro" "$RUN" "$TRY" \
	read "$T/ro/file"
contains "missing path: warned" "$err" "$T/missing"

# Exit status and environment.
expect "the command's exit status is passed through" 42 "" \
	ll "$RUN" "$TRY" exit 42
expect "the variables are removed from the command's environment" \
	0 "(unset)" ll LL_SCOPED=a "$RUN" "$TRY" getenv LL_FS_RO
expect "LL_SCOPED too" 0 "(unset)" \
	ll LL_SCOPED=a "$RUN" "$TRY" getenv LL_SCOPED
run ll "$RUN" "$T/does-not-exist"
tap_check "command not found: exit 127" "$rc" = 127
run ll "$RUN" "$T/ro/file"
tap_check "command not executable: exit 126" "$rc" = 126

# Policy errors: reported before anything runs (exit 125, no marker).
policy_error() {
	desc=$1
	shift
	rm -f "$T/rw/marker"
	run "$@" "$TRY" write "$T/rw/marker"
	if [ "$rc" = 125 ] && [ ! -e "$T/rw/marker" ] && [ -n "$err" ]; then
		tap_ok "policy error before exec: $desc"
	else
		tap_not_ok "policy error before exec: $desc"
		show_run
	fi
}
policy_error "LL_FS_RW missing" env "LL_FS_RO=$SYS:$BUILD" "$RUN"
policy_error "LL_FS_RO missing" env "LL_FS_RW=$T/rw" "$RUN"
policy_error "bad port" ll LL_TCP_BIND=http "$RUN"
policy_error "port out of range" ll LL_TCP_CONNECT=65536 "$RUN"
policy_error "LL_FORCE_LOG=2" ll LL_FORCE_LOG=2 "$RUN"
policy_error "variables and options mixed" ll "$RUN" --ro /
policy_error "--abi 0" ll "$RUN" --abi 0
if has scope.signal; then
	policy_error "unknown scope" ll LL_SCOPED=x "$RUN"
	policy_error "duplicate scope" ll LL_SCOPED=a:a "$RUN"
	policy_error "empty scope item" ll LL_SCOPED=a: "$RUN"
else
	# The kernel's sample does not read LL_SCOPED without scopes.
	expect "unknown scope ignored without scopes, as the sample" 0 ok \
		ll LL_SCOPED=x "$RUN" "$TRY" write "$T/rw/marker"
fi
if has flag.log_new_exec_on; then
	expect "LL_FORCE_LOG=1 runs (ABI 7)" 0 ok \
		ll LL_FORCE_LOG=1 "$RUN" "$TRY" read "$T/ro/file"
else
	policy_error "LL_FORCE_LOG=1 without audit flags" \
		ll LL_FORCE_LOG=1 "$RUN"
fi

# Scopes, against the server listening outside the sandbox.
expect "abstract socket without LL_SCOPED: connects" 0 ok \
	ll "$RUN" "$TRY" connect-abstract "$NAME"
expect "LL_SCOPED=a: abstract connect $(denied_if \
	scope.abstract_unix_socket EPERM)" \
	"$(has scope.abstract_unix_socket && echo 1 || echo 0)" \
	"$(denied_if scope.abstract_unix_socket EPERM)" \
	ll LL_SCOPED=a "$RUN" "$TRY" connect-abstract "$NAME"
expect "signal outside without LL_SCOPED: allowed" 0 ok \
	ll "$RUN" "$TRY" kill $$
expect "LL_SCOPED=s: signal outside $(denied_if scope.signal EPERM)" \
	"$(has scope.signal && echo 1 || echo 0)" \
	"$(denied_if scope.signal EPERM)" \
	ll LL_SCOPED=s "$RUN" "$TRY" kill $$
expect "every scope letter is accepted in best effort" 0 ok \
	ll LL_SCOPED=a:s:u:A:U "$RUN" "$TRY" read "$T/ro/file"

# TCP.
if has net.bind_tcp; then
	expect "LL_TCP_BIND empty: bind EACCES" 1 EACCES \
		ll LL_TCP_BIND= "$RUN" "$TRY" bind-tcp "$BPORT"
	expect "LL_TCP_BIND=port: bind allowed" 0 ok \
		ll "LL_TCP_BIND=$BPORT" "$RUN" "$TRY" bind-tcp "$BPORT"
	expect "LL_TCP_CONNECT empty: connect EACCES" 1 EACCES \
		ll LL_TCP_CONNECT= "$RUN" "$TRY" connect-tcp "$SERVER_TCP"
	expect "LL_TCP_CONNECT=port: connect allowed" 0 ok \
		ll "LL_TCP_CONNECT=1:$SERVER_TCP" "$RUN" "$TRY" \
		connect-tcp "$SERVER_TCP"
else
	# The kernel's sample fails on a port rule without TCP rights.
	policy_error "TCP ports without TCP rights" \
		ll "LL_TCP_BIND=$BPORT" "$RUN"
fi
expect "TCP not restricted without the variables" 0 ok \
	ll "$RUN" "$TRY" connect-tcp "$SERVER_TCP"

# The report.
run ll "$RUN" --report "$TRY" exit 0
tap_check "--report: the command runs" "$rc" = 0
contains "--report: printed to stderr" "$err" "ABI $ABI"
run ll "$RUN" "$TRY" exit 0
tap_check "no report unless asked" -z "$err"

# Options.
opts() {
	"$RUN" --ignore-missing --rx "$SYS:$BUILD" "$@"
}
expect "--ro: read" 0 ok opts --ro "$T/ro" --rw "$T/rw" \
	"$TRY" read "$T/ro/file"
expect "--ro: write EACCES" 1 EACCES opts --ro "$T/ro" --rw "$T/rw" \
	"$TRY" write "$T/ro/new"
expect "--rw: write" 0 ok opts --ro "$T/ro" --rw "$T/rw" \
	"$TRY" write "$T/rw/new2"
expect "--rw: no exec (exit 126)" 126 "" opts --rw "$T/rw" \
	"$T/rw/try-copy" exit 0
expect "--rwx: exec" 5 "" opts --rwx "$T/rw" "$T/rw/try-copy" exit 5
expect "--ro: no exec (exit 126)" 126 "" \
	"$RUN" --ignore-missing --rx "$SYS" --ro "$BUILD" "$TRY" exit 0
expect "--ro on a file: readable" 0 ok opts --ro "$T/ro/file" \
	"$TRY" read "$T/ro/file"
expect "options can be repeated, lists are colon-separated" 0 ok \
	opts --ro "$T/missing:$T/ro" --ro "$T/rw" "$TRY" read "$T/rw/new2"
contains "--ignore-missing: warned" "$err" "$T/missing"
policy_error "missing path without --ignore-missing" \
	"$RUN" --ro "$T/missing" --rx "$SYS:$BUILD" --rw "$T/rw"
policy_error "--unrestricted-tcp with a port" \
	opts --unrestricted-tcp --bind-tcp 1 --rw "$T/rw"
policy_error "bad --scope" opts --scope q --rw "$T/rw"
expect "options: abstract connect $(denied_if scope.abstract_unix_socket \
	EPERM) by default" \
	"$(has scope.abstract_unix_socket && echo 1 || echo 0)" \
	"$(denied_if scope.abstract_unix_socket EPERM)" \
	opts "$TRY" connect-abstract "$NAME"
expect "--scope '': no scope" 0 ok \
	opts --scope '' "$TRY" connect-abstract "$NAME"
expect "options: signal $(denied_if scope.signal EPERM) by default" \
	"$(has scope.signal && echo 1 || echo 0)" \
	"$(denied_if scope.signal EPERM)" opts "$TRY" kill $$
if has net.connect_tcp; then
	expect "options: TCP connect denied by default" 1 EACCES \
		opts "$TRY" connect-tcp "$SERVER_TCP"
	expect "--connect-tcp: allowed" 0 ok \
		opts --connect-tcp "$SERVER_TCP" \
		"$TRY" connect-tcp "$SERVER_TCP"
	expect "--connect-tcp: bind still denied" 1 EACCES \
		opts --connect-tcp "$SERVER_TCP" "$TRY" bind-tcp "$BPORT"
	expect "--bind-tcp: allowed" 0 ok \
		opts --bind-tcp "$BPORT" "$TRY" bind-tcp "$BPORT"
fi
expect "--unrestricted-tcp" 0 ok \
	opts --unrestricted-tcp "$TRY" connect-tcp "$SERVER_TCP"

# --hard: everything landscope-run knows, or nothing runs.
everything=yes
for k in fs.resolve_unix fs.ioctl_dev fs.truncate fs.refer net.bind_tcp \
	 net.bind_udp net.connect_send_udp scope.abstract_unix_socket \
	 scope.signal; do
	has $k || everything=no
done
if [ $everything = yes ]; then
	expect "--hard on a kernel with everything: runs" 0 ok \
		opts --hard --ro "$T/ro" "$TRY" read "$T/ro/file"
	expect "--hard on a kernel with everything: enforced" 1 EACCES \
		opts --hard --ro "$T/ro" "$TRY" write "$T/ro/new"
else
	policy_error "--hard on a kernel that lacks rights" \
		opts --hard --rw "$T/rw"
	contains "--hard: names what is missing" "$err" "lacks"
	# Rights of ABI N only; the default scopes need ABI 6.
	if [ "$ABI" -ge 6 ]; then
		expect "--hard --abi $ABI: runs" 0 ok \
			opts --hard --abi "$ABI" --ro "$T/ro" \
			"$TRY" read "$T/ro/file"
		expect "--hard --abi $ABI: enforced" 1 EACCES \
			opts --hard --abi "$ABI" "$TRY" write "$T/ro/new"
	fi
fi
if ! has scope.abstract_unix_socket_inbound; then
	policy_error "--hard --scope A without the companion scopes" \
		opts --hard --abi "$ABI" --scope A
fi

# Saying what happened.
if [ -r /proc/self/fd/0 ]; then
	echo | env LL_FS_RO=/proc/self/fd/0 LL_FS_RW= "$RUN" "$TRY" \
		exit 0 >"$T/stdout" 2>"$T/stderr"
	rc=$?
	tap_check "a pipe as LL_FS_RO: refused by the kernel, exit 125" "$rc" = 125
	contains "a pipe as LL_FS_RO: the path is named, as by the sample" \
		"$(cat "$T/stderr")" \
		"failed to update the ruleset with \"/proc/self/fd/0\""
fi
mkdir -p "$T/many"
i=0 paths=
while [ $i -lt 1100 ]; do
	mkdir "$T/many/d$i"
	paths=$paths:$T/many/d$i
	i=$((i + 1))
done
run sh -c 'ulimit -n 1024 && exec "$@"' sh \
	env "LL_FS_RO=/$paths" LL_FS_RW= "$RUN" "$TRY" write "$T/many/new"
tap_check "1100 paths at ulimit -n 1024: runs" "$out" = "$(denied_if \
	fs.write_file EACCES)"
run env LL_FS_RO=/ LL_FS_RW= LL_TCP_BIND=000000000000000000000000000000080 \
	"$RUN" "$TRY" exit 0
if has net.bind_tcp; then
	tap_check "a 33-character zero-padded port is port 80, as for the sample" \
		"$rc" = 0
fi
# (The sample reads LL_SCOPED only where the kernel has scopes.)
if has scope.abstract_unix_socket &&
   ! has scope.abstract_unix_socket_inbound; then
	run env LL_FS_RO=/ LL_FS_RW= LL_SCOPED=A "$RUN" "$TRY" exit 0
	tap_check "LL_SCOPED=A on a kernel without it: runs (best effort)" \
		"$rc" = 0
	contains "LL_SCOPED=A dropped: a warning without --report" "$err" \
		"warning: LL_SCOPED: the kernel lacks scopes: abstract_unix_socket_inbound"
fi
if has scope.abstract_unix_socket; then
	run env LL_FS_RO=/ LL_FS_RW= LL_SCOPED=a "$RUN" "$TRY" exit 0
	lacks "LL_SCOPED=a enforced: no warning" "$err" "warning"
fi
: >"$T/not-executable"
run "$RUN" --ro / -- "$T/not-executable"
tap_check "a file without x: exit 126" "$rc" = 126
lacks "a file without x: no sandbox hint (not the sandbox's doing)" \
	"$err" "hint: the sandbox"
if has fs.execute; then
	run "$RUN" --ro / -- "$TRY" exit 0
	tap_check "a program outside --rx: exit 126" "$rc" = 126
	contains "a program outside --rx: the sandbox hint" "$err" \
		"hint: the sandbox may deny executing"
fi

# The sample's refusals, on older kernels, through the library's
# test-only override (a test build: -Dtest_hooks=true).
if [ "$TEST_HOOKS" = 1 ]; then
	if [ "$ABI" -ge 4 ]; then
		policy_error "simulated ABI 3: TCP ports" \
			ll LANDSCOPE_SIMULATE_ABI=3 "LL_TCP_BIND=$BPORT" "$RUN"
		expect "simulated ABI 3: an empty port list runs" 0 ok \
			ll LANDSCOPE_SIMULATE_ABI=3 LL_TCP_BIND= \
			"$RUN" "$TRY" bind-tcp "$BPORT"
	fi
	if [ "$ABI" -ge 6 ]; then
		expect "simulated ABI 5: LL_SCOPED ignored, as the sample" 0 ok \
			ll LANDSCOPE_SIMULATE_ABI=5 LL_SCOPED=zz \
			"$RUN" "$TRY" connect-abstract "$NAME"
	fi
	if [ "$ABI" -ge 7 ]; then
		policy_error "simulated ABI 6: LL_FORCE_LOG=1" \
			ll LANDSCOPE_SIMULATE_ABI=6 LL_FORCE_LOG=1 "$RUN"
	fi
	policy_error "simulated no Landlock: variables refused" \
		ll LANDSCOPE_SIMULATE_ABI=0 "$RUN"
	contains "simulated no Landlock: hint" "$err" "built without Landlock"
	# Never unconfined unless asked (issue 21, item 3): best effort is
	# the default, so options alone must not run a command with nothing
	# enforced.
	rm -f "$T/rw/unconfined"
	expect "simulated no Landlock: options refuse to run unconfined" \
		125 "" env LANDSCOPE_SIMULATE_ABI=0 "$RUN" --rx / \
		"$TRY" write "$T/rw/unconfined"
	tap_check "simulated no Landlock: nothing ran" ! -e "$T/rw/unconfined"
	contains "simulated no Landlock: says why" "$err" \
		"landscope-run: nothing can be enforced (Landlock is hidden by"
	contains "simulated no Landlock: and how to run anyway" "$err" \
"refusing to run the command unconfined; --allow-unconfined runs it anyway"
	expect "simulated no Landlock: --best-effort alone still refuses" \
		125 "" env LANDSCOPE_SIMULATE_ABI=0 "$RUN" --best-effort \
		--rx / "$TRY" exit 0
	expect "simulated no Landlock: --allow-unconfined runs it" 0 ok \
		env LANDSCOPE_SIMULATE_ABI=0 "$RUN" --allow-unconfined \
		--rx / "$TRY" write "$T/rw/unconfined"
	contains "--allow-unconfined: says plainly it runs unconfined" \
		"$err" "landscope-run: warning: the sandbox is NOT enforced"
	contains "--allow-unconfined: ... the command runs unconfined" \
		"$err" "): the command runs unconfined"
	run env LANDSCOPE_SIMULATE_ABI=0 "$RUN" --allow-unconfined \
		--report --rx / "$TRY" write "$T/rw/unconfined"
	contains "simulated no Landlock: the report names the simulation" \
		"$err" "simulated: Landlock ABI 0 (LANDSCOPE_SIMULATE_ABI"
	run env LANDSCOPE_SIMULATE_ABI=0 "$RUN" --allow-unconfined \
		--report=json --report-fd 1 --rx / "$TRY" exit 0
	contains "--allow-unconfined: the JSON report says unconfined" \
		"$out" '"unconfined": true'
	expect "--allow-unconfined with the variables: runs" 0 ok \
		ll LANDSCOPE_SIMULATE_ABI=0 "$RUN" --allow-unconfined \
		"$TRY" read "$T/ro/file"
fi
policy_error "--allow-unconfined contradicts --hard" \
	"$RUN" --hard --allow-unconfined --rx /
if [ "$TEST_HOOKS" != 1 ] && [ "$ABI" -ge 1 ]; then
	# A production build: the variable changes nothing.
	expect "production build: LANDSCOPE_SIMULATE_ABI=0 ignored" 1 \
		"EACCES" env LANDSCOPE_SIMULATE_ABI=0 "$RUN" --rx / \
		"$TRY" write "$T/rw/ignored"
fi

tap_done
