// SPDX-License-Identifier: MIT
/*
 * Rulesets across fork().  A frozen ruleset (immediate mode, or a default
 * one past its held paths) is a kernel object that parent and child share
 * after fork(): a rule either adds would reach the other's domain.  Only
 * the process that froze it may use it (-ECHILD elsewhere, as sd-bus
 * answers a forked child); a ruleset that is not frozen is the caller's
 * memory and fds, copied by fork(), so each process keeps its own.  Each
 * case restricts for real and opens the real directories.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define RX (LANDSCOPE_ACCESS_FS_READ_FILE | LANDSCOPE_ACCESS_FS_READ_DIR)

static int read_dir(const char *rel)
{
	return kt_try_open(kt_path(rel), O_RDONLY | O_DIRECTORY);
}

/* Run @fn in a forked process; its status, or 255 if it died. */
static int in_fork(int (*fn)(struct landscope_ruleset *rs),
		   struct landscope_ruleset *rs)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		kt_die("fork: %s", kt_strerr(errno));
	if (pid == 0)
		_exit(fn(rs));
	if (waitpid(pid, &status, 0) != pid)
		kt_die("waitpid: %s", kt_strerr(errno));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

/* The forked worker of a frozen ruleset: every use is refused. */
static int worker_refused(struct landscope_ruleset *rs)
{
	struct landscope_report *report = NULL;
	int err;

	err = landscope_ruleset_add_path(rs, kt_path("b"), RX, 0);
	if (err != -ECHILD)
		return 1;
	err = landscope_ruleset_add_port(rs, 80, LANDSCOPE_ACCESS_NET_BIND_TCP,
					 0);
	if (err != -ECHILD)
		return 2;
	err = landscope_ruleset_restrict_self(rs, 0, &report);
	if (err != -ECHILD || report)
		return 3;
	/* Not restricted: b is still readable here. */
	return read_dir("b") ? 4 : 0;
}

/*
 * The parent froze the ruleset, the worker tries to add b: refused, and
 * the parent's domain, entered after the worker ran, grants a only.
 */
static int frozen_child(void *arg)
{
	unsigned int flags = *(const unsigned int *)arg;
	struct landscope_ruleset *rs = NULL;
	unsigned int i;
	int ret;

	kt_check(landscope_ruleset_new(&rs, flags));
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RX));
	/* The default mode freezes past its held paths (64). */
	for (i = 0; i < (flags ? 1 : 100); i++)
		kt_check(landscope_ruleset_add_path(rs, kt_path("a"), RX, 0));
	ret = in_fork(worker_refused, rs);
	if (ret)
		kt_die("the forked worker: step %d not refused with -ECHILD",
		       ret);
	kt_enforce(rs, 0);
	if (read_dir("a"))
		kt_die("a, granted, is not readable");
	return read_dir("b");
}

static void fork_immediate_refused(void **state)
{
	unsigned int flags = LANDSCOPE_RULESET_IMMEDIATE;

	(void)state;
	kt_require_fs(RX);
	kt_expect(frozen_child, &flags, EACCES);
}

static void fork_default_frozen_refused(void **state)
{
	unsigned int flags = 0;

	(void)state;
	kt_require_fs(RX);
	kt_expect(frozen_child, &flags, EACCES);
}

/* The worker of a small default ruleset: its own rule, its own domain. */
static int worker_own(struct landscope_ruleset *rs)
{
	struct landscope_report *report = NULL;

	if (landscope_ruleset_add_path(rs, kt_path("b"), RX, 0))
		return 1;
	if (landscope_ruleset_restrict_self(rs, 0, &report))
		return 2;
	landscope_report_free(report);
	return read_dir("a") || read_dir("b") ? 3 : 0;
}

/*
 * Nothing frozen: the worker adds b and restricts itself with a and b;
 * the parent, restricted after it, still grants a only.
 */
static int small_child(void *arg)
{
	struct landscope_ruleset *rs = NULL;
	int ret;

	(void)arg;
	kt_check(landscope_ruleset_new(&rs, 0));
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RX));
	kt_check(landscope_ruleset_add_path(rs, kt_path("a"), RX, 0));
	ret = in_fork(worker_own, rs);
	if (ret)
		kt_die("the forked worker failed at step %d", ret);
	kt_enforce(rs, 0);
	if (read_dir("a"))
		kt_die("a, granted, is not readable");
	return read_dir("b");
}

static void fork_default_apart(void **state)
{
	(void)state;
	kt_require_fs(RX);
	kt_expect(small_child, NULL, EACCES);
}

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		KT_CASE("fork_immediate_refused", fork_immediate_refused, NULL),
		KT_CASE("fork_default_frozen_refused",
			fork_default_frozen_refused, NULL),
		KT_CASE("fork_default_apart", fork_default_apart, NULL),
	};

	return kt_main(argc, argv, "kernel-fork", tests, KT_ARRAY_SIZE(tests));
}
