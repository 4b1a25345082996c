#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Policy files on the real kernel: landscope-run --config runs real
# commands under TOML and JSON policies, files and directories of them,
# and each operation gives the exact errno (the try helper prints it) or
# exit status.  What depends on the kernel is asserted from the probe's
# keys, as tests/programs/landscope-run.sh does.  TAP output.
#
#   config-run.sh RUN SERVER PROBE TRY

. "$(dirname "$0")/lib.sh"
setup "$@"

mkdir -p "$T/ro" "$T/rw" "$T/other" "$T/policy.d"
echo hello >"$T/ro/file"
echo hello >"$T/other/file"
cp "$TRY" "$T/rw/try-copy"

# System directories as a TOML array, for the sandbox to run at all.
sys_list() {
	sep=
	for d in /usr /lib /lib64 /bin /sbin /etc /proc "$BUILD" "$@"; do
		printf '%s"%s"' "$sep" "$d"
		sep=", "
	done
}

# A TOML policy: the system and ro read and executed, rw read and
# written, for abi $1; $2 is more top-level keys, $3 more tables.
toml_policy() {
	cat <<EOF
abi = $1
${2:-}

[[variable]]
name = "sys"
literal = [$(sys_list "$T/ro")]

# The system, the build tree and ro: read and execute.
[[path_beneath]]
allowed_access = ["abi.read_execute"]
parent = ["\${sys}"]

[[path_beneath]]
allowed_access = ["abi.read_write"]
parent = ["$T/rw"]
${3:-}
EOF
}

toml_policy 5 >"$T/policy.toml"
cat >"$T/policy.json" <<EOF
{
  "abi": 5,
  "variable": [{"name": "sys", "literal": [$(sys_list "$T/ro")]}],
  "pathBeneath": [
    {"allowedAccess": ["abi.read_execute"], "parent": ["\${sys}"]},
    {"allowedAccess": ["abi.read_write"], "parent": ["$T/rw"]}
  ]
}
EOF

sbx() {
	"$RUN" "$@"
}

if [ "$ABI" = 0 ]; then
	run sbx --config "$T/policy.toml" "$TRY" exit 3
	tap_check "no Landlock, best effort: exit 125" "$rc" = 125
	contains "no Landlock: refuses" "$err" \
		"refusing to run the command unconfined"
	run sbx --allow-unconfined --config "$T/policy.toml" "$TRY" exit 3
	tap_check "no Landlock, --allow-unconfined: runs" "$rc" = 3
	contains "no Landlock, --allow-unconfined: warns" "$err" "NOT enforced"
	toml_policy 5 'compatibility = "hard_requirement"' >"$T/hard.toml"
	run sbx --config "$T/hard.toml" "$TRY" exit 3
	tap_check "no Landlock, hard requirement: exit 125" "$rc" = 125
	contains "no Landlock, hard requirement: says why" "$err" \
		'policy: compatibility "hard_requirement": '
	tap_done
	exit
fi

# TOML: what is allowed, what is not, with the kernel's errno.
expect "toml: read in ro" 0 ok sbx --config "$T/policy.toml" \
	"$TRY" read "$T/ro/file"
expect "toml: list ro" 0 ok sbx --config "$T/policy.toml" "$TRY" ls "$T/ro"
expect "toml: write in ro: EACCES" 1 EACCES sbx --config "$T/policy.toml" \
	"$TRY" write "$T/ro/new"
tap_check "toml: write in ro: no file" ! -e "$T/ro/new"
expect "toml: mkdir in ro: EACCES" 1 EACCES sbx --config "$T/policy.toml" \
	"$TRY" mkdir "$T/ro/dir"
expect "toml: read outside: EACCES" 1 EACCES sbx --config "$T/policy.toml" \
	"$TRY" read "$T/other/file"
expect "toml: write outside: EACCES" 1 EACCES sbx --config "$T/policy.toml" \
	"$TRY" write "$T/new"
expect "toml: write in rw" 0 ok sbx --config "$T/policy.toml" \
	"$TRY" write "$T/rw/new"
expect "toml: mkdir in rw" 0 ok sbx --config "$T/policy.toml" \
	"$TRY" mkdir "$T/rw/dir"
expect "toml: unlink in rw" 0 ok sbx --config "$T/policy.toml" \
	"$TRY" unlink "$T/rw/new"
# abi.read_write has no execute.
run sbx --config "$T/policy.toml" "$T/rw/try-copy" exit 7
tap_check "toml: exec in rw: 126" "$rc" = 126
contains "toml: exec in rw: EACCES" "$err" "Permission denied"
expect "toml: exec in ro's system" 7 "" sbx --config "$T/policy.toml" \
	"$TRY" exit 7

# JSON: the same policy.
expect "json: read in ro" 0 ok sbx --config "$T/policy.json" \
	"$TRY" read "$T/ro/file"
expect "json: write in ro: EACCES" 1 EACCES sbx --config "$T/policy.json" \
	"$TRY" write "$T/ro/new"
expect "json: read outside: EACCES" 1 EACCES sbx --config "$T/policy.json" \
	"$TRY" read "$T/other/file"
expect "json: write in rw" 0 ok sbx --config "$T/policy.json" \
	"$TRY" write "$T/rw/new-json"

# A directory composes its files; dot-files and other names are not read.
cat >"$T/policy.d/10-system.toml" <<EOF
abi = 5
[[ruleset]]
handled_access_fs = ["abi.all"]
[[path_beneath]]
allowed_access = ["abi.read_execute"]
parent = [$(sys_list)]
EOF
cat >"$T/policy.d/20-data.json" <<EOF
{"abi": 5, "ruleset": [{"handledAccessFs": ["abi.all"]}],
 "pathBeneath": [{"allowedAccess": ["abi.read_execute"],
                  "parent": ["$T/ro"]},
                 {"allowedAccess": ["abi.read_write"],
                  "parent": ["$T/rw"]}]}
EOF
echo "not a policy" >"$T/policy.d/.30-off.toml"
echo "not a policy" >"$T/policy.d/README"
expect "dir: read in ro" 0 ok sbx --config "$T/policy.d" \
	"$TRY" read "$T/ro/file"
expect "dir: write in ro: EACCES" 1 EACCES sbx --config "$T/policy.d" \
	"$TRY" write "$T/ro/new"
expect "dir: write in rw" 0 ok sbx --config "$T/policy.d" \
	"$TRY" write "$T/rw/new-dir"
# Composed with a file that handles only read_file: nothing else is.
cat >"$T/narrow.toml" <<EOF
[[ruleset]]
handled_access_fs = ["read_file"]
EOF
expect "narrowed: write outside is no longer handled" 0 ok \
	sbx --config "$T/policy.d" --config "$T/narrow.toml" \
	"$TRY" write "$T/other/new"
expect "narrowed: read outside still EACCES" 1 EACCES \
	sbx --config "$T/policy.d" --config "$T/narrow.toml" \
	"$TRY" read "$T/other/file"
expect "narrowed: read in ro" 0 ok \
	sbx --config "$T/narrow.toml" --config "$T/policy.d" \
	"$TRY" read "$T/ro/file"

# TCP ports.
BPORT=$("$TRY" free-port)
OPORT=$("$TRY" free-port)
toml_policy 4 "" "
[[net_port]]
allowed_access = [\"bind_tcp\"]
port = [$BPORT]" >"$T/net.toml"
if has net.bind_tcp; then
	expect "toml: bind an allowed port" 0 ok sbx --config "$T/net.toml" \
		"$TRY" bind-tcp "$BPORT"
	expect "toml: bind another port: EACCES" 1 EACCES \
		sbx --config "$T/net.toml" "$TRY" bind-tcp "$OPORT"
else
	expect "toml: no TCP rights in the kernel: bind allowed" 0 ok \
		sbx --config "$T/net.toml" "$TRY" bind-tcp "$OPORT"
fi
cat >"$T/net.json" <<EOF
{"netPort": [{"allowedAccess": ["bind_tcp"], "port": [$BPORT]}],
 "pathBeneath": [{"allowedAccess": ["read_file", "read_dir", "execute"],
                  "parent": [$(sys_list)]}]}
EOF
expect "json: bind another port $(denied_if net.bind_tcp EACCES)" \
	"$(has net.bind_tcp && echo 1 || echo 0)" \
	"$(denied_if net.bind_tcp EACCES)" \
	sbx --config "$T/net.json" "$TRY" bind-tcp "$OPORT"

# Scopes.
toml_policy 6 "" '
[[ruleset]]
scoped = ["signal"]' >"$T/scope.toml"
expect "toml: signal outside $(denied_if scope.signal EPERM)" \
	"$(has scope.signal && echo 1 || echo 0)" \
	"$(denied_if scope.signal EPERM)" \
	sbx --config "$T/scope.toml" "$TRY" kill $$

# Extensions: the compatibility level and the restrict flags.
toml_policy 11 'compatibility = "hard_requirement"' >"$T/hard.toml"
toml_policy 11 'compatibility = "soft_requirement"' >"$T/soft.toml"
# The policy asks for filesystem rights only: ABI 11's are ABI 9's.
if has fs.resolve_unix; then
	expect "hard requirement met: write in ro EACCES" 1 EACCES \
		sbx --config "$T/hard.toml" "$TRY" write "$T/ro/new"
else
	rm -f "$T/rw/marker"
	run sbx --config "$T/hard.toml" "$TRY" write "$T/rw/marker"
	tap_check "hard requirement not met: exit 125" "$rc" = 125
	tap_check "hard requirement not met: nothing ran" ! -e "$T/rw/marker"
	# It names the rights (issue 21, item 9), as --hard does.
	# Which rights depends on the kernel: resolve_unix at least.
	if has fs.read_file; then
		contains "hard requirement not met: names the rights" "$err" \
			'policy: compatibility "hard_requirement": the kernel lacks filesystem rights: '
		contains "hard requirement not met: resolve_unix among them" \
			"$err" "resolve_unix"
	else
		contains "hard requirement not met: says why" "$err" \
			'policy: compatibility "hard_requirement": '
	fi
	expect "soft requirement not met: unconfined" 0 ok \
		sbx --config "$T/soft.toml" "$TRY" write "$T/ro/soft"
	contains "soft requirement not met: warned" "$err" "NOT enforced"
fi
toml_policy 5 'restrict_flags = ["log_new_exec_on"]' >"$T/log.toml"
expect "restrict_flags: enforced as well" 1 EACCES \
	sbx --config "$T/log.toml" "$TRY" write "$T/ro/new"
run sbx --config "$T/log.toml" --dry-run --report=json --report-fd 1
contains "restrict_flags: asked" "$out" \
	'"flags": {"requested": ["log_new_exec_on"]'
if has flag.log_new_exec_on; then
	contains "restrict_flags: enforced (ABI 7)" "$out" \
		'"enforced": ["log_new_exec_on"]}'
fi

# --dry-run and --report=json.
toml_policy 5 "" "
[[path_beneath]]
allowed_access = [\"abi.read_write\"]
parent = [\"/dev/null\", \"$T/missing\"]" >"$T/report.toml"
rm -f "$T/rw/marker"
run sbx --config "$T/report.toml" --dry-run --report=json --report-fd 1 \
	"$TRY" write "$T/rw/marker"
tap_check "--dry-run: exit 0" "$rc" = 0
tap_check "--dry-run: nothing ran" ! -e "$T/rw/marker"
tap_check "--report=json: one line on stdout" "$(wc -l <"$T/stdout")" = 1
# ABI 5's filesystem rights: all there from ABI 5 (ioctl_dev) on.
if has fs.ioctl_dev; then
	contains "--report=json: status" "$out" '"status": "fully_enforced"'
else
	contains "--report=json: status" "$out" '"status": "partially_enforced"'
fi
contains "--report=json: abi" "$out" "\"abi\": $ABI"
contains "--report=json: a file keeps file rights" "$out" \
	'"path": "/dev/null", "requested": ["write_file", "read_file", "read_dir"'
contains "--report=json: a file is masked" "$out" '["applied", "masked_file"'
contains "--report=json: a missing path" "$out" \
	"\"path\": \"$T/missing\", \"requested\": [\"write_file\""
contains "--report=json: a missing path's error" "$out" \
	'"outcome": ["skipped"], "error": "ENOENT"'
contains "--report=json: categories" "$out" \
	'"flags": {"requested": [], "enforced": []}'
if command -v python3 >/dev/null; then
	python3 -c 'import json, sys; r = json.load(sys.stdin)
assert set(r) >= {"abi", "status", "reason", "categories", "rules"}
assert set(r["categories"]) == {"fs", "net", "scope", "flags"}
assert all(set(x) == {"type", "path", "requested", "enforced", "outcome",
                      "error"} for x in r["rules"])' <"$T/stdout"
	tap_check "--report=json: valid JSON with every field" $? = 0
fi
run sbx --config "$T/report.toml" --dry-run
tap_check "--dry-run needs no command" "$rc" = 0
run sbx --config "$T/report.toml" --report=json --report-fd 1 "$TRY" read "$T/ro/file"
tap_check "--report=json, then the command" "$rc" = 0
contains "--report=json: the report first" "$(head -n 1 "$T/stdout")" \
	'{"abi": '
tap_check "--report=json: then the command's output" \
	"$(tail -n 1 "$T/stdout")" = ok
toml_policy 11 >"$T/abi11.toml"
run sbx --config "$T/abi11.toml" --dry-run --report=json --report-fd 1
if has fs.resolve_unix; then
	contains "abi 11 on this kernel: fully" "$out" '"reason": null'
else
	contains "abi 11 on an older kernel: partially" "$out" \
		'"status": "partially_enforced", "reason": "the kernel lacks '
fi

# A relative parent is the current directory's, as in landlockconfig; the
# report names the directory it grants (issue 21, item 5).
toml_policy 5 "" "
[[path_beneath]]
allowed_access = [\"abi.read_write\"]
parent = [\"other\"]" >"$T/relative.toml"
in_dir() {
	sh -c 'cd "$1" && shift && exec "$@"' sh "$@"
}
run in_dir "$T" "$RUN" --config "$T/relative.toml" --dry-run \
	--report=json --report-fd 1
contains "relative parent: named from the current directory" "$out" \
	"\"path\": \"$T/other\", \"requested\": [\"write_file\""
expect "relative parent: granted from the current directory" 0 ok \
	in_dir "$T" "$RUN" --config "$T/relative.toml" \
	"$TRY" write "$T/other/rel"
expect "relative parent: from elsewhere, not granted" 1 EACCES \
	in_dir "$T/ro" "$RUN" --config "$T/relative.toml" \
	"$TRY" write "$T/other/rel2"

# Policy errors: reported before anything runs (exit 125, no marker).
printf '[[path_beneath]]\nallowed_access = ["reed_file"]\nparent = ["/"]\n' \
	>"$T/bad.toml"
refused "unknown right" "bad.toml:2:19: allowed_access: unknown" \
	sbx --config "$T/bad.toml"
printf '{"pathBeneath": [{"allowedAccess": ["read_file"], "parent": ["/"]}],\n "pathBeneath": []}' \
	>"$T/bad.json"
refused "duplicate key" "bad.json:2:2: duplicate key" \
	sbx --config "$T/bad.json"
printf '[[path_beneath]]\nallowed_access = ["read_file"]\nparent = ["${x}"]\n' \
	>"$T/undef.toml"
refused "undefined variable" 'undefined variable "${x}"' \
	sbx --config "$T/undef.toml"
refused "missing file" "cannot open" sbx --config "$T/nope.toml"
refused "one bad file in a directory" "bad.toml:2:19" \
	sbx --config "$T/policy.d" --config "$T"
# Policy options add to the files' policy (cli.sh), but cannot unhandle
# what the files handle, nor change their level.
refused "--config with --unrestricted-tcp" "cannot lift what the files" \
	sbx --config "$T/policy.toml" --unrestricted-tcp
refused "--config with --hard" "--config sets the level" \
	sbx --hard --config "$T/policy.toml"
refused "--config with LL_FS_RO" "LL_FS_RO is set" \
	env LL_FS_RO=/ "$RUN" --config "$T/policy.toml"
refused "--report=yaml" "expected json or text" \
	sbx --report=yaml --config "$T/policy.toml"

tap_done
