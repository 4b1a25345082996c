// SPDX-License-Identifier: MIT
/*
 * A resolved policy into a struct landscope_ruleset, through the public
 * calls any program makes, so that the compatibility logic and the report
 * are the library's usual ones.
 *
 * landlockconfig skips a path that cannot be opened and fails when the
 * kernel refuses a rule.  Here (issue 21, item 9):
 * - a missing path (ENOENT) is skipped and reported as missing, in every
 *   level: policies name paths that exist on some systems only;
 * - a rule the kernel refuses (EBADFD, EBADF) fails the build, as in
 *   landlockconfig, and as restriction fails on it in deferred mode;
 * - any other error opening a path (EACCES, ELOOP, ENOTDIR...) is skipped
 *   with its errno in best effort and soft requirement, and fails the
 *   build in hard requirement, which means "this policy or nothing";
 * - in hard requirement, rights the kernel lacks fail the build too, with
 *   a message that names them, rather than a bare EOPNOTSUPP later.
 * Every failure names the file, line and column of the rule, and the
 * errno.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
 * A rule on @path (@rp's, made absolute) that fails the build: where it
 * was written, and the errno.
 */
static int path_error(const struct lsc_rpath *rp, const char *path, int err,
		      const char *what, struct lsc_diag *diag)
{
	const char *name = lsc_errno_name(err);
	char esc[LSC_ESC_SIZE];

	return lsc_diag_add(diag, rp->origin.file, rp->origin.pos, err,
			    "parent \"%s\": %s: %s (%s)",
			    lsc_esc(esc, path, strlen(path)), what,
			    strerror(-err), name ? name : "?");
}

/* @rp's rule, on @path: rp->path, or the absolute name of a relative one. */
static int add_path(struct landscope_ruleset *rs, const struct lsc_rpath *rp,
		    const char *path, int compat, struct lsc_diag *diag)
{
	/*
	 * The format gives a non-directory its file rights: the library
	 * narrows on the fd it opens (no second look at the path), and hard
	 * mode accepts that as asked.
	 */
	unsigned int flags = LANDSCOPE_ADD_RULE_IGNORE_MISSING |
			     LANDSCOPE_ADD_RULE_NARROW_FILE;
	uint64_t access = rp->access;
	int err;

	if (rp->quiet)
		flags |= LANDSCOPE_ADD_RULE_QUIET;
	/* An empty value can make an empty path: open("") is ENOENT. */
	if (!path[0])
		return lsc_ruleset_add_skipped(rs, path, access, flags,
					       -ENOENT);
	/* IGNORE_MISSING: ENOENT is skipped and reported there. */
	err = landscope_ruleset_add_path(rs, path, access, flags);
	/*
	 * Hard mode would refuse a rule narrowed to nothing at restriction:
	 * say where it is now.
	 */
	if (!err && compat == LANDSCOPE_COMPAT_HARD_REQUIREMENT &&
	    rs->rules[rs->nr_rules - 1].outcome &
		    LANDSCOPE_OUTCOME_MASKED_FILE &&
	    !rs->rules[rs->nr_rules - 1].allowed)
		return path_error(rp, path, -ENOTDIR,
				  "not a directory, and the rule gives only "
				  "directory rights",
				  diag);
	if (!err || fatal(err))
		return err;
	if (err == -EBADFD || err == -EBADF)
		return path_error(rp, path, err, "the kernel refused the rule",
				  diag);
	if (compat == LANDSCOPE_COMPAT_HARD_REQUIREMENT)
		return path_error(rp, path, err, "cannot open", diag);
	return lsc_ruleset_add_skipped(rs, path, access, flags, err);
}

/* The current directory's name, asked once per build. */
struct cwd {
	char *name; /* NULL until asked, or when it has none */
	int err; /* why it has none */
};

static int current_dir(struct cwd *cwd)
{
	if (cwd->name || cwd->err)
		return cwd->err;
	cwd->name = malloc(PATH_MAX);
	if (!cwd->name)
		return -ENOMEM;
	/*
	 * Since glibc 2.27 a directory unreachable from the root is ENOENT;
	 * older ones gave "(unreachable)/...", which is no name either.
	 */
	if (!getcwd(cwd->name, PATH_MAX))
		cwd->err = errno == ERANGE ? -ENAMETOOLONG : -errno;
	else if (cwd->name[0] != '/')
		cwd->err = -ENOENT;
	if (cwd->err) {
		free(cwd->name);
		cwd->name = NULL;
	}
	return cwd->err;
}

/*
 * A relative path is the current directory's: landlockconfig defines it
 * so ("file paths are relative to the process enforcing a security
 * policy"), and opens it so.  It is made absolute here, once, so that
 * the report names the directory a rule grants, not a name whose meaning
 * depended on where the program was started (issue 21, item 5).  getcwd()
 * gives the directory's name at this moment; a directory renamed between
 * it and the open is a race the policy's author would have to stage
 * against themselves.
 */
static int add_rule_path(struct landscope_ruleset *rs,
			 const struct lsc_rpath *rp, int compat,
			 struct cwd *cwd, struct lsc_diag *diag)
{
	const char *rel = rp->path;
	size_t len;
	char *abs;
	int err;

	if (!rel[0] || rel[0] == '/')
		return add_path(rs, rp, rel, compat, diag);
	err = current_dir(cwd);
	if (err == -ENOMEM)
		return err;
	if (err)
		return path_error(rp, rel, err,
				  "a relative path, and the current "
				  "directory has no name",
				  diag);
	/* Normalised: "." is the directory itself, and never leads. */
	if (!strcmp(rel, "."))
		rel = "";
	len = strlen(cwd->name);
	abs = malloc(len + strlen(rel) + 2);
	if (!abs)
		return -ENOMEM;
	memcpy(abs, cwd->name, len + 1);
	if (rel[0]) {
		if (abs[len - 1] != '/')
			abs[len++] = '/';
		strcpy(abs + len, rel);
	}
	err = add_path(rs, rp, abs, compat, diag);
	free(abs);
	return err;
}

/*
 * Hard requirement: what the kernel lacks, named now.  Restriction would
 * fail on it with a bare EOPNOTSUPP; a dry run of the same restriction
 * (the library's one compatibility logic, nothing entered) finds it while
 * the policy can still be named, and its report's reason names the
 * rights, scopes and flags, as landscope-run --hard does.
 */
static int check_hard(struct landscope_ruleset *rs, uint32_t restrict_flags,
		      struct lsc_diag *diag)
{
	struct landscope_report *report = NULL;
	struct lsc_pos none = { 0, 0 };
	const char *reason;
	int err;

	err = landscope_ruleset_restrict_self(
		rs, LANDSCOPE_RESTRICT_DRY_RUN | restrict_flags, &report);
	if (err == -EOPNOTSUPP) {
		reason = report ? landscope_report_reason(report) : NULL;
		lsc_diag_add(diag, "policy", none, err,
			     "compatibility \"hard_requirement\": %s",
			     reason ? reason : strerror(-err));
	}
	landscope_report_free(report);
	return err;
}

int lsc_resolved_build(const struct lsc_resolved *r,
		       struct landscope_ruleset **ret, struct lsc_diag *diag)
{
	struct landscope_ruleset *rs = NULL;
	struct lsc_pos none = { 0, 0 };
	struct cwd cwd = { NULL, 0 };
	unsigned int flags;
	size_t i;
	int c, err;

	*ret = NULL;
	if (!r->handled[LANDSCOPE_CATEGORY_FS] &&
	    !r->handled[LANDSCOPE_CATEGORY_NET] &&
	    !r->handled[LANDSCOPE_CATEGORY_SCOPE])
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
	for (c = LANDSCOPE_CATEGORY_FS; c <= LANDSCOPE_CATEGORY_SCOPE; c++) {
		if (!err && r->handled[c])
			err = landscope_ruleset_add_handled(
				rs, (enum landscope_category)c, r->handled[c]);
		if (!err && r->quiet[c])
			err = landscope_ruleset_add_quiet(
				rs, (enum landscope_category)c, r->quiet[c]);
	}
	for (i = 0; !err && i < r->nr_paths; i++)
		err = add_rule_path(rs, &r->paths[i], r->compat, &cwd, diag);
	free(cwd.name);
	for (i = 0; !err && i < r->nr_ports; i++) {
		flags = r->ports[i].quiet ? LANDSCOPE_ADD_RULE_QUIET : 0;
		err = landscope_ruleset_add_port(rs, r->ports[i].port,
						 r->ports[i].access, flags);
	}
	if (!err && r->compat == LANDSCOPE_COMPAT_HARD_REQUIREMENT)
		err = check_hard(rs, r->restrict_flags, diag);
	if (err) {
		landscope_ruleset_free(rs);
		return err;
	}
	/* The policy's restrict_flags travel with its ruleset. */
	rs->restrict_flags = r->restrict_flags;
	*ret = rs;
	return 0;
}
