/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_TOOLS_REPORT_JSON_H
#define LANDSCOPE_TOOLS_REPORT_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include <liblandscope/landscope.h>

/*
 * Write @report as one JSON object, and a newline, to @f:
 *
 *   {"abi": 7, "status": "partially_enforced", "reason": "...",
 *    "error": null, "unconfined": false,
 *    "categories": {"fs": {"requested": [...], "enforced": [...],
 *                          "unrestricted": [...]},
 *                   "net": ..., "scope": ..., "flags": ...},
 *    "rules": [{"type": "path_beneath", "path": "/usr",
 *               "requested": [...], "enforced": [...],
 *               "outcome": ["applied"], "error": null}, ...]}
 *
 * Rights are lists of names (landscope_access_name()); "reason" is null
 * when everything was enforced; "error" is the errno name of a failed
 * restriction (@err, negative) or of a skipped rule; "unconfined" is
 * @unconfined: the command runs with nothing enforced; "unrestricted"
 * (fs, net, scope) is what the kernel supports and the policy does not
 * handle.  Strings are escaped (escape.h): the JSON is valid whatever
 * the paths.  Return 0 or -EIO.
 */
int report_json(FILE *f, const struct landscope_report *report, int err,
		bool unconfined);

#endif /* LANDSCOPE_TOOLS_REPORT_JSON_H */
