/* SPDX-License-Identifier: MIT */
/*
 * daemon - an echo server that sandboxes itself, then listens: restrict,
 * bind, serve.
 *
 *   daemon --dir DIR --abstract NAME [--accept-outside]
 *
 * 1. Restrict: handle every right and scope the library knows and allow
 *    one thing, writing beneath DIR.  Everything else is denied: the rest
 *    of the filesystem, TCP and UDP, signals and Unix connections to
 *    processes outside the sandbox and, on kernels with the inbound scopes
 *    (liblandscope's kernel patches), connections from outside to its
 *    socket, unless --accept-outside leaves those scopes out.  Best effort:
 *    the kernel enforces what it has, and the report says what it lacks.
 * 2. Bind after restricting: a Unix socket belongs to the domain of the
 *    process that created it, for good, so only a socket made inside the
 *    sandbox is one its inbound scopes protect.  An abstract name needs
 *    no filesystem right.
 * 3. Serve: print "ready", then echo back what each client sends, one
 *    client at a time, until SIGTERM.
 *
 * tests/programs/server.c is this server hardened for real clients (many
 * at once, idle and slow ones, no fd left), which the tests run.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

static int restrict_to(const char *dir, bool accept_outside)
{
	const uint64_t inbound = LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND |
				 LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND;
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *report = NULL;
	int err;

	err = landscope_ruleset_new(&rs, 0);
	if (!err)
		err = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
						    LANDSCOPE_ACCESS_FS_ALL);
	if (!err)
		err = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
						    LANDSCOPE_ACCESS_NET_ALL);
	if (!err)
		err = landscope_ruleset_add_handled(
			rs, LANDSCOPE_CATEGORY_SCOPE,
			LANDSCOPE_SCOPE_ALL & ~(accept_outside ? inbound : 0));
	if (!err)
		err = landscope_ruleset_add_path(
			rs, dir,
			LANDSCOPE_ACCESS_FS_ALL & ~LANDSCOPE_ACCESS_FS_EXECUTE,
			0);
	if (!err)
		err = landscope_ruleset_restrict_self(rs, 0, &report);
	if (report)
		landscope_report_print(report, stderr);
	if (err)
		fprintf(stderr, "daemon: cannot sandbox itself: %s\n",
			strerror(-err));
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	return err;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "abstract", required_argument, NULL, 'a' },
		{ "accept-outside", no_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	const char *dir = NULL, *name = NULL;
	bool accept_outside = false;
	char buf[4096];
	int opt, fd, client;
	ssize_t n;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt == 'd')
			dir = optarg;
		else if (opt == 'a')
			name = optarg;
		else if (opt == 'o')
			accept_outside = true;
		else
			return 2;
	}
	if (!dir || !name || !*name || strlen(name) >= sizeof(addr.sun_path)) {
		fprintf(stderr,
			"usage: %s --dir DIR --abstract NAME "
			"[--accept-outside]\n",
			argv[0]);
		return 2;
	}

	/* 1. Restrict. */
	if (restrict_to(dir, accept_outside))
		return 1;
	/* 2. Bind: an abstract name starts with a NUL, and is not ended. */
	memcpy(addr.sun_path + 1, name, strlen(name));
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    bind(fd, (struct sockaddr *)&addr,
		 offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name)) ||
	    listen(fd, 16)) {
		perror("daemon: @socket");
		return 1;
	}
	/* 3. Serve. */
	printf("ready pid=%d abstract=@%s\n", (int)getpid(), name);
	fflush(stdout);
	for (;;) {
		client = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
		if (client < 0)
			continue;
		while ((n = read(client, buf, sizeof(buf))) > 0)
			if (write(client, buf, (size_t)n) != n)
				break;
		close(client);
	}
}
