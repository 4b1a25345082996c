/* SPDX-License-Identifier: MIT */
/*
 * Unix socket micro-benchmark for the inbound scope patches, run in the
 * guest on the patched and the unpatched kernel:
 *
 *   unix_bench [LABEL]
 *
 * Cases, each timed as ROUNDS rounds of ITERS operations, reported as the
 * fastest and the median round, in TSC ticks per operation.  Run under
 * QEMU's -icount shift=0 (kernel/build.sh --bench), the guest's TSC counts
 * instructions, so a tick is an instruction and two boots agree.  A round
 * (200 operations: under 4 million instructions) is shorter than the timer
 * tick of a HZ=250 guest, so the fastest round is one that no tick
 * interrupted, and the figure is the cost of the operation alone:
 *   stream_unsandboxed      connect+accept+close, both ends unsandboxed
 *   dgram_unsandboxed       sendto+recv, both ends unsandboxed
 *   seqpacket_unsandboxed   connect+accept+send+recv+close
 *   *_sandboxed             the same in one sandboxed process (one domain
 *                           with the abstract scope and, when the kernel
 *                           knows it, the abstract inbound scope)
 *   *_outsider              an unsandboxed process connecting or sending
 *                           to the sockets of a sandboxed one: refused
 *                           with EPERM by the inbound scope on the patched
 *                           kernel, accepted on the unpatched one
 *   *_unsandboxed_after     the unsandboxed cases again, once sandboxes
 *                           with an inbound scope exist (the patched
 *                           kernel's static key is then on)
 * Output lines: "LANDSCOPE-BENCH <case> <min> <median> <result> <label>".
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <x86intrin.h>
#include <unistd.h>

#define ROUNDS 45
#define ITERS 200

#define SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
/* v2 at the top of the field; v1 (the 6.12 backport until it follows). */
#define SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND (1ULL << 63)
#define SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND_V1 (1ULL << 3)

static const char *label = "";

static socklen_t addr_of(struct sockaddr_un *addr, pid_t pid,
			 const char *name);

static int create_ruleset(__u64 scoped)
{
	struct landlock_ruleset_attr attr = { .scoped = scoped };

	return syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
}

static int sandbox(void)
{
	__u64 scoped = SCOPE_ABSTRACT_UNIX_SOCKET;
	__u64 inbound = SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND;
	int fd = create_ruleset(inbound);
	int ret;

	if (fd < 0) {
		inbound = SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND_V1;
		fd = create_ruleset(inbound);
	}
	if (fd >= 0) {
		scoped |= inbound;
		close(fd);
	}
	fd = create_ruleset(scoped);
	if (fd < 0)
		return -1;
	ret = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	      syscall(SYS_landlock_restrict_self, fd, 0);
	close(fd);
	return ret ? -1 : 0;
}

/*
 * Time in TSC ticks, not clock_gettime(): under QEMU TCG the guest TSC runs
 * at the host's rate whatever clocksource the guest kernel settled on, and
 * a guest that fails to calibrate its TSC falls back to jiffies, whose 4 ms
 * steps swamp the differences measured here.  Only ratios between runs on
 * the same host are meaningful.
 */
static long long now_ticks(void)
{
	return (long long)__rdtsc();
}

static int cmp_ll(const void *a, const void *b)
{
	const long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/*
 * One operation: a stream connect (+accept+close when @srv accepts it), a
 * seqpacket connect (+accept+send+recv+close), or a datagram sendto
 * (+recv).  Returns 0 or the errno of the connect/send.
 */
static int one_op(int type, int srv, const struct sockaddr_un *addr,
		  socklen_t len, int dgram_client)
{
	char byte = 'b';
	int c, err = 0;

	if (type == SOCK_DGRAM) {
		if (sendto(dgram_client, &byte, 1, 0,
			   (const struct sockaddr *)addr, len) != 1)
			return errno;
		if (srv >= 0 && recv(srv, &byte, 1, 0) != 1)
			return errno;
		return 0;
	}
	c = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
	if (c < 0)
		return errno;
	if (connect(c, (const struct sockaddr *)addr, len))
		err = errno;
	if (!err && srv >= 0) {
		int a = accept4(srv, NULL, NULL, SOCK_CLOEXEC);

		if (a < 0)
			err = errno;
		else if (type == SOCK_SEQPACKET &&
			 (send(c, &byte, 1, 0) != 1 || recv(a, &byte, 1, 0) != 1))
			err = errno;
		if (a >= 0)
			close(a);
	}
	close(c);
	return err;
}

/* Times the loop and prints one result line. */
static void timed(const char *name, int type, int srv,
		  const struct sockaddr_un *addr, socklen_t len)
{
	long long rounds[ROUNDS];
	int r, i, err = 0, client = -1;

	if (type == SOCK_DGRAM)
		client = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	/* Warm up, and learn the result. */
	for (i = 0; i < ITERS / 10; i++)
		err = one_op(type, srv, addr, len, client);
	for (r = 0; r < ROUNDS; r++) {
		const long long start = now_ticks();

		for (i = 0; i < ITERS; i++)
			one_op(type, srv, addr, len, client);
		rounds[r] = (now_ticks() - start) / ITERS;
	}
	if (client >= 0)
		close(client);
	qsort(rounds, ROUNDS, sizeof(rounds[0]), cmp_ll);
	printf("LANDSCOPE-BENCH %s %lld %lld %s %s\n", name, rounds[0],
	       rounds[ROUNDS / 2], err ? strerrorname_np(err) : "ok", label);
	fflush(stdout);
}

static int server_socket(int type, const struct sockaddr_un *addr,
			 socklen_t len)
{
	int s = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);

	if (s < 0 || bind(s, (const struct sockaddr *)addr, len) ||
	    (type != SOCK_DGRAM && listen(s, 64))) {
		perror("server socket");
		exit(1);
	}
	return s;
}

static const struct {
	const char *prefix;
	int type;
} kinds[] = {
	{ "stream", SOCK_STREAM },
	{ "dgram", SOCK_DGRAM },
	{ "seqpacket", SOCK_SEQPACKET },
};

#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

/* Both ends in this process: one case per kind, named PREFIX_@suffix. */
static void local_pair(const char *suffix)
{
	struct sockaddr_un addr;
	char name[64];
	socklen_t len;
	size_t k;
	int s;

	for (k = 0; k < NKINDS; k++) {
		snprintf(name, sizeof(name), "%s_%s", kinds[k].prefix, suffix);
		len = addr_of(&addr, getpid(), name);
		s = server_socket(kinds[k].type, &addr, len);
		timed(name, kinds[k].type, s, &addr, len);
		close(s);
	}
}

/* The abstract address make_addr() gives in the process @pid. */
static socklen_t addr_of(struct sockaddr_un *addr, pid_t pid, const char *name)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	snprintf(addr->sun_path + 1, sizeof(addr->sun_path) - 1,
		 "unix-bench-%d-%s", pid, name);
	return offsetof(struct sockaddr_un, sun_path) + 1 +
	       strlen(addr->sun_path + 1);
}

/*
 * The sandboxed owner: accepts and drains until @stop becomes readable.  The
 * outsider never accepts, so the owner's own accept keeps the backlog from
 * filling on a kernel that lets the outsider in.
 */
static void owner_loop(int ready, int stop)
{
	struct sockaddr_un addr;
	int s[NKINDS], a, maxfd = stop;
	char buf[64], name[64];
	fd_set fds;
	size_t k;

	if (sandbox())
		_exit(1);
	for (k = 0; k < NKINDS; k++) {
		snprintf(name, sizeof(name), "%s_outsider", kinds[k].prefix);
		s[k] = server_socket(kinds[k].type, &addr,
				     addr_of(&addr, getpid(), name));
		/* Drains without blocking: select() tells which has work. */
		if (fcntl(s[k], F_SETFL, O_NONBLOCK))
			_exit(1);
		maxfd = s[k] > maxfd ? s[k] : maxfd;
	}
	if (write(ready, "r", 1) != 1)
		_exit(1);
	for (;;) {
		FD_ZERO(&fds);
		FD_SET(stop, &fds);
		for (k = 0; k < NKINDS; k++)
			FD_SET(s[k], &fds);
		if (select(maxfd + 1, &fds, NULL, NULL, NULL) < 0 ||
		    FD_ISSET(stop, &fds))
			_exit(0);
		for (k = 0; k < NKINDS; k++) {
			if (kinds[k].type == SOCK_DGRAM) {
				while (recv(s[k], buf, sizeof(buf),
					    MSG_DONTWAIT) > 0)
					;
				continue;
			}
			while ((a = accept4(s[k], NULL, NULL,
					    SOCK_CLOEXEC)) >= 0)
				close(a);
		}
	}
}

/*
 * A sandboxed child owns a listener of each kind and a datagram socket;
 * this unsandboxed process connects and sends to them from the outside.
 */
static void outsider(void)
{
	struct sockaddr_un addr;
	int ready[2], stop[2], status;
	char c, name[64];
	pid_t child;
	size_t k;

	if (pipe(ready) || pipe(stop))
		exit(1);
	child = fork();
	if (child < 0)
		exit(1);
	if (child == 0) {
		close(ready[0]);
		close(stop[1]);
		owner_loop(ready[1], stop[0]);
	}
	close(ready[1]);
	close(stop[0]);
	if (read(ready[0], &c, 1) != 1)
		exit(1);
	for (k = 0; k < NKINDS; k++) {
		snprintf(name, sizeof(name), "%s_outsider", kinds[k].prefix);
		timed(name, kinds[k].type, -1, &addr,
		      addr_of(&addr, child, name));
	}
	close(stop[1]);
	waitpid(child, &status, 0);
}

int main(int argc, char **argv)
{
	int status;
	pid_t child;

	if (argc > 1)
		label = argv[1];

	local_pair("unsandboxed");

	child = fork();
	if (child == 0) {
		if (sandbox()) {
			perror("sandbox");
			_exit(1);
		}
		local_pair("sandboxed");
		_exit(0);
	}
	waitpid(child, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return 1;

	outsider();

	/*
	 * Unsandboxed again, now that domains with an inbound scope exist
	 * (the patched kernel enables the owner check from then on).
	 */
	local_pair("unsandboxed_after");
	return 0;
}
