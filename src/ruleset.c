// SPDX-License-Identifier: MIT
/*
 * Building a ruleset.  Paths are opened at once, so that a caller can add
 * its rules while it still has the privileges to open them.  Two modes:
 *
 * - deferred (the default): nothing reaches Landlock here while the
 *   policy is small.  The handled sets and rules are kept as the caller
 *   gave them, so the sets may still change, and each path rule holds its
 *   O_PATH fd.  Past LSC_HELD_FDS_MAX held paths, holding more would eat
 *   the process's fd table (the kernel's sample handles any number of
 *   paths at ulimit -n 1024, and so must we): the ruleset then freezes as
 *   immediate mode does, sends what it holds and closes those fds.
 * - immediate (LANDSCOPE_RULESET_IMMEDIATE): the first rule freezes the
 *   handled and quiet sets and creates the kernel ruleset, and each rule
 *   goes to the kernel as it is added, its fd closed at once: a constant
 *   number of fds whatever the number of paths, as the kernel's sample
 *   sandboxer does it.  The compatibility level is still decided at
 *   enforcement, from the same facts.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bits.h"
#include "internal.h"
#include "syscall.h"

#define PATH_FLAGS                                                      \
	(LANDSCOPE_ADD_RULE_IGNORE_MISSING | LANDSCOPE_ADD_RULE_QUIET | \
	 LANDSCOPE_ADD_RULE_NARROW_FILE)

/*
 * O_PATH fds a deferred ruleset holds before it freezes: enough for the
 * policies people write by hand, a small share of the default 1024.
 */
#define LSC_HELD_FDS_MAX 64

LSC_EXPORT int landscope_ruleset_new(struct landscope_ruleset **ret,
				     unsigned int flags)
{
	LSC_KEEP_ERRNO;
	struct landscope_ruleset *rs;

	if (!ret || flags & ~LANDSCOPE_RULESET_IMMEDIATE)
		return -EINVAL;
	rs = calloc(1, sizeof(*rs));
	if (!rs)
		return -ENOMEM;
	rs->compat = LANDSCOPE_COMPAT_BEST_EFFORT;
	rs->immediate = flags & LANDSCOPE_RULESET_IMMEDIATE;
	rs->ruleset_fd = -1;
	*ret = rs;
	return 0;
}

LSC_EXPORT void landscope_ruleset_free(struct landscope_ruleset *rs)
{
	LSC_KEEP_ERRNO;
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->nr_rules; i++)
		if (rs->rules[i].fd >= 0)
			lsc_sys_close(rs->rules[i].fd);
	if (rs->ruleset_fd >= 0)
		lsc_sys_close(rs->ruleset_fd);
	free(rs->rules);
	free(rs->paths);
	free(rs);
}

LSC_EXPORT void landscope_ruleset_freep(struct landscope_ruleset **rs)
{
	LSC_KEEP_ERRNO;
	if (rs) {
		landscope_ruleset_free(*rs);
		*rs = NULL;
	}
}

LSC_EXPORT int landscope_ruleset_set_compat_level(struct landscope_ruleset *rs,
						  enum landscope_compat level,
						  unsigned int flags)
{
	LSC_KEEP_ERRNO;
	if (!rs || flags & ~LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1)
		return -EINVAL;
	if (level != LANDSCOPE_COMPAT_BEST_EFFORT &&
	    level != LANDSCOPE_COMPAT_SOFT_REQUIREMENT &&
	    level != LANDSCOPE_COMPAT_HARD_REQUIREMENT)
		return -EINVAL;
	rs->compat = level;
	rs->compat_flags = flags;
	return 0;
}

/* The categories a ruleset handles; the flags are given at restriction. */
static bool ruleset_category(int category)
{
	return category == LANDSCOPE_CATEGORY_FS ||
	       category == LANDSCOPE_CATEGORY_NET ||
	       category == LANDSCOPE_CATEGORY_SCOPE;
}

LSC_EXPORT int landscope_ruleset_add_handled(struct landscope_ruleset *rs,
					     enum landscope_category category,
					     uint64_t bits)
{
	LSC_KEEP_ERRNO;
	if (!rs || !ruleset_category(category) || !bits ||
	    bits & ~lsc_known_mask(category))
		return -EINVAL;
	/* Immediate mode: the kernel ruleset has them already. */
	if (rs->frozen)
		return -EBUSY;
	rs->handled[category] |= bits;
	return 0;
}

LSC_EXPORT int landscope_ruleset_add_quiet(struct landscope_ruleset *rs,
					   enum landscope_category category,
					   uint64_t bits)
{
	LSC_KEEP_ERRNO;
	if (!rs || !ruleset_category(category) ||
	    bits & ~lsc_known_mask(category))
		return -EINVAL;
	if (rs->frozen)
		return -EBUSY;
	rs->quiet[category] |= bits;
	return 0;
}

/* The 0.1 setters, each one of the calls above. */

LSC_EXPORT int landscope_ruleset_set_compat(struct landscope_ruleset *rs,
					    int level, unsigned int flags)
{
	LSC_KEEP_ERRNO;
	return landscope_ruleset_set_compat_level(
		rs, (enum landscope_compat)level, flags);
}

LSC_EXPORT int landscope_ruleset_handle_fs(struct landscope_ruleset *rs,
					   uint64_t access)
{
	LSC_KEEP_ERRNO;
	return landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, access);
}

LSC_EXPORT int landscope_ruleset_handle_net(struct landscope_ruleset *rs,
					    uint64_t access)
{
	LSC_KEEP_ERRNO;
	return landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
					     access);
}

LSC_EXPORT int landscope_ruleset_add_scope(struct landscope_ruleset *rs,
					   uint64_t scopes)
{
	LSC_KEEP_ERRNO;
	return landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_SCOPE,
					     scopes);
}

LSC_EXPORT int landscope_ruleset_quiet(struct landscope_ruleset *rs,
				       uint64_t access_fs, uint64_t access_net,
				       uint64_t scopes)
{
	LSC_KEEP_ERRNO;
	/* All or nothing, as in 0.1: check every mask before adding any. */
	if (!rs || access_fs & ~lsc_known_mask(LANDSCOPE_CATEGORY_FS) ||
	    access_net & ~lsc_known_mask(LANDSCOPE_CATEGORY_NET) ||
	    scopes & ~lsc_known_mask(LANDSCOPE_CATEGORY_SCOPE))
		return -EINVAL;
	if (rs->frozen)
		return -EBUSY;
	landscope_ruleset_add_quiet(rs, LANDSCOPE_CATEGORY_FS, access_fs);
	landscope_ruleset_add_quiet(rs, LANDSCOPE_CATEGORY_NET, access_net);
	landscope_ruleset_add_quiet(rs, LANDSCOPE_CATEGORY_SCOPE, scopes);
	return 0;
}

/* A free slot at the end of the rule array, not yet counted. */
static struct lsc_rule *rule_slot(struct landscope_ruleset *rs)
{
	struct lsc_rule *rules;
	size_t cap;

	if (rs->nr_rules == rs->cap_rules) {
		cap = rs->cap_rules ? rs->cap_rules * 2 : 8;
		rules = realloc(rs->rules, cap * sizeof(*rules));
		if (!rules)
			return NULL;
		rs->rules = rules;
		rs->cap_rules = cap;
	}
	memset(&rs->rules[rs->nr_rules], 0, sizeof(*rs->rules));
	rs->rules[rs->nr_rules].fd = -1;
	rs->rules[rs->nr_rules].path = LSC_NO_PATH;
	return &rs->rules[rs->nr_rules];
}

/*
 * Append @path to the ruleset's path buffer and give its offset.  The
 * buffer doubles, so N paths cost O(log N) allocations.
 */
static int store_path(struct landscope_ruleset *rs, const char *path,
		      size_t *ret)
{
	size_t len = strlen(path) + 1;
	size_t cap = rs->paths_cap ? rs->paths_cap : 64;
	char *paths;

	while (cap - rs->paths_len < len) {
		if (cap > SIZE_MAX / 2)
			return -ENOMEM;
		cap *= 2;
	}
	if (cap != rs->paths_cap) {
		paths = realloc(rs->paths, cap);
		if (!paths)
			return -ENOMEM;
		rs->paths = paths;
		rs->paths_cap = cap;
	}
	memcpy(rs->paths + rs->paths_len, path, len);
	*ret = rs->paths_len;
	rs->paths_len += len;
	return 0;
}

/*
 * Immediate mode: give @rule, whose path is open as @fd, to the kernel
 * ruleset now, deciding its rights as enforcement would.
 */
static int send_rule(struct landscope_ruleset *rs, struct lsc_rule *rule,
		     int fd)
{
	uint32_t outcome;
	uint64_t bits;
	int err;

	bits = lsc_plan_rule(rule, rs, &rs->probe, &rs->kattr, &outcome);
	if (!bits || rs->ruleset_fd < 0)
		return 0;
	err = lsc_kernel_add_rule(rs->ruleset_fd, rule, fd, bits, &rs->probe);
	if (err < 0)
		return err;
	rule->sent = bits;
	return 0;
}

static bool has_handled(const struct landscope_ruleset *rs)
{
	return rs->handled[LANDSCOPE_CATEGORY_FS] ||
	       rs->handled[LANDSCOPE_CATEGORY_NET] ||
	       rs->handled[LANDSCOPE_CATEGORY_SCOPE];
}

/* Undo a freeze whose flush failed: the rules are held as before. */
static void thaw(struct landscope_ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->nr_rules; i++)
		rs->rules[i].sent = 0;
	if (rs->ruleset_fd >= 0)
		lsc_sys_close(rs->ruleset_fd);
	rs->ruleset_fd = -1;
	rs->frozen = false;
}

/*
 * A deferred ruleset that holds too many fds: freeze it, send every rule
 * it has, then close the fds.  All or nothing, so that a refused rule
 * leaves the ruleset deferred and whole, its error returned.
 */
static int flush_held(struct landscope_ruleset *rs)
{
	size_t i;
	int err;

	err = lsc_kernel_freeze(rs);
	if (err)
		return err;
	for (i = 0; i < rs->nr_rules; i++) {
		struct lsc_rule *rule = &rs->rules[i];

		if (rule->type == LANDSCOPE_RULE_TYPE_PATH_BENEATH &&
		    rule->fd < 0)
			continue;
		err = send_rule(rs, rule, rule->fd);
		if (err) {
			thaw(rs);
			return err;
		}
	}
	for (i = 0; i < rs->nr_rules; i++) {
		if (rs->rules[i].fd >= 0)
			lsc_sys_close(rs->rules[i].fd);
		rs->rules[i].fd = -1;
	}
	rs->nr_held = 0;
	return 0;
}

/*
 * Take ownership of @fd (or record a skipped path when @fd is negative):
 * deferred mode keeps it, immediate mode sends the rule and closes it.
 * @owned: false for the caller's own fd (immediate add_fd), never closed.
 * @is_dir: 1 or 0 when the caller knows, -1 to ask fstat, which is only
 * needed when @access has directory rights to mask.  On failure the
 * ruleset is as before and @fd closed: callers have nothing to undo.
 */
static int add_path_rule(struct landscope_ruleset *rs, int fd, bool owned,
			 int is_dir, const char *path, uint64_t access,
			 unsigned int flags)
{
	size_t paths_len = rs->paths_len;
	struct lsc_rule *rule;
	bool masked = false;
	int err;

	/*
	 * Without handled sets nothing can be sent yet: keep holding, and
	 * the fd table is the limit, as in 0.2.
	 */
	if (fd >= 0 && !rs->frozen && rs->nr_held >= LSC_HELD_FDS_MAX &&
	    has_handled(rs)) {
		err = flush_held(rs);
		if (err)
			goto out_close;
	}

	if (fd >= 0 && access & ~lsc_file_mask()) {
		if (is_dir < 0)
			is_dir = lsc_sys_is_dir(fd);
		if (is_dir < 0) {
			err = is_dir;
			goto out_close;
		}
		/*
		 * The kernel takes only file rights on a non-directory.  In
		 * hard mode restriction fails on a masked rule, whenever the
		 * level was set: this call does not depend on it.
		 */
		masked = !is_dir;
	}
	rule = rule_slot(rs);
	if (!rule) {
		err = -ENOMEM;
		goto out_close;
	}
	if (path) {
		err = store_path(rs, path, &rule->path);
		if (err)
			goto out_close;
	}
	rule->type = LANDSCOPE_RULE_TYPE_PATH_BENEATH;
	rule->requested = access;
	rule->allowed = access;
	rule->flags = flags & (LANDSCOPE_ADD_RULE_QUIET |
			       LANDSCOPE_ADD_RULE_NARROW_FILE);
	if (fd < 0) {
		rule->outcome = LANDSCOPE_OUTCOME_SKIPPED_MISSING;
		rule->error = fd;
		rule->allowed = 0;
	} else if (masked) {
		rule->outcome = LANDSCOPE_OUTCOME_MASKED_FILE;
		rule->allowed = access & lsc_file_mask();
	}
	if (rs->frozen) {
		/* The last step that can fail: the slot is not counted yet. */
		err = fd >= 0 ? send_rule(rs, rule, fd) : 0;
		if (err) {
			rs->paths_len = paths_len;
			goto out_close;
		}
		rs->nr_rules++;
		err = 0;
		goto out_close;
	}
	rule->fd = fd >= 0 ? fd : -1;
	if (fd >= 0)
		rs->nr_held++;
	rs->nr_rules++;
	return 0;

out_close:
	if (fd >= 0 && owned)
		lsc_sys_close(fd);
	return err;
}

/*
 * Open @path for a rule granting @access; *@is_dir as add_path_rule()
 * takes it.  Directory rights on a directory are the common case, and
 * O_DIRECTORY makes it one syscall with no fstat.  Only a non-directory
 * given directory rights costs a second open, and add_path_rule() then
 * checks the fd it keeps, so a path replaced between the two opens is
 * still judged by what was opened.  File rights alone need no check.
 */
static int open_rule_path(const char *path, uint64_t access, int *is_dir)
{
	int fd;

	*is_dir = -1;
	if (!(access & ~lsc_file_mask()))
		return lsc_sys_open_path(path);
	fd = lsc_sys_open_dir(path);
	if (fd >= 0)
		*is_dir = 1;
	else if (fd == -ENOTDIR)
		/* A file, or a file as a path component: ask again. */
		fd = lsc_sys_open_path(path);
	return fd;
}

static bool path_args_valid(const struct landscope_ruleset *rs, uint64_t access,
			    unsigned int flags)
{
	return rs && access && !(access & ~LANDSCOPE_ACCESS_FS_ALL) &&
	       !(flags & ~PATH_FLAGS);
}

LSC_EXPORT int landscope_ruleset_add_path(struct landscope_ruleset *rs,
					  const char *path, uint64_t access,
					  unsigned int flags)
{
	LSC_KEEP_ERRNO;
	int is_dir;
	int err, fd;

	if (!path_args_valid(rs, access, flags) || !path)
		return -EINVAL;
	err = lsc_kernel_check_owner(rs);
	if (err)
		return err;
	/*
	 * An empty path names nothing: ENOENT, as open(2) has it, so that
	 * LANDSCOPE_ADD_RULE_IGNORE_MISSING skips it like any missing path
	 * (an empty item of a colon-separated list).  Never opened: O_PATH
	 * with an empty name is an AT_EMPTY_PATH question, not this one.
	 */
	if (rs->immediate) {
		err = lsc_kernel_freeze(rs);
		if (err)
			return err;
	}
	is_dir = -1;
	fd = *path ? open_rule_path(path, access, &is_dir) : -ENOENT;
	if (fd < 0 &&
	    !(fd == -ENOENT && flags & LANDSCOPE_ADD_RULE_IGNORE_MISSING))
		return fd;
	return add_path_rule(rs, fd, true, is_dir, path, access, flags);
}

LSC_EXPORT int landscope_ruleset_add_fd(struct landscope_ruleset *rs, int fd,
					uint64_t access, unsigned int flags)
{
	LSC_KEEP_ERRNO;
	int dup, err;

	if (!path_args_valid(rs, access, flags))
		return -EINVAL;
	if (fd < 0)
		return -EBADF;
	err = lsc_kernel_check_owner(rs);
	if (err)
		return err;
	if (rs->immediate) {
		/* The caller's fd serves the one add_rule: no duplicate. */
		err = lsc_kernel_freeze(rs);
		if (err)
			return err;
		return add_path_rule(rs, fd, false, -1, NULL, access, flags);
	}
	dup = lsc_sys_dup(fd);
	if (dup < 0)
		return dup;
	return add_path_rule(rs, dup, true, -1, NULL, access, flags);
}

LSC_EXPORT int landscope_ruleset_add_port(struct landscope_ruleset *rs,
					  uint64_t port, uint64_t access,
					  unsigned int flags)
{
	LSC_KEEP_ERRNO;
	struct lsc_rule *rule;
	int err;

	if (!rs || port > 65535 || !access ||
	    access & ~LANDSCOPE_ACCESS_NET_ALL ||
	    flags & ~LANDSCOPE_ADD_RULE_QUIET)
		return -EINVAL;
	err = lsc_kernel_check_owner(rs);
	if (err)
		return err;
	if (rs->immediate) {
		err = lsc_kernel_freeze(rs);
		if (err)
			return err;
	}
	rule = rule_slot(rs);
	if (!rule)
		return -ENOMEM;
	rule->type = LANDSCOPE_RULE_TYPE_NET_PORT;
	rule->port = port;
	rule->requested = access;
	rule->allowed = access;
	rule->flags = flags;
	if (rs->frozen) {
		err = send_rule(rs, rule, -1);
		if (err)
			return err;
	}
	rs->nr_rules++;
	return 0;
}

/*
 * For policy files (src/config/build.c): a rule whose path could not be
 * opened (@err), skipped and reported, as landlockconfig's best effort
 * skips it.
 */
int lsc_ruleset_add_skipped(struct landscope_ruleset *rs, const char *path,
			    uint64_t access, unsigned int flags, int err)
{
	return add_path_rule(rs, err, false, -1, path, access, flags);
}
