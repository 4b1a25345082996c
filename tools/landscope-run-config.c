// SPDX-License-Identifier: MIT
/*
 * landscope-run --config: policies in landlockconfig's format (TOML or JSON),
 * through <liblandscope/config.h>.  A directory composes its files, as
 * systemd's proposed LandlockConfig= reads a drop-in directory.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <liblandscope/config.h>

#include "landscope-run-config.h"

/*
 * Each line of the library's message, after "@prog: ".  The library
 * escapes what comes from a file; escaping again, keeping its
 * backslashes, makes sure nothing raw reaches the terminal whatever the
 * library's version.
 */
static void print_error(const char *prog, const char *msg)
{
	char *copy = strdup(msg), *line, *next = copy;

	if (!copy) {
		fprintf(stderr, "%s: --config: %s\n", prog, strerror(ENOMEM));
		return;
	}
	while ((line = strsep(&next, "\n"))) {
		fprintf(stderr, "%s: ", prog);
		landscope_escape(stderr, line, LANDSCOPE_ESCAPE_ESCAPED);
		fputc('\n', stderr);
	}
	free(copy);
}

int config_ruleset(const char *prog, const char *const *paths, unsigned int nr,
		   enum config_format format, struct landscope_ruleset **ret,
		   unsigned int *ret_flags)
{
	/* "Parse as" for a file, "read only" for a directory. */
	static const unsigned int file_flags[] = {
		[CONFIG_FORMAT_BY_NAME] = 0,
		[CONFIG_FORMAT_TOML] = LANDSCOPE_CONFIG_FORMAT_TOML,
		[CONFIG_FORMAT_JSON] = LANDSCOPE_CONFIG_FORMAT_JSON,
	};
	static const unsigned int dir_flags[] = {
		[CONFIG_FORMAT_BY_NAME] = 0,
		[CONFIG_FORMAT_TOML] = LANDSCOPE_CONFIG_DIR_ONLY_TOML,
		[CONFIG_FORMAT_JSON] = LANDSCOPE_CONFIG_DIR_ONLY_JSON,
	};
	struct landscope_config *cfg = NULL;
	unsigned int i;
	struct stat st;
	int err;

	err = landscope_config_new(&cfg, 0);
	if (err) {
		fprintf(stderr, "%s: --config: %s\n", prog,
			err == -EOPNOTSUPP ? "this liblandscope was built "
					     "without policy file support"
					   : strerror(-err));
		return err;
	}
	for (i = 0; i < nr; i++) {
		if (!stat(paths[i], &st) && S_ISDIR(st.st_mode))
			err = landscope_config_parse_dir(cfg, paths[i],
							 dir_flags[format]);
		else
			err = landscope_config_parse_file(cfg, paths[i],
							  file_flags[format]);
		if (err)
			break;
	}
	if (!err)
		err = landscope_config_build(cfg, ret, 0);
	if (err && *landscope_config_error(cfg)) {
		print_error(prog, landscope_config_error(cfg));
	} else if (err) {
		fprintf(stderr, "%s: --config: %s\n", prog, strerror(-err));
	} else {
		*ret_flags = (unsigned int)landscope_config_restrict_flags(cfg);
	}
	landscope_config_free(cfg);
	return err;
}
