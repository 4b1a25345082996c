#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Boot a kernel under QEMU (TCG) with a busybox initramfs, run one script
# from a payload directory as root in the guest, and exit with its status.
#
#   run-guest.sh --kernel BZIMAGE --payload DIR [--append 'EXTRA CMDLINE']
#                [--timeout SECONDS] [--mem 1G] [--smp 2] [--icount]
#                -- SCRIPT [ARGS...]
#
# --icount runs the guest with -icount shift=0,sleep=off: its clock, TSC
# included, then advances by one nanosecond per instruction executed
# instead of with host time, so two boots of the same kernel count the
# same, whatever the host is doing.  For benchmarks, not for tests: the
# guest runs slower and sleeps take no host time.
#
# Guest side: /init mounts proc, sys and devtmpfs, copies itself into a
# fresh tmpfs and switch_root's there, because pivot_root(2) refuses to
# move the initial rootfs and fs_test needs it.  The second stage mounts
# /tmp, /dev/pts and /dev/shm, brings lo up, then runs
# `sh /payload/SCRIPT ARGS...` from /payload.  Libraries found under
# DIR/lib are laid out at /lib/x86_64-linux-gnu and /lib64 in the guest
# root, so dynamic binaries packed with add-elf.sh run unchanged.
#
# Host side: the serial console goes to stdout, starting at the guest's
# LANDSCOPE-VM-START line (the boot log before it is shown only when the
# guest never gets there).  Kernel messages after that are left in and
# start with '[' and a timestamp, or "<N>" for raw printk lines.
#
# Exit status: the script's, as reported by the LANDSCOPE-VM-EXIT=<n>
# marker; 124 on timeout; 125 when the marker never appeared (panic,
# kernel that does not boot); 2 on usage errors.
#
# Nested KVM does not work on the machines this runs on, hence -accel tcg.

set -u

# --help prints this header, whatever its length: every comment line from
# the top to the first line of code, so that the help cannot drift from it.
help() {
	awk 'NR < 3 || (NR == 3 && /^#$/) { next } !/^#/ { exit }
		{ sub(/^# ?/, ""); print }' "$0"
}
# A usage error prints the synopsis alone: the header's lines from
# "run-guest.sh --kernel" to the first empty comment line.
usage() {
	awk '/^#   run-guest\.sh --kernel/, /^#$/' "$0" | sed '/^#$/d; s/^# //' >&2
	exit 2
}

kernel=
payload=
append=
timeout=300
mem=1G
smp=2
icount=()

while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel=${2-}; shift 2 || usage ;;
	--payload) payload=${2-}; shift 2 || usage ;;
	--append) append=${2-}; shift 2 || usage ;;
	--timeout) timeout=${2-}; shift 2 || usage ;;
	--mem) mem=${2-}; shift 2 || usage ;;
	--smp) smp=${2-}; shift 2 || usage ;;
	--icount) icount=(-icount shift=0,sleep=off); shift ;;
	--) shift; break ;;
	-h|--help) help; exit 0 ;;
	*) echo "run-guest.sh: unknown argument: $1" >&2; usage ;;
	esac
done

[ -n "$kernel" ] && [ -n "$payload" ] && [ $# -ge 1 ] || usage
if [ ! -r "$kernel" ]; then
	echo "run-guest.sh: cannot read kernel $kernel" >&2
	exit 2
fi
if [ ! -d "$payload" ] || [ ! -f "$payload/$1" ]; then
	echo "run-guest.sh: no script $1 in payload $payload" >&2
	exit 2
fi

busybox=$(command -v busybox || true)
if [ -z "$busybox" ] || ! file -L "$busybox" 2>/dev/null | grep -q static; then
	for b in /bin/busybox /usr/bin/busybox; do
		[ -x "$b" ] && busybox=$b && break
	done
fi
if [ -z "$busybox" ]; then
	echo "run-guest.sh: busybox-static is needed (apt-get install busybox-static)" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/landscope-vm.XXXXXX") || exit 2
qpid=
cleanup() {
	[ -n "$qpid" ] && kill "$qpid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

root=$work/root
mkdir -p "$root"/{bin,dev,proc,sys,tmp,etc,newroot,payload}
cp "$busybox" "$root/bin/busybox"
# The kernel opens /dev/console for init before devtmpfs exists; without
# the node (mknod may be denied) init reopens it itself below.
mknod -m 600 "$root/dev/console" c 5 1 2>/dev/null || true
cp -a "$payload"/. "$root/payload/"

# Quote each argument for the guest's sh: single quotes, with embedded
# single quotes closed, escaped and reopened.
script=$1
shift
quoted=
for a in "/payload/$script" "$@"; do
	quoted="$quoted '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
done
printf 'cd /payload && sh%s\n' "$quoted" > "$root/etc/landscope-run"

cat > "$root/init" <<'EOF'
#!/bin/busybox sh
# Stage 1: move into a tmpfs root so that pivot_root works in the guest.
/bin/busybox mkdir -p /proc /sys /dev
/bin/busybox [ -c /dev/null ] || mount -t devtmpfs dev /dev
exec 0</dev/console 1>/dev/console 2>&1
/bin/busybox mount -t tmpfs -o mode=0755 root /newroot
/bin/busybox mkdir -p /newroot/bin /newroot/sbin /newroot/usr/bin \
	/newroot/usr/sbin /newroot/proc /newroot/sys /newroot/dev \
	/newroot/tmp /newroot/run /newroot/root /newroot/etc \
	/newroot/lib/x86_64-linux-gnu /newroot/lib64
/bin/busybox cp /bin/busybox /newroot/bin/busybox
# Not --install: it needs /proc to find itself.
for a in $(/bin/busybox --list); do
	[ "$a" = busybox ] || /bin/busybox ln -s busybox "/newroot/bin/$a"
done
/bin/busybox cp -a /payload /etc/landscope-run /init2 /newroot/ 2>/dev/null
/bin/busybox mv /newroot/landscope-run /newroot/etc/landscope-run
if [ -d /payload/lib ]; then
	/bin/busybox cp -a /payload/lib/. /newroot/lib/x86_64-linux-gnu/
	/bin/busybox ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \
		/newroot/lib64/ld-linux-x86-64.so.2
fi
# Our console fds keep /dev busy: move it rather than unmount it.
/bin/busybox mount --move /dev /newroot/dev
exec /bin/busybox switch_root /newroot /init2
echo "switch_root failed"
echo LANDSCOPE-VM-EXIT=125
/bin/busybox reboot -f
EOF

cat > "$root/init2" <<'EOF'
#!/bin/sh
# Stage 2: a minimal system, then the payload's script.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root TERM=dumb
mount -t proc proc /proc
mount -t sysfs sys /sys
[ -c /dev/null ] || mount -t devtmpfs dev /dev
exec 0</dev/console 1>/dev/console 2>&1
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts 2>/dev/null
mount -t tmpfs shm /dev/shm 2>/dev/null
mount -t tmpfs tmp /tmp
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up 2>/dev/null
hostname landscope-vm
echo LANDSCOPE-VM-START
sh /etc/landscope-run
status=$?
sync
echo "LANDSCOPE-VM-EXIT=$status"
# -no-reboot turns the reboot into a QEMU exit; no ACPI needed.
reboot -f
EOF
chmod 755 "$root/init" "$root/init2"

# An uncompressed cpio: every kernel can unpack it, whatever its
# RD_* options.
(cd "$root" && find . | cpio -o -H newc --quiet) > "$work/initrd.cpio" || exit 2

# Kernel noise after boot would mix with the script's output: keep only
# errors (loglevel 4 and lower) unless the caller appends its own.
cmdline="console=ttyS0 panic=-1 quiet $append"
log=$work/console.log
fifo=$work/console.fifo
mkfifo "$fifo"

timeout -k 5 "$timeout" qemu-system-x86_64 -accel tcg "${icount[@]}" -m "$mem" \
	-smp "$smp" \
	-nographic -no-reboot -nic none -kernel "$kernel" -initrd "$work/initrd.cpio" \
	-append "$cmdline" < /dev/null > "$fifo" 2>&1 &
qpid=$!

# Forward the console; remember the exit marker.
status=
started=
while IFS= read -r line; do
	line=${line%$'\r'}
	if [ -z "$started" ]; then
		printf '%s\n' "$line" >> "$log"
		case "$line" in
		*LANDSCOPE-VM-START*) started=1 ;;
		esac
		continue
	fi
	case "$line" in
	*LANDSCOPE-VM-EXIT=*)
		status=${line##*LANDSCOPE-VM-EXIT=}
		status=${status%%[!0-9]*}
		printf '%s\n' "$line" >> "$log"
		continue
		;;
	esac
	# After the marker only the kernel's reboot message is left.
	[ -n "$status" ] && continue
	printf '%s\n' "$line"
done < "$fifo"

wait "$qpid"
qrc=$?
qpid=

if [ -n "$status" ]; then
	exit "$status"
fi
if [ "$qrc" -eq 124 ] || [ "$qrc" -eq 137 ]; then
	echo "run-guest.sh: timeout after ${timeout}s" >&2
	[ -z "$started" ] && tail -n 40 "$log" >&2
	exit 124
fi
echo "run-guest.sh: guest ended without an exit marker (qemu status $qrc)" >&2
if [ -z "$started" ]; then
	tail -n 40 "$log" >&2
fi
exit 125
