// SPDX-License-Identifier: MIT
/*
 * Enforcement: exactly what reaches the simulated kernel for every ABI and
 * compatibility level, what the report says about it, and what happens
 * when any syscall on the way fails.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define FS_ALL LANDSCOPE_ACCESS_FS_ALL
#define NET_ALL LANDSCOPE_ACCESS_NET_ALL
#define RO LANDSCOPE_ACCESS_FS_READ_ONLY
#define RF LANDSCOPE_ACCESS_FS_READ_FILE
#define WF LANDSCOPE_ACCESS_FS_WRITE_FILE
#define RD LANDSCOPE_ACCESS_FS_READ_DIR
#define REFER LANDSCOPE_ACCESS_FS_REFER
#define MAKE_REG LANDSCOPE_ACCESS_FS_MAKE_REG
#define RESOLVE_UNIX LANDSCOPE_ACCESS_FS_RESOLVE_UNIX
#define TCP_CONNECT LANDSCOPE_ACCESS_NET_CONNECT_TCP
#define UDP_SEND LANDSCOPE_ACCESS_NET_CONNECT_SEND_UDP
#define UPSTREAM_SCOPES \
	(LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET | LANDSCOPE_SCOPE_SIGNAL)
#define PATHNAME_SCOPE LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET
#define FLAGS_CAT LANDSCOPE_CATEGORY_FLAGS

/* The rules of typical(), in order. */
#define NR_TYPICAL_PATHS 3

/*
 * A typical policy: everything handled, three path rules (a directory
 * read-exec, a directory read-write, a file) and two port rules.
 */
static struct landscope_ruleset *typical(int compat)
{
	struct landscope_ruleset *rs = unit_ruleset(compat);

	assert_int_equal(landscope_ruleset_add_handled(
				 rs, LANDSCOPE_CATEGORY_FS, FS_ALL),
			 0);
	assert_int_equal(landscope_ruleset_add_handled(
				 rs, LANDSCOPE_CATEGORY_NET, NET_ALL),
			 0);
	assert_int_equal(landscope_ruleset_add_handled(
				 rs, LANDSCOPE_CATEGORY_SCOPE, UPSTREAM_SCOPES),
			 0);
	assert_int_equal(landscope_ruleset_add_path(
				 rs, "/usr", LANDSCOPE_ACCESS_FS_READ_EXEC, 0),
			 0);
	assert_int_equal(landscope_ruleset_add_path(
				 rs, "/tmp", LANDSCOPE_ACCESS_FS_READ_WRITE, 0),
			 0);
	assert_int_equal(
		landscope_ruleset_add_path(rs, "/etc/passwd", RF | WF, 0), 0);
	assert_int_equal(landscope_ruleset_add_port(rs, 443, TCP_CONNECT, 0),
			 0);
	assert_int_equal(landscope_ruleset_add_port(rs, 53, UDP_SEND, 0), 0);
	return rs;
}

static unsigned int call_index(const struct mock_call *c)
{
	assert_non_null(c);
	return (unsigned int)(c - mock.calls);
}

/* The fd the library got from open_path() or open_dir() for @path. */
static int path_fd(const char *path)
{
	unsigned int i;

	for (i = 0; i < mock.nr_calls; i++)
		if ((mock.calls[i].sys == MOCK_OPEN_PATH ||
		     mock.calls[i].sys == MOCK_OPEN_DIR) &&
		    mock.calls[i].ret >= 0 && !strcmp(mock.calls[i].path, path))
			return mock.calls[i].ret;
	fail_msg("%s was never opened", path);
	return -1;
}

/* Offset past the last non-zero field: the least size that carries it. */
static size_t needed_size(const struct mock_ruleset_attr *a)
{
	if (a->quiet_access_fs || a->quiet_access_net || a->quiet_scoped)
		return 48;
	if (a->scoped)
		return 24;
	if (a->handled_access_net)
		return 16;
	return 8;
}

/* A valid size that carries every non-zero field. */
static void check_size(size_t size, const struct mock_ruleset_attr *a)
{
	CHECK(size == 8 || size == 16 || size == 24 || size == 48, "size %zu",
	      size);
	CHECK(size >= needed_size(a), "size %zu", size);
}

/* Nothing was done to the process, and no ruleset fd is left. */
static void untouched(void)
{
	CHECK(CALLS(RESTRICT_SELF) == 0, "restrict_self called");
	CHECK(mock.nr_layers == 0, "restricted");
	CHECK(CALLS(SET_NNP) == 0 && !mock.nnp, "no_new_privs set");
}

static void check_typical(int abi, bool cap)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;
	struct mock_ruleset_attr attr;
	const struct mock_call *create, *restrict_call, *nnp, *filter;
	uint64_t fs = FS_ALL &
		      landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, abi);
	uint64_t net = NET_ALL &
		       landscope_access_of_abi(LANDSCOPE_CATEGORY_NET, abi);
	uint64_t scoped =
		UPSTREAM_SCOPES &
		landscope_access_of_abi(LANDSCOPE_CATEGORY_SCOPE, abi);
	unsigned int nr_rules = NR_TYPICAL_PATHS + (abi >= 4) + (abi >= 10);
	struct landscope_rule_info info;
	struct mock_path_beneath_attr pb;
	struct mock_net_port_attr np;
	size_t size;
	int ret;

	unit_restart();
	mock_kernel_abi(abi);
	mock.cfg.cap_sys_admin = cap;
	unit_probe();
	rs = typical(LANDSCOPE_COMPAT_BEST_EFFORT);
	ret = landscope_ruleset_restrict_self(rs, 0, &r);
	CHECK(ret == 0, "abi %d cap %d: restrict_self %d", abi, cap, ret);
	CHECK(r != NULL, "abi %d: no report", abi);

	/* The ruleset attr, byte for byte. */
	size = mock_last_ruleset(&attr);
	CHECK(size, "abi %d: no ruleset created", abi);
	check_size(size, &attr);
	CHECK(attr.handled_access_fs == fs, "abi %d: fs %#llx", abi,
	      (unsigned long long)attr.handled_access_fs);
	CHECK(attr.handled_access_net == net, "abi %d: net %#llx", abi,
	      (unsigned long long)attr.handled_access_net);
	CHECK(attr.scoped == scoped, "abi %d: scoped %#llx", abi,
	      (unsigned long long)attr.scoped);
	CHECK(!attr.quiet_access_fs && !attr.quiet_access_net &&
		      !attr.quiet_scoped,
	      "abi %d: quiet", abi);
	create = mock_call_last(MOCK_CREATE_RULESET);
	CHECK(create->ret >= 0 && create->flags == 0, "abi %d", abi);

	/* The rules, in order. */
	CHECK(CALLS(ADD_RULE) == nr_rules, "abi %d: %u rules", abi,
	      CALLS(ADD_RULE));
	pb = unit_path_rule(0);
	CHECK(pb.allowed_access == LANDSCOPE_ACCESS_FS_READ_EXEC &&
		      pb.parent_fd == path_fd("/usr"),
	      "abi %d", abi);
	pb = unit_path_rule(1);
	CHECK(pb.allowed_access == fs && pb.parent_fd == path_fd("/tmp"),
	      "abi %d: /tmp %#llx", abi, (unsigned long long)pb.allowed_access);
	pb = unit_path_rule(2);
	CHECK(pb.allowed_access == (RF | WF) &&
		      pb.parent_fd == path_fd("/etc/passwd"),
	      "abi %d", abi);
	if (abi >= 4) {
		np = unit_port_rule(3);
		CHECK(np.allowed_access == TCP_CONNECT && np.port == 443,
		      "abi %d", abi);
	}
	if (abi >= 10) {
		np = unit_port_rule(4);
		CHECK(np.allowed_access == UDP_SEND && np.port == 53, "abi %d",
		      abi);
	}
	for (unsigned int i = 0; i < nr_rules; i++) {
		const struct mock_call *c = mock_call_nth(MOCK_ADD_RULE, i);

		CHECK(c->fd == create->ret && c->flags == 0 && c->ret == 0,
		      "abi %d: rule %u", abi, i);
	}

	/*
	 * no_new_privs: prctl() before restrict_self; on ABI 11 too, since
	 * the transport filter (TCP is handled from ABI 4) needs it before
	 * it is loaded, which the ABI 11 flag does not do.
	 */
	restrict_call = mock_call_last(MOCK_RESTRICT_SELF);
	CHECK(CALLS(RESTRICT_SELF) == 1, "abi %d", abi);
	CHECK(restrict_call->fd == create->ret, "abi %d", abi);
	nnp = mock_call_last(MOCK_SET_NNP);
	filter = mock_call_last(MOCK_LOAD_FILTER);
	CHECK(nnp && call_index(nnp) < call_index(restrict_call),
	      "abi %d: no prctl before restrict_self", abi);
	CHECK(restrict_call->flags == 0, "abi %d: flags %#x", abi,
	      restrict_call->flags);
	if (abi >= 4)
		CHECK(filter && mock.nr_filters == 1 &&
			      call_index(nnp) < call_index(filter) &&
			      call_index(filter) < call_index(restrict_call),
		      "abi %d: no filter between prctl and restrict_self", abi);
	else
		CHECK(!filter, "abi %d: a filter without network rights", abi);
	CHECK(mock.nnp && mock.nr_layers == 1, "abi %d", abi);
	CHECK(!memcmp(&mock.layers[0].attr, &attr, sizeof(attr)), "abi %d",
	      abi);
	CHECK(mock.layers[0].nr_rules == nr_rules, "abi %d", abi);
	/* The ruleset fd is closed, the path fds kept for a next layer. */
	CHECK(!mock_fd_is_open(create->ret), "abi %d: ruleset fd open", abi);
	CHECK(mock_open_fds() == NR_TYPICAL_PATHS, "abi %d: %u fds", abi,
	      mock_open_fds());

	/* The report. */
	CHECK(landscope_report_status(r) ==
		      (abi >= 10 ? LANDSCOPE_FULLY_ENFORCED
				 : LANDSCOPE_PARTIALLY_ENFORCED),
	      "abi %d: status %d", abi, landscope_report_status(r));
	CHECK(landscope_report_abi(r) == (abi > 11 ? 11 : abi), "abi %d", abi);
	CHECK(unit_requested(r, LANDSCOPE_CATEGORY_FS) == FS_ALL, "abi %d",
	      abi);
	CHECK(unit_enforced(r, LANDSCOPE_CATEGORY_FS) == fs, "abi %d", abi);
	CHECK(unit_requested(r, LANDSCOPE_CATEGORY_NET) == NET_ALL, "abi %d",
	      abi);
	CHECK(unit_enforced(r, LANDSCOPE_CATEGORY_NET) == net, "abi %d", abi);
	CHECK(unit_requested(r, LANDSCOPE_CATEGORY_SCOPE) == UPSTREAM_SCOPES,
	      "abi %d", abi);
	CHECK(unit_enforced(r, LANDSCOPE_CATEGORY_SCOPE) == scoped, "abi %d",
	      abi);
	CHECK(unit_requested(r, FLAGS_CAT) == 0 &&
		      unit_enforced(r, FLAGS_CAT) == 0,
	      "abi %d", abi);
	CHECK(landscope_report_all_threads(r) == 0, "abi %d", abi);
	CHECK(landscope_report_rule_count(r) == 5, "abi %d", abi);
	info = unit_rule(r, 0);
	CHECK(info.outcome == LANDSCOPE_OUTCOME_APPLIED, "abi %d: %#x", abi,
	      info.outcome);
	info = unit_rule(r, 1);
	CHECK(info.enforced == fs && info.requested == FS_ALL, "abi %d", abi);
	CHECK(info.outcome ==
		      (LANDSCOPE_OUTCOME_APPLIED |
		       (abi < 9 ? LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED : 0)),
	      "abi %d: /tmp outcome %#x", abi, info.outcome);
	info = unit_rule(r, 3);
	CHECK(info.type == LANDSCOPE_RULE_TYPE_NET_PORT && info.port == 443,
	      "abi %d", abi);
	CHECK(info.outcome == (abi >= 4
				       ? LANDSCOPE_OUTCOME_APPLIED
				       : LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED),
	      "abi %d: port 443 outcome %#x", abi, info.outcome);
	CHECK(info.enforced == (abi >= 4 ? TCP_CONNECT : 0), "abi %d", abi);
	info = unit_rule(r, 4);
	CHECK(info.outcome == (abi >= 10
				       ? LANDSCOPE_OUTCOME_APPLIED
				       : LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED),
	      "abi %d: port 53 outcome %#x", abi, info.outcome);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* As root (CAP_SYS_ADMIN) and as an unprivileged user. */
static void test_abi_matrix(void **state)
{
	int abi;

	(void)state;
	for (abi = 1; abi <= 12; abi++) {
		check_typical(abi, true);
		check_typical(abi, false);
	}
}

static void test_unavailable(void **state)
{
	int kind, level;

	(void)state;
	for (kind = 0; kind < 2; kind++) {
		for (level = 0; level <= 2; level++) {
			struct landscope_ruleset *rs;
			struct landscope_report *r = NULL;
			int ret;

			unit_restart();
			if (kind)
				mock_kernel_disabled();
			else
				mock_kernel_abi(0);
			unit_probe();
			rs = typical(level);
			ret = landscope_ruleset_restrict_self(rs, 0, &r);
			CHECK(ret == (level == 2 ? -EOPNOTSUPP : 0),
			      "kind %d level %d: %d", kind, level, ret);
			CHECK(CALLS(CREATE_RULESET) == 0, "level %d", level);
			untouched();
			CHECK(r != NULL, "kind %d level %d", kind, level);
			CHECK(landscope_report_status(r) ==
				      LANDSCOPE_NOT_ENFORCED,
			      "level %d", level);
			CHECK(landscope_report_abi(r) == 0, "level %d", level);
			CHECK(unit_requested(r, LANDSCOPE_CATEGORY_FS) ==
				      FS_ALL,
			      "level %d", level);
			CHECK(unit_enforced(r, LANDSCOPE_CATEGORY_FS) == 0,
			      "level %d", level);
			CHECK(!(unit_rule(r, 0).outcome &
				LANDSCOPE_OUTCOME_APPLIED),
			      "level %d", level);
			landscope_report_free(r);
			landscope_ruleset_free(rs);
		}
	}
}

/* Soft: all or nothing, never an error. */
static void test_soft(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;

	(void)state;
	mock_kernel_abi(3);
	unit_probe();
	rs = typical(LANDSCOPE_COMPAT_SOFT_REQUIREMENT);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	untouched();
	assert_int_equal(landscope_report_status(r), LANDSCOPE_NOT_ENFORCED);
	assert_int_equal(unit_enforced(r, LANDSCOPE_CATEGORY_FS), 0);
	assert_int_equal(unit_requested(r, LANDSCOPE_CATEGORY_NET), NET_ALL);
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	unit_restart();
	rs = typical(LANDSCOPE_COMPAT_SOFT_REQUIREMENT);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	assert_int_equal(mock.nr_layers, 1);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* Hard: fails before any syscall that changes the process. */
static void test_hard(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;

	(void)state;
	mock_kernel_abi(3);
	unit_probe();
	rs = typical(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r),
			 -EOPNOTSUPP);
	assert_int_equal(CALLS(CREATE_RULESET), 0);
	untouched();
	/* The report is there, and says nothing was enforced. */
	assert_non_null(r);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_NOT_ENFORCED);
	assert_int_equal(unit_enforced(r, LANDSCOPE_CATEGORY_FS), 0);
	assert_int_equal(unit_enforced(r, LANDSCOPE_CATEGORY_NET), 0);
	assert_false(unit_rule(r, 0).outcome & LANDSCOPE_OUTCOME_APPLIED);
	landscope_report_free(r);
	/* No report asked for. */
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL),
			 -EOPNOTSUPP);
	untouched();
	landscope_ruleset_free(rs);

	unit_restart();
	mock_kernel_abi(10);
	rs = typical(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	assert_int_equal(mock.nr_layers, 1);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

static struct landscope_ruleset *refer_policy(unsigned int compat_flags,
					      bool grant)
{
	struct landscope_ruleset *rs = unit_ruleset(0);

	assert_int_equal(
		landscope_ruleset_set_compat_level(rs, 0, compat_flags), 0);
	assert_int_equal(landscope_ruleset_add_handled(rs,
						       LANDSCOPE_CATEGORY_FS,
						       REFER | RO | MAKE_REG),
			 0);
	assert_int_equal(landscope_ruleset_add_path(
				 rs, "/tmp",
				 (grant ? REFER : 0) | RO | MAKE_REG, 0),
			 0);
	return rs;
}

/* ABI 1 always denies REFER: enforce stricter, or skip, as asked. */
static void test_refer_abi1(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;
	struct mock_ruleset_attr attr;
	struct landscope_rule_info info;

	(void)state;
	mock_kernel_abi(1);
	rs = refer_policy(0, true);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_int_equal(landscope_report_status(r),
			 LANDSCOPE_PARTIALLY_ENFORCED);
	mock_last_ruleset(&attr);
	assert_int_equal(attr.handled_access_fs, RO | MAKE_REG);
	assert_int_equal(unit_path_rule(0).allowed_access, RO | MAKE_REG);
	info = unit_rule(r, 0);
	assert_int_equal(info.outcome,
			 LANDSCOPE_OUTCOME_APPLIED |
				 LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED);
	assert_int_equal(mock.nr_layers, 1);
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	/* The other choice: not enforced at all. */
	unit_restart();
	mock_kernel_abi(1);
	unit_probe();
	rs = refer_policy(LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1, true);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_NOT_ENFORCED);
	untouched();
	assert_false(unit_rule(r, 0).outcome & LANDSCOPE_OUTCOME_APPLIED);
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	/* REFER handled but granted nowhere: ABI 1 denies it as asked. */
	unit_restart();
	mock_kernel_abi(1);
	rs = refer_policy(LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1, false);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_int_not_equal(landscope_report_status(r),
			     LANDSCOPE_NOT_ENFORCED);
	assert_int_equal(mock.nr_layers, 1);
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	/* ABI 2 has REFER: the flag changes nothing. */
	unit_restart();
	mock_kernel_abi(2);
	rs = refer_policy(LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1, true);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	assert_int_equal(unit_path_rule(0).allowed_access,
			 REFER | RO | MAKE_REG);
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	/* Hard mode on ABI 1. */
	unit_restart();
	mock_kernel_abi(1);
	unit_probe();
	rs = refer_policy(0, true);
	assert_int_equal(landscope_ruleset_set_compat_level(
				 rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT, 0),
			 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL),
			 -EOPNOTSUPP);
	untouched();
	landscope_ruleset_free(rs);
}

static struct landscope_ruleset *ro_policy(int compat)
{
	struct landscope_ruleset *rs = unit_ruleset(compat);

	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RO),
		0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	return rs;
}

/* ALL_THREADS needs TSYNC (ABI 8). */
static void test_all_threads(void **state)
{
	const unsigned int all = LANDSCOPE_RESTRICT_ALL_THREADS;
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;

	(void)state;
	mock_kernel_abi(7);
	rs = ro_policy(0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, all, &r), 0);
	assert_int_equal(landscope_report_all_threads(r), 0);
	assert_int_equal(landscope_report_status(r),
			 LANDSCOPE_PARTIALLY_ENFORCED);
	assert_int_equal(unit_requested(r, FLAGS_CAT), all);
	assert_int_equal(unit_enforced(r, FLAGS_CAT), 0);
	assert_int_equal(mock_call_last(MOCK_RESTRICT_SELF)->flags, 0);
	assert_int_equal(mock.nr_layers, 1);
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	unit_restart();
	mock_kernel_abi(7);
	unit_probe();
	rs = ro_policy(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	assert_int_equal(landscope_ruleset_restrict_self(rs, all, &r),
			 -EOPNOTSUPP);
	assert_int_equal(CALLS(CREATE_RULESET), 0);
	untouched();
	assert_int_equal(landscope_report_all_threads(r), 0);
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	unit_restart();
	mock_kernel_abi(8);
	rs = ro_policy(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	assert_int_equal(landscope_ruleset_restrict_self(rs, all, &r), 0);
	assert_int_equal(landscope_report_all_threads(r), 1);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	assert_int_equal(unit_enforced(r, FLAGS_CAT), all);
	assert_int_equal(mock_call_last(MOCK_RESTRICT_SELF)->flags,
			 MOCK_RESTRICT_TSYNC);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

static void test_log_flags(void **state)
{
	const unsigned int log = LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF |
				 LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON |
				 LANDSCOPE_RESTRICT_LOG_SUBDOMAINS_OFF;
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;

	(void)state;
	mock_kernel_abi(6);
	rs = ro_policy(0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, log, &r), 0);
	assert_int_equal(mock_call_last(MOCK_RESTRICT_SELF)->flags, 0);
	assert_int_equal(unit_requested(r, FLAGS_CAT), log);
	assert_int_equal(unit_enforced(r, FLAGS_CAT), 0);
	assert_int_equal(landscope_report_status(r),
			 LANDSCOPE_PARTIALLY_ENFORCED);
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	unit_restart();
	mock_kernel_abi(7);
	rs = ro_policy(0);
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON, &r),
			 0);
	assert_int_equal(mock_call_last(MOCK_RESTRICT_SELF)->flags,
			 MOCK_RESTRICT_LOG_NEW_EXEC_ON);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* KEEP_PRIVS: neither prctl nor the ABI 11 flag. */
static void test_keep_privs(void **state)
{
	const unsigned int keep = LANDSCOPE_RESTRICT_KEEP_PRIVS;
	struct landscope_ruleset *rs;
	int abi;

	(void)state;
	for (abi = 6; abi <= 11; abi += 5) {
		unit_restart();
		mock_kernel_abi(abi);
		mock.cfg.cap_sys_admin = true;
		rs = ro_policy(0);
		CHECK(landscope_ruleset_restrict_self(rs, keep, NULL) == 0,
		      "abi %d", abi);
		CHECK(CALLS(SET_NNP) == 0 && !mock.nnp, "abi %d", abi);
		CHECK(mock_call_last(MOCK_RESTRICT_SELF)->flags == 0, "abi %d",
		      abi);
		CHECK(mock.nr_layers == 1, "abi %d", abi);
		landscope_ruleset_free(rs);

		/* Without CAP_SYS_ADMIN the kernel says EPERM. */
		unit_restart();
		mock_kernel_abi(abi);
		rs = ro_policy(0);
		CHECK(landscope_ruleset_restrict_self(rs, keep, NULL) == -EPERM,
		      "abi %d", abi);
		CHECK(mock.nr_layers == 0 && !mock.nnp, "abi %d", abi);
		CHECK(mock_open_fds() == 1, "abi %d", abi);
		landscope_ruleset_free(rs);
	}
}

static void test_dry_run(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;

	(void)state;
	unit_probe();
	rs = typical(0);
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_DRY_RUN, &r),
			 0);
	untouched();
	assert_int_equal(mock_open_fds(), NR_TYPICAL_PATHS);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	assert_int_equal(unit_enforced(r, LANDSCOPE_CATEGORY_FS), FS_ALL);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

static void test_bad_args(void **state)
{
	static const unsigned int bad[] = { 1U << 4, 1U << 5, 1U << 15,
					    1U << 19, 1U << 31 };
	struct landscope_ruleset *rs;
	struct landscope_report *r = (void *)1;
	size_t i;

	(void)state;
	unit_probe();
	assert_int_equal(landscope_ruleset_restrict_self(NULL, 0, &r), -EINVAL);
	assert_null(r);
	rs = typical(0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = (void *)1;
		CHECK(landscope_ruleset_restrict_self(rs, bad[i], &r) ==
			      -EINVAL,
		      "flag %#x", bad[i]);
		CHECK(r == NULL, "flag %#x", bad[i]);
	}
	assert_int_equal(CALLS(CREATE_RULESET), 0);
	untouched();
	landscope_ruleset_free(rs);
}

/* Nothing handled: -ENOMSG, whatever the rules. */
static void test_empty(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct landscope_report *r = NULL;

	(void)state;
	unit_probe();
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), -ENOMSG);
	/* The report says what is wrong, which strerror(ENOMSG) does not. */
	assert_non_null(r);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_NOT_ENFORCED);
	assert_string_equal(landscope_report_reason(r),
			    "nothing is handled: the ruleset restricts nothing "
			    "until landscope_ruleset_add_handled() is called");
	landscope_report_free(r);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(landscope_ruleset_add_port(rs, 80, TCP_CONNECT, 0), 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), -ENOMSG);
	assert_int_equal(
		landscope_ruleset_add_quiet(rs, LANDSCOPE_CATEGORY_FS, RF), 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), -ENOMSG);
	assert_int_equal(CALLS(CREATE_RULESET), 0);
	untouched();
	landscope_ruleset_free(rs);
}

/* Rights a rule grants but the ruleset does not handle never reach it. */
static void test_unhandled_rule_rights(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct landscope_report *r = NULL;
	struct landscope_rule_info info;

	(void)state;
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RF),
		0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/tmp", RD, 0), 0);
	assert_int_equal(landscope_ruleset_add_port(rs, 80, TCP_CONNECT, 0), 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	/* Only the first rule has anything handled left. */
	assert_int_equal(CALLS(ADD_RULE), 1);
	assert_int_equal(unit_path_rule(0).allowed_access, RF);
	info = unit_rule(r, 0);
	assert_int_equal(info.outcome,
			 LANDSCOPE_OUTCOME_APPLIED |
				 LANDSCOPE_OUTCOME_DROPPED_UNHANDLED);
	assert_int_equal(info.enforced, RF);
	info = unit_rule(r, 1);
	assert_int_equal(info.outcome, LANDSCOPE_OUTCOME_DROPPED_UNHANDLED);
	assert_int_equal(info.enforced, 0);
	info = unit_rule(r, 2);
	assert_int_equal(info.outcome, LANDSCOPE_OUTCOME_DROPPED_UNHANDLED);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* The kernel structures, byte by byte (little-endian x86_64). */
static void test_attr_layout(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	const struct mock_call *c;
	int fd;

	(void)state;
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RF),
		0);
	assert_int_equal(landscope_ruleset_add_handled(
				 rs, LANDSCOPE_CATEGORY_NET, TCP_CONNECT),
			 0);
	assert_int_equal(landscope_ruleset_add_handled(rs,
						       LANDSCOPE_CATEGORY_SCOPE,
						       LANDSCOPE_SCOPE_SIGNAL),
			 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RF, 0), 0);
	assert_int_equal(landscope_ruleset_add_port(rs, 0x1234, TCP_CONNECT, 0),
			 0);
	fd = path_fd("/usr");
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), 0);

	c = mock_call_last(MOCK_CREATE_RULESET);
	assert_true(c->size >= 24);
	assert_int_equal(c->attr[0], RF); /* handled_access_fs */
	assert_int_equal(c->attr[8], TCP_CONNECT); /* handled_access_net */
	assert_int_equal(c->attr[16], LANDSCOPE_SCOPE_SIGNAL); /* scoped */

	c = mock_call_nth(MOCK_ADD_RULE, 0);
	assert_int_equal(c->rule_type, 1);
	assert_int_equal(c->attr[0], RF);
	/* parent_fd at offset 8, packed: no padding before it. */
	assert_int_equal(c->attr[8] | c->attr[9] << 8, fd);
	c = mock_call_nth(MOCK_ADD_RULE, 1);
	assert_int_equal(c->rule_type, 2);
	assert_int_equal(c->attr[0], TCP_CONNECT);
	assert_int_equal(c->attr[8], 0x34); /* port, host order */
	assert_int_equal(c->attr[9], 0x12);
	landscope_ruleset_free(rs);
}

/* Failures of every Landlock syscall during enforcement. */
struct failure {
	enum mock_sys sys;
	int err;
};

static const struct failure failures[] = {
	{ MOCK_CREATE_RULESET, ENOMEM }, { MOCK_CREATE_RULESET, EMFILE },
	{ MOCK_CREATE_RULESET, ENFILE }, { MOCK_ADD_RULE, ENOMEM },
	{ MOCK_ADD_RULE, EBADF },	 { MOCK_ADD_RULE, EBADFD },
	{ MOCK_ADD_RULE, EAFNOSUPPORT }, { MOCK_ADD_RULE, EPERM },
	{ MOCK_SET_NNP, EPERM },	 { MOCK_RESTRICT_SELF, E2BIG },
	{ MOCK_RESTRICT_SELF, EPERM },	 { MOCK_RESTRICT_SELF, ENOMEM },
	{ MOCK_RESTRICT_SELF, EBADF },	 { MOCK_RESTRICT_SELF, EBADFD },
};

static void check_failure(int abi, const struct failure *f, unsigned int nth)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;
	unsigned int i;
	int ret;

	unit_restart();
	mock_kernel_abi(abi);
	mock.cfg.cap_sys_admin = true;
	unit_probe();
	rs = typical(0);
	mock_fail(f->sys, nth, f->err);
	ret = landscope_ruleset_restrict_self(rs, 0, &r);
	CHECK(ret == -f->err, "abi %d sys %d err %d nth %u: got %d", abi,
	      f->sys, f->err, nth, ret);
	CHECK(mock.nr_layers == 0, "abi %d sys %d", abi, f->sys);
	/* no_new_privs only once the ruleset is complete. */
	if (f->sys == MOCK_CREATE_RULESET || f->sys == MOCK_ADD_RULE)
		CHECK(!mock.nnp && CALLS(SET_NNP) == 0, "abi %d sys %d", abi,
		      f->sys);
	if (f->sys != MOCK_RESTRICT_SELF)
		CHECK(CALLS(RESTRICT_SELF) == 0, "abi %d sys %d", abi, f->sys);
	CHECK(mock_open_fds() == NR_TYPICAL_PATHS, "abi %d sys %d: %u fds", abi,
	      f->sys, mock_open_fds());
	CHECK(r != NULL, "abi %d sys %d: no report", abi, f->sys);
	CHECK(landscope_report_status(r) == LANDSCOPE_NOT_ENFORCED,
	      "abi %d sys %d", abi, f->sys);
	for (i = 0; i < 4; i++)
		CHECK(unit_enforced(r, (int)i) == 0, "abi %d sys %d", abi,
		      f->sys);
	for (i = 0; i < (unsigned int)landscope_report_rule_count(r); i++)
		CHECK(!(unit_rule(r, i).outcome & LANDSCOPE_OUTCOME_APPLIED),
		      "abi %d sys %d rule %u", abi, f->sys, i);
	landscope_report_free(r);

	/* The same ruleset enforces once the kernel cooperates again. */
	mock_fail_clear();
	CHECK(landscope_ruleset_restrict_self(rs, 0, NULL) == 0,
	      "abi %d sys %d: retry", abi, f->sys);
	CHECK(mock.nr_layers == 1, "abi %d sys %d", abi, f->sys);
	landscope_ruleset_free(rs);
}

static void test_syscall_failures(void **state)
{
	static const int abis[] = { 4, 6, 10, 11 };
	size_t a, i;
	unsigned int nth;

	(void)state;
	for (a = 0; a < sizeof(abis) / sizeof(abis[0]); a++) {
		for (i = 0; i < sizeof(failures) / sizeof(failures[0]); i++) {
			const struct failure *f = &failures[i];
			unsigned int last = f->sys == MOCK_ADD_RULE ? 4 : 1;

			/* ABI 11 sets no_new_privs with a flag. */
			if (f->sys == MOCK_SET_NNP && abis[a] >= 11)
				continue;
			for (nth = 1; nth <= last; nth++)
				check_failure(abis[a], f, nth);
		}
	}
}

/* close() failing on the ruleset fd: no retry, no double close. */
static void test_close_fails(void **state)
{
	struct landscope_ruleset *rs;

	(void)state;
	unit_probe();
	rs = typical(0);
	mock_fail(MOCK_CLOSE, 1, EINTR);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), 0);
	assert_int_equal(mock.nr_layers, 1);
	assert_int_equal(CALLS(CLOSE), 1);
	assert_int_equal(mock_open_fds(), NR_TYPICAL_PATHS);
	landscope_ruleset_free(rs);
}

/* No fd left for the ruleset itself. */
static void test_emfile_ruleset(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;

	(void)state;
	unit_probe();
	rs = typical(0);
	mock.cfg.max_fds = NR_TYPICAL_PATHS;
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), -EMFILE);
	untouched();
	assert_int_equal(landscope_report_status(r), LANDSCOPE_NOT_ENFORCED);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* A ruleset can be enforced again, up to the kernel's 16 layers. */
static void test_layers(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;
	int i;

	(void)state;
	rs = ro_policy(0);
	for (i = 0; i < 16; i++)
		CHECK(landscope_ruleset_restrict_self(rs, 0, NULL) == 0,
		      "layer %d", i);
	assert_int_equal(mock.nr_layers, 16);
	assert_int_equal(mock_open_fds(), 1);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), -E2BIG);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_NOT_ENFORCED);
	assert_int_equal(mock_open_fds(), 1);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* Quiet sets and rules: ABI 10 only, dropped before, never an error. */
static void test_quiet(void **state)
{
	struct landscope_ruleset *rs;
	struct mock_ruleset_attr attr;
	size_t size;
	int abi;

	(void)state;
	for (abi = 9; abi <= 10; abi++) {
		unit_restart();
		mock_kernel_abi(abi);
		rs = unit_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
		assert_int_equal(landscope_ruleset_add_handled(
					 rs, LANDSCOPE_CATEGORY_FS, RF | WF),
				 0);
		assert_int_equal(landscope_ruleset_add_quiet(
					 rs, LANDSCOPE_CATEGORY_FS, RO),
				 0);
		assert_int_equal(
			landscope_ruleset_add_path(rs, "/usr", RF,
						   LANDSCOPE_ADD_RULE_QUIET),
			0);
		CHECK(landscope_ruleset_restrict_self(rs, 0, NULL) == 0,
		      "abi %d", abi);
		size = mock_last_ruleset(&attr);
		check_size(size, &attr);
		/* Only what is handled may be quiet. */
		CHECK(attr.quiet_access_fs == (abi >= 10 ? RF : 0),
		      "abi %d: quiet %#llx", abi,
		      (unsigned long long)attr.quiet_access_fs);
		CHECK(mock_call_last(MOCK_ADD_RULE)->flags ==
			      (abi >= 10 ? MOCK_ADD_RULE_QUIET : 0),
		      "abi %d", abi);
		CHECK(mock.nr_layers == 1, "abi %d", abi);
		landscope_ruleset_free(rs);
	}
}

static struct landscope_ruleset *scope_policy(uint64_t scopes)
{
	struct landscope_ruleset *rs = unit_ruleset(0);

	assert_int_equal(landscope_ruleset_add_handled(
				 rs, LANDSCOPE_CATEGORY_SCOPE, scopes),
			 0);
	return rs;
}

/* The pathname scope: companion bit, else FS_RESOLVE_UNIX, else dropped. */
static void test_pathname_scope(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;
	struct mock_ruleset_attr attr;

	(void)state;
	/* ABI 9: handled FS_RESOLVE_UNIX, granted by no rule. */
	mock_kernel_abi(9);
	rs = scope_policy(PATHNAME_SCOPE);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RF),
		0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/tmp", RF, 0), 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	mock_last_ruleset(&attr);
	assert_int_equal(attr.handled_access_fs, RF | RESOLVE_UNIX);
	assert_int_equal(attr.scoped, 0);
	assert_int_equal(unit_path_rule(0).allowed_access, RF);
	assert_int_equal(unit_enforced(r, LANDSCOPE_CATEGORY_SCOPE),
			 PATHNAME_SCOPE);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	/*
	 * A rule granting RESOLVE_UNIX lets the domain reach the sockets
	 * beneath it: the scope is then not enforced, and hard mode says so.
	 */
	unit_restart();
	mock_kernel_abi(9);
	rs = scope_policy(PATHNAME_SCOPE);
	assert_int_equal(landscope_ruleset_add_handled(
				 rs, LANDSCOPE_CATEGORY_FS, RF | RESOLVE_UNIX),
			 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/tmp",
						    RF | RESOLVE_UNIX, 0),
			 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	mock_last_ruleset(&attr);
	assert_int_equal(attr.handled_access_fs, RF | RESOLVE_UNIX);
	assert_int_equal(unit_path_rule(0).allowed_access, RF | RESOLVE_UNIX);
	assert_int_equal(unit_enforced(r, LANDSCOPE_CATEGORY_SCOPE), 0);
	assert_int_equal(landscope_report_status(r),
			 LANDSCOPE_PARTIALLY_ENFORCED);
	landscope_report_free(r);
	r = NULL;
	assert_int_equal(landscope_ruleset_set_compat_level(
				 rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT, 0),
			 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r),
			 -EOPNOTSUPP);
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	/* The scope alone is a valid policy there. */
	unit_restart();
	mock_kernel_abi(9);
	rs = scope_policy(PATHNAME_SCOPE);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), 0);
	mock_last_ruleset(&attr);
	assert_int_equal(attr.handled_access_fs, RESOLVE_UNIX);
	assert_int_equal(mock.nr_layers, 1);
	landscope_ruleset_free(rs);

	/* Patched 6.12: the real scope bits. */
	unit_restart();
	mock_kernel_abi(6);
	mock.cfg.scoped = LANDSCOPE_SCOPE_ALL;
	rs = scope_policy(LANDSCOPE_SCOPE_ALL);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	mock_last_ruleset(&attr);
	assert_int_equal(attr.scoped, LANDSCOPE_SCOPE_ALL);
	assert_int_equal(attr.handled_access_fs, 0);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	/* ABI 8, no companion bit, no RESOLVE_UNIX: nothing to enforce. */
	unit_restart();
	mock_kernel_abi(8);
	unit_probe();
	rs = scope_policy(PATHNAME_SCOPE);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_NOT_ENFORCED);
	assert_int_equal(CALLS(CREATE_RULESET), 0);
	untouched();
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	/* A kernel newer than the library: bits 2-4 are not trusted. */
	unit_restart();
	mock_kernel_abi(12);
	mock.cfg.scoped = 0xff;
	rs = scope_policy(LANDSCOPE_SCOPE_ALL);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	mock_last_ruleset(&attr);
	assert_int_equal(attr.scoped, UPSTREAM_SCOPES);
	assert_int_equal(attr.handled_access_fs, RESOLVE_UNIX);
	assert_int_equal(unit_enforced(r, LANDSCOPE_CATEGORY_SCOPE),
			 UPSTREAM_SCOPES | PATHNAME_SCOPE);
	assert_int_equal(landscope_report_status(r),
			 LANDSCOPE_PARTIALLY_ENFORCED);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* ABI 3 with TCP backported: the net rules are used. */
static void test_backported_net(void **state)
{
	struct landscope_ruleset *rs;
	struct mock_ruleset_attr attr;
	size_t size;

	(void)state;
	mock_kernel_abi(3);
	mock.cfg.attr_size = 16;
	mock.cfg.access_net = 0x3;
	mock.cfg.net_rules = true;
	rs = typical(0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), 0);
	size = mock_last_ruleset(&attr);
	check_size(size, &attr);
	assert_int_equal(attr.handled_access_net, 0x3);
	assert_int_equal(CALLS(ADD_RULE), NR_TYPICAL_PATHS + 1);
	assert_int_equal(unit_port_rule(3).port, 443);
	landscope_ruleset_free(rs);
}

/* LANDSCOPE_SIMULATE_ABI=3 on an ABI 11 kernel. */
static void test_simulate_abi(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;
	struct mock_ruleset_attr attr;

	(void)state;
	setenv("LANDSCOPE_SIMULATE_ABI", "3", 1);
	rs = typical(0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	mock_last_ruleset(&attr);
	assert_int_equal(attr.handled_access_fs,
			 landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, 3));
	assert_int_equal(attr.handled_access_net, 0);
	assert_int_equal(attr.scoped, 0);
	assert_int_equal(CALLS(ADD_RULE), NR_TYPICAL_PATHS);
	/* No ABI 11 flag: prctl. */
	assert_int_equal(CALLS(SET_NNP), 1);
	assert_int_equal(mock_call_last(MOCK_RESTRICT_SELF)->flags, 0);
	assert_int_equal(landscope_report_abi(r), 3);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_abi_matrix),
		UNIT_TEST(test_unavailable),
		UNIT_TEST(test_soft),
		UNIT_TEST(test_hard),
		UNIT_TEST(test_refer_abi1),
		UNIT_TEST(test_all_threads),
		UNIT_TEST(test_log_flags),
		UNIT_TEST(test_keep_privs),
		UNIT_TEST(test_dry_run),
		UNIT_TEST(test_bad_args),
		UNIT_TEST(test_empty),
		UNIT_TEST(test_unhandled_rule_rights),
		UNIT_TEST(test_attr_layout),
		UNIT_TEST(test_syscall_failures),
		UNIT_TEST(test_close_fails),
		UNIT_TEST(test_emfile_ruleset),
		UNIT_TEST(test_layers),
		UNIT_TEST(test_quiet),
		UNIT_TEST(test_pathname_scope),
		UNIT_TEST(test_backported_net),
		UNIT_TEST(test_simulate_abi),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
