// SPDX-License-Identifier: MIT
/*
 * landscope_escape() and landscope_errno_name(): the one escaper and the
 * one errno table the tools use, byte for byte.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* What landscope_escape(@text, @flags) writes. */
static char *escaped(const char *text, unsigned int flags)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(landscope_escape(f, text, flags), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void check(const char *text, unsigned int flags, const char *want)
{
	char *got = escaped(text, flags);

	if (strcmp(got, want))
		fail_msg("escape(\"%s\", %#x): \"%s\", want \"%s\"", text,
			 flags, got, want);
	free(got);
}

static void test_text(void **state)
{
	(void)state;
	check("/usr/lib", 0, "/usr/lib");
	check("a\\b\tc\nd\re", 0, "a\\\\b\\tc\\nd\\re");
	/* A terminal escape, DEL, a C1 CSI, invalid UTF-8. */
	check("x\x1b[31m\x7f\xc2\x9b\xff", 0, "x\\x1b[31m\\x7f\\xc2\\x9b\\xff");
	/* Valid UTF-8 as it is; a truncated sequence byte by byte. */
	check("\xc3\xa9\xf0\x9f\x98\x80", 0, "\xc3\xa9\xf0\x9f\x98\x80");
	check("\xe2\x82", 0, "\\xe2\\x82");
	/* An overlong '/' and a surrogate are not UTF-8. */
	check("\xc0\xaf\xed\xa0\x80", 0, "\\xc0\\xaf\\xed\\xa0\\x80");
	/* Already escaped: its backslashes stay, new controls do not. */
	check("a\\x1b\n", LANDSCOPE_ESCAPE_ESCAPED, "a\\x1b\\n");
	check("", 0, "");
}

static void test_json(void **state)
{
	(void)state;
	check("a\"b\\c", LANDSCOPE_ESCAPE_JSON, "\"a\\\"b\\\\c\"");
	check("\x01\x1f\x7f\xc2\x85\xc3\xa9", LANDSCOPE_ESCAPE_JSON,
	      "\"\\u0001\\u001f\\u007f\\u0085\xc3\xa9\"");
	/* Not UTF-8: every byte above 0x7e as Latin-1. */
	check("\xff\xc3\xa9", LANDSCOPE_ESCAPE_JSON,
	      "\"\\u00ff\\u00c3\\u00a9\"");
	check("", LANDSCOPE_ESCAPE_JSON, "\"\"");
}

static void test_escape_errors(void **state)
{
	FILE *ro;

	(void)state;
	assert_int_equal(landscope_escape(NULL, "x", 0), -EINVAL);
	assert_int_equal(landscope_escape(stderr, NULL, 0), -EINVAL);
	assert_int_equal(landscope_escape(stderr, "x", 1U << 2), -EINVAL);
	assert_int_equal(landscope_escape(stderr, "x",
					  LANDSCOPE_ESCAPE_JSON |
						  LANDSCOPE_ESCAPE_ESCAPED),
			 -EINVAL);
	/* A stream that cannot be written: its error indicator is set. */
	ro = fopen("/dev/null", "r");
	assert_non_null(ro);
	assert_int_equal(landscope_escape(ro, "x", 0), -EIO);
	fclose(ro);
}

static void test_errno_name(void **state)
{
	(void)state;
	errno = 1234;
	assert_string_equal(landscope_errno_name(-EACCES), "EACCES");
	assert_string_equal(landscope_errno_name(EBADFD), "EBADFD");
	assert_string_equal(landscope_errno_name(-ESTALE), "ESTALE");
	assert_string_equal(landscope_errno_name(-EPROTONOSUPPORT),
			    "EPROTONOSUPPORT");
	assert_null(landscope_errno_name(0));
	assert_null(landscope_errno_name(-4095));
	assert_int_equal(errno, 1234);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_text),
		UNIT_TEST(test_json),
		UNIT_TEST(test_escape_errors),
		UNIT_TEST(test_errno_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
