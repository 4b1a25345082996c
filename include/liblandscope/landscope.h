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
 * How a call is written (every call since 0.3; older ones keep the
 * signature they were released with):
 * - The object first (a ruleset, a report, a config), then its inputs,
 *   then unsigned int flags (0 today, for extension), then out-parameters,
 *   named ret_*, last.  The constructors landscope_ruleset_new() and
 *   landscope_config_build() (0.1, 0.2) keep theirs first.
 * - A category is an enum landscope_category where a ruleset is built
 *   (the compiler checks it), and an int where something is read back by
 *   category (reports, the per-bit table), so that a loop over categories
 *   passes its counter.
 * - A count is returned as int, which can also carry an error; an index
 *   is taken as unsigned int, since no index is negative.
 * - Constants have one prefix per kind: LANDSCOPE_ACCESS_FS_/_NET_,
 *   LANDSCOPE_SCOPE_, LANDSCOPE_RESTRICT_, LANDSCOPE_ADD_RULE_,
 *   LANDSCOPE_OUTCOME_, LANDSCOPE_TRANSPORT_, LANDSCOPE_SHORTFALL_,
 *   LANDSCOPE_COMPAT_, LANDSCOPE_ESCAPE_...
 *
 * This header is C89 and C++ clean.  Structures hold fixed-width integers
 * and one pointer, struct landscope_rule_info's @path, so that structure's
 * size depends on the architecture (see its comment).
 */
#ifndef LIBLANDSCOPE_LANDSCOPE_H
#define LIBLANDSCOPE_LANDSCOPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * DOC: Versions
 *
 * LANDSCOPE_VERSION_MAJOR, LANDSCOPE_VERSION_MINOR and
 * LANDSCOPE_VERSION_MICRO are the release of this header;
 * LANDSCOPE_VERSION packs them as LANDSCOPE_VERSION_CODE() does, so that
 * releases compare as integers.  landscope_version() gives the release of
 * the library the program runs against, which may be newer.
 *
 * LANDSCOPE_ABI_LAST is the newest Landlock ABI this release knows.
 */
#define LANDSCOPE_VERSION_MAJOR 0
#define LANDSCOPE_VERSION_MINOR 3
#define LANDSCOPE_VERSION_MICRO 0
#define LANDSCOPE_VERSION_CODE(major, minor, micro) \
	(((major) << 16) | ((minor) << 8) | (micro))
#define LANDSCOPE_VERSION                               \
	LANDSCOPE_VERSION_CODE(LANDSCOPE_VERSION_MAJOR, \
			       LANDSCOPE_VERSION_MINOR, \
			       LANDSCOPE_VERSION_MICRO)

#define LANDSCOPE_ABI_LAST 11

/**
 * DOC: Filesystem access rights
 *
 * Bits of handled_access_fs and of a path rule's allowed access, with the
 * kernel's values; the comment gives the first Landlock ABI that has each.
 * landscope_access_abi() and landscope_access_of_abi() give the same facts
 * at run time, from the library's one table.
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

/*
 * Every filesystem right this release knows.  It grows when a release
 * learns a new right: for the rights of one Landlock ABI, which never
 * change, use landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, abi).
 */
#define LANDSCOPE_ACCESS_FS_ALL ((UINT64_C(1) << 17) - 1)

/* The rights the kernel accepts on a rule whose fd is not a directory. */
#define LANDSCOPE_ACCESS_FS_FILE                                        \
	(LANDSCOPE_ACCESS_FS_EXECUTE | LANDSCOPE_ACCESS_FS_WRITE_FILE | \
	 LANDSCOPE_ACCESS_FS_READ_FILE | LANDSCOPE_ACCESS_FS_TRUNCATE | \
	 LANDSCOPE_ACCESS_FS_IOCTL_DEV | LANDSCOPE_ACCESS_FS_RESOLVE_UNIX)

/**
 * DOC: Access groups
 *
 * Groups keep a typical policy short.  Each has a stable meaning: its
 * value never changes, whatever later releases learn.
 *
 * LANDSCOPE_ACCESS_FS_READ_ONLY: read files and list directories.
 *
 * LANDSCOPE_ACCESS_FS_READ_EXEC: the same, and execute files.
 *
 * LANDSCOPE_ACCESS_FS_READ_WRITE_DATA: read, write and truncate files,
 * list directories, and create, remove and rename (refer) regular files,
 * directories, symbolic links, sockets and named pipes.  Not included:
 * executing, creating device nodes (make_char, make_block), device ioctls
 * (ioctl_dev) and connecting to Unix sockets (resolve_unix); add them by
 * name where a policy needs them.
 */
#define LANDSCOPE_ACCESS_FS_READ_ONLY \
	(LANDSCOPE_ACCESS_FS_READ_FILE | LANDSCOPE_ACCESS_FS_READ_DIR)
#define LANDSCOPE_ACCESS_FS_READ_EXEC \
	(LANDSCOPE_ACCESS_FS_READ_ONLY | LANDSCOPE_ACCESS_FS_EXECUTE)
#define LANDSCOPE_ACCESS_FS_READ_WRITE_DATA                                 \
	(LANDSCOPE_ACCESS_FS_READ_ONLY | LANDSCOPE_ACCESS_FS_WRITE_FILE |   \
	 LANDSCOPE_ACCESS_FS_TRUNCATE | LANDSCOPE_ACCESS_FS_MAKE_REG |      \
	 LANDSCOPE_ACCESS_FS_MAKE_DIR | LANDSCOPE_ACCESS_FS_MAKE_SYM |      \
	 LANDSCOPE_ACCESS_FS_MAKE_SOCK | LANDSCOPE_ACCESS_FS_MAKE_FIFO |    \
	 LANDSCOPE_ACCESS_FS_REMOVE_FILE | LANDSCOPE_ACCESS_FS_REMOVE_DIR | \
	 LANDSCOPE_ACCESS_FS_REFER)

/**
 * DOC: Network access rights
 *
 * Bits of handled_access_net and of a port rule's allowed access, with the
 * kernel's values.
 */
#define LANDSCOPE_ACCESS_NET_BIND_TCP (UINT64_C(1) << 0) /* ABI 4 */
#define LANDSCOPE_ACCESS_NET_CONNECT_TCP (UINT64_C(1) << 1) /* ABI 4 */
#define LANDSCOPE_ACCESS_NET_BIND_UDP (UINT64_C(1) << 2) /* ABI 10 */
#define LANDSCOPE_ACCESS_NET_CONNECT_SEND_UDP (UINT64_C(1) << 3) /* ABI 10 */
/* Every network right this release knows; it grows as FS_ALL does. */
#define LANDSCOPE_ACCESS_NET_ALL ((UINT64_C(1) << 4) - 1)

/**
 * DOC: Scopes
 *
 * Bits 0 and 1 are upstream (ABI 6), with the kernel's values.  Bits 2 to
 * 4 exist only on kernels carrying liblandscope's companion patches
 * (kernel/), which do not change their base's ABI number (6 on 6.12, 11
 * on 7.3): they are found by probing, never by ABI number, and are
 * trusted only on kernels whose ABI is at most LANDSCOPE_ABI_LAST.
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

/**
 * DOC: Restrict flags
 *
 * Flags of landscope_ruleset_restrict_self().  The first four have the
 * values of the kernel's LANDLOCK_RESTRICT_SELF_* flags (ALL_THREADS is
 * LANDLOCK_RESTRICT_SELF_TSYNC); KEEP_PRIVS and DRY_RUN are the library's
 * own, in bits the kernel does not use.
 *
 * LANDSCOPE_RESTRICT_KEEP_PRIVS: do not set no_new_privs.  The kernel then
 * requires CAP_SYS_ADMIN in the caller's user namespace (else -EPERM).
 *
 * LANDSCOPE_RESTRICT_DRY_RUN: compute and report everything, but do not
 * restrict the process.
 *
 * LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS: do not install the
 * seccomp filter that refuses the transports the enforced network rights
 * miss (see Transports); the report lists them as left open.  Since 0.3.
 */
#define LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF (1U << 0) /* ABI 7 */
#define LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON (1U << 1) /* ABI 7 */
#define LANDSCOPE_RESTRICT_LOG_SUBDOMAINS_OFF (1U << 2) /* ABI 7 */
#define LANDSCOPE_RESTRICT_ALL_THREADS (1U << 3) /* ABI 8 */
#define LANDSCOPE_RESTRICT_KEEP_PRIVS (1U << 16)
#define LANDSCOPE_RESTRICT_DRY_RUN (1U << 17)
#define LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS (1U << 18)

/**
 * DOC: Transports
 *
 * Landlock's TCP rights are checked on TCP sockets only (since erratum 1,
 * on every kernel with network rights) and its UDP rights (ABI 10) on UDP
 * sockets only, so other IP transports bind and connect to any port.
 * When a restriction enforces LANDSCOPE_ACCESS_NET_BIND_TCP or
 * _CONNECT_TCP, the library refuses, with a seccomp filter installed just
 * before the domain is entered, the creation of MPTCP, SCTP, SMC and DCCP
 * sockets; when it enforces a UDP right, UDP-Lite sockets.  Each fails
 * with the errno of a kernel without that protocol (EPROTONOSUPPORT,
 * ESOCKTNOSUPPORT for SCTP's SOCK_SEQPACKET and DCCP, EAFNOSUPPORT for
 * AF_SMC), so programs fall back to TCP or UDP, which Landlock checks.
 * io_uring_setup(2) is refused too (ENOSYS, as without io_uring), since
 * IORING_OP_SOCKET creates sockets that seccomp never sees; so is
 * socketcall(2)'s socket() from 32-bit x86 code in a 64-bit build
 * (ENOSYS), whose arguments seccomp cannot read.  Rings and sockets that
 * exist before the restriction are not affected, as Landlock does not
 * affect open fds.
 *
 * Bits of landscope_report_transports() and landscope_transports_get().
 * LANDSCOPE_TRANSPORT_IO_URING and _SOCKETCALL are ways around the
 * filter, refused whenever any transport is.
 */
#define LANDSCOPE_TRANSPORT_MPTCP (1U << 0)
#define LANDSCOPE_TRANSPORT_SCTP (1U << 1)
#define LANDSCOPE_TRANSPORT_SMC (1U << 2)
#define LANDSCOPE_TRANSPORT_DCCP (1U << 3)
#define LANDSCOPE_TRANSPORT_UDPLITE (1U << 4)
#define LANDSCOPE_TRANSPORT_IO_URING (1U << 5)
#define LANDSCOPE_TRANSPORT_SOCKETCALL (1U << 6)
#define LANDSCOPE_TRANSPORT_ALL ((1U << 7) - 1)

/**
 * DOC: Add-rule flags
 *
 * Flags of landscope_ruleset_add_path(), landscope_ruleset_add_fd() and,
 * for LANDSCOPE_ADD_RULE_QUIET only, landscope_ruleset_add_port().
 *
 * LANDSCOPE_ADD_RULE_IGNORE_MISSING: a path that does not exist (ENOENT) is
 * skipped and reported (LANDSCOPE_OUTCOME_SKIPPED_MISSING).
 *
 * LANDSCOPE_ADD_RULE_QUIET: ask the kernel not to log denials this rule
 * would cause (ABI 10 quiet rules); the rule's rights must then also be in
 * the ruleset's quiet set.  Dropped, and reported, on older kernels in
 * every compatibility level.
 *
 * LANDSCOPE_ADD_RULE_NARROW_FILE (0.3): on a path that is not a directory,
 * keep only the rights a file can take, as the caller's intent rather than
 * a loss: hard mode does not fail on it, and the rule's outcome still says
 * LANDSCOPE_OUTCOME_MASKED_FILE.  Decided on the fd the library opened, so
 * the path cannot change type in between.  A rule left with no right
 * still fails hard mode (-EINVAL from restriction, as without the flag).
 * For callers that give one set of rights to paths of either kind: a
 * policy file's path_beneath, landscope-run's --ro/--rw lists.
 */
#define LANDSCOPE_ADD_RULE_IGNORE_MISSING (1U << 0)
#define LANDSCOPE_ADD_RULE_QUIET (1U << 1) /* ABI 10 */
#define LANDSCOPE_ADD_RULE_NARROW_FILE (1U << 2)

/**
 * enum landscope_compat - Compatibility levels.
 * @LANDSCOPE_COMPAT_BEST_EFFORT: drop what the kernel lacks, enforce the
 *	rest, report the drops.
 * @LANDSCOPE_COMPAT_SOFT_REQUIREMENT: if the kernel lacks anything
 *	requested, do not restrict at all and report LANDSCOPE_NOT_ENFORCED;
 *	not an error.
 * @LANDSCOPE_COMPAT_HARD_REQUIREMENT: if the kernel lacks anything
 *	requested, landscope_ruleset_restrict_self() fails with -EOPNOTSUPP.
 *
 * Set with landscope_ruleset_set_compat_level().
 */
enum landscope_compat {
	LANDSCOPE_COMPAT_BEST_EFFORT = 0,
	LANDSCOPE_COMPAT_SOFT_REQUIREMENT = 1,
	LANDSCOPE_COMPAT_HARD_REQUIREMENT = 2
};

/**
 * DOC: Compatibility flags
 *
 * Flags of landscope_ruleset_set_compat_level().
 *
 * LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1: Landlock ABI 1 always denies
 * renaming or linking a file into another directory, so a policy that
 * grants LANDSCOPE_ACCESS_FS_REFER cannot be honoured there.  By default
 * best effort enforces it anyway (stricter than asked: cross-directory
 * rename fails with EXDEV); with this flag the library does not enforce
 * the ruleset at all on ABI 1 and reports LANDSCOPE_NOT_ENFORCED.
 */
#define LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1 (1U << 0)

/**
 * enum landscope_status - Overall result, from landscope_report_status().
 * @LANDSCOPE_FULLY_ENFORCED: everything requested is enforced.
 * @LANDSCOPE_PARTIALLY_ENFORCED: some of it is (best effort).
 * @LANDSCOPE_NOT_ENFORCED: the process is not restricted.
 */
enum landscope_status {
	LANDSCOPE_FULLY_ENFORCED = 0,
	LANDSCOPE_PARTIALLY_ENFORCED = 1,
	LANDSCOPE_NOT_ENFORCED = 2
};

/**
 * enum landscope_category - Kinds of bits.
 * @LANDSCOPE_CATEGORY_FS: filesystem rights, LANDSCOPE_ACCESS_FS_*.
 * @LANDSCOPE_CATEGORY_NET: network rights, LANDSCOPE_ACCESS_NET_*.
 * @LANDSCOPE_CATEGORY_SCOPE: scopes, LANDSCOPE_SCOPE_*.
 * @LANDSCOPE_CATEGORY_FLAGS: the kernel's restrict flags among
 *	LANDSCOPE_RESTRICT_*.
 * @LANDSCOPE_CATEGORY_ADD_RULE: the kernel's add-rule flags among
 *	LANDSCOPE_ADD_RULE_* (LANDSCOPE_ADD_RULE_QUIET).  Only for the facts
 *	of landscope_access_name(), landscope_access_abi() and
 *	landscope_access_of_abi(): a report has no such category.  Since 0.2.
 */
enum landscope_category {
	LANDSCOPE_CATEGORY_FS = 0,
	LANDSCOPE_CATEGORY_NET = 1,
	LANDSCOPE_CATEGORY_SCOPE = 2,
	LANDSCOPE_CATEGORY_FLAGS = 3,
	LANDSCOPE_CATEGORY_ADD_RULE = 4
};

/**
 * DOC: Rule outcomes
 *
 * Bits of struct landscope_rule_info.outcome.
 *
 * LANDSCOPE_OUTCOME_APPLIED: the rule reached the kernel, in a restriction
 * that took effect (or would have, in a dry run).
 *
 * LANDSCOPE_OUTCOME_MASKED_FILE: not a directory: directory rights removed.
 *
 * LANDSCOPE_OUTCOME_SKIPPED_MISSING: the path was missing and skipped.
 *
 * LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED: some rights the kernel lacks were
 * removed.
 *
 * LANDSCOPE_OUTCOME_DROPPED_UNHANDLED: some rights the ruleset does not
 * handle were removed.
 *
 * LANDSCOPE_OUTCOME_REFUSED: the kernel refused the rule (its errno in
 * .error); nothing was enforced.  Since 0.2.
 */
#define LANDSCOPE_OUTCOME_APPLIED (1U << 0)
#define LANDSCOPE_OUTCOME_MASKED_FILE (1U << 1)
#define LANDSCOPE_OUTCOME_SKIPPED_MISSING (1U << 2)
#define LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED (1U << 3)
#define LANDSCOPE_OUTCOME_DROPPED_UNHANDLED (1U << 4)
#define LANDSCOPE_OUTCOME_REFUSED (1U << 5)

/**
 * enum landscope_no_new_privs - Who set no_new_privs, from
 * landscope_report_no_new_privs().
 * @LANDSCOPE_NO_NEW_PRIVS_UNCHANGED: the library did not set it (nothing
 *	was enforced, a dry run, or LANDSCOPE_RESTRICT_KEEP_PRIVS); it may
 *	have been set before.
 * @LANDSCOPE_NO_NEW_PRIVS_PRCTL: the library set it with prctl(2), before
 *	entering the domain; it stays set even if entering then failed.
 * @LANDSCOPE_NO_NEW_PRIVS_FLAG: the kernel set it as it entered the domain
 *	(Landlock ABI 11's flag).
 */
enum landscope_no_new_privs {
	LANDSCOPE_NO_NEW_PRIVS_UNCHANGED = 0,
	LANDSCOPE_NO_NEW_PRIVS_PRCTL = 1,
	LANDSCOPE_NO_NEW_PRIVS_FLAG = 2
};

/**
 * DOC: Ruleset flags
 *
 * Flags of landscope_ruleset_new().
 *
 * LANDSCOPE_RULESET_IMMEDIATE: build the kernel ruleset as the rules come,
 * for large policies.  The first landscope_ruleset_add_path(), _add_fd()
 * or _add_port() (or landscope_ruleset_restrict_self(), if none) freezes
 * the handled and quiet sets and creates the kernel ruleset; each rule
 * then reaches the kernel when it is added, and its path is closed at
 * once.  The library holds one fd (the kernel ruleset) for the whole
 * policy, plus one while a path is being added, however many paths there
 * are.  Without it (the default mode), nothing reaches Landlock while the
 * policy holds at most 64 paths: the sets may change until then, and each
 * path rule keeps its O_PATH fd.  The 65th path freezes the ruleset as
 * this flag would (the rules so far reach the kernel, their fds are
 * closed, the sets are fixed), so any number of paths works under the
 * default RLIMIT_NOFILE of 1024.  Since 0.2; the default mode freezes
 * since 0.3.
 *
 * A frozen ruleset is a kernel object that fork() shares between parent
 * and child, so a rule one of them added would reach the other's domain:
 * only the process that froze it may add rules to it or restrict itself
 * with it; any other gets -ECHILD (and is not restricted).  A ruleset
 * that is not frozen is copied by fork() like any memory: each process
 * then adds and enforces its own rules.
 */
#define LANDSCOPE_RULESET_IMMEDIATE (1U << 0)

/**
 * enum landscope_rule_type - Types of a rule, in struct
 * landscope_rule_info.
 * @LANDSCOPE_RULE_TYPE_PATH_BENEATH: a path or fd rule.
 * @LANDSCOPE_RULE_TYPE_NET_PORT: a port rule.
 */
enum landscope_rule_type {
	LANDSCOPE_RULE_TYPE_PATH_BENEATH = 1,
	LANDSCOPE_RULE_TYPE_NET_PORT = 2
};

/**
 * DOC: Deprecated names
 *
 * The names of 0.1, kept with the same values so that 0.1 programs still
 * build.  Define LANDSCOPE_NO_DEPRECATED before including this header to
 * hide them.  LANDSCOPE_ACCESS_FS_READ_WRITE is every right of ABI 9, as
 * 0.1 defined it, and never grows; it includes execute and device rights,
 * which its name does not say.
 */
#ifndef LANDSCOPE_NO_DEPRECATED
#define LANDSCOPE_ACCESS_FS_READ_WRITE ((UINT64_C(1) << 17) - 1)
#define LANDSCOPE_PATH_IGNORE_MISSING LANDSCOPE_ADD_RULE_IGNORE_MISSING
#define LANDSCOPE_RULE_QUIET LANDSCOPE_ADD_RULE_QUIET
#define LANDSCOPE_RULE_APPLIED LANDSCOPE_OUTCOME_APPLIED
#define LANDSCOPE_RULE_MASKED_FILE LANDSCOPE_OUTCOME_MASKED_FILE
#define LANDSCOPE_RULE_SKIPPED_MISSING LANDSCOPE_OUTCOME_SKIPPED_MISSING
#define LANDSCOPE_RULE_DROPPED_UNSUPPORTED LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED
#define LANDSCOPE_RULE_DROPPED_UNHANDLED LANDSCOPE_OUTCOME_DROPPED_UNHANDLED
#define LANDSCOPE_RULE_PATH_BENEATH LANDSCOPE_RULE_TYPE_PATH_BENEATH
#define LANDSCOPE_RULE_NET_PORT LANDSCOPE_RULE_TYPE_NET_PORT
#endif

/**
 * DOC: Size-versioned structures
 *
 * The caller sets .sz to sizeof the structure it was compiled with
 * (LANDSCOPE_INIT() does), so that later releases can grow them.  Any size
 * from the first release's up is accepted: the library fills the fields
 * that fit in .sz and leaves the rest of a larger structure as the caller
 * initialised it (LANDSCOPE_INIT() zeroes it), so a program built against
 * an older header keeps working, and one built against a newer header
 * sees zero in the fields this library does not know.  A size smaller
 * than the first release's is -EINVAL.  Use as a declaration:
 * LANDSCOPE_INIT(landscope_features, f);
 */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
/* Designated, so that -Wmissing-field-initializers stays quiet. */
#define LANDSCOPE_INIT(type, name) \
	struct type name = { .sz = sizeof(struct type) }
#else
#define LANDSCOPE_INIT(type, name) struct type name = { sizeof(struct type) }
#endif

/**
 * struct landscope_features - What the running kernel supports.
 * @sz: size of the structure, set by the caller.
 * @abi: Landlock ABI as used by the library: the kernel's, clamped to
 *	LANDSCOPE_ABI_LAST, 0 if Landlock is unusable.
 * @kernel_abi: the ABI the kernel reported, unclamped; 0 if unusable.
 * @unavailable: 0 if Landlock is usable, -ENOSYS if the kernel was built
 *	without it, -EOPNOTSUPP if it is disabled at boot (not in lsm=),
 *	-EPERM if it is blocked: a seccomp filter or an LSM refuses the
 *	Landlock syscalls (containers, systemd's SystemCallFilter), with
 *	EPERM, EACCES, EINVAL or any errno but the two above; the report's
 *	reason names the filter's errno.  -EPERM since 0.3.
 * @restrict_flags: supported LANDSCOPE_RESTRICT_* kernel flags.
 * @errata: fixed errata, bit N-1 for erratum N.
 * @access_fs: supported filesystem rights.
 * @access_net: supported network rights.
 * @scoped: supported scope bits.
 * @add_rule_flags: supported LANDSCOPE_ADD_RULE_QUIET.
 * @reserved: zero.
 * @no_new_privs_flag: 1 if the kernel sets no_new_privs itself, only once
 *	the domain is entered (ABI 11's flag), 0 if the library has to use
 *	prctl(2) first.  Since 0.2.
 * @reserved2: zero.
 *
 * Filled by landscope_features_get().  First release: 0.1, 64 bytes.
 */
struct landscope_features {
	uint64_t sz;
	int32_t abi;
	int32_t kernel_abi;
	int32_t unavailable;
	uint32_t restrict_flags;
	uint64_t errata;
	uint64_t access_fs;
	uint64_t access_net;
	uint64_t scoped;
	uint32_t add_rule_flags;
	uint32_t reserved;
	int32_t no_new_privs_flag;
	uint32_t reserved2;
};

/**
 * struct landscope_rule_info - Facts about one rule.
 * @sz: size of the structure, set by the caller.
 * @type: enum landscope_rule_type.
 * @outcome: LANDSCOPE_OUTCOME_* bits.
 * @path: the path as given, NULL for an fd or a port rule.
 * @port: the port of a LANDSCOPE_RULE_TYPE_NET_PORT rule.
 * @requested: rights asked for.
 * @enforced: rights that reached the kernel, in a restriction that took
 *	effect (or would have, in a dry run); 0 otherwise.
 * @error: negative errno of a skipped rule, else 0.
 * @reserved: zero.
 * @sent: rights given to the kernel's landlock_add_rule(), which accepted
 *	them, whether or not the restriction then took effect.  Since 0.2.
 *
 * Filled by landscope_report_rule().  First release: 0.1, whose size is
 * the architecture's: 56 bytes on x86_64, 52 on i386.
 */
struct landscope_rule_info {
	uint64_t sz;
	int32_t type;
	uint32_t outcome;
	const char *path;
	uint64_t port;
	uint64_t requested;
	uint64_t enforced;
	int32_t error;
	uint32_t reserved;
	uint64_t sent;
};

struct landscope_ruleset; /* opaque */
struct landscope_report; /* opaque */

/**
 * landscope_features_get() - Probe what the running kernel supports.
 * @ret: filled in; ret->sz must be set (LANDSCOPE_INIT()).
 *
 * The probe runs once per process, on first use, and is cached
 * thread-safely.  Each right, scope and flag is probed on its own, so
 * backported and patched kernels are used to the full.  In a test build
 * of the library (meson -Dtest_hooks=true) only, the environment variable
 * LANDSCOPE_SIMULATE_ABI=N, read at that first probe, makes it behave as
 * if the kernel had only what ABI N has (N=0: as if Landlock were not
 * built in), and every report names the simulation.  A production build
 * reads no environment variable.
 *
 * Return: 0, even when Landlock is unavailable (see ret->unavailable);
 * -EINVAL if @ret is NULL or ret->sz is smaller than the first release's;
 * -EMFILE, -ENFILE or -ENOMEM if the probe could not run (nothing is
 * cached then: a later call probes again).
 */
int landscope_features_get(struct landscope_features *ret);

/**
 * landscope_abi_version() - Give the Landlock ABI the library will use.
 *
 * Return: the ABI (1 or more, at most LANDSCOPE_ABI_LAST); -ENOSYS if the
 * kernel has no Landlock; -EOPNOTSUPP if Landlock is disabled at boot;
 * -EPERM if a seccomp filter or an LSM blocks it (struct
 * landscope_features, @unavailable); -EMFILE, -ENFILE or -ENOMEM if the
 * probe could not run.
 */
int landscope_abi_version(void);

/**
 * landscope_ruleset_new() - Create an empty ruleset.
 * @ret: set to the new ruleset, to be freed with landscope_ruleset_free().
 * @flags: 0 or LANDSCOPE_RULESET_IMMEDIATE.
 *
 * In the default, deferred mode no kernel object exists until
 * landscope_ruleset_restrict_self(); see LANDSCOPE_RULESET_IMMEDIATE for
 * the other.  The compatibility level starts as
 * LANDSCOPE_COMPAT_BEST_EFFORT.
 *
 * Return: 0; -EINVAL for a NULL @ret or unknown @flags; -ENOMEM.
 */
int landscope_ruleset_new(struct landscope_ruleset **ret, unsigned int flags);

/**
 * landscope_ruleset_free() - Free a ruleset and close its fds.
 * @ruleset: the ruleset; NULL is a no-op.
 *
 * landscope_ruleset_freep() takes a pointer to the pointer, frees and
 * clears it: it is for __attribute__((cleanup)).
 */
void landscope_ruleset_free(struct landscope_ruleset *ruleset);
void landscope_ruleset_freep(struct landscope_ruleset **ruleset);

/*
 * Ruleset setters: landscope_ruleset_add_*() adds to what the ruleset has
 * (handled bits, quiet bits, rules), landscope_ruleset_set_*() replaces a
 * setting.  None makes a Landlock system call.
 */

/**
 * landscope_ruleset_set_compat_level() - Set the compatibility level.
 * @ruleset: the ruleset.
 * @level: what restriction does when the kernel lacks a feature.
 * @flags: 0 or LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1.
 *
 * The level decides nothing until landscope_ruleset_restrict_self(), so
 * it may be set before or after the rules, with the same outcome.
 *
 * Return: 0; -EINVAL for a NULL ruleset, an unknown level or flags.
 */
int landscope_ruleset_set_compat_level(struct landscope_ruleset *ruleset,
				       enum landscope_compat level,
				       unsigned int flags);

/**
 * landscope_ruleset_add_handled() - Add to the bits the ruleset handles.
 * @ruleset: the ruleset.
 * @category: LANDSCOPE_CATEGORY_FS, _NET or _SCOPE.
 * @bits: rights (denied unless a rule allows them) or scopes (IPC denied
 *        with processes outside the sandbox) of @category.
 *
 * Calls accumulate.  What the kernel lacks is dealt with at restriction
 * time, according to the compatibility level.
 *
 * Return: 0; -EINVAL for a NULL ruleset, another category, @bits 0 or
 * with a bit this release does not know; -EBUSY once the ruleset is
 * frozen (LANDSCOPE_RULESET_IMMEDIATE: the kernel ruleset exists).
 */
int landscope_ruleset_add_handled(struct landscope_ruleset *ruleset,
				  enum landscope_category category,
				  uint64_t bits);

/**
 * landscope_ruleset_add_quiet() - Ask the kernel not to log denials.
 * @ruleset: the ruleset.
 * @category: LANDSCOPE_CATEGORY_FS, _NET or _SCOPE.
 * @bits: rights or scopes of @category whose denials are not logged (ABI
 *        10 quiet_access_fs, quiet_access_net, quiet_scoped).
 *
 * Only bits that are handled when the ruleset is enforced can be quiet.
 * Never required: dropped and reported on older kernels in every
 * compatibility level.  Calls accumulate.
 *
 * Return: 0; -EINVAL for a NULL ruleset, another category, or a bit this
 * release does not know; -EBUSY once the ruleset is frozen
 * (LANDSCOPE_RULESET_IMMEDIATE).
 */
int landscope_ruleset_add_quiet(struct landscope_ruleset *ruleset,
				enum landscope_category category,
				uint64_t bits);

/**
 * landscope_ruleset_add_path() - Allow @access beneath @path.
 * @ruleset: the ruleset.
 * @path: opened at once with O_PATH | O_CLOEXEC, so call this before
 *        dropping privileges; symlinks are followed.
 * @access: LANDSCOPE_ACCESS_FS_* rights, not 0.
 * @flags: LANDSCOPE_ADD_RULE_IGNORE_MISSING, LANDSCOPE_ADD_RULE_QUIET.
 *
 * If @path is not a directory, @access is masked to
 * LANDSCOPE_ACCESS_FS_FILE and the rule is reported as masked (in hard
 * mode, landscope_ruleset_restrict_self() then fails).  Rights that the
 * ruleset does not handle are dropped from the rule at restriction time
 * and reported.
 *
 * An empty @path is a missing path: -ENOENT, or skipped and reported
 * with LANDSCOPE_ADD_RULE_IGNORE_MISSING, as open(2) would have it.
 *
 * In immediate mode (LANDSCOPE_RULESET_IMMEDIATE) the rule reaches the
 * kernel now and @path is closed again; a rule the kernel refuses is not
 * added, and its errno returned.
 *
 * Return: 0 (also for a skipped missing path);
 * -EINVAL for a NULL ruleset or path, 0 or unknown @access or @flags;
 * -ENOMEM; -EMFILE or -ENFILE when no fd is left;
 * -ENOENT for a missing or empty @path;
 * any errno of open(2) for @path, such as -EACCES, -ELOOP,
 * -ENAMETOOLONG, -ENOTDIR;
 * -EIO or -EOVERFLOW if fstat(2) fails on a path given directory rights
 * that O_DIRECTORY did not open;
 * in immediate mode also -ENOMSG if nothing is handled at the first rule;
 * once the ruleset is frozen (LANDSCOPE_RULESET_IMMEDIATE) -EBADF,
 * -EBADFD if the kernel refuses the rule, -EPERM (or -EACCES, -ENOSYS) if
 * a seccomp filter or an LSM denies landlock_add_rule(), and -ECHILD in a process other
 * than the one that froze it (a child after fork()).
 */
int landscope_ruleset_add_path(struct landscope_ruleset *ruleset,
			       const char *path, uint64_t access,
			       unsigned int flags);

/**
 * landscope_ruleset_add_fd() - Allow @access beneath an open fd.
 * @ruleset: the ruleset.
 * @fd: opened by the caller (O_PATH is enough); the library keeps its own
 *      duplicate (F_DUPFD_CLOEXEC) in deferred mode, none in immediate
 *      mode, and the caller keeps @fd.
 * @access: as for landscope_ruleset_add_path().
 * @flags: as for landscope_ruleset_add_path().
 *
 * Return: 0; -EINVAL as for landscope_ruleset_add_path(); -EBADF for a bad
 * @fd; -ENOMEM; -EMFILE or -ENFILE; -EIO or -EOVERFLOW if fstat(2) of @fd
 * fails (asked only when @access has directory rights); in immediate mode
 * also -ENOMSG if
 * nothing is handled at the first rule, and -EBADFD if the kernel refuses
 * the rule (an fd that is not a file or directory, such as a pipe);
 * -ECHILD as for landscope_ruleset_add_path().
 */
int landscope_ruleset_add_fd(struct landscope_ruleset *ruleset, int fd,
			     uint64_t access, unsigned int flags);

/**
 * landscope_ruleset_add_port() - Allow network rights on a port.
 * @ruleset: the ruleset.
 * @port: in host byte order; port 0 with a BIND right allows binding to
 *        an ephemeral port.
 * @access: LANDSCOPE_ACCESS_NET_* rights.
 * @flags: 0 or LANDSCOPE_ADD_RULE_QUIET.
 *
 * Return: 0; -EINVAL for a NULL ruleset, @port > 65535, 0 or unknown
 * @access or @flags; -ENOMEM; in immediate mode also -ENOMSG if nothing is
 * handled at the first rule, and -EMFILE or -ENFILE if no fd is left for
 * the kernel ruleset; -ECHILD as for landscope_ruleset_add_path().
 */
int landscope_ruleset_add_port(struct landscope_ruleset *ruleset, uint64_t port,
			       uint64_t access, unsigned int flags);

/**
 * landscope_ruleset_restrict_self() - Enforce the ruleset.
 * @ruleset: the ruleset.
 * @flags: LANDSCOPE_RESTRICT_*.
 * @ret_report: if not NULL, set to a report to be freed with
 *              landscope_report_free(), also on most failures (a report is
 *              produced whenever the policy could be computed).
 *
 * Restricts the calling thread, or every thread with
 * LANDSCOPE_RESTRICT_ALL_THREADS.  Order: the policy is computed against
 * the probed kernel first; in hard mode anything missing fails here,
 * before any syscall that changes the process.  Then the kernel ruleset is
 * built (in immediate mode: the one built as the rules came is used),
 * no_new_privs is set (the ABI 11 flag where the kernel has it, prctl(2)
 * otherwise; landscope_report_no_new_privs() says which), and the domain
 * is entered; when the enforced network rights miss some transports
 * (see Transports), a seccomp filter refusing them is installed just
 * before, and no_new_privs is then always set with prctl(2), which the
 * filter needs.  Without TSYNC,
 * LANDSCOPE_RESTRICT_ALL_THREADS restricts the calling thread only in best
 * effort (reported), and fails in hard mode.  The ruleset can be enforced
 * again (stacking a new layer, up to 16).  The compatibility level is
 * applied here, whenever it was set: the outcome does not depend on the
 * order of the calls that built the ruleset.
 *
 * Return: 0, also when nothing was enforced in best effort or soft mode
 * (see the report);
 * -EINVAL for a NULL ruleset or unknown @flags, or in hard mode a rule
 * given directory rights whose path is not a directory;
 * -ENOMSG if nothing is handled at all (an empty policy);
 * -EOPNOTSUPP in hard mode when the kernel lacks a requested feature, or
 * Landlock is unavailable;
 * -ENOMEM; -EMFILE or -ENFILE when no fd is left for the probe or the
 * ruleset;
 * -EOPNOTSUPP also in hard mode when transports the enforced network
 * rights miss cannot be closed (a build without seccomp support) and
 * LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS is not given;
 * if the transport filter could not be built or installed, -ENOMEM, or
 * the errno of seccomp(2): -EACCES, -EINVAL (no seccomp filters in the
 * kernel), -ESRCH (a thread could not be synchronised), -EPERM (-ENOSYS)
 * if a filter denies seccomp(2), -EFAULT; -E2BIG if the program could
 * not be written; nothing is enforced then, and no_new_privs stays
 * set;
 * -EPERM if no_new_privs could not be set, or KEEP_PRIVS without
 * CAP_SYS_ADMIN, or a seccomp filter or an LSM denies
 * landlock_add_rule() or landlock_restrict_self() (-EACCES, -ENOSYS if
 * it answers so; the report's reason says which call was denied);
 * -E2BIG when the process already has 16 Landlock layers;
 * -EBADF, -EBADFD, -EAFNOSUPPORT if the kernel refuses a rule (the report
 * names it: LANDSCOPE_OUTCOME_REFUSED);
 * -ECHILD for a frozen ruleset in a process other than the one that froze
 * it (a child after fork(): see LANDSCOPE_RULESET_IMMEDIATE), with no
 * report and nothing restricted.
 */
int landscope_ruleset_restrict_self(struct landscope_ruleset *ruleset,
				    unsigned int flags,
				    struct landscope_report **ret_report);

/**
 * landscope_report_free() - Free a report.
 * @report: the report; NULL is a no-op.
 *
 * landscope_report_freep() is for __attribute__((cleanup)).
 */
void landscope_report_free(struct landscope_report *report);
void landscope_report_freep(struct landscope_report **report);

/**
 * landscope_report_status() - Give the overall result.
 * @report: the report.
 *
 * Return: an enum landscope_status value; -EINVAL for NULL.
 */
int landscope_report_status(const struct landscope_report *report);

/**
 * landscope_report_abi() - Give the ABI the report was computed for.
 * @report: the report.
 *
 * Return: the ABI, 0 if there was no Landlock; -EINVAL for NULL.
 */
int landscope_report_abi(const struct landscope_report *report);

/**
 * landscope_report_category() - Give what was requested and enforced.
 * @report: the report.
 * @category: an enum landscope_category value.
 * @ret_requested: if not NULL, set to the bits requested.
 * @ret_enforced: if not NULL, set to the bits enforced.
 *
 * Return: 0; -EINVAL for a NULL report or an unknown category.
 */
int landscope_report_category(const struct landscope_report *report,
			      int category, uint64_t *ret_requested,
			      uint64_t *ret_enforced);

/**
 * landscope_report_dropped() - Give what the kernel lacks.
 * @report: the report.
 * @category: an enum landscope_category value.
 * @ret_dropped: set to the requested bits the running kernel lacks, which
 *	are never enforced, whether or not the restriction then failed.
 *
 * What the kernel has but is not enforced (landscope_report_category())
 * was not enforced because a call failed or the compatibility level said
 * so: the report keeps the two apart.
 *
 * Return: 0; -EINVAL for a NULL pointer or an unknown category.
 */
int landscope_report_dropped(const struct landscope_report *report,
			     int category, uint64_t *ret_dropped);

/**
 * landscope_report_unrestricted() - Give what the ruleset leaves open.
 * @report: the report.
 * @category: an enum landscope_category value.
 * @ret_unrestricted: set to the rights (or scopes) that the running kernel
 *	could restrict but that the ruleset does not handle.
 *
 * A ruleset restricts only what it handles: a policy file handles only
 * the rights its rules name.  These bits are open whatever the status
 * says, by the caller's choice and not for lack of kernel support (that is
 * landscope_report_dropped()).  landscope_report_print() lists them on a
 * "not restricted by this policy" line.  Always 0 for
 * LANDSCOPE_CATEGORY_FLAGS and when Landlock is unavailable.
 *
 * Return: 0; -EINVAL for a NULL pointer or an unknown category.
 */
int landscope_report_unrestricted(const struct landscope_report *report,
				  int category, uint64_t *ret_unrestricted);

/**
 * LANDSCOPE_REPORT_FORMAT_JSON: landscope_report_format() gives the report
 * as one JSON object (abi, status, reason, categories with requested,
 * enforced and unrestricted rights, transports, rules) and a newline;
 * every string escaped so that the document is valid whatever the paths.
 * Since 0.3.
 */
#define LANDSCOPE_REPORT_FORMAT_JSON (1U << 0)

/**
 * landscope_report_format() - Give the report as text or JSON.
 * @report: the report.
 * @flags: 0 for the text of landscope_report_print(), or
 *	LANDSCOPE_REPORT_FORMAT_JSON.
 * @ret_text: set to a NUL-terminated string, to be freed with free(3);
 *	NULL on failure.
 *
 * For programs that log the report their own way, or hand it to another
 * language, with no FILE * to give.  Since 0.3.
 *
 * Return: 0; -EINVAL for a NULL pointer or unknown @flags; -ENOMEM.
 */
int landscope_report_format(const struct landscope_report *report,
			    unsigned int flags, char **ret_text);

/**
 * DOC: Escape flags
 *
 * LANDSCOPE_ESCAPE_JSON: landscope_escape() writes one JSON string, quotes
 * included: valid UTF-8 stays text, controls and C1 controls are
 * "\u00XX", and a string that is not valid UTF-8 is written byte by byte
 * as Latin-1, so that the document stays valid and no byte is lost.
 *
 * LANDSCOPE_ESCAPE_ESCAPED: the text was escaped by the library already
 * (a policy file's messages, landscope_config_error()): its backslashes
 * are kept, everything else is escaped again.  Not with JSON.
 *
 * Since 0.3.
 */
#define LANDSCOPE_ESCAPE_JSON (1U << 0)
#define LANDSCOPE_ESCAPE_ESCAPED (1U << 1)

/**
 * landscope_escape() - Write text as the library's reports write paths.
 * @stream: where to write.
 * @text: a NUL-terminated string of any bytes (a path, a name).
 * @flags: 0, or one of LANDSCOPE_ESCAPE_JSON, LANDSCOPE_ESCAPE_ESCAPED.
 *
 * Without flags, as landscope_report_print() does: "\\" for a backslash,
 * "\t", "\n", "\r", and "\xHH" for any other control byte, the C1
 * controls and every byte that is not part of valid UTF-8, so that the
 * text can neither forge a line nor send a terminal a control sequence;
 * valid UTF-8 prints as it is.  For programs that print their own
 * messages about the paths they give the library.  Since 0.3.
 *
 * Return: 0; -EINVAL for a NULL pointer or bad @flags; -EIO if @stream
 * has its error indicator set.
 */
int landscope_escape(FILE *stream, const char *text, unsigned int flags);

/**
 * landscope_errno_name() - Give the symbolic name of an errno value.
 * @err: an errno value, positive or negative (as the library returns).
 *
 * The names of the errnos the library's calls return and the reports
 * quote, and a few more a sandboxing program meets (ENXIO, ESTALE...).
 * Since 0.3.
 *
 * Return: the name, such as "EACCES" for EACCES or its negative; NULL for
 * another value.
 */
const char *landscope_errno_name(int err);

/**
 * landscope_constant() - Give the value of a constant of the headers.
 * @name: its name, such as "LANDSCOPE_ACCESS_FS_READ_WRITE_DATA", with or
 *	without the "LANDSCOPE_" prefix.
 * @ret_value: set to its value.
 *
 * For programs that reach the library through a foreign function
 * interface (Python's ctypes...): every macro and enumerator of
 * <liblandscope/landscope.h> and <liblandscope/config.h> is here, with the
 * value this library was built with, so a binding copies no number.  The
 * deprecated 0.1 names are not.  Since 0.3.
 *
 * Return: 0; -EINVAL for a NULL pointer; -ENOENT for an unknown name.
 */
int landscope_constant(const char *name, uint64_t *ret_value);

/**
 * landscope_constant_at() - Give the constant at @index.
 * @index: 0 and up.
 * @ret_name: if not NULL, set to its full name (static storage).
 * @ret_value: if not NULL, set to its value.
 *
 * Walks the table of landscope_constant(), for bindings that generate
 * their constants, and for a value's name.  Since 0.3.
 *
 * Return: 0; -EINVAL if both pointers are NULL; -ERANGE past the last.
 */
int landscope_constant_at(unsigned int index, const char **ret_name,
			  uint64_t *ret_value);

/**
 * DOC: Shortfalls
 *
 * What a program may rely on and did not get, from
 * landscope_report_shortfall().  A right the kernel lacks is not one:
 * what the kernel cannot restrict stays open, which the program never
 * notices, and the report says so ("partially enforced: all this kernel
 * can").  These are the cases to warn about.
 *
 * LANDSCOPE_SHORTFALL_NOT_ENFORCED: nothing was restricted.
 * LANDSCOPE_SHORTFALL_THREADS: LANDSCOPE_RESTRICT_ALL_THREADS was asked
 *	for and only the calling thread was restricted (no TSYNC): threads
 *	that already existed run unrestricted.
 * LANDSCOPE_SHORTFALL_REFER: a rule grants refer, which a kernel of ABI 1
 *	always denies: renames and links across directories fail.
 * LANDSCOPE_SHORTFALL_RULES: a path rule was skipped for another reason
 *	than a missing path (its errno is in the rule's information).
 *
 * Since 0.3.
 */
#define LANDSCOPE_SHORTFALL_NOT_ENFORCED (1U << 0)
#define LANDSCOPE_SHORTFALL_THREADS (1U << 1)
#define LANDSCOPE_SHORTFALL_REFER (1U << 2)
#define LANDSCOPE_SHORTFALL_RULES (1U << 3)

/**
 * landscope_report_shortfall() - Give what the program may miss.
 * @report: the report.
 * @ret_shortfall: set to LANDSCOPE_SHORTFALL_* bits, 0 when the program
 *	got everything this kernel can give.
 *
 * The status says how much of the request the kernel enforced; this says
 * whether that matters to the program: warn when it is not 0.
 *
 * Return: 0; -EINVAL for a NULL pointer.
 */
int landscope_report_shortfall(const struct landscope_report *report,
			       uint32_t *ret_shortfall);

/**
 * landscope_report_reason() - Say why the result is not fully enforced.
 * @report: the report.
 *
 * The text names what is missing: "the kernel lacks filesystem rights:
 * resolve_unix", "Landlock is disabled at boot", "the kernel refused rule 3
 * (path /proc/self/fd/5): EBADFD"...; a failed hard requirement keeps that
 * specific reason.  It quotes paths as given: landscope_report_print()
 * escapes it.  It stays valid as long as the report.
 *
 * Return: the reason; NULL when everything requested is enforced, or for a
 * NULL report.
 */
const char *landscope_report_reason(const struct landscope_report *report);

/**
 * landscope_report_no_new_privs() - Tell who set no_new_privs.
 * @report: the report.
 *
 * Return: an enum landscope_no_new_privs value; -EINVAL for NULL.
 */
int landscope_report_no_new_privs(const struct landscope_report *report);

/**
 * landscope_report_all_threads() - Tell whether every thread was
 * restricted.
 * @report: the report.
 *
 * Return: 1 if every thread was restricted (TSYNC), 0 if only the calling
 * thread (or none); -EINVAL for NULL.
 */
int landscope_report_all_threads(const struct landscope_report *report);

/**
 * landscope_report_rule_count() - Give the number of rules.
 * @report: the report.
 *
 * Return: the number of rules; -EINVAL for NULL.
 */
int landscope_report_rule_count(const struct landscope_report *report);

/**
 * landscope_report_rule() - Give the facts about one rule.
 * @report: the report.
 * @index: the rule, in the order added.
 * @ret: ret->sz set by the caller; ret->path stays valid as long as the
 *       report.
 *
 * Return: 0; -EINVAL for NULL pointers or a ret->sz smaller than the
 * first release's; -ERANGE for an @index past the last rule.
 */
int landscope_report_rule(const struct landscope_report *report,
			  unsigned int index, struct landscope_rule_info *ret);

/**
 * landscope_report_print() - Write the report, human-readable.
 * @report: the report.
 * @f: the stream.
 *
 * One line per fact, each starting with "landscope: ".  Text that comes
 * from the caller (paths, and the reason, which quotes them) is escaped so
 * that it cannot forge a line or reach a terminal as a control sequence:
 * a backslash prints as "\\", tab, newline and carriage return as "\t",
 * "\n", "\r", and any other control character (below 0x20, 0x7f, U+0080
 * to U+009F) or byte that is not valid UTF-8 as "\xHH".
 *
 * Return: 0; -EINVAL for NULL; -EIO if writing failed.
 */
int landscope_report_print(const struct landscope_report *report, FILE *f);

/**
 * landscope_report_transports() - Give what happened to the transports
 * that the enforced network rights miss.
 * @report: the report.
 * @ret_refused: if not NULL, set to the LANDSCOPE_TRANSPORT_* bits the
 *	seccomp filter refuses (would refuse, in a dry run).
 * @ret_open: if not NULL, set to those left open: by
 *	LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS, or because this
 *	build of the library has no seccomp support (then the result is not
 *	fully enforced, and a hard requirement fails).
 *
 * Both are 0 when nothing was enforced, and when the ruleset enforces no
 * network right.  Since 0.3.
 *
 * Return: 0; -EINVAL for a NULL report.
 */
int landscope_report_transports(const struct landscope_report *report,
				uint32_t *ret_refused, uint32_t *ret_open);

/**
 * landscope_transports_get() - Tell which transports bypass the running
 * kernel's network rights.
 * @ret_unmediated: set to the LANDSCOPE_TRANSPORT_* bits that bind or
 *	connect past the network rights the running kernel has (0 without
 *	network rights: nothing is mediated then, and there is nothing to
 *	close).
 * @ret_closable: if not NULL, set to those of them this build of the
 *	library can refuse.
 *
 * Since 0.3.
 *
 * Return: 0; -EINVAL for a NULL @ret_unmediated; -EMFILE, -ENFILE or
 * -ENOMEM if the probe could not run.
 */
int landscope_transports_get(uint32_t *ret_unmediated, uint32_t *ret_closable);

/**
 * landscope_transport_name() - Name one LANDSCOPE_TRANSPORT_* bit.
 * @transport: one bit.
 *
 * Since 0.3.
 *
 * Return: "mptcp", "sctp", "smc", "dccp", "udplite", "io_uring",
 * "socketcall"; NULL if unknown.
 */
const char *landscope_transport_name(uint32_t transport);

/**
 * landscope_access_name() - Name one bit of a category.
 * @category: an enum landscope_category value.
 * @bit: one bit.
 *
 * Return: "read_file", "bind_tcp", "abstract_unix_socket",
 * "all_threads"...; NULL if unknown.
 */
const char *landscope_access_name(int category, uint64_t bit);

/**
 * landscope_access_of_abi() - Give every bit a Landlock ABI defines.
 * @category: an enum landscope_category value.
 * @abi: a Landlock ABI number.
 *
 * The upstream rights (or scopes, or restrict flags) of @category that
 * ABI @abi defines, from the library's table: what a program asks for to
 * require exactly what ABI @abi has, whatever later releases learn.  The
 * companion kernel's scope bits are never included.  An @abi above
 * LANDSCOPE_ABI_LAST gives every upstream bit this release knows.
 *
 * Return: the bits; 0 for an @abi below 1 or an unknown @category.
 */
uint64_t landscope_access_of_abi(int category, int abi);

/**
 * landscope_access_abi() - Give the first Landlock ABI of one bit.
 * @category: an enum landscope_category value.
 * @bit: exactly one bit of @category.
 *
 * Return: the first ABI that has @bit; 0 for a bit that only kernels with
 * liblandscope's companion patches have (no upstream ABI number); -EINVAL
 * for an unknown @category, or a @bit that is 0, several bits or unknown.
 */
int landscope_access_abi(int category, uint64_t bit);

/**
 * landscope_version() - Give the release of the running library.
 *
 * Return: LANDSCOPE_VERSION_CODE() of the library's release, which may be
 * newer than the header's LANDSCOPE_VERSION.
 */
int landscope_version(void);

/*
 * Deprecated functions of 0.1, kept for binary and source compatibility.
 * Each is the call it names.  Since 0.3 the compiler says so (GCC and
 * clang), and LANDSCOPE_NO_DEPRECATED hides them as it hides the 0.1
 * constant names.
 */
#ifndef LANDSCOPE_NO_DEPRECATED
#if defined(__GNUC__) || defined(__clang__)
#define LANDSCOPE_DEPRECATED_FOR(use) __attribute__((deprecated("use " use)))
#else
#define LANDSCOPE_DEPRECATED_FOR(use)
#endif

/**
 * landscope_ruleset_set_compat() - Set the compatibility level (0.1).
 * @ruleset: the ruleset.
 * @level: an enum landscope_compat value.
 * @flags: 0 or LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1.
 *
 * Deprecated: landscope_ruleset_set_compat_level().
 *
 * Return: 0; -EINVAL for a NULL ruleset, an unknown level or flags.
 */
int landscope_ruleset_set_compat(struct landscope_ruleset *ruleset, int level,
				 unsigned int flags)
	LANDSCOPE_DEPRECATED_FOR("landscope_ruleset_set_compat_level()");

/**
 * landscope_ruleset_handle_fs() - Handle filesystem rights (0.1).
 * @ruleset: the ruleset.
 * @access: LANDSCOPE_ACCESS_FS_* rights.
 *
 * landscope_ruleset_handle_net() handles network rights and
 * landscope_ruleset_add_scope() adds scopes.  Deprecated:
 * landscope_ruleset_add_handled() with LANDSCOPE_CATEGORY_FS, _NET and
 * _SCOPE.
 *
 * Return: 0; -EINVAL for a NULL ruleset, 0 or an unknown bit; -EBUSY in
 * immediate mode once a rule was added.
 */
int landscope_ruleset_handle_fs(struct landscope_ruleset *ruleset,
				uint64_t access)
	LANDSCOPE_DEPRECATED_FOR("landscope_ruleset_add_handled()");
int landscope_ruleset_handle_net(struct landscope_ruleset *ruleset,
				 uint64_t access)
	LANDSCOPE_DEPRECATED_FOR("landscope_ruleset_add_handled()");
int landscope_ruleset_add_scope(struct landscope_ruleset *ruleset,
				uint64_t scopes)
	LANDSCOPE_DEPRECATED_FOR("landscope_ruleset_add_handled()");

/**
 * landscope_ruleset_quiet() - Quiet rights of every category (0.1).
 * @ruleset: the ruleset.
 * @access_fs: filesystem rights.
 * @access_net: network rights.
 * @scopes: scopes.
 *
 * Deprecated: landscope_ruleset_add_quiet(), once per category.  Nothing
 * is added unless all three masks are valid.
 *
 * Return: 0; -EINVAL for a NULL ruleset or an unknown bit; -EBUSY in
 * immediate mode once a rule was added.
 */
int landscope_ruleset_quiet(struct landscope_ruleset *ruleset,
			    uint64_t access_fs, uint64_t access_net,
			    uint64_t scopes)
	LANDSCOPE_DEPRECATED_FOR("landscope_ruleset_add_quiet()");
#endif /* LANDSCOPE_NO_DEPRECATED */

#ifdef __cplusplus
}
#endif

#endif /* LIBLANDSCOPE_LANDSCOPE_H */
