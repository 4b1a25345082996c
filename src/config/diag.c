// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "utf8.h"

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

int lsc_diag_vadd(struct lsc_diag *d, const char *file, struct lsc_pos pos,
		  int err, const char *fmt, va_list ap)
{
	char esc[LSC_ESC_SIZE], head[LSC_ESC_SIZE + 32], msg[1024];
	int n;

	if (!d)
		return err;
	file = file ? file : "(buffer)";
	if (pos.line)
		n = snprintf(head, sizeof(head),
			     "%s:%u:%u: ", lsc_esc(esc, file, strlen(file)),
			     pos.line, pos.col);
	else
		n = snprintf(head, sizeof(head),
			     "%s: ", lsc_esc(esc, file, strlen(file)));
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (d->count)
		append(d, "\n", 1);
	append(d, head, n > 0 ? (size_t)n : 0);
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
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, o = 0, n;
	uint32_t cp;

	while (i < len && o < ESC_MAX) {
		n = lsc_utf8_next(u + i, len - i, &cp);
		if (n > 1 && cp >= 0xa0) {
			/* Printable beyond ASCII: as it is. */
			while (n--)
				buf[o++] = (char)u[i++];
			continue;
		}
		if (u[i] == '"' || u[i] == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)u[i];
		} else if (u[i] < 0x20 || u[i] >= 0x7f) {
			/*
			 * Control bytes (newlines, escape sequences, the C1
			 * controls) and malformed UTF-8, byte by byte.
			 */
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[u[i] >> 4];
			buf[o++] = hex[u[i] & 0xf];
		} else {
			buf[o++] = (char)u[i];
		}
		i++;
	}
	if (i < len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}
