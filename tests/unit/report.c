// SPDX-License-Identifier: MIT
/* The report accessors, the printed report and the bit names. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Internal: lsc_ruleset_add_skipped(), a report entry no kernel gives. */
#include "internal.h"
#include "unit.h"

#define RO LANDSCOPE_ACCESS_FS_READ_ONLY
#define RF LANDSCOPE_ACCESS_FS_READ_FILE

static struct landscope_report *sample(struct landscope_ruleset **ret_rs)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct landscope_report *r = NULL;

	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RO),
		0);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
					      LANDSCOPE_ACCESS_NET_BIND_TCP),
		0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/etc/passwd", RO, 0),
			 0);
	assert_int_equal(
		landscope_ruleset_add_path(rs, "/gone", RO,
					   LANDSCOPE_ADD_RULE_IGNORE_MISSING),
		0);
	assert_int_equal(landscope_ruleset_add_port(
				 rs, 8080, LANDSCOPE_ACCESS_NET_BIND_TCP, 0),
			 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_non_null(r);
	*ret_rs = rs;
	return r;
}

static void test_null(void **state)
{
	struct landscope_rule_info info = { sizeof(info) };
	uint64_t v;

	(void)state;
	assert_int_equal(landscope_report_status(NULL), -EINVAL);
	assert_int_equal(landscope_report_abi(NULL), -EINVAL);
	assert_int_equal(landscope_report_category(NULL, 0, &v, &v), -EINVAL);
	assert_int_equal(landscope_report_all_threads(NULL), -EINVAL);
	assert_int_equal(landscope_report_rule_count(NULL), -EINVAL);
	assert_int_equal(landscope_report_rule(NULL, 0, &info), -EINVAL);
	assert_int_equal(landscope_report_print(NULL, stderr), -EINVAL);
	landscope_report_free(NULL);
	landscope_report_freep(NULL);
}

static void test_accessors(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = sample(&rs);
	struct landscope_rule_info info;
	uint64_t req = 0, enf = 0;

	(void)state;
	assert_int_equal(landscope_report_status(r), LANDSCOPE_FULLY_ENFORCED);
	assert_int_equal(landscope_report_abi(r), 11);
	assert_int_equal(landscope_report_category(r, -1, &req, &enf), -EINVAL);
	assert_int_equal(landscope_report_category(r, 4, &req, &enf), -EINVAL);
	assert_int_equal(landscope_report_category(r, LANDSCOPE_CATEGORY_NET,
						   NULL, NULL),
			 0);
	assert_int_equal(landscope_report_category(r, LANDSCOPE_CATEGORY_NET,
						   &req, &enf),
			 0);
	assert_int_equal(req, LANDSCOPE_ACCESS_NET_BIND_TCP);
	assert_int_equal(enf, LANDSCOPE_ACCESS_NET_BIND_TCP);
	assert_int_equal(landscope_report_all_threads(r), 0);
	assert_int_equal(landscope_report_rule_count(r), 4);

	info = unit_rule(r, 0);
	assert_int_equal(info.sz, sizeof(info));
	assert_int_equal(info.type, LANDSCOPE_RULE_TYPE_PATH_BENEATH);
	assert_string_equal(info.path, "/usr");
	assert_int_equal(info.outcome, LANDSCOPE_OUTCOME_APPLIED);
	assert_int_equal(info.requested, RO);
	assert_int_equal(info.enforced, RO);
	assert_int_equal(info.error, 0);
	info = unit_rule(r, 1);
	assert_int_equal(info.outcome, LANDSCOPE_OUTCOME_APPLIED |
					       LANDSCOPE_OUTCOME_MASKED_FILE);
	assert_int_equal(info.enforced, RF);
	info = unit_rule(r, 2);
	assert_int_equal(info.outcome, LANDSCOPE_OUTCOME_SKIPPED_MISSING);
	assert_int_equal(info.error, -ENOENT);
	assert_string_equal(info.path, "/gone");
	info = unit_rule(r, 3);
	assert_int_equal(info.type, LANDSCOPE_RULE_TYPE_NET_PORT);
	assert_null(info.path);
	assert_int_equal(info.port, 8080);
	assert_int_equal(info.outcome, LANDSCOPE_OUTCOME_APPLIED);

	/* The path stays valid as long as the report, not the ruleset. */
	landscope_ruleset_free(rs);
	info = unit_rule(r, 0);
	assert_string_equal(info.path, "/usr");

	assert_int_equal(landscope_report_rule(r, 4, &info), -ERANGE);
	assert_int_equal(landscope_report_rule(r, ~0U, &info), -ERANGE);
	assert_int_equal(landscope_report_rule(r, 0, NULL), -EINVAL);
	info.sz = 55; /* below the 0.1 size */
	assert_int_equal(landscope_report_rule(r, 0, &info), -EINVAL);
	landscope_report_freep(&r);
	assert_null(r);
}

/* A caller built against a later, bigger structure. */
static void test_rule_info_bigger(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = sample(&rs);
	struct {
		struct landscope_rule_info info;
		char future[16];
	} big;

	(void)state;
	memset(&big, 0, sizeof(big));
	big.info.sz = sizeof(big);
	assert_int_equal(landscope_report_rule(r, 3, &big.info), 0);
	assert_int_equal(big.info.sz, sizeof(big));
	assert_int_equal(big.info.port, 8080);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/*
 * A caller built against 0.1 passes the 0.1 size: accepted whatever the
 * library's structure grew to, and nothing is written past it.
 */
static void test_rule_info_01_size(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = sample(&rs);
	unsigned char buf[sizeof(struct landscope_rule_info) + 16];
	struct landscope_rule_info *info = (void *)buf;

	(void)state;
	memset(buf, 0xa5, sizeof(buf));
	info->sz = 56;
	assert_int_equal(landscope_report_rule(r, 3, info), 0);
	assert_int_equal(info->sz, 56);
	assert_int_equal(info->port, 8080);
	assert_int_equal(info->type, LANDSCOPE_RULE_TYPE_NET_PORT);
	for (size_t i = 56; i < sizeof(buf); i++)
		CHECK(buf[i] == 0xa5, "byte %zu written", i);
	info->sz = 55;
	assert_int_equal(landscope_report_rule(r, 3, info), -EINVAL);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

static void test_print(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = sample(&rs);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_int_equal(landscope_report_print(r, NULL), -EINVAL);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(landscope_report_print(r, f), 0);
	fclose(f);
	assert_non_null(strstr(buf, "/usr"));
	assert_non_null(strstr(buf, "/gone"));
	assert_non_null(strstr(buf, "8080"));
	assert_non_null(strstr(buf, "read_file"));
	free(buf);

	/* A full disk is -EIO. */
	f = fopen("/dev/full", "w");
	if (f) {
		setvbuf(f, NULL, _IONBF, 0);
		assert_int_equal(landscope_report_print(r, f), -EIO);
		fclose(f);
	}
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

static unsigned int count(const char *s, const char *what)
{
	unsigned int n = 0;

	while ((s = strstr(s, what))) {
		n++;
		s += strlen(what);
	}
	return n;
}

/*
 * A hard failure on a kernel that lacks only resolve_unix: dropped is
 * resolve_unix alone, the rest "not enforced", no rule enforced, and the
 * reason is the specific one.  0.1 printed all 17 rights as dropped and
 * the rule as enforcing read_file,read_dir.
 */
static void test_hard_failure(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;
	uint64_t dropped = 0;
	char *out;

	(void)state;
	mock_kernel_abi(8);
	rs = unit_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	assert_int_equal(landscope_ruleset_add_handled(rs,
						       LANDSCOPE_CATEGORY_FS,
						       LANDSCOPE_ACCESS_FS_ALL),
			 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r),
			 -EOPNOTSUPP);
	assert_int_equal(landscope_report_status(r), LANDSCOPE_NOT_ENFORCED);
	assert_int_equal(landscope_report_dropped(r, LANDSCOPE_CATEGORY_FS,
						  &dropped),
			 0);
	assert_int_equal(dropped, LANDSCOPE_ACCESS_FS_RESOLVE_UNIX);
	assert_int_equal(unit_enforced(r, LANDSCOPE_CATEGORY_FS), 0);
	assert_int_equal(unit_rule(r, 0).enforced, 0);
	assert_int_equal(unit_rule(r, 0).sent, 0);
	assert_false(unit_rule(r, 0).outcome & LANDSCOPE_OUTCOME_APPLIED);
	assert_string_equal(landscope_report_reason(r),
			    "the kernel lacks filesystem rights: resolve_unix");
	out = unit_printed(r);
	assert_non_null(strstr(
		out, "; dropped (the kernel lacks them) resolve_unix\n"));
	assert_non_null(strstr(out, "fs: enforced -; not enforced execute,"));
	assert_non_null(strstr(out, "rule 0: path /usr: not applied; "
				    "allowed - of read_file,read_dir\n"));
	free(out);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* A hard failure keeps the specific reason (0.1: "hard requirement..."). */
static void test_reason_specific(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;

	(void)state;
	mock_kernel_disabled();
	rs = unit_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RO),
		0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r),
			 -EOPNOTSUPP);
	assert_string_equal(landscope_report_reason(r),
			    "Landlock is disabled at boot");
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	/* Fully enforced: no reason. */
	unit_restart();
	rs = unit_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RO),
		0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_null(landscope_report_reason(r));
	assert_null(landscope_report_reason(NULL));
	landscope_report_free(r);
	landscope_ruleset_free(rs);

	/* Best effort on ABI 3: every category that lacks something. */
	unit_restart();
	mock_kernel_abi(3);
	rs = unit_ruleset(0);
	assert_int_equal(landscope_ruleset_add_handled(rs,
						       LANDSCOPE_CATEGORY_FS,
						       LANDSCOPE_ACCESS_FS_ALL),
			 0);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
					      LANDSCOPE_ACCESS_NET_BIND_TCP),
		0);
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_ALL_THREADS, &r),
			 0);
	assert_string_equal(landscope_report_reason(r),
			    "the kernel lacks filesystem rights: "
			    "ioctl_dev,resolve_unix; network rights: bind_tcp; "
			    "flags: all_threads");
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* The kernel refuses a rule: which one, and the errno, in the report. */
static void test_refused_rule(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct landscope_report *r = NULL;
	struct landscope_rule_info info;
	char *out;

	(void)state;
	unit_probe();
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RO),
		0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/tmp", RO, 0), 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/etc", RO, 0), 0);
	mock_fail(MOCK_ADD_RULE, 2, EBADFD);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), -EBADFD);
	assert_int_equal(mock.nr_layers, 0);
	info = unit_rule(r, 1);
	assert_int_equal(info.outcome, LANDSCOPE_OUTCOME_REFUSED);
	assert_int_equal(info.error, -EBADFD);
	assert_int_equal(info.enforced, 0);
	/* The first rule reached the kernel ruleset, but nothing took effect. */
	assert_int_equal(unit_rule(r, 0).sent, RO);
	assert_int_equal(unit_rule(r, 0).enforced, 0);
	assert_int_equal(unit_rule(r, 2).outcome, 0);
	assert_string_equal(landscope_report_reason(r),
			    "the kernel refused rule 1 (path /tmp): EBADFD");
	out = unit_printed(r);
	assert_non_null(strstr(out,
			       "landscope:   rule 1: path /tmp: not "
			       "applied, refused by the kernel (EBADFD);"));
	assert_non_null(strstr(out, "why: the kernel refused rule 1"));
	free(out);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/*
 * Paths are printed escaped: a newline cannot forge a report line, an
 * escape sequence cannot reach the terminal (0.1 printed both raw).
 */
static void test_print_escapes(void **state)
{
	static const char forged[] = "/x\nlandscope:   rule 0: path /etc: "
				     "applied";
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct landscope_report *r = NULL;
	char *out;

	(void)state;
	mock_fs_add(forged, 1);
	mock_fs_add("/e\x1b[31mred\\t", 1);
	mock_fs_add("/utf8-\xc3\xa9-\xff-\xc2\x9b-\x7f", 1);
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RO),
		0);
	assert_int_equal(landscope_ruleset_add_path(rs, forged, RO, 0), 0);
	assert_int_equal(
		landscope_ruleset_add_path(rs, "/e\x1b[31mred\\t", RO, 0), 0);
	assert_int_equal(landscope_ruleset_add_path(
				 rs, "/utf8-\xc3\xa9-\xff-\xc2\x9b-\x7f", RO,
				 0),
			 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	out = unit_printed(r);
	assert_int_equal(count(out, "\nlandscope:   rule 0:"), 1);
	assert_non_null(strstr(out, "rule 0: path /x\\nlandscope:   rule 0: "
				    "path /etc: applied: applied;"));
	assert_null(strchr(out, '\x1b'));
	assert_non_null(strstr(out, "path /e\\x1b[31mred\\\\t: applied"));
	assert_non_null(strstr(out, "/utf8-\xc3\xa9-\\xff-\\xc2\\x9b-\\x7f:"));
	/* One line per fact: every line starts with the prefix. */
	assert_int_equal(strncmp(out, "landscope: ", 11), 0);
	assert_int_equal(count(out, "\nlandscope: "), count(out, "\n") - 1);
	free(out);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* The thread line says what was asked and what was done. */
static void test_threads_line(void **state)
{
	static const struct {
		int abi;
		unsigned int flags;
		const char *line;
	} cases[] = {
		{ 11, 0,
		  "threads: asked for the calling thread; the calling thread "
		  "restricted\n" },
		{ 7, LANDSCOPE_RESTRICT_ALL_THREADS,
		  "threads: asked for all threads; the calling thread "
		  "restricted (the kernel lacks TSYNC)\n" },
		{ 8, LANDSCOPE_RESTRICT_ALL_THREADS,
		  "threads: asked for all threads; all threads restricted\n" },
		{ 0, LANDSCOPE_RESTRICT_ALL_THREADS,
		  "threads: asked for all threads; none restricted\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct landscope_ruleset *rs;
		struct landscope_report *r = NULL;
		char *out;

		unit_restart();
		mock_kernel_abi(cases[i].abi);
		rs = unit_ruleset(0);
		assert_int_equal(landscope_ruleset_add_handled(
					 rs, LANDSCOPE_CATEGORY_FS, RO),
				 0);
		assert_int_equal(
			landscope_ruleset_restrict_self(rs, cases[i].flags, &r),
			0);
		out = unit_printed(r);
		CHECK(strstr(out, cases[i].line), "case %zu: %s", i, out);
		free(out);
		landscope_report_free(r);
		landscope_ruleset_free(rs);
	}
}

/* Who set no_new_privs. */
static void test_no_new_privs(void **state)
{
	static const struct {
		int abi;
		unsigned int flags;
		int fail_restrict;
		int want;
		const char *line;
	} cases[] = {
		{ 11, 0, 0, LANDSCOPE_NO_NEW_PRIVS_FLAG,
		  "no_new_privs: set by the kernel (Landlock ABI 11 flag)\n" },
		{ 10, 0, 0, LANDSCOPE_NO_NEW_PRIVS_PRCTL,
		  "no_new_privs: set by the library (prctl)\n" },
		/* prctl stays set even though entering the domain failed. */
		{ 10, 0, E2BIG, LANDSCOPE_NO_NEW_PRIVS_PRCTL, NULL },
		{ 11, 0, E2BIG, LANDSCOPE_NO_NEW_PRIVS_UNCHANGED, NULL },
		{ 10, LANDSCOPE_RESTRICT_KEEP_PRIVS, 0,
		  LANDSCOPE_NO_NEW_PRIVS_UNCHANGED,
		  "no_new_privs: not set by the library\n" },
		{ 11, LANDSCOPE_RESTRICT_DRY_RUN, 0,
		  LANDSCOPE_NO_NEW_PRIVS_UNCHANGED, NULL },
	};
	size_t i;

	(void)state;
	assert_int_equal(landscope_report_no_new_privs(NULL), -EINVAL);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct landscope_ruleset *rs;
		struct landscope_report *r = NULL;
		char *out;

		unit_restart();
		mock_kernel_abi(cases[i].abi);
		mock.cfg.cap_sys_admin = true;
		unit_probe();
		rs = unit_ruleset(0);
		assert_int_equal(landscope_ruleset_add_handled(
					 rs, LANDSCOPE_CATEGORY_FS, RO),
				 0);
		if (cases[i].fail_restrict)
			mock_fail(MOCK_RESTRICT_SELF, 1,
				  cases[i].fail_restrict);
		CHECK(landscope_ruleset_restrict_self(rs, cases[i].flags, &r) ==
			      -cases[i].fail_restrict,
		      "case %zu", i);
		CHECK(landscope_report_no_new_privs(r) == cases[i].want,
		      "case %zu: %d", i, landscope_report_no_new_privs(r));
		out = unit_printed(r);
		CHECK(!cases[i].line || strstr(out, cases[i].line),
		      "case %zu: %s", i, out);
		free(out);
		landscope_report_free(r);
		landscope_ruleset_free(rs);
	}
}

/*
 * A ruleset that handles only reads leaves the kernel's other rights open:
 * the report names them, by category, and prints them.
 */
static void test_unrestricted(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r;
	uint64_t v = 1;
	char *out;

	(void)state;
	mock_kernel_abi(7);
	r = sample(&rs);
	assert_int_equal(landscope_report_unrestricted(NULL, 0, &v), -EINVAL);
	assert_int_equal(landscope_report_unrestricted(r, 0, NULL), -EINVAL);
	assert_int_equal(landscope_report_unrestricted(r, 4, &v), -EINVAL);
	assert_int_equal(landscope_report_unrestricted(r, -1, &v), -EINVAL);
	assert_int_equal(
		landscope_report_unrestricted(r, LANDSCOPE_CATEGORY_FS, &v), 0);
	assert_int_equal(v, landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, 7) &
				    ~RO);
	assert_int_equal(
		landscope_report_unrestricted(r, LANDSCOPE_CATEGORY_NET, &v),
		0);
	assert_int_equal(v, LANDSCOPE_ACCESS_NET_CONNECT_TCP);
	assert_int_equal(
		landscope_report_unrestricted(r, LANDSCOPE_CATEGORY_SCOPE, &v),
		0);
	assert_int_equal(v, LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET |
				    LANDSCOPE_SCOPE_SIGNAL);
	assert_int_equal(
		landscope_report_unrestricted(r, LANDSCOPE_CATEGORY_FLAGS, &v),
		0);
	assert_int_equal(v, 0);
	out = unit_printed(r);
	assert_non_null(strstr(
		out, "landscope:   not restricted by this policy: fs execute,"
		     "write_file,remove_dir,remove_file,make_char,make_dir,"
		     "make_reg,make_sock,make_fifo,make_block,make_sym,refer,"
		     "truncate,ioctl_dev; net connect_tcp; scope "
		     "abstract_unix_socket,signal\n"));
	free(out);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/*
 * A kernel that lacks some requested rights gave all it can: no
 * shortfall, and the status line says so.  All threads asked without
 * TSYNC, or a rule skipped for EACCES, is one.
 */
static void test_shortfall(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = NULL;
	uint32_t s = 1;
	char *out;

	(void)state;
	assert_int_equal(landscope_report_shortfall(NULL, &s), -EINVAL);
	mock_kernel_abi(7);
	rs = unit_ruleset(0);
	assert_int_equal(landscope_ruleset_add_handled(rs,
						       LANDSCOPE_CATEGORY_FS,
						       LANDSCOPE_ACCESS_FS_ALL),
			 0);
	assert_int_equal(landscope_ruleset_add_path(rs, "/usr", RO, 0), 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	assert_int_equal(landscope_report_shortfall(r, NULL), -EINVAL);
	assert_int_equal(landscope_report_status(r),
			 LANDSCOPE_PARTIALLY_ENFORCED);
	assert_int_equal(landscope_report_shortfall(r, &s), 0);
	assert_int_equal(s, 0);
	out = unit_printed(r);
	assert_non_null(strstr(out, ": partially enforced: all this kernel "
				    "can\n"));
	assert_null(strstr(out, "shortfall"));
	free(out);
	landscope_report_free(r);
	assert_int_equal(lsc_ruleset_add_skipped(rs, "/x", RO, 0, -EACCES), 0);
	assert_int_equal(landscope_ruleset_restrict_self(
				 rs, LANDSCOPE_RESTRICT_ALL_THREADS, &r),
			 0);
	assert_int_equal(landscope_report_shortfall(r, &s), 0);
	assert_int_equal(s, LANDSCOPE_SHORTFALL_THREADS |
				    LANDSCOPE_SHORTFALL_RULES);
	out = unit_printed(r);
	assert_non_null(strstr(out, ": partially enforced\n"));
	assert_non_null(strstr(out, "landscope:   shortfall: threads that "
				    "already existed run unrestricted; a path "
				    "rule was skipped (see its errno);\n"));
	free(out);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* The report as a string: the printed text, and JSON with the same facts. */
static void test_format(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r;
	char *text = (char *)1, *json, *out;

	(void)state;
	mock_kernel_abi(7);
	r = sample(&rs);
	assert_int_equal(landscope_report_format(NULL, 0, &text), -EINVAL);
	assert_null(text);
	assert_int_equal(landscope_report_format(r, 0, NULL), -EINVAL);
	assert_int_equal(landscope_report_format(r, 2, &text), -EINVAL);
	assert_int_equal(landscope_report_format(r, 0, &text), 0);
	out = unit_printed(r);
	assert_string_equal(text, out);
	free(out);
	free(text);
	assert_int_equal(
		landscope_report_format(r, LANDSCOPE_REPORT_FORMAT_JSON, &json),
		0);
	assert_non_null(strstr(json, "{\"abi\": 7, \"status\": "
				     "\"fully_enforced\", \"reason\": null, "));
	assert_non_null(strstr(json, "{\"type\": \"path_beneath\", \"path\": "
				     "\"/gone\", \"requested\": "));
	assert_non_null(strstr(json, "\"outcome\": [\"skipped\"], "
				     "\"error\": \"ENOENT\"}"));
	assert_int_equal(json[strlen(json) - 1], '\n');
	free(json);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* no_new_privs set before the call is not claimed by the library. */
static void test_no_new_privs_before(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r;
	char *out;

	(void)state;
	mock_kernel_abi(7);
	mock.nnp = true;
	r = sample(&rs);
	assert_int_equal(CALLS(SET_NNP), 0);
	assert_int_equal(landscope_report_no_new_privs(r),
			 LANDSCOPE_NO_NEW_PRIVS_UNCHANGED);
	out = unit_printed(r);
	assert_non_null(strstr(out, "landscope:   no_new_privs: already set "
				    "before the call (not by the library)\n"));
	free(out);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

/* A rule skipped for another reason than ENOENT names its errno. */
static void test_skipped_errno(void **state)
{
	struct landscope_ruleset *rs = unit_ruleset(0);
	struct landscope_report *r = NULL;
	char *out;

	(void)state;
	assert_int_equal(
		landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS, RO),
		0);
	assert_int_equal(lsc_ruleset_add_skipped(rs, "/secret", RO, 0, -EACCES),
			 0);
	assert_int_equal(lsc_ruleset_add_skipped(rs, "/gone", RO, 0, -ENOENT),
			 0);
	assert_int_equal(landscope_ruleset_restrict_self(rs, 0, &r), 0);
	out = unit_printed(r);
	assert_non_null(strstr(out, "rule 0: path /secret: not applied, "
				    "skipped (EACCES);"));
	assert_non_null(strstr(
		out, "rule 1: path /gone: not applied, skipped (missing);"));
	free(out);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

static void test_dropped_args(void **state)
{
	struct landscope_ruleset *rs;
	struct landscope_report *r = sample(&rs);
	uint64_t v = 1;

	(void)state;
	assert_int_equal(landscope_report_dropped(NULL, 0, &v), -EINVAL);
	assert_int_equal(landscope_report_dropped(r, 0, NULL), -EINVAL);
	assert_int_equal(landscope_report_dropped(r, 4, &v), -EINVAL);
	assert_int_equal(landscope_report_dropped(r, -1, &v), -EINVAL);
	assert_int_equal(landscope_report_dropped(r, 0, &v), 0);
	assert_int_equal(v, 0);
	landscope_report_free(r);
	landscope_ruleset_free(rs);
}

static void test_access_names(void **state)
{
	(void)state;
	assert_string_equal(
		landscope_access_name(LANDSCOPE_CATEGORY_FS,
				      LANDSCOPE_ACCESS_FS_READ_FILE),
		"read_file");
	assert_string_equal(
		landscope_access_name(LANDSCOPE_CATEGORY_NET,
				      LANDSCOPE_ACCESS_NET_BIND_TCP),
		"bind_tcp");
	assert_string_equal(
		landscope_access_name(LANDSCOPE_CATEGORY_SCOPE,
				      LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET),
		"abstract_unix_socket");
	assert_string_equal(
		landscope_access_name(LANDSCOPE_CATEGORY_FLAGS,
				      LANDSCOPE_RESTRICT_ALL_THREADS),
		"all_threads");
	assert_null(landscope_access_name(LANDSCOPE_CATEGORY_FS, 1ULL << 17));
	assert_null(landscope_access_name(LANDSCOPE_CATEGORY_FS, 0));
	assert_null(landscope_access_name(LANDSCOPE_CATEGORY_FS, 3));
	assert_null(landscope_access_name(4, 1));
	assert_null(landscope_access_name(-1, 1));
}

/* Every known bit of every category has a distinct name. */
static void test_access_names_complete(void **state)
{
	static const uint64_t all[] = { LANDSCOPE_ACCESS_FS_ALL,
					LANDSCOPE_ACCESS_NET_ALL,
					LANDSCOPE_SCOPE_ALL, 0xf };
	int c;

	(void)state;
	for (c = 0; c < 4; c++) {
		uint64_t bit;

		for (bit = 1; bit & all[c]; bit <<= 1) {
			const char *n = landscope_access_name(c, bit);
			uint64_t other;

			CHECK(n != NULL, "category %d bit %#llx", c,
			      (unsigned long long)bit);
			for (other = 1; other < bit; other <<= 1)
				CHECK(strcmp(n,
					     landscope_access_name(c, other)),
				      "%s twice", n);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_null),
		UNIT_TEST(test_accessors),
		UNIT_TEST(test_rule_info_bigger),
		UNIT_TEST(test_rule_info_01_size),
		UNIT_TEST(test_print),
		UNIT_TEST(test_hard_failure),
		UNIT_TEST(test_reason_specific),
		UNIT_TEST(test_refused_rule),
		UNIT_TEST(test_print_escapes),
		UNIT_TEST(test_threads_line),
		UNIT_TEST(test_no_new_privs),
		UNIT_TEST(test_dropped_args),
		UNIT_TEST(test_unrestricted),
		UNIT_TEST(test_no_new_privs_before),
		UNIT_TEST(test_shortfall),
		UNIT_TEST(test_format),
		UNIT_TEST(test_skipped_errno),
		UNIT_TEST(test_access_names),
		UNIT_TEST(test_access_names_complete),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
