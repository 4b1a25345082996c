/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_CONFIG_RESOLVE_H
#define LANDSCOPE_CONFIG_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy.h"

/* A rule on a normalised path, after expansion and merging. */
struct lsc_rpath {
	const char *path; /* in the resolved policy's arena */
	uint64_t access;
	bool quiet;
	/* A template that gives it, for messages: the policy's memory. */
	struct lsc_origin origin;
};

/* A policy ready to be built: no template, no variable, no duplicate. */
struct lsc_resolved {
	uint64_t handled[LSC_NR_HANDLED];
	uint64_t quiet[LSC_NR_HANDLED];
	int compat; /* enum landscope_compat */
	uint32_t restrict_flags;
	struct lsc_rpath *paths; /* sorted by lsc_path_cmp() */
	size_t nr_paths, cap_paths;
	struct lsc_port *ports; /* sorted by port */
	size_t nr_ports;
	struct lsc_arena arena;
};

/*
 * Resolve @p into @r.  Return 0, or -EBADMSG (an undefined variable),
 * -E2BIG (beyond LANDSCOPE_CONFIG_MAX_PATHS or _PATH_BYTES) with a message
 * in @diag, or -ENOMEM; @r is then empty.
 */
int lsc_policy_resolve(const struct lsc_policy *p, struct lsc_resolved *r,
		       struct lsc_diag *diag);
void lsc_resolved_free(struct lsc_resolved *r);

/*
 * The configuration's policy, resolved (-ENOMSG if nothing was parsed);
 * landscope_config_build() is this, then lsc_resolved_build().  Also for
 * the fuzz targets, which compare resolved policies.
 */
struct landscope_config;
int lsc_config_resolve(struct landscope_config *c, struct lsc_resolved *r);

/*
 * Build @r into a new ruleset (src/config/build.c).  Return 0, -ENOMSG
 * when nothing is handled (message), -ENOMEM, -EMFILE or -ENFILE, a
 * path's errno or -EOPNOTSUPP as landscope_config_build() documents them
 * (message).
 */
struct landscope_ruleset;
int lsc_resolved_build(const struct lsc_resolved *r,
		       struct landscope_ruleset **ret, struct lsc_diag *diag);

#endif /* LANDSCOPE_CONFIG_RESOLVE_H */
