#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The shell scripts' --help against their own option parsing: each prints
# its header comment (help printed by line number drifts as the header
# changes, cutting sentences and options).  For every script given,
# --help must succeed, end with the header's last sentence (a line ending
# in "."), and name every long option its `case` arms accept.  TAP output.
#
#   script-help.sh SCRIPT...

n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}

for s in "$@"; do
	name=${s##*/}
	help=$(bash "$s" --help 2>/dev/null)
	ok $? "$name --help succeeds"
	last=$(printf '%s\n' "$help" | sed -n '$p')
	case "$last" in
	*.) ok 0 "$name --help ends with a whole sentence" ;;
	*) ok 1 "$name --help ends with a whole sentence (got \"$last\")" ;;
	esac
	# The long options of the case arms: "	--name)" or "	--name=*)".
	for o in $(sed -n 's/^[[:space:]]*\(--[a-z][a-z-]*\)[=*]*[)|].*/\1/p' \
			"$s" | sort -u); do
		[ "$o" = --help ] && continue
		printf '%s\n' "$help" | grep -q -e "$o\\b"
		ok $? "$name --help names $o"
	done
done
# run-guest.sh's command is mandatory: its synopsis must say so.
for s in "$@"; do
	case "$s" in
	*/run-guest.sh)
		bash "$s" --help | grep -q -e '-- SCRIPT \[ARGS\.\.\.\]'
		ok $? "run-guest.sh --help shows the mandatory -- SCRIPT"
		bash "$s" 2>&1 | grep -q -e '-- SCRIPT \[ARGS\.\.\.\]'
		ok $? "run-guest.sh's usage error shows it too"
		;;
	esac
done
echo "1..$n"
exit $fail
