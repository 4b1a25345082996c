// SPDX-License-Identifier: MIT
/*
 * Count heap allocations by replacing malloc for the whole process, as
 * glibc allows: the program defines malloc, free, calloc and realloc, and
 * the dynamic linker binds every library to them, glibc's own strdup
 * included.  They forward to glibc's allocator under its __libc_ names,
 * so memalign and friends, which are not replaced, still free correctly.
 *
 * Single-threaded use only: the counters are plain.  Not built with a
 * sanitizer, which replaces malloc itself.
 */
#include <malloc.h>
#include <stddef.h>

#include "alloc_count.h"

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t nmemb, size_t size);
void *__libc_realloc(void *ptr, size_t size);
void __libc_free(void *ptr);

static struct alloc_count counts;

static void *counted(void *p)
{
	if (p) {
		counts.live += malloc_usable_size(p);
		if (counts.live > counts.peak)
			counts.peak = counts.live;
	}
	return p;
}

void *malloc(size_t size)
{
	counts.calls++;
	return counted(__libc_malloc(size));
}

void *calloc(size_t nmemb, size_t size)
{
	counts.calls++;
	return counted(__libc_calloc(nmemb, size));
}

void *realloc(void *ptr, size_t size)
{
	size_t old = ptr ? malloc_usable_size(ptr) : 0;
	void *p;

	counts.calls++;
	p = __libc_realloc(ptr, size);
	if (!p && size)
		return NULL;
	counts.live -= old;
	return counted(p);
}

void free(void *ptr)
{
	if (ptr)
		counts.live -= malloc_usable_size(ptr);
	__libc_free(ptr);
}

struct alloc_count alloc_count_take(void)
{
	struct alloc_count ret = counts;

	counts.peak = counts.live;
	return ret;
}
