// SPDX-License-Identifier: MIT
/*
 * Every errno a public call returns in the unit suite, for the docs-sync
 * test (tests/abi/docs_sync.py): each int-returning function of the
 * header is wrapped (--wrap, see meson.build) and, when the environment
 * names a file in LANDSCOPE_ERRNO_LOG, each negative return is appended
 * to it as "function errno".  docs_sync.py runs the unit programs so and
 * fails on any errno the header comment or the man page of that function
 * does not list: the documentation is checked against what the calls do,
 * not only against itself.  Each wrapped call also proves that errno is
 * left as it was.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <liblandscope/config.h>
#include <liblandscope/landscope.h>

static int logged(const char *name, int ret)
{
	const char *path;
	FILE *f;

	if (ret >= 0)
		return ret;
	path = getenv("LANDSCOPE_ERRNO_LOG");
	if (!path || !*path)
		return ret;
	f = fopen(path, "ae");
	if (f) {
		fprintf(f, "%s %d\n", name, -ret);
		fclose(f);
	}
	return ret;
}

/*
 * The header promises that errno is left untouched, successful calls
 * included: every wrapped call of the unit suite checks it.
 */
#define ERRNO_SENTINEL 4242

static int kept_errno(const char *name, int ret)
{
	if (errno != ERRNO_SENTINEL) {
		fprintf(stderr, "%s() = %d changed errno to %d (%s)\n", name,
			ret, errno, strerror(errno));
		abort();
	}
	return ret;
}

#define WRAP(name, params, args)                              \
	int __real_##name params;                             \
	int __wrap_##name params;                             \
	int __wrap_##name params                              \
	{                                                     \
		int ret_;                                     \
                                                              \
		errno = ERRNO_SENTINEL;                       \
		ret_ = kept_errno(#name, __real_##name args); \
		return logged(#name, ret_);                   \
	}

#define RS struct landscope_ruleset *rs
#define R const struct landscope_report *r

WRAP(landscope_features_get, (struct landscope_features * f), (f))
WRAP(landscope_abi_version, (void), ())
WRAP(landscope_ruleset_new,
     (struct landscope_ruleset * *ret, unsigned int flags), (ret, flags))
WRAP(landscope_ruleset_set_compat_level,
     (RS, enum landscope_compat level, unsigned int flags), (rs, level, flags))
WRAP(landscope_ruleset_add_handled,
     (RS, enum landscope_category c, uint64_t bits), (rs, c, bits))
WRAP(landscope_ruleset_add_quiet,
     (RS, enum landscope_category c, uint64_t bits), (rs, c, bits))
WRAP(landscope_ruleset_add_path,
     (RS, const char *path, uint64_t access, unsigned int flags),
     (rs, path, access, flags))
WRAP(landscope_ruleset_add_fd,
     (RS, int fd, uint64_t access, unsigned int flags), (rs, fd, access, flags))
WRAP(landscope_ruleset_add_port,
     (RS, uint64_t port, uint64_t access, unsigned int flags),
     (rs, port, access, flags))
WRAP(landscope_ruleset_restrict_self,
     (RS, unsigned int flags, struct landscope_report **ret), (rs, flags, ret))
WRAP(landscope_report_status, (R), (r))
WRAP(landscope_report_abi, (R), (r))
WRAP(landscope_report_category,
     (R, int c, uint64_t *requested, uint64_t *enforced),
     (r, c, requested, enforced))
WRAP(landscope_report_dropped, (R, int c, uint64_t *dropped), (r, c, dropped))
WRAP(landscope_report_unrestricted, (R, int c, uint64_t *open), (r, c, open))
WRAP(landscope_report_transports, (R, uint32_t *refused, uint32_t *open),
     (r, refused, open))
WRAP(landscope_transports_get, (uint32_t * unmediated, uint32_t *closable),
     (unmediated, closable))
WRAP(landscope_report_shortfall, (R, uint32_t *s), (r, s))
WRAP(landscope_report_format, (R, unsigned int flags, char **text),
     (r, flags, text))
WRAP(landscope_constant, (const char *name, uint64_t *v), (name, v))
WRAP(landscope_escape, (FILE * f, const char *t, unsigned int flags),
     (f, t, flags))
WRAP(landscope_constant_at, (unsigned int i, const char **name, uint64_t *v),
     (i, name, v))
WRAP(landscope_report_no_new_privs, (R), (r))
WRAP(landscope_report_all_threads, (R), (r))
WRAP(landscope_report_rule_count, (R), (r))
WRAP(landscope_report_rule,
     (R, unsigned int index, struct landscope_rule_info *info),
     (r, index, info))
WRAP(landscope_report_print, (R, FILE *f), (r, f))
WRAP(landscope_access_abi, (int c, uint64_t bit), (c, bit))
WRAP(landscope_version, (void), ())
WRAP(landscope_ruleset_set_compat, (RS, int level, unsigned int flags),
     (rs, level, flags))
WRAP(landscope_ruleset_handle_fs, (RS, uint64_t access), (rs, access))
WRAP(landscope_ruleset_handle_net, (RS, uint64_t access), (rs, access))
WRAP(landscope_ruleset_add_scope, (RS, uint64_t scopes), (rs, scopes))
WRAP(landscope_ruleset_quiet,
     (RS, uint64_t access_fs, uint64_t access_net, uint64_t scopes),
     (rs, access_fs, access_net, scopes))

#define CFG struct landscope_config *cfg
#define CCFG const struct landscope_config *cfg

WRAP(landscope_config_new, (struct landscope_config * *ret, unsigned int flags),
     (ret, flags))
WRAP(landscope_config_parse_file, (CFG, const char *path, unsigned int flags),
     (cfg, path, flags))
WRAP(landscope_config_parse_buffer,
     (CFG, const char *buf, size_t size, const char *name, unsigned int flags),
     (cfg, buf, size, name, flags))
WRAP(landscope_config_parse_dir, (CFG, const char *path, unsigned int flags),
     (cfg, path, flags))
WRAP(landscope_config_compose, (CFG, const struct landscope_config *other),
     (cfg, other))
WRAP(landscope_config_abi, (CCFG), (cfg))
WRAP(landscope_config_restrict_flags, (CCFG), (cfg))
WRAP(landscope_config_build,
     (CFG, struct landscope_ruleset **ret, unsigned int flags),
     (cfg, ret, flags))
