// SPDX-License-Identifier: MIT
/*
 * Deciding what to enforce.  All compatibility logic lives here, as pure
 * functions of the ruleset, the probe and the caller's flags, so that the
 * unit suite can check every ABI and every level without a kernel, so that
 * a hard failure happens before the process is touched, and so that the
 * immediate mode (rules sent as they are added) and the deferred one
 * (rules sent at restriction) decide each rule the same way.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "internal.h"
#include "transport.h"

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

/*
 * The first rule masked to file rights the caller did not ask for, or
 * narrowed to nothing, or -1.
 */
static int first_masked_file(const struct landscope_ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->nr_rules; i++)
		if (rs->rules[i].outcome & LANDSCOPE_OUTCOME_MASKED_FILE &&
		    (!(rs->rules[i].flags & LANDSCOPE_ADD_RULE_NARROW_FILE) ||
		     !rs->rules[i].allowed))
			return (int)i;
	return -1;
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

void lsc_plan_attr(const struct landscope_ruleset *rs,
		   const struct lsc_probe *p, struct lsc_attr *ret)
{
	struct lsc_ruleset_attr *a = &ret->attr;

	memset(ret, 0, sizeof(*ret));
	a->handled_access_fs = rs->handled[FS] & p->access[FS];
	a->handled_access_net = rs->handled[NET] & p->access[NET];
	a->scoped = rs->handled[SCOPE] & p->access[SCOPE];
	/*
	 * Without the companion bit, FS_RESOLVE_UNIX handled with no rule
	 * granting it is the same restriction (ABI 9).
	 */
	if (rs->handled[SCOPE] & LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET &&
	    !(p->access[SCOPE] & LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET) &&
	    p->access[FS] & LANDSCOPE_ACCESS_FS_RESOLVE_UNIX) {
		ret->resolve_unix_scope = true;
		a->handled_access_fs |= LANDSCOPE_ACCESS_FS_RESOLVE_UNIX;
	}
	/* Quiet sets: never required, so only ever masked. */
	if (p->quiet) {
		a->quiet_access_fs = rs->quiet[FS] & a->handled_access_fs;
		a->quiet_access_net = rs->quiet[NET] & a->handled_access_net;
		a->quiet_scoped = rs->quiet[SCOPE] & a->scoped;
	}
	ret->size = attr_size(a);
}

uint64_t lsc_plan_rule(const struct lsc_rule *rule,
		       const struct landscope_ruleset *rs,
		       const struct lsc_probe *p, const struct lsc_attr *ka,
		       uint32_t *ret_outcome)
{
	int c = rule->type == LANDSCOPE_RULE_TYPE_NET_PORT ? NET : FS;
	uint64_t kernel = c == FS ? ka->attr.handled_access_fs
				  : ka->attr.handled_access_net;
	uint64_t allowed = rule->allowed;
	uint32_t outcome = rule->outcome;

	if (outcome & LANDSCOPE_OUTCOME_SKIPPED_MISSING) {
		*ret_outcome = outcome;
		return 0;
	}
	/* Only what the caller handled may be granted. */
	if (allowed & ~rs->handled[c])
		outcome |= LANDSCOPE_OUTCOME_DROPPED_UNHANDLED;
	allowed &= rs->handled[c];
	if (allowed & ~p->access[c])
		outcome |= LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED;
	*ret_outcome = outcome;
	return allowed & kernel;
}

/* Handled sets and flags: requested, dropped, and what would be enforced. */
static void categories(struct landscope_report *r,
		       const struct landscope_ruleset *rs,
		       const struct lsc_probe *p, unsigned int flags)
{
	uint64_t possible[LSC_NR_CATEGORIES];
	int c;

	lsc_plan_attr(rs, p, &r->kattr);
	possible[FS] = rs->handled[FS] & p->access[FS];
	possible[NET] = r->kattr.attr.handled_access_net;
	possible[SCOPE] = r->kattr.attr.scoped;
	possible[FLAGS] = r->requested[FLAGS] & p->access[FLAGS];
	/*
	 * ABI 1 denies REFER whatever is handled, so handling it without
	 * granting it is honoured as asked.
	 */
	if (!(p->access[FS] & LANDSCOPE_ACCESS_FS_REFER) &&
	    rs->handled[FS] & LANDSCOPE_ACCESS_FS_REFER &&
	    !fs_right_granted(rs, LANDSCOPE_ACCESS_FS_REFER))
		possible[FS] |= LANDSCOPE_ACCESS_FS_REFER;
	/*
	 * The fallback is the scope only if no rule grants RESOLVE_UNIX: a
	 * granted directory opens its sockets to the domain, so the scope is
	 * then not what the kernel enforces.
	 */
	if (r->kattr.resolve_unix_scope &&
	    !fs_right_granted(rs, LANDSCOPE_ACCESS_FS_RESOLVE_UNIX))
		possible[SCOPE] |= LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET;
	for (c = 0; c < LSC_NR_CATEGORIES; c++) {
		r->enforced[c] = possible[c];
		r->dropped[c] = r->requested[c] & ~possible[c];
	}
	for (c = FS; c <= SCOPE; c++) {
		r->quiet_requested[c] = rs->quiet[c];
		r->unhandled[c] = p->access[c] & lsc_known_mask(c) &
				  ~rs->handled[c];
	}
	r->quiet_enforced[FS] = r->kattr.attr.quiet_access_fs;
	r->quiet_enforced[NET] = r->kattr.attr.quiet_access_net;
	r->quiet_enforced[SCOPE] = r->kattr.attr.quiet_scoped;

	r->all_threads = r->enforced[FLAGS] & LANDSCOPE_RESTRICT_ALL_THREADS;
	r->restrict_flags = (uint32_t)r->enforced[FLAGS];
	if (!(flags & LANDSCOPE_RESTRICT_KEEP_PRIVS) &&
	    p->access[FLAGS] & LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS) {
		r->no_new_privs_flag = true;
		r->restrict_flags |= LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS;
	}
}

/*
 * The transports the enforced network rights miss: refused by the filter
 * unless the caller opts out; what this build cannot refuse is a lack,
 * like a right the kernel lacks.
 */
static void transports(struct landscope_report *r, const struct lsc_probe *p,
		       unsigned int flags)
{
	uint32_t t = lsc_transport_unmediated(r->enforced[NET], p->errata);

	if (flags & LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS) {
		r->transports_open = t;
		return;
	}
	r->transports_refused = lsc_filter_closable(t);
	r->transports_open = t & ~r->transports_refused;
	r->transports_lack = r->transports_open;
	/*
	 * seccomp(2) needs no_new_privs before the filter, so the ABI 11
	 * flag, which sets it only as the domain is entered, comes too late.
	 */
	if (r->transports_refused && r->no_new_privs_flag) {
		r->no_new_privs_flag = false;
		r->restrict_flags &= ~LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS;
	}
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
		const struct lsc_rule *rule = &rs->rules[i];
		struct landscope_rule_info *info = &r->rules[i];

		info->sz = sizeof(*info);
		info->type = rule->type;
		info->port = rule->port;
		info->requested = rule->requested;
		info->error = rule->error;
		/* What would be enforced; lsc_report_finish() settles it. */
		info->enforced =
			lsc_plan_rule(rule, rs, p, &r->kattr, &info->outcome);
		info->sent = rule->sent;
		if (rule->path != LSC_NO_PATH)
			info->path = r->paths + rule->path;
	}
	return 0;
}

static bool all_enforced(const struct landscope_report *r)
{
	int c;

	for (c = 0; c < LSC_NR_CATEGORIES; c++)
		if (r->dropped[c])
			return false;
	return true;
}

int lsc_plan_report(const struct landscope_ruleset *rs,
		    const struct lsc_probe *p, unsigned int flags,
		    struct landscope_report **ret)
{
	struct landscope_report *r;
	bool full;
	int c, err;

	*ret = NULL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	/*
	 * An empty policy is the caller's slip (a forgotten add_handled), not
	 * the kernel's: -ENOMSG, with a report that says what is missing,
	 * since strerror()'s "No message of desired type" does not.
	 */
	if (!rs->handled[FS] && !rs->handled[NET] && !rs->handled[SCOPE]) {
		r->abi = p->abi;
		r->bad_rule = -1;
		lsc_report_not_enforced(
			r,
			"nothing is handled: the ruleset restricts nothing "
			"until landscope_ruleset_add_handled() is called",
			0);
		*ret = r;
		return -ENOMSG;
	}
	r->abi = p->abi;
	r->simulated = p->simulated;
	r->errata = p->errata;
	r->bad_rule = -1;
	r->dry_run = flags & LANDSCOPE_RESTRICT_DRY_RUN;
	r->enforce = true;
	for (c = FS; c <= SCOPE; c++)
		r->requested[c] = rs->handled[c];
	r->requested[FLAGS] = flags & lsc_known_mask(FLAGS);

	if (p->unavailable) {
		/* The kernel lacks everything: all of it is dropped. */
		for (c = 0; c < LSC_NR_CATEGORIES; c++)
			r->dropped[c] = r->requested[c];
		for (c = FS; c <= SCOPE; c++)
			r->quiet_requested[c] = rs->quiet[c];
		r->enforce = false;
		if (p->unavailable == -EPERM) {
			r->cause =
				"Landlock is denied by a seccomp filter or an "
				"LSM";
			r->cause_err = p->blocked_err;
		} else if (p->simulated)
			r->cause =
				"Landlock is hidden by LANDSCOPE_SIMULATE_ABI=0 "
				"(a test build)";
		else if (p->unavailable == -EOPNOTSUPP)
			r->cause = "Landlock is disabled at boot";
		else
			r->cause = "the kernel has no Landlock";
	} else {
		categories(r, rs, p, flags);
		transports(r, p, flags);
		if (!r->kattr.attr.handled_access_fs &&
		    !r->kattr.attr.handled_access_net &&
		    !r->kattr.attr.scoped) {
			r->enforce = false;
			r->cause = "the kernel supports nothing requested";
		}
	}

	full = r->enforce && all_enforced(r) && !r->transports_lack;
	r->refer_denied = !(p->access[FS] & LANDSCOPE_ACCESS_FS_REFER) &&
			  fs_right_granted(rs, LANDSCOPE_ACCESS_FS_REFER);
	if (r->enforce && r->refer_denied &&
	    rs->compat_flags & LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1) {
		r->enforce = false;
		r->cause = "REFER is granted but ABI 1 always denies it";
	}
	/* The reason is the kernel's lack itself (lsc_report_finish()). */
	if (!full && r->enforce &&
	    rs->compat == LANDSCOPE_COMPAT_SOFT_REQUIREMENT)
		r->enforce = false;

	err = fill_rules(r, rs, p);
	if (err)
		goto err_free;

	r->status = full ? LANDSCOPE_FULLY_ENFORCED
			 : LANDSCOPE_PARTIALLY_ENFORCED;
	err = 0;
	if (rs->compat == LANDSCOPE_COMPAT_HARD_REQUIREMENT) {
		/*
		 * Fail before anything touches the process, and keep the
		 * specific reason: a hard failure is the call's answer, not
		 * its cause.
		 */
		r->bad_rule = first_masked_file(rs);
		if (r->bad_rule >= 0)
			err = -EINVAL;
		else if (!full)
			err = -EOPNOTSUPP;
	}
	if (!r->enforce || err)
		lsc_report_not_enforced(r, r->cause, 0);
	*ret = r;
	return err;

err_free:
	landscope_report_free(r);
	return err;
}
