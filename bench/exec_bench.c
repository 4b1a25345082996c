// SPDX-License-Identifier: MIT
/*
 * Whole-process wall time of several commands, measured in the same run:
 * each repetition starts every command once (posix_spawn, output to
 * /dev/null) and waits for it, rotating which goes first so that none
 * always runs on a warmer cache.  A command that does not exit 0 stops
 * the run: a benchmark of a failing sandbox would measure nothing.
 *
 * Usage: exec_bench [-n REPS] -- LABEL PROG [ARG...] [-- LABEL PROG ...]
 * Prints, per command, tab-separated: label reps median p25 p75 (in us).
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "stats.h"

#define MAX_CMDS 8

extern char **environ;

struct command {
	const char *label;
	char **argv;
	uint64_t *samples;
};

static int run_once(const struct command *c,
		    const posix_spawn_file_actions_t *fa, uint64_t *ns)
{
	uint64_t t0 = bench_now_ns();
	int status, err;
	pid_t pid;

	err = posix_spawn(&pid, c->argv[0], fa, NULL, c->argv, environ);
	if (err) {
		fprintf(stderr, "%s: %s: %s\n", c->label, c->argv[0],
			strerror(err));
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("waitpid");
		return -1;
	}
	*ns = bench_now_ns() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "%s: exit status %#x\n", c->label, status);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct command cmds[MAX_CMDS];
	posix_spawn_file_actions_t fa;
	int reps = 100, nr = 0, i, j, opt;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt != 'n' || atoi(optarg) < 1)
			goto usage;
		reps = atoi(optarg);
	}
	/* getopt() ate the first "--"; the others separate commands. */
	for (i = optind; i < argc && nr < MAX_CMDS; i++) {
		if (i + 1 >= argc || !strcmp(argv[i], "--") ||
		    !strcmp(argv[i + 1], "--"))
			goto usage;
		cmds[nr].label = argv[i];
		cmds[nr].argv = &argv[i + 1];
		cmds[nr].samples = calloc((size_t)reps, sizeof(uint64_t));
		if (!cmds[nr].samples)
			return 1;
		for (j = i + 1; j < argc && strcmp(argv[j], "--"); j++)
			;
		argv[j < argc ? j : argc] = NULL;
		i = j;
		nr++;
	}
	if (!nr || i < argc)
		goto usage;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	for (i = 0; i < reps; i++)
		for (j = 0; j < nr; j++) {
			struct command *c = &cmds[(i + j) % nr];

			if (run_once(c, &fa, &c->samples[i]))
				return 1;
		}
	posix_spawn_file_actions_destroy(&fa);

	for (j = 0; j < nr; j++) {
		struct bench_stats s = bench_summarise(cmds[j].samples, reps);

		printf("%s\t%d\t%.1f\t%.1f\t%.1f\n", cmds[j].label, reps,
		       s.median / 1e3, s.p25 / 1e3, s.p75 / 1e3);
		free(cmds[j].samples);
	}
	return 0;

usage:
	fprintf(stderr,
		"usage: %s [-n REPS] -- LABEL PROG [ARG...] [-- LABEL PROG ...]\n",
		argv[0]);
	return 2;
}
