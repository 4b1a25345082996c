/* SPDX-License-Identifier: MIT */
/*
 * Guard: the library never leaks an fd, keeps every fd it holds
 * O_CLOEXEC, and fails cleanly (-EMFILE, nothing leaked, process
 * untouched) when the fd table is full.  Runs on the real kernel with the
 * kernel suite's harness; every case is a forked child.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "harness.h"

#define FS(x) LANDSCOPE_ACCESS_FS_##x

/* Fds that fill the table, so that the next open() gets EMFILE. */
struct filler {
	struct rlimit saved;
	int fds[1024];
	unsigned int n;
};

/*
 * Lower RLIMIT_NOFILE to just above the highest open fd, then fill the
 * holes below it: from here on no new fd can be made.
 */
static void fill_fd_table(struct filler *f)
{
	struct rlimit rl;
	struct kt_fds now;
	int top = 2, fd;

	kt_fds_snapshot(&now);
	for (fd = 0; fd < (int)now.n; fd++)
		if (now.open[fd])
			top = fd;
	if (getrlimit(RLIMIT_NOFILE, &f->saved))
		kt_die("getrlimit: %s", strerror(errno));
	rl = f->saved;
	rl.rlim_cur = (rlim_t)top + 1;
	if (setrlimit(RLIMIT_NOFILE, &rl))
		kt_die("setrlimit: %s", strerror(errno));
	f->n = 0;
	while ((fd = fcntl(0, F_DUPFD_CLOEXEC, 0)) >= 0) {
		if (f->n == KT_ARRAY_SIZE(f->fds))
			kt_die("too many fillers");
		f->fds[f->n++] = fd;
	}
	if (errno != EMFILE)
		kt_die("filling the fd table: %s", strerror(errno));
}

static void drain_fd_table(struct filler *f)
{
	while (f->n)
		close(f->fds[--f->n]);
	if (setrlimit(RLIMIT_NOFILE, &f->saved))
		kt_die("setrlimit: %s", strerror(errno));
}

static void expect_same_fds(const struct kt_fds *before, const char *when)
{
	struct kt_fds after;
	int fd;

	kt_fds_snapshot(&after);
	fd = kt_fds_diff(before, &after);
	if (fd >= 0)
		kt_die("%s: fd %d %s", when, fd,
		       after.open[fd] ? "leaked" : "closed behind our back");
}

static int add_path_child(void *arg)
{
	struct landscope_ruleset *rs = NULL;
	struct filler f;
	struct kt_fds base;
	int r;

	(void)arg;
	kt_fds_snapshot(&base);
	fill_fd_table(&f);
	/* A ruleset is memory only until restrict_self(). */
	kt_check(landscope_ruleset_new(&rs, 0));
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       FS(READ_FILE)));
	r = landscope_ruleset_add_path(rs, kt_path("a"), FS(READ_FILE), 0);
	drain_fd_table(&f);
	expect_same_fds(&base, "after add_path() under EMFILE");
	/* The ruleset is still usable once fds are available again. */
	kt_check(
		landscope_ruleset_add_path(rs, kt_path("a"), FS(READ_FILE), 0));
	landscope_ruleset_free(rs);
	expect_same_fds(&base, "after free");
	return r < 0 ? -r : 0;
}

static void fd_exhausted_add_path_emfile(void **state)
{
	(void)state;
	kt_expect(add_path_child, NULL, EMFILE);
}

static int add_fd_child(void *arg)
{
	struct landscope_ruleset *rs = NULL;
	struct filler f;
	struct kt_fds base;
	int r, fd;

	(void)arg;
	fd = open(kt_path("a"), O_PATH | O_CLOEXEC);
	if (fd < 0)
		kt_die("open: %s", strerror(errno));
	kt_fds_snapshot(&base);
	kt_check(landscope_ruleset_new(&rs, 0));
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       FS(READ_FILE)));
	fill_fd_table(&f);
	r = landscope_ruleset_add_fd(rs, fd, FS(READ_FILE), 0);
	drain_fd_table(&f);
	expect_same_fds(&base, "after add_fd() under EMFILE");
	landscope_ruleset_free(rs);
	expect_same_fds(&base, "after free");
	close(fd);
	return r < 0 ? -r : 0;
}

static void fd_exhausted_add_fd_emfile(void **state)
{
	(void)state;
	kt_expect(add_fd_child, NULL, EMFILE);
}

static int restrict_child(void *arg)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *report = NULL;
	struct kt_fds base, held;
	struct filler f;
	int r;

	(void)arg;
	kt_fds_snapshot(&base);
	kt_check(landscope_ruleset_new(&rs, 0));
	kt_check(landscope_ruleset_set_compat_level(
		rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT, 0));
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       FS(READ_FILE)));
	kt_check(
		landscope_ruleset_add_path(rs, kt_path("a"), FS(READ_FILE), 0));
	kt_fds_snapshot(&held);
	fill_fd_table(&f);
	r = landscope_ruleset_restrict_self(rs, 0, &report);
	drain_fd_table(&f);
	landscope_report_free(report);
	expect_same_fds(&held, "after restrict_self() under EMFILE");
	/* Failed before changing the process. */
	if (kt_no_new_privs())
		kt_die("no_new_privs set by a failed restrict_self()");
	if (kt_try_open(kt_path("b/f"), O_RDONLY))
		kt_die("restricted by a failed restrict_self()");
	/* And works once fds are back. */
	kt_check(landscope_ruleset_restrict_self(rs, 0, NULL));
	landscope_ruleset_free(rs);
	expect_same_fds(&base, "after free");
	if (kt_try_open(kt_path("b/f"), O_RDONLY) != EACCES)
		kt_die("not restricted after the second restrict_self()");
	return r < 0 ? -r : 0;
}

static void fd_exhausted_restrict_emfile(void **state)
{
	(void)state;
	kt_require_fs(FS(READ_FILE));
	kt_expect(restrict_child, NULL, EMFILE);
}

/* Every fd opened since @base must be close-on-exec. */
static void expect_cloexec(const struct kt_fds *base, const char *when)
{
	struct kt_fds now;
	unsigned int fd;

	kt_fds_snapshot(&now);
	for (fd = 0; fd < now.n; fd++) {
		if (!now.open[fd] || base->open[fd])
			continue;
		if (!(fcntl((int)fd, F_GETFD) & FD_CLOEXEC))
			kt_die("%s: fd %u is not O_CLOEXEC", when, fd);
	}
}

/* Success and error paths of every call that touches fds. */
static int api_child(void *arg)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *report = NULL;
	struct kt_fds base;
	int fd, r;

	(void)arg;
	kt_fds_snapshot(&base);
	kt_check(landscope_ruleset_new(&rs, 0));
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       FS(READ_FILE) | FS(READ_DIR)));
	kt_check(
		landscope_ruleset_add_path(rs, kt_path("a"), FS(READ_FILE), 0));
	kt_check(landscope_ruleset_add_path(rs, kt_path("a/f"), FS(READ_FILE),
					    0));
	kt_check(landscope_ruleset_add_path(rs, kt_path("nope"), FS(READ_FILE),
					    LANDSCOPE_ADD_RULE_IGNORE_MISSING));
	r = landscope_ruleset_add_path(rs, kt_path("nope"), FS(READ_FILE), 0);
	if (r != -ENOENT)
		kt_die("add_path(missing) = %d, expected -ENOENT", r);
	r = landscope_ruleset_add_path(rs, kt_path("a/f/x"), FS(READ_FILE), 0);
	if (r != -ENOTDIR)
		kt_die("add_path(a/f/x) = %d, expected -ENOTDIR", r);
	r = landscope_ruleset_add_fd(rs, 1000, FS(READ_FILE), 0);
	if (r != -EBADF)
		kt_die("add_fd(1000) = %d, expected -EBADF", r);
	fd = open(kt_path("b"), O_PATH | O_CLOEXEC);
	if (fd < 0)
		kt_die("open: %s", strerror(errno));
	kt_check(landscope_ruleset_add_fd(rs, fd, FS(READ_FILE), 0));
	close(fd);
	expect_cloexec(&base, "rules held");
	/*
	 * Hard mode refuses directory rights on a file at restriction,
	 * before any fd is opened for the kernel ruleset.
	 */
	kt_check(landscope_ruleset_add_path(rs, kt_path("a/f"), FS(READ_DIR),
					    0));
	kt_check(landscope_ruleset_set_compat_level(
		rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT, 0));
	r = landscope_ruleset_restrict_self(rs, 0, NULL);
	if (r != -EINVAL)
		kt_die("hard restrict_self(file with READ_DIR) = %d, "
		       "expected -EINVAL",
		       r);
	expect_cloexec(&base, "rules held");
	kt_check(landscope_ruleset_set_compat_level(
		rs, LANDSCOPE_COMPAT_BEST_EFFORT, 0));
	kt_check(landscope_ruleset_restrict_self(rs, LANDSCOPE_RESTRICT_DRY_RUN,
						 &report));
	landscope_report_free(report);
	report = NULL;
	kt_check(landscope_ruleset_restrict_self(rs, 0, &report));
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	expect_same_fds(&base, "after restrict and free");
	return kt_try_open(kt_path("b/sub"), O_RDONLY | O_DIRECTORY);
}

static void fd_api_no_leak_all_cloexec(void **state)
{
	(void)state;
	kt_require_fs(FS(READ_FILE) | FS(READ_DIR));
	kt_expect(api_child, NULL, EACCES);
}

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		KT_CASE("fd_exhausted_add_path_emfile",
			fd_exhausted_add_path_emfile, NULL),
		KT_CASE("fd_exhausted_add_fd_emfile",
			fd_exhausted_add_fd_emfile, NULL),
		KT_CASE("fd_exhausted_restrict_emfile",
			fd_exhausted_restrict_emfile, NULL),
		KT_CASE("fd_api_no_leak_all_cloexec",
			fd_api_no_leak_all_cloexec, NULL),
	};

	return kt_main(argc, argv, "guards-fd", tests, KT_ARRAY_SIZE(tests));
}
