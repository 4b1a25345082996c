#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The README's demonstration: tools/landscope-run runs a real command (sh,
# cat, socat) that reads a file it is allowed to read, fails to write next
# to it (EACCES) and fails to connect to an abstract Unix socket that a
# process outside the sandbox listens on (EPERM), with the enforcement
# report printed first.
#
#   examples/demo.sh [BUILD_DIR]        (default: build)
#
# Needs no privileges.  socat is used when installed, else the daemon
# example listens and the tests' client program (tests/programs/swarm)
# connects.  Exit status 0 when all three
# outcomes are as described, 1 otherwise (say, a kernel without Landlock's
# scopes: the report then says what was dropped).

set -u
build=${1:-build}
sbx=$build/tools/landscope-run
daemon=$build/examples/daemon
if [ ! -x "$sbx" ] || [ ! -x "$daemon" ]; then
	echo "demo.sh: no $sbx: build first" \
	     "(meson setup $build && meson compile -C $build)" >&2
	exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/landscope-demo.XXXXXX") || exit 1
listener=
trap '[ -n "$listener" ] && kill "$listener"; rm -rf "$dir"' EXIT
mkdir "$dir/data" "$dir/state"
echo "notes: the sandbox may read this" >"$dir/data/notes.txt"
name=landscope-demo-$$

# The listener, outside the sandbox.
if command -v socat >/dev/null; then
	socat "ABSTRACT-LISTEN:$name,fork" SYSTEM:'echo hello from outside' &
	listener=$!
	connect="socat - ABSTRACT-CONNECT:$name"
else
	"$daemon" --dir "$dir/state" --abstract "$name" --accept-outside \
		>/dev/null 2>&1 &
	listener=$!
	connect="$(cd "$build" && pwd)/tests/programs/swarm abstract:$name \
hello"
fi
i=0
until $connect </dev/null >"$dir/outside" 2>&1; do
	i=$((i + 1))
	if [ $i -gt 50 ]; then
		echo "demo.sh: the listener did not start:" >&2
		cat "$dir/outside" >&2
		exit 1
	fi
	sleep 0.1
done
echo "\$ $connect            # outside the sandbox"
cat "$dir/outside"
echo

# The sandboxed command: everything in one sh, as a user would type it.
script='
echo "== read $1 (allowed):"
cat "$1" || exit 1
echo "== write $1.new (denied, EACCES):"
if echo changed >"$1.new"; then echo "UNEXPECTED: written"; exit 1; fi
echo "== connect to @$2 (denied, EPERM):"
if $3; then echo "UNEXPECTED: connected"; exit 1; fi
echo "== all three as expected"
'
set -- --report --ignore-missing \
	--rx "/usr:/bin:/lib:/lib64:$(cd "$build" && pwd)" \
	--ro "/etc:$dir/data" --scope a
echo "\$ landscope-run $* -- sh -c '...' sh $dir/data/notes.txt $name"
"$sbx" "$@" -- sh -c "$script" sh "$dir/data/notes.txt" "$name" \
	"$connect" </dev/null 2>&1
status=$?
[ $status = 0 ] || echo "demo.sh: not as expected (status $status)" >&2
exit $status
