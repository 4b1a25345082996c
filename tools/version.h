/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_TOOLS_VERSION_H
#define LANDSCOPE_TOOLS_VERSION_H

/*
 * --version of the tools, on stdout: @prog's version (the project's),
 * the library's it runs with and the one it was built with, and the last
 * Landlock ABI it knows.  0, or -EIO if it could not be written.
 */
int print_version(const char *prog);

#endif /* LANDSCOPE_TOOLS_VERSION_H */
