/* SPDX-License-Identifier: MIT */
/*
 * Landlock blocked by a seccomp filter, as container runtimes and systemd
 * install them: the library must report "blocked" (-EPERM, with the
 * filter's errno), never "the kernel has no Landlock", and must never take
 * a refused landlock_add_rule() or landlock_restrict_self() for a fault of
 * a path.  Each case forks a child that installs a real filter before its
 * first library call (so that its probe sees the filter), then checks the
 * exact errno and report.  It runs on every kernel of the matrix: the
 * filter answers before Landlock, whether the kernel has it or not.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#include "seccomp.h"
#include "tap.h"

/* The generic numbers, the same on every architecture. */
#define NR_CREATE 444
#define NR_ADD_RULE 445
#define NR_RESTRICT 446

#define RX (LANDSCOPE_ACCESS_FS_READ_FILE | LANDSCOPE_ACCESS_FS_READ_DIR)

#if defined(__x86_64__)
#define THIS_ARCH 1
#endif

#ifdef THIS_ARCH
static int deny(int nr, int err)
{
	return test_deny_syscall((unsigned int)nr, (unsigned int)err);
}

static int fail(const char *what, int got, int want)
{
	fprintf(stderr, "# %s: %d (%s), expected %d (%s)\n", what, got,
		strerror(got < 0 ? -got : got), want,
		strerror(want < 0 ? -want : want));
	return 1;
}

static int report_says(struct landscope_report *r, const char *text)
{
	const char *reason = landscope_report_reason(r);

	if (reason && strstr(reason, text))
		return 0;
	fprintf(stderr, "# reason \"%s\", expected \"%s\" in it\n",
		reason ? reason : "(none)", text);
	return 1;
}

/* The whole syscall family filtered with @err: blocked, not absent. */
static int case_create(int err)
{
	LANDSCOPE_INIT(landscope_features, f);
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *r = NULL;
	int ret;

	if (deny(NR_CREATE, err))
		return 2;
	if ((ret = landscope_features_get(&f)))
		return fail("features_get", ret, 0);
	if (f.unavailable != -EPERM || f.abi != 0)
		return fail("features.unavailable", f.unavailable, -EPERM);
	if ((ret = landscope_abi_version()) != -EPERM)
		return fail("abi_version", ret, -EPERM);
	if (landscope_ruleset_new(&rs, 0) ||
	    landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RX))
		return 3;
	/* Not a path's fault: the path is opened, and kept. */
	if ((ret = landscope_ruleset_add_path(rs, "/", RX, 0)))
		return fail("add_path", ret, 0);
	ret = landscope_ruleset_restrict_self(rs, 0, &r);
	if (ret || landscope_report_status(r) != LANDSCOPE_NOT_ENFORCED)
		return fail("best effort", ret, 0);
	if (report_says(r, "Landlock is denied by a seccomp filter or an LSM"))
		return 4;
	landscope_report_free(r);
	landscope_ruleset_set_compat_level(
		rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT, 0);
	ret = landscope_ruleset_restrict_self(rs, 0, NULL);
	landscope_ruleset_free(rs);
	return ret == -EOPNOTSUPP ? 0 : fail("hard", ret, -EOPNOTSUPP);
}

/* Only landlock_add_rule() filtered: the rule's call fails, named so. */
static int case_add_rule(void)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *r = NULL;
	int ret;

	if (landscope_abi_version() < 1)
		return 77;
	if (deny(NR_ADD_RULE, EPERM))
		return 2;
	if (landscope_ruleset_new(&rs, 0) ||
	    landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RX))
		return 3;
	if ((ret = landscope_ruleset_add_path(rs, "/", RX, 0)))
		return fail("add_path, deferred", ret, 0);
	ret = landscope_ruleset_restrict_self(rs, 0, &r);
	if (ret != -EPERM ||
	    landscope_report_status(r) != LANDSCOPE_NOT_ENFORCED)
		return fail("restrict_self", ret, -EPERM);
	if (report_says(r, "landlock_add_rule() is denied by a seccomp filter"))
		return 4;
	landscope_report_free(r);
	landscope_ruleset_free(rs);
	/* Immediate mode: the add itself fails with the filter's errno. */
	if (landscope_ruleset_new(&rs, LANDSCOPE_RULESET_IMMEDIATE) ||
	    landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RX))
		return 3;
	ret = landscope_ruleset_add_path(rs, "/", RX, 0);
	landscope_ruleset_free(rs);
	return ret == -EPERM ? 0 : fail("add_path, immediate", ret, -EPERM);
}

/* Only landlock_restrict_self() filtered. */
static int case_restrict(void)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *r = NULL;
	int ret;

	if (landscope_abi_version() < 1)
		return 77;
	if (deny(NR_RESTRICT, EPERM))
		return 2;
	if (landscope_ruleset_new(&rs, 0) ||
	    landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RX) ||
	    landscope_ruleset_add_path(rs, "/", RX, 0))
		return 3;
	ret = landscope_ruleset_restrict_self(rs, 0, &r);
	if (ret != -EPERM ||
	    landscope_report_status(r) != LANDSCOPE_NOT_ENFORCED)
		return fail("restrict_self", ret, -EPERM);
	if (report_says(r, "landlock_restrict_self() is denied by a seccomp"))
		return 4;
	landscope_report_free(r);
	landscope_ruleset_free(rs);
	return 0;
}

static int run(int (*fn)(int), int arg)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(fn(arg));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int add_rule_arg(int unused)
{
	(void)unused;
	return case_add_rule();
}

static int restrict_arg(int unused)
{
	(void)unused;
	return case_restrict();
}

static void check(const char *what, int ret)
{
	if (ret == 77)
		tap_skip("%s: Landlock is unavailable on this kernel, so "
			 "nothing reaches that syscall (the blocked-probe "
			 "cases run here instead)",
			 what);
	else
		tap_check(ret == 0, "%s (child status %d)", what, ret);
}

int main(void)
{
	static const int errs[] = { EPERM, EACCES, EINVAL };
	char what[128];
	size_t i;

	tap_init();
#ifdef LSC_TEST_HOOKS
	/*
	 * A simulated kernel answers the library's probe itself: no Landlock
	 * syscall reaches the filter, which then blocks nothing to report.
	 */
	if (getenv("LANDSCOPE_SIMULATE_ABI")) {
		tap_skip("LANDSCOPE_SIMULATE_ABI: the library's probe never "
			 "reaches a seccomp filter");
		return tap_done();
	}
#endif
	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		snprintf(what, sizeof(what),
			 "landlock_create_ruleset filtered with %s: blocked "
			 "(-EPERM), named in the report",
			 strerror(errs[i]));
		check(what, run(case_create, errs[i]));
	}
	check("landlock_add_rule filtered: -EPERM, named in the report",
	      run(add_rule_arg, 0));
	check("landlock_restrict_self filtered: -EPERM, named in the report",
	      run(restrict_arg, 0));
	return tap_done();
}
#else
int main(void)
{
	tap_init();
	tap_skip("the seccomp cases are written for x86_64, the "
		 "architecture of the kernel matrix, which runs them");
	return tap_done();
}
#endif
