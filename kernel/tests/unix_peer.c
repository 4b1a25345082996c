/* SPDX-License-Identifier: MIT */
/*
 * A Unix socket end for shell tests in the guest (sandboxer-letters.sh):
 *
 *   unix_peer serve stream|dgram abstract|pathname NAME
 *   unix_peer reach stream|dgram abstract|pathname NAME
 *
 * "serve" binds NAME (an abstract name, or a path), listens, accepts and
 * closes connections until it is killed.  "reach" connects (stream) or
 * sends one byte (dgram) to it, retrying while nothing is bound there yet
 * (the server may still be starting), and prints "ok" or the errno name.
 * Its exit status is 0 for "ok" and 1 otherwise, so a script can assert
 * the exact errno from the output.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static void usage(void)
{
	fprintf(stderr, "usage: unix_peer serve|reach stream|dgram "
			"abstract|pathname NAME\n");
	exit(2);
}

static socklen_t make_addr(struct sockaddr_un *addr, int abstract,
			   const char *name)
{
	size_t len = strlen(name);

	if (len + 2 > sizeof(addr->sun_path))
		usage();
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	/* An abstract name starts with a NUL byte and is not terminated. */
	memcpy(addr->sun_path + !!abstract, name, len);
	return offsetof(struct sockaddr_un, sun_path) + !!abstract + len +
	       !abstract;
}

static int serve(int type, const struct sockaddr_un *addr, socklen_t len)
{
	int s = socket(AF_UNIX, type, 0);

	if (s < 0 || bind(s, (const struct sockaddr *)addr, len)) {
		perror("unix_peer: bind");
		return 1;
	}
	if (type == SOCK_DGRAM) {
		char byte;

		for (;;)
			if (recv(s, &byte, 1, 0) < 0 && errno != EINTR)
				return 1;
	}
	if (listen(s, 16)) {
		perror("unix_peer: listen");
		return 1;
	}
	for (;;) {
		int c = accept(s, NULL, NULL);

		if (c >= 0)
			close(c);
	}
}

static int reach_once(int type, const struct sockaddr_un *addr,
		      socklen_t len)
{
	const char byte = 0;
	int s = socket(AF_UNIX, type, 0), err = 0;

	if (s < 0)
		return errno;
	if (type == SOCK_STREAM) {
		if (connect(s, (const struct sockaddr *)addr, len))
			err = errno;
	} else if (sendto(s, &byte, 1, 0, (const struct sockaddr *)addr,
			  len) != 1) {
		err = errno;
	}
	close(s);
	return err;
}

static int reach(int type, const struct sockaddr_un *addr, socklen_t len)
{
	const struct timespec pause = { .tv_nsec = 20 * 1000 * 1000 };
	int err, tries = 250;

	/* Five seconds for the server to bind, under TCG. */
	while ((err = reach_once(type, addr, len)) &&
	       (err == ECONNREFUSED || err == ENOENT) && --tries)
		nanosleep(&pause, NULL);
	printf("%s\n", err ? strerrorname_np(err) : "ok");
	return err ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_un addr;
	socklen_t len;
	int type;

	if (argc != 5)
		usage();
	if (!strcmp(argv[2], "stream"))
		type = SOCK_STREAM;
	else if (!strcmp(argv[2], "dgram"))
		type = SOCK_DGRAM;
	else
		usage();
	if (strcmp(argv[3], "abstract") && strcmp(argv[3], "pathname"))
		usage();
	len = make_addr(&addr, !strcmp(argv[3], "abstract"), argv[4]);
	if (!strcmp(argv[1], "serve"))
		return serve(type, &addr, len);
	if (!strcmp(argv[1], "reach"))
		return reach(type, &addr, len);
	usage();
}
