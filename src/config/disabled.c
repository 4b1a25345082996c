// SPDX-License-Identifier: MIT
/*
 * Built with -Dconfig=disabled: the policy file functions still exist, so
 * that the library's ABI does not depend on how it was built and programs
 * linked against a full build still load; they fail with -EOPNOTSUPP.  No
 * configuration can be created, so every other call gets NULL.
 */
#include <errno.h>

#include <liblandscope/config.h>

#include "../export.h"

LSC_EXPORT int landscope_config_new(struct landscope_config **ret,
				    unsigned int flags)
{
	LSC_KEEP_ERRNO;
	if (!ret || flags)
		return -EINVAL;
	*ret = NULL;
	return -EOPNOTSUPP;
}

LSC_EXPORT void landscope_config_free(struct landscope_config *c)
{
	LSC_KEEP_ERRNO;
	(void)c;
}

LSC_EXPORT void landscope_config_freep(struct landscope_config **c)
{
	LSC_KEEP_ERRNO;
	if (c)
		*c = NULL;
}

LSC_EXPORT int landscope_config_parse_file(struct landscope_config *c,
					   const char *path, unsigned int flags)
{
	LSC_KEEP_ERRNO;
	(void)path;
	(void)flags;
	return c ? -EOPNOTSUPP : -EINVAL;
}

LSC_EXPORT int landscope_config_parse_buffer(struct landscope_config *c,
					     const char *buf, size_t size,
					     const char *name,
					     unsigned int flags)
{
	LSC_KEEP_ERRNO;
	(void)buf;
	(void)size;
	(void)name;
	(void)flags;
	return c ? -EOPNOTSUPP : -EINVAL;
}

LSC_EXPORT int landscope_config_parse_dir(struct landscope_config *c,
					  const char *path, unsigned int flags)
{
	LSC_KEEP_ERRNO;
	(void)path;
	(void)flags;
	return c ? -EOPNOTSUPP : -EINVAL;
}

LSC_EXPORT int landscope_config_compose(struct landscope_config *c,
					const struct landscope_config *other)
{
	LSC_KEEP_ERRNO;
	(void)other;
	return c ? -EOPNOTSUPP : -EINVAL;
}

LSC_EXPORT const char *landscope_config_error(const struct landscope_config *c)
{
	LSC_KEEP_ERRNO;
	return c ? "policy files are not supported by this build" : NULL;
}

LSC_EXPORT int landscope_config_abi(const struct landscope_config *c)
{
	LSC_KEEP_ERRNO;
	return c ? -EOPNOTSUPP : -EINVAL;
}

LSC_EXPORT int landscope_config_restrict_flags(const struct landscope_config *c)
{
	LSC_KEEP_ERRNO;
	return c ? -EOPNOTSUPP : -EINVAL;
}

LSC_EXPORT int landscope_config_build(struct landscope_config *c,
				      struct landscope_ruleset **ret,
				      unsigned int flags)
{
	LSC_KEEP_ERRNO;
	(void)flags;
	if (ret)
		*ret = NULL;
	return c ? -EOPNOTSUPP : -EINVAL;
}
