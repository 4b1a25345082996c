#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Run in the guest by kernel/build.sh through vm/run-guest.sh:
#   guest-run.sh patched|unpatched
# Runs every Landlock selftest binary, then the inbound-gap reproduction
# (expected refused on the patched kernel, open on the unpatched one), and
# prints one "LANDSCOPE-SUITE name passed failed skipped status" line per
# suite for the host's table.  Exits non-zero if anything failed.

variant=$1
status=0

suite_line() {
	# The kselftest harness ends with
	# "# Totals: pass:N fail:N xfail:N xpass:N skip:N error:N".
	totals=$(grep '^# Totals:' "$2" | tail -n 1)
	pass=$(echo "$totals" | sed -n 's/.*Totals: pass:\([0-9]*\).*/\1/p')
	fail=$(echo "$totals" | sed -n 's/.* fail:\([0-9]*\).*/\1/p')
	skip=$(echo "$totals" | sed -n 's/.*skip:\([0-9]*\).*/\1/p')
	err=$(echo "$totals" | sed -n 's/.*error:\([0-9]*\).*/\1/p')
	if [ -z "$pass" ]; then
		# No totals: the binary crashed or never started.
		pass=0 fail=1 skip=0 err=0
	fi
	echo "LANDSCOPE-SUITE $1 $pass $((fail + err)) $skip $3"
}

echo "kernel: $(uname -r), LSMs: $(cat /sys/kernel/security/lsm)"

# The trace tests expect tracefs where systemd mounts it, and skip when its
# Landlock events are not there (kernels without tracing have neither).
if [ -d /sys/kernel/tracing ] && [ ! -d /sys/kernel/tracing/events ]; then
	mount -t tracefs tracefs /sys/kernel/tracing
fi

cd /payload/selftests || exit 1
for t in *_test; do
	name=${t%_test}
	./"$t" > "/tmp/$name.log" 2>&1
	rc=$?
	cat "/tmp/$name.log"
	suite_line "$name" "/tmp/$name.log" "$rc"
	[ "$rc" -eq 0 ] || status=1
done
cd /payload || exit 1

if [ "$variant" = patched ]; then
	expect=refused
else
	expect=open
fi
./inbound_gap "$expect" > /tmp/inbound_gap.log 2>&1
rc=$?
cat /tmp/inbound_gap.log
suite_line inbound_gap_$expect /tmp/inbound_gap.log "$rc"
[ "$rc" -eq 0 ] || status=1

exit "$status"
