// SPDX-License-Identifier: MIT
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"

bool child_run(void (*fn)(const void *arg, void *res), const void *arg,
	       void *res, size_t size)
{
	int p[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return false;
	/* What is buffered would be printed by both processes. */
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return false;
	}
	if (pid == 0) {
		close(p[0]);
		fn(arg, res);
		_exit(write(p[1], res, size) == (ssize_t)size ? 0 : 1);
	}
	close(p[1]);
	do {
		n = read(p[0], res, size);
	} while (n < 0 && errno == EINTR);
	close(p[0]);
	if (waitpid(pid, &status, 0) < 0)
		return false;
	return n == (ssize_t)size && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}
