/* SPDX-License-Identifier: MIT */
/*
 * Kernel suite, group "fs": each filesystem right is handled by a domain
 * whose only rule grants it beneath <root>/a; the operation then succeeds
 * on a/ ("allowed") and fails with the exact errno on b/ ("denied").
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/random.h>

#include "harness.h"

/*
 * A device ioctl that works for anyone without Landlock and that
 * Landlock does not exempt (unlike FIOCLEX, FIONBIO...): the entropy count
 * of /dev/urandom.
 */
#define KT_IOCTL_DEVICE "/dev/urandom"

struct fs_case {
	uint64_t handled; /* handled by the domain */
	uint64_t granted; /* granted beneath the rule's path */
	const char *rule; /* relative to the root, or absolute */
	/* The operation under test on @dir (a or b): 0 or errno. */
	int (*op)(const char *dir);
	const char *dir;
	int expect;
};

static int op_read(const char *dir)
{
	char rel[16];

	snprintf(rel, sizeof(rel), "%s/f", dir);
	return kt_try_open(kt_path(rel), O_RDONLY);
}

static int op_write(const char *dir)
{
	char rel[16];

	snprintf(rel, sizeof(rel), "%s/f", dir);
	return kt_try_open(kt_path(rel), O_WRONLY);
}

static int op_readdir(const char *dir)
{
	return kt_try_open(kt_path(dir), O_RDONLY | O_DIRECTORY);
}

static int op_mkdir(const char *dir)
{
	char rel[16];

	snprintf(rel, sizeof(rel), "%s/new", dir);
	return kt_errno(mkdir(kt_path(rel), 0755));
}

static int op_unlink(const char *dir)
{
	char rel[16];

	snprintf(rel, sizeof(rel), "%s/f", dir);
	return kt_errno(unlink(kt_path(rel)));
}

static int op_truncate(const char *dir)
{
	char rel[16];

	snprintf(rel, sizeof(rel), "%s/f", dir);
	return kt_errno(truncate(kt_path(rel), 0));
}

/* Move a/f into b/: always across directories, whatever @dir. */
static int op_rename(const char *dir)
{
	(void)dir;
	return kt_errno(rename(kt_path("a/f"), kt_path("b/moved")));
}

/* Exec this binary again, through /proc/self/exe, as a helper. */
static int op_exec(const char *dir)
{
	char *const argv[] = { "kernel-fs", KT_EXEC_HELPER_ARG, NULL };

	(void)dir;
	return kt_exec_self(argv);
}

static int op_ioctl(const char *dir)
{
	int fd, count, err;

	(void)dir;
	fd = open(KT_IOCTL_DEVICE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		kt_die("open %s: %s", KT_IOCTL_DEVICE, strerror(errno));
	err = kt_errno(ioctl(fd, RNDGETENTCNT, &count));
	close(fd);
	return err;
}

/* Connect to the listening socket <dir>/s, made outside the domain. */
static int op_resolve_unix(const char *dir)
{
	struct sockaddr_un addr;
	socklen_t len;
	char rel[16];

	snprintf(rel, sizeof(rel), "%s/s", dir);
	len = kt_pathname_addr(&addr, kt_path(rel));
	return kt_unix_connect(SOCK_STREAM, &addr, len);
}

static int exec_plain(void *arg)
{
	(void)arg;
	return op_exec("");
}

static int fs_child(void *arg)
{
	const struct fs_case *c = arg;
	struct landscope_ruleset *rs =
		kt_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	const char *rule = c->rule[0] == '/' ? c->rule : kt_path(c->rule);

	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       c->handled));
	kt_check(landscope_ruleset_add_path(rs, rule, c->granted, 0));
	kt_enforce(rs, 0);
	return c->op(c->dir);
}

static void run_fs_case(void **state)
{
	const struct fs_case *c = *state;

	kt_require_fs(c->handled);
	kt_expect(fs_child, (void *)c, c->expect);
}

/*
 * The helper must run unrestricted, or the denial would prove nothing:
 * as an unprivileged uid (LANDSCOPE_KT_UID) the build tree may be out of
 * reach, which is no fault of the library.
 */
static void run_exec_case(void **state)
{
	int err;

	kt_require_fs(LANDSCOPE_ACCESS_FS_EXECUTE);
	err = kt_run(exec_plain, NULL);
	kt_expect_errno(err == KT_CHILD_FAILED ? err : 0, 0, "exec_plain");
	if (err) {
		printf("# SKIP: this binary cannot be executed again by uid "
		       "%d without Landlock (%s)\n",
		       (int)getuid(), kt_strerr(err));
		skip();
	}
	run_fs_case(state);
}

/* The ioctl must work unrestricted, or the denial would prove nothing. */
static void run_ioctl_case(void **state)
{
	int fd, count;

	kt_require_fs(LANDSCOPE_ACCESS_FS_IOCTL_DEV);
	fd = open(KT_IOCTL_DEVICE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail_msg("open %s: %s", KT_IOCTL_DEVICE, strerror(errno));
	if (ioctl(fd, RNDGETENTCNT, &count)) {
		int err = errno;

		close(fd);
		fail_msg("RNDGETENTCNT without Landlock: %s", strerror(err));
	}
	close(fd);
	run_fs_case(state);
}

/* Sockets a/s and b/s are created by the parent, outside any domain. */
static void run_resolve_unix_case(void **state)
{
	struct sockaddr_un addr;
	int sa, sb, err;

	kt_require_fs(LANDSCOPE_ACCESS_FS_RESOLVE_UNIX);
	sa = kt_unix_server(SOCK_STREAM, &addr,
			    kt_pathname_addr(&addr, kt_path("a/s")));
	sb = kt_unix_server(SOCK_STREAM, &addr,
			    kt_pathname_addr(&addr, kt_path("b/s")));
	if (sa < 0 || sb < 0) {
		if (sa >= 0)
			close(sa);
		if (sb >= 0)
			close(sb);
		fail_msg("unix listeners: %s", kt_strerr(sa < 0 ? -sa : -sb));
	}
	err = kt_run(fs_child, *state);
	close(sa);
	close(sb);
	kt_expect_errno(err, ((const struct fs_case *)*state)->expect,
			"connect");
}

#define RIGHT(x) LANDSCOPE_ACCESS_FS_##x

static const struct fs_case read_ok = {
	.handled = RIGHT(READ_FILE),
	.granted = RIGHT(READ_FILE),
	.rule = "a",
	.op = op_read,
	.dir = "a",
};
static const struct fs_case read_no = {
	.handled = RIGHT(READ_FILE),
	.granted = RIGHT(READ_FILE),
	.rule = "a",
	.op = op_read,
	.dir = "b",
	.expect = EACCES,
};
static const struct fs_case write_ok = {
	.handled = RIGHT(WRITE_FILE),
	.granted = RIGHT(WRITE_FILE),
	.rule = "a",
	.op = op_write,
	.dir = "a",
};
static const struct fs_case write_no = {
	.handled = RIGHT(WRITE_FILE),
	.granted = RIGHT(WRITE_FILE),
	.rule = "a",
	.op = op_write,
	.dir = "b",
	.expect = EACCES,
};
/* The loader is executed too: allow beneath / or beneath a/ only. */
static const struct fs_case exec_ok = {
	.handled = RIGHT(EXECUTE),
	.granted = RIGHT(EXECUTE),
	.rule = "/",
	.op = op_exec,
};
static const struct fs_case exec_no = {
	.handled = RIGHT(EXECUTE),
	.granted = RIGHT(EXECUTE),
	.rule = "a",
	.op = op_exec,
	.expect = EACCES,
};
static const struct fs_case readdir_ok = {
	.handled = RIGHT(READ_DIR),
	.granted = RIGHT(READ_DIR),
	.rule = "a",
	.op = op_readdir,
	.dir = "a",
};
static const struct fs_case readdir_no = {
	.handled = RIGHT(READ_DIR),
	.granted = RIGHT(READ_DIR),
	.rule = "a",
	.op = op_readdir,
	.dir = "b",
	.expect = EACCES,
};
static const struct fs_case mkdir_ok = {
	.handled = RIGHT(MAKE_DIR),
	.granted = RIGHT(MAKE_DIR),
	.rule = "a",
	.op = op_mkdir,
	.dir = "a",
};
static const struct fs_case mkdir_no = {
	.handled = RIGHT(MAKE_DIR),
	.granted = RIGHT(MAKE_DIR),
	.rule = "a",
	.op = op_mkdir,
	.dir = "b",
	.expect = EACCES,
};
static const struct fs_case unlink_ok = {
	.handled = RIGHT(REMOVE_FILE),
	.granted = RIGHT(REMOVE_FILE),
	.rule = "a",
	.op = op_unlink,
	.dir = "a",
};
static const struct fs_case unlink_no = {
	.handled = RIGHT(REMOVE_FILE),
	.granted = RIGHT(REMOVE_FILE),
	.rule = "a",
	.op = op_unlink,
	.dir = "b",
	.expect = EACCES,
};
/*
 * Rename a/f to b/: the rule on the root grants making and removing
 * files everywhere, so only REFER decides, and its denial is EXDEV.
 */
static const struct fs_case rename_ok = {
	.handled = RIGHT(REFER) | RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE),
	.granted = RIGHT(REFER) | RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE),
	.rule = ".",
	.op = op_rename,
};
static const struct fs_case rename_no = {
	.handled = RIGHT(REFER) | RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE),
	.granted = RIGHT(MAKE_REG) | RIGHT(REMOVE_FILE),
	.rule = ".",
	.op = op_rename,
	.expect = EXDEV,
};
static const struct fs_case truncate_ok = {
	.handled = RIGHT(TRUNCATE),
	.granted = RIGHT(TRUNCATE),
	.rule = "a",
	.op = op_truncate,
	.dir = "a",
};
static const struct fs_case truncate_no = {
	.handled = RIGHT(TRUNCATE),
	.granted = RIGHT(TRUNCATE),
	.rule = "a",
	.op = op_truncate,
	.dir = "b",
	.expect = EACCES,
};
/* IOCTL_DEV is checked against the rights held when the device opened. */
static const struct fs_case ioctl_ok = {
	.handled = RIGHT(IOCTL_DEV),
	.granted = RIGHT(IOCTL_DEV),
	.rule = KT_IOCTL_DEVICE,
	.op = op_ioctl,
};
static const struct fs_case ioctl_no = {
	.handled = RIGHT(IOCTL_DEV),
	.granted = RIGHT(IOCTL_DEV),
	.rule = "a",
	.op = op_ioctl,
	.expect = EACCES,
};
static const struct fs_case resolve_ok = {
	.handled = RIGHT(RESOLVE_UNIX),
	.granted = RIGHT(RESOLVE_UNIX),
	.rule = "a",
	.op = op_resolve_unix,
	.dir = "a",
};
static const struct fs_case resolve_no = {
	.handled = RIGHT(RESOLVE_UNIX),
	.granted = RIGHT(RESOLVE_UNIX),
	.rule = "a",
	.op = op_resolve_unix,
	.dir = "b",
	.expect = EACCES,
};

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		KT_CASE("fs_read_allowed", run_fs_case, &read_ok),
		KT_CASE("fs_read_denied", run_fs_case, &read_no),
		KT_CASE("fs_write_allowed", run_fs_case, &write_ok),
		KT_CASE("fs_write_denied", run_fs_case, &write_no),
		KT_CASE("fs_exec_allowed", run_exec_case, &exec_ok),
		KT_CASE("fs_exec_denied", run_exec_case, &exec_no),
		KT_CASE("fs_readdir_allowed", run_fs_case, &readdir_ok),
		KT_CASE("fs_readdir_denied", run_fs_case, &readdir_no),
		KT_CASE("fs_mkdir_allowed", run_fs_case, &mkdir_ok),
		KT_CASE("fs_mkdir_denied", run_fs_case, &mkdir_no),
		KT_CASE("fs_unlink_allowed", run_fs_case, &unlink_ok),
		KT_CASE("fs_unlink_denied", run_fs_case, &unlink_no),
		KT_CASE("fs_rename_refer_allowed", run_fs_case, &rename_ok),
		KT_CASE("fs_rename_refer_denied_exdev", run_fs_case,
			&rename_no),
		KT_CASE("fs_truncate_allowed", run_fs_case, &truncate_ok),
		KT_CASE("fs_truncate_denied", run_fs_case, &truncate_no),
		KT_CASE("fs_ioctl_dev_allowed", run_ioctl_case, &ioctl_ok),
		KT_CASE("fs_ioctl_dev_denied", run_ioctl_case, &ioctl_no),
		KT_CASE("fs_resolve_unix_allowed", run_resolve_unix_case,
			&resolve_ok),
		KT_CASE("fs_resolve_unix_denied", run_resolve_unix_case,
			&resolve_no),
	};

	return kt_main(argc, argv, "fs", tests, KT_ARRAY_SIZE(tests));
}
