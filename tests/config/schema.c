// SPDX-License-Identifier: MIT
/*
 * The format's meaning, one file at a time: keys in each format's
 * spelling, right names and abi groups for every ABI, handled sets,
 * variables and their expansion, path normalisation and merging, ports,
 * the extensions, and the message of every mistake.  Each case parses a
 * text and builds it against the simulated kernel (ABI 11, its small file
 * system: directories /, /usr, /etc, /tmp; files /etc/passwd, /bin/sh).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cfgtest.h"

#define ENOENT_S "!No such file or directory"

/* Rights, by value, written out again rather than taken from the table. */
static const struct {
	const char *name;
	int category;
	uint64_t bit;
} names[] = {
	{ "execute", 0, 1ULL << 0 },
	{ "write_file", 0, 1ULL << 1 },
	{ "read_file", 0, 1ULL << 2 },
	{ "read_dir", 0, 1ULL << 3 },
	{ "remove_dir", 0, 1ULL << 4 },
	{ "remove_file", 0, 1ULL << 5 },
	{ "make_char", 0, 1ULL << 6 },
	{ "make_dir", 0, 1ULL << 7 },
	{ "make_reg", 0, 1ULL << 8 },
	{ "make_sock", 0, 1ULL << 9 },
	{ "make_fifo", 0, 1ULL << 10 },
	{ "make_block", 0, 1ULL << 11 },
	{ "make_sym", 0, 1ULL << 12 },
	{ "refer", 0, 1ULL << 13 },
	{ "truncate", 0, 1ULL << 14 },
	{ "ioctl_dev", 0, 1ULL << 15 },
	{ "resolve_unix", 0, 1ULL << 16 },
	{ "bind_tcp", 1, 1ULL << 0 },
	{ "connect_tcp", 1, 1ULL << 1 },
	{ "bind_udp", 1, 1ULL << 2 },
	{ "connect_send_udp", 1, 1ULL << 3 },
	{ "abstract_unix_socket", 2, 1ULL << 0 },
	{ "signal", 2, 1ULL << 1 },
	{ "pathname_unix_socket", 2, 1ULL << 2 },
	{ "abstract_unix_socket_inbound", 2, 1ULL << 3 },
	{ "pathname_unix_socket_inbound", 2, 1ULL << 4 },
};

static const char *const handled_key[2][3] = {
	{ "handled_access_fs", "handled_access_net", "scoped" },
	{ "handledAccessFs", "handledAccessNet", "scoped" },
};

/* A ruleset item handling @list in @category, in either format. */
static const char *ruleset_text(unsigned int fmt, int abi, int category,
				const char *list)
{
	static char text[512];
	char head[32] = "";

	if (fmt == JSON) {
		if (abi)
			snprintf(head, sizeof(head), "\"abi\": %d, ", abi);
		snprintf(text, sizeof(text),
			 "{%s\"ruleset\": [{\"%s\": [%s]}]}", head,
			 handled_key[1][category], list);
	} else {
		if (abi)
			snprintf(head, sizeof(head), "abi = %d\n", abi);
		snprintf(text, sizeof(text), "%s[[ruleset]]\n%s = [%s]\n", head,
			 handled_key[0][category], list);
	}
	return text;
}

static void expect_handled(unsigned int fmt, int abi, int category,
			   const char *list, uint64_t want)
{
	uint64_t v[3] = { 0, 0, 0 };
	char line[128];

	v[category] = want;
	snprintf(line, sizeof(line), "fs=0x%llx net=0x%llx scope=0x%llx",
		 (unsigned long long)v[0], (unsigned long long)v[1],
		 (unsigned long long)v[2]);
	/* An empty handled set builds nothing: -ENOMSG. */
	if (!want)
		snprintf(line, sizeof(line),
			 "error -42: policy: nothing is handled (composed "
			 "files may have no handled right in common)");
	ct_expect(fmt, ruleset_text(fmt, abi, category, list), line);
}

static void test_names(void **state)
{
	unsigned int fmt;
	size_t i;

	(void)state;
	for (fmt = TOML; fmt <= JSON; fmt <<= 1)
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			char list[64];

			snprintf(list, sizeof(list), "\"%s\"", names[i].name);
			expect_handled(fmt, 0, names[i].category, list,
				       names[i].bit);
		}
	/* Named rights are never filtered by abi. */
	expect_handled(TOML, 1, 0, "\"refer\", \"resolve_unix\"", 0x12000);
	expect_handled(TOML, 4, 1, "\"bind_udp\"", 0x4);
	expect_handled(TOML, 1, 2, "\"signal\"", 0x2);
	/* Items and names accumulate; duplicates are harmless. */
	ct_expect(TOML,
		  "[[ruleset]]\nhandled_access_fs = [\"execute\", "
		  "\"execute\"]\n[[ruleset]]\nhandled_access_fs = "
		  "[\"read_file\"]\nhandled_access_net = [\"bind_tcp\"]\n",
		  "fs=0x5 net=0x1 scope=0x0");
}

static void test_groups(void **state)
{
	unsigned int fmt;
	int abi, n;

	(void)state;
	for (fmt = TOML; fmt <= JSON; fmt <<= 1)
		/* Above the newest ABI, groups are the newest one's. */
		for (abi = 1; abi <= 13; abi++) {
			n = abi > 11 ? 11 : abi;
			expect_handled(fmt, abi, 0, "\"abi.all\"",
				       landscope_access_of_abi(
					       LANDSCOPE_CATEGORY_FS, n));
			expect_handled(fmt, abi, 0, "\"abi.read_execute\"",
				       landscope_access_of_abi(
					       LANDSCOPE_CATEGORY_FS, n) &
					       0x200d);
			expect_handled(fmt, abi, 0, "\"abi.read_write\"",
				       landscope_access_of_abi(
					       LANDSCOPE_CATEGORY_FS, n) &
					       ~1ULL);
			expect_handled(fmt, abi, 1, "\"abi.all\"",
				       landscope_access_of_abi(
					       LANDSCOPE_CATEGORY_NET, n));
			expect_handled(fmt, abi, 2, "\"abi.all\"",
				       landscope_access_of_abi(
					       LANDSCOPE_CATEGORY_SCOPE, n));
		}
	/* The ABI 1 to 5 values landlockconfig documents. */
	expect_handled(TOML, 1, 0, "\"abi.read_execute\"", 0xd);
	expect_handled(TOML, 2, 0, "\"abi.read_execute\"", 0x200d);
	expect_handled(TOML, 1, 0, "\"abi.read_write\"", 0x1ffe);
	expect_handled(TOML, 5, 0, "\"abi.read_write\"", 0xfffe);
	expect_handled(TOML, 4, 0, "\"abi.all\"", 0x7fff);
	expect_handled(TOML, 2147483647, 1, "\"abi.all\"", 0xf);
	/* A group with a named right. */
	expect_handled(TOML, 1, 0, "\"abi.read_execute\", \"truncate\"",
		       0x400d);
}

static void test_mistakes(void **state)
{
	(void)state;
	ct_expect(TOML, "abi = 5\n",
		  "error -74: t.toml:1:1: no policy: the file has none of "
		  "variable, ruleset, path_beneath and net_port");
	ct_expect(TOML, "",
		  "error -74: t.toml:1:1: no policy: the file has none of "
		  "variable, ruleset, path_beneath and net_port");
	ct_expect(JSON, "{}",
		  "error -74: t.json:1:1: no policy: the file has none of "
		  "variable, ruleset, pathBeneath and netPort");
	ct_expect(TOML, "abi = 5\nx = 1\n",
		  "error -74: t.toml:2:1: unknown key \"x\" in the top level "
		  "(expected abi, variable, ruleset, path_beneath, net_port, "
		  "compatibility or restrict_flags)");
	ct_expect(TOML, "netPort = 1\n",
		  "error -74: t.toml:1:1: \"netPort\" is the JSON spelling: "
		  "TOML spells it net_port");
	ct_expect(JSON, "{\"net_port\": 1}",
		  "error -74: t.json:1:2: \"net_port\" is the TOML spelling: "
		  "JSON spells it netPort");
	ct_expect(JSON,
		  "{\"ruleset\": [{\"handled_access_fs\": [\"execute\"]}]}",
		  "error -74: t.json:1:15: \"handled_access_fs\" is the TOML "
		  "spelling: JSON spells it handledAccessFs");
	ct_expect(TOML, "[[ruleset]]\nhandledAccessNet = [\"bind_tcp\"]\n",
		  "error -74: t.toml:2:1: \"handledAccessNet\" is the JSON "
		  "spelling: TOML spells it handled_access_net");
	ct_expect(TOML, "[[path_beneath]]\nallowedAccess = [\"execute\"]\n",
		  "error -74: t.toml:2:1: \"allowedAccess\" is the JSON "
		  "spelling: TOML spells it allowed_access");
	ct_expect(TOML,
		  "[[ruleset]]\nhandled_access_fs = [\"execute\"]\n"
		  "ABI = 5\n",
		  "error -74: t.toml:3:1: unknown key \"ABI\" in a ruleset "
		  "item (expected handled_access_fs, handled_access_net, "
		  "scoped, quiet_access_fs, quiet_access_net or "
		  "quiet_scoped)");
	/* abi. */
	ct_expect(TOML, "abi = 0\n[[ruleset]]\nscoped = [\"signal\"]\n",
		  "error -74: t.toml:1:7: abi: expected an integer from 1 to "
		  "2147483647");
	ct_expect(TOML, "abi = 2147483648\n",
		  "error -74: t.toml:1:7: abi: expected an integer from 1 to "
		  "2147483647");
	ct_expect(JSON, "{\"abi\": \"5\"}",
		  "error -74: t.json:1:9: abi: expected an integer from 1 to "
		  "2147483647");
	/* Lists. */
	ct_expect(TOML, "ruleset = 1\n",
		  "error -74: t.toml:1:11: ruleset: expected an array of "
		  "tables, found an integer (write [[...]] headers)");
	ct_expect(TOML, "[ruleset]\nscoped = [\"signal\"]\n",
		  "error -74: t.toml:1:1: ruleset: expected an array of "
		  "tables, found a table (write [[...]] headers)");
	ct_expect(JSON, "{\"ruleset\": {\"scoped\": [\"signal\"]}}",
		  "error -74: t.json:1:13: ruleset: expected an array of "
		  "tables, found a table");
	ct_expect(TOML, "ruleset = []\n",
		  "error -74: t.toml:1:11: ruleset: empty array (give at "
		  "least one element, or leave the key out)");
	ct_expect(JSON, "{\"pathBeneath\": []}",
		  "error -74: t.json:1:17: pathBeneath: empty array (give at "
		  "least one element, or leave the key out)");
	ct_expect(TOML, "ruleset = [1]\n",
		  "error -74: t.toml:1:12: ruleset: expected tables, found an "
		  "integer");
	/* Ruleset items. */
	ct_expect(TOML, "[[ruleset]]\n",
		  "error -74: t.toml:1:1: a ruleset item needs "
		  "handled_access_fs, handled_access_net or scoped");
	ct_expect(TOML, "[[ruleset]]\nquiet_access_fs = [\"execute\"]\n",
		  "error -74: t.toml:1:1: a ruleset item needs "
		  "handled_access_fs, handled_access_net or scoped");
	ct_expect(JSON, "{\"ruleset\": [{}]}",
		  "error -74: t.json:1:14: a ruleset item needs "
		  "handledAccessFs, handledAccessNet or scoped");
	ct_expect(TOML, "[[ruleset]]\nhandled_access_fs = []\n",
		  "error -74: t.toml:2:21: handled_access_fs: empty array "
		  "(give at least one element, or leave the key out)");
	ct_expect(TOML, "[[ruleset]]\nhandled_access_fs = \"execute\"\n",
		  "error -74: t.toml:2:21: handled_access_fs: expected an "
		  "array of strings, found a string");
	ct_expect(TOML, "[[ruleset]]\nhandled_access_fs = [1]\n",
		  "error -74: t.toml:2:22: handled_access_fs: expected "
		  "strings, found an integer");
	/* Names. */
	ct_expect(TOML, "[[ruleset]]\nhandled_access_fs = [\"READ_FILE\"]\n",
		  "error -74: t.toml:2:22: handled_access_fs: unknown "
		  "filesystem right \"READ_FILE\" (names are the kernel's, in "
		  "lower case, or abi.all, abi.read_execute, "
		  "abi.read_write)");
	ct_expect(TOML, "[[ruleset]]\nhandled_access_fs = [\"bind_tcp\"]\n",
		  "error -74: t.toml:2:22: handled_access_fs: \"bind_tcp\" is "
		  "a network right, not a filesystem right");
	ct_expect(TOML, "[[ruleset]]\nscoped = [\"execute\"]\n",
		  "error -74: t.toml:2:11: scoped: \"execute\" is a "
		  "filesystem right, not a scope");
	ct_expect(
		TOML,
		"[[ruleset]]\nhandled_access_net = [\"abi.read_write\"]\n",
		"error -74: t.toml:2:23: handled_access_net: unknown "
		"network right \"abi.read_write\" (names are the kernel's, in "
		"lower case, or abi.all)");
	ct_expect(TOML, "[[ruleset]]\nhandled_access_fs = [\"abi.all\"]\n",
		  "error -74: t.toml:2:22: handled_access_fs: \"abi.all\" "
		  "needs the abi key (abi = N at the top of the file)");
	ct_expect(TOML, "[[ruleset]]\nhandled_access_fs = [\"\\u0000\"]\n",
		  "error -74: t.toml:2:22: handled_access_fs: NUL character "
		  "in a string");
	ct_expect(TOML,
		  "[[ruleset]]\nhandled_access_fs = [\"x\\u001b[31m\\n\"]\n",
		  "error -74: t.toml:2:22: handled_access_fs: unknown "
		  "filesystem right \"x\\x1b[31m\\x0a\" (names are the "
		  "kernel's, in lower case, or abi.all, abi.read_execute, "
		  "abi.read_write)");
}

static void test_path_rules(void **state)
{
	char old[4096];

	(void)state;
	ct_expect(TOML,
		  "[[path_beneath]]\nallowed_access = [\"read_file\"]\n"
		  "parent = [\"/usr\"]\n",
		  "fs=0x4 net=0x0 scope=0x0 /usr=0x4");
	ct_expect(JSON,
		  "{\"pathBeneath\": [{\"allowedAccess\": [\"read_file\"], "
		  "\"parent\": [\"/usr\"]}]}",
		  "fs=0x4 net=0x0 scope=0x0 /usr=0x4");
	/* Rights of rules are handled, and add to ruleset items. */
	ct_expect(TOML,
		  "[[ruleset]]\nhandled_access_fs = [\"make_dir\"]\n"
		  "[[path_beneath]]\nallowed_access = [\"read_file\"]\n"
		  "parent = [\"/usr\"]\n",
		  "fs=0x84 net=0x0 scope=0x0 /usr=0x4");
	/* Same path, however written: one rule, by union, sorted. */
	ct_expect(TOML,
		  "[[path_beneath]]\nallowed_access = [\"read_file\"]\n"
		  "parent = [\"/usr\", \"/tmp\", \"/\"]\n"
		  "[[path_beneath]]\nallowed_access = [\"execute\"]\n"
		  "parent = [\"/usr/\", \"//usr\", \"/./usr/.\", \"/usr//\"]\n",
		  "fs=0x5 net=0x0 scope=0x0 /=0x4 /tmp=0x4 /usr=0x5");
	/*
	 * ".." is the file system's to resolve; "./a" is "a", both the
	 * current directory's (made absolute when built: from "/" here).
	 */
	assert_non_null(getcwd(old, sizeof(old)));
	assert_int_equal(chdir("/"), 0);
	ct_expect(TOML,
		  "[[path_beneath]]\nallowed_access = [\"read_file\"]\n"
		  "parent = [\"/usr/../etc\", \"./a\", \"a\", \"a/./b\", "
		  "\"a/b/\", \".\", \"./\", \"././\"]\n",
		  "fs=0x4 net=0x0 scope=0x0 "
		  "/usr/../etc=0x4" ENOENT_S " /=0x4 /a=0x4" ENOENT_S
		  " /a/b=0x4" ENOENT_S);
	assert_int_equal(chdir(old), 0);
	/* Components sort before longer names: /a/b before /a-b. */
	ct_expect(TOML,
		  "[[path_beneath]]\nallowed_access = [\"read_file\"]\n"
		  "parent = [\"/a-b\", \"/a/b\", \"/a\"]\n",
		  "fs=0x4 net=0x0 scope=0x0 /a=0x4" ENOENT_S
		  " /a/b=0x4" ENOENT_S " /a-b=0x4" ENOENT_S);
	/* A file keeps file rights; what cannot be opened is skipped. */
	ct_expect(TOML,
		  "[[path_beneath]]\nallowed_access = [\"read_file\", "
		  "\"read_dir\"]\nparent = [\"/etc/passwd\", \"/nope\", "
		  "\"/etc/passwd/x\"]\n",
		  "fs=0xc net=0x0 scope=0x0 /etc/passwd=0xc/file "
		  "/etc/passwd/x=0xc!Not a directory /nope=0xc" ENOENT_S);
	/* Mistakes. */
	ct_expect(TOML, "[[path_beneath]]\nparent = [\"/usr\"]\n",
		  "error -74: t.toml:1:1: a path_beneath item needs "
		  "allowed_access");
	ct_expect(JSON,
		  "{\"pathBeneath\": [{\"allowedAccess\": [\"execute\"]}]}",
		  "error -74: t.json:1:18: a pathBeneath item needs parent");
	ct_expect(TOML,
		  "[[path_beneath]]\nallowed_access = [\"execute\"]\n"
		  "parent = \"/usr\"\n",
		  "error -74: t.toml:3:10: parent: expected an array of "
		  "strings, found a string");
	ct_expect(TOML,
		  "[[path_beneath]]\nallowed_access = [\"execute\"]\n"
		  "parent = []\n",
		  "error -74: t.toml:3:10: parent: empty array (give at least "
		  "one element, or leave the key out)");
	ct_expect(TOML,
		  "[[path_beneath]]\nallowed_access = [\"execute\"]\n"
		  "parent = [\"/usr\", \"\"]\n",
		  "error -74: t.toml:3:19: parent: empty path");
	ct_expect(TOML,
		  "[[path_beneath]]\nallowed_access = [\"execute\"]\n"
		  "parent = [\"/a\\u0000b\"]\n",
		  "error -74: t.toml:3:11: parent: NUL character in a string");
	ct_expect(TOML,
		  "[[path_beneath]]\nallowed_access = [\"execute\"]\n"
		  "parent = [\"/usr\"]\npaths = 1\n",
		  "error -74: t.toml:4:1: unknown key \"paths\" in a path item "
		  "(expected allowed_access, parent or quiet)");
	ct_expect(TOML,
		  "[[path_beneath]]\nallowed_access = [\"bind_tcp\"]\n"
		  "parent = [\"/usr\"]\n",
		  "error -74: t.toml:2:19: allowed_access: \"bind_tcp\" is a "
		  "network right, not a filesystem right");
	ct_expect(TOML,
		  "[[path_beneath]]\nallowed_access = [\"execute\"]\n"
		  "parent = [\"/usr\"]\nquiet = 1\n",
		  "error -74: t.toml:4:9: quiet: expected true or false, "
		  "found an integer");
}

static void test_port_rules(void **state)
{
	(void)state;
	ct_expect(TOML,
		  "[[net_port]]\nallowed_access = [\"bind_tcp\"]\n"
		  "port = [0, 65535, 80, 80]\n"
		  "[[net_port]]\nallowed_access = [\"connect_tcp\", "
		  "\"connect_send_udp\"]\nport = [0x50]\n",
		  "fs=0x0 net=0xb scope=0x0 :0=0x1 :80=0xb :65535=0x1");
	ct_expect(JSON,
		  "{\"netPort\": [{\"allowedAccess\": [\"bind_udp\"], "
		  "\"port\": [53]}]}",
		  "fs=0x0 net=0x4 scope=0x0 :53=0x4");
	/* Ports beyond 0-65535 are refused as the file is read. */
	ct_expect(TOML,
		  "[[net_port]]\nallowed_access = [\"bind_tcp\"]\n"
		  "port = [80,\n  65536]\n",
		  "error -74: t.toml:4:3: port: 65536 is not a port (0 to "
		  "65535)");
	ct_expect(JSON,
		  "{\"netPort\": [{\"allowedAccess\": [\"bind_tcp\"], "
		  "\"port\": [-1]}]}",
		  "error -74: t.json:1:55: port: -1 is not a port (0 to "
		  "65535)");
	ct_expect(JSON,
		  "{\"netPort\": [{\"allowedAccess\": [\"bind_tcp\"], "
		  "\"port\": [18446744073709551616]}]}",
		  "error -74: t.json:1:55: integer out of the 64-bit range");
	ct_expect(TOML,
		  "[[net_port]]\nallowed_access = [\"bind_tcp\"]\n"
		  "port = [\"80\"]\n",
		  "error -74: t.toml:3:9: port: expected integers, found a "
		  "string");
	ct_expect(TOML, "[[net_port]]\nport = [80]\n",
		  "error -74: t.toml:1:1: a net_port item needs "
		  "allowed_access");
	ct_expect(
		TOML,
		"[[net_port]]\nallowed_access = [\"read_file\"]\nport = [1]\n",
		"error -74: t.toml:2:19: allowed_access: \"read_file\" is a "
		"filesystem right, not a network right");
}

static const char *const rule = "[[path_beneath]]\nallowed_access = "
				"[\"read_file\"]\n";

/* @vars, then a rule on @parents. */
static void expect_vars(const char *vars, const char *parents, const char *want)
{
	char text[1024];

	snprintf(text, sizeof(text), "%s%sparent = [%s]\n", vars, rule,
		 parents);
	ct_expect(TOML, text, want);
}

static void test_variables(void **state)
{
	(void)state;
	expect_vars("[[variable]]\nname = \"v\"\nliteral = [\"/usr\", "
		    "\"/etc\"]\n",
		    "\"${v}\"", "fs=0x4 net=0x0 scope=0x0 /etc=0x4 /usr=0x4");
	/* Every combination; the last variable turns fastest. */
	expect_vars("[[variable]]\nname = \"a\"\nliteral = [\"/x\", "
		    "\"/y\"]\n[[variable]]\nname = \"b_2\"\nliteral = "
		    "[\"1\", \"2\"]\n",
		    "\"${a}/${b_2}${b_2}\"",
		    "fs=0x4 net=0x0 scope=0x0 /x/11=0x4" ENOENT_S
		    " /x/12=0x4" ENOENT_S " /x/21=0x4" ENOENT_S
		    " /x/22=0x4" ENOENT_S " /y/11=0x4" ENOENT_S
		    " /y/12=0x4" ENOENT_S " /y/21=0x4" ENOENT_S
		    " /y/22=0x4" ENOENT_S);
	/* Items of one name add values; equal values count once. */
	expect_vars("[[variable]]\nname = \"v\"\nliteral = [\"/usr\"]\n"
		    "[[variable]]\nname = \"v\"\nliteral = [\"/tmp\", "
		    "\"/usr\"]\n",
		    "\"${v}\"", "fs=0x4 net=0x0 scope=0x0 /tmp=0x4 /usr=0x4");
	/* $$ is a dollar, any other $ itself; values are literal. */
	expect_vars("[[variable]]\nname = \"v\"\nliteral = [\"${w}\"]\n",
		    "\"/t/$$x\", \"/t/$x\", \"/t/$${v}\", \"/t/${v}\", "
		    "\"/t/$\", \"/t/a$$$\"",
		    "fs=0x4 net=0x0 scope=0x0 /t/$=0x4" ENOENT_S
		    " /t/$x=0x4" ENOENT_S " /t/${v}=0x4" ENOENT_S
		    " /t/${w}=0x4" ENOENT_S " /t/a$$=0x4" ENOENT_S);
	/* Declared without values: defined, and its paths are none. */
	expect_vars("[[variable]]\nname = \"v\"\n", "\"${v}\", \"/a/${v}\"",
		    "fs=0x4 net=0x0 scope=0x0");
	/* An empty value can make an empty path, which cannot be opened. */
	expect_vars("[[variable]]\nname = \"v\"\nliteral = [\"\"]\n",
		    "\"${v}\"", "fs=0x4 net=0x0 scope=0x0 =0x4" ENOENT_S);
	/* Undefined: an error when building, where the path was written. */
	expect_vars("", "\"/usr\",\n  \"${nope}\"",
		    "error -74: t.toml:4:3: undefined variable \"${nope}\" in "
		    "\"${nope}\"");
	/* Template syntax. */
	expect_vars("", "\"/a/${x\"",
		    "error -74: t.toml:3:11: parent: \"/a/${x\": unclosed "
		    "\"${\"");
	expect_vars("", "\"/a/${}\"",
		    "error -74: t.toml:3:11: parent: \"/a/${}\": empty "
		    "variable name \"${}\"");
	expect_vars("", "\"${1x}\"",
		    "error -74: t.toml:3:11: parent: \"${1x}\": invalid "
		    "variable name (a letter, then letters, digits or '_')");
	expect_vars("", "\"${a-b}\"",
		    "error -74: t.toml:3:11: parent: \"${a-b}\": invalid "
		    "variable name (a letter, then letters, digits or '_')");
	/* Variable items. */
	expect_vars("[[variable]]\nname = \"1v\"\n", "\"/usr\"",
		    "error -74: t.toml:2:8: name: expected a variable name (a "
		    "letter, then letters, digits or '_'), not \"1v\"");
	expect_vars("[[variable]]\nname = 1\n", "\"/usr\"",
		    "error -74: t.toml:2:8: name: expected a variable name (a "
		    "letter, then letters, digits or '_')");
	expect_vars("[[variable]]\nliteral = [\"/usr\"]\n", "\"/usr\"",
		    "error -74: t.toml:1:1: a variable item needs a name");
	expect_vars("[[variable]]\nname = \"v\"\nliteral = []\n", "\"/usr\"",
		    "error -74: t.toml:3:11: literal: empty array (give at "
		    "least one element, or leave the key out)");
	expect_vars("[[variable]]\nname = \"v\"\nvalue = [\"/a\"]\n",
		    "\"/usr\"",
		    "error -74: t.toml:3:1: unknown key \"value\" in a "
		    "variable item (expected name or literal)");
	/* Variables alone are a policy that handles nothing. */
	ct_expect(TOML, "[[variable]]\nname = \"v\"\n",
		  "error -42: policy: nothing is handled (composed files may "
		  "have no handled right in common)");
}

static void test_extensions(void **state)
{
	struct landscope_config *c;

	(void)state;
	c = ct_new();
	assert_int_equal(landscope_config_restrict_flags(c), 0);
	assert_int_equal(landscope_config_abi(c), 0);
	assert_int_equal(
		ct_parse(c, TOML,
			 "abi = 7\nrestrict_flags = [\"all_threads\", "
			 "\"log_new_exec_on\"]\ncompatibility = "
			 "\"soft_requirement\"\n[[ruleset]]\n"
			 "scoped = [\"signal\"]\nquiet_scoped = [\"signal\"]\n"),
		0);
	assert_int_equal(landscope_config_restrict_flags(c),
			 LANDSCOPE_RESTRICT_ALL_THREADS |
				 LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON);
	assert_int_equal(landscope_config_abi(c), 7);
	landscope_config_free(c);
	assert_int_equal(landscope_config_restrict_flags(NULL), -EINVAL);
	assert_int_equal(landscope_config_abi(NULL), -EINVAL);

	ct_expect(
		JSON,
		"{\"restrictFlags\": [\"log_same_exec_off\"], "
		"\"compatibility\": \"best_effort\", \"ruleset\": "
		"[{\"scoped\": [\"signal\"], \"quietScoped\": [\"signal\"]}]}",
		"fs=0x0 net=0x0 scope=0x2");
	ct_expect(TOML, "restrict_flags = [\"all\"]\n",
		  "error -74: t.toml:1:19: restrict_flags: unknown restrict "
		  "flag \"all\"");
	ct_expect(TOML, "abi = 8\nrestrict_flags = [\"abi.all\"]\n",
		  "error -74: t.toml:2:19: restrict_flags: unknown restrict "
		  "flag \"abi.all\"");
	ct_expect(TOML, "restrict_flags = [\"read_file\"]\n",
		  "error -74: t.toml:1:19: restrict_flags: \"read_file\" is a "
		  "filesystem right, not a restrict flag");
	ct_expect(TOML, "restrict_flags = []\n",
		  "error -74: t.toml:1:18: restrict_flags: empty array (give "
		  "at least one element, or leave the key out)");
	ct_expect(JSON, "{\"restrict_flags\": [\"all_threads\"]}",
		  "error -74: t.json:1:2: \"restrict_flags\" is the TOML "
		  "spelling: JSON spells it restrictFlags");
	ct_expect(TOML, "compatibility = \"hard\"\n",
		  "error -74: t.toml:1:17: compatibility: expected "
		  "\"best_effort\", \"soft_requirement\" or "
		  "\"hard_requirement\", not \"hard\"");
	ct_expect(TOML, "compatibility = 2\n",
		  "error -74: t.toml:1:17: compatibility: expected "
		  "\"best_effort\", \"soft_requirement\" or "
		  "\"hard_requirement\"");
	ct_expect(TOML,
		  "[[ruleset]]\nhandled_access_fs = [\"execute\"]\n"
		  "quiet_access_fs = [\"nope\"]\n",
		  "error -74: t.toml:3:20: quiet_access_fs: unknown "
		  "filesystem right \"nope\" (names are the kernel's, in lower "
		  "case, or abi.all, abi.read_execute, abi.read_write)");
	/* The filesystem groups are no scope names (issue 24). */
	ct_expect(TOML, "[[ruleset]]\nscoped = [\"signals\"]\n",
		  "error -74: t.toml:2:11: scoped: unknown scope \"signals\" "
		  "(names are the kernel's, in lower case, or abi.all)");
}

/* Bad calls, and the message after a call that succeeded. */
static void test_calls(void **state)
{
	struct landscope_config *c = NULL;
	struct landscope_ruleset *rs = (void *)1;

	(void)state;
	assert_int_equal(landscope_config_new(NULL, 0), -EINVAL);
	assert_int_equal(landscope_config_new(&c, 1), -EINVAL);
	assert_null(landscope_config_error(NULL));
	landscope_config_free(NULL);
	landscope_config_freep(NULL);
	c = ct_new();
	assert_string_equal(landscope_config_error(c), "");
	assert_int_equal(landscope_config_parse_buffer(NULL, "", 0, NULL, TOML),
			 -EINVAL);
	assert_int_equal(landscope_config_parse_buffer(c, NULL, 0, NULL, TOML),
			 -EINVAL);
	assert_int_equal(landscope_config_parse_buffer(c, "", 0, NULL, 0),
			 -EINVAL);
	assert_int_equal(landscope_config_parse_buffer(c, "", 0, NULL,
						       TOML | JSON),
			 -EINVAL);
	assert_int_equal(landscope_config_parse_buffer(c, "", 0, NULL, 4),
			 -EINVAL);
	/* Every error has its message, bad arguments too. */
	assert_string_equal(landscope_config_error(c),
			    "landscope_config_parse_buffer: a buffer and "
			    "exactly one format flag are needed");
	assert_int_equal(landscope_config_parse_file(c, NULL, 0), -EINVAL);
	assert_int_equal(landscope_config_parse_file(c, "x", TOML | JSON),
			 -EINVAL);
	assert_int_equal(landscope_config_parse_file(c, "x", 8), -EINVAL);
	assert_int_equal(landscope_config_parse_file(c, "policy.conf", 0),
			 -EINVAL);
	assert_string_equal(landscope_config_error(c),
			    "policy.conf: cannot tell the format: name it "
			    ".toml or .json, or give it");
	assert_int_equal(landscope_config_parse_dir(c, NULL, 0), -EINVAL);
	assert_int_equal(landscope_config_parse_dir(
				 c, "/",
				 LANDSCOPE_CONFIG_DIR_ONLY_TOML |
					 LANDSCOPE_CONFIG_DIR_ONLY_JSON),
			 -EINVAL);
	assert_int_equal(landscope_config_build(NULL, &rs, 0), -EINVAL);
	assert_int_equal(landscope_config_build(c, NULL, 0), -EINVAL);
	assert_int_equal(landscope_config_build(c, &rs, 1), -EINVAL);
	assert_int_equal(landscope_config_build(c, &rs, 0), -ENOMSG);
	assert_null(rs);
	assert_string_equal(landscope_config_error(c),
			    "policy: no policy file was parsed");
	assert_int_equal(landscope_config_compose(NULL, c), -EINVAL);
	assert_int_equal(landscope_config_compose(c, NULL), -EINVAL);
	assert_int_equal(landscope_config_compose(c, c), -EINVAL);
	assert_string_equal(landscope_config_error(c),
			    "landscope_config_compose: another configuration "
			    "is needed");
	/* A name given to a buffer is the messages'; NULL is "(buffer)". */
	assert_int_equal(landscope_config_parse_buffer(c, "x", 1, NULL, TOML),
			 -EBADMSG);
	assert_string_equal(landscope_config_error(c),
			    "(buffer):1:2: expected '=' after the key, found "
			    "the end of the file");
	assert_int_equal(landscope_config_parse_buffer(c, "x", 1, "a\nb", TOML),
			 -EBADMSG);
	assert_string_equal(landscope_config_error(c),
			    "a\\x0ab:1:2: expected '=' after the key, found "
			    "the end of the file");
	/* A call that succeeds clears the message. */
	assert_int_equal(
		ct_parse(c, TOML, "[[ruleset]]\nscoped = [\"signal\"]\n"), 0);
	assert_string_equal(landscope_config_error(c), "");
	landscope_config_freep(&c);
	assert_null(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_names),	    UNIT_TEST(test_groups),
		UNIT_TEST(test_mistakes),   UNIT_TEST(test_path_rules),
		UNIT_TEST(test_port_rules), UNIT_TEST(test_variables),
		UNIT_TEST(test_extensions), UNIT_TEST(test_calls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
