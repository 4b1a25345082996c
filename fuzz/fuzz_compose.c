// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: composition.  The input is up to four policy files
 * separated by lines "%%"; each starts with 'T' (TOML) or 'J' (JSON).
 * The valid ones compose, forwards and backwards, through
 * landscope_config_compose(): both must resolve to the same policy
 * (composition is commutative), and a file that fails to parse into a
 * configuration must leave it resolving as before.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define MAX_PARTS 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct part {
	const uint8_t *data;
	size_t size;
	unsigned int format;
};

static size_t split(const uint8_t *data, size_t size, struct part *parts)
{
	static const char sep[] = "\n%%\n";
	size_t n = 0, start = 0, i;

	for (i = 0; i <= size && n < MAX_PARTS; i++) {
		bool end = i == size ||
			   (size - i >= 4 && !memcmp(data + i, sep, 4));

		if (!end)
			continue;
		if (i > start) {
			parts[n].format =
				data[start] == 'J'
					? LANDSCOPE_CONFIG_FORMAT_JSON
					: LANDSCOPE_CONFIG_FORMAT_TOML;
			parts[n].data = data + start + 1;
			parts[n].size = i - start - 1;
			n++;
		}
		start = i + 4;
		i += 3;
	}
	return n;
}

/* Compose @cfgs into a new configuration, in order or backwards. */
static struct landscope_config *compose(struct landscope_config **cfgs,
					size_t n, bool backwards)
{
	struct landscope_config *all = NULL;
	size_t i;
	int err;

	if (landscope_config_new(&all, 0))
		return NULL;
	for (i = 0; i < n; i++) {
		struct landscope_config *c = cfgs[backwards ? n - 1 - i : i];

		if (!c)
			continue;
		err = landscope_config_compose(all, c);
		fuzz_check_message(all, err);
		if (err) {
			landscope_config_free(all);
			return NULL;
		}
	}
	return all;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct landscope_config *cfgs[MAX_PARTS] = { NULL };
	struct landscope_config *fwd = NULL, *bwd = NULL;
	struct part parts[MAX_PARTS];
	char *a = NULL, *b = NULL;
	size_t n, i;
	int err;

	n = split(data, size, parts);
	for (i = 0; i < n; i++) {
		cfgs[i] = fuzz_parse(parts[i].data, parts[i].size,
				     parts[i].format, &err);
		if (err) {
			landscope_config_free(cfgs[i]);
			cfgs[i] = NULL;
		}
	}
	fwd = compose(cfgs, n, false);
	bwd = compose(cfgs, n, true);
	if (!fwd || !bwd)
		goto out;
	a = fuzz_policy(fwd);
	b = fuzz_policy(bwd);
	if (a && b && strcmp(a, b))
		abort();
	/* What fails to parse changes nothing (what parses, may). */
	for (i = 0; a && i < n; i++) {
		err = landscope_config_parse_buffer(fwd,
						    (const char *)parts[i].data,
						    parts[i].size, "fuzz",
						    parts[i].format ^ 3);
		fuzz_check_message(fwd, err);
		free(b);
		b = fuzz_policy(fwd);
		if (err && b && strcmp(a, b))
			abort();
		if (!err) {
			free(a);
			a = b;
			b = NULL;
		}
	}
out:
	free(a);
	free(b);
	landscope_config_free(fwd);
	landscope_config_free(bwd);
	for (i = 0; i < n; i++)
		landscope_config_free(cfgs[i]);
	return 0;
}
