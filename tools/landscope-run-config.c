// SPDX-License-Identifier: MIT
/*
 * sandboxer --config: policies in landlockconfig's format (TOML or JSON),
 * through <liblandscope/config.h>.  A directory composes its files, as
 * systemd's proposed LandlockConfig= reads a drop-in directory.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <liblandscope/config.h>

#include "landscope-run-config.h"

/* Each line of the library's message, after "@prog: ". */
static void print_error(const char *prog, const char *msg)
{
	const char *nl;

	while (*msg) {
		nl = strchr(msg, '\n');
		fprintf(stderr, "%s: %.*s\n", prog,
			(int)(nl ? (size_t)(nl - msg) : strlen(msg)), msg);
		if (!nl)
			break;
		msg = nl + 1;
	}
}

int config_ruleset(const char *prog, const char *const *paths, unsigned int nr,
		   struct landscope_ruleset **ret, unsigned int *ret_flags)
{
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
			err = landscope_config_parse_dir(cfg, paths[i], 0);
		else
			err = landscope_config_parse_file(cfg, paths[i], 0);
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
