/* SPDX-License-Identifier: MIT */
/*
 * Guard: the policy file header compiles as strict C89 and C++98 (see
 * header-config-cxx.cc), its macros are constant expressions, and the
 * program links: the functions exist whether or not the library was built
 * with policy support.
 */
#include <liblandscope/config.h>

/* The 0.1 and 0.2 names too: they stay, as aliases. */
static const unsigned long limits[] = {
	LANDSCOPE_CONFIG_FORMAT_TOML,	 LANDSCOPE_CONFIG_FORMAT_JSON,
	LANDSCOPE_CONFIG_DIR_ONLY_TOML,	 LANDSCOPE_CONFIG_DIR_ONLY_JSON,
	LANDSCOPE_CONFIG_TOML,		 LANDSCOPE_CONFIG_JSON,
	LANDSCOPE_CONFIG_MAX_SIZE,	 LANDSCOPE_CONFIG_MAX_DEPTH,
	LANDSCOPE_CONFIG_MAX_KEYS,	 LANDSCOPE_CONFIG_MAX_PATHS,
	LANDSCOPE_CONFIG_MAX_PATH_BYTES,
};

int main(void)
{
	struct landscope_config *config = NULL;
	int err;

	if (limits[0] == 0)
		return 1;
	err = landscope_config_new(&config, 0);
	/* -EOPNOTSUPP: built without policy support, which is fine. */
	if (err && !config)
		return landscope_config_error(config) == NULL ? 0 : 1;
	landscope_config_free(config);
	return err ? 1 : 0;
}
