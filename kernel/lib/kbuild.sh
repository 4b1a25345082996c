# SPDX-License-Identifier: MIT
#
# Configuring and building a kernel variant, its selftests and the guest
# programs.
# Sourced by kernel/build.sh, whose variables it uses; not run on its own.

fragments() {
	printf '%s\n' "$kdir/config/common.fragment"
	[ -f "$kdir/config/$base.fragment" ] &&
		printf '%s\n' "$kdir/config/$base.fragment"
	case "$1" in
	debug|kcsan) printf '%s\n' "$kdir/config/$1.fragment" ;;
	esac
	return 0
}

# The symbols the fragments set, so that editing a comment does not
# reconfigure (and rebuild most of) the kernel.
fragment_symbols() {
	# shellcheck disable=SC2046
	grep -hE '^(CONFIG_|# CONFIG_[A-Z0-9_]+ is not set$)' $(fragments "$1") |
		sort
}

configure() {
	local v=$1 want obj
	obj=$(obj_of "$v")
	want=$(fragment_symbols "$v" | sha256sum | cut -c1-16)
	mkdir -p "$obj"
	if [ -f "$obj/.config" ] &&
	   [ "$(cat "$obj/.landscope-config" 2>/dev/null)" = "$want" ]; then
		return
	fi
	say "configuring $v (tinyconfig + $(fragments "$v" | xargs -n1 basename | xargs))"
	make -s -C "$src" O="$obj" tinyconfig >/dev/null
	# shellcheck disable=SC2046
	KCONFIG_CONFIG=$obj/.config "$src/scripts/kconfig/merge_config.sh" \
		-m -O "$obj" "$obj/.config" $(fragments "$v") >/dev/null
	make -s -C "$src" O="$obj" olddefconfig >/dev/null
	# A symbol that did not stick (a missing dependency) is a broken
	# fragment: say so rather than boot a kernel without it.
	local line sym bad=
	while read -r line; do
		case "$line" in
		CONFIG_*=*) sym=${line%%=*} ;;
		'# CONFIG_'*) sym=${line#'# '}; sym=${sym%% *} ;;
		*) continue ;;
		esac
		grep -qxF "$line" "$obj/.config" || bad="$bad $sym"
	done < <(fragment_symbols "$v")
	if [ -n "$bad" ]; then
		echo "config fragments: not set in the result:$bad" >&2
		exit 1
	fi
	echo "$want" > "$obj/.landscope-config"
}

build_kernel() {
	local v=$1 log=$out/build-$1.log t0=$SECONDS obj
	obj=$(obj_of "$v")
	say "$base $v: make -j$jobs bzImage (log: ${log#"$kdir"/})"
	if ! make -C "$src" O="$obj" -j"$jobs" bzImage > "$log" 2>&1; then
		tail -n 40 "$log" >&2
		exit 1
	fi
	cp "$obj/arch/x86/boot/bzImage" "$out/bzImage-$v"
	say "$base $v: kernel at ${out#"$kdir"/}/bzImage-$v (make: $((SECONDS - t0)) s)"
}

build_tests() {
	local v=$1 pl=$out/payload-$1
	local log=$out/selftests-$1.log inc obj
	obj=$(obj_of "$v")
	say "$base $v: building the Landlock selftests (static)"
	make -s -C "$src" O="$obj" headers > "$log" 2>&1
	inc=$obj/usr/include
	rm -rf "$pl"
	mkdir -p "$pl/selftests"
	if ! make -C "$src/tools/testing/selftests/landlock" \
		OUTPUT="$pl/selftests" KHDR_INCLUDES="-isystem $inc" \
		LDFLAGS=-static >> "$log" 2>&1; then
		tail -n 40 "$log" >&2
		exit 1
	fi
	# Our own guest programs, against the same uapi headers, and the
	# sample sandboxer, whose LL_SCOPED letters tests/sandboxer-letters.sh
	# uses on the patched kernels.
	build_programs "$inc" "$pl"
	guest_cc "$inc" "$pl" "$src/samples/landlock/sandboxer.c"
}

# guest_cc INCLUDE_DIR PAYLOAD SOURCE: one static guest program, against
# the uapi headers of INCLUDE_DIR.
guest_cc() {
	gcc -static -O2 -Wall -Wextra -Werror -isystem "$1" \
		-o "$2/$(basename "$3" .c)" "$3" -lpthread
}

# Our own guest programs and scripts, against the uapi headers in $1.
build_programs() {
	local c inc=$1 pl=$2
	for c in "$kdir"/tests/*.c "$kdir"/bench/*.c "$kdir"/stress/*.c; do
		guest_cc "$inc" "$pl" "$c"
	done
	cp "$kdir"/tests/*.sh "$kdir"/bench/*.sh "$kdir"/stress/*.sh "$pl/"
}
