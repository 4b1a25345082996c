// SPDX-License-Identifier: MIT
/*
 * The enforcement report as JSON (landscope_report_format()), for programs
 * that hand it on, and for landscope-run's --report=json, which adds its
 * own members to this object.  Written by hand: the report is small and
 * flat, and the library needs only libc.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "bits.h"
#include "internal.h"
#include "escape.h"

static void put_string(FILE *f, const char *text)
{
	lsc_esc_json(f, text);
}

static void put_bits(FILE *f, int category, uint64_t bits)
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

static void put_error(FILE *f, int err)
{
	const char *name = err ? lsc_errno_name(err) : NULL;

	if (name)
		put_string(f, name);
	else if (err)
		fprintf(f, "\"errno %d\"", err < 0 ? -err : err);
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

/* Names of LANDSCOPE_TRANSPORT_* bits. */
static void put_transports(FILE *f, uint32_t bits)
{
	const char *sep = "";
	uint32_t bit;

	fputc('[', f);
	for (bit = 1; bit && bit <= bits; bit <<= 1) {
		const char *name = landscope_transport_name(bit);

		if (!(bits & bit))
			continue;
		fputs(sep, f);
		put_string(f, name ? name : "?");
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
			put_string(f, info->path);
		else
			fputs("null", f);
	}
	fputs(", \"requested\": ", f);
	put_bits(f, c, info->requested);
	fputs(", \"enforced\": ", f);
	put_bits(f, c, info->enforced);
	fputs(", \"outcome\": ", f);
	put_outcome(f, info->outcome);
	fputs(", \"error\": ", f);
	put_error(f, info->error);
	fputc('}', f);
}

static const char *const status_names[] = {
	[LANDSCOPE_FULLY_ENFORCED] = "fully_enforced",
	[LANDSCOPE_PARTIALLY_ENFORCED] = "partially_enforced",
	[LANDSCOPE_NOT_ENFORCED] = "not_enforced",
};

static const char *const category_keys[] = { "fs", "net", "scope", "flags" };

void lsc_report_json(FILE *f, const struct landscope_report *r)
{
	uint32_t refused = 0, left_open = 0;
	const char *why = landscope_report_reason(r);
	unsigned int i;
	int c;

	fprintf(f, "{\"abi\": %d, \"status\": \"%s\", \"reason\": ", r->abi,
		status_names[r->status]);
	if (why)
		put_string(f, why);
	else
		fputs("null", f);
	fputs(", \"categories\": {", f);
	for (c = LANDSCOPE_CATEGORY_FS; c <= LANDSCOPE_CATEGORY_FLAGS; c++) {
		fprintf(f, "%s\"%s\": {\"requested\": ", c ? ", " : "",
			category_keys[c]);
		put_bits(f, c, r->requested[c]);
		fputs(", \"enforced\": ", f);
		put_bits(f, c, r->enforced[c]);
		/* What the policy leaves open (landlockconfig's meaning). */
		if (c != LANDSCOPE_CATEGORY_FLAGS) {
			fputs(", \"unrestricted\": ", f);
			put_bits(f, c, r->unhandled[c]);
		}
		fputc('}', f);
	}
	/* What the seccomp filter refuses of what the net rights miss. */
	landscope_report_transports(r, &refused, &left_open);
	fputs("}, \"transports\": {\"refused\": ", f);
	put_transports(f, refused);
	fputs(", \"open\": ", f);
	put_transports(f, left_open);
	fputs("}, \"rules\": [", f);
	for (i = 0; i < r->nr_rules; i++) {
		fputs(i ? ", " : "", f);
		put_rule(f, &r->rules[i]);
	}
	fputs("]}\n", f);
}
