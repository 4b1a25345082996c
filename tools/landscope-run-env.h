/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_TOOLS_RUN_ENV_H
#define LANDSCOPE_TOOLS_RUN_ENV_H

#include <stdbool.h>

/*
 * The command's environment: landscope-run's own, unless --clear-env
 * empties it (landrun's default); --env NAME passes NAME's value
 * (meaningful with --clear-env), --env NAME=VALUE sets it.  Nothing here
 * changes what is enforced: only what the command sees.
 */
struct run_env {
	bool clear;
	const char *items[64];
	unsigned int nr;
};

/*
 * Add one --env argument: 0, -EINVAL for an empty name or one with a
 * character that is not a letter, digit or "_", -E2BIG past 64.
 */
int env_add(struct run_env *e, const char *item);

/*
 * The environment to execute the command with, NULL-terminated: environ
 * itself when nothing changes it, else an allocated array (the strings
 * are environ's and the items'); NULL without memory.
 */
char **env_build(const struct run_env *e);

#endif /* LANDSCOPE_TOOLS_RUN_ENV_H */
