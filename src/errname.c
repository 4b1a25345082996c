// SPDX-License-Identifier: MIT
/*
 * Errno names for the report.  strerrorname_np() is glibc 2.32's and not
 * musl's; the report only ever names the errnos the calls it describes can
 * return, so a short table of our own does.
 */
#include <errno.h>
#include <stddef.h>

#include "export.h"
#include "internal.h"

#define E(n)          \
	{             \
		n, #n \
	}

static const struct {
	int err;
	const char *name;
} names[] = {
	E(E2BIG),	    E(EACCES),		E(EAFNOSUPPORT),
	E(EBADF),	    E(EBADFD),		E(EBUSY),
	E(EFAULT),	    E(EINVAL),		E(EIO),
	E(ELOOP),	    E(EMFILE),		E(ENAMETOOLONG),
	E(ENFILE),	    E(ENOENT),		E(ENOMEM),
	E(ENOMSG),	    E(ENOSYS),		E(ENOTDIR),
	E(EOPNOTSUPP),	    E(EPERM),		E(ESRCH),
	E(ENXIO),	    E(ENODEV),		E(ESTALE),
	E(EOVERFLOW),	    E(ECHILD),		E(EEXIST),
	E(EPROTONOSUPPORT), E(ESOCKTNOSUPPORT),
};

const char *lsc_errno_name(int err)
{
	size_t i;

	if (err < 0)
		err = -err;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].name;
	return NULL;
}

LSC_EXPORT const char *landscope_errno_name(int err)
{
	LSC_KEEP_ERRNO;

	return lsc_errno_name(err);
}
