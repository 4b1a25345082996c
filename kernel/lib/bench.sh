# SPDX-License-Identifier: MIT
#
# The instruction-counted benchmark (--bench) and the bisection of its
# cost over the series (--bisect).
# Sourced by kernel/build.sh, whose variables it uses; not run on its own.

# bench_boot IMAGE PAYLOAD LABEL PAD LOG
bench_boot() {
	"$kdir/../vm/run-guest.sh" --kernel "$1" --payload "$2" \
		--timeout 900 --smp 1 --icount \
		--append 'tsc=reliable norandmaps' \
		-- bench-run.sh "$3" "$4" 2>&1 | sed "s/\$/ $4/" >> "$5"
}

# One payload for every kernel of a base: the same binaries and files,
# so that only the kernel differs.
bench_payload() {
	local obj pl=$out/payload-bench
	obj=$(obj_of unpatched)
	make -s -C "$src" O="$obj" headers > "$out/bench-headers.log" 2>&1
	rm -rf "$pl"
	mkdir -p "$pl"
	cp "$kdir/bench/bench-run.sh" "$pl/"
	guest_cc "$obj/usr/include" "$pl" "$kdir/bench/unix_bench.c"
}

run_bench() {
	local pad v log=$out/bench.log
	: > "$log"
	bench_payload
	for pad in $bench_pads; do
		for v in $bench_variants; do
			say "$base $v: benchmark boot, layout $pad (icount)"
			bench_boot "$out/bzImage-$v" "$out/payload-bench" "$v" \
				"$pad" "$log" || return 1
		done
	done
}

# "case count spread% result" for one label: per layout the lowest round,
# then the median over layouts and (max - min) / median.
bench_min() {
	awk -v v="$1" '$1 == "LANDSCOPE-BENCH" && $6 == v {
		c = $2
		if (!(c in o)) { o[c] = n++; k[n - 1] = c }
		cnt[c]++
		x[c, cnt[c]] = $3
		r[c] = $5
	} END {
		for (i = 0; i < n; i++) {
			c = k[i]; m = cnt[c]
			for (a = 1; a <= m; a++)
				for (b = a + 1; b <= m; b++)
					if (x[c, b] < x[c, a]) {
						t = x[c, a]; x[c, a] = x[c, b]
						x[c, b] = t
					}
			med = (m % 2) ? x[c, (m + 1) / 2] : \
				int((x[c, m / 2] + x[c, m / 2 + 1]) / 2)
			printf "%s %d %.2f %s\n", c, med,
				100 * (x[c, m] - x[c, 1]) / med, r[c]
		}
	}' "${2:-$out/bench.log}"
}

# The goal of a case, as a largest ratio patched/unpatched: unsandboxed
# peers, static key off or on, pay at most half a percent; a sandboxed
# pair, whose owner has an inbound scope, one percent; an outsider that
# is refused must cost less than one that is let in.
bench_goal() {
	case "$1" in
	*_unsandboxed|*_unsandboxed_after) echo 1.005 ;;
	*_sandboxed) echo 1.010 ;;
	*_outsider) echo 1.000 ;;
	*) echo - ;;
	esac
}

bench_table() {
	local name t sp res pt psp pres goal
	if [ "$bench_variants" != "unpatched patched" ]; then
		printf '\n%-28s %12s %7s %s   (%s, instructions)\n' benchmark \
			"ticks/op" spread result "$base"
		bench_min "$bench_variants" | while read -r name t sp res; do
			printf '%-28s %12s %6s%% %s\n' "$name" "$t" "$sp" "$res"
		done
		return
	fi
	printf '\n%-28s %16s %16s %8s %7s %7s %s   (%s, instructions)\n' \
		benchmark "unpatched ticks" "patched ticks" ratio spread goal \
		verdict "$base"
	bench_min unpatched | while read -r name t sp res; do
		read -r pt psp pres < <(bench_min patched |
			awk -v n="$name" '$1 == n {print $2, $3, $4}')
		goal=$(bench_goal "$name")
		awk -v n="$name" -v a="$t" -v b="${pt:--}" -v ra="$res" \
			-v rb="${pres:-}" -v g="$goal" -v sa="$sp" \
			-v sb="${psp:-0}" 'BEGIN {
			r = (b == "-" || a == 0) ? "-" : sprintf("%.4f", b / a)
			s = (sa > sb) ? sa : sb
			if (r == "-" || g == "-")
				v = "-"
			else if (g == "1.000")
				v = (r + 0 < 1) ? "ok" : "OVER"
			else if (r + 0 <= g + 0)
				v = "ok"
			else if ((r - g) * 100 <= s)
				v = "over, within the spread"
			else
				v = "OVER"
			note = (ra != rb) ? sprintf(" (%s -> %s)", ra, rb) : ""
			printf "%-28s %16s %16s %8s %6.2f%% %7s %s%s\n", n, a, \
				b, r, s, g == "1.000" ? "<1" : g, v, note }'
	done
}

# --bisect: the pristine tree, then each patch of the series that
# changes the kernel (not the selftests, samples or documentation) in
# turn, each built incrementally and counted once; a table of each case
# per step, with the step's difference to the one before.
kernel_patch() {
	grep '^+++ b/' "$1" | grep -qvE '^\+\+\+ b/(tools|samples|Documentation)/'
}

run_bisect() {
	local p n=0 log=$out/bisect.log steps=pristine
	local want
	want=$(series_hash)
	prepare_source unpatched
	configure unpatched
	bench_payload
	: > "$log"
	build_kernel bisect-0
	bisect_count 0 pristine || return 1
	echo unknown > "$state"
	for p in $(series_files); do
		patch -d "$src" -p1 -s --no-backup-if-mismatch < "$p" || return 1
		cp "$p" "$applied/"
		kernel_patch "$p" || continue
		n=$((n + 1))
		steps="$steps $(basename "$p" | cut -c1-4)"
		build_kernel "bisect-$n"
		bisect_count "$n" "$(basename "$p")" || return 1
	done
	echo "patched:$want" > "$state"
	bisect_table "$n" "$steps"
}

# bisect_count STEP WHAT: three layouts of each step (see run_bench).
bisect_count() {
	local pad
	for pad in 0 1 2; do
		say "$base bisect: counting $2, layout $pad"
		bench_boot "$out/bzImage-bisect-$1" "$out/payload-bench" \
			"step-$1" "$pad" "$out/bisect.log" || return 1
	done
}

# The count of each case at each step, and the change from the step
# before in percent.
bisect_table() {
	local n=$1 steps=$2 i
	printf '\n%s bisect, instructions per operation (change from the step before)\n' "$base"
	printf '%-28s' case
	for i in $steps; do printf ' %16s' "$i"; done
	printf '\n'
	for i in $(seq 0 "$n"); do
		bench_min "step-$i" "$out/bisect.log" | cut -d' ' -f1,2 |
			sed "s/^/$i /"
	done | awk -v n="$n" '{
		c[$2, $1] = $3
		if (!($2 in o)) { o[$2] = m++; k[m - 1] = $2 }
	} END {
		for (j = 0; j < m; j++) {
			name = k[j]
			printf "%-28s", name
			for (i = 0; i <= n; i++) {
				v = c[name, i]
				if (i == 0 || c[name, i - 1] == 0)
					printf " %16s", v
				else
					printf " %8s %+6.2f%%", v,
						100 * (v - c[name, i - 1]) / c[name, i - 1]
			}
			printf "\n"
		}
	}'
}
