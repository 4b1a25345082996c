/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static unsigned int tap_count;
static unsigned int tap_failed;

void tap_init(void)
{
	/*
	 * Line buffered even on a pipe or a serial console, so that results
	 * and the children's stderr interleave in order and nothing is lost
	 * (or printed twice) around fork().
	 */
	setvbuf(stdout, NULL, _IOLBF, 0);
	tap_count = 0;
	tap_failed = 0;
}

bool tap_check(bool pass, const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%s %u - ", pass ? "ok" : "not ok", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return pass;
}

void tap_skip(const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	printf("ok %u # SKIP ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

void tap_note(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

int tap_done(void)
{
	printf("1..%u\n", tap_count);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}
