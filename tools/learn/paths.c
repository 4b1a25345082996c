/* SPDX-License-Identifier: MIT */
/*
 * A tracee's memory and paths, read from outside.  Landlock checks the
 * object the kernel resolved, not the string a program gave: so paths are
 * taken from /proc/TID/fd/N once the kernel has opened them, and resolved
 * here (every symbolic link followed) only when there is no fd to ask.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "learn.h"

/*
 * Up to @size bytes of the tracee's memory at @addr: process_vm_readv(2),
 * or, on a kernel built without it (CONFIG_CROSS_MEMORY_ATTACH, which
 * small kernels leave out), /proc/TID/mem, which a tracer may read too.
 */
static ssize_t peek(pid_t tid, uint64_t addr, void *buf, size_t size)
{
	struct iovec local = { .iov_base = buf, .iov_len = size };
	struct iovec remote = { .iov_base = (void *)(uintptr_t)addr,
				.iov_len = size };
	char name[64];
	ssize_t n;
	int fd;

	n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
	if (n >= 0 || errno != ENOSYS)
		return n;
	snprintf(name, sizeof(name), "/proc/%d/mem", (int)tid);
	fd = open(name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = pread(fd, buf, size, (off_t)addr);
	close(fd);
	return n;
}

int read_mem(pid_t tid, uint64_t addr, void *buf, size_t size)
{
	if (!addr)
		return -EFAULT;
	return peek(tid, addr, buf, size) == (ssize_t)size ? 0 : -EFAULT;
}

/*
 * A NUL-terminated string, read a page at a time: one read across the end
 * of the mapping that holds the string would fail as a whole.
 */
int read_string(pid_t tid, uint64_t addr, char *buf, size_t size)
{
	size_t done = 0;

	if (!addr)
		return -EFAULT;
	while (done < size - 1) {
		size_t chunk = 4096 - ((addr + done) & 4095);
		ssize_t n;
		char *nul;

		if (chunk > size - 1 - done)
			chunk = size - 1 - done;
		n = peek(tid, addr + done, buf + done, chunk);
		if (n <= 0)
			return -EFAULT;
		nul = memchr(buf + done, 0, (size_t)n);
		if (nul)
			return 0;
		done += (size_t)n;
	}
	buf[size - 1] = 0;
	return -ENAMETOOLONG;
}

static char *read_link(const char *link)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(link, buf, sizeof(buf) - 1);

	if (n <= 0)
		return NULL;
	buf[n] = 0;
	return strdup(buf);
}

/* The kernel's name for an fd whose file was removed since. */
#define DELETED " (deleted)"

char *fd_path(pid_t tid, int fd)
{
	char link[64];
	char *p;
	size_t len;

	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)tid, fd);
	p = read_link(link);
	/* Pipes, sockets, anonymous inodes: nothing Landlock names. */
	if (!p || p[0] != '/') {
		free(p);
		return NULL;
	}
	len = strlen(p);
	if (len > strlen(DELETED) &&
	    !strcmp(p + len - strlen(DELETED), DELETED) && access(p, F_OK))
		p[len - strlen(DELETED)] = 0;
	return p;
}

char *path_join_at(pid_t tid, int dirfd, const char *path)
{
	char link[64], *base, *out;

	if (path[0] == '/')
		return strdup(path);
	if (dirfd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)tid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)tid, dirfd);
	base = read_link(link);
	if (!base)
		return NULL;
	if (!*path) /* AT_EMPTY_PATH */
		return base;
	if (asprintf(&out, "%s/%s", strcmp(base, "/") ? base : "", path) < 0)
		out = NULL;
	free(base);
	return out;
}

char *path_parent(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return NULL;
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* Without a trailing slash and without "." or ".." as its last component. */
static void split_last(char *abs, char **last)
{
	size_t len = strlen(abs);

	while (len > 1 && abs[len - 1] == '/')
		abs[--len] = 0;
	*last = strrchr(abs, '/');
}

char *path_resolve(const char *abs, bool follow_last, bool *exists)
{
	char *copy, *last, *dir, *out = NULL;
	struct stat st;

	*exists = false;
	if (follow_last) {
		out = realpath(abs, NULL);
		if (out) {
			*exists = true;
			return out;
		}
	}
	copy = strdup(abs);
	if (!copy)
		return NULL;
	split_last(copy, &last);
	if (!last || !strcmp(last + 1, ".") || !strcmp(last + 1, "..") ||
	    !last[1]) {
		out = realpath(copy, NULL);
		*exists = out != NULL;
		free(copy);
		return out;
	}
	*last = 0;
	dir = realpath(*copy ? copy : "/", NULL);
	if (dir) {
		if (asprintf(&out, "%s/%s", strcmp(dir, "/") ? dir : "",
			     last + 1) < 0)
			out = NULL;
		free(dir);
		if (out)
			*exists = !lstat(out, &st);
	}
	free(copy);
	return out;
}
