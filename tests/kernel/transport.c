/* SPDX-License-Identifier: MIT */
/*
 * Kernel suite, group "transport" (issue 23): Landlock's TCP rights hold
 * for TCP sockets only, so a domain that handles them with no port
 * allowed still lets MPTCP (and SCTP, SMC, DCCP) bind and connect; its
 * UDP rights miss UDP-Lite.  The library's seccomp filter refuses
 * creating those sockets with the errno of a kernel without the protocol.
 * The opt-out cases show the gap itself, so that the refusal cases are
 * known to test something.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "harness.h"

#define IPPROTO_MPTCP_ 262
#define IPPROTO_SCTP_ 132
#define IPPROTO_UDPLITE_ 136
#define IPPROTO_SMC_ 256
#define AF_SMC_ 43
#define SOCK_DCCP_ 6

#define TCP_RIGHTS \
	(LANDSCOPE_ACCESS_NET_BIND_TCP | LANDSCOPE_ACCESS_NET_CONNECT_TCP)
#define UDP_RIGHTS \
	(LANDSCOPE_ACCESS_NET_BIND_UDP | LANDSCOPE_ACCESS_NET_CONNECT_SEND_UDP)

enum op {
	OP_SOCKET, /* socket() alone */
	OP_CONNECT, /* connect to the parent's listener */
	OP_BIND, /* bind an ephemeral port */
	OP_FALLBACK, /* MPTCP, else TCP, then connect */
	OP_HIGH_BITS, /* socket() with the high halves of the registers set */
	OP_IO_URING, /* io_uring_setup() */
	OP_INT80_SOCKET, /* 32-bit x86 socket() from this 64-bit process */
	OP_INT80_SOCKETCALL, /* 32-bit x86 socketcall(SYS_SOCKET) */
};

struct tcase {
	int family, type, protocol;
	uint64_t rights; /* handled, no port allowed unless @allow */
	bool allow; /* a rule grants CONNECT_TCP on the listener's port */
	bool opt_out; /* LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS */
	enum op op;
	int expect; /* -1: 0 on kernels with erratum 1, else EACCES */
};

struct run {
	const struct tcase *c;
	uint16_t port;
};

static struct sockaddr_in loopback(uint16_t port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sin;
}

#if defined(__x86_64__) && !defined(__ILP32__)
/* A 32-bit x86 system call from 64-bit code: seccomp sees AUDIT_ARCH_I386. */
static long int80(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory");
	return ret;
}
#define HAVE_INT80 1
#define I386_GETPID 20
#define I386_SOCKETCALL 102
#define I386_SOCKET 359
#else
#define HAVE_INT80 0
#endif

/* What the operation gives after socket(): 0 or an errno. */
static int use(const struct run *run, int s)
{
	struct sockaddr_in sin = loopback(run->port);
	int err;

	if (run->c->op == OP_BIND)
		sin.sin_port = 0;
	if (run->c->op == OP_BIND)
		err = kt_errno(bind(s, (struct sockaddr *)&sin, sizeof(sin)));
	else
		err = kt_errno(
			connect(s, (struct sockaddr *)&sin, sizeof(sin)));
	close(s);
	return err;
}

static int transport_child(void *arg)
{
	const struct run *run = arg;
	const struct tcase *c = run->c;
	struct landscope_ruleset *rs =
		kt_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	unsigned int params[30] = { 0 };
	long ret;
	int s;

	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
					       c->rights));
	if (c->allow)
		kt_check(landscope_ruleset_add_port(
			rs, run->port, LANDSCOPE_ACCESS_NET_CONNECT_TCP, 0));
	kt_enforce(rs, c->opt_out
			       ? LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS
			       : 0);

	switch (c->op) {
	case OP_HIGH_BITS:
		/* The kernel reads ints: only the low halves count. */
		ret = syscall(SYS_socket, (long)c->family | (1L << 32),
			      (long)c->type | (1L << 33),
			      (long)c->protocol | (1L << 34));
		if (ret >= 0)
			close((int)ret);
		return kt_errno(ret);
	case OP_IO_URING:
		ret = syscall(SYS_io_uring_setup, 1, params);
		if (ret >= 0)
			close((int)ret);
		return kt_errno(ret);
#if HAVE_INT80
	case OP_INT80_SOCKET:
		ret = (int)int80(I386_SOCKET, c->family, c->type, c->protocol);
		if (ret >= 0)
			close((int)ret);
		return ret < 0 ? (int)-ret : 0;
	case OP_INT80_SOCKETCALL: {
		/* socketcall's arguments, where 32-bit code can point. */
		unsigned int *args =
			mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

		if (args == MAP_FAILED)
			kt_die("mmap: %s", strerror(errno));
		args[0] = (unsigned int)c->family;
		args[1] = (unsigned int)c->type;
		args[2] = (unsigned int)c->protocol;
		ret = (int)int80(I386_SOCKETCALL, 1, (long)(uintptr_t)args, 0);
		munmap(args, 4096);
		if (ret >= 0)
			close((int)ret);
		return ret < 0 ? (int)-ret : 0;
	}
#endif
	default:
		break;
	}
	s = socket(c->family, c->type | SOCK_CLOEXEC, c->protocol);
	if (c->op == OP_FALLBACK && s < 0 &&
	    (errno == EPROTONOSUPPORT || errno == ENOPROTOOPT ||
	     errno == EINVAL))
		s = socket(c->family, c->type | SOCK_CLOEXEC, 0);
	if (s < 0)
		return errno;
	if (c->op == OP_SOCKET) {
		close(s);
		return 0;
	}
	return use(run, s);
}

/* Whether this kernel creates the socket at all, outside any domain. */
static bool kernel_has(int family, int type, int protocol, int *err)
{
	int s = socket(family, type | SOCK_CLOEXEC, protocol);

	*err = errno;
	if (s < 0)
		return false;
	close(s);
	return true;
}

#if HAVE_INT80
/* A kernel booted with ia32_emulation=0 kills int 0x80 callers. */
static int int80_child(void *arg)
{
	(void)arg;
	return int80(I386_GETPID, 0, 0, 0) == getpid() ? 0 : EINVAL;
}
#endif

static void run_case(void **state)
{
	const struct tcase *c = *state;
	struct run run = { c, 0 };
	int s, got, want = c->expect, err;

	kt_require_net(c->rights);
	if (c->op == OP_INT80_SOCKET || c->op == OP_INT80_SOCKETCALL) {
#if HAVE_INT80
		if (kt_run(int80_child, NULL) != 0)
			kt_missing(0, false, "no 32-bit x86 system calls");
#else
		kt_missing(0, false, "not a 64-bit x86 build");
#endif
	}
	/*
	 * A case that needs the transport itself (it connects, binds or
	 * names the kernel's own errno) skips where the kernel lacks it:
	 * SCTP is a module Debian loads on demand, absent from bare guests.
	 */
	if (c->op != OP_IO_URING && c->op < OP_HIGH_BITS &&
	    c->op != OP_FALLBACK &&
	    !kernel_has(c->family, c->type, c->protocol, &err))
		kt_missing(0, false,
			   "this kernel creates no socket(%d, %d, %d): %s",
			   c->family, c->type, c->protocol, kt_strerr(err));
	if (want < 0)
		want = kt_feat.errata & 1 ? 0 : EACCES;
	s = kt_inet_socket(SOCK_STREAM, true, &run.port);
	got = kt_run(transport_child, &run);
	close(s);
	kt_expect_errno(got, want, "transport");
}

/*
 * LANDSCOPE_RESTRICT_ALL_THREADS (TSYNC, ABI 8): a thread that existed
 * before the restriction gets the filter too, not only the domain.
 */
static int thread_ret = -1;

/* A thread made before the restriction: MPTCP once it is released. */
static void *wait_then_mptcp(void *arg)
{
	int s;

	pthread_barrier_wait(arg);
	s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_MPTCP_);
	thread_ret = s < 0 ? errno : 0;
	if (s >= 0)
		close(s);
	return NULL;
}

static int all_threads_child(void *arg)
{
	struct landscope_ruleset *rs =
		kt_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	pthread_barrier_t *go = arg;
	pthread_t t;

	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
					       TCP_RIGHTS));
	if (pthread_barrier_init(go, NULL, 2) ||
	    pthread_create(&t, NULL, wait_then_mptcp, go))
		kt_die("cannot start a thread");
	kt_enforce(rs, LANDSCOPE_RESTRICT_ALL_THREADS);
	pthread_barrier_wait(go);
	pthread_join(t, NULL);
	return thread_ret;
}

static void run_all_threads(void **state)
{
	static pthread_barrier_t go;
	int err;

	(void)state;
	kt_require_net(TCP_RIGHTS);
	kt_require_flags(LANDSCOPE_RESTRICT_ALL_THREADS);
	if (!kernel_has(AF_INET, SOCK_STREAM, IPPROTO_MPTCP_, &err))
		kt_missing(0, false, "this kernel has no MPTCP: %s",
			   kt_strerr(err));
	kt_expect(all_threads_child, &go, EPROTONOSUPPORT);
}

/* The report's transport line, and that a dry run installs nothing. */
static int report_child(void *arg)
{
	struct landscope_ruleset *rs = kt_ruleset(LANDSCOPE_COMPAT_BEST_EFFORT);
	struct landscope_report *r = NULL;
	uint32_t refused = 0, open = 0, unmediated = 0, want;
	int s;

	(void)arg;
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
					       TCP_RIGHTS));
	kt_check(landscope_transports_get(&unmediated, NULL));
	kt_check(landscope_ruleset_restrict_self(rs, LANDSCOPE_RESTRICT_DRY_RUN,
						 &r));
	kt_check(landscope_report_transports(r, &refused, &open));
	landscope_report_free(r);
	landscope_ruleset_free(rs);
	want = LANDSCOPE_TRANSPORT_MPTCP | LANDSCOPE_TRANSPORT_SCTP |
	       LANDSCOPE_TRANSPORT_SMC | LANDSCOPE_TRANSPORT_DCCP |
	       LANDSCOPE_TRANSPORT_IO_URING;
#if defined(__x86_64__) || defined(__i386__)
	want |= LANDSCOPE_TRANSPORT_SOCKETCALL;
#endif
	if (refused != want || open || (unmediated & want) != want)
		kt_die("refused %#x open %#x unmediated %#x, want %#x", refused,
		       open, unmediated, want);
	/* A dry run leaves MPTCP as the kernel has it. */
	s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_MPTCP_);
	if (s >= 0)
		close(s);
	return s < 0 && errno == EPROTONOSUPPORT ? EPROTONOSUPPORT : 0;
}

static void run_report(void **state)
{
	int err;

	(void)state;
	kt_require_net(TCP_RIGHTS);
	if (!kernel_has(AF_INET, SOCK_STREAM, IPPROTO_MPTCP_, &err))
		kt_missing(0, false, "this kernel has no MPTCP: %s",
			   kt_strerr(err));
	kt_expect(report_child, NULL, 0);
}

#define T(...) static const struct tcase __VA_ARGS__

/* MPTCP, no port allowed: socket() refused as without MPTCP. */
T(mptcp4 = { AF_INET, SOCK_STREAM, IPPROTO_MPTCP_, TCP_RIGHTS, false, false,
	     OP_SOCKET, EPROTONOSUPPORT });
T(mptcp6 = { AF_INET6, SOCK_STREAM, IPPROTO_MPTCP_, TCP_RIGHTS, false, false,
	     OP_SOCKET, EPROTONOSUPPORT });
T(mptcp_connect = { AF_INET, SOCK_STREAM, IPPROTO_MPTCP_,
		    LANDSCOPE_ACCESS_NET_CONNECT_TCP, false, false, OP_CONNECT,
		    EPROTONOSUPPORT });
T(mptcp_bind = { AF_INET, SOCK_STREAM, IPPROTO_MPTCP_,
		 LANDSCOPE_ACCESS_NET_BIND_TCP, false, false, OP_BIND,
		 EPROTONOSUPPORT });
T(mptcp_high_bits = { AF_INET, SOCK_STREAM, IPPROTO_MPTCP_, TCP_RIGHTS, false,
		      false, OP_HIGH_BITS, EPROTONOSUPPORT });
/* The gap itself, with the opt-out: MPTCP connects and binds. */
T(mptcp_connect_open = { AF_INET, SOCK_STREAM, IPPROTO_MPTCP_,
			 LANDSCOPE_ACCESS_NET_CONNECT_TCP, false, true,
			 OP_CONNECT, -1 });
T(mptcp_bind_open = { AF_INET, SOCK_STREAM, IPPROTO_MPTCP_,
		      LANDSCOPE_ACCESS_NET_BIND_TCP, false, true, OP_BIND,
		      -1 });
/* Plain TCP as before: denied without a rule, and the fallback works. */
T(tcp_connect = { AF_INET, SOCK_STREAM, 0, LANDSCOPE_ACCESS_NET_CONNECT_TCP,
		  false, false, OP_CONNECT, EACCES });
T(tcp_bind = { AF_INET, SOCK_STREAM, 0, LANDSCOPE_ACCESS_NET_BIND_TCP, false,
	       false, OP_BIND, EACCES });
T(fallback_allowed = { AF_INET, SOCK_STREAM, IPPROTO_MPTCP_, TCP_RIGHTS, true,
		       false, OP_FALLBACK, 0 });
T(fallback_denied = { AF_INET, SOCK_STREAM, IPPROTO_MPTCP_, TCP_RIGHTS, false,
		      false, OP_FALLBACK, EACCES });
/* SCTP, both types, where the kernel has it. */
T(sctp_stream = { AF_INET, SOCK_STREAM, IPPROTO_SCTP_, TCP_RIGHTS, false, false,
		  OP_SOCKET, EPROTONOSUPPORT });
T(sctp_seqpacket = { AF_INET6, SOCK_SEQPACKET, IPPROTO_SCTP_, TCP_RIGHTS, false,
		     false, OP_SOCKET, ESOCKTNOSUPPORT });
T(sctp_seqpacket0 = { AF_INET, SOCK_SEQPACKET, 0, TCP_RIGHTS, false, false,
		      OP_SOCKET, ESOCKTNOSUPPORT });
T(sctp_connect_open = { AF_INET, SOCK_STREAM, IPPROTO_SCTP_,
			LANDSCOPE_ACCESS_NET_BIND_TCP, false, true, OP_BIND,
			-1 });
T(smc_inet = { AF_INET, SOCK_STREAM, IPPROTO_SMC_, TCP_RIGHTS, false, false,
	       OP_SOCKET, EPROTONOSUPPORT });
T(smc_family = { AF_SMC_, SOCK_STREAM, 0, TCP_RIGHTS, false, false, OP_SOCKET,
		 EAFNOSUPPORT });
T(dccp = { AF_INET, SOCK_DCCP_, 33, TCP_RIGHTS, false, false, OP_SOCKET,
	   ESOCKTNOSUPPORT });
/* UDP-Lite past ABI 10's UDP rights. */
T(udplite = { AF_INET, SOCK_DGRAM, IPPROTO_UDPLITE_, UDP_RIGHTS, false, false,
	      OP_SOCKET, EPROTONOSUPPORT });
T(udplite6 = { AF_INET6, SOCK_DGRAM, IPPROTO_UDPLITE_, UDP_RIGHTS, false, false,
	       OP_SOCKET, EPROTONOSUPPORT });
/* The ways around the filter. */
T(io_uring = { AF_INET, SOCK_STREAM, 0, TCP_RIGHTS, false, false, OP_IO_URING,
	       ENOSYS });
T(int80_mptcp = { AF_INET, SOCK_STREAM, IPPROTO_MPTCP_, TCP_RIGHTS, false,
		  false, OP_INT80_SOCKET, EPROTONOSUPPORT });
T(int80_socketcall = { AF_INET, SOCK_STREAM, IPPROTO_MPTCP_, TCP_RIGHTS, false,
		       false, OP_INT80_SOCKETCALL, ENOSYS });
T(int80_tcp = { AF_INET, SOCK_STREAM, 0, TCP_RIGHTS, false, false,
		OP_INT80_SOCKET, 0 });

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		KT_CASE("transport_mptcp4_refused", run_case, &mptcp4),
		KT_CASE("transport_mptcp6_refused", run_case, &mptcp6),
		KT_CASE("transport_mptcp_connect_refused", run_case,
			&mptcp_connect),
		KT_CASE("transport_mptcp_bind_refused", run_case, &mptcp_bind),
		KT_CASE("transport_mptcp_high_bits_refused", run_case,
			&mptcp_high_bits),
		KT_CASE("transport_mptcp_connect_opt_out", run_case,
			&mptcp_connect_open),
		KT_CASE("transport_mptcp_bind_opt_out", run_case,
			&mptcp_bind_open),
		KT_CASE("transport_tcp_connect_denied", run_case, &tcp_connect),
		KT_CASE("transport_tcp_bind_denied", run_case, &tcp_bind),
		KT_CASE("transport_fallback_allowed", run_case,
			&fallback_allowed),
		KT_CASE("transport_fallback_denied", run_case,
			&fallback_denied),
		KT_CASE("transport_sctp_stream_refused", run_case,
			&sctp_stream),
		KT_CASE("transport_sctp_seqpacket_refused", run_case,
			&sctp_seqpacket),
		KT_CASE("transport_sctp_seqpacket0_refused", run_case,
			&sctp_seqpacket0),
		KT_CASE("transport_sctp_bind_opt_out", run_case,
			&sctp_connect_open),
		KT_CASE("transport_smc_inet_refused", run_case, &smc_inet),
		KT_CASE("transport_smc_family_refused", run_case, &smc_family),
		KT_CASE("transport_dccp_refused", run_case, &dccp),
		KT_CASE("transport_udplite_refused", run_case, &udplite),
		KT_CASE("transport_udplite6_refused", run_case, &udplite6),
		KT_CASE("transport_io_uring_refused", run_case, &io_uring),
		KT_CASE("transport_int80_mptcp_refused", run_case,
			&int80_mptcp),
		KT_CASE("transport_int80_socketcall_refused", run_case,
			&int80_socketcall),
		KT_CASE("transport_int80_tcp_created", run_case, &int80_tcp),
		KT_CASE("transport_all_threads", run_all_threads, NULL),
		KT_CASE("transport_report", run_report, NULL),
	};

	return kt_main(argc, argv, "transport", tests, KT_ARRAY_SIZE(tests));
}
