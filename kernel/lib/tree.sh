# SPDX-License-Identifier: MIT
#
# The source tree: the Debian linux-source package, the series applied or
# reverted, and what state the tree is in.
# Sourced by kernel/build.sh, whose variables it uses; not run on its own.

# Sets $tarball and $srcver (see fetch-source.sh).
find_source() {
	local line
	line=$("$kdir/fetch-source.sh" "$base") || exit 1
	srcver=${line%% *}
	tarball=${line#* }
}

hash_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

series_files() {
	local p
	while read -r p; do
		case "$p" in ''|'#'*) continue ;; esac
		printf '%s\n' "$patches/$p"
	done < "$patches/series"
}

# The objects of a variant: the debug ones have a configuration of their
# own, the baseline and the patched kernel share one.
obj_of() {
	case "$1" in
	debug|kcsan) printf '%s\n' "$out/obj-$1" ;;
	*) printf '%s\n' "$out/obj" ;;
	esac
}

fresh_tree() {
	say "extracting $(basename "$tarball") ($srcver)"
	rm -rf "$src" "$out"/obj "$out"/obj-* "$applied" "$out/extract.tmp"
	mkdir -p "$out/extract.tmp" "$applied"
	tar -xf "$tarball" -C "$out/extract.tmp"
	mv "$out/extract.tmp"/linux-source-* "$src"
	rmdir "$out/extract.tmp"
	echo "$pkg $srcver" > "$origin"
	echo pristine > "$state"
}

revert_series() {
	local p
	[ "$(cat "$state")" = pristine ] && return
	echo unknown > "$state"
	# shellcheck disable=SC2045
	for p in $(ls -r "$applied"); do
		say "reverting $p"
		patch -d "$src" -p1 -R -s --no-backup-if-mismatch \
			< "$applied/$p" || return 1
		rm "$applied/$p"
	done
	echo pristine > "$state"
}

apply_series() {
	local p want=$1
	echo unknown > "$state"
	for p in $(series_files); do
		say "applying $(basename "$p")"
		patch -d "$src" -p1 -s --no-backup-if-mismatch < "$p" || return 1
		cp "$p" "$applied/"
	done
	echo "patched:$want" > "$state"
}

# What the tree's state records once the whole series is applied.
series_hash() {
	# shellcheck disable=SC2046
	hash_of "$patches/series" $(series_files)
}

prepare_source() {
	local v=$1 want cur
	want=$(series_hash)
	cur=$(cat "$state" 2>/dev/null || echo missing)
	[ "$(cat "$origin" 2>/dev/null)" = "$pkg $srcver" ] || cur=missing
	case "$cur" in
	pristine|patched:*) ;;
	*) fresh_tree; cur=pristine ;;
	esac
	if [ "$v" = unpatched ]; then
		[ "$cur" = pristine ] && return
		revert_series || { fresh_tree; return; }
		return
	fi
	[ "$cur" = "patched:$want" ] && return
	if ! revert_series || ! apply_series "$want"; then
		echo "the series does not apply" >&2
		fresh_tree
		exit 1
	fi
}
