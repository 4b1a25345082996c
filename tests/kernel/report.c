/* SPDX-License-Identifier: MIT */
/*
 * Kernel suite, group "report": what the library says about this kernel
 * and about an enforcement must be true.  The library's probe is checked
 * against our own raw probe, the best-effort report against
 * landscope_features_get(), and the report's "enforced" bits against what
 * the kernel actually denies.  With Landlock unavailable
 * (LANDSCOPE_EXPECT_ABI=0), best effort must report NOT_ENFORCED and hard
 * mode must fail with EOPNOTSUPP.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/random.h>

#include "harness.h"

#define FS(x) LANDSCOPE_ACCESS_FS_##x
#define NET(x) LANDSCOPE_ACCESS_NET_##x
#define SCOPE(x) LANDSCOPE_SCOPE_##x
#define LOG_FLAGS                               \
	(LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF | \
	 LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON |   \
	 LANDSCOPE_RESTRICT_LOG_SUBDOMAINS_OFF)

#define assert_u64_equal(a, b) \
	assert_int_equal((unsigned long long)(a), (unsigned long long)(b))

static void report_expected_abi(void **state)
{
	int abi = landscope_abi_version();

	(void)state;
	if (kt_expect_abi < 0 && !kt_expect_patched) {
		printf("# no LANDSCOPE_EXPECT_ABI or LANDSCOPE_EXPECT_PATCHED "
		       "set: nothing to compare (library ABI %d)\n",
		       abi);
		return;
	}
	if (kt_expect_abi == 0 && abi >= 0)
		fail_msg("LANDSCOPE_EXPECT_ABI=0 but landscope_abi_version() "
			 "= %d",
			 abi);
	if (kt_expect_abi > 0 && abi < kt_expect_abi)
		fail_msg("LANDSCOPE_EXPECT_ABI=%d but landscope_abi_version() "
			 "= %d",
			 kt_expect_abi, abi);
	/* No outbound pathname bit where RESOLVE_UNIX does its work (7.3). */
	if (kt_expect_patched &&
	    (kt_feat.scoped & KT_SCOPE_PATCHED) != KT_SCOPE_PATCHED &&
	    ((kt_feat.scoped & KT_SCOPE_INBOUND) != KT_SCOPE_INBOUND ||
	     !(kt_feat.access_fs & FS(RESOLVE_UNIX))))
		fail_msg("LANDSCOPE_EXPECT_PATCHED=1 but the library sees "
			 "scopes %#llx",
			 (unsigned long long)kt_feat.scoped);
}

static void report_features_match_kernel(void **state)
{
	const struct kt_kernel *k = &kt_kernel;
	uint64_t scoped = k->scoped, extra;
	int abi = landscope_abi_version();

	(void)state;
	/* landscope_abi_version() is the features' ABI, or why not. */
	if (kt_feat.abi > 0) {
		assert_int_equal(abi, kt_feat.abi);
		assert_int_equal(kt_feat.unavailable, 0);
		assert_true(kt_feat.kernel_abi >= kt_feat.abi);
	} else {
		assert_int_equal(abi, kt_feat.unavailable);
		assert_true(abi == -EOPNOTSUPP || abi == -ENOSYS);
		assert_u64_equal(kt_feat.access_fs | kt_feat.access_net |
					 kt_feat.scoped,
				 0);
	}
	if (kt_simulated) {
		/* Simulation only ever takes away. */
		assert_true(kt_feat.abi <= (k->abi > 0 ? k->abi : 0));
		assert_u64_equal(kt_feat.access_fs & ~k->access_fs, 0);
		assert_u64_equal(kt_feat.access_net & ~k->access_net, 0);
		return;
	}
	if (k->abi < 0) {
		assert_int_equal(kt_feat.unavailable, k->abi);
		assert_int_equal(kt_feat.abi, 0);
		return;
	}
	assert_int_equal(kt_feat.kernel_abi, k->abi);
	assert_int_equal(kt_feat.abi, k->abi < LANDSCOPE_ABI_LAST
					      ? k->abi
					      : LANDSCOPE_ABI_LAST);
	assert_u64_equal(kt_feat.errata, k->errata);
	assert_u64_equal(kt_feat.access_fs, k->access_fs);
	assert_u64_equal(kt_feat.access_net, k->access_net);
	/* Companion bits are not trusted above the library's newest ABI. */
	if (k->abi > LANDSCOPE_ABI_LAST)
		scoped &= ~KT_SCOPE_PATCHED;
	/* The pathname scope may be offered through RESOLVE_UNIX. */
	extra = kt_feat.scoped & ~scoped;
	if (extra == SCOPE(PATHNAME_UNIX_SOCKET) &&
	    (k->access_fs & FS(RESOLVE_UNIX)))
		scoped |= extra;
	assert_u64_equal(kt_feat.scoped, scoped);
	assert_int_equal(kt_feat.restrict_flags & LOG_FLAGS,
			 k->abi >= 7 ? LOG_FLAGS : 0);
	assert_int_equal(kt_feat.restrict_flags &
				 LANDSCOPE_RESTRICT_ALL_THREADS,
			 k->abi >= 8 ? LANDSCOPE_RESTRICT_ALL_THREADS : 0);
}

/* Everything requested, best effort: enforced == requested & supported. */
#define ALL_FLAGS \
	(LANDSCOPE_RESTRICT_ALL_THREADS | LANDSCOPE_RESTRICT_LOG_SUBDOMAINS_OFF)

static void check_category(const struct landscope_report *report, int cat,
			   uint64_t want_req, uint64_t want_enf,
			   uint64_t may_enf, bool *partial)
{
	uint64_t req = 0, enf = 0;

	kt_check(landscope_report_category(report, cat, &req, &enf));
	if (req != want_req)
		kt_die("category %d: requested %#llx, expected %#llx", cat,
		       (unsigned long long)req, (unsigned long long)want_req);
	if ((enf & ~may_enf) != want_enf)
		kt_die("category %d: enforced %#llx, expected %#llx", cat,
		       (unsigned long long)enf, (unsigned long long)want_enf);
	if (enf != req)
		*partial = true;
}

static int best_effort_child(void *arg)
{
	struct landscope_ruleset *rs = kt_ruleset(LANDSCOPE_COMPAT_BEST_EFFORT);
	struct landscope_report *report = NULL;
	uint64_t may_fs = 0, may_scope = 0, req = 0, enf = 0;
	bool partial = false;
	int r, status;

	(void)arg;
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       FS(ALL)));
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
					       NET(ALL)));
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_SCOPE,
					       SCOPE(ALL)));
	kt_check(landscope_ruleset_add_path(rs, kt_path("a"), FS(ALL), 0));
	r = landscope_ruleset_restrict_self(rs, ALL_FLAGS, &report);
	if (r || !report)
		kt_die("restrict_self() = %d (%s)", r, kt_strerr(-r));
	if (landscope_report_abi(report) != kt_feat.abi)
		kt_die("report ABI %d, features ABI %d",
		       landscope_report_abi(report), (int)kt_feat.abi);
	/* ABI 1 cannot allow REFER, and denies it anyway (stricter). */
	if (kt_feat.abi == 1)
		may_fs = FS(REFER);
	/* The pathname scope may be enforced through RESOLVE_UNIX. */
	if (kt_feat.access_fs & FS(RESOLVE_UNIX))
		may_scope = SCOPE(PATHNAME_UNIX_SOCKET);
	check_category(report, LANDSCOPE_CATEGORY_FS, FS(ALL),
		       FS(ALL) & kt_feat.access_fs & ~may_fs, may_fs, &partial);
	check_category(report, LANDSCOPE_CATEGORY_NET, NET(ALL),
		       NET(ALL) & kt_feat.access_net, 0, &partial);
	check_category(report, LANDSCOPE_CATEGORY_SCOPE, SCOPE(ALL),
		       SCOPE(ALL) & kt_feat.scoped & ~may_scope, may_scope,
		       &partial);
	check_category(report, LANDSCOPE_CATEGORY_FLAGS, ALL_FLAGS,
		       ALL_FLAGS & kt_feat.restrict_flags, 0, &partial);
	kt_check(landscope_report_category(report, LANDSCOPE_CATEGORY_FLAGS,
					   &req, &enf));
	if (landscope_report_all_threads(report) !=
	    !!(enf & LANDSCOPE_RESTRICT_ALL_THREADS))
		kt_die("report_all_threads() = %d, flags enforced %#llx",
		       landscope_report_all_threads(report),
		       (unsigned long long)enf);
	status = landscope_report_status(report);
	if (status != (partial ? LANDSCOPE_PARTIALLY_ENFORCED
			       : LANDSCOPE_FULLY_ENFORCED)) {
		landscope_report_print(report, stderr);
		kt_die("report status %d, expected %s", status,
		       partial ? "partially" : "fully");
	}
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	return 0;
}

static void report_best_effort_matches_features(void **state)
{
	(void)state;
	kt_require_landlock();
	kt_expect(best_effort_child, NULL, 0);
}

/*
 * The report's enforced bits against reality: each operation must be
 * denied exactly when the report says its right or scope was enforced.
 * Most telling under LANDSCOPE_SIMULATE_ABI, where rights are dropped.
 */
static uint16_t real_port;
static struct sockaddr_un real_addr;
static socklen_t real_len;

static int expect_if(bool enforced, int got, int denied, const char *what)
{
	int want = enforced ? denied : 0;

	if (got != want)
		kt_die("%s: got %s, expected %s (report says %s)", what,
		       kt_strerr(got), kt_strerr(want),
		       enforced ? "enforced" : "dropped");
	return 0;
}

static int real_child(void *arg)
{
	struct landscope_ruleset *rs = kt_ruleset(LANDSCOPE_COMPAT_BEST_EFFORT);
	struct landscope_report *report = NULL;
	uint64_t fs = 0, net = 0, scope = 0;
	struct sockaddr_in sin;
	int r, fd, s, one = 1, count;

	(void)arg;
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       FS(READ_FILE) | FS(TRUNCATE) |
						       FS(IOCTL_DEV)));
	kt_check(
		landscope_ruleset_add_path(rs, kt_path("a"), FS(READ_FILE), 0));
	kt_check(landscope_ruleset_add_path(rs, "/dev/urandom", FS(READ_FILE),
					    0));
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
					       NET(BIND_TCP)));
	kt_check(landscope_ruleset_add_port(rs, kt_other_port(real_port),
					    NET(BIND_TCP), 0));
	kt_check(landscope_ruleset_add_handled(
		rs, LANDSCOPE_CATEGORY_SCOPE,
		SCOPE(SIGNAL) | SCOPE(ABSTRACT_UNIX_SOCKET)));
	r = landscope_ruleset_restrict_self(rs, 0, &report);
	if (r || !report)
		kt_die("restrict_self() = %d (%s)", r, kt_strerr(-r));
	kt_check(landscope_report_category(report, LANDSCOPE_CATEGORY_FS, NULL,
					   &fs));
	kt_check(landscope_report_category(report, LANDSCOPE_CATEGORY_NET, NULL,
					   &net));
	kt_check(landscope_report_category(report, LANDSCOPE_CATEGORY_SCOPE,
					   NULL, &scope));
	landscope_report_free(report);
	landscope_ruleset_free(rs);

	expect_if(fs & FS(READ_FILE), kt_try_open(kt_path("b/f"), O_RDONLY),
		  EACCES, "read b/f");
	expect_if(fs & FS(TRUNCATE), kt_errno(truncate(kt_path("b/f"), 0)),
		  EACCES, "truncate b/f");
	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		kt_die("open /dev/urandom: %s", strerror(errno));
	expect_if(fs & FS(IOCTL_DEV), kt_errno(ioctl(fd, RNDGETENTCNT, &count)),
		  EACCES, "ioctl /dev/urandom");
	close(fd);

	s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		kt_die("socket: %s", strerror(errno));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(real_port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	expect_if(net & NET(BIND_TCP),
		  kt_errno(bind(s, (struct sockaddr *)&sin, sizeof(sin))),
		  EACCES, "bind tcp");
	close(s);

	expect_if(scope & SCOPE(SIGNAL), kt_errno(kill(getppid(), 0)), EPERM,
		  "signal the parent");
	expect_if(scope & SCOPE(ABSTRACT_UNIX_SOCKET),
		  kt_unix_connect(SOCK_STREAM, &real_addr, real_len), EPERM,
		  "connect to the parent's abstract socket");
	return 0;
}

static void report_enforced_bits_match_reality(void **state)
{
	int port_fd, unix_fd, r;

	(void)state;
	kt_require_landlock();
	port_fd = kt_inet_socket(SOCK_STREAM, false, &real_port);
	real_len = kt_abstract_addr(&real_addr);
	unix_fd = kt_unix_server(SOCK_STREAM, &real_addr, real_len);
	if (unix_fd < 0) {
		close(port_fd);
		fail_msg("abstract listener: %s", kt_strerr(-unix_fd));
	}
	r = kt_run(real_child, NULL);
	close(port_fd);
	close(unix_fd);
	kt_expect_errno(r, 0, "real_child");
}

/* Per-rule outcomes. */
struct want_rule {
	int type;
	uint32_t outcome;
	const char *path; /* relative to the root, NULL if none */
	uint64_t port;
	uint64_t requested;
	uint64_t enforced;
	int error;
	uint32_t may; /* outcome bits accepted either way */
};

static void check_rule(const struct landscope_report *report, unsigned int i,
		       const struct want_rule *w)
{
	struct landscope_rule_info info;

	memset(&info, 0, sizeof(info));
	info.sz = sizeof(info);
	kt_check(landscope_report_rule(report, i, &info));
	if (info.type != w->type ||
	    (info.outcome & ~w->may) != (w->outcome & ~w->may) ||
	    info.requested != w->requested || info.enforced != w->enforced ||
	    info.error != w->error || info.port != w->port)
		kt_die("rule %u: type %d outcome %#x requested %#llx "
		       "enforced %#llx error %d port %llu; expected type %d "
		       "outcome %#x requested %#llx enforced %#llx error %d "
		       "port %llu",
		       i, (int)info.type, (unsigned int)info.outcome,
		       (unsigned long long)info.requested,
		       (unsigned long long)info.enforced, (int)info.error,
		       (unsigned long long)info.port, w->type,
		       (unsigned int)w->outcome,
		       (unsigned long long)w->requested,
		       (unsigned long long)w->enforced, w->error,
		       (unsigned long long)w->port);
	if (!w->path != !info.path ||
	    (w->path && strcmp(info.path, kt_path(w->path))))
		kt_die("rule %u: path %s, expected %s", i,
		       info.path ? info.path : "(null)",
		       w->path ? kt_path(w->path) : "(null)");
}

static int rules_child(void *arg)
{
	const uint64_t handled = FS(READ_FILE) | FS(READ_DIR) |
				 FS(RESOLVE_UNIX);
	const uint64_t rx = FS(READ_FILE) | FS(READ_DIR);
	struct landscope_ruleset *rs = kt_ruleset(LANDSCOPE_COMPAT_BEST_EFFORT);
	struct landscope_report *report = NULL;
	struct landscope_rule_info info;
	const uint32_t applied = LANDSCOPE_OUTCOME_APPLIED;
	uint64_t ru = kt_feat.access_fs & FS(RESOLVE_UNIX);
	/*
	 * A right both unhandled and unsupported may be reported as either
	 * or both.
	 */
	uint32_t both = LANDSCOPE_OUTCOME_DROPPED_UNHANDLED |
			LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED;
	struct want_rule want[] = {
		{ LANDSCOPE_RULE_TYPE_PATH_BENEATH, applied, "a", 0, rx, rx,
		  0 },
		{ LANDSCOPE_RULE_TYPE_PATH_BENEATH,
		  applied | LANDSCOPE_OUTCOME_MASKED_FILE, "a/f", 0, rx,
		  FS(READ_FILE), 0 },
		{ LANDSCOPE_RULE_TYPE_PATH_BENEATH,
		  LANDSCOPE_OUTCOME_SKIPPED_MISSING, "a/missing", 0,
		  FS(READ_FILE), 0, -ENOENT },
		{ LANDSCOPE_RULE_TYPE_PATH_BENEATH,
		  applied | LANDSCOPE_OUTCOME_DROPPED_UNHANDLED, "b", 0,
		  FS(READ_FILE) | FS(WRITE_FILE), FS(READ_FILE), 0 },
		{ LANDSCOPE_RULE_TYPE_NET_PORT,
		  LANDSCOPE_OUTCOME_DROPPED_UNHANDLED, NULL, 8080,
		  NET(BIND_TCP), 0, 0,
		  kt_feat.access_net & NET(BIND_TCP) ? 0 : both },
		{ LANDSCOPE_RULE_TYPE_PATH_BENEATH,
		  applied | (ru ? 0 : LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED),
		  "b/sub", 0, FS(READ_FILE) | FS(RESOLVE_UNIX),
		  FS(READ_FILE) | ru, 0, ru ? 0 : both },
	};
	unsigned int i;
	int r;

	(void)arg;
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       handled));
	kt_check(landscope_ruleset_add_path(rs, kt_path("a"), rx, 0));
	kt_check(landscope_ruleset_add_path(rs, kt_path("a/f"), rx, 0));
	kt_check(landscope_ruleset_add_path(rs, kt_path("a/missing"),
					    FS(READ_FILE),
					    LANDSCOPE_ADD_RULE_IGNORE_MISSING));
	kt_check(landscope_ruleset_add_path(rs, kt_path("b"),
					    FS(READ_FILE) | FS(WRITE_FILE), 0));
	kt_check(landscope_ruleset_add_port(rs, 8080, NET(BIND_TCP), 0));
	kt_check(landscope_ruleset_add_path(
		rs, kt_path("b/sub"), FS(READ_FILE) | FS(RESOLVE_UNIX), 0));
	r = landscope_ruleset_restrict_self(rs, 0, &report);
	if (r || !report)
		kt_die("restrict_self() = %d (%s)", r, kt_strerr(-r));
	r = landscope_report_rule_count(report);
	if (r != (int)KT_ARRAY_SIZE(want))
		kt_die("rule count %d, expected %zu", r, KT_ARRAY_SIZE(want));
	for (i = 0; i < KT_ARRAY_SIZE(want); i++)
		check_rule(report, i, &want[i]);
	memset(&info, 0, sizeof(info));
	info.sz = sizeof(info);
	r = landscope_report_rule(report, KT_ARRAY_SIZE(want), &info);
	if (r != -ERANGE)
		kt_die("rule past the last: %d, expected -ERANGE", r);
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	/* And the rules work: a/ and b/ readable, but not listable b/. */
	if (kt_try_open(kt_path("b/f"), O_RDONLY))
		kt_die("b/f not readable");
	return kt_try_open(kt_path("b"), O_RDONLY | O_DIRECTORY);
}

static void report_rule_outcomes(void **state)
{
	(void)state;
	kt_require_fs(FS(READ_FILE) | FS(READ_DIR));
	kt_expect(rules_child, NULL, EACCES);
}

/* In a child: the report as landscope_report_print() writes it (malloc'd). */
static char *report_text(const struct landscope_report *report)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int r;

	if (!f)
		kt_die("open_memstream: %s", strerror(errno));
	r = landscope_report_print(report, f);
	fclose(f);
	if (r)
		kt_die("report_print() = %d", r);
	return buf;
}

static int print_child(void *arg)
{
	struct landscope_ruleset *rs = kt_ruleset(LANDSCOPE_COMPAT_BEST_EFFORT);
	struct landscope_report *report = NULL;
	char *buf;

	(void)arg;
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       FS(READ_FILE)));
	kt_check(
		landscope_ruleset_add_path(rs, kt_path("a"), FS(READ_FILE), 0));
	kt_check(landscope_ruleset_restrict_self(rs, 0, &report));
	buf = report_text(report);
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	if (!*buf || !strstr(buf, "read_file"))
		kt_die("report text does not name read_file:\n%s", buf);
	free(buf);
	return 0;
}

static void report_print_names_rights(void **state)
{
	(void)state;
	kt_require_fs(FS(READ_FILE));
	kt_expect(print_child, NULL, 0);
}

/*
 * Without the companion's pathname bit, the pathname scope is enforced as
 * RESOLVE_UNIX handled with no rule (ABI 9): the report says so, and a
 * socket made outside the domain is EACCES, not EPERM.
 */
static struct sockaddr_un scope_addr;
static socklen_t scope_len;

static int resolve_scope_child(void *arg)
{
	struct landscope_ruleset *rs = kt_ruleset(LANDSCOPE_COMPAT_BEST_EFFORT);
	struct landscope_report *report = NULL;
	uint64_t req = 0, enf = 0, fs_req = 0, fs_enf = 0;
	char *buf;

	(void)arg;
	kt_check(landscope_ruleset_add_handled(
		rs, LANDSCOPE_CATEGORY_SCOPE,
		LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET));
	kt_check(landscope_ruleset_restrict_self(rs, 0, &report));
	kt_check(landscope_report_category(report, LANDSCOPE_CATEGORY_SCOPE,
					   &req, &enf));
	kt_check(landscope_report_category(report, LANDSCOPE_CATEGORY_FS,
					   &fs_req, &fs_enf));
	if (enf != LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET ||
	    landscope_report_status(report) != LANDSCOPE_FULLY_ENFORCED)
		kt_die("scope enforced %#llx, status %d",
		       (unsigned long long)enf,
		       landscope_report_status(report));
	if (fs_req)
		kt_die("fs requested %#llx: the fallback is not the caller's",
		       (unsigned long long)fs_req);
	buf = report_text(report);
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	if (!strstr(buf, "pathname_unix_socket scope enforced as fs "
			 "resolve_unix"))
		kt_die("report does not name the fallback:\n%s", buf);
	free(buf);
	return kt_unix_connect(SOCK_STREAM, &scope_addr, scope_len);
}

static void report_pathname_scope_through_resolve_unix(void **state)
{
	int s, got;

	(void)state;
	kt_require_landlock();
	if (kt_feat.scoped & LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET) {
		printf("# SKIP: the kernel has the companion's pathname scope "
		       "bit: nothing to fall back from\n");
		skip();
	}
	kt_require_fs(LANDSCOPE_ACCESS_FS_RESOLVE_UNIX);
	scope_len = kt_pathname_addr(&scope_addr, kt_path("a/s"));
	s = kt_unix_server(SOCK_STREAM, &scope_addr, scope_len);
	if (s < 0)
		fail_msg("unix server: %s", kt_strerr(-s));
	got = kt_run(resolve_scope_child, NULL);
	close(s);
	kt_expect_errno(got, EACCES, "connect to a/s");
}

/* Landlock unavailable (disabled at boot, or not built). */
static void require_unavailable(void)
{
	if (kt_feat.abi > 0 && kt_expect_abi != 0) {
		printf("# SKIP: Landlock is available (ABI %d)\n",
		       (int)kt_feat.abi);
		skip();
	}
}

static void report_unavailable_abi_version(void **state)
{
	int abi = landscope_abi_version();

	(void)state;
	require_unavailable();
	if (abi != -EOPNOTSUPP && abi != -ENOSYS)
		fail_msg("landscope_abi_version() = %d, expected -EOPNOTSUPP "
			 "or -ENOSYS",
			 abi);
	assert_int_equal(abi, kt_feat.unavailable);
	assert_int_equal(kt_feat.abi, 0);
}

struct unavail_case {
	int level;
	int expect_ret;
};

static int unavailable_child(void *arg)
{
	const struct unavail_case *c = arg;
	struct landscope_ruleset *rs = kt_ruleset(c->level);
	struct landscope_report *report = NULL;
	int r;

	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       FS(READ_FILE)));
	kt_check(
		landscope_ruleset_add_path(rs, kt_path("a"), FS(READ_FILE), 0));
	r = landscope_ruleset_restrict_self(rs, 0, &report);
	if (r != c->expect_ret)
		kt_die("restrict_self() = %d (%s), expected %d", r,
		       kt_strerr(-r), c->expect_ret);
	if (!r) {
		if (landscope_report_status(report) != LANDSCOPE_NOT_ENFORCED)
			kt_die("report status %d, expected NOT_ENFORCED",
			       landscope_report_status(report));
		if (landscope_report_abi(report) != 0)
			kt_die("report ABI %d, expected 0",
			       landscope_report_abi(report));
	}
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	/* Not restricted at all. */
	return kt_try_open(kt_path("b/f"), O_RDONLY);
}

static void report_unavailable_case(void **state)
{
	require_unavailable();
	kt_expect(unavailable_child, *state, 0);
}

static const struct unavail_case unavail_best = {
	.level = LANDSCOPE_COMPAT_BEST_EFFORT,
};
static const struct unavail_case unavail_soft = {
	.level = LANDSCOPE_COMPAT_SOFT_REQUIREMENT,
};
static const struct unavail_case unavail_hard = {
	.level = LANDSCOPE_COMPAT_HARD_REQUIREMENT,
	.expect_ret = -EOPNOTSUPP,
};

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		KT_CASE("report_expected_abi", report_expected_abi, NULL),
		KT_CASE("report_features_match_kernel",
			report_features_match_kernel, NULL),
		KT_CASE("report_best_effort_matches_features",
			report_best_effort_matches_features, NULL),
		KT_CASE("report_enforced_bits_match_reality",
			report_enforced_bits_match_reality, NULL),
		KT_CASE("report_rule_outcomes", report_rule_outcomes, NULL),
		KT_CASE("report_pathname_scope_through_resolve_unix",
			report_pathname_scope_through_resolve_unix, NULL),
		KT_CASE("report_print_names_rights", report_print_names_rights,
			NULL),
		KT_CASE("report_unavailable_abi_version",
			report_unavailable_abi_version, NULL),
		KT_CASE("report_unavailable_best_effort_not_enforced",
			report_unavailable_case, &unavail_best),
		KT_CASE("report_unavailable_soft_not_enforced",
			report_unavailable_case, &unavail_soft),
		KT_CASE("report_unavailable_hard_eopnotsupp",
			report_unavailable_case, &unavail_hard),
	};

	return kt_main(argc, argv, "report", tests, KT_ARRAY_SIZE(tests));
}
