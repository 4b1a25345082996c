/* SPDX-License-Identifier: MIT */
/*
 * liblandscope policy files: sandbox policies in landlockconfig's format,
 * TOML or JSON, read into a struct landscope_ruleset that then goes
 * through the library's compatibility levels and report like any other.
 *
 * Conventions are those of <liblandscope/landscope.h>: 0 or a count on
 * success, a negative errno value on failure (errno untouched), every errno
 * listed.  A failed call also leaves a message, "FILE:LINE:COLUMN: what
 * was expected" (one line per problem), for landscope_config_error().  A
 * failed call changes nothing else in the configuration, and no call
 * leaves an fd or memory behind.  A configuration is not thread-safe:
 * share one between threads only with a lock.
 *
 * The format (landscope_config(5) describes it fully): the top-level keys
 * abi, variable, ruleset, path_beneath and net_port (pathBeneath and
 * netPort in JSON); the kernel's right names in lower case, and the groups
 * abi.all, abi.read_execute and abi.read_write expanded with the file's
 * abi; ${name} variables in paths.  Extensions of this library, which
 * landlockconfig rejects: compatibility, restrict_flags (restrictFlags),
 * the quiet sets of a ruleset item and quiet = true on a rule, every right
 * and scope up to LANDSCOPE_ABI_LAST, companion scopes, and ports checked
 * against 0-65535 when the file is read.
 *
 * A library built without policy support (meson -Dconfig=disabled) keeps
 * every function, so programs still load; each then fails with
 * -EOPNOTSUPP.
 *
 * This header is C89 and C++ clean.
 */
#ifndef LIBLANDSCOPE_CONFIG_H
#define LIBLANDSCOPE_CONFIG_H

#include <stddef.h>

#include <liblandscope/landscope.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Flags of landscope_config_parse_file() and _parse_buffer(): parse as
 * this format.  Without either, a file's name decides (".toml" or
 * ".json"); a buffer needs one.  Since 0.3.
 */
#define LANDSCOPE_CONFIG_FORMAT_TOML (1U << 0)
#define LANDSCOPE_CONFIG_FORMAT_JSON (1U << 1)

/*
 * Flags of landscope_config_parse_dir(): read only the directory's files
 * of this format (by their names' endings); without either, both.  The
 * same bits as the formats above, which 0.1 and 0.2 programs pass under
 * the old names.  Since 0.3.
 */
#define LANDSCOPE_CONFIG_DIR_ONLY_TOML (1U << 0)
#define LANDSCOPE_CONFIG_DIR_ONLY_JSON (1U << 1)

/*
 * The 0.1 and 0.2 names, one for both meanings: "parse as" for files and
 * buffers, "read only" for directories.  They stay, with their values;
 * LANDSCOPE_NO_DEPRECATED hides them, as it hides the other old names.
 */
#ifndef LANDSCOPE_NO_DEPRECATED
#define LANDSCOPE_CONFIG_TOML LANDSCOPE_CONFIG_FORMAT_TOML
#define LANDSCOPE_CONFIG_JSON LANDSCOPE_CONFIG_FORMAT_JSON
#endif

/*
 * Limits.  Beyond them a call fails with -E2BIG and a message; none is
 * reached by a policy written by hand.
 */
/* Bytes of one file or buffer. */
#define LANDSCOPE_CONFIG_MAX_SIZE (64UL * 1024 * 1024)
/* Nesting of tables and arrays, the top level being 1. */
#define LANDSCOPE_CONFIG_MAX_DEPTH 16
/* Members of one table or object (the format needs at most 7). */
#define LANDSCOPE_CONFIG_MAX_KEYS 64
/*
 * Paths that variables expand to, over the whole configuration, before
 * equal paths are merged, and their total length in bytes: ten variables
 * of ten values in one path are 10^10 paths, refused before any is made.
 */
#define LANDSCOPE_CONFIG_MAX_PATHS (1UL << 20)
#define LANDSCOPE_CONFIG_MAX_PATH_BYTES (64UL * 1024 * 1024)

struct landscope_config; /* opaque */

/**
 * landscope_config_new() - Create an empty configuration.
 * @ret: set to the configuration, to be freed with landscope_config_free().
 * @flags: must be 0.
 *
 * Each file parsed into it is composed with what it already holds;
 * composing with the empty configuration changes nothing.
 *
 * Return: 0; -EINVAL for a NULL @ret or unknown @flags; -ENOMEM;
 * -EOPNOTSUPP if the library was built without policy support.
 */
int landscope_config_new(struct landscope_config **ret, unsigned int flags);

/**
 * landscope_config_free() - Free a configuration.  NULL is a no-op.
 * landscope_config_freep() is for __attribute__((cleanup)).
 */
void landscope_config_free(struct landscope_config *config);
void landscope_config_freep(struct landscope_config **config);

/**
 * landscope_config_parse_file() - Read a policy file and compose it into
 * @config.
 * @path: the file; it is read once, whole, so a pipe such as /dev/stdin
 *        works too.
 * @flags: LANDSCOPE_CONFIG_FORMAT_TOML or LANDSCOPE_CONFIG_FORMAT_JSON, or 0
 *         to choose by the name's ".toml" or ".json" ending.
 *
 * Return: 0;
 * -EINVAL for NULL pointers, unknown @flags, both formats, or no format
 *  given for a name with neither ending;
 * -EBADMSG if the file is not a valid policy (message);
 * -E2BIG if it exceeds a limit (message);
 * -ENOMEM;
 * -EOPNOTSUPP if the library was built without policy support;
 * an errno of open(2) or read(2), such as -ENOENT, -EACCES, -EISDIR,
 *  -ELOOP, -ENAMETOOLONG, -ENOTDIR, -EMFILE, -ENFILE, -EIO (message).
 */
int landscope_config_parse_file(struct landscope_config *config,
				const char *path, unsigned int flags);

/**
 * landscope_config_parse_buffer() - As landscope_config_parse_file(), for
 * @size bytes at @buf (not NUL-terminated; NUL bytes are refused).
 * @name: the name messages give, or NULL for "(buffer)".
 * @flags: exactly one of LANDSCOPE_CONFIG_FORMAT_TOML and
 *         LANDSCOPE_CONFIG_FORMAT_JSON.
 *
 * Return: 0; -EINVAL for a NULL @config or @buf, or @flags not one format;
 * -EBADMSG; -E2BIG; -ENOMEM; -EOPNOTSUPP, as landscope_config_parse_file().
 */
int landscope_config_parse_buffer(struct landscope_config *config,
				  const char *buf, size_t size,
				  const char *name, unsigned int flags);

/**
 * landscope_config_parse_dir() - Compose every policy file of a directory.
 * @path: the directory.  Its entries whose names end in ".toml" or ".json"
 *        and are regular files (or symbolic links to one) are read, in
 *        name order; names starting with "." are skipped, subdirectories
 *        are not entered.
 * @flags: 0, or LANDSCOPE_CONFIG_DIR_ONLY_TOML or
 *         LANDSCOPE_CONFIG_DIR_ONLY_JSON to read only the files of that
 *         format.
 *
 * All or nothing: if any file fails, @config is left as it was, and the
 * message names every file that failed and why.  A directory without any
 * policy file is -ENOENT.
 *
 * Return: 0;
 * -EINVAL as for landscope_config_parse_file();
 * -ENOENT if there is no such directory, or no policy file in it;
 * -ENOTDIR if @path is not a directory;
 * the error of the first file (in name order) that failed, as listed for
 *  landscope_config_parse_file(): -EBADMSG, -E2BIG, -EACCES...;
 * -ENOMEM; -EMFILE; -ENFILE; -EOPNOTSUPP.
 */
int landscope_config_parse_dir(struct landscope_config *config,
			       const char *path, unsigned int flags);

/**
 * landscope_config_compose() - Compose @other into @config.
 *
 * Composition is landlockconfig's: the handled sets intersect, each rule
 * is narrowed to the rights both handle (and dropped if none is left),
 * variables are merged, the lower abi is kept.  It is commutative: files
 * give the same policy in any order.  Of the extensions, the strictest
 * compatibility level is kept and the restrict flags and quiet sets are
 * merged.  @other is not changed.
 *
 * Return: 0; -EINVAL for a NULL pointer or @other == @config; -ENOMEM;
 * -EOPNOTSUPP if the library was built without policy support.
 */
int landscope_config_compose(struct landscope_config *config,
			     const struct landscope_config *other);

/**
 * landscope_config_error() - The message of the last failed call on
 * @config: one line per problem, no trailing newline; "" if the last call
 * succeeded.  Valid until the next call on @config.  NULL for a NULL
 * @config.
 */
const char *landscope_config_error(const struct landscope_config *config);

/**
 * landscope_config_abi() - The composed abi key: the lowest abi of the
 * files that have one; 0 if none has.  -EINVAL for a NULL @config.
 */
int landscope_config_abi(const struct landscope_config *config);

/**
 * landscope_config_restrict_flags() - The LANDSCOPE_RESTRICT_* flags the
 * files ask for (the restrict_flags extension).  Since 0.3 the ruleset of
 * landscope_config_build() restricts with them whatever flags the caller
 * gives landscope_ruleset_restrict_self() (giving them again is harmless);
 * before, the caller had to pass them.  -EINVAL for a NULL @config.
 */
int landscope_config_restrict_flags(const struct landscope_config *config);

/**
 * landscope_config_build() - Resolve @config into a new ruleset.
 * @ret: set to a ruleset, to be freed with landscope_ruleset_free(); its
 *       compatibility level is the files' (best effort if none says).
 * @flags: must be 0.
 *
 * Variables are expanded (every combination), paths are normalised
 * component by component (a/./b, a//b and a/b/ are a/b; ".." is kept) and
 * equal paths merged, and ports likewise.  The handled sets are the
 * composed ones.  Each path is opened now (call this before dropping the
 * privileges needed to open them), from the current directory if it is
 * relative, as landlockconfig does.  A missing path (ENOENT) is skipped
 * and reported as LANDSCOPE_RULE_SKIPPED_MISSING with -ENOENT in the rule's
 * error.  Any other error opening a path is skipped likewise, with its
 * errno in the rule's error, in best effort and soft requirement, and
 * fails the build in hard requirement.  A non-directory keeps the file
 * rights only (LANDSCOPE_ACCESS_FS_FILE), reported as
 * LANDSCOPE_RULE_MASKED_FILE, or in hard requirement narrowed before it is
 * added (the build fails with -ENOTDIR if nothing is left).  In hard
 * requirement, what the kernel lacks fails the build too, with a message
 * naming it; in the other levels, landscope_ruleset_restrict_self() deals
 * with it.
 *
 * Return: 0;
 * -EINVAL for NULL pointers or unknown @flags;
 * -ENOMSG if nothing was parsed, or nothing is left handled (message);
 * -EBADMSG if a path uses an undefined variable (message);
 * -E2BIG if variables expand beyond LANDSCOPE_CONFIG_MAX_PATHS or
 *  LANDSCOPE_CONFIG_MAX_PATH_BYTES (message);
 * -ENOMEM; -EMFILE or -ENFILE when no fd is left;
 * -EBADFD or -EBADF if the kernel refuses a path's rule (message);
 * in hard requirement, any errno of open(2) but -ENOENT for a path, such
 * as -EACCES, -ELOOP, -ENAMETOOLONG, -ENOTDIR, or -EIO or -EOVERFLOW from
 * fstat(2) (message), and -EOPNOTSUPP if the kernel lacks a right, scope
 * or flag of the policy (message naming them);
 * -EOPNOTSUPP if the library was built without policy support.
 */
int landscope_config_build(struct landscope_config *config,
			   struct landscope_ruleset **ret, unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* LIBLANDSCOPE_CONFIG_H */
