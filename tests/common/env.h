/* SPDX-License-Identifier: MIT */
/* What a test program reads from its environment. */
#ifndef LANDSCOPE_TEST_ENV_H
#define LANDSCOPE_TEST_ENV_H

/*
 * Read an integer environment variable; @def if unset or empty, -2 if it
 * is not a number.
 */
int env_int(const char *name, int def);

/* 1 if /proc/self/status says NoNewPrivs is set, 0 if not, -1 unknown. */
int no_new_privs(void);

#endif /* LANDSCOPE_TEST_ENV_H */
