/* SPDX-License-Identifier: MIT */
/*
 * Allocation failure injection for the alloc tests: malloc, calloc,
 * realloc and strdup are routed through failalloc.c by the linker
 * (failalloc_dep in meson.build passes the --wrap options), which counts
 * them and makes one of them fail, so that a session can be run once per
 * allocation it makes, with that allocation failing.
 */
#ifndef LANDSCOPE_TEST_FAILALLOC_H
#define LANDSCOPE_TEST_FAILALLOC_H

#include <stdbool.h>

/* Count allocations from 0 again; fail the @n-th from now (0: none). */
void failalloc_arm(unsigned int n);
/* No failure from now on; the count goes on. */
void failalloc_disarm(void);
/* The allocation armed to fail (0: none). */
unsigned int failalloc_armed(void);
/* Allocations since the last failalloc_arm(). */
unsigned int failalloc_count(void);
/* Whether the armed allocation has failed. */
bool failalloc_failed(void);

#endif /* LANDSCOPE_TEST_FAILALLOC_H */
