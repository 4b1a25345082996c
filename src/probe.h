/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_PROBE_H
#define LANDSCOPE_PROBE_H

#include <stdint.h>

#include "bits.h"

/* What the kernel supports, found once per process. */
struct lsc_probe {
	int abi; /* clamped to LANDSCOPE_ABI_LAST, 0 if unusable */
	int kernel_abi; /* as reported, 0 if unusable */
	/*
	 * 0; -ENOSYS: not built in; -EOPNOTSUPP: disabled at boot; -EPERM:
	 * blocked, the syscall refused by a seccomp filter or an LSM with
	 * @blocked_err (EPERM, EACCES, EINVAL...), which a kernel with or
	 * without Landlock never answers to the version query.
	 */
	int unavailable;
	int blocked_err;
	uint64_t errata;
	/*
	 * Supported bits by enum landscope_category.  FLAGS holds the
	 * kernel's LANDLOCK_RESTRICT_SELF_* flags: the library's own values
	 * for the first four, and the kernel's NO_NEW_PRIVS bit.
	 */
	uint64_t access[LSC_NR_CATEGORIES];
	uint32_t add_rule_flags; /* kernel LANDLOCK_ADD_RULE_* */
	int quiet; /* quiet_* attr fields accepted */
	/*
	 * Test builds only (-Dtest_hooks=true): LANDSCOPE_SIMULATE_ABI=N
	 * took effect, as N + 1; 0 otherwise.
	 */
	int simulated;
};

/*
 * The cached probe, run on first use.  Fails only when the probe itself
 * could not run (no fd or memory left); nothing is cached then, so a later
 * call tries again.
 */
int lsc_probe_get(struct lsc_probe *ret);

/* Forget the cached probe.  For the unit suite only: not exported. */
void lsc_probe_reset(void);

#endif /* LANDSCOPE_PROBE_H */
