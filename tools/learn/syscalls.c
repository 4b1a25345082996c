/* SPDX-License-Identifier: MIT */
/*
 * From one syscall to the Landlock rights it needs.  The entry decodes
 * the arguments while they are what the kernel will use; the exit keeps
 * the accesses of a call that succeeded (--learn) or hands those of a
 * call that was refused to explain.c (--explain).
 *
 * The mapping is the kernel's (security/landlock/fs.c, net.c, task.c):
 * opening checks read_file/read_dir/write_file (truncate with O_TRUNC) on
 * the opened object; executing checks execute on the program and its
 * interpreter; making or removing a name checks make_... or remove_... on its
 * directory, and refer when a rename or link crosses directories; ioctl
 * checks ioctl_dev on a device; bind/connect check the TCP or UDP port,
 * connect on a pathname Unix socket resolve_unix; signals and abstract
 * Unix sockets outside the sandbox are scopes.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <elf.h>
#include <link.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/openat2.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#include "learn.h"

#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

#if __ELF_NATIVE_CLASS == 64
#define ELF_NATIVE_CLASS ELFCLASS64
#else
#define ELF_NATIVE_CLASS ELFCLASS32
#endif

#define FS(x) LANDSCOPE_ACCESS_FS_##x
#define NET(x) LANDSCOPE_ACCESS_NET_##x
/* The kernel opens what it executes for reading, with __FMODE_EXEC. */
#define EXEC_RIGHTS (FS(EXECUTE) | FS(READ_FILE))

const int traced_syscalls[] = {
#ifdef SYS_open
	SYS_open,
#endif
	SYS_openat,
	SYS_openat2,
#ifdef SYS_creat
	SYS_creat,
#endif
	SYS_execve,
	SYS_execveat,
#ifdef SYS_mkdir
	SYS_mkdir,
#endif
	SYS_mkdirat,
#ifdef SYS_mknod
	SYS_mknod,
#endif
	SYS_mknodat,
#ifdef SYS_symlink
	SYS_symlink,
#endif
	SYS_symlinkat,
#ifdef SYS_link
	SYS_link,
#endif
	SYS_linkat,
#ifdef SYS_rename
	SYS_rename,
#endif
	SYS_renameat,
	SYS_renameat2,
#ifdef SYS_unlink
	SYS_unlink,
#endif
	SYS_unlinkat,
#ifdef SYS_rmdir
	SYS_rmdir,
#endif
	SYS_truncate,
	SYS_ftruncate,
	SYS_ioctl,
	SYS_bind,
	SYS_connect,
	SYS_sendto,
	SYS_kill,
	SYS_tkill,
	SYS_tgkill,
	SYS_rt_sigqueueinfo,
	SYS_rt_tgsigqueueinfo,
	SYS_pidfd_send_signal,
	-1,
};

void call_clear(struct call *c)
{
	unsigned int i;

	for (i = 0; i < c->nr_accesses; i++) {
		free(c->accesses[i].path);
		free(c->accesses[i].name);
	}
	free(c->open_path);
	free(c->bound_abstract);
	memset(c, 0, sizeof(*c));
}

/* Add @rights on @path (owned), merged with an access already there. */
static struct access *add_fs(struct call *c, char *path, uint64_t rights,
			     bool created)
{
	struct access *a;
	unsigned int i;

	if (!path)
		return NULL;
	for (i = 0; i < c->nr_accesses; i++) {
		a = &c->accesses[i];
		if (a->kind == ACCESS_FS && !strcmp(a->path, path)) {
			a->rights |= rights;
			a->created |= created;
			free(path);
			return a;
		}
	}
	if (c->nr_accesses == CALL_MAX_ACCESSES) {
		free(path);
		return NULL;
	}
	a = &c->accesses[c->nr_accesses++];
	memset(a, 0, sizeof(*a));
	a->kind = ACCESS_FS;
	a->path = path;
	a->rights = rights;
	a->created = created;
	return a;
}

static void add_other(struct call *c, enum access_kind kind, uint64_t rights,
		      unsigned int port, long target, char *name)
{
	struct access *a;

	if (c->nr_accesses == CALL_MAX_ACCESSES) {
		free(name);
		return;
	}
	a = &c->accesses[c->nr_accesses++];
	memset(a, 0, sizeof(*a));
	a->kind = kind;
	a->rights = rights;
	a->port = port;
	a->target = target;
	a->name = name;
}

/* The joined path of a path argument, or NULL. */
static char *arg_path(pid_t tid, int dirfd, uint64_t addr)
{
	char buf[PATH_MAX];

	if (read_string(tid, addr, buf, sizeof(buf)))
		return NULL;
	return path_join_at(tid, dirfd, buf);
}

/* What a name of this type needs to be made, or removed. */
static uint64_t make_right(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return FS(MAKE_DIR);
	case S_IFCHR:
		return FS(MAKE_CHAR);
	case S_IFBLK:
		return FS(MAKE_BLOCK);
	case S_IFIFO:
		return FS(MAKE_FIFO);
	case S_IFSOCK:
		return FS(MAKE_SOCK);
	case S_IFLNK:
		return FS(MAKE_SYM);
	default:
		return FS(MAKE_REG);
	}
}

static uint64_t remove_right(mode_t mode)
{
	return S_ISDIR(mode) ? FS(REMOVE_DIR) : FS(REMOVE_FILE);
}

/* @joined (owned, may be NULL) resolved, its last component left as is. */
static char *resolve_joined(char *joined)
{
	bool exists;
	char *path;

	if (!joined)
		return NULL;
	path = path_resolve(joined, false, &exists);
	free(joined);
	return path;
}

/*
 * A name made at @joined (owned): the right on its directory, and the
 * name itself marked as new.
 */
static void add_make(struct call *c, char *joined, uint64_t right)
{
	char *path = resolve_joined(joined);

	if (!path)
		return;
	add_fs(c, path_parent(path), right, false);
	add_fs(c, path, 0, true);
}

static void add_remove(struct call *c, char *joined, bool dir)
{
	char *path = resolve_joined(joined);

	if (!path)
		return;
	add_fs(c, path_parent(path), dir ? FS(REMOVE_DIR) : FS(REMOVE_FILE),
	       false);
	free(path);
}

/*
 * rename and link: the source's directory loses a name (rename only), the
 * target's gains one, a name replaced there is removed, and refer is
 * needed on both when they differ.
 */
static void add_move(struct call *c, char *old_joined, char *new_joined,
		     bool is_link, bool follow, unsigned int flags)
{
	char *old_path = NULL, *new_path = NULL, *old_dir = NULL,
	     *new_dir = NULL;
	struct stat old_st, new_st;
	bool exists, new_exists;
	uint64_t old_rights = 0, new_rights = 0;

	if (!old_joined || !new_joined)
		goto out;
	old_path = path_resolve(old_joined, follow, &exists);
	new_path = path_resolve(new_joined, false, &new_exists);
	if (!old_path || !new_path || lstat(old_path, &old_st))
		goto out;
	old_dir = path_parent(old_path);
	new_dir = path_parent(new_path);
	if (!old_dir || !new_dir)
		goto out;
	new_rights |= make_right(old_st.st_mode);
	if (!is_link)
		old_rights |= remove_right(old_st.st_mode);
	if (new_exists && !lstat(new_path, &new_st)) {
		new_rights |= remove_right(new_st.st_mode);
		if (flags & RENAME_EXCHANGE)
			old_rights |= make_right(new_st.st_mode);
	}
	if (strcmp(old_dir, new_dir)) {
		new_rights |= FS(REFER);
		old_rights |= FS(REFER);
	}
	if (old_rights)
		add_fs(c, strdup(old_dir), old_rights, false);
	add_fs(c, strdup(new_dir), new_rights, false);
	add_fs(c, strdup(new_path), 0, true);
	if (flags & RENAME_EXCHANGE)
		add_fs(c, strdup(old_path), 0, true);
out:
	free(old_joined);
	free(new_joined);
	free(old_path);
	free(new_path);
	free(old_dir);
	free(new_dir);
}

static void open_entry(struct call *c, pid_t tid, int dirfd, uint64_t addr,
		       uint64_t flags)
{
	struct stat st;

	/* O_PATH opens nothing Landlock checks. */
	if (flags & O_PATH)
		return;
	c->open_path = arg_path(tid, dirfd, addr);
	if (!c->open_path)
		return;
	c->is_open = true;
	c->open_flags = flags;
	c->open_existed = !stat(c->open_path, &st);
}

/* The rights an open with @flags needs on what it opened. */
static uint64_t open_rights(uint64_t flags, bool dir, bool existed)
{
	uint64_t rights = 0;

	if (dir)
		return FS(READ_DIR);
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		rights = FS(READ_FILE);
		break;
	case O_WRONLY:
		rights = FS(WRITE_FILE);
		break;
	case O_RDWR:
		rights = FS(READ_FILE) | FS(WRITE_FILE);
		break;
	}
	/* A new file is not truncated: it is empty. */
	if ((flags & O_TRUNC) && existed && (flags & O_ACCMODE) != O_RDONLY)
		rights |= FS(TRUNCATE);
	return rights;
}

/* At exit: what the open needed, from its fd if it has one. */
static void open_exit(struct call *c, pid_t tid, long ret)
{
	bool creating = (c->open_flags & O_CREAT) && !c->open_existed;
	bool exists;
	struct stat st;
	char *path;

	if (ret >= 0)
		path = fd_path(tid, (int)ret);
	else
		path = path_resolve(c->open_path,
				    !(c->open_flags & O_NOFOLLOW) && !creating,
				    &exists);
	if (!path)
		return;
	if (creating) {
		add_fs(c, path_parent(path), FS(MAKE_REG), false);
		/* Found next time: as if it existed (O_TRUNC truncates). */
		add_fs(c, path, open_rights(c->open_flags, false, true), true);
		return;
	}
	add_fs(c, path,
	       open_rights(c->open_flags,
			   !stat(path, &st) && S_ISDIR(st.st_mode), true),
	       false);
}

/*
 * The socket of @fd in @tid, duplicated here to ask its type: the
 * tracer may (PTRACE_MODE_ATTACH), and nothing else tells a TCP socket
 * from an MPTCP one.  Return the type, with *@ret_proto and *@ret_port
 * (its bound port, 0 if unbound), or -1.
 */
static int socket_type(pid_t tid, int fd, int *ret_proto,
		       unsigned int *ret_port)
{
	int pidfd, sfd, type = -1, proto = 0;
	socklen_t len = sizeof(type);
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);

	*ret_port = 0;
	pidfd = (int)syscall(SYS_pidfd_open, tid, 0);
	if (pidfd < 0)
		return -1;
	sfd = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	close(pidfd);
	if (sfd < 0)
		return -1;
	if (getsockopt(sfd, SOL_SOCKET, SO_TYPE, &type, &len))
		type = -1;
	len = sizeof(proto);
	if (getsockopt(sfd, SOL_SOCKET, SO_PROTOCOL, &proto, &len))
		proto = 0;
	if (!getsockname(sfd, (struct sockaddr *)&ss, &sslen)) {
		if (ss.ss_family == AF_INET)
			*ret_port =
				ntohs(((struct sockaddr_in *)&ss)->sin_port);
		else if (ss.ss_family == AF_INET6)
			*ret_port =
				ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	}
	close(sfd);
	*ret_proto = proto;
	return type;
}

enum sock_op {
	SOCK_BIND,
	SOCK_CONNECT,
	SOCK_SEND
};

static void sock_entry(struct call *c, pid_t tid, int fd, uint64_t addr,
		       uint64_t addrlen, enum sock_op op)
{
	struct sockaddr_storage ss;
	size_t len = addrlen < sizeof(ss) ? addrlen : sizeof(ss);
	unsigned int port, bound;
	int type, proto;

	if (!addr || len < sizeof(sa_family_t))
		return;
	memset(&ss, 0, sizeof(ss));
	if (read_mem(tid, addr, &ss, len))
		return;
	if (ss.ss_family == AF_INET || ss.ss_family == AF_INET6) {
		port = ntohs(ss.ss_family == AF_INET
				     ? ((struct sockaddr_in *)&ss)->sin_port
				     : ((struct sockaddr_in6 *)&ss)->sin6_port);
		type = socket_type(tid, fd, &proto, &bound);
		if (type == SOCK_STREAM &&
		    (proto == IPPROTO_TCP || proto == 0)) {
			/* sendto() on a TCP socket ignores the address. */
			if (op == SOCK_SEND)
				return;
			add_other(c, ACCESS_NET,
				  op == SOCK_BIND ? NET(BIND_TCP)
						  : NET(CONNECT_TCP),
				  port, -1, NULL);
		} else if (type == SOCK_DGRAM &&
			   (proto == IPPROTO_UDP || proto == 0)) {
			if (op == SOCK_BIND) {
				add_other(c, ACCESS_NET, NET(BIND_UDP), port,
					  -1, NULL);
				return;
			}
			add_other(c, ACCESS_NET, NET(CONNECT_SEND_UDP), port,
				  -1, NULL);
			/* An unbound socket is bound to port 0 first. */
			if (!bound)
				add_other(c, ACCESS_NET, NET(BIND_UDP), 0, -1,
					  NULL);
		}
		c->record_on_error = op != SOCK_BIND;
		return;
	}
	if (ss.ss_family == AF_UNIX) {
		struct sockaddr_un *un = (struct sockaddr_un *)&ss;
		size_t n = len - offsetof(struct sockaddr_un, sun_path);
		char name[sizeof(un->sun_path) + 1];
		size_t i;

		if (len <= offsetof(struct sockaddr_un, sun_path))
			return; /* autobind */
		if (un->sun_path[0]) {
			char *joined;
			bool exists;

			memcpy(name, un->sun_path, n);
			name[n] = 0;
			joined = path_join_at(tid, AT_FDCWD, name);
			if (!joined)
				return;
			if (op == SOCK_BIND) {
				add_make(c, joined, FS(MAKE_SOCK));
				return;
			}
			add_fs(c, path_resolve(joined, true, &exists),
			       FS(RESOLVE_UNIX), false);
			free(joined);
			c->record_on_error = true;
			return;
		}
		/* An abstract name: its NULs as '@', as ss(8) shows them. */
		for (i = 1; i < n; i++)
			name[i - 1] = un->sun_path[i] ? un->sun_path[i] : '@';
		name[n ? n - 1 : 0] = 0;
		if (op == SOCK_BIND)
			c->bound_abstract = strdup(name);
		else
			add_other(c, ACCESS_SCOPE,
				  LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET, 0, -1,
				  strdup(name));
	}
}

/* The pid a pidfd of @tid refers to, from its fdinfo. */
static long pidfd_target(pid_t tid, int fd)
{
	char name[64], line[128];
	long pid = -1;
	FILE *f;

	snprintf(name, sizeof(name), "/proc/%d/fdinfo/%d", (int)tid, fd);
	f = fopen(name, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Pid: %ld", &pid) == 1)
			break;
	fclose(f);
	return pid;
}

static void signal_entry(struct call *c, long target, long sig)
{
	/*
	 * Signal 0 is checked too (it tells whether the target exists);
	 * groups and "everyone" are not followed.
	 */
	(void)sig;
	if (target <= 0)
		return;
	add_other(c, ACCESS_SCOPE, LANDSCOPE_SCOPE_SIGNAL, 0, target, NULL);
}

/* ioctl commands Landlock never checks (security/landlock/fs.c). */
static bool ioctl_exempt(unsigned long cmd)
{
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
	case FIONBIO:
	case FIOASYNC:
	case FIOQSIZE:
	case FIFREEZE:
	case FITHAW:
	case FS_IOC_FIEMAP:
	case FIGETBSZ:
	case FICLONE:
	case FICLONERANGE:
	case FIDEDUPERANGE:
	case FIONREAD:
		return true;
	default:
		return false;
	}
}

static void ioctl_entry(struct call *c, pid_t tid, int fd, unsigned long cmd)
{
	struct stat st;
	char *path;

	if (ioctl_exempt(cmd))
		return;
	path = fd_path(tid, fd);
	if (!path)
		return;
	if (stat(path, &st) || !(S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))) {
		free(path);
		return;
	}
	add_fs(c, path, FS(IOCTL_DEV), false);
	/* ENOTTY and the like come after Landlock's check. */
	c->record_on_error = true;
}

void call_entry(struct learn_ctx *ctx, struct tracee *t)
{
	struct call *c = &t->call;
	const uint64_t *a = c->args;
	pid_t tid = t->tid;
	struct open_how how;
	struct stat st;
	char *path;
	bool exists;

	(void)ctx;
	switch (c->nr) {
#ifdef SYS_open
	case SYS_open:
		open_entry(c, tid, AT_FDCWD, a[0], a[1]);
		break;
#endif
#ifdef SYS_creat
	case SYS_creat:
		open_entry(c, tid, AT_FDCWD, a[0],
			   O_CREAT | O_WRONLY | O_TRUNC);
		break;
#endif
	case SYS_openat:
		open_entry(c, tid, (int)a[0], a[1], a[2]);
		break;
	case SYS_openat2:
		if (a[3] >= sizeof(uint64_t) &&
		    !read_mem(tid, a[2], &how, sizeof(how.flags)))
			open_entry(c, tid, (int)a[0], a[1], how.flags);
		break;
	case SYS_execve:
	case SYS_execveat:
		path = c->nr == SYS_execve ? arg_path(tid, AT_FDCWD, a[0])
					   : arg_path(tid, (int)a[0], a[1]);
		if (path) {
			add_fs(c,
			       path_resolve(path,
					    c->nr == SYS_execve ||
						    !(a[4] &
						      AT_SYMLINK_NOFOLLOW),
					    &exists),
			       EXEC_RIGHTS, false);
			free(path);
		}
		c->is_exec = true;
		break;
#ifdef SYS_mkdir
	case SYS_mkdir:
		add_make(c, arg_path(tid, AT_FDCWD, a[0]), FS(MAKE_DIR));
		break;
#endif
	case SYS_mkdirat:
		add_make(c, arg_path(tid, (int)a[0], a[1]), FS(MAKE_DIR));
		break;
#ifdef SYS_mknod
	case SYS_mknod:
		add_make(c, arg_path(tid, AT_FDCWD, a[0]),
			 make_right((mode_t)a[1]));
		break;
#endif
	case SYS_mknodat:
		add_make(c, arg_path(tid, (int)a[0], a[1]),
			 make_right((mode_t)a[2]));
		break;
#ifdef SYS_symlink
	case SYS_symlink:
		add_make(c, arg_path(tid, AT_FDCWD, a[1]), FS(MAKE_SYM));
		break;
#endif
	case SYS_symlinkat:
		add_make(c, arg_path(tid, (int)a[1], a[2]), FS(MAKE_SYM));
		break;
#ifdef SYS_unlink
	case SYS_unlink:
		add_remove(c, arg_path(tid, AT_FDCWD, a[0]), false);
		break;
#endif
#ifdef SYS_rmdir
	case SYS_rmdir:
		add_remove(c, arg_path(tid, AT_FDCWD, a[0]), true);
		break;
#endif
	case SYS_unlinkat:
		add_remove(c, arg_path(tid, (int)a[0], a[1]),
			   a[2] & AT_REMOVEDIR);
		break;
#ifdef SYS_link
	case SYS_link:
		add_move(c, arg_path(tid, AT_FDCWD, a[0]),
			 arg_path(tid, AT_FDCWD, a[1]), true, false, 0);
		break;
#endif
	case SYS_linkat:
		add_move(c, arg_path(tid, (int)a[0], a[1]),
			 arg_path(tid, (int)a[2], a[3]), true,
			 a[4] & AT_SYMLINK_FOLLOW, 0);
		break;
#ifdef SYS_rename
	case SYS_rename:
		add_move(c, arg_path(tid, AT_FDCWD, a[0]),
			 arg_path(tid, AT_FDCWD, a[1]), false, false, 0);
		break;
#endif
	case SYS_renameat:
		add_move(c, arg_path(tid, (int)a[0], a[1]),
			 arg_path(tid, (int)a[2], a[3]), false, false, 0);
		break;
	case SYS_renameat2:
		add_move(c, arg_path(tid, (int)a[0], a[1]),
			 arg_path(tid, (int)a[2], a[3]), false, false,
			 (unsigned int)a[4]);
		break;
	case SYS_truncate:
		path = arg_path(tid, AT_FDCWD, a[0]);
		if (path) {
			add_fs(c, path_resolve(path, true, &exists),
			       FS(TRUNCATE), false);
			free(path);
		}
		break;
	case SYS_ftruncate:
		path = fd_path(tid, (int)a[0]);
		if (path && !stat(path, &st) && S_ISREG(st.st_mode))
			add_fs(c, path, FS(TRUNCATE), false);
		else
			free(path);
		break;
	case SYS_ioctl:
		ioctl_entry(c, tid, (int)a[0], (unsigned long)a[1]);
		break;
	case SYS_bind:
		sock_entry(c, tid, (int)a[0], a[1], a[2], SOCK_BIND);
		break;
	case SYS_connect:
		sock_entry(c, tid, (int)a[0], a[1], a[2], SOCK_CONNECT);
		break;
	case SYS_sendto:
		sock_entry(c, tid, (int)a[0], a[4], a[5], SOCK_SEND);
		break;
	case SYS_kill:
		signal_entry(c,
			     (long)(int)a[0] < -1 ? -(long)(int)a[0]
						  : (long)(int)a[0],
			     (long)a[1]);
		break;
	case SYS_tkill:
		signal_entry(c, (long)(int)a[0], (long)a[1]);
		break;
	case SYS_tgkill:
	case SYS_rt_tgsigqueueinfo:
		signal_entry(c, (long)(int)a[0], (long)a[2]);
		break;
	case SYS_rt_sigqueueinfo:
		signal_entry(c, (long)(int)a[0], (long)a[1]);
		break;
	case SYS_pidfd_send_signal:
		signal_entry(c, pidfd_target(tid, (int)a[0]), (long)a[1]);
		break;
	}
}

/* Errors a call gets before Landlock could have looked at it. */
static bool early_error(long ret)
{
	switch (-ret) {
	case EBADF:
	case ENOTSOCK:
	case EINVAL:
	case EAFNOSUPPORT:
	case EFAULT:
	case EISCONN:
	case EALREADY:
	case ENOENT:
	case ENOTDIR:
	case EACCES:
	case EPERM:
		return true;
	default:
		return false;
	}
}

/*
 * Errors of a device's own open, which the kernel calls after Landlock's
 * check: /dev/tty without a controlling terminal is ENXIO, but EACCES
 * under a policy that does not allow it.
 */
static bool driver_error(long ret)
{
	switch (-ret) {
	case ENXIO:
	case ENODEV:
	case EBUSY:
	case ENOMEDIUM:
	case EIO:
		return true;
	default:
		return false;
	}
}

static void keep(struct learn_ctx *ctx, struct tracee *t)
{
	struct call *c = &t->call;
	unsigned int i;

	for (i = 0; i < c->nr_accesses; i++)
		record_add(ctx, t, &c->accesses[i]);
	if (c->bound_abstract) {
		char **n = realloc(ctx->abstract,
				   (ctx->nr_abstract + 1) * sizeof(*n));

		if (n) {
			ctx->abstract = n;
			n[ctx->nr_abstract++] = c->bound_abstract;
			c->bound_abstract = NULL;
		}
	}
}

void call_exit(struct learn_ctx *ctx, struct tracee *t, long ret)
{
	struct call *c = &t->call;
	unsigned int i;

	/* A failed open costs nothing more unless explaining. */
	if (c->is_open && (ret >= 0 || ctx->explain || driver_error(ret)))
		open_exit(c, t->tid, ret);
	if (ctx->explain) {
		/* Landlock says EACCES, EPERM for scopes, EXDEV for refer. */
		if (ret == -EACCES || ret == -EPERM || ret == -EXDEV)
			for (i = 0; i < c->nr_accesses; i++)
				explain_denied(ctx, t, &c->accesses[i],
					       (int)-ret);
	} else if (ret >= 0 || (c->record_on_error && !early_error(ret)) ||
		   (c->is_open && driver_error(ret))) {
		keep(ctx, t);
	}
	call_clear(c);
}

/* The ELF interpreter of @exe, which the kernel opens to execute it. */
static char *elf_interp(const char *exe)
{
	ElfW(Ehdr) eh;
	ElfW(Phdr) ph;
	char buf[PATH_MAX];
	char *out = NULL;
	unsigned int i;
	int fd;

	fd = open(exe, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELF_NATIVE_CLASS ||
	    eh.e_phentsize != sizeof(ph))
		goto out;
	for (i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph),
			  (off_t)(eh.e_phoff + i * sizeof(ph))) != sizeof(ph))
			goto out;
		if (ph.p_type != PT_INTERP || ph.p_filesz >= sizeof(buf) ||
		    !ph.p_filesz)
			continue;
		if (pread(fd, buf, ph.p_filesz, (off_t)ph.p_offset) !=
		    (ssize_t)ph.p_filesz)
			goto out;
		buf[ph.p_filesz] = 0;
		out = realpath(buf, NULL);
		break;
	}
out:
	close(fd);
	return out;
}

void call_exec(struct learn_ctx *ctx, struct tracee *t)
{
	struct call *c = &t->call;
	char link[64], *exe;
	FILE *f;

	ctx->ran = true;
	snprintf(link, sizeof(link), "/proc/%d/comm", (int)t->tid);
	f = fopen(link, "re");
	if (f) {
		if (fgets(t->comm, sizeof(t->comm), f))
			t->comm[strcspn(t->comm, "\n")] = 0;
		fclose(f);
	}
	if (ctx->explain) {
		call_clear(c);
		return;
	}
	/* A script's interpreter is executed too, and so is ld.so. */
	snprintf(link, sizeof(link), "/proc/%d/exe", (int)t->tid);
	exe = realpath(link, NULL);
	if (exe) {
		add_fs(c, elf_interp(exe), EXEC_RIGHTS, false);
		add_fs(c, exe, EXEC_RIGHTS, false);
	}
	keep(ctx, t);
	call_clear(c);
}
