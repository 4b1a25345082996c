/* SPDX-License-Identifier: MIT */
/*
 * rule-info-0.1: a program built against liblandscope 0.1 reads its
 * report's rules on every architecture (issue 21, item 12).
 *
 * struct landscope_rule_info holds a pointer, so the size a 0.1 program's
 * LANDSCOPE_INIT() put in .sz depends on the architecture: 56 bytes on
 * x86_64, 52 on i386 (a 4-byte pointer, and uint64_t aligned to 4).  The
 * library must accept that size and write nothing past it.  The abi suite
 * runs this natively; ci/i386-check builds and runs it with gcc -m32.
 *
 * Prints "rule-info-0.1: sz=N: ok" and exits 0, or names what failed and
 * exits 1.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <liblandscope/landscope.h>

/* struct landscope_rule_info as the 0.1 header declared it. */
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

#define GUARD 32
#define POISON 0xa5

/* The 0.1 structure, then bytes the library must leave alone. */
union buffer {
	struct rule_info_0_1 info;
	unsigned char bytes[sizeof(struct rule_info_0_1) + GUARD];
};

static int failed;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("rule-info-0.1: %s\n", what);
		failed = 1;
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
		printf("rule-info-0.1: the dry run failed: %s\n",
		       strerror(-err));
	return r;
}

int main(void)
{
	struct landscope_report *r = one_rule_report();
	union buffer b;
	size_t i;
	int err;

	if (!r)
		return 1;
	memset(&b, POISON, sizeof(b));
	b.info.sz = sizeof(b.info);
	err = landscope_report_rule(r, 0, (struct landscope_rule_info *)&b);
	if (err) {
		printf("rule-info-0.1: sz=%u: %s\n", (unsigned int)b.info.sz,
		       strerror(-err));
		landscope_report_free(r);
		return 1;
	}
	check(b.info.sz == sizeof(b.info), ".sz was changed");
	check(b.info.type == LANDSCOPE_RULE_TYPE_PATH_BENEATH, "wrong .type");
	check(b.info.path && !strcmp(b.info.path, "/"), "wrong .path");
	check(b.info.requested == LANDSCOPE_ACCESS_FS_READ_FILE,
	      "wrong .requested");
	check(b.info.reserved == 0, ".reserved is not zero");
	for (i = sizeof(b.info); i < sizeof(b); i++)
		if (b.bytes[i] != POISON) {
			check(0, "a byte past .sz was written");
			break;
		}
	/* One byte short of the 0.1 size is refused. */
	b.info.sz = sizeof(b.info) - 1;
	err = landscope_report_rule(r, 0, (struct landscope_rule_info *)&b);
	check(err == -EINVAL, "sz one byte short: not EINVAL");
	landscope_report_free(r);
	if (!failed)
		printf("rule-info-0.1: sz=%u: ok\n",
		       (unsigned int)sizeof(b.info));
	return failed;
}
