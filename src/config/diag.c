// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "../escape.h"

/* Longest piece of a file's text quoted in a message. */
#define ESC_MAX 60

void lsc_diag_free(struct lsc_diag *d)
{
	free(d->text);
	memset(d, 0, sizeof(*d));
}

void lsc_diag_clear(struct lsc_diag *d)
{
	d->len = 0;
	d->count = 0;
	if (d->text)
		d->text[0] = '\0';
}

/* Room for @more bytes and a NUL; false when out of memory. */
static bool reserve(struct lsc_diag *d, size_t more)
{
	size_t cap = d->cap ? d->cap : 128;
	char *text;

	if (more > SIZE_MAX / 4 - d->len)
		return false;
	while (cap < d->len + more + 1)
		cap *= 2;
	if (cap == d->cap)
		return true;
	text = realloc(d->text, cap);
	if (!text)
		return false;
	d->text = text;
	d->cap = cap;
	return true;
}

static void append(struct lsc_diag *d, const char *s, size_t len)
{
	if (!reserve(d, len))
		return;
	memcpy(d->text + d->len, s, len);
	d->len += len;
	d->text[d->len] = '\0';
}

/*
 * Escape @s (@len bytes) from *@i into @out, up to about @max bytes (each
 * step writes at most LSC_ESC_STEP more), stepping *@i over what was written;
 * the bytes written.  A UTF-8 sequence is never split between two calls.
 */
static size_t esc_run(char *out, size_t max, const char *s, size_t len,
		      size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0;

	while (*i < len && o < max)
		o += lsc_esc_step(out + o, u, len, i, LSC_ESC_QUOTE);
	return o;
}

/*
 * The whole of @name, escaped: a file name is what the reader follows
 * to the file, so it is never cut (issue 21, item 16), unlike a value
 * quoted from the file's text, which its line and column locate.
 */
static void append_name(struct lsc_diag *d, const char *name)
{
	size_t len = strlen(name), i = 0, n;
	char chunk[256];

	while (i < len) {
		n = esc_run(chunk, sizeof(chunk) - LSC_ESC_STEP, name, len, &i);
		append(d, chunk, n);
	}
}

int lsc_diag_vadd(struct lsc_diag *d, const char *file, struct lsc_pos pos,
		  int err, const char *fmt, va_list ap)
{
	char where[32], msg[1024];
	int n;

	if (!d)
		return err;
	if (pos.line)
		n = snprintf(where, sizeof(where), ":%u:%u: ", pos.line,
			     pos.col);
	else
		n = snprintf(where, sizeof(where), ": ");
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (d->count)
		append(d, "\n", 1);
	append_name(d, file ? file : "(buffer)");
	append(d, where, n > 0 ? (size_t)n : 0);
	append(d, msg, strlen(msg));
	d->count++;
	return err;
}

int lsc_diag_add(struct lsc_diag *d, const char *file, struct lsc_pos pos,
		 int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err = lsc_diag_vadd(d, file, pos, err, fmt, ap);
	va_end(ap);
	return err;
}

void lsc_diag_append(struct lsc_diag *dst, const struct lsc_diag *src)
{
	if (!src->count)
		return;
	if (dst->count)
		append(dst, "\n", 1);
	append(dst, src->text, src->len);
	dst->count += src->count;
}

const char *lsc_esc(char buf[LSC_ESC_SIZE], const char *s, size_t len)
{
	size_t i = 0, o;

	o = esc_run(buf, ESC_MAX, s, len, &i);
	if (i < len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}
