/* SPDX-License-Identifier: MIT */
/*
 * The report on the real kernel: a rule the kernel refuses (a pipe given
 * by /proc/self/fd/N: EBADFD) is named, with its errno, in the reason and
 * the printed report, and nothing is restricted; the immediate mode
 * returns that errno from the add call itself; a restriction that works
 * says who set no_new_privs, and the thread line says what was asked and
 * done.  Each case runs in a forked child; output is TAP.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#include "child.h"
#include "tap.h"

#define RF LANDSCOPE_ACCESS_FS_READ_FILE

struct result {
	int deferred_ret; /* restrict_self() with the pipe's rule */
	uint32_t outcome; /* of that rule */
	int32_t error;
	int reason_names_it;
	int print_names_it;
	int unrestricted; /* a file still opens after the failure */
	int immediate_ret; /* add_path() of the pipe, immediate mode */
	int ok_ret; /* a restriction that works */
	int nnp_how; /* landscope_report_no_new_privs() */
	int nnp_set; /* and what /proc says */
	int threads_line;
};

/* The report printed into a string; 1 if it contains @what. */
static int printed_has(const struct landscope_report *r, const char *what)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int found;

	if (!f)
		return 0;
	landscope_report_print(r, f);
	fclose(f);
	found = buf && strstr(buf, what);
	free(buf);
	return found;
}

static void child(const void *arg, void *res_arg)
{
	struct result *res = res_arg;
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *r = NULL;
	LANDSCOPE_INIT(landscope_rule_info, info);
	char path[64], want[128];
	int pipefd[2], fd;

	(void)arg;
	memset(res, 0, sizeof(*res));
	if (pipe(pipefd))
		_exit(1);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", pipefd[0]);

	/* Deferred: the kernel refuses the rule at restriction. */
	if (landscope_ruleset_new(&rs, 0) ||
	    landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RF) ||
	    landscope_ruleset_add_path(rs, path, RF, 0))
		_exit(1);
	res->deferred_ret = landscope_ruleset_restrict_self(rs, 0, &r);
	if (r && !landscope_report_rule(r, 0, &info)) {
		res->outcome = info.outcome;
		res->error = info.error;
	}
	snprintf(want, sizeof(want),
		 "the kernel refused rule 0 (path %s): "
		 "EBADFD",
		 path);
	res->reason_names_it = landscope_report_reason(r) &&
			       strstr(landscope_report_reason(r), want);
	res->print_names_it =
		r && printed_has(r, "not applied, refused by the kernel "
				    "(EBADFD)");
	landscope_report_free(r);
	r = NULL;
	landscope_ruleset_free(rs);
	rs = NULL;
	fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	res->unrestricted = fd >= 0;
	if (fd >= 0)
		close(fd);

	/* Immediate: the add call says it. */
	if (landscope_ruleset_new(&rs, LANDSCOPE_RULESET_IMMEDIATE) ||
	    landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RF))
		_exit(1);
	res->immediate_ret = landscope_ruleset_add_path(rs, path, RF, 0);
	landscope_ruleset_free(rs);
	rs = NULL;

	/* A restriction that works. */
	if (landscope_ruleset_new(&rs, 0) ||
	    landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RF) ||
	    landscope_ruleset_add_path(rs, "/", RF, 0))
		_exit(1);
	res->ok_ret = landscope_ruleset_restrict_self(rs, 0, &r);
	res->nnp_how = landscope_report_no_new_privs(r);
	res->nnp_set = no_new_privs();
	res->threads_line =
		r && printed_has(r, "threads: asked for the calling thread; "
				    "the calling thread restricted\n");
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

int main(void)
{
	LANDSCOPE_INIT(landscope_features, f);
	struct result res;

	tap_init();
	if (landscope_features_get(&f) || f.abi < 1) {
		tap_skip("report: Landlock is unavailable");
		return tap_done();
	}
	if (!tap_check(child_run(child, NULL, &res, sizeof(res)),
		       "report: the child ran"))
		return tap_done();
	tap_check(res.deferred_ret == -EBADFD,
		  "report: a pipe's rule fails the restriction with -EBADFD "
		  "(got %d)",
		  res.deferred_ret);
	tap_check(res.outcome == LANDSCOPE_OUTCOME_REFUSED &&
			  res.error == -EBADFD,
		  "report: the rule is marked refused, with -EBADFD "
		  "(outcome %#x, error %d)",
		  res.outcome, res.error);
	tap_check(res.reason_names_it,
		  "report: the reason names the rule, its path and EBADFD");
	tap_check(res.print_names_it,
		  "report: the printed report names the refusal");
	tap_check(res.unrestricted, "report: nothing was restricted");
	tap_check(res.immediate_ret == -EBADFD,
		  "report: immediate mode returns -EBADFD from add_path "
		  "(got %d)",
		  res.immediate_ret);
	tap_check(res.ok_ret == 0, "report: a valid rule restricts (got %d)",
		  res.ok_ret);
	tap_check(res.nnp_how == (f.no_new_privs_flag
					  ? LANDSCOPE_NO_NEW_PRIVS_FLAG
					  : LANDSCOPE_NO_NEW_PRIVS_PRCTL) &&
			  res.nnp_set == 1,
		  "report: no_new_privs set by %s, and set (how %d, set %d)",
		  f.no_new_privs_flag ? "the ABI 11 flag" : "prctl",
		  res.nnp_how, res.nnp_set);
	tap_check(res.threads_line,
		  "report: the thread line says what was asked and done");
	return tap_done();
}
