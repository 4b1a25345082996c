// SPDX-License-Identifier: MIT
/*
 * Time liblandscope against the raw Landlock syscalls, in the same run:
 *
 * - paths-N:  build and enforce a ruleset of N path-beneath rules on real
 *             directories (half read-exec, half read-write);
 * - ports-N:  the same with N TCP connect rules;
 * - probe:    the library's first landscope_features_get() against one
 *             CREATE_RULESET_VERSION syscall (all a raw caller asks);
 * - cached:   a later landscope_features_get() against that syscall;
 * - transport-filter: one TCP port rule enforced by the library with its
 *             seccomp filter for the transports the TCP rights miss (the
 *             default) against the same without it
 *             (LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS): what the
 *             filter costs at restriction time.
 *
 * A restriction cannot be undone, so every sample of the first three runs
 * in a fresh forked child and is timed inside it; the variants alternate,
 * in an order that rotates every iteration, so that drift and cache
 * effects fall on all of them.  The probe is cached per process: the
 * paths and ports samples inherit it from the parent (which also makes a
 * dry run, so that the library's data is in place), as every enforcement
 * after a process's first probe does; "probe" is what the first one
 * costs, and bench/run also times whole processes, where nothing is warm.
 *
 * Output, tab-separated, times in microseconds (bench/run formats it):
 *   time  CASE VARIANT REPS MEDIAN P25 P75 FAULTS
 *   ratio CASE lib/BASE REPS RATIO LO HI
 * where RATIO is the ratio of the medians, and LO and HI its extremes
 * over five consecutive slices of the run.  VARIANT is lib, raw, or
 * raw-held: the raw syscalls in the library's order (bench.h); FAULTS
 * the median count of minor page faults a sample took (0 for cached).
 * Case fault-64 calibrates: 64 copy-on-write faults (cow), 64 faults on
 * a file mapping (file), none (none).
 *
 * Usage: ruleset_bench [-n REPS] [-N 1,10,100,1000] [-P PORTS]
 * Exit status 77 (a skip) if the kernel has no usable Landlock.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#include "bench.h"
#include "stats.h"

#define MAX_SIZES 16
#define CACHED_BATCH 1000

typedef int (*bench_fn)(const struct bench_policy *p);

static int lib_enforce(const struct bench_policy *p)
{
	return bench_lib(p, 0);
}

static int lib_no_filter(const struct bench_policy *p)
{
	return bench_lib_flags(p, 0,
			       LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS);
}

static int lib_first_probe(const struct bench_policy *p)
{
	LANDSCOPE_INIT(landscope_features, f);

	(void)p;
	return landscope_features_get(&f);
}

static int raw_version(const struct bench_policy *p)
{
	(void)p;
	return syscall(SYS_landlock_create_ruleset, NULL, 0, 1) > 0 ? 0
								    : -errno;
}

/*
 * What one page fault costs here, to turn the fault counts into time: a
 * child writes to CALIB_PAGES pages of anonymous memory its parent touched
 * (copy-on-write), or reads as many pages of a file mapping (fork() does
 * not copy those page table entries: code and read-only data fault in
 * again), against a child that only reads the anonymous pages (no fault).
 */
#define CALIB_PAGES 64
static char *calib_anon, *calib_file;
static long page_size;

static int calib_none(const struct bench_policy *p)
{
	volatile char sum = 0;
	long i;

	(void)p;
	for (i = 0; i < CALIB_PAGES; i++)
		sum += calib_anon[i * page_size];
	return sum == 1; /* never: the pages hold zeros */
}

static int calib_cow(const struct bench_policy *p)
{
	long i;

	(void)p;
	for (i = 0; i < CALIB_PAGES; i++)
		((volatile char *)calib_anon)[i * page_size] = 1;
	return 0;
}

static int calib_file_read(const struct bench_policy *p)
{
	volatile char sum = 0;
	long i;

	(void)p;
	for (i = 0; i < CALIB_PAGES; i++)
		sum += calib_file[i * page_size];
	return sum == 1;
}

static int calib_setup(const char *dir)
{
	char path[4096];
	size_t len;
	int fd;

	page_size = sysconf(_SC_PAGESIZE);
	len = (size_t)(CALIB_PAGES * page_size);
	snprintf(path, sizeof(path), "%s/calibration", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || ftruncate(fd, (off_t)len))
		return -errno;
	calib_file = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	unlink(path);
	calib_anon = mmap(NULL, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (calib_file == MAP_FAILED || calib_anon == MAP_FAILED)
		return -errno;
	/* Fault everything in here, once. */
	memset(calib_anon, 0, len);
	calib_file_read(NULL);
	return 0;
}

static long minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/*
 * Run @fn in a fresh child: its time inside the child and the page faults
 * it took (outside the timed part), or a negative errno.
 */
static int64_t in_child(bench_fn fn, const struct bench_policy *p,
			uint64_t *faults)
{
	int64_t ret[2] = { -EIO, 0 };
	int pipefd[2], status;
	pid_t pid;

	if (pipe(pipefd))
		return -errno;
	pid = fork();
	if (pid < 0) {
		ret[0] = -errno;
		goto out;
	}
	if (pid == 0) {
		long f0 = minor_faults();
		uint64_t t0 = bench_now_ns();
		int err = fn(p);

		ret[0] = err ? err : (int64_t)(bench_now_ns() - t0);
		ret[1] = minor_faults() - f0;
		_exit(write(pipefd[1], ret, sizeof(ret)) == sizeof(ret) ? 0
									: 1);
	}
	if (read(pipefd[0], ret, sizeof(ret)) != sizeof(ret))
		ret[0] = -EIO;
	waitpid(pid, &status, 0);
	*faults = (uint64_t)ret[1];
out:
	close(pipefd[0]);
	close(pipefd[1]);
	return ret[0];
}

/* The variants of a case; the first is the one compared. */
struct variant {
	const char *name;
	bench_fn fn;
	uint64_t *samples;
	uint64_t *faults;
};

/* Ratios of the first variant to each other one, then every variant. */
static void print_case(const char *name, struct variant *v, int nr, int n)
{
	int k;

	/* Ratios first: summarising sorts the samples. */
	for (k = 1; k < nr; k++) {
		double ratio, lo, hi;

		bench_ratio(v[0].samples, v[k].samples, n, 5, &ratio, &lo, &hi);
		printf("ratio\t%s\t%s/%s\t%d\t%.3f\t%.3f\t%.3f\n", name,
		       v[0].name, v[k].name, n, ratio, lo, hi);
	}
	/* A fourth variant is another way of the library's: also to raw. */
	if (nr == 4) {
		double ratio, lo, hi;

		bench_ratio(v[3].samples, v[1].samples, n, 5, &ratio, &lo, &hi);
		printf("ratio\t%s\t%s/%s\t%d\t%.3f\t%.3f\t%.3f\n", name,
		       v[3].name, v[1].name, n, ratio, lo, hi);
	}
	for (k = 0; k < nr; k++) {
		struct bench_stats s = bench_summarise(v[k].samples, n);
		struct bench_stats f = bench_summarise(v[k].faults, n);

		printf("time\t%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.0f\n", name,
		       v[k].name, n, s.median / 1e3, s.p25 / 1e3, s.p75 / 1e3,
		       f.median);
	}
	fflush(stdout);
}

/*
 * Run the @nr variants in fresh children, @n times each, in an order that
 * rotates every iteration.  The first is compared with each of the others.
 */
static int run_case(const char *name, struct variant *v, int nr,
		    const struct bench_policy *p, int n)
{
	int64_t t;
	int i, j, k;

	/*
	 * A dry run in the parent: everything but the kernel ruleset, so that
	 * children do not pay for a first call (the program's own symbols are
	 * bound lazily) more than a process that enforces once does.
	 */
	if (p->dir)
		bench_lib(p, 1);
	for (i = 0; i < n; i++) {
		for (k = 0; k < nr; k++) {
			j = (i + k) % nr;
			t = in_child(v[j].fn, p, &v[j].faults[i]);
			if (t < 0) {
				fprintf(stderr, "%s/%s: sample %d failed: %s\n",
					name, v[j].name, i, strerror((int)-t));
				return (int)t;
			}
			v[j].samples[i] = (uint64_t)t;
		}
	}
	print_case(name, v, nr, n);
	return 0;
}

/*
 * A cached probe, in batches (one call takes about what the clock does);
 * printed like the others, in microseconds per call.
 */
static void run_cached(struct variant *v, int n)
{
	LANDSCOPE_INIT(landscope_features, f);
	uint64_t t0;
	int i, j;

	v[0].name = "lib";
	v[1].name = "raw";
	for (i = 0; i < n; i++) {
		t0 = bench_now_ns();
		for (j = 0; j < CACHED_BATCH; j++)
			landscope_features_get(&f);
		v[0].samples[i] = (bench_now_ns() - t0) / CACHED_BATCH;
		t0 = bench_now_ns();
		for (j = 0; j < CACHED_BATCH; j++)
			raw_version(NULL);
		v[1].samples[i] = (bench_now_ns() - t0) / CACHED_BATCH;
		v[0].faults[i] = v[1].faults[i] = 0;
	}
	print_case("cached", v, 2, n);
}

static int parse_sizes(char *arg, int *sizes)
{
	char *tok, *save = NULL;
	int n = 0;

	for (tok = strtok_r(arg, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		int v = atoi(tok);

		if (v < 1 || v > BENCH_MAX_PATHS || n == MAX_SIZES)
			return -1;
		sizes[n++] = v;
	}
	return n;
}

/* N path rules hold N fds until enforcement: make room for them. */
static void raise_nofile(int need)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur >= (rlim_t)need)
		return;
	rl.rlim_cur = rl.rlim_max < (rlim_t)need ? rl.rlim_max : (rlim_t)need;
	setrlimit(RLIMIT_NOFILE, &rl);
}

int main(int argc, char **argv)
{
	char tmpl[] = "/tmp/landscope-bench.XXXXXX";
	int sizes[MAX_SIZES] = { 1, 10, 100, 1000 };
	int nr_sizes = 4, reps = 200, nr_ports = 100, max = 0;
	const char *dir;
	struct variant v[4] = { { 0 } };
	struct bench_policy p;
	char name[32];
	int i, opt, err;

	while ((opt = getopt(argc, argv, "n:N:P:")) != -1) {
		switch (opt) {
		case 'n':
			reps = atoi(optarg);
			break;
		case 'N':
			nr_sizes = parse_sizes(optarg, sizes);
			break;
		case 'P':
			nr_ports = atoi(optarg);
			break;
		default:
			nr_sizes = -1;
		}
	}
	if (reps < 1 || nr_sizes < 0 || nr_ports < 0 || optind != argc) {
		fprintf(stderr,
			"usage: %s [-n REPS] [-N 1,10,100,1000] "
			"[-P PORTS]\n",
			argv[0]);
		return 2;
	}
	for (i = 0; i < 4; i++) {
		v[i].samples = calloc((size_t)reps, sizeof(uint64_t));
		v[i].faults = calloc((size_t)reps, sizeof(uint64_t));
		if (!v[i].samples || !v[i].faults)
			return 1;
	}

	/* The first probe, while this process has never probed. */
	memset(&p, 0, sizeof(p));
	v[0].name = "lib";
	v[0].fn = lib_first_probe;
	v[1].name = "raw";
	v[1].fn = raw_version;
	if (run_case("probe", v, 2, &p, reps)) {
		printf("# Landlock unavailable: skipped\n");
		return 77;
	}
	err = bench_policy_init(&p, "", 0, 0);
	if (err) {
		printf("# Landlock unavailable (%s): skipped\n",
		       strerror(-err));
		return 77;
	}
	run_cached(v, reps);

	for (i = 0; i < nr_sizes; i++)
		max = sizes[i] > max ? sizes[i] : max;
	dir = mkdtemp(tmpl);
	if (!dir) {
		perror("mkdtemp");
		return 1;
	}
	err = bench_make_tree(dir, max);
	if (err) {
		fprintf(stderr, "%s: %s\n", dir, strerror(-err));
		return 1;
	}
	raise_nofile(max + 64);

	err = calib_setup(dir);
	if (err) {
		fprintf(stderr, "calibration: %s\n", strerror(-err));
		return 1;
	}
	v[0].name = "cow";
	v[0].fn = calib_cow;
	v[1].name = "none";
	v[1].fn = calib_none;
	v[2].name = "file";
	v[2].fn = calib_file_read;
	memset(&p, 0, sizeof(p));
	err = run_case("fault-64", v, 3, &p, reps);
	v[0].name = "lib";
	v[1].name = "raw";

	v[0].fn = lib_enforce;
	v[1].fn = bench_raw;
	v[2].name = "raw-held";
	v[2].fn = bench_raw_held;
	/* 0.2's immediate mode: each rule to the kernel as it comes. */
	v[3].name = "lib-immediate";
	v[3].fn = bench_lib_immediate;
	for (i = 0; !err && i < nr_sizes; i++) {
		err = bench_policy_init(&p, dir, sizes[i], 0);
		snprintf(name, sizeof(name), "paths-%d", sizes[i]);
		if (!err)
			err = run_case(name, v, 4, &p, reps);
	}
	if (!err && nr_ports) {
		err = bench_policy_init(&p, dir, 0, nr_ports);
		snprintf(name, sizeof(name), "ports-%d", nr_ports);
		if (err == -EOPNOTSUPP)
			printf("# %s: no TCP rights (Landlock ABI < 4): "
			       "skipped\n",
			       name);
		/* No path, nothing held: the library's order is the raw one. */
		else if (!err)
			err = run_case(name, v, 2, &p, reps);
	}
	if (!err && nr_ports) {
		err = bench_policy_init(&p, dir, 0, 1);
		v[1].name = "lib-nofilter";
		v[1].fn = lib_no_filter;
		if (!err)
			err = run_case("transport-filter", v, 2, &p, reps);
	}
	if (err == -EOPNOTSUPP)
		err = 0;
	bench_remove_tree(dir, max);
	for (i = 0; i < 4; i++) {
		free(v[i].samples);
		free(v[i].faults);
	}
	return err ? 1 : 0;
}
