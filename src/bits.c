// SPDX-License-Identifier: MIT
#include <errno.h>
#include <limits.h>
#include <stddef.h>

#include <liblandscope/landscope.h>

#include "bits.h"
#include "export.h"
#include "uapi/landlock.h"

/* file: 1 for a right the kernel accepts on a non-directory. */
#define FS(b, a, file, n)                                                 \
	{                                                                 \
		LANDSCOPE_CATEGORY_FS, LANDSCOPE_ACCESS_FS_##b, a, false, \
			file, n                                           \
	}
#define NET(b, a, n)                                                        \
	{                                                                   \
		LANDSCOPE_CATEGORY_NET, LANDSCOPE_ACCESS_NET_##b, a, false, \
			false, n                                            \
	}
#define SCOPE(b, a, c, n)                                                     \
	{                                                                     \
		LANDSCOPE_CATEGORY_SCOPE, LANDSCOPE_SCOPE_##b, a, c, false, n \
	}
#define FLAG(b, a, n)                                                       \
	{                                                                   \
		LANDSCOPE_CATEGORY_FLAGS, LANDSCOPE_RESTRICT_##b, a, false, \
			false, n                                            \
	}

const struct lsc_bit lsc_bits[] = {
	FS(EXECUTE, 1, true, "execute"),
	FS(WRITE_FILE, 1, true, "write_file"),
	FS(READ_FILE, 1, true, "read_file"),
	FS(READ_DIR, 1, false, "read_dir"),
	FS(REMOVE_DIR, 1, false, "remove_dir"),
	FS(REMOVE_FILE, 1, false, "remove_file"),
	FS(MAKE_CHAR, 1, false, "make_char"),
	FS(MAKE_DIR, 1, false, "make_dir"),
	FS(MAKE_REG, 1, false, "make_reg"),
	FS(MAKE_SOCK, 1, false, "make_sock"),
	FS(MAKE_FIFO, 1, false, "make_fifo"),
	FS(MAKE_BLOCK, 1, false, "make_block"),
	FS(MAKE_SYM, 1, false, "make_sym"),
	FS(REFER, 2, false, "refer"),
	FS(TRUNCATE, 3, true, "truncate"),
	FS(IOCTL_DEV, 5, true, "ioctl_dev"),
	FS(RESOLVE_UNIX, 9, true, "resolve_unix"),
	NET(BIND_TCP, 4, "bind_tcp"),
	NET(CONNECT_TCP, 4, "connect_tcp"),
	NET(BIND_UDP, 10, "bind_udp"),
	NET(CONNECT_SEND_UDP, 10, "connect_send_udp"),
	SCOPE(ABSTRACT_UNIX_SOCKET, 6, false, "abstract_unix_socket"),
	SCOPE(SIGNAL, 6, false, "signal"),
	/*
	 * The companion bits build on ABI 6 but no upstream ABI has them, so
	 * they are only ever found by probing.
	 */
	SCOPE(PATHNAME_UNIX_SOCKET, 6, true, "pathname_unix_socket"),
	{ LANDSCOPE_CATEGORY_SCOPE,
	  LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND, 6, true, false,
	  "abstract_unix_socket_inbound",
	  LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND },
	{ LANDSCOPE_CATEGORY_SCOPE,
	  LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND, 6, true, false,
	  "pathname_unix_socket_inbound",
	  LANDLOCK_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND },
	FLAG(LOG_SAME_EXEC_OFF, 7, "log_same_exec_off"),
	FLAG(LOG_NEW_EXEC_ON, 7, "log_new_exec_on"),
	FLAG(LOG_SUBDOMAINS_OFF, 7, "log_subdomains_off"),
	FLAG(ALL_THREADS, 8, "all_threads"),
	{ LANDSCOPE_CATEGORY_ADD_RULE, LANDSCOPE_ADD_RULE_QUIET, 10, false,
	  false, "quiet" },
};

const size_t lsc_nr_bits = sizeof(lsc_bits) / sizeof(lsc_bits[0]);

/* Bits of @category up to ABI @abi, upstream and/or companion ones. */
static uint64_t collect(int category, int abi, bool upstream, bool companion)
{
	uint64_t mask = 0;
	size_t i;

	for (i = 0; i < lsc_nr_bits; i++) {
		const struct lsc_bit *b = &lsc_bits[i];

		if (b->category == category && b->abi <= abi &&
		    (b->companion ? companion : upstream))
			mask |= b->bit;
	}
	return mask;
}

uint64_t lsc_abi_mask(int category, int abi)
{
	return collect(category, abi, true, false);
}

uint64_t lsc_companion_mask(int category)
{
	return collect(category, INT_MAX, false, true);
}

uint64_t lsc_known_mask(int category)
{
	return collect(category, INT_MAX, true, true);
}

uint64_t lsc_scope_to_kernel(uint64_t scopes)
{
	uint64_t ret = scopes;
	size_t i;

	for (i = 0; i < lsc_nr_bits; i++) {
		const struct lsc_bit *b = &lsc_bits[i];

		if (b->category == LANDSCOPE_CATEGORY_SCOPE && b->kernel &&
		    scopes & b->bit)
			ret = (ret & ~b->bit) | b->kernel;
	}
	return ret;
}

uint64_t lsc_file_mask(void)
{
	uint64_t mask = 0;
	size_t i;

	for (i = 0; i < lsc_nr_bits; i++)
		if (lsc_bits[i].file)
			mask |= lsc_bits[i].bit;
	return mask;
}

/* The table entry of exactly one known bit, or NULL. */
static const struct lsc_bit *find_bit(int category, uint64_t bit)
{
	size_t i;

	for (i = 0; i < lsc_nr_bits; i++)
		if (lsc_bits[i].category == category && lsc_bits[i].bit == bit)
			return &lsc_bits[i];
	return NULL;
}

LSC_EXPORT uint64_t landscope_access_of_abi(int category, int abi)
{
	LSC_KEEP_ERRNO;
	/* Beyond the last ABI the library knows: all it knows of them. */
	return abi < 1 ? 0 : lsc_abi_mask(category, abi);
}

LSC_EXPORT int landscope_access_abi(int category, uint64_t bit)
{
	LSC_KEEP_ERRNO;
	const struct lsc_bit *b = find_bit(category, bit);

	if (!b)
		return -EINVAL;
	/* No upstream ABI has a companion bit: it is found by probing. */
	return b->companion ? 0 : b->abi;
}

LSC_EXPORT const char *landscope_access_name(int category, uint64_t bit)
{
	LSC_KEEP_ERRNO;
	const struct lsc_bit *b = find_bit(category, bit);

	return b ? b->name : NULL;
}
