// SPDX-License-Identifier: MIT
/*
 * The simulated kernel checked against what the real one does (the values
 * come from security/landlock/syscalls.c and from runs on 6.1, 6.12 and
 * 6.18): every other unit test trusts this model, so it gets its own tests.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mock_kernel.h"

static int setup(void **state)
{
	(void)state;
	mock_kernel_reset();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(mock_open_fds(), 0);
	assert_int_equal(mock.bad_closes, 0);
	return 0;
}

static int create(uint64_t fs, uint64_t net, uint64_t scoped, size_t size)
{
	struct mock_ruleset_attr a = {
		.handled_access_fs = fs,
		.handled_access_net = net,
		.scoped = scoped,
	};

	return __wrap_lsc_sys_create_ruleset(&a, size, 0);
}

static void expect_fd(int fd)
{
	assert_true(fd >= 0);
	assert_int_equal(__wrap_lsc_sys_close(fd), 0);
}

static void test_version_and_errata(void **state)
{
	(void)state;
	mock_kernel_abi(6);
	assert_int_equal(__wrap_lsc_sys_create_ruleset(NULL, 0, 1), 6);
	assert_int_equal(__wrap_lsc_sys_create_ruleset(NULL, 0, 2), 7);
	/* attr or size with a flag, or an unknown flag. */
	assert_int_equal(__wrap_lsc_sys_create_ruleset(NULL, 8, 1), -EINVAL);
	assert_int_equal(__wrap_lsc_sys_create_ruleset(NULL, 0, 3), -EINVAL);
	assert_int_equal(__wrap_lsc_sys_create_ruleset(NULL, 0, 4), -EINVAL);
	mock.cfg.errata_flag = false;
	assert_int_equal(__wrap_lsc_sys_create_ruleset(NULL, 0, 2), -EINVAL);
}

static void test_unavailable(void **state)
{
	int fd = mock_open("/usr");

	(void)state;
	mock_kernel_abi(0);
	assert_int_equal(__wrap_lsc_sys_create_ruleset(NULL, 0, 1), -ENOSYS);
	assert_int_equal(create(1, 0, 0, 8), -ENOSYS);
	assert_int_equal(__wrap_lsc_sys_restrict_self(-1, 0), -ENOSYS);
	mock_kernel_disabled();
	assert_int_equal(__wrap_lsc_sys_create_ruleset(NULL, 0, 1),
			 -EOPNOTSUPP);
	assert_int_equal(__wrap_lsc_sys_add_rule(fd, 1, NULL, 0), -EOPNOTSUPP);
	assert_int_equal(__wrap_lsc_sys_restrict_self(fd, 0), -EOPNOTSUPP);
	assert_int_equal(__wrap_lsc_sys_close(fd), 0);
}

static void test_create_sizes(void **state)
{
	unsigned char big[64];

	(void)state;
	/* Debian 6.1: ABI 2, 8-byte attr: net or scoped bytes are E2BIG. */
	mock_kernel_abi(2);
	expect_fd(create(1, 0, 0, 24));
	assert_int_equal(create(1, 1, 0, 16), -E2BIG);
	assert_int_equal(create(1, 0, 1, 24), -E2BIG);
	assert_int_equal(create(1, 0, 0, 7), -EINVAL);
	assert_int_equal(create(1ULL << 14, 0, 0, 8), -EINVAL);
	assert_int_equal(__wrap_lsc_sys_create_ruleset(NULL, 8, 0), -EFAULT);
	/* 6.12: ABI 6. */
	mock_kernel_abi(6);
	expect_fd(create(0, 0, 1, 24));
	assert_int_equal(create(0, 0, 4, 24), -EINVAL);
	assert_int_equal(create(0, 4, 0, 24), -EINVAL);
	assert_int_equal(create(0, 0, 0, 24), -ENOMSG);
	/* A bigger caller struct is fine while its tail is zero. */
	memset(big, 0, sizeof(big));
	big[0] = 1;
	expect_fd(__wrap_lsc_sys_create_ruleset(big, sizeof(big), 0));
	big[40] = 1;
	assert_int_equal(__wrap_lsc_sys_create_ruleset(big, sizeof(big), 0),
			 -E2BIG);
	assert_int_equal(__wrap_lsc_sys_create_ruleset(big, 4097, 0), -E2BIG);
}

static void test_quiet_fields(void **state)
{
	struct mock_ruleset_attr a = {
		.handled_access_fs = 4,
		.quiet_access_fs = 4,
	};

	(void)state;
	mock_kernel_abi(10);
	expect_fd(__wrap_lsc_sys_create_ruleset(&a, sizeof(a), 0));
	a.quiet_access_fs = 8;
	assert_int_equal(__wrap_lsc_sys_create_ruleset(&a, sizeof(a), 0),
			 -EINVAL);
	mock_kernel_abi(9);
	a.quiet_access_fs = 4;
	assert_int_equal(__wrap_lsc_sys_create_ruleset(&a, sizeof(a), 0),
			 -E2BIG);
}

static void test_add_rule(void **state)
{
	struct mock_path_beneath_attr pb;
	struct mock_net_port_attr np;
	int rs, dir, file;

	(void)state;
	mock_kernel_abi(4);
	rs = create(0x7, 0x3, 0, 16);
	dir = mock_open("/usr");
	file = mock_open("/etc/passwd");
	assert_true(rs >= 0 && dir >= 0 && file >= 0);

	pb.allowed_access = 0x5;
	pb.parent_fd = dir;
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 1, &pb, 0), 0);
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 1, &pb, 1), -EINVAL);
	assert_int_equal(__wrap_lsc_sys_add_rule(dir, 1, &pb, 0), -EBADFD);
	assert_int_equal(__wrap_lsc_sys_add_rule(-1, 1, &pb, 0), -EBADF);
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 3, &pb, 0), -EINVAL);
	pb.allowed_access = 0;
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 1, &pb, 0), -ENOMSG);
	pb.allowed_access = 0x8;
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 1, &pb, 0), -EINVAL);
	pb.allowed_access = 0x4;
	pb.parent_fd = rs;
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 1, &pb, 0), -EBADFD);
	pb.parent_fd = 5000;
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 1, &pb, 0), -EBADF);

	/* READ_DIR (1 << 3) on a file is EINVAL; file rights are fine. */
	__wrap_lsc_sys_close(rs);
	rs = create(0xf, 0x3, 0, 16);
	pb.parent_fd = file;
	pb.allowed_access = 0x8;
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 1, &pb, 0), -EINVAL);
	pb.allowed_access = 0x7;
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 1, &pb, 0), 0);

	np.allowed_access = 1;
	np.port = 65535;
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 2, &np, 0), 0);
	np.port = 65536;
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 2, &np, 0), -EINVAL);
	np.port = 80;
	np.allowed_access = 4;
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 2, &np, 0), -EINVAL);
	assert_int_equal(mock_rules_added(), 3);

	/* ABI 3 has no net rule type. */
	mock.cfg.net_rules = false;
	np.allowed_access = 1;
	assert_int_equal(__wrap_lsc_sys_add_rule(rs, 2, &np, 0), -EINVAL);

	__wrap_lsc_sys_close(rs);
	__wrap_lsc_sys_close(dir);
	__wrap_lsc_sys_close(file);
}

static void test_restrict(void **state)
{
	int rs, i;

	(void)state;
	mock_kernel_abi(6);
	rs = create(1, 0, 0, 8);
	/* No no_new_privs and no CAP_SYS_ADMIN: EPERM before the flags. */
	assert_int_equal(__wrap_lsc_sys_restrict_self(rs, 0), -EPERM);
	assert_int_equal(__wrap_lsc_sys_restrict_self(-2, 1), -EPERM);
	assert_int_equal(__wrap_lsc_sys_set_no_new_privs(), 0);
	assert_int_equal(__wrap_lsc_sys_restrict_self(-2, 1), -EINVAL);
	assert_int_equal(__wrap_lsc_sys_restrict_self(-2, 0), -EBADF);
	for (i = 0; i < 16; i++)
		assert_int_equal(__wrap_lsc_sys_restrict_self(rs, 0), 0);
	assert_int_equal(__wrap_lsc_sys_restrict_self(rs, 0), -E2BIG);
	assert_int_equal(mock.nr_layers, 16);
	assert_int_equal(mock.layers[0].attr.handled_access_fs, 1);
	__wrap_lsc_sys_close(rs);

	/* ABI 7: fd -1 with LOG_SUBDOMAINS_OFF alone acts. */
	mock_kernel_abi(7);
	assert_int_equal(__wrap_lsc_sys_restrict_self(-1, 4), 0);
	assert_int_equal(__wrap_lsc_sys_restrict_self(-2, 4), -EBADF);
	assert_int_equal(__wrap_lsc_sys_restrict_self(-2, 8), -EINVAL);
}

static void test_restrict_nnp_flag(void **state)
{
	int rs;

	(void)state;
	mock_kernel_abi(11);
	rs = create(1, 0, 0, 8);
	assert_false(mock.nnp);
	assert_int_equal(__wrap_lsc_sys_restrict_self(rs, 0), -EPERM);
	assert_int_equal(__wrap_lsc_sys_restrict_self(rs, 16), 0);
	assert_true(mock.nnp);
	__wrap_lsc_sys_close(rs);
}

static void test_fds_and_failures(void **state)
{
	int a, b;

	(void)state;
	a = mock_open("/usr");
	b = __wrap_lsc_sys_dup(a);
	assert_true(b >= 0 && b != a);
	assert_int_equal(__wrap_lsc_sys_is_dir(b), 1);
	assert_int_equal(__wrap_lsc_sys_open_path("/nope"), -ENOENT);
	mock_fs_add("/secret", -EACCES);
	assert_int_equal(__wrap_lsc_sys_open_path("/secret"), -EACCES);
	mock_fail(MOCK_DUP, 2, EMFILE);
	assert_int_equal(__wrap_lsc_sys_close(b), 0);
	b = __wrap_lsc_sys_dup(a);
	assert_true(b >= 0);
	assert_int_equal(__wrap_lsc_sys_dup(a), -EMFILE);
	assert_int_equal(__wrap_lsc_sys_close(b), 0);
	/* A double close is counted, and cleared again for the teardown. */
	assert_int_equal(__wrap_lsc_sys_close(b), -EBADF);
	assert_int_equal(mock.bad_closes, 1);
	mock.bad_closes = 0;
	/* An injected close error still releases the fd, as Linux does. */
	mock_fail(MOCK_CLOSE, 1, EINTR);
	assert_int_equal(__wrap_lsc_sys_close(a), -EINTR);
	assert_false(mock_fd_is_open(a));
	mock.cfg.max_fds = 0;
	assert_int_equal(__wrap_lsc_sys_open_path("/usr"), -EMFILE);
	assert_int_equal(mock.count[MOCK_OPEN_PATH], 3);
	assert_int_equal(mock_call_last(MOCK_OPEN_PATH)->ret, -EMFILE);
}

/* O_PATH | O_DIRECTORY, and ENOTDIR from a file used as a directory. */
static void test_open_dir(void **state)
{
	int fd;

	(void)state;
	fd = __wrap_lsc_sys_open_dir("/usr");
	assert_true(fd >= 0);
	assert_int_equal(__wrap_lsc_sys_is_dir(fd), 1);
	assert_int_equal(__wrap_lsc_sys_close(fd), 0);
	assert_int_equal(__wrap_lsc_sys_open_dir("/etc/passwd"), -ENOTDIR);
	assert_int_equal(__wrap_lsc_sys_open_dir("/nope"), -ENOENT);
	assert_int_equal(__wrap_lsc_sys_open_dir("/etc/passwd/x"), -ENOTDIR);
	assert_int_equal(__wrap_lsc_sys_open_path("/etc/passwd/x"), -ENOTDIR);
	assert_int_equal(__wrap_lsc_sys_open_path("/etc/nope/x"), -ENOENT);
	mock_fs_add("/secret", -EACCES);
	assert_int_equal(__wrap_lsc_sys_open_dir("/secret"), -EACCES);
	assert_int_equal(mock.count[MOCK_OPEN_DIR], 5);
	assert_int_equal(mock.count[MOCK_OPEN_PATH], 2);
	assert_int_equal(mock_call_last(MOCK_OPEN_DIR)->ret, -EACCES);
	assert_string_equal(mock_call_last(MOCK_OPEN_DIR)->path, "/secret");
	mock_fail(MOCK_OPEN_DIR, 1, ENOMEM);
	assert_int_equal(__wrap_lsc_sys_open_dir("/usr"), -ENOMEM);
	mock.cfg.max_fds = 0;
	assert_int_equal(__wrap_lsc_sys_open_dir("/usr"), -EMFILE);
	assert_int_equal(mock_open_fds(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_version_and_errata, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unavailable, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_create_sizes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_quiet_fields, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_add_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restrict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restrict_nnp_flag, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_fds_and_failures, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_open_dir, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
