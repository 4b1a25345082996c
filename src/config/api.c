// SPDX-License-Identifier: MIT
/*
 * The policy file API (include/liblandscope/config.h).  Every parse goes
 * into a policy of its own and is composed into the configuration only
 * once it is complete, so a failure leaves the configuration as it was.
 *
 * Policy files are read with plain open(2) and read(2) here: they are
 * input, like any configuration file, not part of the Landlock interface
 * that src/syscall.c wraps.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <liblandscope/config.h>

#include "../export.h"
#include "doc.h"
#include "policy.h"
#include "resolve.h"

#define FORMATS (LANDSCOPE_CONFIG_FORMAT_TOML | LANDSCOPE_CONFIG_FORMAT_JSON)
/* parse_dir's; the same bits, so that format_of() answers in them. */
#define DIR_ONLY \
	(LANDSCOPE_CONFIG_DIR_ONLY_TOML | LANDSCOPE_CONFIG_DIR_ONLY_JSON)
/* 0.1 and 0.2 programs pass one bit for both meanings. */
_Static_assert(LANDSCOPE_CONFIG_DIR_ONLY_TOML == LANDSCOPE_CONFIG_FORMAT_TOML,
	       "one bit");
_Static_assert(LANDSCOPE_CONFIG_DIR_ONLY_JSON == LANDSCOPE_CONFIG_FORMAT_JSON,
	       "one bit");

struct landscope_config {
	struct lsc_policy policy;
	struct lsc_diag diag;
};

static const struct lsc_pos no_pos;

LSC_EXPORT int landscope_config_new(struct landscope_config **ret,
				    unsigned int flags)
{
	LSC_KEEP_ERRNO;
	struct landscope_config *c;

	if (!ret || flags)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	lsc_policy_init(&c->policy);
	*ret = c;
	return 0;
}

LSC_EXPORT void landscope_config_free(struct landscope_config *c)
{
	LSC_KEEP_ERRNO;
	if (!c)
		return;
	lsc_policy_free(&c->policy);
	lsc_diag_free(&c->diag);
	free(c);
}

LSC_EXPORT void landscope_config_freep(struct landscope_config **c)
{
	LSC_KEEP_ERRNO;
	if (c) {
		landscope_config_free(*c);
		*c = NULL;
	}
}

LSC_EXPORT const char *landscope_config_error(const struct landscope_config *c)
{
	LSC_KEEP_ERRNO;
	if (!c)
		return NULL;
	return c->diag.text ? c->diag.text : "";
}

LSC_EXPORT int landscope_config_abi(const struct landscope_config *c)
{
	LSC_KEEP_ERRNO;
	return c ? c->policy.abi : -EINVAL;
}

LSC_EXPORT int landscope_config_restrict_flags(const struct landscope_config *c)
{
	LSC_KEEP_ERRNO;
	return c ? (int)c->policy.restrict_flags : -EINVAL;
}

/* A bad argument: -EINVAL, with a message like every other error. */
static int bad_call(struct landscope_config *c, const char *call,
		    const char *what)
{
	return lsc_diag_add(&c->diag, call, no_pos, -EINVAL, "%s", what);
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), e = strlen(end);

	return n >= e && !strcmp(s + n - e, end);
}

/* The format (a FORMATS bit) from @flags or @name; 0 if neither. */
static unsigned int format_of(const char *name, unsigned int flags)
{
	if (flags & FORMATS)
		return flags & FORMATS;
	if (ends_with(name, ".toml"))
		return LANDSCOPE_CONFIG_FORMAT_TOML;
	if (ends_with(name, ".json"))
		return LANDSCOPE_CONFIG_FORMAT_JSON;
	return 0;
}

/* One file's text into the empty policy @p. */
static int parse_one(struct lsc_policy *p, const char *buf, size_t size,
		     const char *name, unsigned int format,
		     struct lsc_diag *diag)
{
	struct lsc_doc doc;
	int err;

	err = lsc_doc_init(&doc, name, diag);
	if (!err)
		err = lsc_doc_check_bytes(&doc, buf, size);
	if (!err)
		err = format == LANDSCOPE_CONFIG_FORMAT_JSON
			      ? lsc_json_parse(&doc, buf, size)
			      : lsc_toml_parse(&doc, buf, size);
	if (!err)
		err = lsc_schema_read(p, &doc,
				      format == LANDSCOPE_CONFIG_FORMAT_JSON);
	lsc_doc_free(&doc);
	if (err == -ENOMEM)
		lsc_diag_add(diag, name, no_pos, err, "out of memory");
	return err;
}

/* Read all of @fd (closed here) into a new buffer, within the limit. */
static int read_all(int fd, char **ret, size_t *ret_size)
{
	size_t size = 0, cap = 0;
	char *buf = NULL, *b;
	struct stat st;
	ssize_t n;
	int err = 0;

	/* A regular file's size is known: read it in one go. */
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    (uint64_t)st.st_size <= LANDSCOPE_CONFIG_MAX_SIZE)
		cap = (size_t)st.st_size + 1;
	for (;;) {
		if (!buf || size == cap) {
			/* Doubling: a pipe of N bytes costs O(log N) copies. */
			if (buf || !cap)
				cap = cap ? cap * 2 : 4096;
			if (cap > LANDSCOPE_CONFIG_MAX_SIZE + 1)
				cap = LANDSCOPE_CONFIG_MAX_SIZE + 1;
			b = realloc(buf, cap);
			if (!b) {
				err = -ENOMEM;
				break;
			}
			buf = b;
		}
		n = read(fd, buf + size, cap - size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		if (!n)
			break;
		size += (size_t)n;
		if (size > LANDSCOPE_CONFIG_MAX_SIZE) {
			err = -E2BIG;
			break;
		}
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	*ret = buf;
	*ret_size = size;
	return 0;
}

/* Open @name (relative to @dirfd) and parse it into the empty @p. */
static int parse_path(struct lsc_policy *p, int dirfd, const char *name,
		      const char *shown, unsigned int format,
		      struct lsc_diag *diag)
{
	size_t size;
	char *buf;
	int fd, err;

	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		err = -errno;
		return lsc_diag_add(diag, shown, no_pos, err, "cannot open: %s",
				    strerror(-err));
	}
	err = read_all(fd, &buf, &size);
	if (err == -E2BIG)
		return lsc_diag_add(diag, shown, no_pos, err,
				    "larger than %lu bytes",
				    (unsigned long)LANDSCOPE_CONFIG_MAX_SIZE);
	if (err)
		return lsc_diag_add(diag, shown, no_pos, err, "cannot read: %s",
				    strerror(-err));
	err = parse_one(p, buf, size, shown, format, diag);
	free(buf);
	return err;
}

/* Compose @p into the configuration, or leave both as they were. */
static int compose(struct landscope_config *c, struct lsc_policy *p)
{
	int err = lsc_policy_merge(&c->policy, p);

	if (err)
		lsc_diag_add(&c->diag, "policy", no_pos, err, "out of memory");
	lsc_policy_free(p);
	return err;
}

LSC_EXPORT int landscope_config_parse_file(struct landscope_config *c,
					   const char *path, unsigned int flags)
{
	LSC_KEEP_ERRNO;
	struct lsc_policy p;
	unsigned int format;
	int err;

	if (!c)
		return -EINVAL;
	lsc_diag_clear(&c->diag);
	if (!path || flags & ~FORMATS || (flags & FORMATS) == FORMATS)
		return bad_call(c, "landscope_config_parse_file",
				"a path and at most one format flag are "
				"needed");
	format = format_of(path, flags);
	if (!format)
		return lsc_diag_add(&c->diag, path, no_pos, -EINVAL,
				    "cannot tell the format: name it .toml or "
				    ".json, or give it");
	lsc_policy_init(&p);
	err = parse_path(&p, AT_FDCWD, path, path, format, &c->diag);
	if (!err)
		return compose(c, &p);
	lsc_policy_free(&p);
	return err;
}

LSC_EXPORT int landscope_config_parse_buffer(struct landscope_config *c,
					     const char *buf, size_t size,
					     const char *name,
					     unsigned int flags)
{
	LSC_KEEP_ERRNO;
	struct lsc_policy p;
	int err;

	if (!c)
		return -EINVAL;
	lsc_diag_clear(&c->diag);
	if (!buf || (flags != LANDSCOPE_CONFIG_FORMAT_TOML &&
		     flags != LANDSCOPE_CONFIG_FORMAT_JSON))
		return bad_call(c, "landscope_config_parse_buffer",
				"a buffer and exactly one format flag are "
				"needed");
	lsc_policy_init(&p);
	err = parse_one(&p, buf, size, name, flags, &c->diag);
	if (!err)
		return compose(c, &p);
	lsc_policy_free(&p);
	return err;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The policy files of the directory @dirfd, sorted; @dirfd is kept. */
static int list_dir(int dirfd, unsigned int formats, char ***ret, size_t *nr)
{
	size_t n = 0, cap = 0;
	char **names = NULL;
	struct dirent *de;
	DIR *dir;
	int fd, err = 0;

	fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 3);
	if (fd < 0)
		return -errno;
	dir = fdopendir(fd);
	if (!dir) {
		err = -errno;
		close(fd);
		return err;
	}
	while ((errno = 0, de = readdir(dir))) {
		struct stat st;

		if (de->d_name[0] == '.' ||
		    !(format_of(de->d_name, 0) & formats))
			continue;
		/* Regular files, through symbolic links too. */
		if (fstatat(dirfd, de->d_name, &st, 0) || !S_ISREG(st.st_mode))
			continue;
		if (!lsc_grow((void **)&names, &cap, n, 1, sizeof(*names)) ||
		    !(names[n] = strdup(de->d_name))) {
			err = -ENOMEM;
			break;
		}
		n++;
	}
	if (!err && errno)
		err = -errno;
	closedir(dir);
	if (err) {
		while (n--)
			free(names[n]);
		free(names);
		return err;
	}
	if (n)
		qsort(names, n, sizeof(*names), name_cmp);
	*ret = names;
	*nr = n;
	return 0;
}

/* Parse every file, then compose them all, or none. */
static int parse_dir_files(struct landscope_config *c, int dirfd,
			   const char *path, char **names, size_t nr)
{
	struct lsc_policy all, p;
	size_t i, len = strlen(path);
	int err, first = 0;
	char *shown;

	lsc_policy_init(&all);
	for (i = 0; i < nr; i++) {
		shown = malloc(len + strlen(names[i]) + 2);
		if (!shown) {
			err = -ENOMEM;
		} else {
			strcpy(shown, path);
			if (len && path[len - 1] != '/')
				strcat(shown, "/");
			strcat(shown, names[i]);
			lsc_policy_init(&p);
			/* Go on after a failure: every bad file is named. */
			err = parse_path(&p, dirfd, names[i], shown,
					 format_of(names[i], 0), &c->diag);
			free(shown);
			if (!err && !first)
				err = lsc_policy_merge(&all, &p);
			lsc_policy_free(&p);
		}
		if (err && !first)
			first = err;
	}
	if (!first)
		return compose(c, &all);
	lsc_policy_free(&all);
	return first;
}

LSC_EXPORT int landscope_config_parse_dir(struct landscope_config *c,
					  const char *path, unsigned int flags)
{
	LSC_KEEP_ERRNO;
	size_t nr = 0, i;
	char **names = NULL;
	int dirfd, err;

	if (!c)
		return -EINVAL;
	lsc_diag_clear(&c->diag);
	if (!path || flags & ~DIR_ONLY || (flags & DIR_ONLY) == DIR_ONLY)
		return bad_call(c, "landscope_config_parse_dir",
				"a path and at most one format flag are "
				"needed");
	dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		err = -errno;
		return lsc_diag_add(&c->diag, path, no_pos, err,
				    "cannot open the directory: %s",
				    strerror(-err));
	}
	err = list_dir(dirfd, flags ? flags : DIR_ONLY, &names, &nr);
	if (err)
		lsc_diag_add(&c->diag, path, no_pos, err,
			     "cannot list the directory: %s", strerror(-err));
	else if (!nr)
		err = lsc_diag_add(&c->diag, path, no_pos, -ENOENT,
				   "no policy file (*.toml, *.json) in the "
				   "directory");
	else
		err = parse_dir_files(c, dirfd, path, names, nr);
	for (i = 0; i < nr; i++)
		free(names[i]);
	free(names);
	close(dirfd);
	return err;
}

LSC_EXPORT int landscope_config_compose(struct landscope_config *c,
					const struct landscope_config *other)
{
	LSC_KEEP_ERRNO;
	struct lsc_policy p;
	int err;

	if (!c)
		return -EINVAL;
	lsc_diag_clear(&c->diag);
	if (!other || other == c)
		return bad_call(c, "landscope_config_compose",
				"another configuration is needed");
	err = lsc_policy_copy(&p, &other->policy);
	if (err)
		return lsc_diag_add(&c->diag, "policy", no_pos, err,
				    "out of memory");
	return compose(c, &p);
}

int lsc_config_resolve(struct landscope_config *c, struct lsc_resolved *r)
{
	lsc_diag_clear(&c->diag);
	memset(r, 0, sizeof(*r));
	if (c->policy.empty)
		return lsc_diag_add(&c->diag, "policy", no_pos, -ENOMSG,
				    "no policy file was parsed");
	return lsc_policy_resolve(&c->policy, r, &c->diag);
}

LSC_EXPORT int landscope_config_build(struct landscope_config *c,
				      struct landscope_ruleset **ret,
				      unsigned int flags)
{
	LSC_KEEP_ERRNO;
	struct lsc_resolved r;
	int err;

	if (!c)
		return -EINVAL;
	lsc_diag_clear(&c->diag);
	if (!ret || flags)
		return bad_call(c, "landscope_config_build",
				"a place for the ruleset and flags 0 are "
				"needed");
	*ret = NULL;
	err = lsc_config_resolve(c, &r);
	if (err)
		return err;
	err = lsc_resolved_build(&r, ret, &c->diag);
	lsc_resolved_free(&r);
	return err;
}
