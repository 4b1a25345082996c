// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Internal: lsc_probe_reset(), so that each case probes its own kernel. */
#include "probe.h"
#include "unit.h"

int unit_setup(void **state)
{
	(void)state;
	/* A caller's environment must not leak into the simulated ABI. */
	unsetenv("LANDSCOPE_SIMULATE_ABI");
	mock_kernel_reset();
	lsc_probe_reset();
	return 0;
}

int unit_teardown(void **state)
{
	(void)state;
	assert_int_equal(mock_open_fds(), 0);
	assert_int_equal(mock.bad_closes, 0);
	lsc_probe_reset();
	return 0;
}

void unit_restart(void)
{
	unit_teardown(NULL);
	unit_setup(NULL);
}

void unit_probe(void)
{
	LANDSCOPE_INIT(landscope_features, f);

	assert_int_equal(landscope_features_get(&f), 0);
	mock_log_clear();
}

struct landscope_ruleset *unit_ruleset(int compat)
{
	struct landscope_ruleset *rs = NULL;

	assert_int_equal(landscope_ruleset_new(&rs, 0), 0);
	assert_non_null(rs);
	assert_int_equal(landscope_ruleset_set_compat_level(rs, compat, 0), 0);
	return rs;
}

uint64_t unit_requested(const struct landscope_report *r, int category)
{
	uint64_t req = ~0ULL, enf = ~0ULL;

	assert_int_equal(landscope_report_category(r, category, &req, &enf), 0);
	return req;
}

uint64_t unit_enforced(const struct landscope_report *r, int category)
{
	uint64_t enf = ~0ULL;

	assert_int_equal(landscope_report_category(r, category, NULL, &enf), 0);
	return enf;
}

struct landscope_rule_info unit_rule(const struct landscope_report *r,
				     unsigned int index)
{
	LANDSCOPE_INIT(landscope_rule_info, info);

	assert_int_equal(landscope_report_rule(r, index, &info), 0);
	return info;
}

struct mock_path_beneath_attr unit_path_rule(unsigned int nth)
{
	const struct mock_call *c = mock_call_nth(MOCK_ADD_RULE, nth);
	struct mock_path_beneath_attr a;

	assert_non_null(c);
	assert_int_equal(c->rule_type, MOCK_RULE_PATH_BENEATH);
	memcpy(&a, c->attr, sizeof(a));
	return a;
}

struct mock_net_port_attr unit_port_rule(unsigned int nth)
{
	const struct mock_call *c = mock_call_nth(MOCK_ADD_RULE, nth);
	struct mock_net_port_attr a;

	assert_non_null(c);
	assert_int_equal(c->rule_type, MOCK_RULE_NET_PORT);
	memcpy(&a, c->attr, sizeof(a));
	return a;
}

char *unit_printed(const struct landscope_report *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(landscope_report_print(r, f), 0);
	fclose(f);
	return buf;
}
