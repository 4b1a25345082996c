#!/bin/bash
# SPDX-License-Identifier: MIT
#
# The kernel matrix: liblandscope's kernel and programs suites on
# every kernel the library claims, each with the Landlock ABI it is
# expected to have, then a table kernel x (ABI, passed, failed, skipped,
# features enforced, inbound scopes).
#
#   tests/vm/matrix.sh [--require-patched] [--only ROW[,ROW...]] BUILD_DIR
#
# Rows (expected ABI, companion scope bits expected):
#   host           the running kernel, natively: $LANDSCOPE_EXPECT_ABI if
#                  set, else whatever the kernel reports (shown with "?")
#   debian-6.1     Debian's newest linux-image-6.1.0-*-amd64-unsigned: 2, no
#   debian-6.12    Debian's newest linux-image-6.12.*+deb12-amd64-unsigned:
#                  6, no
#   landlock-off   the same 6.12 booted with lsm=capability: 0 (Landlock
#                  disabled, -EOPNOTSUPP), no
#   debian-7.0     Debian's newest linux-binary-7.0.*-amd64 (other suites
#                  of the machine's archive, ci/debian-suites): 8, no
#   debian-7.1     the same for 7.1: 9, no
#   debian-7.2     the same for 7.2: 10, no
#   debian-7.3     the same for 7.3: 11, no
#   patched-6.12   kernel/out/6.12/bzImage-patched (kernel/'s companion
#                  series on 6.12): 6, yes
#   patched-7.3    kernel/out/7.3/bzImage-patched (the series on 7.3): 11,
#                  yes (the inbound bits; outbound pathname through
#                  resolve_unix).  A patched kernel that is not built is
#                  said so, and fails only with --require-patched.
#
# The 7.x rows boot with audit=1 (no audit daemon: the kernel keeps the
# records in its log, where the kernel suite's audit cases read them) and
# LANDSCOPE_EXPECT_AUDIT=1, so that those cases cannot skip there.  A
# series the archive no longer carries (tests/vm/fetch-kernels.sh) is
# booted from the cache if it was fetched before ("cached" in the table),
# else the row is "gone from archive" and fails.
#
# The guests run under qemu-system-x86_64 -accel tcg through
# vm/run-guest.sh.  Run as root after `meson setup BUILD_DIR &&
# meson compile -C BUILD_DIR`; the Debian kernels are fetched with apt-get
# (tests/vm/fetch-kernels.sh).  Logs: tests/vm/out/logs/ROW.log.
#
# Exit status: 0 if every row ran and nothing failed.

set -uo pipefail

# --help prints this header, whatever its length: every comment line from
# the top to the first line of code, so that the help cannot drift from it.
help() {
	awk 'NR < 3 || (NR == 3 && /^#$/) { next } !/^#/ { exit }
		{ sub(/^# ?/, ""); print }' "$0"
}

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$here/out
runguest=$top/vm/run-guest.sh
patched612_image=${LANDSCOPE_PATCHED612_IMAGE:-$top/kernel/out/6.12/bzImage-patched}
patched73_image=${LANDSCOPE_PATCHED73_IMAGE:-$top/kernel/out/7.3/bzImage-patched}
all_rows="host debian-6.1 debian-6.12 landlock-off debian-7.0 debian-7.1"
all_rows="$all_rows debian-7.2 debian-7.3 patched-6.12 patched-7.3"

require_patched=0
only=
while [ $# -gt 0 ]; do
	case "$1" in
	--require-patched) require_patched=1; shift ;;
	--only) only=${2//,/ }; shift 2 ;;
	-h|--help) help; exit 0 ;;
	-*) echo "matrix.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
if [ $# -ne 1 ] || [ ! -f "$1/build.ninja" ]; then
	echo "usage: matrix.sh [--require-patched] [--only ROWS] BUILD_DIR" \
	     "(a configured meson build directory)" >&2
	exit 2
fi
build=$(cd "$1" && pwd)
rows=${only:-$all_rows}
for r in $rows; do
	case " $all_rows " in
	*" $r "*) ;;
	*) echo "matrix.sh: unknown row $r (rows: $all_rows)" >&2; exit 2 ;;
	esac
done

mkdir -p "$out/logs"
t0=$SECONDS

# Build what the suites need; a no-op when the caller already has.
meson compile -C "$build" >"$out/logs/compile.log" 2>&1 || {
	tail -n 30 "$out/logs/compile.log" >&2
	echo "matrix.sh: build failed" >&2
	exit 1
}

# Per row: kernel image, extra command line, expected ABI, expected
# companion bits.
row_flavour() {
	case $1 in
	landlock-off) echo debian-6.12 ;;
	debian-*) echo "$1" ;;
	esac
}
row_image() {
	case $1 in
	debian-*|landlock-off) echo "$out/kernels/$(row_flavour "$1")/vmlinuz" ;;
	patched-6.12) echo "$patched612_image" ;;
	patched-7.3) echo "$patched73_image" ;;
	esac
}
row_audit() {
	case $1 in debian-7.*|patched-7.3) echo 1 ;; *) echo 0 ;; esac
}
row_append() {
	# capability alone: Landlock stays built in but is not started.
	[ "$1" = landlock-off ] && echo "lsm=capability"
	# No audit daemon: the records wait in the hold queue, which must not
	# overflow (the log would fill with overflow warnings).
	[ "$(row_audit "$1")" = 1 ] && echo "audit=1 audit_backlog_limit=0"
}
row_abi() {
	case $1 in
	host) echo "${LANDSCOPE_EXPECT_ABI:-}" ;;
	debian-6.1) echo 2 ;;
	debian-6.12|patched-6.12) echo 6 ;;
	landlock-off) echo 0 ;;
	debian-7.0) echo 8 ;;
	debian-7.1) echo 9 ;;
	debian-7.2) echo 10 ;;
	debian-7.3|patched-7.3) echo 11 ;;
	esac
}
row_patched() {
	case $1 in
	patched-*) echo 1 ;;
	host) echo "${LANDSCOPE_EXPECT_PATCHED:-}" ;;
	*) echo 0 ;;
	esac
}

flavours=
for r in $rows; do
	f=$(row_flavour "$r")
	case " $flavours " in *" $f "*) ;; *) flavours="$flavours $f" ;; esac
done
flavours=$(echo $flavours)
if [ -n "$flavours" ]; then
	# shellcheck disable=SC2086
	"$here/fetch-kernels.sh" "$out/kernels" $flavours || exit 1
fi

if ! python3 "$here/payload.py" "$build" "$out/payload" kernel programs learn; then
	echo "matrix.sh: could not assemble the payload" >&2
	exit 1
fi
cp "$here/guest.sh" "$out/payload/guest.sh"

declare -A res_state res_abi res_pass res_fail res_skip res_feat res_in \
	res_time res_kernel res_retry
failed=0

run_row() {
	local r=$1 log=$out/logs/$1.log abi patched image rc start
	abi=$(row_abi "$r")
	patched=$(row_patched "$r")
	start=$SECONDS
	rm -f "$out/logs/$r".boot-failure-*.log
	echo "== $r: expected ABI ${abi:-(probed)}, companion bits" \
	     "${patched:-(probed)}"
	if [ "$r" = host ]; then
		sh "$out/payload/guest.sh" host "$out/payload" "$abi" \
			"$patched" >"$log" 2>&1
		rc=$?
		res_kernel[$r]="$(uname -r)"
	else
		image=$(row_image "$r")
		local flavour
		flavour=$(row_flavour "$r")
		if [ -n "$flavour" ] && [ -e "$out/kernels/$flavour/gone" ]; then
			if [ -r "$image" ]; then
				res_retry[$r]=" (cached: gone from archive)"
			else
				res_state[$r]="gone from archive"
				echo "   $(cat "$out/kernels/$flavour/gone"):" \
				     "no such package in the archive"
				failed=1
				return 0
			fi
		fi
		if [ ! -r "$image" ]; then
			res_state[$r]="not built"
			echo "   $image: not built"
			if [ "${r#patched-}" != "$r" ] &&
			   [ $require_patched = 0 ]; then
				return 0
			fi
			failed=1
			return 0
		fi
		local attempt=1
		while :; do
			"$runguest" --kernel "$image" \
				--payload "$out/payload" \
				--append "$(row_append "$r" | xargs)" \
				--timeout 900 \
				-- guest.sh guest /payload "$abi" "$patched" \
				"$(row_audit "$r")" \
				>"$log" 2>&1
			rc=$?
			# A guest that died before running a single test is a
			# boot failure, not a result: TCG with two vCPUs now
			# and then oopses in the kernel's boot-time code
			# patching (int3 in text_poke) on stock kernels.
			# Retry it, and say so; never a run that got going.
			grep -q '^LSVM-KERNEL ' "$log" && break
			[ $attempt -lt 3 ] || break
			cp "$log" "$out/logs/$r.boot-failure-$attempt.log"
			echo "   boot failed (status $rc, log" \
			     "$r.boot-failure-$attempt.log): retrying"
			res_retry[$r]="${res_retry[$r]:-} (boot retried)"
			attempt=$((attempt + 1))
		done
		res_kernel[$r]=$(sed -n 's/^LSVM-KERNEL //p' "$log" | head -n 1)
	fi
	res_time[$r]=$((SECONDS - start))
	parse_row "$r" "$log" "$rc" "$abi"
	grep -E '^LSVM-(FAIL|TOTAL)' "$log" | sed 's/^/   /'
	# Why cases were skipped, for the reader to hold against the ABI.
	sed -n 's/^LSVM-SKIP [^:]*: [^:]*: //p' "$log" | sort | uniq -c |
		sed 's/^ */   skipped /'
}

parse_row() {
	local r=$1 log=$2 rc=$3 abi=$4 total got feat

	total=$(grep '^LSVM-TOTAL' "$log" | tail -n 1)
	got=$(sed -n 's/^| # LANDSCOPE-FEATURES abi=\([0-9]*\).*unavailable=\(-\{0,1\}[0-9]*\).*/\1 \2/p' "$log" |
	      head -n 1)
	if [ -n "$got" ]; then
		set -- $got
		if [ "$2" != 0 ]; then
			res_abi[$r]="0 (${2})"
		else
			res_abi[$r]=$1
		fi
		if [ -z "$abi" ]; then
			res_abi[$r]="${res_abi[$r]}?"
		elif [ "$1" != "$abi" ]; then
			res_abi[$r]="${res_abi[$r]}!=$abi"
		fi
	else
		res_abi[$r]="?"
	fi
	feat=$(sed -n 's/^| # LANDSCOPE-ENFORCED //p' "$log" | head -n 1)
	res_feat[$r]=${feat:-?}
	res_in[$r]=$(inbound_summary "$log")
	if [ -z "$total" ]; then
		res_state[$r]="no result (status $rc)"
		res_pass[$r]=-
		res_fail[$r]=-
		res_skip[$r]=-
		failed=1
		tail -n 40 "$log" | sed 's/^/   | /'
		return
	fi
	res_pass[$r]=$(echo "$total" | sed 's/.*pass=\([0-9]*\).*/\1/')
	res_fail[$r]=$(echo "$total" | sed 's/.*fail=\([0-9]*\).*/\1/')
	res_skip[$r]=$(echo "$total" | sed 's/.*skip=\([0-9]*\).*/\1/')
	if [ "$rc" != 0 ] || [ "${res_fail[$r]}" != 0 ]; then
		res_state[$r]="FAILED"
		failed=1
	else
		res_state[$r]="ok"
	fi
}

# "enforced", "dropped" or "refused", best effort / hard.
inbound_summary() {
	local best hard

	best=$(sed -n 's/^| # LANDSCOPE-INBOUND best-effort: inbound scopes \([a-z]*\).*/\1/p' "$1" | head -n 1)
	hard=$(sed -n 's/^| # LANDSCOPE-INBOUND hard: inbound scopes \([a-z]*\).*/\1/p' "$1" | head -n 1)
	hard=${hard/refused/-EOPNOTSUPP}
	echo "${best:-?}/${hard:-?}"
}

for r in $rows; do
	run_row "$r"
done

print_table() {
	local r fmt="| %-13s | %-26s | %-7s | %6s | %6s | %7s | %-48s | %-22s | %-9s |\n"

	printf "$fmt" kernel release ABI passed failed skipped \
		"features enforced (best effort)" \
		"inbound (best/hard)" result
	printf "$fmt" ------------- -------------------------- ------- \
		------ ------ ------- \
		------------------------------------------------ \
		---------------------- ---------
	for r in $rows; do
		case ${res_state[$r]:-} in
		"not built"|"gone from archive")
			printf "$fmt" "$r" "-" "-" "-" "-" "-" "-" "-" \
				"${res_state[$r]}"
			continue ;;
		esac
		printf "$fmt" "$r" "${res_kernel[$r]:-?}" "${res_abi[$r]:-?}" \
			"${res_pass[$r]:--}" "${res_fail[$r]:--}" \
			"${res_skip[$r]:--}" "${res_feat[$r]:-?}" \
			"${res_in[$r]:-?}" \
			"${res_state[$r]:-?} ${res_time[$r]:-?}s${res_retry[$r]:-}"
	done
}

echo
echo "Kernel matrix ($((SECONDS - t0)) s; logs in $out/logs):"
print_table | tee "$out/table.txt"
echo "scopes: a abstract, s signal, u pathname, A abstract inbound," \
     "U pathname inbound; ABI: N? probed, not expected; N!=M got N," \
     "expected M"
exit $failed
