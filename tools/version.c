// SPDX-License-Identifier: MIT
/*
 * The tools' --version: the library can be newer than the headers the
 * program was built with (landscope_version()), and a bug report needs
 * both.
 */
#include <errno.h>
#include <stdio.h>

#include <liblandscope/landscope.h>

#include "version.h"

/* From meson (tools/meson.build); bench/ builds without it. */
#ifndef LANDSCOPE_PROJECT_VERSION
#define LANDSCOPE_PROJECT_VERSION "(unknown)"
#endif

int print_version(const char *prog)
{
	int v = landscope_version();

	printf("%s %s\nliblandscope %d.%d.%d (built with %d.%d.%d), Landlock "
	       "ABI up to %d\n",
	       prog, LANDSCOPE_PROJECT_VERSION, (v >> 16) & 0xff,
	       (v >> 8) & 0xff, v & 0xff, LANDSCOPE_VERSION_MAJOR,
	       LANDSCOPE_VERSION_MINOR, LANDSCOPE_VERSION_MICRO,
	       LANDSCOPE_ABI_LAST);
	return fflush(stdout) || ferror(stdout) ? -EIO : 0;
}
