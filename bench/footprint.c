// SPDX-License-Identifier: MIT
/*
 * One policy, once, in a fresh process: its heap allocations and peak
 * resident set.  bench/run executes it under `strace` too, to list the
 * syscalls of the measured part, which lies between two getpid() calls.
 *
 * Usage: footprint MODE DIR PATHS PORTS
 *   MODE  none (the process alone, the RSS baseline), lib, lib-immediate,
 *         raw, raw-held (bench.h), or probe (the library's first
 *         landscope_features_get());
 *   DIR   holds the directories d0000 ... (bench/run makes them).
 * Prints one line: mode paths ports allocs peak_heap_bytes maxrss_kb
 * minor_faults peak_fds wall_us, tab-separated; peak_fds is the most fds
 * the run held at once (fd_count.c).  Exit status 77 without Landlock.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <liblandscope/landscope.h>

#include "alloc_count.h"
#include "bench.h"
#include "fd_count.h"

int main(int argc, char **argv)
{
	struct bench_policy p;
	struct alloc_count before, after;
	struct rusage ru;
	const char *mode;
	int err = 0, base, peak_fds;
	uint64_t t0, t1;

	if (argc != 5) {
		fprintf(stderr,
			"usage: %s none|lib|lib-immediate|raw|raw-held|probe "
			"DIR PATHS PORTS\n",
			argv[0]);
		return 2;
	}
	mode = argv[1];
	memset(&p, 0, sizeof(p));
	if (strcmp(mode, "none") && strcmp(mode, "probe")) {
		struct rlimit rl;

		/* As many fds as rules, before the library holds them. */
		if (!getrlimit(RLIMIT_NOFILE, &rl)) {
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_NOFILE, &rl);
		}
		err = bench_policy_init(&p, argv[2], atoi(argv[3]),
					atoi(argv[4]));
		if (err) {
			fprintf(stderr, "no usable Landlock: %s\n",
				strerror(-err));
			return 77;
		}
	}

	fd_count_reset();
	base = fd_count_held();
	before = alloc_count_take();
	t0 = bench_now_ns();
	bench_mark();
	if (!strcmp(mode, "probe")) {
		LANDSCOPE_INIT(landscope_features, f);

		err = landscope_features_get(&f);
	} else if (strcmp(mode, "none")) {
		err = bench_run(mode, &p);
	}
	bench_mark();
	t1 = bench_now_ns();
	after = alloc_count_take();
	peak_fds = fd_count_peak() - base;
	if (err) {
		fprintf(stderr, "%s: %s\n", mode, strerror(-err));
		return 1;
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("%s\t%d\t%d\t%llu\t%llu\t%ld\t%ld\t%d\t%llu\n", mode, p.nr_paths,
	       p.nr_ports, (unsigned long long)(after.calls - before.calls),
	       (unsigned long long)(after.peak > before.live
					    ? after.peak - before.live
					    : 0),
	       ru.ru_maxrss, ru.ru_minflt, peak_fds,
	       (unsigned long long)((t1 - t0) / 1000));
	return 0;
}
