/* SPDX-License-Identifier: MIT */
/*
 * filter.c's program builder, apart from installing it, so that the unit
 * suite can run the program on every entry point without a kernel.
 */
#ifndef LANDSCOPE_FILTER_H
#define LANDSCOPE_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include <linux/filter.h>

/* Room for the largest program: 2 entries of all rules is about 200. */
#define LSC_FILTER_MAX_INSNS 512
#define LSC_FILTER_MAX_LABELS 64
#define LSC_FILTER_MAX_ENTRIES 2

/*
 * One way into the kernel: an audit architecture (AUDIT_ARCH_*) and its
 * syscall numbers, -1 where it has none; two numbers where one
 * architecture has two numberings (x86-64's native and x32's).
 */
struct lsc_filter_entry {
	uint32_t arch;
	int32_t socket[2];
	int32_t io_uring_setup[2];
	int32_t socketcall;
};

/* The entry points of the running process's architecture; 0 if unknown. */
const struct lsc_filter_entry *lsc_filter_native(size_t *ret_n);

/*
 * Write into @insn (room for @max) the program refusing @transports
 * (LANDSCOPE_TRANSPORT_* bits) through each of @entries and killing any
 * other entry point.  Its length, or -E2BIG, -EINVAL.
 */
int lsc_filter_build(const struct lsc_filter_entry *entries, size_t n,
		     uint32_t transports, struct sock_filter *insn,
		     unsigned int max);

#endif /* LANDSCOPE_FILTER_H */
