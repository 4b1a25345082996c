// SPDX-License-Identifier: MIT
/*
 * Where a sample's page faults are: run under
 *   perf record -e page-faults -c 1 -d -- faults VARIANT DIR PATHS PORTS
 * it prepares as ruleset_bench does (probe, one dry run), prints its memory
 * map, forks one child that runs VARIANT (lib, raw or raw-held) as a
 * ruleset_bench sample does, and prints the child's pid.  bench/report.py
 * then sorts the child's faults by the mapping they hit, and by whether
 * the instruction faulted on its own page (code) or on data.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

int main(int argc, char **argv)
{
	struct bench_policy p;
	char line[4096];
	int err, status;
	FILE *maps;
	pid_t pid;

	if (argc != 5) {
		fprintf(stderr, "usage: %s lib|raw|raw-held DIR PATHS PORTS\n",
			argv[0]);
		return 2;
	}
	err = bench_policy_init(&p, argv[2], atoi(argv[3]), atoi(argv[4]));
	if (err) {
		fprintf(stderr, "no usable Landlock: %s\n", strerror(-err));
		return 77;
	}
	err = bench_lib(&p, 1);
	maps = fopen("/proc/self/maps", "re");
	if (err || !maps) {
		fprintf(stderr, "dry run: %s\n", strerror(err ? -err : errno));
		return 1;
	}
	while (fgets(line, sizeof(line), maps))
		printf("map\t%s", line);
	fclose(maps);
	fflush(stdout);

	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		_exit(bench_run(argv[1], &p) ? 1 : 0);
	}
	printf("child\t%d\n", (int)pid);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return 1;
	return 0;
}
