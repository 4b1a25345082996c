// SPDX-License-Identifier: MIT
#include <stddef.h>

#include "failalloc.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);

static unsigned int nr_allocs;
static unsigned int fail_at; /* 0: never */
static bool failed;

void failalloc_arm(unsigned int n)
{
	nr_allocs = 0;
	fail_at = n;
	failed = false;
}

void failalloc_disarm(void)
{
	fail_at = 0;
}

unsigned int failalloc_armed(void)
{
	return fail_at;
}

unsigned int failalloc_count(void)
{
	return nr_allocs;
}

bool failalloc_failed(void)
{
	return failed;
}

static bool fail_now(void)
{
	if (++nr_allocs != fail_at)
		return false;
	failed = true;
	return true;
}

void *__wrap_malloc(size_t size)
{
	return fail_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
	return fail_now() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s)
{
	return fail_now() ? NULL : __real_strdup(s);
}
