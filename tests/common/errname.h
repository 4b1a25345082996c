/* SPDX-License-Identifier: MIT */
/*
 * Errno names for the test programs' messages and outputs, so that a
 * failure names the errno ("EACCES") rather than its number.
 */
#ifndef LANDSCOPE_TEST_ERRNAME_H
#define LANDSCOPE_TEST_ERRNAME_H

/* "EACCES" for EACCES, "0" for 0, "errno N" for what glibc does not name. */
const char *errno_name(int err);

#endif /* LANDSCOPE_TEST_ERRNAME_H */
