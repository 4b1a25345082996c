/* SPDX-License-Identifier: MIT */
/*
 * The two entry points landscope-run calls: --learn runs the command
 * unconfined and writes (or extends) the policy; --explain forks the
 * tracer off and lets landscope-run go on restricting itself and
 * executing the command, observed.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#include "learn.h"

static const char *learn_policy;
static char **learn_argv;
static struct covered *learn_old;

static int learn_done(struct learn_ctx *ctx)
{
	/* The command was not found, or the tracing failed: nothing seen. */
	if (!ctx->ran) {
		fprintf(stderr, "%s: --learn: nothing ran, no policy written\n",
			ctx->prog);
		return 0;
	}
	return policy_write(ctx, learn_policy, learn_argv, learn_old);
}

int learn_run(const char *prog, const char *policy, char **argv)
{
	static struct learn_ctx ctx;
	int err;

	ctx.prog = prog;
	ctx.out = stderr;
	ctx.rec = record_new();
	if (!ctx.rec)
		return 125;
	/* An existing policy is extended, one that cannot be read refused. */
	learn_old = covered_read(prog, policy);
	if (!learn_old && errno != ENOENT)
		return 125;
	learn_policy = policy;
	learn_argv = argv;
	err = trace_fork(&ctx, learn_done);
	if (err) {
		fprintf(stderr, "%s: --learn: cannot run the command: %s\n",
			prog, strerror(-err));
		return 125;
	}
	/* The child: the command, as it is, unconfined. */
	execvp(argv[0], argv);
	err = errno;
	fprintf(stderr, "%s: cannot execute \"", prog);
	landscope_escape(stderr, argv[0], 0);
	fprintf(stderr, "\": %s\n", strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

static int explain_done(struct learn_ctx *ctx)
{
	size_t n = denials_count(ctx->den);

	fprintf(ctx->out, "%s: --explain: %zu distinct denial%s\n", ctx->prog,
		n, n == 1 ? "" : "s");
	return 0;
}

int explain_start(const char *prog, const char *const *configs,
		  unsigned int nr_configs)
{
	static struct learn_ctx ctx;
	size_t len;
	int err;

	ctx.prog = prog;
	ctx.out = stderr;
	ctx.explain = true;
	ctx.den = denials_new();
	if (!ctx.den)
		return -ENOMEM;
	/* Rules are printed in the syntax of the (first) policy file. */
	if (nr_configs) {
		len = strlen(configs[0]);
		ctx.explain_json = len > 5 &&
				   !strcmp(configs[0] + len - 5, ".json");
	}
	err = trace_fork(&ctx, explain_done);
	if (err)
		fprintf(stderr, "%s: --explain: cannot trace the command: %s\n",
			prog, strerror(-err));
	return err;
}
