// SPDX-License-Identifier: MIT
/*
 * The only file that enters the kernel.  Keeping every syscall here lets the
 * unit suite replace the kernel with the linker's --wrap and simulate any
 * Landlock ABI, and keeps the errno convention in one place.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/syscall.h>

#include "bits.h"
#include "syscall.h"
#include "uapi/landlock.h"

static int neg_errno(long ret)
{
	if (ret >= 0)
		return (int)ret;
	/* A failing syscall always sets errno; never return -0. */
	return errno > 0 ? -errno : -EIO;
}

int lsc_sys_create_ruleset(const void *attr, size_t size, uint32_t flags)
{
	struct lsc_ruleset_attr k;

	/*
	 * The library's scope bits are the kernel's but for the companion
	 * inbound scopes (bits.c): the one place they are translated.
	 */
	if (attr && size >= LSC_RULESET_ATTR_SIZE_V6 && size <= sizeof(k)) {
		memset(&k, 0, sizeof(k));
		memcpy(&k, attr, size);
		k.scoped = lsc_scope_to_kernel(k.scoped);
		k.quiet_scoped = lsc_scope_to_kernel(k.quiet_scoped);
		attr = &k;
	}
	return neg_errno(
		syscall(__NR_landlock_create_ruleset, attr, size, flags));
}

int lsc_sys_add_rule(int ruleset_fd, int rule_type, const void *attr,
		     uint32_t flags)
{
	return neg_errno(syscall(__NR_landlock_add_rule, ruleset_fd, rule_type,
				 attr, flags));
}

int lsc_sys_restrict_self(int ruleset_fd, uint32_t flags)
{
	return neg_errno(
		syscall(__NR_landlock_restrict_self, ruleset_fd, flags));
}

int lsc_sys_set_no_new_privs(void)
{
	return neg_errno(prctl(PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L));
}

int lsc_sys_get_no_new_privs(void)
{
	return neg_errno(prctl(PR_GET_NO_NEW_PRIVS, 0L, 0L, 0L, 0L));
}

int lsc_sys_open_path(const char *path)
{
	return neg_errno(open(path, O_PATH | O_CLOEXEC));
}

int lsc_sys_open_dir(const char *path)
{
	return neg_errno(open(path, O_PATH | O_DIRECTORY | O_CLOEXEC));
}

int lsc_sys_dup(int fd)
{
	return neg_errno(fcntl(fd, F_DUPFD_CLOEXEC, 3));
}

int lsc_sys_is_dir(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return neg_errno(-1);
	return S_ISDIR(st.st_mode) ? 1 : 0;
}

int lsc_sys_close(int fd)
{
	/* Linux closes the fd even when close() fails with EINTR: no retry. */
	return neg_errno(close(fd));
}

int lsc_sys_load_filter(const struct sock_fprog *prog, unsigned int flags)
{
	return neg_errno(
		syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, flags, prog));
}
