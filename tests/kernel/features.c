/* SPDX-License-Identifier: MIT */
/*
 * What the running kernel gives liblandscope, shown and checked end to end
 * through the public API.  The kernel matrix (tests/vm/) runs it on every
 * kernel and takes its "features enforced" column from the
 * LANDSCOPE-ENFORCED line.
 *
 * - The probe agrees with itself (landscope_abi_version() and
 *   landscope_features_get()) and with the expectation the matrix sets:
 *   LANDSCOPE_EXPECT_ABI=N (0: Landlock unavailable) and
 *   LANDSCOPE_EXPECT_PATCHED=1 or 0 (the companion scope bits).
 * - Best effort asked for everything the library knows: the report must say
 *   exactly what the kernel has was enforced and the rest dropped, and the
 *   restricted child must really be denied a directory read, a TCP bind and
 *   a signal to its parent wherever the report says those are enforced (and
 *   allowed where it says they were dropped).
 * - Hard requirement asked for everything must fail with -EOPNOTSUPP
 *   before touching the process (no_new_privs still unset) when the kernel
 *   lacks any of it; asked for exactly what the kernel has, it must succeed
 *   and be fully enforced.
 *
 * Each restriction happens in a forked child; output is TAP.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#include "child.h"
#include "tap.h"

#define NCAT 4

#define FLAGS_ALL                                \
	(LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF |  \
	 LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON |    \
	 LANDSCOPE_RESTRICT_LOG_SUBDOMAINS_OFF | \
	 LANDSCOPE_RESTRICT_ALL_THREADS)
#define FLAGS_LOG                               \
	(LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF | \
	 LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON |   \
	 LANDSCOPE_RESTRICT_LOG_SUBDOMAINS_OFF)

#define KT_COMPANION                                    \
	(LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND | \
	 LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND)

static const char *const cat_names[NCAT] = { "fs", "net", "scope", "flags" };

struct request {
	int level;
	uint64_t want[NCAT]; /* fs, net, scope, restrict flags */
};

struct result {
	int32_t rc; /* restrict_self */
	int32_t status; /* -1 without a report */
	int32_t abi;
	int32_t all_threads;
	int32_t nnp; /* no_new_privs() after the call */
	int32_t read_dir; /* 0 or errno of opening "/" */
	int32_t bind_tcp; /* 0 or errno of binding 127.0.0.1:0 */
	int32_t signal; /* 0 or errno of kill(parent, 0) */
	uint64_t requested[NCAT];
	uint64_t enforced[NCAT];
};

static int try_read_dir(void)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int try_bind_tcp(void)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = 0,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int fd, err = 0;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		err = errno;
	close(fd);
	return err;
}

/* In the child: restrict as @req_arg asks, and try the operations. */
static void child(const void *req_arg, void *res_arg)
{
	const struct request *req = req_arg;
	struct result *res = res_arg;
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *report = NULL;
	int c, rc;

	memset(res, 0, sizeof(*res));
	res->status = -1;
	rc = landscope_ruleset_new(&rs, 0);
	if (!rc)
		rc = landscope_ruleset_set_compat_level(rs, req->level, 0);
	if (!rc && req->want[0])
		rc = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
						   req->want[0]);
	if (!rc && req->want[1])
		rc = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
						   req->want[1]);
	if (!rc && req->want[2])
		rc = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_SCOPE,
						   req->want[2]);
	if (!rc)
		rc = landscope_ruleset_restrict_self(rs, req->want[3], &report);
	res->rc = rc;
	res->nnp = no_new_privs();
	if (report) {
		res->status = landscope_report_status(report);
		res->abi = landscope_report_abi(report);
		res->all_threads = landscope_report_all_threads(report);
		for (c = 0; c < NCAT; c++)
			landscope_report_category(report, c, &res->requested[c],
						  &res->enforced[c]);
		/* The human-readable report goes to the log. */
		landscope_report_print(report, stderr);
	}
	res->read_dir = try_read_dir();
	res->bind_tcp = try_bind_tcp();
	res->signal = kill(getppid(), 0) ? errno : 0;
	landscope_report_free(report);
	landscope_ruleset_free(rs);
}

static void print_bits(FILE *out, int cat, uint64_t mask)
{
	const char *sep = "";
	int b;

	if (!mask) {
		fputs("-", out);
		return;
	}
	for (b = 0; b < 64; b++) {
		const char *name;

		if (!(mask & (UINT64_C(1) << b)))
			continue;
		name = landscope_access_name(cat, UINT64_C(1) << b);
		if (name)
			fprintf(out, "%s%s", sep, name);
		else
			fprintf(out, "%sbit%d", sep, b);
		sep = ",";
	}
}

/*
 * The table's compact column: counts for rights, sandboxer letters for
 * scopes (a abstract, s signal, u pathname, A and U their inbound forms).
 */
static void print_summary(const struct result *res, bool available)
{
	static const char letters[] = "asuAU";
	char scopes[8] = "";
	int b, n = 0;

	if (!available || res->rc || res->status == LANDSCOPE_NOT_ENFORCED) {
		printf("# LANDSCOPE-ENFORCED none\n");
		return;
	}
	for (b = 0; b < 5; b++)
		if (res->enforced[2] & (UINT64_C(1) << b))
			scopes[n++] = letters[b];
	printf("# LANDSCOPE-ENFORCED fs %d/%d, net %d/%d, scopes %s%s%s\n",
	       __builtin_popcountll(res->enforced[0]),
	       __builtin_popcountll(res->requested[0]),
	       __builtin_popcountll(res->enforced[1]),
	       __builtin_popcountll(res->requested[1]), n ? scopes : "-",
	       res->enforced[3] & FLAGS_LOG ? ", log flags" : "",
	       res->enforced[3] & LANDSCOPE_RESTRICT_ALL_THREADS ? ", tsync"
								 : "");
}

static const char *errname(int err)
{
	return err ? errno_name(err) : "allowed";
}

/* A refused restriction must leave every operation allowed. */
static void check_untouched(const char *what, const struct result *res)
{
	tap_check(!res->read_dir && !res->bind_tcp && !res->signal,
		  "%s: process untouched (read /: %s, bind: %s, signal: %s)",
		  what, errname(res->read_dir), errname(res->bind_tcp),
		  errname(res->signal));
}

/* The real operations must agree with what the report claims. */
static void check_probes(const char *what, const struct result *res)
{
	int want;

	want = res->enforced[0] & LANDSCOPE_ACCESS_FS_READ_DIR ? EACCES : 0;
	tap_check(res->read_dir == want, "%s: reading / is %s (want %s)", what,
		  errname(res->read_dir), errname(want));
	want = res->enforced[1] & LANDSCOPE_ACCESS_NET_BIND_TCP ? EACCES : 0;
	tap_check(res->bind_tcp == want,
		  "%s: binding 127.0.0.1:0 is %s (want %s)", what,
		  errname(res->bind_tcp), errname(want));
	want = res->enforced[2] & LANDSCOPE_SCOPE_SIGNAL ? EPERM : 0;
	tap_check(res->signal == want,
		  "%s: signalling the parent is %s (want %s)", what,
		  errname(res->signal), errname(want));
}

int main(void)
{
	LANDSCOPE_INIT(landscope_features, f);
	struct request req;
	struct result res;
	uint64_t have[NCAT];
	bool available, everything;
	int c, rc, v, expect_abi, expect_patched;
	int nnp_before = no_new_privs();

	tap_init();
	alarm(60);

	rc = landscope_features_get(&f);
	if (!tap_check(rc == 0, "landscope_features_get: %d", rc))
		return tap_done();
	available = f.unavailable == 0;
	printf("# LANDSCOPE-FEATURES abi=%d kernel_abi=%d unavailable=%d "
	       "fs=%#llx net=%#llx scoped=%#llx restrict_flags=%#x "
	       "errata=%#llx\n",
	       f.abi, f.kernel_abi, f.unavailable,
	       (unsigned long long)f.access_fs,
	       (unsigned long long)f.access_net, (unsigned long long)f.scoped,
	       f.restrict_flags, (unsigned long long)f.errata);
	have[0] = f.access_fs & LANDSCOPE_ACCESS_FS_ALL;
	have[1] = f.access_net & LANDSCOPE_ACCESS_NET_ALL;
	have[2] = f.scoped & LANDSCOPE_SCOPE_ALL;
	have[3] = f.restrict_flags & FLAGS_ALL;
	/*
	 * Without the companion's outbound pathname bit, ABI 9's
	 * RESOLVE_UNIX handled with no rule granting it is the same
	 * restriction, and the library enforces the scope that way.
	 */
	if (have[0] & LANDSCOPE_ACCESS_FS_RESOLVE_UNIX)
		have[2] |= LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET;

	v = landscope_abi_version();
	if (available) {
		tap_check(f.abi >= 1 && v == f.abi,
			  "landscope_abi_version() %d matches the probe's %d",
			  v, f.abi);
	} else {
		tap_check(f.unavailable == -ENOSYS ||
				  f.unavailable == -EOPNOTSUPP,
			  "unavailable is -ENOSYS or -EOPNOTSUPP (got %d)",
			  f.unavailable);
		tap_check(v == f.unavailable && f.abi == 0,
			  "landscope_abi_version() %d says why (%d)", v,
			  f.unavailable);
		tap_check(!have[0] && !have[1] && !have[2] && !have[3],
			  "nothing supported without Landlock");
	}

	expect_abi = env_int("LANDSCOPE_EXPECT_ABI", -1);
	if (expect_abi == 0)
		tap_check(!available,
			  "Landlock expected unavailable: "
			  "unavailable %d",
			  f.unavailable);
	else if (expect_abi > 0)
		tap_check(available && f.abi == expect_abi,
			  "ABI %d expected: got %d", expect_abi, f.abi);
	else if (expect_abi != -1)
		tap_check(false, "LANDSCOPE_EXPECT_ABI is not a number");

	/*
	 * The companion series always brings the two inbound bits; the
	 * outbound pathname bit only on a base without RESOLVE_UNIX (6.12).
	 */
	expect_patched = env_int("LANDSCOPE_EXPECT_PATCHED", -1);
	if (expect_patched == 1)
		tap_check((have[2] & KT_COMPANION) == KT_COMPANION &&
				  have[2] &
					  LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET,
			  "companion scope bits expected and present "
			  "(scoped %#llx)",
			  (unsigned long long)f.scoped);
	else if (expect_patched == 0)
		tap_check(!(f.scoped & (KT_COMPANION |
					LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET)),
			  "companion scope bits expected absent and absent");

	/* Best effort, everything the library knows. */
	memset(&req, 0, sizeof(req));
	req.level = LANDSCOPE_COMPAT_BEST_EFFORT;
	req.want[0] = LANDSCOPE_ACCESS_FS_ALL;
	req.want[1] = LANDSCOPE_ACCESS_NET_ALL;
	req.want[2] = LANDSCOPE_SCOPE_ALL;
	req.want[3] = FLAGS_ALL;
	everything = true;
	for (c = 0; c < NCAT; c++)
		if ((req.want[c] & have[c]) != req.want[c])
			everything = false;

	if (tap_check(child_run(child, &req, &res, sizeof(res)),
		      "best effort: child ran")) {
		tap_check(res.rc == 0, "best effort: restrict_self 0 (got %d)",
			  res.rc);
		tap_check(res.status ==
				  (!available	? LANDSCOPE_NOT_ENFORCED
				   : everything ? LANDSCOPE_FULLY_ENFORCED
						: LANDSCOPE_PARTIALLY_ENFORCED),
			  "best effort: status %d fits the kernel", res.status);
		tap_check(res.abi == f.abi,
			  "best effort: report ABI %d "
			  "(want %d)",
			  res.abi, f.abi);
		for (c = 0; c < NCAT; c++) {
			uint64_t want = req.want[c] & have[c];

			/*
			 * ABI 1 always denies refer, which the kernel does
			 * not list: best effort enforces it, stricter than
			 * asked (LANDSCOPE_COMPAT_REFER_SKIP_ON_ABI1).
			 */
			if (c == LANDSCOPE_CATEGORY_FS && f.abi == 1)
				want |= req.want[c] & LANDSCOPE_ACCESS_FS_REFER;
			tap_check(res.requested[c] == req.want[c],
				  "best effort: %s requested %#llx as asked",
				  cat_names[c],
				  (unsigned long long)res.requested[c]);
			tap_check(res.enforced[c] == want,
				  "best effort: %s enforced %#llx == asked "
				  "& supported %#llx",
				  cat_names[c],
				  (unsigned long long)res.enforced[c],
				  (unsigned long long)want);
			printf("# %s enforced: ", cat_names[c]);
			print_bits(stdout, c, res.enforced[c]);
			printf("\n# %s dropped: ", cat_names[c]);
			print_bits(stdout, c,
				   res.requested[c] & ~res.enforced[c]);
			printf("\n");
		}
		tap_check(res.all_threads == !!(res.enforced[3] &
						LANDSCOPE_RESTRICT_ALL_THREADS),
			  "best effort: all_threads %d agrees with the flags",
			  res.all_threads);
		check_probes("best effort", &res);
		print_summary(&res, available);
	}

	/* Hard requirement, everything: refused up front unless all there. */
	req.level = LANDSCOPE_COMPAT_HARD_REQUIREMENT;
	if (tap_check(child_run(child, &req, &res, sizeof(res)),
		      "hard, everything: child ran")) {
		tap_check(res.rc == (everything ? 0 : -EOPNOTSUPP),
			  "hard, everything: restrict_self %d (want %d)",
			  res.rc, everything ? 0 : -EOPNOTSUPP);
		if (res.rc && nnp_before == 0)
			tap_check(res.nnp == 0, "hard, everything: refused "
						"before setting no_new_privs");
		if (res.rc)
			check_untouched("hard, everything, refused", &res);
	}

	/* Hard requirement, exactly what the kernel has. */
	if (available) {
		for (c = 0; c < NCAT; c++)
			req.want[c] &= have[c];
	} else {
		memset(req.want, 0, sizeof(req.want));
		req.want[0] = LANDSCOPE_ACCESS_FS_READ_DIR;
	}
	if (tap_check(child_run(child, &req, &res, sizeof(res)),
		      "hard, supported: child ran")) {
		if (available) {
			tap_check(res.rc == 0 &&
					  res.status ==
						  LANDSCOPE_FULLY_ENFORCED,
				  "hard, supported: restrict_self %d, status "
				  "%d (want 0, fully enforced)",
				  res.rc, res.status);
			for (c = 0; c < NCAT; c++)
				tap_check(res.enforced[c] == req.want[c],
					  "hard, supported: %s enforced "
					  "%#llx (want %#llx)",
					  cat_names[c],
					  (unsigned long long)res.enforced[c],
					  (unsigned long long)req.want[c]);
		} else {
			tap_check(res.rc == -EOPNOTSUPP,
				  "hard without Landlock: restrict_self %d "
				  "(want -EOPNOTSUPP)",
				  res.rc);
		}
		if (res.rc)
			check_untouched("hard, supported, refused", &res);
		else
			check_probes("hard, supported", &res);
	}
	return tap_done();
}
