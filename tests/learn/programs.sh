#!/bin/sh
# SPDX-License-Identifier: MIT
#
# landscope-run --learn and --explain on real programs (issue 26): for
# each workload, a policy learned from one run lets the same workload run
# to completion under it with no denial (--explain counts none), an access
# beside it is denied with the exact errno, and --explain names the path
# and right of the failures the issue lists when the policy lacks them.
#
#   programs.sh LANDSCOPE_RUN TRY [WORKLOAD...]
#
# Workloads: http (python3 -m http.server and a client), git (status and
# commit), make (a small C project), sqlite (an insert), shell (an
# interactive sh).  One whose program is missing is skipped.  TAP output;
# POSIX sh.  LANDSCOPE_LEARN_KEEP=DIR keeps each learned policy there;
# LANDSCOPE_LEARN_BENCH=N times each workload N times with and without
# --learn (bench/learn-overhead).

. "$(dirname "$0")/../common/tap.sh"

RUN=$1
TRY=$2
shift 2
workloads=${*:-cli http git make sqlite shell syscalls}

# Copies of git and sqlite3 beside this script in the build tree, for the
# busybox guests of the kernel matrix: after PATH, so a system's own win.
# Under emulation they cost seconds: only the rows of the newest ABI (the
# 7.3 kernels, LANDSCOPE_EXPECT_ABI=11) use them; the others run the rest.
if [ "${LANDSCOPE_EXPECT_ABI:-11}" -ge 11 ] 2>/dev/null; then
	PATH=$PATH:$(cd "$(dirname "$0")" && pwd)
	export PATH
fi

# In a sanitizer build, LeakSanitizer cannot run in a process that is
# traced (--explain's) nor in a sandbox without /proc (try's); ASan and
# UBSan still check them.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

T=$(mktemp -d "${TMPDIR:-/tmp}/learn.XXXXXX")
trap 'rm -rf "$T"' EXIT
# A port per run, so that parallel runs do not meet.
PORT=$((20000 + $$ % 20000))
OTHER=$((PORT + 1))

abi=$("$TRY" landlock-abi 2>/dev/null)
case $abi in [0-9]*) ;; *) abi=0 ;; esac

# run NAME CMD...: CMD's status in $rc, its output in $T/NAME.out/.err.
run() {
	name=$1
	shift
	"$@" </dev/null >"$T/$name.out" 2>"$T/$name.err"
	rc=$?
}

show() {
	tap_note "status $rc"
	sed 's/^/# stdout: /' "$T/$1.out" | tail -n 20
	sed 's/^/# stderr: /' "$T/$1.err" | tail -n 30
}

# expect_rc DESC WANT NAME
expect_rc() {
	if [ "$rc" = "$2" ]; then
		tap_ok "$1"
	else
		tap_not_ok "$1 (status $rc, expected $2)"
		show "$3"
	fi
}

# has DESC NAME TEXT: NAME's stderr contains TEXT.
has() {
	if grep -qF -- "$3" "$T/$2.err"; then
		tap_ok "$1"
	else
		tap_not_ok "$1 (no \"$3\")"
		show "$2"
	fi
}

# now: monotonic enough, in nanoseconds (GNU date; the benchmark only).
now() {
	date +%s%N
}

# median of the numbers on stdin
median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# bench W: with LANDSCOPE_LEARN_BENCH=N, the median wall time of N plain
# runs of the workload and of N runs under --learn (a fresh policy each
# time), printed as "# bench W plain=NS learn=NS" for bench/learn-overhead.
bench() {
	n=${LANDSCOPE_LEARN_BENCH:-}
	[ -n "$n" ] || return 0
	: >"$T/bench.plain"
	: >"$T/bench.learn"
	i=0
	while [ "$i" -lt "$n" ]; do
		[ -z "$pre" ] || sh -c "$pre"
		t0=$(now)
		sh -c "$wl" </dev/null >/dev/null 2>&1
		echo $(($(now) - t0)) >>"$T/bench.plain"
		[ -z "$pre" ] || sh -c "$pre"
		rm -f "$T/bench.toml"
		t0=$(now)
		"$RUN" --learn "$T/bench.toml" -- sh -c "$wl" </dev/null \
			>/dev/null 2>&1
		echo $(($(now) - t0)) >>"$T/bench.learn"
		i=$((i + 1))
	done
	tap_note "bench $1 plain=$(median <"$T/bench.plain")" \
		"learn=$(median <"$T/bench.learn")" \
		"rules=$(grep -c '^	' "$T/$1.toml")"
}

# learn W: learn $W's workload into $T/W.toml, then replay it under the
# policy, observed: it completes and --explain counts no denial.
learn() {
	w=$1
	[ -z "$pre" ] || sh -c "$pre"
	run "$w-learn" "$RUN" --learn "$T/$w.toml" -- sh -c "$wl"
	expect_rc "$w: learning runs the workload to completion" 0 "$w-learn"
	[ -z "${LANDSCOPE_LEARN_KEEP:-}" ] ||
		cp "$T/$w.toml" "$LANDSCOPE_LEARN_KEEP/$w.toml"
	bench "$w"
	tap_note "$w: $(grep -c '^	"' "$T/$w.toml") path rules," \
		"$(grep -c '^	[0-9]' "$T/$w.toml") port rules"
	if grep -qE '^	"(/|'"$HOME"')",' "$T/$w.toml"; then
		tap_not_ok "$w: no rule on / or the home directory"
		grep -E '^	"(/|'"$HOME"')",' "$T/$w.toml" | sed 's/^/# /'
	else
		tap_ok "$w: no rule on / or the home directory"
	fi
	if [ "$abi" -lt 1 ]; then
		tap_skip "$w: replay under the policy: no Landlock"
		return
	fi
	[ -z "$pre" ] || sh -c "$pre"
	run "$w-replay" "$RUN" --explain --config "$T/$w.toml" -- sh -c "$wl"
	expect_rc "$w: the workload completes under the learned policy" 0 \
		"$w-replay"
	has "$w: with no denial" "$w-replay" "--explain: 0 distinct denials"
}

# denied W DESC ERRNO TRY-ARGS...: under $W's policy (and the right to
# execute try, and to read /proc, without which a sanitizer build's
# programs cannot start), the operation fails with exactly ERRNO.
denied() {
	w=$1 desc=$2 want=$3
	shift 3
	if [ "$abi" -lt 1 ]; then
		tap_skip "$w: $desc: no Landlock"
		return
	fi
	run "$w-denied" "$RUN" --config "$T/$w.toml" --ldd --ro /proc -- \
		"$TRY" "$@"
	if [ "$(cat "$T/$w-denied.out")" = "$want" ]; then
		tap_ok "$w: $desc: $want"
	else
		tap_not_ok "$w: $desc: $want"
		show "$w-denied"
	fi
}

# without W PATH: $W's policy with PATH's rule on a missing path instead
# (skipped when built), as $T/W-without.toml.
without() {
	awk -v p="	\"$2\"," '
		index($0, p) == 1 {
			print "\t\"/nonexistent/landscope-learn\","; next
		}
		{ print }' "$T/$1.toml" >"$T/$1-without.toml"
}

# explains W DESC RIGHT PATH: the workload under $T/W-without.toml, with
# --explain, names PATH and RIGHT.
explains() {
	w=$1 desc=$2 right=$3 path=$4
	[ -z "$pre" ] || sh -c "$pre"
	run "$w-explain" "$RUN" --explain --config "$T/$w-without.toml" -- \
		sh -c "$wl"
	has "$w: --explain names $desc" "$w-explain" \
		"denied: $right on \"$path\""
	has "$w: --explain gives the rule for $desc" "$w-explain" \
		"    parent = [\"$path\"]"
}

have() {
	command -v "$1" >/dev/null 2>&1
}

# --- python3 -m http.server serving a directory to a local client
w_http() {
	if ! have python3; then
		tap_skip "http: no python3"
		return
	fi
	d=$T/http
	mkdir -p "$d/www"
	echo hello >"$d/www/index.html"
	echo secret >"$d/secret"
	cat >"$d/client.py" <<EOF
import sys, time, urllib.request
for i in range(200):
    try:
        body = urllib.request.urlopen("http://127.0.0.1:$PORT/index.html").read()
        break
    except OSError:
        time.sleep(0.02)
sys.stdout.write(body.decode())
EOF
	wl="cd '$d' && { python3 -m http.server --bind 127.0.0.1 \
--directory www $PORT 2>/dev/null & } && python3 client.py; st=\$?; \
kill \$!; wait; exit \$st"
	learn http
	[ "$abi" -ge 1 ] || return
	has "http: the client got the page" http-replay "" &&
		grep -qx hello "$T/http-replay.out" ||
		tap_note "http: page: $(cat "$T/http-replay.out")"
	denied http "reading a secret beside the data" EACCES read \
		"$d/secret"
	if [ "$abi" -ge 4 ]; then
		denied http "connecting to another port" EACCES connect-tcp \
			"$OTHER"
	else
		tap_skip "http: connecting to another port: no TCP rights"
	fi
	if [ -e /etc/mime.types ]; then
		without http /etc/mime.types
		explains http /etc/mime.types read_file /etc/mime.types
	else
		tap_skip "http: no /etc/mime.types here"
	fi
}

# --- git status and git commit in a repository
w_git() {
	if ! have git; then
		tap_skip "git: no git"
		return
	fi
	d=$T/git
	mkdir -p "$d/home" "$d/repo"
	printf '[user]\n\tname = Learner\n\temail = l@example.org\n' \
		>"$d/home/.gitconfig"
	echo secret >"$d/secret"
	(cd "$d/repo" && HOME=$d/home git init -q && echo 1 >file &&
		HOME=$d/home git add file &&
		HOME=$d/home git commit -qm init) >/dev/null 2>&1
	wl="cd '$d/repo' && echo x >>file && git status --porcelain >&2 && \
git add file && git commit -qm change"
	HOME=$d/home
	export HOME
	learn git
	denied git "reading a secret beside the repository" EACCES read \
		"$d/secret"
	[ "$abi" -ge 1 ] || return
	without git "$d/home/.gitconfig"
	explains git "~/.gitconfig" read_file "$d/home/.gitconfig"
	without git /dev/null
	explains git /dev/null "write_file, read_file" /dev/null
	HOME=$OLD_HOME
}

# --- make building a small C project
w_make() {
	if ! have make || ! have cc; then
		tap_skip "make: no make or cc"
		return
	fi
	d=$T/make
	mkdir -p "$d/proj" "$d/tmp"
	echo secret >"$d/secret"
	printf 'int util(void);\nint main(void) { return util(); }\n' \
		>"$d/proj/main.c"
	printf 'int util(void) { return 0; }\n' >"$d/proj/util.c"
	printf 'prog: main.o util.o\n\tcc -o $@ main.o util.o\n' \
		>"$d/proj/Makefile"
	printf 'clean:\n\trm -f prog *.o\n' >>"$d/proj/Makefile"
	# Every run starts from the same tree: cleaned outside.
	wl="make -s -C '$d/proj' prog && '$d/proj/prog'"
	pre="make -s -C '$d/proj' clean"
	TMPDIR=$d/tmp learn make
	pre=
	denied make "reading a secret beside the project" EACCES read \
		"$d/secret"
	[ "$abi" -ge 1 ] || return
	without make "$d/tmp"
	pre="make -s -C '$d/proj' clean"
	TMPDIR=$d/tmp explains make "TMPDIR" make_reg "$d/tmp"
	pre=
}

# --- sqlite3 inserting into a database
w_sqlite() {
	if ! have sqlite3; then
		tap_skip "sqlite: no sqlite3"
		return
	fi
	d=$T/sqlite
	mkdir -p "$d/data" "$d/home"
	echo secret >"$d/secret"
	sqlite3 "$d/data/test.db" 'create table t(x);' || return
	wl="sqlite3 '$d/data/test.db' 'insert into t values (1);'"
	HOME=$d/home learn sqlite
	denied sqlite "reading a secret beside the database" EACCES read \
		"$d/secret"
	[ "$abi" -ge 1 ] || return
	# The database itself stays writable, its directory does not: the
	# journal beside it cannot be made.
	without sqlite "$d/data"
	printf '\n[[path_beneath]]\nallowed_access = ["read_file", "write_file"]\nparent = ["%s"]\n' \
		"$d/data/test.db" >>"$T/sqlite-without.toml"
	HOME=$d/home explains sqlite "the journal" make_reg "$d/data"
}

# --- an interactive shell running a few commands
w_shell() {
	d=$T/shell
	mkdir -p "$d/data" "$d/out"
	echo secret >"$d/secret"
	printf 'a\nb\n' >"$d/data/a.txt"
	cat >"$d/cmds" <<EOF
cd '$d'
ls data
wc -l data/a.txt
cat data/a.txt >out/b.txt
mkdir -p out/sub
echo x >out/sub/f
rm -r out/sub
exit
EOF
	wl="HOME='$d' sh -i <'$d/cmds'"
	learn shell
	denied shell "reading a secret beside the data" EACCES read \
		"$d/secret"
	if [ "$abi" -ge 4 ]; then
		denied shell "connecting to a port" EACCES connect-tcp "$OTHER"
	fi
	if [ "$abi" -ge 6 ]; then
		denied shell "signalling outside" EPERM kill 1
	fi
}

# --- what the kernel resolves: openat() from a directory fd, a symbolic
# link, threads, a rename across directories; then learning again with
# the policy adds what a second run needs, keeping the file as it was.
w_syscalls() {
	if ! have python3; then
		tap_skip "syscalls: no python3"
		return
	fi
	d=$T/syscalls
	mkdir -p "$d/data" "$d/real" "$d/out" "$d/out2" "$d/more"
	echo a >"$d/data/a.txt"
	echo b >"$d/real/b.txt"
	echo c >"$d/more/c.txt"
	echo secret >"$d/secret"
	ln -s real "$d/link"
	cat >"$d/prog.py" <<EOF
import os, sys, threading
os.chdir("$d")
fd = os.open("data", os.O_RDONLY | os.O_DIRECTORY)
os.close(os.open("a.txt", os.O_RDONLY, dir_fd=fd))
def reader():
    with open("link/b.txt") as f:
        f.read()
t = threading.Thread(target=reader)
t.start()
t.join()
with open("out/x", "w") as f:
    f.write("x")
os.rename("out/x", "out2/x")
os.unlink("out2/x")
if len(sys.argv) > 1:
    open(sys.argv[1]).read()
EOF
	wl="python3 '$d/prog.py'"
	learn syscalls
	p=$T/syscalls.toml
	if grep -qF "\"$d/data/a.txt\"" "$p" &&
		grep -qF "\"$d/real/b.txt\"" "$p" &&
		! grep -qF "$d/link" "$p"; then
		tap_ok "syscalls: openat from a dir fd and the link's target"
	else
		tap_not_ok "syscalls: openat from a dir fd and the link's target"
		sed 's/^/# /' "$p"
	fi
	if grep -A3 '"refer"' "$p" | grep -qF "\"$d/out\"" &&
		grep -A4 '"refer"' "$p" | grep -qF "\"$d/out2\""; then
		tap_ok "syscalls: refer on both directories of the rename"
	else
		tap_not_ok "syscalls: refer on both directories of the rename"
		sed 's/^/# /' "$p"
	fi
	denied syscalls "reading a secret beside the data" EACCES read \
		"$d/secret"
	# Merge: a second run reads more/c.txt too.
	echo "# a comment of the user" >>"$p"
	cp "$p" "$T/syscalls-first.toml"
	wl="python3 '$d/prog.py' '$d/more/c.txt'"
	run syscalls-merge "$RUN" --learn "$p" -- sh -c "$wl"
	expect_rc "syscalls: learning again" 0 syscalls-merge
	if [ "$(head -c "$(wc -c <"$T/syscalls-first.toml")" "$p")" = \
		"$(cat "$T/syscalls-first.toml")" ] &&
		grep -qF "\"$d/more/c.txt\"" "$p"; then
		tap_ok "syscalls: the merge keeps the file and adds the new"
	else
		tap_not_ok "syscalls: the merge keeps the file and adds the new"
		sed 's/^/# /' "$p"
	fi
	if [ "$abi" -ge 1 ]; then
		run syscalls-replay2 "$RUN" --explain --config "$p" -- \
			sh -c "$wl"
		expect_rc "syscalls: the second run completes under it" 0 \
			syscalls-replay2
		has "syscalls: with no denial" syscalls-replay2 \
			"--explain: 0 distinct denials"
	fi
	run syscalls-merge2 "$RUN" --learn "$p" -- sh -c "$wl"
	has "syscalls: a third run adds nothing" syscalls-merge2 \
		"already allows everything"
}

# --- the options and names: exit statuses, a policy that cannot be read,
# a name with a newline and an escape character, --explain in JSON.
w_cli() {
	d=$T/cli
	mkdir -p "$d"
	run cli-notfound "$RUN" --learn "$d/p.toml" -- /nonexistent/cmd
	expect_rc "cli: --learn with a missing command: 127" 127 cli-notfound
	tap_check "cli: and writes no policy" ! -e "$d/p.toml"
	run cli-mixed "$RUN" --learn "$d/p.toml" --ro /usr -- true
	expect_rc "cli: --learn with a policy option: 125" 125 cli-mixed
	echo 'not a policy' >"$d/bad.toml"
	run cli-bad "$RUN" --learn "$d/bad.toml" -- true
	expect_rc "cli: --learn into a file that is no policy: 125" 125 cli-bad
	tap_check "cli: which is left as it was" \
		"$(cat "$d/bad.toml")" = "not a policy"
	run cli-signal "$RUN" --learn "$d/sig.toml" -- sh -c 'kill -TERM $$'
	expect_rc "cli: a command killed by SIGTERM: 143" 143 cli-signal
	# A signal outside the traced tree: the signal scope is left out.
	run cli-kill "$RUN" --learn "$d/kill.toml" -- sh -c 'kill -0 1'
	# The ABI the policies are written for: the kernel's, or the newest.
	pabi=$(sed -n 's/^abi = //p' "$d/kill.toml")
	if [ "$pabi" -lt 6 ]; then
		tap_skip "cli: no scopes before ABI 6"
	elif grep -q '^scoped = \[.*"signal"' "$d/kill.toml" ||
		! grep -q '^# Not scoped: sh signalled pid 1 outside' \
			"$d/kill.toml"; then
		tap_not_ok "cli: signalling outside leaves the signal scope out"
		sed 's/^/# /' "$d/kill.toml"
	else
		tap_ok "cli: signalling outside leaves the signal scope out"
	fi
	if [ "$abi" -ge 6 ] && kill -0 1 2>/dev/null; then
		run cli-kill-replay "$RUN" --config "$d/kill.toml" -- \
			sh -c 'kill -0 1'
		expect_rc "cli: which then works under the policy" 0 \
			cli-kill-replay
	fi
	# UDP (ABI 10): a rule where the kernel has it, else a comment that
	# names it; connecting also binds an unbound socket to port 0.
	run cli-udp "$RUN" --learn "$d/udp.toml" -- "$TRY" connect-udp "$OTHER"
	if [ "$pabi" -ge 10 ]; then
		if grep -A3 '"connect_send_udp"' "$d/udp.toml" |
			grep -q "^	$OTHER, # sent to by try" &&
			grep -A3 '"bind_udp"' "$d/udp.toml" |
			grep -q "^	0, # bound by try"; then
			tap_ok "cli: UDP connect and its implicit bind: rules"
		else
			tap_not_ok "cli: UDP connect and its implicit bind: rules"
			sed 's/^/# /' "$d/udp.toml"
		fi
		if [ "$abi" -ge 1 ]; then
			run cli-udp-replay "$RUN" --config "$d/udp.toml" \
				--ro /proc -- "$TRY" connect-udp "$OTHER"
			tap_check "cli: which allow it under the policy" \
				"$(cat "$T/cli-udp-replay.out")" = ok
		fi
	elif grep -q "^#   \"connect_send_udp\" on port $OTHER (try)" \
		"$d/udp.toml"; then
		tap_ok "cli: UDP connect below ABI 10: named in a comment"
	else
		tap_not_ok "cli: UDP connect below ABI 10: named in a comment"
		sed 's/^/# /' "$d/udp.toml"
	fi
	# A name no terminal or TOML file may see raw.
	nl='
'
	esc=$(printf '\033')
	hostile="$d/a${nl}b${esc}[31mc\"d"
	echo hidden >"$hostile"
	run cli-name "$RUN" --learn "$d/name.toml" -- cat "$hostile"
	expect_rc "cli: learning a hostile name" 0 cli-name
	if grep -qF 'a\nb\u001b[31mc\"d' "$d/name.toml" &&
		! grep -q "$esc" "$d/name.toml"; then
		tap_ok "cli: the name is escaped in the policy"
	else
		tap_not_ok "cli: the name is escaped in the policy"
		sed 's/^/# /' "$d/name.toml"
	fi
	[ "$abi" -ge 1 ] || return
	run cli-name-replay "$RUN" --explain --config "$d/name.toml" -- \
		cat "$hostile"
	expect_rc "cli: which the library reads back" 0 cli-name-replay
	other="$d/x${nl}y${esc}"
	echo other >"$other"
	run cli-name-explain "$RUN" --explain --config "$d/name.toml" -- \
		cat "$other"
	has "cli: --explain escapes a denied name" cli-name-explain \
		"denied: read_file on \"$d/x\\ny\\u001b\""
	# Its lines only: busybox's cat prints the name raw.
	if grep '^landscope-run:' "$T/cli-name-explain.err" | grep -q "$esc"
	then
		tap_not_ok "cli: no raw escape character in its messages"
	else
		tap_ok "cli: no raw escape character in its messages"
	fi
	# JSON policy: the rule in JSON.
	cat >"$d/p.json" <<EOF
{"abi": 1, "ruleset": [{"handledAccessFs": ["read_file"]}],
 "pathBeneath": [{"allowedAccess": ["read_file"],
   "parent": ["/usr", "/lib", "/lib64", "/bin", "/etc"]}]}
EOF
	run cli-json "$RUN" --explain --config "$d/p.json" -- cat "$other"
	has "cli: --explain gives the rule in the policy's JSON" cli-json \
		"{\"pathBeneath\": [{\"allowedAccess\": [\"read_file\"], \"parent\": [\"$d/x\\ny\\u001b\"]}]}"
}

OLD_HOME=$HOME
pre=
for w in $workloads; do
	"w_$w"
	HOME=$OLD_HOME
	export HOME
done
tap_done
