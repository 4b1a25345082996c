/* SPDX-License-Identifier: MIT */
/*
 * The benchmark's two ways of doing the same work: through liblandscope
 * and through the raw syscalls, in the minimal sequence a careful program
 * would write by hand.  Both handle the same rights, add the same rules and
 * restrict the calling process, so any difference is the library's.
 */
#ifndef LANDSCOPE_BENCH_H
#define LANDSCOPE_BENCH_H

#include <stddef.h>
#include <stdint.h>

#define BENCH_MAX_PATHS 100000

/* What one case does; the kernel's supported sets come from the probe. */
struct bench_policy {
	const char *dir; /* holds d0000 ... d<N-1>, made by bench_make_tree */
	int nr_paths;
	int nr_ports;
	uint64_t handled_fs;
	uint64_t handled_net;
};

/* Fill the handled sets from the library's probe; 0 or a negative errno. */
int bench_policy_init(struct bench_policy *p, const char *dir, int nr_paths,
		      int nr_ports);

/*
 * Build the ruleset and, unless @dry_run, restrict the calling process:
 * 0 or a negative errno.  Nothing is left open or allocated.
 */
int bench_lib(const struct bench_policy *p, int dry_run);
/* The same with landscope_ruleset_new() @flags (LANDSCOPE_RULESET_*). */
int bench_lib_mode(const struct bench_policy *p, int dry_run,
		   unsigned int flags);
/*
 * The same with landscope_ruleset_restrict_self() @restrict_flags too
 * (LANDSCOPE_RESTRICT_*; DRY_RUN means @dry_run).
 */
int bench_lib_flags(const struct bench_policy *p, unsigned int flags,
		    unsigned int restrict_flags);
/* LANDSCOPE_RULESET_IMMEDIATE: each rule to the kernel as it is added. */
int bench_lib_immediate(const struct bench_policy *p);
int bench_raw(const struct bench_policy *p);

/*
 * The raw syscalls in the library's order (paths held open from their
 * rule's addition to the end): what the library costs beyond its order.
 */
int bench_raw_held(const struct bench_policy *p);

/*
 * One of the above by name ("lib", "lib-immediate", "raw", "raw-held"),
 * enforcing.
 */
int bench_run(const char *variant, const struct bench_policy *p);

/* The first @n directories of a tree under @dir: 0 or a negative errno. */
int bench_make_tree(const char *dir, int n);
void bench_remove_tree(const char *dir, int n);

/* Markers around measured work, for `strace`: two getpid() calls. */
void bench_mark(void);

uint64_t bench_now_ns(void);

#endif /* LANDSCOPE_BENCH_H */
