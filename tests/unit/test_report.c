// SPDX-License-Identifier: MIT
/* The report accessors, the printed report and the bit names. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define RO LANDSCOPE_ACCESS_FS_READ_ONLY
#define RF LANDSCOPE_ACCESS_FS_READ_FILE

static struct landscope_report *sample(struct landscope_ruleset **ret_rs)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct landscope_report *r = NULL;

	assert_int_equal(landscope_ruleset_handle_fs(rs, RO), 0);
	assert_int_equal(
		landscope_ruleset_handle_net(rs, LANDSCOPE_ACCESS_NET_BIND_TCP),
		0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/etc/passwd", RO, 0),
			 0);
	assert_int_equal(
		landscope_ruleset_add_path(rs, "/gone", RO,
					   LANDSCOPE_PATH_IGNORE_MISSING),
		0);
	assert_int_equal(landscope_ruleset_add_port(
				 rs, 8080, LANDSCOPE_ACCESS_NET_BIND_TCP, 0),
			 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_non_null(r);
	*ret_rs = rs;
	return r;
}

static void test_null(void **state)
{
	struct landscope_rule_info info = { sizeof(info) };
	uint64_t v;

	(void)state;
	assert_int_equal(landscope_report_status(NULL), -EINVAL);
	assert_int_equal(landscope_report_abi(NULL), -EINVAL);
	assert_int_equal(landscope_report_category(NULL, 0, &v, &v), -EINVAL);
	assert_int_equal(landscope_report_all_threads(NULL), -EINVAL);
	assert_int_equal(landscope_report_rule_count(NULL), -EINVAL);
	assert_int_equal(landscope_report_rule(NULL, 0, &info), -EINVAL);
	assert_int_equal(landscope_report_print(NULL, stderr), -EINVAL);
	landscope_report_free(NULL);
	landscope_report_freep(NULL);
}

static void test_accessors(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = sample(&rs);
	struct landscope_rule_info info;
	uint64_t req = 0, enf = 0;

	(void)state;
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	assert_int_equal(landscope_report_abi(r), 11);
	assert_int_equal(landscope_report_category(r, -1, &req, &enf), -EINVAL);
	assert_int_equal(landscope_report_category(r, 4, &req, &enf), -EINVAL);
	assert_int_equal(landscope_report_category(r, LANDSCOPE_CATEGORY_NET,
						   NULL, NULL),
			 0);
	assert_int_equal(landscope_report_category(r, LANDSCOPE_CATEGORY_NET,
						   &req, &enf),
			 0);
	assert_int_equal(req, LANDSCOPE_ACCESS_NET_BIND_TCP);
	assert_int_equal(enf, LANDSCOPE_ACCESS_NET_BIND_TCP);
	assert_int_equal(landscope_report_all_threads(r), 0);
	assert_int_equal(landscope_report_rule_count(r), 4);

	info = unit_rule(r, 0);
	assert_int_equal(info.sz, sizeof(info));
	assert_int_equal(info.type, LANDSCOPE_RULE_PATH_BENEATH);
	assert_string_equal(info.path, "/usr");
	assert_int_equal(info.outcome, LANDSCOPE_RULE_APPLIED);
	assert_int_equal(info.requested, RO);
	assert_int_equal(info.enforced, RO);
	assert_int_equal(info.error, 0);
	info = unit_rule(r, 1);
	assert_int_equal(info.outcome,
			 LANDSCOPE_RULE_APPLIED | LANDSCOPE_RULE_MASKED_FILE);
	assert_int_equal(info.enforced, RF);
	info = unit_rule(r, 2);
	assert_int_equal(info.outcome, LANDSCOPE_RULE_SKIPPED_MISSING);
	assert_int_equal(info.error, -ENOENT);
	assert_string_equal(info.path, "/gone");
	info = unit_rule(r, 3);
	assert_int_equal(info.type, LANDSCOPE_RULE_NET_PORT);
	assert_null(info.path);
	assert_int_equal(info.port, 8080);
	assert_int_equal(info.outcome, LANDSCOPE_RULE_APPLIED);

	/* The path stays valid as long as the report, not the ruleset. */
	landscope_ruleset_free(rs);
	info = unit_rule(r, 0);
	assert_string_equal(info.path, "/usr");

	assert_int_equal(landscope_report_rule(r, 4, &info), -ERANGE);
	assert_int_equal(landscope_report_rule(r, ~0U, &info), -ERANGE);
	assert_int_equal(landscope_report_rule(r, 0, NULL), -EINVAL);
	info.sz = 55; /* below the 0.1 size */
	assert_int_equal(landscope_report_rule(r, 0, &info), -EINVAL);
	landscope_report_freep(&r);
	assert_null(r);
}

/* A caller built against a later, bigger structure. */
static void test_rule_info_bigger(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = sample(&rs);
	struct {
		struct landscope_rule_info info;
		char future[16];
	} big;

	(void)state;
	memset(&big, 0, sizeof(big));
	big.info.sz = sizeof(big);
	assert_int_equal(landscope_report_rule(r, 3, &big.info), 0);
	assert_int_equal(big.info.sz, sizeof(big));
	assert_int_equal(big.info.port, 8080);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/*
 * A caller built against 0.1 passes the 0.1 size: accepted whatever the
 * library's structure grew to, and nothing is written past it.
 */
static void test_rule_info_01_size(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = sample(&rs);
	unsigned char buf[sizeof(struct landscope_rule_info) + 16];
	struct landscope_rule_info *info = (void *)buf;

	(void)state;
	memset(buf, 0xa5, sizeof(buf));
	info->sz = 56;
	assert_int_equal(landscope_report_rule(r, 3, info), 0);
	assert_int_equal(info->sz, 56);
	assert_int_equal(info->port, 8080);
	assert_int_equal(info->type, LANDSCOPE_RULE_TYPE_NET_PORT);
	for (size_t i = 56; i < sizeof(buf); i++)
		CHECK(buf[i] == 0xa5, "byte %zu written", i);
	info->sz = 55;
	assert_int_equal(landscope_report_rule(r, 3, info), -EINVAL);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

static void test_print(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = sample(&rs);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_int_equal(landscope_report_print(r, NULL), -EINVAL);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(landscope_report_print(r, f), 0);
	fclose(f);
	assert_non_null(strstr(buf, "/usr"));
	assert_non_null(strstr(buf, "/gone"));
	assert_non_null(strstr(buf, "8080"));
	assert_non_null(strstr(buf, "read_file"));
	free(buf);

	/* A full disk is -EIO. */
	f = fopen("/dev/full", "w");
	if (f) {
		setvbuf(f, NULL, _IONBF, 0);
		assert_int_equal(landscope_report_print(r, f), -EIO);
		fclose(f);
	}
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

static void test_access_names(void **state)
{
	(void)state;
	assert_string_equal(
		landscope_access_name(LANDSCOPE_CATEGORY_FS,
				      LANDSCOPE_ACCESS_FS_READ_FILE),
		"read_file");
	assert_string_equal(
		landscope_access_name(LANDSCOPE_CATEGORY_NET,
				      LANDSCOPE_ACCESS_NET_BIND_TCP),
		"bind_tcp");
	assert_string_equal(
		landscope_access_name(LANDSCOPE_CATEGORY_SCOPE,
				      LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET),
		"abstract_unix_socket");
	assert_string_equal(
		landscope_access_name(LANDSCOPE_CATEGORY_FLAGS,
				      LANDSCOPE_RESTRICT_ALL_THREADS),
		"all_threads");
	assert_null(landscope_access_name(LANDSCOPE_CATEGORY_FS, 1ULL << 17));
	assert_null(landscope_access_name(LANDSCOPE_CATEGORY_FS, 0));
	assert_null(landscope_access_name(LANDSCOPE_CATEGORY_FS, 3));
	assert_null(landscope_access_name(4, 1));
	assert_null(landscope_access_name(-1, 1));
}

/* Every known bit of every category has a distinct name. */
static void test_access_names_complete(void **state)
{
	static const uint64_t all[] = { LANDSCOPE_ACCESS_FS_ALL,
					LANDSCOPE_ACCESS_NET_ALL,
					LANDSCOPE_SCOPE_ALL, 0xf };
	int c;

	(void)state;
	for (c = 0; c < 4; c++) {
		uint64_t bit;

		for (bit = 1; bit & all[c]; bit <<= 1) {
			const char *n = landscope_access_name(c, bit);
			uint64_t other;

			CHECK(n != NULL, "category %d bit %#llx", c,
			      (unsigned long long)bit);
			for (other = 1; other < bit; other <<= 1)
				CHECK(strcmp(n,
					     landscope_access_name(c, other)),
				      "%s twice", n);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_null),
		UNIT_TEST(test_accessors),
		UNIT_TEST(test_rule_info_bigger),
		UNIT_TEST(test_rule_info_01_size),
		UNIT_TEST(test_print),
		UNIT_TEST(test_access_names),
		UNIT_TEST(test_access_names_complete),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
