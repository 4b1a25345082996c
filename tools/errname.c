// SPDX-License-Identifier: MIT
/*
 * Errno names for the tools' JSON and messages (errname.h).  A table
 * rather than glibc's strerrorname_np(): the tools also build on libcs
 * that lack it.
 */
#include <errno.h>
#include <stdio.h>

#include "errname.h"

const char *errno_name(int err)
{
	static char buf[32];

	switch (err) {
#define E(x)    \
	case x: \
		return #x
		E(ENOENT);
		E(EACCES);
		E(EPERM);
		E(ELOOP);
		E(ENOTDIR);
		E(ENAMETOOLONG);
		E(ENXIO);
		E(ENODEV);
		E(EIO);
		E(EBADF);
		E(EBADFD);
		E(EINVAL);
		E(ENOMEM);
		E(EMFILE);
		E(ENFILE);
		E(E2BIG);
		E(ENOMSG);
		E(EOPNOTSUPP);
		E(ENOSYS);
		E(EAFNOSUPPORT);
		E(ESTALE);
		E(EOVERFLOW);
#undef E
	}
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}
