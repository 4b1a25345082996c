/* SPDX-License-Identifier: MIT */
/*
 * deny-syscall - run a command under a seccomp filter that fails one
 * syscall with one errno, as container runtimes' and systemd's filters
 * fail the Landlock syscalls they do not know (issue 21, item 7):
 *
 *   deny-syscall NR ERRNO COMMAND [ARG]...
 *
 * e.g. "deny-syscall 445 1 landscope-run ..." fails landlock_add_rule()
 * with EPERM.  Raw BPF, no libseccomp: the kernel matrix's guests run the
 * binary as it is.  Exit status 2 if the filter cannot be installed,
 * otherwise the command's (127 if it cannot be executed).
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

/* The filter must check the architecture, or a syscall number is moot. */
#if defined(__x86_64__) && defined(__ILP32__)
#define ARCH AUDIT_ARCH_X86_64 /* x32: numbers have __X32_SYSCALL_BIT */
#elif defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__i386__)
#define ARCH AUDIT_ARCH_I386
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#elif defined(__arm__)
#define ARCH AUDIT_ARCH_ARM
#elif defined(__riscv) && __riscv_xlen == 64
#define ARCH AUDIT_ARCH_RISCV64
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARCH AUDIT_ARCH_PPC64LE
#elif defined(__s390x__)
#define ARCH AUDIT_ARCH_S390X
#else
#error "deny-syscall: add this architecture's AUDIT_ARCH_*"
#endif

int main(int argc, char **argv)
{
	unsigned int nr, err;
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(filter) / sizeof(filter[0]),
		.filter = filter,
	};

	if (argc < 4) {
		fprintf(stderr, "usage: deny-syscall NR ERRNO COMMAND...\n");
		return 2;
	}
	nr = (unsigned int)strtoul(argv[1], NULL, 10);
	err = (unsigned int)strtoul(argv[2], NULL, 10);
	filter[4].k = nr;
	filter[5].k = SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA);
	/* Without privileges, a filter needs no_new_privs. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) {
		fprintf(stderr, "deny-syscall: cannot install the filter: %s\n",
			strerror(errno));
		return 2;
	}
	execvp(argv[3], argv + 3);
	fprintf(stderr, "deny-syscall: %s: %s\n", argv[3], strerror(errno));
	return 127;
}
