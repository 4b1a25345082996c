// SPDX-License-Identifier: MIT
/* The enforcement report: accessors and the human-readable form. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "internal.h"

void lsc_report_not_enforced(struct landscope_report *r, const char *why)
{
	unsigned int i;
	int c;

	r->enforce = false;
	r->status = LANDSCOPE_NOT_ENFORCED;
	r->not_enforced_why = why;
	r->all_threads = false;
	for (c = 0; c < LSC_NR_CATEGORIES; c++)
		r->enforced[c] = 0;
	for (i = 0; i < r->nr_rules; i++)
		r->rules[i].outcome &= ~LANDSCOPE_OUTCOME_APPLIED;
}

LSC_EXPORT void landscope_report_free(struct landscope_report *r)
{
	if (!r)
		return;
	free(r->rules);
	free(r->paths);
	free(r);
}

LSC_EXPORT void landscope_report_freep(struct landscope_report **r)
{
	if (r) {
		landscope_report_free(*r);
		*r = NULL;
	}
}

LSC_EXPORT int landscope_report_status(const struct landscope_report *r)
{
	return r ? r->status : -EINVAL;
}

LSC_EXPORT int landscope_report_abi(const struct landscope_report *r)
{
	return r ? r->abi : -EINVAL;
}

LSC_EXPORT int landscope_report_category(const struct landscope_report *r,
					 int category, uint64_t *ret_requested,
					 uint64_t *ret_enforced)
{
	if (!r || category < 0 || category >= LSC_NR_CATEGORIES)
		return -EINVAL;
	if (ret_requested)
		*ret_requested = r->requested[category];
	if (ret_enforced)
		*ret_enforced = r->enforced[category];
	return 0;
}

LSC_EXPORT int landscope_report_all_threads(const struct landscope_report *r)
{
	return r ? r->all_threads : -EINVAL;
}

LSC_EXPORT int landscope_report_rule_count(const struct landscope_report *r)
{
	return r ? (int)r->nr_rules : -EINVAL;
}

LSC_EXPORT int landscope_report_rule(const struct landscope_report *r,
				     unsigned int index,
				     struct landscope_rule_info *ret)
{
	if (!r || !ret || ret->sz < LSC_RULE_INFO_SIZE_0_1)
		return -EINVAL;
	if (index >= r->nr_rules)
		return -ERANGE;
	lsc_copy_sized(ret, ret->sz, &r->rules[index], sizeof(*ret));
	return 0;
}

static const char *const status_names[] = {
	[LANDSCOPE_FULLY_ENFORCED] = "fully enforced",
	[LANDSCOPE_PARTIALLY_ENFORCED] = "partially enforced",
	[LANDSCOPE_NOT_ENFORCED] = "not enforced",
};

static const char *const category_names[] = {
	[LANDSCOPE_CATEGORY_FS] = "fs",
	[LANDSCOPE_CATEGORY_NET] = "net",
	[LANDSCOPE_CATEGORY_SCOPE] = "scope",
	[LANDSCOPE_CATEGORY_FLAGS] = "flags",
};

static void print_bits(FILE *f, int category, uint64_t bits)
{
	const char *sep = "";
	uint64_t bit;

	if (!bits) {
		fputs("-", f);
		return;
	}
	for (bit = 1; bit; bit <<= 1) {
		const char *name;

		if (!(bits & bit))
			continue;
		name = landscope_access_name(category, bit);
		if (name)
			fprintf(f, "%s%s", sep, name);
		else
			fprintf(f, "%s0x%" PRIx64, sep, bit);
		sep = ",";
	}
}

static void print_rule(FILE *f, unsigned int i,
		       const struct landscope_rule_info *rule)
{
	int c = rule->type == LANDSCOPE_RULE_TYPE_NET_PORT
			? LANDSCOPE_CATEGORY_NET
			: LANDSCOPE_CATEGORY_FS;

	if (rule->type == LANDSCOPE_RULE_TYPE_NET_PORT)
		fprintf(f, "landscope:   rule %u: port %" PRIu64 ":", i,
			rule->port);
	else
		fprintf(f, "landscope:   rule %u: path %s:", i,
			rule->path ? rule->path : "(fd)");
	if (rule->outcome & LANDSCOPE_OUTCOME_APPLIED)
		fputs(" applied", f);
	else
		fputs(" not applied", f);
	if (rule->outcome & LANDSCOPE_OUTCOME_SKIPPED_MISSING)
		fputs(", skipped (missing)", f);
	if (rule->outcome & LANDSCOPE_OUTCOME_MASKED_FILE)
		fputs(", masked to file rights", f);
	if (rule->outcome & LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED)
		fputs(", unsupported rights dropped", f);
	if (rule->outcome & LANDSCOPE_OUTCOME_DROPPED_UNHANDLED)
		fputs(", unhandled rights dropped", f);
	fputs("; allowed ", f);
	print_bits(f, c, rule->enforced);
	if (rule->requested != rule->enforced) {
		fputs(" of ", f);
		print_bits(f, c, rule->requested);
	}
	fputc('\n', f);
}

LSC_EXPORT int landscope_report_print(const struct landscope_report *r, FILE *f)
{
	unsigned int i;
	int c;

	if (!r || !f)
		return -EINVAL;
	fprintf(f, "landscope: Landlock ABI %d, errata 0x%" PRIx64 ": %s%s\n",
		r->abi, r->errata, status_names[r->status],
		r->dry_run ? " (dry run)" : "");
	if (r->not_enforced_why)
		fprintf(f, "landscope:   why: %s\n", r->not_enforced_why);
	for (c = 0; c < LSC_NR_CATEGORIES; c++) {
		uint64_t dropped = r->requested[c] & ~r->enforced[c];

		if (!r->requested[c])
			continue;
		fprintf(f, "landscope:   %s: enforced ", category_names[c]);
		print_bits(f, c, r->enforced[c]);
		if (dropped) {
			fputs("; dropped ", f);
			print_bits(f, c, dropped);
		}
		fputc('\n', f);
	}
	if (r->resolve_unix_scope && r->enforce)
		fputs("landscope:   pathname_unix_socket scope enforced as "
		      "fs resolve_unix (EACCES)\n",
		      f);
	if (r->enforce)
		fprintf(f, "landscope:   threads: %s\n",
			r->all_threads ? "all threads" : "calling thread only");
	for (i = 0; i < r->nr_rules; i++)
		print_rule(f, i, &r->rules[i]);
	fflush(f);
	return ferror(f) ? -EIO : 0;
}
