/* SPDX-License-Identifier: MIT */
/*
 * json-reason - print, as landscope-run --report=json does, a report whose
 * reason quotes a file name given on the command line: a hard-requirement
 * ruleset gives directory rights to that file, which the library refuses
 * with the file named in the reason.  tests/programs/escape.sh gives it
 * hostile names and checks the JSON (issue 21, item 8).
 *
 *   json-reason FILE
 *
 * Exit status 0 if a report was written, 1 otherwise.
 */
#include <stdio.h>

#include <liblandscope/landscope.h>

#include "report-json.h"

int main(int argc, char **argv)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *report = NULL;
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: json-reason FILE\n");
		return 1;
	}
	err = landscope_ruleset_new(&rs, 0);
	if (!err)
		err = landscope_ruleset_set_compat_level(
			rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT, 0);
	if (!err)
		err = landscope_ruleset_add_handled(
			rs, LANDSCOPE_CATEGORY_FS,
			LANDSCOPE_ACCESS_FS_READ_DIR);
	if (!err)
		err = landscope_ruleset_add_path(
			rs, argv[1], LANDSCOPE_ACCESS_FS_READ_DIR, 0);
	if (!err)
		err = landscope_ruleset_restrict_self(
			rs, LANDSCOPE_RESTRICT_DRY_RUN, &report);
	if (report)
		report_json(stdout, report, err, false);
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	return report ? 0 : 1;
}
