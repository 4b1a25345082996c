/* SPDX-License-Identifier: MIT */
/*
 * One table maps every access right, scope and restrict flag the library
 * knows to its name and to the first Landlock ABI that has it.  All
 * ABI-based masking and every name printed come from it.
 */
#ifndef LANDSCOPE_BITS_H
#define LANDSCOPE_BITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct lsc_bit {
	int category; /* enum landscope_category */
	uint64_t bit;
	int abi; /* first ABI that has it */
	bool companion; /* only on kernels with our patches */
	const char *name;
};

extern const struct lsc_bit lsc_bits[];
extern const size_t lsc_nr_bits;

/* Bits of @category that Landlock ABI @abi has (companion bits excluded). */
uint64_t lsc_abi_mask(int category, int abi);
/* Companion bits of @category. */
uint64_t lsc_companion_mask(int category);
/* Every bit of @category the library knows. */
uint64_t lsc_known_mask(int category);

#endif /* LANDSCOPE_BITS_H */
