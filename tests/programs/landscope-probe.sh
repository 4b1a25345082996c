#!/bin/sh
# SPDX-License-Identifier: MIT
#
# landscope-probe: what it prints must be what the kernel says.  Each right
# and scope is checked against a raw landlock_create_ruleset() (the try
# helper, which does not use the library), and against LANDSCOPE_EXPECT_ABI
# and LANDSCOPE_EXPECT_PATCHED when they are set.
#
#   landscope-probe.sh RUN SERVER PROBE TRY DEMO

. "$(dirname "$0")/lib.sh"
setup "$@"

# The raw truth: the kernel's ABI (or why there is none).
raw_abi=$("$TRY" landlock-abi)
lib_abi=$(feature library_abi)
case $raw_abi in
[0-9]*) want_abi=$raw_abi
	[ "$want_abi" -gt "$lib_abi" ] && want_abi=$lib_abi
	want_unavailable=none ;;
*)	want_abi=0 want_unavailable=$raw_abi ;;
esac
tap_note "raw landlock_create_ruleset(VERSION): $raw_abi"

run "$PROBE"
if [ "$want_abi" -gt 0 ]; then
	tap_check "probe exits 0 when Landlock is usable" "$rc" = 0
	contains "probe prints the ABI" "$out" "Landlock: ABI $want_abi"
else
	tap_check "probe exits 1 without Landlock" "$rc" = 1
	contains "probe says why Landlock is unusable" "$out" "not available"
fi
for title in "Filesystem rights" "Network rights" "Scopes" "Restrict flags" \
	     "Rule flags" "Errata:" "Kernel:"; do
	contains "probe prints \"$title\"" "$out" "$title"
done
for name in read_file resolve_unix bind_tcp connect_send_udp signal \
	    abstract_unix_socket_inbound pathname_unix_socket_inbound \
	    all_threads quiet; do
	contains "the table lists $name" "$out" "  $name "
done

tap_check "abi= is the kernel's (clamped to the library's)" \
	"$(feature abi)" = "$want_abi"
tap_check "unavailable= is the kernel's answer" \
	"$(feature unavailable)" = "$want_unavailable"
if [ "$want_abi" -gt 0 ]; then
	tap_check "kernel_abi= is the kernel's, unclamped" \
		"$(feature kernel_abi)" = "$raw_abi"
	raw_errata=$("$TRY" landlock-errata)
	case $raw_errata in
	[0-9]*) tap_check "errata= is the kernel's" \
			"$(printf '0x%x' "$raw_errata")" = \
			"$(feature errata)" ;;
	*) tap_check "errata= is 0 when the kernel has no errata query" \
			"$(feature errata)" = 0x0 ;;
	esac
fi

# Every bit against the raw syscall.  The pathname scope may also be
# provided by the library's ABI 9 fallback, so only its raw "yes" counts.
bit=0
for name in execute write_file read_file read_dir remove_dir remove_file \
	    make_char make_dir make_reg make_sock make_fifo make_block \
	    make_sym refer truncate ioctl_dev resolve_unix; do
	raw=$("$TRY" landlock-fs $bit)
	want=no
	[ "$raw" = ok ] && [ "$want_abi" -gt 0 ] && want=yes
	tap_check "fs.$name=$want (raw: $raw)" "$(feature fs.$name)" = $want
	bit=$((bit + 1))
done
bit=0
for name in bind_tcp connect_tcp bind_udp connect_send_udp; do
	raw=$("$TRY" landlock-net $bit)
	want=no
	[ "$raw" = ok ] && [ "$want_abi" -gt 0 ] && want=yes
	tap_check "net.$name=$want (raw: $raw)" "$(feature net.$name)" = $want
	bit=$((bit + 1))
done
# The kernel numbers the companion inbound scopes 63 and 62 (v2 series).
bit=0
for name in abstract_unix_socket signal pathname_unix_socket \
	    abstract_unix_socket_inbound pathname_unix_socket_inbound; do
	kbit=$bit
	[ $bit = 3 ] && kbit=63
	[ $bit = 4 ] && kbit=62
	raw=$("$TRY" landlock-scope $kbit)
	want=no
	[ "$raw" = ok ] && [ "$want_abi" -gt 0 ] && want=yes
	got=$(feature scope.$name)
	if [ $bit = 2 ] && [ $want = no ] && has fs.resolve_unix; then
		tap_check "scope.$name is given (ABI 9 fallback)" -n "$got"
	else
		tap_check "scope.$name=$want (raw: $raw)" "$got" = $want
	fi
	bit=$((bit + 1))
done
tap_check "flag.log_new_exec_on follows ABI 7" \
	"$(feature flag.log_new_exec_on)" = \
	"$([ "$want_abi" -ge 7 ] && echo yes || echo no)"
tap_check "flag.all_threads follows ABI 8" "$(feature flag.all_threads)" = \
	"$([ "$want_abi" -ge 8 ] && echo yes || echo no)"
tap_check "rule.quiet follows ABI 10" "$(feature rule.quiet)" = \
	"$([ "$want_abi" -ge 10 ] && echo yes || echo no)"

# What CI says this kernel is.
if [ -n "${LANDSCOPE_EXPECT_ABI:-}" ]; then
	tap_check "ABI $LANDSCOPE_EXPECT_ABI expected (LANDSCOPE_EXPECT_ABI)" \
		"$(feature abi)" = "$LANDSCOPE_EXPECT_ABI"
fi
companion=$(feature scope.abstract_unix_socket_inbound)$(feature \
	scope.pathname_unix_socket_inbound)
case ${LANDSCOPE_EXPECT_PATCHED:-} in
1) tap_check "companion scopes expected (LANDSCOPE_EXPECT_PATCHED=1)" \
	"$companion" = yesyes ;;
0) tap_check "companion scopes expected absent (LANDSCOPE_EXPECT_PATCHED=0)" \
	"$companion" = nono ;;
esac

# --json: the same facts as one object.
run "$PROBE" --json
contains "--json: the ABI" "$out" "\"abi\": $ABI,"
contains "--json: read_file as --keys has it" "$out" \
	"\"read_file\": $([ "$(feature fs.read_file)" = yes ] && echo true ||
		echo false)"
if command -v python3 >/dev/null 2>&1; then
	if printf '%s\n' "$out" | python3 -c 'import json, sys; json.load(sys.stdin)'
	then
		tap_ok "--json: one valid JSON object"
	else
		tap_not_ok "--json: one valid JSON object"
	fi
fi

# Usage.
run "$PROBE" --help
tap_check "probe --help exits 0" "$rc" = 0
run "$PROBE" --bogus
tap_check "probe --bogus exits 2" "$rc" = 2

# The test-only override (LANDSCOPE_SIMULATE_ABI) shows in the probe of a
# test build (-Dtest_hooks=true); a production build ignores it.
if [ "$TEST_HOOKS" = 1 ] && [ "$want_abi" -ge 4 ]; then
	LANDSCOPE_SIMULATE_ABI=4 "$PROBE" --keys >"$T/features"
	tap_check "simulated ABI 4: abi=4" "$(feature abi)" = 4
	tap_check "simulated ABI 4: bind_tcp" "$(feature net.bind_tcp)" = yes
	tap_check "simulated ABI 4: no ioctl_dev" "$(feature fs.ioctl_dev)" = no
	tap_check "simulated ABI 4: no scopes" \
		"$(feature scope.abstract_unix_socket)" = no
fi
if [ "$TEST_HOOKS" = 1 ]; then
	LANDSCOPE_SIMULATE_ABI=0 run "$PROBE"
	tap_check "simulated no Landlock: exit 1" "$rc" = 1
	contains "simulated no Landlock: says it is not built in" "$out" \
		"built without it"
elif [ "$want_abi" -ge 1 ]; then
	LANDSCOPE_SIMULATE_ABI=0 "$PROBE" --keys >"$T/features"
	tap_check "production build: LANDSCOPE_SIMULATE_ABI=0 ignored" \
		"$(feature abi)" = "$want_abi"
fi

tap_done
