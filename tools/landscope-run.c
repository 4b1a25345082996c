/* SPDX-License-Identifier: MIT */
/*
 * landscope-run - run a command in a Landlock sandbox.
 *
 * Two ways to give the policy:
 *
 * - The environment interface of the kernel's samples/landlock/sandboxer.c
 *   (LL_FS_RO, LL_FS_RW, LL_TCP_BIND, LL_TCP_CONNECT, LL_SCOPED,
 *   LL_FORCE_LOG).  For the same environment on the same kernel, the
 *   command may and may not do exactly what it may and may not do under the
 *   kernel's sample, so scripts written for one work with the other.  The
 *   sample's few refusals are kept for that reason: a missing LL_FS_RO or
 *   LL_FS_RW, no Landlock at all, TCP ports on a kernel without TCP rights,
 *   LL_FORCE_LOG=1 on a kernel without audit flags.
 *
 * - Command-line options, for people who prefer them (in the spirit of
 *   landrun): everything is denied unless an option allows it.
 *
 * - Policy files in landlockconfig's format, TOML or JSON (--config, see
 *   landscope_config(5)): one or more files, or directories of them,
 *   composed.
 *
 * --dry-run computes the policy and its report and runs nothing;
 * --report=json prints the report as one JSON object, on stderr unless
 * --report-file or --report-fd says where: never on the command's stdout
 * unless asked, where it would corrupt a pipeline.
 *
 * The option names follow landrun's where it has one; its
 * empty environment by default is not followed (--clear-env gives it),
 * see landscope-run-env.c.
 *
 * Exit status: that of the command, which replaces landscope-run; 125 when
 * landscope-run itself fails (usage, policy, kernel), before anything is
 * executed; 126 when the command cannot be executed; 127 when it is not
 * found.  These are env(1)'s and chroot(1)'s conventions, so a failure of
 * the sandbox cannot be mistaken for the command's own exit status 1.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <liblandscope/config.h>
#include <liblandscope/landscope.h>

#include "learn/learn.h"
#include "landscope-run-config.h"
#include "landscope-run-env.h"
#include "landscope-run-ldd.h"
#include "report-json.h"
#include "version.h"

#define EXIT_FAILED 125
#define EXIT_CANNOT_RUN 126
#define EXIT_NOT_FOUND 127

/*
 * Rights of the environment interface, as the kernel's sample groups them:
 * "read-only" includes execute, "read-write" is everything.
 */
#define ENV_FS_RO LANDSCOPE_ACCESS_FS_READ_EXEC
#define ENV_FS_RW LANDSCOPE_ACCESS_FS_ALL

/* Rights of the options. */
#define OPT_FS_RO LANDSCOPE_ACCESS_FS_READ_ONLY
#define OPT_FS_RX LANDSCOPE_ACCESS_FS_READ_EXEC
#define OPT_FS_RW (LANDSCOPE_ACCESS_FS_ALL & ~LANDSCOPE_ACCESS_FS_EXECUTE)
#define OPT_FS_RWX LANDSCOPE_ACCESS_FS_ALL

static const char *const env_names[] = {
	"LL_FS_RO",	  "LL_FS_RW",  "LL_TCP_BIND",
	"LL_TCP_CONNECT", "LL_SCOPED", "LL_FORCE_LOG",
};

#define NR_ENV_NAMES (sizeof(env_names) / sizeof(env_names[0]))

/* A path or port list, as given in one option or variable. */
struct list {
	const char *origin; /* "--ro", "LL_FS_RO"... for messages */
	const char *value; /* colon-separated, unless @whole */
	uint64_t access;
	/* One path that may hold colons: --add-exec's, --ldd's. */
	bool whole;
};

enum report_format {
	REPORT_NONE,
	REPORT_TEXT,
	REPORT_JSON
};

/* --log-level: what landscope-run says about itself, never the policy. */
enum log_level {
	LOG_ERROR, /* errors, and that a command runs unconfined */
	LOG_WARN, /* and warnings (the default) */
	LOG_INFO, /* and a summary of what is enforced */
	LOG_DEBUG /* and the text report */
};

struct config {
	/*
	 * How the front end that gave the policy (the LL_* variables, the
	 * options, policy files) wants it enforced: set where it is read,
	 * read_env() or parse_options(), and nowhere else.
	 */
	bool skip_missing; /* a missing path: warned about and skipped */
	bool refuse_unavailable; /* no Landlock: run nothing */
	bool scopes_if_supported; /* scopes ignored where the kernel has none */
	bool ports_need_tcp; /* ports on a kernel without TCP rights: refuse */
	bool handle_all_net; /* every network right --abi N defines */
	uint64_t default_scopes; /* without LL_SCOPED or --scope */
	bool unset_env; /* the LL_* variables are not passed on */
	enum landscope_compat compat;
	int abi; /* handle what this ABI defines */
	bool ignore_missing;
	int report; /* enum report_format */
	/* --report-file, --report-fd: opened before restricting. */
	const char *report_path;
	int report_fd; /* -1: none */
	FILE *report_file; /* NULL: stderr */
	bool dry_run;
	bool allow_transports; /* --allow-unmediated-transports */
	/* --config files and directories; --hard and --abi conflict. */
	const char *configs[64];
	unsigned int nr_configs;
	bool level_given;
	enum config_format config_format; /* --config-format */
	bool force_log;
	unsigned int log_flags; /* LANDSCOPE_RESTRICT_LOG_* of --log-* */
	bool unrestricted_tcp;
	bool unrestricted_net;
	bool unrestricted_fs;
	/* --add-exec, --ldd: the command and its libraries, --rx. */
	bool add_exec;
	bool ldd;
	struct ldd_paths exec_paths;
	struct run_env env; /* --env, --clear-env */
	/* The only way to run the command with nothing enforced. */
	bool allow_unconfined;
	struct list paths[64];
	unsigned int nr_paths;
	struct list ports[64];
	unsigned int nr_ports;
	const char *scopes; /* NULL: default */
	const char *scopes_origin;
	uint64_t fs_enforced; /* what the kernel enforces, once restricted */
	const char *learn; /* --learn POLICY: see learn/learn.h */
	bool explain; /* --explain */
};

static const char *prog = "landscope-run";
static int log_level = LOG_WARN;

/* Characters of a program name printed as it is. */
#define PRINTABLE                    \
	"abcdefghijklmnopqrstuvwxyz" \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZ" \
	"0123456789._+-"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: LL_FS_RO=... LL_FS_RW=... [LL_...] %1$s [OPTIONS] COMMAND [ARG]...\n"
		"       %1$s POLICY-OPTIONS [OPTIONS] [--] COMMAND [ARG]...\n"
		"\n"
		"Run COMMAND in a Landlock sandbox.  Lists are colon-separated; options\n"
		"that take a list can also be repeated.\n"
		"\n"
		"Environment interface, as the kernel's samples/landlock/sandboxer.c:\n"
		"  LL_FS_RO        paths allowed read and execute (mandatory, may be empty)\n"
		"  LL_FS_RW        paths allowed everything (mandatory, may be empty)\n"
		"  LL_TCP_BIND     TCP ports allowed to bind; if unset, binding is not\n"
		"                  restricted, if empty, every bind is denied\n"
		"  LL_TCP_CONNECT  TCP ports allowed to connect to; same rules\n"
		"  LL_SCOPED       scopes: IPC denied with processes outside the sandbox:\n"
		"                    a  connecting to abstract Unix sockets\n"
		"                    s  sending signals\n"
		"                    u  connecting to pathname Unix sockets\n"
		"                    A  abstract Unix sockets accepting connections from\n"
		"                       outside (kernels with liblandscope's patches)\n"
		"                    U  the same for pathname Unix sockets\n"
		"  LL_FORCE_LOG=1  log denials of the command to the audit log (ABI 7)\n"
		"A file given directory rights gets the rights that apply to files; a path\n"
		"that cannot be opened is skipped with a warning.  The variables are\n"
		"removed from the command's environment.  As with the kernel's sample,\n"
		"nothing runs on a kernel without Landlock (unless --allow-unconfined).\n"
		"\n"
		"Policy options (instead of the variables; everything else is denied):\n"
		"  -r, --ro PATHS          allow reading files and listing directories\n"
		"  -x, --rx PATHS          allow reading and executing (also --rox)\n"
		"  -w, --rw PATHS          allow everything but executing\n"
		"  -W, --rwx PATHS         allow everything\n"
		"      --unix PATHS        allow connecting to these pathname Unix sockets,\n"
		"                          or to those beneath these directories (ABI 9)\n"
		"      --add-exec          allow reading and executing COMMAND itself\n"
		"      --ldd               --add-exec, and the loader and libraries it\n"
		"                          loads (listed by its loader, ld.so --list)\n"
		"  -b, --bind-tcp PORTS    allow binding these TCP ports\n"
		"  -c, --connect-tcp PORTS allow connecting to these TCP ports\n"
		"      --bind-udp PORTS    allow binding these UDP ports (ABI 10)\n"
		"      --connect-udp PORTS allow connecting and sending to these UDP ports\n"
		"      --unrestricted-tcp  do not restrict TCP at all\n"
		"      --unrestricted-network     do not restrict TCP nor UDP\n"
		"      --unrestricted-filesystem  do not restrict the filesystem\n"
		"  -s, --scope LETTERS     scopes, letters as for LL_SCOPED (default a:s;\n"
		"                          an empty list for none)\n"
		"\n"
		"Policy files (landlockconfig's format; the policy options above add\n"
		"their rules, and the rights they name, to the files' policy):\n"
		"  -C, --config PATH       a TOML or JSON policy file, or a directory whose\n"
		"                          *.toml and *.json files compose; repeatable\n"
		"                          (their compatibility key replaces --hard)\n"
		"      --config-format F   toml or json: the format of --config files\n"
		"                          whose names do not end in .toml or .json\n"
		"                          (/dev/stdin)\n"
		"\n"
		"Other options (with either interface):\n"
		"      --best-effort       enforce what the kernel supports (default)\n"
		"      --hard              fail unless the kernel supports everything asked\n"
		"      --allow-unconfined  run the command even if nothing can be enforced\n"
		"                          (no Landlock, or Landlock denied); without it,\n"
		"                          nothing runs then\n"
		"      --abi N             only handle what Landlock ABI N defines; with\n"
		"                          --hard, requires that ABI\n"
		"  -i, --ignore-missing    skip missing paths with a warning instead of\n"
		"                          failing (always the case with the variables)\n"
		"  -R, --report[=json]     print the enforcement report to stderr first;\n"
		"                          =json: as one JSON object\n"
		"      --report-file PATH  write the report to PATH instead of stderr\n"
		"      --report-fd N       write it to file descriptor N (1: stdout, as\n"
		"                          --report=json did before 0.3)\n"
		"      --dry-run           compute the policy and its report, run nothing;\n"
		"                          without --report, print a one-line summary\n"
		"      --log               the same as LL_FORCE_LOG=1\n"
		"      --log-enable-subprocesses   the same as --log\n"
		"      --log-disable-originating   do not log denials of COMMAND itself,\n"
		"                          only of what it executes (ABI 7)\n"
		"      --log-disable-subdomains    do not log denials of nested sandboxes\n"
		"      --log-level LEVEL   error, warn (default), info or debug: what\n"
		"                          %1$s says about itself on stderr\n"
		"      --clear-env         run COMMAND with an empty environment\n"
		"      --env NAME[=VALUE]  pass NAME (with --clear-env), or set it\n"
		"      --allow-unmediated-transports\n"
		"                          let MPTCP, SCTP, SMC, DCCP (and UDP-Lite) sockets\n"
		"                          be created, which TCP (UDP) port rules miss\n"
		"\n"
		"Learning a policy (landscope-learn(7)):\n"
		"      --learn POLICY      run COMMAND unconfined, observed, and write\n"
		"                          the policy it needs to POLICY (TOML); if\n"
		"                          POLICY exists, add what it lacks\n"
		"      --explain           run COMMAND under the policy, observed, and\n"
		"                          print each distinct denial with the rule\n"
		"                          that would allow it\n"
		"\n"
		"  -h, --help              show this help\n"
		"  -V, --version           show the versions\n"
		"\n"
		"Exit status: the command's; 125 if %1$s itself failed, before running\n"
		"anything; 126 if COMMAND could not be executed; 127 if it was not found.\n"
		"\n"
		"Examples:\n"
		"  LL_FS_RO=/usr:/lib:/etc:/dev/urandom LL_FS_RW=/tmp:/dev/null \\\n"
		"  LL_TCP_CONNECT=443 LL_SCOPED=a:s %1$s bash -i\n"
		"\n"
		"  %1$s --report --rx /usr:/lib --ro /etc --rw /tmp:/dev/null \\\n"
		"    -- sh -c 'cat /etc/hostname; echo x > /etc/x'\n"
		"\n"
		"%1$s knows Landlock up to ABI %2$d; landscope-probe(1) shows\n"
		"what the running kernel supports.\n",
		prog, LANDSCOPE_ABI_LAST);
}

/*
 * Every message goes through here, escaped whole: a path or a value
 * given by the user or a policy file cannot forge a line nor reach the
 * terminal as a control sequence.  The messages' own
 * text is printable ASCII, which the escaping leaves as it is.
 */
void run_warn(const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;
	int n;

	/*
	 * --log-level error hides warnings, but never the one that says the
	 * command runs unconfined: that is what the user must not miss.
	 */
	if (log_level < LOG_WARN && !strncmp(fmt, "warning: ", 9) &&
	    !strstr(fmt, "NOT enforced"))
		return;
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: ", prog);
	landscope_escape(stderr, n < 0 ? "(no memory for the message)" : msg, 0);
	fputc('\n', stderr);
	if (n >= 0)
		free(msg);
}

/* The name this file has always used. */
#define warn run_warn

/* Scope letters of LL_SCOPED: 0 and a message on error. */
static int parse_scopes(const char *origin, const char *value, uint64_t *ret)
{
	static const struct {
		char letter;
		uint64_t bit;
	} letters[] = {
		{ 'a', LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET },
		{ 's', LANDSCOPE_SCOPE_SIGNAL },
		{ 'u', LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET },
		{ 'A', LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET_INBOUND },
		{ 'U', LANDSCOPE_SCOPE_PATHNAME_UNIX_SOCKET_INBOUND },
	};
#define NR_LETTERS (sizeof(letters) / sizeof(letters[0]))
	const char *p = value;
	uint64_t scopes = 0;

	/* As in the kernel's sample, an empty value means no scope. */
	while (*value) {
		const char *end = strchrnul(p, ':');
		uint64_t bit = 0;
		size_t i;

		if (end - p == 1)
			for (i = 0; i < NR_LETTERS; i++)
				if (letters[i].letter == *p)
					bit = letters[i].bit;
		if (!bit || (scopes & bit)) {
			warn("%s: unknown or duplicate scope \"%.*s\" "
			     "(expected a, s, u, A or U)",
			     origin, (int)(end - p), p);
			return -EINVAL;
		}
		scopes |= bit;
		if (!*end)
			break;
		p = end + 1;
	}
	*ret = scopes;
	return 0;
}

/*
 * Ports are decimal, as in the kernel's sample, which takes any number of
 * leading zeros; the library rejects ports above 65535, so the value stops
 * growing once past that, whatever the length.
 */
static int parse_port(const char *s, size_t len, uint64_t *ret)
{
	uint64_t port = 0;
	size_t i;

	if (!len)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		if (port <= 65535)
			port = port * 10 + (uint64_t)(s[i] - '0');
	}
	*ret = port;
	return 0;
}

static int add_ports(struct landscope_ruleset *rs, const struct list *l)
{
	const char *p = l->value;

	while (*p) {
		const char *end = strchrnul(p, ':');
		uint64_t port;
		int err;

		/* Empty items are skipped, as in the kernel's sample. */
		if (end != p) {
			err = parse_port(p, end - p, &port);
			if (!err)
				err = landscope_ruleset_add_port(rs, port,
								 l->access, 0);
			if (err) {
				warn("%s: invalid port \"%.*s\": %s", l->origin,
				     (int)(end - p), p, strerror(-err));
				return err;
			}
		}
		if (!*end)
			break;
		p = end + 1;
	}
	return 0;
}

static bool list_is_empty(const char *value)
{
	return strspn(value, ":") == strlen(value);
}

/*
 * After a Landlock syscall failed with @err: EPERM and ENOSYS are not
 * answers Landlock gives to a valid call once it is available, but what a
 * seccomp filter or an LSM returns.
 */
static void denied_hint(int err)
{
	if (err == -EPERM || err == -ENOSYS)
		warn("hint: a seccomp filter or an LSM may deny Landlock to "
		     "this process");
}

static int add_paths(const struct config *c, struct landscope_ruleset *rs,
		     const struct list *l)
{
	char *copy, *next, *path;
	int err = 0;

	copy = strdup(l->value);
	if (!copy)
		return -ENOMEM;
	next = copy;
	/* An empty list allows nothing, as in the kernel's sample. */
	if (!*copy)
		next = NULL;
	while ((path = strsep(&next, l->whole ? "" : ":"))) {
		/*
		 * One set of rights for files and directories alike, as the
		 * kernel's sample gives them: a file keeps its file rights.
		 */
		unsigned int flags = LANDSCOPE_ADD_RULE_NARROW_FILE;
		uint64_t access = l->access;

		if (c->ignore_missing && !c->skip_missing)
			flags |= LANDSCOPE_ADD_RULE_IGNORE_MISSING;
		err = *path ? landscope_ruleset_add_path(rs, path, access,
							 flags)
			    : -ENOENT;
		if (!err)
			continue;
		/* The kernel refused the rule (immediate mode): as the sample. */
		if (err == -EBADF || err == -EBADFD) {
			warn("failed to update the ruleset with \"%s\": %s",
			     path, strerror(-err));
			break;
		}
		/*
		 * The environment interface skips a missing path, with a
		 * warning, as the kernel's sample does; options fail instead,
		 * unless --ignore-missing (which the library handles).  Any
		 * other error fails: the sample also skips a path it cannot
		 * open, but the same errnos (EPERM, EACCES) come from a
		 * kernel that refuses landlock_add_rule(), under a seccomp
		 * filter or an LSM, and skipping them all would run the
		 * command with no rule at all.
		 */
		if (c->skip_missing && err == -ENOENT) {
			warn("warning: %s: skipping \"%s\": %s", l->origin,
			     path, strerror(-err));
			err = 0;
			continue;
		}
		warn("%s \"%s\": %s", l->origin, path, strerror(-err));
		denied_hint(err);
		break;
	}
	free(copy);
	return err;
}

/* Names of the bits in @mask, for messages. */
static void print_bits(FILE *f, int category, uint64_t mask)
{
	int i;

	for (i = 0; i < 64; i++) {
		uint64_t bit = UINT64_C(1) << i;
		const char *name;

		if (!(mask & bit))
			continue;
		name = landscope_access_name(category, bit);
		if (name)
			fprintf(f, " %s", name);
		else
			fprintf(f, " bit%d", i);
	}
}

/*
 * What --hard could not have, from the report: what the kernel lacks is
 * kept apart from what the refused restriction did not enforce.
 */
static void print_missing(const struct landscope_report *report)
{
	static const char *const what[] = {
		"filesystem rights",
		"network rights",
		"scopes",
		"flags",
	};
	uint64_t dropped;
	int cat;

	for (cat = LANDSCOPE_CATEGORY_FS; cat <= LANDSCOPE_CATEGORY_FLAGS;
	     cat++) {
		if (landscope_report_dropped(report, cat, &dropped) || !dropped)
			continue;
		fprintf(stderr, "%s: the kernel lacks %s:", prog, what[cat]);
		print_bits(stderr, cat, dropped);
		fputc('\n', stderr);
	}
}

/*
 * Why Landlock is unavailable, and what to do.  ENOSYS and EOPNOTSUPP are
 * the kernel's own answers; EPERM is the library's "blocked": a seccomp
 * filter or an LSM denies the syscalls (the report's reason names its
 * errno), where rebuilding or rebooting would not help.
 */
static void landlock_hint(int unavailable)
{
	if (!unavailable)
		return;
	if (unavailable == -ENOSYS)
		warn("hint: this kernel was built without Landlock "
		     "(CONFIG_SECURITY_LANDLOCK=y is needed), or a seccomp "
		     "filter hides it (ENOSYS)");
	else if (unavailable == -EOPNOTSUPP)
		warn("hint: Landlock is disabled: add \"landlock\" to the "
		     "lsm= boot parameter (or to CONFIG_LSM)");
	else
		warn("hint: Landlock is denied by a seccomp filter or an LSM, "
		     "not missing from the kernel: see the container's or the "
		     "service's seccomp policy");
}

/*
 * Rules the kernel refused (a pipe given by /proc/self/fd/N is -EBADFD),
 * named as the kernel's sample names them.
 */
static void warn_refused(const struct landscope_report *report)
{
	int i, n = report ? landscope_report_rule_count(report) : 0;

	for (i = 0; i < n; i++) {
		LANDSCOPE_INIT(landscope_rule_info, info);

		if (landscope_report_rule(report, i, &info) || !info.error)
			continue;
		if (info.path)
			warn("failed to update the ruleset with \"%s\": %s",
			     info.path, strerror(-info.error));
		else
			warn("failed to update the ruleset with port %llu: %s",
			     (unsigned long long)info.port,
			     strerror(-info.error));
	}
}

/*
 * Scopes asked for by letter that best effort dropped: said once, even
 * without --report, since the user named them.
 */
static void warn_dropped_scopes(const struct config *c,
				const struct landscope_report *report)
{
	uint64_t req = 0, enf = 0;

	if (!c->scopes || log_level < LOG_WARN ||
	    landscope_report_category(report, LANDSCOPE_CATEGORY_SCOPE, &req,
				      &enf) ||
	    !(req & ~enf))
		return;
	fprintf(stderr, "%s: warning: %s: the kernel lacks scopes:", prog,
		c->scopes_origin);
	print_bits(stderr, LANDSCOPE_CATEGORY_SCOPE, req & ~enf);
	fputs(" (dropped, best effort)\n", stderr);
}

/*
 * --unix and the UDP options on a kernel that lacks their rights: best
 * effort drops the rights, so nothing restricts pathname sockets or UDP
 * at all there; said even without --report, since the user named them.
 */
static void warn_dropped_rights(const struct config *c,
				const struct landscope_report *report)
{
	/* The ABI each needs is the library's table's. */
	static const struct {
		int category;
		uint64_t bits;
		const char *what;
	} kinds[] = {
		{ LANDSCOPE_CATEGORY_FS, LANDSCOPE_ACCESS_FS_RESOLVE_UNIX,
		  "pathname Unix sockets" },
		{ LANDSCOPE_CATEGORY_NET,
		  LANDSCOPE_ACCESS_NET_BIND_UDP |
			  LANDSCOPE_ACCESS_NET_CONNECT_SEND_UDP,
		  "UDP" },
	};
	unsigned int i, k;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const struct list *lists =
			kinds[k].category == LANDSCOPE_CATEGORY_FS ? c->paths
								   : c->ports;
		unsigned int nr = kinds[k].category == LANDSCOPE_CATEGORY_FS
					  ? c->nr_paths
					  : c->nr_ports;
		uint64_t req = 0, enf = 0;

		if (landscope_report_category(report, kinds[k].category, &req,
					      &enf) ||
		    !(req & kinds[k].bits & ~enf))
			continue;
		for (i = 0; i < nr; i++) {
			if (lists[i].access & ~kinds[k].bits)
				continue;
			warn("warning: %s: this kernel cannot restrict %s "
			     "(Landlock ABI %d): dropped, best effort, so "
			     "every one stays allowed",
			     lists[i].origin, kinds[k].what,
			     landscope_access_abi(kinds[k].category,
						  kinds[k].bits &
							  -kinds[k].bits));
			break;
		}
	}
}

/*
 * Skipped paths, from the report (--ignore-missing, --config): a missing
 * path is skipped with a warning; any other error fails, since a kernel
 * that refuses rules (a seccomp filter, an LSM) gives EPERM or EACCES
 * for every path, and the command would run with none.
 */
static int warn_skipped(const struct landscope_report *report,
			bool warn_missing)
{
	int i, n = landscope_report_rule_count(report);

	for (i = 0; i < n; i++) {
		LANDSCOPE_INIT(landscope_rule_info, info);

		if (landscope_report_rule(report, i, &info))
			continue;
		if (!(info.outcome & LANDSCOPE_OUTCOME_SKIPPED_MISSING))
			continue;
		if (info.error == -ENOENT) {
			if (warn_missing)
				warn("warning: skipped missing path \"%s\"",
				     info.path ? info.path : "?");
			continue;
		}
		warn("cannot add \"%s\" to the sandbox: %s",
		     info.path ? info.path : "?", strerror(-info.error));
		return info.error ? info.error : -EINVAL;
	}
	return 0;
}

/*
 * The report as --report asked, after a restriction that gave @err; an
 * error if it cannot be written: the user asked for it.
 */
static int show_report(const struct config *c,
		       const struct landscope_report *report, int err,
		       bool unconfined)
{
	/*
	 * Never the command's stdout unless asked (--report-file
	 * /dev/stdout): a report there would corrupt a pipeline.
	 */
	FILE *f = c->report_file ? c->report_file : stderr;

	if (!report)
		return 0;
	if (c->report == REPORT_TEXT ||
	    (c->report == REPORT_NONE && log_level >= LOG_DEBUG)) {
		landscope_report_print(report, f);
		if (fflush(f) || ferror(f)) {
			warn("--report: cannot write the report: %s",
			     strerror(errno ? errno : EIO));
			return -EIO;
		}
	} else if (c->report == REPORT_JSON) {
		if (report_json(f, report, err, unconfined)) {
			warn("--report=json: cannot write the report: %s",
			     strerror(errno ? errno : EIO));
			return -EIO;
		}
	}
	return 0;
}

/*
 * One line on what is enforced: for --dry-run without --report, which
 * would otherwise say nothing, and for --log-level info.
 */
static void summary(const struct config *c,
		    const struct landscope_report *report)
{
	static const char *const status[] = {
		[LANDSCOPE_FULLY_ENFORCED] = "fully enforced",
		[LANDSCOPE_PARTIALLY_ENFORCED] = "partially enforced",
		[LANDSCOPE_NOT_ENFORCED] = "not enforced",
	};
	int st = landscope_report_status(report);
	const char *why = landscope_report_reason(report);

	if (c->report != REPORT_NONE || (!c->dry_run && log_level < LOG_INFO) ||
	    st < 0 || st > LANDSCOPE_NOT_ENFORCED)
		return;
	warn("%s%s (Landlock ABI %d)%s%s", c->dry_run ? "dry run: " : "",
	     status[st], landscope_report_abi(report), why ? ": " : "",
	     why ? why : "");
}

/*
 * Whether the policy asked for something the kernel supports, yet
 * nothing is enforced: only a policy file's soft_requirement does that,
 * and it is the file's own choice to run unconfined.
 */
static bool chose_unconfined(const struct landscope_features *feat,
			     const struct landscope_report *report)
{
	const uint64_t supported[] = { feat->access_fs, feat->access_net,
				       feat->scoped };
	uint64_t req, enf;
	int cat;

	if (feat->unavailable)
		return false;
	for (cat = LANDSCOPE_CATEGORY_FS; cat <= LANDSCOPE_CATEGORY_SCOPE;
	     cat++)
		if (!landscope_report_category(report, cat, &req, &enf) &&
		    (req & supported[cat]))
			return true;
	return false;
}

/*
 * A command never runs unconfined unless the user said so, with
 * --allow-unconfined (or a policy file with soft_requirement): best
 * effort is the default, so without this a kernel without Landlock, or
 * one that denies it, would run every command with nothing enforced and
 * only a warning.  --dry-run answers as the run would.
 */
static int check_unconfined(const struct config *c,
			    const struct landscope_features *feat,
			    const struct landscope_report *report)
{
	const char *why = landscope_report_reason(report);

	if (landscope_report_status(report) != LANDSCOPE_NOT_ENFORCED)
		return 0;
	if (c->allow_unconfined || chose_unconfined(feat, report)) {
		warn("warning: the sandbox is NOT enforced (%s): the command "
		     "runs unconfined",
		     why ? why : "nothing enforced");
		return 0;
	}
	warn("nothing can be enforced (%s): refusing to run the command "
	     "unconfined; --allow-unconfined runs it anyway",
	     why ? why : "nothing enforced");
	landlock_hint(feat->unavailable);
	return -EOPNOTSUPP;
}

/*
 * The rest of an enforcement, whatever the policy came from: 0, or an
 * error if the command must not run.
 */
static int after_restrict(struct config *c,
			  const struct landscope_features *feat,
			  const struct landscope_report *report)
{
	bool unconfined = landscope_report_status(report) ==
			  LANDSCOPE_NOT_ENFORCED;
	uint64_t req = 0;
	int err, ret;

	err = warn_skipped(report, true);
	warn_dropped_scopes(c, report);
	warn_dropped_rights(c, report);
	if (!err)
		err = check_unconfined(c, feat, report);
	ret = show_report(c, report, err, unconfined && !err);
	if (!err)
		err = ret;
	if (!err)
		summary(c, report);
	if (!unconfined)
		landscope_report_category(report, LANDSCOPE_CATEGORY_FS, &req,
					  &c->fs_enforced);
	return err;
}

/*
 * A policy file handles only what its rules name (landlockconfig's
 * meaning), so one that names no write right leaves every write allowed,
 * and one without net_port every connection: say it, since the report
 * would still say "fully enforced".
 */
static void warn_unrestricted(const struct landscope_report *report)
{
	const uint64_t writes =
		LANDSCOPE_ACCESS_FS_ALL &
		~(LANDSCOPE_ACCESS_FS_EXECUTE | LANDSCOPE_ACCESS_FS_READ_FILE |
		  LANDSCOPE_ACCESS_FS_READ_DIR | LANDSCOPE_ACCESS_FS_IOCTL_DEV |
		  LANDSCOPE_ACCESS_FS_RESOLVE_UNIX);
	LANDSCOPE_INIT(landscope_features, feat);
	uint64_t fs = 0, net = 0;

	if (log_level < LOG_WARN || landscope_features_get(&feat) ||
	    feat.unavailable ||
	    landscope_report_unrestricted(report, LANDSCOPE_CATEGORY_FS, &fs) ||
	    landscope_report_unrestricted(report, LANDSCOPE_CATEGORY_NET, &net))
		return;
	if ((feat.access_fs & writes) && !(feat.access_fs & writes & ~fs))
		warn("warning: this policy restricts no writes: the command "
		     "may write anywhere the system lets it");
	if (feat.access_net && net == feat.access_net) {
		fprintf(stderr,
			"%s: warning: this policy restricts no "
			"network access:",
			prog);
		print_bits(stderr, LANDSCOPE_CATEGORY_NET, net);
		fputs(" (add net_port rules, or a ruleset's "
		      "handled_access_net)\n",
		      stderr);
	}
}

/*
 * A list whose rights --abi N does not define would be dropped whole:
 * --unix below 9, UDP below 10.  Refused, rather than silently granting
 * nothing while the user believes the rule is there.
 */
static int check_abi(const struct config *c, uint64_t fs, uint64_t net_abi)
{
	unsigned int i;

	for (i = 0; i < c->nr_paths; i++)
		if (!(c->paths[i].access & fs) && !c->unrestricted_fs)
			goto bad_fs;
	for (i = 0; i < c->nr_ports; i++)
		if (c->ports[i].access & ~net_abi)
			goto bad_net;
	return 0;
bad_fs:
	warn("%s needs --abi %d or more", c->paths[i].origin,
	     landscope_access_abi(LANDSCOPE_CATEGORY_FS, c->paths[i].access));
	return -EINVAL;
bad_net:
	warn("%s needs --abi %d or more", c->ports[i].origin,
	     landscope_access_abi(LANDSCOPE_CATEGORY_NET,
				  c->ports[i].access & ~net_abi));
	return -EINVAL;
}

/* The rules of the lists, within the handled @fs and @net. */
static int add_rules(const struct config *c, struct landscope_ruleset *rs,
		     uint64_t fs, uint64_t net)
{
	unsigned int i;
	int err;

	for (i = 0; i < c->nr_paths; i++) {
		struct list l = c->paths[i];

		l.access &= fs;
		if (!l.access)
			continue;
		err = add_paths(c, rs, &l);
		if (err)
			return err;
	}
	for (i = 0; i < c->nr_ports; i++) {
		if (!(c->ports[i].access & net))
			continue;
		err = add_ports(rs, &c->ports[i]);
		if (err)
			return err;
	}
	return 0;
}

/* Add @fs, @net and @scopes to what @rs handles; 0 adds nothing. */
static int add_handled(struct landscope_ruleset *rs, uint64_t fs, uint64_t net,
		       uint64_t scopes)
{
	int err = 0;

	if (fs)
		err = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
						    fs);
	if (!err && net)
		err = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
						    net);
	if (!err && scopes)
		err = landscope_ruleset_add_handled(
			rs, LANDSCOPE_CATEGORY_SCOPE, scopes);
	return err;
}

/*
 * --config with policy options: each option adds its rules, and makes
 * the rights it grants handled.  Handling more never opens anything: a
 * handled right is denied everywhere but where a rule allows it, so the
 * options can widen the policy only on the paths and ports they name,
 * and may narrow what the files left open (a --rw makes the write rights
 * handled: writing is then denied everywhere else).  Granting a right
 * the files do not handle, without handling it, would be a rule the
 * kernel never sees.
 */
static int add_options_to_config(const struct config *c,
				 struct landscope_ruleset *rs)
{
	uint64_t fs = 0, net = 0, scopes = 0;
	unsigned int i;
	int err = 0;

	for (i = 0; i < c->nr_paths; i++)
		fs |= c->paths[i].access;
	for (i = 0; i < c->nr_ports; i++)
		net |= c->ports[i].access;
	if (c->scopes) {
		err = parse_scopes(c->scopes_origin, c->scopes, &scopes);
		if (err)
			return err;
	}
	err = add_handled(rs, fs, net, scopes);
	if (err == -EBUSY) {
		/* Past 64 paths the library has frozen the handled sets. */
		warn("--config: the policy has too many paths for options to "
		     "add rights to it; add them to a policy file instead");
		return err;
	}
	if (err) {
		warn("--config: cannot add the options' rights: %s",
		     strerror(-err));
		return err;
	}
	return add_rules(c, rs, fs, net);
}

/* A ruleset, from whichever front end, and what enforcing it needs. */
struct source {
	struct landscope_ruleset *rs;
	unsigned int flags; /* restrict flags the policy files ask for */
	/* The rules reach the kernel at restriction, not as they are added. */
	bool deferred;
	/* Policy files: their compatibility key sets the level. */
	bool files;
};

/* --config: the files give the policy, its level and its flags. */
static int from_files(struct config *c, struct source *src)
{
	int err;

	err = config_ruleset(prog, c->configs, c->nr_configs, c->config_format,
			     &src->rs, &src->flags);
	if (err)
		return err;
	src->deferred = true;
	src->files = true;
	return add_options_to_config(c, src->rs);
}

/* The LL_* variables, or the options: the ruleset they describe. */
static int from_lists(struct config *c, const struct landscope_features *feat,
		      struct source *src)
{
	/* The library's table: every right --abi N defines, no more. */
	uint64_t fs = landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, c->abi);
	uint64_t net_abi =
		landscope_access_of_abi(LANDSCOPE_CATEGORY_NET, c->abi);
	uint64_t net = 0, scopes = 0;
	unsigned int i;
	int err;

	/*
	 * The kernel's sample refuses to run anything without Landlock;
	 * keep that, so that a script relying on it is never unconfined.
	 */
	if (feat->unavailable && (c->refuse_unavailable ||
				  c->compat == LANDSCOPE_COMPAT_HARD_REQUIREMENT)) {
		warn("Landlock is not available: %s",
		     strerror(-feat->unavailable));
		landlock_hint(feat->unavailable);
		return -EOPNOTSUPP;
	}

	/*
	 * The kernel's sample does not even read LL_SCOPED on a kernel
	 * without scopes: the command then runs, whatever the value.
	 */
	if (c->scopes_if_supported && !feat->scoped &&
	    c->compat != LANDSCOPE_COMPAT_HARD_REQUIREMENT) {
		c->scopes = NULL;
	} else if (c->scopes) {
		err = parse_scopes(c->scopes_origin, c->scopes, &scopes);
		if (err)
			return err;
	} else {
		scopes = c->default_scopes;
	}
	/* The options' default scopes follow --abi silently. */
	if (!landscope_access_of_abi(LANDSCOPE_CATEGORY_SCOPE, c->abi)) {
		if (c->scopes && scopes) {
			warn("%s: scopes need --abi %d or more",
			     c->scopes_origin,
			     landscope_access_abi(LANDSCOPE_CATEGORY_SCOPE,
						  LANDSCOPE_SCOPE_SIGNAL));
			return -EINVAL;
		}
		scopes = 0;
	}

	/*
	 * Options handle every network right --abi N defines, UDP too from
	 * ABI 10, so that "everything else is denied" holds for UDP.
	 */
	if (c->unrestricted_fs)
		fs = 0;
	if (c->handle_all_net && !c->unrestricted_net)
		net = net_abi;
	if (c->unrestricted_tcp)
		net &= ~(LANDSCOPE_ACCESS_NET_BIND_TCP |
			 LANDSCOPE_ACCESS_NET_CONNECT_TCP);
	err = check_abi(c, fs, net_abi);
	if (err)
		return err;
	for (i = 0; i < c->nr_ports; i++)
		net |= c->ports[i].access;
	/*
	 * On a kernel without TCP rights, the kernel's sample fails to add
	 * a port rule and runs nothing: do not run the command with the
	 * network open instead.
	 */
	for (i = 0; i < c->nr_ports; i++) {
		if (!c->ports_need_tcp || !feat->abi ||
		    (feat->access_net & c->ports[i].access) ||
		    list_is_empty(c->ports[i].value))
			continue;
		warn("%s: this kernel has no TCP rights (Landlock ABI %d, "
		     "%d needed)",
		     c->ports[i].origin, feat->abi,
		     landscope_access_abi(LANDSCOPE_CATEGORY_NET,
					  LANDSCOPE_ACCESS_NET_CONNECT_TCP));
		return -EOPNOTSUPP;
	}
	if (c->force_log &&
	    !(feat->restrict_flags & LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON)) {
		warn("audit logs are not supported by this kernel "
		     "(Landlock ABI %d needed)",
		     landscope_access_abi(LANDSCOPE_CATEGORY_FLAGS,
					  LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON));
		return -EOPNOTSUPP;
	}

	/*
	 * Each path reaches the kernel and is closed as it comes: a policy
	 * of any size runs within the default fd limit, as the sample's does.
	 */
	err = landscope_ruleset_new(&src->rs, LANDSCOPE_RULESET_IMMEDIATE);
	if (!err)
		err = landscope_ruleset_set_compat_level(src->rs, c->compat, 0);
	if (!err)
		err = add_handled(src->rs, fs, net, scopes);
	if (err) {
		warn("cannot build the ruleset: %s", strerror(-err));
		return err;
	}
	return add_rules(c, src->rs, fs, net);
}

/*
 * The one way from a policy to the restricted process, whatever front end
 * gave it: build the ruleset, restrict, then say what was enforced.
 */
static int enforce(struct config *c)
{
	LANDSCOPE_INIT(landscope_features, feat);
	struct source src = { 0 };
	struct landscope_report *report = NULL;
	bool hard = c->compat == LANDSCOPE_COMPAT_HARD_REQUIREMENT;
	unsigned int flags;
	int err;

	landscope_features_get(&feat);
	err = c->nr_configs ? from_files(c, &src) : from_lists(c, &feat, &src);
	if (err)
		goto out;

	/* Best effort drops what the kernel lacks, and reports it. */
	flags = src.flags | c->log_flags;
	if (c->force_log)
		flags |= LANDSCOPE_RESTRICT_LOG_NEW_EXEC_ON;
	if (c->dry_run)
		flags |= LANDSCOPE_RESTRICT_DRY_RUN;
	if (c->allow_transports)
		flags |= LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS;
	/*
	 * A path of a deferred ruleset that could not be added for another
	 * cause than being missing fails the run (warn_skipped()): find it
	 * in a dry run first, so that nothing is restricted when failing.
	 * An immediate ruleset has already failed on it.
	 */
	if (src.deferred && !c->dry_run) {
		/* Its own failure is the real call's to report. */
		err = landscope_ruleset_restrict_self(
			src.rs, flags | LANDSCOPE_RESTRICT_DRY_RUN, &report);
		err = err ? 0 : warn_skipped(report, false);
		landscope_report_free(report);
		report = NULL;
		if (err)
			goto out;
	}
	err = landscope_ruleset_restrict_self(src.rs, flags, &report);
	if (err) {
		warn_refused(report);
		warn("cannot enforce the sandbox: %s", strerror(-err));
		denied_hint(err);
		/*
		 * What --hard or a file's hard_requirement could not have,
		 * and advice for --hard only: best effort already is that,
		 * and failed for another cause.
		 */
		if (err == -EOPNOTSUPP && report && (hard || src.files))
			print_missing(report);
		if (err == -EOPNOTSUPP && report && hard)
			warn("hint: --best-effort enforces what the kernel "
			     "supports; --abi %d handles only what it has",
			     feat.abi);
		show_report(c, report, err, false);
		goto out;
	}
	/* A file handles only what it names: say what that leaves open. */
	if (src.files)
		warn_unrestricted(report);
	err = after_restrict(c, &feat, report);

out:
	landscope_report_free(report);
	landscope_ruleset_free(src.rs);
	return err;
}

/*
 * Whether an EACCES from execvp() can be the sandbox's: only if it
 * enforces execute or read_file, and the program passes the permission
 * check that Landlock does not take part in (access(2)).
 */
static bool sandbox_may_deny(const struct config *c, const char *cmd)
{
	char *path;
	bool ret;

	if (!(c->fs_enforced &
	      (LANDSCOPE_ACCESS_FS_EXECUTE | LANDSCOPE_ACCESS_FS_READ_FILE)))
		return false;
	path = path_find(cmd);
	if (!path)
		return true;
	ret = !access(path, X_OK);
	free(path);
	return ret;
}

static int add_list(struct list *lists, unsigned int *nr, const char *origin,
		    const char *value, uint64_t access)
{
	if (*nr >= 64) {
		warn("too many %s options", origin);
		return -E2BIG;
	}
	lists[*nr].origin = origin;
	lists[*nr].value = value;
	lists[*nr].access = access;
	(*nr)++;
	return 0;
}

/*
 * The environment interface, read as the kernel's sample reads it, and
 * enforced as the sample enforces it.
 */
static int read_env(struct config *c)
{
	static const char *const fs_vars[] = { "LL_FS_RO", "LL_FS_RW" };
	static const char *const tcp_vars[] = { "LL_TCP_BIND",
						"LL_TCP_CONNECT" };
	const char *v;
	int i, err;

	/*
	 * The sample skips a missing path with a warning, runs nothing
	 * without Landlock, reads LL_SCOPED only on a kernel with scopes,
	 * fails a port rule on a kernel without TCP rights, and handles only
	 * the network rights its variables name (none: all allowed).
	 */
	c->skip_missing = true;
	c->refuse_unavailable = !c->allow_unconfined;
	c->scopes_if_supported = true;
	c->ports_need_tcp = true;
	/* The variables are the policy, not the command's environment. */
	c->unset_env = true;
	for (i = 0; i < 2; i++) {
		v = getenv(fs_vars[i]);
		if (!v) {
			/* The sample insists, so that none is forgotten. */
			warn("missing environment variable %s (see --help)",
			     fs_vars[i]);
			return -EINVAL;
		}
		err = add_list(c->paths, &c->nr_paths, fs_vars[i], v,
			       i ? ENV_FS_RW : ENV_FS_RO);
		if (err)
			return err;
	}
	for (i = 0; i < 2; i++) {
		v = getenv(tcp_vars[i]);
		if (!v)
			continue;
		err = add_list(c->ports, &c->nr_ports, tcp_vars[i], v,
			       i ? LANDSCOPE_ACCESS_NET_CONNECT_TCP
				 : LANDSCOPE_ACCESS_NET_BIND_TCP);
		if (err)
			return err;
	}
	v = getenv("LL_SCOPED");
	if (v) {
		c->scopes = v;
		c->scopes_origin = "LL_SCOPED";
	}
	v = getenv("LL_FORCE_LOG");
	if (v) {
		if (strcmp(v, "1")) {
			warn("LL_FORCE_LOG: unknown value \"%s\" "
			     "(only \"1\" is handled)",
			     v);
			return -EINVAL;
		}
		c->force_log = true;
	}
	return 0;
}

enum {
	OPT_UNRESTRICTED_TCP = 256,
	OPT_BEST_EFFORT,
	OPT_HARD,
	OPT_ABI,
	OPT_LOG,
	OPT_DRY_RUN,
	OPT_ALLOW_UNCONFINED,
	OPT_CONFIG_FORMAT,
	OPT_UNIX,
	OPT_BIND_UDP,
	OPT_CONNECT_UDP,
	OPT_UNRESTRICTED_NET,
	OPT_UNRESTRICTED_FS,
	OPT_LOG_SAME_EXEC_OFF,
	OPT_LOG_SUBDOMAINS_OFF,
	OPT_LOG_LEVEL,
	OPT_REPORT_FILE,
	OPT_REPORT_FD,
	OPT_ENV,
	OPT_CLEAR_ENV,
	OPT_ADD_EXEC,
	OPT_LDD,
	OPT_ALLOW_TRANSPORTS,
	OPT_LEARN,
	OPT_EXPLAIN,
};

static const struct option options[] = {
	{ "ro", required_argument, NULL, 'r' },
	{ "rx", required_argument, NULL, 'x' },
	/* landrun's name for it. */
	{ "rox", required_argument, NULL, 'x' },
	{ "rw", required_argument, NULL, 'w' },
	{ "rwx", required_argument, NULL, 'W' },
	{ "bind-tcp", required_argument, NULL, 'b' },
	{ "connect-tcp", required_argument, NULL, 'c' },
	{ "unrestricted-tcp", no_argument, NULL, OPT_UNRESTRICTED_TCP },
	/* landrun's names for the rest. */
	{ "unix", required_argument, NULL, OPT_UNIX },
	{ "bind-udp", required_argument, NULL, OPT_BIND_UDP },
	{ "connect-udp", required_argument, NULL, OPT_CONNECT_UDP },
	{ "unrestricted-network", no_argument, NULL, OPT_UNRESTRICTED_NET },
	{ "unrestricted-filesystem", no_argument, NULL, OPT_UNRESTRICTED_FS },
	{ "add-exec", no_argument, NULL, OPT_ADD_EXEC },
	{ "ldd", no_argument, NULL, OPT_LDD },
	{ "scope", required_argument, NULL, 's' },
	{ "best-effort", no_argument, NULL, OPT_BEST_EFFORT },
	{ "hard", no_argument, NULL, OPT_HARD },
	{ "abi", required_argument, NULL, OPT_ABI },
	{ "ignore-missing", no_argument, NULL, 'i' },
	{ "report", optional_argument, NULL, 'R' },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "config", required_argument, NULL, 'C' },
	{ "config-format", required_argument, NULL, OPT_CONFIG_FORMAT },
	{ "allow-unconfined", no_argument, NULL, OPT_ALLOW_UNCONFINED },
	{ "log", no_argument, NULL, OPT_LOG },
	{ "log-enable-subprocesses", no_argument, NULL, OPT_LOG },
	{ "log-disable-originating", no_argument, NULL, OPT_LOG_SAME_EXEC_OFF },
	{ "log-disable-subdomains", no_argument, NULL, OPT_LOG_SUBDOMAINS_OFF },
	{ "log-level", required_argument, NULL, OPT_LOG_LEVEL },
	{ "report-file", required_argument, NULL, OPT_REPORT_FILE },
	{ "report-fd", required_argument, NULL, OPT_REPORT_FD },
	{ "env", required_argument, NULL, OPT_ENV },
	{ "clear-env", no_argument, NULL, OPT_CLEAR_ENV },
	{ "allow-unmediated-transports", no_argument, NULL,
	  OPT_ALLOW_TRANSPORTS },
	{ "learn", required_argument, NULL, OPT_LEARN },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int parse_log_level(const char *arg)
{
	static const char *const names[] = {
		[LOG_ERROR] = "error",
		[LOG_WARN] = "warn",
		[LOG_INFO] = "info",
		[LOG_DEBUG] = "debug",
	};
	int i;

	for (i = LOG_ERROR; i <= LOG_DEBUG; i++) {
		if (!strcmp(arg, names[i])) {
			log_level = i;
			return 0;
		}
	}
	warn("--log-level: expected error, warn, info or debug, not \"%s\"",
	     arg);
	return -EINVAL;
}

/* Options that would silently undo each other. */
static int check_contradictions(const struct config *c, bool has_command)
{
	uint64_t fs = 0, net = 0;
	unsigned int i;

	for (i = 0; i < c->nr_paths; i++)
		fs |= c->paths[i].access;
	for (i = 0; i < c->nr_ports; i++)
		net |= c->ports[i].access;
	if (c->unrestricted_tcp && (net & (LANDSCOPE_ACCESS_NET_BIND_TCP |
					   LANDSCOPE_ACCESS_NET_CONNECT_TCP))) {
		warn("--unrestricted-tcp contradicts --bind-tcp/--connect-tcp");
		return -EINVAL;
	}
	if (c->unrestricted_net && net) {
		warn("--unrestricted-network contradicts the port options");
		return -EINVAL;
	}
	if (c->unrestricted_fs && (fs || c->add_exec)) {
		warn("--unrestricted-filesystem contradicts the path options "
		     "(--ro, --rw, --unix, --add-exec...)");
		return -EINVAL;
	}
	if (c->add_exec && !has_command) {
		warn("--add-exec and --ldd need a command");
		return -EINVAL;
	}
	return 0;
}

/*
 * 0, 1 for --help, 2 for --version, or a negative errno for a usage
 * error.
 */
static int parse_options(struct config *c, int argc, char **argv)
{
	bool policy_options = false;
	char *end;
	long abi;
	int opt, err = 0;

	/* '+': stop at the command, whose options are its own. */
	while ((opt = getopt_long(argc, argv, "+r:x:w:W:b:c:s:iRC:hV", options,
				  NULL)) != -1) {
		switch (opt) {
		case 'r':
			err = add_list(c->paths, &c->nr_paths, "--ro", optarg,
				       OPT_FS_RO);
			break;
		case 'x':
			err = add_list(c->paths, &c->nr_paths, "--rx", optarg,
				       OPT_FS_RX);
			break;
		case 'w':
			err = add_list(c->paths, &c->nr_paths, "--rw", optarg,
				       OPT_FS_RW);
			break;
		case 'W':
			err = add_list(c->paths, &c->nr_paths, "--rwx", optarg,
				       OPT_FS_RWX);
			break;
		case 'b':
			err = add_list(c->ports, &c->nr_ports, "--bind-tcp",
				       optarg, LANDSCOPE_ACCESS_NET_BIND_TCP);
			break;
		case 'c':
			err = add_list(c->ports, &c->nr_ports, "--connect-tcp",
				       optarg,
				       LANDSCOPE_ACCESS_NET_CONNECT_TCP);
			break;
		case OPT_UNRESTRICTED_TCP:
			c->unrestricted_tcp = true;
			break;
		case OPT_UNIX:
			err = add_list(c->paths, &c->nr_paths, "--unix", optarg,
				       LANDSCOPE_ACCESS_FS_RESOLVE_UNIX);
			break;
		case OPT_BIND_UDP:
			err = add_list(c->ports, &c->nr_ports, "--bind-udp",
				       optarg, LANDSCOPE_ACCESS_NET_BIND_UDP);
			break;
		case OPT_CONNECT_UDP:
			err = add_list(c->ports, &c->nr_ports, "--connect-udp",
				       optarg,
				       LANDSCOPE_ACCESS_NET_CONNECT_SEND_UDP);
			/*
			 * connect(2) and sendto(2) on an unbound UDP socket
			 * bind it to an ephemeral port first, which Landlock
			 * checks as a bind to port 0: without it no client
			 * could use the ports it was given.
			 */
			if (!err)
				err = add_list(c->ports, &c->nr_ports,
					       "--connect-udp", "0",
					       LANDSCOPE_ACCESS_NET_BIND_UDP);
			break;
		case OPT_UNRESTRICTED_NET:
			c->unrestricted_net = true;
			break;
		case OPT_UNRESTRICTED_FS:
			c->unrestricted_fs = true;
			break;
		case OPT_ADD_EXEC:
			c->add_exec = true;
			break;
		case OPT_LDD:
			c->add_exec = true;
			c->ldd = true;
			break;
		case 's':
			c->scopes = optarg;
			c->scopes_origin = "--scope";
			break;
		case OPT_BEST_EFFORT:
			c->compat = LANDSCOPE_COMPAT_BEST_EFFORT;
			c->level_given = true;
			continue;
		case OPT_HARD:
			c->compat = LANDSCOPE_COMPAT_HARD_REQUIREMENT;
			c->level_given = true;
			continue;
		case OPT_ABI:
			errno = 0;
			abi = strtol(optarg, &end, 10);
			if (errno || *end || abi < 1 ||
			    abi > LANDSCOPE_ABI_LAST) {
				warn("--abi: expected 1 to %d, not \"%s\"",
				     LANDSCOPE_ABI_LAST, optarg);
				return -EINVAL;
			}
			c->abi = abi;
			c->level_given = true;
			continue;
		case 'i':
			c->ignore_missing = true;
			continue;
		case 'R':
			if (optarg && strcmp(optarg, "json") &&
			    strcmp(optarg, "text")) {
				warn("--report: expected json or text, not "
				     "\"%s\"",
				     optarg);
				return -EINVAL;
			}
			c->report = optarg && !strcmp(optarg, "json")
					    ? REPORT_JSON
					    : REPORT_TEXT;
			continue;
		case OPT_DRY_RUN:
			c->dry_run = true;
			continue;
		case OPT_ALLOW_TRANSPORTS:
			c->allow_transports = true;
			continue;
		case 'C':
			if (c->nr_configs == 64) {
				warn("too many --config options");
				return -E2BIG;
			}
			c->configs[c->nr_configs++] = optarg;
			continue;
		case OPT_CONFIG_FORMAT:
			/* For names that do not say it: /dev/stdin, <(...). */
			if (!strcmp(optarg, "toml")) {
				c->config_format = CONFIG_FORMAT_TOML;
			} else if (!strcmp(optarg, "json")) {
				c->config_format = CONFIG_FORMAT_JSON;
			} else {
				warn("--config-format: expected toml or json, "
				     "not \"%s\"",
				     optarg);
				return -EINVAL;
			}
			continue;
		case OPT_ALLOW_UNCONFINED:
			c->allow_unconfined = true;
			continue;
		case OPT_LOG:
			c->force_log = true;
			continue;
		case OPT_LOG_SAME_EXEC_OFF:
			c->log_flags |= LANDSCOPE_RESTRICT_LOG_SAME_EXEC_OFF;
			continue;
		case OPT_LOG_SUBDOMAINS_OFF:
			c->log_flags |= LANDSCOPE_RESTRICT_LOG_SUBDOMAINS_OFF;
			continue;
		case OPT_LOG_LEVEL:
			err = parse_log_level(optarg);
			if (err)
				return err;
			continue;
		case OPT_REPORT_FILE:
			c->report_path = optarg;
			continue;
		case OPT_REPORT_FD:
			errno = 0;
			abi = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || abi < 0 ||
			    abi > INT_MAX) {
				warn("--report-fd: expected a file descriptor, "
				     "not \"%s\"",
				     optarg);
				return -EINVAL;
			}
			c->report_fd = (int)abi;
			continue;
		case OPT_ENV:
			err = env_add(&c->env, optarg);
			if (err) {
				warn("--env: %s", err == -EINVAL
							  ? "expected NAME or "
							    "NAME=VALUE"
							  : strerror(-err));
				return err;
			}
			continue;
		case OPT_CLEAR_ENV:
			c->env.clear = true;
			continue;
		case OPT_LEARN:
			c->learn = optarg;
			continue;
		case OPT_EXPLAIN:
			c->explain = true;
			continue;
		case 'h':
			return 1;
		case 'V':
			return 2;
		default:
			warn("see --help");
			return -EINVAL;
		}
		if (err)
			return err;
		policy_options = true;
	}

	/* --learn runs the command unconfined: no policy to mix in. */
	if (c->learn) {
		if (policy_options || c->nr_configs || c->explain ||
		    c->dry_run || optind >= argc) {
			warn("--learn POLICY takes a command and no policy, "
			     "--explain nor --dry-run");
			return -EINVAL;
		}
		return 0;
	}
	/* --dry-run runs nothing, so it needs no command. */
	if (optind >= argc && !c->dry_run) {
		warn("no command given (see --help)");
		return -EINVAL;
	}
	if (c->nr_configs) {
		/*
		 * The files set the level; options add to their rules
		 * (--ignore-missing: to the options' paths; the files'
		 * missing paths are always skipped).
		 */
		if (c->level_given) {
			warn("--config sets the level: no --hard, "
			     "--best-effort, --abi (the files' compatibility "
			     "key sets it)");
			return -EINVAL;
		}
		/* What the files handle cannot be unhandled. */
		if (c->unrestricted_tcp || c->unrestricted_net ||
		    c->unrestricted_fs) {
			warn("--config: the --unrestricted-* options cannot "
			     "lift what the files restrict");
			return -EINVAL;
		}
		/* Then the LL_* variables must not be set either. */
		policy_options = true;
	}
	if (c->config_format && !c->nr_configs) {
		warn("--config-format needs --config");
		return -EINVAL;
	}
	if (c->allow_unconfined &&
	    c->compat == LANDSCOPE_COMPAT_HARD_REQUIREMENT) {
		warn("--allow-unconfined contradicts --hard");
		return -EINVAL;
	}
	err = check_contradictions(c, optind < argc);
	if (err)
		return err;
	if (c->report_path && c->report_fd >= 0) {
		warn("--report-file contradicts --report-fd");
		return -EINVAL;
	}
	if ((c->report_path || c->report_fd >= 0) && c->report == REPORT_NONE)
		c->report = REPORT_TEXT;
	if (policy_options) {
		size_t i;

		for (i = 0; i < NR_ENV_NAMES; i++) {
			if (!strcmp(env_names[i], "LL_FORCE_LOG") ||
			    !getenv(env_names[i]))
				continue;
			/* Silently ignoring either could surprise. */
			warn("%s is set: give the policy either in LL_* "
			     "variables, in options or in --config files, "
			     "not in two ways",
			     env_names[i]);
			return -EINVAL;
		}
		/* Everything is denied unless an option allows it. */
		c->handle_all_net = true;
		c->default_scopes = LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET |
				    LANDSCOPE_SCOPE_SIGNAL;
		return 0;
	}
	return read_env(c);
}

/*
 * Before anything is restricted: the report's file (the sandbox could
 * deny opening it afterwards), and --add-exec's, --ldd's paths.
 */
static int prepare(struct config *c, const char *cmd)
{
	unsigned int i;
	int err, fd;

	if (c->report_path || c->report_fd >= 0) {
		/* A copy: the command keeps the descriptor as it was. */
		fd = c->report_path ? open(c->report_path,
					   O_WRONLY | O_CREAT | O_TRUNC |
						   O_CLOEXEC | O_NOCTTY,
					   0666)
				    : fcntl(c->report_fd, F_DUPFD_CLOEXEC, 3);
		c->report_file = fd < 0 ? NULL : fdopen(fd, "w");
		if (!c->report_file) {
			if (c->report_path)
				warn("--report-file \"%s\": %s", c->report_path,
				     strerror(errno));
			else
				warn("--report-fd %d: %s", c->report_fd,
				     strerror(errno));
			if (fd >= 0)
				close(fd);
			return -EIO;
		}
	}
	if (!c->add_exec)
		return 0;
	err = ldd_paths(cmd, c->ldd, &c->exec_paths);
	for (i = 0; !err && i < c->exec_paths.nr; i++) {
		err = add_list(c->paths, &c->nr_paths,
			       i ? "--ldd" : "--add-exec",
			       c->exec_paths.path[i], OPT_FS_RX);
		if (!err)
			c->paths[c->nr_paths - 1].whole = true;
	}
	/* The loader reads its cache to find the libraries. */
	if (!err && c->ldd && !access("/etc/ld.so.cache", F_OK))
		err = add_list(c->paths, &c->nr_paths, "--ldd",
			       "/etc/ld.so.cache", OPT_FS_RO);
	return err;
}

int main(int argc, char **argv)
{
	struct config c = {
		.compat = LANDSCOPE_COMPAT_BEST_EFFORT,
		.abi = LANDSCOPE_ABI_LAST,
		.report_fd = -1,
	};
	const char *cmd;
	char **envp;
	size_t i;
	int err;

	/* The name is in every message: only a printable ASCII one. */
	if (argc > 0 && argv[0][0]) {
		const char *name = strrchr(argv[0], '/')
					   ? strrchr(argv[0], '/') + 1
					   : argv[0];

		if (*name && !name[strspn(name, PRINTABLE)])
			prog = name;
	}

	err = parse_options(&c, argc, argv);
	if (err == 2) {
		/* A version that cannot be written is no success. */
		if (print_version(prog)) {
			warn("cannot write the version: %s", strerror(EIO));
			return EXIT_FAILED;
		}
		return EXIT_SUCCESS;
	}
	if (err > 0) {
		usage(stdout);
		/* A help that cannot be written is no success (item 17). */
		if (fflush(stdout) || ferror(stdout)) {
			warn("cannot write the help: %s", strerror(errno));
			return EXIT_FAILED;
		}
		return EXIT_SUCCESS;
	}
	if (err)
		return EXIT_FAILED;

	if (c.learn)
		return learn_run(prog, c.learn, argv + optind);
	/* The tracer stays outside the sandbox; this goes on, traced. */
	if (c.explain && !c.dry_run &&
	    explain_start(prog, c.configs, c.nr_configs))
		return EXIT_FAILED;
	err = prepare(&c, argv[optind]);
	if (!err)
		err = enforce(&c);
	ldd_free(&c.exec_paths);
	/*
	 * Written, or an error: the report was asked for.  Not closed: it
	 * may be /dev/stdout's reopening; O_CLOEXEC closes it at exec.
	 */
	if (c.report_file && (fflush(c.report_file) || ferror(c.report_file)) &&
	    !err) {
		warn("--report-file: %s", strerror(errno));
		err = -EIO;
	}
	if (err)
		return EXIT_FAILED;
	if (c.dry_run)
		return EXIT_SUCCESS;

	/* A nested landscope-run must not inherit this policy by mistake. */
	if (c.unset_env)
		for (i = 0; i < NR_ENV_NAMES; i++)
			unsetenv(env_names[i]);
	envp = env_build(&c.env);
	if (!envp) {
		warn("--env: %s", strerror(ENOMEM));
		return EXIT_FAILED;
	}

	cmd = argv[optind];
	/* PATH is searched in landscope-run's environment, as --add-exec. */
	execvpe(cmd, argv + optind, envp);
	err = errno;
	warn("cannot execute \"%s\": %s", cmd, strerror(err));
	if (err == ENOENT)
		return EXIT_NOT_FOUND;
	if (err == EACCES && sandbox_may_deny(&c, cmd))
		warn("hint: the sandbox may deny executing or reading the "
		     "program, its interpreter or its libraries");
	return EXIT_CANNOT_RUN;
}
