// SPDX-License-Identifier: MIT
/*
 * Enforcement: turn the computed policy into a kernel ruleset and enter
 * the domain.  Every fd opened here is closed before returning.
 */
#include <errno.h>

#include "bits.h"
#include "internal.h"
#include "syscall.h"

/* The kernel's flags (bits.c's table) and the library's own. */
#define LIBRARY_RESTRICT_FLAGS \
	(LANDSCOPE_RESTRICT_KEEP_PRIVS | LANDSCOPE_RESTRICT_DRY_RUN)

static int add_rules(int ruleset_fd, const struct landscope_ruleset *rs,
		     struct landscope_report *r, const struct lsc_probe *p)
{
	size_t i;
	int err;

	for (i = 0; i < rs->nr_rules; i++) {
		struct landscope_rule_info *info = &r->rules[i];
		uint32_t flags = 0;

		if (!(info->outcome & LANDSCOPE_OUTCOME_APPLIED))
			continue;
		if (rs->rules[i].flags & LANDSCOPE_ADD_RULE_QUIET)
			flags = p->add_rule_flags & LANDLOCK_ADD_RULE_QUIET;
		if (info->type == LANDSCOPE_RULE_TYPE_PATH_BENEATH) {
			struct lsc_path_beneath_attr attr = {
				.allowed_access = info->enforced,
				.parent_fd = rs->rules[i].fd,
			};

			err = lsc_sys_add_rule(ruleset_fd,
					       LANDLOCK_RULE_PATH_BENEATH,
					       &attr, flags);
		} else {
			struct lsc_net_port_attr attr = {
				.allowed_access = info->enforced,
				.port = info->port,
			};

			err = lsc_sys_add_rule(ruleset_fd,
					       LANDLOCK_RULE_NET_PORT, &attr,
					       flags);
		}
		if (err < 0)
			return err;
		info->sent = info->enforced;
	}
	return 0;
}

static int enforce(const struct landscope_ruleset *rs,
		   struct landscope_report *r, const struct lsc_probe *p,
		   unsigned int flags)
{
	int fd;
	int err;

	fd = lsc_sys_create_ruleset(&r->attr, r->attr_size, 0);
	if (fd < 0)
		return fd;
	err = add_rules(fd, rs, r, p);
	if (err)
		goto out;
	/*
	 * Where the kernel has the ABI 11 flag, it sets no_new_privs only if
	 * the domain is entered: prefer it to a prctl that would stay behind
	 * after a failure.
	 */
	if (!(flags & LANDSCOPE_RESTRICT_KEEP_PRIVS) && !r->no_new_privs_flag) {
		err = lsc_sys_set_no_new_privs();
		if (err)
			goto out;
	}
	err = lsc_sys_restrict_self(fd, r->restrict_flags);
out:
	lsc_sys_close(fd);
	return err;
}

LSC_EXPORT int
landscope_ruleset_restrict_self(struct landscope_ruleset *rs,
				unsigned int flags,
				struct landscope_report **ret_report)
{
	struct landscope_report *r = NULL;
	struct lsc_probe p;
	int err;

	if (ret_report)
		*ret_report = NULL;
	if (!rs || flags & ~(LIBRARY_RESTRICT_FLAGS |
			     lsc_known_mask(LANDSCOPE_CATEGORY_FLAGS)))
		return -EINVAL;
	err = lsc_probe_get(&p);
	if (err)
		return err;
	err = lsc_policy_compute(rs, &p, flags, &r);
	if (!err && r->enforce && !r->dry_run) {
		err = enforce(rs, r, &p, flags);
		if (err)
			lsc_report_not_enforced(r, "the kernel refused it");
	}
	if (ret_report)
		*ret_report = r;
	else
		landscope_report_free(r);
	return err;
}
