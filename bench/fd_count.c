// SPDX-License-Identifier: MIT
/*
 * The most fds held at once, by replacing open(), syscall() and close()
 * for the whole process as alloc_count.c does malloc: the library opens
 * paths with open(), makes its Landlock syscalls with syscall() and closes
 * with close(), and the raw variants do the same.  fcntl(F_DUPFD_CLOEXEC)
 * (add_fd) is not counted: the benchmark does not use it.  Single-threaded
 * use only; glibc only (dlsym of the next definition).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>

#include "fd_count.h"

#define MAX_FD (1 << 20)

static unsigned char mine[MAX_FD / 8];
static int held, peak;

static void seen(long fd)
{
	if (fd < 0 || fd >= MAX_FD)
		return;
	mine[fd / 8] |= 1 << (fd % 8);
	if (++held > peak)
		peak = held;
}

int close(int fd)
{
	static int (*next)(int);

	if (!next)
		next = (int (*)(int))dlsym(RTLD_NEXT, "close");
	if (fd >= 0 && fd < MAX_FD && mine[fd / 8] & (1 << (fd % 8))) {
		mine[fd / 8] &= ~(1 << (fd % 8));
		held--;
	}
	return next(fd);
}

int open(const char *path, int flags, ...)
{
	static int (*next)(const char *, int, ...);
	mode_t mode = 0;
	va_list ap;
	int fd;

	if (!next)
		next = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT,
							      "open");
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	fd = next(path, flags, mode);
	seen(fd);
	return fd;
}

long syscall(long nr, ...)
{
	static long (*next)(long, ...);
	long a[6], ret;
	va_list ap;
	int i;

	if (!next)
		next = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	ret = next(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	/* Only landlock_create_ruleset() makes an fd among the callers'. */
	if (nr == 444)
		seen(ret);
	return ret;
}

void fd_count_reset(void)
{
	peak = held;
}

int fd_count_peak(void)
{
	return peak;
}

int fd_count_held(void)
{
	return held;
}
