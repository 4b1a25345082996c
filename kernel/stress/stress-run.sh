#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Run in the guest through vm/run-guest.sh:
#   stress-run.sh SECONDS [inbound_stress OPTIONS]
# Runs /payload/inbound_stress for SECONDS, then reads the whole kernel log
# (boot included: the guest boots quiet, dmesg still has everything) for a
# splat.  Prints one final line
#   LANDSCOPE-STRESS ok|FAIL|skip <counts or reason> splats=N
# preceded, on failure, by the offending kernel-log lines.  Exits non-zero
# if the program failed or any splat appeared; 77 when the program skipped
# (kernel without the inbound scopes) and the log is clean.

secs=${1:-60}
[ $# -gt 0 ] && shift
log=/tmp/inbound_stress.log

echo "kernel: $(uname -r), LSMs: $(cat /sys/kernel/security/lsm 2>/dev/null)"
# stdout and stderr both shown and kept, and the status too.
{ /payload/inbound_stress "$@" "$secs" 2>&1; echo "status=$?"; } | tee "$log"
rc=$(sed -n 's/^status=\([0-9]*\)$/\1/p' "$log" | tail -n 1)
[ -n "$rc" ] || rc=1

# Whatever the kernel says when a sanitizer, lockdep, the RCU stall
# detector, a refcount or list check or the scheduler's might_sleep fires.
splat='BUG:|WARNING:|KASAN:|KCSAN:|UBSAN:|KFENCE:|Oops|general protection fault'
splat="$splat|possible circular locking|possible recursive locking"
splat="$splat|inconsistent lock state|suspicious RCU usage|rcu.*stall"
splat="$splat|refcount_t:|list_add corruption|list_del corruption"
splat="$splat|sleeping function called from invalid context|Call Trace:"
splat="$splat|blocked for more than|soft lockup|hard LOCKUP"
# Case-sensitive, as the kernel prints them; the RCU boot banner about the
# stall timeout is not a stall.
if ! dmesg > /tmp/dmesg.log 2>&1 || [ ! -s /tmp/dmesg.log ]; then
	# No log, no check: that cannot pass.
	echo "dmesg: no kernel log to check" > /tmp/dmesg.log
	cp /tmp/dmesg.log /tmp/splats.log
else
	grep -E "$splat" /tmp/dmesg.log | grep -v 'stall warnings timeout' \
		> /tmp/splats.log
fi
splats=$(wc -l < /tmp/splats.log)

if [ "$splats" -gt 0 ]; then
	echo "kernel log: $splats splat lines:"
	cat /tmp/splats.log
	echo "kernel log from the first one:"
	first=$(grep -n -F -f /tmp/splats.log /tmp/dmesg.log | head -n 1 |
		cut -d: -f1)
	tail -n "+${first:-1}" /tmp/dmesg.log | head -n 200
fi

# Which checkers were live, so that a clean log means something.
locks=$(sed -n 's/^ *debug_locks: *//p' /proc/lockdep_stats 2>/dev/null)
kasan=no
grep -q 'KernelAddressSanitizer initialized' /tmp/dmesg.log && kasan=yes
echo "checkers: lockdep debug_locks=${locks:-absent}, KASAN $kasan"

counts=$(sed -n 's/^counts: //p' "$log" | tail -n 1)
if [ "$rc" -eq 77 ] && [ "$splats" -eq 0 ]; then
	reason=$(sed -n 's/^skip: //p' "$log" | head -n 1)
	echo "LANDSCOPE-STRESS skip ${reason:-unknown} splats=0"
	exit 77
fi
if [ "$rc" -eq 0 ] && [ "$splats" -eq 0 ]; then
	echo "LANDSCOPE-STRESS ok $counts splats=0"
	exit 0
fi
echo "LANDSCOPE-STRESS FAIL status=$rc $counts splats=$splats"
exit 1
