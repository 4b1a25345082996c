/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_INTERNAL_H
#define LANDSCOPE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <liblandscope/landscope.h>

#include "export.h"
#include "probe.h"
#include "uapi/landlock.h"

#define LSC_NR_CATEGORIES 4

/* lsc_rule.path of a rule without a path (an fd or a port). */
#define LSC_NO_PATH SIZE_MAX

/* A rule as the caller gave it; kernel masking happens at enforcement. */
struct lsc_rule {
	int type; /* enum landscope_rule_type */
	int fd; /* O_PATH fd of a path rule, else -1 */
	size_t path; /* offset of the caller's path in paths, or LSC_NO_PATH */
	uint64_t port;
	uint64_t requested; /* rights as asked */
	uint64_t allowed; /* after masking non-directories */
	unsigned int flags; /* LANDSCOPE_RULE_QUIET */
	uint32_t outcome; /* MASKED_FILE or SKIPPED_MISSING so far */
	int error;
};

struct landscope_ruleset {
	int compat;
	unsigned int compat_flags;
	uint64_t handled[3]; /* fs, net, scope (by category) */
	uint64_t quiet[3];
	struct lsc_rule *rules;
	size_t nr_rules;
	size_t cap_rules;
	/*
	 * Every rule's path, NUL-terminated, one after the other: one
	 * growing buffer instead of an allocation per rule.  Rules keep
	 * offsets, since the buffer moves as it grows.
	 */
	char *paths;
	size_t paths_len;
	size_t paths_cap;
};

struct landscope_report {
	int abi;
	int status; /* enum landscope_status */
	bool enforce; /* the policy calls for restricting */
	bool all_threads;
	bool no_new_privs_flag; /* the ABI 11 flag does the NNP work */
	bool resolve_unix_scope; /* pathname scope through FS_RESOLVE_UNIX */
	bool dry_run;
	uint64_t errata;
	uint64_t requested[LSC_NR_CATEGORIES];
	uint64_t enforced[LSC_NR_CATEGORIES];
	uint64_t quiet_requested[3];
	uint64_t quiet_enforced[3];
	/* What reaches the kernel. */
	struct lsc_ruleset_attr attr;
	size_t attr_size;
	uint32_t restrict_flags;
	const char *not_enforced_why;
	unsigned int nr_rules;
	struct landscope_rule_info *rules;
	/* A copy of the ruleset's paths: rules[].path point into it. */
	char *paths;
};

/* policy.c: compute what can be enforced, into a new report. */
int lsc_policy_compute(const struct landscope_ruleset *ruleset,
		       const struct lsc_probe *probe, unsigned int flags,
		       struct landscope_report **ret);

/* ruleset.c: a path rule skipped with @err (< 0), for src/config. */
int lsc_ruleset_add_skipped(struct landscope_ruleset *rs, const char *path,
			    uint64_t access, unsigned int flags, int err);

/* report.c: record that nothing was enforced, and why. */
void lsc_report_not_enforced(struct landscope_report *r, const char *why);

#endif /* LANDSCOPE_INTERNAL_H */
