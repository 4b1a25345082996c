/* SPDX-License-Identifier: MIT */
/*
 * Private copy of the Landlock uapi, through ABI 11, plus the scope bits of
 * liblandscope's companion kernel patches.  Distribution headers lag (Debian
 * bookworm's linux-libc-dev is 6.1, ABI 2), so the library never includes
 * <linux/landlock.h>: the structures get private names and every constant
 * is guarded, so that a newer system header included by a caller's
 * translation unit cannot clash with them.
 */
#ifndef LANDSCOPE_UAPI_LANDLOCK_H
#define LANDSCOPE_UAPI_LANDLOCK_H

#include <stdint.h>
#include <sys/syscall.h>

/* Same number on every architecture (the generic syscall table). */
#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#endif
#ifndef __NR_landlock_add_rule
#define __NR_landlock_add_rule 445
#endif
#ifndef __NR_landlock_restrict_self
#define __NR_landlock_restrict_self 446
#endif

/* struct landlock_ruleset_attr, in its ABI 10 size. */
struct lsc_ruleset_attr {
	uint64_t handled_access_fs; /* ABI 1 */
	uint64_t handled_access_net; /* ABI 4 */
	uint64_t scoped; /* ABI 6 */
	uint64_t quiet_access_fs; /* ABI 10 */
	uint64_t quiet_access_net; /* ABI 10 */
	uint64_t quiet_scoped; /* ABI 10 */
};

/* Sizes the kernel knows, by the ABI that introduced each field. */
#define LSC_RULESET_ATTR_SIZE_V1 8
#define LSC_RULESET_ATTR_SIZE_V4 16
#define LSC_RULESET_ATTR_SIZE_V6 24
#define LSC_RULESET_ATTR_SIZE_V10 48

/* struct landlock_path_beneath_attr: packed, 12 bytes. */
struct lsc_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

/* struct landlock_net_port_attr. */
struct lsc_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};

#ifndef LANDLOCK_CREATE_RULESET_VERSION
#define LANDLOCK_CREATE_RULESET_VERSION (1U << 0)
#endif
#ifndef LANDLOCK_CREATE_RULESET_ERRATA
#define LANDLOCK_CREATE_RULESET_ERRATA (1U << 1)
#endif

#ifndef LANDLOCK_RULE_PATH_BENEATH
#define LANDLOCK_RULE_PATH_BENEATH 1
#endif
#ifndef LANDLOCK_RULE_NET_PORT
#define LANDLOCK_RULE_NET_PORT 2
#endif

#ifndef LANDLOCK_ADD_RULE_QUIET
#define LANDLOCK_ADD_RULE_QUIET (1U << 0)
#endif

#ifndef LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF
#define LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF (1U << 0)
#endif
#ifndef LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON
#define LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON (1U << 1)
#endif
#ifndef LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF
#define LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF (1U << 2)
#endif
#ifndef LANDLOCK_RESTRICT_SELF_TSYNC
#define LANDLOCK_RESTRICT_SELF_TSYNC (1U << 3)
#endif
#ifndef LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS
#define LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS (1U << 4)
#endif

#ifndef LANDLOCK_ACCESS_FS_EXECUTE
#define LANDLOCK_ACCESS_FS_EXECUTE (1ULL << 0)
#define LANDLOCK_ACCESS_FS_WRITE_FILE (1ULL << 1)
#define LANDLOCK_ACCESS_FS_READ_FILE (1ULL << 2)
#define LANDLOCK_ACCESS_FS_READ_DIR (1ULL << 3)
#define LANDLOCK_ACCESS_FS_REMOVE_DIR (1ULL << 4)
#define LANDLOCK_ACCESS_FS_REMOVE_FILE (1ULL << 5)
#define LANDLOCK_ACCESS_FS_MAKE_CHAR (1ULL << 6)
#define LANDLOCK_ACCESS_FS_MAKE_DIR (1ULL << 7)
#define LANDLOCK_ACCESS_FS_MAKE_REG (1ULL << 8)
#define LANDLOCK_ACCESS_FS_MAKE_SOCK (1ULL << 9)
#define LANDLOCK_ACCESS_FS_MAKE_FIFO (1ULL << 10)
#define LANDLOCK_ACCESS_FS_MAKE_BLOCK (1ULL << 11)
#define LANDLOCK_ACCESS_FS_MAKE_SYM (1ULL << 12)
#endif
#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER (1ULL << 13)
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)
#endif
#ifndef LANDLOCK_ACCESS_FS_RESOLVE_UNIX
#define LANDLOCK_ACCESS_FS_RESOLVE_UNIX (1ULL << 16)
#endif

#ifndef LANDLOCK_ACCESS_NET_BIND_TCP
#define LANDLOCK_ACCESS_NET_BIND_TCP (1ULL << 0)
#define LANDLOCK_ACCESS_NET_CONNECT_TCP (1ULL << 1)
#endif
#ifndef LANDLOCK_ACCESS_NET_BIND_UDP
#define LANDLOCK_ACCESS_NET_BIND_UDP (1ULL << 2)
#define LANDLOCK_ACCESS_NET_CONNECT_SEND_UDP (1ULL << 3)
#endif

#ifndef LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define LANDLOCK_SCOPE_SIGNAL (1ULL << 1)
#endif
/* Companion kernel patches only (kernel/): never assigned upstream. */
#ifndef LANDLOCK_SCOPE_PATHNAME_UNIX_SOCKET
#define LANDLOCK_SCOPE_PATHNAME_UNIX_SOCKET (1ULL << 2)
#endif
/*
 * The inbound scopes of the companion series' v2 take the top bits, so
 * that no upstream scope (given out from the bottom) is ever mistaken for
 * them; v1's bits 3 and 4 are never sent.  The library's constants keep
 * 0.2's values: src/bits.c maps them.
 */
#ifndef LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND (1ULL << 63)
#endif
#ifndef LANDLOCK_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND
#define LANDLOCK_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND (1ULL << 62)
#endif

#endif /* LANDSCOPE_UAPI_LANDLOCK_H */
