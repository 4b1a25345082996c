/* SPDX-License-Identifier: MIT */
/*
 * Guard: a policy of 100,000 path rules works at the default RLIMIT_NOFILE
 * of 1024, with the library holding a constant number of fds, each path
 * opened when it is added (LANDSCOPE_RULESET_IMMEDIATE); and the deferred
 * mode, which keeps one fd per path, fails such a policy cleanly with
 * -EMFILE.  Real kernel, forked children, the kernel suite's harness.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#define NR_LARGE 100000
#define NR_OVER_LIMIT 1100
#define FD_LIMIT 1024
/* Checked every so many rules (the fd table scan costs 1024 fcntl). */
#define CHECK_EVERY 5000

#define RX (LANDSCOPE_ACCESS_FS_READ_FILE | LANDSCOPE_ACCESS_FS_READ_DIR)

/*
 * The tree of directories, on tmpfs where there is one: 100,000 mkdir and
 * their removal take seconds there and minutes on a busy disk.
 */
static char tree[PATH_MAX];

static const char *tree_path(unsigned int i)
{
	static char buf[PATH_MAX + 16];

	snprintf(buf, sizeof(buf), "%s/d%u", tree, i);
	return buf;
}

/* In the parent, outside the child's time limit. */
static void make_tree(unsigned int n)
{
	unsigned int i;

	snprintf(tree, sizeof(tree), "/dev/shm/landscope-large.XXXXXX");
	if (!mkdtemp(tree)) {
		snprintf(tree, sizeof(tree), "%s", kt_path("many"));
		if (mkdir(tree, 0755))
			fail_msg("mkdir %s: %s", tree, strerror(errno));
	}
	for (i = 0; i < n; i++)
		if (mkdir(tree_path(i), 0755))
			fail_msg("mkdir %s: %s", tree_path(i), strerror(errno));
}

static int remove_one(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static void remove_tree(void)
{
	nftw(tree, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void limit_fds(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		kt_die("getrlimit: %s", strerror(errno));
	rl.rlim_cur = FD_LIMIT;
	if (rl.rlim_max < FD_LIMIT)
		kt_die("hard RLIMIT_NOFILE below %d", FD_LIMIT);
	if (setrlimit(RLIMIT_NOFILE, &rl))
		kt_die("setrlimit: %s", strerror(errno));
}

static unsigned int nr_open(const struct kt_fds *fds)
{
	unsigned int fd, n = 0;

	for (fd = 0; fd < fds->n; fd++)
		n += fds->open[fd];
	return n;
}

static int large_child(void *arg)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *report = NULL;
	struct kt_fds base, now;
	unsigned int i, held, most = 0;
	int err;

	(void)arg;
	limit_fds();
	kt_fds_snapshot(&base);
	kt_check(landscope_ruleset_new(&rs, LANDSCOPE_RULESET_IMMEDIATE));
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RX));
	for (i = 0; i < NR_LARGE; i++) {
		err = landscope_ruleset_add_path(rs, tree_path(i), RX, 0);
		if (err)
			kt_die("add_path #%u: %s", i, kt_strerr(-err));
		if (i % CHECK_EVERY && i != NR_LARGE - 1)
			continue;
		kt_fds_snapshot(&now);
		held = nr_open(&now) - nr_open(&base);
		if (held > most)
			most = held;
	}
	/* The kernel ruleset, and no path left open. */
	if (most != 1)
		kt_die("the library held %u fds (1 expected)", most);
	kt_check(landscope_ruleset_restrict_self(rs, 0, &report));
	if (landscope_report_status(report) != LANDSCOPE_FULLY_ENFORCED)
		kt_die("status %d", landscope_report_status(report));
	if (landscope_report_rule_count(report) != NR_LARGE)
		kt_die("%d rules", landscope_report_rule_count(report));
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	kt_fds_snapshot(&now);
	if (kt_fds_diff(&base, &now) >= 0)
		kt_die("fd %d left behind", kt_fds_diff(&base, &now));
	/* Enforced for real: the last path is allowed, others are not. */
	err = kt_try_open(tree_path(NR_LARGE - 1), O_RDONLY | O_DIRECTORY);
	if (err)
		kt_die("rule %d not enforced: %s", NR_LARGE - 1,
		       kt_strerr(err));
	return kt_try_open(kt_path("a/f"), O_RDONLY);
}

static void large_immediate_100000_paths(void **state)
{
	int err;

	(void)state;
	kt_require_fs(RX);
	make_tree(NR_LARGE);
	err = kt_run(large_child, NULL);
	remove_tree();
	kt_expect_errno(err, EACCES, "large_child");
}

/* The deferred mode: one fd per path, -EMFILE, nothing leaked. */
static int deferred_child(void *arg)
{
	struct landscope_ruleset *rs = NULL;
	struct kt_fds base, now;
	unsigned int i;
	int err = 0;

	(void)arg;
	limit_fds();
	kt_fds_snapshot(&base);
	kt_check(landscope_ruleset_new(&rs, 0));
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RX));
	for (i = 0; i < NR_OVER_LIMIT && !err; i++)
		err = landscope_ruleset_add_path(rs, tree_path(i), RX, 0);
	if (err != -EMFILE)
		kt_die("deferred: %u paths, %s (-EMFILE expected)", i,
		       kt_strerr(-err));
	landscope_ruleset_free(rs);
	kt_fds_snapshot(&now);
	if (kt_fds_diff(&base, &now) >= 0)
		kt_die("fd %d left behind", kt_fds_diff(&base, &now));
	return 0;
}

static void large_deferred_emfile(void **state)
{
	int err;

	(void)state;
	kt_require_fs(RX);
	make_tree(NR_OVER_LIMIT);
	err = kt_run(deferred_child, NULL);
	remove_tree();
	kt_expect_errno(err, 0, "deferred_child");
}

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		KT_CASE("large_immediate_100000_paths",
			large_immediate_100000_paths, NULL),
		KT_CASE("large_deferred_emfile", large_deferred_emfile, NULL),
	};

	return kt_main(argc, argv, "guards-large", tests, KT_ARRAY_SIZE(tests));
}
