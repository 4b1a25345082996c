// SPDX-License-Identifier: MIT
/*
 * The transport filter's program, run by a small classic-BPF interpreter
 * on every entry point the build knows (x86-64, x32 and int 0x80 on x86;
 * arm64 and 32-bit ARM...), against the rules restated here from the
 * README's table: which socket() calls each transport bit refuses, with
 * which errno, whatever the flags in the type or the high half of the
 * registers; io_uring_setup() and socketcall(SYS_SOCKET) refused with
 * ENOSYS; every other syscall allowed; an unknown architecture killed.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "filter.h"
#include "unit.h"

#define T(x) LANDSCOPE_TRANSPORT_##x
#define ALL_T                                                               \
	(T(MPTCP) | T(SCTP) | T(SMC) | T(DCCP) | T(UDPLITE) | T(IO_URING) | \
	 T(SOCKETCALL))
#define KILL SECCOMP_RET_KILL_PROCESS
#define ALLOW SECCOMP_RET_ALLOW
#define ERR(e) (SECCOMP_RET_ERRNO | (e))

/*
 * What the kernel's checker demands (forward jumps inside the program,
 * known opcodes, absolute loads inside struct seccomp_data, aligned),
 * then the program's verdict on @d.
 */
static uint32_t run(const struct sock_filter *p, unsigned int len,
		    const struct seccomp_data *d)
{
	uint32_t a = 0;
	unsigned int pc = 0;

	for (;;) {
		const struct sock_filter *i;

		assert_true(pc < len);
		i = &p[pc];
		switch (i->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			assert_true(i->k % 4 == 0 &&
				    i->k + 4 <= sizeof(struct seccomp_data));
			memcpy(&a, (const char *)d + i->k, 4);
			pc++;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= i->k;
			pc++;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += 1 + (a == i->k ? i->jt : i->jf);
			break;
		case BPF_JMP | BPF_JA:
			pc += 1 + i->k;
			break;
		case BPF_RET | BPF_K:
			return i->k;
		default:
			fail_msg("opcode %#x at %u", i->code, pc);
		}
	}
}

/* The rules, restated: what socket(@f, @type, @proto) must get. */
static uint32_t expect_socket(uint32_t t, int f, int type, int proto)
{
	bool inet = f == AF_INET || f == AF_INET6;

	type &= 0xf;
	if (inet && type == SOCK_STREAM) {
		if (proto == 262 && t & T(MPTCP))
			return ERR(EPROTONOSUPPORT);
		if (proto == 132 && t & T(SCTP))
			return ERR(EPROTONOSUPPORT);
		if (proto == 256 && t & T(SMC))
			return ERR(EPROTONOSUPPORT);
	}
	if (inet && type == SOCK_SEQPACKET && t & T(SCTP))
		return ERR(ESOCKTNOSUPPORT);
	if (inet && type == 6 && t & T(DCCP))
		return ERR(ESOCKTNOSUPPORT);
	if (inet && type == SOCK_DGRAM && proto == 136 && t & T(UDPLITE))
		return ERR(EPROTONOSUPPORT);
	if (f == 43 && type == SOCK_STREAM && t & T(SMC))
		return ERR(EAFNOSUPPORT);
	return ALLOW;
}

static void set_arg(struct seccomp_data *d, int n, uint32_t lo, uint32_t hi)
{
	d->args[n] = (uint64_t)hi << 32 | lo;
}

static const uint32_t masks[] = {
	0,	     T(MPTCP),	    T(SCTP),
	T(SMC),	     T(DCCP),	    T(UDPLITE),
	T(IO_URING), T(SOCKETCALL), T(MPTCP) | T(SCTP),
	ALL_T,
};

static void check_entry(const struct lsc_filter_entry *e, uint32_t t,
			const struct sock_filter *p, unsigned int len)
{
	static const int families[] = { AF_INET, AF_INET6, AF_UNIX, 43,
					AF_NETLINK };
	static const int types[] = { SOCK_STREAM,
				     SOCK_DGRAM,
				     SOCK_SEQPACKET,
				     6,
				     SOCK_RAW,
				     SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
				     SOCK_SEQPACKET | SOCK_CLOEXEC };
	static const int protos[] = { 0, 6, 17, 132, 136, 256, 262, 262 + 256 };
	struct seccomp_data d;
	size_t s, fi, ti, pi;
	int h;

	for (s = 0; s < 2; s++) {
		if (e->socket[s] < 0)
			continue;
		for (fi = 0; fi < sizeof(families) / sizeof(*families); fi++)
			for (ti = 0; ti < sizeof(types) / sizeof(*types); ti++)
				for (pi = 0;
				     pi < sizeof(protos) / sizeof(*protos);
				     pi++)
					for (h = 0; h < 2; h++) {
						uint32_t hi = h ? 0xffffffffU
								: 0;
						uint32_t want = expect_socket(
							t, families[fi],
							types[ti], protos[pi]);

						memset(&d, 0, sizeof(d));
						d.arch = e->arch;
						d.nr = e->socket[s];
						set_arg(&d, 0,
							(uint32_t)families[fi],
							hi);
						set_arg(&d, 1,
							(uint32_t)types[ti],
							hi);
						set_arg(&d, 2,
							(uint32_t)protos[pi],
							hi);
						if (run(p, len, &d) != want)
							fail_msg(
								"arch %#x nr %d t %#x: socket(%d, %#x, %d) hi %#x",
								e->arch, d.nr,
								t, families[fi],
								types[ti],
								protos[pi], hi);
					}
	}
	for (s = 0; s < 2; s++) {
		if (e->io_uring_setup[s] < 0)
			continue;
		memset(&d, 0, sizeof(d));
		d.arch = e->arch;
		d.nr = e->io_uring_setup[s];
		assert_int_equal(run(p, len, &d),
				 t & T(IO_URING) ? ERR(ENOSYS) : ALLOW);
	}
	if (e->socketcall >= 0) {
		memset(&d, 0, sizeof(d));
		d.arch = e->arch;
		d.nr = e->socketcall;
		set_arg(&d, 0, 1, 0xffffffffU);
		assert_int_equal(run(p, len, &d),
				 t & T(SOCKETCALL) ? ERR(ENOSYS) : ALLOW);
		set_arg(&d, 0, 2, 0); /* SYS_BIND: Landlock sees it */
		assert_int_equal(run(p, len, &d), ALLOW);
	}
	/* Any other syscall, with socket()'s arguments. */
	memset(&d, 0, sizeof(d));
	d.arch = e->arch;
	d.nr = 3;
	set_arg(&d, 0, AF_INET, 0);
	set_arg(&d, 1, SOCK_STREAM, 0);
	set_arg(&d, 2, 262, 0);
	assert_int_equal(run(p, len, &d), ALLOW);
}

static void test_native_program(void **state)
{
	struct sock_filter p[LSC_FILTER_MAX_INSNS];
	const struct lsc_filter_entry *e;
	struct seccomp_data d;
	size_t n, i, m;
	int len;

	(void)state;
	e = lsc_filter_native(&n);
	if (!n)
		skip();
	for (m = 0; m < sizeof(masks) / sizeof(*masks); m++) {
		len = lsc_filter_build(e, n, masks[m], p, LSC_FILTER_MAX_INSNS);
		assert_true(len > 0 && len <= LSC_FILTER_MAX_INSNS);
		for (i = 0; i < n; i++)
			check_entry(&e[i], masks[m], p, (unsigned int)len);
		memset(&d, 0, sizeof(d));
		d.arch = 0x12345678;
		d.nr = 41;
		assert_int_equal(run(p, (unsigned int)len, &d), KILL);
	}
}

/*
 * The entry points of x86 and arm64, which CI's host cannot all show:
 * their numbers are each architecture's syscall table's.
 */
static void test_native_entries(void **state)
{
	const struct lsc_filter_entry *e;
	size_t n;

	(void)state;
	e = lsc_filter_native(&n);
#if defined(__x86_64__) || defined(__i386__)
	assert_int_equal(n, 2);
	assert_int_equal(e[0].arch, AUDIT_ARCH_X86_64);
	assert_int_equal(e[0].socket[0], 41);
	assert_int_equal(e[0].socket[1], 0x40000000 | 41); /* x32 */
	assert_int_equal(e[0].io_uring_setup[1], 0x40000000 | 425);
	assert_int_equal(e[1].arch, AUDIT_ARCH_I386);
	assert_int_equal(e[1].socket[0], 359);
	assert_int_equal(e[1].socketcall, 102);
	assert_int_equal(e[1].io_uring_setup[0], 425);
#elif defined(__aarch64__)
	assert_int_equal(n, 2);
	assert_int_equal(e[1].arch, AUDIT_ARCH_ARM);
#else
	(void)e;
	assert_true(n <= 1);
#endif
}

/* No room, no entry, too many entries: an error, never a short program. */
static void test_build_errors(void **state)
{
	struct sock_filter p[LSC_FILTER_MAX_INSNS];
	const struct lsc_filter_entry e[3] = {
		{ AUDIT_ARCH_X86_64, { 41, -1 }, { 425, -1 }, -1 },
		{ AUDIT_ARCH_I386, { 359, -1 }, { 425, -1 }, 102 },
		{ AUDIT_ARCH_ARM, { 281, -1 }, { 425, -1 }, -1 },
	};
	int len;

	(void)state;
	assert_int_equal(lsc_filter_build(e, 0, ALL_T, p, 512), -EINVAL);
	assert_int_equal(lsc_filter_build(e, 3, ALL_T, p, 512), -EINVAL);
	len = lsc_filter_build(e, 2, ALL_T, p, 512);
	assert_true(len > 0);
	assert_int_equal(lsc_filter_build(e, 2, ALL_T, p,
					  (unsigned int)len - 1),
			 -E2BIG);
	assert_int_equal(lsc_filter_build(e, 2, ALL_T, p, (unsigned int)len),
			 len);
	/* Nothing to refuse but the bypasses: still every entry checked. */
	len = lsc_filter_build(e, 2, 0, p, 512);
	assert_true(len > 0);
	check_entry(&e[0], 0, p, (unsigned int)len);
	check_entry(&e[1], 0, p, (unsigned int)len);
}

/* The whole library: the filter reaches seccomp(2) with TSYNC or not. */
static void test_tsync(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;
	size_t n;
	int all;

	(void)state;
	lsc_filter_native(&n);
	if (!n)
		skip();
	for (all = 0; all < 2; all++) {
		unit_restart();
		mock_kernel_abi(8);
		unit_probe();
		rs = unit_ruleset(LANDSCOPE_COMPAT_BEST_EFFORT);
		assert_int_equal(landscope_ruleset_add_handled(
					 rs, LANDSCOPE_CATEGORY_NET,
					 LANDSCOPE_ACCESS_NET_CONNECT_TCP),
				 0);
		assert_int_equal(
			landscope_ruleset_restrict_self(
				rs, all ? LANDSCOPE_RESTRICT_ALL_THREADS : 0,
				&r),
			0);
		assert_int_equal(mock.nr_filters, 1);
		assert_int_equal(mock.filter_flags,
				 all ? SECCOMP_FILTER_FLAG_TSYNC : 0);
		landscope_report_free(r);
		landscope_ruleset_free(rs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_native_program),
		UNIT_TEST(test_native_entries),
		UNIT_TEST(test_build_errors),
		UNIT_TEST(test_tsync),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
