/* SPDX-License-Identifier: MIT */
/*
 * Kernel suite, group "scope": IPC scoping.  Outbound scopes (upstream
 * ABI 6: abstract unix sockets and signals; the companion kernel's
 * pathname unix sockets) stop a domain from reaching out of itself with
 * EPERM.  The companion kernel's inbound scopes stop the outside (an
 * unsandboxed process, a sibling domain) from connecting or sending into
 * sockets the domain owns, while the domain itself and its nested
 * children still get through.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define SCOPE(x) LANDSCOPE_SCOPE_##x

/* Restrict the calling process to a domain with exactly @scopes. */
static void enter_scoped(uint64_t scopes)
{
	struct landscope_ruleset *rs =
		kt_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);

	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_SCOPE,
					       scopes));
	kt_enforce(rs, 0);
}

/* Shared by a case's parent and its children (inherited by fork). */
static struct sockaddr_un stream_addr, dgram_addr;
static socklen_t stream_len, dgram_len;
static pid_t sleeper;

static void abstract_addrs(void)
{
	stream_len = kt_abstract_addr(&stream_addr);
	dgram_len = kt_abstract_addr(&dgram_addr);
}

static void pathname_addrs(void)
{
	stream_len = kt_pathname_addr(&stream_addr, kt_path("a/stream"));
	dgram_len = kt_pathname_addr(&dgram_addr, kt_path("a/dgram"));
}

/* Listening stream socket and bound dgram socket, made by the caller. */
static int make_servers(int *s, int *d)
{
	*s = kt_unix_server(SOCK_STREAM, &stream_addr, stream_len);
	if (*s < 0)
		return -*s;
	*d = kt_unix_server(SOCK_DGRAM, &dgram_addr, dgram_len);
	if (*d < 0) {
		close(*s);
		return -*d;
	}
	return 0;
}

static void close_servers(int s, int d)
{
	close(s);
	close(d);
}

/* connect() to the stream server, then sendto() the dgram one. */
static int reach_both(void)
{
	int err = kt_unix_connect(SOCK_STREAM, &stream_addr, stream_len);

	if (err)
		return err;
	return kt_unix_sendto(&dgram_addr, dgram_len);
}

/* Outbound: servers made by the parent, outside the child's domain. */

struct out_case {
	bool pathname; /* else abstract */
	uint64_t scopes; /* the child's domain */
	bool sendto; /* else connect */
	int expect;
};

static int out_child(void *arg)
{
	const struct out_case *c = arg;

	enter_scoped(c->scopes);
	if (c->sendto)
		return kt_unix_sendto(&dgram_addr, dgram_len);
	return kt_unix_connect(SOCK_STREAM, &stream_addr, stream_len);
}

/*
 * The pathname scope is the companion kernel's bit (EPERM); without it,
 * on ABI 9, the library falls back to handling RESOLVE_UNIX with no rule,
 * which the kernel denies with EACCES.
 */
static int pathname_scope_errno(void)
{
	/* The 6.12 series has the bit; on 7.3, RESOLVE_UNIX does the work. */
	if (kt_expect_patched &&
	    !(kt_feat.access_fs & LANDSCOPE_ACCESS_FS_RESOLVE_UNIX))
		kt_require_scope(SCOPE(PATHNAME_UNIX_SOCKET));
	if (kt_kernel.scoped & SCOPE(PATHNAME_UNIX_SOCKET) &&
	    kt_feat.scoped & SCOPE(PATHNAME_UNIX_SOCKET))
		return EPERM;
	if (kt_feat.access_fs & LANDSCOPE_ACCESS_FS_RESOLVE_UNIX)
		return EACCES;
	kt_require_landlock();
	kt_missing(9, true,
		   "pathname unix scope needs the companion patch "
		   "or Landlock ABI 9 (RESOLVE_UNIX)");
	return -1;
}

static void run_out_case(void **state)
{
	const struct out_case *c = *state;
	int s, d, err, expect = c->expect;

	if (c->scopes & SCOPE(PATHNAME_UNIX_SOCKET)) {
		int e = pathname_scope_errno();

		if (expect)
			expect = e;
		kt_require_scope(c->scopes & ~SCOPE(PATHNAME_UNIX_SOCKET));
		pathname_addrs();
	} else {
		kt_require_scope(c->scopes);
		abstract_addrs();
	}
	err = make_servers(&s, &d);
	if (err)
		fail_msg("unix servers: %s", kt_strerr(err));
	err = kt_run(out_child, (void *)c);
	close_servers(s, d);
	kt_expect_errno(err, expect, c->sendto ? "sendto" : "connect");
}

/* Same domain: the child makes the servers after restricting itself. */
static int same_domain_child(void *arg)
{
	const struct out_case *c = arg;
	int s, d, err;

	enter_scoped(c->scopes);
	err = make_servers(&s, &d);
	if (err)
		kt_die("unix servers: %s", kt_strerr(err));
	err = reach_both();
	close_servers(s, d);
	return err;
}

static void run_same_domain_case(void **state)
{
	const struct out_case *c = *state;

	if (c->pathname) {
		pathname_scope_errno();
		pathname_addrs();
	} else {
		kt_require_scope(c->scopes);
		abstract_addrs();
	}
	kt_expect(same_domain_child, *state, 0);
}

static const struct out_case abstract_connect_no = {
	.scopes = SCOPE(ABSTRACT_UNIX_SOCKET),
	.expect = EPERM,
};
static const struct out_case abstract_sendto_no = {
	.scopes = SCOPE(ABSTRACT_UNIX_SOCKET),
	.sendto = true,
	.expect = EPERM,
};
static const struct out_case abstract_same = {
	.scopes = SCOPE(ABSTRACT_UNIX_SOCKET),
};
/* A domain that scopes only signals still reaches abstract sockets. */
static const struct out_case abstract_unscoped = {
	.scopes = SCOPE(SIGNAL),
};
static const struct out_case pathname_connect_no = {
	.pathname = true,
	.scopes = SCOPE(PATHNAME_UNIX_SOCKET),
	.expect = EPERM,
};
static const struct out_case pathname_same = {
	.pathname = true,
	.scopes = SCOPE(PATHNAME_UNIX_SOCKET),
};

/* Signals. */

struct signal_case {
	uint64_t scopes;
	bool same_domain; /* target forked after restricting */
	int expect;
};

static int signal_child(void *arg)
{
	const struct signal_case *c = arg;
	int err, status;
	pid_t target;

	enter_scoped(c->scopes);
	if (!c->same_domain)
		return kt_errno(kill(sleeper, SIGTERM));
	target = fork();
	if (target < 0)
		kt_die("fork: %s", strerror(errno));
	if (target == 0) {
		for (;;)
			pause();
	}
	err = kt_errno(kill(target, SIGTERM));
	if (err)
		kill(target, SIGKILL);
	if (waitpid(target, &status, 0) != target)
		kt_die("waitpid: %s", strerror(errno));
	if (!err && !(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM))
		kt_die("kill() returned 0 but SIGTERM did not arrive");
	return err;
}

static void run_signal_case(void **state)
{
	const struct signal_case *c = *state;
	int err, sig;

	kt_require_scope(c->scopes);
	sleeper = kt_sleeper_start();
	err = kt_run(signal_child, (void *)c);
	sig = kt_sleeper_end(sleeper);
	kt_expect_errno(err, c->expect, "kill");
	if (c->same_domain)
		assert_int_equal(sig, 0);
	else if (c->expect)
		assert_int_equal(sig, 0); /* survived the denied signal */
	else
		assert_int_equal(sig, SIGTERM);
}

static const struct signal_case signal_no = {
	.scopes = SCOPE(SIGNAL),
	.expect = EPERM,
};
static const struct signal_case signal_same = {
	.scopes = SCOPE(SIGNAL),
	.same_domain = true,
};
static const struct signal_case signal_unscoped = {
	.scopes = SCOPE(ABSTRACT_UNIX_SOCKET),
};

/*
 * Inbound scopes (companion kernel).  The server domain owns a listening
 * stream socket and a bound dgram socket; who may reach them?
 */

enum who {
	OUTSIDER, /* this unsandboxed test process */
	SIBLING, /* another domain, not nested in the server's */
	SAME_DOMAIN, /* the server domain itself */
	NESTED, /* a child domain nested in the server's */
};

struct in_case {
	bool pathname;
	uint64_t scopes; /* the server domain */
	enum who who;
	bool sendto; /* for OUTSIDER and SIBLING: else connect */
	int expect;
};

static int server_setup(void *arg)
{
	const struct in_case *c = arg;
	int s, d;

	enter_scoped(c->scopes);
	/* The fds stay open until the server exits. */
	return make_servers(&s, &d);
}

static int sibling_child(void *arg)
{
	const struct in_case *c = arg;

	/* Any other domain: one that scopes signals only. */
	enter_scoped(SCOPE(SIGNAL));
	if (c->sendto)
		return kt_unix_sendto(&dgram_addr, dgram_len);
	return kt_unix_connect(SOCK_STREAM, &stream_addr, stream_len);
}

static int inside_child(void *arg)
{
	const struct in_case *c = arg;
	int s, d, err, status;
	pid_t pid;

	enter_scoped(c->scopes);
	err = make_servers(&s, &d);
	if (err)
		kt_die("unix servers: %s", kt_strerr(err));
	if (c->who == SAME_DOMAIN) {
		err = reach_both();
		close_servers(s, d);
		return err;
	}
	pid = fork();
	if (pid < 0)
		kt_die("fork: %s", strerror(errno));
	if (pid == 0) {
		/* A nested layer, unrelated to unix sockets. */
		enter_scoped(SCOPE(SIGNAL));
		_exit(reach_both());
	}
	close_servers(s, d);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		kt_die("nested child did not exit");
	return WEXITSTATUS(status);
}

static void run_in_case(void **state)
{
	const struct in_case *c = *state;
	struct kt_server server;
	int err;

	kt_require_scope(
		c->scopes |
		(c->who == SIBLING || c->who == NESTED ? SCOPE(SIGNAL) : 0));
	if (c->pathname)
		pathname_addrs();
	else
		abstract_addrs();
	if (c->who == SAME_DOMAIN || c->who == NESTED) {
		kt_expect(inside_child, *state, c->expect);
		return;
	}
	err = kt_server_start(&server, server_setup, *state);
	if (err) {
		kt_server_stop(&server);
		fail_msg("server: %s", kt_strerr(err));
	}
	if (c->who == SIBLING)
		err = kt_run(sibling_child, *state);
	else if (c->sendto)
		err = kt_unix_sendto(&dgram_addr, dgram_len);
	else
		err = kt_unix_connect(SOCK_STREAM, &stream_addr, stream_len);
	kt_server_stop(&server);
	kt_expect_errno(err, c->expect, c->sendto ? "sendto" : "connect");
}

#define ABS_IN SCOPE(ABSTRACT_UNIX_SOCKET_INBOUND)
#define PATH_IN SCOPE(PATHNAME_UNIX_SOCKET_INBOUND)

static const struct in_case abs_in_outsider_connect = {
	.scopes = ABS_IN,
	.who = OUTSIDER,
	.expect = EPERM,
};
static const struct in_case abs_in_outsider_sendto = {
	.scopes = ABS_IN,
	.who = OUTSIDER,
	.sendto = true,
	.expect = EPERM,
};
static const struct in_case abs_in_sibling_connect = {
	.scopes = ABS_IN,
	.who = SIBLING,
	.expect = EPERM,
};
static const struct in_case abs_in_same = {
	.scopes = ABS_IN,
	.who = SAME_DOMAIN,
};
static const struct in_case abs_in_nested = {
	.scopes = ABS_IN,
	.who = NESTED,
};
/* Control: without the inbound bit the outside gets in (ABI 6 gap). */
static const struct in_case abs_in_control = {
	.scopes = SCOPE(ABSTRACT_UNIX_SOCKET),
	.who = OUTSIDER,
};
static const struct in_case path_in_outsider_connect = {
	.pathname = true,
	.scopes = PATH_IN,
	.who = OUTSIDER,
	.expect = EPERM,
};
static const struct in_case path_in_outsider_sendto = {
	.pathname = true,
	.scopes = PATH_IN,
	.who = OUTSIDER,
	.sendto = true,
	.expect = EPERM,
};
static const struct in_case path_in_sibling_connect = {
	.pathname = true,
	.scopes = PATH_IN,
	.who = SIBLING,
	.expect = EPERM,
};
static const struct in_case path_in_same = {
	.pathname = true,
	.scopes = PATH_IN,
	.who = SAME_DOMAIN,
};
static const struct in_case path_in_nested = {
	.pathname = true,
	.scopes = PATH_IN,
	.who = NESTED,
};
static const struct in_case path_in_control = {
	.pathname = true,
	.scopes = SCOPE(ABSTRACT_UNIX_SOCKET),
	.who = OUTSIDER,
};

/*
 * A socket of the server domain handed out (over SCM_RIGHTS) to the
 * outsider: holding it gives no way in.  accept(2) on a handed-out
 * listener, and send(2) on a datagram socket the domain connected to one
 * of its own, are the outsider's operations on the domain's sockets:
 * refused with EPERM (kernel/patches/7.3's cover letter, v2).  With the
 * outbound scope only, the control, both go through.
 */
struct handout_case {
	uint64_t scopes;
	bool dgram;
	int expect;
};

static int send_fd(int sock, int fd)
{
	char data = 'f', cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &data, 1 };
	struct msghdr mh = { .msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = cbuf,
			     .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;

	memset(cbuf, 0, sizeof(cbuf));
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &mh, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char data, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &data, 1 };
	struct msghdr mh = { .msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = cbuf,
			     .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	int fd;

	if (recvmsg(sock, &mh, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&mh);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

/* The server domain: its listener with a connection waiting, or its
 * datagram socket connected to its own bound one; handed to @sock. */
static void handout_child(const struct handout_case *c, int sock)
{
	const struct sockaddr *a =
		(const struct sockaddr *)(c->dgram ? &dgram_addr
						   : &stream_addr);
	socklen_t len = c->dgram ? dgram_len : stream_len;
	int type = c->dgram ? SOCK_DGRAM : SOCK_STREAM;
	int s, cl;
	char b;

	enter_scoped(c->scopes);
	s = kt_unix_server(type, c->dgram ? &dgram_addr : &stream_addr, len);
	if (s < 0)
		_exit(10);
	cl = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
	if (cl < 0 || connect(cl, a, len))
		_exit(11);
	if (send_fd(sock, c->dgram ? cl : s))
		_exit(12);
	/* Hold everything until the outsider has tried. */
	if (read(sock, &b, 1) < 0)
		_exit(13);
	_exit(0);
}

static void run_handout_case(void **state)
{
	const struct handout_case *c = *state;
	int sv[2], fd, err, status, a;
	pid_t pid;

	kt_require_scope(c->scopes);
	abstract_addrs();
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		fail_msg("socketpair: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		close(sv[0]);
		handout_child(c, sv[1]);
	}
	close(sv[1]);
	fd = recv_fd(sv[0]);
	err = fd < 0 ? -1 : 0;
	if (fd >= 0 && !c->dgram) {
		a = accept(fd, NULL, NULL);
		err = a < 0 ? errno : 0;
		if (a >= 0)
			close(a);
	} else if (fd >= 0) {
		err = send(fd, "x", 1, 0) < 0 ? errno : 0;
	}
	if (fd >= 0)
		close(fd);
	if (write(sv[0], "x", 1) != 1)
		err = -1;
	close(sv[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		fail_msg("server domain: wait status %#x",
			 (unsigned int)status);
	if (err < 0)
		fail_msg("no socket handed out");
	kt_expect_errno(err, c->expect, c->dgram ? "send" : "accept");
}

static const struct handout_case handout_accept = {
	.scopes = ABS_IN,
	.expect = EPERM,
};
static const struct handout_case handout_send = {
	.scopes = ABS_IN,
	.dgram = true,
	.expect = EPERM,
};
static const struct handout_case handout_accept_control = {
	.scopes = SCOPE(ABSTRACT_UNIX_SOCKET),
};
static const struct handout_case handout_send_control = {
	.scopes = SCOPE(ABSTRACT_UNIX_SOCKET),
	.dgram = true,
};

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		KT_CASE("scope_abstract_unix_connect_denied_outside",
			run_out_case, &abstract_connect_no),
		KT_CASE("scope_abstract_unix_sendto_denied_outside",
			run_out_case, &abstract_sendto_no),
		KT_CASE("scope_abstract_unix_allowed_same_domain",
			run_same_domain_case, &abstract_same),
		KT_CASE("scope_abstract_unix_allowed_unscoped", run_out_case,
			&abstract_unscoped),
		KT_CASE("scope_signal_denied_outside", run_signal_case,
			&signal_no),
		KT_CASE("scope_signal_allowed_same_domain", run_signal_case,
			&signal_same),
		KT_CASE("scope_signal_allowed_unscoped", run_signal_case,
			&signal_unscoped),
		KT_CASE("scope_pathname_unix_connect_denied_outside",
			run_out_case, &pathname_connect_no),
		KT_CASE("scope_pathname_unix_allowed_same_domain",
			run_same_domain_case, &pathname_same),
		KT_CASE("scope_abstract_inbound_outsider_connect_denied",
			run_in_case, &abs_in_outsider_connect),
		KT_CASE("scope_abstract_inbound_outsider_sendto_denied",
			run_in_case, &abs_in_outsider_sendto),
		KT_CASE("scope_abstract_inbound_sibling_connect_denied",
			run_in_case, &abs_in_sibling_connect),
		KT_CASE("scope_abstract_inbound_same_domain_allowed",
			run_in_case, &abs_in_same),
		KT_CASE("scope_abstract_inbound_nested_child_allowed",
			run_in_case, &abs_in_nested),
		KT_CASE("scope_abstract_inbound_unscoped_outsider_allowed",
			run_in_case, &abs_in_control),
		KT_CASE("scope_pathname_inbound_outsider_connect_denied",
			run_in_case, &path_in_outsider_connect),
		KT_CASE("scope_pathname_inbound_outsider_sendto_denied",
			run_in_case, &path_in_outsider_sendto),
		KT_CASE("scope_pathname_inbound_sibling_connect_denied",
			run_in_case, &path_in_sibling_connect),
		KT_CASE("scope_pathname_inbound_same_domain_allowed",
			run_in_case, &path_in_same),
		KT_CASE("scope_pathname_inbound_nested_child_allowed",
			run_in_case, &path_in_nested),
		KT_CASE("scope_pathname_inbound_unscoped_outsider_allowed",
			run_in_case, &path_in_control),
		KT_CASE("scope_abstract_inbound_handed_out_accept_denied",
			run_handout_case, &handout_accept),
		KT_CASE("scope_abstract_inbound_handed_out_send_denied",
			run_handout_case, &handout_send),
		KT_CASE("scope_abstract_outbound_handed_out_accept_allowed",
			run_handout_case, &handout_accept_control),
		KT_CASE("scope_abstract_outbound_handed_out_send_allowed",
			run_handout_case, &handout_send_control),
	};

	return kt_main(argc, argv, "scope", tests, KT_ARRAY_SIZE(tests));
}
