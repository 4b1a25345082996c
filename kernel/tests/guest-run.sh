#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Run in the guest by kernel/build.sh through vm/run-guest.sh:
#   guest-run.sh patched|unpatched|debug|kcsan [STRESS_SECONDS]
# Runs every Landlock selftest binary, then the inbound-gap reproduction
# (expected refused on the patched kernels, open on the unpatched one) and,
# on the patched kernel, the sample sandboxer's new letters, and
# prints one "LANDSCOPE-SUITE name passed failed skipped status" line per
# suite for the host's table.  Exits non-zero if anything failed.
#
# On the debug kernels (KASAN and lockdep, or KCSAN) only the suites of the
# scopes run, which exercise the series' code, and then the stress for
# STRESS_SECONDS (default 60): its script fails on any kernel splat since
# boot, the selftests' included.  The whole file-system suite would take
# most of an hour there and tells nothing about the series.

variant=$1
stress_seconds=${2:-60}
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

case "$variant" in
debug|kcsan) suites="scoped_*_test tsync_test" ;;
*) suites="*_test" ;;
esac

cd /payload/selftests || exit 1
# shellcheck disable=SC2086
for t in $suites; do
	[ -x "$t" ] || continue
	name=${t%_test}
	./"$t" > "/tmp/$name.log" 2>&1
	rc=$?
	cat "/tmp/$name.log"
	suite_line "$name" "/tmp/$name.log" "$rc"
	[ "$rc" -eq 0 ] || status=1
done
cd /payload || exit 1

if [ "$variant" = unpatched ]; then
	expect=open
else
	expect=refused
fi
./inbound_gap "$expect" > /tmp/inbound_gap.log 2>&1
rc=$?
cat /tmp/inbound_gap.log
suite_line inbound_gap_$expect /tmp/inbound_gap.log "$rc"
[ "$rc" -eq 0 ] || status=1

# The sample sandboxer's letters for the series' scopes; the stock
# sandboxer of the unpatched tree does not have them.
if [ "$variant" = patched ]; then
	sh ./sandboxer-letters.sh > /tmp/sandboxer_letters.log 2>&1
	rc=$?
	cat /tmp/sandboxer_letters.log
	suite_line sandboxer_letters /tmp/sandboxer_letters.log "$rc"
	[ "$rc" -eq 0 ] || status=1
fi

case "$variant" in
debug|kcsan)
	sh ./stress-run.sh "$stress_seconds" > /tmp/stress.log 2>&1
	rc=$?
	cat /tmp/stress.log
	case "$rc" in
	0) echo "LANDSCOPE-SUITE stress_${stress_seconds}s 1 0 0 0" ;;
	*) echo "LANDSCOPE-SUITE stress_${stress_seconds}s 0 1 0 $rc"; status=1 ;;
	esac
	;;
esac

exit "$status"
