// SPDX-License-Identifier: MIT
/*
 * The library's one table of bits, as programs see it: the first ABI of
 * every bit, every bit of every ABI, written out here as literal numbers
 * (from the kernel's uapi header and Documentation/userspace-api/
 * landlock.rst), so that the table is checked against something it did not
 * produce.  The rest of the unit suite then takes its expectations from
 * landscope_access_of_abi().
 */
#include <errno.h>

/* Internal: the per-ABI tables themselves (lsc_file_mask()...). */
#include "bits.h"
#include "unit.h"

#define FS LANDSCOPE_CATEGORY_FS
#define NET LANDSCOPE_CATEGORY_NET
#define SCOPE LANDSCOPE_CATEGORY_SCOPE
#define FLAGS LANDSCOPE_CATEGORY_FLAGS

/* Every bit of each category, ABI 1 to 11. */
static const uint64_t want_of_abi[4][12] = {
	[FS] = { 0, 0x1fff, 0x3fff, 0x7fff, 0x7fff, 0xffff, 0xffff, 0xffff,
		 0xffff, 0x1ffff, 0x1ffff, 0x1ffff },
	[NET] = { 0, 0, 0, 0, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0xf, 0xf },
	[SCOPE] = { 0, 0, 0, 0, 0, 0, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3 },
	[FLAGS] = { 0, 0, 0, 0, 0, 0, 0, 0x7, 0xf, 0xf, 0xf, 0xf },
};

static void test_access_of_abi(void **state)
{
	int c, abi;

	(void)state;
	/* The figures the 0.2 API promises. */
	assert_int_equal(landscope_access_of_abi(FS, 7), 0xffff);
	assert_int_equal(landscope_access_of_abi(FS, 9), 0x1ffff);
	assert_int_equal(landscope_access_of_abi(NET, 4), 3);
	for (c = 0; c < 4; c++)
		for (abi = 0; abi <= 11; abi++)
			CHECK(landscope_access_of_abi(c, abi) ==
				      want_of_abi[c][abi],
			      "category %d abi %d: %#llx", c, abi,
			      (unsigned long long)landscope_access_of_abi(c,
									  abi));
	/* Beyond the last ABI: everything upstream, never companion bits. */
	for (c = 0; c < 4; c++) {
		assert_int_equal(landscope_access_of_abi(c, 12),
				 want_of_abi[c][11]);
		assert_int_equal(landscope_access_of_abi(c, 1 << 30),
				 want_of_abi[c][11]);
		assert_int_equal(landscope_access_of_abi(c, -1), 0);
	}
	/* Add-rule flags: quiet rules are ABI 10. */
	assert_int_equal(
		landscope_access_of_abi(LANDSCOPE_CATEGORY_ADD_RULE, 9), 0);
	assert_int_equal(landscope_access_of_abi(LANDSCOPE_CATEGORY_ADD_RULE,
						 10),
			 LANDSCOPE_ADD_RULE_QUIET);
	assert_int_equal(landscope_access_abi(LANDSCOPE_CATEGORY_ADD_RULE,
					      LANDSCOPE_ADD_RULE_QUIET),
			 10);
	/* IGNORE_MISSING is the library's, not Landlock's. */
	assert_int_equal(
		landscope_access_abi(LANDSCOPE_CATEGORY_ADD_RULE,
				     LANDSCOPE_ADD_RULE_IGNORE_MISSING),
		-EINVAL);
	assert_string_equal(landscope_access_name(LANDSCOPE_CATEGORY_ADD_RULE,
						  LANDSCOPE_ADD_RULE_QUIET),
			    "quiet");
	assert_int_equal(landscope_access_of_abi(5, 11), 0);
	assert_int_equal(landscope_access_of_abi(-1, 11), 0);
}

static void test_access_abi(void **state)
{
	static const struct {
		int category;
		uint64_t bit;
		int abi;
	} want[] = {
		{ FS, LANDSCOPE_ACCESS_FS_EXECUTE, 1 },
		{ FS, LANDSCOPE_ACCESS_FS_MAKE_SYM, 1 },
		{ FS, LANDSCOPE_ACCESS_FS_REFER, 2 },
		{ FS, LANDSCOPE_ACCESS_FS_TRUNCATE, 3 },
		{ FS, LANDSCOPE_ACCESS_FS_IOCTL_DEV, 5 },
		{ FS, LANDSCOPE_ACCESS_FS_RESOLVE_UNIX, 9 },
		{ NET, LANDSCOPE_ACCESS_NET_BIND_TCP, 4 },
		{ NET, LANDSCOPE_ACCESS_NET_CONNECT_TCP, 4 },
		{ NET, LANDSCOPE_ACCESS_NET_BIND_UDP, 10 },
		{ NET, LANDSCOPE_ACCESS_NET_CONNECT_SEND_UDP, 10 },
		{ SCOPE, LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET, 6 },
		{ SCOPE, LANDSCOPE_SCOPE_SIGNAL, 6 },
		{ SCOPE, LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET, 0 },
		{ SCOPE, LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND, 0 },
		{ SCOPE, LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND, 0 },
		{ FLAGS, LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF, 7 },
		{ FLAGS, LANDSCOPE_RESTRICT_LOG_SUBDOMAINS_OFF, 7 },
		{ FLAGS, LANDSCOPE_RESTRICT_ALL_THREADS, 8 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK(landscope_access_abi(want[i].category, want[i].bit) ==
			      want[i].abi,
		      "category %d bit %#llx", want[i].category,
		      (unsigned long long)want[i].bit);
	/* Every bit of the table agrees with landscope_access_of_abi(). */
	for (i = 0; i < lsc_nr_bits; i++) {
		const struct lsc_bit *b = &lsc_bits[i];
		int abi = landscope_access_abi(b->category, b->bit);

		if (b->companion)
			continue;
		CHECK(landscope_access_of_abi(b->category, abi) & b->bit, "%s",
		      b->name);
		CHECK(!(landscope_access_of_abi(b->category, abi - 1) & b->bit),
		      "%s", b->name);
	}
	assert_int_equal(landscope_access_abi(FS, 0), -EINVAL);
	assert_int_equal(landscope_access_abi(FS, 3), -EINVAL);
	assert_int_equal(landscope_access_abi(FS, 1ULL << 17), -EINVAL);
	assert_int_equal(landscope_access_abi(NET, 1ULL << 4), -EINVAL);
	/* The library's own flags are not Landlock's. */
	assert_int_equal(landscope_access_abi(FLAGS,
					      LANDSCOPE_RESTRICT_KEEP_PRIVS),
			 -EINVAL);
	assert_int_equal(landscope_access_abi(5, 1), -EINVAL);
	assert_int_equal(landscope_access_abi(-1, 1), -EINVAL);
}

/* The table's file-level rights are the header's LANDSCOPE_ACCESS_FS_FILE. */
static void test_file_rights(void **state)
{
	(void)state;
	assert_int_equal(lsc_file_mask(), LANDSCOPE_ACCESS_FS_FILE);
	assert_int_equal(LANDSCOPE_ACCESS_FS_FILE,
			 (1 << 0) | (1 << 1) | (1 << 2) | (1 << 14) |
				 (1 << 15) | (1 << 16));
}

/* The stable groups and the frozen 0.1 alias. */
static void test_groups(void **state)
{
	(void)state;
	assert_int_equal(LANDSCOPE_ACCESS_FS_READ_ONLY, 0xc);
	assert_int_equal(LANDSCOPE_ACCESS_FS_READ_EXEC, 0xd);
	/* write_file..remove_file, make_dir..make_fifo, make_sym..truncate */
	assert_int_equal(LANDSCOPE_ACCESS_FS_READ_WRITE_DATA, 0x77be);
	assert_false(LANDSCOPE_ACCESS_FS_READ_WRITE_DATA &
		     (LANDSCOPE_ACCESS_FS_EXECUTE |
		      LANDSCOPE_ACCESS_FS_MAKE_CHAR |
		      LANDSCOPE_ACCESS_FS_MAKE_BLOCK |
		      LANDSCOPE_ACCESS_FS_IOCTL_DEV |
		      LANDSCOPE_ACCESS_FS_RESOLVE_UNIX));
	assert_int_equal(LANDSCOPE_ACCESS_FS_READ_WRITE, 0x1ffff);
}

static void test_version(void **state)
{
	(void)state;
	assert_int_equal(LANDSCOPE_VERSION_CODE(0, 2, 0), 0x200);
	assert_int_equal(LANDSCOPE_VERSION,
			 LANDSCOPE_VERSION_CODE(LANDSCOPE_VERSION_MAJOR,
						LANDSCOPE_VERSION_MINOR,
						LANDSCOPE_VERSION_MICRO));
	assert_int_equal(landscope_version(), LANDSCOPE_VERSION);
	assert_true(landscope_version() >= LANDSCOPE_VERSION_CODE(0, 2, 0));
}

/* Both directions, and the table agrees with the compiler. */
static void test_constants(void **state)
{
	const char *name = NULL;
	uint64_t v = 0;
	unsigned int i;

	(void)state;
	assert_int_equal(landscope_constant(NULL, &v), -EINVAL);
	assert_int_equal(landscope_constant("ACCESS_FS_ALL", NULL), -EINVAL);
	assert_int_equal(landscope_constant("LANDSCOPE_NOPE", &v), -ENOENT);
	assert_int_equal(landscope_constant("LANDSCOPE_", &v), -ENOENT);
	/* A deprecated 0.1 name is not offered to new bindings. */
	assert_int_equal(landscope_constant("RULE_QUIET", &v), -ENOENT);
	assert_int_equal(
		landscope_constant("LANDSCOPE_ACCESS_FS_READ_WRITE_DATA", &v),
		0);
	assert_int_equal(v, LANDSCOPE_ACCESS_FS_READ_WRITE_DATA);
	assert_int_equal(landscope_constant("SCOPE_SIGNAL", &v), 0);
	assert_int_equal(v, LANDSCOPE_SCOPE_SIGNAL);
	assert_int_equal(landscope_constant("COMPAT_HARD_REQUIREMENT", &v), 0);
	assert_int_equal(v, LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	assert_int_equal(landscope_constant_at(0, NULL, NULL), -EINVAL);
	for (i = 0; !landscope_constant_at(i, &name, &v); i++) {
		uint64_t again = ~v;

		assert_int_equal(landscope_constant(name, &again), 0);
		assert_int_equal(again, v);
	}
	assert_true(i > 60);
	assert_int_equal(landscope_constant_at(i, &name, &v), -ERANGE);
}

/*
 * The companion inbound scopes keep 0.2's library values and reach the
 * kernel as the v2 series numbers them; every other bit as it is.
 */
static void test_scope_to_kernel(void **state)
{
	(void)state;
	assert_int_equal(lsc_scope_to_kernel(0), 0);
	assert_true(lsc_scope_to_kernel(
			    LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND) ==
		    (UINT64_C(1) << 63));
	assert_true(lsc_scope_to_kernel(
			    LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND) ==
		    (UINT64_C(1) << 62));
	assert_true(lsc_scope_to_kernel(LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET |
					LANDSCOPE_SCOPE_SIGNAL |
					LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET) ==
		    (LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET |
		     LANDSCOPE_SCOPE_SIGNAL |
		     LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET));
	/* v1's bits are never sent for the inbound scopes. */
	assert_true((lsc_scope_to_kernel(LANDSCOPE_SCOPE_ALL) &
		     (UINT64_C(3) << 3)) == 0);
	/* An unknown bit passes as it is, for the kernel to refuse. */
	assert_true(lsc_scope_to_kernel(UINT64_C(1) << 40) ==
		    (UINT64_C(1) << 40));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_access_of_abi),	 UNIT_TEST(test_access_abi),
		UNIT_TEST(test_file_rights),	 UNIT_TEST(test_groups),
		UNIT_TEST(test_version),	 UNIT_TEST(test_constants),
		UNIT_TEST(test_scope_to_kernel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
