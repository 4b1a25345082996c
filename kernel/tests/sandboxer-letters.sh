#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Run in the guest on the patched kernels by guest-run.sh: the LL_SCOPED
# letters that the series teaches samples/landlock/sandboxer ("A" and "U",
# the inbound scopes; on 6.12 also "u", the outbound pathname scope), used
# for real.  A server runs under the sandboxer, binds after the sandboxer
# has restricted itself, and a peer outside (unsandboxed) or inside (the
# same sandboxer run) connects or sends; each case asserts "ok" or the exact
# errno.  Ends with a kselftest-style "# Totals:" line.

cd "$(dirname "$0")" || exit 1
pass=0 fail=0 n=0
sock=/tmp/sandboxer-letters.sock

check() {
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n $1"
		pass=$((pass + 1))
	else
		echo "not ok $n $1: got '$2', expected '$3'"
		fail=$((fail + 1))
	fi
}

# outsider LETTERS TYPE KIND EXPECT DESCRIPTION: the server under the
# sandboxer, the peer unsandboxed.
outsider() {
	rm -f "$sock"
	name=$sock
	[ "$3" = abstract ] && name=sandboxer-letters-$n
	LL_FS_RO=/ LL_FS_RW=/tmp LL_SCOPED=$1 \
		./sandboxer ./unix_peer serve "$2" "$3" "$name" &
	server=$!
	got=$(./unix_peer reach "$2" "$3" "$name")
	kill "$server" 2> /dev/null
	wait "$server" 2> /dev/null
	check "$5 (LL_SCOPED=$1, $2, $3, outsider)" "$got" "$4"
}

# insider LETTERS TYPE KIND: server and peer in one sandboxer run.
insider() {
	rm -f "$sock"
	name=$sock
	[ "$3" = abstract ] && name=sandboxer-letters-$n
	# shellcheck disable=SC2016 # expanded by the sandboxed shell
	got=$(LL_FS_RO=/ LL_FS_RW=/tmp LL_SCOPED=$1 ./sandboxer /bin/sh -c '
		./unix_peer serve "$1" "$2" "$3" & server=$!
		./unix_peer reach "$1" "$2" "$3"
		kill "$server"' sh "$2" "$3" "$name" 2> /dev/null)
	check "a peer in the same sandbox is let in (LL_SCOPED=$1, $2, $3)" \
		"$got" ok
}

outsider A stream abstract EPERM "the inbound abstract scope refuses"
outsider A dgram abstract EPERM "the inbound abstract scope refuses"
outsider U stream pathname EPERM "the inbound pathname scope refuses"
outsider U dgram pathname EPERM "the inbound pathname scope refuses"
outsider A stream pathname ok "the abstract scope leaves a pathname open"
outsider U stream abstract ok "the pathname scope leaves an abstract name open"
outsider a stream abstract ok "an outbound scope leaves the inbound open"
outsider A:U stream pathname EPERM "both letters"
insider A stream abstract
insider U dgram pathname

# Letters the sandboxer must refuse before it runs anything.
for bad in "A:A" "B" "A:"; do
	LL_FS_RO=/ LL_FS_RW=/tmp LL_SCOPED=$bad ./sandboxer /bin/true \
		> /tmp/sandboxer-letters.log 2>&1
	rc=$?
	got="exit $rc"
	[ "$rc" -ne 0 ] && grep -q 'Unknown or duplicate scope' \
		/tmp/sandboxer-letters.log && got=refused
	check "LL_SCOPED=$bad is refused" "$got" refused
done

rm -f "$sock"
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:0 error:0"
[ "$fail" -eq 0 ]
