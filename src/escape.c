// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <liblandscope/landscope.h>

#include "escape.h"
#include "export.h"
#include "utf8.h"

size_t lsc_esc_step(char out[LSC_ESC_STEP], const unsigned char *s, size_t len,
		    size_t *i, unsigned int flags)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c = s[*i];
	uint32_t cp;
	size_t n, o;

	n = lsc_utf8_next(s + *i, len - *i, &cp);
	if (n > 1 && cp >= 0xa0) {
		for (o = 0; o < n; o++)
			out[o] = (char)s[(*i)++];
		return n;
	}
	(*i)++;
	if (c == '\\' && flags & LSC_ESC_KEEP_BACKSLASH) {
		out[0] = '\\';
		return 1;
	}
	if (c == '\\' || (c == '"' && flags & LSC_ESC_QUOTE)) {
		out[0] = '\\';
		out[1] = (char)c;
		return 2;
	}
	if (flags & LSC_ESC_NAMED && (c == '\t' || c == '\n' || c == '\r')) {
		out[0] = '\\';
		out[1] = c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
		return 2;
	}
	if (c >= 0x20 && c < 0x7f) {
		out[0] = (char)c;
		return 1;
	}
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[c >> 4];
	out[3] = hex[c & 0xf];
	return 4;
}

/* Whether every sequence of @s (@len bytes) is valid UTF-8. */
static bool valid_utf8(const unsigned char *s, size_t len)
{
	uint32_t cp;
	size_t n;

	for (; len; s += n, len -= n) {
		n = lsc_utf8_next(s, len, &cp);
		if (!n)
			return false;
	}
	return true;
}

/*
 * A JSON string that is valid whatever the bytes: controls and C1
 * controls as \u00XX, and a string that is not UTF-8 byte by byte, as
 * Latin-1, so that a path is never lost nor the document broken.
 */
void lsc_esc_json(FILE *f, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), n;
	bool utf8 = valid_utf8(s, len);
	uint32_t cp;

	fputc('"', f);
	for (; len; s += n, len -= n) {
		n = utf8 ? lsc_utf8_next(s, len, &cp) : 1;
		if (!utf8)
			cp = *s;
		if (cp == '"' || cp == '\\')
			fprintf(f, "\\%c", (int)cp);
		else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
			 (!utf8 && cp > 0x7e))
			fprintf(f, "\\u%04x", (unsigned int)cp);
		else
			fwrite(s, 1, n, f);
	}
	fputc('"', f);
}

void lsc_esc_text(FILE *f, const char *text, unsigned int flags)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), i = 0;
	char out[LSC_ESC_STEP];

	while (i < len)
		fwrite(out, 1, lsc_esc_step(out, s, len, &i, flags), f);
}

LSC_EXPORT int landscope_escape(FILE *f, const char *text, unsigned int flags)
{
	LSC_KEEP_ERRNO;

	if (!f || !text ||
	    flags & ~(LANDSCOPE_ESCAPE_JSON | LANDSCOPE_ESCAPE_ESCAPED) ||
	    (flags & LANDSCOPE_ESCAPE_JSON && flags & LANDSCOPE_ESCAPE_ESCAPED))
		return -EINVAL;
	if (flags & LANDSCOPE_ESCAPE_JSON)
		lsc_esc_json(f, text);
	else
		lsc_esc_text(f, text,
			     LSC_ESC_NAMED | (flags & LANDSCOPE_ESCAPE_ESCAPED
						      ? LSC_ESC_KEEP_BACKSLASH
						      : 0));
	return ferror(f) ? -EIO : 0;
}
