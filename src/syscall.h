/* SPDX-License-Identifier: MIT */
/*
 * The raw kernel interface.  src/syscall.c is the only file that enters the
 * kernel; the unit suite replaces each of these functions with the linker's
 * --wrap, so every one of them must be called from another object file and
 * keep exactly this prototype.
 *
 * Each returns a non-negative value on success and a negative errno value on
 * failure, never -1 with errno.
 */
#ifndef LANDSCOPE_SYSCALL_H
#define LANDSCOPE_SYSCALL_H

#include <stddef.h>
#include <stdint.h>

/* landlock_create_ruleset(2): a ruleset fd, the ABI or the errata mask. */
int lsc_sys_create_ruleset(const void *attr, size_t size, uint32_t flags);
/* landlock_add_rule(2). */
int lsc_sys_add_rule(int ruleset_fd, int rule_type, const void *attr,
		     uint32_t flags);
/* landlock_restrict_self(2). */
int lsc_sys_restrict_self(int ruleset_fd, uint32_t flags);
/* prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0). */
int lsc_sys_set_no_new_privs(void);
/* 1 if no_new_privs is set, 0 if not, or a negative errno. */
int lsc_sys_get_no_new_privs(void);
/* open(path, O_PATH | O_CLOEXEC): an fd. */
int lsc_sys_open_path(const char *path);
/* open(path, O_PATH | O_DIRECTORY | O_CLOEXEC): an fd, -ENOTDIR if not one. */
int lsc_sys_open_dir(const char *path);
/* fcntl(fd, F_DUPFD_CLOEXEC, 3): an fd. */
int lsc_sys_dup(int fd);
/* fstat(fd): 1 if a directory, 0 if not. */
int lsc_sys_is_dir(int fd);
/* close(fd). */
int lsc_sys_close(int fd);
/*
 * seccomp(SECCOMP_SET_MODE_FILTER, flags, prog): 0, a negative errno, or
 * with SECCOMP_FILTER_FLAG_TSYNC the id of a thread it could not join.
 */
struct sock_fprog;
int lsc_sys_load_filter(const struct sock_fprog *prog, unsigned int flags);

#endif /* LANDSCOPE_SYSCALL_H */
