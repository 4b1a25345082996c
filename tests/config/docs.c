// SPDX-License-Identifier: MIT
/*
 * The examples of landscope_config(5) mean what their comments say
 * (issue 21, item 4): the TOML example and its JSON twin, read from the
 * man page itself so that the test follows the page, give the same
 * policy, and that policy denies what the comments say is denied.  Its
 * net_port comment says "binding no port": bind_tcp must be handled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgtest.h"

#define ENOENT_S "!No such file or directory"

/* The text of man/landscope_config.5.scd; to be freed. */
static char *read_page(void)
{
	const char *dir = getenv("CONFIG_MAN");
	char path[4096];
	size_t len;
	char *text;
	FILE *f;

	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/landscope_config.5.scd", dir);
	f = fopen(path, "r");
	assert_non_null(f);
	text = calloc(1, 1 << 20);
	assert_non_null(text);
	len = fread(text, 1, (1 << 20) - 1, f);
	assert_true(len > 0);
	fclose(f);
	return text;
}

/* The @nth code block (```) after @from, cut out of @text in place. */
static const char *block(char *from, int nth)
{
	char *start = from, *end;

	for (;;) {
		start = strstr(start, "\n```\n");
		assert_non_null(start);
		start += 5;
		end = strstr(start, "\n```\n");
		assert_non_null(end);
		if (!nth--)
			break;
		start = end + 5;
	}
	end[1] = '\0';
	return start;
}

static void test_example(void **state)
{
	char *page = read_page(), *example, *copy, toml[8192], json[8192];
	struct landscope_config *c;

	(void)state;
	example = strstr(page, "\n# EXAMPLE\n");
	assert_non_null(example);
	/* Cut one at a time: the first cut ends the text. */
	copy = strdup(example);
	assert_non_null(copy);
	snprintf(json, sizeof(json), "%s", block(copy, 1));
	free(copy);
	snprintf(toml, sizeof(toml), "%s", block(example, 0));

	c = ct_new();
	assert_int_equal(ct_parse(c, TOML, toml), 0);
	snprintf(toml, sizeof(toml), "%s", ct_policy(c));
	landscope_config_free(c);
	c = ct_new();
	assert_int_equal(ct_parse(c, JSON, json), 0);
	snprintf(json, sizeof(json), "%s", ct_policy(c));
	landscope_config_free(c);
	/*
	 * Every filesystem right of ABI 5 (read and execute the system,
	 * write only in the temporary directories), and both TCP rights:
	 * connecting to 443 only, binding nothing.
	 */
	assert_string_equal(toml,
			    "fs=0xffff net=0x3 scope=0x0 "
			    "/bin=0x200d" ENOENT_S " /dev=0x200d" ENOENT_S
			    " /etc=0x200d /lib=0x200d" ENOENT_S
			    " /proc=0x200d" ENOENT_S " /tmp=0xfffe "
			    "/usr=0x200d /var/tmp=0xfffe" ENOENT_S " :443=0x2");
	assert_string_equal(json, toml);
	free(page);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_example),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
