// SPDX-License-Identifier: MIT
/*
 * The benchmark's statistics, on samples whose answers are known: a wrong
 * quantile or ratio would put a wrong figure in bench/README.md.
 */
#include <math.h>
#include <stdio.h>

#include "stats.h"
#include "tap.h"

static void check(const char *what, double got, double want)
{
	tap_check(fabs(got - want) <= 1e-9, "%s: %g (expected %g)", what, got,
		  want);
}

int main(void)
{
	uint64_t odd[] = { 5, 1, 4, 2, 3 };
	uint64_t even[] = { 40, 10, 30, 20 };
	uint64_t one[] = { 7 };
	uint64_t a[20], b[20];
	struct bench_stats s;
	double ratio, lo, hi;

	tap_init();
	int i;

	s = bench_summarise(odd, 5);
	check("median of 1..5", s.median, 3);
	check("first quartile of 1..5", s.p25, 2);
	check("third quartile of 1..5", s.p75, 4);
	s = bench_summarise(even, 4);
	check("median of 10..40", s.median, 25);
	check("first quartile of 10..40, interpolated", s.p25, 17.5);
	check("third quartile of 10..40, interpolated", s.p75, 32.5);
	s = bench_summarise(one, 1);
	check("one sample is its own median", s.median, 7);
	check("and its own quartiles", s.p25 + s.p75, 14);

	/* a is twice b, but the second half of the run drifted to 3x. */
	for (i = 0; i < 20; i++) {
		b[i] = 100 + i;
		a[i] = (i < 10 ? 2 : 3) * b[i];
	}
	bench_ratio(a, b, 20, 5, &ratio, &lo, &hi);
	check("ratio of the medians", ratio,
	      ((2.0 * 109 + 3.0 * 110) / 2) / ((109.0 + 110) / 2));
	check("lowest slice ratio", lo, 2);
	check("highest slice ratio", hi, 3);
	check("the samples keep their order", (double)a[19], 3 * 119);
	bench_ratio(a, b, 4, 5, &ratio, &lo, &hi);
	check("too few samples for slices: no range", hi - lo, 0);

	return tap_done();
}
