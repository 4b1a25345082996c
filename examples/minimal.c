/* SPDX-License-Identifier: MIT */
/*
 * minimal - the smallest useful sandbox: read and execute anything, write
 * only beneath DIR, no abstract Unix sockets or signals outside the
 * sandbox; print what the kernel enforced, then run COMMAND in it.
 *
 *   minimal DIR COMMAND [ARG...]
 *
 * Best effort: on an older kernel the parts it lacks are dropped and the
 * report says so.  Build: cc minimal.c $(pkg-config --cflags --libs
 * liblandscope).
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

int main(int argc, char **argv)
{
	struct landscope_ruleset *rs
		__attribute__((cleanup(landscope_ruleset_freep))) = NULL;
	struct landscope_report *report
		__attribute__((cleanup(landscope_report_freep))) = NULL;
	int ret;

	if (argc < 3)
		errx(2, "usage: minimal DIR COMMAND [ARG...]");

	/* Every right the library knows is handled, so denied unless granted. */
	ret = landscope_ruleset_new(&rs, 0);
	if (!ret)
		ret = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
						    LANDSCOPE_ACCESS_FS_ALL);
	if (!ret)
		ret = landscope_ruleset_add_path(
			rs, "/", LANDSCOPE_ACCESS_FS_READ_EXEC, 0);
	if (!ret)
		ret = landscope_ruleset_add_path(
			rs, argv[1], LANDSCOPE_ACCESS_FS_READ_WRITE_DATA, 0);
	if (!ret)
		ret = landscope_ruleset_add_handled(
			rs, LANDSCOPE_CATEGORY_SCOPE,
			LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET |
				LANDSCOPE_SCOPE_SIGNAL);
	/* Threads started by libraries before main() are restricted too. */
	if (!ret)
		ret = landscope_ruleset_restrict_self(
			rs, LANDSCOPE_RESTRICT_ALL_THREADS, &report);
	if (ret)
		errx(1, "sandbox: %s", strerror(-ret));
	landscope_report_print(report, stderr);

	execvp(argv[2], argv + 2);
	err(126, "%s", argv[2]);
}
