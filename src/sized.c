// SPDX-License-Identifier: MIT
/*
 * Size-versioned output structures.  A caller built against an older
 * header passes a smaller .sz, one built against a newer header a larger
 * one: fill what both know, and never write past .sz.
 */
#include <string.h>

#include "internal.h"

void lsc_copy_sized(void *dst, uint64_t sz, const void *src, size_t size)
{
	size_t n = sz < size ? (size_t)sz : size;

	/* .sz is the first field of every such structure: keep the caller's. */
	memcpy((char *)dst + sizeof(uint64_t),
	       (const char *)src + sizeof(uint64_t), n - sizeof(uint64_t));
}
