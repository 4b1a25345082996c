/* SPDX-License-Identifier: MIT */
/*
 * Shared by the libFuzzer targets of policy files (fuzz/README.md).  A
 * target may abort() only when a property of the library is broken: a
 * crash, a leak or undefined behaviour is found by the sanitizers.
 */
#ifndef LANDSCOPE_FUZZ_H
#define LANDSCOPE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <liblandscope/config.h>

/* The TOML or JSON text @data into a new configuration (or NULL). */
struct landscope_config *fuzz_parse(const uint8_t *data, size_t size,
				    unsigned int format, int *ret);

/*
 * Check what every call on @c must give: after a failure, a message of
 * lines that start with a name and hold no control character (a file
 * must not forge lines); after a success, "".
 */
void fuzz_check_message(const struct landscope_config *c, int err);

/*
 * Resolve @c into a canonical text of its policy (handled and quiet
 * sets, level, flags, every rule), or "error N"; to be freed.  NULL only
 * when out of memory.
 */
char *fuzz_policy(struct landscope_config *c);

#endif /* LANDSCOPE_FUZZ_H */
