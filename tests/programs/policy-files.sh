#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Every policy file the documentation shows means what its comments say
# (issue 21, item 4): the README's app.toml, landscope-run(1)'s web.toml,
# landscope_config(5)'s example in TOML and in JSON.  Each is taken from
# the documents themselves, given the few paths this test needs to run
# (the build tree, /proc for sanitizers), and run for real: writes outside
# the writable directories, binding TCP and connecting to any port but 443
# are denied with EACCES; and the JSON report lists no network right and
# no write left unrestricted.  Also: landscope-run warns when a policy
# restricts no writes or no network.
#
#   policy-files.sh RUN SERVER PROBE TRY DEMO (LANDSCOPE_SOURCE set)

. "$(dirname "$0")/lib.sh"
setup "$@"

SRC=${LANDSCOPE_SOURCE:-}
if [ -z "$SRC" ] || [ ! -r "$SRC/README.md" ] || [ "$ABI" = 0 ]; then
	tap_skip_all "no source tree (LANDSCOPE_SOURCE) or no Landlock"
	exit 0
fi

# extract NAME AWK-PROGRAM FILE: a policy out of a document.
extract() {
	awk "$2" "$3" >"$T/$1"
	if [ -s "$T/$1" ]; then
		tap_ok "$1: found in $(basename "$3")"
	else
		tap_not_ok "$1: found in $(basename "$3")"
	fi
}
extract app.toml '/^# app.toml$/ { f = 1 } f && /^```$/ { exit } f' \
	"$SRC/README.md"
extract web.toml '/^\$ landscope-run --config web.toml/ { exit }
	f { print } /^\$ cat web.toml$/ { f = 1 }' \
	"$SRC/man/landscope-run.1.scd"
extract config5.toml '/^# EXAMPLE$/ { e = 1 } e && /^```$/ { if (f) exit;
	f = 1; next } f' "$SRC/man/landscope_config.5.scd"
extract config5.json '/^In JSON:$/ { e = 1 } e && /^```$/ { if (f) exit;
	f = 1; next } f' "$SRC/man/landscope_config.5.scd"

PORT=$("$TRY" free-port)
for p in app.toml web.toml config5.toml config5.json; do
	# What the test itself needs to run, next to the system's /usr.
	sed "s|\"/usr\"|\"/usr\", \"$BUILD\", \"/proc\", \"/lib64\", \"/bin\"|" \
		"$T/$p" >"$T/run-$p"
	sbx() {
		"$RUN" --config "$T/run-$p" "$TRY" "$@"
	}
	rm -f "/tmp/landscope-policy-$$"
	expect "$p: writing in /tmp is allowed" 0 ok \
		sbx write "/tmp/landscope-policy-$$"
	rm -f "/tmp/landscope-policy-$$"
	expect "$p: writing in /etc is denied" 1 EACCES \
		sbx write "/etc/landscope-policy-$$"
	lacks "$p: no warning of unrestricted writes" "$err" "restricts no"
	if has net.bind_tcp; then
		expect "$p: binding TCP is denied" 1 EACCES \
			sbx bind-tcp "$PORT"
		expect "$p: connecting to TCP $PORT is denied" 1 EACCES \
			sbx connect-tcp "$PORT"
	fi
	command -v python3 >/dev/null 2>&1 || continue
	run "$RUN" --config "$T/run-$p" --dry-run --report=json --report-fd 1
	printf '%s\n' "$out" >"$T/report.json"
	open=$(python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["categories"]
writes = {"write_file", "remove_dir", "remove_file", "make_char", "make_dir",
	  "make_reg", "make_sock", "make_fifo", "make_block", "make_sym",
	  "truncate"}
print(" ".join(sorted(c["net"]["unrestricted"]) +
	       sorted(writes & set(c["fs"]["unrestricted"]))))
' "$T/report.json" 2>&1)
	tap_check "$p: nothing of the network or of writes left open" \
		-z "$open" || tap_note "left open: $open"
done

# A policy that names no write and no network right restricts neither:
# landscope-run says so.
cat >"$T/read.toml" <<TOML
[[path_beneath]]
allowed_access = ["read_file", "read_dir", "execute"]
parent = ["/"]
TOML
run "$RUN" --config "$T/read.toml" "$TRY" exit 0
tap_check "read-only rules: runs" "$rc" = 0
contains "read-only rules: warns that writes are open" "$err" \
	"landscope-run: warning: this policy restricts no writes"
if has net.bind_tcp; then
	contains "read-only rules: warns that the network is open" "$err" \
		"landscope-run: warning: this policy restricts no network access: bind_tcp connect_tcp"
fi
run "$RUN" --config "$T/run-web.toml" "$TRY" exit 0
tap_check "web.toml: no warning" -z "$err"

tap_done
