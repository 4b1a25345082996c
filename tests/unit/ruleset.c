// SPDX-License-Identifier: MIT
/*
 * Building a ruleset: argument checks, path and fd rules, missing paths,
 * files given directory rights, and fds running out.  Nothing here may
 * reach Landlock; only the path syscalls run.
 */
#include <errno.h>
#include <string.h>

#include "unit.h"

/*
 * The 0.1 setters are tested here too: deprecated since 0.3, they must keep
 * working for the programs built against 0.1.
 */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#define RO LANDSCOPE_ACCESS_FS_READ_ONLY
#define RF LANDSCOPE_ACCESS_FS_READ_FILE
#define RD LANDSCOPE_ACCESS_FS_READ_DIR

static void no_landlock_calls(void)
{
	assert_int_equal(CALLS(CREATE_RULESET), 0);
	assert_int_equal(CALLS(ADD_RULE), 0);
	assert_int_equal(CALLS(RESTRICT_SELF), 0);
	assert_int_equal(CALLS(SET_NNP), 0);
}

static void test_new_free(void **state)
{
	struct landscope_ruleset *rs = (void *)1;

	(void)state;
	assert_int_equal(landscope_ruleset_new(NULL, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_new(&rs, 2), -EINVAL);
	assert_int_equal(landscope_ruleset_new(&rs, 1U << 31), -EINVAL);
	assert_int_equal(landscope_ruleset_new(&rs, 0), 0);
	landscope_ruleset_freep(&rs);
	assert_null(rs);
	landscope_ruleset_free(NULL);
	landscope_ruleset_freep(NULL);
	landscope_ruleset_freep(&rs);
	no_landlock_calls();
}

static void test_set_compat(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);

	(void)state;
	assert_int_equal(landscope_ruleset_set_compat(NULL, 0, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_set_compat(rs, 3, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_set_compat(rs, -1, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_set_compat(rs, 0, 2), -EINVAL);
	assert_int_equal(landscope_ruleset_set_compat(
				 rs, 2, LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1),
			 0);
	landscope_ruleset_free(rs);
}

static void test_handle_bits(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);

	(void)state;
	assert_int_equal(landscope_ruleset_handle_fs(NULL, RF), -EINVAL);
	assert_int_equal(landscope_ruleset_handle_fs(rs, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_handle_fs(rs, 1ULL << 17), -EINVAL);
	assert_int_equal(landscope_ruleset_handle_fs(rs, RF | 1ULL << 63),
			 -EINVAL);
	assert_int_equal(
		landscope_ruleset_handle_fs(rs, LANDSCOPE_ACCESS_FS_ALL), 0);
	assert_int_equal(landscope_ruleset_handle_net(NULL, 1), -EINVAL);
	assert_int_equal(landscope_ruleset_handle_net(rs, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_handle_net(rs, 1ULL << 4), -EINVAL);
	assert_int_equal(
		landscope_ruleset_handle_net(rs, LANDSCOPE_ACCESS_NET_ALL), 0);
	assert_int_equal(landscope_ruleset_add_scope(NULL, 1), -EINVAL);
	assert_int_equal(landscope_ruleset_add_scope(rs, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_add_scope(rs, 1ULL << 5), -EINVAL);
	assert_int_equal(landscope_ruleset_add_scope(rs, LANDSCOPE_SCOPE_ALL),
			 0);
	assert_int_equal(landscope_ruleset_quiet(NULL, RF, 0, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_quiet(rs, 1ULL << 17, 0, 0),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_quiet(rs, 0, 1ULL << 4, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_quiet(rs, 0, 0, 1ULL << 5), -EINVAL);
	assert_int_equal(landscope_ruleset_quiet(rs, RF, 1, 1), 0);
	landscope_ruleset_free(rs);
	no_landlock_calls();
}

/* The 0.2 setters: one category argument, the same checks. */
static void test_setters_02(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct landscope_report *r = NULL;

	(void)state;
	unit_probe();
	assert_int_equal(
		landscope_ruleset_add_handled(NULL, LANDSCOPE_CATEGORY_FS, RF),
		-EINVAL);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, 0),
		-EINVAL);
	assert_int_equal(landscope_ruleset_add_handled(
				 rs, LANDSCOPE_CATEGORY_FS, 1ULL << 17),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_handled(
				 rs, LANDSCOPE_CATEGORY_NET, 1ULL << 4),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_handled(
				 rs, LANDSCOPE_CATEGORY_SCOPE, 1ULL << 5),
			 -EINVAL);
	/* Flags are given at restriction, not handled. */
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FLAGS, 1),
		-EINVAL);
	assert_int_equal(landscope_ruleset_add_handled(
				 rs, (enum landscope_category)4, 1),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_handled(
				 rs, (enum landscope_category) - 1, 1),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_quiet(NULL,
						     LANDSCOPE_CATEGORY_FS, RF),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_quiet(rs, LANDSCOPE_CATEGORY_FS,
						     1ULL << 17),
			 -EINVAL);
	assert_int_equal(
		landscope_ruleset_add_quiet(rs, LANDSCOPE_CATEGORY_FLAGS, 1),
		-EINVAL);
	assert_int_equal(landscope_ruleset_set_compat_level(
				 NULL, LANDSCOPE_COMPAT_BEST_EFFORT, 0),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_set_compat_level(
				 rs, (enum landscope_compat)3, 0),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_set_compat_level(
				 rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT, 2),
			 -EINVAL);

	/* What they set is what the 0.1 calls set. */
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RF),
		0);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
					      LANDSCOPE_ACCESS_NET_BIND_TCP),
		0);
	assert_int_equal(landscope_ruleset_add_handled(rs,
						       LANDSCOPE_CATEGORY_SCOPE,
						       LANDSCOPE_SCOPE_SIGNAL),
			 0);
	assert_int_equal(landscope_ruleset_add_quiet(rs, LANDSCOPE_CATEGORY_FS,
						     RF | RD),
			 0);
	assert_int_equal(landscope_ruleset_set_compat_level(
				 rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT, 0),
			 0);
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_DRY_RUN, &r),
			 0);
	assert_int_equal(unit_requested(r, LANDSCOPE_CATEGORY_FS), RF);
	assert_int_equal(unit_requested(r, LANDSCOPE_CATEGORY_NET),
			 LANDSCOPE_ACCESS_NET_BIND_TCP);
	assert_int_equal(unit_requested(r, LANDSCOPE_CATEGORY_SCOPE),
			 LANDSCOPE_SCOPE_SIGNAL);
	landscope_report_free(r);
	no_landlock_calls();
	landscope_ruleset_free(rs);
}

/* landscope_ruleset_quiet() of 0.1 adds nothing unless all three are valid. */
static void test_quiet_all_or_nothing(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct mock_ruleset_attr attr;

	(void)state;
	assert_int_equal(landscope_ruleset_handle_fs(rs, RF), 0);
	assert_int_equal(landscope_ruleset_quiet(rs, RF, 1ULL << 4, 0),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), 0);
	mock_last_ruleset(&attr);
	assert_int_equal(attr.quiet_access_fs, 0);
	landscope_ruleset_free(rs);
}

static void test_add_path_bad_args(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);

	(void)state;
	assert_int_equal(landscope_ruleset_add_path(NULL, "/usr", RO, 0),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_path(rs, NULL, RO, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_add_path(rs, "", 0, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", 0, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", 1ULL << 17, 0),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 1U << 3),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, ~0U),
			 -EINVAL);
	/* Rejected before anything is opened. */
	assert_int_equal(CALLS(OPEN_PATH), 0);
	landscope_ruleset_free(rs);
}

static void test_add_path(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	const struct mock_call *open;

	(void)state;
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	open = mock_call_last(MOCK_OPEN_DIR);
	assert_non_null(open);
	assert_string_equal(open->path, "/usr");
	/* The library keeps its O_PATH fd until the ruleset is freed. */
	assert_true(mock_fd_is_open(open->ret));
	assert_int_equal(landscope_ruleset_add_path(rs, "/etc/passwd", RF,
						    LANDSCOPE_RULE_QUIET),
			 0);
	assert_int_equal(mock_open_fds(), 2);
	no_landlock_calls();
	landscope_ruleset_free(rs);
	assert_int_equal(mock_open_fds(), 0);
}

static void test_add_path_missing(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct landscope_report *r = NULL;
	struct landscope_rule_info info;

	(void)state;
	assert_int_equal(landscope_ruleset_add_path(rs, "/nope", RO, 0),
			 -ENOENT);
	assert_int_equal(
		landscope_ruleset_add_path(rs, "/nope", RO,
					   LANDSCOPE_PATH_IGNORE_MISSING),
		0);
	assert_int_equal(landscope_ruleset_handle_fs(rs, RO), 0);
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_DRY_RUN, &r),
			 0);
	assert_int_equal(landscope_report_rule_count(r), 1);
	info = unit_rule(r, 0);
	assert_int_equal(info.type, LANDSCOPE_RULE_PATH_BENEATH);
	assert_string_equal(info.path, "/nope");
	assert_int_equal(info.outcome, LANDSCOPE_RULE_SKIPPED_MISSING);
	assert_int_equal(info.error, -ENOENT);
	assert_int_equal(info.requested, RO);
	assert_int_equal(info.enforced, 0);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/*
 * An empty path is a missing one (0.1 said -EINVAL, undocumented, even
 * with IGNORE_MISSING): -ENOENT, or skipped and reported; never opened.
 */
static void test_add_path_empty(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct landscope_report *r = NULL;
	struct landscope_rule_info info;

	(void)state;
	assert_int_equal(landscope_ruleset_add_path(rs, "", RO, 0), -ENOENT);
	assert_int_equal(landscope_ruleset_add_path(rs, "", RF, 0), -ENOENT);
	assert_int_equal(landscope_ruleset_add_path(
				 rs, "", RO, LANDSCOPE_ADD_RULE_IGNORE_MISSING),
			 0);
	assert_int_equal(CALLS(OPEN_PATH) + CALLS(OPEN_DIR), 0);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RO),
		0);
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_DRY_RUN, &r),
			 0);
	assert_int_equal(landscope_report_rule_count(r), 1);
	info = unit_rule(r, 0);
	assert_string_equal(info.path, "");
	assert_int_equal(info.outcome, LANDSCOPE_OUTCOME_SKIPPED_MISSING);
	assert_int_equal(info.error, -ENOENT);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* Only ENOENT is "missing": other open errors stay errors. */
static void test_add_path_open_errors(void **state)
{
	static const int errs[] = { EACCES, ELOOP,  ENAMETOOLONG, ENOTDIR,
				    EMFILE, ENFILE, ENOMEM };
	struct landscope_ruleset *rs = unit_ruleset(0);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		mock_fs_add("/bad", -errs[i]);
		CHECK(landscope_ruleset_add_path(rs, "/bad", RO, 0) == -errs[i],
		      "errno %d", errs[i]);
		CHECK(landscope_ruleset_add_path(
			      rs, "/bad", RO, LANDSCOPE_PATH_IGNORE_MISSING) ==
			      -errs[i],
		      "errno %d", errs[i]);
	}
	/* EMFILE from open itself, as the fd table fills up. */
	mock.cfg.max_fds = 1;
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/tmp", RO, 0),
			 -EMFILE);
	assert_int_equal(landscope_ruleset_add_path(
				 rs, "/tmp", RO, LANDSCOPE_PATH_IGNORE_MISSING),
			 -EMFILE);
	assert_int_equal(mock_open_fds(), 1);
	landscope_ruleset_free(rs);
}

/* fstat() failing after the open or the dup: the fd must not leak. */
static void test_is_dir_fails(void **state)
{
	static const int errs[] = { ENOMEM, EOVERFLOW, EIO };
	struct landscope_ruleset *rs = unit_ruleset(0);
	int fd = mock_open("/usr");
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		/* Only a non-directory with directory rights is checked. */
		mock_fail(MOCK_IS_DIR, 1, errs[i]);
		CHECK(landscope_ruleset_add_path(rs, "/etc/passwd", RO, 0) ==
			      -errs[i],
		      "errno %d", errs[i]);
		mock_fail(MOCK_IS_DIR, 1, errs[i]);
		CHECK(landscope_ruleset_add_fd(rs, fd, RO, 0) == -errs[i],
		      "errno %d", errs[i]);
		CHECK(mock_open_fds() == 1, "errno %d: fd leak", errs[i]);
	}
	landscope_ruleset_free(rs);
	assert_int_equal(__wrap_lsc_sys_close(fd), 0);
}

/* F_DUPFD_CLOEXEC failing. */
static void test_dup_fails(void **state)
{
	static const int errs[] = { EMFILE, ENFILE, EBADF, ENOMEM };
	struct landscope_ruleset *rs = unit_ruleset(0);
	int fd = mock_open("/usr");
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		mock_fail(MOCK_DUP, 1, errs[i]);
		CHECK(landscope_ruleset_add_fd(rs, fd, RO, 0) == -errs[i],
		      "errno %d", errs[i]);
	}
	assert_int_equal(mock_open_fds(), 1);
	/* Nothing was recorded: a dry run has no rule. */
	assert_int_equal(landscope_ruleset_handle_fs(rs, RO), 0);
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_DRY_RUN, NULL),
			 0);
	landscope_ruleset_free(rs);
	assert_int_equal(__wrap_lsc_sys_close(fd), 0);
}

/* Directory rights on a file: masked in best effort and soft, EINVAL hard. */
static void test_file_with_dir_rights(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;
	struct landscope_rule_info info;
	int level;

	(void)state;
	for (level = 0; level <= 1; level++) {
		rs = unit_ruleset(level);
		assert_int_equal(landscope_ruleset_handle_fs(rs, RO), 0);
		assert_int_equal(landscope_ruleset_add_path(rs, "/etc/passwd",
							    RO, 0),
				 0);
		assert_int_equal(landscope_ruleset_restrict_self(
					 rs, LANDSCOPE_RESTRICT_DRY_RUN, &r),
				 0);
		info = unit_rule(r, 0);
		CHECK(info.outcome & LANDSCOPE_RULE_MASKED_FILE, "level %d",
		      level);
		CHECK(info.requested == RO, "level %d", level);
		CHECK(info.enforced == RF, "level %d: enforced %#llx", level,
		      (unsigned long long)info.enforced);
		landscope_report_free(r);
		landscope_ruleset_free(rs);
	}

	/* Hard mode: the call itself succeeds; restriction fails. */
	rs = unit_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	assert_int_equal(landscope_ruleset_add_path(rs, "/etc/passwd", RF, 0),
			 0);
	/* A directory right that is a file right too is fine. */
	assert_int_equal(landscope_ruleset_add_path(
				 rs, "/bin/sh", LANDSCOPE_ACCESS_FS_FILE, 0),
			 0);
	assert_int_equal(mock_open_fds(), 2);
	landscope_ruleset_free(rs);
}

/*
 * Hard mode with directory rights on a file: the same outcome whether the
 * level is set before or after the rule (0.1 failed add_path() in one
 * order and restrict_self() in the other): add_path() succeeds, the rule
 * is reported masked, restrict_self() fails with -EINVAL before touching
 * the process.
 */
static void check_hard_masked(bool hard_first)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct landscope_report *r = NULL;

	unit_probe();
	if (hard_first)
		assert_int_equal(landscope_ruleset_set_compat_level(
					 rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT,
					 0),
				 0);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RO),
		0);
	CHECK(landscope_ruleset_add_path(rs, "/etc/passwd", RO, 0) == 0,
	      "hard first %d", hard_first);
	if (!hard_first)
		assert_int_equal(landscope_ruleset_set_compat_level(
					 rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT,
					 0),
				 0);
	CHECK(landscope_ruleset_restrict_self(rs, 0, &r) == -EINVAL,
	      "hard first %d", hard_first);
	no_landlock_calls();
	assert_int_equal(mock.nr_layers, 0);
	assert_non_null(r);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_NOT_ENFORCED);
	CHECK(unit_rule(r, 0).outcome & LANDSCOPE_OUTCOME_MASKED_FILE,
	      "hard first %d", hard_first);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/*
 * LANDSCOPE_ADD_RULE_NARROW_FILE: the same rule is what the caller asked
 * for, so hard mode enforces it, masked; a directory keeps every right;
 * a rule left with no right still fails hard mode, before the process is
 * touched.
 */
static void test_file_narrowed(void **state)
{
	const uint64_t dir_only = LANDSCOPE_ACCESS_FS_READ_DIR |
				  LANDSCOPE_ACCESS_FS_MAKE_REG;
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;
	int immediate;

	(void)state;
	for (immediate = 0; immediate < 2; immediate++) {
		unit_restart();
		unit_probe();
		assert_int_equal(landscope_ruleset_new(
					 &rs,
					 immediate ? LANDSCOPE_RULESET_IMMEDIATE
						   : 0),
				 0);
		assert_int_equal(landscope_ruleset_set_compat_level(
					 rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT,
					 0),
				 0);
		assert_int_equal(
			landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
						      RO | dir_only),
			0);
		assert_int_equal(landscope_ruleset_add_path(
					 rs, "/etc/passwd", RO,
					 LANDSCOPE_ADD_RULE_NARROW_FILE),
				 0);
		assert_int_equal(landscope_ruleset_add_path(
					 rs, "/etc", RO | dir_only,
					 LANDSCOPE_ADD_RULE_NARROW_FILE),
				 0);
		assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
		assert_int_equal(landscope_report_rule_count(r), 2);
		CHECK(unit_rule(r, 0).outcome & LANDSCOPE_OUTCOME_MASKED_FILE,
		      "immediate %d", immediate);
		CHECK(unit_rule(r, 0).enforced == RF, "immediate %d: %#llx",
		      immediate, (unsigned long long)unit_rule(r, 0).enforced);
		CHECK(unit_rule(r, 1).enforced == (RO | dir_only),
		      "immediate %d", immediate);
		assert_int_equal(mock.nr_layers, 1);
		landscope_report_free(r);
		landscope_ruleset_free(rs);
		assert_int_equal(mock_open_fds(), 0);
	}

	unit_restart();
	unit_probe();
	rs = unit_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	assert_int_equal(landscope_ruleset_add_handled(
				 rs, LANDSCOPE_CATEGORY_FS, RO | dir_only),
			 0);
	assert_int_equal(
		landscope_ruleset_add_path(rs, "/etc/passwd", dir_only,
					   LANDSCOPE_ADD_RULE_NARROW_FILE),
		0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), -EINVAL);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_NOT_ENFORCED);
	assert_int_equal(unit_rule(r, 0).enforced, 0);
	assert_int_equal(mock.nr_layers, 0);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

static void test_file_with_dir_rights_late_hard(void **state)
{
	(void)state;
	check_hard_masked(true);
	unit_restart();
	check_hard_masked(false);
}

/* The common case: a directory with directory rights, one open, no fstat. */
static void test_dir_one_open(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct landscope_report *r = NULL;

	(void)state;
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(mock.nr_calls, 1);
	assert_int_equal(CALLS(OPEN_DIR), 1);
	assert_int_equal(CALLS(OPEN_PATH), 0);
	assert_int_equal(CALLS(IS_DIR), 0);
	assert_true(mock_fd_is_open(mock_call_last(MOCK_OPEN_DIR)->ret));

	/* Known to be a directory: never masked. */
	assert_int_equal(landscope_ruleset_handle_fs(rs, RO), 0);
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_DRY_RUN, &r),
			 0);
	assert_int_equal(unit_rule(r, 0).outcome, LANDSCOPE_RULE_APPLIED);
	assert_int_equal(unit_rule(r, 0).enforced, RO);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* File rights alone have nothing to mask: no O_DIRECTORY, no fstat. */
static void test_file_rights_no_check(void **state)
{
	struct landscope_ruleset *rs =
		unit_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	int fd = mock_open("/etc/passwd");

	(void)state;
	assert_int_equal(landscope_ruleset_add_path(rs, "/etc/passwd", RF, 0),
			 0);
	assert_int_equal(landscope_ruleset_add_path(
				 rs, "/bin/sh", LANDSCOPE_ACCESS_FS_FILE, 0),
			 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RF, 0), 0);
	assert_int_equal(landscope_ruleset_add_fd(rs, fd, RF, 0), 0);
	assert_int_equal(CALLS(OPEN_PATH), 3);
	assert_int_equal(CALLS(OPEN_DIR), 0);
	assert_int_equal(CALLS(IS_DIR), 0);
	assert_int_equal(mock_open_fds(), 5);
	landscope_ruleset_free(rs);
	assert_int_equal(__wrap_lsc_sys_close(fd), 0);
}

/* A file with directory rights: O_DIRECTORY fails, a plain open is checked. */
static void test_file_with_dir_rights_calls(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	const struct mock_call *c;

	(void)state;
	assert_int_equal(landscope_ruleset_add_path(rs, "/etc/passwd", RO, 0),
			 0);
	assert_int_equal(CALLS(OPEN_DIR), 1);
	assert_int_equal(mock_call_last(MOCK_OPEN_DIR)->ret, -ENOTDIR);
	assert_int_equal(CALLS(OPEN_PATH), 1);
	assert_int_equal(CALLS(IS_DIR), 1);
	c = mock_call_last(MOCK_OPEN_PATH);
	assert_string_equal(c->path, "/etc/passwd");
	/* fstat asks about the fd that is kept. */
	assert_int_equal(mock_call_last(MOCK_IS_DIR)->fd, c->ret);
	assert_true(mock_fd_is_open(c->ret));
	assert_int_equal(mock_open_fds(), 1);
	landscope_ruleset_free(rs);
}

/* ENOTDIR from a non-directory component is an error, never "missing". */
static void test_enotdir_component(void **state)
{
	static const uint64_t rights[] = { RO, RF };
	struct landscope_ruleset *rs = unit_ruleset(0);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rights) / sizeof(rights[0]); i++) {
		CHECK(landscope_ruleset_add_path(rs, "/etc/passwd/x", rights[i],
						 0) == -ENOTDIR,
		      "rights %zu", i);
		CHECK(landscope_ruleset_add_path(
			      rs, "/etc/passwd/x", rights[i],
			      LANDSCOPE_PATH_IGNORE_MISSING) == -ENOTDIR,
		      "rights %zu", i);
	}
	assert_int_equal(CALLS(IS_DIR), 0);
	assert_int_equal(mock_open_fds(), 0);
	/* Nothing was recorded. */
	assert_int_equal(landscope_ruleset_handle_fs(rs, RO), 0);
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_DRY_RUN, NULL),
			 0);
	landscope_ruleset_free(rs);
}

/*
 * The path changes between the O_DIRECTORY open and the plain one: what
 * the second open got decides.
 */
static void test_path_changes_between_opens(void **state)
{
	struct landscope_ruleset *rs =
		unit_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	struct landscope_report *r = NULL;

	(void)state;
	/* A file when first opened, a directory by the second open. */
	mock_fail(MOCK_OPEN_DIR, 1, ENOTDIR);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(CALLS(IS_DIR), 1);
	/* Gone by the second open. */
	mock_fail(MOCK_OPEN_DIR, 1, ENOTDIR);
	assert_int_equal(landscope_ruleset_add_path(rs, "/nope", RO, 0),
			 -ENOENT);
	mock_fail(MOCK_OPEN_DIR, 1, ENOTDIR);
	assert_int_equal(
		landscope_ruleset_add_path(rs, "/nope", RO,
					   LANDSCOPE_PATH_IGNORE_MISSING),
		0);
	assert_int_equal(mock_open_fds(), 1);
	assert_int_equal(landscope_ruleset_handle_fs(rs, RO), 0);
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_DRY_RUN, &r),
			 0);
	assert_int_equal(unit_rule(r, 0).outcome, LANDSCOPE_RULE_APPLIED);
	assert_int_equal(unit_rule(r, 1).outcome,
			 LANDSCOPE_RULE_SKIPPED_MISSING);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* Other O_DIRECTORY errors are returned as they are: no second open. */
static void test_open_dir_errors(void **state)
{
	static const int errs[] = { EACCES, ELOOP, EMFILE, ENFILE, ENOMEM };
	struct landscope_ruleset *rs = unit_ruleset(0);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		mock_fail(MOCK_OPEN_DIR, 1, errs[i]);
		CHECK(landscope_ruleset_add_path(rs, "/usr", RO, 0) == -errs[i],
		      "errno %d", errs[i]);
	}
	assert_int_equal(CALLS(OPEN_PATH), 0);
	assert_int_equal(mock_open_fds(), 0);
	landscope_ruleset_free(rs);
}

static void test_add_fd(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	int fd = mock_open("/usr");
	const struct mock_call *dup;

	(void)state;
	assert_int_equal(landscope_ruleset_add_fd(NULL, fd, RO, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_add_fd(rs, fd, 0, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_add_fd(rs, fd, 1ULL << 40, 0),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_fd(rs, fd, RO, 1U << 5),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_fd(rs, -1, RO, 0), -EBADF);
	/* Not an fd of this process. */
	assert_int_equal(landscope_ruleset_add_fd(rs, 4999, RO, 0), -EBADF);
	mock_fail(MOCK_DUP, 1, EMFILE);
	assert_int_equal(landscope_ruleset_add_fd(rs, fd, RO, 0), -EMFILE);
	assert_int_equal(mock_open_fds(), 1);

	assert_int_equal(landscope_ruleset_add_fd(rs, fd, RO, 0), 0);
	dup = mock_call_last(MOCK_DUP);
	assert_int_equal(dup->fd, fd);
	assert_true(dup->ret >= 0 && dup->ret != fd);
	landscope_ruleset_free(rs);
	/* The caller's fd is the caller's: still open, closed once here. */
	assert_true(mock_fd_is_open(fd));
	assert_int_equal(__wrap_lsc_sys_close(fd), 0);
}

/* A file fd given directory rights in hard mode: kept, fails later. */
static void test_add_fd_file_hard(void **state)
{
	struct landscope_ruleset *rs =
		unit_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	int fd = mock_open("/etc/passwd");

	(void)state;
	unit_probe();
	assert_int_equal(landscope_ruleset_add_fd(rs, fd, RO, 0), 0);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RO),
		0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), -EINVAL);
	no_landlock_calls();
	landscope_ruleset_free(rs);
	/* The duplicate is closed, the caller's fd kept. */
	assert_int_equal(mock_open_fds(), 1);
	assert_int_equal(__wrap_lsc_sys_close(fd), 0);
}

static void test_add_port(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	const uint64_t tcp = LANDSCOPE_ACCESS_NET_CONNECT_TCP;

	(void)state;
	assert_int_equal(landscope_ruleset_add_port(NULL, 80, tcp, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_add_port(rs, 65536, tcp, 0),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_port(rs, UINT64_MAX, tcp, 0),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_port(rs, 80, 0, 0), -EINVAL);
	assert_int_equal(landscope_ruleset_add_port(rs, 80, 1ULL << 4, 0),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_port(
				 rs, 80, tcp, LANDSCOPE_PATH_IGNORE_MISSING),
			 -EINVAL);
	assert_int_equal(landscope_ruleset_add_port(rs, 65535, tcp, 0), 0);
	assert_int_equal(
		landscope_ruleset_add_port(rs, 0, LANDSCOPE_ACCESS_NET_BIND_TCP,
					   LANDSCOPE_RULE_QUIET),
		0);
	no_landlock_calls();
	assert_int_equal(mock.nr_calls, 0);
	landscope_ruleset_free(rs);
}

/* Many rules: the rule array grows, every fd is still closed once. */
static void test_many_rules(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	int i;

	(void)state;
	for (i = 0; i < 40; i++) {
		assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0),
				 0);
		assert_int_equal(landscope_ruleset_add_port(
					 rs, (uint64_t)i,
					 LANDSCOPE_ACCESS_NET_BIND_TCP, 0),
				 0);
	}
	assert_int_equal(mock_open_fds(), 40);
	landscope_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_new_free),
		UNIT_TEST(test_set_compat),
		UNIT_TEST(test_handle_bits),
		UNIT_TEST(test_setters_02),
		UNIT_TEST(test_quiet_all_or_nothing),
		UNIT_TEST(test_add_path_bad_args),
		UNIT_TEST(test_add_path),
		UNIT_TEST(test_add_path_missing),
		UNIT_TEST(test_add_path_empty),
		UNIT_TEST(test_add_path_open_errors),
		UNIT_TEST(test_is_dir_fails),
		UNIT_TEST(test_dup_fails),
		UNIT_TEST(test_file_with_dir_rights),
		UNIT_TEST(test_file_with_dir_rights_late_hard),
		UNIT_TEST(test_file_narrowed),
		UNIT_TEST(test_dir_one_open),
		UNIT_TEST(test_file_rights_no_check),
		UNIT_TEST(test_file_with_dir_rights_calls),
		UNIT_TEST(test_enotdir_component),
		UNIT_TEST(test_path_changes_between_opens),
		UNIT_TEST(test_open_dir_errors),
		UNIT_TEST(test_add_fd),
		UNIT_TEST(test_add_fd_file_hard),
		UNIT_TEST(test_add_port),
		UNIT_TEST(test_many_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
