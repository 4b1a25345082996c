/* SPDX-License-Identifier: MIT */
/*
 * Kernel suite, group "restrict": landscope_ruleset_restrict_self() itself.
 * no_new_privs, the 16-layer limit, compatibility levels facing a feature
 * the kernel lacks (hard mode must fail before it changes the process),
 * dry runs, empty policies, KEEP_PRIVS, and all-threads restriction with
 * TSYNC or its reported absence.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "harness.h"

#define FS(x) LANDSCOPE_ACCESS_FS_##x

/* A ruleset handling READ_FILE, granted beneath a/ only. */
static struct landscope_ruleset *read_ruleset(int level)
{
	struct landscope_ruleset *rs = kt_ruleset(level);

	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       FS(READ_FILE)));
	kt_check(
		landscope_ruleset_add_path(rs, kt_path("a"), FS(READ_FILE), 0));
	return rs;
}

/* 0 if the process is not restricted: it still reads b/f. */
static int read_b(void)
{
	return kt_try_open(kt_path("b/f"), O_RDONLY);
}

static int nnp_child(void *arg)
{
	(void)arg;
	if (kt_no_new_privs())
		kt_die("no_new_privs already set before restricting");
	kt_enforce(read_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT), 0);
	if (kt_no_new_privs() != 1)
		kt_die("no_new_privs not set by restrict_self()");
	return read_b();
}

static void restrict_sets_no_new_privs(void **state)
{
	(void)state;
	kt_require_fs(FS(READ_FILE));
	kt_expect(nnp_child, NULL, EACCES);
}

/*
 * Make prctl(PR_SET_NO_NEW_PRIVS) fail with EDOM, an errno nothing else
 * gives: root may install a seccomp filter without no_new_privs.
 */
static void block_nnp_prctl(void)
{
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_prctl, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PR_SET_NO_NEW_PRIVS, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EDOM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { KT_ARRAY_SIZE(filter), filter };

	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0))
		kt_die("seccomp filter: %s (CONFIG_SECCOMP_FILTER?)",
		       strerror(errno));
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != -1 || errno != EDOM)
		kt_die("the seccomp filter does not block the prctl");
}

/*
 * ABI 11: the library sets no_new_privs through the kernel's
 * LANDLOCK_RESTRICT_SELF_NO_NEW_PRIVS flag, so restrict_self() works
 * although prctl() cannot set it; before ABI 11 it must use prctl(),
 * and gets its error.
 */
static int nnp_flag_child(void *arg)
{
	struct landscope_ruleset *rs =
		read_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	int r, want = kt_feat.abi >= 11 ? 0 : -EDOM;

	(void)arg;
	block_nnp_prctl();
	r = landscope_ruleset_restrict_self(rs, 0, NULL);
	landscope_ruleset_free(rs);
	if (r != want)
		kt_die("restrict_self() = %d (%s), expected %d on ABI %d", r,
		       kt_strerr(-r), want, kt_feat.abi);
	if (kt_no_new_privs() != !r)
		kt_die("no_new_privs is %d after restrict_self() = %d",
		       kt_no_new_privs(), r);
	return r ? EDOM : read_b();
}

static void restrict_no_new_privs_kernel_flag(void **state)
{
	(void)state;
	kt_require_fs(FS(READ_FILE));
	if (geteuid()) {
		printf("# SKIP: needs root (a seccomp filter without "
		       "no_new_privs)\n");
		skip();
	}
	kt_expect(nnp_flag_child, NULL, kt_feat.abi >= 11 ? EACCES : EDOM);
}

/*
 * A restriction the kernel refuses (E2BIG at the 17th layer) leaves
 * no_new_privs as it was where the kernel sets it (ABI 11); before, the
 * library's prctl() has already set it.  The 16 layers are stacked with
 * KEEP_PRIVS, which root may use, so that nothing set it before.
 */
static int refused_nnp_child(void *arg)
{
	struct landscope_ruleset *rs =
		read_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	int i, r, want_nnp = kt_feat.abi >= 11 ? 0 : 1;

	(void)arg;
	for (i = 1; i <= 16; i++) {
		r = landscope_ruleset_restrict_self(
			rs, LANDSCOPE_RESTRICT_KEEP_PRIVS, NULL);
		if (r)
			kt_die("layer %d: restrict_self() = %d (%s)", i, r,
			       kt_strerr(-r));
	}
	if (kt_no_new_privs())
		kt_die("KEEP_PRIVS set no_new_privs");
	r = landscope_ruleset_restrict_self(rs, 0, NULL);
	landscope_ruleset_free(rs);
	if (r != -E2BIG)
		kt_die("layer 17: restrict_self() = %d, expected -E2BIG", r);
	if (kt_no_new_privs() != want_nnp)
		kt_die("refused restriction: no_new_privs %d, expected %d on "
		       "ABI %d",
		       kt_no_new_privs(), want_nnp, kt_feat.abi);
	return -r;
}

static void restrict_refused_leaves_no_new_privs(void **state)
{
	(void)state;
	kt_require_fs(FS(READ_FILE));
	if (geteuid()) {
		printf("# SKIP: needs root (CAP_SYS_ADMIN)\n");
		skip();
	}
	kt_expect(refused_nnp_child, NULL, E2BIG);
}

/* The kernel allows 16 stacked layers; the 17th is E2BIG. */
static int layers_child(void *arg)
{
	struct landscope_ruleset *rs =
		read_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	int i, r;

	(void)arg;
	for (i = 1; i <= 16; i++) {
		r = landscope_ruleset_restrict_self(rs, 0, NULL);
		if (r)
			kt_die("layer %d: restrict_self() = %d (%s)", i, r,
			       kt_strerr(-r));
	}
	r = landscope_ruleset_restrict_self(rs, 0, NULL);
	landscope_ruleset_free(rs);
	if (r >= 0)
		kt_die("layer 17: restrict_self() = %d", r);
	/* The 16 layers are still in force. */
	if (read_b() != EACCES)
		kt_die("b/f readable after 16 layers");
	return -r;
}

static void restrict_layer_limit_e2big(void **state)
{
	(void)state;
	kt_require_fs(FS(READ_FILE));
	kt_expect(layers_child, NULL, E2BIG);
}

/*
 * A feature the kernel lacks, for the compatibility levels: preferably a
 * companion scope bit on an unpatched kernel, else any known right or
 * scope the kernel does not have.  Returns the category, or -1.
 */
static int missing_feature(uint64_t *bit)
{
	uint64_t miss;

	miss = LANDSCOPE_SCOPE_ALL & ~kt_feat.scoped;
	/* On ABI 9 the pathname scope has a fallback: not missing. */
	if (kt_feat.access_fs & FS(RESOLVE_UNIX))
		miss &= ~LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET;
	if (miss) {
		*bit = miss & -miss;
		return LANDSCOPE_CATEGORY_SCOPE;
	}
	miss = LANDSCOPE_ACCESS_FS_ALL & ~kt_feat.access_fs;
	if (miss) {
		*bit = miss & -miss;
		return LANDSCOPE_CATEGORY_FS;
	}
	miss = LANDSCOPE_ACCESS_NET_ALL & ~kt_feat.access_net;
	if (miss) {
		*bit = miss & -miss;
		return LANDSCOPE_CATEGORY_NET;
	}
	return -1;
}

struct missing_case {
	int level;
	int expect_ret; /* of restrict_self() */
	int expect_status; /* of the report */
	int expect_read_b; /* b/f afterwards: 0 if not restricted */
	int expect_nnp;
};

static int missing_cat;
static uint64_t missing_bit;

static int missing_child(void *arg)
{
	const struct missing_case *c = arg;
	struct landscope_ruleset *rs = read_ruleset(c->level);
	struct landscope_report *report = NULL;
	int r, status;

	switch (missing_cat) {
	case LANDSCOPE_CATEGORY_SCOPE:
		kt_check(landscope_ruleset_add_handled(
			rs, LANDSCOPE_CATEGORY_SCOPE, missing_bit));
		break;
	case LANDSCOPE_CATEGORY_FS:
		kt_check(landscope_ruleset_add_handled(
			rs, LANDSCOPE_CATEGORY_FS, missing_bit));
		break;
	default:
		kt_check(landscope_ruleset_add_handled(
			rs, LANDSCOPE_CATEGORY_NET, missing_bit));
		break;
	}
	r = landscope_ruleset_restrict_self(rs, 0, &report);
	if (r != c->expect_ret)
		kt_die("restrict_self() = %d (%s), expected %d", r,
		       kt_strerr(-r), c->expect_ret);
	if (report) {
		status = landscope_report_status(report);
		landscope_report_free(report);
		if (status != c->expect_status)
			kt_die("report status %d, expected %d", status,
			       c->expect_status);
	} else if (!r) {
		kt_die("no report on success");
	}
	landscope_ruleset_free(rs);
	if (kt_no_new_privs() != c->expect_nnp)
		kt_die("no_new_privs is %d, expected %d", kt_no_new_privs(),
		       c->expect_nnp);
	return read_b();
}

static void run_missing_case(void **state)
{
	const struct missing_case *c = *state;

	kt_require_fs(FS(READ_FILE));
	missing_cat = missing_feature(&missing_bit);
	if (missing_cat < 0) {
		printf("# SKIP: this kernel has every feature the library "
		       "knows\n");
		skip();
	}
	printf("# missing feature: %s\n",
	       landscope_access_name(missing_cat, missing_bit));
	kt_expect(missing_child, *state, c->expect_read_b);
}

/* Hard: fails before any syscall that changes the process. */
static const struct missing_case hard_missing = {
	.level = LANDSCOPE_COMPAT_HARD_REQUIREMENT,
	.expect_ret = -EOPNOTSUPP,
	.expect_status = LANDSCOPE_NOT_ENFORCED,
};
/* Soft: nothing is enforced, and that is not an error. */
static const struct missing_case soft_missing = {
	.level = LANDSCOPE_COMPAT_SOFT_REQUIREMENT,
	.expect_status = LANDSCOPE_NOT_ENFORCED,
};
/* Best effort: the rest is enforced, and the report says partially. */
static const struct missing_case best_missing = {
	.level = LANDSCOPE_COMPAT_BEST_EFFORT,
	.expect_status = LANDSCOPE_PARTIALLY_ENFORCED,
	.expect_read_b = EACCES,
	.expect_nnp = 1,
};

static int dry_run_child(void *arg)
{
	struct landscope_ruleset *rs =
		read_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	struct landscope_report *report = NULL;
	int r, status;

	(void)arg;
	r = landscope_ruleset_restrict_self(rs, LANDSCOPE_RESTRICT_DRY_RUN,
					    &report);
	if (r)
		kt_die("dry run: restrict_self() = %d (%s)", r, kt_strerr(-r));
	status = landscope_report_status(report);
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	if (status != LANDSCOPE_FULLY_ENFORCED)
		kt_die("dry run: report status %d", status);
	if (kt_no_new_privs())
		kt_die("dry run set no_new_privs");
	return read_b();
}

static void restrict_dry_run_untouched(void **state)
{
	(void)state;
	kt_require_fs(FS(READ_FILE));
	kt_expect(dry_run_child, NULL, 0);
}

static int empty_child(void *arg)
{
	struct landscope_ruleset *rs = kt_ruleset(LANDSCOPE_COMPAT_BEST_EFFORT);
	int r;

	(void)arg;
	r = landscope_ruleset_restrict_self(rs, 0, NULL);
	landscope_ruleset_free(rs);
	if (kt_no_new_privs())
		kt_die("empty policy set no_new_privs");
	return r < 0 ? -r : 0;
}

static void restrict_empty_policy_enomsg(void **state)
{
	(void)state;
	kt_require_landlock();
	kt_expect(empty_child, NULL, ENOMSG);
}

/* The same ruleset enforced twice stacks a second layer. */
static int twice_child(void *arg)
{
	struct landscope_ruleset *rs =
		read_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	int r;

	(void)arg;
	r = landscope_ruleset_restrict_self(rs, 0, NULL);
	if (!r)
		r = landscope_ruleset_restrict_self(rs, 0, NULL);
	landscope_ruleset_free(rs);
	if (r)
		kt_die("restrict_self() = %d (%s)", r, kt_strerr(-r));
	if (kt_try_open(kt_path("a/f"), O_RDONLY))
		kt_die("a/f not readable after two layers");
	return read_b();
}

static void restrict_twice_stacks(void **state)
{
	(void)state;
	kt_require_fs(FS(READ_FILE));
	kt_expect(twice_child, NULL, EACCES);
}

/* Drop CAP_SYS_ADMIN from the effective set, raw (no libcap in guests). */
static void drop_sys_admin(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3,
						0 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		kt_die("capget: %s", strerror(errno));
	data[CAP_SYS_ADMIN / 32].effective &= ~(1U << (CAP_SYS_ADMIN % 32));
	if (syscall(SYS_capset, &hdr, data))
		kt_die("capset: %s", strerror(errno));
}

static int keep_privs_child(void *arg)
{
	struct landscope_ruleset *rs =
		read_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	bool drop = arg != NULL;
	int r;

	if (drop)
		drop_sys_admin();
	r = landscope_ruleset_restrict_self(rs, LANDSCOPE_RESTRICT_KEEP_PRIVS,
					    NULL);
	landscope_ruleset_free(rs);
	if (kt_no_new_privs())
		kt_die("KEEP_PRIVS set no_new_privs");
	if (drop)
		return r < 0 ? -r : 0;
	if (r)
		kt_die("KEEP_PRIVS: restrict_self() = %d (%s)", r,
		       kt_strerr(-r));
	return read_b();
}

static void restrict_keep_privs_with_cap(void **state)
{
	(void)state;
	kt_require_fs(FS(READ_FILE));
	if (geteuid()) {
		printf("# SKIP: needs root (CAP_SYS_ADMIN)\n");
		skip();
	}
	kt_expect(keep_privs_child, NULL, EACCES);
}

static void restrict_keep_privs_without_cap_eperm(void **state)
{
	(void)state;
	kt_require_fs(FS(READ_FILE));
	kt_expect(keep_privs_child, (void *)1, EPERM);
}

/*
 * All threads.  A second thread exists before restricting, waits, then
 * tries to read b/f: with TSYNC it is restricted too, without it only the
 * calling thread is, and the report must say so.
 */
struct thread_probe {
	int go[2];
	int result;
};

static void *thread_main(void *arg)
{
	struct thread_probe *t = arg;
	char c;

	if (read(t->go[0], &c, 1) != 1)
		t->result = -1;
	else
		t->result = read_b();
	return NULL;
}

struct threads_case {
	int level;
	int expect_ret;
	int expect_all; /* landscope_report_all_threads() */
	int expect_status;
	int expect_thread; /* what the other thread gets on b/f */
};

static int threads_child(void *arg)
{
	const struct threads_case *c = arg;
	struct landscope_ruleset *rs = read_ruleset(c->level);
	struct landscope_report *report = NULL;
	struct thread_probe t = { { -1, -1 }, -1 };
	uint64_t req = 0, enf = 0;
	pthread_t th;
	int r;

	if (pipe2(t.go, O_CLOEXEC))
		kt_die("pipe2: %s", strerror(errno));
	if (pthread_create(&th, NULL, thread_main, &t))
		kt_die("pthread_create failed");
	r = landscope_ruleset_restrict_self(rs, LANDSCOPE_RESTRICT_ALL_THREADS,
					    &report);
	if (r != c->expect_ret)
		kt_die("restrict_self(ALL_THREADS) = %d (%s), expected %d", r,
		       kt_strerr(-r), c->expect_ret);
	if (!r) {
		if (landscope_report_all_threads(report) != c->expect_all)
			kt_die("report_all_threads() = %d, expected %d",
			       landscope_report_all_threads(report),
			       c->expect_all);
		if (landscope_report_status(report) != c->expect_status)
			kt_die("report status %d, expected %d",
			       landscope_report_status(report),
			       c->expect_status);
		kt_check(landscope_report_category(
			report, LANDSCOPE_CATEGORY_FLAGS, &req, &enf));
		if (!(req & LANDSCOPE_RESTRICT_ALL_THREADS))
			kt_die("ALL_THREADS not reported as requested");
		if (!!(enf & LANDSCOPE_RESTRICT_ALL_THREADS) != c->expect_all)
			kt_die("ALL_THREADS enforced bit is %d, expected %d",
			       !!(enf & LANDSCOPE_RESTRICT_ALL_THREADS),
			       c->expect_all);
		if (read_b() != EACCES)
			kt_die("calling thread not restricted");
	}
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	if (write(t.go[1], "g", 1) != 1)
		kt_die("write: %s", strerror(errno));
	pthread_join(th, NULL);
	close(t.go[0]);
	close(t.go[1]);
	if (t.result < 0)
		kt_die("thread failed");
	if (t.result != c->expect_thread)
		kt_die("other thread got %s on b/f, expected %s",
		       kt_strerr(t.result), kt_strerr(c->expect_thread));
	return 0;
}

static const struct threads_case tsync = {
	.level = LANDSCOPE_COMPAT_HARD_REQUIREMENT,
	.expect_all = 1,
	.expect_status = LANDSCOPE_FULLY_ENFORCED,
	.expect_thread = EACCES,
};
static const struct threads_case no_tsync_best = {
	.level = LANDSCOPE_COMPAT_BEST_EFFORT,
	.expect_status = LANDSCOPE_PARTIALLY_ENFORCED,
};
static const struct threads_case no_tsync_hard = {
	.level = LANDSCOPE_COMPAT_HARD_REQUIREMENT,
	.expect_ret = -EOPNOTSUPP,
};

static void restrict_all_threads_tsync(void **state)
{
	kt_require_fs(FS(READ_FILE));
	kt_require_flags(LANDSCOPE_RESTRICT_ALL_THREADS);
	kt_expect(threads_child, *state, 0);
}

static void restrict_all_threads_without_tsync(void **state)
{
	kt_require_fs(FS(READ_FILE));
	if (kt_feat.restrict_flags & LANDSCOPE_RESTRICT_ALL_THREADS) {
		printf("# SKIP: the kernel has TSYNC, nothing to fall back "
		       "from\n");
		skip();
	}
	kt_expect(threads_child, *state, 0);
}

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		KT_CASE("restrict_sets_no_new_privs",
			restrict_sets_no_new_privs, NULL),
		KT_CASE("restrict_no_new_privs_kernel_flag",
			restrict_no_new_privs_kernel_flag, NULL),
		KT_CASE("restrict_refused_leaves_no_new_privs",
			restrict_refused_leaves_no_new_privs, NULL),
		KT_CASE("restrict_layer_limit_e2big",
			restrict_layer_limit_e2big, NULL),
		KT_CASE("restrict_hard_missing_feature_eopnotsupp_untouched",
			run_missing_case, &hard_missing),
		KT_CASE("restrict_soft_missing_feature_not_enforced",
			run_missing_case, &soft_missing),
		KT_CASE("restrict_best_effort_missing_feature_partial",
			run_missing_case, &best_missing),
		KT_CASE("restrict_dry_run_untouched",
			restrict_dry_run_untouched, NULL),
		KT_CASE("restrict_empty_policy_enomsg",
			restrict_empty_policy_enomsg, NULL),
		KT_CASE("restrict_twice_stacks", restrict_twice_stacks, NULL),
		KT_CASE("restrict_keep_privs_with_cap",
			restrict_keep_privs_with_cap, NULL),
		KT_CASE("restrict_keep_privs_without_cap_eperm",
			restrict_keep_privs_without_cap_eperm, NULL),
		KT_CASE("restrict_all_threads_tsync",
			restrict_all_threads_tsync, &tsync),
		KT_CASE("restrict_all_threads_best_effort_calling_thread_only",
			restrict_all_threads_without_tsync, &no_tsync_best),
		KT_CASE("restrict_all_threads_hard_without_tsync_eopnotsupp",
			restrict_all_threads_without_tsync, &no_tsync_hard),
	};

	return kt_main(argc, argv, "restrict", tests, KT_ARRAY_SIZE(tests));
}
