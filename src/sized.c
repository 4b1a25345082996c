// SPDX-License-Identifier: MIT
/*
 * Size-versioned output structures.  A caller built against an older
 * header passes a smaller .sz, one built against a newer header a larger
 * one: fill what both know, and never write past .sz.
 */
#include <string.h>

#include "internal.h"

/*
 * The 0.1 sizes are what 0.1 programs compiled in, so they must be
 * prefixes of today's structures, member for member: a layout change
 * that would move a field under an old program fails the build, on every
 * architecture it is built for.
 */
#define LSC_SAME_OFFSET(old, cur, member)                    \
	_Static_assert(offsetof(struct old, member) ==       \
			       offsetof(struct cur, member), \
		       #cur "." #member " moved since 0.1")

LSC_SAME_OFFSET(lsc_rule_info_0_1, landscope_rule_info, type);
LSC_SAME_OFFSET(lsc_rule_info_0_1, landscope_rule_info, outcome);
LSC_SAME_OFFSET(lsc_rule_info_0_1, landscope_rule_info, path);
LSC_SAME_OFFSET(lsc_rule_info_0_1, landscope_rule_info, port);
LSC_SAME_OFFSET(lsc_rule_info_0_1, landscope_rule_info, requested);
LSC_SAME_OFFSET(lsc_rule_info_0_1, landscope_rule_info, enforced);
LSC_SAME_OFFSET(lsc_rule_info_0_1, landscope_rule_info, error);
LSC_SAME_OFFSET(lsc_rule_info_0_1, landscope_rule_info, reserved);
_Static_assert(LSC_RULE_INFO_SIZE_0_1 <= sizeof(struct landscope_rule_info),
	       "the 0.1 struct landscope_rule_info is bigger than today's");
/* The size 0.1 shipped on x86_64, where abidiff guards the layout too. */
#if defined(__x86_64__) && defined(__LP64__)
_Static_assert(LSC_RULE_INFO_SIZE_0_1 == 56,
	       "struct landscope_rule_info: 0.1 size on x86_64 is 56");
#endif
/* Fixed-width integers, no padding: 64 bytes on every architecture. */
_Static_assert(offsetof(struct landscope_features, reserved) +
			       sizeof(uint32_t) ==
		       LSC_FEATURES_SIZE_0_1,
	       "struct landscope_features: 0.1 size is 64");

void lsc_copy_sized(void *dst, uint64_t sz, const void *src, size_t size)
{
	size_t n = sz < size ? (size_t)sz : size;

	/* .sz is the first field of every such structure: keep the caller's. */
	memcpy((char *)dst + sizeof(uint64_t),
	       (const char *)src + sizeof(uint64_t), n - sizeof(uint64_t));
}
