#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Run the payload's tests (tests.sh, from payload.py) on the running kernel
# and print one summary per test program, for tests/vm/matrix.sh.
#
#   guest.sh guest|host PAYLOAD_DIR EXPECT_ABI EXPECT_PATCHED [EXPECT_AUDIT]
#
# "guest": inside a run-guest.sh guest (busybox only): the build directory
# is linked at its host path first.  "host": natively, from the real build
# directory.  EXPECT_ABI and EXPECT_PATCHED become LANDSCOPE_EXPECT_ABI and
# LANDSCOPE_EXPECT_PATCHED for every test (empty: left unset); EXPECT_AUDIT=1
# (a guest booted with audit=1) sets LANDSCOPE_EXPECT_AUDIT=1 and lifts the
# printk rate limit, which would otherwise drop audit records from the log.
#
# Every program runs with CMOCKA_MESSAGE_OUTPUT=TAP.  Its output is echoed
# with a "| " prefix, then summarised as
#   LSVM-TEST suite=S name=N rc=R pass=P fail=F skip=K
# with LSVM-SKIP and LSVM-FAIL lines naming each skipped and failed case,
# and the run ends with LSVM-TOTAL.  A program that exits non-zero without
# a failed case, or prints fewer results than its plan (a crash), counts
# one failure more; a program that prints no TAP counts as one case by its
# exit status (77: skipped).  Exit status: 0 if nothing failed.

mode=$1
payload=$2
export LANDSCOPE_EXPECT_ABI="$3"
export LANDSCOPE_EXPECT_PATCHED="$4"
[ -n "$LANDSCOPE_EXPECT_ABI" ] || unset LANDSCOPE_EXPECT_ABI
[ -n "$LANDSCOPE_EXPECT_PATCHED" ] || unset LANDSCOPE_EXPECT_PATCHED
if [ "${5:-0}" = 1 ]; then
	export LANDSCOPE_EXPECT_AUDIT=1
	echo 0 >/proc/sys/kernel/printk_ratelimit
fi
export CMOCKA_MESSAGE_OUTPUT=TAP
export TMPDIR=${TMPDIR:-/tmp}

build=$(cat "$payload/build.path")
if [ "$mode" = guest ]; then
	mkdir -p "$(dirname "$build")"
	ln -sfn "$payload/build" "$build"
	echo "LSVM-KERNEL $(uname -r)"
fi

total_pass=0
total_fail=0
total_skip=0
out=$(mktemp "$TMPDIR/lsvm.XXXXXX")
start_all=$(date +%s)

run_test() {
	suite=$1 name=$2 tmo=$3 wd=$4
	shift 5
	start=$(date +%s)
	(
		cd "$wd" || exit 125
		while [ "$1" != "--" ]; do
			export "$1"
			shift
		done
		shift
		exec timeout "$tmo" "$@"
	) >"$out" 2>&1 </dev/null
	rc=$?
	sed 's/^/| /' "$out"
	# Skip reasons: the kernel suite prints "# SKIP: why" just before
	# each skip; failing that, the last other line before it.
	awk -v rc=$rc -v id="$suite/$name" '
		/^(not )?ok [0-9]+.*# SKIP/ {
			skip++
			t = $0; sub(/.*# SKIP */, "", t)
			printf "LSVM-SKIP %s: %s: %s\n", id, t, last
			last = ""; seen++; next
		}
		/^ok [0-9]+/ { pass++; last = ""; seen++; next }
		/^not ok [0-9]+/ {
			fail++; seen++
			t = $0; sub(/^not ok [0-9]+ *-? */, "", t)
			printf "LSVM-FAIL %s: %s\n", id, t
			last = ""; next
		}
		/^1\.\.[0-9]+/ { plan += substr($1, 4); planned = 1; next }
		/^# SKIP: / { last = substr($0, 9); next }
		/^#/ { next }
		NF { last = $0 }
		END {
			if (!planned && !seen) {
				# Not a TAP program: one case, by exit status.
				if (rc == 0) pass = 1
				else if (rc == 77) skip = 1
				else {
					fail = 1
					printf "LSVM-FAIL %s: exit status %d\n", id, rc
				}
			} else {
				# 77, every case skipped, is what meson calls skipped.
				allskip = rc == 77 && !fail && !pass
				if (rc != 0 && !fail && !allskip) {
					fail++
					printf "LSVM-FAIL %s: exit status %d " \
					       "with no failed case\n", id, rc
				}
				if (planned && seen < plan) {
					fail++
					printf "LSVM-FAIL %s: %d of %d cases " \
					       "ran\n", id, seen, plan
				}
			}
			printf "LSVM-COUNT %d %d %d\n", pass + 0, fail + 0, skip + 0
		}' "$out" >"$out.sum"
	grep -v '^LSVM-COUNT' "$out.sum"
	set -- $(sed -n 's/^LSVM-COUNT //p' "$out.sum")
	echo "LSVM-TEST suite=$suite name=$name rc=$rc pass=$1 fail=$2" \
	     "skip=$3 time=$(($(date +%s) - start))s"
	total_pass=$((total_pass + $1))
	total_fail=$((total_fail + $2))
	total_skip=$((total_skip + $3))
}

. "$payload/tests.sh"

rm -f "$out" "$out.sum"
echo "LSVM-TOTAL pass=$total_pass fail=$total_fail skip=$total_skip" \
     "time=$(($(date +%s) - start_all))s"
[ "$total_fail" -eq 0 ]
