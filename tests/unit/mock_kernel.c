// SPDX-License-Identifier: MIT
/*
 * The simulated kernel behind the unit suite: see mock_kernel.h.  The order
 * of the checks in each syscall follows security/landlock/syscalls.c, since
 * the library's probe depends on which error comes first (e.g. EPERM before
 * EINVAL in restrict_self, EINVAL for an unknown bit before ENOMSG).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/filter.h>
#include <linux/seccomp.h>

#include "mock_kernel.h"

/* Fake fds start far above anything the test process has open. */
#define MOCK_FD_BASE 1000
#define MOCK_FD_SLOTS 2048
#define MOCK_NR_RULESETS 256
#define MOCK_NR_FILES 64
#define MOCK_NR_FAILS 16
#define MOCK_PAGE_SIZE 4096

enum mock_fd_kind {
	MOCK_FD_FREE = 0,
	MOCK_FD_PATH,
	MOCK_FD_RULESET,
};

struct mock_ruleset {
	unsigned int refs;
	struct mock_ruleset_attr attr;
	unsigned int nr_rules;
};

struct mock_fd {
	enum mock_fd_kind kind;
	bool is_dir;
	int ruleset; /* index in rulesets[], for MOCK_FD_RULESET */
};

struct mock_file {
	char path[128];
	int type;
};

struct mock_fail_rule {
	bool active;
	bool always;
	enum mock_sys sys;
	unsigned int remaining;
	int err;
};

struct mock_kernel mock;

static struct mock_fd fds[MOCK_FD_SLOTS];
static struct mock_ruleset rulesets[MOCK_NR_RULESETS];
static struct mock_file files[MOCK_NR_FILES];
static unsigned int nr_files;
static struct mock_fail_rule fails[MOCK_NR_FAILS];
static unsigned int nr_rules_added;

static uint64_t bits_below(unsigned int n)
{
	return (UINT64_C(1) << n) - 1;
}

void mock_kernel_abi(int abi)
{
	struct mock_config *c = &mock.cfg;

	memset(c, 0, sizeof(*c));
	c->max_fds = 64;
	c->abi = abi;
	if (abi <= 0) {
		c->abi = 0;
		c->unavailable = -ENOSYS;
		return;
	}
	/* Backported to every stable kernel with Landlock (May 2025). */
	c->errata_flag = true;
	/* Erratum 3 (abi-1.h) on every ABI, 1 from ABI 4, 2 from ABI 6. */
	c->errata = (1U << 2) | (abi >= 4 ? 1U << 0 : 0) |
		    (abi >= 6 ? 1U << 1 : 0);
	c->attr_size = abi >= 10 ? 48 : abi >= 6 ? 24 : abi >= 4 ? 16 : 8;
	c->access_fs = bits_below(13);
	if (abi >= 2)
		c->access_fs |= 1ULL << 13;
	if (abi >= 3)
		c->access_fs |= 1ULL << 14;
	if (abi >= 5)
		c->access_fs |= 1ULL << 15;
	if (abi >= 9)
		c->access_fs |= 1ULL << 16;
	if (abi >= 4) {
		c->net_rules = true;
		c->access_net = bits_below(abi >= 10 ? 4 : 2);
	}
	if (abi >= 6)
		c->scoped = bits_below(2);
	if (abi >= 7)
		c->restrict_flags = bits_below(3);
	if (abi >= 8)
		c->restrict_flags |= MOCK_RESTRICT_TSYNC;
	if (abi >= 10)
		c->add_rule_flags = MOCK_ADD_RULE_QUIET;
	if (abi >= 11)
		c->restrict_flags |= MOCK_RESTRICT_NO_NEW_PRIVS;
}

void mock_kernel_disabled(void)
{
	mock_kernel_abi(0);
	mock.cfg.unavailable = -EOPNOTSUPP;
}

void mock_fs_add(const char *path, int type)
{
	unsigned int i;

	for (i = 0; i < nr_files; i++) {
		if (!strcmp(files[i].path, path)) {
			files[i].type = type;
			return;
		}
	}
	if (nr_files == MOCK_NR_FILES)
		return;
	snprintf(files[nr_files].path, sizeof(files[nr_files].path), "%s",
		 path);
	files[nr_files].type = type;
	nr_files++;
}

void mock_kernel_reset(void)
{
	memset(&mock, 0, sizeof(mock));
	memset(fds, 0, sizeof(fds));
	memset(rulesets, 0, sizeof(rulesets));
	memset(fails, 0, sizeof(fails));
	nr_files = 0;
	nr_rules_added = 0;
	mock_kernel_abi(11);
	mock_fs_add("/", 1);
	mock_fs_add("/usr", 1);
	mock_fs_add("/etc", 1);
	mock_fs_add("/tmp", 1);
	mock_fs_add("/etc/passwd", 0);
	mock_fs_add("/bin/sh", 0);
}

void mock_fail(enum mock_sys sys, unsigned int nth, int err)
{
	unsigned int i;

	for (i = 0; i < MOCK_NR_FAILS; i++) {
		if (fails[i].active)
			continue;
		fails[i].active = true;
		fails[i].always = nth == 0;
		fails[i].sys = sys;
		/* Counted from the call after this one. */
		fails[i].remaining = nth;
		fails[i].err = err;
		return;
	}
}

void mock_fail_clear(void)
{
	memset(fails, 0, sizeof(fails));
}

void mock_log_clear(void)
{
	mock.nr_calls = 0;
	memset(mock.count, 0, sizeof(mock.count));
	nr_rules_added = 0;
}

/* An injected error for this call to @sys, or 0. */
static int injected(enum mock_sys sys)
{
	int err = 0;
	unsigned int i;

	for (i = 0; i < MOCK_NR_FAILS; i++) {
		struct mock_fail_rule *f = &fails[i];

		if (!f->active || f->sys != sys)
			continue;
		if (f->always) {
			err = -f->err;
			continue;
		}
		if (--f->remaining == 0) {
			f->active = false;
			err = -f->err;
		}
	}
	return err;
}

static struct mock_call *log_call(enum mock_sys sys)
{
	struct mock_call *c;

	mock.count[sys]++;
	if (mock.nr_calls == MOCK_MAX_CALLS)
		return NULL;
	c = &mock.calls[mock.nr_calls++];
	memset(c, 0, sizeof(*c));
	c->sys = sys;
	return c;
}

static int log_ret(struct mock_call *c, int ret)
{
	if (c)
		c->ret = ret;
	return ret;
}

static struct mock_fd *get_fd(int fd)
{
	if (fd < MOCK_FD_BASE || fd >= MOCK_FD_BASE + MOCK_FD_SLOTS)
		return NULL;
	if (fds[fd - MOCK_FD_BASE].kind == MOCK_FD_FREE)
		return NULL;
	return &fds[fd - MOCK_FD_BASE];
}

unsigned int mock_open_fds(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < MOCK_FD_SLOTS; i++)
		if (fds[i].kind != MOCK_FD_FREE)
			n++;
	return n;
}

bool mock_fd_is_open(int fd)
{
	return get_fd(fd) != NULL;
}

/* The lowest free fd, as the kernel hands them out; -EMFILE if none. */
static int alloc_fd(enum mock_fd_kind kind, bool is_dir, int ruleset)
{
	unsigned int i;

	if (mock_open_fds() >= mock.cfg.max_fds)
		return -EMFILE;
	for (i = 0; i < MOCK_FD_SLOTS; i++) {
		if (fds[i].kind != MOCK_FD_FREE)
			continue;
		fds[i].kind = kind;
		fds[i].is_dir = is_dir;
		fds[i].ruleset = ruleset;
		if (kind == MOCK_FD_RULESET)
			rulesets[ruleset].refs++;
		return MOCK_FD_BASE + (int)i;
	}
	return -EMFILE;
}

static void free_fd(struct mock_fd *f)
{
	if (f->kind == MOCK_FD_RULESET)
		rulesets[f->ruleset].refs--;
	memset(f, 0, sizeof(*f));
}

static int alloc_ruleset(const struct mock_ruleset_attr *attr)
{
	int i, fd;

	for (i = 0; i < MOCK_NR_RULESETS; i++)
		if (!rulesets[i].refs)
			break;
	if (i == MOCK_NR_RULESETS)
		return -ENOMEM;
	memset(&rulesets[i], 0, sizeof(rulesets[i]));
	rulesets[i].attr = *attr;
	fd = alloc_fd(MOCK_FD_RULESET, false, i);
	return fd;
}

/* Like the kernel's get_ruleset_from_fd(). */
static struct mock_ruleset *get_ruleset(int fd, int *err)
{
	struct mock_fd *f = get_fd(fd);

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (f->kind != MOCK_FD_RULESET) {
		*err = -EBADFD;
		return NULL;
	}
	return &rulesets[f->ruleset];
}

static bool all_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static bool subset(uint64_t a, uint64_t b)
{
	return (a & ~b) == 0;
}

int __wrap_lsc_sys_create_ruleset(const void *attr, size_t size, uint32_t flags)
{
	struct mock_call *c = log_call(MOCK_CREATE_RULESET);
	struct mock_ruleset_attr ra;
	int err;

	if (c) {
		c->flags = flags;
		c->size = size;
		c->attr_null = !attr;
		if (attr)
			memcpy(c->attr, attr, size < 64 ? size : 64);
	}
	err = injected(MOCK_CREATE_RULESET);
	if (err)
		return log_ret(c, err);
	if (mock.cfg.unavailable)
		return log_ret(c, mock.cfg.unavailable);
	if (flags) {
		if (attr || size)
			return log_ret(c, -EINVAL);
		if (flags == MOCK_CREATE_VERSION)
			return log_ret(c, mock.cfg.abi);
		if (flags == MOCK_CREATE_ERRATA && mock.cfg.errata_flag)
			return log_ret(c, (int)mock.cfg.errata);
		return log_ret(c, -EINVAL);
	}
	/* copy_min_struct_from_user() */
	if (!attr)
		return log_ret(c, -EFAULT);
	if (size < 8)
		return log_ret(c, -EINVAL);
	if (size > MOCK_PAGE_SIZE)
		return log_ret(c, -E2BIG);
	memset(&ra, 0, sizeof(ra));
	if (size > mock.cfg.attr_size) {
		/* copy_struct_from_user(): unknown trailing bytes must be 0. */
		if (!all_zero((const unsigned char *)attr + mock.cfg.attr_size,
			      size - mock.cfg.attr_size))
			return log_ret(c, -E2BIG);
		memcpy(&ra, attr, mock.cfg.attr_size);
	} else {
		memcpy(&ra, attr, size < sizeof(ra) ? size : sizeof(ra));
	}
	if (!subset(ra.handled_access_fs, mock.cfg.access_fs) ||
	    !subset(ra.handled_access_net, mock.cfg.access_net) ||
	    !subset(ra.scoped, mock.cfg.scoped))
		return log_ret(c, -EINVAL);
	/* ABI 10: the quiet sets must be subsets of the handled ones. */
	if (!subset(ra.quiet_access_fs, ra.handled_access_fs) ||
	    !subset(ra.quiet_access_net, ra.handled_access_net) ||
	    !subset(ra.quiet_scoped, ra.scoped))
		return log_ret(c, -EINVAL);
	if (!ra.handled_access_fs && !ra.handled_access_net && !ra.scoped)
		return log_ret(c, -ENOMSG);
	return log_ret(c, alloc_ruleset(&ra));
}

static int add_path_beneath(struct mock_ruleset *rs,
			    const struct mock_path_beneath_attr *pb,
			    uint32_t flags)
{
	struct mock_fd *parent;

	if (!pb->allowed_access && !(flags & MOCK_ADD_RULE_QUIET))
		return -ENOMSG;
	if (!subset(pb->allowed_access, rs->attr.handled_access_fs))
		return -EINVAL;
	parent = get_fd(pb->parent_fd);
	if (!parent)
		return -EBADF;
	if (parent->kind != MOCK_FD_PATH)
		return -EBADFD;
	/* landlock_append_fs_rule(): directory rights need a directory. */
	if (!parent->is_dir && !subset(pb->allowed_access, MOCK_ACCESS_FILE))
		return -EINVAL;
	return 0;
}

static int add_net_port(struct mock_ruleset *rs,
			const struct mock_net_port_attr *np, uint32_t flags)
{
	if (!np->allowed_access && !(flags & MOCK_ADD_RULE_QUIET))
		return -ENOMSG;
	if (!subset(np->allowed_access, rs->attr.handled_access_net))
		return -EINVAL;
	if (np->port > 65535)
		return -EINVAL;
	return 0;
}

int __wrap_lsc_sys_add_rule(int ruleset_fd, int rule_type, const void *attr,
			    uint32_t flags)
{
	struct mock_call *c = log_call(MOCK_ADD_RULE);
	struct mock_path_beneath_attr pb;
	struct mock_net_port_attr np;
	struct mock_ruleset *rs;
	int err;

	if (c) {
		c->fd = ruleset_fd;
		c->rule_type = rule_type;
		c->flags = flags;
		c->attr_null = !attr;
		if (attr && rule_type == MOCK_RULE_PATH_BENEATH)
			memcpy(c->attr, attr, sizeof(pb));
		else if (attr && rule_type == MOCK_RULE_NET_PORT)
			memcpy(c->attr, attr, sizeof(np));
	}
	err = injected(MOCK_ADD_RULE);
	if (err)
		return log_ret(c, err);
	if (mock.cfg.unavailable)
		return log_ret(c, mock.cfg.unavailable);
	if (!subset(flags, mock.cfg.add_rule_flags))
		return log_ret(c, -EINVAL);
	rs = get_ruleset(ruleset_fd, &err);
	if (!rs)
		return log_ret(c, err);
	if (rule_type == MOCK_RULE_PATH_BENEATH) {
		if (!attr)
			return log_ret(c, -EFAULT);
		memcpy(&pb, attr, sizeof(pb));
		err = add_path_beneath(rs, &pb, flags);
	} else if (rule_type == MOCK_RULE_NET_PORT && mock.cfg.net_rules) {
		if (!attr)
			return log_ret(c, -EFAULT);
		memcpy(&np, attr, sizeof(np));
		err = add_net_port(rs, &np, flags);
	} else {
		err = -EINVAL;
	}
	if (!err) {
		rs->nr_rules++;
		nr_rules_added++;
	}
	return log_ret(c, err);
}

int __wrap_lsc_sys_restrict_self(int ruleset_fd, uint32_t flags)
{
	struct mock_call *c = log_call(MOCK_RESTRICT_SELF);
	struct mock_ruleset *rs;
	struct mock_layer *l;
	bool nnp_flag;
	int err;

	if (c) {
		c->fd = ruleset_fd;
		c->flags = flags;
	}
	err = injected(MOCK_RESTRICT_SELF);
	if (err)
		return log_ret(c, err);
	if (mock.cfg.unavailable)
		return log_ret(c, mock.cfg.unavailable);
	/*
	 * The ABI 11 flag stands in for prctl(PR_SET_NO_NEW_PRIVS): the
	 * permission check is then met by the flag itself.
	 */
	nnp_flag = (flags & MOCK_RESTRICT_NO_NEW_PRIVS) &&
		   (mock.cfg.restrict_flags & MOCK_RESTRICT_NO_NEW_PRIVS);
	if (!mock.nnp && !mock.cfg.cap_sys_admin && !nnp_flag)
		return log_ret(c, -EPERM);
	if (!subset(flags, mock.cfg.restrict_flags))
		return log_ret(c, -EINVAL);
	/* ABI 7: fd -1 with LOG_SUBDOMAINS_OFF only sets that option. */
	if (ruleset_fd == -1 &&
	    (flags & ~MOCK_RESTRICT_TSYNC) == MOCK_RESTRICT_LOG_SUBDOMAINS_OFF)
		return log_ret(c, 0);
	rs = get_ruleset(ruleset_fd, &err);
	if (!rs)
		return log_ret(c, err);
	if (mock.nr_layers >= MOCK_MAX_LAYERS)
		return log_ret(c, -E2BIG);
	l = &mock.layers[mock.nr_layers++];
	l->attr = rs->attr;
	l->nr_rules = rs->nr_rules;
	l->flags = flags;
	if (nnp_flag)
		mock.nnp = true;
	return log_ret(c, 0);
}

int __wrap_lsc_sys_set_no_new_privs(void)
{
	struct mock_call *c = log_call(MOCK_SET_NNP);
	int err = injected(MOCK_SET_NNP);

	if (err)
		return log_ret(c, err);
	mock.nnp = true;
	return log_ret(c, 0);
}

/* Not a logged call: it changes nothing. */
int __wrap_lsc_sys_get_no_new_privs(void)
{
	return mock.nnp;
}

static const struct mock_file *find_file(const char *path, size_t len)
{
	unsigned int i;

	for (i = 0; i < nr_files; i++)
		if (strlen(files[i].path) == len &&
		    !strncmp(files[i].path, path, len))
			return &files[i];
	return NULL;
}

/* Path walk: a non-directory before a later component is ENOTDIR. */
static bool below_file(const char *path)
{
	const char *slash;

	for (slash = strchr(path + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		const struct mock_file *f =
			find_file(path, (size_t)(slash - path));

		if (f && f->type == 0)
			return true;
	}
	return false;
}

static int open_path(const char *path, bool directory)
{
	const struct mock_file *f = find_file(path, strlen(path));

	if (f && f->type < 0)
		return f->type;
	if (below_file(path))
		return -ENOTDIR;
	if (!f)
		return -ENOENT;
	if (directory && f->type != 1)
		return -ENOTDIR;
	return alloc_fd(MOCK_FD_PATH, f->type == 1, 0);
}

static int sys_open(enum mock_sys sys, const char *path)
{
	struct mock_call *c = log_call(sys);
	int err;

	if (c && path)
		snprintf(c->path, sizeof(c->path), "%s", path);
	err = injected(sys);
	if (err)
		return log_ret(c, err);
	if (!path)
		return log_ret(c, -EFAULT);
	return log_ret(c, open_path(path, sys == MOCK_OPEN_DIR));
}

int __wrap_lsc_sys_open_path(const char *path)
{
	return sys_open(MOCK_OPEN_PATH, path);
}

int __wrap_lsc_sys_open_dir(const char *path)
{
	return sys_open(MOCK_OPEN_DIR, path);
}

int __wrap_lsc_sys_dup(int fd)
{
	struct mock_call *c = log_call(MOCK_DUP);
	struct mock_fd *f;
	int err;

	if (c)
		c->fd = fd;
	err = injected(MOCK_DUP);
	if (err)
		return log_ret(c, err);
	f = get_fd(fd);
	if (!f)
		return log_ret(c, -EBADF);
	return log_ret(c, alloc_fd(f->kind, f->is_dir, f->ruleset));
}

int __wrap_lsc_sys_is_dir(int fd)
{
	struct mock_call *c = log_call(MOCK_IS_DIR);
	struct mock_fd *f;
	int err;

	if (c)
		c->fd = fd;
	err = injected(MOCK_IS_DIR);
	if (err)
		return log_ret(c, err);
	f = get_fd(fd);
	if (!f)
		return log_ret(c, -EBADF);
	return log_ret(c, f->is_dir ? 1 : 0);
}

int __wrap_lsc_sys_close(int fd)
{
	struct mock_call *c = log_call(MOCK_CLOSE);
	struct mock_fd *f;
	int err;

	if (c)
		c->fd = fd;
	f = get_fd(fd);
	if (!f) {
		mock.bad_closes++;
		return log_ret(c, -EBADF);
	}
	/* Linux releases the fd even when close() reports an error. */
	free_fd(f);
	err = injected(MOCK_CLOSE);
	return log_ret(c, err);
}

/*
 * seccomp(2) of a filter: it needs no_new_privs or CAP_SYS_ADMIN
 * (EACCES), and a program (EINVAL).  The program itself runs in the
 * filter test (an interpreter) and in the kernel suite.
 */
int __wrap_lsc_sys_load_filter(const struct sock_fprog *prog,
			       unsigned int flags)
{
	struct mock_call *c = log_call(MOCK_LOAD_FILTER);
	int err = injected(MOCK_LOAD_FILTER);

	if (!err && !prog)
		err = -EFAULT;
	if (!err && (!prog->len || prog->len > BPF_MAXINSNS))
		err = -EINVAL;
	if (!err && flags & ~SECCOMP_FILTER_FLAG_TSYNC)
		err = -EINVAL;
	if (!err)
		mock.filter_flags = flags;
	if (!err && !mock.nnp && !mock.cfg.cap_sys_admin)
		err = -EACCES;
	if (!err)
		mock.nr_filters++;
	return log_ret(c, err);
}

int mock_open(const char *path)
{
	return open_path(path, false);
}

const struct mock_call *mock_call_nth(enum mock_sys sys, unsigned int nth)
{
	unsigned int i;

	for (i = 0; i < mock.nr_calls; i++) {
		if (mock.calls[i].sys != sys)
			continue;
		if (nth-- == 0)
			return &mock.calls[i];
	}
	return NULL;
}

const struct mock_call *mock_call_last(enum mock_sys sys)
{
	unsigned int i;

	for (i = mock.nr_calls; i-- > 0;)
		if (mock.calls[i].sys == sys)
			return &mock.calls[i];
	return NULL;
}

size_t mock_last_ruleset(struct mock_ruleset_attr *attr)
{
	unsigned int i;

	for (i = mock.nr_calls; i-- > 0;) {
		const struct mock_call *c = &mock.calls[i];

		if (c->sys != MOCK_CREATE_RULESET || c->flags || c->ret < 0)
			continue;
		memset(attr, 0, sizeof(*attr));
		memcpy(attr, c->attr,
		       c->size < sizeof(*attr) ? c->size : sizeof(*attr));
		return c->size;
	}
	return 0;
}

unsigned int mock_rules_added(void)
{
	return nr_rules_added;
}
