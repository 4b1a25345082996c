#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# What a distribution package would ship, checked from the outside:
# "meson install --destdir" into a temporary root, then
# - the tree: liblandscope.so.0.x.y with SONAME liblandscope.so.0 and no
#   RUNPATH, the .so.0 and .so links, the static archive (default_library
#   both or static), the header under include/liblandscope/ (identical to
#   the source), liblandscope.pc, and a man page for every public function;
# - a consumer built from that root only, through
#   "pkg-config --cflags --libs liblandscope" and again with "--static"
#   (PKG_CONFIG_SYSROOT_DIR and PKG_CONFIG_LIBDIR point into the root, so
#   neither the build tree nor /usr/local can leak in);
# - the dynamic consumer loads the installed library (ldd and dladdr
#   agree), the static one has no liblandscope.so dependency at all; both
#   run, enforce a real rule in a child, and print the same thing;
# - a consumer of the build tree itself, through the uninstalled .pc file
#   (BUILDDIR/meson-uninstalled/liblandscope-uninstalled.pc), loads the
#   build tree's library.  consumer.c uses 0.1's names: 0.1 programs still
#   build against 0.2.
#
# Usage: install.sh MESON BUILDDIR SRCDIR PREFIX LIBDIR INCLUDEDIR MANDIR
#                   DEFAULT_LIBRARY EXPECT_DOCS SANITIZE CC...
set -euo pipefail

meson=$1 builddir=$(realpath "$2") srcdir=$3 prefix=$4 libdir=$5 includedir=$6
mandir=$7 default_library=$8 expect_docs=$9 sanitize=${10}
shift 10
cc=("$@")

fail() {
	echo "FAIL: $*"
	exit 1
}

# meson gives libdir and friends relative to the prefix, or absolute.
abs() {
	case $1 in
	/*) echo "$1" ;;
	*) echo "$prefix/$1" ;;
	esac
}

for tool in pkg-config readelf ldd nm; do
	command -v "$tool" >/dev/null || fail "$tool not found"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
unset LD_LIBRARY_PATH LD_PRELOAD PKG_CONFIG_PATH

"$meson" install -C "$builddir" --no-rebuild --quiet --destdir "$root" \
	>"$tmp/install.log" 2>&1 || {
	cat "$tmp/install.log"
	fail "meson install"
}
echo "installed tree:"
(cd "$root" && find . \( -type f -o -type l \) | sort | sed 's/^\./  /')

lib=$root$(abs "$libdir")
inc=$root$(abs "$includedir")
man=$root$(abs "$mandir")

# The shared library: one real file, the SONAME link, the dev link.
if [ "$default_library" != static ]; then
	real=$(find "$lib" -maxdepth 1 -type f -name 'liblandscope.so.0.*')
	[ -n "$real" ] || fail "no liblandscope.so.0.* in $lib"
	[ "$(readlink "$lib/liblandscope.so.0")" = "$(basename "$real")" ] ||
		fail "liblandscope.so.0 does not point to $(basename "$real")"
	[ -L "$lib/liblandscope.so" ] || fail "no liblandscope.so dev link"
	soname=$(readelf -d "$real" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
	[ "$soname" = liblandscope.so.0 ] || fail "SONAME is '$soname'"
	echo "SONAME: $soname"
	case $(readelf -d "$real") in
	*"(RPATH)"* | *"(RUNPATH)"*)
		fail "installed library keeps an RPATH/RUNPATH" ;;
	esac
fi
if [ "$default_library" != shared ]; then
	[ -f "$lib/liblandscope.a" ] || fail "no static archive in $lib"
fi
for h in landscope.h config.h; do
	cmp -s "$inc/liblandscope/$h" "$srcdir/include/liblandscope/$h" ||
		fail "installed header differs from include/liblandscope/$h"
done
[ -f "$lib/pkgconfig/liblandscope.pc" ] || fail "no liblandscope.pc"
# The installed .pc is the top-level template's (liblandscope.pc.in), not
# the pkgconfig module's copy of it, and names no placeholder address.
cmp -s "$lib/pkgconfig/liblandscope.pc" "$builddir/src/liblandscope.pc" ||
	fail "installed liblandscope.pc is not liblandscope.pc.in's"
# No requirement: the transport filter is the library's own BPF, and
# policy files its own parsers.
if grep -Eiq '^(URL|Requires)|example\.|\.invalid' "$lib/pkgconfig/liblandscope.pc"; then
	fail "liblandscope.pc names a placeholder address or a requirement"
fi

# Every public function has its page (or an alias link to one).
if [ "$expect_docs" = true ]; then
	n=0
	for fn in $(sed -n 's/^[a-z].*[ *]\(landscope_[a-z0-9_]*\)(.*/\1/p' \
			"$srcdir/include/liblandscope/landscope.h" \
			"$srcdir/include/liblandscope/config.h"); do
		[ -s "$man/man3/$fn.3" ] || fail "no man page for $fn"
		n=$((n + 1))
	done
	[ -s "$man/man7/liblandscope.7" ] || fail "no liblandscope(7)"
	echo "man pages: $n functions and liblandscope(7)"
fi

# pkg-config sees the installed root, and the system's own .pc files.
export PKG_CONFIG_SYSROOT_DIR=$root
export PKG_CONFIG_LIBDIR=$lib/pkgconfig:$(pkg-config --variable pc_path pkg-config)
pkg-config --exists liblandscope || fail "pkg-config cannot find it"
version=$(pkg-config --modversion liblandscope)
dyn_flags=$(pkg-config --cflags --libs liblandscope)
static_flags=$(pkg-config --static --cflags --libs liblandscope)
echo "version: $version"
echo "pkg-config --cflags --libs: $dyn_flags"
echo "pkg-config --static --cflags --libs: $static_flags"
case " $dyn_flags " in
*" -I$inc "*) ;;
*) fail "--cflags does not point into the installed root" ;;
esac

# A sanitized library needs its runtime in the consumer too.
san=()
if [ "$sanitize" != none ]; then
	san=(-fsanitize="$sanitize")
fi

src=$srcdir/tests/install/consumer.c
out_dyn=
if [ "$default_library" != static ]; then
	# shellcheck disable=SC2086 # pkg-config output is a list of flags
	"${cc[@]}" "${san[@]}" -Wall -Werror -o "$tmp/consumer" "$src" \
		$dyn_flags
	dynamic=$(readelf -d "$tmp/consumer")
	case $dynamic in
	*"(NEEDED)"*"[liblandscope.so.0]"*) ;;
	*) fail "dynamic consumer does not need liblandscope.so.0" ;;
	esac
	case $dynamic in
	*"(RPATH)"* | *"(RUNPATH)"*) fail "consumer got an RPATH" ;;
	esac
	resolved=$(LD_LIBRARY_PATH=$lib ldd "$tmp/consumer" |
		sed -n 's/.*liblandscope\.so\.0 => \([^ ]*\).*/\1/p')
	[ "$(realpath "$resolved")" = "$(realpath "$real")" ] ||
		fail "ldd resolves liblandscope.so.0 to '$resolved'"
	out_dyn=$(LD_LIBRARY_PATH=$lib "$tmp/consumer") ||
		fail "dynamic consumer exited $?: $out_dyn"
	echo "$out_dyn" | sed 's/^/dynamic: /'
	loaded=$(echo "$out_dyn" | sed -n 's/^library: //p')
	[ "$(realpath "$loaded")" = "$(realpath "$real")" ] ||
		fail "dynamic consumer ran library code from '$loaded'"
fi

if [ "$default_library" != shared ]; then
	# "--static" is for linking without shared libraries at all.  The
	# sanitizer runtimes cannot be linked that way, so a sanitized build
	# links only liblandscope statically, and the C library dynamically.
	if [ ${#san[@]} -eq 0 ]; then
		# shellcheck disable=SC2086
		"${cc[@]}" -static -Wall -Werror -o "$tmp/consumer-static" \
			"$src" $static_flags
	else
		# shellcheck disable=SC2086
		"${cc[@]}" "${san[@]}" -Wall -Werror -o "$tmp/consumer-static" \
			"$src" $(pkg-config --static --cflags liblandscope) \
			"-L$lib" -Wl,-Bstatic -llandscope -Wl,-Bdynamic \
			$(pkg-config --static --libs-only-l liblandscope |
				sed 's/-llandscope//') \
			$(pkg-config --static --libs-only-other liblandscope)
	fi
	# Not a dynamic executable at all, or one without liblandscope.
	case $(readelf -d "$tmp/consumer-static" 2>&1) in
	*liblandscope*) fail "static consumer depends on liblandscope.so" ;;
	esac
	case $'\n'$(nm "$tmp/consumer-static")$'\n' in
	*" T landscope_ruleset_new"$'\n'*) ;;
	*) fail "static consumer does not contain the library" ;;
	esac
	out_static=$("$tmp/consumer-static") ||
		fail "static consumer exited $?: $out_static"
	echo "$out_static" | sed 's/^/static: /'
	loaded=$(echo "$out_static" | sed -n 's/^library: //p')
	[ "$(realpath "$loaded")" = "$(realpath "$tmp/consumer-static")" ] ||
		fail "static consumer ran library code from '$loaded'"
	if [ -n "$out_dyn" ] && [ "$(echo "$out_dyn" | sed 1d)" != \
		"$(echo "$out_static" | sed 1d)" ]; then
		fail "static and dynamic consumers disagree"
	fi
fi
# A consumer of the build tree itself, through the uninstalled .pc file
# (README, "Building against the build tree"), loading the build tree's
# library through the rpath it gives.
if [ "$default_library" != static ]; then
	unset PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR
	export PKG_CONFIG_PATH=$builddir/meson-uninstalled
	pkg-config --exists liblandscope-uninstalled ||
		fail "no liblandscope-uninstalled.pc in $PKG_CONFIG_PATH"
	[ "$(pkg-config --modversion liblandscope)" = "$version" ] ||
		fail "the uninstalled .pc has another version"
	unin_flags=$(pkg-config --cflags --libs liblandscope)
	unin_lib=$(pkg-config --variable=uninstalled_libdir liblandscope)
	echo "uninstalled: $unin_flags, library in $unin_lib"
	# shellcheck disable=SC2086
	"${cc[@]}" "${san[@]}" -Wall -Werror -o "$tmp/consumer-uninstalled" \
		"$src" $unin_flags -Wl,-rpath,"$unin_lib"
	out_unin=$("$tmp/consumer-uninstalled") ||
		fail "uninstalled consumer exited $?: $out_unin"
	loaded=$(echo "$out_unin" | sed -n 's/^library: //p')
	case $(realpath "$loaded") in
	"$(realpath "$unin_lib")"/liblandscope.so.0.*) ;;
	*) fail "uninstalled consumer ran library code from '$loaded'" ;;
	esac
	echo "$out_unin" | sed 's/^/uninstalled: /'
fi
echo "OK: installed tree and pkg-config consumers"
