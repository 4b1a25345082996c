// SPDX-License-Identifier: MIT
/*
 * The transport filter (issue 23) against the simulated kernel: when it
 * is installed, in which order, what the report says, and every way it
 * can fail.  The filter's own rules run in the kernel suite.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "unit.h"

#define TCP (LANDSCOPE_ACCESS_NET_BIND_TCP | LANDSCOPE_ACCESS_NET_CONNECT_TCP)
#define UDP \
	(LANDSCOPE_ACCESS_NET_BIND_UDP | LANDSCOPE_ACCESS_NET_CONNECT_SEND_UDP)
#define T(x) LANDSCOPE_TRANSPORT_##x
#if defined(__x86_64__) || defined(__i386__) || defined(__NR_socketcall)
#define BYPASSES (T(IO_URING) | T(SOCKETCALL))
#else
#define BYPASSES T(IO_URING)
#endif
#define PAST_TCP (T(MPTCP) | T(SCTP) | T(SMC) | T(DCCP) | BYPASSES)

/* Index of @c in the call log. */
static unsigned int idx(const struct mock_call *c)
{
	return (unsigned int)(c - mock.calls);
}

/* Restrict with @net handled at ABI @abi; the report in *@ret. */
static int restrict_net(int abi, uint64_t net, int compat, unsigned int flags,
			struct landscope_report **ret)
{
	struct landscope_ruleset *rs;
	int err;

	unit_restart();
	mock_kernel_abi(abi);
	unit_probe();
	rs = unit_ruleset(compat);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					      LANDSCOPE_ACCESS_FS_READ_FILE),
		0);
	if (net)
		assert_int_equal(landscope_ruleset_add_handled(
					 rs, LANDSCOPE_CATEGORY_NET, net),
				 0);
	err = landscope_ruleset_restrict_self(rs, flags, ret);
	landscope_ruleset_free(rs);
	return err;
}

static void transports(const struct landscope_report *r, uint32_t refused,
		       uint32_t open)
{
	uint32_t got_refused = ~0U, got_open = ~0U;

	assert_int_equal(
		landscope_report_transports(r, &got_refused, &got_open), 0);
	assert_int_equal(got_refused, refused);
	assert_int_equal(got_open, open);
}

/* What each ABI's network rights miss, and the filter's place. */
static void test_per_abi(void **state)
{
	struct landscope_report *r;
	int abi;

	(void)state;
	for (abi = 1; abi <= LANDSCOPE_ABI_LAST; abi++) {
		uint32_t want = abi >= 10  ? PAST_TCP | T(UDPLITE)
				: abi >= 4 ? PAST_TCP
					   : 0;
		const struct mock_call *nnp, *filter, *enter;

		r = NULL;
		CHECK(restrict_net(abi, TCP | UDP, 0, 0, &r) == 0, "abi %d",
		      abi);
		transports(r, want, 0);
		CHECK(landscope_report_status(r) ==
			      (abi >= 10 ? LANDSCOPE_FULLY_ENFORCED
					 : LANDSCOPE_PARTIALLY_ENFORCED),
		      "abi %d", abi);
		nnp = mock_call_last(MOCK_SET_NNP);
		filter = mock_call_last(MOCK_LOAD_FILTER);
		enter = mock_call_last(MOCK_RESTRICT_SELF);
		CHECK(enter && enter->ret == 0, "abi %d", abi);
		if (want) {
			/* prctl, even where the ABI 11 flag exists. */
			CHECK(nnp && filter && idx(nnp) < idx(filter) &&
				      idx(filter) < idx(enter) &&
				      mock.nr_filters == 1,
			      "abi %d", abi);
			CHECK(!(enter->flags & MOCK_RESTRICT_NO_NEW_PRIVS),
			      "abi %d", abi);
		} else {
			CHECK(!filter && mock.nr_filters == 0, "abi %d", abi);
		}
		landscope_report_free(r);
	}
}

/* Without network rights handled, nothing to close: the ABI 11 flag. */
static void test_fs_only(void **state)
{
	struct landscope_report *r = NULL;

	(void)state;
	assert_int_equal(restrict_net(11, 0, 0, 0, &r), 0);
	transports(r, 0, 0);
	assert_int_equal(CALLS(LOAD_FILTER), 0);
	assert_int_equal(CALLS(SET_NNP), 0);
	assert_int_equal(landscope_report_no_new_privs(r),
			 LANDSCOPE_NO_NEW_PRIVS_FLAG);
	landscope_report_free(r);

	/* UDP only: UDP-Lite and the ways around the filter. */
	assert_int_equal(restrict_net(10, UDP, 0, 0, &r), 0);
	transports(r, T(UDPLITE) | BYPASSES, 0);
	landscope_report_free(r);
}

static void test_opt_out(void **state)
{
	struct landscope_report *r = NULL;

	(void)state;
	assert_int_equal(
		restrict_net(11, TCP, 0,
			     LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS,
			     &r),
		0);
	transports(r, 0, PAST_TCP);
	assert_int_equal(CALLS(LOAD_FILTER), 0);
	/* The caller's choice, not a lack: hard mode does not fail. */
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	assert_int_equal(landscope_report_no_new_privs(r),
			 LANDSCOPE_NO_NEW_PRIVS_FLAG);
	landscope_report_free(r);
	assert_int_equal(
		restrict_net(11, TCP, LANDSCOPE_COMPAT_HARD_REQUIREMENT,
			     LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS,
			     &r),
		0);
	landscope_report_free(r);
}

static void test_dry_run(void **state)
{
	struct landscope_report *r = NULL;

	(void)state;
	assert_int_equal(
		restrict_net(4, TCP, 0, LANDSCOPE_RESTRICT_DRY_RUN, &r), 0);
	transports(r, PAST_TCP, 0);
	assert_int_equal(CALLS(LOAD_FILTER), 0);
	assert_int_equal(CALLS(RESTRICT_SELF), 0);
	landscope_report_free(r);
}

/* A filter that cannot be installed: nothing enforced, the reason says. */
static void test_load_fails(void **state)
{
	static const int errs[] = { EPERM, EACCES, EINVAL, ESRCH, ENOMEM };
	struct landscope_report *r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		char want[128];

		unit_restart();
		mock_fail(MOCK_LOAD_FILTER, 1, errs[i]);
		r = NULL;
		mock_kernel_abi(6);
		unit_probe();
		{
			struct landscope_ruleset *rs = unit_ruleset(0);

			assert_int_equal(landscope_ruleset_add_handled(
						 rs, LANDSCOPE_CATEGORY_NET,
						 TCP),
					 0);
			CHECK(landscope_ruleset_restrict_self(rs, 0, &r) ==
				      -errs[i],
			      "errno %d", errs[i]);
			landscope_ruleset_free(rs);
		}
		CHECK(CALLS(RESTRICT_SELF) == 0, "errno %d", errs[i]);
		CHECK(landscope_report_status(r) == LANDSCOPE_NOT_ENFORCED,
		      "errno %d", errs[i]);
		transports(r, 0, 0);
		snprintf(want, sizeof(want),
			 "the transport filter could not be installed: %s",
			 errs[i] == EPERM    ? "EPERM"
			 : errs[i] == EACCES ? "EACCES"
			 : errs[i] == EINVAL ? "EINVAL"
			 : errs[i] == ESRCH  ? "ESRCH"
					     : "ENOMEM");
		CHECK(!strcmp(landscope_report_reason(r), want), "%s",
		      landscope_report_reason(r));
		landscope_report_free(r);
		mock_fail_clear();
	}
}

/* KEEP_PRIVS: seccomp then needs CAP_SYS_ADMIN, as Landlock does. */
static void test_keep_privs(void **state)
{
	struct landscope_report *r = NULL;
	struct landscope_ruleset *rs;

	(void)state;
	mock_kernel_abi(4);
	unit_probe();
	rs = unit_ruleset(0);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET, TCP),
		0);
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_KEEP_PRIVS, &r),
			 -EACCES);
	assert_int_equal(CALLS(SET_NNP), 0);
	landscope_report_free(r);
	r = NULL;
	mock.cfg.cap_sys_admin = true;
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_KEEP_PRIVS, &r),
			 0);
	assert_int_equal(mock.nr_filters, 1);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* The printed line, for the filter and for the opt-out. */
static void test_print(void **state)
{
	struct landscope_report *r = NULL;
	char *text;

	(void)state;
	assert_int_equal(restrict_net(10, TCP | UDP, 0, 0, &r), 0);
	text = unit_printed(r);
	CHECK(strstr(text, "landscope:   transports: refused by seccomp "
			   "mptcp,sctp,smc,dccp,udplite,io_uring"),
	      "%s", text);
	free(text);
	landscope_report_free(r);

	assert_int_equal(
		restrict_net(4, TCP, 0,
			     LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS,
			     &r),
		0);
	text = unit_printed(r);
	CHECK(strstr(text, "landscope:   transports: left open "
			   "mptcp,sctp,smc,dccp,io_uring"),
	      "%s", text);
	CHECK(strstr(text, " (allow_unmediated_transports)\n"), "%s", text);
	free(text);
	landscope_report_free(r);
}

static void test_api(void **state)
{
	uint32_t u = 0, c = 0, bit;

	(void)state;
	assert_int_equal(landscope_report_transports(NULL, &u, &c), -EINVAL);
	assert_int_equal(landscope_transports_get(NULL, &c), -EINVAL);
	assert_null(landscope_transport_name(0));
	assert_null(landscope_transport_name(T(MPTCP) | T(SCTP)));
	assert_null(landscope_transport_name(T(ALL) + 1));
	for (bit = 1; bit & T(ALL); bit <<= 1)
		CHECK(landscope_transport_name(bit), "bit %#x", bit);
	assert_string_equal(landscope_transport_name(T(MPTCP)), "mptcp");

	mock_kernel_abi(3);
	assert_int_equal(landscope_transports_get(&u, &c), 0);
	assert_int_equal(u, 0);
	assert_int_equal(c, 0);
	unit_restart();
	mock_kernel_abi(10);
	assert_int_equal(landscope_transports_get(&u, NULL), 0);
	assert_int_equal(u, PAST_TCP | T(UDPLITE));
	unit_restart();
	mock_kernel_abi(11);
	mock_fail(MOCK_CREATE_RULESET, 0, EMFILE);
	assert_int_equal(landscope_transports_get(&u, &c), -EMFILE);
	mock_fail_clear();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_per_abi),    UNIT_TEST(test_fs_only),
		UNIT_TEST(test_opt_out),    UNIT_TEST(test_dry_run),
		UNIT_TEST(test_load_fails), UNIT_TEST(test_keep_privs),
		UNIT_TEST(test_print),	    UNIT_TEST(test_api),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
