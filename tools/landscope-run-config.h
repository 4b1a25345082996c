/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_TOOLS_LANDSCOPE_RUN_CONFIG_H
#define LANDSCOPE_TOOLS_LANDSCOPE_RUN_CONFIG_H

#include <liblandscope/landscope.h>

/*
 * The ruleset of the policy files (or directories of them) @paths,
 * composed, and the restrict flags they ask for.  @format is
 * LANDSCOPE_CONFIG_TOML or LANDSCOPE_CONFIG_JSON for every file, or 0
 * for each file's name to say it.  Every message of the library is
 * printed to stderr, escaped, each line prefixed with "@prog: ".
 * Return 0 or a negative errno.
 */
int config_ruleset(const char *prog, const char *const *paths, unsigned int nr,
		   unsigned int format, struct landscope_ruleset **ret,
		   unsigned int *ret_flags);

#endif /* LANDSCOPE_TOOLS_LANDSCOPE_RUN_CONFIG_H */
