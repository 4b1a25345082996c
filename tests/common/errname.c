// SPDX-License-Identifier: MIT
/*
 * One errno-name table for every test program: glibc's own (2.32 and
 * later), which names every errno the kernel can give.
 */
#include <stdio.h>
#include <string.h>

#include "errname.h"

const char *errno_name(int err)
{
	static __thread char buf[32];
	const char *name;

	if (!err)
		return "0";
	name = strerrorname_np(err);
	if (name)
		return name;
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}
