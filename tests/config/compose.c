// SPDX-License-Identifier: MIT
/*
 * Composition: landlockconfig's own example (tests/config/data: two
 * sources for ABI 5 and 4, and the single TOML and JSON files they
 * compose to), directories, every order of five policies, and what a
 * failed file leaves behind (nothing).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfgtest.h"

#define ENOENT_S "!No such file or directory"

/* The composed policy of data/s1.toml and data/s2.toml. */
static const char *const example =
	"fs=0x7fff net=0x0 scope=0x0 /bin=0x200d /dev=0x200d /etc=0x200d "
	"/home/user/bin=0x200d /home/user/tmp=0x7ffe /lib=0x200d "
	"/proc=0x200d /tmp=0x7ffe /usr=0x200d /var/tmp=0x7ffe";

static const char *data(const char *name)
{
	static char path[4096];
	const char *dir = getenv("CONFIG_DATA");

	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static void example_fs(void)
{
	static const char *const dirs[] = { "/bin",	     "/lib",
					    "/dev",	     "/proc",
					    "/var/tmp",	     "/home/user/bin",
					    "/home/user/tmp" };
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		mock_fs_add(dirs[i], 1);
}

/* The policy of the data files @a, then @b (or NULL). */
static const char *files(const char *a, const char *b)
{
	struct landscope_config *c = ct_new();
	static char line[4096];

	assert_int_equal(landscope_config_parse_file(c, data(a), 0), 0);
	if (b)
		assert_int_equal(landscope_config_parse_file(c, data(b), 0), 0);
	snprintf(line, sizeof(line), "%s", ct_policy(c));
	/* The lower abi wins. */
	assert_int_equal(landscope_config_abi(c), 4);
	landscope_config_free(c);
	return line;
}

static void test_example(void **state)
{
	(void)state;
	example_fs();
	assert_string_equal(files("s1.toml", "s2.toml"), example);
	assert_string_equal(files("s2.toml", "s1.toml"), example);
	assert_string_equal(files("s.toml", NULL), example);
	assert_string_equal(files("s.json", NULL), example);
	/* The formats compose with each other. */
	assert_string_equal(files("s1.json", "s2.toml"), example);
	assert_string_equal(files("s2.toml", "s1.json"), example);
}

/* Copy data file @name into @dir as @as. */
static void copy_data(const char *dir, const char *name, const char *as)
{
	char text[8192];
	size_t n;
	FILE *f = fopen(data(name), "r");

	assert_non_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	ct_write(dir, as, text);
}

static void test_dir(void **state)
{
	struct landscope_config *c;
	char *dir = ct_tmpdir();
	char sub[4096], path[4096];
	int fds = ct_open_fds();

	(void)state;
	example_fs();
	copy_data(dir, "s1.toml", "10-system.toml");
	/* Through a symbolic link too. */
	copy_data(dir, "s2.toml", "real");
	snprintf(path, sizeof(path), "%s/real", dir);
	snprintf(sub, sizeof(sub), "%s/20-user.toml", dir);
	assert_int_equal(symlink(path, sub), 0);
	/* Not read: dot-files, other names, subdirectories, non-files. */
	ct_write(dir, ".hidden.toml", "not a policy");
	ct_write(dir, "README", "not a policy");
	ct_write(dir, "x.toml~", "not a policy");
	snprintf(sub, sizeof(sub), "%s/sub.toml", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	ct_write(sub, "bad.toml", "not a policy");
	snprintf(sub, sizeof(sub), "%s/fifo.toml", dir);
	assert_int_equal(mkfifo(sub, 0600), 0);
	snprintf(sub, sizeof(sub), "%s/dangling.json", dir);
	assert_int_equal(symlink("/nonexistent", sub), 0);

	c = ct_new();
	assert_int_equal(landscope_config_parse_dir(c, dir, 0), 0);
	assert_string_equal(ct_policy(c), example);
	/* Only JSON: there is none. */
	assert_int_equal(landscope_config_parse_dir(
				 c, dir, LANDSCOPE_CONFIG_DIR_ONLY_JSON),
			 -ENOENT);
	snprintf(path, sizeof(path),
		 "%s: no policy file (*.toml, *.json) in the directory", dir);
	assert_string_equal(landscope_config_error(c), path);
	/* Only TOML: the same again, composed with itself. */
	assert_int_equal(landscope_config_parse_dir(
				 c, dir, LANDSCOPE_CONFIG_DIR_ONLY_TOML),
			 0);
	assert_string_equal(ct_policy(c), example);
	/*
	 * The 0.1 and 0.2 name of the same bit, as a program built then
	 * passes it: still "only TOML" for a directory.
	 */
	assert_int_equal(
		landscope_config_parse_dir(c, dir, LANDSCOPE_CONFIG_TOML), 0);
	assert_string_equal(ct_policy(c), example);
	assert_int_equal(landscope_config_parse_dir(c, dir,
						    LANDSCOPE_CONFIG_JSON),
			 -ENOENT);
	landscope_config_free(c);
	assert_int_equal(ct_open_fds(), fds);
	ct_rmdir(dir);
}

static void test_dir_errors(void **state)
{
	struct landscope_config *c = ct_new();
	char *dir = ct_tmpdir(), want[8192], before[4096];
	char sub[4096];
	int fds = ct_open_fds();

	(void)state;
	example_fs();
	assert_int_equal(landscope_config_parse_file(c, data("s.toml"), 0), 0);
	snprintf(before, sizeof(before), "%s", ct_policy(c));

	/* Every bad file is named; the first error is returned. */
	copy_data(dir, "s1.toml", "a.toml");
	ct_write(dir, "b.toml", "abi = 5\n[[ruleset]]\nscoped = [\"nope\"]\n");
	ct_write(dir, "c.json", "{\"abi\": 5,}");
	copy_data(dir, "s2.toml", "d.toml");
	ct_write(dir, "e.toml", "");
	assert_int_equal(chmod(dir, 0700), 0);
	assert_int_equal(landscope_config_parse_dir(c, dir, 0), -EBADMSG);
	snprintf(want, sizeof(want),
		 "%1$s/b.toml:3:11: scoped: unknown scope \"nope\" (names are "
		 "the kernel's, in lower case, or abi.all)\n"
		 "%1$s/c.json:1:11: invalid JSON: expected a key in double "
		 "quotes\n"
		 "%1$s/e.toml:1:1: no policy: the file has none of variable, "
		 "ruleset, path_beneath and net_port",
		 dir);
	assert_string_equal(landscope_config_error(c), want);
	/* Nothing of the directory was taken. */
	assert_string_equal(ct_policy(c), before);

	/* A file that cannot be read fails the directory too. */
	snprintf(sub, sizeof(sub), "%s/b.toml", dir);
	unlink(sub);
	snprintf(sub, sizeof(sub), "%s/c.json", dir);
	unlink(sub);
	snprintf(sub, sizeof(sub), "%s/e.toml", dir);
	unlink(sub);
	assert_int_equal(mkdir(sub, 0700), 0);
	ct_write(sub, "x", "");
	/* A directory named e.toml is not a file: skipped. */
	assert_int_equal(landscope_config_parse_dir(c, dir, 0), 0);

	assert_int_equal(landscope_config_parse_dir(c, "/nonexistent", 0),
			 -ENOENT);
	assert_string_equal(landscope_config_error(c),
			    "/nonexistent: cannot open the directory: No such "
			    "file or directory");
	assert_int_equal(landscope_config_parse_dir(c, data("s.toml"), 0),
			 -ENOTDIR);
	ct_rmdir(dir);
	dir = ct_tmpdir();
	assert_int_equal(landscope_config_parse_dir(c, dir, 0), -ENOENT);
	landscope_config_free(c);
	assert_int_equal(ct_open_fds(), fds);
	ct_rmdir(dir);
}

/* Files that cannot be read, and what is left after a failure. */
/*
 * Names in messages are whole (issue 21, item 16): two bad files whose
 * names differ only after 60 bytes get two lines that tell them apart,
 * and a name's control characters are escaped, not printed.
 */
static void test_long_names(void **state)
{
	struct landscope_config *c = ct_new();
	char *dir = ct_tmpdir(), want[8192], name[3][128];
	const char *none = "no policy: the file has none of variable, "
			   "ruleset, path_beneath and net_port";
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		snprintf(name[i], sizeof(name[i]), "%.*s-%s.toml", 70,
			 "policy-of-a-service-with-a-rather-long-name-written-"
			 "by-a-package-manager-x",
			 i ? "two" : "one");
		ct_write(dir, name[i], "abi = 5\n");
	}
	/* A newline, an escape sequence and a C1 control in a name. */
	snprintf(name[2], sizeof(name[2]), "z\n\033[31m\xc2\x9b\"q\".toml");
	ct_write(dir, name[2], "abi = 5\n");
	assert_int_equal(landscope_config_parse_dir(c, dir, 0), -EBADMSG);
	snprintf(want, sizeof(want),
		 "%1$s/%2$s:1:1: %4$s\n%1$s/%3$s:1:1: %4$s\n"
		 "%1$s/z\\x0a\\x1b[31m\\xc2\\x9b\\\"q\\\".toml:1:1: %4$s",
		 dir, name[0], name[1], none);
	assert_string_equal(landscope_config_error(c), want);
	/* A file given alone: the same. */
	snprintf(want, sizeof(want), "%s/%s", dir, name[1]);
	assert_int_equal(landscope_config_parse_file(c, want, 0), -EBADMSG);
	strcat(want, ":1:1: ");
	strcat(want, none);
	assert_string_equal(landscope_config_error(c), want);
	landscope_config_free(c);
	ct_rmdir(dir);
}

static void test_file_errors(void **state)
{
	struct landscope_config *c = ct_new();
	char *dir = ct_tmpdir(), before[4096], path[4096];
	int fds = ct_open_fds();

	(void)state;
	example_fs();
	assert_int_equal(landscope_config_parse_file(c, data("s.json"), 0), 0);
	snprintf(before, sizeof(before), "%s", ct_policy(c));

	assert_int_equal(landscope_config_parse_file(c, "/nonexistent.toml", 0),
			 -ENOENT);
	assert_string_equal(landscope_config_error(c),
			    "/nonexistent.toml: cannot open: No such file or "
			    "directory");
	assert_int_equal(landscope_config_parse_file(c, dir, TOML), -EISDIR);
	assert_int_equal(landscope_config_parse_file(c, "/etc/passwd/x.toml",
						     0),
			 -ENOTDIR);
	/* The name decides the format, unless told. */
	assert_int_equal(landscope_config_parse_file(c, data("s.toml"), JSON),
			 -EBADMSG);
	ct_write(dir, "p.conf", "[[ruleset]]\nscoped = [\"signal\"]\n");
	snprintf(path, sizeof(path), "%s/p.conf", dir);
	assert_int_equal(landscope_config_parse_file(c, path, 0), -EINVAL);
	assert_string_equal(ct_policy(c), before);
	assert_int_equal(landscope_config_parse_file(c, path, TOML), 0);
	assert_string_equal(ct_policy(c),
			    "error -42: policy: nothing is handled (composed "
			    "files may have no handled right in common)");
	landscope_config_free(c);
	assert_int_equal(ct_open_fds(), fds);
	ct_rmdir(dir);
}

/* Five policies that overlap in every way composition cares about. */
static const struct {
	unsigned int fmt;
	const char *text;
} five[] = {
	{ TOML, "abi = 5\ncompatibility = \"soft_requirement\"\n"
		"[[variable]]\nname = \"v\"\nliteral = [\"/usr\"]\n"
		"[[ruleset]]\nhandled_access_net = [\"bind_tcp\", "
		"\"connect_tcp\"]\n"
		"[[path_beneath]]\nallowed_access = [\"abi.read_execute\"]\n"
		"parent = [\"${v}\"]\n"
		"[[path_beneath]]\nallowed_access = [\"abi.read_write\"]\n"
		"parent = [\"/tmp\"]\n"
		"[[net_port]]\nallowed_access = [\"connect_tcp\"]\n"
		"port = [80]\n" },
	{ TOML, "abi = 3\nrestrict_flags = [\"all_threads\"]\n"
		"[[variable]]\nname = \"v\"\nliteral = [\"/etc\"]\n"
		"[[ruleset]]\nhandled_access_fs = [\"abi.all\"]\n"
		"handled_access_net = [\"bind_tcp\", \"connect_tcp\"]\n"
		"[[path_beneath]]\nallowed_access = [\"read_file\"]\n"
		"parent = [\"${v}/x\"]\n" },
	{ JSON, "{\"abi\": 4, \"ruleset\": [{\"handledAccessFs\": "
		"[\"abi.all\"], \"handledAccessNet\": [\"abi.all\"]}], "
		"\"pathBeneath\": [{\"allowedAccess\": [\"execute\"], "
		"\"parent\": [\"/usr\"]}], \"netPort\": [{\"allowedAccess\": "
		"[\"bind_tcp\"], \"port\": [8080]}, {\"allowedAccess\": "
		"[\"connect_tcp\"], \"port\": [80]}]}" },
	{ TOML, "abi = 2\ncompatibility = \"hard_requirement\"\n"
		"[[variable]]\nname = \"w\"\nliteral = [\"/tmp\"]\n"
		"[[ruleset]]\nhandled_access_fs = [\"abi.all\"]\n"
		"handled_access_net = [\"bind_tcp\", \"connect_tcp\"]\n"
		"[[path_beneath]]\nallowed_access = [\"read_dir\", "
		"\"ioctl_dev\"]\nparent = [\"${w}\", \"${v}\"]\n" },
	{ JSON, "{\"abi\": 6, \"restrictFlags\": [\"log_new_exec_on\"], "
		"\"ruleset\": [{\"handledAccessFs\": [\"abi.all\"], "
		"\"handledAccessNet\": [\"abi.all\"], \"scoped\": "
		"[\"abi.all\"]}]}" },
};

#define NR_FIVE (sizeof(five) / sizeof(five[0]))

/* Compose in the order of @perm. */
static void compose_in(const size_t *perm, char *line, size_t size, int *abi,
		       int *flags)
{
	struct landscope_config *c = ct_new();
	size_t i;

	for (i = 0; i < NR_FIVE; i++)
		assert_int_equal(
			ct_parse(c, five[perm[i]].fmt, five[perm[i]].text), 0);
	snprintf(line, size, "%s", ct_policy(c));
	*abi = landscope_config_abi(c);
	*flags = landscope_config_restrict_flags(c);
	landscope_config_free(c);
}

static bool next_perm(size_t *p, size_t n)
{
	size_t i = n - 1, j = n - 1, t;

	while (i > 0 && p[i - 1] >= p[i])
		i--;
	if (!i)
		return false;
	while (p[j] <= p[i - 1])
		j--;
	t = p[i - 1];
	p[i - 1] = p[j];
	p[j] = t;
	for (j = n - 1; i < j; i++, j--) {
		t = p[i];
		p[i] = p[j];
		p[j] = t;
	}
	return true;
}

static void test_commutative(void **state)
{
	/*
	 * fs: 0xffff & 0x7fff & 0x7fff & 0xbfff & 0xffff (the fourth
	 * names ioctl_dev, which the second and third do not handle); net:
	 * all handle TCP; scope: only the fifth.  ${v} is /usr and /etc for
	 * every file that uses it; /tmp is read_write & 0x3fff.
	 */
	static const char *const want =
		"fs=0x3fff net=0x3 scope=0x0 /etc=0x200d /etc/x=0x4 "
		"/tmp=0x3ffe /usr=0x200d /usr/x=0x4 :80=0x2 :8080=0x1";
	size_t perm[NR_FIVE], n = 0, i;
	char first[4096], line[4096];
	int abi, flags, abi0, flags0;

	(void)state;
	for (i = 0; i < NR_FIVE; i++)
		perm[i] = i;
	mock_fs_add("/usr/x", 0);
	mock_fs_add("/etc/x", 0);
	compose_in(perm, first, sizeof(first), &abi0, &flags0);
	assert_string_equal(first, want);
	assert_int_equal(abi0, 2);
	assert_int_equal(flags0, LANDSCOPE_RESTRICT_ALL_THREADS |
					 LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON);
	while (next_perm(perm, NR_FIVE)) {
		compose_in(perm, line, sizeof(line), &abi, &flags);
		CHECK(!strcmp(line, first) && abi == abi0 && flags == flags0,
		      "order %zu %zu %zu %zu %zu: %s", perm[0], perm[1],
		      perm[2], perm[3], perm[4], line);
		n++;
	}
	assert_int_equal(n, 119);
}

/* Grouped differently through landscope_config_compose(). */
static void test_associative(void **state)
{
	struct landscope_config *a = ct_new(), *b = ct_new(), *e = ct_new();
	char line[4096];
	size_t i;

	(void)state;
	mock_fs_add("/usr/x", 0);
	mock_fs_add("/etc/x", 0);
	for (i = 0; i < NR_FIVE; i++)
		assert_int_equal(
			ct_parse(i < 2 ? a : b, five[i].fmt, five[i].text), 0);
	/* The empty configuration is the identity, on either side. */
	assert_int_equal(landscope_config_compose(b, e), 0);
	assert_int_equal(landscope_config_compose(e, a), 0);
	assert_int_equal(landscope_config_compose(e, b), 0);
	assert_int_equal(landscope_config_compose(b, a), 0);
	snprintf(line, sizeof(line), "%s", ct_policy(b));
	assert_string_equal(line, ct_policy(e));
	assert_int_equal(landscope_config_abi(b), landscope_config_abi(e));
	/* @a is left as it was: its own policy only. */
	assert_string_equal(ct_policy(a),
			    "fs=0x7fff net=0x3 scope=0x0 /etc=0x200d "
			    "/etc/x=0x4 /tmp=0x7ffe /usr=0x200d /usr/x=0x4 "
			    ":80=0x2");
	landscope_config_free(a);
	landscope_config_free(b);
	landscope_config_free(e);
}

/* Pairs of files and what they compose to, in both orders. */
static void expect_pair(const char *x, const char *y, const char *want)
{
	struct landscope_config *c;
	int k;

	for (k = 0; k < 2; k++) {
		c = ct_new();
		assert_int_equal(ct_parse(c, JSON, k ? y : x), 0);
		assert_int_equal(ct_parse(c, JSON, k ? x : y), 0);
		CHECK(!strcmp(ct_policy(c), want), "%s", ct_policy(c));
		landscope_config_free(c);
	}
}

static void test_pairs(void **state)
{
	(void)state;
	mock_fs_add("/a", 1);
	mock_fs_add("/b", 1);
	/* Each handles what the other does not: nothing is left. */
	expect_pair("{\"pathBeneath\": [{\"allowedAccess\": [\"execute\"], "
		    "\"parent\": [\"/a\"]}]}",
		    "{\"pathBeneath\": [{\"allowedAccess\": [\"read_file\"], "
		    "\"parent\": [\"/a\", \"/b\"]}]}",
		    "error -42: policy: nothing is handled (composed files "
		    "may have no handled right in common)");
	/* Only read_file is common: the execute rule goes. */
	expect_pair("{\"ruleset\": [{\"handledAccessFs\": [\"read_file\"]}], "
		    "\"pathBeneath\": [{\"allowedAccess\": [\"execute\"], "
		    "\"parent\": [\"/a\"]}]}",
		    "{\"pathBeneath\": [{\"allowedAccess\": [\"read_file\"], "
		    "\"parent\": [\"/a\", \"/b\"]}]}",
		    "fs=0x4 net=0x0 scope=0x0 /a=0x4 /b=0x4");
	/* A variable of one file serves the other's paths. */
	expect_pair("{\"variable\": [{\"name\": \"v\", \"literal\": "
		    "[\"/a\", \"/b\"]}], \"ruleset\": [{\"handledAccessFs\": "
		    "[\"read_file\"]}], \"pathBeneath\": [{\"allowedAccess\": "
		    "[\"execute\"], \"parent\": [\"${v}\"]}]}",
		    "{\"variable\": [{\"name\": \"v\"}], \"ruleset\": "
		    "[{\"handledAccessFs\": [\"execute\"]}], "
		    "\"pathBeneath\": [{\"allowedAccess\": [\"read_file\"], "
		    "\"parent\": [\"${v}\", \"/x${v}\"]}]}",
		    "fs=0x5 net=0x0 scope=0x0 /a=0x5 /b=0x5 /x/a=0x4" ENOENT_S
		    " /x/b=0x4" ENOENT_S);
}

/* A path of one file, a variable of another. */
static void test_variable_across(void **state)
{
	struct landscope_config *c = ct_new();
	const char *user = "[[path_beneath]]\nallowed_access = "
			   "[\"read_file\"]\nparent = [\"${home}/.config\"]\n";

	(void)state;
	assert_int_equal(ct_parse(c, TOML, user), 0);
	assert_string_equal(ct_policy(c),
			    "error -74: t.toml:3:11: undefined variable "
			    "\"${home}\" in \"${home}/.config\"");
	assert_int_equal(ct_parse(c, TOML,
				  "[[variable]]\nname = \"home\"\nliteral = "
				  "[\"/tmp\"]\n"),
			 0);
	mock_fs_add("/tmp/.config", 1);
	assert_string_equal(ct_policy(c),
			    "error -42: policy: nothing is handled (composed "
			    "files may have no handled right in common)");
	landscope_config_free(c);

	/* With handled rights in common, the path resolves. */
	c = ct_new();
	assert_int_equal(ct_parse(c, TOML, user), 0);
	assert_int_equal(ct_parse(c, JSON,
				  "{\"variable\": [{\"name\": \"home\", "
				  "\"literal\": [\"/tmp\"]}], \"ruleset\": "
				  "[{\"handledAccessFs\": [\"read_file\"]}]}"),
			 0);
	assert_string_equal(ct_policy(c),
			    "fs=0x4 net=0x0 scope=0x0 /tmp/.config=0x4");
	landscope_config_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_example),     UNIT_TEST(test_dir),
		UNIT_TEST(test_dir_errors),  UNIT_TEST(test_file_errors),
		UNIT_TEST(test_commutative), UNIT_TEST(test_associative),
		UNIT_TEST(test_pairs),	     UNIT_TEST(test_variable_across),
		UNIT_TEST(test_long_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
