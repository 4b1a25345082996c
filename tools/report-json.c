// SPDX-License-Identifier: MIT
/*
 * The enforcement report as JSON, for programs that run landscope-run and
 * want to know what it did (landscope-run --report=json): the library's
 * own JSON (landscope_report_format()), with what only the tool knows in
 * front of its members: the error of the run and whether it ran
 * unconfined.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report-json.h"

static void put_error(FILE *f, int err)
{
	const char *name = landscope_errno_name(err);

	if (name)
		fprintf(f, "\"%s\"", name);
	else if (err)
		fprintf(f, "\"errno %d\"", err < 0 ? -err : err);
	else
		fputs("null", f);
}

int report_json(FILE *f, const struct landscope_report *r, int err,
		bool unconfined)
{
	static const char members[] = ", \"categories\": ";
	char *json = NULL, *at;
	int ret;

	ret = landscope_report_format(r, LANDSCOPE_REPORT_FORMAT_JSON, &json);
	if (ret)
		return ret;
	/*
	 * After the library's abi, status and reason: a quote inside a string
	 * is escaped, so the first match is the member itself.
	 */
	at = strstr(json, members);
	if (!at) {
		free(json);
		return -EIO;
	}
	fwrite(json, 1, (size_t)(at - json), f);
	fputs(", \"error\": ", f);
	put_error(f, err);
	fprintf(f, ", \"unconfined\": %s", unconfined ? "true" : "false");
	fputs(at, f);
	free(json);
	if (fflush(f) || ferror(f))
		return -EIO;
	return 0;
}
