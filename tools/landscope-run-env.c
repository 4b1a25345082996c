// SPDX-License-Identifier: MIT
/*
 * landscope-run --env, --clear-env: what the command's environment holds.
 *
 * landrun gives the command an empty environment unless --env passes a
 * variable.  landscope-run keeps the environment by default instead: it
 * is a drop-in for the kernel's sample, whose LL_* users expect the
 * command to see HOME, PATH, TERM..., and changing that would break them.
 * --clear-env gives landrun's behaviour.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "landscope-run-env.h"

int env_add(struct run_env *e, const char *item)
{
	size_t n = strcspn(item, "=");

	/* A name the shell could export: no "=" in it, not empty. */
	if (!n ||
	    strspn(item, "abcdefghijklmnopqrstuvwxyz"
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != n ||
	    (item[0] >= '0' && item[0] <= '9'))
		return -EINVAL;
	if (e->nr >= sizeof(e->items) / sizeof(e->items[0]))
		return -E2BIG;
	e->items[e->nr++] = item;
	return 0;
}

/* The index of NAME (@len bytes) in @env (@nr at most), or -1. */
static int find(char **env, size_t nr, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < nr && env[i]; i++)
		if (!strncmp(env[i], name, len) && env[i][len] == '=')
			return (int)i;
	return -1;
}

char **env_build(const struct run_env *e)
{
	size_t nr = 0, max = e->nr, i;
	char **env;

	if (!e->clear && !e->nr)
		return environ;
	if (!e->clear)
		while (environ[nr])
			nr++;
	max += nr;
	env = calloc(max + 1, sizeof(*env));
	if (!env)
		return NULL;
	if (nr)
		memcpy(env, environ, nr * sizeof(*env));
	for (i = 0; i < e->nr; i++) {
		const char *item = e->items[i];
		size_t len = strcspn(item, "=");
		int at = find(env, nr, item, len);
		char *val;

		if (item[len] == '=') {
			/* NAME=VALUE: set, replacing an earlier value. */
			val = (char *)item;
		} else {
			/* NAME: its current value, if it has one. */
			int from = find(environ, SIZE_MAX, item, len);

			if (from < 0 || at >= 0)
				continue;
			val = environ[from];
		}
		if (at >= 0)
			env[at] = val;
		else
			env[nr++] = val;
	}
	env[nr] = NULL;
	return env;
}
