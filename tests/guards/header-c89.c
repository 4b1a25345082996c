/* SPDX-License-Identifier: MIT */
/*
 * Guard: the public header compiles as strict C89 (-std=c89 -pedantic
 * -Werror), every macro expands to a valid constant expression, and the
 * program links against the library.  Built with the C++ compiler too
 * (header-cxx.cc includes this file), to check extern "C".
 */
#include <liblandscope/landscope.h>

/* Every public macro, in a constant expression. */
static const uint64_t masks[] = {
	LANDSCOPE_ACCESS_FS_ALL,
	LANDSCOPE_ACCESS_FS_FILE,
	LANDSCOPE_ACCESS_FS_READ_ONLY,
	LANDSCOPE_ACCESS_FS_READ_EXEC,
	LANDSCOPE_ACCESS_FS_READ_WRITE_DATA,
	LANDSCOPE_ACCESS_FS_READ_WRITE, /* 0.1 name */
	LANDSCOPE_ACCESS_FS_REFER,
	LANDSCOPE_ACCESS_FS_TRUNCATE,
	LANDSCOPE_ACCESS_FS_IOCTL_DEV,
	LANDSCOPE_ACCESS_FS_RESOLVE_UNIX,
	LANDSCOPE_ACCESS_NET_ALL,
	LANDSCOPE_ACCESS_NET_BIND_TCP,
	LANDSCOPE_ACCESS_NET_CONNECT_TCP,
	LANDSCOPE_ACCESS_NET_BIND_UDP,
	LANDSCOPE_ACCESS_NET_CONNECT_SEND_UDP,
	LANDSCOPE_SCOPE_ALL,
	LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET,
	LANDSCOPE_SCOPE_SIGNAL,
	LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET,
	LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND,
	LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND,
};

static const unsigned int flags[] = {
	LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF,
	LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON,
	LANDSCOPE_RESTRICT_LOG_SUBDOMAINS_OFF,
	LANDSCOPE_RESTRICT_ALL_THREADS,
	LANDSCOPE_RESTRICT_KEEP_PRIVS,
	LANDSCOPE_RESTRICT_DRY_RUN,
	LANDSCOPE_ADD_RULE_IGNORE_MISSING,
	LANDSCOPE_ADD_RULE_QUIET,
	LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1,
	LANDSCOPE_OUTCOME_APPLIED,
	LANDSCOPE_OUTCOME_MASKED_FILE,
	LANDSCOPE_OUTCOME_SKIPPED_MISSING,
	LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED,
	LANDSCOPE_OUTCOME_DROPPED_UNHANDLED,
	LANDSCOPE_VERSION,
	/* The 0.1 names, still there. */
	LANDSCOPE_PATH_IGNORE_MISSING,
	LANDSCOPE_RULE_QUIET,
	LANDSCOPE_RULE_APPLIED,
	LANDSCOPE_RULE_MASKED_FILE,
	LANDSCOPE_RULE_SKIPPED_MISSING,
	LANDSCOPE_RULE_DROPPED_UNSUPPORTED,
	LANDSCOPE_RULE_DROPPED_UNHANDLED,
};

int main(void)
{
	LANDSCOPE_INIT(landscope_features, features);
	LANDSCOPE_INIT(landscope_rule_info, info);
	struct landscope_ruleset *ruleset = NULL;
	int enums = LANDSCOPE_COMPAT_BEST_EFFORT + LANDSCOPE_FULLY_ENFORCED +
		    LANDSCOPE_CATEGORY_FS + LANDSCOPE_RULE_PATH_BENEATH +
		    LANDSCOPE_RULE_TYPE_NET_PORT + LANDSCOPE_CATEGORY_ADD_RULE +
		    LANDSCOPE_ABI_LAST;

	(void)info;
	(void)enums;
	if (masks[0] == 0 || flags[0] == 0)
		return 1;
	/* Link for real: a missing extern "C" fails here in C++. */
	if (landscope_features_get(&features))
		return 1;
	if (landscope_ruleset_new(&ruleset, 0))
		return 1;
	/* Enum-typed parameters take the enumerators in C++ too. */
	if (landscope_ruleset_set_compat_level(
		    ruleset, LANDSCOPE_COMPAT_HARD_REQUIREMENT, 0) ||
	    landscope_ruleset_add_handled(ruleset, LANDSCOPE_CATEGORY_FS,
					  LANDSCOPE_ACCESS_FS_READ_FILE) ||
	    landscope_version() < LANDSCOPE_VERSION_CODE(0, 2, 0))
		return 1;
	landscope_ruleset_free(ruleset);
	return 0;
}
