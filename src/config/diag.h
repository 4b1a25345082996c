/* SPDX-License-Identifier: MIT */
/*
 * Messages of the policy parsers: "FILE:LINE:COLUMN: what was expected",
 * one line each, gathered so that a directory with several bad files
 * names every one.  Names and values that come from a file are escaped
 * before they reach a message: a file must not be able to forge a line of
 * its own error output, nor send escape sequences to a terminal.
 */
#ifndef LANDSCOPE_CONFIG_DIAG_H
#define LANDSCOPE_CONFIG_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Lines and columns count from 1, columns in bytes; line 0: no position. */
struct lsc_pos {
	uint32_t line;
	uint32_t col;
};

struct lsc_diag {
	char *text; /* the messages, separated by newlines */
	size_t len;
	size_t cap;
	unsigned int count;
};

void lsc_diag_free(struct lsc_diag *d);
/* Forget every message, keep the buffer. */
void lsc_diag_clear(struct lsc_diag *d);

/*
 * Add "FILE:LINE:COL: MESSAGE" (FILE escaped but never cut, so that
 * the reader can follow it; ":LINE:COL" left out without a position) and
 * return @err, so that a failing parser can "return lsc_diag_add(...)".
 * Out of memory, the message is cut short or lost, never the error.
 */
int lsc_diag_add(struct lsc_diag *d, const char *file, struct lsc_pos pos,
		 int err, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* lsc_diag_add() with a va_list. */
int lsc_diag_vadd(struct lsc_diag *d, const char *file, struct lsc_pos pos,
		  int err, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

/* Append every message of @src to @dst (out of memory: some are lost). */
void lsc_diag_append(struct lsc_diag *dst, const struct lsc_diag *src);

/*
 * @s (@len bytes) made printable for a message, cut to about 60 bytes:
 * quotes, backslashes and control bytes escaped, "..." when cut.
 */
#define LSC_ESC_SIZE 256
const char *lsc_esc(char buf[LSC_ESC_SIZE], const char *s, size_t len);

#endif /* LANDSCOPE_CONFIG_DIAG_H */
