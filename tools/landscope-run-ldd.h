/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_TOOLS_RUN_LDD_H
#define LANDSCOPE_TOOLS_RUN_LDD_H

#include <stdbool.h>

/* At most this many paths, the program, its loader and libraries. */
#define LDD_MAX_PATHS 48

struct ldd_paths {
	char *path[LDD_MAX_PATHS];
	unsigned int nr;
};

/*
 * --add-exec, --ldd: the file execvp() would execute for @cmd and, with
 * @libs, the loader its PT_INTERP names and the shared libraries that
 * loader lists for it (for a "#!" script, its interpreter's too).
 * Messages go through run_warn().  Return 0 or a negative errno; free
 * with ldd_free() in either case.
 */
int ldd_paths(const char *cmd, bool libs, struct ldd_paths *ret);
void ldd_free(struct ldd_paths *p);

/*
 * The file execvp() runs for @cmd: @cmd itself if it has a "/", else the
 * first that exists in PATH (landscope-run's own PATH, which execvpe()
 * searches too), allocated; NULL with errno set.
 */
char *path_find(const char *cmd);

/* landscope-run's messages: escaped, "landscope-run: " first. */
void run_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* LANDSCOPE_TOOLS_RUN_LDD_H */
