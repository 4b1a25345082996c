/* SPDX-License-Identifier: MIT */
/*
 * swarm - clients of the echo servers (examples/daemon, server.c), from
 * outside their sandboxes: one that shows what a peer gets, or many at
 * once for the load tests.
 *
 *   swarm ADDRESS MESSAGE    connect, send MESSAGE and a newline, print the
 *                            echo; exit 1 naming the errno if refused
 *   swarm ADDRESS N          connect N clients, all before any sends, then
 *                            send a line on each and read its echo; prints
 *                            "served=S failed=F" and exits 0 if all N were
 *                            served
 *   swarm ADDRESS N SECONDS  connect N clients, print "connected=C", and
 *                            hold them open and silent for SECONDS
 *   swarm ADDRESS N SECONDS slow
 *                            slowloris: connect N clients one after the
 *                            other, print "connected=C", then for SECONDS
 *                            send one byte on each every TRICKLE_MS and
 *                            drain its echo; print "closed=I,J..." (the
 *                            clients, from 0 in connection order, that the
 *                            server closed) or "closed=none"
 *
 * ADDRESS is abstract:NAME, unix:PATH or tcp:PORT (127.0.0.1).  Exit
 * status 2 on a usage error.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define IO_TIMEOUT_MS 20000
/* Slow clients' pace: well under the tests' 1 s --idle-timeout. */
#define TRICKLE_MS 200

struct address {
	union {
		struct sockaddr sa;
		struct sockaddr_un un;
		struct sockaddr_in in;
	} u;
	socklen_t len;
};

static int parse_address(const char *s, struct address *a)
{
	size_t n;
	char *end;
	long port;

	memset(a, 0, sizeof(*a));
	if (!strncmp(s, "abstract:", 9) || !strncmp(s, "unix:", 5)) {
		int abstract = s[0] == 'a';
		const char *name = strchr(s, ':') + 1;

		n = strlen(name);
		if (!n || n + 1 > sizeof(a->u.un.sun_path))
			return -1;
		a->u.un.sun_family = AF_UNIX;
		memcpy(a->u.un.sun_path + abstract, name, n);
		a->len = offsetof(struct sockaddr_un, sun_path) + n + abstract;
		return 0;
	}
	if (!strncmp(s, "tcp:", 4)) {
		port = strtol(s + 4, &end, 10);
		if (*end || !s[4] || port < 1 || port > 65535)
			return -1;
		a->u.in.sin_family = AF_INET;
		a->u.in.sin_port = htons((unsigned short)port);
		a->u.in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		a->len = sizeof(a->u.in);
		return 0;
	}
	return -1;
}

static int connect_one(const struct address *a)
{
	struct timeval tv = { IO_TIMEOUT_MS / 1000, 0 };
	int fd = socket(a->u.sa.sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	/* A full backlog makes a Unix connect wait: not forever. */
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, &a->u.sa, a->len)) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* Read the echo of @want on @fd: 1 if it came back whole. */
static int read_echo(int fd, const char *want)
{
	size_t len = strlen(want), got = 0;
	char buf[64];

	while (got < len) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&pfd, 1, IO_TIMEOUT_MS) != 1)
			return 0;
		n = read(fd, buf + got, len - got);
		if (n <= 0)
			return 0;
		got += (size_t)n;
	}
	return !memcmp(buf, want, len);
}

/* Errno names, so that the tests can match the exact refusal. */
static const char *errname(int err)
{
	const char *name = strerrorname_np(err);

	return name ? name : "?";
}

static int one_client(const char *address, const struct address *a,
		      const char *msg)
{
	char line[512], reply[4096];
	size_t got = 0;
	ssize_t n;
	int fd = connect_one(a);

	if (fd < 0) {
		fprintf(stderr, "swarm: connect to %s: %s (%s)\n", address,
			strerror(-fd), errname(-fd));
		return 1;
	}
	snprintf(line, sizeof(line), "%s\n", msg);
	if (send(fd, line, strlen(line), MSG_NOSIGNAL) < 0) {
		fprintf(stderr, "swarm: send via %s: %s (%s)\n", address,
			strerror(errno), errname(errno));
		close(fd);
		return 1;
	}
	shutdown(fd, SHUT_WR);
	while (got + 1 < sizeof(reply) &&
	       (n = read(fd, reply + got, sizeof(reply) - 1 - got)) > 0)
		got += (size_t)n;
	close(fd);
	reply[got] = '\0';
	fputs(reply, stdout);
	return 0;
}

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* One byte on @fd, its echo drained: 0 while the server keeps it open. */
static int trickle(int fd)
{
	char buf[64];
	ssize_t n;

	if (send(fd, "x", 1, MSG_NOSIGNAL | MSG_DONTWAIT) != 1 &&
	    errno != EAGAIN)
		return -1;
	while ((n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
		;
	return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) ? -1 : 0;
}

static void slow_clients(const struct address *a, int *fds, long n,
			 long seconds)
{
	struct timespec pace = { 0, TRICKLE_MS * 1000000L };
	long long end;
	unsigned int connected = 0;
	int closed = 0;
	long i;

	/* One at a time: the server accepts them in this order. */
	for (i = 0; i < n; i++) {
		fds[i] = connect_one(a);
		if (fds[i] < 0)
			fprintf(stderr, "swarm: client %ld: connect: %s\n", i,
				strerror(-fds[i]));
		else
			connected++;
	}
	printf("connected=%u\n", connected);
	fflush(stdout);
	end = now_ms() + seconds * 1000;
	while (now_ms() < end) {
		for (i = 0; i < n; i++) {
			if (fds[i] < 0 || !trickle(fds[i]))
				continue;
			close(fds[i]);
			fds[i] = -2; /* closed by the server */
		}
		nanosleep(&pace, NULL);
	}
	fputs("closed=", stdout);
	for (i = 0; i < n; i++) {
		if (fds[i] == -2)
			printf("%s%ld", closed++ ? "," : "", i);
		else if (fds[i] >= 0)
			close(fds[i]);
	}
	puts(closed ? "" : "none");
}

int main(int argc, char **argv)
{
	unsigned int served = 0, failed = 0, connected = 0;
	struct address a;
	long n, hold = -1, i;
	char *end;
	int *fds;

	if (argc < 3 || argc > 5 || parse_address(argv[1], &a) ||
	    (argc == 5 && strcmp(argv[4], "slow"))) {
		fprintf(stderr, "usage: swarm ADDRESS MESSAGE\n"
				"       swarm ADDRESS N [SECONDS [slow]]\n");
		return 2;
	}
	if (argc == 3 && strspn(argv[2], "0123456789") != strlen(argv[2]))
		return one_client(argv[1], &a, argv[2]);
	n = strtol(argv[2], &end, 10);
	if (*end || n < 1 || n > 100000) {
		fprintf(stderr, "swarm: bad count %s\n", argv[2]);
		return 2;
	}
	if (argc >= 4) {
		hold = strtol(argv[3], &end, 10);
		if (*end || hold < 0) {
			fprintf(stderr, "swarm: bad time %s\n", argv[3]);
			return 2;
		}
	}
	fds = calloc((size_t)n, sizeof(*fds));
	if (!fds)
		return 1;
	if (argc == 5) {
		slow_clients(&a, fds, n, hold);
		free(fds);
		return 0;
	}
	for (i = 0; i < n; i++) {
		fds[i] = connect_one(&a);
		if (fds[i] >= 0)
			connected++;
		else
			fprintf(stderr, "swarm: client %ld: connect: %s\n", i,
				strerror(-fds[i]));
	}
	if (hold >= 0) {
		printf("connected=%u\n", connected);
		fflush(stdout);
		sleep((unsigned int)hold);
		return 0;
	}
	/* Every client is connected before any speaks: all are held at once. */
	for (i = 0; i < n; i++) {
		char line[32];

		if (fds[i] < 0)
			continue;
		snprintf(line, sizeof(line), "ping %ld\n", i);
		if (send(fds[i], line, strlen(line), MSG_NOSIGNAL) < 0) {
			fprintf(stderr, "swarm: client %ld: send: %s\n", i,
				strerror(errno));
			close(fds[i]);
			fds[i] = -1;
		}
	}
	for (i = 0; i < n; i++) {
		char line[32];

		if (fds[i] < 0) {
			failed++;
			continue;
		}
		snprintf(line, sizeof(line), "ping %ld\n", i);
		if (read_echo(fds[i], line)) {
			served++;
		} else {
			failed++;
			fprintf(stderr, "swarm: client %ld: no echo\n", i);
		}
		close(fds[i]);
	}
	free(fds);
	printf("served=%u failed=%u\n", served, failed);
	return failed ? 1 : 0;
}
