// SPDX-License-Identifier: MIT
/*
 * What liblandscope costs on top of the raw Landlock syscalls, for a
 * typical policy: 20 path rules (16 directories, 4 files), 4 port rules
 * and the upstream scopes.  Each figure is a median over N runs, and the
 * library and the raw baseline do the same kernel work in the same run:
 *
 * - build:   the library builds, computes and reports the policy
 *            (LANDSCOPE_RESTRICT_DRY_RUN), against the raw open/fstat/close
 *            of the same paths (what the library cannot avoid);
 * - enforce: everything up to landlock_restrict_self(), in a forked child
 *            (a restriction cannot be undone), timed inside the child.
 *            The library builds no kernel ruleset without enforcing it,
 *            so this is where the whole cost shows;
 * - probe:   the library's first landscope_features_get() (in a fresh
 *            child: the probe is cached per process) against one
 *            CREATE_RULESET_VERSION syscall, and a cached call.
 *
 * Usage: ruleset_bench [-n ITERATIONS]
 * Exit status 77 if the kernel has no usable Landlock.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pipe2() */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

#define NR_DIRS 16
#define NR_FILES 4
#define NR_PATHS (NR_DIRS + NR_FILES)
#define NR_PORTS 4

/* The kernel's structures, for the raw baseline. */
struct raw_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

struct raw_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

struct raw_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};

static char paths[NR_PATHS][256];
static const uint64_t ports[NR_PORTS] = { 53, 80, 443, 8080 };
static struct landscope_features features = { sizeof(features) };
static uint64_t handled_fs, handled_net, scopes;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static double median_us(uint64_t *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_u64);
	return (n % 2 ? (double)v[n / 2]
		      : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2) /
	       1000.0;
}

static uint64_t rights(int i)
{
	/* Half the directories read-exec, half read-write; files read. */
	if (i >= NR_DIRS)
		return LANDSCOPE_ACCESS_FS_READ_FILE;
	return i % 2 ? LANDSCOPE_ACCESS_FS_READ_EXEC
		     : LANDSCOPE_ACCESS_FS_READ_WRITE;
}

static int make_tree(char *top)
{
	int i, fd;

	if (!mkdtemp(top))
		return -errno;
	for (i = 0; i < NR_PATHS; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%s/%s%02d", top,
			 i < NR_DIRS ? "d" : "f", i);
		if (i < NR_DIRS) {
			if (mkdir(paths[i], 0755))
				return -errno;
		} else {
			fd = open(paths[i], O_CREAT | O_WRONLY | O_CLOEXEC,
				  0644);
			if (fd < 0)
				return -errno;
			close(fd);
		}
	}
	return 0;
}

static void remove_tree(const char *top)
{
	int i;

	for (i = 0; i < NR_PATHS; i++)
		(i < NR_DIRS ? rmdir : unlink)(paths[i]);
	rmdir(top);
}

/* The library: build, compute, report, free.  0 or a negative errno. */
static int lib_build(unsigned int flags)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *r = NULL;
	int err, i;

	err = landscope_ruleset_new(&rs, 0);
	if (err)
		return err;
	err = landscope_ruleset_handle_fs(rs, handled_fs);
	if (!err && handled_net)
		err = landscope_ruleset_handle_net(rs, handled_net);
	if (!err && scopes)
		err = landscope_ruleset_add_scope(rs, scopes);
	for (i = 0; !err && i < NR_PATHS; i++)
		err = landscope_ruleset_add_path(rs, paths[i], rights(i), 0);
	for (i = 0; !err && i < NR_PORTS; i++)
		err = landscope_ruleset_add_port(
			rs, ports[i], LANDSCOPE_ACCESS_NET_CONNECT_TCP, 0);
	if (!err)
		err = landscope_ruleset_restrict_self(rs, flags, &r);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
	return err;
}

/*
 * The raw baseline: open and fstat the paths, and with @enforce build the
 * kernel ruleset and restrict the process.
 */
static int raw_build(int enforce)
{
	struct raw_ruleset_attr attr = {
		.handled_access_fs = handled_fs,
		.handled_access_net = handled_net,
		.scoped = scopes,
	};
	int fds[NR_PATHS];
	int ruleset = -1, err = 0, i;

	for (i = 0; i < NR_PATHS; i++) {
		struct stat st;

		fds[i] = open(paths[i], O_PATH | O_CLOEXEC);
		if (fds[i] < 0 || fstat(fds[i], &st))
			err = -errno;
		/* Files take file rights only, as the library masks them. */
		else if (!S_ISDIR(st.st_mode) &&
			 rights(i) & ~LANDSCOPE_ACCESS_FS_FILE)
			err = -EINVAL;
	}
	if (err || !enforce)
		goto out;
	ruleset = (int)syscall(__NR_landlock_create_ruleset, &attr,
			       sizeof(attr), 0);
	if (ruleset < 0) {
		err = -errno;
		goto out;
	}
	for (i = 0; i < NR_PATHS; i++) {
		struct raw_path_beneath_attr pb = {
			.allowed_access = rights(i) & handled_fs,
			.parent_fd = fds[i],
		};

		if (syscall(__NR_landlock_add_rule, ruleset, 1, &pb, 0)) {
			err = -errno;
			goto out;
		}
	}
	for (i = 0; handled_net && i < NR_PORTS; i++) {
		struct raw_net_port_attr np = {
			.allowed_access = LANDSCOPE_ACCESS_NET_CONNECT_TCP,
			.port = ports[i],
		};

		if (syscall(__NR_landlock_add_rule, ruleset, 2, &np, 0)) {
			err = -errno;
			goto out;
		}
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) ||
	    syscall(__NR_landlock_restrict_self, ruleset, 0))
		err = -errno;
out:
	if (ruleset >= 0)
		close(ruleset);
	for (i = 0; i < NR_PATHS; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return err;
}

/* Run @fn in a fresh child, timed inside it; 0 on failure. */
static uint64_t in_child(int (*fn)(int), int arg)
{
	uint64_t ns = 0;
	int pipefd[2], status;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC))
		return 0;
	pid = fork();
	if (pid < 0)
		goto out;
	if (pid == 0) {
		uint64_t t0 = now_ns();
		int err = fn(arg);

		ns = err ? 0 : now_ns() - t0;
		if (write(pipefd[1], &ns, sizeof(ns)) != sizeof(ns))
			_exit(1);
		_exit(err ? 1 : 0);
	}
	if (read(pipefd[0], &ns, sizeof(ns)) != sizeof(ns))
		ns = 0;
	waitpid(pid, &status, 0);
out:
	close(pipefd[0]);
	close(pipefd[1]);
	return ns;
}

static int lib_enforce(int unused)
{
	(void)unused;
	return lib_build(0);
}

static int lib_first_probe(int unused)
{
	LANDSCOPE_INIT(landscope_features, f);

	(void)unused;
	return landscope_features_get(&f);
}

static int raw_version(int unused)
{
	(void)unused;
	return syscall(__NR_landlock_create_ruleset, NULL, 0, 1) > 0 ? 0
								     : -errno;
}

static void row(const char *name, uint64_t *lib, uint64_t *raw, int n)
{
	double l = median_us(lib, n), r = median_us(raw, n);

	printf("%-10s lib %9.2f us   raw %9.2f us   lib/raw %6.2f\n", name, l,
	       r, l / r);
}

int main(int argc, char **argv)
{
	char top[] = "/tmp/landscope-bench.XXXXXX";
	uint64_t *lib, *raw, t0;
	int n = 200, i, opt, err;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt == 'n' && atoi(optarg) > 0) {
			n = atoi(optarg);
			continue;
		}
		fprintf(stderr, "usage: %s [-n ITERATIONS]\n", argv[0]);
		return 2;
	}
	lib = calloc((size_t)n, sizeof(*lib));
	raw = calloc((size_t)n, sizeof(*raw));
	if (!lib || !raw)
		return 1;

	/* First, while this process has never probed: children inherit. */
	for (i = 0; i < n; i++) {
		lib[i] = in_child(lib_first_probe, 0);
		raw[i] = in_child(raw_version, 0);
		if (!lib[i] || !raw[i]) {
			printf("Landlock unavailable: skipped\n");
			return 77;
		}
	}
	row("probe", lib, raw, n);

	if (landscope_features_get(&features) || features.unavailable) {
		printf("Landlock unavailable: skipped\n");
		return 77;
	}
	for (i = 0; i < n; i++) {
		LANDSCOPE_INIT(landscope_features, f);

		t0 = now_ns();
		landscope_features_get(&f);
		lib[i] = now_ns() - t0;
		t0 = now_ns();
		raw_version(0);
		raw[i] = now_ns() - t0;
	}
	row("cached", lib, raw, n);

	handled_fs = features.access_fs;
	handled_net = features.access_net & LANDSCOPE_ACCESS_NET_CONNECT_TCP;
	scopes = features.scoped & (LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET |
				    LANDSCOPE_SCOPE_SIGNAL);
	printf("kernel ABI %d; policy: %d paths, %d ports, fs %#llx, "
	       "net %#llx, scoped %#llx; median of %d\n",
	       features.kernel_abi, NR_PATHS, handled_net ? NR_PORTS : 0,
	       (unsigned long long)handled_fs, (unsigned long long)handled_net,
	       (unsigned long long)scopes, n);

	err = make_tree(top);
	if (err) {
		fprintf(stderr, "cannot create %s: %s\n", top, strerror(-err));
		return 1;
	}
	for (i = 0; i < n; i++) {
		t0 = now_ns();
		err = lib_build(LANDSCOPE_RESTRICT_DRY_RUN);
		lib[i] = now_ns() - t0;
		t0 = now_ns();
		err = err ? err : raw_build(0);
		raw[i] = now_ns() - t0;
		if (err)
			goto fail;
	}
	row("build", lib, raw, n);

	for (i = 0; i < n; i++) {
		lib[i] = in_child(lib_enforce, 0);
		raw[i] = in_child(raw_build, 1);
		if (!lib[i] || !raw[i]) {
			err = -EIO;
			goto fail;
		}
	}
	row("enforce", lib, raw, n);
	remove_tree(top);
	free(lib);
	free(raw);
	return 0;

fail:
	fprintf(stderr, "iteration %d failed: %s\n", i, strerror(-err));
	remove_tree(top);
	return 1;
}
