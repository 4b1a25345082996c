#!/bin/sh
# SPDX-License-Identifier: MIT
#
# landscope-run's options for landrun's users (issue 24): each restricts
# for real and asserts the exact errno (the try helper prints it) or exit
# status, per the kernel's features as the probe reports them, so that
# every row of the matrix (no Landlock, ABI 2 to 11) passes.
#
#   cli.sh RUN SERVER PROBE TRY DEMO

. "$(dirname "$0")/lib.sh"
setup "$@"

# /proc: a sanitizer build's programs cannot start without it.
SYS=/usr:/lib:/lib64:/bin:/sbin:/etc:/proc:$BUILD
mkdir -p "$T/ro" "$T/rw" "$T/extra" "$T/state" "$T/sock"
echo hello >"$T/ro/file"
echo secret >"$T/secret"

cleanup_hook() {
	stop_server
}

# opts OPTIONS... COMMAND...: options with the system read and executable,
# $T/ro readable.
opts() {
	"$RUN" --ignore-missing --rx "$SYS" --ro "$T/ro" "$@"
}

# Usage: the same on every kernel.
run "$RUN" --version
tap_check "--version: exit 0" "$rc" = 0
contains "--version: the library's version and ABI" "$out" \
	"Landlock ABI up to"
contains "--version: the program's version" "$out" "landscope-run 0."
run "$PROBE" --version
tap_check "probe --version: exit 0" "$rc" = 0
contains "probe --version: the library's version" "$out" "liblandscope"
run "$RUN" --help
for o in --unix --bind-udp --connect-udp --unrestricted-network \
	 --unrestricted-filesystem --add-exec --ldd --env --clear-env \
	 --log-level --log-disable-originating --log-enable-subprocesses \
	 --log-disable-subdomains --report-file --report-fd --version \
	 "landscope-probe(1)"; do
	contains "--help documents $o" "$out" "$o"
done
lacks "--help: no probe example" "$out" "probe example"
# Its old name, "sandboxer", is only the kernel's sample's now.
lacks "--help: names itself, the sandboxer is the kernel's sample" \
	"$(printf '%s\n' "$out" | grep -v 'samples/landlock/sandboxer\.c')" \
	"sandboxer"

# policy_error DESCRIPTION MESSAGE ARGS...: landscope-run ARGS refuses.
policy_error() {
	d=$1 m=$2
	shift 2
	refused "$d" "$m" "$RUN" "$@"
}
policy_error "--unrestricted-network with a port" "contradicts" \
	--rx / --unrestricted-network --bind-udp 53
policy_error "--unrestricted-tcp with a TCP port" "contradicts" \
	--rx / --unrestricted-tcp --connect-tcp 1
policy_error "--unrestricted-filesystem with a path" "contradicts" \
	--unrestricted-filesystem --rx /
policy_error "--unrestricted-filesystem with --add-exec" "contradicts" \
	--unrestricted-filesystem --add-exec
policy_error "--env with a bad name" "expected NAME or NAME=VALUE" \
	--rx / --env 1X=2
policy_error "--log-level unknown" "expected error, warn, info or debug" \
	--rx / --log-level loud
policy_error "--unix below --abi 9" "--unix needs --abi 9 or more" \
	--rx / --abi 8 --unix "$T/sock"
policy_error "--bind-udp below --abi 10" "--bind-udp needs --abi 10 or more" \
	--rx / --abi 9 --bind-udp 53
policy_error "--report-fd not open" "--report-fd 9" \
	--rx / --report --report-fd 9
policy_error "--report-file in a missing directory" "--report-file" \
	--rx / --report-file "$T/missing/report"

if [ "$ABI" = 0 ]; then
	# Nothing can be enforced: the new options change nothing to that.
	for o in "--unix $T/sock" "--bind-udp 53" "--clear-env" \
		 "--unrestricted-network" "--log-level error"; do
		# shellcheck disable=SC2086
		policy_error "no Landlock, $o: refuses" \
			"refusing to run the command unconfined" --rx / $o
	done
	expect "no Landlock, --allow-unconfined --clear-env --env" 0 bar \
		env FOO=bar "$RUN" --allow-unconfined --rx / \
		--clear-env --env FOO "$TRY" getenv FOO
	run "$RUN" --dry-run --rx /
	tap_check "no Landlock, --dry-run: exit 125" "$rc" = 125
	run "$RUN" --allow-unconfined --dry-run --rx /
	contains "no Landlock, --dry-run: the summary says so" "$err" \
		"landscope-run: dry run: not enforced"
	tap_done
	exit
fi

# Listeners outside the sandbox: TCP and a pathname Unix socket.
SOCK=$T/sock/s
start_server --dir "$T/state" --unix "$SOCK" --tcp 0 --accept-outside ||
	tap_not_ok "the server starts"
UPORT=$("$TRY" free-port)

# --env, --clear-env: the environment is kept unless --clear-env.
expect "the environment is kept by default" 0 bar \
	env FOO=bar "$RUN" --rx "$SYS" "$TRY" getenv FOO
expect "--clear-env: empty" 0 "(unset)" \
	env FOO=bar "$RUN" --rx "$SYS" --clear-env "$TRY" getenv FOO
expect "--clear-env --env NAME: passed" 0 bar \
	env FOO=bar "$RUN" --rx "$SYS" --clear-env --env FOO \
	"$TRY" getenv FOO
expect "--env NAME=VALUE: set" 0 baz \
	env FOO=bar "$RUN" --rx "$SYS" --env FOO=baz "$TRY" getenv FOO
expect "--env with the LL_* variables" 0 baz \
	env "LL_FS_RO=$SYS" LL_FS_RW= "$RUN" --clear-env --env FOO=baz \
	"$TRY" getenv FOO

# --unrestricted-filesystem, --unrestricted-network.
if has net.connect_tcp; then
	expect "--unrestricted-filesystem: writes anywhere" 0 ok \
		"$RUN" --unrestricted-filesystem "$TRY" write "$T/rw/a"
	expect "--unrestricted-filesystem: TCP still denied" 1 EACCES \
		"$RUN" --unrestricted-filesystem \
		"$TRY" connect-tcp "$SERVER_TCP"
	expect "--unrestricted-network: TCP connect" 0 ok \
		opts --unrestricted-network "$TRY" connect-tcp "$SERVER_TCP"
else
	# Only what this kernel lacks would be handled: nothing enforced.
	policy_error "--unrestricted-filesystem, no TCP rights: nothing left" \
		"refusing to run the command unconfined" \
		--unrestricted-filesystem --scope ''
fi
expect "--unrestricted-network: the filesystem still denied" 1 EACCES \
	opts --unrestricted-network "$TRY" write "$T/ro/new"

# UDP (ABI 10): handled whenever the network is restricted.
if has net.bind_udp; then
	expect "UDP bind denied by default" 1 EACCES \
		opts "$TRY" bind-udp "$UPORT"
	expect "--bind-udp: allowed" 0 ok \
		opts --bind-udp "$UPORT" "$TRY" bind-udp "$UPORT"
	expect "UDP connect denied by default" 1 EACCES \
		opts "$TRY" connect-udp "$UPORT"
	expect "--connect-udp: allowed" 0 ok \
		opts --connect-udp "$UPORT" "$TRY" connect-udp "$UPORT"
	expect "--unrestricted-network: UDP too" 0 ok \
		opts --unrestricted-network "$TRY" bind-udp "$UPORT"
	expect "--unrestricted-tcp: UDP still denied" 1 EACCES \
		opts --unrestricted-tcp "$TRY" bind-udp "$UPORT"
else
	expect "no UDP rights: UDP not restricted" 0 ok \
		opts "$TRY" bind-udp "$UPORT"
	expect "no UDP rights, --bind-udp: runs (best effort)" 0 ok \
		opts --bind-udp "$UPORT" "$TRY" connect-udp "$UPORT"
	contains "no UDP rights, --bind-udp: says UDP stays open" "$err" \
		"warning: --bind-udp: this kernel cannot restrict UDP"
	policy_error "no UDP rights, --hard --abi $ABI --bind-udp" \
		"--bind-udp needs --abi 10 or more" \
		--hard --abi "$ABI" --rx "$SYS" --bind-udp "$UPORT"
fi

# --unix (ABI 9): one pathname socket, or those beneath a directory.
if has fs.resolve_unix; then
	expect "pathname socket denied without --unix: EACCES" 1 EACCES \
		opts "$TRY" connect-unix "$SOCK"
	expect "--unix SOCKET: connects" 0 ok \
		opts --unix "$SOCK" "$TRY" connect-unix "$SOCK"
	expect "--unix DIRECTORY: connects" 0 ok \
		opts --unix "$T/sock" "$TRY" connect-unix "$SOCK"
	expect "--unix: nothing else on the directory" 1 EACCES \
		opts --unix "$T/sock" "$TRY" write "$T/sock/x"
else
	expect "no resolve_unix: --unix runs (best effort)" 0 ok \
		opts --unix "$SOCK" "$TRY" connect-unix "$SOCK"
	contains "no resolve_unix: says sockets stay reachable" "$err" \
		"warning: --unix: this kernel cannot restrict pathname Unix sockets"
	policy_error "no resolve_unix: --hard --abi $ABI --unix" \
		"--unix needs --abi 9 or more" \
		--hard --abi "$ABI" --rx "$SYS" --unix "$SOCK"
	policy_error "no resolve_unix: --hard --unix" "lacks" \
		--hard --rx "$SYS" --unix "$SOCK"
fi

# The log flags (ABI 7): best effort drops them, --hard requires them.
if has flag.log_same_exec_off; then
	run opts --dry-run --report=json --report-fd 1 \
		--log-disable-originating --log-disable-subdomains
	contains "--log-disable-*: enforced" "$out" \
		'"flags": {"requested": ["log_same_exec_off", "log_subdomains_off"], "enforced": ["log_same_exec_off", "log_subdomains_off"]}'
	expect "--log-enable-subprocesses: runs" 0 ok \
		opts --log-enable-subprocesses "$TRY" read "$T/ro/file"
else
	expect "no audit flags: --log-disable-originating runs" 0 ok \
		opts --log-disable-originating --log-disable-subdomains \
		"$TRY" read "$T/ro/file"
	policy_error "no audit flags: --log-enable-subprocesses" \
		"Landlock ABI 7 needed" --rx "$SYS" --log-enable-subprocesses
	if [ "$ABI" -ge 6 ]; then
		policy_error "no audit flags: --hard --log-disable-subdomains" \
			"lacks" --hard --abi "$ABI" --rx "$SYS" \
			--log-disable-subdomains
	fi
fi

# --log-level: what landscope-run says of itself.
run opts --ro "$T/missing" "$TRY" read "$T/ro/file"
contains "--log-level warn (default): warnings" "$err" "warning: skipped"
expect "--log-level error: no warning" 0 ok \
	opts --log-level error --ro "$T/missing" "$TRY" read "$T/ro/file"
tap_check "--log-level error: stderr empty" -z "$err"
run opts --log-level info "$TRY" read "$T/ro/file"
contains "--log-level info: the summary" "$err" "enforced (Landlock ABI $ABI)"
run opts --log-level debug "$TRY" read "$T/ro/file"
contains "--log-level debug: the report" "$err" "Landlock ABI"
tap_check "--log-level debug: the command's output alone on stdout" \
	"$out" = ok

# --dry-run without --report: one line.
run opts --dry-run
tap_check "--dry-run: exit 0" "$rc" = 0
contains "--dry-run: the summary" "$err" "landscope-run: dry run: "
tap_check "--dry-run: one line" "$(printf '%s\n' "$err" | wc -l)" = 1

# --report=json: never on the command's stdout unless asked.
run opts --report=json "$TRY" read "$T/ro/file"
tap_check "--report=json: the command's stdout alone" "$out" = ok
contains "--report=json: on stderr" "$err" '{"abi": '
run opts --report=json --report-file "$T/report.json" "$TRY" read "$T/ro/file"
tap_check "--report-file: the command's stdout alone" "$out" = ok
contains "--report-file: the report" "$(cat "$T/report.json")" '"status": '
run opts --report=json --report-fd 1 "$TRY" read "$T/ro/file"
contains "--report-fd 1: the old stdout" "$out" '{"abi": '

# --add-exec, --ldd: the program, its loader and its libraries.
if has fs.execute; then
	expect "outside --rx: not executed (126)" 126 "" \
		"$RUN" --ro "$T/ro:/proc" "$TRY" read "$T/ro/file"
	expect "--ldd: executed" 0 ok \
		"$RUN" --ldd --ro "$T/ro:/proc" "$TRY" read "$T/ro/file"
	expect "--ldd: nothing else" 1 EACCES \
		"$RUN" --ldd --ro "$T/ro:/proc" "$TRY" read "$T/secret"
	# A dynamic program needs its loader: --add-exec alone is not enough.
	# rules OPTION: how many rules OPTION gives, the cache aside.
	rules() {
		run "$RUN" "$1" --dry-run --report=json --report-fd 1 \
			"$TRY"
		printf '%s' "$out" | grep -o '"path": "[^"]*"' |
			grep -vc ld.so.cache
	}
	if [ "$(rules --ldd)" -gt "$(rules --add-exec)" ]; then
		expect "--add-exec alone: the loader denied (126)" 126 "" \
			"$RUN" --add-exec --ro "$T/ro:/proc" \
			"$TRY" read "$T/ro/file"
	fi
	printf '#!/bin/sh\necho script\n' >"$T/rw/script"
	chmod +x "$T/rw/script"
	expect "--ldd on a script: its interpreter too" 0 script \
		"$RUN" --ldd --ro /proc "$T/rw/script"
	policy_error "--add-exec: a missing command" "--add-exec" \
		--add-exec --rx "$SYS" -- "$T/missing"
fi

# --config with policy options: the options add rules and handled rights.
cat >"$T/base.toml" <<TOML
[[path_beneath]]
allowed_access = ["execute", "read_file", "read_dir"]
parent = [$(echo "$SYS" | sed 's/\([^:]*\)/"\1"/g; s/:/, /g'), "$T/ro"]
[[path_beneath]]
allowed_access = ["write_file", "read_file", "read_dir", "make_reg"]
parent = ["$T/rw"]
TOML
expect "--config + --rw: the extra path writable" 0 ok \
	"$RUN" --config "$T/base.toml" --rw "$T/extra" \
	"$TRY" write "$T/extra/new"
expect "--config + --rw: the policy's paths still writable" 0 ok \
	"$RUN" --config "$T/base.toml" --rw "$T/extra" \
	"$TRY" write "$T/rw/new"
expect "--config + --rw: elsewhere still denied" 1 EACCES \
	"$RUN" --config "$T/base.toml" --rw "$T/extra" \
	"$TRY" write "$T/ro/new"
expect "--config + --rw: mkdir now handled, denied elsewhere" 1 EACCES \
	"$RUN" --config "$T/base.toml" --rw "$T/extra" \
	"$TRY" mkdir "$T/rw/dir"
expect "--config alone: mkdir not handled, allowed" 0 ok \
	"$RUN" --config "$T/base.toml" "$TRY" mkdir "$T/rw/dir2"
expect "--config + --ignore-missing: the options' missing path skipped" 0 ok \
	"$RUN" --config "$T/base.toml" --ignore-missing \
	--rw "$T/missing:$T/extra" "$TRY" write "$T/extra/new2"
refused "--config + a missing path: refused" "No such file or directory" \
	"$RUN" --config "$T/base.toml" --rw "$T/missing"
if has net.connect_tcp; then
	expect "--config without net: TCP open" 0 ok \
		"$RUN" --config "$T/base.toml" \
		"$TRY" connect-tcp "$SERVER_TCP"
	expect "--config + --connect-tcp: that port" 0 ok \
		"$RUN" --config "$T/base.toml" \
		--connect-tcp "$SERVER_TCP" "$TRY" connect-tcp "$SERVER_TCP"
	expect "--config + --connect-tcp: another port denied" 1 EACCES \
		"$RUN" --config "$T/base.toml" --connect-tcp 1 \
		"$TRY" connect-tcp "$SERVER_TCP"
fi

tap_done
