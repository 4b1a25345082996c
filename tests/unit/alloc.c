// SPDX-License-Identifier: MIT
/*
 * Memory allocation failures (tests/common/failalloc.h): a whole typical
 * session is run once per allocation it makes, with that allocation
 * failing.  Each run must fail cleanly with -ENOMEM (or succeed), restrict
 * nothing on failure and leave no fd behind; ASan or valgrind see any
 * leaked memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc.h"
#include "unit.h"

/* 0 or LANDSCOPE_RULESET_IMMEDIATE: every session runs in both modes. */
static unsigned int mode;

/* 0 or -ENOMEM, anything else fails the test. */
static bool step(int ret, const char *what)
{
	CHECK(ret == 0 || ret == -ENOMEM, "alloc %u: %s: %d", failalloc_armed(),
	      what, ret);
	return ret == 0;
}

/* A whole session; false as soon as a step failed with -ENOMEM. */
static bool session(void)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *r = NULL;
	bool ok = false;
	int fd, i;

	if (!step(landscope_ruleset_new(&rs, mode), "new"))
		return false;
	fd = mock_open("/tmp");
	if (!step(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
						LANDSCOPE_ACCESS_FS_ALL),
		  "handle_fs") ||
	    !step(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
						LANDSCOPE_ACCESS_NET_ALL),
		  "handle_net") ||
	    !step(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_SCOPE,
						0x3),
		  "add_scope"))
		goto out;
	/* Enough rules to grow the rule array more than once. */
	for (i = 0; i < 10; i++) {
		if (!step(landscope_ruleset_add_path(
				  rs, "/usr", LANDSCOPE_ACCESS_FS_READ_EXEC, 0),
			  "path") ||
		    !step(landscope_ruleset_add_path(
				  rs, "/missing", LANDSCOPE_ACCESS_FS_READ_FILE,
				  LANDSCOPE_ADD_RULE_IGNORE_MISSING),
			  "missing") ||
		    !step(landscope_ruleset_add_port(
				  rs, 443, LANDSCOPE_ACCESS_NET_CONNECT_TCP, 0),
			  "port"))
			goto out;
	}
	if (!step(landscope_ruleset_add_fd(rs, fd, LANDSCOPE_ACCESS_FS_ALL, 0),
		  "add_fd"))
		goto out;
	if (!step(landscope_ruleset_restrict_self(rs, 0, &r), "restrict")) {
		CHECK(mock.nr_layers == 0, "alloc %u: restricted",
		      failalloc_armed());
		goto out;
	}
	CHECK(mock.nr_layers == 1, "alloc %u", failalloc_armed());
	CHECK(landscope_report_rule_count(r) == 31, "alloc %u",
	      failalloc_armed());
	ok = true;
out:
	landscope_report_free(r);
	landscope_ruleset_free(rs);
	__wrap_lsc_sys_close(fd);
	return ok;
}

static void every_allocation_fails(void)
{
	unsigned int total, n;

	unit_probe();
	failalloc_arm(0);
	assert_true(session());
	total = failalloc_count();
	assert_true(total > 3);
	print_message("mode %#x: %u allocations, each failed once\n", mode,
		      total);

	for (n = 1; n <= total; n++) {
		unit_restart();
		unit_probe();
		failalloc_arm(n);
		CHECK(!session(), "mode %#x: alloc %u of %u did not fail", mode,
		      n, total);
		failalloc_disarm();
		CHECK(mock_open_fds() == 0, "mode %#x: alloc %u: fd leak", mode,
		      n);
	}
}

static void test_every_allocation_fails(void **state)
{
	(void)state;
	mode = 0;
	every_allocation_fails();
	unit_restart();
	mode = LANDSCOPE_RULESET_IMMEDIATE;
	every_allocation_fails();
	mode = 0;
}

/* A large policy: path rules, each on its own O_PATH fd. */
#define NR_MANY 1000
#define MAX_MANY_ALLOCS 64

static const char *const many_paths[] = { "/usr", "/etc", "/tmp",
					  "/usr/lib/x86_64-linux-gnu" };
#define NR_MANY_PATHS (sizeof(many_paths) / sizeof(many_paths[0]))

/* new, NR_MANY add_path, restrict_self, report_free, free. */
static bool many_rules(void)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *r = NULL;
	LANDSCOPE_INIT(landscope_rule_info, info);
	bool ok = false;
	unsigned int i;

	if (!step(landscope_ruleset_new(&rs, mode), "new"))
		return false;
	if (!step(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
						LANDSCOPE_ACCESS_FS_ALL),
		  "handle_fs"))
		goto out;
	for (i = 0; i < NR_MANY; i++)
		if (!step(landscope_ruleset_add_path(
				  rs, many_paths[i % NR_MANY_PATHS],
				  LANDSCOPE_ACCESS_FS_READ_EXEC, 0),
			  "path"))
			goto out;
	if (!step(landscope_ruleset_restrict_self(rs, 0, &r), "restrict")) {
		CHECK(mock.nr_layers == 0, "alloc %u: restricted",
		      failalloc_armed());
		goto out;
	}
	CHECK(mock.nr_layers == 1 && mock.layers[0].nr_rules == NR_MANY,
	      "alloc %u", failalloc_armed());
	CHECK(landscope_report_rule_count(r) == NR_MANY, "alloc %u",
	      failalloc_armed());
	/* The report keeps every path text, past the ruleset's end. */
	landscope_ruleset_free(rs);
	rs = NULL;
	for (i = 0; i < NR_MANY; i++) {
		CHECK(landscope_report_rule(r, i, &info) == 0, "rule %u", i);
		CHECK(info.path &&
			      !strcmp(info.path, many_paths[i % NR_MANY_PATHS]),
		      "rule %u: %s", i, info.path ? info.path : "(null)");
	}
	ok = true;
out:
	landscope_report_free(r);
	landscope_ruleset_free(rs);
	return ok;
}

/*
 * Allocations grow with log N, not N: a path rule costs no allocation of
 * its own, in the ruleset or in the report.
 */
static void many_rules_allocations(void)
{
	unsigned int total, n;

	mock_fs_add("/usr/lib/x86_64-linux-gnu", 1);
	mock.cfg.max_fds = NR_MANY + 8;
	unit_probe();
	failalloc_arm(0);
	assert_true(many_rules());
	total = failalloc_count();
	print_message("mode %#x: %u allocations for %u path rules\n", mode,
		      total, NR_MANY);
	CHECK(total < MAX_MANY_ALLOCS, "%u allocations", total);

	for (n = 1; n <= total; n++) {
		unit_restart();
		mock_fs_add("/usr/lib/x86_64-linux-gnu", 1);
		mock.cfg.max_fds = NR_MANY + 8;
		unit_probe();
		failalloc_arm(n);
		CHECK(!many_rules(), "mode %#x: alloc %u of %u did not fail",
		      mode, n, total);
		failalloc_disarm();
		CHECK(mock_open_fds() == 0, "mode %#x: alloc %u: fd leak", mode,
		      n);
	}
}

static void test_many_rules_allocations(void **state)
{
	(void)state;
	mode = 0;
	many_rules_allocations();
	unit_restart();
	mode = LANDSCOPE_RULESET_IMMEDIATE;
	many_rules_allocations();
	mode = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_every_allocation_fails),
		UNIT_TEST(test_many_rules_allocations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
