// SPDX-License-Identifier: MIT
/*
 * Parse time of policy files: N path rules, each its own
 * [[path_beneath]] item (TOML) or pathBeneath object (JSON) of about 100
 * bytes, so that 100,000 rules are about 10 MB; and resolution, where
 * variables expand and equal paths merge.  For each N the median of a
 * few runs is printed with the time per byte and per rule: when those
 * stay flat as N grows a hundredfold, parsing is linear.  Nothing here
 * asserts a time: the test suites never time anything.
 *
 * Output, tab-separated, one line per case and size:
 *   CASE RULES BYTES MEDIAN_MS NS_PER_BYTE NS_PER_RULE
 *
 * Usage: config_bench [-n REPS] [-N 1000,10000,100000]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <liblandscope/config.h>

/*
 * Internal: resolution (lsc_config_resolve()) timed alone, without the
 * kernel calls that landscope_config_build() adds.
 */
#include "config/resolve.h"

#define MAX_SIZES 8

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* A policy of @n rules in @json or TOML, in a new buffer. */
static char *make_policy(int n, int json, size_t *size)
{
	size_t cap = (size_t)n * 160 + 256, o = 0;
	char *buf = malloc(cap);
	int i;

	if (!buf)
		return NULL;
	o += (size_t)sprintf(buf, json ? "{\"abi\": 5, \"pathBeneath\": [\n"
				       : "abi = 5\n");
	for (i = 0; i < n; i++) {
		/* Distinct paths, so that nothing merges. */
		if (json)
			o += (size_t)sprintf(
				buf + o,
				"%s{\"allowedAccess\": [\"read_file\", "
				"\"read_dir\", \"execute\"], \"parent\": "
				"[\"/srv/data/projects/p%06d/files\"]}\n",
				i ? "," : "", i);
		else
			o += (size_t)sprintf(
				buf + o,
				"[[path_beneath]]\nallowed_access = "
				"[\"read_file\", \"read_dir\", \"execute\"]\n"
				"parent = [\"/srv/data/projects/p%06d/files\"]\n",
				i);
	}
	if (json)
		o += (size_t)sprintf(buf + o, "]}\n");
	*size = o;
	return buf;
}

/*
 * A policy whose N paths come from variables: a variable of N/100
 * values and one of 100, in one template (TOML).
 */
static char *make_variables(int n, size_t *size)
{
	int a = n / 100 ? n / 100 : 1, i;
	size_t cap = (size_t)a * 16 + 4096, o = 0;
	char *buf = malloc(cap);

	if (!buf)
		return NULL;
	o += (size_t)sprintf(buf, "[[variable]]\nname = \"a\"\nliteral = [");
	for (i = 0; i < a; i++)
		o += (size_t)sprintf(buf + o, "%s\"/srv/p%06d\"", i ? ", " : "",
				     i);
	o += (size_t)sprintf(buf + o,
			     "]\n[[variable]]\nname = \"b\"\nliteral = [");
	for (i = 0; i < 100; i++)
		o += (size_t)sprintf(buf + o, "%s\"d%02d\"", i ? ", " : "", i);
	o += (size_t)sprintf(buf + o,
			     "]\n[[path_beneath]]\nallowed_access = "
			     "[\"read_file\"]\nparent = [\"${a}/./${b}/\"]\n");
	*size = o;
	return buf;
}

enum stage {
	PARSE,
	RESOLVE
};

/* One sample: parse (and resolve) @buf; its time in ms, or < 0. */
static double sample(const char *buf, size_t size, unsigned int fmt,
		     enum stage stage, size_t *rules)
{
	struct landscope_config *c = NULL;
	struct lsc_resolved r;
	double t0, t1;
	int err;

	if (landscope_config_new(&c, 0))
		return -1;
	t0 = now_ms();
	err = landscope_config_parse_buffer(c, buf, size, "bench", fmt);
	if (!err && stage == RESOLVE) {
		err = lsc_config_resolve(c, &r);
		if (!err) {
			*rules = r.nr_paths;
			lsc_resolved_free(&r);
		}
	}
	t1 = now_ms();
	if (err)
		fprintf(stderr, "config_bench: %s\n",
			landscope_config_error(c));
	landscope_config_free(c);
	return err ? -1 : t1 - t0;
}

static int run(const char *name, const char *buf, size_t size, unsigned int fmt,
	       enum stage stage, int n, int reps)
{
	double *t = calloc((size_t)reps, sizeof(*t)), med;
	size_t rules = (size_t)n;
	int i;

	if (!t)
		return -ENOMEM;
	for (i = 0; i < reps; i++) {
		t[i] = sample(buf, size, fmt, stage, &rules);
		if (t[i] < 0) {
			free(t);
			return -EINVAL;
		}
	}
	qsort(t, (size_t)reps, sizeof(*t), cmp_double);
	med = t[reps / 2];
	printf("%s\t%zu\t%zu\t%.3f\t%.2f\t%.1f\n", name, rules, size, med,
	       med * 1e6 / (double)size, med * 1e6 / (double)rules);
	fflush(stdout);
	free(t);
	return 0;
}

int main(int argc, char **argv)
{
	int sizes[MAX_SIZES] = { 1000, 10000, 100000 }, nr_sizes = 3;
	int reps = 5, opt, i, err = 0;
	char *list, *tok;

	while ((opt = getopt(argc, argv, "n:N:")) != -1) {
		switch (opt) {
		case 'n':
			reps = atoi(optarg);
			break;
		case 'N':
			list = optarg;
			nr_sizes = 0;
			while ((tok = strsep(&list, ",")) &&
			       nr_sizes < MAX_SIZES)
				sizes[nr_sizes++] = atoi(tok);
			break;
		default:
			fprintf(stderr,
				"usage: config_bench [-n REPS] [-N 1000,...]\n");
			return 2;
		}
	}
	if (reps < 1)
		reps = 1;
	printf("case\trules\tbytes\tmedian_ms\tns_per_byte\tns_per_rule\n");
	for (i = 0; !err && i < nr_sizes; i++) {
		size_t size;
		char *buf;

		buf = make_policy(sizes[i], 0, &size);
		err = buf ? 0 : -ENOMEM;
		if (!err)
			err = run("toml-parse", buf, size,
				  LANDSCOPE_CONFIG_FORMAT_TOML, PARSE, sizes[i],
				  reps);
		if (!err)
			err = run("toml-resolve", buf, size,
				  LANDSCOPE_CONFIG_FORMAT_TOML, RESOLVE,
				  sizes[i], reps);
		free(buf);
		buf = err ? NULL : make_policy(sizes[i], 1, &size);
		if (!err && buf)
			err = run("json-parse", buf, size,
				  LANDSCOPE_CONFIG_FORMAT_JSON, PARSE, sizes[i],
				  reps);
		free(buf);
		buf = err ? NULL : make_variables(sizes[i], &size);
		if (!err && buf)
			err = run("variables-resolve", buf, size,
				  LANDSCOPE_CONFIG_FORMAT_TOML, RESOLVE,
				  sizes[i], reps);
		free(buf);
	}
	return err ? 1 : 0;
}
