# SPDX-License-Identifier: MIT
# TAP for the shell-level tests, sourced: the same output as the C
# programs' tests/common/tap.c (the format CMocka's CMOCKA_MESSAGE_OUTPUT=TAP
# gives), so that meson and the kernel matrix's guest.sh count the scripts'
# checks as they count the programs'.  POSIX sh, for the busybox guests.

tap_count=0
tap_failed=0

# tap_ok DESCRIPTION: "ok N - DESCRIPTION".
tap_ok() {
	tap_count=$((tap_count + 1))
	echo "ok $tap_count - $*"
}

tap_not_ok() {
	tap_count=$((tap_count + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_count - $*"
}

# tap_check DESCRIPTION TEST-ARGS...: one check, a test(1) expression;
# returns its status.
tap_check() {
	tap_desc=$1
	shift
	if [ "$@" ]; then
		tap_ok "$tap_desc"
	else
		tap_not_ok "$tap_desc"
		tap_note "failed: test $*"
		return 1
	fi
}

# A check the kernel or the environment cannot show.
tap_skip() {
	tap_count=$((tap_count + 1))
	echo "ok $tap_count # SKIP $*"
}

# A whole script that cannot run here: the plan says so, nothing else.
tap_skip_all() {
	echo "1..0 # SKIP $*"
}

tap_note() {
	echo "# $*"
}

# The plan, last; the status: 1 if any check failed.
tap_done() {
	echo "1..$tap_count"
	[ "$tap_failed" -eq 0 ]
}
