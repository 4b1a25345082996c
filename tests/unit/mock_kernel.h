/* SPDX-License-Identifier: MIT */
/*
 * A small simulated kernel for the unit suite.  The library's raw syscall
 * layer (src/syscall.h) is replaced with the linker's --wrap; every
 * __wrap_lsc_sys_* lands here, where a configurable Landlock (any ABI, any
 * set of supported bits, errata, attr size) answers the way the real
 * security/landlock/syscalls.c does, hands out fake fds it accounts for,
 * logs every call and fails any call on request.
 *
 * The layouts below are written out again on purpose instead of including
 * the library's private uapi copy: a mistake there must show up as a test
 * failure, not be shared by the model.
 */
#ifndef LANDSCOPE_MOCK_KERNEL_H
#define LANDSCOPE_MOCK_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kernel's struct landlock_ruleset_attr at its largest (ABI 10). */
struct mock_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
	uint64_t quiet_access_fs;
	uint64_t quiet_access_net;
	uint64_t quiet_scoped;
};

struct mock_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

struct mock_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};

#define MOCK_CREATE_VERSION (1U << 0)
#define MOCK_CREATE_ERRATA (1U << 1)
#define MOCK_RULE_PATH_BENEATH 1
#define MOCK_RULE_NET_PORT 2
#define MOCK_ADD_RULE_QUIET (1U << 0)
#define MOCK_RESTRICT_LOG_SAME_EXEC_OFF (1U << 0)
#define MOCK_RESTRICT_LOG_NEW_EXEC_ON (1U << 1)
#define MOCK_RESTRICT_LOG_SUBDOMAINS_OFF (1U << 2)
#define MOCK_RESTRICT_TSYNC (1U << 3)
#define MOCK_RESTRICT_NO_NEW_PRIVS (1U << 4)

/* Rights a rule on a non-directory may carry. */
#define MOCK_ACCESS_FILE                                          \
	((1ULL << 0) | (1ULL << 1) | (1ULL << 2) | (1ULL << 14) | \
	 (1ULL << 15) | (1ULL << 16))

enum mock_sys {
	MOCK_CREATE_RULESET = 0,
	MOCK_ADD_RULE,
	MOCK_RESTRICT_SELF,
	MOCK_SET_NNP,
	MOCK_OPEN_PATH,
	MOCK_DUP,
	MOCK_IS_DIR,
	MOCK_CLOSE,
	MOCK_OPEN_DIR,
	MOCK_LOAD_FILTER,
	MOCK_NR_SYS
};

/* What the simulated kernel supports.  mock_kernel_abi() fills it. */
struct mock_config {
	/*
	 * 0 when Landlock is usable; -ENOSYS (not built in) or -EOPNOTSUPP
	 * (disabled at boot): every Landlock syscall then fails with it.
	 */
	int unavailable;
	int abi; /* answer to CREATE_RULESET_VERSION */
	bool errata_flag; /* CREATE_RULESET_ERRATA known */
	uint64_t errata; /* answer to CREATE_RULESET_ERRATA */
	size_t attr_size; /* struct size the kernel knows: 8..48 */
	uint64_t access_fs; /* accepted handled_access_fs bits */
	uint64_t access_net; /* accepted handled_access_net bits */
	uint64_t scoped; /* accepted scoped bits */
	bool net_rules; /* LANDLOCK_RULE_NET_PORT known */
	uint32_t add_rule_flags; /* accepted add_rule flags */
	uint32_t restrict_flags; /* accepted restrict_self flags */
	bool cap_sys_admin; /* restrict_self allowed without NNP */
	unsigned int max_fds; /* open fds before -EMFILE */
};

/* One enforced layer, as the simulated kernel recorded it. */
struct mock_layer {
	struct mock_ruleset_attr attr;
	unsigned int nr_rules;
	uint32_t flags; /* restrict_self flags */
};

/* One logged call. */
struct mock_call {
	enum mock_sys sys;
	int ret;
	int fd; /* ruleset_fd, the fd argument */
	int rule_type;
	uint32_t flags;
	size_t size; /* create_ruleset size */
	bool attr_null;
	/* create_ruleset: the first 64 bytes; add_rule: the rule attr. */
	unsigned char attr[64];
	char path[128];
};

#define MOCK_MAX_LAYERS 16
#define MOCK_MAX_CALLS 4096

struct mock_kernel {
	struct mock_config cfg;
	bool nnp;
	unsigned int nr_layers;
	struct mock_layer layers[MOCK_MAX_LAYERS];
	unsigned int nr_calls;
	struct mock_call calls[MOCK_MAX_CALLS];
	unsigned int count[MOCK_NR_SYS];
	unsigned int bad_closes; /* close() of an fd never handed out */
	/* seccomp filters loaded (the transport filter, issue 23). */
	unsigned int nr_filters;
	unsigned int filter_flags; /* the last filter's seccomp(2) flags */
};

extern struct mock_kernel mock;

/* Forget everything (fds must have been closed) and simulate @abi. */
void mock_kernel_reset(void);
/*
 * Configure the model of upstream ABI @abi: 0 is "not built in" (ENOSYS),
 * numbers above 11 keep ABI 11's bits.
 */
void mock_kernel_abi(int abi);
/* Landlock built in but disabled at boot (lsm= without it). */
void mock_kernel_disabled(void);

/*
 * A file system.  @type: 1 a directory, 0 anything else, a negative errno
 * makes open fail with it.  "/", "/usr", "/etc", "/tmp" (directories) and
 * "/etc/passwd", "/bin/sh" (files) exist after a reset.  Unknown paths
 * give -ENOENT, or -ENOTDIR below a known non-directory ("/etc/passwd/x");
 * O_DIRECTORY gives -ENOTDIR for a non-directory.
 */
void mock_fs_add(const char *path, int type);

/*
 * Make the @nth next call (1: the next one) to @sys fail with -@err,
 * without any other effect.  @nth = 0: every call from now on.
 */
void mock_fail(enum mock_sys sys, unsigned int nth, int err);
/* Stop every injected failure. */
void mock_fail_clear(void);
/* Forget the call log and counters (not the kernel state). */
void mock_log_clear(void);

/* An fd as open(O_PATH) would give it to the test itself. */
int mock_open(const char *path);
/* Number of fds handed out and not closed. */
unsigned int mock_open_fds(void);
/* True if @fd is an open fd of the mock. */
bool mock_fd_is_open(int fd);

/* The @nth (0: first) logged call to @sys, or NULL. */
const struct mock_call *mock_call_nth(enum mock_sys sys, unsigned int nth);
/* The last logged call to @sys, or NULL. */
const struct mock_call *mock_call_last(enum mock_sys sys);
/*
 * The last create_ruleset that created a ruleset (flags 0, success):
 * its attr copied into @attr, zero-filled past its size.  Returns the
 * size passed to the kernel, 0 if there was none.
 */
size_t mock_last_ruleset(struct mock_ruleset_attr *attr);
/* Number of successful add_rule calls since the last log clear. */
unsigned int mock_rules_added(void);

/* The wrapped functions, callable directly by the mock's own tests. */
int __wrap_lsc_sys_create_ruleset(const void *attr, size_t size,
				  uint32_t flags);
int __wrap_lsc_sys_add_rule(int ruleset_fd, int rule_type, const void *attr,
			    uint32_t flags);
int __wrap_lsc_sys_restrict_self(int ruleset_fd, uint32_t flags);
int __wrap_lsc_sys_set_no_new_privs(void);
int __wrap_lsc_sys_get_no_new_privs(void);
int __wrap_lsc_sys_open_path(const char *path);
int __wrap_lsc_sys_open_dir(const char *path);
int __wrap_lsc_sys_dup(int fd);
int __wrap_lsc_sys_is_dir(int fd);
int __wrap_lsc_sys_close(int fd);
struct sock_fprog;
int __wrap_lsc_sys_load_filter(const struct sock_fprog *prog,
			       unsigned int flags);

#endif /* LANDSCOPE_MOCK_KERNEL_H */
