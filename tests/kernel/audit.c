/* SPDX-License-Identifier: MIT */
/*
 * Kernel suite, group "audit": what Landlock writes to the audit log,
 * read back from the kernel log (/dev/kmsg).  Booted with audit=1 and no
 * audit daemon, the kernel prints every audit record there
 * (tests/vm/matrix.sh boots the 7.x guests so, and lifts the printk rate
 * limit).
 *
 * The denial is of WRITE_FILE, which neither exec nor the loader needs.
 * It is logged (type 1423, AUDIT_LANDLOCK_ACCESS, naming the
 * blocker and the path, and type 1424, AUDIT_LANDLOCK_DOMAIN, for the
 * same domain); LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF and a quiet rule
 * (ABI 10) each silence it; after an exec, a denial is logged only with
 * LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON.  The kernel's audit queue is FIFO:
 * a case that expects silence denies a second, logged access afterwards
 * (the marker) and checks that nothing about the first came before it.
 *
 * The cases run only where LANDSCOPE_EXPECT_AUDIT=1 says the kernel was
 * booted to print the records; elsewhere they skip, saying so.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define FS(x) LANDSCOPE_ACCESS_FS_##x
#define KMSG_WAIT_MS 5000

struct audit_case {
	unsigned int flags; /* restrict flags */
	bool quiet_rule; /* b/ carries a quiet rule (ABI 10) */
	bool exec; /* the denial happens after an exec */
	bool logged; /* a record of the denial is expected */
};

/* The kernel log from now on, or -1 and a reason. */
static int kmsg_open(const char **why)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		*why = strerror(errno);
		return -1;
	}
	if (lseek(fd, 0, SEEK_END) < 0) {
		*why = strerror(errno);
		close(fd);
		return -1;
	}
	return fd;
}

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * Read records until one of type @type mentions @needle (copied to @line),
 * or until KMSG_WAIT_MS: true if found.  Every Landlock access record
 * seen on the way that mentions @forbidden fails the case.
 */
static bool kmsg_wait(int fd, const char *type, const char *needle,
		      const char *forbidden, char *line, size_t size)
{
	struct timespec t0;
	char buf[8192];
	ssize_t n;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		long left = KMSG_WAIT_MS - elapsed_ms(&t0);
		struct pollfd pfd = { fd, POLLIN, 0 };

		n = read(fd, buf, sizeof(buf) - 1);
		if (n < 0 && errno == EPIPE)
			continue; /* overwritten records: read on */
		if (n < 0 && errno != EAGAIN)
			fail_msg("read /dev/kmsg: %s", strerror(errno));
		if (n > 0) {
			buf[n] = '\0';
			if (forbidden && strstr(buf, "type=1423") &&
			    strstr(buf, forbidden))
				fail_msg("unexpected audit record: %s", buf);
			if (strstr(buf, type) && strstr(buf, needle)) {
				snprintf(line, size, "%s", buf);
				return true;
			}
			continue;
		}
		if (left <= 0)
			return false;
		poll(&pfd, 1, (int)left);
	}
}

/*
 * Skip unless the kernel was booted to print audit records: nothing in the
 * log itself tells a silenced denial from a kernel that logs nothing.
 */
static void require_audit(void)
{
	const char *expect = getenv("LANDSCOPE_EXPECT_AUDIT");
	const char *why = NULL;
	int fd;

	kt_require_flags(LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF);
	if (!expect || strcmp(expect, "1")) {
		printf("# SKIP: audit records are read from the kernel log of "
		       "a kernel booted with audit=1 and no audit daemon "
		       "(the matrix's 7.x guests set "
		       "LANDSCOPE_EXPECT_AUDIT=1)\n");
		skip();
	}
	fd = kmsg_open(&why);
	if (fd < 0)
		fail_msg("/dev/kmsg: %s, but LANDSCOPE_EXPECT_AUDIT=1", why);
	close(fd);
}

/* Run this binary again, restricted, to write @path: 0 or errno. */
static int exec_write(const char *path)
{
	char *const argv[] = { "kernel-audit", KT_EXEC_HELPER_ARG, "write",
			       (char *)path, NULL };

	return kt_exec_self(argv);
}

/* WRITE_FILE handled (and READ_DIR, for the quiet rule), granted on a/. */
static int denial_child(void *arg)
{
	const struct audit_case *c = arg;
	struct landscope_ruleset *rs =
		kt_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);

	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       FS(WRITE_FILE) | FS(READ_DIR)));
	kt_check(landscope_ruleset_add_path(rs, kt_path("a"), FS(WRITE_FILE),
					    0));
	if (c->quiet_rule) {
		kt_check(landscope_ruleset_add_quiet(rs, LANDSCOPE_CATEGORY_FS,
						     FS(WRITE_FILE) |
							     FS(READ_DIR)));
		kt_check(landscope_ruleset_add_path(rs, kt_path("b"),
						    FS(READ_DIR),
						    LANDSCOPE_ADD_RULE_QUIET));
	}
	kt_enforce(rs, c->flags);
	if (c->exec)
		return exec_write(kt_path("b/f"));
	return kt_try_open(kt_path("b/f"), O_WRONLY);
}

/* A denial that is always logged: writing a/f with nothing granted. */
static int marker_child(void *arg)
{
	struct landscope_ruleset *rs =
		kt_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);

	(void)arg;
	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					       FS(WRITE_FILE)));
	kt_enforce(rs, 0);
	return kt_try_open(kt_path("a/f"), O_WRONLY);
}

static void run_audit_case(void **state)
{
	const struct audit_case *c = *state;
	char denied[PATH_MAX + 16], marker[PATH_MAX + 16];
	char line[8192], domain[64] = "", *p;
	const char *why = NULL;
	int fd, got;

	require_audit();
	if (c->quiet_rule &&
	    !(kt_feat.add_rule_flags & LANDSCOPE_ADD_RULE_QUIET))
		kt_missing(10, false, "quiet rules need Landlock ABI 10");
	snprintf(denied, sizeof(denied), "path=\"%s\"", kt_path("b/f"));
	snprintf(marker, sizeof(marker), "path=\"%s\"", kt_path("a/f"));
	fd = kmsg_open(&why);
	if (fd < 0)
		fail_msg("/dev/kmsg: %s", why);

	got = kt_run(denial_child, (void *)c);
	if (got != EACCES) {
		close(fd);
		kt_expect_errno(got, EACCES, "write b/f");
	}
	if (c->logged) {
		if (!kmsg_wait(fd, "type=1423", denied, NULL, line,
			       sizeof(line))) {
			close(fd);
			fail_msg("no audit record for the denial of %s",
				 kt_path("b/f"));
		}
		if (!strstr(line, "blockers=fs.write_file")) {
			close(fd);
			fail_msg("record without blockers=fs.write_file: %s",
				 line);
		}
		p = strstr(line, "domain=");
		if (p)
			sscanf(p, "domain=%63[0-9a-f]", domain);
		if (!domain[0]) {
			close(fd);
			fail_msg("record without a domain: %s", line);
		}
		/* The domain's own record, for the same domain. */
		snprintf(marker, sizeof(marker), "domain=%s", domain);
		if (!kmsg_wait(fd, "type=1424", marker, NULL, line,
			       sizeof(line))) {
			close(fd);
			fail_msg("no domain record (1424) for domain %s",
				 domain);
		}
		close(fd);
		return;
	}
	/* Silence: the marker's record comes with nothing about b/f. */
	got = kt_run(marker_child, NULL);
	if (got != EACCES) {
		close(fd);
		kt_expect_errno(got, EACCES, "marker: write a/f");
	}
	if (!kmsg_wait(fd, "type=1423", marker, denied, line, sizeof(line))) {
		close(fd);
		fail_msg("no audit record for the marker denial of %s",
			 kt_path("a/f"));
	}
	close(fd);
}

static const struct audit_case logged = { .logged = true };
static const struct audit_case same_exec_off = {
	.flags = LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF,
};
static const struct audit_case quiet_rule = { .quiet_rule = true };
static const struct audit_case exec_default = {
	.flags = LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF,
	.exec = true,
};
static const struct audit_case exec_new_exec_on = {
	.flags = LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF |
		 LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON,
	.exec = true,
	.logged = true,
};

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		KT_CASE("audit_denial_logged", run_audit_case, &logged),
		KT_CASE("audit_log_same_exec_off_silences", run_audit_case,
			&same_exec_off),
		KT_CASE("audit_quiet_rule_silences", run_audit_case,
			&quiet_rule),
		KT_CASE("audit_after_exec_not_logged_by_default",
			run_audit_case, &exec_default),
		KT_CASE("audit_log_new_exec_on_logs_after_exec", run_audit_case,
			&exec_new_exec_on),
	};

	return kt_main(argc, argv, "audit", tests, KT_ARRAY_SIZE(tests));
}
