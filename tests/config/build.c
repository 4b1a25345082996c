// SPDX-License-Identifier: MIT
/*
 * Building policies and enforcing them against the simulated kernel of
 * every ABI: the compatibility level a file asks for, what reaches the
 * kernel (handled sets, quiet sets, rules and their flags, restrict
 * flags), paths that cannot be opened, files given directory rights,
 * running out of fds, and the expansion limits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfgtest.h"
/* Internal: lsc_probe_reset(), to probe again a kernel the test changed. */
#include "probe.h"

static void kernel_abi(int abi)
{
	mock_kernel_abi(abi);
	lsc_probe_reset();
}

/* Build @text, enforce it with @flags (and the file's), keep the report. */
static int enforce(unsigned int fmt, const char *text, unsigned int flags,
		   struct landscope_report **ret)
{
	struct landscope_config *c = ct_new();
	struct landscope_ruleset *rs = NULL;
	int err;

	*ret = NULL;
	assert_int_equal(ct_parse(c, fmt, text), 0);
	assert_int_equal(landscope_config_build(c, &rs, 0), 0);
	flags |= (unsigned int)landscope_config_restrict_flags(c);
	landscope_config_free(c);
	err = landscope_ruleset_restrict_self(rs, flags, ret);
	landscope_ruleset_free(rs);
	return err;
}

/* Build @text, which must fail: its error, and the message in @msg. */
static int build_error(unsigned int fmt, const char *text, char *msg,
		       size_t size)
{
	struct landscope_config *c = ct_new();
	struct landscope_ruleset *rs = (void *)1;
	int err;

	assert_int_equal(ct_parse(c, fmt, text), 0);
	err = landscope_config_build(c, &rs, 0);
	assert_null(rs);
	snprintf(msg, size, "%s", landscope_config_error(c));
	landscope_config_free(c);
	assert_int_equal(mock_open_fds(), 0);
	return err;
}

static const char *with_compat(const char *compat)
{
	static char text[512];

	snprintf(text, sizeof(text),
		 "abi = 5\ncompatibility = \"%s\"\n[[path_beneath]]\n"
		 "allowed_access = [\"abi.all\"]\nparent = [\"/usr\"]\n",
		 compat);
	return text;
}

static void test_compat_levels(void **state)
{
	struct landscope_report *r;
	char msg[1024];

	(void)state;
	kernel_abi(3);
	/* Best effort: what ABI 3 has. */
	assert_int_equal(enforce(TOML, with_compat("best_effort"), 0, &r), 0);
	assert_int_equal(landscope_report_status(r),
			 LANDSCOPE_PARTIALLY_ENFORCED);
	assert_int_equal(unit_requested(r, LANDSCOPE_CATEGORY_FS), 0xffff);
	assert_int_equal(unit_enforced(r, LANDSCOPE_CATEGORY_FS),
			 landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, 3));
	assert_int_equal(unit_rule(r, 0).enforced,
			 landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, 3));
	assert_int_equal(mock.nr_layers, 1);
	landscope_report_free(r);
	/* Soft requirement: nothing. */
	assert_int_equal(enforce(TOML, with_compat("soft_requirement"), 0, &r),
			 0);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_NOT_ENFORCED);
	assert_int_equal(mock.nr_layers, 1);
	landscope_report_free(r);
	/*
	 * Hard requirement: a failure, before the process is touched, that
	 * names what the kernel lacks (issue 21, item 9).
	 */
	assert_int_equal(build_error(TOML, with_compat("hard_requirement"), msg,
				     sizeof(msg)),
			 -EOPNOTSUPP);
	assert_string_equal(msg, "policy: compatibility \"hard_requirement\": "
				 "the kernel lacks filesystem rights: "
				 "ioctl_dev");
	assert_int_equal(mock.nr_layers, 1);
	/* Scopes and restrict flags too, on ABI 5. */
	kernel_abi(5);
	assert_int_equal(
		build_error(TOML,
			    "abi = 6\ncompatibility = \"hard_requirement\"\n"
			    "restrict_flags = [\"log_new_exec_on\"]\n"
			    "[[ruleset]]\nhandled_access_fs = [\"read_file\"]\n"
			    "handled_access_net = [\"bind_tcp\"]\n"
			    "scoped = [\"abi.all\"]\n",
			    msg, sizeof(msg)),
		-EOPNOTSUPP);
	assert_string_equal(msg, "policy: compatibility \"hard_requirement\": "
				 "the kernel lacks scopes: "
				 "abstract_unix_socket,signal; flags: "
				 "log_new_exec_on");
	/* Without Landlock at all: the kernel's lack itself. */
	kernel_abi(0);
	assert_int_equal(build_error(TOML, with_compat("hard_requirement"), msg,
				     sizeof(msg)),
			 -EOPNOTSUPP);
	assert_string_equal(msg, "policy: compatibility \"hard_requirement\": "
				 "the kernel has no Landlock");
	assert_int_equal(mock.nr_layers, 1);
	/* And on a kernel that has it all, everything. */
	kernel_abi(11);
	mock_log_clear();
	assert_int_equal(enforce(TOML, with_compat("hard_requirement"), 0, &r),
			 0);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	assert_int_equal(mock.nr_layers, 2);
	assert_int_equal(mock.layers[1].attr.handled_access_fs, 0xffff);
	assert_int_equal(unit_path_rule(0).allowed_access, 0xffff);
	landscope_report_free(r);
}

/* A file given directory rights, in each level. */
static void test_file_rights(void **state)
{
	static const char *const text =
		"abi = 5\ncompatibility = \"%s\"\n[[path_beneath]]\n"
		"allowed_access = [\"abi.read_write\"]\n"
		"parent = [\"/etc/passwd\", \"/usr\"]\n"
		"[[path_beneath]]\nallowed_access = [\"read_dir\"]\n"
		"parent = [\"/bin/sh\"]\n";
	struct landscope_rule_info info;
	struct landscope_report *r;
	char buf[512], msg[1024];

	(void)state;
	snprintf(buf, sizeof(buf), text, "best_effort");
	assert_int_equal(enforce(TOML, buf, 0, &r), 0);
	/* Sorted: /bin/sh, /etc/passwd, /usr. */
	info = unit_rule(r, 0);
	assert_int_equal(info.outcome, LANDSCOPE_OUTCOME_MASKED_FILE);
	assert_int_equal(info.requested, 0x8);
	assert_int_equal(info.enforced, 0);
	info = unit_rule(r, 1);
	assert_int_equal(info.outcome, LANDSCOPE_OUTCOME_MASKED_FILE |
					       LANDSCOPE_OUTCOME_APPLIED);
	assert_int_equal(info.requested, 0xfffe);
	assert_int_equal(info.enforced, 0xc006);
	landscope_report_free(r);

	/*
	 * Hard requirement refuses directory rights on a file, so they
	 * are narrowed before the rule is added; a rule left with nothing
	 * fails the build, with ENOTDIR, rather than pass for a missing
	 * path (issue 21, item 9).
	 */
	snprintf(buf, sizeof(buf), text, "hard_requirement");
	mock_log_clear();
	assert_int_equal(build_error(TOML, buf, msg, sizeof(msg)), -ENOTDIR);
	assert_string_equal(msg, "t.toml:8:11: parent \"/bin/sh\": not a "
				 "directory, and the rule gives only "
				 "directory rights: Not a directory "
				 "(ENOTDIR)");
	/*
	 * Without it, the file's rights are narrowed, by the library on the
	 * fd it opened (LANDSCOPE_ADD_RULE_NARROW_FILE), and the report says
	 * so.
	 */
	strcpy(strstr(buf, "[[path_beneath]]\nallowed_access = [\"read_dir"),
	       "");
	assert_int_equal(enforce(TOML, buf, 0, &r), 0);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	info = unit_rule(r, 0);
	assert_int_equal(info.outcome, LANDSCOPE_OUTCOME_MASKED_FILE |
					       LANDSCOPE_OUTCOME_APPLIED);
	assert_int_equal(info.requested, 0xfffe);
	assert_int_equal(info.enforced, 0xc006);
	assert_int_equal(unit_path_rule(0).allowed_access, 0xc006);
	assert_int_equal(unit_path_rule(1).allowed_access, 0xfffe);
	landscope_report_free(r);
}

static void test_unopenable(void **state)
{
	struct landscope_report *r;

	(void)state;
	mock_fs_add("/secret", -EACCES);
	mock_fs_add("/loop", -ELOOP);
	assert_int_equal(enforce(TOML,
				 "[[path_beneath]]\nallowed_access = "
				 "[\"read_file\"]\nparent = [\"/secret\", "
				 "\"/loop\", \"/nope\", \"/usr\"]\n",
				 0, &r),
			 0);
	assert_int_equal(unit_rule(r, 0).error, -ELOOP);
	assert_int_equal(unit_rule(r, 1).error, -ENOENT);
	assert_int_equal(unit_rule(r, 2).error, -EACCES);
	assert_int_equal(unit_rule(r, 2).outcome,
			 LANDSCOPE_OUTCOME_SKIPPED_MISSING);
	assert_int_equal(unit_rule(r, 3).outcome, LANDSCOPE_OUTCOME_APPLIED);
	/* Only /usr reached the kernel. */
	assert_int_equal(mock.layers[0].nr_rules, 1);
	landscope_report_free(r);
}

/*
 * Only a missing path is skipped as missing (issue 21, item 9): a rule
 * the kernel refuses fails in every level, and in hard requirement any
 * other error opening a path does, each named with its errno.
 */
static void test_not_missing(void **state)
{
	struct landscope_config *c = ct_new();
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *r = NULL;
	char msg[1024];
	int err;

	(void)state;
	mock_fs_add("/loop", -ELOOP);
	mock_fs_add("/secret", -EACCES);
	assert_int_equal(
		build_error(
			TOML,
			"compatibility = \"hard_requirement\"\n"
			"[[path_beneath]]\nallowed_access = [\"read_file\"]\n"
			"parent = [\"/nope\", \"/usr\"]\n"
			"[[path_beneath]]\nallowed_access = [\"read_file\"]\n"
			"parent = [\"/usr\", \"/loop\", \"/secret\"]\n",
			msg, sizeof(msg)),
		-ELOOP);
	assert_string_equal(msg, "t.toml:7:19: parent \"/loop\": cannot open: "
				 "Too many levels of symbolic links (ELOOP)");

	/*
	 * The kernel refuses the rule: the build fails (immediate mode) or
	 * restriction does, naming the rule; never a skipped rule.
	 */
	assert_int_equal(ct_parse(c, JSON,
				  "{\"pathBeneath\": [{\"allowedAccess\": "
				  "[\"read_file\"], \"parent\": [\"/usr\"]}]}"),
			 0);
	mock_fail(MOCK_ADD_RULE, 1, EBADFD);
	err = landscope_config_build(c, &rs, 0);
	if (!err) {
		err = landscope_ruleset_restrict_self(rs, 0, &r);
		assert_non_null(r);
		assert_true(unit_rule(r, 0).outcome &
			    LANDSCOPE_OUTCOME_REFUSED);
	} else {
		assert_null(rs);
		assert_string_equal(landscope_config_error(c),
				    "t.json:1:62: parent \"/usr\": the kernel "
				    "refused the rule: File descriptor in bad "
				    "state (EBADFD)");
	}
	assert_int_equal(err, -EBADFD);
	mock_fail_clear();
	landscope_report_free(r);
	landscope_ruleset_free(rs);
	landscope_config_free(c);
	assert_int_equal(mock_open_fds(), 0);
}

/*
 * Relative paths are the current directory's, as in landlockconfig, and
 * the report names the directory they give, not the relative name
 * (issue 21, item 5).  Rules come in the order of the paths as written
 * (absolute ones first).
 */
static void test_relative(void **state)
{
	static const char *const text =
		"[[path_beneath]]\nallowed_access = [\"read_file\"]\n"
		"parent = [\".\", \"bin\", \"./lib/x\", \"/etc\"]\n";
	char old[4096], msg[1024], *gone;

	(void)state;
	assert_non_null(getcwd(old, sizeof(old)));
	mock_fs_add("/usr/bin", 1);
	assert_int_equal(chdir("/usr"), 0);
	ct_expect(TOML, text,
		  "fs=0x4 net=0x0 scope=0x0 /etc=0x4 /usr=0x4 /usr/bin=0x4 "
		  "/usr/lib/x=0x4!No such file or directory");
	/* From the root: no "//". */
	mock_fs_add("/bin", 1);
	assert_int_equal(chdir("/"), 0);
	ct_expect(TOML, text,
		  "fs=0x4 net=0x0 scope=0x0 /etc=0x4 /=0x4 /bin=0x4 "
		  "/lib/x=0x4!No such file or directory");
	/* A current directory with no name: refused, named. */
	gone = ct_tmpdir();
	assert_int_equal(chdir(gone), 0);
	assert_int_equal(rmdir(gone), 0);
	free(gone);
	assert_int_equal(build_error(TOML, text, msg, sizeof(msg)), -ENOENT);
	assert_string_equal(msg, "t.toml:3:11: parent \".\": a relative path, "
				 "and the current directory has no name: No "
				 "such file or directory (ENOENT)");
	assert_int_equal(chdir(old), 0);
}

/* The machine's errors are not the path's: the build fails, cleanly. */
static void test_resources(void **state)
{
	struct landscope_config *c = ct_new();
	struct landscope_ruleset *rs = (void *)1;

	(void)state;
	mock_fs_add("/a", 1);
	mock_fs_add("/b", 1);
	assert_int_equal(ct_parse(c, TOML,
				  "[[path_beneath]]\nallowed_access = "
				  "[\"read_dir\"]\nparent = [\"/a\", \"/b\", "
				  "\"/usr\"]\n"),
			 0);
	/* The default mode holds each path of a small policy. */
	mock.cfg.max_fds = 1;
	assert_int_equal(landscope_config_build(c, &rs, 0), -EMFILE);
	assert_null(rs);
	assert_int_equal(mock_open_fds(), 0);
	mock.cfg.max_fds = 64;
	mock_fail(MOCK_OPEN_DIR, 2, ENOMEM);
	assert_int_equal(landscope_config_build(c, &rs, 0), -ENOMEM);
	assert_int_equal(mock_open_fds(), 0);
	mock_fail_clear();
	/* The configuration is still whole. */
	assert_int_equal(landscope_config_build(c, &rs, 0), 0);
	/* A small policy is not frozen: its three paths are held. */
	assert_int_equal(mock_open_fds(), 3);
	landscope_ruleset_free(rs);
	landscope_config_free(c);
}

static void test_quiet(void **state)
{
	static const char *const text =
		"[[ruleset]]\nhandled_access_fs = [\"read_file\"]\n"
		"handled_access_net = [\"bind_tcp\"]\n"
		"quiet_access_fs = [\"read_file\", \"execute\"]\n"
		"quiet_access_net = [\"bind_tcp\"]\n"
		"[[path_beneath]]\nallowed_access = [\"read_file\"]\n"
		"parent = [\"/usr\"]\nquiet = true\n"
		"[[path_beneath]]\nallowed_access = [\"read_file\"]\n"
		"parent = [\"/etc\"]\nquiet = false\n"
		"[[net_port]]\nallowed_access = [\"bind_tcp\"]\n"
		"port = [80]\nquiet = true\n";
	struct landscope_report *r;

	(void)state;
	kernel_abi(10);
	mock_log_clear();
	assert_int_equal(enforce(TOML, text, 0, &r), 0);
	/* Quiet rights not handled are dropped (execute). */
	assert_int_equal(mock.layers[0].attr.quiet_access_fs, 0x4);
	assert_int_equal(mock.layers[0].attr.quiet_access_net, 0x1);
	/* Sorted: /etc (not quiet), /usr (quiet), then the port. */
	assert_int_equal(mock_call_nth(MOCK_ADD_RULE, 0)->flags, 0);
	assert_int_equal(mock_call_nth(MOCK_ADD_RULE, 1)->flags,
			 MOCK_ADD_RULE_QUIET);
	assert_int_equal(mock_call_nth(MOCK_ADD_RULE, 2)->flags,
			 MOCK_ADD_RULE_QUIET);
	assert_int_equal(unit_port_rule(2).port, 80);
	landscope_report_free(r);
}

static void test_restrict_flags(void **state)
{
	static const char *const text =
		"{\"restrictFlags\": [\"all_threads\", \"log_new_exec_on\"], "
		"\"ruleset\": [{\"scoped\": [\"signal\"]}]}";
	struct landscope_report *r;

	(void)state;
	kernel_abi(8);
	assert_int_equal(enforce(JSON, text, 0, &r), 0);
	assert_int_equal(mock.layers[0].flags,
			 MOCK_RESTRICT_TSYNC | MOCK_RESTRICT_LOG_NEW_EXEC_ON);
	assert_int_equal(landscope_report_all_threads(r), 1);
	landscope_report_free(r);
}

/* The library's opt-out of the transport filter (issue 23), by name. */
static void test_allow_unmediated_transports(void **state)
{
	static const char *const text =
		"restrict_flags = [\"allow_unmediated_transports\"]\n"
		"[[ruleset]]\nhandled_access_net = [\"connect_tcp\"]\n";
	struct landscope_report *r;
	uint32_t refused = 1, open = 0;

	(void)state;
	kernel_abi(4);
	assert_int_equal(enforce(TOML, text, 0, &r), 0);
	assert_int_equal(landscope_report_transports(r, &refused, &open), 0);
	assert_int_equal(refused, 0);
	assert_true(open & LANDSCOPE_TRANSPORT_MPTCP);
	assert_int_equal(mock.nr_filters, 0);
	landscope_report_free(r);
	/* Without it, the filter. */
	kernel_abi(4);
	assert_int_equal(enforce(TOML,
				 "[[ruleset]]\nhandled_access_net = "
				 "[\"connect_tcp\"]\n",
				 0, &r),
			 0);
	assert_int_equal(landscope_report_transports(r, &refused, &open), 0);
	assert_true(refused & LANDSCOPE_TRANSPORT_MPTCP);
	assert_int_equal(mock.nr_filters, 1);
	landscope_report_free(r);
}

/* Since 0.3 the built ruleset carries them: a caller that passes 0 too. */
static void test_restrict_flags_carried(void **state)
{
	static const char *const text =
		"{\"restrictFlags\": [\"log_new_exec_on\"], "
		"\"ruleset\": [{\"scoped\": [\"signal\"]}]}";
	struct landscope_config *c = ct_new();
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *r = NULL;

	(void)state;
	kernel_abi(8);
	assert_int_equal(ct_parse(c, JSON, text), 0);
	assert_int_equal(landscope_config_build(c, &rs, 0), 0);
	landscope_config_free(c);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_int_equal(mock.layers[0].flags, MOCK_RESTRICT_LOG_NEW_EXEC_ON);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

static void test_expansion_limits(void **state)
{
	struct landscope_config *c = ct_new();
	char *text = malloc(1 << 21), *p;
	const char *want;
	int i, j;

	(void)state;
	assert_non_null(text);
	/* Ten variables of ten values: 10^10 paths, refused at once. */
	p = text;
	for (i = 0; i < 10; i++) {
		p += sprintf(p, "[[variable]]\nname = \"v%d\"\nliteral = [", i);
		for (j = 0; j < 10; j++)
			p += sprintf(p, "%s\"%d\"", j ? ", " : "", j);
		p += sprintf(p, "]\n");
	}
	p += sprintf(p, "[[path_beneath]]\nallowed_access = [\"read_file\"]\n"
			"parent = [\"/${v0}${v1}${v2}${v3}${v4}${v5}${v6}${v7}"
			"${v8}${v9}\"]\n");
	assert_int_equal(ct_parse(c, TOML, text), 0);
	assert_string_equal(ct_policy(c),
			    "error -7: t.toml:33:11: \"/${v0}${v1}${v2}${v3}"
			    "${v4}${v5}${v6}${v7}${v8}${v9}\" takes the policy "
			    "beyond 1048576 paths or 67108864 bytes of paths");
	landscope_config_free(c);

	/* 66560 paths of about 1 KiB: beyond the bytes, not the paths. */
	c = ct_new();
	p = text + sprintf(text, "[[variable]]\nname = \"a\"\nliteral = [");
	for (i = 0; i < 1024; i++) {
		p += sprintf(p, "%s\"/%04d", i ? ", " : "", i);
		memset(p, 'x', 1019);
		p += 1019;
		p += sprintf(p, "\"");
	}
	p += sprintf(p, "]\n[[variable]]\nname = \"b\"\nliteral = [");
	for (i = 0; i < 65; i++)
		p += sprintf(p, "%s\"%d\"", i ? ", " : "", i);
	p += sprintf(p, "]\n[[path_beneath]]\nallowed_access = [\"read_file\"]"
			"\nparent = [\"${a}/${b}\"]\n");
	assert_int_equal(ct_parse(c, TOML, text), 0);
	assert_string_equal(ct_policy(c),
			    "error -7: t.toml:9:11: \"${a}/${b}\" takes the "
			    "policy beyond 1048576 paths or 67108864 bytes of "
			    "paths");
	landscope_config_free(c);

	/* At most 32 variables in one path. */
	c = ct_new();
	p = text + sprintf(text, "[[variable]]\nname = \"v\"\nliteral = "
				 "[\"x\"]\n[[path_beneath]]\nallowed_access = "
				 "[\"read_file\"]\nparent = [\"/");
	for (i = 0; i < 33; i++)
		p += sprintf(p, "${v}");
	p += sprintf(p, "\"]\n");
	assert_int_equal(ct_parse(c, TOML, text), 0);
	want = "error -7: t.toml:6:11: more than 32 variables in \"/${v}";
	CHECK(!strncmp(ct_policy(c), want, strlen(want)), "%s", ct_policy(c));
	landscope_config_free(c);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_compat_levels),
		UNIT_TEST(test_file_rights),
		UNIT_TEST(test_unopenable),
		UNIT_TEST(test_not_missing),
		UNIT_TEST(test_relative),
		UNIT_TEST(test_resources),
		UNIT_TEST(test_quiet),
		UNIT_TEST(test_restrict_flags),
		UNIT_TEST(test_allow_unmediated_transports),
		UNIT_TEST(test_restrict_flags_carried),
		UNIT_TEST(test_expansion_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
