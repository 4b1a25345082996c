#!/bin/sh
# SPDX-License-Identifier: MIT
#
# What the tools write, and where: output that cannot be written is an
# error (issue 21, item 17); a policy on standard input names its format
# with --config-format (item 18); a policy file's hard_requirement names
# what the kernel lacks, as --hard does (item 9).
#
#   output.sh RUN SERVER PROBE TRY DEMO

. "$(dirname "$0")/lib.sh"
setup "$@"

SYS=/usr:/lib:/lib64:/bin:/sbin:/etc:/proc:$BUILD
mkdir -p "$T/rw"

# Output that cannot be written: a full device, a closed stdout.
if [ -w /dev/full ]; then
	for a in --help "" --keys --json; do
		# shellcheck disable=SC2086
		"$PROBE" $a >/dev/full 2>"$T/stderr"
		tap_check "probe ${a:-(text)} >/dev/full: exit 2" "$?" = 2
	done
	contains "probe >/dev/full: says why" "$(cat "$T/stderr")" \
		"cannot write the output: No space left on device"
	"$RUN" --help >/dev/full 2>/dev/null
	tap_check "landscope-run --help >/dev/full: exit 125" "$?" = 125
	rm -f "$T/rw/marker"
	"$RUN" --report=json --report-fd 1 --rx / --rw "$T/rw" \
		"$TRY" write "$T/rw/marker" >/dev/full 2>"$T/stderr"
	tap_check "--report=json >/dev/full: exit 125" "$?" = 125
	tap_check "--report=json >/dev/full: nothing ran" ! -e "$T/rw/marker"
	contains "--report=json >/dev/full: says why" "$(cat "$T/stderr")" \
		"--report=json: cannot write the report"
fi
"$PROBE" --keys >&- 2>/dev/null
tap_check "probe --keys, stdout closed: exit 2" "$?" = 2
"$RUN" --report=json --report-fd 1 --dry-run --rx / >&- 2>/dev/null
tap_check "--report=json, stdout closed: exit 125" "$?" = 125
# Without Landlock (the landlock-off row) running at all must be asked for.
ALLOW=
[ "$ABI" -gt 0 ] || ALLOW=--allow-unconfined
"$RUN" $ALLOW --dry-run --rx / >&- 2>/dev/null
tap_check "no output asked, stdout closed: exit 0" "$?" = 0

# A policy on standard input: its format is given, not guessed.
cat >"$T/policy.toml" <<TOML
abi = 4
[[path_beneath]]
allowed_access = ["abi.read_execute"]
parent = [$(echo "$SYS" | sed 's/\([^:]*\)/"\1"/g; s/:/, /g')]
[[path_beneath]]
allowed_access = ["abi.read_write"]
parent = ["$T/rw"]
TOML
cat >"$T/policy.json" <<JSON
{"abi": 4, "pathBeneath": [
  {"allowedAccess": ["abi.read_execute"],
   "parent": [$(echo "$SYS" | sed 's/\([^:]*\)/"\1"/g; s/:/, /g')]},
  {"allowedAccess": ["abi.read_write"], "parent": ["$T/rw"]}]}
JSON
# stdin CMD...: run with $T/stdin as standard input.
stdin() {
	cmd="$*"
	"$@" <"$T/stdin" >"$T/stdout" 2>"$T/stderr"
	rc=$?
	out=$(cat "$T/stdout") err=$(cat "$T/stderr")
}
cp "$T/policy.toml" "$T/stdin"
# The matrix's busybox guests have no /dev/stdin symlink (udev makes it):
# the same file through /proc there.
STDIN=/dev/stdin
[ -e /dev/stdin ] || STDIN=/proc/self/fd/0
stdin "$RUN" --config "$STDIN" "$TRY" exit 0
tap_check "--config /dev/stdin without a format: exit 125" "$rc" = 125
stdin "$RUN" $ALLOW --config "$STDIN" --config-format toml \
	"$TRY" write "$T/rw/new"
tap_check "--config-format toml: runs" "$rc" = 0 ||
	printf '# %s\n' "$err"
tap_check "--config-format toml: writes where allowed" -e "$T/rw/new"
stdin "$RUN" $ALLOW --config "$STDIN" --config-format toml \
	"$TRY" write "$T/denied"
tap_check "--config-format toml: enforced (EACCES)" "$out" = \
	"$(denied_if fs.write_file EACCES)"
cp "$T/policy.json" "$T/stdin"
stdin "$RUN" $ALLOW --config "$STDIN" --config-format json \
	"$TRY" write "$T/denied"
tap_check "--config-format json: enforced (EACCES)" "$out" = \
	"$(denied_if fs.write_file EACCES)"
stdin "$RUN" --config "$STDIN" --config-format toml "$TRY" exit 0
tap_check "--config-format toml on JSON: exit 125" "$rc" = 125
stdin "$RUN" --config "$STDIN" --config-format yaml "$TRY" exit 0
tap_check "--config-format yaml: exit 125" "$rc" = 125
tap_check "--config-format yaml: says what it takes" "$err" = \
	"landscope-run: --config-format: expected toml or json, not \"yaml\""
stdin "$RUN" --config-format json --rx / "$TRY" exit 0
tap_check "--config-format without --config: exit 125" "$rc" = 125

# hard_requirement names what the kernel lacks, as --hard does.
if [ "$ABI" -gt 0 ] && ! has fs.resolve_unix; then
	cat >"$T/hard.toml" <<TOML
compatibility = "hard_requirement"
[[path_beneath]]
allowed_access = ["read_file", "resolve_unix"]
parent = ["/"]
TOML
	run "$RUN" --config "$T/hard.toml" "$TRY" exit 0
	tap_check "hard_requirement unmet: exit 125" "$rc" = 125
	contains "hard_requirement unmet: names the missing rights" "$err" \
		"the kernel lacks filesystem rights: resolve_unix"
fi

# --rox, landrun's name for --rx (issue 24).
if [ "$ABI" -gt 0 ]; then
	expect "--rox is --rx" 1 EACCES "$RUN" --rox "$SYS" \
		--ro "$T/rw" "$TRY" write "$T/rw/rox"
fi

tap_done
