/* SPDX-License-Identifier: MIT */
/*
 * A program as a distribution user would write it: it sees only the
 * installed header and library, found through pkg-config.  It prints where
 * the library code was loaded from, so that the install test can tell the
 * installed library from the build tree, and it enforces a real ruleset in
 * a child so that a broken link shows up as a wrong errno, not just as a
 * missing symbol.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

/*
 * The file whose mapping holds @addr: the shared library it was loaded
 * from, or the program itself when linked statically.  /proc/self/maps
 * answers for both, where dladdr() knows nothing in a static program.
 */
static int mapping_of(const void *addr, char *path, size_t size)
{
	unsigned long lo, hi, a = (unsigned long)addr;
	char line[4096 + 128], file[4096];
	FILE *f;
	int found = 0;

	f = fopen("/proc/self/maps", "re");
	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %4095s", &lo, &hi,
			   file) == 3 &&
		    a >= lo && a < hi) {
			snprintf(path, size, "%s", file);
			found = 1;
		}
	}
	fclose(f);
	return found;
}

/* The child's view: 0 if /etc/hostname opened, else the errno. */
static int read_denied_child(void)
{
	struct landscope_ruleset *rs = NULL;
	int err, fd;

	err = landscope_ruleset_new(&rs, 0);
	if (!err)
		err = landscope_ruleset_set_compat_level(
			rs, LANDSCOPE_COMPAT_HARD_REQUIREMENT, 0);
	if (!err)
		err = landscope_ruleset_add_handled(
			rs, LANDSCOPE_CATEGORY_FS,
			LANDSCOPE_ACCESS_FS_READ_FILE);
	if (!err)
		err = landscope_ruleset_add_path(
			rs, "/usr", LANDSCOPE_ACCESS_FS_READ_FILE, 0);
	if (!err)
		err = landscope_ruleset_restrict_self(rs, 0, NULL);
	landscope_ruleset_free(rs);
	if (err) {
		fprintf(stderr, "restrict: %s\n", strerror(-err));
		return 100;
	}
	fd = open("/etc/hostname", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return errno;
}

int main(void)
{
	LANDSCOPE_INIT(landscope_features, f);
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *rep = NULL;
	char where[4096];
	int err, status;
	pid_t pid;

	/* Where the library's code lives: a .so path, or this program. */
	if (!mapping_of((const void *)landscope_ruleset_new, where,
			sizeof(where)))
		return 2;
	printf("library: %s\n", where);

	err = landscope_features_get(&f);
	if (err)
		return 3;
	printf("abi: %d unavailable: %d fs: %#llx\n", (int)f.abi,
	       (int)f.unavailable, (unsigned long long)f.access_fs);
	printf("name of bit 0: %s\n",
	       landscope_access_name(LANDSCOPE_CATEGORY_FS, 1));

	/* A dry run exercises the whole policy path without restricting. */
	err = landscope_ruleset_new(&rs, 0);
	if (!err)
		err = landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
						    LANDSCOPE_ACCESS_FS_ALL);
	if (!err)
		err = landscope_ruleset_add_path(
			rs, "/usr", LANDSCOPE_ACCESS_FS_READ_EXEC, 0);
	if (!err)
		err = landscope_ruleset_restrict_self(
			rs, LANDSCOPE_RESTRICT_DRY_RUN, &rep);
	landscope_ruleset_free(rs);
	if (err || !rep)
		return 4;
	printf("dry run: status %d, %d rule(s)\n", landscope_report_status(rep),
	       landscope_report_rule_count(rep));
	landscope_report_free(rep);

	if (f.unavailable) {
		printf("enforcement: no Landlock here\n");
		return 0;
	}
	pid = fork();
	if (pid < 0)
		return 5;
	if (pid == 0)
		_exit(read_denied_child());
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 6;
	printf("enforcement: open outside the rule: %s\n",
	       strerror(WEXITSTATUS(status)));
	return WEXITSTATUS(status) == EACCES ? 0 : 7;
}
