#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Everything landscope-run and landscope-probe print is escaped (issue 21,
# item 8): file names with terminal escapes, OSC sequences, C1 controls,
# invalid UTF-8 and newlines, from the command line, the LL_* variables and
# policy files, reach stderr as "\xHH", "\n"... and never raw; the JSON
# report stays valid.
#
#   escape.sh RUN SERVER PROBE TRY DEMO SWARM MINIMAL INSIDE DENY
#             JSON_REASON

. "$(dirname "$0")/lib.sh"
setup "$@"

SYS=/usr:/lib:/lib64:/bin:/sbin:/etc:/proc:$BUILD
# ESC ] 0 ; x BEL (an OSC title), CSI as a C1 control (U+009B), an
# invalid byte, and a newline that would forge a line.
ESC=$(printf '\033')
BEL=$(printf '\007')
C1=$(printf '\302\233')
BAD=$(printf '\377')
NL='
'
HOSTILE="$T/a${ESC}]0;x${BEL}b${C1}c${BAD}d${NL}landscope-run warning forged"
SHOWN="$T/a\\x1b]0;x\\x07b\\xc2\\x9bc\\xffd\\nlandscope-run warning forged"

# raw_free DESCRIPTION TEXT: no control byte but newline, no byte that is
# not ASCII (the messages and $T are ASCII, so any is a raw name byte).
raw_free() {
	if printf '%s' "$2" | LC_ALL=C tr -d '\n' |
	   LC_ALL=C grep -q '[^ -~]'; then
		tap_not_ok "$1: no raw control or non-ASCII byte"
		printf '%s\n' "$2" | od -c | sed 's/^/# /' | head -20
	else
		tap_ok "$1: no raw control or non-ASCII byte"
	fi
}

# Without Landlock (the matrix's landlock-off row) landscope-run refuses to
# run unconfined unless told: these cases are about what it prints.
ALLOW=
[ "$ABI" -gt 0 ] || ALLOW=--allow-unconfined

run "$RUN" --rx "$SYS" --ro "$HOSTILE" "$TRY" exit 0
tap_check "--ro missing hostile path: exit 125" "$rc" = 125
raw_free "--ro missing hostile path" "$err"
tap_check "--ro: the path escaped, on one line" "$err" = \
	"landscope-run: --ro \"$SHOWN\": No such file or directory"

run "$RUN" $ALLOW --ignore-missing --rx "$SYS" --ro "$HOSTILE" \
	"$TRY" exit 0
tap_check "--ignore-missing: runs" "$rc" = 0
raw_free "--ignore-missing skipped path" "$err"
contains "--ignore-missing: the warning, escaped" "$err" \
	"landscope-run: warning: skipped missing path \"$SHOWN\""

# The LL_* interface refuses without Landlock, as the kernel's sample does.
if [ "$ABI" -gt 0 ]; then
	run env "LL_FS_RO=$SYS:$HOSTILE" LL_FS_RW= "$RUN" "$TRY" exit 0
	tap_check "LL_FS_RO missing hostile path: runs, as the sample" \
		"$rc" = 0
	raw_free "LL_FS_RO skipped path" "$err"
	tap_check "LL_FS_RO: the warning, escaped, on one line" "$err" = \
"landscope-run: warning: LL_FS_RO: skipping \"$SHOWN\": No such file or directory"
fi

run env "LL_FS_RO=$SYS" LL_FS_RW= "LL_TCP_BIND=1${ESC}[2J" "$RUN" \
	"$TRY" exit 0
tap_check "hostile port: exit 125" "$rc" = 125
raw_free "hostile port" "$err"
run env "LL_FS_RO=$SYS" LL_FS_RW= "LL_FORCE_LOG=${C1}" "$RUN" \
	"$TRY" exit 0
raw_free "hostile LL_FORCE_LOG" "$err"
run "$RUN" --report="json${ESC}[31m" --rx / "$TRY" exit 0
raw_free "hostile --report value" "$err"
run "$RUN" $ALLOW --rx / "$T/nope${ESC}[2J"
tap_check "hostile command name: exit 127" "$rc" = 127
raw_free "hostile command name" "$err"

# A directory that exists: the JSON report names it, valid JSON whatever
# its bytes (python3 where the guest has it).
HDIR="$T/d${ESC}]0;x${BEL}${C1}${BAD}"
mkdir "$HDIR"
run "$RUN" $ALLOW --report=json --report-fd 1 --dry-run --rx "$SYS" --ro "$HDIR"
tap_check "--report=json with a hostile directory: exit 0" "$rc" = 0
raw_free "--report=json" "$out"
contains "--report=json: the path as code points" "$out" \
	'/d\u001b]0;x\u0007\u00c2\u009b\u00ff"'
if command -v python3 >/dev/null 2>&1; then
	if printf '%s\n' "$out" | python3 -m json.tool >/dev/null; then
		tap_ok "--report=json with a hostile path: valid JSON"
	else
		tap_not_ok "--report=json with a hostile path: valid JSON"
	fi
fi
run "$RUN" $ALLOW --report --dry-run --rx "$SYS" --ro "$HDIR"
raw_free "--report (text) with a hostile directory" "$err"

# Policy files: a missing path and one the kernel refuses (a pipe, behind
# a symbolic link with a hostile name), both named escaped.
cat >"$T/p.json" <<JSON
{"pathBeneath": [{"allowedAccess": ["read_file"],
  "parent": ["$T/m\\u001b]0;x\\u0007\\u009bz\\n+"]}],
 "netPort": [{"allowedAccess": ["connect_tcp"], "port": [443]}]}
JSON
run "$RUN" --config "$T/p.json" --dry-run --report
raw_free "--config, missing hostile path" "$err"
contains "--config: skipped missing path, escaped" "$err" \
	"landscope-run: warning: skipped missing path \"$T/m\\x1b]0;x\\x07\\xc2\\x9bz\\n+\""
if [ -r /proc/self/fd/0 ] && [ "$ABI" -gt 0 ]; then
	ln -s /proc/self/fd/0 "$T/p${ESC}]0;x${BEL}${C1}"
	cat >"$T/pipe.json" <<JSON
{"pathBeneath": [{"allowedAccess": ["read_file"],
  "parent": ["$T/p\\u001b]0;x\\u0007\\u009b", "/"]}]}
JSON
	echo | "$RUN" --config "$T/pipe.json" --report=json --report-fd 1 \
		"$TRY" exit 0 >"$T/stdout" 2>"$T/stderr"
	rc=$?
	err=$(cat "$T/stderr") out=$(cat "$T/stdout")
	tap_check "--config, a path the kernel refuses: exit 125" "$rc" = 125
	raw_free "--config, refused path" "$err"
	raw_free "--config, refused path, JSON" "$out"
	contains "--config, refused path: named, escaped" "$err" \
		"\"$T/p\\x1b]0;x\\x07\\xc2\\x9b\""
fi

# The refused-rule line of the LL_* interface (a pipe, through a link with
# a hostile name), as the kernel's sample words it, escaped.
if [ -r /proc/self/fd/0 ] && [ "$ABI" -gt 0 ]; then
	echo | env "LL_FS_RO=$T/p${ESC}]0;x${BEL}${C1}" LL_FS_RW= \
		"$RUN" "$TRY" exit 0 >"$T/stdout" 2>"$T/stderr"
	rc=$?
	err=$(cat "$T/stderr")
	tap_check "LL_FS_RO, a path the kernel refuses: exit 125" "$rc" = 125
	raw_free "the refused-rule line" "$err"
	contains "the refused-rule line, escaped" "$err" \
		"failed to update the ruleset with \"$T/p\x1b]0;x\x07\xc2\x9b\""
fi

# The report's reason quotes paths: escaped in JSON as they are (json-reason
# prints the report of a hard-requirement ruleset that refused a file).
if [ -n "$JSON_REASON" ] && [ "$ABI" -gt 0 ]; then
	: >"$HDIR/file\"\\"
	run "$JSON_REASON" "$HDIR/file\"\\"
	tap_check "a reason quoting a hostile path: a report" "$rc" = 0
	raw_free "a reason quoting a hostile path, JSON" "$out"
	contains "the reason, escaped as the paths" "$out" \
		'"reason": "rule 0 (path '"$T"'/d\u001b]0;x\u0007\u00c2\u009b\u00ff/file\"\\) is not'
	if command -v python3 >/dev/null 2>&1; then
		if printf '%s\n' "$out" | python3 -m json.tool >/dev/null; then
			tap_ok "a reason quoting a hostile path: valid JSON"
		else
			tap_not_ok "a reason quoting a hostile path: valid JSON"
		fi
	fi
fi

# landscope-probe: nothing from the system printed raw either.
run "$PROBE"
raw_free "landscope-probe" "$out"

tap_done
