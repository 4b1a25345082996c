/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_EXAMPLES_SANDBOXER_CONFIG_H
#define LANDSCOPE_EXAMPLES_SANDBOXER_CONFIG_H

#include <liblandscope/landscope.h>

/*
 * The ruleset of the policy files (or directories of them) @paths,
 * composed, and the restrict flags they ask for.  Every message of the
 * library is printed to stderr, each line prefixed with "@prog: ".
 * Return 0 or a negative errno.
 */
int config_ruleset(const char *prog, const char *const *paths, unsigned int nr,
		   struct landscope_ruleset **ret, unsigned int *ret_flags);

#endif /* LANDSCOPE_EXAMPLES_SANDBOXER_CONFIG_H */
