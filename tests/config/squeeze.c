// SPDX-License-Identifier: MIT
/*
 * Policy files under an address-space squeeze (RLIMIT_AS), the way a
 * program near its limit meets them (issue 21, item 13): every allocation
 * in the process may fail, not only the library's own that failalloc
 * reaches (tests/config/alloc.c), so a parser from another library would
 * be tested too.  For each limit from "nothing left" upwards, a forked
 * child parses a large TOML and JSON policy, as a buffer and as a
 * directory: each call must return 0 or -ENOMEM, never another error
 * (json-c 0.16 read a failed allocation as a "null" value, EBADMSG), and
 * never crash (it dereferenced an unchecked strdup() of a key).
 *
 * ASan needs address space of its own at any time and dies without it,
 * and valgrind's allocator is not the program's: under either the test
 * is skipped, and the plain build is the one that proves it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cfgtest.h"

/* Variables enough for several arena chunks and json-c's many objects. */
#define VARS 1500

static char *make_policy(unsigned int fmt, size_t *len)
{
	size_t cap = VARS * 96 + 256, o = 0;
	char *text = malloc(cap);
	unsigned int i;

	assert_non_null(text);
	if (fmt == JSON)
		o += (size_t)snprintf(text + o, cap - o,
				      "{\"abi\": 4, \"variable\": [");
	else
		o += (size_t)snprintf(text + o, cap - o, "abi = 4\n");
	for (i = 0; i < VARS; i++)
		o += (size_t)snprintf(
			text + o, cap - o,
			fmt == JSON ? "%s{\"name\": \"v%u\", \"literal\": "
				      "[\"/a%u\", \"/b%u\", \"c\"]}"
				    : "%s[[variable]]\nname = \"v%u\"\n"
				      "literal = [\"/a%u\", \"/b%u\", \"c\"]\n",
			fmt == JSON && i ? ", " : "", i, i, i);
	o += (size_t)snprintf(
		text + o, cap - o,
		fmt == JSON ? "], \"ruleset\": [{\"handledAccessFs\": "
			      "[\"abi.all\"]}], \"pathBeneath\": "
			      "[{\"allowedAccess\": [\"read_file\"], "
			      "\"parent\": [\"${v7}\"]}]}"
			    : "[[ruleset]]\nhandled_access_fs = [\"abi.all\"]\n"
			      "[[path_beneath]]\nallowed_access = "
			      "[\"read_file\"]\nparent = [\"${v7}\"]\n");
	assert_true(o < cap);
	*len = o;
	return text;
}

/* Bytes of address space in use now (the first field of statm). */
static unsigned long vm_size(void)
{
	unsigned long pages = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%lu", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	return pages * (unsigned long)sysconf(_SC_PAGESIZE);
}

/* In a child: the parse with @extra bytes of address space left. */
static int squeezed(unsigned int fmt, const char *text, size_t len,
		    const char *dir, unsigned long extra)
{
	struct landscope_config *c = NULL;
	struct rlimit rl;
	int err;

	err = landscope_config_new(&c, 0);
	if (err)
		return err;
	rl.rlim_cur = rl.rlim_max = vm_size() + extra;
	if (setrlimit(RLIMIT_AS, &rl))
		return -errno;
	if (dir)
		err = landscope_config_parse_dir(c, dir, fmt);
	else
		err = landscope_config_parse_buffer(
			c, text, len, fmt == JSON ? "t.json" : "t.toml", fmt);
	if (err && err != -ENOMEM)
		fprintf(stderr, "%s\n", landscope_config_error(c));
	landscope_config_free(c);
	return err;
}

static void squeeze(unsigned int fmt, const char *dir)
{
	unsigned long extra;
	unsigned int nomem = 0;
	int status, err;
	size_t len;
	char *text = make_policy(fmt, &len);
	pid_t pid;

	if (dir)
		ct_write(dir, fmt == JSON ? "p.json" : "p.toml", text);
	/* 4 KiB steps up to 16 MiB: success comes long before. */
	for (extra = 0; extra < 16UL << 20; extra += 4096) {
		fflush(NULL);
		pid = fork();
		assert_true(pid >= 0);
		if (!pid)
			_exit(-squeezed(fmt, text, len, dir, extra) & 0xff);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		CHECK(!WIFSIGNALED(status), "%s %s, %lu bytes left: signal %d",
		      fmt == JSON ? "JSON" : "TOML", dir ? "dir" : "buffer",
		      extra, WTERMSIG(status));
		err = -WEXITSTATUS(status);
		CHECK(!err || err == -ENOMEM, "%s %s, %lu bytes left: %d",
		      fmt == JSON ? "JSON" : "TOML", dir ? "dir" : "buffer",
		      extra, err);
		if (!err)
			break;
		nomem++;
	}
	CHECK(extra < 16UL << 20, "never parsed");
	print_message("%s %s: -ENOMEM %u times, then parsed\n",
		      fmt == JSON ? "JSON" : "TOML", dir ? "dir" : "buffer",
		      nomem);
	free(text);
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* Whether this runs under valgrind, whose preload library is loaded. */
static bool under_valgrind(void)
{
	const char *preload = getenv("LD_PRELOAD");

	return preload && strstr(preload, "vgpreload");
}

static void test_squeeze(void **state)
{
	char *dir, sub[4096];
	unsigned int fmt;

	(void)state;
#ifdef UNDER_ASAN
	skip();
#endif
	if (under_valgrind())
		skip();
	dir = ct_tmpdir();
	for (fmt = TOML; fmt <= JSON; fmt <<= 1) {
		snprintf(sub, sizeof(sub), "%s/%s", dir,
			 fmt == JSON ? "json" : "toml");
		assert_int_equal(mkdir(sub, 0700), 0);
		squeeze(fmt, NULL);
		squeeze(fmt, sub);
	}
	ct_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_squeeze),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
