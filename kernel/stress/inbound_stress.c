/* SPDX-License-Identifier: MIT */
/*
 * Stress test of the inbound Unix socket scopes' ownership code, run in the
 * guest on a patched kernel:
 *
 *   inbound_stress [-v] [-F] SECONDS
 *
 * For SECONDS, in parallel:
 * - owner processes, re-forked every 2-4 s, each its own Landlock domain
 *   with the abstract inbound scope, the pathname one or both, sometimes
 *   stacked over an earlier layer without an inbound scope, sometimes with
 *   the outbound abstract scope too.  Each binds listeners and datagram
 *   sockets before restricting itself (they must be adopted) and after
 *   each restriction; a "restricter" thread stacks up to MAX_DEPTH inbound
 *   layers, with and without LANDLOCK_RESTRICT_SELF_TSYNC when the kernel
 *   has it, while churn threads of the same process socketpair(), bind,
 *   accept, connect, close, dup2() over fds, pass fds with SCM_RIGHTS and
 *   stack layers without an inbound scope, and a server thread accepts and
 *   drains;
 * - outsiders that connect and send to every published socket: an
 *   unsandboxed process, a process in a sibling domain, a process in the
 *   parent domain of some owners, and, in owners that never use TSYNC, the
 *   owner's own threads left in the older domain, among them threads that
 *   stack inbound layers of their own beside the restricter's, so that two
 *   adoptions walk the same file table at once.
 *
 * The invariant, checked on every connect(2)/sendto(2) of an outsider: a
 * peer outside an owner's domain never gets through to a socket whose owner
 * domain has the inbound bit for its address kind.  A socket is published
 * as protected only once that is certain: bound after the owner's inbound
 * restriction, or held in the owner's file table (at an fd no thread ever
 * closes) across a completed one.  Names are never reused, so an address
 * always means the socket it was published for.
 *
 * Control cases keep the test from passing vacuously; each must succeed at
 * least once and never be refused: outsiders reach published unprotected
 * sockets (an unsandboxed server's, an owner's sockets of the kind its
 * domain does not scope, and sockets bound before a first layer without an
 * inbound scope, which the later inbound layer must not adopt); a child of
 * the restricter, in the owner's domain or nested below it, reaches every
 * protected socket of its owner; and an unsandboxed datagram socket sends a
 * reply to a protected socket that connected itself to it.
 *
 * -F (self-test of the checker, must make the run fail): publish the
 * sockets bound before the first non-inbound layer, which stay unprotected,
 * as protected; on a kernel without the inbound scopes, run anyway without
 * them instead of skipping.
 *
 * Exit status: 0 when everything held, 1 on a violation, a refused control
 * case, a control case never seen or a setup error, 77 when the kernel
 * lacks the inbound scopes (the reason on stdout, after "skip: ").  The last line of stdout
 * is "counts: name=value ...".
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Either base's uapi header may predate these. */
#ifndef LANDLOCK_CREATE_RULESET_VERSION
#define LANDLOCK_CREATE_RULESET_VERSION (1U << 0)
#endif
#ifndef LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#endif
#ifndef LANDLOCK_SCOPE_SIGNAL
#define LANDLOCK_SCOPE_SIGNAL (1ULL << 1)
#endif
/* The v2 companion bits, at the top of the field. */
#ifndef LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND (1ULL << 63)
#endif
#ifndef LANDLOCK_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND
#define LANDLOCK_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND (1ULL << 62)
#endif
#ifndef LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF
#define LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF (1U << 2)
#endif
#ifndef LANDLOCK_RESTRICT_SELF_TSYNC
#define LANDLOCK_RESTRICT_SELF_TSYNC (1U << 3)
#endif

#ifndef SYS_close_range
#define SYS_close_range 436
#endif

/*
 * The bits and rules of the series under test: v2 (bits 63 and 62, a socket
 * is its creator's, no reply exception, accept checked) or, when the kernel
 * only knows bits 3 and 4, v1 (the 6.12 backport until it follows: sockets
 * held at the restriction are adopted, replies from the connected peer are
 * let in).
 */
static __u64 inbound_abstract = LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND;
static __u64 inbound_pathname = LANDLOCK_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND;
static int v1;
#define INBOUND_ABSTRACT inbound_abstract
#define INBOUND_PATHNAME inbound_pathname

#define NOWNERS 3		/* owner processes alive at a time */
#define NCHURN 3		/* churn threads per owner */
#define NREGIONS (NOWNERS + 1)	/* one per owner, one for the open server */
#define NSLOTS 64		/* published sockets per region */
#define MAX_REG 64		/* sockets an owner keeps */
#define MAX_DEPTH 12		/* of 16 layers: churn threads add up to 3 */
#define SLOT_BASE 512		/* churn fds, above anything else */
#define NCHURN_FDS 12		/* per churn thread */
#define MAX_REPORTS 20		/* printed violations and refusals */

enum kind { ABSTRACT, PATHNAME };

enum expect {
	EXPECT_NONE,	/* not published (yet) */
	EXPECT_REFUSED,	/* outsiders must get EPERM */
	EXPECT_OPEN,	/* outsiders must get through */
	EXPECT_REPLY,	/* not even the peer it connected to may send */
};

#define COUNTERS(X)							\
	X(generations) X(restrict) X(restrict_tsync) X(restrict_sibling)	\
	X(restrict_failed) X(held_open) X(bind) X(accept) X(close) X(dup2)	\
	X(socketpair) X(scm_sent) X(scm_received) X(connect) X(send)	\
	X(layer) X(checks_unsandboxed) X(checks_sibling) X(checks_parent)	\
	X(checks_thread) X(violations) X(open_ok) X(open_refused)	\
	X(domain_ok) X(domain_refused) X(reply_ok) X(reply_refused)	\
	X(handed_out) X(handed_refused) X(handed_through)		\
	X(supervisor_ok) X(supervisor_refused) X(undecided) X(errors)

#define ENUM(n) C_##n,
enum counter { COUNTERS(ENUM) NCOUNTERS };
#define NAME(n) #n,
static const char *const counter_names[] = { COUNTERS(NAME) };

/* One published socket, written under a sequence count. */
struct slot {
	unsigned int seq;
	int expect;
	int type;
	int kind;
	socklen_t len;
	struct sockaddr_un addr;
};

/* Shared by every process of the run. */
struct shared {
	unsigned long counters[NCOUNTERS];
	unsigned long name_seq;
	unsigned int reports[2];	/* violations, other failures */
	int stop;
	pid_t supervisor;
	double deadline;
	char dir[64];
	unsigned int nslots[NREGIONS];
	struct slot slots[NREGIONS][NSLOTS];
};

static struct shared *shm;
/*
 * A listener of the supervisor's, made before any owner and inherited by
 * every owner generation, which restricts itself while holding it: socket
 * activation with restarts.  It stays the supervisor's, open to all.
 */
static int sup_fd = -1;
static struct sockaddr_un sup_addr;
static socklen_t sup_len;
static int verbose, fault;
static __u64 inbound_mask;
static int have_tsync;

static void count(enum counter c)
{
	__atomic_fetch_add(&shm->counters[c], 1, __ATOMIC_RELAXED);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int stopping(void)
{
	return __atomic_load_n(&shm->stop, __ATOMIC_RELAXED) ||
	       now() >= shm->deadline;
}

/* Per thread, so that threads and forked children need no lock. */
static __thread unsigned long long rnd_state;

static unsigned int rnd(void)
{
	if (!rnd_state)
		rnd_state = ((unsigned long long)gettid() << 32) ^
			    (unsigned long long)(now() * 1e9) ^ 0x9e3779b97f4a7c15ULL;
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (unsigned int)(rnd_state >> 16);
}

static int create_ruleset(__u64 scoped)
{
	struct landlock_ruleset_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.scoped = scoped;
	return syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);
}

/* Stacks a layer with @scoped on the calling thread (all with TSYNC). */
static int restrict_self(__u64 scoped, __u32 flags)
{
	int fd = create_ruleset(scoped), ret, err;

	if (fd < 0)
		return -1;
	ret = syscall(SYS_landlock_restrict_self, fd, flags);
	err = errno;
	close(fd);
	errno = err;
	return ret;
}

/* What a layer of a generation scopes; never empty, or restrict fails. */
static __u64 layer_scopes(__u64 inbound, __u64 extra)
{
	__u64 scoped = (inbound & inbound_mask) | extra;

	return scoped ? scoped : LANDLOCK_SCOPE_SIGNAL;
}

static socklen_t make_addr(struct sockaddr_un *addr, enum kind kind,
			   const char *what)
{
	unsigned long n = __atomic_fetch_add(&shm->name_seq, 1,
					     __ATOMIC_RELAXED);

	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	if (kind == PATHNAME) {
		snprintf(addr->sun_path, sizeof(addr->sun_path), "%s/%s-%lu",
			 shm->dir, what, n);
		return offsetof(struct sockaddr_un, sun_path) +
		       strlen(addr->sun_path) + 1;
	}
	snprintf(addr->sun_path + 1, sizeof(addr->sun_path) - 1,
		 "inbound_stress.%d-%s-%lu", shm->supervisor, what, n);
	return offsetof(struct sockaddr_un, sun_path) + 1 +
	       strlen(addr->sun_path + 1);
}

static const char *addr_text(const struct slot *s, char *buf, size_t size)
{
	if (s->kind == ABSTRACT)
		snprintf(buf, size, "@%s", s->addr.sun_path + 1);
	else
		snprintf(buf, size, "%s", s->addr.sun_path);
	return buf;
}

/* A violation (@err 0) or a refused control case, the first few of each. */
static void report(const char *who, const char *what, const struct slot *s,
		   int err)
{
	char line[300], addr[120];
	int n;

	if (__atomic_fetch_add(&shm->reports[!!err], 1, __ATOMIC_RELAXED) >=
	    MAX_REPORTS)
		return;
	/* write(2), not stdio: also called in children of threaded owners. */
	n = snprintf(line, sizeof(line), "inbound_stress: %s: %s: %s %s: %s\n",
		     who, what, s->type == SOCK_STREAM ? "stream" : "dgram",
		     addr_text(s, addr, sizeof(addr)),
		     err ? strerror(err) : "got through");
	if (n > 0 && write(2, line, (size_t)n) < 0)
		return;
}

static void publish(int region, int expect, int type, enum kind kind,
		    const struct sockaddr_un *addr, socklen_t len)
{
	unsigned int i = shm->nslots[region];
	struct slot *s;
	unsigned int seq;

	if (i >= NSLOTS)
		return;
	s = &shm->slots[region][i];
	seq = s->seq;
	__atomic_store_n(&s->seq, seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	s->expect = expect;
	s->type = type;
	s->kind = kind;
	s->len = len;
	s->addr = *addr;
	__atomic_store_n(&s->seq, seq + 2, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->nslots[region], i + 1, __ATOMIC_RELEASE);
}

/* The supervisor empties a dead owner's region before re-forking it. */
static void unpublish(int region)
{
	unsigned int i;

	for (i = 0; i < NSLOTS; i++) {
		struct slot *s = &shm->slots[region][i];
		unsigned int seq = s->seq;

		__atomic_store_n(&s->seq, seq + 1, __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_RELEASE);
		s->expect = EXPECT_NONE;
		__atomic_store_n(&s->seq, seq + 2, __ATOMIC_RELEASE);
	}
	__atomic_store_n(&shm->nslots[region], 0, __ATOMIC_RELEASE);
}

/* A consistent copy of a random published slot, or 0. */
static int pick_slot(struct slot *copy)
{
	const unsigned int region = rnd() % NREGIONS;
	const unsigned int n =
		__atomic_load_n(&shm->nslots[region], __ATOMIC_ACQUIRE);
	const struct slot *s;
	unsigned int seq;

	if (!n)
		return 0;
	s = &shm->slots[region][rnd() % n];
	seq = __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE);
	if (seq & 1)
		return 0;
	memcpy(copy, s, sizeof(*copy));
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return __atomic_load_n(&s->seq, __ATOMIC_RELAXED) == seq;
}

/*
 * One attempt to get through to @s: a stream connect, or a datagram
 * connect(2) or sendto(2), never blocking.  Returns 0 when it got through,
 * else the errno.
 */
static int probe(const struct slot *s, int use_connect)
{
	const struct sockaddr *addr = (const struct sockaddr *)&s->addr;
	int fd, err = 0;
	char byte = 's';

	fd = socket(AF_UNIX, s->type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	if (s->type == SOCK_DGRAM && !use_connect) {
		if (sendto(fd, &byte, 1, MSG_DONTWAIT | MSG_NOSIGNAL, addr,
			   s->len) != 1)
			err = errno;
	} else if (connect(fd, addr, s->len)) {
		err = errno;
	}
	close(fd);
	return err;
}

/*
 * The invariant and the control case for outsiders.  EPERM is the only
 * refusal that counts: every published socket is alive, unconnected (but
 * the reply ones, judged apart) and never full for long, so the other
 * errors (a dead owner's ECONNREFUSED, a full backlog's EAGAIN) decide
 * nothing.
 */
static void judge(const char *who, const struct slot *s, int err,
		  enum counter check)
{
	if (s->expect == EXPECT_REFUSED) {
		if (err == EPERM) {
			count(check);
		} else if (!err) {
			count(C_violations);
			report(who, "VIOLATION, outsider got through to", s, 0);
		} else {
			count(C_undecided);
		}
	} else if (s->expect == EXPECT_OPEN) {
		if (!err) {
			count(C_open_ok);
		} else if (err == EPERM) {
			count(C_open_refused);
			report(who, "unprotected socket refused", s, err);
		} else {
			count(C_undecided);
		}
	}
}

/* Outsider processes: probe every region's published sockets. */
static void peer_loop(const char *who, double end, enum counter check)
{
	struct slot s;

	while (!stopping() && now() < end) {
		if (!pick_slot(&s)) {
			sleep_ms(1);
			continue;
		}
		if (s.expect == EXPECT_REFUSED || s.expect == EXPECT_OPEN)
			judge(who, &s, probe(&s, rnd() & 1), check);
	}
}

static void child_setup(unsigned int seconds)
{
	/* Nothing outlives its parent (thread) or the run. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	alarm(seconds);
}

/* Binds a socket of @type and @kind, and listens if a stream. */
static int bound_socket(int type, enum kind kind, const char *what,
			struct sockaddr_un *addr, socklen_t *len)
{
	/* Non-blocking: servers drain them in loops, churn threads accept. */
	int fd = socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	*len = make_addr(addr, kind, what);
	if (fd < 0)
		return -1;
	if (bind(fd, (const struct sockaddr *)addr, *len) ||
	    (type == SOCK_STREAM && listen(fd, 128))) {
		close(fd);
		return -1;
	}
	count(C_bind);
	return fd;
}

/* ---- owners ---- */

struct entry {
	int fd;
	int type;
	enum kind kind;
	int expect;
	socklen_t len;
	struct sockaddr_un addr;
	int layer;	/* the restricter's inbound layers at its creation */
};

/* An owner generation: one per forked owner process. */
static struct {
	int region;
	__u64 inbound;	/* the inbound scopes its layers claim */
	__u64 outbound;	/* plus LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET or 0 */
	int two_step;	/* a first layer without an inbound scope */
	int tsync;	/* the restricter uses TSYNC (every other layer) */
	double end;
	int stop;
	int adopted;	/* the restricter's first layer is done */
	int layers;	/* the restricter's inbound layers so far */
	int mailbox[2];	/* SCM_RIGHTS between churn threads */
	char reply[sizeof(((struct sockaddr_un *)0)->sun_path)];
	pthread_mutex_t lock;	/* reg, nreg, and publishing */
	struct entry reg[MAX_REG];
	int nreg;
} own = { .lock = PTHREAD_MUTEX_INITIALIZER };

static int owner_stopping(void)
{
	return __atomic_load_n(&own.stop, __ATOMIC_RELAXED) || stopping() ||
	       now() >= own.end;
}

static int kind_scoped(enum kind kind)
{
	return !!(own.inbound & (kind == ABSTRACT ? INBOUND_ABSTRACT :
						    INBOUND_PATHNAME));
}

static void verbose_entry(const char *what, const struct entry *e)
{
	static const char *const names[] = { "pending", "protected", "open",
					     "reply" };
	struct slot s = { .type = e->type, .kind = e->kind };
	char addr[120];

	if (!verbose)
		return;
	s.addr = e->addr;
	fprintf(stderr, "owner %d: %s %s %s %s\n", getpid(), what,
		e->type == SOCK_STREAM ? "stream" : "dgram",
		addr_text(&s, addr, sizeof(addr)), names[e->expect]);
}

/* Keeps @fd at its number until the generation ends, and publishes it. */
static void keep(int fd, int type, enum kind kind, int expect,
		 const struct sockaddr_un *addr, socklen_t len)
{
	struct entry *e;

	pthread_mutex_lock(&own.lock);
	if (own.nreg >= MAX_REG) {
		pthread_mutex_unlock(&own.lock);
		close(fd);
		return;
	}
	e = &own.reg[own.nreg];
	*e = (struct entry){ fd, type, kind, expect, len, *addr,
			     __atomic_load_n(&own.layers, __ATOMIC_RELAXED) };
	if (expect != EXPECT_NONE)
		publish(own.region, expect, type, kind, addr, len);
	own.nreg++;
	verbose_entry("keeps", e);
	pthread_mutex_unlock(&own.lock);
}

static void bind_set(const char *what, int expect_known)
{
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM };
	struct sockaddr_un addr;
	socklen_t len;
	int k, t, fd;

	for (k = ABSTRACT; k <= PATHNAME; k++) {
		for (t = 0; t < 2; t++) {
			fd = bound_socket(types[t], k, what, &addr, &len);
			if (fd < 0) {
				count(C_errors);
				continue;
			}
			keep(fd, types[t], k, expect_known, &addr, len);
		}
	}
}

/*
 * Publishes the sockets held since before the first inbound layer: created
 * before it, they stay their creator's, unprotected.
 */
static void publish_held(void)
{
	int i;

	pthread_mutex_lock(&own.lock);
	for (i = 0; i < own.nreg; i++) {
		struct entry *e = &own.reg[i];

		if (e->expect != EXPECT_NONE)
			continue;
		/* v1 adopted them into the first inbound layer. */
		e->expect = v1 && kind_scoped(e->kind) ? EXPECT_REFUSED :
							 EXPECT_OPEN;
		count(C_held_open);
		publish(own.region, e->expect, e->type, e->kind, &e->addr,
			e->len);
		verbose_entry("publishes held", e);
	}
	__atomic_store_n(&own.adopted, 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&own.lock);
}

/* A random kept entry of this owner, copied, or -1. */
static int pick_entry(struct entry *copy)
{
	int ret = -1;

	pthread_mutex_lock(&own.lock);
	if (own.nreg) {
		*copy = own.reg[rnd() % own.nreg];
		ret = 0;
	}
	pthread_mutex_unlock(&own.lock);
	return ret;
}

static void entry_slot(const struct entry *e, struct slot *s)
{
	memset(s, 0, sizeof(*s));
	s->expect = e->expect;
	s->type = e->type;
	s->kind = e->kind;
	s->len = e->len;
	s->addr = e->addr;
}

/*
 * The domain control case: a child of the restricter, in its domain or
 * in a nested one, must reach every protected socket of the owner.  It
 * closes its inherited fds first, so that its own inbound layer adopts
 * nothing: it would otherwise take the owner's sockets away from it.
 */
static void domain_check(void)
{
	struct slot targets[MAX_REG];
	int i, n = 0, status;
	pid_t pid;

	/*
	 * Under v2 a socket stays in the domain it was created in: a child of
	 * a later layer that also has the outbound abstract scope is kept off
	 * the older layers' sockets by that scope, rightly.  v1 moved every
	 * held socket to the newest layer.
	 */
	pthread_mutex_lock(&own.lock);
	for (i = 0; i < own.nreg; i++)
		if (own.reg[i].expect == EXPECT_REFUSED &&
		    (v1 || !own.outbound || own.reg[i].layer == own.layers))
			entry_slot(&own.reg[i], &targets[n++]);
	pthread_mutex_unlock(&own.lock);
	if (!n)
		return;

	pid = fork();
	if (pid < 0) {
		count(C_errors);
		return;
	}
	if (pid == 0) {
		child_setup(10);
		syscall(SYS_close_range, 3, ~0U, 0);
		if ((rnd() & 1) &&
		    restrict_self(layer_scopes(own.inbound, 0), 0)) {
			count(C_errors);
			_exit(1);
		}
		if (!own.outbound && !v1) {
			/* The outbound scope would keep it off, rightly. */
			const int c = socket(AF_UNIX, SOCK_STREAM |
						SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

			if (c >= 0 &&
			    !connect(c, (struct sockaddr *)&sup_addr, sup_len))
				count(C_supervisor_ok);
			else if (errno == EPERM)
				count(C_supervisor_refused);
			else
				count(C_undecided);
			if (c >= 0)
				close(c);
		}
		for (i = 0; i < n; i++) {
			const int err = probe(&targets[i], rnd() & 1);

			if (!err) {
				count(C_domain_ok);
			} else if (err == EPERM) {
				count(C_domain_refused);
				report("domain child", "own domain refused",
				       &targets[i], err);
			} else {
				count(C_undecided);
			}
		}
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		count(C_errors);
}

/*
 * A protected datagram socket that connects itself to the open server's
 * reply socket: that peer, unsandboxed, may still send to it.
 */
static int reply_socket(void)
{
	struct sockaddr_un addr, to = { .sun_family = AF_UNIX };
	socklen_t len;
	int fd = bound_socket(SOCK_DGRAM, ABSTRACT, "reply", &addr, &len);

	if (fd < 0)
		return -1;
	memcpy(to.sun_path, own.reply, sizeof(to.sun_path));
	if (connect(fd, (const struct sockaddr *)&to, sizeof(to))) {
		/* The open server may not be up yet: next layer. */
		close(fd);
		return -1;
	}
	keep(fd, SOCK_DGRAM, ABSTRACT, EXPECT_REPLY, &addr, len);
	return 0;
}

/*
 * Hands a protected socket's reach to the unsandboxed open server, over its
 * pathname mailbox: a protected listener itself, or a datagram socket of the
 * domain connected to a protected one.  The open server must get EPERM from
 * accept(2) on the first and from every send on the second.
 */
static void hand_out(int fd, int type, const struct sockaddr_un *addr,
		     socklen_t len)
{
	struct sockaddr_un to = { .sun_family = AF_UNIX };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	char byte = 'h';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = {
		.msg_name = &to,
		.msg_namelen = sizeof(to),
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
	int send_fd = fd, peer = -1, courier;

	if (type == SOCK_DGRAM) {
		peer = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (peer < 0 ||
		    connect(peer, (const struct sockaddr *)addr, len)) {
			count(C_errors);
			if (peer >= 0)
				close(peer);
			return;
		}
		send_fd = peer;
	}
	memcpy(to.sun_path, own.reply, sizeof(to.sun_path));
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &send_fd, sizeof(int));
	courier = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	/* The open server may not be up yet, or its queue full. */
	if (courier >= 0 &&
	    sendmsg(courier, &msg, MSG_DONTWAIT | MSG_NOSIGNAL) == 1)
		count(C_handed_out);
	if (courier >= 0)
		close(courier);
	if (peer >= 0)
		close(peer);
}

/*
 * Stacks inbound layers while the other threads churn: each adoption walks
 * the file table they change.  Only this thread adopts from the domain
 * that owns the kept sockets: the other threads run in older domains
 * (their inbound layers, sibling_restricter(), adopt from those), unless
 * TSYNC brought them into this one, and then they only stack layers that
 * adopt nothing.  So once the first layer is done, every kept socket is
 * owned by this thread's current domain.
 */
static void *restricter(void *arg)
{
	int depth = own.two_step, layers = 0, reply_done = 0;

	(void)arg;
	while (!owner_stopping() && depth < MAX_DEPTH) {
		const __u32 flags =
			own.tsync && !(layers % 2) ? LANDLOCK_RESTRICT_SELF_TSYNC : 0;
		struct sockaddr_un addr;
		socklen_t len;
		enum kind kind;
		int fd, t;

		sleep_ms(30 + rnd() % 250);
		if (owner_stopping())
			break;
		if (restrict_self(layer_scopes(own.inbound, own.outbound),
				  flags)) {
			/* A TSYNC race may abort it; nothing was adopted. */
			count(C_restrict_failed);
			if (verbose)
				fprintf(stderr, "owner %d: restrict: %s\n",
					getpid(), strerror(errno));
			continue;
		}
		count(flags ? C_restrict_tsync : C_restrict);
		depth++;
		__atomic_store_n(&own.layers, layers + 1, __ATOMIC_RELAXED);
		if (!layers++)
			publish_held();

		/* A stream and a datagram socket bound in the new domain. */
		kind = layers % 2 ? ABSTRACT : PATHNAME;
		for (t = SOCK_STREAM; t <= SOCK_DGRAM; t++) {
			fd = bound_socket(t, kind, "post", &addr, &len);
			if (fd < 0) {
				count(C_errors);
				continue;
			}
			if (kind_scoped(kind) && !v1)
				hand_out(fd, t, &addr, len);
			keep(fd, t, kind,
			     kind_scoped(kind) ? EXPECT_REFUSED : EXPECT_OPEN,
			     &addr, len);
		}
		if (!reply_done && kind_scoped(ABSTRACT))
			reply_done = !reply_socket();
		domain_check();
	}
	return NULL;
}

/* Accepts and drains every kept socket, so that none fills up. */
static void *server(void *arg)
{
	struct pollfd pfd[MAX_REG];
	int types[MAX_REG];
	char buf[256];
	int i, n, a;

	(void)arg;
	while (!owner_stopping()) {
		pthread_mutex_lock(&own.lock);
		for (n = 0; n < own.nreg; n++) {
			pfd[n].fd = own.reg[n].fd;
			pfd[n].events = POLLIN;
			types[n] = own.reg[n].type;
		}
		pthread_mutex_unlock(&own.lock);
		if (poll(pfd, n, 50) <= 0)
			continue;
		for (i = 0; i < n; i++) {
			if (!(pfd[i].revents & POLLIN))
				continue;
			if (types[i] == SOCK_DGRAM) {
				while (recv(pfd[i].fd, buf, sizeof(buf),
					    MSG_DONTWAIT) > 0)
					;
				continue;
			}
			while ((a = accept4(pfd[i].fd, NULL, NULL,
					    SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
				count(C_accept);
				close(a);
				count(C_close);
			}
		}
	}
	return NULL;
}

/* Installs @fd at the churn fd @slot, closing what was there. */
static void install(int fd, int slot)
{
	if (dup3(fd, slot, O_CLOEXEC) >= 0)
		count(C_dup2);
	close(fd);
}

static void scm_send(int base)
{
	union {
		struct cmsghdr hdr;
		char buf[CMSG_SPACE(3 * sizeof(int))];
	} cmsg;
	char byte = 'f';
	struct iovec iov = { &byte, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	int fds[3], n = 0, i;

	for (i = 0; i < 3; i++) {
		const int fd = base + (int)(rnd() % NCHURN_FDS);

		if (fcntl(fd, F_GETFD) >= 0)
			fds[n++] = fd;
	}
	if (!n)
		return;
	memset(&cmsg, 0, sizeof(cmsg));
	msg.msg_control = cmsg.buf;
	msg.msg_controllen = CMSG_SPACE(n * sizeof(int));
	cmsg.hdr.cmsg_level = SOL_SOCKET;
	cmsg.hdr.cmsg_type = SCM_RIGHTS;
	cmsg.hdr.cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(&cmsg.hdr), fds, n * sizeof(int));
	if (sendmsg(own.mailbox[0], &msg, MSG_DONTWAIT | MSG_NOSIGNAL) == 1)
		count(C_scm_sent);
}

static void scm_receive(int base)
{
	union {
		struct cmsghdr hdr;
		char buf[CMSG_SPACE(3 * sizeof(int))];
	} cmsg;
	char byte;
	struct iovec iov = { &byte, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cmsg.buf,
			      .msg_controllen = sizeof(cmsg.buf) };
	struct cmsghdr *c;

	if (recvmsg(own.mailbox[1], &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) < 1)
		return;
	count(C_scm_received);
	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		size_t i, n;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			int fd;

			memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(fd));
			install(fd, base + (int)(rnd() % NCHURN_FDS));
		}
	}
}

/*
 * One of the owner's threads, attacking its own kept sockets from the
 * domain it stays in: without TSYNC, that is an older domain than the
 * restricter's, hence outside it, so the invariant holds for it too.
 */
static void thread_probe(const char *who)
{
	struct entry e;
	struct slot s;
	int err;

	if (pick_entry(&e) || e.expect != EXPECT_REFUSED)
		return;
	entry_slot(&e, &s);
	err = probe(&s, rnd() & 1);
	count(s.type == SOCK_STREAM ? C_connect : C_send);
	if (!own.tsync)
		judge(who, &s, err, C_checks_thread);
}

/*
 * In owners without TSYNC, once the restricter's first layer is done: a
 * thread of the older domain that stacks an inbound layer of its own while
 * the restricter stacks its next ones, so that two walks of the same file
 * table race.  It adopts what the older domain still owns (sockets of the
 * churn threads), never a kept socket, and is then one more outsider to
 * them, in a sibling domain.
 */
static void *sibling_restricter(void *arg)
{
	int i;

	(void)arg;
	if (restrict_self(layer_scopes(own.inbound, 0), 0)) {
		count(C_restrict_failed);
		return NULL;
	}
	count(C_restrict_sibling);
	for (i = 0; i < 50 && !owner_stopping(); i++)
		thread_probe("sibling-domain thread");
	return NULL;
}

/* Changes the file table under the restricter's adoptions. */
static void *churn(void *arg)
{
	const int base = SLOT_BASE + (int)(long)arg * NCHURN_FDS;
	int layers = 0, sv[2], fd;
	struct sockaddr_un addr;
	socklen_t len;
	struct entry e;

	while (!owner_stopping()) {
		const int slot = base + (int)(rnd() % NCHURN_FDS);

		switch (rnd() % 10) {
		case 0:
			if (socketpair(AF_UNIX,
				       (rnd() & 1 ? SOCK_STREAM : SOCK_DGRAM) |
					       SOCK_CLOEXEC, 0, sv))
				break;
			count(C_socketpair);
			install(sv[0], slot);
			install(sv[1], base + (int)(rnd() % NCHURN_FDS));
			break;
		case 1:
			/* A second fd for a kept socket, then gone again. */
			if (!pick_entry(&e) && dup3(e.fd, slot, O_CLOEXEC) >= 0)
				count(C_dup2);
			break;
		case 2:
			if (!close(slot))
				count(C_close);
			break;
		case 3:
			/* Autobound listeners, never published. */
			fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK |
						     SOCK_CLOEXEC, 0);
			if (fd < 0)
				break;
			addr.sun_family = AF_UNIX;
			if (bind(fd, (struct sockaddr *)&addr,
				 sizeof(sa_family_t)) || listen(fd, 8)) {
				close(fd);
				break;
			}
			count(C_bind);
			install(fd, slot);
			break;
		case 4:
			scm_send(base);
			break;
		case 5:
			scm_receive(base);
			break;
		case 6:
			thread_probe("owner thread");
			break;
		case 7:
			fd = accept4(slot, NULL, NULL,
				     SOCK_NONBLOCK | SOCK_CLOEXEC);
			if (fd >= 0) {
				count(C_accept);
				install(fd, base + (int)(rnd() % NCHURN_FDS));
			}
			break;
		case 8:
			/* Connect to a churn listener, whoever holds it. */
			len = sizeof(addr);
			if (getsockname(slot, (struct sockaddr *)&addr, &len) ||
			    addr.sun_family != AF_UNIX ||
			    len <= sizeof(sa_family_t))
				break;
			fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK |
						     SOCK_CLOEXEC, 0);
			if (fd < 0)
				break;
			if (!connect(fd, (struct sockaddr *)&addr, len))
				install(fd, base + (int)(rnd() % NCHURN_FDS));
			else
				close(fd);
			count(C_connect);
			break;
		case 9:
			/* Layers that must adopt nothing, now and then. */
			if (layers < 3 && !(rnd() % 50)) {
				if (!restrict_self(LANDLOCK_SCOPE_SIGNAL, 0)) {
					layers++;
					count(C_layer);
				}
			} else {
				thread_probe("owner thread");
			}
			break;
		}
	}
	return NULL;
}

/* The parent-domain outsider: forked after the first layer, fds closed. */
static pid_t fork_parent_peer(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		child_setup(10);
		syscall(SYS_close_range, 3, ~0U, 0);
		peer_loop("parent-domain peer", own.end - 0.1, C_checks_parent);
		_exit(0);
	}
	return pid;
}

static void unlink_kept(void)
{
	int i;

	for (i = 0; i < own.nreg; i++)
		if (own.reg[i].kind == PATHNAME)
			unlink(own.reg[i].addr.sun_path);
}

static void owner(int region, unsigned long serial)
{
	const __u64 inbound[] = {
		INBOUND_ABSTRACT, INBOUND_PATHNAME,
		INBOUND_ABSTRACT | INBOUND_PATHNAME
	};
	pthread_t churners[NCHURN], srv, rst, sibling;
	int sibling_running = 0;
	double next_sibling = 0;
	pid_t parent_peer = -1;
	long i;

	/* Lives 2-4 s; the margin is for debug kernels under TCG. */
	child_setup(30);
	own.region = region;
	own.inbound = inbound[serial % 3];
	own.two_step = (serial / 3) % 2;
	own.outbound = (serial / 2) % 2 ? LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET : 0;
	own.tsync = have_tsync && (serial / 6) % 2;
	own.end = now() + 2 + (rnd() % 2000) / 1000.0;
	if (own.end > shm->deadline)
		own.end = shm->deadline;
	snprintf(own.reply, sizeof(own.reply), "%s/reply", shm->dir);
	if (verbose)
		fprintf(stderr,
			"owner %d: region %d inbound %#llx outbound %#llx%s%s\n",
			getpid(), region, (unsigned long long)own.inbound,
			(unsigned long long)own.outbound,
			own.two_step ? " two-step" : "",
			own.tsync ? " tsync" : "");

	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, own.mailbox) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		_exit(1);

	if (own.two_step) {
		/*
		 * Bound unsandboxed, then a layer without an inbound scope: the
		 * inbound layers later adopt from that layer's domain only, so
		 * these stay reachable (-F claims they are not).
		 */
		bind_set("pre0", fault ? EXPECT_REFUSED : EXPECT_OPEN);
		if (restrict_self(LANDLOCK_SCOPE_SIGNAL, 0))
			_exit(1);
		count(C_layer);
		parent_peer = fork_parent_peer();
	}
	/* Held across the first inbound layer: published once it is done. */
	bind_set("pre", EXPECT_NONE);

	for (i = 0; i < NCHURN; i++)
		pthread_create(&churners[i], NULL, churn, (void *)i);
	pthread_create(&srv, NULL, server, NULL);
	pthread_create(&rst, NULL, restricter, NULL);

	/* This thread never leaves its domain without TSYNC: an outsider. */
	while (!owner_stopping()) {
		if (own.tsync) {
			sleep_ms(20);
			continue;
		}
		thread_probe("owner main thread");
		if (!__atomic_load_n(&own.adopted, __ATOMIC_ACQUIRE) ||
		    now() < next_sibling)
			continue;
		if (sibling_running)
			pthread_join(sibling, NULL);
		sibling_running = !pthread_create(&sibling, NULL,
						  sibling_restricter, NULL);
		next_sibling = now() + 0.1 + (rnd() % 300) / 1000.0;
	}
	__atomic_store_n(&own.stop, 1, __ATOMIC_RELAXED);
	if (sibling_running)
		pthread_join(sibling, NULL);
	pthread_join(rst, NULL);
	pthread_join(srv, NULL);
	for (i = 0; i < NCHURN; i++)
		pthread_join(churners[i], NULL);
	unlink_kept();
	if (parent_peer > 0) {
		/* Signals may be scoped off; it ends by itself anyway. */
		kill(parent_peer, SIGKILL);
		waitpid(parent_peer, NULL, 0);
	}
	_exit(0);
}

/* ---- the unsandboxed server of control sockets, and the reply peer ---- */

/*
 * Takes one socket an owner handed out (see hand_out()) from @y, and tries
 * what the domain's scope must refuse to this unsandboxed process: accept(2)
 * on a protected listener, a send through a datagram socket connected to a
 * protected one.  Returns 0 once @y is empty.
 */
static int try_handed(int y)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	char byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = u.buf,
		.msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *cmsg;
	socklen_t tlen = sizeof(int);
	int fd, type, ret;

	if (recvmsg(y, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) < 0)
		return 0;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (!cmsg || cmsg->cmsg_type != SCM_RIGHTS)
		return 1;
	memcpy(&fd, CMSG_DATA(cmsg), sizeof(int));
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tlen)) {
		count(C_errors);
		close(fd);
		return 1;
	}
	if (type == SOCK_STREAM) {
		ret = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (ret >= 0)
			close(ret);
	} else {
		ret = send(fd, "h", 1, MSG_DONTWAIT | MSG_NOSIGNAL);
	}
	if (ret >= 0) {
		count(C_handed_through);
		count(C_violations);
		fprintf(stderr, "inbound_stress: VIOLATION: handed-out %s %s\n",
			type == SOCK_STREAM ? "listener accepted" :
					      "datagram peer delivered",
			"by an outsider");
	} else if (errno == EPERM) {
		count(C_handed_refused);
	} else {
		count(C_undecided);
	}
	close(fd);
	return 1;
}

static void open_server(void)
{
	struct sockaddr_un addr, reply = { .sun_family = AF_UNIX };
	struct pollfd pfd[5];
	int types[5], i, n = 0, k, t, y, a;
	char buf[256], byte = 'r';
	struct slot s;

	child_setup((unsigned int)(shm->deadline - now()) + 10);
	for (k = ABSTRACT; k <= PATHNAME; k++) {
		for (t = SOCK_STREAM; t <= SOCK_DGRAM; t++) {
			socklen_t len;
			int fd = bound_socket(t, k, "open", &addr, &len);

			if (fd < 0)
				_exit(1);
			publish(NOWNERS, EXPECT_OPEN, t, k, &addr, len);
			pfd[n].fd = fd;
			pfd[n].events = POLLIN;
			types[n++] = t;
		}
	}
	/* Drains the supervisor's listener too. */
	pfd[n].fd = sup_fd;
	pfd[n].events = POLLIN;
	types[n++] = SOCK_STREAM;
	y = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	snprintf(reply.sun_path, sizeof(reply.sun_path), "%s/reply", shm->dir);
	if (y < 0 || bind(y, (struct sockaddr *)&reply, sizeof(reply)))
		_exit(1);

	while (!stopping()) {
		if (poll(pfd, n, 5) > 0) {
			for (i = 0; i < n; i++) {
				if (!(pfd[i].revents & POLLIN))
					continue;
				if (types[i] == SOCK_DGRAM)
					while (recv(pfd[i].fd, buf, sizeof(buf),
						    MSG_DONTWAIT) > 0)
						;
				else
					while ((a = accept4(pfd[i].fd, NULL,
							    NULL,
							    SOCK_CLOEXEC)) >= 0)
						close(a);
			}
		}
		while (try_handed(y))
			;
		/*
		 * Replies to the protected sockets connected to @y: refused,
		 * the inbound scopes make no exception for the connected peer.
		 */
		if (!pick_slot(&s) || s.expect != EXPECT_REPLY)
			continue;
		if (sendto(y, &byte, 1, MSG_DONTWAIT | MSG_NOSIGNAL,
			   (struct sockaddr *)&s.addr, s.len) == 1) {
			count(C_reply_ok);
			if (!v1) {
				count(C_violations);
				report("reply peer", "reply went through", &s,
				       0);
			}
		} else if (errno == EPERM) {
			count(C_reply_refused);
			if (v1)
				report("reply peer", "reply refused", &s, errno);
		} else {
			if (verbose)
				report("reply peer", "reply failed", &s, errno);
			count(C_undecided);
		}
	}
	_exit(0);
}

/* ---- the supervisor ---- */

static pid_t spawn(void (*fn)(void), const char *what)
{
	pid_t pid = fork();

	if (pid < 0) {
		perror(what);
		exit(1);
	}
	if (pid == 0) {
		fn();
		_exit(0);
	}
	return pid;
}

static void unsandboxed_peer(void)
{
	child_setup((unsigned int)(shm->deadline - now()) + 10);
	peer_loop("unsandboxed peer", shm->deadline, C_checks_unsandboxed);
}

/* A domain of its own, with both inbound scopes: a sibling of owners. */
static void sibling_peer(void)
{
	child_setup((unsigned int)(shm->deadline - now()) + 10);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    restrict_self(layer_scopes(INBOUND_ABSTRACT | INBOUND_PATHNAME,
				       LANDLOCK_SCOPE_SIGNAL), 0)) {
		count(C_errors);
		_exit(1);
	}
	peer_loop("sibling-domain peer", shm->deadline, C_checks_sibling);
}

static int probe_scope(__u64 scope)
{
	int fd = create_ruleset(scope);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* TSYNC, in a child: LOG_SUBDOMAINS_OFF with no ruleset is harmless. */
static int probe_tsync(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(syscall(SYS_landlock_restrict_self, -1,
			      LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF |
				      LANDLOCK_RESTRICT_SELF_TSYNC) ? 1 : 0);
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	       WIFEXITED(status) && !WEXITSTATUS(status);
}

static void remove_dir(void)
{
	char path[sizeof(shm->dir) + 300];
	struct dirent *d;
	DIR *dir = opendir(shm->dir);

	if (!dir)
		return;
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", shm->dir, d->d_name);
		unlink(path);
	}
	closedir(dir);
	rmdir(shm->dir);
}

/* Owners and peers that end early must end well. */
static void reaped(pid_t pid, int status, pid_t *owners, pid_t *peers)
{
	const int killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL &&
			   __atomic_load_n(&shm->stop, __ATOMIC_RELAXED);
	int i, known = 0;

	for (i = 0; i < NOWNERS; i++) {
		if (owners[i] == pid) {
			unpublish(i);
			owners[i] = -1;
			known = 1;
		}
	}
	for (i = 0; i < 3; i++) {
		if (peers[i] == pid) {
			peers[i] = -1;
			known = 1;
		}
	}
	if (known && !killed && (!WIFEXITED(status) || WEXITSTATUS(status))) {
		fprintf(stderr, "inbound_stress: child %d ended with status %#x\n",
			pid, status);
		count(C_errors);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: inbound_stress [-v] [-F] SECONDS\n");
	exit(2);
}

int main(int argc, char **argv)
{
	pid_t owners[NOWNERS], peers[3], p;
	unsigned long serial = 0, ops = 0, checks = 0;
	int abi, i, opt, status, failed = 0;
	const char *why = NULL;
	double start;
	long seconds;
	char *end;

	while ((opt = getopt(argc, argv, "vF")) != -1) {
		if (opt == 'v')
			verbose = 1;
		else if (opt == 'F')
			fault = 1;
		else
			usage();
	}
	if (optind != argc - 1)
		usage();
	seconds = strtol(argv[optind], &end, 10);
	if (*end || seconds < 1 || seconds > 86400)
		usage();
	setvbuf(stdout, NULL, _IOLBF, 0);

	abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
		      LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 0) {
		printf("skip: Landlock is not enabled (%s)\n", strerror(errno));
		return 77;
	}
	if (!probe_scope(INBOUND_ABSTRACT) && probe_scope(1ULL << 3)) {
		v1 = 1;
		inbound_abstract = 1ULL << 3;
		inbound_pathname = 1ULL << 4;
	}
	inbound_mask = (probe_scope(INBOUND_ABSTRACT) ? INBOUND_ABSTRACT : 0) |
		       (probe_scope(INBOUND_PATHNAME) ? INBOUND_PATHNAME : 0);
	if (inbound_mask != (INBOUND_ABSTRACT | INBOUND_PATHNAME)) {
		why = "the kernel lacks LANDLOCK_SCOPE_*_UNIX_SOCKET_INBOUND";
		if (!fault) {
			printf("skip: %s (Landlock ABI %d)\n", why, abi);
			return 77;
		}
		printf("-F: %s: running without them\n", why);
	}
	have_tsync = probe_tsync();
	printf("Landlock ABI %d, inbound scopes %#llx (%s), TSYNC %s, %ld s%s\n",
	       abi, (unsigned long long)inbound_mask, v1 ? "v1" : "v2",
	       have_tsync ? "yes" : "no", seconds,
	       fault ? ", -F: unprotected sockets published as protected" : "");

	shm = mmap(NULL, sizeof(*shm), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shm == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	snprintf(shm->dir, sizeof(shm->dir), "/tmp/inbound_stress.%d",
		 getpid());
	if (mkdir(shm->dir, 0755) && errno != EEXIST) {
		perror(shm->dir);
		return 1;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	shm->supervisor = getpid();
	start = now();
	shm->deadline = start + seconds;
	/* Past the deadline, the supervisor itself gives up. */
	alarm((unsigned int)seconds + 60);

	/* v1 would adopt it into the first owner's domain. */
	if (!v1) {
		sup_fd = bound_socket(SOCK_STREAM, ABSTRACT, "supervisor",
				      &sup_addr, &sup_len);
		if (sup_fd < 0) {
			perror("supervisor listener");
			return 1;
		}
		publish(NOWNERS, EXPECT_OPEN, SOCK_STREAM, ABSTRACT, &sup_addr,
			sup_len);
	}
	peers[0] = spawn(open_server, "open server");
	peers[1] = spawn(unsandboxed_peer, "unsandboxed peer");
	peers[2] = spawn(sibling_peer, "sibling peer");
	for (i = 0; i < NOWNERS; i++)
		owners[i] = -1;

	/* Re-forks each owner as it ends, until the deadline. */
	while (now() < shm->deadline) {
		while ((p = waitpid(-1, &status, WNOHANG)) > 0)
			reaped(p, status, owners, peers);
		for (i = 0; i < NOWNERS; i++) {
			if (owners[i] > 0 || now() >= shm->deadline - 0.5)
				continue;
			count(C_generations);
			serial++;
			owners[i] = fork();
			if (owners[i] == 0)
				owner(i, serial - 1);
			if (owners[i] < 0) {
				perror("fork");
				count(C_errors);
			}
		}
		sleep_ms(20);
	}
	__atomic_store_n(&shm->stop, 1, __ATOMIC_RELAXED);
	/* Everything ends by itself within a second; then it is killed. */
	sleep_ms(1000);
	for (i = 0; i < NOWNERS; i++)
		if (owners[i] > 0)
			kill(owners[i], SIGKILL);
	for (i = 0; i < 3; i++)
		if (peers[i] > 0)
			kill(peers[i], SIGKILL);
	/* A subreaper: this also waits for orphaned grandchildren. */
	while ((p = wait(&status)) > 0)
		reaped(p, status, owners, peers);
	remove_dir();

	for (i = C_bind; i <= C_layer; i++)
		ops += shm->counters[i];
	for (i = C_restrict; i <= C_restrict_sibling; i++)
		ops += shm->counters[i];
	for (i = C_checks_unsandboxed; i <= C_checks_thread; i++)
		checks += shm->counters[i];
#define NEED(cond, what)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "inbound_stress: FAIL: %s\n", what); \
			failed = 1;					\
		}							\
	} while (0)
	NEED(!shm->counters[C_violations],
	     "an outsider got through to a protected socket");
	NEED(!shm->counters[C_open_refused], "an unprotected socket refused");
	NEED(!shm->counters[C_domain_refused],
	     "a socket refused its own domain");
	NEED(v1 ? !shm->counters[C_reply_refused] : !shm->counters[C_reply_ok],
	     v1 ? "a datagram reply refused (v1)" :
		  "a datagram reply went through");
	NEED(!shm->counters[C_handed_through],
	     "a handed-out protected socket let an outsider in");
	NEED(!shm->counters[C_supervisor_refused],
	     "the supervisor's listener refused after owners held it");
	NEED(!shm->counters[C_errors], "setup errors");
	NEED(checks, "no invariant check made");
	/* Each kind of outsider, but the threads that only TSYNC owners have. */
	NEED(shm->counters[C_checks_unsandboxed] &&
	     shm->counters[C_checks_sibling] && shm->counters[C_checks_parent],
	     "an outsider made no check");
	NEED(shm->counters[C_open_ok], "no unprotected socket reached");
	NEED(shm->counters[C_domain_ok],
	     "no protected socket reached from its domain");
	NEED(v1 ? shm->counters[C_reply_ok] : shm->counters[C_reply_refused],
	     v1 ? "no datagram reply went through (v1)" :
		  "no datagram reply refused");
	NEED(v1 || shm->counters[C_handed_refused],
	     "no handed-out protected socket tried");
	NEED(v1 || (shm->counters[C_held_open] &&
		    shm->counters[C_supervisor_ok]),
	     "no socket held across a restriction reached");
	NEED(have_tsync ? !!shm->counters[C_restrict_tsync] : 1,
	     "no TSYNC restriction");

	printf("%s in %.1f s: %lu operations, %lu invariant checks\n",
	       failed ? "FAIL" : "ok", now() - start, ops, checks);
	printf("counts: seconds=%ld ops=%lu checks=%lu", seconds, ops, checks);
	for (i = 0; i < NCOUNTERS; i++)
		printf(" %s=%lu", counter_names[i], shm->counters[i]);
	printf("\n");
	return failed;
}
