/* SPDX-License-Identifier: MIT */
/*
 * Kernel suite harness: see harness.h.  Nothing here may depend on an
 * external program or a writable directory other than $TMPDIR (or /tmp):
 * the same binaries run in bare busybox guests.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "errname.h"
#include "harness.h"

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#endif

/* Seconds a child may run before it counts as hung. */
#define KT_TIMEOUT 20
/* Exit status of a child that gave up (kt_die()). */
#define KT_EXIT_DIED 99

struct landscope_features kt_feat;
struct kt_kernel kt_kernel;
int kt_expect_abi = -1;
bool kt_expect_patched;
bool kt_simulated;
char kt_root[PATH_MAX];

static const char *kt_group;
static unsigned int kt_skipped;
static struct kt_fds kt_case_fds;
/* In a child: the fd table before kt_ruleset(), for kt_enforce(). */
static struct kt_fds kt_child_fds;

int kt_abi_of(int category, uint64_t bit)
{
	/* The library's table (tests/unit/bits.c pins it to numbers). */
	int abi = landscope_access_abi(category, bit);

	return abi < 0 ? -1 : abi;
}

const char *kt_strerr(int err)
{
	return err ? errno_name(err) : "success";
}

/*
 * Our own probe, straight to the kernel: the library's view is checked
 * against it, and it must not share the library's mistakes.  Each bit is
 * asked for on its own, as the library is meant to.
 */
static long raw_create(const uint64_t *attr, size_t size, uint32_t flags)
{
	return syscall(SYS_landlock_create_ruleset, attr, size, flags);
}

/*
 * The kernel's bit for the library's bit @i of @field: the companion
 * inbound scopes (the library's 3 and 4) are the v2 series' 63 and 62,
 * written out here, apart from the library's own table that they check.
 */
static unsigned int kernel_bit(unsigned int field, unsigned int i)
{
	if (field == 2 && i == 3)
		return 63;
	if (field == 2 && i == 4)
		return 62;
	return i;
}

static uint64_t raw_probe_bits(unsigned int field, unsigned int nbits)
{
	uint64_t have = 0;
	unsigned int i;

	for (i = 0; i < nbits; i++) {
		uint64_t attr[3] = { 0, 0, 0 };
		long fd;

		attr[field] = UINT64_C(1) << kernel_bit(field, i);
		fd = raw_create(attr, (field + 1) * sizeof(uint64_t), 0);
		if (fd >= 0) {
			close((int)fd);
			have |= UINT64_C(1) << i;
		}
	}
	return have;
}

static void raw_probe(struct kt_kernel *k)
{
	long r;

	memset(k, 0, sizeof(*k));
	r = raw_create(NULL, 0, 1U << 0 /* VERSION */);
	if (r < 0) {
		k->abi = -errno;
		return;
	}
	k->abi = (int)r;
	r = raw_create(NULL, 0, 1U << 1 /* ERRATA */);
	k->errata = r < 0 ? 0 : (uint64_t)r;
	k->access_fs = raw_probe_bits(0, 17);
	k->access_net = raw_probe_bits(1, 4);
	k->scoped = raw_probe_bits(2, 5);
}

static int parse_expect(const char *name, int max)
{
	const char *s = getenv(name);
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0 || v > max) {
		fprintf(stderr, "%s=%s: expected a number from 0 to %d\n", name,
			s, max);
		exit(2);
	}
	return (int)v;
}

/*
 * LANDSCOPE_KT_UID=N: when started as root, become uid and gid N (no
 * capabilities, no groups) before anything else.  Landlock's main users
 * are unprivileged, and the kernel answers some calls differently
 * without CAP_SYS_ADMIN (restrict_self is EPERM before it looks at its
 * flags), so the suite runs both ways.
 */
static void drop_root(void)
{
	const char *s = getenv("LANDSCOPE_KT_UID");
	char *end;
	long id;

	if (!s || !*s || geteuid())
		return;
	errno = 0;
	id = strtol(s, &end, 10);
	if (errno || *end || id <= 0 || id > 65535) {
		fprintf(stderr, "LANDSCOPE_KT_UID=%s: not a uid\n", s);
		exit(2);
	}
	if (setgroups(0, NULL) || setresgid((gid_t)id, (gid_t)id, (gid_t)id) ||
	    setresuid((uid_t)id, (uid_t)id, (uid_t)id)) {
		fprintf(stderr, "cannot become uid %ld: %s\n", id,
			strerror(errno));
		exit(1);
	}
}

int kt_main(int argc, char **argv, const char *group,
	    const struct CMUnitTest *tests, size_t count)
{
	int failed, r;

	/*
	 * The exec cases run this very binary again (no /bin/true); with
	 * "write PATH" it reports what opening PATH for writing gives, as
	 * its status (execve itself needs no write right).
	 */
	if (argc > 1 && !strcmp(argv[1], KT_EXEC_HELPER_ARG))
		_exit(argc == 4 && !strcmp(argv[2], "write")
			      ? kt_try_open(argv[3], O_WRONLY)
			      : 0);

	kt_group = group;
	drop_root();
	kt_expect_abi =
		parse_expect("LANDSCOPE_EXPECT_ABI", LANDSCOPE_ABI_LAST);
	kt_expect_patched = parse_expect("LANDSCOPE_EXPECT_PATCHED", 1) == 1;
#ifdef LSC_TEST_HOOKS
	kt_simulated = getenv("LANDSCOPE_SIMULATE_ABI") != NULL;
#else
	/* A production build ignores the variable: nothing is simulated. */
	kt_simulated = false;
#endif

	raw_probe(&kt_kernel);
	kt_feat.sz = sizeof(kt_feat);
	r = landscope_features_get(&kt_feat);
	if (r) {
		fprintf(stderr, "landscope_features_get() = %d\n", r);
		return 1;
	}
	kt_loopback_up();

	printf("# %s (uid %d): library ABI %d (kernel %d, unavailable %d), "
	       "fs %#llx net %#llx scoped %#llx flags %#x errata %#llx\n",
	       group, (int)getuid(), (int)kt_feat.abi, (int)kt_feat.kernel_abi,
	       (int)kt_feat.unavailable, (unsigned long long)kt_feat.access_fs,
	       (unsigned long long)kt_feat.access_net,
	       (unsigned long long)kt_feat.scoped,
	       (unsigned int)kt_feat.restrict_flags,
	       (unsigned long long)kt_feat.errata);
	printf("# %s: raw probe ABI %d, fs %#llx net %#llx scoped %#llx; "
	       "LANDSCOPE_EXPECT_ABI=%d LANDSCOPE_EXPECT_PATCHED=%d%s\n",
	       group, kt_kernel.abi, (unsigned long long)kt_kernel.access_fs,
	       (unsigned long long)kt_kernel.access_net,
	       (unsigned long long)kt_kernel.scoped, kt_expect_abi,
	       kt_expect_patched, kt_simulated ? " (ABI simulated)" : "");
	fflush(stdout);

	failed = _cmocka_run_group_tests(group, tests, count, NULL, NULL);
	if (failed)
		return 1;
	/* Meson's "skipped": nothing here could run on this kernel. */
	if (count && kt_skipped == count)
		return 77;
	return 0;
}

const char *kt_path(const char *rel)
{
	static char buf[8][PATH_MAX];
	static unsigned int next;
	char *p = buf[next++ % KT_ARRAY_SIZE(buf)];
	int n = snprintf(p, PATH_MAX, "%s/%s", kt_root, rel);

	if (n < 0 || n >= PATH_MAX)
		fail_msg("path too long: %s/%s", kt_root, rel);
	return p;
}

static void write_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		fail_msg("create %s: %s", path, strerror(errno));
	if (write(fd, "data", 4) != 4)
		fail_msg("write %s: %s", path, strerror(errno));
	close(fd);
}

int kt_setup(void **state)
{
	static const char *const dirs[] = { "a", "b", "a/sub", "b/sub" };
	const char *tmp = getenv("TMPDIR");
	unsigned int i;

	(void)state;
	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(kt_root, sizeof(kt_root), "%s/landscope-kt.XXXXXX", tmp);
	if (!mkdtemp(kt_root)) {
		fprintf(stderr, "mkdtemp(%s): %s\n", kt_root, strerror(errno));
		return -1;
	}
	for (i = 0; i < KT_ARRAY_SIZE(dirs); i++) {
		if (mkdir(kt_path(dirs[i]), 0755)) {
			fprintf(stderr, "mkdir %s: %s\n", kt_path(dirs[i]),
				strerror(errno));
			return -1;
		}
	}
	write_file(kt_path("a/f"));
	write_file(kt_path("b/f"));
	kt_fds_snapshot(&kt_case_fds);
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

int kt_teardown(void **state)
{
	struct kt_fds after;
	int fd, ret = 0;

	(void)state;
	kt_fds_snapshot(&after);
	fd = kt_fds_diff(&kt_case_fds, &after);
	if (fd >= 0) {
		fprintf(stderr, "%s: fd %d %s during the case (fd leak)\n",
			kt_group, fd, after.open[fd] ? "opened" : "closed");
		ret = -1;
	}
	if (kt_root[0])
		nftw(kt_root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	kt_root[0] = '\0';
	return ret;
}

void kt_missing(int abi, bool patched, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (abi > 0 && kt_expect_abi >= abi)
		fail_msg("%s, but LANDSCOPE_EXPECT_ABI=%d", why, kt_expect_abi);
	if (patched && kt_expect_patched)
		fail_msg("%s, but LANDSCOPE_EXPECT_PATCHED=1", why);
	printf("# SKIP: %s\n", why);
	fflush(stdout);
	kt_skipped++;
	skip();
}

void kt_require_landlock(void)
{
	if (kt_feat.abi >= 1)
		return;
	kt_missing(1, false, "Landlock is unavailable (%s)",
		   kt_strerr(-kt_feat.unavailable));
}

static void require_bits(int category, uint64_t want, uint64_t have,
			 const char *what)
{
	uint64_t missing = want & ~have;
	bool patched = false;
	int abi = 0, i;

	kt_require_landlock();
	if (!missing)
		return;
	for (i = 0; i < 64; i++) {
		uint64_t bit = UINT64_C(1) << i;
		int a;

		if (!(missing & bit))
			continue;
		a = kt_abi_of(category, bit);
		if (a == 0)
			patched = true;
		if (a > abi)
			abi = a;
	}
	kt_missing(abi, patched, "%s %s (%s) not supported by this kernel",
		   what, landscope_access_name(category, missing & -missing),
		   abi ? "Landlock ABI" : "companion patch");
}

void kt_require_fs(uint64_t access)
{
	require_bits(LANDSCOPE_CATEGORY_FS, access, kt_feat.access_fs,
		     "filesystem right");
}

void kt_require_net(uint64_t access)
{
	require_bits(LANDSCOPE_CATEGORY_NET, access, kt_feat.access_net,
		     "network right");
}

void kt_require_scope(uint64_t scopes)
{
	require_bits(LANDSCOPE_CATEGORY_SCOPE, scopes, kt_feat.scoped, "scope");
}

void kt_require_flags(unsigned int flags)
{
	require_bits(LANDSCOPE_CATEGORY_FLAGS, flags, kt_feat.restrict_flags,
		     "restrict flag");
}

int kt_exec_self(char *const argv[])
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		kt_die("fork: %s", strerror(errno));
	if (pid == 0) {
		execve("/proc/self/exe", argv, environ);
		_exit(errno);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		kt_die("exec helper did not exit");
	return WEXITSTATUS(status);
}

void kt_die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "child %d: ", (int)getpid());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	_exit(KT_EXIT_DIED);
}

int kt_errno(long ret)
{
	return ret < 0 ? errno : 0;
}

int kt_try_open(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/*
 * A forked copy of the test process must never return into cmocka: its
 * fault handlers would longjmp into the copied runner and carry on with
 * the next case in the child.
 */
static void child_init(void)
{
	static const int sigs[] = {
		SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTERM, SIGALRM,
	};
	unsigned int i;

	for (i = 0; i < KT_ARRAY_SIZE(sigs); i++)
		signal(sigs[i], SIG_DFL);
	/* Own process group, so a hung case is killed with its helpers. */
	setpgid(0, 0);
	alarm(KT_TIMEOUT);
}

/* Read exactly @len bytes within the timeout: 0, or -1 on EOF/timeout. */
static int read_timed(int fd, void *buf, size_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t done = 0;

	while (done < len) {
		ssize_t n;
		int r = poll(&p, 1, (KT_TIMEOUT + 5) * 1000);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		n = read(fd, (char *)buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

static void describe_status(int status, char *buf, size_t len)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == KT_EXIT_DIED)
		snprintf(buf, len, "gave up (see its message above)");
	else if (WIFEXITED(status))
		snprintf(buf, len, "exited with %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d%s", WTERMSIG(status),
			 WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
	else
		snprintf(buf, len, "status %#x", status);
}

static int reap(pid_t pid)
{
	int status = 0;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

int kt_run(int (*fn)(void *arg), void *arg)
{
	char how[96];
	int p[2], result = -1, status, got;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		fail_msg("pipe2: %s", strerror(errno));
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		fail_msg("fork: %s", strerror(errno));
	}
	if (pid == 0) {
		close(p[0]);
		child_init();
		result = fn(arg);
		if (write(p[1], &result, sizeof(result)) != sizeof(result))
			_exit(KT_EXIT_DIED);
		_exit(0);
	}
	close(p[1]);
	got = read_timed(p[0], &result, sizeof(result));
	close(p[0]);
	if (got)
		kill(-pid, SIGKILL);
	status = reap(pid);
	if (got || !WIFEXITED(status) || WEXITSTATUS(status)) {
		describe_status(status, how, sizeof(how));
		fprintf(stderr, "child %d %s\n", (int)pid, how);
		return KT_CHILD_FAILED;
	}
	if (result < 0) {
		fprintf(stderr, "child returned %d, not an errno\n", result);
		return KT_CHILD_FAILED;
	}
	return result;
}

void kt_expect_errno(int got, int want, const char *what)
{
	if (got == want)
		return;
	if (got == KT_CHILD_FAILED)
		fail_msg("%s: the child failed (see above)", what);
	fail_msg("%s: expected %s (%d), got %s (%d)", what, kt_strerr(want),
		 want, kt_strerr(got), got);
}

struct landscope_ruleset *kt_ruleset(int level)
{
	struct landscope_ruleset *ruleset = NULL;

	kt_fds_snapshot(&kt_child_fds);
	kt_check(landscope_ruleset_new(&ruleset, 0));
	kt_check(landscope_ruleset_set_compat_level(ruleset, level, 0));
	return ruleset;
}

void kt_enforce(struct landscope_ruleset *ruleset, unsigned int flags)
{
	struct landscope_report *report = NULL;
	struct kt_fds after;
	int r, status, fd;

	r = landscope_ruleset_restrict_self(ruleset, flags, &report);
	if (r < 0) {
		if (report)
			landscope_report_print(report, stderr);
		kt_die("landscope_ruleset_restrict_self() = %d (%s)", r,
		       kt_strerr(-r));
	}
	if (!report)
		kt_die("landscope_ruleset_restrict_self() gave no report");
	status = landscope_report_status(report);
	if (status != LANDSCOPE_FULLY_ENFORCED) {
		landscope_report_print(report, stderr);
		kt_die("report status %d, not fully enforced", status);
	}
	landscope_report_free(report);
	landscope_ruleset_free(ruleset);
	kt_fds_snapshot(&after);
	fd = kt_fds_diff(&kt_child_fds, &after);
	if (fd >= 0)
		kt_die("fd %d %s by the library after restrict and free", fd,
		       after.open[fd] ? "left open" : "closed");
}

void kt_fds_snapshot(struct kt_fds *fds)
{
	unsigned int i;

	fds->n = KT_ARRAY_SIZE(fds->open);
	for (i = 0; i < fds->n; i++)
		fds->open[i] = fcntl((int)i, F_GETFD) != -1;
}

int kt_fds_diff(const struct kt_fds *before, const struct kt_fds *after)
{
	unsigned int i;

	for (i = 0; i < before->n && i < after->n; i++)
		if (before->open[i] != after->open[i])
			return (int)i;
	return -1;
}

int kt_no_new_privs(void)
{
	return prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
}

void kt_loopback_up(void)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (s < 0)
		return;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (!ioctl(s, SIOCGIFFLAGS, &ifr) && !(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(s, SIOCSIFFLAGS, &ifr))
			printf("# cannot bring lo up: %s\n", strerror(errno));
	}
	close(s);
}

static void loopback(struct sockaddr_in *sin, uint16_t port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

int kt_inet_socket(int type, bool listen_too, uint16_t *port)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int one = 1, s;

	s = socket(AF_INET, type | SOCK_CLOEXEC, 0);
	if (s < 0)
		fail_msg("socket: %s", strerror(errno));
	loopback(&sin, 0);
	if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(s, (struct sockaddr *)&sin, sizeof(sin)) ||
	    (listen_too && listen(s, 8)) ||
	    getsockname(s, (struct sockaddr *)&sin, &len)) {
		int err = errno;

		close(s);
		fail_msg("loopback socket: %s", strerror(err));
	}
	*port = ntohs(sin.sin_port);
	return s;
}

uint16_t kt_other_port(uint16_t avoid)
{
	return avoid == 65535 ? 65534 : (uint16_t)(avoid + 1);
}

socklen_t kt_abstract_addr(struct sockaddr_un *addr)
{
	static unsigned int counter;
	int n;

	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	n = snprintf(addr->sun_path + 1, sizeof(addr->sun_path) - 1,
		     "landscope-kt-%d-%u-%ld", (int)getpid(), counter++,
		     (long)time(NULL));
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
}

socklen_t kt_pathname_addr(struct sockaddr_un *addr, const char *path)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(addr->sun_path))
		fail_msg("socket path too long: %s", path);
	strcpy(addr->sun_path, path);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
			   strlen(path) + 1);
}

int kt_unix_server(int type, const struct sockaddr_un *addr, socklen_t len)
{
	int s = socket(AF_UNIX, type | SOCK_CLOEXEC, 0), err;

	if (s < 0)
		return -errno;
	if (bind(s, (const struct sockaddr *)addr, len) ||
	    (type == SOCK_STREAM && listen(s, 8))) {
		err = errno;
		close(s);
		return -err;
	}
	return s;
}

int kt_unix_connect(int type, const struct sockaddr_un *addr, socklen_t len)
{
	int s = socket(AF_UNIX, type | SOCK_CLOEXEC, 0), err;

	if (s < 0)
		return errno;
	err = kt_errno(connect(s, (const struct sockaddr *)addr, len));
	close(s);
	return err;
}

int kt_unix_sendto(const struct sockaddr_un *addr, socklen_t len)
{
	int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), err;

	if (s < 0)
		return errno;
	err = kt_errno(
		sendto(s, "x", 1, 0, (const struct sockaddr *)addr, len));
	close(s);
	return err;
}

pid_t kt_sleeper_start(void)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		child_init();
		alarm(KT_TIMEOUT * 2);
		for (;;)
			pause();
	}
	return pid;
}

int kt_sleeper_end(pid_t pid)
{
	int status, i;

	/* A signal that was allowed may take a moment to be delivered. */
	for (i = 0; i < 50; i++) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFSIGNALED(status) ? WTERMSIG(status) : -1;
		if (r < 0 && errno != EINTR)
			return -1;
		usleep(10000);
	}
	kill(pid, SIGKILL);
	reap(pid);
	return 0;
}

int kt_server_start(struct kt_server *server, int (*setup)(void *arg),
		    void *arg)
{
	int res[2], ctl[2], result = -1;
	char c;

	if (pipe2(res, O_CLOEXEC))
		fail_msg("pipe2: %s", strerror(errno));
	if (pipe2(ctl, O_CLOEXEC)) {
		close(res[0]);
		close(res[1]);
		fail_msg("pipe2: %s", strerror(errno));
	}
	fflush(stdout);
	fflush(stderr);
	server->pid = fork();
	if (server->pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (server->pid == 0) {
		close(res[0]);
		close(ctl[1]);
		child_init();
		result = setup(arg);
		if (write(res[1], &result, sizeof(result)) != sizeof(result))
			_exit(KT_EXIT_DIED);
		/* Serve (the kernel queues connections) until told to stop. */
		while (read(ctl[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(res[1]);
	close(ctl[0]);
	server->ctl = ctl[1];
	if (read_timed(res[0], &result, sizeof(result))) {
		close(res[0]);
		kt_server_stop(server);
		fail_msg("server child did not start");
	}
	close(res[0]);
	return result;
}

void kt_server_stop(struct kt_server *server)
{
	char how[96];
	int status;

	close(server->ctl);
	status = reap(server->pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		describe_status(status, how, sizeof(how));
		fail_msg("server child %s", how);
	}
}
