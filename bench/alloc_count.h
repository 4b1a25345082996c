/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_BENCH_ALLOC_COUNT_H
#define LANDSCOPE_BENCH_ALLOC_COUNT_H

#include <stddef.h>
#include <stdint.h>

/* Heap use since the process started, by every library in it. */
struct alloc_count {
	uint64_t calls; /* malloc, calloc and realloc calls */
	uint64_t live; /* bytes allocated and not yet freed */
	uint64_t peak; /* the largest @live since the last reset */
};

/* The counts so far; resets the peak to the current live bytes. */
struct alloc_count alloc_count_take(void);

#endif /* LANDSCOPE_BENCH_ALLOC_COUNT_H */
