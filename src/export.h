/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_EXPORT_H
#define LANDSCOPE_EXPORT_H

/*
 * The library is built with hidden visibility; only functions marked here
 * and listed in liblandscope.map are part of the ABI.
 */
#define LSC_EXPORT __attribute__((visibility("default")))

#include <errno.h>

static inline void lsc_restore_errno(const int *saved)
{
	errno = *saved;
}

/*
 * The first line of every exported function: the header promises that
 * errno is left untouched, and libc calls inside (open, malloc, fprintf)
 * set it even on success.  The cleanup runs on every return path.
 */
#define LSC_KEEP_ERRNO             \
	const int lsc_saved_errno_ \
		__attribute__((cleanup(lsc_restore_errno), unused)) = errno

#endif /* LANDSCOPE_EXPORT_H */
