/* SPDX-License-Identifier: MIT */
/*
 * landscope-probe - print what the running kernel's Landlock supports, as
 * liblandscope sees it: the output to attach to a bug report.  --keys
 * prints key=value lines for scripts, --json one JSON object.
 *
 * Every row comes from landscope_features_get(), which asks the kernel
 * about each bit on its own: a backported or patched kernel shows what it
 * really has, whatever its ABI number says.  The names come from
 * landscope_access_name(), so a library that learns a new right shows it
 * here without a change to this file.
 *
 * Exit status: 0 if Landlock is usable, 1 if not, 2 on a usage error or
 * when the output cannot be written.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include <liblandscope/landscope.h>

#include "version.h"

/* Flags the library implements itself: supported whatever the kernel. */
#define LIBRARY_FLAGS \
	(LANDSCOPE_RESTRICT_KEEP_PRIVS | LANDSCOPE_RESTRICT_DRY_RUN)

struct category {
	const char *title;
	const char *key; /* prefix of --keys lines */
	int category; /* enum landscope_category */
};

static const struct category categories[] = {
	{ "Filesystem rights", "fs", LANDSCOPE_CATEGORY_FS },
	{ "Network rights", "net", LANDSCOPE_CATEGORY_NET },
	{ "Scopes", "scope", LANDSCOPE_CATEGORY_SCOPE },
	{ "Restrict flags", "flag", LANDSCOPE_CATEGORY_FLAGS },
	{ "Rule flags", "rule", LANDSCOPE_CATEGORY_ADD_RULE },
};

/*
 * The first ABI of each bit, for the "since" column only (support itself
 * is always probed), from the library's table.  "patch": liblandscope's
 * companion kernel patches; "library": the library's own flags.
 */
static const char *since(int category, uint64_t bit)
{
	static char buf[16];
	int abi = landscope_access_abi(category, bit);

	if (abi > 0) {
		snprintf(buf, sizeof(buf), "ABI %d", abi);
		return buf;
	}
	if (abi == 0)
		return "patch";
	return category == LANDSCOPE_CATEGORY_FLAGS ? "library" : "?";
}

/*
 * The name of a library flag (LIBRARY_FLAGS), which landscope_access_name()
 * leaves out since no kernel has it: its constant's name in the library's
 * table, "LANDSCOPE_RESTRICT_DRY_RUN" shown as "dry_run".  In a static
 * buffer, overwritten by the next call.
 */
static const char *other_name(int category, uint64_t bit)
{
	static const char prefix[] = "LANDSCOPE_RESTRICT_";
	static char buf[64];
	const char *name;
	uint64_t value;
	unsigned int i;
	size_t n;

	if (category != LANDSCOPE_CATEGORY_FLAGS || !(bit & LIBRARY_FLAGS))
		return NULL;
	for (i = 0; !landscope_constant_at(i, &name, &value); i++) {
		if (value != bit || strncmp(name, prefix, sizeof(prefix) - 1))
			continue;
		name += sizeof(prefix) - 1;
		for (n = 0; name[n] && n < sizeof(buf) - 1; n++)
			buf[n] = (char)tolower((unsigned char)name[n]);
		buf[n] = '\0';
		return buf;
	}
	return NULL;
}

/* The name of @bit in @cat: the library's own, else this program's. */
static const char *bit_name(int cat, uint64_t bit)
{
	const char *name = landscope_access_name(cat, bit);

	return name ? name : other_name(cat, bit);
}

static uint64_t supported(const struct landscope_features *f, int category)
{
	switch (category) {
	case LANDSCOPE_CATEGORY_FS:
		return f->access_fs;
	case LANDSCOPE_CATEGORY_NET:
		return f->access_net;
	case LANDSCOPE_CATEGORY_SCOPE:
		return f->scoped;
	case LANDSCOPE_CATEGORY_FLAGS:
		return f->restrict_flags | LIBRARY_FLAGS;
	case LANDSCOPE_CATEGORY_ADD_RULE:
		return f->add_rule_flags;
	}
	return 0;
}

/* What each fixed erratum was, from the kernel's errata/abi-*.h. */
static const char *erratum(int n)
{
	switch (n) {
	case 1:
		return "TCP rights no longer apply to non-TCP stream sockets";
	case 2:
		return "the signal scope no longer blocks the process's "
		       "own threads";
	case 3:
		return "directories moved out of a bind mount no longer widen "
		       "rights";
	case 4:
		return "overlayfs whiteouts need make_reg, not make_char";
	}
	return "see the kernel's security/landlock/errata/";
}

/*
 * Each transport Landlock's network rights miss, as
 * landscope_transports_get() sees it on this kernel: "refused" by the
 * library's seccomp filter when a ruleset enforces the rights it goes
 * past, "open" if this build cannot refuse it, "none" if the kernel's
 * rights cover it or it has none that it could go past.
 */
static const char *transport_state(uint32_t bit)
{
	uint32_t unmediated = 0, closable = 0;

	if (landscope_transports_get(&unmediated, &closable) ||
	    !(unmediated & bit))
		return "none";
	return closable & bit ? "refused" : "open";
}

/*
 * Why Landlock is unusable, as a key: the kernel's own answers (ENOSYS:
 * not built in; EOPNOTSUPP: not enabled at boot), or "blocked" (-EPERM):
 * a seccomp filter or an LSM denies the syscalls.
 */
static const char *unavailable_name(int err)
{
	switch (err) {
	case 0:
		return "none";
	case -ENOSYS:
		return "ENOSYS";
	case -EOPNOTSUPP:
		return "EOPNOTSUPP";
	case -EPERM:
		return "blocked";
	}
	return "other";
}

/*
 * The library's reason why nothing can be enforced, from a dry run: for a
 * blocked Landlock it names the filter's errno, which struct
 * landscope_features does not hold.  Copied into @buf; NULL if none.
 */
static const char *unavailable_reason(char *buf, size_t size)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *report = NULL;
	const char *why = NULL;

	if (!landscope_ruleset_new(&rs, 0) &&
	    !landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					   LANDSCOPE_ACCESS_FS_READ_FILE))
		landscope_ruleset_restrict_self(rs, LANDSCOPE_RESTRICT_DRY_RUN,
						&report);
	if (report && landscope_report_reason(report)) {
		snprintf(buf, size, "%s", landscope_report_reason(report));
		why = buf;
	}
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	return why;
}

static void print_keys(const struct landscope_features *f)
{
	size_t c;
	int i;

	printf("abi=%d\n", (int)f->abi);
	printf("kernel_abi=%d\n", (int)f->kernel_abi);
	printf("library_abi=%d\n", LANDSCOPE_ABI_LAST);
	printf("unavailable=%s\n", unavailable_name(f->unavailable));
	printf("errata=0x%llx\n", (unsigned long long)f->errata);
	for (c = 0; c < sizeof(categories) / sizeof(categories[0]); c++) {
		int cat = categories[c].category;

		for (i = 0; i < 64; i++) {
			uint64_t bit = UINT64_C(1) << i;
			const char *name = bit_name(cat, bit);

			if (!name)
				continue;
			printf("%s.%s=%s\n", categories[c].key, name,
			       supported(f, cat) & bit ? "yes" : "no");
		}
	}
	for (i = 0; i < 32; i++) {
		const char *name = landscope_transport_name(1U << i);

		if (name)
			printf("transport.%s=%s\n", name,
			       transport_state(1U << i));
	}
}

/* The active LSMs, when securityfs is mounted and readable; else NULL. */
static const char *read_lsms(char *buf, size_t size, int *err)
{
	FILE *f = fopen("/sys/kernel/security/lsm", "re");
	const char *ret = NULL;

	*err = errno;
	if (!f)
		return NULL;
	if (fgets(buf, (int)size, f)) {
		buf[strcspn(buf, "\n")] = '\0';
		ret = buf;
	}
	fclose(f);
	return ret;
}

static void print_lsms(void)
{
	char buf[512];
	int err;
	const char *lsms = read_lsms(buf, sizeof(buf), &err);

	if (lsms) {
		printf("LSMs:     ");
		landscope_escape(stdout, lsms, 0);
		printf("\n");
	} else {
		printf("LSMs:     unknown (/sys/kernel/security/lsm: %s)\n",
		       strerror(err));
	}
}

static void print_json(const struct landscope_features *f)
{
	char why_buf[512];
	const char *why;
	const char *sep = "";
	struct utsname u;
	char buf[512];
	size_t c;
	int i, err, v;
	const char *lsms = read_lsms(buf, sizeof(buf), &err);

	printf("{\"kernel\": ");
	landscope_escape(stdout, uname(&u) ? "" : u.release, LANDSCOPE_ESCAPE_JSON);
	printf(", \"lsms\": ");
	if (lsms)
		landscope_escape(stdout, lsms, LANDSCOPE_ESCAPE_JSON);
	else
		printf("null");
	v = landscope_version();
	printf(", \"library_version\": \"%d.%d.%d\", \"library_abi\": %d, \"abi\": %d, \"kernel_abi\": %d, "
	       "\"unavailable\": \"%s\", ",
	       v >> 16, (v >> 8) & 0xff, v & 0xff, LANDSCOPE_ABI_LAST,
	       (int)f->abi, (int)f->kernel_abi,
	       unavailable_name(f->unavailable));
	printf("\"unavailable_reason\": ");
	why = f->unavailable ? unavailable_reason(why_buf, sizeof(why_buf))
			     : NULL;
	if (why)
		landscope_escape(stdout, why, LANDSCOPE_ESCAPE_JSON);
	else
		printf("null");
	printf(", \"errata\": [");
	for (i = 0; i < 64; i++) {
		if (f->errata & (UINT64_C(1) << i)) {
			printf("%s%d", sep, i + 1);
			sep = ", ";
		}
	}
	printf("]");
	for (c = 0; c < sizeof(categories) / sizeof(categories[0]); c++) {
		int cat = categories[c].category;

		printf(", \"%s\": {", categories[c].key);
		sep = "";
		for (i = 0; i < 64; i++) {
			uint64_t bit = UINT64_C(1) << i;
			const char *name = bit_name(cat, bit);

			if (!name)
				continue;
			printf("%s\"%s\": %s", sep, name,
			       supported(f, cat) & bit ? "true" : "false");
			sep = ", ";
		}
		printf("}");
	}
	printf(", \"transports\": {");
	sep = "";
	for (i = 0; i < 32; i++) {
		const char *name = landscope_transport_name(1U << i);

		if (!name)
			continue;
		printf("%s\"%s\": \"%s\"", sep, name, transport_state(1U << i));
		sep = ", ";
	}
	printf("}}\n");
}

static void print_human(const struct landscope_features *f)
{
	const char *why;
	char buf[4 * sizeof(((struct utsname *)0)->release) + 4];
	struct utsname u;
	size_t c;
	int i;

	if (!uname(&u)) {
		/* A container can make these say anything. */
		snprintf(buf, sizeof(buf), "%s %s %s %s", u.sysname, u.release,
			 u.version, u.machine);
		printf("Kernel:   ");
		landscope_escape(stdout, buf, 0);
		printf("\n");
	}
	print_lsms();

	switch (f->unavailable) {
	case 0:
		printf("Landlock: ABI %d", (int)f->abi);
		if (f->kernel_abi != f->abi)
			printf(" (the kernel reports %d; this library knows "
			       "up to %d)",
			       (int)f->kernel_abi, LANDSCOPE_ABI_LAST);
		printf("\n");
		break;
	case -ENOSYS:
		printf("Landlock: not available: the kernel is built without "
		       "it (CONFIG_SECURITY_LANDLOCK is not set)\n");
		break;
	case -EOPNOTSUPP:
		printf("Landlock: not available: built in but disabled at "
		       "boot (add \"landlock\" to the lsm= boot parameter or "
		       "to CONFIG_LSM)\n");
		break;
	default:
		/* The reason names the filter's errno. */
		why = unavailable_reason(buf, sizeof(buf));
		printf("Landlock: not available: ");
		landscope_escape(stdout, why ? why : strerror(-f->unavailable), 0);
		printf("\n");
	}

	if (!f->errata) {
		printf("Errata:   none fixed\n");
	} else {
		printf("Errata:   fixed:\n");
		for (i = 0; i < 64; i++)
			if (f->errata & (UINT64_C(1) << i))
				printf("  %-2d %s\n", i + 1, erratum(i + 1));
	}

	for (c = 0; c < sizeof(categories) / sizeof(categories[0]); c++) {
		int cat = categories[c].category;

		printf("\n%-30s %-8s %s\n", categories[c].title, "since",
		       "supported");
		for (i = 0; i < 64; i++) {
			uint64_t bit = UINT64_C(1) << i;
			const char *name = bit_name(cat, bit);

			if (!name)
				continue;
			printf("  %-28s %-8s %s\n", name, since(cat, bit),
			       supported(f, cat) & bit ? "yes" : "no");
		}
	}

	/* What the network rights above do not cover. */
	printf("\n%-30s %s\n", "Transports past net rights", "with a ruleset "
	       "handling them");
	for (i = 0; i < 32; i++) {
		const char *name = landscope_transport_name(1U << i);
		const char *state = transport_state(1U << i);

		if (!name)
			continue;
		printf("  %-28s %s\n", name,
		       !strcmp(state, "refused")
			       ? "refused by the library (seccomp)"
		       : !strcmp(state, "open")
			       ? "OPEN: this build has no seccomp support"
			       : "not needed (no rights it bypasses)");
	}
}

int main(int argc, char **argv)
{
	LANDSCOPE_INIT(landscope_features, f);
	/* Not argv[0], which could hold any byte: every line is escaped. */
	const char *prog = "landscope-probe";
	bool keys = false, json = false;
	int err;

	if (argc == 2 && !strcmp(argv[1], "--keys")) {
		keys = true;
	} else if (argc == 2 && !strcmp(argv[1], "--json")) {
		json = true;
	} else if (argc == 2 &&
		   (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("Usage: %s [--keys | --json | --version]\n"
		       "Print what the running kernel's Landlock supports.\n"
		       "--keys: one key=value line per fact, for scripts.\n"
		       "--json: one JSON object, for bug reports and tools.\n"
		       "--version: this program's and the library's versions.\n"
		       "Exit status: 0 if Landlock is usable, 1 if not, 2 on "
		       "an error.\n",
		       prog);
		return fflush(stdout) || ferror(stdout) ? 2 : 0;
	} else if (argc == 2 &&
		   (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))) {
		return print_version(prog) ? 2 : 0;
	} else if (argc != 1) {
		fprintf(stderr, "Usage: %s [--keys | --json | --version]\n",
			prog);
		return 2;
	}

	err = landscope_features_get(&f);
	if (err) {
		fprintf(stderr, "%s: landscope_features_get: %s\n", prog,
			strerror(-err));
		return 2;
	}
	if (keys)
		print_keys(&f);
	else if (json)
		print_json(&f);
	else
		print_human(&f);
	/*
	 * Output that was not written is no answer: a script reading
	 * "> /dev/full" or a closed stdout must not see success (item 17).
	 */
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the output: %s\n", prog,
			strerror(errno ? errno : EIO));
		return 2;
	}
	return f.unavailable ? 1 : 0;
}
