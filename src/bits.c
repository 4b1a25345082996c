// SPDX-License-Identifier: MIT
#include <limits.h>
#include <stddef.h>

#include <liblandscope/landscope.h>

#include "bits.h"
#include "export.h"

#define FS(b, a, n)                                                         \
	{                                                                   \
		LANDSCOPE_CATEGORY_FS, LANDSCOPE_ACCESS_FS_##b, a, false, n \
	}
#define NET(b, a, n)                                                          \
	{                                                                     \
		LANDSCOPE_CATEGORY_NET, LANDSCOPE_ACCESS_NET_##b, a, false, n \
	}
#define SCOPE(b, a, c, n)                                              \
	{                                                              \
		LANDSCOPE_CATEGORY_SCOPE, LANDSCOPE_SCOPE_##b, a, c, n \
	}
#define FLAG(b, a, n)                                                         \
	{                                                                     \
		LANDSCOPE_CATEGORY_FLAGS, LANDSCOPE_RESTRICT_##b, a, false, n \
	}

const struct lsc_bit lsc_bits[] = {
	FS(EXECUTE, 1, "execute"),
	FS(WRITE_FILE, 1, "write_file"),
	FS(READ_FILE, 1, "read_file"),
	FS(READ_DIR, 1, "read_dir"),
	FS(REMOVE_DIR, 1, "remove_dir"),
	FS(REMOVE_FILE, 1, "remove_file"),
	FS(MAKE_CHAR, 1, "make_char"),
	FS(MAKE_DIR, 1, "make_dir"),
	FS(MAKE_REG, 1, "make_reg"),
	FS(MAKE_SOCK, 1, "make_sock"),
	FS(MAKE_FIFO, 1, "make_fifo"),
	FS(MAKE_BLOCK, 1, "make_block"),
	FS(MAKE_SYM, 1, "make_sym"),
	FS(REFER, 2, "refer"),
	FS(TRUNCATE, 3, "truncate"),
	FS(IOCTL_DEV, 5, "ioctl_dev"),
	FS(RESOLVE_UNIX, 9, "resolve_unix"),
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
	SCOPE(ABSTRACT_UNIX_SOCKET_INBOUND, 6, true,
	      "abstract_unix_socket_inbound"),
	SCOPE(PATHNAME_UNIX_SOCKET_INBOUND, 6, true,
	      "pathname_unix_socket_inbound"),
	FLAG(LOG_SAME_EXEC_OFF, 7, "log_same_exec_off"),
	FLAG(LOG_NEW_EXEC_ON, 7, "log_new_exec_on"),
	FLAG(LOG_SUBDOMAINS_OFF, 7, "log_subdomains_off"),
	FLAG(ALL_THREADS, 8, "all_threads"),
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

LSC_EXPORT const char *landscope_access_name(int category, uint64_t bit)
{
	size_t i;

	for (i = 0; i < lsc_nr_bits; i++)
		if (lsc_bits[i].category == category && lsc_bits[i].bit == bit)
			return lsc_bits[i].name;
	return NULL;
}
