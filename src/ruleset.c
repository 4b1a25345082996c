// SPDX-License-Identifier: MIT
/*
 * Building a ruleset.  Nothing reaches Landlock here: the handled sets and
 * rules are kept as the caller gave them, because what the kernel can take
 * is decided once, at enforcement, against the probe and the compatibility
 * level.  Paths, though, are opened at once, so that a caller can add its
 * rules while it still has the privileges to open them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "internal.h"
#include "syscall.h"

#define PATH_FLAGS (LANDSCOPE_PATH_IGNORE_MISSING | LANDSCOPE_RULE_QUIET)

LSC_EXPORT int landscope_ruleset_new(struct landscope_ruleset **ret,
				     unsigned int flags)
{
	struct landscope_ruleset *rs;

	if (!ret || flags)
		return -EINVAL;
	rs = calloc(1, sizeof(*rs));
	if (!rs)
		return -ENOMEM;
	rs->compat = LANDSCOPE_COMPAT_BEST_EFFORT;
	*ret = rs;
	return 0;
}

LSC_EXPORT void landscope_ruleset_free(struct landscope_ruleset *rs)
{
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->nr_rules; i++)
		if (rs->rules[i].fd >= 0)
			lsc_sys_close(rs->rules[i].fd);
	free(rs->rules);
	free(rs->paths);
	free(rs);
}

LSC_EXPORT void landscope_ruleset_freep(struct landscope_ruleset **rs)
{
	if (rs) {
		landscope_ruleset_free(*rs);
		*rs = NULL;
	}
}

LSC_EXPORT int landscope_ruleset_set_compat(struct landscope_ruleset *rs,
					    int level, unsigned int flags)
{
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

static int handle(struct landscope_ruleset *rs, int category, uint64_t bits)
{
	if (!rs || !bits || bits & ~lsc_known_mask(category))
		return -EINVAL;
	rs->handled[category] |= bits;
	return 0;
}

LSC_EXPORT int landscope_ruleset_handle_fs(struct landscope_ruleset *rs,
					   uint64_t access)
{
	return handle(rs, LANDSCOPE_CATEGORY_FS, access);
}

LSC_EXPORT int landscope_ruleset_handle_net(struct landscope_ruleset *rs,
					    uint64_t access)
{
	return handle(rs, LANDSCOPE_CATEGORY_NET, access);
}

LSC_EXPORT int landscope_ruleset_add_scope(struct landscope_ruleset *rs,
					   uint64_t scopes)
{
	return handle(rs, LANDSCOPE_CATEGORY_SCOPE, scopes);
}

LSC_EXPORT int landscope_ruleset_quiet(struct landscope_ruleset *rs,
				       uint64_t access_fs, uint64_t access_net,
				       uint64_t scopes)
{
	if (!rs || access_fs & ~LANDSCOPE_ACCESS_FS_ALL ||
	    access_net & ~LANDSCOPE_ACCESS_NET_ALL ||
	    scopes & ~LANDSCOPE_SCOPE_ALL)
		return -EINVAL;
	rs->quiet[LANDSCOPE_CATEGORY_FS] |= access_fs;
	rs->quiet[LANDSCOPE_CATEGORY_NET] |= access_net;
	rs->quiet[LANDSCOPE_CATEGORY_SCOPE] |= scopes;
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
 * Take ownership of @fd (or record a skipped path when @fd is negative).
 * @is_dir: 1 or 0 when the caller knows, -1 to ask fstat, which is only
 * needed when @access has directory rights to mask.  On failure @fd is
 * closed: callers have nothing left to undo.
 */
static int add_path_rule(struct landscope_ruleset *rs, int fd, int is_dir,
			 const char *path, uint64_t access, unsigned int flags)
{
	struct lsc_rule *rule;
	bool masked = false;
	int err;

	if (fd >= 0 && access & ~LANDSCOPE_ACCESS_FS_FILE) {
		if (is_dir < 0)
			is_dir = lsc_sys_is_dir(fd);
		if (is_dir < 0) {
			err = is_dir;
			goto err_close;
		}
		/* The kernel takes only file rights on a non-directory. */
		masked = !is_dir;
		if (masked && rs->compat == LANDSCOPE_COMPAT_HARD_REQUIREMENT) {
			err = -EINVAL;
			goto err_close;
		}
	}
	rule = rule_slot(rs);
	if (!rule) {
		err = -ENOMEM;
		goto err_close;
	}
	/* The last step that can fail: nothing is left to undo after it. */
	if (path) {
		err = store_path(rs, path, &rule->path);
		if (err)
			goto err_close;
	}
	rule->type = LANDSCOPE_RULE_PATH_BENEATH;
	rule->requested = access;
	rule->allowed = access;
	rule->flags = flags & LANDSCOPE_RULE_QUIET;
	if (fd < 0) {
		rule->outcome = LANDSCOPE_RULE_SKIPPED_MISSING;
		rule->error = fd;
		rule->allowed = 0;
	} else if (masked) {
		rule->outcome = LANDSCOPE_RULE_MASKED_FILE;
		rule->allowed = access & LANDSCOPE_ACCESS_FS_FILE;
	}
	rule->fd = fd >= 0 ? fd : -1;
	rs->nr_rules++;
	return 0;

err_close:
	if (fd >= 0)
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
	if (!(access & ~LANDSCOPE_ACCESS_FS_FILE))
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
	int is_dir;
	int fd;

	if (!path_args_valid(rs, access, flags) || !path || !*path)
		return -EINVAL;
	fd = open_rule_path(path, access, &is_dir);
	if (fd < 0 && !(fd == -ENOENT && flags & LANDSCOPE_PATH_IGNORE_MISSING))
		return fd;
	return add_path_rule(rs, fd, is_dir, path, access, flags);
}

LSC_EXPORT int landscope_ruleset_add_fd(struct landscope_ruleset *rs, int fd,
					uint64_t access, unsigned int flags)
{
	int dup;

	if (!path_args_valid(rs, access, flags))
		return -EINVAL;
	if (fd < 0)
		return -EBADF;
	dup = lsc_sys_dup(fd);
	if (dup < 0)
		return dup;
	return add_path_rule(rs, dup, -1, NULL, access, flags);
}

LSC_EXPORT int landscope_ruleset_add_port(struct landscope_ruleset *rs,
					  uint64_t port, uint64_t access,
					  unsigned int flags)
{
	struct lsc_rule *rule;

	if (!rs || port > 65535 || !access ||
	    access & ~LANDSCOPE_ACCESS_NET_ALL || flags & ~LANDSCOPE_RULE_QUIET)
		return -EINVAL;
	rule = rule_slot(rs);
	if (!rule)
		return -ENOMEM;
	rule->type = LANDSCOPE_RULE_NET_PORT;
	rule->port = port;
	rule->requested = access;
	rule->allowed = access;
	rule->flags = flags;
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
	return add_path_rule(rs, err, -1, path, access, flags);
}
