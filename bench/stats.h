/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_BENCH_STATS_H
#define LANDSCOPE_BENCH_STATS_H

#include <stdint.h>

/* Medians and quartiles: robust to the odd preempted sample. */
struct bench_stats {
	double median;
	double p25;
	double p75;
};

/* Sorts @v (in place) and summarises it; @n > 0. */
struct bench_stats bench_summarise(uint64_t *v, int n);

/*
 * The ratio of medians @a/@b, and its spread: the smallest and largest
 * ratio of the medians of @blocks consecutive slices of the samples, so a
 * drift during the run shows instead of averaging out.  Leaves @a and @b
 * in their original order.
 */
void bench_ratio(const uint64_t *a, const uint64_t *b, int n, int blocks,
		 double *ratio, double *lo, double *hi);

#endif /* LANDSCOPE_BENCH_STATS_H */
