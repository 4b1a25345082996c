// SPDX-License-Identifier: MIT
/*
 * The same policy three ways: through liblandscope (rules added one by
 * one, enforced with a report, everything freed); as the minimal raw
 * sequence (create_ruleset; per path open(O_PATH), add_rule, close; per
 * port add_rule; prctl(NO_NEW_PRIVS); restrict_self; close), which skips
 * everything a library does for its caller and so is the floor; and as
 * the raw syscalls in the library's order, to tell what the library's
 * design costs from what its code does.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#include "bench.h"

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

/* The kernel's structures, as a raw caller declares them. */
struct raw_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
};

struct raw_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

struct raw_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};

#define FIRST_PORT 10000

/* Alternate read-only and read-write trees, as real policies mix them. */
static uint64_t path_rights(int i)
{
	/* Every right: what 0.1's READ_WRITE was, so figures compare. */
	return i % 2 ? LANDSCOPE_ACCESS_FS_READ_EXEC : LANDSCOPE_ACCESS_FS_ALL;
}

static void path_of(char *buf, size_t size, const char *dir, int i)
{
	snprintf(buf, size, "%s/d%04d", dir, i);
}

int bench_policy_init(struct bench_policy *p, const char *dir, int nr_paths,
		      int nr_ports)
{
	LANDSCOPE_INIT(landscope_features, f);
	int err = landscope_features_get(&f);

	if (err)
		return err;
	if (f.unavailable)
		return f.unavailable;
	p->dir = dir;
	p->nr_paths = nr_paths;
	p->nr_ports = nr_ports;
	p->handled_fs = nr_paths ? f.access_fs : 0;
	p->handled_net = nr_ports ? f.access_net &
					    (LANDSCOPE_ACCESS_NET_BIND_TCP |
					     LANDSCOPE_ACCESS_NET_CONNECT_TCP)
				  : 0;
	if (nr_ports && !p->handled_net)
		return -EOPNOTSUPP;
	return 0;
}

int bench_lib_mode(const struct bench_policy *p, int dry_run,
		   unsigned int flags)
{
	return bench_lib_flags(p, flags,
			       dry_run ? LANDSCOPE_RESTRICT_DRY_RUN : 0);
}

int bench_lib_flags(const struct bench_policy *p, unsigned int flags,
		    unsigned int restrict_flags)
{
	bool dry_run = restrict_flags & LANDSCOPE_RESTRICT_DRY_RUN;
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *r = NULL;
	char path[4096];
	int err = 0, i;

	err = landscope_ruleset_new(&rs, flags);
	if (err)
		return err;
	if (p->handled_fs)
		err = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
						    p->handled_fs);
	if (!err && p->handled_net)
		err = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
						    p->handled_net);
	for (i = 0; !err && i < p->nr_paths; i++) {
		path_of(path, sizeof(path), p->dir, i);
		err = landscope_ruleset_add_path(rs, path, path_rights(i), 0);
	}
	for (i = 0; !err && i < p->nr_ports; i++)
		err = landscope_ruleset_add_port(
			rs, FIRST_PORT + i, LANDSCOPE_ACCESS_NET_CONNECT_TCP,
			0);
	if (!err)
		err = landscope_ruleset_restrict_self(rs, restrict_flags, &r);
	/* A benchmark of a policy the kernel refused would measure nothing. */
	if (!err && !dry_run &&
	    landscope_report_status(r) == LANDSCOPE_NOT_ENFORCED)
		err = -EPROTO;
	landscope_report_free(r);
	landscope_ruleset_free(rs);
	return err;
}

int bench_lib(const struct bench_policy *p, int dry_run)
{
	return bench_lib_mode(p, dry_run, 0);
}

int bench_lib_immediate(const struct bench_policy *p)
{
	return bench_lib_mode(p, 0, LANDSCOPE_RULESET_IMMEDIATE);
}

static int raw_create(const struct bench_policy *p)
{
	struct raw_ruleset_attr attr = {
		.handled_access_fs = p->handled_fs,
		.handled_access_net = p->handled_net,
	};
	int ruleset = (int)syscall(__NR_landlock_create_ruleset, &attr,
				   sizeof(attr), 0);

	return ruleset < 0 ? -errno : ruleset;
}

static int raw_add_path(int ruleset, const struct bench_policy *p, int i,
			int fd)
{
	struct raw_path_beneath_attr pb = {
		.allowed_access = path_rights(i) & p->handled_fs,
		.parent_fd = fd,
	};

	return syscall(__NR_landlock_add_rule, ruleset, 1, &pb, 0) ? -errno : 0;
}

/* The port rules, then no_new_privs and the restriction itself. */
static int raw_finish(int ruleset, const struct bench_policy *p)
{
	int i;

	for (i = 0; i < p->nr_ports; i++) {
		struct raw_net_port_attr np = {
			.allowed_access = LANDSCOPE_ACCESS_NET_CONNECT_TCP,
			.port = FIRST_PORT + i,
		};

		if (syscall(__NR_landlock_add_rule, ruleset, 2, &np, 0))
			return -errno;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) ||
	    syscall(__NR_landlock_restrict_self, ruleset, 0))
		return -errno;
	return 0;
}

int bench_raw(const struct bench_policy *p)
{
	char path[4096];
	int ruleset, fd, err = 0, i;

	ruleset = raw_create(p);
	if (ruleset < 0)
		return ruleset;
	for (i = 0; !err && i < p->nr_paths; i++) {
		path_of(path, sizeof(path), p->dir, i);
		fd = open(path, O_PATH | O_CLOEXEC);
		if (fd < 0) {
			err = -errno;
			break;
		}
		err = raw_add_path(ruleset, p, i, fd);
		close(fd);
	}
	if (!err)
		err = raw_finish(ruleset, p);
	close(ruleset);
	return err;
}

/*
 * The library's own syscall order, by hand: every path is opened when its
 * rule is added and stays open until the ruleset is freed, so that rules
 * can be added while the caller still has the rights to open them, and
 * the kernel ruleset is created at enforcement, once the handled sets and
 * the compatibility level are final.
 */
int bench_raw_held(const struct bench_policy *p)
{
	/* Not malloc(): the heap's first use in a child costs page faults. */
	static int fds[BENCH_MAX_PATHS];
	char path[4096];
	int ruleset = -1, err = 0, i, n;

	if (p->nr_paths > BENCH_MAX_PATHS)
		return -E2BIG;
	for (n = 0; n < p->nr_paths; n++) {
		path_of(path, sizeof(path), p->dir, n);
		fds[n] = open(path, O_PATH | O_CLOEXEC | O_DIRECTORY);
		if (fds[n] < 0) {
			err = -errno;
			goto out;
		}
	}
	ruleset = raw_create(p);
	if (ruleset < 0) {
		err = ruleset;
		goto out;
	}
	for (i = 0; !err && i < p->nr_paths; i++)
		err = raw_add_path(ruleset, p, i, fds[i]);
	if (!err)
		err = raw_finish(ruleset, p);
	close(ruleset);
out:
	for (i = 0; i < n; i++)
		close(fds[i]);
	return err;
}

/*
 * VARIANT by name: lib, lib-immediate, raw or raw-held; -EINVAL for
 * another name.
 */
int bench_run(const char *variant, const struct bench_policy *p)
{
	if (!strcmp(variant, "lib"))
		return bench_lib(p, 0);
	if (!strcmp(variant, "lib-immediate"))
		return bench_lib_immediate(p);
	if (!strcmp(variant, "raw"))
		return bench_raw(p);
	if (!strcmp(variant, "raw-held"))
		return bench_raw_held(p);
	return -EINVAL;
}

int bench_make_tree(const char *dir, int n)
{
	char path[4096];
	int i;

	for (i = 0; i < n; i++) {
		path_of(path, sizeof(path), dir, i);
		if (mkdir(path, 0755) && errno != EEXIST)
			return -errno;
	}
	return 0;
}

void bench_remove_tree(const char *dir, int n)
{
	char path[4096];
	int i;

	for (i = 0; i < n; i++) {
		path_of(path, sizeof(path), dir, i);
		rmdir(path);
	}
	rmdir(dir);
}

void bench_mark(void)
{
	/* glibc no longer caches getpid(): each call is a syscall. */
	syscall(SYS_getpid);
}

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
