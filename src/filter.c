// SPDX-License-Identifier: MIT
/*
 * The seccomp filter that refuses the transports the enforced network
 * rights miss (transport.c decides which).  libseccomp writes it: it knows
 * every architecture's syscall numbers, the x32 and 32-bit x86 entry
 * points a 64-bit process can also use, and how to compare 32-bit
 * arguments, which hand-written BPF would each have to get right.
 *
 * Each refusal answers as a kernel without the protocol does (the
 * socket family's create function in net/ipv4/af_inet.c and
 * net/ipv6/af_inet6.c: EPROTONOSUPPORT when the type exists but not the
 * protocol, ESOCKTNOSUPPORT when no protocol has the type;
 * net/socket.c: EAFNOSUPPORT for an unknown family; ENOSYS for a missing
 * syscall), so that programs take their fallback to plain TCP or UDP,
 * which Landlock checks.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <liblandscope/landscope.h>

#include "transport.h"

#ifdef LSC_HAVE_SECCOMP
#include <netinet/in.h>
#include <seccomp.h>
#include <sys/socket.h>

#include "syscall.h"

/* Not in every libc's headers. */
#define LSC_IPPROTO_SCTP 132
#define LSC_IPPROTO_UDPLITE 136
#define LSC_IPPROTO_SMC 256
#define LSC_IPPROTO_MPTCP 262
#define LSC_AF_SMC 43
#define LSC_SOCK_DCCP 6
#define LSC_SYS_SOCKET 1 /* socketcall(2)'s call number of socket() */
/* The type argument also carries SOCK_NONBLOCK and SOCK_CLOEXEC. */
#define LSC_SOCK_TYPE_MASK 0xf

/*
 * Only the low 32 bits: the kernel reads int arguments from the low half
 * of a 64-bit register, so a comparison of the whole register would let
 * a caller pass the filter by setting the high half.
 */
#define ARG(n, v) SCMP_CMP((n), SCMP_CMP_MASKED_EQ, 0xffffffffU, (v))
#define TYPE(v) SCMP_CMP(1, SCMP_CMP_MASKED_EQ, LSC_SOCK_TYPE_MASK, (v))

uint32_t lsc_filter_closable(uint32_t unmediated)
{
#ifdef __i386__
	/* The native socketcall(2) is how i386 libcs create every socket. */
	return unmediated & ~LANDSCOPE_TRANSPORT_SOCKETCALL;
#else
	return unmediated;
#endif
}

/*
 * One architecture at a time, then merged: rules are added exactly as
 * written, except on 32-bit x86, where libseccomp 2.5 takes socket()
 * rules only with its rewriting, which also writes each for
 * socketcall(2) with socketcall's own arguments.  There those compare
 * the type with the low bits of a pointer to the arguments, which is
 * 4-byte aligned and so never equals the types refused here (1, 2, 5,
 * 6): harmless, and where socketcall's socket() is refused as a whole,
 * added first, it subsumes them.  Every rule names a type for that
 * reason, AF_SMC's too.
 */
struct arch_ctx {
	scmp_filter_ctx ctx;
	uint32_t arch;
};

static int add(const struct arch_ctx *a, int err, int syscall, unsigned int n,
	       const struct scmp_arg_cmp *cmp)
{
	int ret;

	if (a->arch != SCMP_ARCH_X86)
		return seccomp_rule_add_exact_array(a->ctx, SCMP_ACT_ERRNO(err),
						    syscall, n, cmp);
	ret = seccomp_rule_add_array(a->ctx, SCMP_ACT_ERRNO(err), syscall, n,
				     cmp);
	/* The socketcall copy of the AF_INET6 rule is the AF_INET one. */
	return ret == -EEXIST ? 0 : ret;
}

/* socket(@family, @type, @protocol) fails with @err; @protocol -1: any. */
static int refuse(const struct arch_ctx *a, int err, int family, int type,
		  int protocol)
{
	const struct scmp_arg_cmp cmp[] = { ARG(0, family), TYPE(type),
					    ARG(2, protocol) };

	return add(a, err, SCMP_SYS(socket), protocol < 0 ? 2 : 3, cmp);
}

static int refuse_inet(const struct arch_ctx *a, uint32_t t)
{
	static const int families[] = { AF_INET, AF_INET6 };
	int err = 0;
	size_t i;

	for (i = 0; !err && i < 2; i++) {
		int f = families[i];

		if (t & LANDSCOPE_TRANSPORT_MPTCP)
			err = refuse(a, EPROTONOSUPPORT, f, SOCK_STREAM,
				     LSC_IPPROTO_MPTCP);
		if (!err && t & LANDSCOPE_TRANSPORT_SCTP)
			err = refuse(a, EPROTONOSUPPORT, f, SOCK_STREAM,
				     LSC_IPPROTO_SCTP);
		/* Protocol 0 too: SCTP is the only SOCK_SEQPACKET of inet. */
		if (!err && t & LANDSCOPE_TRANSPORT_SCTP)
			err = refuse(a, ESOCKTNOSUPPORT, f, SOCK_SEQPACKET, -1);
		if (!err && t & LANDSCOPE_TRANSPORT_SMC)
			err = refuse(a, EPROTONOSUPPORT, f, SOCK_STREAM,
				     LSC_IPPROTO_SMC);
		if (!err && t & LANDSCOPE_TRANSPORT_DCCP)
			err = refuse(a, ESOCKTNOSUPPORT, f, LSC_SOCK_DCCP, -1);
		if (!err && t & LANDSCOPE_TRANSPORT_UDPLITE)
			err = refuse(a, EPROTONOSUPPORT, f, SOCK_DGRAM,
				     LSC_IPPROTO_UDPLITE);
	}
	return err;
}

static int add_rules(const struct arch_ctx *a, uint32_t t)
{
	const struct scmp_arg_cmp sys_socket[] = { ARG(0, LSC_SYS_SOCKET) };
	int err = 0;

	/* First, so that it subsumes the rewritten socket() rules. */
	if (t & LANDSCOPE_TRANSPORT_SOCKETCALL && a->arch == SCMP_ARCH_X86)
		err = add(a, ENOSYS, SCMP_SYS(socketcall), 1, sys_socket);
	if (!err)
		err = refuse_inet(a, t);
	/*
	 * AF_SMC sockets run TCP underneath, in the kernel; SOCK_STREAM is
	 * the only type SMC creates.
	 */
	if (!err && t & LANDSCOPE_TRANSPORT_SMC)
		err = refuse(a, EAFNOSUPPORT, LSC_AF_SMC, SOCK_STREAM, -1);
	if (!err && t & LANDSCOPE_TRANSPORT_IO_URING)
		err = add(a, ENOSYS, SCMP_SYS(io_uring_setup), 0, NULL);
	return err;
}

/*
 * A filter for @arch alone.  Every part gets the same attributes, as
 * seccomp_merge(3) requires: no no_new_privs from libseccomp (the library
 * sets it and says so in the report), the kernel's own errno rather than
 * -ECANCELED (so that a filter refusing seccomp(2) is told apart), and
 * TSYNC when every thread is restricted.
 */
static int arch_filter(uint32_t arch, uint32_t t, bool all_threads,
		       scmp_filter_ctx *ret)
{
	struct arch_ctx a = { seccomp_init(SCMP_ACT_ALLOW), arch };
	int err;

	if (!a.ctx)
		return -ENOMEM;
	err = seccomp_attr_set(a.ctx, SCMP_FLTATR_CTL_NNP, 0);
	if (!err)
		err = seccomp_attr_set(a.ctx, SCMP_FLTATR_API_SYSRAWRC, 1);
	if (!err && all_threads)
		err = seccomp_attr_set(a.ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	if (!err && arch != seccomp_arch_native()) {
		err = seccomp_arch_add(a.ctx, arch);
		if (!err)
			err = seccomp_arch_remove(a.ctx, SCMP_ARCH_NATIVE);
	}
	if (!err)
		err = add_rules(&a, t);
	if (err) {
		seccomp_release(a.ctx);
		return err;
	}
	*ret = a.ctx;
	return 0;
}

/*
 * A process may enter the kernel through another architecture's entry:
 * int 0x80 (32-bit x86) or x32 numbers from a 64-bit x86 process, 32-bit
 * ARM on arm64.  Each gets the same rules; any other is killed
 * (libseccomp's default for an architecture not in the filter).
 */
static size_t arches(uint32_t *ret)
{
	uint32_t native = seccomp_arch_native();
	size_t n = 0;

	ret[n++] = native;
	if (native == SCMP_ARCH_X86_64 || native == SCMP_ARCH_X86 ||
	    native == SCMP_ARCH_X32) {
		if (native != SCMP_ARCH_X86_64)
			ret[n++] = SCMP_ARCH_X86_64;
		if (native != SCMP_ARCH_X86)
			ret[n++] = SCMP_ARCH_X86;
		if (native != SCMP_ARCH_X32)
			ret[n++] = SCMP_ARCH_X32;
	} else if (native == SCMP_ARCH_AARCH64) {
		ret[n++] = SCMP_ARCH_ARM;
	}
	return n;
}

int lsc_filter_install(uint32_t transports, bool all_threads)
{
	scmp_filter_ctx ctx, part;
	uint32_t arch[3];
	size_t i, n = arches(arch);
	int err;

	err = arch_filter(arch[0], transports, all_threads, &ctx);
	if (err)
		return err;
	for (i = 1; !err && i < n; i++) {
		err = arch_filter(arch[i], transports, all_threads, &part);
		if (err)
			break;
		/* On success the merged part belongs to @ctx. */
		err = seccomp_merge(ctx, part);
		if (err)
			seccomp_release(part);
	}
	if (!err)
		err = lsc_sys_load_filter(ctx);
	seccomp_release(ctx);
	/*
	 * Negative errnos already; with TSYNC seccomp(2) answers the id of
	 * a thread it could not synchronise, if libseccomp passes it on.
	 */
	return err > 0 ? -ESRCH : err;
}
#else
uint32_t lsc_filter_closable(uint32_t unmediated)
{
	(void)unmediated;
	return 0;
}

int lsc_filter_install(uint32_t transports, bool all_threads)
{
	(void)transports;
	(void)all_threads;
	return -EOPNOTSUPP;
}
#endif
