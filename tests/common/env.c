// SPDX-License-Identifier: MIT
/*
 * What a test program reads from its environment: the expectations the
 * kernel matrix sets, and the process's own no_new_privs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"

int env_int(const char *name, int def)
{
	const char *s = getenv(name);
	char *end;
	long v;

	if (!s || !*s)
		return def;
	v = strtol(s, &end, 10);
	if (*end || v < 0 || v > 1000)
		return -2;
	return (int)v;
}

int no_new_privs(void)
{
	char line[256];
	FILE *f;
	int ret = -1;

	f = fopen("/proc/self/status", "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "NoNewPrivs:", 11)) {
			ret = atoi(line + 11) ? 1 : 0;
			break;
		}
	}
	fclose(f);
	return ret;
}
