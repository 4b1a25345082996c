/* SPDX-License-Identifier: MIT */
/*
 * liblandscope: a userspace library over the Linux Landlock syscalls.
 *
 * Conventions, for every function below:
 * - Functions return 0 (or a count) on success and a negative errno value
 *   on failure; errno itself is left untouched.  Every errno a function can
 *   return is listed in its comment; anything else is a library bug.
 * - Every fd the library opens is O_CLOEXEC from birth and is closed by the
 *   library; no call leaks an fd or memory on any error path.
 * - Access rights and scope bits have the kernel's values, so the kernel's
 *   uapi documentation applies to them unchanged.
 * - Landlock restricts the calling thread and the processes it creates
 *   later.  Other threads that already exist are restricted only with
 *   LANDSCOPE_RESTRICT_ALL_THREADS on a kernel with Landlock ABI 8 (TSYNC).
 *   Call landscope_ruleset_restrict_self() before creating threads, or ask
 *   for all threads and check the report.
 *
 * This header is C89 and C++ clean; only fixed-width integers appear in
 * structures.
 */
#ifndef LIBLANDSCOPE_LANDSCOPE_H
#define LIBLANDSCOPE_LANDSCOPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The newest Landlock ABI version this release of the library knows. */
#define LANDSCOPE_ABI_LAST 11

/*
 * Filesystem access rights (handled_access_fs / allowed_access).  The
 * comment gives the first Landlock ABI that has the right.
 */
#define LANDSCOPE_ACCESS_FS_EXECUTE (UINT64_C(1) << 0) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_WRITE_FILE (UINT64_C(1) << 1) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_READ_FILE (UINT64_C(1) << 2) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_READ_DIR (UINT64_C(1) << 3) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_REMOVE_DIR (UINT64_C(1) << 4) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_REMOVE_FILE (UINT64_C(1) << 5) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_MAKE_CHAR (UINT64_C(1) << 6) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_MAKE_DIR (UINT64_C(1) << 7) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_MAKE_REG (UINT64_C(1) << 8) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_MAKE_SOCK (UINT64_C(1) << 9) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_MAKE_FIFO (UINT64_C(1) << 10) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_MAKE_BLOCK (UINT64_C(1) << 11) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_MAKE_SYM (UINT64_C(1) << 12) /* ABI 1 */
#define LANDSCOPE_ACCESS_FS_REFER (UINT64_C(1) << 13) /* ABI 2 */
#define LANDSCOPE_ACCESS_FS_TRUNCATE (UINT64_C(1) << 14) /* ABI 3 */
#define LANDSCOPE_ACCESS_FS_IOCTL_DEV (UINT64_C(1) << 15) /* ABI 5 */
#define LANDSCOPE_ACCESS_FS_RESOLVE_UNIX (UINT64_C(1) << 16) /* ABI 9 */

/* Every filesystem right this library knows. */
#define LANDSCOPE_ACCESS_FS_ALL ((UINT64_C(1) << 17) - 1)

/* The rights the kernel accepts on a rule whose fd is not a directory. */
#define LANDSCOPE_ACCESS_FS_FILE                                        \
	(LANDSCOPE_ACCESS_FS_EXECUTE | LANDSCOPE_ACCESS_FS_WRITE_FILE | \
	 LANDSCOPE_ACCESS_FS_READ_FILE | LANDSCOPE_ACCESS_FS_TRUNCATE | \
	 LANDSCOPE_ACCESS_FS_IOCTL_DEV | LANDSCOPE_ACCESS_FS_RESOLVE_UNIX)

/* Access groups, so a typical policy is a few lines. */
#define LANDSCOPE_ACCESS_FS_READ_ONLY \
	(LANDSCOPE_ACCESS_FS_READ_FILE | LANDSCOPE_ACCESS_FS_READ_DIR)
#define LANDSCOPE_ACCESS_FS_READ_EXEC \
	(LANDSCOPE_ACCESS_FS_READ_ONLY | LANDSCOPE_ACCESS_FS_EXECUTE)
#define LANDSCOPE_ACCESS_FS_READ_WRITE LANDSCOPE_ACCESS_FS_ALL

/* Network access rights (handled_access_net / port rules). */
#define LANDSCOPE_ACCESS_NET_BIND_TCP (UINT64_C(1) << 0) /* ABI 4 */
#define LANDSCOPE_ACCESS_NET_CONNECT_TCP (UINT64_C(1) << 1) /* ABI 4 */
#define LANDSCOPE_ACCESS_NET_BIND_UDP (UINT64_C(1) << 2) /* ABI 10 */
#define LANDSCOPE_ACCESS_NET_CONNECT_SEND_UDP (UINT64_C(1) << 3) /* ABI 10 */
#define LANDSCOPE_ACCESS_NET_ALL ((UINT64_C(1) << 4) - 1)

/*
 * Scopes.  Bits 0 and 1 are upstream (ABI 6).  Bits 2 to 4 exist only on
 * kernels carrying liblandscope's companion patches (kernel/), which keep
 * ABI 6: they are found by probing, never by ABI number, and are trusted
 * only on kernels whose ABI is at most LANDSCOPE_ABI_LAST.
 *
 * LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET falls back, on a kernel without the
 * companion bit but with ABI 9, to handling LANDSCOPE_ACCESS_FS_RESOLVE_UNIX
 * with no rule granting it: the same effect, but the kernel then answers
 * EACCES instead of EPERM, and sockets can be allowed by path.
 */
#define LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET (UINT64_C(1) << 0) /* ABI 6 */
#define LANDSCOPE_SCOPE_SIGNAL (UINT64_C(1) << 1) /* ABI 6 */
#define LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET (UINT64_C(1) << 2) /* patch */
#define LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND (UINT64_C(1) << 3)
#define LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND (UINT64_C(1) << 4)
#define LANDSCOPE_SCOPE_ALL ((UINT64_C(1) << 5) - 1)

/*
 * Flags of landscope_ruleset_restrict_self().  The first five have the
 * values of the kernel's LANDLOCK_RESTRICT_SELF_* flags.
 */
#define LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF (1U << 0) /* ABI 7 */
#define LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON (1U << 1) /* ABI 7 */
#define LANDSCOPE_RESTRICT_LOG_SUBDOMAINS_OFF (1U << 2) /* ABI 7 */
/* Restrict every thread of the process at once (kernel TSYNC, ABI 8). */
#define LANDSCOPE_RESTRICT_ALL_THREADS (1U << 3) /* ABI 8 */
/*
 * Do not set no_new_privs.  The kernel then requires CAP_SYS_ADMIN in the
 * caller's user namespace (else -EPERM).
 */
#define LANDSCOPE_RESTRICT_KEEP_PRIVS (1U << 16)
/* Compute and report everything, but do not restrict the process. */
#define LANDSCOPE_RESTRICT_DRY_RUN (1U << 17)

/* Flags of landscope_ruleset_add_path() and landscope_ruleset_add_fd(). */
/* A path that does not exist (ENOENT) is skipped and reported. */
#define LANDSCOPE_PATH_IGNORE_MISSING (1U << 0)
/*
 * Ask the kernel not to log denials this rule would cause (ABI 10 quiet
 * rules); the rule's rights must then also be in the ruleset's quiet set.
 * Dropped, and reported, on older kernels in every compatibility level.
 */
#define LANDSCOPE_RULE_QUIET (1U << 1)

/* Compatibility levels (landscope_ruleset_set_compat()). */
enum landscope_compat {
	/* Drop what the kernel lacks, enforce the rest, report the drops. */
	LANDSCOPE_COMPAT_BEST_EFFORT = 0,
	/*
	 * If the kernel lacks anything requested, do not restrict at all and
	 * report LANDSCOPE_NOT_ENFORCED; not an error.
	 */
	LANDSCOPE_COMPAT_SOFT_REQUIREMENT = 1,
	/* If the kernel lacks anything requested, fail with -EOPNOTSUPP. */
	LANDSCOPE_COMPAT_HARD_REQUIREMENT = 2
};

/*
 * Flags of landscope_ruleset_set_compat().
 *
 * Landlock ABI 1 always denies renaming or linking a file into another
 * directory.  A policy that grants LANDSCOPE_ACCESS_FS_REFER therefore
 * cannot be honoured there.  By default best effort enforces it anyway
 * (stricter than asked: cross-directory rename fails with EXDEV);
 * with this flag the library does not enforce the ruleset at all on ABI 1
 * and reports LANDSCOPE_NOT_ENFORCED.
 */
#define LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1 (1U << 0)

/* Overall result, from landscope_report_status(). */
enum landscope_status {
	LANDSCOPE_FULLY_ENFORCED = 0,
	LANDSCOPE_PARTIALLY_ENFORCED = 1,
	LANDSCOPE_NOT_ENFORCED = 2
};

/* Categories of landscope_report_category(). */
enum landscope_category {
	LANDSCOPE_CATEGORY_FS = 0, /* handled filesystem rights */
	LANDSCOPE_CATEGORY_NET = 1, /* handled network rights */
	LANDSCOPE_CATEGORY_SCOPE = 2, /* LANDSCOPE_SCOPE_* bits */
	LANDSCOPE_CATEGORY_FLAGS = 3 /* LANDSCOPE_RESTRICT_* flags */
};

/* Outcome bits of a rule, in struct landscope_rule_info. */
#define LANDSCOPE_RULE_APPLIED (1U << 0) /* reached the kernel */
#define LANDSCOPE_RULE_MASKED_FILE (1U << 1) /* not a directory: file rights */
#define LANDSCOPE_RULE_SKIPPED_MISSING (1U << 2) /* path missing, skipped */
#define LANDSCOPE_RULE_DROPPED_UNSUPPORTED \
	(1U << 3) /* some rights unsupported */
#define LANDSCOPE_RULE_DROPPED_UNHANDLED (1U << 4) /* rights not handled */

/* Types of a rule, in struct landscope_rule_info. */
enum landscope_rule_type {
	LANDSCOPE_RULE_PATH_BENEATH = 1,
	LANDSCOPE_RULE_NET_PORT = 2
};

/*
 * Size-versioned structures: the caller sets .sz to sizeof the structure it
 * was compiled with (LANDSCOPE_INIT does), so that later releases can grow
 * them.  A size smaller than the first release's is -EINVAL.  Use as a
 * declaration: LANDSCOPE_INIT(landscope_features, f);
 */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
/* Designated, so that -Wmissing-field-initializers stays quiet. */
#define LANDSCOPE_INIT(type, name) \
	struct type name = { .sz = sizeof(struct type) }
#else
#define LANDSCOPE_INIT(type, name) struct type name = { sizeof(struct type) }
#endif

/* What the running kernel supports, from landscope_features_get(). */
struct landscope_features {
	uint64_t sz;
	/*
	 * Landlock ABI as used by the library: the kernel's, clamped to
	 * LANDSCOPE_ABI_LAST, 0 if Landlock is unusable.
	 */
	int32_t abi;
	/* The ABI the kernel reported, unclamped; 0 if unusable. */
	int32_t kernel_abi;
	/*
	 * 0 if Landlock is usable, -ENOSYS if the kernel was built without
	 * it, -EOPNOTSUPP if it is disabled at boot (not in lsm=).
	 */
	int32_t unavailable;
	uint32_t restrict_flags; /* supported LANDSCOPE_RESTRICT_* */
	uint64_t errata; /* fixed errata, bit N-1 for erratum N */
	uint64_t access_fs; /* supported filesystem rights */
	uint64_t access_net; /* supported network rights */
	uint64_t scoped; /* supported scope bits */
	uint32_t add_rule_flags; /* supported LANDSCOPE_RULE_QUIET */
	uint32_t reserved;
};

/* Facts about one rule, from landscope_report_rule(). */
struct landscope_rule_info {
	uint64_t sz;
	int32_t type; /* enum landscope_rule_type */
	uint32_t outcome; /* LANDSCOPE_RULE_* outcome bits */
	const char *path; /* as given, NULL for an fd or a port rule */
	uint64_t port; /* the port of a LANDSCOPE_RULE_NET_PORT rule */
	uint64_t requested; /* rights asked for */
	uint64_t enforced; /* rights that reached the kernel */
	int32_t error; /* negative errno of a skipped rule, else 0 */
	uint32_t reserved;
};

struct landscope_ruleset; /* opaque */
struct landscope_report; /* opaque */

/*
 * landscope_features_get() - Probe what the running kernel supports.
 * @ret: filled in; ret->sz must be set (LANDSCOPE_INIT).
 *
 * The probe runs once per process, on first use, and is cached
 * thread-safely.  Each right, scope and flag is probed on its own, so
 * backported and patched kernels are used to the full.  The environment
 * variable LANDSCOPE_SIMULATE_ABI=N, read at that first probe, makes the
 * library behave as if the kernel had only what ABI N has (N=0: as if
 * Landlock were not built in); it is meant for tests.
 *
 * Return: 0, even when Landlock is unavailable (see ret->unavailable);
 * -EINVAL if @ret is NULL or ret->sz is too small;
 * -EMFILE, -ENFILE or -ENOMEM if the probe could not run (nothing is
 *  cached then: a later call probes again).
 */
int landscope_features_get(struct landscope_features *ret);

/*
 * landscope_abi_version() - The Landlock ABI the library will use.
 *
 * Return: the ABI (1 or more, at most LANDSCOPE_ABI_LAST); -ENOSYS if the
 * kernel has no Landlock; -EOPNOTSUPP if Landlock is disabled at boot;
 * -EMFILE, -ENFILE or -ENOMEM if the probe could not run.
 */
int landscope_abi_version(void);

/*
 * landscope_ruleset_new() - Create an empty ruleset.
 * @ret: set to the new ruleset, to be freed with landscope_ruleset_free().
 * @flags: must be 0.
 *
 * No kernel object exists until landscope_ruleset_restrict_self().
 * The compatibility level starts as LANDSCOPE_COMPAT_BEST_EFFORT.
 *
 * Return: 0; -EINVAL for a NULL @ret or unknown @flags; -ENOMEM.
 */
int landscope_ruleset_new(struct landscope_ruleset **ret, unsigned int flags);

/*
 * landscope_ruleset_free() - Free a ruleset and close its fds.  NULL is a
 * no-op.  landscope_ruleset_freep() is for __attribute__((cleanup)).
 */
void landscope_ruleset_free(struct landscope_ruleset *ruleset);
void landscope_ruleset_freep(struct landscope_ruleset **ruleset);

/*
 * landscope_ruleset_set_compat() - Set the compatibility level.
 * @level: an enum landscope_compat value.
 * @flags: 0 or LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1.
 *
 * Return: 0; -EINVAL for a NULL ruleset, an unknown level or flags.
 */
int landscope_ruleset_set_compat(struct landscope_ruleset *ruleset, int level,
				 unsigned int flags);

/*
 * landscope_ruleset_handle_fs(), landscope_ruleset_handle_net() - Add
 * rights to those the ruleset handles (denies unless a rule allows them).
 * landscope_ruleset_add_scope() - Add LANDSCOPE_SCOPE_* bits.
 *
 * Calls accumulate.  What the kernel lacks is dealt with at restriction
 * time, according to the compatibility level.
 *
 * Return: 0; -EINVAL for a NULL ruleset, 0 or an unknown bit.
 */
int landscope_ruleset_handle_fs(struct landscope_ruleset *ruleset,
				uint64_t access);
int landscope_ruleset_handle_net(struct landscope_ruleset *ruleset,
				 uint64_t access);
int landscope_ruleset_add_scope(struct landscope_ruleset *ruleset,
				uint64_t scopes);

/*
 * landscope_ruleset_quiet() - Ask the kernel not to log denials of these
 * rights (ABI 10 quiet_access_fs/net/scoped).  Each mask must be a subset
 * of what is handled when the ruleset is enforced.  Never required: dropped
 * and reported on older kernels in every compatibility level.
 *
 * Return: 0; -EINVAL for a NULL ruleset or an unknown bit.
 */
int landscope_ruleset_quiet(struct landscope_ruleset *ruleset,
			    uint64_t access_fs, uint64_t access_net,
			    uint64_t scopes);

/*
 * landscope_ruleset_add_path() - Allow @access beneath @path.
 * @path: opened at once with O_PATH | O_CLOEXEC, so call this before
 *        dropping privileges; symlinks are followed.
 * @access: LANDSCOPE_ACCESS_FS_* rights, not 0.
 * @flags: LANDSCOPE_PATH_IGNORE_MISSING, LANDSCOPE_RULE_QUIET.
 *
 * If @path is not a directory, @access is masked to
 * LANDSCOPE_ACCESS_FS_FILE and the rule is reported as masked; in
 * LANDSCOPE_COMPAT_HARD_REQUIREMENT that is -EINVAL instead.  Rights that
 * the ruleset does not handle are dropped from the rule at restriction
 * time and reported.
 *
 * Return: 0 (also for a skipped missing path);
 * -EINVAL for a NULL ruleset or path, 0 or unknown @access or @flags,
 *  or directory rights on a file in hard mode;
 * -ENOMEM; -EMFILE or -ENFILE when no fd is left;
 * any errno of open(2) for @path, such as -ENOENT, -EACCES, -ELOOP,
 *  -ENAMETOOLONG, -ENOTDIR.
 */
int landscope_ruleset_add_path(struct landscope_ruleset *ruleset,
			       const char *path, uint64_t access,
			       unsigned int flags);

/*
 * landscope_ruleset_add_fd() - As landscope_ruleset_add_path(), for an fd
 * the caller opened (O_PATH is enough).  The library keeps its own
 * duplicate (F_DUPFD_CLOEXEC); the caller keeps @fd.
 *
 * Return: 0; -EINVAL as for landscope_ruleset_add_path();
 * -EBADF for a bad @fd; -ENOMEM; -EMFILE.
 */
int landscope_ruleset_add_fd(struct landscope_ruleset *ruleset, int fd,
			     uint64_t access, unsigned int flags);

/*
 * landscope_ruleset_add_port() - Allow @access (LANDSCOPE_ACCESS_NET_*) on
 * @port, in host byte order.  Port 0 with a BIND right allows binding to an
 * ephemeral port.
 * @flags: 0 or LANDSCOPE_RULE_QUIET.
 *
 * Return: 0; -EINVAL for a NULL ruleset, @port > 65535, 0 or unknown
 * @access or @flags; -ENOMEM.
 */
int landscope_ruleset_add_port(struct landscope_ruleset *ruleset, uint64_t port,
			       uint64_t access, unsigned int flags);

/*
 * landscope_ruleset_restrict_self() - Enforce the ruleset on the calling
 * thread (or process, with LANDSCOPE_RESTRICT_ALL_THREADS).
 * @flags: LANDSCOPE_RESTRICT_*.
 * @ret_report: if not NULL, set to a report to be freed with
 *              landscope_report_free(), also on most failures (a report is
 *              produced whenever the policy could be computed).
 *
 * Order: the policy is computed against the probed kernel first; in hard
 * mode anything missing fails here, before any syscall that changes the
 * process.  Then the kernel ruleset is built, no_new_privs is set (the ABI
 * 11 flag where the kernel has it, prctl(2) otherwise), and the domain is
 * entered.  Without TSYNC, LANDSCOPE_RESTRICT_ALL_THREADS restricts the
 * calling thread only in best effort (reported), and fails in hard mode.
 * The ruleset can be enforced again (stacking a new layer, up to 16).
 *
 * Return: 0, also when nothing was enforced in best effort or soft mode
 * (see the report);
 * -EINVAL for a NULL ruleset or unknown @flags;
 * -ENOMSG if nothing is handled at all (an empty policy);
 * -EOPNOTSUPP in hard mode when the kernel lacks a requested feature, or
 *  Landlock is unavailable;
 * -ENOMEM; -EMFILE or -ENFILE when no fd is left for the probe or the
 *  ruleset;
 * -EPERM if no_new_privs could not be set, or KEEP_PRIVS without
 *  CAP_SYS_ADMIN;
 * -E2BIG when the process already has 16 Landlock layers;
 * -EBADF, -EBADFD, -EAFNOSUPPORT if the kernel refuses a rule.
 */
int landscope_ruleset_restrict_self(struct landscope_ruleset *ruleset,
				    unsigned int flags,
				    struct landscope_report **ret_report);

/* landscope_report_free() - Free a report; NULL is a no-op. */
void landscope_report_free(struct landscope_report *report);
void landscope_report_freep(struct landscope_report **report);

/* landscope_report_status() - enum landscope_status, or -EINVAL for NULL. */
int landscope_report_status(const struct landscope_report *report);

/*
 * landscope_report_abi() - The ABI the report was computed for (0: no
 * Landlock); -EINVAL for NULL.
 */
int landscope_report_abi(const struct landscope_report *report);

/*
 * landscope_report_category() - What was requested and what was enforced
 * in one category (enum landscope_category).  Either pointer may be NULL.
 *
 * Return: 0; -EINVAL for a NULL report or an unknown category.
 */
int landscope_report_category(const struct landscope_report *report,
			      int category, uint64_t *ret_requested,
			      uint64_t *ret_enforced);

/*
 * landscope_report_all_threads() - 1 if every thread was restricted
 * (TSYNC), 0 if only the calling thread; -EINVAL for NULL.
 */
int landscope_report_all_threads(const struct landscope_report *report);

/*
 * landscope_report_rule_count() - Number of rules; -EINVAL for NULL.
 * landscope_report_rule() - Facts about rule @index, in the order added.
 * @ret: ret->sz set by the caller; ret->path stays valid as long as the
 *       report.
 *
 * Return: 0; -EINVAL for NULL pointers or a too small ret->sz; -ERANGE for
 * an @index past the last rule.
 */
int landscope_report_rule_count(const struct landscope_report *report);
int landscope_report_rule(const struct landscope_report *report,
			  unsigned int index, struct landscope_rule_info *ret);

/*
 * landscope_report_print() - Write the report, human-readable, to @f.
 *
 * Return: 0; -EINVAL for NULL; -EIO if writing failed.
 */
int landscope_report_print(const struct landscope_report *report, FILE *f);

/*
 * landscope_access_name() - Name of one bit of a category ("read_file",
 * "bind_tcp", "abstract_unix_socket", "all_threads"...); NULL if unknown.
 */
const char *landscope_access_name(int category, uint64_t bit);

#ifdef __cplusplus
}
#endif

#endif /* LIBLANDSCOPE_LANDSCOPE_H */
