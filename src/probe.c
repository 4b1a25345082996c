// SPDX-License-Identifier: MIT
/*
 * Kernel feature probing.  The ABI number is a promise that every right,
 * scope and flag at or below it exists, so all of them are asked of the
 * kernel in one go; the known bits above the ABI are then asked one by
 * one, because distributions backport features and our companion kernel
 * adds scope bits without raising the ABI.  A kernel that refuses its own
 * ABI's bits is asked about every bit on its own.  Never compare kernel
 * versions.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <liblandscope/landscope.h>

#include "bits.h"
#include "export.h"
#include "internal.h"
#include "probe.h"
#include "syscall.h"
#include "uapi/landlock.h"

/*
 * The only mutable global state of the library: a write-once cache.  Once
 * @probe_done is set (with release order, after @probe_cache is complete),
 * readers only load: taking the lock would write to this page, which in a
 * freshly forked child, where sandboxing usually happens, costs a
 * copy-on-write fault.
 */
static pthread_mutex_t probe_lock = PTHREAD_MUTEX_INITIALIZER;
static bool probe_done;
static struct lsc_probe probe_cache;

/*
 * Ask the kernel whether it accepts @attr.  1: yes; 0: no (EINVAL for an
 * unknown bit, E2BIG for a field beyond the kernel's structure); negative:
 * the probe could not tell (EMFILE, ENOMEM...).
 */
static int accepts(const struct lsc_ruleset_attr *attr)
{
	int fd = lsc_sys_create_ruleset(attr, sizeof(*attr), 0);

	if (fd >= 0) {
		lsc_sys_close(fd);
		return 1;
	}
	if (fd == -EINVAL || fd == -E2BIG)
		return 0;
	return fd;
}

static void set_category(struct lsc_ruleset_attr *attr, int category,
			 uint64_t bits)
{
	if (category == LANDSCOPE_CATEGORY_FS)
		attr->handled_access_fs = bits;
	else if (category == LANDSCOPE_CATEGORY_NET)
		attr->handled_access_net = bits;
	else
		attr->scoped = bits;
}

/* Add to *@ret each bit of @bits that the kernel accepts on its own. */
static int probe_bits(int category, uint64_t bits, uint64_t *ret)
{
	uint64_t bit;
	int err;

	for (bit = 1; bit && bit <= bits; bit <<= 1) {
		struct lsc_ruleset_attr attr;

		if (!(bits & bit))
			continue;
		memset(&attr, 0, sizeof(attr));
		set_category(&attr, category, bit);
		err = accepts(&attr);
		if (err < 0)
			return err;
		if (err)
			*ret |= bit;
	}
	return 0;
}

/*
 * Rights and scopes: one ruleset with the ABI's bits of all three
 * categories, then only the known bits it did not cover.  Rejections
 * cost no fd.
 */
static int probe_access(struct lsc_probe *p)
{
	uint64_t *found = p->access;
	struct lsc_ruleset_attr attr;
	int accepted, c, err;

	memset(&attr, 0, sizeof(attr));
	for (c = 0; c <= LANDSCOPE_CATEGORY_SCOPE; c++)
		set_category(&attr, c, lsc_abi_mask(c, p->abi));
	accepted = accepts(&attr);
	if (accepted < 0)
		return accepted;
	for (c = 0; c <= LANDSCOPE_CATEGORY_SCOPE; c++) {
		found[c] = accepted ? lsc_abi_mask(c, p->abi) : 0;
		err = probe_bits(c, lsc_known_mask(c) & ~found[c], &found[c]);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Restrict flags: with privileges (no_new_privs or CAP_SYS_ADMIN) an
 * unknown flag is EINVAL and known ones, with the invalid fd -2, EBADF.
 * Without them the kernel answers EPERM before it looks at the flags, and
 * only the ABI can tell.  Never fd -1: with LOG_SUBDOMAINS_OFF that acts.
 * The ABI's flags are asked together, then every flag not yet known on
 * its own: those above the ABI, or all of them if the ABI's were refused.
 */
static uint32_t probe_restrict_flags(int abi)
{
	/*
	 * The table's flags (the library's are the kernel's bits), and the
	 * kernel's own NO_NEW_PRIVS (ABI 11), which the library uses for
	 * itself rather than offering it.
	 */
	const uint64_t nnp = LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS;
	uint64_t known = lsc_known_mask(LANDSCOPE_CATEGORY_FLAGS) | nnp;
	uint64_t below = lsc_abi_mask(LANDSCOPE_CATEGORY_FLAGS, abi) |
			 (abi >= 11 ? nnp : 0);
	uint64_t bit, ret = 0;
	int err;

	/* EPERM included: the ABI vouches for its own flags. */
	if (below && lsc_sys_restrict_self(-2, (uint32_t)below) != -EINVAL)
		ret = below;

	for (bit = 1; bit && bit <= known; bit <<= 1) {
		if (!(known & bit) || ret & bit)
			continue;
		err = lsc_sys_restrict_self(-2, (uint32_t)bit);
		if (err == -EPERM ? (below & bit) != 0 : err != -EINVAL)
			ret |= bit;
	}
	return (uint32_t)ret;
}

#ifdef LSC_TEST_HOOKS
/*
 * LANDSCOPE_SIMULATE_ABI=N: behave as if the kernel had only ABI N.  Only
 * in a test build, and the report names it: in a production build no
 * environment variable may weaken what is enforced.
 */
static void simulate_abi(struct lsc_probe *p)
{
	const char *s = secure_getenv("LANDSCOPE_SIMULATE_ABI");
	int saved = errno;
	char *end;
	long abi;

	if (!s || !*s)
		return;
	errno = 0;
	abi = strtol(s, &end, 10);
	if (errno || *end || abi < 0 || abi > LANDSCOPE_ABI_LAST) {
		errno = saved;
		return;
	}
	errno = saved;
	if (abi == 0) {
		memset(p, 0, sizeof(*p));
		p->unavailable = -ENOSYS;
		p->simulated = 1;
		return;
	}
	if (p->unavailable || p->abi <= abi)
		return;
	p->simulated = (int)abi + 1;
	p->abi = (int)abi;
	p->access[LANDSCOPE_CATEGORY_FS] &=
		lsc_abi_mask(LANDSCOPE_CATEGORY_FS, p->abi);
	p->access[LANDSCOPE_CATEGORY_NET] &=
		lsc_abi_mask(LANDSCOPE_CATEGORY_NET, p->abi);
	/* Companion bits are ABI 6 extensions: kept from ABI 6 on. */
	p->access[LANDSCOPE_CATEGORY_SCOPE] &=
		lsc_abi_mask(LANDSCOPE_CATEGORY_SCOPE, p->abi) |
		(p->abi >= 6 ? lsc_companion_mask(LANDSCOPE_CATEGORY_SCOPE)
			     : 0);
	/* The table's flags, and the kernel's NO_NEW_PRIVS from ABI 11. */
	p->access[LANDSCOPE_CATEGORY_FLAGS] &=
		lsc_abi_mask(LANDSCOPE_CATEGORY_FLAGS, p->abi) |
		(p->abi >= 11 ? LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS : 0);
	if (p->abi < 10) {
		p->quiet = 0;
		p->add_rule_flags = 0;
	}
}
#else
static void simulate_abi(struct lsc_probe *p)
{
	(void)p;
}
#endif

static int probe_kernel(struct lsc_probe *p)
{
	struct lsc_ruleset_attr attr;
	int ret;

	memset(p, 0, sizeof(*p));
	ret = lsc_sys_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (ret <= 0) {
		/* ENOSYS: not built in; EOPNOTSUPP: not in lsm= at boot. */
		p->unavailable = ret < 0 ? ret : -EOPNOTSUPP;
		/*
		 * Anything else is not the kernel's answer but a filter's:
		 * container runtimes and systemd refuse unknown syscalls with
		 * EPERM, some with EACCES or EINVAL.  Out of fds or memory,
		 * the probe cannot tell: it fails and is not cached.
		 */
		if (ret == -EMFILE || ret == -ENFILE || ret == -ENOMEM)
			return ret;
		if (ret < 0 && ret != -ENOSYS && ret != -EOPNOTSUPP) {
			p->unavailable = -EPERM;
			p->blocked_err = ret;
		}
		return 0;
	}
	p->kernel_abi = ret;
	p->abi = ret > LANDSCOPE_ABI_LAST ? LANDSCOPE_ABI_LAST : ret;

	/* Kernels before the errata flag reject it: no erratum fixed. */
	ret = lsc_sys_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_ERRATA);
	p->errata = ret > 0 ? (uint64_t)ret : 0;

	ret = probe_access(p);
	if (ret)
		return ret;

	/*
	 * Upstream may one day give the companion bits another meaning: trust
	 * them only on an ABI this release knows.
	 */
	if (p->kernel_abi > LANDSCOPE_ABI_LAST)
		p->access[LANDSCOPE_CATEGORY_SCOPE] &=
			~lsc_companion_mask(LANDSCOPE_CATEGORY_SCOPE);

	p->access[LANDSCOPE_CATEGORY_FLAGS] =
		probe_restrict_flags(p->kernel_abi);

	memset(&attr, 0, sizeof(attr));
	attr.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE;
	attr.quiet_access_fs = LANDLOCK_ACCESS_FS_READ_FILE;
	ret = accepts(&attr);
	if (ret < 0)
		return ret;
	p->quiet = ret;
	p->add_rule_flags = ret ? LANDLOCK_ADD_RULE_QUIET : 0;
	return 0;
}

int lsc_probe_get(struct lsc_probe *ret)
{
	int err = 0;

	if (__atomic_load_n(&probe_done, __ATOMIC_ACQUIRE)) {
		*ret = probe_cache;
		return 0;
	}
	pthread_mutex_lock(&probe_lock);
	if (!probe_done) {
		err = probe_kernel(&probe_cache);
		if (!err) {
			simulate_abi(&probe_cache);
			__atomic_store_n(&probe_done, true, __ATOMIC_RELEASE);
		}
	}
	if (!err)
		*ret = probe_cache;
	pthread_mutex_unlock(&probe_lock);
	return err;
}

/* For the unit suite, between tests: no other thread may be probing. */
void lsc_probe_reset(void)
{
	pthread_mutex_lock(&probe_lock);
	probe_done = false;
	memset(&probe_cache, 0, sizeof(probe_cache));
	pthread_mutex_unlock(&probe_lock);
}

LSC_EXPORT int landscope_features_get(struct landscope_features *ret)
{
	LSC_KEEP_ERRNO;
	struct landscope_features f;
	struct lsc_probe p;
	int err;

	/* A program built against an older header passes a smaller sz. */
	if (!ret || ret->sz < LSC_FEATURES_SIZE_0_1)
		return -EINVAL;
	err = lsc_probe_get(&p);
	if (err)
		return err;
	memset(&f, 0, sizeof(f));
	f.abi = p.abi;
	f.kernel_abi = p.kernel_abi;
	f.unavailable = p.unavailable;
	f.errata = p.errata;
	f.access_fs = p.access[LANDSCOPE_CATEGORY_FS];
	f.access_net = p.access[LANDSCOPE_CATEGORY_NET];
	f.scoped = p.access[LANDSCOPE_CATEGORY_SCOPE];
	/* TSYNC is LANDSCOPE_RESTRICT_ALL_THREADS: same bit. */
	f.restrict_flags = (uint32_t)(p.access[LANDSCOPE_CATEGORY_FLAGS] &
				      lsc_known_mask(LANDSCOPE_CATEGORY_FLAGS));
	f.add_rule_flags = p.add_rule_flags ? LANDSCOPE_ADD_RULE_QUIET : 0;
	f.no_new_privs_flag = !!(p.access[LANDSCOPE_CATEGORY_FLAGS] &
				 LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS);
	lsc_copy_sized(ret, ret->sz, &f, sizeof(f));
	return 0;
}

LSC_EXPORT int landscope_abi_version(void)
{
	LSC_KEEP_ERRNO;
	struct lsc_probe p;
	int err = lsc_probe_get(&p);

	if (err)
		return err;
	return p.unavailable ? p.unavailable : p.abi;
}
