/* SPDX-License-Identifier: MIT */
/*
 * A check that restricts must run in a forked child, or it would restrict
 * the test program itself: child_run() forks, runs @fn there and hands its
 * result back to the parent over a pipe.
 */
#ifndef LANDSCOPE_TEST_CHILD_H
#define LANDSCOPE_TEST_CHILD_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Run @fn(@arg, @res) in a forked child, which then sends the @size bytes
 * of @res back; the child may _exit() on its own instead when it cannot
 * go on.  True if @res was filled and the child exited 0.
 */
bool child_run(void (*fn)(const void *arg, void *res), const void *arg,
	       void *res, size_t size);

#endif /* LANDSCOPE_TEST_CHILD_H */
