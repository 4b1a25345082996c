/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_INTERNAL_H
#define LANDSCOPE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <liblandscope/landscope.h>

#include "export.h"
#include "probe.h"
#include "uapi/landlock.h"

/*
 * The sizes of the size-versioned structures in their first release:
 * every size from these up is accepted (see the header).
 */
#define LSC_FEATURES_SIZE_0_1 64

/*
 * struct landscope_rule_info as 0.1 declared it, for its size only: it
 * holds a pointer, so the size a 0.1 program put in .sz is the compiler's
 * on that architecture, tail padding included (56 bytes on x86_64, 52 on
 * i386), never one number (issue 21, item 12).  sized.c checks that it is
 * the current structure's prefix.
 */
struct lsc_rule_info_0_1 {
	uint64_t sz;
	int32_t type;
	uint32_t outcome;
	const char *path;
	uint64_t port;
	uint64_t requested;
	uint64_t enforced;
	int32_t error;
	uint32_t reserved;
};
#define LSC_RULE_INFO_SIZE_0_1 sizeof(struct lsc_rule_info_0_1)

/* Copy the first min(@sz, @size) bytes of @src to @dst, keeping .sz. */
void lsc_copy_sized(void *dst, uint64_t sz, const void *src, size_t size);

/* lsc_rule.path of a rule without a path (an fd or a port). */
#define LSC_NO_PATH SIZE_MAX

/*
 * A rule as the caller gave it.  In deferred mode kernel masking happens
 * at enforcement; in immediate mode the rule has reached the kernel
 * ruleset when it was added (@sent).
 */
struct lsc_rule {
	int type; /* enum landscope_rule_type */
	int fd; /* deferred mode: O_PATH fd of a path rule, else -1 */
	size_t path; /* offset of the caller's path in paths, or LSC_NO_PATH */
	uint64_t port;
	uint64_t requested; /* rights as asked */
	uint64_t allowed; /* after masking non-directories */
	unsigned int flags; /* LANDSCOPE_ADD_RULE_QUIET, _NARROW_FILE */
	uint32_t outcome; /* MASKED_FILE or SKIPPED_MISSING so far */
	int error;
	uint64_t sent; /* immediate mode: rights the kernel accepted */
};

/* What the kernel ruleset gets from the handled and quiet sets. */
struct lsc_attr {
	struct lsc_ruleset_attr attr;
	size_t size; /* the smallest that carries every non-zero field */
	bool resolve_unix_scope; /* pathname scope through FS_RESOLVE_UNIX */
};

struct landscope_ruleset {
	int compat;
	unsigned int compat_flags;
	/* Added to every restriction: a policy file's restrict_flags. */
	unsigned int restrict_flags;
	uint64_t handled[LSC_NR_HANDLED]; /* by enum landscope_category */
	uint64_t quiet[LSC_NR_HANDLED];
	/*
	 * LANDSCOPE_RULESET_IMMEDIATE: the first rule (or restriction)
	 * freezes the handled and quiet sets and creates the kernel ruleset,
	 * @ruleset_fd (-1 when there is nothing to enforce); each rule then
	 * goes to the kernel as it is added and no path fd is kept.
	 */
	bool immediate;
	bool frozen;
	int ruleset_fd;
	/*
	 * The process that created @ruleset_fd.  After fork() parent and
	 * child share that kernel ruleset: a rule either adds would reach the
	 * other's domain, so only this process may use a frozen ruleset.
	 */
	pid_t owner;
	/* Deferred mode: path rules still holding their O_PATH fd. */
	size_t nr_held;
	/* Immediate mode, once frozen: what each rule is decided against. */
	struct lsc_probe probe;
	struct lsc_attr kattr;
	struct lsc_rule *rules;
	size_t nr_rules;
	size_t cap_rules;
	/*
	 * Every rule's path, NUL-terminated, one after the other: one
	 * growing buffer instead of an allocation per rule.  Rules keep
	 * offsets, since the buffer moves as it grows.
	 */
	char *paths;
	size_t paths_len;
	size_t paths_cap;
};

struct landscope_report {
	int abi;
	int simulated; /* lsc_probe.simulated: a test build's ABI, + 1 */
	int status; /* enum landscope_status */
	bool enforce; /* the policy calls for restricting */
	bool all_threads;
	bool no_new_privs_flag; /* the ABI 11 flag does the NNP work */
	bool dry_run;
	int no_new_privs; /* enum landscope_no_new_privs */
	bool no_new_privs_before; /* set before the call, by someone else */
	bool refer_denied; /* refer granted, and ABI 1 denies it anyway */
	uint64_t errata;
	uint64_t requested[LSC_NR_CATEGORIES];
	/* Requested bits the kernel lacks: never enforced, whatever else. */
	uint64_t dropped[LSC_NR_CATEGORIES];
	/* What is in effect: 0 unless the restriction took effect. */
	uint64_t enforced[LSC_NR_CATEGORIES];
	/*
	 * What the running kernel could restrict but the ruleset does not
	 * handle: left open by the policy itself, not by the kernel.
	 */
	uint64_t unhandled[LSC_NR_CATEGORIES];
	/*
	 * LANDSCOPE_TRANSPORT_* bits the enforced network rights miss:
	 * refused by the seccomp filter, or left open (by the caller's
	 * flag, or because this build cannot refuse them: @transports_lack).
	 */
	uint32_t transports_refused;
	uint32_t transports_open;
	bool transports_lack;
	uint64_t quiet_requested[3];
	uint64_t quiet_enforced[3];
	/* What reaches the kernel. */
	struct lsc_attr kattr;
	uint32_t restrict_flags;
	/*
	 * Why the result is not fully enforced: a fixed text, the first rule
	 * the kernel refused or that hard mode refuses (-1: none), and the
	 * error of the call that failed (0: none).
	 */
	const char *cause;
	int cause_err;
	int bad_rule;
	char *reason; /* built from the above by lsc_report_finish() */
	unsigned int nr_rules;
	struct landscope_rule_info *rules;
	/* A copy of the ruleset's paths: rules[].path point into it. */
	char *paths;
};

/*
 * The one way through the library: build (ruleset.c), decide (plan.c),
 * apply (kernel.c), enter the syscall layer (syscall.c).  Each file calls
 * only those after it; restrict.c strings them together; report.c keeps
 * the report, which plan.c fills with its decision and kernel.c with what
 * failed.
 */

/* plan.c: the kernel ruleset attr for the ruleset's handled sets. */
void lsc_plan_attr(const struct landscope_ruleset *ruleset,
		   const struct lsc_probe *probe, struct lsc_attr *ret);
/*
 * plan.c: the rights of @rule that reach the kernel, and the outcome bits
 * that say what was dropped.
 */
uint64_t lsc_plan_rule(const struct lsc_rule *rule,
		       const struct landscope_ruleset *ruleset,
		       const struct lsc_probe *probe,
		       const struct lsc_attr *kattr, uint32_t *ret_outcome);
/* plan.c: decide what can be enforced, into a new report. */
int lsc_plan_report(const struct landscope_ruleset *ruleset,
		    const struct lsc_probe *probe, unsigned int flags,
		    struct landscope_report **ret);

/*
 * kernel.c: -ECHILD when @ruleset is frozen and this process is not the
 * one that froze it (a child after fork()), else 0.
 */
int lsc_kernel_check_owner(const struct landscope_ruleset *ruleset);
/*
 * kernel.c: freeze the handled sets and create the kernel ruleset (the
 * immediate mode's first rule, or a deferred ruleset holding too many
 * fds); 0 at once when already done.
 */
int lsc_kernel_freeze(struct landscope_ruleset *ruleset);
/* kernel.c: landlock_add_rule() of @bits for @rule. */
int lsc_kernel_add_rule(int ruleset_fd, const struct lsc_rule *rule,
			int parent_fd, uint64_t bits,
			const struct lsc_probe *probe);
/*
 * kernel.c: no_new_privs, the transport filter, then the domain of the
 * kernel ruleset @fd; what was done and what failed go into @r.
 */
int lsc_kernel_enter(int fd, struct landscope_report *r, unsigned int flags);
/* kernel.c: deferred mode: a kernel ruleset, every rule, then enter. */
int lsc_kernel_enforce_deferred(const struct landscope_ruleset *ruleset,
				struct landscope_report *r,
				const struct lsc_probe *probe,
				unsigned int flags);

/*
 * report.c: record that nothing was enforced, because of @cause (a fixed
 * text) and the error @err of a call (0: none).
 */
void lsc_report_not_enforced(struct landscope_report *r, const char *cause,
			     int err);
/* report.c: the kernel refused rule @i with @err. */
void lsc_report_rule_refused(struct landscope_report *r, size_t i, int err);
/* report.c: the final state of every rule, and the reason text. */
void lsc_report_finish(struct landscope_report *r);

/*
 * The deprecated 0.1 setters (ruleset.c), which the public header hides
 * from the library's own build (LANDSCOPE_NO_DEPRECATED): still exported.
 */
int landscope_ruleset_set_compat(struct landscope_ruleset *ruleset, int level,
				 unsigned int flags);
int landscope_ruleset_handle_fs(struct landscope_ruleset *ruleset,
				uint64_t access);
int landscope_ruleset_handle_net(struct landscope_ruleset *ruleset,
				 uint64_t access);
int landscope_ruleset_add_scope(struct landscope_ruleset *ruleset,
				uint64_t scopes);
int landscope_ruleset_quiet(struct landscope_ruleset *ruleset,
			    uint64_t access_fs, uint64_t access_net,
			    uint64_t scopes);

/* report-json.c: the report as one JSON object and a newline. */
void lsc_report_json(FILE *f, const struct landscope_report *r);

/* errname.c: "EBADFD" for -EBADFD (or EBADFD), or NULL. */
const char *lsc_errno_name(int err);

/* ruleset.c: a path rule skipped with @err (< 0), for src/config. */
int lsc_ruleset_add_skipped(struct landscope_ruleset *rs, const char *path,
			    uint64_t access, unsigned int flags, int err);

#endif /* LANDSCOPE_INTERNAL_H */
