/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the policy file tests (suite 'config'): parse a text, then
 * either compare the message of the failure with the one expected, or
 * build the policy against the unit suite's simulated kernel, run it dry,
 * and compare what the report says with what is expected, as one line:
 *
 *   fs=0x7fff net=0x0 scope=0x0 /bin=0x200d /tmp=0x7ffe :443=0x2
 *
 * A path rule reads PATH=REQUESTED, followed by "!ERRNO" when it was
 * skipped (ENOENT...) and "/file" when it was narrowed to file rights; a
 * port rule reads :PORT=REQUESTED.
 */
#ifndef LANDSCOPE_CFGTEST_H
#define LANDSCOPE_CFGTEST_H

#include <liblandscope/config.h>

#include "unit.h"

#define TOML LANDSCOPE_CONFIG_FORMAT_TOML
#define JSON LANDSCOPE_CONFIG_FORMAT_JSON

/* A new configuration; fails the test on error. */
struct landscope_config *ct_new(void);

/* Parse @text (format @fmt) into @c, named "t.toml" or "t.json". */
int ct_parse(struct landscope_config *c, unsigned int fmt, const char *text);

/*
 * The policy of @c as one line (see above), or "error N: MESSAGE" when it
 * does not build or run; a static buffer.
 */
const char *ct_policy(struct landscope_config *c);

/* @text alone gives @want (a policy line or "error N: MESSAGE"). */
#define ct_expect(fmt, text, want) \
	ct_expect_at(__FILE__, __LINE__, fmt, text, want)
void ct_expect_at(const char *file, int line, unsigned int fmt,
		  const char *text, const char *want);

/* Escape @s for a failure message: static buffer. */
const char *ct_show(const char *s);

/* A file @name holding @text in directory @dir (created as needed). */
void ct_write(const char *dir, const char *name, const char *text);
/* A new temporary directory, removed with everything in it by ct_rmdir. */
char *ct_tmpdir(void);
void ct_rmdir(char *dir);

/* Number of fds open in this process, from /proc/self/fd. */
int ct_open_fds(void);

#endif /* LANDSCOPE_CFGTEST_H */
