# SPDX-License-Identifier: MIT
#
# Running the selftests in a QEMU guest, and the table of their results.
# Sourced by kernel/build.sh, whose variables it uses; not run on its own.

run_guest() {
	local v=$1 log=$out/guest-$1.log rc=0 mem=1G
	say "$base $v: booting under QEMU TCG (log: ${log#"$kdir"/})"
	# KASAN's shadow takes an eighth of the memory, lockdep and KCSAN
	# their tables.
	case "$v" in debug|kcsan) mem=2G ;; esac
	# tsc=reliable: without it the TCG guest's TSC fails the clocksource
	# watchdog and the benchmark's clock falls back to jiffies.
	"$kdir/../vm/run-guest.sh" --kernel "$out/bzImage-$v" \
		--payload "$out/payload-$v" --timeout 2400 --mem "$mem" \
		--append 'tsc=reliable' \
		-- guest-run.sh "$v" "$stress" > "$log" 2>&1 || rc=$?
	grep -E '^(not ok|# +(FAIL|RUN.*TIMEOUT))' "$log" >&2 || true
	if [ "$rc" -ne 0 ]; then
		say "$base $v: guest exited with status $rc"
	fi
	return "$rc"
}

# "SUITE pass fail skip" for one variant, from the guest's summary lines.
results() {
	sed -n 's/^LANDSCOPE-SUITE //p' "$out/guest-$1.log" 2>/dev/null
}

# One column of passed/failed/skipped per variant.
table() {
	local v s line
	printf '\n%-28s' "suite ($base)"
	for v in "$@"; do printf ' %-18s' "$v p/f/s"; done
	printf '\n'
	for v in "$@"; do results "$v"; done | awk '!seen[$1]++ {print $1}' |
	while read -r s; do
		line=$(printf '%-28s' "$s")
		for v in "$@"; do
			line=$line$(results "$v" | awk -v s="$s" '
				$1 == s { c = sprintf("%s/%s/%s", $2, $3, $4) }
				END { printf " %-18s", c == "" ? "-" : c }')
		done
		printf '%s\n' "$line"
	done
}
