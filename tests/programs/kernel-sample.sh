#!/bin/sh
# SPDX-License-Identifier: MIT
#
# tools/landscope-run against the kernel's own samples/landlock/sandboxer.c:
# for the same LL_* environment on the same kernel, the same operation must
# give the same result (exit status and errno) under both, and a policy
# one refuses the other must refuse too.
#
# The sample is built at test time by ci/build-kernel-sample from
# Debian's linux-source tarball (ci/deps.sh installs it); it is never
# copied into this repository.  Without the tarball the test is skipped.
# That sample knows Landlock up to ABI 6 (LL_SCOPED a and s, no
# LL_FORCE_LOG), so only that part of the interface is compared.
#
#   kernel-sample.sh RUN SERVER PROBE TRY DEMO

. "$(dirname "$0")/lib.sh"
setup "$@"

cleanup_hook() {
	stop_server
}

if [ "$ABI" = 0 ]; then
	tap_skip_all "no Landlock: both only refuse to run"
	exit 0
fi

# Build the kernel's sample (the kernel matrix's guests have neither the
# tool, named by meson.build, nor the tarball: it runs on the host).
build_sample=${LANDSCOPE_BUILD_SAMPLE:-}
if [ -z "$build_sample" ] || [ ! -x "$build_sample" ]; then
	tap_skip_all "no ci/build-kernel-sample here (\$LANDSCOPE_BUILD_SAMPLE)"
	exit 0
fi
rc=0
"$build_sample" "$T/k" 2>"$T/stderr" || rc=$?
if [ "$rc" = 77 ]; then
	tap_skip_all "no /usr/src/linux-source-*.tar.xz"
	exit 0
elif [ "$rc" != 0 ]; then
	tap_not_ok "build the kernel's sample"
	sed 's/^/# /' "$T/stderr"
	tap_done
	exit
fi
tap_ok "built the kernel's sample from $(cat "$T/k/sandboxer.source")"
SAMPLE=$T/k/sandboxer

start_server --dir "$T" --abstract "landscope-sample-$$" --tcp 0 \
	--accept-outside ||
	tap_not_ok "the server starts"
NAME=landscope-sample-$$
BPORT=$("$TRY" free-port)
# /proc: a sanitizer build's programs cannot start without it.
SYS=/usr:/lib:/lib64:/bin:/sbin:/etc:/proc

# The tree every operation starts from, at the same path for both runs.
W=$T/w
TPL=$T/template
mkdir -p "$TPL/ro/sub" "$TPL/rw/sub"
echo hello >"$TPL/ro/file"
echo hello >"$TPL/ro/wfile"
echo hello >"$TPL/rw/old"
cp "$TRY" "$TPL/rw/true"
cp "$TRY" "$TPL/ro/true"

# The environments: LL_* assignments for env(1).
tcp="LL_TCP_BIND= LL_TCP_CONNECT=$SERVER_TCP"
envs="
LL_FS_RO=$SYS:$BUILD:$W/ro LL_FS_RW=$W/rw
LL_FS_RO=$SYS:$BUILD:$W/ro/file LL_FS_RW=$W/rw:$W/ro/wfile
LL_FS_RO=$SYS:$BUILD:$W/missing:$W/ro LL_FS_RW=
LL_FS_RO=$SYS:$BUILD:$W/ro LL_FS_RW=$W/rw LL_SCOPED=a
LL_FS_RO=$SYS:$BUILD:$W/ro LL_FS_RW=$W/rw LL_SCOPED=s
LL_FS_RO=$SYS:$BUILD:$W/ro LL_FS_RW=$W/rw LL_SCOPED=a:s $tcp
LL_FS_RO=$SYS:$BUILD:$W/ro LL_FS_RW=$W/rw LL_TCP_BIND=$BPORT LL_TCP_CONNECT=
LL_FS_RO= LL_FS_RW=$SYS:$BUILD:$W
"

ops="
read $W/ro/file
read $W/rw/old
ls $W/ro
ls $W
write $W/ro/new
write $W/rw/new
write $W/ro/wfile
write $W/new
mkdir $W/rw/d
mkdir $W/ro/d
unlink $W/rw/old
unlink $W/ro/file
rmdir $W/rw/sub
rename $W/rw/old $W/rw/sub/old
rename $W/rw/old $W/rw/new
rename $W/rw/old $W/ro/old
link $W/rw/old $W/rw/sub/hard
truncate $W/rw/old
truncate $W/ro/wfile
mkfifo $W/rw/fifo
symlink x $W/rw/sym
exec $W/rw/true exit 3
exec $W/ro/true exit 4
connect-abstract $NAME
kill $$
bind-tcp $BPORT
connect-tcp $SERVER_TCP
"

# outcome RUN ENV OP...: "status stdout" of OP, from a fresh tree.
outcome() {
	sbx=$1 assignments=$2
	shift 2
	rm -rf "$W"
	cp -a "$TPL" "$W"
	# Word splitting of the assignments is wanted: no value has a space.
	# shellcheck disable=SC2086
	env $assignments "$sbx" "$TRY" "$@" </dev/null >"$T/stdout" \
		2>"$T/stderr"
	echo "$? $(cat "$T/stdout")"
}

n_env=0
echo "$envs" | while read -r assignments; do
	[ -n "$assignments" ] || continue
	echo "$assignments"
done >"$T/envs"
echo "$ops" | while read -r op; do
	[ -n "$op" ] || continue
	echo "$op"
done >"$T/ops"

# Anchors: the comparison means something only if the sample itself
# allows and denies as documented.
first=$(head -n 1 "$T/envs")
anchor=$(outcome "$SAMPLE" "$first" read "$W/ro/file")
tap_check "the sample allows an LL_FS_RO read ($anchor)" "$anchor" = "0 ok"
anchor=$(outcome "$SAMPLE" "$first" write "$W/ro/new")
tap_check "the sample denies an LL_FS_RO write ($anchor)" "$anchor" = "1 EACCES"

while read -r assignments; do
	n_env=$((n_env + 1))
	tap_note "environment $n_env: $(echo "$assignments" |
		sed "s|$SYS:$BUILD|SYS|g; s|$W|W|g")"
	while read -r op; do
		# shellcheck disable=SC2086
		theirs=$(outcome "$SAMPLE" "$assignments" $op)
		# shellcheck disable=SC2086
		ours=$(outcome "$RUN" "$assignments" $op)
		label=$(echo "$op" | sed "s|$W|W|g")
		if [ "$ours" = "$theirs" ]; then
			tap_ok "env $n_env: $label: $ours"
		else
			tap_not_ok "env $n_env: $label: ours \"$ours\"," \
			       "the sample's \"$theirs\""
		fi
	done <"$T/ops"
done <"$T/envs"

# Policies: both run the command, or both refuse before running it.
policies="
LL_FS_RO=$SYS:$BUILD
LL_FS_RW=$W
LL_FS_RO=$SYS:$BUILD LL_FS_RW=$W LL_TCP_BIND=http
LL_FS_RO=$SYS:$BUILD LL_FS_RW=$W LL_TCP_CONNECT=65536
LL_FS_RO=$SYS:$BUILD LL_FS_RW=$W LL_TCP_CONNECT=80::443:
LL_FS_RO=$SYS:$BUILD LL_FS_RW=$W LL_TCP_BIND=000000000000000000000000000000080
LL_FS_RO=$SYS:$BUILD LL_FS_RW=$W LL_TCP_BIND=0000000000000000000000000000065536
LL_FS_RO=$SYS:$BUILD LL_FS_RW=$W LL_SCOPED=
LL_FS_RO=$SYS:$BUILD LL_FS_RW=$W LL_SCOPED=x
LL_FS_RO=$SYS:$BUILD LL_FS_RW=$W LL_SCOPED=a:a
LL_FS_RO=$SYS:$BUILD LL_FS_RW=$W LL_SCOPED=s:
LL_FS_RO=$SYS:$BUILD::$W/nope LL_FS_RW=$W
"
echo "$policies" | while read -r p; do
	[ -n "$p" ] || continue
	echo "$p"
done >"$T/policies"
while read -r assignments; do
	theirs=$(outcome "$SAMPLE" "$assignments" write "$W/marker")
	[ -e "$W/marker" ] && theirs=ran || theirs=refused
	ours=$(outcome "$RUN" "$assignments" write "$W/marker")
	[ -e "$W/marker" ] && ours=ran || ours=refused
	label=$(echo "$assignments" | sed "s|$SYS:$BUILD|SYS|g; s|$W|W|g")
	tap_check "policy \"$label\": $ours (the sample: $theirs)" \
		"$ours" = "$theirs"
done <"$T/policies"

# 1100 paths at the default fd limit: the sample opens, adds and closes
# one path at a time, and so must we.
mkdir -p "$T/many"
paths=
i=0
while [ $i -lt 1100 ]; do
	mkdir "$T/many/d$i"
	paths=$paths:$T/many/d$i
	i=$((i + 1))
done
many="LL_FS_RO=$SYS:$BUILD$paths LL_FS_RW=$W"
theirs=$(ulimit -n 1024 && outcome "$SAMPLE" "$many" write "$W/marker")
ours=$(ulimit -n 1024 && outcome "$RUN" "$many" write "$W/marker")
tap_check "1100 paths at ulimit -n 1024: ours \"$ours\", the sample's \"$theirs\"" \
	"$ours" = "$theirs"
tap_check "1100 paths at ulimit -n 1024: the command ran" "${ours%% *}" = 0

tap_done
