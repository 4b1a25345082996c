// SPDX-License-Identifier: MIT
/*
 * Memory allocation failures in policy files (tests/common/failalloc.h):
 * a whole session (a TOML and a JSON buffer, a directory, a composition, a
 * build, a dry run) runs once per allocation it makes, with that
 * allocation failing.  The failing
 * step must return -ENOMEM and change nothing: the step is then done
 * again without failures, and the session must end with the very policy
 * of a run that never failed.  ASan or valgrind see any leak, the fixture
 * any fd left open.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgtest.h"
#include "failalloc.h"

static const char toml[] =
	"abi = 6\ncompatibility = \"best_effort\"\n"
	"restrict_flags = [\"log_new_exec_on\"]\n"
	"[[variable]]\nname = \"d\"\nliteral = [\"/usr\", \"/etc\", "
	"\"/tmp\"]\n"
	"[[variable]]\nname = \"s\"\nliteral = [\"\", \"/x\", \"/y\"]\n"
	"[[ruleset]]\nhandled_access_fs = [\"abi.all\"]\n"
	"handled_access_net = [\"abi.all\"]\nscoped = [\"abi.all\"]\n"
	"quiet_access_fs = [\"read_file\"]\n"
	"[[path_beneath]]\nallowed_access = [\"abi.read_execute\"]\n"
	"parent = [\"${d}${s}\", \"/etc/passwd\", \"/nope\"]\nquiet = true\n"
	"[[net_port]]\nallowed_access = [\"connect_tcp\"]\nport = [443, 80]\n";

static const char json[] =
	"{\"abi\": 5, \"variable\": [{\"name\": \"d\", \"literal\": "
	"[\"/bin\"]}], \"ruleset\": [{\"handledAccessFs\": [\"abi.all\"], "
	"\"handledAccessNet\": [\"bind_tcp\", \"connect_tcp\"]}], "
	"\"pathBeneath\": [{\"allowedAccess\": [\"abi.read_write\"], "
	"\"parent\": [\"/tmp\", \"${d}\"]}], \"netPort\": "
	"[{\"allowedAccess\": [\"bind_tcp\"], \"port\": [8080]}]}";

/* A step: 0, or -ENOMEM and then done again without failures. */
#define STEP(call)                                                \
	do {                                                      \
		int err_ = (call);                                \
		if (err_ == -ENOMEM && failalloc_failed()) {      \
			failalloc_disarm();                       \
			err_ = (call);                            \
		}                                                 \
		CHECK(!err_, "alloc %u: %s: %d", n, #call, err_); \
	} while (0)

/* The whole session; its final policy in @line. */
static void session(unsigned int n, const char *dir, char *line, size_t size)
{
	struct landscope_config *a = NULL, *b = NULL;
	int err;

	failalloc_arm(n);
	/* Without memory there is no configuration at all: try again. */
	err = landscope_config_new(&a, 0);
	if (err == -ENOMEM) {
		failalloc_disarm();
		err = landscope_config_new(&a, 0);
	}
	CHECK(!err, "alloc %u: new: %d", n, err);
	STEP(landscope_config_parse_buffer(a, toml, sizeof(toml) - 1, "t.toml",
					   TOML));
	STEP(landscope_config_parse_buffer(a, json, sizeof(json) - 1, "t.json",
					   JSON));
	STEP(landscope_config_parse_dir(a, dir, 0));
	err = landscope_config_new(&b, 0);
	if (err == -ENOMEM) {
		failalloc_disarm();
		err = landscope_config_new(&b, 0);
	}
	CHECK(!err, "alloc %u: new: %d", n, err);
	STEP(landscope_config_compose(b, a));
	/* ct_policy() builds and runs dry; it must not fail either. */
	snprintf(line, size, "%s", ct_policy(b));
	if (failalloc_failed() && !strncmp(line, "error -12", 9)) {
		failalloc_disarm();
		snprintf(line, size, "%s", ct_policy(b));
	}
	landscope_config_free(a);
	landscope_config_free(b);
	failalloc_disarm();
}

static void test_alloc_failures(void **state)
{
	char want[4096], got[4096];
	char *dir = ct_tmpdir();
	unsigned int n;

	(void)state;
	mock_fs_add("/usr/x", 1);
	mock_fs_add("/bin", 1);
	ct_write(dir, "a.toml",
		 "abi = 4\n[[ruleset]]\nhandled_access_fs = [\"abi.all\"]\n"
		 "handled_access_net = [\"abi.all\"]\n");
	/* A file of variables alone would handle nothing: give it a set. */
	ct_write(dir, "b.json",
		 "{\"variable\": [{\"name\": \"s\"}], \"abi\": 4, "
		 "\"ruleset\": [{\"handledAccessFs\": [\"abi.all\"], "
		 "\"handledAccessNet\": [\"abi.all\"]}]}");
	session(0, dir, want, sizeof(want));
#define E "!No such file or directory"
	assert_string_equal(want,
			    "fs=0x7fff net=0x3 scope=0x0 /bin=0x7fff "
			    "/bin/x=0x200d" E " /bin/y=0x200d" E
			    " /etc=0x7fff /etc/passwd=0x200d/file "
			    "/etc/x=0x200d" E " /etc/y=0x200d" E
			    " /nope=0x200d" E " /tmp=0x7fff /tmp/x=0x200d" E
			    " /tmp/y=0x200d" E " /usr=0x7fff /usr/x=0x200d "
			    "/usr/y=0x200d" E " :80=0x2 :443=0x2 :8080=0x1");
#undef E
	for (n = 1;; n++) {
		session(n, dir, got, sizeof(got));
		CHECK(!strcmp(got, want), "alloc %u: %s", n, got);
		assert_int_equal(mock_open_fds(), 0);
		if (!failalloc_failed())
			break;
	}
	/* The arenas make allocations few: 49 when this was written. */
	CHECK(n > 40, "only %u allocations", n);
	ct_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_alloc_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
