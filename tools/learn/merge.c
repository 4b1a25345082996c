/* SPDX-License-Identifier: MIT */
/*
 * What an existing policy already allows, so that learning again adds
 * only what a new run needed.  The file is read by the library, as
 * landscope-run --config reads it (variables, groups, composition), and
 * its rules are taken from a dry run's report: no second parser of the
 * format here.  The file itself is never rewritten, only appended to, so
 * its rules and comments stay as they were.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <liblandscope/config.h>
#include <liblandscope/landscope.h>

#include "learn.h"

struct old_rule {
	char *path; /* resolved, or NULL for a port */
	unsigned int port;
	uint64_t rights;
};

struct covered {
	struct old_rule *r;
	size_t nr;
	int abi;
};

static void config_msg(const char *prog, struct landscope_config *cfg)
{
	const char *m = landscope_config_error(cfg);

	if (m && *m) {
		fprintf(stderr, "%s: ", prog);
		landscope_escape(stderr, m, LANDSCOPE_ESCAPE_ESCAPED);
		fputc('\n', stderr);
	}
}

/*
 * NULL with a message if the file cannot be used, NULL and errno ENOENT
 * silently if there is no such file (a first run).
 */
struct covered *covered_read(const char *prog, const char *path)
{
	struct landscope_config *cfg = NULL;
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *report = NULL;
	struct covered *c = NULL;
	int err, n, i;

	if (access(path, F_OK)) {
		errno = ENOENT;
		return NULL;
	}
	err = landscope_config_new(&cfg, 0);
	if (!err)
		err = landscope_config_parse_file(cfg, path,
						  LANDSCOPE_CONFIG_FORMAT_TOML);
	if (!err)
		err = landscope_config_build(cfg, &rs, 0);
	if (!err)
		err = landscope_ruleset_restrict_self(
			rs, LANDSCOPE_RESTRICT_DRY_RUN, &report);
	if (err) {
		config_msg(prog, cfg);
		fprintf(stderr, "%s: --learn: cannot merge into ", prog);
		landscope_escape(stderr, path, 0);
		fprintf(stderr, ": %s\n", strerror(-err));
		errno = -err;
		goto out;
	}
	c = calloc(1, sizeof(*c));
	n = landscope_report_rule_count(report);
	if (!c || n < 0 || !(c->r = calloc((size_t)n + 1, sizeof(*c->r)))) {
		free(c);
		c = NULL;
		errno = ENOMEM;
		goto out;
	}
	c->abi = landscope_config_abi(cfg);
	for (i = 0; i < n; i++) {
		LANDSCOPE_INIT(landscope_rule_info, info);
		struct old_rule *o = &c->r[c->nr];

		if (landscope_report_rule(report, (unsigned int)i, &info))
			continue;
		o->rights = info.requested;
		if (info.type == LANDSCOPE_RULE_TYPE_NET_PORT) {
			o->port = (unsigned int)info.port;
		} else {
			if (!info.path)
				continue;
			/* Compared with resolved paths, as learned. */
			o->path = realpath(info.path, NULL);
			if (!o->path)
				o->path = strdup(info.path);
			if (!o->path)
				continue;
		}
		c->nr++;
	}
out:
	landscope_report_free(report);
	landscope_ruleset_free(rs);
	landscope_config_free(cfg);
	return c;
}

bool covered_fs(const struct covered *c, const char *path, uint64_t rights)
{
	uint64_t have = 0;
	size_t i, len;

	for (i = 0; i < c->nr; i++) {
		if (!c->r[i].path)
			continue;
		len = strlen(c->r[i].path);
		if (!strncmp(path, c->r[i].path, len) &&
		    (path[len] == '/' || !path[len] || len == 1))
			have |= c->r[i].rights;
	}
	return !(rights & ~have);
}

bool covered_port(const struct covered *c, unsigned int port, uint64_t rights)
{
	uint64_t have = 0;
	size_t i;

	for (i = 0; i < c->nr; i++)
		if (!c->r[i].path && c->r[i].port == port)
			have |= c->r[i].rights;
	return !(rights & ~have);
}

int covered_abi(const struct covered *c)
{
	return c->abi;
}

void covered_free(struct covered *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nr; i++)
		free(c->r[i].path);
	free(c->r);
	free(c);
}
