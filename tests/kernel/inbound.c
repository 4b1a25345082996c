/* SPDX-License-Identifier: MIT */
/*
 * End to end, through liblandscope's public API only: a server process
 * restricts itself with the inbound Unix socket scopes, then listens on an
 * abstract and a pathname socket of each type (stream, datagram).  An
 * unsandboxed process (the test's parent) then connects and sends to each;
 * a child the server forks after its restriction, and restricts further,
 * does the same.
 *
 * On a kernel with the companion scopes (kernel/), the outsider must get
 * EPERM on every stream connect, datagram connect and datagram sendto,
 * nothing of it must reach the server, and the nested child must get
 * through everywhere.  On a kernel without them, best effort must report
 * the scopes dropped and the outsider then gets through (the gap the scopes
 * close, shown open), while hard requirement must fail with -EOPNOTSUPP
 * before touching the process.
 *
 * Each level runs twice: the server creates and binds its sockets after
 * landscope_ruleset_restrict_self(), then before it.  The companion
 * series (v2) gives a socket the domain of the process that created it,
 * for good: a socket created before the restriction belongs to no domain
 * the scopes protect, so there the outsider must get through, on every
 * kernel (v1 adopted such sockets at the restriction, which changed
 * objects other processes shared: kernel/patches/7.3's cover letter).
 *
 * Expectations come from probing (landscope_features_get()), and
 * LANDSCOPE_EXPECT_PATCHED=1 (or 0) additionally asserts that the kernel
 * has (or lacks) the companion scope bits, so that the matrix cannot pass
 * a patched kernel that silently lost them.
 *
 * Output is TAP; exit status 0 if every check passed.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#include "tap.h"

#define INBOUND                                         \
	(LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND | \
	 LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND)
#define COMPANION (LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET | INBOUND)

/* Whole-test watchdog: a hung peer must fail the test, not the matrix. */
#define TIMEOUT_SECONDS 60

enum sock_index {
	SOCK_ABSTRACT_STREAM,
	SOCK_ABSTRACT_DGRAM,
	SOCK_PATHNAME_STREAM,
	SOCK_PATHNAME_DGRAM,
	SOCK_COUNT
};

static const char *const sock_names[SOCK_COUNT] = {
	"abstract stream",
	"abstract dgram",
	"pathname stream",
	"pathname dgram",
};

/* What a client tries against each socket. */
enum op_index {
	OP_CONNECT_ABSTRACT_STREAM,
	OP_CONNECT_PATHNAME_STREAM,
	OP_CONNECT_ABSTRACT_DGRAM,
	OP_CONNECT_PATHNAME_DGRAM,
	OP_SENDTO_ABSTRACT_DGRAM,
	OP_SENDTO_PATHNAME_DGRAM,
	OP_COUNT
};

static const struct {
	const char *name;
	int sock;
	bool sendto;
} ops[OP_COUNT] = {
	{ "stream connect to abstract", SOCK_ABSTRACT_STREAM, false },
	{ "stream connect to pathname", SOCK_PATHNAME_STREAM, false },
	{ "dgram connect to abstract", SOCK_ABSTRACT_DGRAM, false },
	{ "dgram connect to pathname", SOCK_PATHNAME_DGRAM, false },
	{ "dgram sendto abstract", SOCK_ABSTRACT_DGRAM, true },
	{ "dgram sendto pathname", SOCK_PATHNAME_DGRAM, true },
};

/* Messages from the server and its nested child to the parent. */
enum msg_kind {
	MSG_RESTRICT, /* a: rc, b: status, c: scopes enforced,
				 * d: no_new_privs() after the call */
	MSG_READY, /* the sockets listen */
	MSG_NESTED_RESTRICT, /* a: rc of the nested child's restriction */
	MSG_NESTED_OP, /* a: op, b: 0 or the errno */
	MSG_RECEIVED, /* a: socket, b: from outsider, c: from nested */
	MSG_ERROR, /* a: errno, b: line: a setup step failed */
};

/* Small enough for write(2) on a pipe to be atomic. */
struct msg {
	int32_t kind;
	int32_t a;
	int64_t b;
	int64_t c;
	int64_t d;
};

static const char tag_outsider[] = "outsider";
static const char tag_nested[] = "nested";

struct addrs {
	struct sockaddr_un un[SOCK_COUNT];
	socklen_t len[SOCK_COUNT];
};

static void send_msg4(int fd, int kind, int a, int64_t b, int64_t c, int64_t d)
{
	struct msg m = { kind, a, b, c, d };

	/* The reader dies with a check failure if this is short. */
	if (write(fd, &m, sizeof(m)) != sizeof(m))
		_exit(3);
}

static void send_msg(int fd, int kind, int a, int64_t b, int64_t c)
{
	send_msg4(fd, kind, a, b, c, 0);
}

/* 1 for a message, 0 at end of file, -1 on error. */
static int recv_msg(int fd, struct msg *m)
{
	ssize_t n;

	do {
		n = read(fd, m, sizeof(*m));
	} while (n < 0 && errno == EINTR);
	if (n == 0)
		return 0;
	return n == sizeof(*m) ? 1 : -1;
}

/* Names unique to this process and this run of the scenario. */
static void make_addrs(struct addrs *ad, const char *dir, int run)
{
	static const char *const suffix[SOCK_COUNT] = { "s", "d", "s", "d" };
	int i;

	memset(ad, 0, sizeof(*ad));
	for (i = 0; i < SOCK_COUNT; i++) {
		struct sockaddr_un *un = &ad->un[i];
		int len;

		un->sun_family = AF_UNIX;
		if (i == SOCK_ABSTRACT_STREAM || i == SOCK_ABSTRACT_DGRAM) {
			/* Abstract: a leading NUL, length without a final one. */
			len = snprintf(un->sun_path + 1,
				       sizeof(un->sun_path) - 1,
				       "landscope-inbound-%ld-%d-%s",
				       (long)getpid(), run, suffix[i]);
			ad->len[i] = offsetof(struct sockaddr_un, sun_path) +
				     1 + len;
		} else {
			len = snprintf(un->sun_path, sizeof(un->sun_path),
				       "%s/%s.sock", dir, suffix[i]);
			ad->len[i] = offsetof(struct sockaddr_un, sun_path) +
				     len + 1;
		}
	}
}

static int sock_type(int sock)
{
	return sock == SOCK_ABSTRACT_STREAM || sock == SOCK_PATHNAME_STREAM
		       ? SOCK_STREAM
		       : SOCK_DGRAM;
}

/*
 * Try one operation as a client.  Returns 0 on success or the errno.  A
 * stream connection carries @tag so that the server can tell who got in.
 */
static int client_op(const struct addrs *ad, int op, const char *tag)
{
	int sock = ops[op].sock;
	int fd, err = 0;

	fd = socket(AF_UNIX, sock_type(sock) | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	if (ops[op].sendto) {
		if (sendto(fd, tag, strlen(tag), 0,
			   (const struct sockaddr *)&ad->un[sock],
			   ad->len[sock]) < 0)
			err = errno;
	} else if (connect(fd, (const struct sockaddr *)&ad->un[sock],
			   ad->len[sock]) < 0) {
		err = errno;
	} else if (sock_type(sock) == SOCK_STREAM &&
		   write(fd, tag, strlen(tag)) < 0) {
		err = errno;
	}
	close(fd);
	return err;
}

static int origin(const char *buf, ssize_t n)
{
	if (n == (ssize_t)strlen(tag_outsider) && !memcmp(buf, tag_outsider, n))
		return 1;
	if (n == (ssize_t)strlen(tag_nested) && !memcmp(buf, tag_nested, n))
		return 2;
	return 0;
}

/* Count what reached a socket, by origin, without blocking. */
static void drain(int fd, int sock, int64_t *outsider, int64_t *nested)
{
	char buf[64];
	ssize_t n;
	int c;

	for (;;) {
		if (sock_type(sock) == SOCK_STREAM) {
			c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
			if (c < 0)
				break;
			n = read(c, buf, sizeof(buf));
			close(c);
		} else {
			n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
			if (n < 0)
				break;
		}
		switch (origin(buf, n)) {
		case 1:
			(*outsider)++;
			break;
		case 2:
			(*nested)++;
			break;
		}
	}
}

/* The nested child: a further restricted domain under the server's. */
static void nested_main(int wfd, const struct addrs *ad)
{
	struct landscope_ruleset *rs = NULL;
	int op, rc;

	/*
	 * A right and a scope of their own, neither of which governs Unix
	 * sockets: the point is a deeper domain, not a different policy.
	 */
	rc = landscope_ruleset_new(&rs, 0);
	if (!rc)
		rc = landscope_ruleset_add_handled(
			rs, LANDSCOPE_CATEGORY_FS,
			LANDSCOPE_ACCESS_FS_MAKE_CHAR);
	if (!rc)
		rc = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_SCOPE,
						   LANDSCOPE_SCOPE_SIGNAL);
	if (!rc)
		rc = landscope_ruleset_restrict_self(rs, 0, NULL);
	landscope_ruleset_free(rs);
	send_msg(wfd, MSG_NESTED_RESTRICT, rc, 0, 0);
	if (rc)
		_exit(1);
	for (op = 0; op < OP_COUNT; op++)
		send_msg(wfd, MSG_NESTED_OP, op, client_op(ad, op, tag_nested),
			 0);
	_exit(0);
}

#define SETUP(expr)                                                   \
	do {                                                          \
		if ((expr) < 0) {                                     \
			send_msg(wfd, MSG_ERROR, errno, __LINE__, 0); \
			_exit(1);                                     \
		}                                                     \
	} while (0)

/* Bind (and listen on) every socket of @ad. */
static void open_sockets(int wfd, const struct addrs *ad, int *fds)
{
	int i;

	for (i = 0; i < SOCK_COUNT; i++) {
		SETUP(fds[i] = socket(AF_UNIX, sock_type(i) | SOCK_CLOEXEC, 0));
		SETUP(bind(fds[i], (const struct sockaddr *)&ad->un[i],
			   ad->len[i]));
		if (sock_type(i) == SOCK_STREAM)
			SETUP(listen(fds[i], 16));
		SETUP(fcntl(fds[i], F_SETFL, O_NONBLOCK));
	}
}

static void server_main(int level, bool before, int wfd, int gofd,
			const struct addrs *ad)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *report = NULL;
	uint64_t enforced = 0;
	int fds[SOCK_COUNT];
	int i, rc, status = -1, wstatus;
	char go;
	pid_t pid;

	/* Held when the process restricts itself: adopted by its domain. */
	if (before)
		open_sockets(wfd, ad, fds);

	rc = landscope_ruleset_new(&rs, 0);
	if (!rc)
		rc = landscope_ruleset_set_compat_level(rs, level, 0);
	/*
	 * An ABI 1 right besides the scopes puts the server in a real domain
	 * on every Landlock kernel, so that on stock kernels the test shows
	 * the gap for a sandboxed server, not merely an unsandboxed one.
	 */
	if (!rc)
		rc = landscope_ruleset_add_handled(
			rs, LANDSCOPE_CATEGORY_FS,
			LANDSCOPE_ACCESS_FS_MAKE_BLOCK);
	if (!rc)
		rc = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_SCOPE,
						   INBOUND);
	if (!rc)
		rc = landscope_ruleset_restrict_self(rs, 0, &report);
	if (report) {
		status = landscope_report_status(report);
		landscope_report_category(report, LANDSCOPE_CATEGORY_SCOPE,
					  NULL, &enforced);
		landscope_report_print(report, stderr);
	}
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	send_msg4(wfd, MSG_RESTRICT, rc, status, (int64_t)enforced,
		  no_new_privs());
	if (rc)
		_exit(0);

	/* Bound after the restriction: owned by the new domain. */
	if (!before)
		open_sockets(wfd, ad, fds);
	send_msg(wfd, MSG_READY, 0, 0, 0);

	/* The outsider's turn first, then the nested child's. */
	if (read(gofd, &go, 1) != 1)
		_exit(1);
	SETUP(pid = fork());
	if (pid == 0)
		nested_main(wfd, ad);
	SETUP(waitpid(pid, &wstatus, 0));

	for (i = 0; i < SOCK_COUNT; i++) {
		int64_t outsider = 0, nested = 0;

		drain(fds[i], i, &outsider, &nested);
		send_msg(wfd, MSG_RECEIVED, i, outsider, nested);
		close(fds[i]);
	}
	_exit(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 ? 0 : 2);
}

static const char *errname(int err)
{
	return err ? errno_name(err) : "success";
}

/*
 * One run of the scenario at compatibility @level, the sockets bound
 * @before the restriction or after it.  @have_inbound: the kernel has both
 * inbound scope bits; @available: Landlock is usable.
 */
static void scenario(int level, bool before, bool have_inbound, bool available,
		     const char *tmpdir)
{
	const bool hard = level == LANDSCOPE_COMPAT_HARD_REQUIREMENT;
	const char *lname = hard     ? before ? "hard, listen before" : "hard"
			    : before ? "best-effort, listen before"
				     : "best-effort";
	int64_t received[SOCK_COUNT][2];
	int nested_result[OP_COUNT];
	int outsider_result[OP_COUNT];
	int msgpipe[2], gopipe[2];
	bool got_restrict = false, ready = false, enforced = false;
	int nested_rc = INT_MIN;
	int op, i, wstatus, nnp_before, restrict_rc = 0;
	struct msg m;
	struct addrs ad;
	char dir[PATH_MAX];
	pid_t pid;

	snprintf(dir, sizeof(dir), "%s/landscope-inbound.XXXXXX", tmpdir);
	if (!mkdtemp(dir)) {
		tap_check(false, "%s: mkdtemp in %s: %s", lname, tmpdir,
			  strerror(errno));
		return;
	}
	for (op = 0; op < OP_COUNT; op++)
		nested_result[op] = outsider_result[op] = INT_MIN;
	memset(received, 0xff, sizeof(received));

	if (pipe2(msgpipe, O_CLOEXEC) || pipe2(gopipe, O_CLOEXEC)) {
		tap_check(false, "%s: pipe: %s", lname, strerror(errno));
		return;
	}
	nnp_before = no_new_privs();
	make_addrs(&ad, dir, level * 2 + before);
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		tap_check(false, "%s: fork: %s", lname, strerror(errno));
		return;
	}
	if (pid == 0) {
		close(msgpipe[0]);
		close(gopipe[1]);
		server_main(level, before, msgpipe[1], gopipe[0], &ad);
	}
	close(msgpipe[1]);
	close(gopipe[0]);

	while (recv_msg(msgpipe[0], &m) == 1) {
		switch (m.kind) {
		case MSG_RESTRICT:
			got_restrict = true;
			restrict_rc = m.a;
			enforced = (m.c & INBOUND) == INBOUND;
			tap_note("%s: restrict_self %d (%s), status %lld, "
				 "scopes enforced %#llx",
				 lname, m.a, m.a ? strerror(-m.a) : "ok",
				 (long long)m.b, (unsigned long long)m.c);
			if (level == LANDSCOPE_COMPAT_HARD_REQUIREMENT &&
			    !have_inbound) {
				tap_check(m.a == -EOPNOTSUPP,
					  "%s: restrict_self fails with "
					  "-EOPNOTSUPP when the kernel lacks "
					  "the inbound scopes (got %d)",
					  lname, m.a);
				/* Refused before any change to the process. */
				if (nnp_before == 0)
					tap_check(m.d == 0,
						  "%s: refusal left "
						  "no_new_privs unset",
						  lname);
				break;
			}
			tap_check(m.a == 0,
				  "%s: restrict_self succeeds "
				  "(got %d)",
				  lname, m.a);
			tap_check(enforced == have_inbound,
				  "%s: report says the inbound scopes are %s",
				  lname, have_inbound ? "enforced" : "dropped");
			tap_check((m.c & ~INBOUND) == 0,
				  "%s: no scope enforced beyond those asked",
				  lname);
			tap_check(
				m.b == (!available ? LANDSCOPE_NOT_ENFORCED
					: have_inbound
						? LANDSCOPE_FULLY_ENFORCED
						: LANDSCOPE_PARTIALLY_ENFORCED),
				"%s: report status %lld fits the kernel", lname,
				(long long)m.b);
			break;
		case MSG_READY:
			ready = true;
			/* The outsider: this process, in no domain. */
			for (op = 0; op < OP_COUNT; op++)
				outsider_result[op] =
					client_op(&ad, op, tag_outsider);
			if (write(gopipe[1], "g", 1) != 1)
				tap_check(false, "%s: pipe write", lname);
			break;
		case MSG_NESTED_RESTRICT:
			nested_rc = m.a;
			break;
		case MSG_NESTED_OP:
			if (m.a >= 0 && m.a < OP_COUNT)
				nested_result[m.a] = (int)m.b;
			break;
		case MSG_RECEIVED:
			if (m.a >= 0 && m.a < SOCK_COUNT) {
				received[m.a][0] = m.b;
				received[m.a][1] = m.c;
			}
			break;
		case MSG_ERROR:
			tap_check(false,
				  "%s: server setup failed at "
				  "inbound.c:%lld: %s",
				  lname, (long long)m.b, strerror(m.a));
			break;
		}
	}
	close(msgpipe[0]);
	close(gopipe[1]);
	if (waitpid(pid, &wstatus, 0) < 0)
		wstatus = -1;
	tap_check(got_restrict && WIFEXITED(wstatus) &&
			  WEXITSTATUS(wstatus) == 0,
		  "%s: server exits cleanly (wait status %#x)", lname,
		  (unsigned int)wstatus);

	if (got_restrict && restrict_rc)
		goto out;
	if (!ready) {
		tap_check(false, "%s: server never listened", lname);
		goto out;
	}

	/* Sockets made before the restriction are not the domain's. */
	for (op = 0; op < OP_COUNT; op++) {
		int want = enforced && !before ? EPERM : 0;

		tap_check(outsider_result[op] == want,
			  "%s: unsandboxed %s: %s (want %s)", lname,
			  ops[op].name, errname(outsider_result[op]),
			  errname(want));
	}
	tap_check(nested_rc == 0,
		  "%s: nested child restricts itself "
		  "(got %d)",
		  lname, nested_rc);
	for (op = 0; op < OP_COUNT; op++)
		tap_check(nested_result[op] == 0,
			  "%s: nested child %s: %s (want success)", lname,
			  ops[op].name, errname(nested_result[op]));

	/*
	 * What actually arrived: each stream listener had one connection
	 * per client that got through, each datagram socket one message per
	 * sendto that did (a datagram connect sends nothing).
	 */
	for (i = 0; i < SOCK_COUNT; i++) {
		int64_t want = enforced && !before ? 0 : 1;

		tap_check(received[i][0] == want && received[i][1] == 1,
			  "%s: %s received %lld from the outsider (want "
			  "%lld) and %lld from the nested child (want 1)",
			  lname, sock_names[i], (long long)received[i][0],
			  (long long)want, (long long)received[i][1]);
	}
	tap_note("LANDSCOPE-INBOUND %s: inbound scopes %s", lname,
		 !enforced ? "dropped: outsider got through (gap open)"
		 : before  ? "enforced: sockets made before the restriction "
			     "are not the domain's, outsider got through"
			   : "enforced: outsider refused with EPERM, nested "
			     "child accepted");
out:
	if (got_restrict && restrict_rc)
		tap_note("LANDSCOPE-INBOUND %s: inbound scopes refused "
			 "(%d, %s)",
			 lname, restrict_rc, strerror(-restrict_rc));
	for (i = 0; i < SOCK_COUNT; i++)
		if (ad.un[i].sun_path[0])
			unlink(ad.un[i].sun_path);
	rmdir(dir);
}

int main(void)
{
	LANDSCOPE_INIT(landscope_features, f);
	const char *tmpdir = getenv("TMPDIR");
	int expect_patched, rc;
	bool have_inbound, available;

	tap_init();
	signal(SIGPIPE, SIG_IGN);
	alarm(TIMEOUT_SECONDS);
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";

	rc = landscope_features_get(&f);
	if (!tap_check(rc == 0, "landscope_features_get: %d", rc))
		return tap_done();
	available = f.unavailable == 0;
	have_inbound = (f.scoped & INBOUND) == INBOUND;
	tap_note("kernel: abi %d, unavailable %d, scopes %#llx", f.abi,
		 f.unavailable, (unsigned long long)f.scoped);

	/*
	 * The series brings the inbound bits on every base; the outbound
	 * pathname bit only where there is no RESOLVE_UNIX (6.12's).
	 */
	expect_patched = env_int("LANDSCOPE_EXPECT_PATCHED", -1);
	if (expect_patched == 1)
		tap_check(
			(f.scoped & INBOUND) == INBOUND &&
				(f.scoped &
					 LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET ||
				 f.access_fs &
					 LANDSCOPE_ACCESS_FS_RESOLVE_UNIX),
			"companion scope bits expected and present");
	else if (expect_patched == 0)
		tap_check((f.scoped & COMPANION) == 0,
			  "companion scope bits expected absent and absent");
	else if (expect_patched != -1)
		tap_check(false, "LANDSCOPE_EXPECT_PATCHED is not a number");

	scenario(LANDSCOPE_COMPAT_BEST_EFFORT, false, have_inbound, available,
		 tmpdir);
	scenario(LANDSCOPE_COMPAT_HARD_REQUIREMENT, false, have_inbound,
		 available, tmpdir);
	scenario(LANDSCOPE_COMPAT_BEST_EFFORT, true, have_inbound, available,
		 tmpdir);
	scenario(LANDSCOPE_COMPAT_HARD_REQUIREMENT, true, have_inbound,
		 available, tmpdir);
	return tap_done();
}
