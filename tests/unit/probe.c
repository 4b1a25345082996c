// SPDX-License-Identifier: MIT
/*
 * Probing: every ABI 0-12, disabled Landlock, errata, kernels whose bits
 * differ from their ABI number, the cache, probe failures,
 * LANDSCOPE_SIMULATE_ABI, the syscalls the first probe costs, and random
 * kernels against a probe that asks every bit on its own.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Internal: the probe's cache, read and reset below the public calls. */
#include "probe.h"
#include "unit.h"

static struct landscope_features features(void)
{
	LANDSCOPE_INIT(landscope_features, f);

	assert_int_equal(landscope_features_get(&f), 0);
	return f;
}

/* Each ABI exactly as upstream has it, probed with CAP_SYS_ADMIN. */
static void test_abi_matrix(void **state)
{
	int abi;

	(void)state;
	for (abi = 1; abi <= 12; abi++) {
		struct landscope_features f;
		int want = abi > LANDSCOPE_ABI_LAST ? LANDSCOPE_ABI_LAST : abi;

		unit_restart();
		mock_kernel_abi(abi);
		mock.cfg.cap_sys_admin = true;
		f = features();
		CHECK(f.abi == want, "abi %d: got %d", abi, f.abi);
		CHECK(f.kernel_abi == abi, "abi %d", abi);
		CHECK(f.unavailable == 0, "abi %d", abi);
		CHECK(f.access_fs == landscope_access_of_abi(
					     LANDSCOPE_CATEGORY_FS, abi),
		      "abi %d: fs %#llx", abi, (unsigned long long)f.access_fs);
		CHECK(f.access_net == landscope_access_of_abi(
					      LANDSCOPE_CATEGORY_NET, abi),
		      "abi %d: net %#llx", abi,
		      (unsigned long long)f.access_net);
		CHECK(f.scoped == landscope_access_of_abi(
					  LANDSCOPE_CATEGORY_SCOPE, abi),
		      "abi %d: scoped %#llx", abi,
		      (unsigned long long)f.scoped);
		CHECK(f.restrict_flags ==
			      (uint32_t)landscope_access_of_abi(
				      LANDSCOPE_CATEGORY_FLAGS, abi),
		      "abi %d: restrict %#x", abi, f.restrict_flags);
		CHECK(f.errata == mock.cfg.errata, "abi %d", abi);
		CHECK(f.add_rule_flags ==
			      (abi >= 10 ? LANDSCOPE_ADD_RULE_QUIET : 0U),
		      "abi %d: add_rule_flags %#x", abi, f.add_rule_flags);
		CHECK(landscope_abi_version() == want, "abi %d", abi);
		/* Probing must neither restrict nor set no_new_privs. */
		CHECK(mock.nr_layers == 0 && !mock.nnp, "abi %d", abi);
		CHECK(mock_open_fds() == 0, "abi %d: fd leak", abi);
	}
}

/*
 * Without no_new_privs and CAP_SYS_ADMIN, the kernel answers
 * restrict_self with EPERM before it looks at the flags: the probe must not
 * take that for "flag known".
 */
static void test_restrict_flags_unprivileged(void **state)
{
	int abi;

	(void)state;
	for (abi = 1; abi <= 11; abi++) {
		struct landscope_features f;

		unit_restart();
		mock_kernel_abi(abi);
		f = features();
		CHECK(f.restrict_flags ==
			      (uint32_t)landscope_access_of_abi(
				      LANDSCOPE_CATEGORY_FLAGS, abi),
		      "abi %d: restrict %#x, want %#x", abi, f.restrict_flags,
		      (uint32_t)landscope_access_of_abi(
			      LANDSCOPE_CATEGORY_FLAGS, abi));
		CHECK(mock.nr_layers == 0 && !mock.nnp, "abi %d", abi);
	}
}

static void test_enosys(void **state)
{
	struct landscope_features f;

	(void)state;
	mock_kernel_abi(0);
	f = features();
	assert_int_equal(f.unavailable, -ENOSYS);
	assert_int_equal(f.abi, 0);
	assert_int_equal(f.kernel_abi, 0);
	assert_int_equal(f.access_fs | f.access_net | f.scoped, 0);
	assert_int_equal(f.restrict_flags | f.add_rule_flags, 0);
	assert_int_equal(landscope_abi_version(), -ENOSYS);
}

static void test_eopnotsupp(void **state)
{
	struct landscope_features f;

	(void)state;
	mock_kernel_disabled();
	f = features();
	assert_int_equal(f.unavailable, -EOPNOTSUPP);
	assert_int_equal(f.abi, 0);
	assert_int_equal(f.access_fs | f.access_net | f.scoped, 0);
	assert_int_equal(landscope_abi_version(), -EOPNOTSUPP);
}

static void test_cached(void **state)
{
	(void)state;
	unit_probe();
	features();
	assert_int_equal(landscope_abi_version(), 11);
	assert_int_equal(mock.nr_calls, 0);
	/* The test-only reset makes the next call probe again. */
	lsc_probe_reset();
	features();
	assert_true(mock.count[MOCK_CREATE_RULESET] > 0);
}

static void test_errata(void **state)
{
	(void)state;
	mock_kernel_abi(6);
	mock.cfg.errata = 15;
	assert_int_equal(features().errata, 15);

	/* A stable kernel without the errata flag: nothing known fixed. */
	unit_restart();
	mock_kernel_abi(2);
	mock.cfg.errata_flag = false;
	assert_int_equal(features().errata, 0);
	assert_int_equal(features().abi, 2);
}

/* liblandscope's companion patches on 6.12: ABI 6, scope bits 2-4. */
static void test_patched_6_12(void **state)
{
	struct landscope_features f;

	(void)state;
	mock_kernel_abi(6);
	mock.cfg.scoped = LANDSCOPE_SCOPE_ALL;
	f = features();
	assert_int_equal(f.abi, 6);
	assert_int_equal(f.scoped, LANDSCOPE_SCOPE_ALL);
	assert_int_equal(f.access_fs,
			 landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, 6));
}

/* A distribution kernel at ABI 3 with the TCP rights backported. */
static void test_backported_net(void **state)
{
	struct landscope_features f;

	(void)state;
	mock_kernel_abi(3);
	mock.cfg.attr_size = 16;
	mock.cfg.access_net = 0x3;
	mock.cfg.net_rules = true;
	f = features();
	assert_int_equal(f.abi, 3);
	assert_int_equal(f.access_net, 0x3);
	assert_int_equal(f.access_fs,
			 landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, 3));
	assert_int_equal(f.scoped, 0);
}

/* A patched kernel that lacks one upstream bit of its ABI. */
static void test_missing_bit(void **state)
{
	(void)state;
	mock_kernel_abi(5);
	mock.cfg.access_fs &= ~LANDSCOPE_ACCESS_FS_IOCTL_DEV;
	assert_int_equal(features().access_fs,
			 landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, 5) &
				 ~LANDSCOPE_ACCESS_FS_IOCTL_DEV);
}

/*
 * A kernel newer than this release: upstream may have given bits 2-4 of
 * scoped another meaning, so they count as unsupported; bits the library
 * does not know are never reported.
 */
static void test_newer_than_last(void **state)
{
	struct landscope_features f;

	(void)state;
	mock_kernel_abi(LANDSCOPE_ABI_LAST + 1);
	mock.cfg.scoped = 0xff;
	mock.cfg.access_fs |= 1ULL << 17;
	mock.cfg.access_net |= 1ULL << 4;
	mock.cfg.cap_sys_admin = true;
	f = features();
	assert_int_equal(f.abi, LANDSCOPE_ABI_LAST);
	assert_int_equal(f.kernel_abi, LANDSCOPE_ABI_LAST + 1);
	assert_int_equal(f.scoped, 0x3);
	assert_int_equal(f.access_fs, LANDSCOPE_ACCESS_FS_ALL);
	assert_int_equal(f.access_net, LANDSCOPE_ACCESS_NET_ALL);
	assert_int_equal(f.restrict_flags,
			 (uint32_t)landscope_access_of_abi(
				 LANDSCOPE_CATEGORY_FLAGS, 11));
}

/*
 * A probe that cannot run (no fd, no memory) at any of its create_ruleset
 * calls fails with that errno, caches nothing and leaks nothing; the next
 * call probes again and gets it right.
 */
static void test_probe_failure(void **state)
{
	static const int errs[] = { EMFILE, ENFILE, ENOMEM };
	unsigned int nr_creates, n, e;

	(void)state;
	mock.cfg.cap_sys_admin = true;
	unit_probe();
	lsc_probe_reset();
	features();
	nr_creates = mock.count[MOCK_CREATE_RULESET];
	assert_true(nr_creates > 2);

	for (n = 1; n <= nr_creates; n++) {
		for (e = 0; e < sizeof(errs) / sizeof(errs[0]); e++) {
			LANDSCOPE_INIT(landscope_features, f);
			int ret;

			unit_restart();
			mock.cfg.cap_sys_admin = true;
			mock_fail(MOCK_CREATE_RULESET, n, errs[e]);
			ret = landscope_features_get(&f);
			/*
			 * The VERSION and ERRATA queries return no fd: the
			 * kernel never answers them with these errnos.
			 */
			if (n <= 2) {
				CHECK(ret == 0 || ret == -errs[e],
				      "call %u err %d: %d", n, errs[e], ret);
				continue;
			}
			CHECK(ret == -errs[e], "call %u err %d: got %d", n,
			      errs[e], ret);
			CHECK(mock_open_fds() == 0, "call %u: fd leak", n);
			f = features();
			CHECK(f.abi == 11 &&
				      f.access_fs ==
					      landscope_access_of_abi(
						      LANDSCOPE_CATEGORY_FS,
						      11) &&
				      f.access_net ==
					      landscope_access_of_abi(
						      LANDSCOPE_CATEGORY_NET,
						      11) &&
				      f.scoped ==
					      landscope_access_of_abi(
						      LANDSCOPE_CATEGORY_SCOPE,
						      11),
			      "call %u err %d: wrong retry", n, errs[e]);
			CHECK(landscope_abi_version() == 11, "call %u", n);
		}
	}
}

/* EMFILE from the probe is returned by every entry point that probes. */
static void test_probe_failure_entry_points(void **state)
{
	struct landscope_ruleset *rs;

	(void)state;
	mock_fail(MOCK_CREATE_RULESET, 3, EMFILE);
	assert_int_equal(landscope_abi_version(), -EMFILE);

	lsc_probe_reset();
	rs = unit_ruleset(LANDSCOPE_COMPAT_BEST_EFFORT);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					      LANDSCOPE_ACCESS_FS_READ_FILE),
		0);
	mock_fail(MOCK_CREATE_RULESET, 3, ENFILE);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, NULL), -ENFILE);
	assert_int_equal(mock.nr_layers, 0);
	assert_false(mock.nnp);
	landscope_ruleset_free(rs);
}

/*
 * The first probe on a stock kernel: VERSION, ERRATA, the ABI's rights and
 * scopes in one ruleset (and its close), each known bit above the ABI
 * (fs resolve_unix, net UDP x2, companion scopes x3: rejected, no fd), the
 * ABI's restrict flags in one call and those above one by one, the quiet
 * fields.  Exact counts: a probe that asks more fails here.
 */
static void test_first_probe_calls(void **state)
{
	static const struct {
		int abi;
		unsigned int creates, restricts;
	} cases[] = {
		/* ABI 6 has no restrict flag: five asked one by one. */
		{ 6, 2 + 1 + 6 + 1, 5 },
		{ 7, 2 + 1 + 6 + 1, 1 + 2 },
	};
	size_t i;
	int priv;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (priv = 0; priv <= 1; priv++) {
			unit_restart();
			mock_kernel_abi(cases[i].abi);
			mock.cfg.cap_sys_admin = priv;
			features();
			CHECK(CALLS(CREATE_RULESET) == cases[i].creates,
			      "abi %d priv %d: %u creates", cases[i].abi, priv,
			      CALLS(CREATE_RULESET));
			CHECK(CALLS(CLOSE) == 1, "abi %d priv %d: %u closes",
			      cases[i].abi, priv, CALLS(CLOSE));
			CHECK(CALLS(RESTRICT_SELF) == cases[i].restricts,
			      "abi %d priv %d: %u restricts", cases[i].abi,
			      priv, CALLS(RESTRICT_SELF));
			CHECK(mock.nr_calls ==
				      cases[i].creates + 1 + cases[i].restricts,
			      "abi %d priv %d: %u calls", cases[i].abi, priv,
			      mock.nr_calls);
			CHECK(features().access_fs ==
				      landscope_access_of_abi(
					      LANDSCOPE_CATEGORY_FS,
					      cases[i].abi),
			      "abi %d", cases[i].abi);
		}
	}
	/* Never fd -1: with LOG_SUBDOMAINS_OFF that would act. */
	for (i = 0; i < mock.nr_calls; i++)
		CHECK(mock.calls[i].sys != MOCK_RESTRICT_SELF ||
			      mock.calls[i].fd == -2,
		      "call %zu", i);
}

/*
 * A kernel that refuses its own ABI's bits (a missing right, a missing
 * restrict flag) is asked about every bit: the answer is exact.
 */
static void test_combined_refused(void **state)
{
	struct landscope_features f;
	int priv;

	(void)state;
	for (priv = 0; priv <= 1; priv++) {
		unit_restart();
		mock_kernel_abi(8);
		mock.cfg.cap_sys_admin = priv;
		mock.cfg.access_fs &= ~LANDSCOPE_ACCESS_FS_TRUNCATE;
		mock.cfg.access_net &= ~LANDSCOPE_ACCESS_NET_CONNECT_TCP;
		mock.cfg.scoped &= ~LANDSCOPE_SCOPE_SIGNAL;
		mock.cfg.restrict_flags &= ~MOCK_RESTRICT_LOG_NEW_EXEC_ON;
		f = features();
		CHECK(f.access_fs == (landscope_access_of_abi(
					      LANDSCOPE_CATEGORY_FS, 8) &
				      ~LANDSCOPE_ACCESS_FS_TRUNCATE),
		      "priv %d: fs %#llx", priv,
		      (unsigned long long)f.access_fs);
		CHECK(f.access_net == LANDSCOPE_ACCESS_NET_BIND_TCP,
		      "priv %d: net %#llx", priv,
		      (unsigned long long)f.access_net);
		CHECK(f.scoped == LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET,
		      "priv %d", priv);
		/* Without privileges only the ABI can tell. */
		CHECK(f.restrict_flags ==
			      (priv ? (uint32_t)landscope_access_of_abi(
					      LANDSCOPE_CATEGORY_FLAGS, 8) &
					       ~LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON
				    : (uint32_t)landscope_access_of_abi(
					      LANDSCOPE_CATEGORY_FLAGS, 8)),
		      "priv %d: restrict %#x", priv, f.restrict_flags);
	}
}

/* Bits above the ABI are still found: backports and the companion bits. */
static void test_backported_above_abi(void **state)
{
	struct landscope_features f;

	(void)state;
	mock_kernel_abi(6);
	mock.cfg.cap_sys_admin = true;
	mock.cfg.access_fs |= LANDSCOPE_ACCESS_FS_RESOLVE_UNIX;
	mock.cfg.access_net |= LANDSCOPE_ACCESS_NET_BIND_UDP;
	mock.cfg.scoped |= LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND;
	mock.cfg.restrict_flags |= MOCK_RESTRICT_TSYNC;
	f = features();
	assert_int_equal(f.abi, 6);
	assert_int_equal(f.access_fs,
			 landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, 6) |
				 LANDSCOPE_ACCESS_FS_RESOLVE_UNIX);
	assert_int_equal(f.access_net,
			 landscope_access_of_abi(LANDSCOPE_CATEGORY_NET, 6) |
				 LANDSCOPE_ACCESS_NET_BIND_UDP);
	assert_int_equal(f.scoped,
			 landscope_access_of_abi(LANDSCOPE_CATEGORY_SCOPE, 6) |
				 LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND);
	assert_int_equal(f.restrict_flags, LANDSCOPE_RESTRICT_ALL_THREADS);
}

/*
 * The per-bit probe, as the library did it before it trusted the ABI:
 * each known bit and flag asked on its own of the simulated kernel.
 */
static int ask_alone(int category, uint64_t bit)
{
	struct mock_ruleset_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	if (category == 0)
		a.handled_access_fs = bit;
	else if (category == 1)
		a.handled_access_net = bit;
	else
		a.scoped = bit;
	fd = __wrap_lsc_sys_create_ruleset(&a, sizeof(a), 0);
	if (fd < 0)
		return 0;
	assert_int_equal(__wrap_lsc_sys_close(fd), 0);
	return 1;
}

static void per_bit_probe(struct lsc_probe *ret)
{
	static const uint64_t known[] = { LANDSCOPE_ACCESS_FS_ALL,
					  LANDSCOPE_ACCESS_NET_ALL,
					  LANDSCOPE_SCOPE_ALL };
	static const struct {
		uint32_t flag;
		int abi;
	} flags[] = {
		{ MOCK_RESTRICT_LOG_SAME_EXEC_OFF, 7 },
		{ MOCK_RESTRICT_LOG_NEW_EXEC_ON, 7 },
		{ MOCK_RESTRICT_LOG_SUBDOMAINS_OFF, 7 },
		{ MOCK_RESTRICT_TSYNC, 8 },
		{ MOCK_RESTRICT_NO_NEW_PRIVS, 11 },
	};
	uint64_t *found = ret->access;
	int abi = mock.cfg.abi;
	uint64_t bit;
	size_t i;
	int c;

	memset(ret, 0, sizeof(*ret));
	for (c = 0; c < 3; c++)
		for (bit = 1; bit; bit <<= 1)
			if (known[c] & bit && ask_alone(c, bit))
				found[c] |= bit;
	if (abi > LANDSCOPE_ABI_LAST)
		found[LANDSCOPE_CATEGORY_SCOPE] &= ~(uint64_t)0x1c;
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		int err = __wrap_lsc_sys_restrict_self(-2, flags[i].flag);

		if (err == -EPERM ? abi >= flags[i].abi : err != -EINVAL)
			found[LANDSCOPE_CATEGORY_FLAGS] |= flags[i].flag;
	}
}

static uint32_t next_random(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Flip a few random bits among the low @nr_bits of @v. */
static uint64_t flip(uint64_t v, unsigned int nr_bits, uint32_t *x)
{
	unsigned int n = next_random(x) % 3;

	while (n--)
		v ^= UINT64_C(1) << (next_random(x) % nr_bits);
	return v;
}

/*
 * Kernels that backport, lack or lie: the probe that trusts the ABI gives
 * exactly what asking every bit on its own gives.
 */
static void test_same_as_per_bit(void **state)
{
	static const size_t sizes[] = { 8, 16, 24, 48 };
	uint32_t x = 0x2545f491;
	int abi, n;

	(void)state;
	for (abi = 1; abi <= 12; abi++) {
		for (n = 0; n < 100; n++) {
			struct lsc_probe want, got;

			unit_restart();
			mock_kernel_abi(abi);
			mock.cfg.access_fs = flip(mock.cfg.access_fs, 18, &x);
			mock.cfg.access_net = flip(mock.cfg.access_net, 5, &x);
			mock.cfg.scoped = flip(mock.cfg.scoped, 6, &x);
			mock.cfg.restrict_flags =
				(uint32_t)flip(mock.cfg.restrict_flags, 6, &x);
			mock.cfg.cap_sys_admin = next_random(&x) & 1;
			if (next_random(&x) % 4 == 0)
				mock.cfg.attr_size = sizes[next_random(&x) % 4];
			per_bit_probe(&want);
			assert_int_equal(lsc_probe_get(&got), 0);
			for (int c = 0; c < LSC_NR_CATEGORIES; c++)
				CHECK(got.access[c] == want.access[c],
				      "abi %d case %d category %d: %#llx, "
				      "asking bit by bit %#llx",
				      abi, n, c,
				      (unsigned long long)got.access[c],
				      (unsigned long long)want.access[c]);
		}
	}
}

static void test_bad_args(void **state)
{
	struct {
		struct landscope_features f;
		char future[32];
	} big;
	LANDSCOPE_INIT(landscope_features, f);

	(void)state;
	assert_int_equal(landscope_features_get(NULL), -EINVAL);
	f.sz = 63; /* below the 0.1 size */
	assert_int_equal(landscope_features_get(&f), -EINVAL);
	f.sz = 0;
	assert_int_equal(landscope_features_get(&f), -EINVAL);
	/* A caller built against a later, bigger structure. */
	memset(&big, 0xff, sizeof(big));
	big.f.sz = sizeof(big);
	assert_int_equal(landscope_features_get(&big.f), 0);
	assert_int_equal(big.f.abi, 11);
	assert_int_equal(big.f.reserved, 0);
	/* Fields this library does not know are the caller's. */
	assert_int_equal((unsigned char)big.future[0], 0xff);
}

/*
 * A caller built against 0.1 passes the 0.1 size (64 bytes): accepted
 * however the structure grows, and nothing written past it.  0.1 itself
 * compared with sizeof and would refuse it the day the structure grew.
 */
static void test_features_01_size(void **state)
{
	unsigned char buf[sizeof(struct landscope_features) + 32];
	struct landscope_features *f = (void *)buf;

	(void)state;
	memset(buf, 0xa5, sizeof(buf));
	f->sz = 64;
	assert_int_equal(landscope_features_get(f), 0);
	assert_int_equal(f->sz, 64);
	assert_int_equal(f->abi, 11);
	assert_int_equal(f->access_fs, LANDSCOPE_ACCESS_FS_ALL);
	for (size_t i = 64; i < sizeof(buf); i++)
		CHECK(buf[i] == 0xa5, "byte %zu written", i);
	f->sz = 63;
	assert_int_equal(landscope_features_get(f), -EINVAL);
}

static void simulate(const char *value)
{
	unit_restart();
	setenv("LANDSCOPE_SIMULATE_ABI", value, 1);
}

static void test_simulate_abi(void **state)
{
	struct landscope_features f;
	int abi;

	(void)state;
	for (abi = 1; abi <= 11; abi++) {
		char s[8];

		snprintf(s, sizeof(s), "%d", abi);
		simulate(s);
		mock.cfg.cap_sys_admin = true;
		f = features();
		CHECK(f.abi == abi, "simulate %d: abi %d", abi, f.abi);
		CHECK(f.access_fs == landscope_access_of_abi(
					     LANDSCOPE_CATEGORY_FS, abi),
		      "simulate %d", abi);
		CHECK(f.access_net == landscope_access_of_abi(
					      LANDSCOPE_CATEGORY_NET, abi),
		      "simulate %d", abi);
		CHECK(f.scoped == landscope_access_of_abi(
					  LANDSCOPE_CATEGORY_SCOPE, abi),
		      "simulate %d", abi);
		CHECK(f.restrict_flags ==
			      (uint32_t)landscope_access_of_abi(
				      LANDSCOPE_CATEGORY_FLAGS, abi),
		      "simulate %d: %#x", abi, f.restrict_flags);
		CHECK(f.add_rule_flags ==
			      (abi >= 10 ? LANDSCOPE_ADD_RULE_QUIET : 0U),
		      "simulate %d", abi);
		CHECK(landscope_abi_version() == abi, "simulate %d", abi);
	}

	simulate("0");
	f = features();
	assert_int_equal(f.unavailable, -ENOSYS);
	assert_int_equal(f.abi, 0);
	assert_int_equal(f.access_fs, 0);
	assert_int_equal(landscope_abi_version(), -ENOSYS);

	/* Never more than the kernel has. */
	simulate("9");
	mock_kernel_abi(6);
	f = features();
	assert_int_equal(f.abi, 6);
	assert_int_equal(f.access_fs,
			 landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, 6));

	/* The companion bits are ABI 6 extensions: kept from 6 on. */
	simulate("6");
	mock.cfg.scoped = LANDSCOPE_SCOPE_ALL;
	assert_int_equal(features().scoped, LANDSCOPE_SCOPE_ALL);
	simulate("5");
	mock.cfg.scoped = LANDSCOPE_SCOPE_ALL;
	assert_int_equal(features().scoped, 0);

	/* Garbage is ignored. */
	simulate("abc");
	assert_int_equal(features().abi, 11);
	simulate("12");
	assert_int_equal(features().abi, 11);
	simulate("-1");
	assert_int_equal(features().abi, 11);
	simulate("3x");
	assert_int_equal(features().abi, 11);
}

/* Only read at the first probe. */
static void test_simulate_abi_cached(void **state)
{
	(void)state;
	assert_int_equal(features().abi, 11);
	setenv("LANDSCOPE_SIMULATE_ABI", "2", 1);
	assert_int_equal(features().abi, 11);
	lsc_probe_reset();
	assert_int_equal(features().abi, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_abi_matrix),
		UNIT_TEST(test_restrict_flags_unprivileged),
		UNIT_TEST(test_enosys),
		UNIT_TEST(test_eopnotsupp),
		UNIT_TEST(test_cached),
		UNIT_TEST(test_errata),
		UNIT_TEST(test_patched_6_12),
		UNIT_TEST(test_backported_net),
		UNIT_TEST(test_missing_bit),
		UNIT_TEST(test_newer_than_last),
		UNIT_TEST(test_probe_failure),
		UNIT_TEST(test_probe_failure_entry_points),
		UNIT_TEST(test_first_probe_calls),
		UNIT_TEST(test_combined_refused),
		UNIT_TEST(test_backported_above_abi),
		UNIT_TEST(test_same_as_per_bit),
		UNIT_TEST(test_bad_args),
		UNIT_TEST(test_features_01_size),
		UNIT_TEST(test_simulate_abi),
		UNIT_TEST(test_simulate_abi_cached),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
