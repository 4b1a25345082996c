/* SPDX-License-Identifier: MIT */
/*
 * Reproduction of the inbound Unix socket gap, run in the guest.
 *
 *   inbound_gap refused|open
 *
 * A sandboxed child with LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (plus the
 * inbound scope bit of the address kind, when the kernel knows it) binds a
 * socket; its unsandboxed parent connects in (stream) or sends (datagram)
 * and passes an fd to "/" with SCM_RIGHTS.  "refused" asserts the kernel
 * knows the inbound bits and the parent gets EPERM; "open" asserts the
 * kernel does not know them and the child receives the fd.  Each case is
 * checked for an abstract and a pathname address.  The output ends with a
 * kselftest-style "# Totals:" line, and the exit status is 0 only if every
 * case matched.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <poll.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * The bits of the companion patches, for the unpatched uapi headers: v2 at the
 * top of the field, v1 (the 6.12 backport until it follows v2) at 3 and 4.
 */
#define SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND (1ULL << 63)
#define SCOPE_PATHNAME_UNIX_SOCKET_INBOUND (1ULL << 62)
#define SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND_V1 (1ULL << 3)
#define SCOPE_PATHNAME_UNIX_SOCKET_INBOUND_V1 (1ULL << 4)

static int create_ruleset(__u64 scoped)
{
	struct landlock_ruleset_attr attr = { .scoped = scoped };

	return syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
}

static bool scope_known(__u64 bit)
{
	int fd = create_ruleset(bit);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static int restrict_self(__u64 scoped)
{
	int fd = create_ruleset(scoped);
	int ret;

	if (fd < 0)
		return -1;
	ret = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	      syscall(SYS_landlock_restrict_self, fd, 0);
	close(fd);
	return ret ? -1 : 0;
}

static int send_root_fd(int sock)
{
	int root = open("/", O_PATH | O_CLOEXEC);
	char byte = 'x';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
	ssize_t ret;

	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &root, sizeof(int));
	ret = sendmsg(sock, &msg, 0);
	close(root);
	return ret == 1 ? 0 : -1;
}

/* Returns 1 if an fd arrived on @sock within a second, 0 otherwise. */
static int receive_fd(int sock)
{
	char byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct pollfd pfd = { .fd = sock, .events = POLLIN };
	struct cmsghdr *cmsg;

	if (poll(&pfd, 1, 1000) != 1 || recvmsg(sock, &msg, 0) != 1)
		return 0;
	cmsg = CMSG_FIRSTHDR(&msg);
	return cmsg && cmsg->cmsg_type == SCM_RIGHTS;
}

/*
 * Runs one case and returns what the outsider saw: 0 if its fd reached the
 * sandbox, an errno if connect or send failed, or -1 on a setup error.
 */
static int run_case(int type, bool abstract, __u64 scoped)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	socklen_t len;
	int ready[2], result[2], status, err = 0, sock;
	char c = 0;
	pid_t child;

	snprintf(addr.sun_path, sizeof(addr.sun_path), "%cinbound-gap-%d-%d",
		 abstract ? '@' : '/', getpid(), type);
	if (abstract) {
		len = offsetof(struct sockaddr_un, sun_path) +
		      strlen(addr.sun_path);
		addr.sun_path[0] = '\0';
	} else {
		/* A path in the guest's /tmp. */
		memmove(addr.sun_path + 4, addr.sun_path,
			strlen(addr.sun_path) + 1);
		memcpy(addr.sun_path, "/tmp", 4);
		len = sizeof(addr);
		unlink(addr.sun_path);
	}
	if (pipe(ready) || pipe(result))
		return -1;

	child = fork();
	if (child < 0)
		return -1;
	if (child == 0) {
		int srv, conn;

		if (restrict_self(scoped))
			_exit(2);
		srv = socket(AF_UNIX, type, 0);
		if (srv < 0 || bind(srv, (struct sockaddr *)&addr, len) ||
		    (type == SOCK_STREAM && listen(srv, 4)))
			_exit(3);
		if (write(ready[1], "r", 1) != 1)
			_exit(4);
		conn = srv;
		if (type == SOCK_STREAM) {
			struct pollfd pfd = { .fd = srv, .events = POLLIN };

			if (poll(&pfd, 1, 1000) == 1)
				conn = accept(srv, NULL, NULL);
		}
		c = conn >= 0 && receive_fd(conn) ? 'y' : 'n';
		if (write(result[1], &c, 1) != 1)
			_exit(5);
		_exit(0);
	}

	if (read(ready[0], &c, 1) != 1) {
		waitpid(child, &status, 0);
		return -1;
	}
	sock = socket(AF_UNIX, type, 0);
	if (sock < 0)
		return -1;
	if (connect(sock, (struct sockaddr *)&addr, len))
		err = errno;
	else if (send_root_fd(sock))
		err = errno;
	close(sock);
	if (read(result[0], &c, 1) != 1)
		c = '?';
	waitpid(child, &status, 0);
	if (!abstract)
		unlink(addr.sun_path);
	close(ready[0]);
	close(ready[1]);
	close(result[0]);
	close(result[1]);

	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	if (err)
		return err;
	/* Connected: the gap is open only if the fd made it in. */
	return c == 'y' ? 0 : -1;
}

int main(int argc, char **argv)
{
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM };
	bool expect_refused, known;
	int abi, pass = 0, fail = 0;
	unsigned int t, a;

	if (argc != 2 || (strcmp(argv[1], "refused") && strcmp(argv[1], "open"))) {
		fprintf(stderr, "usage: %s refused|open\n", argv[0]);
		return 2;
	}
	expect_refused = !strcmp(argv[1], "refused");

	abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
		      LANDLOCK_CREATE_RULESET_VERSION);
	printf("# Landlock ABI %d\n", abi);
	if (abi < 6) {
		printf("not ok 1 ABI 6 (scopes) needed\n");
		printf("# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0\n");
		return 1;
	}

	for (a = 0; a < 2; a++) {
		const bool abstract = !a;
		__u64 in_bit = abstract ?
			SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND :
			SCOPE_PATHNAME_UNIX_SOCKET_INBOUND;

		known = scope_known(in_bit);
		if (!known) {
			in_bit = abstract ?
				SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND_V1 :
				SCOPE_PATHNAME_UNIX_SOCKET_INBOUND_V1;
			known = scope_known(in_bit);
		}
		for (t = 0; t < 2; t++) {
			const char *const name = types[t] == SOCK_STREAM ?
				"stream" : "dgram";
			const int got = run_case(types[t], abstract,
				SCOPE_ABSTRACT_UNIX_SOCKET |
				(known ? in_bit : 0));
			bool ok;

			if (expect_refused)
				ok = known && got == EPERM;
			else
				ok = !known && got == 0;
			printf("%s %d %s %s: inbound bit %s, outsider %s\n",
			       ok ? "ok" : "not ok", pass + fail + 1,
			       abstract ? "abstract" : "pathname", name,
			       known ? "known" : "unknown",
			       got == 0 ? "passed an fd in (gap open)" :
			       got == EPERM ? "refused with EPERM" :
			       got < 0 ? "setup error" : strerror(got));
			if (ok)
				pass++;
			else
				fail++;
		}
	}
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:0 error:0\n",
	       pass, fail);
	return fail ? 1 : 0;
}
