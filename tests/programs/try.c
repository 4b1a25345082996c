/* SPDX-License-Identifier: MIT */
/*
 * try - attempt one real operation and print its outcome, for the examples'
 * tests: "ok", or the errno's name (EACCES, EPERM...).  Exit status 0 if
 * the operation succeeded, 1 if it failed, 2 on a usage error.
 *
 * It does not use liblandscope: the landlock-* operations ask the kernel
 * directly, so that the tests can check the library's probe against it.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "errname.h"

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#endif

/* "ok", or the errno's name: what the tests compare. */
static const char *errname(int err)
{
	return err ? errno_name(err) : "ok";
}

static int outcome(int err)
{
	printf("%s\n", errname(err));
	return err ? 1 : 0;
}

static int sock_connect(int family, const struct sockaddr *sa, socklen_t len)
{
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int err = 0;

	if (fd < 0)
		return errno;
	if (connect(fd, sa, len))
		err = errno;
	close(fd);
	return err;
}

static int unix_connect(const char *name, int abstract)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	size_t n = strlen(name);

	if (n + 2 > sizeof(un.sun_path))
		return ENAMETOOLONG;
	memcpy(un.sun_path + abstract, name, n);
	return sock_connect(AF_UNIX, (struct sockaddr *)&un,
			    offsetof(struct sockaddr_un, sun_path) + n +
				    abstract);
}

static void loopback(struct sockaddr_in *in, const char *port)
{
	memset(in, 0, sizeof(*in));
	in->sin_family = AF_INET;
	in->sin_port = htons(atoi(port));
	in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

/* IPPROTO_MPTCP: Landlock's TCP rights miss it (issue 23). */
#define TRY_IPPROTO_MPTCP 262

/* On the loopback: bind(2) a port, or connect(2) to one (UDP, MPTCP). */
static int inet_op(int type, int protocol, const char *port, bool do_bind)
{
	struct sockaddr_in in;
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, protocol);
	int err = 0;

	if (fd < 0)
		return errno;
	loopback(&in, port);
	if (do_bind ? bind(fd, (struct sockaddr *)&in, sizeof(in))
		    : connect(fd, (struct sockaddr *)&in, sizeof(in)))
		err = errno;
	close(fd);
	return err;
}

static int write_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	int err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, "x\n", 2) != 2)
		err = errno;
	close(fd);
	return err;
}

static int read_file(const char *path)
{
	char buf[64];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int err = 0;

	if (fd < 0)
		return errno;
	if (read(fd, buf, sizeof(buf)) < 0)
		err = errno;
	close(fd);
	return err;
}

static int list_dir(const char *path)
{
	DIR *d = opendir(path);

	if (!d)
		return errno;
	closedir(d);
	return 0;
}

/* A TCP port free on the loopback right now, printed. */
static int free_port(void)
{
	struct sockaddr_in in;
	socklen_t len = sizeof(in);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	loopback(&in, "0");
	if (fd < 0 || bind(fd, (struct sockaddr *)&in, sizeof(in)) ||
	    getsockname(fd, (struct sockaddr *)&in, &len))
		return outcome(errno);
	printf("%d\n", ntohs(in.sin_port));
	close(fd);
	return 0;
}

/* The three fields of struct landlock_ruleset_attr up to ABI 9. */
struct ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

static int landlock(const struct ruleset_attr *attr, size_t size,
		    unsigned int flags)
{
	return syscall(__NR_landlock_create_ruleset, attr, size, flags);
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";
	const char *a = argc > 2 ? argv[2] : NULL;
	const char *b = argc > 3 ? argv[3] : NULL;
	struct sockaddr_in in;
	int ret;

	if (!strcmp(op, "exit") && a)
		return atoi(a);
	if (!strcmp(op, "free-port"))
		return free_port();
	if (!strcmp(op, "landlock-abi") || !strcmp(op, "landlock-errata")) {
		ret = landlock(NULL, 0, op[9] == 'a' ? 1 : 2);
		if (ret < 0)
			return outcome(errno);
		printf("%d\n", ret);
		return 0;
	}
	if (!a)
		goto usage;
	if (!strncmp(op, "landlock-", 9)) {
		struct ruleset_attr attr = { 0 };
		uint64_t bit = UINT64_C(1) << atoi(a);

		if (!strcmp(op, "landlock-fs"))
			attr.handled_access_fs = bit;
		else if (!strcmp(op, "landlock-net"))
			attr.handled_access_net = bit;
		else if (!strcmp(op, "landlock-scope"))
			attr.scoped = bit;
		else
			goto usage;
		ret = landlock(&attr, sizeof(attr), 0);
		if (ret >= 0)
			close(ret);
		return outcome(ret < 0 ? errno : 0);
	}
	if (!strcmp(op, "read"))
		return outcome(read_file(a));
	if (!strcmp(op, "write"))
		return outcome(write_file(a));
	if (!strcmp(op, "ls"))
		return outcome(list_dir(a));
	if (!strcmp(op, "mkdir"))
		return outcome(mkdir(a, 0755) ? errno : 0);
	if (!strcmp(op, "rmdir"))
		return outcome(rmdir(a) ? errno : 0);
	if (!strcmp(op, "unlink"))
		return outcome(unlink(a) ? errno : 0);
	if (!strcmp(op, "mkfifo"))
		return outcome(mkfifo(a, 0644) ? errno : 0);
	if (!strcmp(op, "truncate"))
		return outcome(truncate(a, 0) ? errno : 0);
	if (!strcmp(op, "symlink") && b)
		return outcome(symlink(a, b) ? errno : 0);
	if (!strcmp(op, "rename") && b)
		return outcome(rename(a, b) ? errno : 0);
	if (!strcmp(op, "link") && b)
		return outcome(link(a, b) ? errno : 0);
	if (!strcmp(op, "exec")) {
		execv(a, argv + 2);
		return outcome(errno);
	}
	if (!strcmp(op, "connect-abstract"))
		return outcome(unix_connect(a, 1));
	if (!strcmp(op, "connect-unix"))
		return outcome(unix_connect(a, 0));
	if (!strcmp(op, "connect-tcp")) {
		loopback(&in, a);
		return outcome(sock_connect(AF_INET, (struct sockaddr *)&in,
					    sizeof(in)));
	}
	if (!strcmp(op, "bind-tcp"))
		return outcome(inet_op(SOCK_STREAM, 0, a, true));
	if (!strcmp(op, "bind-udp") || !strcmp(op, "connect-udp"))
		return outcome(inet_op(SOCK_DGRAM, 0, a, op[0] == 'b'));
	if (!strcmp(op, "bind-mptcp") || !strcmp(op, "connect-mptcp"))
		return outcome(inet_op(SOCK_STREAM, TRY_IPPROTO_MPTCP, a,
				       op[0] == 'b'));
	if (!strcmp(op, "kill"))
		return outcome(kill(atoi(a), 0) ? errno : 0);
	if (!strcmp(op, "getenv")) {
		printf("%s\n", getenv(a) ? getenv(a) : "(unset)");
		return 0;
	}
usage:
	fprintf(stderr, "usage: try OPERATION ARGS (see try.c)\n");
	return 2;
}
