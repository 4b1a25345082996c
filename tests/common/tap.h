/* SPDX-License-Identifier: MIT */
/*
 * The TAP helpers of the test programs that do not run under CMocka (the
 * end-to-end programs, the guards, the benchmark's own tests).  They print TAP
 * (the format CMocka's CMOCKA_MESSAGE_OUTPUT=TAP gives) so that the kernel
 * matrix counts these programs' checks with the same parser as the kernel
 * suite's.  Only the process that calls tap_init() may print results:
 * children report to it over pipes.
 */
#ifndef LANDSCOPE_TEST_TAP_H
#define LANDSCOPE_TEST_TAP_H

#include <stdbool.h>

#include "env.h"
#include "errname.h"

void tap_init(void);
/* One check: "ok N - ..." or "not ok N - ...".  Returns @pass. */
bool tap_check(bool pass, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A check the kernel or the environment cannot show: "ok N # SKIP ...". */
void tap_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A comment line, "# ...". */
void tap_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the plan; return the exit status (1 if any check failed). */
int tap_done(void);

#endif /* LANDSCOPE_TEST_TAP_H */
