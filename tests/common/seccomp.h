/* SPDX-License-Identifier: MIT */
/*
 * A seccomp filter that fails one syscall with one errno, as container
 * runtimes' and systemd's filters fail the Landlock syscalls they do not
 * know (issue 21, item 7).  Raw BPF, no libseccomp, so that the kernel
 * matrix's guests run the programs as they are.
 */
#ifndef LANDSCOPE_TEST_SECCOMP_H
#define LANDSCOPE_TEST_SECCOMP_H

/*
 * Set no_new_privs (a filter needs it without CAP_SYS_ADMIN) and install
 * a filter that fails syscall @nr with @err, allows every other syscall
 * of this architecture and kills the process for any other architecture.
 * Return 0 or a negative errno; -EOPNOTSUPP on an architecture this file
 * does not know.
 */
int test_deny_syscall(unsigned int nr, unsigned int err);

#endif /* LANDSCOPE_TEST_SECCOMP_H */
