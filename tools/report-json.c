// SPDX-License-Identifier: MIT
/*
 * The enforcement report as JSON, for programs that run the sandboxer and
 * want to know what it did (examples/sandboxer --report=json).  Written
 * by hand: the report is small and flat, and the example must build
 * without json-c.
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

/* A JSON string of UTF-8 text: quotes, backslashes, controls escaped. */
static void put_string(FILE *f, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	fputc('"', f);
	for (; *u; u++) {
		if (*u == '"' || *u == '\\')
			fprintf(f, "\\%c", *u);
		else if (*u < 0x20 || *u == 0x7f)
			fprintf(f, "\\u%04x", *u);
		else
			fputc(*u, f);
	}
	fputc('"', f);
}

static bool valid_utf8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u) {
		int n = *u < 0x80	      ? 0
			: (*u & 0xe0) == 0xc0 ? 1
			: (*u & 0xf0) == 0xe0 ? 2
			: (*u & 0xf8) == 0xf0 ? 3
					      : -1;

		if (n < 0 || (n == 1 && *u < 0xc2))
			return false;
		for (u++; n > 0; n--, u++)
			if ((*u & 0xc0) != 0x80)
				return false;
	}
	return true;
}

/*
 * A path: as text if it is UTF-8.  JSON cannot hold other bytes, and a
 * path can be any: those are shown byte by byte as Latin-1 code points.
 */
static void put_path(FILE *f, const char *path)
{
	const unsigned char *u = (const unsigned char *)path;

	if (valid_utf8(path)) {
		put_string(f, path);
		return;
	}
	fputc('"', f);
	for (; *u; u++) {
		if (*u == '"' || *u == '\\')
			fprintf(f, "\\%c", *u);
		else if (*u < 0x20 || *u >= 0x7f)
			fprintf(f, "\\u%04x", *u);
		else
			fputc(*u, f);
	}
	fputc('"', f);
}

static void put_rights(FILE *f, int category, uint64_t bits)
{
	const char *sep = "";
	int i;

	fputc('[', f);
	for (i = 0; i < 64; i++) {
		uint64_t bit = UINT64_C(1) << i;
		const char *name;

		if (!(bits & bit))
			continue;
		name = landscope_access_name(category, bit);
		fputs(sep, f);
		if (name)
			put_string(f, name);
		else
			fprintf(f, "\"bit%d\"", i);
		sep = ", ";
	}
	fputc(']', f);
}

static const char *errno_name(int err)
{
	static char buf[32];

	switch (err) {
#define E(x)    \
	case x: \
		return #x
		E(ENOENT);
		E(EACCES);
		E(EPERM);
		E(ELOOP);
		E(ENOTDIR);
		E(ENAMETOOLONG);
		E(ENXIO);
		E(ENODEV);
		E(EIO);
		E(EBADF);
		E(EBADFD);
		E(EINVAL);
		E(ENOMEM);
		E(EMFILE);
		E(ENFILE);
		E(E2BIG);
		E(ENOMSG);
		E(EOPNOTSUPP);
		E(ENOSYS);
		E(EAFNOSUPPORT);
		E(ESTALE);
		E(EOVERFLOW);
#undef E
	}
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

static void put_error(FILE *f, int err)
{
	if (err)
		put_string(f, errno_name(-err));
	else
		fputs("null", f);
}

static const char *const status_names[] = {
	[LANDSCOPE_FULLY_ENFORCED] = "fully_enforced",
	[LANDSCOPE_PARTIALLY_ENFORCED] = "partially_enforced",
	[LANDSCOPE_NOT_ENFORCED] = "not_enforced",
};

static const char *const category_keys[] = { "fs", "net", "scope", "flags" };

/* Why the report is not fully enforced, in the library's words, or null. */
static void put_reason(FILE *f, const struct landscope_report *r)
{
	const char *why = landscope_report_reason(r);

	if (why)
		put_string(f, why);
	else
		fputs("null", f);
}

static void put_outcome(FILE *f, uint32_t outcome)
{
	static const struct {
		uint32_t bit;
		const char *name;
	} names[] = {
		{ LANDSCOPE_OUTCOME_APPLIED, "applied" },
		{ LANDSCOPE_OUTCOME_MASKED_FILE, "masked_file" },
		{ LANDSCOPE_OUTCOME_SKIPPED_MISSING, "skipped" },
		{ LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED,
		  "dropped_unsupported" },
		{ LANDSCOPE_OUTCOME_DROPPED_UNHANDLED, "dropped_unhandled" },
		{ LANDSCOPE_OUTCOME_REFUSED, "refused" },
	};
	const char *sep = "";
	size_t i;

	fputc('[', f);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(outcome & names[i].bit))
			continue;
		fprintf(f, "%s\"%s\"", sep, names[i].name);
		sep = ", ";
	}
	fputc(']', f);
}

/* Names of LANDSCOPE_TRANSPORT_* bits, as a JSON array. */
static void put_transports(FILE *f, uint32_t bits)
{
	const char *sep = "";
	uint32_t bit;

	fputc('[', f);
	for (bit = 1; bit && bit <= bits; bit <<= 1) {
		if (!(bits & bit))
			continue;
		fputs(sep, f);
		put_string(f, landscope_transport_name(bit)
				      ? landscope_transport_name(bit)
				      : "?");
		sep = ", ";
	}
	fputc(']', f);
}

static void put_rule(FILE *f, const struct landscope_rule_info *info)
{
	int c = info->type == LANDSCOPE_RULE_TYPE_NET_PORT
			? LANDSCOPE_CATEGORY_NET
			: LANDSCOPE_CATEGORY_FS;

	if (info->type == LANDSCOPE_RULE_TYPE_NET_PORT) {
		fprintf(f, "{\"type\": \"net_port\", \"port\": %" PRIu64,
			info->port);
	} else {
		fputs("{\"type\": \"path_beneath\", \"path\": ", f);
		if (info->path)
			put_path(f, info->path);
		else
			fputs("null", f);
	}
	fputs(", \"requested\": ", f);
	put_rights(f, c, info->requested);
	fputs(", \"enforced\": ", f);
	put_rights(f, c, info->enforced);
	fputs(", \"outcome\": ", f);
	put_outcome(f, info->outcome);
	fputs(", \"error\": ", f);
	put_error(f, info->error);
	fputc('}', f);
}

int report_json(FILE *f, const struct landscope_report *r, int err)
{
	uint32_t refused = 0, open = 0;
	int c, i, n;

	fprintf(f, "{\"abi\": %d, \"status\": \"%s\", \"reason\": ",
		landscope_report_abi(r),
		status_names[landscope_report_status(r)]);
	put_reason(f, r);
	fputs(", \"error\": ", f);
	put_error(f, err);
	fputs(", \"categories\": {", f);
	for (c = LANDSCOPE_CATEGORY_FS; c <= LANDSCOPE_CATEGORY_FLAGS; c++) {
		uint64_t req = 0, enf = 0;

		landscope_report_category(r, c, &req, &enf);
		fprintf(f, "%s\"%s\": {\"requested\": ", c ? ", " : "",
			category_keys[c]);
		put_rights(f, c, req);
		fputs(", \"enforced\": ", f);
		put_rights(f, c, enf);
		fputc('}', f);
	}
	/* What the seccomp filter refuses of what the net rights miss. */
	landscope_report_transports(r, &refused, &open);
	fputs("}, \"transports\": {\"refused\": ", f);
	put_transports(f, refused);
	fputs(", \"open\": ", f);
	put_transports(f, open);
	fputs("}, \"rules\": [", f);
	n = landscope_report_rule_count(r);
	for (i = 0; i < n; i++) {
		LANDSCOPE_INIT(landscope_rule_info, info);

		if (landscope_report_rule(r, (unsigned int)i, &info))
			continue;
		fputs(i ? ", " : "", f);
		put_rule(f, &info);
	}
	fputs("]}\n", f);
	fflush(f);
	return ferror(f) ? -EIO : 0;
}
