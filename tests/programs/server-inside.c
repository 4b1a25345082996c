/* SPDX-License-Identifier: MIT */
/*
 * server-inside.so: what the server's (server.c) own sandbox allows, checked
 * from inside that very sandbox, with no test code in the server.
 *
 * The server restricts itself after start-up and may not exec afterwards,
 * so a helper cannot be run in its domain from the outside.  Preloaded
 * (LD_PRELOAD), this library is in the server from the start: its
 * constructor notes the server's --dir and parent and installs a SIGUSR2
 * handler.  A signal from outside the sandbox is allowed in, so once the
 * server is ready the test sends SIGUSR2, and the handler forks a child in
 * the server's domain, the way a real child of the server would be.  The
 * child echoes through each listener the server holds, creates a file in
 * --dir and one beside it, signals the server's parent, and writes one
 * "self-test: WHAT: ok|ERRNO" line per check, then "self-test: done", to
 * the server's stdout.  The server reaps it as any child.
 *
 * Everything the child needs is prepared in the constructor: it only makes
 * system calls and formats lines, as a child forked in a signal handler
 * should.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "errname.h"

#define MAX_FD 1024

static char dir[4096]; /* the server's --dir */
static char outside[sizeof(dir) + 3]; /* DIR/.., the one that holds it */
static pid_t parent; /* the server's parent */

/* One line, written at once: the server shares stdout. */
static void result(const char *what, int err)
{
	char line[256];
	int n;

	n = snprintf(line, sizeof(line), "self-test: %s: %s\n", what,
		     err ? errno_name(-err) : "ok");
	if (n > 0 && write(STDOUT_FILENO, line, n) < 0)
		_exit(3);
}

/* Send a line through a connected @fd and read it back. */
static int echo_once(int fd)
{
	static const char msg[] = "ping\n";
	char buf[64];
	size_t got = 0;
	ssize_t n;

	if (send(fd, msg, sizeof(msg) - 1, MSG_NOSIGNAL) != sizeof(msg) - 1)
		return -errno;
	shutdown(fd, SHUT_WR);
	while (got + 1 < sizeof(buf)) {
		n = read(fd, buf + got, sizeof(buf) - 1 - got);
		if (n < 0)
			return -errno;
		if (!n)
			break;
		got += n;
	}
	buf[got] = '\0';
	return strcmp(buf, msg) ? -EPROTO : 0;
}

static int try_echo(const struct sockaddr *sa, socklen_t len)
{
	int fd, err;

	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	err = connect(fd, sa, len) ? -errno : echo_once(fd);
	close(fd);
	return err;
}

static int try_create(const char *in)
{
	char path[4200];
	int fd;

	snprintf(path, sizeof(path), "%s/landscope-server-inside.%d", in,
		 (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	close(fd);
	unlink(path);
	return 0;
}

union address {
	struct sockaddr sa;
	struct sockaddr_un un;
	struct sockaddr_in in;
};

enum {
	ABSTRACT,
	PATHNAME,
	TCP,
	NR_KINDS
};

static const char *const echo_what[NR_KINDS] = {
	"echo via abstract socket (same sandbox)",
	"echo via pathname socket (same sandbox)",
	"connect to its own TCP port",
};

/*
 * The listeners are whatever listening sockets the server holds: their
 * addresses say which kind each is, so nothing about its options is
 * guessed.
 */
static void check_listeners(void)
{
	union address addr[NR_KINDS], a;
	socklen_t len[NR_KINDS] = { 0 };
	int fd, kind, on;

	for (fd = 0; fd < MAX_FD; fd++) {
		socklen_t alen = sizeof(on), slen = sizeof(a);

		if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &alen) ||
		    !on || getsockname(fd, &a.sa, &slen))
			continue;
		if (a.sa.sa_family == AF_INET)
			kind = TCP;
		else if (a.sa.sa_family != AF_UNIX ||
			 slen <= offsetof(struct sockaddr_un, sun_path))
			continue;
		else
			kind = a.un.sun_path[0] ? PATHNAME : ABSTRACT;
		addr[kind] = a;
		len[kind] = slen;
	}
	for (kind = 0; kind < NR_KINDS; kind++)
		if (len[kind])
			result(echo_what[kind],
			       try_echo(&addr[kind].sa, len[kind]));
}

/* The child: in the server's sandbox, not one of its listeners. */
static void check_all(void)
{
	char what[64];

	check_listeners();
	result("create a file in --dir", try_create(dir));
	result("create a file outside --dir", try_create(outside));
	snprintf(what, sizeof(what), "signal its parent (pid %d)", (int)parent);
	result(what, kill(parent, 0) ? -errno : 0);
	if (write(STDOUT_FILENO, "self-test: done\n", 16) < 0)
		_exit(3);
}

static void on_signal(int sig)
{
	int saved = errno;

	(void)sig;
	if (!fork()) {
		check_all();
		_exit(0);
	}
	errno = saved;
}

/* --dir DIR or --dir=DIR, as getopt_long() takes it. */
static void find_dir(int argc, char **argv)
{
	const char *d = NULL;
	int i;

	for (i = 1; i < argc && !d; i++) {
		if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			d = argv[i + 1];
		else if (!strncmp(argv[i], "--dir=", 6))
			d = argv[i] + 6;
	}
	snprintf(dir, sizeof(dir), "%s", d ? d : ".");
	/* Landlock judges the directory ".." resolves to: not --dir. */
	snprintf(outside, sizeof(outside), "%s/..", dir);
}

/* glibc passes the program's arguments to the constructors. */
__attribute__((constructor)) static void server_inside_init(int argc,
							    char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal,
				.sa_flags = SA_RESTART };

	find_dir(argc, argv);
	parent = getppid();
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR2, &sa, NULL);
}
