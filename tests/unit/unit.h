/* SPDX-License-Identifier: MIT */
/*
 * Fixtures and helpers shared by the unit tests.  Each test starts from a
 * fresh simulated kernel (ABI 11) and an empty probe cache, and ends by
 * checking that every fd the simulated kernel handed out was closed once.
 */
#ifndef LANDSCOPE_UNIT_H
#define LANDSCOPE_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <liblandscope/landscope.h>

#include "mock_kernel.h"

/* cmocka fixtures. */
int unit_setup(void **state);
int unit_teardown(void **state);

/* Run both fixtures again inside one test (loops over ABIs). */
void unit_restart(void);

#define UNIT_TEST(f) \
	cmocka_unit_test_setup_teardown(f, unit_setup, unit_teardown)

/*
 * Upstream masks per ABI come from landscope_access_of_abi(), which
 * bits.c checks against literal numbers.
 */

/* Run the probe now, then forget the calls it made. */
void unit_probe(void);

/* A new ruleset at @compat level; fails the test on error. */
struct landscope_ruleset *unit_ruleset(int compat);

/* Report accessors that fail the test on error. */
uint64_t unit_requested(const struct landscope_report *r, int category);
uint64_t unit_enforced(const struct landscope_report *r, int category);
struct landscope_rule_info unit_rule(const struct landscope_report *r,
				     unsigned int index);

/* The printed report (landscope_report_print()), in a string to free. */
char *unit_printed(const struct landscope_report *r);

/* The n-th add_rule call's attrs, decoded. */
struct mock_path_beneath_attr unit_path_rule(unsigned int nth);
struct mock_net_port_attr unit_port_rule(unsigned int nth);

/* Number of calls to @sys since the last log clear. */
#define CALLS(sys) (mock.count[MOCK_##sys])

/* cmocka prints no context in loops: say which case failed. */
#define CHECK(cond, fmt, ...)                                                  \
	do {                                                                   \
		if (!(cond))                                                   \
			fail_msg("%s:%d: %s: " fmt, __FILE__, __LINE__, #cond, \
				 ##__VA_ARGS__);                               \
	} while (0)

#endif /* LANDSCOPE_UNIT_H */
