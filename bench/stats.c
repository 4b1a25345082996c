// SPDX-License-Identifier: MIT
#include <stdlib.h>
#include <string.h>

#include "stats.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Linear interpolation between the closest ranks of sorted @v. */
static double quantile(const uint64_t *v, int n, double q)
{
	double pos = q * (n - 1);
	int i = (int)pos;

	if (i >= n - 1)
		return (double)v[n - 1];
	return (double)v[i] + (pos - i) * ((double)v[i + 1] - (double)v[i]);
}

struct bench_stats bench_summarise(uint64_t *v, int n)
{
	struct bench_stats s;

	qsort(v, (size_t)n, sizeof(*v), cmp_u64);
	s.median = quantile(v, n, 0.5);
	s.p25 = quantile(v, n, 0.25);
	s.p75 = quantile(v, n, 0.75);
	return s;
}

static double median_of_copy(const uint64_t *v, int n)
{
	uint64_t *copy = malloc((size_t)n * sizeof(*copy));
	double m;

	if (!copy)
		abort();
	memcpy(copy, v, (size_t)n * sizeof(*copy));
	m = bench_summarise(copy, n).median;
	free(copy);
	return m;
}

void bench_ratio(const uint64_t *a, const uint64_t *b, int n, int blocks,
		 double *ratio, double *lo, double *hi)
{
	int i, len;

	*ratio = median_of_copy(a, n) / median_of_copy(b, n);
	*lo = *hi = *ratio;
	if (blocks < 2 || n / blocks < 3)
		return;
	len = n / blocks;
	for (i = 0; i < blocks; i++) {
		double r = median_of_copy(a + i * len, len) /
			   median_of_copy(b + i * len, len);

		if (r < *lo)
			*lo = r;
		if (r > *hi)
			*hi = r;
	}
}
