/* SPDX-License-Identifier: MIT */
/*
 * Guard: a policy of 100,000 path rules works at the default RLIMIT_NOFILE
 * of 1024, with the library holding a bounded number of fds, in both modes:
 * immediate (one fd, the kernel ruleset) and the default one (at most 64
 * held paths, then frozen: 65).  A default ruleset with no handled set yet
 * cannot freeze, holds every path and fails cleanly with -EMFILE.  Real
 * kernel, forked children, the kernel suite's harness; it runs in the
 * kernel matrix too.
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

static pid_t tree_owner;
static unsigned int tree_size;

static void remove_tree(void);

/*
 * In the parent, outside the child's time limit; once for every case, as
 * the kernel matrix's emulated guests pay seconds for each 100,000 mkdir.
 */
static void make_tree(unsigned int n)
{
	unsigned int i;

	if (tree_size >= n)
		return;
	if (tree_size)
		remove_tree();

	snprintf(tree, sizeof(tree), "/dev/shm/landscope-large.XXXXXX");
	if (!mkdtemp(tree)) {
		snprintf(tree, sizeof(tree), "%s", kt_path("many"));
		if (mkdir(tree, 0755))
			fail_msg("mkdir %s: %s", tree, strerror(errno));
	}
	tree_owner = getpid();
	tree_size = n;
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
	/* Never from a forked child that exits through atexit(). */
	if (!tree_size || getpid() != tree_owner)
		return;
	nftw(tree, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	tree_size = 0;
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

/* The fds the library may hold: the kernel ruleset, and held paths. */
#define HELD_IMMEDIATE 1
#define HELD_DEFAULT (64 + 1)

static int large_child(void *arg)
{
	unsigned int flags = *(const unsigned int *)arg;
	unsigned int most_allowed = flags & LANDSCOPE_RULESET_IMMEDIATE
					    ? HELD_IMMEDIATE
					    : HELD_DEFAULT;
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *report = NULL;
	struct kt_fds base, now;
	unsigned int i, held, most = 0;
	int err;

	limit_fds();
	kt_fds_snapshot(&base);
	kt_check(landscope_ruleset_new(&rs, flags));
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
	/* The kernel ruleset, and no path left open past the bound. */
	if (most > most_allowed)
		kt_die("the library held %u fds (at most %u expected)", most,
		       most_allowed);
	/* Frozen: the handled sets are those the rules were sent under. */
	err = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					    LANDSCOPE_ACCESS_FS_WRITE_FILE);
	if (err != -EBUSY)
		kt_die("add_handled once frozen: %s (-EBUSY expected)",
		       kt_strerr(-err));
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

static void large_100000_paths(unsigned int flags)
{
	int err;

	kt_require_fs(RX);
	make_tree(NR_LARGE);
	err = kt_run(large_child, &flags);
	kt_expect_errno(err, EACCES, "large_child");
}

static void large_immediate_100000_paths(void **state)
{
	(void)state;
	large_100000_paths(LANDSCOPE_RULESET_IMMEDIATE);
}

static void large_default_100000_paths(void **state)
{
	(void)state;
	large_100000_paths(0);
}

/*
 * The default mode before any handled set: nothing can reach the kernel,
 * so every path is held; -EMFILE at the limit, nothing leaked.
 */
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
	kt_expect_errno(err, 0, "deferred_child");
}

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		KT_CASE("large_immediate_100000_paths",
			large_immediate_100000_paths, NULL),
		KT_CASE("large_default_100000_paths",
			large_default_100000_paths, NULL),
		KT_CASE("large_unhandled_emfile", large_deferred_emfile, NULL),
	};

	atexit(remove_tree);
	return kt_main(argc, argv, "guards-large", tests, KT_ARRAY_SIZE(tests));
}
