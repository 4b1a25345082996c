// SPDX-License-Identifier: MIT
/*
 * Deciding what to enforce.  All compatibility logic lives here, as a pure
 * function of the ruleset, the probe and the caller's flags, so that the
 * unit suite can check every ABI and every level without a kernel, and so
 * that a hard failure happens before the process is touched.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "internal.h"

#define FS LANDSCOPE_CATEGORY_FS
#define NET LANDSCOPE_CATEGORY_NET
#define SCOPE LANDSCOPE_CATEGORY_SCOPE
#define FLAGS LANDSCOPE_CATEGORY_FLAGS

/* Whether some path rule grants the handled filesystem @right. */
static bool fs_right_granted(const struct landscope_ruleset *rs, uint64_t right)
{
	size_t i;

	if (!(rs->handled[FS] & right))
		return false;
	for (i = 0; i < rs->nr_rules; i++)
		if (rs->rules[i].type == LANDSCOPE_RULE_TYPE_PATH_BENEATH &&
		    rs->rules[i].allowed & right)
			return true;
	return false;
}

static bool has_masked_file(const struct landscope_ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->nr_rules; i++)
		if (rs->rules[i].outcome & LANDSCOPE_OUTCOME_MASKED_FILE)
			return true;
	return false;
}

/* Handled sets the kernel can take, and the pathname scope fallback. */
static void mask_categories(struct landscope_report *r,
			    const struct landscope_ruleset *rs,
			    const struct lsc_probe *p, unsigned int flags)
{
	uint64_t scope_req = rs->handled[SCOPE];

	r->enforced[FS] = rs->handled[FS] & p->access[FS];
	r->enforced[NET] = rs->handled[NET] & p->access[NET];
	r->enforced[SCOPE] = scope_req & p->access[SCOPE];
	r->enforced[FLAGS] = r->requested[FLAGS] & p->access[FLAGS];
	r->attr.handled_access_fs = r->enforced[FS];
	r->attr.handled_access_net = r->enforced[NET];
	r->attr.scoped = r->enforced[SCOPE];

	/*
	 * ABI 1 denies REFER whatever is handled, so handling it without
	 * granting it is honoured as asked.
	 */
	if (!(p->access[FS] & LANDSCOPE_ACCESS_FS_REFER) &&
	    rs->handled[FS] & LANDSCOPE_ACCESS_FS_REFER &&
	    !fs_right_granted(rs, LANDSCOPE_ACCESS_FS_REFER))
		r->enforced[FS] |= LANDSCOPE_ACCESS_FS_REFER;

	/*
	 * Without the companion bit, FS_RESOLVE_UNIX handled with no rule
	 * granting it is the same restriction (ABI 9).  A rule of the
	 * caller's that grants it opens the sockets beneath it to the
	 * domain, so the scope is then not what the kernel enforces.
	 */
	if (scope_req & LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET &&
	    !(p->access[SCOPE] & LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET) &&
	    p->access[FS] & LANDSCOPE_ACCESS_FS_RESOLVE_UNIX &&
	    !fs_right_granted(rs, LANDSCOPE_ACCESS_FS_RESOLVE_UNIX)) {
		r->resolve_unix_scope = true;
		r->enforced[SCOPE] |= LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET;
		r->attr.handled_access_fs |= LANDSCOPE_ACCESS_FS_RESOLVE_UNIX;
	}

	r->all_threads = r->enforced[FLAGS] & LANDSCOPE_RESTRICT_ALL_THREADS;
	r->restrict_flags = (uint32_t)r->enforced[FLAGS];
	if (!(flags & LANDSCOPE_RESTRICT_KEEP_PRIVS) &&
	    p->access[FLAGS] & LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS) {
		r->no_new_privs_flag = true;
		r->restrict_flags |= LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS;
	}
}

/* Quiet sets: never required, so only ever masked. */
static void mask_quiet(struct landscope_report *r,
		       const struct landscope_ruleset *rs,
		       const struct lsc_probe *p)
{
	int c;

	for (c = FS; c <= SCOPE; c++) {
		r->quiet_requested[c] = rs->quiet[c];
		r->quiet_enforced[c] = p->quiet ? rs->quiet[c] & r->enforced[c]
						: 0;
	}
	r->attr.quiet_access_fs = r->quiet_enforced[FS] &
				  r->attr.handled_access_fs;
	r->attr.quiet_access_net = r->quiet_enforced[NET];
	r->attr.quiet_scoped = r->quiet_enforced[SCOPE] & r->attr.scoped;
}

static size_t attr_size(const struct lsc_ruleset_attr *a)
{
	/* The smallest size that carries every non-zero field. */
	if (a->quiet_access_fs || a->quiet_access_net || a->quiet_scoped)
		return LSC_RULESET_ATTR_SIZE_V10;
	if (a->scoped)
		return LSC_RULESET_ATTR_SIZE_V6;
	if (a->handled_access_net)
		return LSC_RULESET_ATTR_SIZE_V4;
	return LSC_RULESET_ATTR_SIZE_V1;
}

static void mask_rule(struct landscope_rule_info *info,
		      const struct lsc_rule *rule,
		      const struct landscope_report *r,
		      const struct landscope_ruleset *rs,
		      const struct lsc_probe *p)
{
	int c = rule->type == LANDSCOPE_RULE_TYPE_NET_PORT ? NET : FS;
	uint64_t supported = p->access[c];
	uint64_t kernel = c == FS ? r->attr.handled_access_fs
				  : r->attr.handled_access_net;
	uint64_t allowed = rule->allowed;

	info->sz = sizeof(*info);
	info->type = rule->type;
	info->port = rule->port;
	info->requested = rule->requested;
	info->outcome = rule->outcome;
	info->error = rule->error;
	if (rule->outcome & LANDSCOPE_OUTCOME_SKIPPED_MISSING)
		return;

	/* Only what the caller handled may be granted. */
	if (allowed & ~rs->handled[c])
		info->outcome |= LANDSCOPE_OUTCOME_DROPPED_UNHANDLED;
	allowed &= rs->handled[c];
	if (allowed & ~supported)
		info->outcome |= LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED;
	allowed &= kernel;
	info->enforced = allowed;
	if (allowed && r->enforce)
		info->outcome |= LANDSCOPE_OUTCOME_APPLIED;
}

static int fill_rules(struct landscope_report *r,
		      const struct landscope_ruleset *rs,
		      const struct lsc_probe *p)
{
	size_t i;

	if (!rs->nr_rules)
		return 0;
	r->rules = calloc(rs->nr_rules, sizeof(*r->rules));
	if (!r->rules)
		return -ENOMEM;
	r->nr_rules = (unsigned int)rs->nr_rules;
	/* The report outlives the ruleset: one copy of all its paths. */
	if (rs->paths_len) {
		r->paths = malloc(rs->paths_len);
		if (!r->paths)
			return -ENOMEM;
		memcpy(r->paths, rs->paths, rs->paths_len);
	}
	for (i = 0; i < rs->nr_rules; i++) {
		mask_rule(&r->rules[i], &rs->rules[i], r, rs, p);
		if (rs->rules[i].path != LSC_NO_PATH)
			r->rules[i].path = r->paths + rs->rules[i].path;
	}
	return 0;
}

static bool all_enforced(const struct landscope_report *r)
{
	int c;

	for (c = 0; c < LSC_NR_CATEGORIES; c++)
		if (r->requested[c] != r->enforced[c])
			return false;
	return true;
}

int lsc_policy_compute(const struct landscope_ruleset *rs,
		       const struct lsc_probe *p, unsigned int flags,
		       struct landscope_report **ret)
{
	struct landscope_report *r;
	bool full;
	int err;

	*ret = NULL;
	if (!rs->handled[FS] && !rs->handled[NET] && !rs->handled[SCOPE])
		return -ENOMSG;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->abi = p->abi;
	r->errata = p->errata;
	r->dry_run = flags & LANDSCOPE_RESTRICT_DRY_RUN;
	r->enforce = true;
	r->requested[FS] = rs->handled[FS];
	r->requested[NET] = rs->handled[NET];
	r->requested[SCOPE] = rs->handled[SCOPE];
	r->requested[FLAGS] = flags & lsc_known_mask(FLAGS);

	if (p->unavailable) {
		r->enforce = false;
		r->not_enforced_why = p->unavailable == -EOPNOTSUPP
					      ? "Landlock is disabled at boot"
					      : "the kernel has no Landlock";
	} else {
		mask_categories(r, rs, p, flags);
		mask_quiet(r, rs, p);
		r->attr_size = attr_size(&r->attr);
		if (!r->attr.handled_access_fs && !r->attr.handled_access_net &&
		    !r->attr.scoped) {
			r->enforce = false;
			r->not_enforced_why =
				"the kernel supports nothing requested";
		}
	}

	full = r->enforce && all_enforced(r);
	if (r->enforce && !p->unavailable &&
	    !(p->access[FS] & LANDSCOPE_ACCESS_FS_REFER) &&
	    fs_right_granted(rs, LANDSCOPE_ACCESS_FS_REFER) &&
	    rs->compat_flags & LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1) {
		r->enforce = false;
		r->not_enforced_why =
			"REFER is granted but ABI 1 always denies it";
	}
	if (!full && r->enforce &&
	    rs->compat == LANDSCOPE_COMPAT_SOFT_REQUIREMENT) {
		r->enforce = false;
		r->not_enforced_why =
			"soft requirement: the kernel lacks a requested feature";
	}

	err = fill_rules(r, rs, p);
	if (err)
		goto err_free;

	r->status = full ? LANDSCOPE_FULLY_ENFORCED
			 : LANDSCOPE_PARTIALLY_ENFORCED;
	if (!r->enforce)
		lsc_report_not_enforced(r, r->not_enforced_why);

	if (rs->compat == LANDSCOPE_COMPAT_HARD_REQUIREMENT) {
		/* Fail before anything touches the process. */
		if (has_masked_file(rs))
			err = -EINVAL;
		else if (!full)
			err = -EOPNOTSUPP;
		if (err)
			lsc_report_not_enforced(r, "hard requirement not met");
	}
	*ret = r;
	return err;

err_free:
	landscope_report_free(r);
	return err;
}
