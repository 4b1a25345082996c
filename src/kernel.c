// SPDX-License-Identifier: MIT
/*
 * Applying a decided policy: the kernel ruleset, its rules, and entering
 * the domain, in that order and in one place.  Callers (ruleset.c while
 * rules are added, restrict.c at restriction) hand it what plan.c
 * decided; it calls only the syscall layer, and records what failed in
 * the report through report.c.  Immediate mode creates the kernel
 * ruleset at the first rule (lsc_kernel_freeze()) and keeps it for the
 * next layer; deferred mode creates it at restriction and closes every fd
 * it opened before returning.
 */
#include <errno.h>
#include <stdbool.h>
#include <unistd.h>

#include "bits.h"
#include "internal.h"
#include "syscall.h"
#include "transport.h"

int lsc_kernel_check_owner(const struct landscope_ruleset *rs)
{
	return rs->frozen && rs->owner != getpid() ? -ECHILD : 0;
}

int lsc_kernel_freeze(struct landscope_ruleset *rs)
{
	struct lsc_probe p;
	int fd, err;

	if (rs->frozen)
		return 0;
	if (!rs->handled[LANDSCOPE_CATEGORY_FS] &&
	    !rs->handled[LANDSCOPE_CATEGORY_NET] &&
	    !rs->handled[LANDSCOPE_CATEGORY_SCOPE])
		return -ENOMSG;
	err = lsc_probe_get(&p);
	if (err)
		return err;
	rs->probe = p;
	lsc_plan_attr(rs, &p, &rs->kattr);
	/* Nothing the kernel can take: rules are only recorded. */
	if (!p.unavailable &&
	    (rs->kattr.attr.handled_access_fs ||
	     rs->kattr.attr.handled_access_net || rs->kattr.attr.scoped)) {
		fd = lsc_sys_create_ruleset(&rs->kattr.attr, rs->kattr.size, 0);
		if (fd < 0)
			return fd;
		rs->ruleset_fd = fd;
	}
	rs->owner = getpid();
	rs->frozen = true;
	return 0;
}

int lsc_kernel_add_rule(int ruleset_fd, const struct lsc_rule *rule,
			int parent_fd, uint64_t bits, const struct lsc_probe *p)
{
	uint32_t flags = 0;

	if (rule->flags & LANDSCOPE_ADD_RULE_QUIET)
		flags = p->add_rule_flags & LANDLOCK_ADD_RULE_QUIET;
	if (rule->type == LANDSCOPE_RULE_TYPE_PATH_BENEATH) {
		struct lsc_path_beneath_attr attr = {
			.allowed_access = bits,
			.parent_fd = parent_fd,
		};

		return lsc_sys_add_rule(ruleset_fd, LANDLOCK_RULE_PATH_BENEATH,
					&attr, flags);
	} else {
		struct lsc_net_port_attr attr = {
			.allowed_access = bits,
			.port = rule->port,
		};

		return lsc_sys_add_rule(ruleset_fd, LANDLOCK_RULE_NET_PORT,
					&attr, flags);
	}
}

/*
 * Errors the kernel never gives these calls on a ruleset the library made
 * (and, for restriction, after no_new_privs): a seccomp filter's or an
 * LSM's.  Named as such, never as a fault of the rule or the kernel.
 */
static bool denied_by_filter(int err)
{
	return err == -EPERM || err == -EACCES || err == -ENOSYS;
}

/* Deferred mode: every rule to a new kernel ruleset. */
static int add_rules(int ruleset_fd, const struct landscope_ruleset *rs,
		     struct landscope_report *r, const struct lsc_probe *p)
{
	size_t i;
	int err;

	for (i = 0; i < rs->nr_rules; i++) {
		struct landscope_rule_info *info = &r->rules[i];

		if (!info->enforced)
			continue;
		err = lsc_kernel_add_rule(ruleset_fd, &rs->rules[i],
					  rs->rules[i].fd, info->enforced, p);
		if (err < 0 && denied_by_filter(err)) {
			lsc_report_not_enforced(
				r,
				"landlock_add_rule() is denied by a seccomp "
				"filter or an LSM",
				err);
			return err;
		}
		if (err < 0) {
			lsc_report_rule_refused(r, i, err);
			return err;
		}
		info->sent = info->enforced;
	}
	return 0;
}

/*
 * no_new_privs, the transport filter, then the domain; r->no_new_privs
 * says what was done.  The filter goes last but one: a failure to install
 * it leaves no domain behind, and a domain never lacks its filter.
 */
int lsc_kernel_enter(int fd, struct landscope_report *r, unsigned int flags)
{
	int err;

	/*
	 * Where the kernel has the ABI 11 flag, it sets no_new_privs only if
	 * the domain is entered: prefer it to a prctl that would stay behind
	 * after a failure.
	 */
	/*
	 * Already set (by a parent, systemd's NoNewPrivileges, the caller):
	 * the report must not claim it, and there is nothing to do.
	 */
	if (!(flags & LANDSCOPE_RESTRICT_KEEP_PRIVS) &&
	    lsc_sys_get_no_new_privs() == 1) {
		r->no_new_privs_before = true;
	} else if (!(flags & LANDSCOPE_RESTRICT_KEEP_PRIVS) &&
		   !r->no_new_privs_flag) {
		err = lsc_sys_set_no_new_privs();
		if (err) {
			lsc_report_not_enforced(
				r, "no_new_privs could not be set", err);
			return err;
		}
		r->no_new_privs = LANDSCOPE_NO_NEW_PRIVS_PRCTL;
	}
	if (r->transports_refused) {
		err = lsc_filter_install(r->transports_refused, r->all_threads);
		if (err) {
			lsc_report_not_enforced(
				r,
				"the transport filter could not be installed",
				err);
			return err;
		}
	}
	err = lsc_sys_restrict_self(fd, r->restrict_flags);
	if (err) {
		/* With KEEP_PRIVS and no CAP_SYS_ADMIN, EPERM is the kernel's. */
		lsc_report_not_enforced(
			r,
			denied_by_filter(err) &&
					!(flags & LANDSCOPE_RESTRICT_KEEP_PRIVS)
				? "landlock_restrict_self() is denied by a "
				  "seccomp filter or an LSM"
				: "landlock_restrict_self() failed",
			err);
		return err;
	}
	if (r->no_new_privs_flag && !r->no_new_privs_before)
		r->no_new_privs = LANDSCOPE_NO_NEW_PRIVS_FLAG;
	return 0;
}

int lsc_kernel_enforce_deferred(const struct landscope_ruleset *rs,
				struct landscope_report *r,
				const struct lsc_probe *p, unsigned int flags)
{
	int fd;
	int err;

	fd = lsc_sys_create_ruleset(&r->kattr.attr, r->kattr.size, 0);
	if (fd < 0) {
		lsc_report_not_enforced(
			r,
			denied_by_filter(fd)
				? "landlock_create_ruleset() is denied by a "
				  "seccomp filter or an LSM"
				: "landlock_create_ruleset() failed",
			fd);
		return fd;
	}
	err = add_rules(fd, rs, r, p);
	if (err)
		lsc_report_not_enforced(r, NULL, 0);
	else
		err = lsc_kernel_enter(fd, r, flags);
	lsc_sys_close(fd);
	return err;
}
