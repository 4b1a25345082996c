/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_TOOLS_LANDSCOPE_RUN_CONFIG_H
#define LANDSCOPE_TOOLS_LANDSCOPE_RUN_CONFIG_H

#include <liblandscope/landscope.h>

/* --config-format: none, or the one format of every --config. */
enum config_format {
	CONFIG_FORMAT_BY_NAME,
	CONFIG_FORMAT_TOML,
	CONFIG_FORMAT_JSON,
};

/*
 * The ruleset of the policy files (or directories of them) @paths,
 * composed, and the restrict flags they ask for.  @format is the format
 * of every file (CONFIG_FORMAT_BY_NAME: each file's name says it); a
 * directory then reads only its files of that format.  Every message of the library is
 * printed to stderr, escaped, each line prefixed with "@prog: ".
 * Return 0 or a negative errno.
 */
int config_ruleset(const char *prog, const char *const *paths, unsigned int nr,
		   enum config_format format, struct landscope_ruleset **ret,
		   unsigned int *ret_flags);

#endif /* LANDSCOPE_TOOLS_LANDSCOPE_RUN_CONFIG_H */
