#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Landlock blocked by a seccomp filter, as container runtimes and systemd
# can block it (issue 21, item 7): the deny-syscall helper fails one
# Landlock syscall with one errno.  Nothing may then run with fewer rules
# than asked: a kernel refusal is never an unopenable path to skip, the
# probe says "blocked", and nothing advises rebuilding the kernel.
#
#   blocked.sh RUN SERVER PROBE TRY DEMO SWARM MINIMAL INSIDE DENY

. "$(dirname "$0")/lib.sh"
setup "$@"

if [ "$ABI" = 0 ]; then
	tap_skip_all "no Landlock to block"
	exit 0
fi
if ! "$DENY" 999 1 true 2>/dev/null; then
	tap_skip_all "seccomp filters cannot be installed here"
	exit 0
fi
# landlock_create_ruleset, landlock_add_rule, landlock_restrict_self: the
# same numbers on every architecture.
CREATE=444 ADD=445 RESTRICT=446
EPERM=1 EACCES=13 EOPNOTSUPP=95
SYS=/usr:/lib:/lib64:/bin:/sbin:/etc:/proc:$BUILD
mkdir -p "$T/rw"

# landlock_add_rule() denied: every rule is refused.
for e in EPERM EACCES; do
	eval nr=\$$e
	rm -f "$T/rw/marker"
	run "$DENY" $ADD $nr env "LL_FS_RO=$SYS" "LL_FS_RW=$T/rw" \
		"$RUN" "$TRY" write "$T/rw/marker"
	tap_check "add_rule $e, LL_*: exit 125" "$rc" = 125
	tap_check "add_rule $e, LL_*: nothing ran" ! -e "$T/rw/marker"
	lacks "add_rule $e, LL_*: no path skipped" "$err" "skipping"
	contains "add_rule $e, LL_*: the first path fails" "$err" \
		"landscope-run: LL_FS_RO \"/usr\": "
done
contains "add_rule EPERM, LL_*: the hint" "$(
	"$DENY" $ADD $EPERM env "LL_FS_RO=$SYS" LL_FS_RW= "$RUN" true \
	2>&1)" "hint: a seccomp filter or an LSM may deny Landlock"
run "$DENY" $ADD $EPERM "$RUN" --rx "$SYS" --rw "$T/rw" \
	"$TRY" write "$T/rw/marker"
tap_check "add_rule EPERM, options: exit 125" "$rc" = 125
tap_check "add_rule EPERM, options: nothing ran" ! -e "$T/rw/marker"
cat >"$T/p.toml" <<TOML
[[path_beneath]]
allowed_access = ["read_file", "read_dir", "execute", "write_file"]
parent = ["/usr", "/lib", "/lib64", "/bin", "/etc", "/proc", "$BUILD", "$T/rw"]
TOML
run "$DENY" $ADD $EPERM "$RUN" --config "$T/p.toml" \
	"$TRY" write "$T/rw/marker"
tap_check "add_rule EPERM, --config: exit 125" "$rc" = 125
tap_check "add_rule EPERM, --config: nothing ran" ! -e "$T/rw/marker"
lacks "add_rule EPERM, --config: no path skipped" "$err" "skipped"

# landlock_create_ruleset() denied: Landlock looks absent, but is blocked.
for e in EPERM EACCES; do
	eval nr=\$$e
	run "$DENY" $CREATE $nr "$PROBE" --keys
	tap_check "create_ruleset $e: probe exit 1" "$rc" = 1
	contains "create_ruleset $e: unavailable=blocked" "$out" \
		"unavailable=blocked"
	run "$DENY" $CREATE $nr "$PROBE" --json
	contains "create_ruleset $e: --json says blocked, and the errno" \
		"$out" '"unavailable": "blocked", "unavailable_reason": "Landlock is denied by a seccomp filter or an LSM: '$e'"'
	run "$DENY" $CREATE $nr "$PROBE"
	contains "create_ruleset $e: the probe says who denies it" "$out" \
		"Landlock: not available: Landlock is denied by a seccomp filter or an LSM: $e"
done
for args in "env LL_FS_RO=$SYS LL_FS_RW=" "--rx $SYS"; do
	rm -f "$T/rw/marker"
	# shellcheck disable=SC2086
	case $args in
	env*) run "$DENY" $CREATE $EPERM $args "$RUN" \
		"$TRY" write "$T/rw/marker" ;;
	*) run "$DENY" $CREATE $EPERM "$RUN" $args \
		"$TRY" write "$T/rw/marker" ;;
	esac
	tap_check "create_ruleset EPERM, ${args%% *}: exit 125" "$rc" = 125
	tap_check "create_ruleset EPERM, ${args%% *}: nothing ran" \
		! -e "$T/rw/marker"
	contains "create_ruleset EPERM, ${args%% *}: blocked, not absent" \
		"$err" "hint: Landlock is denied by a seccomp filter or an LSM, not missing from the kernel"
	lacks "create_ruleset EPERM, ${args%% *}: no rebuild advised" "$err" \
		"CONFIG_SECURITY_LANDLOCK"
done

# Only --allow-unconfined runs the command then, and says so.
run "$DENY" $CREATE $EPERM "$RUN" --allow-unconfined --rx "$SYS" \
	"$TRY" write "$T/rw/marker"
tap_check "create_ruleset EPERM, --allow-unconfined: runs" "$out" = ok
contains "create_ruleset EPERM, --allow-unconfined: says it is unconfined" \
	"$err" "): the command runs unconfined"
run "$DENY" $CREATE $EPERM "$RUN" --allow-unconfined --report=json --report-fd 1 \
	--rx "$SYS" "$TRY" exit 0
contains "create_ruleset EPERM, --allow-unconfined: so does the JSON" \
	"$out" '"unconfined": true'

# landlock_restrict_self() denied: in best effort, no advice to use best
# effort (issue 21, item 9), and no list of rights as if --hard failed.
run "$DENY" $RESTRICT $EOPNOTSUPP "$RUN" --rx / "$TRY" exit 0
tap_check "restrict_self EOPNOTSUPP, best effort: exit 125" "$rc" = 125
tap_check "restrict_self EOPNOTSUPP, best effort: says only that" "$err" = \
	"landscope-run: cannot enforce the sandbox: Operation not supported"
run "$DENY" $RESTRICT $EPERM "$RUN" --rx / "$TRY" exit 0
tap_check "restrict_self EPERM: exit 125" "$rc" = 125
tap_check "restrict_self EPERM: says who may deny it" "$err" = \
"landscope-run: cannot enforce the sandbox: Operation not permitted
landscope-run: hint: a seccomp filter or an LSM may deny Landlock to this process"

tap_done
