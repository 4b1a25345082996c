/* SPDX-License-Identifier: MIT */
/*
 * server - the echo server the programs suite runs: examples/daemon.c
 * (restrict, bind, serve) with what real clients need of a daemon, and
 * more listeners (pathname Unix socket, TCP) for the tests to aim at.
 * server.sh checks it under load; the other scripts use it as a listener
 * outside their sandboxes, and server-inside.so checks its sandbox from
 * inside.
 *
 * Start-up order, and why:
 * 1. Listen on the TCP port, if any: once sandboxed, binding is denied
 *    (the inbound scopes are about Unix sockets only).  Remove a stale
 *    pathname socket.
 * 2. Restrict the process: it may write only beneath --dir (plus make and
 *    remove its pathname socket), may not bind or connect TCP or use UDP,
 *    and is scoped for signals, abstract and pathname Unix sockets, and
 *    the inbound Unix scopes where the kernel has them.  Best effort: what
 *    the kernel lacks is logged, not fatal.
 * 3. Bind and listen on the abstract and pathname Unix sockets, inside the
 *    sandbox: a Unix socket belongs, for good, to the domain of the
 *    process that created it (the upstream abstract scope and the
 *    companion series' inbound scopes alike), so these are the sandbox's:
 *    they refuse outsiders where the kernel has the inbound scopes, and
 *    the server's own children reach them.
 * 4. Log the enforcement report, print "ready", serve an echo protocol
 *    (every byte received is sent back) until SIGTERM or SIGINT.
 *
 * What real clients do, and how it copes:
 * - Many at once: up to --max-clients (default 1024, lowered to what the
 *   fd limit leaves), and a listen backlog of SOMAXCONN.
 * - Idle clients: one silent for --idle-timeout seconds (default 60) is
 *   closed, to free the fds of peers that went away.
 * - Slow clients (slowloris): a client sending a byte now and then is
 *   never idle, so idle timeouts cannot stop clients that hold every slot
 *   on purpose.  When every slot is taken, or accept4() fails with EMFILE
 *   (fds inherited beyond stdio leave fewer than --max-clients), a new
 *   connection evicts the client connected longest, and the eviction is
 *   logged and counted (at most one log line a second).  Age is the one
 *   thing a client cannot fake: activity and rate are its to choose, so
 *   evicting the idlest or the slowest would spare an attacker that
 *   trickles bytes, and a time limit or a minimum rate would cut honest
 *   long or quiet sessions even when slots are free.  Evicting the oldest
 *   serves every newcomer, and takes a client's slot only after
 *   max-clients newer connections: a trickle of bytes no longer holds the
 *   server, a flood of connections is needed.
 * - Out of fds with no client to evict, or system-wide (EMFILE, ENFILE,
 *   ENOBUFS, ENOMEM from accept4()): a listener whose connection cannot be
 *   accepted stays readable, so polling it again at once would spin.
 *   Accepting pauses instead, from 50 ms doubling to 1 s while it keeps
 *   failing, and resumes by itself.
 *
 * --accept-outside leaves the inbound scopes out, for a daemon whose clients
 * are other programs: only its own process tree could reach it otherwise.
 *
 * What peers get, any client shows (socat, or the tests' swarm).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#define DEFAULT_MAX_CLIENTS 1024
#define DEFAULT_IDLE_TIMEOUT 60 /* seconds */
/*
 * fds beyond the clients': stdio, signalfd, log, listeners, and one to
 * accept a newcomer before evicting a client for it.
 */
#define RESERVED_FDS (3 + 1 + 1 + NR_LISTENERS + 1)
#define PAUSE_MIN_MS 50
#define PAUSE_MAX_MS 1000

#define INBOUND_SCOPES                                  \
	(LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND | \
	 LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND)

enum {
	L_ABSTRACT,
	L_UNIX,
	L_TCP,
	NR_LISTENERS
};

static const char *const listener_names[] = { "abstract", "unix", "tcp" };

struct client {
	int fd;
	long long last_ms; /* when it last sent something */
	unsigned long seq; /* its connection number: the lowest is oldest */
};

struct server {
	const char *dir;
	const char *abstract; /* name without the leading NUL */
	const char *unix_path;
	int tcp_port; /* -1: none */
	bool accept_outside;
	int listen_fd[NR_LISTENERS];
	struct client *clients; /* max_clients slots, fd -1 when free */
	unsigned int max_clients, nr_clients;
	long long idle_ms;
	int sig_fd;
	int log_fd;
	unsigned long nr_connections, nr_evicted, nr_idle_closed;
	unsigned long nr_evicted_logged;
	long long evicted_log_ms;
	long long pause_until_ms; /* accepting paused until then */
	int pause_ms; /* length of the next pause */
};

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logmsg(const char *fmt, ...)
{
	va_list ap;

	fputs("server: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A sockaddr for "abstract:NAME", "unix:PATH" or "tcp:PORT" (loopback). */
struct address {
	union {
		struct sockaddr sa;
		struct sockaddr_un un;
		struct sockaddr_in in;
	} u;
	socklen_t len;
};

static int make_address(int kind, const char *arg, struct address *a)
{
	size_t n = strlen(arg);
	unsigned long port;
	char *end;

	memset(a, 0, sizeof(*a));
	switch (kind) {
	case L_ABSTRACT:
	case L_UNIX:
		/* An abstract name starts with a NUL and is not terminated. */
		if (!n)
			return -EDESTADDRREQ;
		if (n + 1 > sizeof(a->u.un.sun_path))
			return -ENAMETOOLONG;
		a->u.un.sun_family = AF_UNIX;
		memcpy(a->u.un.sun_path + (kind == L_ABSTRACT), arg, n);
		a->len = offsetof(struct sockaddr_un, sun_path) + n +
			 (kind == L_ABSTRACT);
		return 0;
	case L_TCP:
		errno = 0;
		port = strtoul(arg, &end, 10);
		if (errno || *end || !*arg || port > 65535)
			return -EINVAL;
		a->u.in.sin_family = AF_INET;
		a->u.in.sin_port = htons(port);
		a->u.in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		a->len = sizeof(a->u.in);
		return 0;
	}
	return -EINVAL;
}

/*
 * The report as the library prints it, then one line with everything the
 * kernel lacked: what an operator greps for after a kernel change.
 */
static void log_report(const struct landscope_report *report)
{
	bool dropped = false;
	int cat, i;

	landscope_report_print(report, stderr);
	fputs("server: dropped, the kernel lacks them:", stderr);
	for (cat = LANDSCOPE_CATEGORY_FS; cat <= LANDSCOPE_CATEGORY_FLAGS;
	     cat++) {
		uint64_t req = 0, enf = 0;

		if (landscope_report_category(report, cat, &req, &enf))
			continue;
		for (i = 0; i < 64; i++) {
			uint64_t bit = UINT64_C(1) << i;
			const char *name;

			if (!(req & ~enf & bit))
				continue;
			name = landscope_access_name(cat, bit);
			fprintf(stderr, " %s", name ? name : "?");
			dropped = true;
		}
	}
	fputs(dropped ? "\n" : " nothing\n", stderr);
}

static int sandbox(const struct server *d)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *report = NULL;
	char *copy = NULL;
	int err;

	err = landscope_ruleset_new(&rs, 0);
	if (err)
		goto out;
	/* Handle everything the library knows; the kernel gets its part. */
	err = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					    LANDSCOPE_ACCESS_FS_ALL);
	if (!err)
		err = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
						    LANDSCOPE_ACCESS_NET_ALL);
	if (!err)
		err = landscope_ruleset_add_handled(
			rs, LANDSCOPE_CATEGORY_SCOPE,
			d->accept_outside
				? LANDSCOPE_SCOPE_ALL & ~INBOUND_SCOPES
				: LANDSCOPE_SCOPE_ALL);
	if (!err)
		err = landscope_ruleset_add_path(
			rs, d->dir,
			LANDSCOPE_ACCESS_FS_ALL & ~LANDSCOPE_ACCESS_FS_EXECUTE,
			0);
	if (err) {
		logmsg("--dir %s: %s", d->dir, strerror(-err));
		goto out;
	}
	if (d->unix_path) {
		copy = strdup(d->unix_path);
		if (!copy) {
			err = -ENOMEM;
			goto out;
		}
		/* Made once sandboxed, and removed on exit. */
		err = landscope_ruleset_add_path(
			rs, dirname(copy),
			LANDSCOPE_ACCESS_FS_MAKE_SOCK |
				LANDSCOPE_ACCESS_FS_REMOVE_FILE,
			0);
		if (err) {
			logmsg("--unix %s: %s", d->unix_path, strerror(-err));
			goto out;
		}
	}
	err = landscope_ruleset_restrict_self(rs, 0, &report);
	if (report)
		log_report(report);
	if (err)
		logmsg("cannot sandbox itself: %s", strerror(-err));
	else if (landscope_report_status(report) == LANDSCOPE_NOT_ENFORCED)
		logmsg("warning: running without a sandbox");
out:
	free(copy);
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	return err;
}

static int listen_on(int kind, const char *arg)
{
	struct address a;
	int fd, err, one = 1;

	err = make_address(kind, arg, &a);
	if (err)
		return err;
	fd = socket(a.u.sa.sa_family,
		    SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	if (kind == L_TCP)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, &a.u.sa, a.len) || listen(fd, SOMAXCONN)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

static void log_connection(struct server *d, int kind, int fd)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	char line[256];
	int n;

	d->nr_connections++;
	if (kind != L_TCP &&
	    !getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len))
		n = snprintf(line, sizeof(line),
			     "connection %lu via %s from pid %d uid %u\n",
			     d->nr_connections, listener_names[kind],
			     (int)cred.pid, (unsigned int)cred.uid);
	else
		n = snprintf(line, sizeof(line), "connection %lu via %s\n",
			     d->nr_connections, listener_names[kind]);
	/* The log lives in --dir, the one place the sandbox lets it write. */
	if (d->log_fd >= 0 && n > 0 && write(d->log_fd, line, n) < 0)
		logmsg("writing the log: %s", strerror(errno));
}

static void drop_client(struct server *d, unsigned int i)
{
	close(d->clients[i].fd);
	d->clients[i].fd = -1;
	d->nr_clients--;
}

/*
 * No slot or no fd left for a newcomer (@why): close the client connected
 * longest (see the top).  There is at least one client.
 */
static void evict_oldest(struct server *d, int kind, const char *why)
{
	long long now = now_ms();
	unsigned int i, oldest = d->max_clients;

	for (i = 0; i < d->max_clients; i++)
		if (d->clients[i].fd >= 0 &&
		    (oldest == d->max_clients ||
		     d->clients[i].seq < d->clients[oldest].seq))
			oldest = i;
	drop_client(d, oldest);
	d->nr_evicted++;
	if (now - d->evicted_log_ms < 1000)
		return;
	logmsg("evicted %lu client(s), the oldest, for new ones via %s: %u "
	       "clients, %s (%lu evicted in all)",
	       d->nr_evicted - d->nr_evicted_logged, listener_names[kind],
	       d->nr_clients + 1, why, d->nr_evicted);
	d->nr_evicted_logged = d->nr_evicted;
	d->evicted_log_ms = now;
}

static void accept_client(struct server *d, int kind)
{
	unsigned int i;
	int fd;

	fd = accept4(d->listen_fd[kind], NULL, NULL,
		     SOCK_CLOEXEC | SOCK_NONBLOCK);
	/*
	 * Out of fds below --max-clients (fds inherited beyond stdio): the
	 * same as every slot taken, or slow clients could hold the fds as
	 * they held the slots.  Only EMFILE, the process's own limit, is sure
	 * to be lifted by closing a client; the system-wide shortages back
	 * off below.
	 */
	if (fd < 0 && errno == EMFILE && d->nr_clients) {
		evict_oldest(d, kind, strerror(EMFILE));
		fd = accept4(d->listen_fd[kind], NULL, NULL,
			     SOCK_CLOEXEC | SOCK_NONBLOCK);
	}
	if (fd < 0) {
		if (errno != EMFILE && errno != ENFILE && errno != ENOBUFS &&
		    errno != ENOMEM)
			return;
		if (!d->pause_ms)
			d->pause_ms = PAUSE_MIN_MS;
		logmsg("accept via %s: %s with %u clients: not accepting for "
		       "%d ms",
		       listener_names[kind], strerror(errno), d->nr_clients,
		       d->pause_ms);
		d->pause_until_ms = now_ms() + d->pause_ms;
		if (d->pause_ms < PAUSE_MAX_MS)
			d->pause_ms *= 2;
		return;
	}
	d->pause_ms = 0;
	if (d->nr_clients == d->max_clients)
		evict_oldest(d, kind, "the maximum");
	for (i = 0; i < d->max_clients; i++) {
		if (d->clients[i].fd < 0) {
			log_connection(d, kind, fd);
			d->clients[i].fd = fd;
			d->clients[i].last_ms = now_ms();
			d->clients[i].seq = d->nr_connections;
			d->nr_clients++;
			return;
		}
	}
}

/* Close idle clients; the time until the next one would be idle, or -1. */
static int reap_idle(struct server *d)
{
	long long now = now_ms(), next = -1;
	unsigned int i, closed = 0;

	for (i = 0; i < d->max_clients; i++) {
		long long left;

		if (d->clients[i].fd < 0)
			continue;
		left = d->clients[i].last_ms + d->idle_ms - now;
		if (left <= 0) {
			drop_client(d, i);
			closed++;
		} else if (next < 0 || left < next) {
			next = left;
		}
	}
	if (closed) {
		d->nr_idle_closed += closed;
		logmsg("closed %u idle client(s) (%lu in all)", closed,
		       d->nr_idle_closed);
	}
	return next < 0 ? -1 : (int)next;
}

static void serve_client(struct server *d, unsigned int i)
{
	char buf[4096];
	ssize_t n;

	n = read(d->clients[i].fd, buf, sizeof(buf));
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	d->clients[i].last_ms = now_ms();
	/*
	 * A client that does not read its echo is dropped rather than
	 * allowed to block the others.
	 */
	if (n <= 0 ||
	    send(d->clients[i].fd, buf, n, MSG_NOSIGNAL | MSG_DONTWAIT) != n)
		drop_client(d, i);
}

/* The poll timeout: the next idle deadline or the end of a pause. */
static int next_timeout(struct server *d, bool *paused)
{
	int timeout = reap_idle(d);
	long long left = d->pause_until_ms - now_ms();

	*paused = left > 0;
	if (*paused && (timeout < 0 || left < timeout))
		timeout = (int)left;
	return timeout;
}

/* 0 on SIGTERM or SIGINT. */
static int serve(struct server *d)
{
	size_t size = 1 + NR_LISTENERS + d->max_clients;
	struct pollfd *pfd = calloc(size, sizeof(*pfd));
	int *idx = calloc(size, sizeof(*idx));
	struct signalfd_siginfo si;
	int i, n, timeout, ret = 0;
	bool paused;

	if (!pfd || !idx) {
		logmsg("out of memory for %u clients", d->max_clients);
		ret = -ENOMEM;
		goto out;
	}
	for (;;) {
		timeout = next_timeout(d, &paused);
		n = 0;
		pfd[n].fd = d->sig_fd;
		pfd[n].events = POLLIN;
		idx[n++] = -1;
		for (i = 0; i < NR_LISTENERS && !paused; i++) {
			if (d->listen_fd[i] < 0)
				continue;
			pfd[n].fd = d->listen_fd[i];
			pfd[n].events = POLLIN;
			idx[n++] = i;
		}
		for (i = 0; i < (int)d->max_clients; i++) {
			if (d->clients[i].fd < 0)
				continue;
			pfd[n].fd = d->clients[i].fd;
			pfd[n].events = POLLIN;
			idx[n++] = NR_LISTENERS + i;
		}
		if (poll(pfd, n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			logmsg("poll: %s", strerror(errno));
			ret = -errno;
			goto out;
		}
		for (i = 0; i < n; i++) {
			if (!pfd[i].revents)
				continue;
			if (idx[i] < 0) {
				if (read(d->sig_fd, &si, sizeof(si)) !=
				    sizeof(si))
					continue;
				if (si.ssi_signo != SIGCHLD)
					goto out;
				while (waitpid(-1, NULL, WNOHANG) > 0)
					;
			} else if (idx[i] < NR_LISTENERS) {
				accept_client(d, idx[i]);
			} else if (pfd[i].fd ==
				   d->clients[idx[i] - NR_LISTENERS].fd) {
				/*
				 * Unless an eviction above closed this client:
				 * its slot is then empty or a newcomer's.
				 */
				serve_client(d, idx[i] - NR_LISTENERS);
			}
		}
	}
out:
	free(pfd);
	free(idx);
	return ret;
}

/* --max-clients, lowered to what RLIMIT_NOFILE leaves for clients. */
static int size_clients(struct server *d)
{
	struct rlimit rl;
	unsigned int i;

	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur != RLIM_INFINITY) {
		rlim_t left = rl.rlim_cur > RESERVED_FDS
				      ? rl.rlim_cur - RESERVED_FDS
				      : 0;

		if (left < d->max_clients) {
			logmsg("fd limit %llu: serving at most %llu clients",
			       (unsigned long long)rl.rlim_cur,
			       (unsigned long long)left);
			d->max_clients = (unsigned int)left;
		}
	}
	if (!d->max_clients) {
		logmsg("the fd limit leaves no fd for a client");
		return -EMFILE;
	}
	d->clients = calloc(d->max_clients, sizeof(*d->clients));
	if (!d->clients)
		return -ENOMEM;
	for (i = 0; i < d->max_clients; i++)
		d->clients[i].fd = -1;
	return 0;
}

/* A positive number from @arg, at most @max, for option @opt. */
static int parse_count(const char *opt, const char *arg, long max, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(arg, &end, 10);
	if (errno || *end || !*arg || *v < 1 || *v > max) {
		logmsg("%s: expected a number from 1 to %ld, not \"%s\"", opt,
		       max, arg);
		return -EINVAL;
	}
	return 0;
}

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"Usage: %1$s --dir DIR [--abstract NAME] [--unix PATH] [--tcp PORT]\n"
		"          [--max-clients N] [--idle-timeout SECONDS]\n"
		"          [--accept-outside]\n"
		"\n"
		"A self-sandboxing echo server.  It listens on the given sockets, then\n"
		"restricts itself with Landlock: it may write only beneath DIR (its log,\n"
		"server.log, is there), may not bind or connect TCP nor use UDP, may not\n"
		"signal or connect to Unix sockets outside its sandbox and, on kernels\n"
		"with liblandscope's patches, accepts Unix connections only from inside\n"
		"its sandbox.  It logs the enforcement report to stderr, prints \"ready\"\n"
		"to stdout and echoes back whatever clients send, until SIGTERM.\n"
		"\n"
		"  --dir DIR        the only directory it may write to (must exist)\n"
		"  --abstract NAME  listen on the abstract Unix socket @NAME\n"
		"  --unix PATH      listen on the pathname Unix socket PATH\n"
		"  --tcp PORT       listen on 127.0.0.1:PORT (0: any free port)\n"
		"  --max-clients N  serve at most N clients at once (default 1024, and\n"
		"                   what the fd limit leaves); when all are taken, a new\n"
		"                   client evicts the one connected longest, logged\n"
		"  --idle-timeout SECONDS\n"
		"                   close a client silent for that long (default 60)\n"
		"  --accept-outside accept Unix connections from outside the sandbox too\n"
		"                   (no inbound scopes): a daemon serving other programs\n"
		"\n"
		"Example:\n"
		"  %1$s --dir /tmp/state --abstract echo &\n"
		"  socat - ABSTRACT-CONNECT:echo\n",
		prog);
}

enum {
	OPT_DIR = 256,
	OPT_ABSTRACT,
	OPT_UNIX,
	OPT_TCP,
	OPT_ACCEPT_OUTSIDE,
	OPT_MAX_CLIENTS,
	OPT_IDLE_TIMEOUT
};

static const struct option options[] = {
	{ "dir", required_argument, NULL, OPT_DIR },
	{ "abstract", required_argument, NULL, OPT_ABSTRACT },
	{ "unix", required_argument, NULL, OPT_UNIX },
	{ "tcp", required_argument, NULL, OPT_TCP },
	{ "accept-outside", no_argument, NULL, OPT_ACCEPT_OUTSIDE },
	{ "max-clients", required_argument, NULL, OPT_MAX_CLIENTS },
	{ "idle-timeout", required_argument, NULL, OPT_IDLE_TIMEOUT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int main(int argc, char **argv)
{
	struct server d = {
		.tcp_port = -1,
		.sig_fd = -1,
		.log_fd = -1,
		.max_clients = DEFAULT_MAX_CLIENTS,
		.idle_ms = DEFAULT_IDLE_TIMEOUT * 1000LL,
	};
	struct stat st;
	char path[4096], port[16];
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	sigset_t mask;
	int opt, i, err;
	char *end;
	long v;

	for (i = 0; i < NR_LISTENERS; i++)
		d.listen_fd[i] = -1;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_DIR:
			d.dir = optarg;
			break;
		case OPT_ABSTRACT:
			d.abstract = optarg;
			break;
		case OPT_UNIX:
			d.unix_path = optarg;
			break;
		case OPT_TCP:
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || !*optarg || v < 0 || v > 65535) {
				logmsg("--tcp: invalid port \"%s\"", optarg);
				return 2;
			}
			d.tcp_port = v;
			break;
		case OPT_ACCEPT_OUTSIDE:
			d.accept_outside = true;
			break;
		case OPT_MAX_CLIENTS:
			if (parse_count("--max-clients", optarg, 1 << 20, &v))
				return 2;
			d.max_clients = (unsigned int)v;
			break;
		case OPT_IDLE_TIMEOUT:
			if (parse_count("--idle-timeout", optarg, 86400, &v))
				return 2;
			d.idle_ms = v * 1000LL;
			break;
		case 'h':
			usage(stdout, argv[0]);
			return 0;
		default:
			usage(stderr, argv[0]);
			return 2;
		}
	}
	if (optind != argc || !d.dir ||
	    (!d.abstract && !d.unix_path && d.tcp_port < 0)) {
		logmsg("--dir and at least one socket are needed (see --help)");
		return 2;
	}
	/* Refused before anything is bound: the sandbox is built on --dir. */
	if (stat(d.dir, &st)) {
		logmsg("--dir %s: %s", d.dir, strerror(errno));
		return 2;
	}
	if (!S_ISDIR(st.st_mode)) {
		logmsg("--dir %s: %s", d.dir, strerror(ENOTDIR));
		return 2;
	}
	if (d.abstract && !*d.abstract) {
		logmsg("--abstract: the name must not be empty");
		return 2;
	}
	if (size_clients(&d))
		return 1;

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	d.sig_fd = signalfd(-1, &mask, SFD_CLOEXEC);
	if (d.sig_fd < 0) {
		logmsg("signalfd: %s", strerror(errno));
		return 1;
	}

	/* 1. The TCP listener, before the sandbox denies any bind. */
	if (d.tcp_port >= 0) {
		snprintf(port, sizeof(port), "%d", d.tcp_port);
		d.listen_fd[L_TCP] = listen_on(L_TCP, port);
		if (d.listen_fd[L_TCP] < 0) {
			logmsg("--tcp %s: %s", port,
			       strerror(-d.listen_fd[L_TCP]));
			return 1;
		}
		if (!getsockname(d.listen_fd[L_TCP], (struct sockaddr *)&sin,
				 &len))
			d.tcp_port = ntohs(sin.sin_port);
	}

	if (d.unix_path)
		unlink(d.unix_path);

	/* 2. The sandbox. */
	err = sandbox(&d);
	if (err)
		return 1;

	/* 3. The Unix listeners, the sandbox's own (see the top). */
	if (d.abstract) {
		d.listen_fd[L_ABSTRACT] = listen_on(L_ABSTRACT, d.abstract);
		if (d.listen_fd[L_ABSTRACT] < 0) {
			logmsg("--abstract %s: %s", d.abstract,
			       strerror(-d.listen_fd[L_ABSTRACT]));
			return 1;
		}
	}
	if (d.unix_path) {
		d.listen_fd[L_UNIX] = listen_on(L_UNIX, d.unix_path);
		if (d.listen_fd[L_UNIX] < 0) {
			logmsg("--unix %s: %s", d.unix_path,
			       strerror(-d.listen_fd[L_UNIX]));
			return 1;
		}
	}

	snprintf(path, sizeof(path), "%s/server.log", d.dir);
	d.log_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (d.log_fd < 0)
		logmsg("%s: %s", path, strerror(errno));

	/* 4. Ready. */
	printf("ready pid=%d", (int)getpid());
	if (d.abstract)
		printf(" abstract=@%s", d.abstract);
	if (d.unix_path)
		printf(" unix=%s", d.unix_path);
	if (d.tcp_port >= 0)
		printf(" tcp=%d", d.tcp_port);
	printf("\n");
	fflush(stdout);

	err = serve(&d);
	logmsg("exiting after %lu connections (%lu evicted, %lu closed idle)",
	       d.nr_connections, d.nr_evicted, d.nr_idle_closed);
	if (d.unix_path)
		unlink(d.unix_path);
	free(d.clients);
	return err ? 1 : 0;
}
