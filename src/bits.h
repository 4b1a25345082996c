/* SPDX-License-Identifier: MIT */
/*
 * One table holds the facts of every access right, scope, restrict flag
 * and add-rule flag of Landlock the library knows: its category, bit,
 * name, first ABI, whether the kernel takes it on a non-directory, and
 * whether it is upstream or only on the companion kernel.  All ABI-based
 * masking, every name printed and the exported landscope_access_*() come
 * from it; nothing else in the library or its examples repeats them.
 */
#ifndef LANDSCOPE_BITS_H
#define LANDSCOPE_BITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <liblandscope/landscope.h>

/* The categories of the report: fs, net, scope, restrict flags. */
/*
 * Arrays by category are indexed by enum landscope_category: all four, or
 * the three a ruleset handles (fs, net, scope).
 */
#define LSC_NR_CATEGORIES (LANDSCOPE_CATEGORY_FLAGS + 1)
#define LSC_NR_HANDLED (LANDSCOPE_CATEGORY_SCOPE + 1)

struct lsc_bit {
	int category; /* enum landscope_category */
	uint64_t bit;
	int abi; /* first ABI that has it */
	bool companion; /* only on kernels with our patches */
	bool file; /* a filesystem right the kernel takes on a non-directory */
	const char *name;
	/*
	 * The kernel's bit when it is not @bit: the companion inbound scopes,
	 * which the library numbers 3 and 4 (0.2's values) and the v2
	 * series 63 and 62.  0: the same.
	 */
	uint64_t kernel;
};

extern const struct lsc_bit lsc_bits[];
extern const size_t lsc_nr_bits;

/* Bits of @category that Landlock ABI @abi has (companion bits excluded). */
uint64_t lsc_abi_mask(int category, int abi);
/* Companion bits of @category. */
uint64_t lsc_companion_mask(int category);
/* Every bit of @category the library knows. */
uint64_t lsc_known_mask(int category);
/* The filesystem rights a rule on a non-directory may have. */
uint64_t lsc_file_mask(void);
/* The kernel's scope bits for the library's @scopes (and the reverse). */
uint64_t lsc_scope_to_kernel(uint64_t scopes);

#endif /* LANDSCOPE_BITS_H */
