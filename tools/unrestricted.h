/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_TOOLS_UNRESTRICTED_H
#define LANDSCOPE_TOOLS_UNRESTRICTED_H

#include <liblandscope/landscope.h>

/*
 * What the running kernel supports in @category (fs, net or scope) that
 * the policy of @report does not handle: what it leaves unrestricted.
 * The same answer as the library's landscope_report_unrestricted(), to
 * come in 0.3 (issue 21, item 4); this file goes when it lands.
 */
uint64_t policy_unrestricted(const struct landscope_report *report,
			     int category);

#endif /* LANDSCOPE_TOOLS_UNRESTRICTED_H */
