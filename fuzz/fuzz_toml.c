// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: any bytes as a TOML policy file, parsed and, when
 * valid, resolved (variables expanded, paths normalised and merged).
 */
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct landscope_config *c;
	int err;

	c = fuzz_parse(data, size, LANDSCOPE_CONFIG_FORMAT_TOML, &err);
	if (c && !err)
		free(fuzz_policy(c));
	landscope_config_free(c);
	return 0;
}
