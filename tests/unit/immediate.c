// SPDX-License-Identifier: MIT
/*
 * LANDSCOPE_RULESET_IMMEDIATE: the kernel ruleset is made at the first
 * rule and each rule reaches it as it is added, so the library holds a
 * constant number of fds whatever the number of paths; and it enforces
 * exactly what the deferred mode enforces, for every ABI.
 */
#include <errno.h>
#include <string.h>

#include "unit.h"

#define FS LANDSCOPE_CATEGORY_FS
#define NET LANDSCOPE_CATEGORY_NET
#define SCOPE LANDSCOPE_CATEGORY_SCOPE
#define RO LANDSCOPE_ACCESS_FS_READ_ONLY
#define RF LANDSCOPE_ACCESS_FS_READ_FILE
#define TCP LANDSCOPE_ACCESS_NET_CONNECT_TCP

static struct landscope_ruleset *immediate(void)
{
	struct landscope_ruleset *rs = NULL;

	assert_int_equal(
		landscope_ruleset_new(&rs, LANDSCOPE_RULESET_IMMEDIATE), 0);
	return rs;
}

/* Far more paths than fds: one fd for the ruleset, none per rule. */
static void test_constant_fds(void **state)
{
	struct landscope_ruleset *rs = immediate();
	struct landscope_report *r = NULL;
	unsigned int i;

	(void)state;
	unit_probe();
	/* The ruleset, one path being added, nothing more. */
	mock.cfg.max_fds = 2;
	assert_int_equal(landscope_ruleset_add_handled(rs, FS, RO), 0);
	assert_int_equal(CALLS(CREATE_RULESET), 0);
	for (i = 0; i < 1000; i++) {
		CHECK(landscope_ruleset_add_path(rs, i % 2 ? "/usr" : "/tmp",
						 RO, 0) == 0,
		      "path %u", i);
		CHECK(mock_open_fds() == 1, "path %u: %u fds", i,
		      mock_open_fds());
	}
	/* One kernel ruleset, made at the first rule; one add per rule. */
	assert_int_equal(CALLS(CREATE_RULESET), 1);
	assert_int_equal(mock_rules_added(), 1000);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_int_equal(mock.nr_layers, 1);
	assert_int_equal(mock.layers[0].nr_rules, 1000);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	assert_int_equal(landscope_report_rule_count(r), 1000);
	assert_int_equal(unit_rule(r, 999).outcome, LANDSCOPE_OUTCOME_APPLIED);
	assert_int_equal(unit_rule(r, 999).enforced, RO);
	assert_int_equal(unit_rule(r, 999).sent, RO);
	/* The kernel ruleset is kept for another layer. */
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), 0);
	assert_int_equal(mock.nr_layers, 2);
	assert_int_equal(CALLS(CREATE_RULESET), 1);
	assert_int_equal(mock_open_fds(), 1);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
	assert_int_equal(mock_open_fds(), 0);
}

/* The deferred mode, for comparison: one fd per path (-EMFILE). */
static void test_deferred_needs_fds(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);

	(void)state;
	mock.cfg.max_fds = 2;
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/tmp", RO, 0), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/etc", RO, 0),
			 -EMFILE);
	landscope_ruleset_free(rs);
}

/* The sets are frozen at the first rule; the level is not. */
static void test_frozen(void **state)
{
	struct landscope_ruleset *rs = immediate();
	struct landscope_report *r = NULL;

	(void)state;
	/* Nothing handled at the first rule: no kernel ruleset possible. */
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0),
			 -ENOMSG);
	assert_int_equal(landscope_ruleset_add_port(rs, 80, TCP, 0), -ENOMSG);
	assert_int_equal(mock_open_fds(), 0);
	assert_int_equal(landscope_ruleset_add_handled(rs, FS, RO), 0);
	assert_int_equal(landscope_ruleset_add_quiet(rs, FS, RF), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(landscope_ruleset_add_handled(rs, NET, TCP), -EBUSY);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RO),
		-EBUSY);
	assert_int_equal(landscope_ruleset_add_quiet(rs, FS, RF), -EBUSY);
	assert_int_equal(landscope_ruleset_add_quiet(rs, LANDSCOPE_CATEGORY_FS,
						     RF),
			 -EBUSY);
	/* Argument errors come first. */
	assert_int_equal(landscope_ruleset_add_handled(rs, FS, 0), -EINVAL);
	/* The level still decides at restriction. */
	assert_int_equal(landscope_ruleset_set_compat_level(
				 rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT, 0),
			 0);
	assert_int_equal(landscope_ruleset_add_port(rs, 80, TCP, 0), 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	/* The port's rights are not handled: dropped, as in deferred mode. */
	assert_int_equal(unit_rule(r, 1).outcome,
			 LANDSCOPE_OUTCOME_DROPPED_UNHANDLED);
	assert_int_equal(mock_rules_added(), 1);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* A rule the kernel refuses is the add call's error, and not recorded. */
static void test_refused_at_add(void **state)
{
	struct landscope_ruleset *rs = immediate();
	struct landscope_report *r = NULL;
	int fd = mock_open("/usr");

	(void)state;
	assert_int_equal(landscope_ruleset_add_handled(rs, FS, RO), 0);
	assert_int_equal(landscope_ruleset_add_handled(rs, FS, RO), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	mock_fail(MOCK_ADD_RULE, 1, EBADFD);
	assert_int_equal(landscope_ruleset_add_path(rs, "/tmp", RO, 0),
			 -EBADFD);
	mock_fail(MOCK_ADD_RULE, 1, EBADF);
	assert_int_equal(landscope_ruleset_add_fd(rs, fd, RO, 0), -EBADF);
	/* No path fd left behind, none duplicated for add_fd. */
	assert_int_equal(mock_open_fds(), 2);
	assert_int_equal(CALLS(DUP), 0);
	assert_int_equal(landscope_ruleset_add_fd(rs, fd, RO, 0), 0);
	assert_int_equal(unit_path_rule(2).parent_fd, fd);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_int_equal(landscope_report_rule_count(r), 2);
	assert_string_equal(unit_rule(r, 0).path, "/usr");
	assert_null(unit_rule(r, 1).path);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
	assert_true(mock_fd_is_open(fd));
	assert_int_equal(__wrap_lsc_sys_close(fd), 0);
}

/* The typical policy of restrict.c, in either mode. */
static struct landscope_ruleset *typical(unsigned int flags, int compat)
{
	struct landscope_ruleset *rs = NULL;

	assert_int_equal(landscope_ruleset_new(&rs, flags), 0);
	assert_int_equal(landscope_ruleset_set_compat_level(rs, compat, 0), 0);
	assert_int_equal(landscope_ruleset_add_handled(rs, FS,
						       LANDSCOPE_ACCESS_FS_ALL),
			 0);
	assert_int_equal(landscope_ruleset_add_handled(
				 rs, NET, LANDSCOPE_ACCESS_NET_ALL),
			 0);
	assert_int_equal(landscope_ruleset_add_handled(
				 rs, SCOPE,
				 LANDSCOPE_SCOPE_SIGNAL |
					 LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET),
			 0);
	assert_int_equal(landscope_ruleset_add_quiet(rs, FS, RF), 0);
	assert_int_equal(landscope_ruleset_add_path(
				 rs, "/usr", LANDSCOPE_ACCESS_FS_READ_EXEC,
				 LANDSCOPE_ADD_RULE_QUIET),
			 0);
	assert_int_equal(landscope_ruleset_add_path(
				 rs, "/tmp",
				 LANDSCOPE_ACCESS_FS_READ_WRITE_DATA, 0),
			 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/etc/passwd", RO, 0),
			 0);
	assert_int_equal(
		landscope_ruleset_add_path(rs, "/gone", RO,
					   LANDSCOPE_ADD_RULE_IGNORE_MISSING),
		0);
	assert_int_equal(landscope_ruleset_add_port(rs, 443, TCP, 0), 0);
	assert_int_equal(landscope_ruleset_add_port(
				 rs, 53, LANDSCOPE_ACCESS_NET_CONNECT_SEND_UDP,
				 0),
			 0);
	return rs;
}

struct outcome {
	int ret;
	int status;
	size_t size;
	struct mock_ruleset_attr attr;
	unsigned int nr_layers;
	unsigned int rules_added;
	struct mock_path_beneath_attr pb[8];
	struct landscope_rule_info info[8];
	uint64_t enforced[4];
};

static void run(unsigned int flags, int abi, int compat, struct outcome *o)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;
	unsigned int i;
	int c;

	unit_restart();
	mock_kernel_abi(abi);
	memset(o, 0, sizeof(*o));
	rs = typical(flags, compat);
	o->ret = landscope_ruleset_restrict_self(rs, 0, &r);
	o->status = landscope_report_status(r);
	o->size = mock_last_ruleset(&o->attr);
	o->nr_layers = mock.nr_layers;
	o->rules_added = mock_rules_added();
	for (i = 0; i < o->rules_added && i < 8; i++) {
		const struct mock_call *call = mock_call_nth(MOCK_ADD_RULE, i);

		if (call->rule_type == MOCK_RULE_PATH_BENEATH)
			o->pb[i] = unit_path_rule(i);
		o->pb[i].parent_fd = 0; /* differs: held or reopened */
	}
	for (i = 0; i < 6; i++)
		o->info[i] = unit_rule(r, i);
	for (c = 0; c < 4; c++)
		o->enforced[c] = unit_enforced(r, c);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* Both modes send the same bytes and report the same, ABI by ABI. */
static void test_same_as_deferred(void **state)
{
	int abi, compat;

	(void)state;
	for (abi = 0; abi <= 12; abi++) {
		for (compat = 0; compat <= 2; compat++) {
			struct outcome d, im;
			unsigned int i;

			run(0, abi, compat, &d);
			run(LANDSCOPE_RULESET_IMMEDIATE, abi, compat, &im);
			CHECK(d.ret == im.ret && d.status == im.status,
			      "abi %d compat %d: %d/%d %d/%d", abi, compat,
			      d.ret, im.ret, d.status, im.status);
			CHECK(d.nr_layers == im.nr_layers, "abi %d compat %d",
			      abi, compat);
			CHECK(!memcmp(d.enforced, im.enforced,
				      sizeof(d.enforced)),
			      "abi %d compat %d", abi, compat);
			/* Immediate mode made them even when not used. */
			if (d.nr_layers) {
				CHECK(d.size == im.size &&
					      !memcmp(&d.attr, &im.attr,
						      sizeof(d.attr)),
				      "abi %d compat %d", abi, compat);
				CHECK(d.rules_added == im.rules_added &&
					      !memcmp(d.pb, im.pb,
						      sizeof(d.pb)),
				      "abi %d compat %d", abi, compat);
			}
			for (i = 0; i < 6; i++) {
				/* Only the mode differs in what was sent. */
				im.info[i].sent = d.info[i].sent;
				CHECK(!memcmp(&d.info[i], &im.info[i],
					      offsetof(
						      struct landscope_rule_info,
						      path)) &&
					      d.info[i].enforced ==
						      im.info[i].enforced &&
					      d.info[i].error ==
						      im.info[i].error,
				      "abi %d compat %d rule %u: %#x/%#x", abi,
				      compat, i, d.info[i].outcome,
				      im.info[i].outcome);
			}
		}
	}
}

/* No Landlock: rules recorded, no kernel ruleset, nothing enforced. */
static void test_unavailable(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;

	(void)state;
	mock_kernel_disabled();
	rs = immediate();
	assert_int_equal(landscope_ruleset_add_handled(rs, FS, RO), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(mock_open_fds(), 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_NOT_ENFORCED);
	assert_string_equal(landscope_report_reason(r),
			    "Landlock is disabled at boot");
	assert_int_equal(mock.nr_layers, 0);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* Hard mode and a file given directory rights: as in deferred mode. */
static void test_hard_masked(void **state)
{
	struct landscope_ruleset *rs = immediate();

	(void)state;
	unit_probe();
	assert_int_equal(landscope_ruleset_add_handled(rs, FS, RO), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/etc/passwd", RO, 0),
			 0);
	assert_int_equal(unit_path_rule(0).allowed_access, RF);
	assert_int_equal(landscope_ruleset_set_compat_level(
				 rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT, 0),
			 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), -EINVAL);
	assert_int_equal(mock.nr_layers, 0);
	assert_int_equal(CALLS(RESTRICT_SELF), 0);
	landscope_ruleset_free(rs);
}

/* No fd for the kernel ruleset at the first rule: the rule's error. */
static void test_emfile_at_freeze(void **state)
{
	struct landscope_ruleset *rs = immediate();

	(void)state;
	unit_probe();
	assert_int_equal(landscope_ruleset_add_handled(rs, FS, RO), 0);
	mock_fail(MOCK_CREATE_RULESET, 1, EMFILE);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0),
			 -EMFILE);
	assert_int_equal(mock_open_fds(), 0);
	/* Not frozen: the sets may still change, and it works later. */
	assert_int_equal(landscope_ruleset_add_handled(rs, NET, TCP), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), 0);
	assert_int_equal(mock.layers[0].attr.handled_access_net, TCP);
	landscope_ruleset_free(rs);
}

/* No rule at all: restriction freezes. */
static void test_no_rule(void **state)
{
	struct landscope_ruleset *rs = immediate();

	(void)state;
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), -ENOMSG);
	assert_int_equal(landscope_ruleset_add_handled(rs, SCOPE,
						       LANDSCOPE_SCOPE_SIGNAL),
			 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), 0);
	assert_int_equal(mock.nr_layers, 1);
	assert_int_equal(landscope_ruleset_add_handled(rs, FS, RO), -EBUSY);
	landscope_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_constant_fds),
		UNIT_TEST(test_deferred_needs_fds),
		UNIT_TEST(test_frozen),
		UNIT_TEST(test_refused_at_add),
		UNIT_TEST(test_same_as_deferred),
		UNIT_TEST(test_unavailable),
		UNIT_TEST(test_hard_masked),
		UNIT_TEST(test_emfile_at_freeze),
		UNIT_TEST(test_no_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
