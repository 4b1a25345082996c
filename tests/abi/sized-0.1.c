/* SPDX-License-Identifier: MIT */
/*
 * sized-0.1: a program built against liblandscope 0.1 fills both
 * size-versioned structures, on every architecture (issue 21, item 12).
 *
 * struct landscope_rule_info holds a pointer, so the size a 0.1 program's
 * LANDSCOPE_INIT() put in .sz depends on the architecture: 56 bytes on
 * x86_64, 52 on i386 (a 4-byte pointer, and uint64_t aligned to 4).
 * struct landscope_features holds fixed-width integers only: 64 bytes
 * everywhere.  The library must accept each size, write nothing past it,
 * and refuse one byte less with -EINVAL.  The abi suite runs this
 * natively; ci/i386-check builds and runs it with gcc -m32.
 *
 * Prints "sized-0.1: rule_info sz=N features sz=M: ok" and exits 0, or
 * names what failed and exits 1.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <liblandscope/landscope.h>

/* The structures as the 0.1 header declared them. */
struct rule_info_0_1 {
	uint64_t sz;
	int32_t type;
	uint32_t outcome;
	const char *path;
	uint64_t port;
	uint64_t requested;
	uint64_t enforced;
	int32_t error;
	uint32_t reserved;
};

struct features_0_1 {
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
};

#define GUARD 32
#define POISON 0xa5

/* Each 0.1 structure, then bytes the library must leave alone. */
union rule_buffer {
	struct rule_info_0_1 info;
	unsigned char bytes[sizeof(struct rule_info_0_1) + GUARD];
};

union features_buffer {
	struct features_0_1 f;
	unsigned char bytes[sizeof(struct features_0_1) + GUARD];
};

static int failed;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("sized-0.1: %s\n", what);
		failed = 1;
	}
}

static void check_guard(const unsigned char *bytes, size_t from, size_t to,
			const char *what)
{
	size_t i;

	for (i = from; i < to; i++)
		if (bytes[i] != POISON) {
			check(0, what);
			return;
		}
}

/* A report with one path rule, from a dry run: no kernel needed. */
static struct landscope_report *one_rule_report(void)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *r = NULL;
	int err;

	err = landscope_ruleset_new(&rs, 0);
	if (!err)
		err = landscope_ruleset_add_handled(
			rs, LANDSCOPE_CATEGORY_FS,
			LANDSCOPE_ACCESS_FS_READ_FILE);
	if (!err)
		err = landscope_ruleset_add_path(
			rs, "/", LANDSCOPE_ACCESS_FS_READ_FILE, 0);
	if (!err)
		err = landscope_ruleset_restrict_self(
			rs, LANDSCOPE_RESTRICT_DRY_RUN, &r);
	landscope_ruleset_free(rs);
	if (err)
		printf("sized-0.1: the dry run failed: %s\n", strerror(-err));
	return r;
}

static void rule_info(void)
{
	struct landscope_report *r = one_rule_report();
	union rule_buffer b;
	int err;

	if (!r) {
		failed = 1;
		return;
	}
	memset(&b, POISON, sizeof(b));
	b.info.sz = sizeof(b.info);
	err = landscope_report_rule(r, 0, (struct landscope_rule_info *)&b);
	if (err) {
		printf("sized-0.1: rule_info sz=%u: %s\n",
		       (unsigned int)b.info.sz, strerror(-err));
		failed = 1;
		landscope_report_free(r);
		return;
	}
	check(b.info.sz == sizeof(b.info), "rule_info: .sz was changed");
	check(b.info.type == LANDSCOPE_RULE_TYPE_PATH_BENEATH,
	      "rule_info: wrong .type");
	check(b.info.path && !strcmp(b.info.path, "/"),
	      "rule_info: wrong .path");
	check(b.info.requested == LANDSCOPE_ACCESS_FS_READ_FILE,
	      "rule_info: wrong .requested");
	check(b.info.reserved == 0, "rule_info: .reserved is not zero");
	check_guard(b.bytes, sizeof(b.info), sizeof(b),
		    "rule_info: a byte past .sz was written");
	b.info.sz = sizeof(b.info) - 1;
	err = landscope_report_rule(r, 0, (struct landscope_rule_info *)&b);
	check(err == -EINVAL, "rule_info: one byte short is not EINVAL");
	landscope_report_free(r);
}

static void features(void)
{
	union features_buffer b;
	int err;

	memset(&b, POISON, sizeof(b));
	b.f.sz = sizeof(b.f);
	err = landscope_features_get((struct landscope_features *)&b);
	if (err) {
		printf("sized-0.1: features sz=%u: %s\n", (unsigned int)b.f.sz,
		       strerror(-err));
		failed = 1;
		return;
	}
	check(b.f.sz == sizeof(b.f), "features: .sz was changed");
	check(b.f.abi >= 0 && b.f.abi <= LANDSCOPE_ABI_LAST,
	      "features: .abi out of range");
	check(b.f.reserved == 0, "features: .reserved is not zero");
	check_guard(b.bytes, sizeof(b.f), sizeof(b),
		    "features: a byte past .sz was written");
	b.f.sz = sizeof(b.f) - 1;
	err = landscope_features_get((struct landscope_features *)&b);
	check(err == -EINVAL, "features: one byte short is not EINVAL");
}

int main(void)
{
	rule_info();
	features();
	if (!failed)
		printf("sized-0.1: rule_info sz=%u features sz=%u: ok\n",
		       (unsigned int)sizeof(struct rule_info_0_1),
		       (unsigned int)sizeof(struct features_0_1));
	return failed;
}
