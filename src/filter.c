// SPDX-License-Identifier: MIT
/*
 * The seccomp filter that refuses the transports the enforced network
 * rights miss (transport.c decides which).  The program is a few dozen
 * classic BPF instructions written here rather than by libseccomp: a
 * sandboxer starts once per command, and libseccomp's compiler cost it
 * 14% of a sandboxed /bin/true against the kernel's sample (bench/run,
 * exec_bench), more than the whole rest of the library.  The parts
 * libseccomp would get right for us are kept explicit and tested in the
 * unit suite by running the program on every entry point below: each
 * architecture a process can enter the kernel through, the x32 numbers,
 * and arguments compared on their low 32 bits only.
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
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <liblandscope/landscope.h>

#include "filter.h"
#include "syscall.h"
#include "transport.h"

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>

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
#define LSC_X32_BIT 0x40000000U

/*
 * The entry points, by audit architecture.  A 64-bit x86 process can
 * also enter through int 0x80 (32-bit numbers) and with x32 numbers
 * (the same architecture, bit 30 set), a 32-bit x86 one can far-jump to
 * 64-bit code: every x86 build covers all three, with their numbers
 * written out since only the build's own are in its headers.  32-bit ARM
 * code runs on arm64.  Elsewhere, the build's own numbers only.
 */
#ifndef LSC_HAVE_FILTER
/* -Dseccomp=disabled: no filter, and the report says so. */
#elif defined(__x86_64__) || defined(__i386__)
static const struct lsc_filter_entry native_entries[] = {
	{ AUDIT_ARCH_X86_64,
	  { 41, 41 | LSC_X32_BIT },
	  { 425, 425 | LSC_X32_BIT },
	  -1 },
	{ AUDIT_ARCH_I386, { 359, -1 }, { 425, -1 }, 102 },
};
#elif defined(__aarch64__) && !defined(__AARCH64EB__)
static const struct lsc_filter_entry native_entries[] = {
	{ AUDIT_ARCH_AARCH64, { 198, -1 }, { 425, -1 }, -1 },
	{ AUDIT_ARCH_ARM, { 281, -1 }, { 425, -1 }, -1 },
};
#else
#if defined(__arm__) && !defined(__ARMEB__)
#define LSC_AUDIT_ARCH AUDIT_ARCH_ARM
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LSC_AUDIT_ARCH AUDIT_ARCH_PPC64LE
#elif defined(__powerpc64__)
#define LSC_AUDIT_ARCH AUDIT_ARCH_PPC64
#elif defined(__powerpc__)
#define LSC_AUDIT_ARCH AUDIT_ARCH_PPC
#elif defined(__s390x__)
#define LSC_AUDIT_ARCH AUDIT_ARCH_S390X
#elif defined(__riscv) && __riscv_xlen == 64
#define LSC_AUDIT_ARCH AUDIT_ARCH_RISCV64
#elif defined(__loongarch64)
#define LSC_AUDIT_ARCH AUDIT_ARCH_LOONGARCH64
#elif defined(__mips__) && defined(_ABI64) && defined(__MIPSEL__)
#define LSC_AUDIT_ARCH AUDIT_ARCH_MIPSEL64
#elif defined(__mips__) && defined(_ABI64)
#define LSC_AUDIT_ARCH AUDIT_ARCH_MIPS64
#elif defined(__mips__) && defined(_ABIO32) && defined(__MIPSEL__)
#define LSC_AUDIT_ARCH AUDIT_ARCH_MIPSEL
#elif defined(__mips__) && defined(_ABIO32)
#define LSC_AUDIT_ARCH AUDIT_ARCH_MIPS
#endif
#ifdef LSC_AUDIT_ARCH
#ifndef __NR_socketcall
#define __NR_socketcall -1
#endif
static const struct lsc_filter_entry native_entries[] = {
	{ LSC_AUDIT_ARCH,
	  { __NR_socket, -1 },
	  { __NR_io_uring_setup, -1 },
	  __NR_socketcall },
};
#endif
#endif

#ifndef LSC_HAVE_FILTER
#define NR_NATIVE_ENTRIES 0
#elif defined(LSC_AUDIT_ARCH)
#define NR_NATIVE_ENTRIES 1
#elif defined(__x86_64__) || defined(__i386__) || \
	(defined(__aarch64__) && !defined(__AARCH64EB__))
#define NR_NATIVE_ENTRIES 2
#else
/* An architecture this file does not know: no filter, and reported. */
#define NR_NATIVE_ENTRIES 0
#endif

/*
 * A tiny assembler: jumps name a label, resolved when the program is
 * complete, so that the blocks can be written in reading order.
 */
struct fixup {
	unsigned short insn;
	bool jt;
	unsigned char label;
};

struct as {
	struct sock_filter *insn;
	unsigned int len, max;
	struct fixup fix[LSC_FILTER_MAX_INSNS];
	unsigned int nr_fix;
	int label[LSC_FILTER_MAX_LABELS];
	unsigned int nr_labels;
	bool overflow;
};

static unsigned int emit(struct as *a, uint16_t code, uint32_t k)
{
	if (a->len >= a->max) {
		a->overflow = true;
		return 0;
	}
	a->insn[a->len] = (struct sock_filter){ code, 0, 0, k };
	return a->len++;
}

static unsigned int new_label(struct as *a)
{
	if (a->nr_labels >= LSC_FILTER_MAX_LABELS) {
		a->overflow = true;
		return 0;
	}
	a->label[a->nr_labels] = -1;
	return a->nr_labels++;
}

static void place(struct as *a, unsigned int label)
{
	a->label[label] = (int)a->len;
}

static void jump_to(struct as *a, unsigned int insn, bool jt,
		    unsigned int label)
{
	if (a->overflow)
		return;
	if (a->nr_fix >= LSC_FILTER_MAX_INSNS) {
		a->overflow = true;
		return;
	}
	a->fix[a->nr_fix++] = (struct fixup){ (unsigned short)insn, jt,
					      (unsigned char)label };
}

/* if (A == @k) goto @label; else fall through. */
static void jeq(struct as *a, uint32_t k, unsigned int label)
{
	jump_to(a, emit(a, BPF_JMP | BPF_JEQ | BPF_K, k), true, label);
}

/*
 * Whether a jump so far leads to @label: jumps only go forward, so a
 * block nothing jumped to before its place is dead, and left out.
 */
static bool used(const struct as *a, unsigned int label)
{
	unsigned int i;

	for (i = 0; i < a->nr_fix; i++)
		if (a->fix[i].label == label)
			return true;
	return false;
}

static int resolve(struct as *a)
{
	unsigned int i;

	if (a->overflow)
		return -E2BIG;
	for (i = 0; i < a->nr_fix; i++) {
		const struct fixup *f = &a->fix[i];
		int to = a->label[f->label];
		long off = (long)to - f->insn - 1;

		/* Classic BPF jumps only forward, 8 bits of offset. */
		if (to < 0 || off < 0 || off > 255)
			return -E2BIG;
		if (f->jt)
			a->insn[f->insn].jt = (uint8_t)off;
		else
			a->insn[f->insn].jf = (uint8_t)off;
	}
	return 0;
}

static void load(struct as *a, uint32_t offset)
{
	emit(a, BPF_LD | BPF_W | BPF_ABS, offset);
}

/*
 * The low half of a 64-bit argument: the kernel reads int arguments
 * from it, so comparing the whole register would let a caller pass the
 * filter by setting the high half.
 */
static void load_arg(struct as *a, unsigned int n)
{
	uint32_t off = (uint32_t)offsetof(struct seccomp_data, args[n]);

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	off += 4;
#endif
	load(a, off);
}

static void ret(struct as *a, uint32_t action)
{
	emit(a, BPF_RET | BPF_K, action);
}

static uint32_t ret_errno(int err)
{
	return SECCOMP_RET_ERRNO | ((uint32_t)err & SECCOMP_RET_DATA);
}

#define T(x) LANDSCOPE_TRANSPORT_##x

/* The labels every block may jump to. */
struct exits {
	unsigned int sock, socketcall, enosys, eproto, esockt, eafno;
};

/*
 * Which socket() calls are refused: a tree on the family, then the type
 * (without SOCK_NONBLOCK and SOCK_CLOEXEC), then the protocol.
 *   AF_INET, AF_INET6: SOCK_STREAM with IPPROTO_MPTCP, IPPROTO_SCTP or
 *     IPPROTO_SMC: EPROTONOSUPPORT; SOCK_SEQPACKET, any protocol (SCTP
 *     is the only inet one): ESOCKTNOSUPPORT; SOCK_DCCP: the same;
 *     SOCK_DGRAM with IPPROTO_UDPLITE: EPROTONOSUPPORT.
 *   AF_SMC, SOCK_STREAM (the only type it creates, TCP underneath, in
 *     the kernel): EAFNOSUPPORT.
 * The kernel runs the program once per syscall and once more per
 * syscall number when it is loaded (to cache the ones it always allows),
 * so the tree keeps every other syscall's path, and the program, short:
 * it is loaded on every sandboxed start.
 */
static void socket_tree(struct as *a, const struct exits *x, uint32_t t)
{
	unsigned int inet = new_label(a), smc = new_label(a);
	unsigned int stream = new_label(a), dgram = new_label(a);

	if (!used(a, x->sock))
		return;
	place(a, x->sock);
	load_arg(a, 0);
	jeq(a, AF_INET, inet);
	jeq(a, AF_INET6, inet);
	if (t & T(SMC))
		jeq(a, LSC_AF_SMC, smc);
	ret(a, SECCOMP_RET_ALLOW);

	place(a, inet);
	load_arg(a, 1);
	emit(a, BPF_ALU | BPF_AND | BPF_K, LSC_SOCK_TYPE_MASK);
	if (t & (T(MPTCP) | T(SCTP) | T(SMC)))
		jeq(a, SOCK_STREAM, stream);
	if (t & T(SCTP))
		jeq(a, SOCK_SEQPACKET, x->esockt);
	if (t & T(DCCP))
		jeq(a, LSC_SOCK_DCCP, x->esockt);
	if (t & T(UDPLITE))
		jeq(a, SOCK_DGRAM, dgram);
	ret(a, SECCOMP_RET_ALLOW);

	if (used(a, stream)) {
		place(a, stream);
		load_arg(a, 2);
		if (t & T(MPTCP))
			jeq(a, LSC_IPPROTO_MPTCP, x->eproto);
		if (t & T(SCTP))
			jeq(a, LSC_IPPROTO_SCTP, x->eproto);
		if (t & T(SMC))
			jeq(a, LSC_IPPROTO_SMC, x->eproto);
		ret(a, SECCOMP_RET_ALLOW);
	}
	if (used(a, dgram)) {
		place(a, dgram);
		load_arg(a, 2);
		jeq(a, LSC_IPPROTO_UDPLITE, x->eproto);
		ret(a, SECCOMP_RET_ALLOW);
	}
	if (used(a, smc)) {
		place(a, smc);
		load_arg(a, 1);
		emit(a, BPF_ALU | BPF_AND | BPF_K, LSC_SOCK_TYPE_MASK);
		jeq(a, SOCK_STREAM, x->eafno);
		ret(a, SECCOMP_RET_ALLOW);
	}
}

/* The syscalls of one entry point that lead anywhere but ALLOW. */
static void entry_block(struct as *a, const struct exits *x,
			const struct lsc_filter_entry *e, uint32_t t)
{
	bool sockets = t & (T(MPTCP) | T(SCTP) | T(SMC) | T(DCCP) | T(UDPLITE));
	size_t i;

	load(a, offsetof(struct seccomp_data, nr));
	for (i = 0; sockets && i < 2; i++)
		if (e->socket[i] >= 0)
			jeq(a, (uint32_t)e->socket[i], x->sock);
	for (i = 0; t & T(IO_URING) && i < 2; i++)
		if (e->io_uring_setup[i] >= 0)
			jeq(a, (uint32_t)e->io_uring_setup[i], x->enosys);
	if (t & T(SOCKETCALL) && e->socketcall >= 0)
		jeq(a, (uint32_t)e->socketcall, x->socketcall);
	ret(a, SECCOMP_RET_ALLOW);
}

int lsc_filter_build(const struct lsc_filter_entry *entries, size_t n,
		     uint32_t transports, struct sock_filter *insn,
		     unsigned int max)
{
	struct as a = { .insn = insn, .max = max };
	unsigned int block[LSC_FILTER_MAX_ENTRIES];
	struct exits x;
	const struct {
		const unsigned int *label;
		int err;
	} errs[] = { { &x.enosys, ENOSYS },
		     { &x.eproto, EPROTONOSUPPORT },
		     { &x.esockt, ESOCKTNOSUPPORT },
		     { &x.eafno, EAFNOSUPPORT } };
	size_t i;
	int err;

	if (!n || n > LSC_FILTER_MAX_ENTRIES)
		return -EINVAL;
	x.sock = new_label(&a);
	x.socketcall = new_label(&a);
	x.enosys = new_label(&a);
	x.eproto = new_label(&a);
	x.esockt = new_label(&a);
	x.eafno = new_label(&a);

	load(&a, offsetof(struct seccomp_data, arch));
	for (i = 0; i < n; i++) {
		block[i] = new_label(&a);
		jeq(&a, entries[i].arch, block[i]);
	}
	/* An entry point the filter does not know could pass it: none. */
	ret(&a, SECCOMP_RET_KILL_PROCESS);
	for (i = 0; i < n; i++) {
		place(&a, block[i]);
		entry_block(&a, &x, &entries[i], transports);
	}

	/* socketcall's arguments are in memory: its socket() refused whole. */
	if (used(&a, x.socketcall)) {
		place(&a, x.socketcall);
		load_arg(&a, 0);
		jeq(&a, LSC_SYS_SOCKET, x.enosys);
		ret(&a, SECCOMP_RET_ALLOW);
	}

	socket_tree(&a, &x, transports);

	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		if (!used(&a, *errs[i].label))
			continue;
		place(&a, *errs[i].label);
		ret(&a, ret_errno(errs[i].err));
	}

	err = resolve(&a);
	return err ? err : (int)a.len;
}

const struct lsc_filter_entry *lsc_filter_native(size_t *ret_n)
{
	*ret_n = NR_NATIVE_ENTRIES;
#if NR_NATIVE_ENTRIES
	return native_entries;
#else
	return NULL;
#endif
}

uint32_t lsc_filter_closable(uint32_t unmediated)
{
#if !NR_NATIVE_ENTRIES
	(void)unmediated;
	return 0;
#elif defined(__i386__)
	/* The native socketcall(2) is how i386 libcs create every socket. */
	return unmediated & ~LANDSCOPE_TRANSPORT_SOCKETCALL;
#else
	return unmediated;
#endif
}

int lsc_filter_install(uint32_t transports, bool all_threads)
{
	struct sock_filter insn[LSC_FILTER_MAX_INSNS];
	struct sock_fprog prog;
	const struct lsc_filter_entry *e;
	size_t n;
	int len, err;

	e = lsc_filter_native(&n);
	if (!n)
		return -EOPNOTSUPP;
	len = lsc_filter_build(e, n, transports, insn, LSC_FILTER_MAX_INSNS);
	if (len < 0)
		return len;
	prog.len = (unsigned short)len;
	prog.filter = insn;
	err = lsc_sys_load_filter(&prog,
				  all_threads ? SECCOMP_FILTER_FLAG_TSYNC : 0);
	/* With TSYNC, the id of a thread the kernel could not synchronise. */
	return err > 0 ? -ESRCH : err;
}
