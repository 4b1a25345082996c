// SPDX-License-Identifier: MIT
/*
 * landscope_ruleset_restrict_self(): the last step of the one way through
 * the library, build (ruleset.c), decide (plan.c), apply (kernel.c), with
 * the report finished here (report.c).
 */
#include <errno.h>

#include "bits.h"
#include "internal.h"

/* The kernel's flags (bits.c's table) and the library's own. */
#define LIBRARY_RESTRICT_FLAGS                                        \
	(LANDSCOPE_RESTRICT_KEEP_PRIVS | LANDSCOPE_RESTRICT_DRY_RUN | \
	 LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS)

LSC_EXPORT int
landscope_ruleset_restrict_self(struct landscope_ruleset *rs,
				unsigned int flags,
				struct landscope_report **ret_report)
{
	LSC_KEEP_ERRNO;
	struct landscope_report *r = NULL;
	struct lsc_probe p;
	int err;

	if (ret_report)
		*ret_report = NULL;
	if (!rs || flags & ~(LIBRARY_RESTRICT_FLAGS |
			     lsc_known_mask(LANDSCOPE_CATEGORY_FLAGS)))
		return -EINVAL;
	err = lsc_kernel_check_owner(rs);
	if (err)
		return err;
	flags |= rs->restrict_flags;
	if (rs->immediate) {
		err = lsc_kernel_freeze(rs);
		/* Nothing handled: the report below says so. */
		if (err && err != -ENOMSG)
			return err;
	}
	err = lsc_probe_get(&p);
	if (err)
		return err;
	err = lsc_plan_report(rs, &p, flags, &r);
	if (!err && r->enforce && !r->dry_run) {
		if (rs->frozen)
			err = lsc_kernel_enter(rs->ruleset_fd, r, flags);
		else
			err = lsc_kernel_enforce_deferred(rs, r, &p, flags);
	}
	if (r)
		lsc_report_finish(r);
	if (ret_report)
		*ret_report = r;
	else
		landscope_report_free(r);
	return err;
}
