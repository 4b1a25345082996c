// SPDX-License-Identifier: MIT
/* The enforcement report: its final state, accessors, the printed form. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bits.h"
#include "escape.h"
#include "internal.h"

void lsc_report_not_enforced(struct landscope_report *r, const char *cause,
			     int err)
{
	int c;

	r->enforce = false;
	r->status = LANDSCOPE_NOT_ENFORCED;
	/* The first cause is the specific one: never overwrite it. */
	if (!r->cause) {
		r->cause = cause;
		r->cause_err = err;
	}
	r->all_threads = false;
	for (c = 0; c < LSC_NR_CATEGORIES; c++)
		r->enforced[c] = 0;
	r->transports_refused = 0;
	r->transports_open = 0;
}

static const char *const lack_names[] = {
	[LANDSCOPE_CATEGORY_FS] = "filesystem rights",
	[LANDSCOPE_CATEGORY_NET] = "network rights",
	[LANDSCOPE_CATEGORY_SCOPE] = "scopes",
	[LANDSCOPE_CATEGORY_FLAGS] = "flags",
};

/* A growing string; on allocation failure it stays NULL. */
struct lsc_buf {
	char *s;
	size_t len;
	bool failed;
};

static void buf_add(struct lsc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void buf_add(struct lsc_buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	if (b->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = n < 0 ? NULL : realloc(b->s, b->len + (size_t)n + 1);
	if (!s) {
		free(b->s);
		b->s = NULL;
		b->failed = true;
		return;
	}
	b->s = s;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static void buf_bits(struct lsc_buf *b, int category, uint64_t bits)
{
	const char *sep = "";
	uint64_t bit;

	for (bit = 1; bit; bit <<= 1) {
		const char *name;

		if (!(bits & bit))
			continue;
		name = landscope_access_name(category, bit);
		if (name)
			buf_add(b, "%s%s", sep, name);
		else
			buf_add(b, "%s0x%" PRIx64, sep, bit);
		sep = ",";
	}
}

static void buf_transports(struct lsc_buf *b, uint32_t bits)
{
	const char *sep = "";
	uint32_t bit;

	for (bit = 1; bit; bit <<= 1) {
		if (!(bits & bit))
			continue;
		buf_add(b, "%s%s", sep, landscope_transport_name(bit));
		sep = ",";
	}
}

static void buf_errno(struct lsc_buf *b, int err)
{
	const char *name = lsc_errno_name(err);

	if (name)
		buf_add(b, "%s", name);
	else
		buf_add(b, "errno %d", err < 0 ? -err : err);
}

static void buf_rule(struct lsc_buf *b, const struct landscope_report *r, int i)
{
	const struct landscope_rule_info *rule = &r->rules[i];

	if (rule->type == LANDSCOPE_RULE_TYPE_NET_PORT)
		buf_add(b, "rule %d (port %" PRIu64 ")", i, rule->port);
	else if (rule->path)
		buf_add(b, "rule %d (path %s)", i, rule->path);
	else
		buf_add(b, "rule %d (fd)", i);
}

/* Why the result is not fully enforced; NULL when it is. */
static char *make_reason(const struct landscope_report *r)
{
	struct lsc_buf b = { NULL, 0, false };
	const char *sep = "";
	bool lacks = false;
	int c;

	if (r->cause) {
		buf_add(&b, "%s", r->cause);
		if (r->cause_err) {
			buf_add(&b, ": ");
			buf_errno(&b, r->cause_err);
		}
		sep = "; ";
	}
	if (r->bad_rule >= 0) {
		const struct landscope_rule_info *rule = &r->rules[r->bad_rule];

		buf_add(&b, "%s", sep);
		if (rule->outcome & LANDSCOPE_OUTCOME_REFUSED) {
			buf_add(&b, "the kernel refused ");
			buf_rule(&b, r, r->bad_rule);
			buf_add(&b, ": ");
			buf_errno(&b, rule->error);
		} else {
			buf_rule(&b, r, r->bad_rule);
			buf_add(&b, " is not a directory but was given "
				    "directory rights (hard requirement)");
		}
		sep = "; ";
	}
	if (r->transports_lack && r->transports_open) {
		buf_add(&b,
			"%sthis build cannot refuse transports the network "
			"rights miss (no seccomp support): ",
			sep);
		buf_transports(&b, r->transports_open);
		sep = "; ";
	}
	/* Without Landlock the cause says it all. */
	for (c = 0; r->abi && c < LSC_NR_CATEGORIES; c++) {
		if (!r->dropped[c])
			continue;
		buf_add(&b, "%s%s%s: ", lacks ? "; " : sep,
			lacks ? "" : "the kernel lacks ", lack_names[c]);
		buf_bits(&b, c, r->dropped[c]);
		lacks = true;
	}
	return b.s;
}

void lsc_report_rule_refused(struct landscope_report *r, size_t i, int err)
{
	struct landscope_rule_info *info = &r->rules[i];

	info->outcome |= LANDSCOPE_OUTCOME_REFUSED;
	info->error = err;
	r->bad_rule = (int)i;
}

void lsc_report_finish(struct landscope_report *r)
{
	bool took_effect = r->status != LANDSCOPE_NOT_ENFORCED;
	unsigned int i;

	/*
	 * Per rule, only what reached the kernel in a restriction that
	 * took effect (or would have, in a dry run) is enforced.
	 */
	for (i = 0; i < r->nr_rules; i++) {
		struct landscope_rule_info *rule = &r->rules[i];

		if (!took_effect)
			rule->enforced = 0;
		if (rule->enforced)
			rule->outcome |= LANDSCOPE_OUTCOME_APPLIED;
		else
			rule->outcome &= ~LANDSCOPE_OUTCOME_APPLIED;
	}
	free(r->reason);
	r->reason = r->status == LANDSCOPE_FULLY_ENFORCED ? NULL
							  : make_reason(r);
}

LSC_EXPORT void landscope_report_free(struct landscope_report *r)
{
	LSC_KEEP_ERRNO;
	if (!r)
		return;
	free(r->rules);
	free(r->paths);
	free(r->reason);
	free(r);
}

LSC_EXPORT void landscope_report_freep(struct landscope_report **r)
{
	LSC_KEEP_ERRNO;
	if (r) {
		landscope_report_free(*r);
		*r = NULL;
	}
}

LSC_EXPORT int landscope_report_status(const struct landscope_report *r)
{
	LSC_KEEP_ERRNO;
	return r ? r->status : -EINVAL;
}

LSC_EXPORT const char *landscope_report_reason(const struct landscope_report *r)
{
	LSC_KEEP_ERRNO;
	if (!r || r->status == LANDSCOPE_FULLY_ENFORCED)
		return NULL;
	/* Out of memory when it was built: still not NULL. */
	if (!r->reason)
		return r->cause ? r->cause : "not fully enforced";
	return r->reason;
}

LSC_EXPORT int landscope_report_abi(const struct landscope_report *r)
{
	LSC_KEEP_ERRNO;
	return r ? r->abi : -EINVAL;
}

LSC_EXPORT int landscope_report_category(const struct landscope_report *r,
					 int category, uint64_t *ret_requested,
					 uint64_t *ret_enforced)
{
	LSC_KEEP_ERRNO;
	if (!r || category < 0 || category >= LSC_NR_CATEGORIES)
		return -EINVAL;
	if (ret_requested)
		*ret_requested = r->requested[category];
	if (ret_enforced)
		*ret_enforced = r->enforced[category];
	return 0;
}

LSC_EXPORT int landscope_report_dropped(const struct landscope_report *r,
					int category, uint64_t *ret_dropped)
{
	LSC_KEEP_ERRNO;
	if (!r || !ret_dropped || category < 0 || category >= LSC_NR_CATEGORIES)
		return -EINVAL;
	*ret_dropped = r->dropped[category];
	return 0;
}

LSC_EXPORT int landscope_report_unrestricted(const struct landscope_report *r,
					     int category,
					     uint64_t *ret_unrestricted)
{
	LSC_KEEP_ERRNO;
	if (!r || !ret_unrestricted || category < 0 ||
	    category >= LSC_NR_CATEGORIES)
		return -EINVAL;
	*ret_unrestricted = r->unhandled[category];
	return 0;
}

LSC_EXPORT int landscope_report_transports(const struct landscope_report *r,
					   uint32_t *ret_refused,
					   uint32_t *ret_open)
{
	LSC_KEEP_ERRNO;
	if (!r)
		return -EINVAL;
	if (ret_refused)
		*ret_refused = r->transports_refused;
	if (ret_open)
		*ret_open = r->transports_open;
	return 0;
}

LSC_EXPORT int landscope_report_shortfall(const struct landscope_report *r,
					  uint32_t *ret_shortfall)
{
	LSC_KEEP_ERRNO;
	uint32_t s = 0;
	unsigned int i;

	if (!r || !ret_shortfall)
		return -EINVAL;
	if (r->status == LANDSCOPE_NOT_ENFORCED) {
		*ret_shortfall = LANDSCOPE_SHORTFALL_NOT_ENFORCED;
		return 0;
	}
	if (r->requested[LANDSCOPE_CATEGORY_FLAGS] &
		    LANDSCOPE_RESTRICT_ALL_THREADS &&
	    !r->all_threads)
		s |= LANDSCOPE_SHORTFALL_THREADS;
	if (r->refer_denied)
		s |= LANDSCOPE_SHORTFALL_REFER;
	for (i = 0; i < r->nr_rules; i++)
		if (r->rules[i].outcome & LANDSCOPE_OUTCOME_SKIPPED_MISSING &&
		    r->rules[i].error && r->rules[i].error != -ENOENT)
			s |= LANDSCOPE_SHORTFALL_RULES;
	*ret_shortfall = s;
	return 0;
}

LSC_EXPORT int landscope_report_all_threads(const struct landscope_report *r)
{
	LSC_KEEP_ERRNO;
	return r ? r->all_threads : -EINVAL;
}

LSC_EXPORT int landscope_report_no_new_privs(const struct landscope_report *r)
{
	LSC_KEEP_ERRNO;
	return r ? r->no_new_privs : -EINVAL;
}

LSC_EXPORT int landscope_report_rule_count(const struct landscope_report *r)
{
	LSC_KEEP_ERRNO;
	return r ? (int)r->nr_rules : -EINVAL;
}

LSC_EXPORT int landscope_report_rule(const struct landscope_report *r,
				     unsigned int index,
				     struct landscope_rule_info *ret)
{
	LSC_KEEP_ERRNO;
	if (!r || !ret || ret->sz < LSC_RULE_INFO_SIZE_0_1)
		return -EINVAL;
	if (index >= r->nr_rules)
		return -ERANGE;
	lsc_copy_sized(ret, ret->sz, &r->rules[index], sizeof(*ret));
	return 0;
}

/*
 * Caller-given text (paths, and the reason that quotes them) is printed
 * escaped (escape.h), tab, newline and carriage return by name.
 */
static void print_escaped(FILE *f, const char *text)
{
	lsc_esc_text(f, text, LSC_ESC_NAMED);
}

static const char *const status_names[] = {
	[LANDSCOPE_FULLY_ENFORCED] = "fully enforced",
	[LANDSCOPE_PARTIALLY_ENFORCED] = "partially enforced",
	[LANDSCOPE_NOT_ENFORCED] = "not enforced",
};

static const char *const category_names[] = {
	[LANDSCOPE_CATEGORY_FS] = "fs",
	[LANDSCOPE_CATEGORY_NET] = "net",
	[LANDSCOPE_CATEGORY_SCOPE] = "scope",
	[LANDSCOPE_CATEGORY_FLAGS] = "flags",
};

static void print_bits(FILE *f, int category, uint64_t bits)
{
	struct lsc_buf b = { NULL, 0, false };

	if (!bits) {
		fputs("-", f);
		return;
	}
	buf_bits(&b, category, bits);
	fputs(b.s ? b.s : "?", f);
	free(b.s);
}

static void print_errno(FILE *f, int err)
{
	const char *name = lsc_errno_name(err);

	if (name)
		fputs(name, f);
	else
		fprintf(f, "errno %d", err < 0 ? -err : err);
}

static void print_rule(FILE *f, unsigned int i,
		       const struct landscope_rule_info *rule)
{
	int c = rule->type == LANDSCOPE_RULE_TYPE_NET_PORT
			? LANDSCOPE_CATEGORY_NET
			: LANDSCOPE_CATEGORY_FS;

	if (rule->type == LANDSCOPE_RULE_TYPE_NET_PORT) {
		fprintf(f, "landscope:   rule %u: port %" PRIu64 ":", i,
			rule->port);
	} else {
		fprintf(f, "landscope:   rule %u: path ", i);
		if (rule->path)
			print_escaped(f, rule->path);
		else
			fputs("(fd)", f);
		fputc(':', f);
	}
	if (rule->outcome & LANDSCOPE_OUTCOME_APPLIED)
		fputs(" applied", f);
	else
		fputs(" not applied", f);
	if (rule->outcome & LANDSCOPE_OUTCOME_REFUSED) {
		fputs(", refused by the kernel (", f);
		print_errno(f, rule->error);
		fputc(')', f);
	}
	/* Only ENOENT is "missing": any other error is named. */
	if (rule->outcome & LANDSCOPE_OUTCOME_SKIPPED_MISSING) {
		if (rule->error && rule->error != -ENOENT) {
			fputs(", skipped (", f);
			print_errno(f, rule->error);
			fputc(')', f);
		} else {
			fputs(", skipped (missing)", f);
		}
	}
	if (rule->outcome & LANDSCOPE_OUTCOME_MASKED_FILE)
		fputs(", masked to file rights", f);
	if (rule->outcome & LANDSCOPE_OUTCOME_DROPPED_UNSUPPORTED)
		fputs(", unsupported rights dropped", f);
	if (rule->outcome & LANDSCOPE_OUTCOME_DROPPED_UNHANDLED)
		fputs(", unhandled rights dropped", f);
	fputs("; allowed ", f);
	print_bits(f, c, rule->enforced);
	if (rule->requested != rule->enforced) {
		fputs(" of ", f);
		print_bits(f, c, rule->requested);
	}
	fputc('\n', f);
}

static void print_category(FILE *f, const struct landscope_report *r, int c)
{
	uint64_t failed = r->requested[c] & ~r->dropped[c] & ~r->enforced[c];

	fprintf(f, "landscope:   %s: enforced ", category_names[c]);
	print_bits(f, c, r->enforced[c]);
	/* What the kernel has but did not get: the call did not enforce. */
	if (failed) {
		fputs("; not enforced ", f);
		print_bits(f, c, failed);
	}
	if (r->dropped[c]) {
		fputs("; dropped (the kernel lacks them) ", f);
		print_bits(f, c, r->dropped[c]);
	}
	fputc('\n', f);
}

/*
 * A policy handles what it names (landlockconfig's meaning): say what it
 * leaves open, so that "fully enforced" is not read as "confined".
 */
static void print_unrestricted(FILE *f, const struct landscope_report *r)
{
	const char *sep = "";
	int c;

	for (c = 0; c < LSC_NR_CATEGORIES; c++) {
		if (!r->unhandled[c])
			continue;
		if (!*sep)
			fputs("landscope:   not restricted by this policy: ",
			      f);
		fprintf(f, "%s%s ", sep, category_names[c]);
		print_bits(f, c, r->unhandled[c]);
		sep = "; ";
	}
	if (*sep)
		fputc('\n', f);
}

/*
 * Transports the network rights miss, and what the library did about
 * them: without this line "net: enforced bind_tcp" reads as "no port".
 */
static void print_transports(FILE *f, const struct landscope_report *r)
{
	struct lsc_buf b = { NULL, 0, false };

	if (!r->transports_refused && !r->transports_open)
		return;
	if (r->transports_refused) {
		buf_add(&b, "refused by seccomp ");
		buf_transports(&b, r->transports_refused);
		if (r->dry_run)
			buf_add(&b, " (dry run)");
	}
	if (r->transports_open) {
		buf_add(&b, "%sleft open ", r->transports_refused ? "; " : "");
		buf_transports(&b, r->transports_open);
		buf_add(&b, r->transports_lack
				    ? " (no seccomp support in this build)"
				    : " (allow_unmediated_transports)");
	}
	fprintf(f, "landscope:   transports: %s\n", b.s ? b.s : "?");
	free(b.s);
}

static void print_threads(FILE *f, const struct landscope_report *r)
{
	bool asked = r->requested[LANDSCOPE_CATEGORY_FLAGS] &
		     LANDSCOPE_RESTRICT_ALL_THREADS;
	const char *done;

	if (r->status == LANDSCOPE_NOT_ENFORCED)
		done = "none restricted";
	else if (r->all_threads)
		done = "all threads restricted";
	else
		done = "the calling thread restricted";
	fprintf(f, "landscope:   threads: asked for %s; %s%s%s\n",
		asked ? "all threads" : "the calling thread", done,
		r->dry_run ? " (dry run)" : "",
		asked && !r->all_threads && r->status != LANDSCOPE_NOT_ENFORCED
			? " (the kernel lacks TSYNC)"
			: "");
}

static void print_no_new_privs(FILE *f, const struct landscope_report *r)
{
	static const char *const how[] = {
		[LANDSCOPE_NO_NEW_PRIVS_UNCHANGED] = "not set by the library",
		[LANDSCOPE_NO_NEW_PRIVS_PRCTL] = "set by the library (prctl)",
		[LANDSCOPE_NO_NEW_PRIVS_FLAG] =
			"set by the kernel (Landlock ABI 11 flag)",
	};

	fprintf(f, "landscope:   no_new_privs: %s\n",
		r->no_new_privs_before ? "already set before the call (not by "
					 "the library)"
				       : how[r->no_new_privs]);
}

LSC_EXPORT int landscope_report_format(const struct landscope_report *r,
				       unsigned int flags, char **ret_text)
{
	LSC_KEEP_ERRNO;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int err = 0;

	if (!ret_text)
		return -EINVAL;
	*ret_text = NULL;
	if (!r || flags & ~LANDSCOPE_REPORT_FORMAT_JSON)
		return -EINVAL;
	f = open_memstream(&buf, &len);
	if (!f)
		return -ENOMEM;
	if (flags & LANDSCOPE_REPORT_FORMAT_JSON)
		lsc_report_json(f, r);
	else
		err = landscope_report_print(r, f);
	/* A memory stream fails only for want of memory. */
	if (fclose(f) || err) {
		free(buf);
		return -ENOMEM;
	}
	*ret_text = buf;
	return 0;
}

LSC_EXPORT int landscope_report_print(const struct landscope_report *r, FILE *f)
{
	LSC_KEEP_ERRNO;
	uint32_t shortfall = 0;
	const char *reason;
	unsigned int i;
	int c;

	if (!r || !f)
		return -EINVAL;
	landscope_report_shortfall(r, &shortfall);
	fprintf(f, "landscope: Landlock ABI %d, errata 0x%" PRIx64 ": %s%s%s\n",
		r->abi, r->errata, status_names[r->status],
		r->status == LANDSCOPE_PARTIALLY_ENFORCED && !shortfall
			? ": all this kernel can"
			: "",
		r->dry_run ? " (dry run)" : "");
	if (r->simulated)
		fprintf(f,
			"landscope:   simulated: Landlock ABI %d "
			"(LANDSCOPE_SIMULATE_ABI, a test build)\n",
			r->simulated - 1);
	if (shortfall & ~LANDSCOPE_SHORTFALL_NOT_ENFORCED)
		fprintf(f, "landscope:   shortfall:%s%s%s\n",
			shortfall & LANDSCOPE_SHORTFALL_THREADS
				? " threads that already existed run "
				  "unrestricted;"
				: "",
			shortfall & LANDSCOPE_SHORTFALL_REFER
				? " refer is granted, but this kernel denies "
				  "it always;"
				: "",
			shortfall & LANDSCOPE_SHORTFALL_RULES
				? " a path rule was skipped (see its errno);"
				: "");
	reason = landscope_report_reason(r);
	if (reason) {
		fputs("landscope:   why: ", f);
		print_escaped(f, reason);
		fputc('\n', f);
	}
	for (c = 0; c < LSC_NR_CATEGORIES; c++)
		if (r->requested[c])
			print_category(f, r, c);
	if (r->status != LANDSCOPE_NOT_ENFORCED)
		print_unrestricted(f, r);
	if (r->kattr.resolve_unix_scope && r->enforce)
		fputs("landscope:   pathname_unix_socket scope enforced as "
		      "fs resolve_unix (EACCES)\n",
		      f);
	print_transports(f, r);
	print_threads(f, r);
	print_no_new_privs(f, r);
	for (i = 0; i < r->nr_rules; i++)
		print_rule(f, i, &r->rules[i]);
	fflush(f);
	return ferror(f) ? -EIO : 0;
}
