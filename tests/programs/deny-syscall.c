/* SPDX-License-Identifier: MIT */
/*
 * deny-syscall - run a command under a seccomp filter that fails one
 * syscall with one errno (tests/common/seccomp.h), as a container runtime
 * may fail the Landlock syscalls (issue 21, item 7):
 *
 *   deny-syscall NR ERRNO COMMAND [ARG]...
 *
 * e.g. "deny-syscall 445 1 landscope-run ..." fails landlock_add_rule()
 * with EPERM.  Exit status 2 if the filter cannot be installed,
 * otherwise the command's (127 if it cannot be executed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seccomp.h"

int main(int argc, char **argv)
{
	int err;

	if (argc < 4) {
		fprintf(stderr, "usage: deny-syscall NR ERRNO COMMAND...\n");
		return 2;
	}
	err = test_deny_syscall((unsigned int)strtoul(argv[1], NULL, 10),
				(unsigned int)strtoul(argv[2], NULL, 10));
	if (err) {
		fprintf(stderr, "deny-syscall: cannot install the filter: %s\n",
			strerror(-err));
		return 2;
	}
	execvp(argv[3], argv + 3);
	fprintf(stderr, "deny-syscall: %s: %s\n", argv[3], strerror(errno));
	return 127;
}
