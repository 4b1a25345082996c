/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_EXAMPLES_REPORT_JSON_H
#define LANDSCOPE_EXAMPLES_REPORT_JSON_H

#include <stdio.h>

#include <liblandscope/landscope.h>

/*
 * Write @report as one JSON object, and a newline, to @f:
 *
 *   {"abi": 7, "status": "partially_enforced", "reason": "...",
 *    "error": null,
 *    "categories": {"fs": {"requested": [...], "enforced": [...]},
 *                   "net": ..., "scope": ..., "flags": ...},
 *    "rules": [{"type": "path_beneath", "path": "/usr",
 *               "requested": [...], "enforced": [...],
 *               "outcome": ["applied"], "error": null}, ...]}
 *
 * Rights are lists of names (landscope_access_name()); "reason" is null
 * when everything was enforced; "error" is the errno name of a failed
 * restriction (@err, negative) or of a skipped rule.  Return 0 or -EIO.
 */
int report_json(FILE *f, const struct landscope_report *report, int err);

#endif /* LANDSCOPE_EXAMPLES_REPORT_JSON_H */
