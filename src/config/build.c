// SPDX-License-Identifier: MIT
/*
 * A resolved policy into a struct landscope_ruleset, through the public
 * calls any program makes, so that the compatibility logic and the report
 * are the library's usual ones.  landlockconfig builds in best effort: a
 * path that cannot be opened is skipped, not fatal; here it is also
 * reported, with its errno, as a rule of the report.
 */
#include <errno.h>

#include <liblandscope/config.h>

#include "../internal.h"
#include "../syscall.h"
#include "resolve.h"

/* Errors that are the machine's, not the path's: they fail the build. */
static bool fatal(int err)
{
	return err == -ENOMEM || err == -EMFILE || err == -ENFILE;
}

/*
 * In hard requirement the library refuses directory rights on a file;
 * the format gives a non-directory its file rights, so narrow them first.
 * Return the rights to add (0: none left), or a fatal error.
 */
static int64_t hard_mask(const char *path, uint64_t access)
{
	int fd;

	if (!(access & ~LANDSCOPE_ACCESS_FS_FILE))
		return (int64_t)access;
	fd = lsc_sys_open_dir(path);
	if (fd >= 0) {
		lsc_sys_close(fd);
		return (int64_t)access;
	}
	if (fatal(fd))
		return fd;
	/* Anything else fails again, and is reported, when added. */
	return fd == -ENOTDIR ? (int64_t)(access & LANDSCOPE_ACCESS_FS_FILE)
			      : (int64_t)access;
}

static int add_path(struct landscope_ruleset *rs, const struct lsc_rpath *rp,
		    int compat)
{
	unsigned int flags = LANDSCOPE_ADD_RULE_IGNORE_MISSING;
	uint64_t access = rp->access;
	int64_t masked;
	int err;

	if (rp->quiet)
		flags |= LANDSCOPE_ADD_RULE_QUIET;
	/* An empty value can make an empty path: open("") is ENOENT. */
	if (!rp->path[0])
		return lsc_ruleset_add_skipped(rs, rp->path, access, flags,
					       -ENOENT);
	if (compat == LANDSCOPE_COMPAT_HARD_REQUIREMENT) {
		masked = hard_mask(rp->path, access);
		if (masked < 0)
			return (int)masked;
		if (!masked)
			return lsc_ruleset_add_skipped(rs, rp->path, access,
						       flags, -ENOTDIR);
		access = (uint64_t)masked;
	}
	err = landscope_ruleset_add_path(rs, rp->path, access, flags);
	if (err && !fatal(err))
		err = lsc_ruleset_add_skipped(rs, rp->path, access, flags, err);
	return err;
}

static const enum landscope_category cfg_category[LSC_CFG_NR] = {
	[LSC_CFG_FS] = LANDSCOPE_CATEGORY_FS,
	[LSC_CFG_NET] = LANDSCOPE_CATEGORY_NET,
	[LSC_CFG_SCOPE] = LANDSCOPE_CATEGORY_SCOPE,
};

int lsc_resolved_build(const struct lsc_resolved *r,
		       struct landscope_ruleset **ret, struct lsc_diag *diag)
{
	struct landscope_ruleset *rs = NULL;
	struct lsc_pos none = { 0, 0 };
	unsigned int flags;
	size_t i;
	int c, err;

	*ret = NULL;
	if (!r->handled[LSC_CFG_FS] && !r->handled[LSC_CFG_NET] &&
	    !r->handled[LSC_CFG_SCOPE])
		return lsc_diag_add(diag, "policy", none, -ENOMSG,
				    "nothing is handled (composed files may "
				    "have no handled right in common)");
	/*
	 * The default mode: a small policy stays in memory, so that a daemon
	 * may build it, fork and let each worker add its own paths; a large
	 * one freezes past 64 paths and still builds within the default fd
	 * limit (then only the process that built it may use it).
	 */
	err = landscope_ruleset_new(&rs, 0);
	if (!err)
		err = landscope_ruleset_set_compat_level(rs, r->compat, 0);
	for (c = LSC_CFG_FS; c <= LSC_CFG_SCOPE; c++) {
		if (!err && r->handled[c])
			err = landscope_ruleset_add_handled(rs, cfg_category[c],
							    r->handled[c]);
		if (!err && r->quiet[c])
			err = landscope_ruleset_add_quiet(rs, cfg_category[c],
							  r->quiet[c]);
	}
	for (i = 0; !err && i < r->nr_paths; i++)
		err = add_path(rs, &r->paths[i], r->compat);
	for (i = 0; !err && i < r->nr_ports; i++) {
		flags = r->ports[i].quiet ? LANDSCOPE_ADD_RULE_QUIET : 0;
		err = landscope_ruleset_add_port(rs, r->ports[i].port,
						 r->ports[i].access, flags);
	}
	if (err) {
		landscope_ruleset_free(rs);
		return err;
	}
	*ret = rs;
	return 0;
}
