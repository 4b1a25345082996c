/* SPDX-License-Identifier: MIT */
/*
 * Shared helpers of the kernel suite: every case forks, the child restricts
 * itself for real through the public API and reports what the operation
 * under test returned (0 or a positive errno) through a pipe; the parent,
 * which is never restricted, asserts the exact value.
 *
 * Feature requirements skip a case only when the running kernel lacks the
 * feature; LANDSCOPE_EXPECT_ABI=N and LANDSCOPE_EXPECT_PATCHED=1 turn such a
 * skip into a failure where the kernel was expected to have it.
 */
#ifndef LANDSCOPE_KERNEL_HARNESS_H
#define LANDSCOPE_KERNEL_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <cmocka.h>

#include <liblandscope/landscope.h>

#define KT_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The companion kernel's scope bits: found by probing, never by ABI.  The
 * 7.3 series has only the inbound ones: RESOLVE_UNIX covers outbound.
 */
#define KT_SCOPE_INBOUND                                \
	(LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND | \
	 LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND)
#define KT_SCOPE_PATCHED \
	(LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET | KT_SCOPE_INBOUND)

/* What the kernel answers to our own raw probe, bypassing the library. */
struct kt_kernel {
	int abi; /* negative errno if Landlock is unusable */
	uint64_t errata;
	uint64_t access_fs; /* bits of LANDSCOPE_ACCESS_FS_ALL */
	uint64_t access_net; /* bits of LANDSCOPE_ACCESS_NET_ALL */
	uint64_t scoped; /* bits of LANDSCOPE_SCOPE_ALL */
};

/* Filled in by kt_main() before any case runs. */
extern struct landscope_features kt_feat; /* the library's view */
extern struct kt_kernel kt_kernel; /* our raw probe */
extern int kt_expect_abi; /* -1 when unset */
extern bool kt_expect_patched;
extern bool kt_simulated; /* LANDSCOPE_SIMULATE_ABI is set */

/*
 * Per-case scratch tree, created by kt_setup() and removed by
 * kt_teardown(): <root>/a/f, <root>/b/f (files holding "data"),
 * <root>/a/sub/, <root>/b/sub/.
 */
extern char kt_root[];
const char *kt_path(const char *rel); /* <root>/<rel>, static buffers */

/*
 * Run a group: also the entry point of the exec helper (argv[1] ==
 * KT_EXEC_HELPER_ARG exits with 0 at once, or, followed by "write" and a
 * path, with what opening the path for writing gives: 0 or an errno).  Returns the process exit
 * status: 1 if any case failed, else 0.
 */
#define KT_EXEC_HELPER_ARG "--landscope-exec-helper"
int kt_main(int argc, char **argv, const char *group,
	    const struct CMUnitTest *tests, size_t count);

/*
 * Case setup and teardown: a fresh scratch tree, and a check that the
 * parent's fd table is the same after the case as before it.
 */
int kt_setup(void **state);
int kt_teardown(void **state);
#define KT_CASE(name, fn, arg)                                 \
	{                                                      \
		name, fn, kt_setup, kt_teardown, (void *)(arg) \
	}

/*
 * Requirements.  Each returns if the library reports the feature, and
 * otherwise prints why and skips the case (cmocka skip()) or fails it when
 * the expectation variables say the kernel must have it.
 */
void kt_require_landlock(void);
void kt_require_fs(uint64_t access);
void kt_require_net(uint64_t access);
void kt_require_scope(uint64_t scopes);
void kt_require_flags(unsigned int flags);
/* Skip for a feature of @abi (0: none), or the companion patch. */
void kt_missing(int abi, bool patched, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The first Landlock ABI of a bit, 0 for the companion bits. */
int kt_abi_of(int category, uint64_t bit);

/*
 * Run @fn(@arg) in a forked child and return what it returned (0 or a
 * positive errno), or KT_CHILD_FAILED, after saying why, if it died,
 * timed out or called kt_die(): the caller can release what it holds
 * before kt_expect_errno() fails the case.  kt_expect() runs and asserts
 * the exact value at once, naming the errno.
 */
#define KT_CHILD_FAILED (-1)
int kt_run(int (*fn)(void *arg), void *arg);
void kt_expect_errno(int got, int want, const char *what);
#define kt_expect(fn, arg, want) kt_expect_errno(kt_run(fn, arg), want, #fn)

/*
 * In a child: run this very binary again with @argv (argv[1] being
 * KT_EXEC_HELPER_ARG), wait for it, and return its exit status: what the
 * exec helper reports, or the errno of a failed execve().
 */
int kt_exec_self(char *const argv[]);

/* In a child: print and exit with a distinctive status. */
void kt_die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
/* In a child: die unless the library call returned >= 0. */
#define kt_check(call)                                                    \
	do {                                                              \
		int kt_r_ = (call);                                       \
		if (kt_r_ < 0)                                            \
			kt_die("%s:%d: %s = %d (%s)", __FILE__, __LINE__, \
			       #call, kt_r_, kt_strerr(-kt_r_));          \
	} while (0)
const char *kt_strerr(int err);

/* 0 if @ret >= 0, else errno: for syscalls that return -1 and set errno. */
int kt_errno(long ret);
/* Open @path with @flags, close it: 0 or errno. */
int kt_try_open(const char *path, int flags);

/*
 * In a child: a new ruleset at @level (enum landscope_compat), and its
 * enforcement.  kt_enforce() dies unless restrict_self() returns 0 and
 * the report says LANDSCOPE_FULLY_ENFORCED, and checks that freeing the
 * ruleset and the report gives back every fd the library opened.
 */
struct landscope_ruleset *kt_ruleset(int level);
void kt_enforce(struct landscope_ruleset *ruleset, unsigned int flags);

/* fd table snapshots (fcntl probing: works inside any Landlock domain). */
struct kt_fds {
	unsigned int n;
	unsigned char open[1024];
};
void kt_fds_snapshot(struct kt_fds *fds);
/* -1 if equal, else the first fd that differs. */
int kt_fds_diff(const struct kt_fds *before, const struct kt_fds *after);

/* 1 if no_new_privs is set, 0 if not. */
int kt_no_new_privs(void);

/* Loopback: brought up if it is down (bare guests). */
void kt_loopback_up(void);
/*
 * A TCP or UDP socket bound to 127.0.0.1 on a free port, SO_REUSEADDR
 * set so that a child can bind the same port; listening if @listen.
 * Returns the fd and sets *@port.
 */
int kt_inet_socket(int type, bool listen, uint16_t *port);
/* A free 127.0.0.1 port, different from @avoid. */
uint16_t kt_other_port(uint16_t avoid);

/* Unix addresses: abstract (unique per call) and pathname. */
socklen_t kt_abstract_addr(struct sockaddr_un *addr);
socklen_t kt_pathname_addr(struct sockaddr_un *addr, const char *path);
/* A bound socket of @type, listening if SOCK_STREAM; the fd or -errno. */
int kt_unix_server(int type, const struct sockaddr_un *addr, socklen_t len);
/* connect() a new socket of @type to @addr: 0 or errno. */
int kt_unix_connect(int type, const struct sockaddr_un *addr, socklen_t len);
/* sendto() from a new unbound SOCK_DGRAM socket: 0 or errno. */
int kt_unix_sendto(const struct sockaddr_un *addr, socklen_t len);

/*
 * A process outside any domain of the case, waiting for a signal.
 * kt_sleeper_end() reaps it: returns the signal that ended it, or 0 if it
 * was still alive (it is then killed).
 */
pid_t kt_sleeper_start(void);
int kt_sleeper_end(pid_t pid);

/*
 * A long-lived child for "outsider" cases: @setup runs in the child (it
 * typically restricts itself and creates sockets) and its return value is
 * handed to the parent by kt_server_start(); the child then waits until
 * kt_server_stop(), which asserts that it exited cleanly.
 */
struct kt_server {
	pid_t pid;
	int ctl; /* parent's end of the control pipe */
};
int kt_server_start(struct kt_server *server, int (*setup)(void *arg),
		    void *arg);
void kt_server_stop(struct kt_server *server);

#endif /* LANDSCOPE_KERNEL_HARNESS_H */
