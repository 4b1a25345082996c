// SPDX-License-Identifier: MIT
/*
 * Escaping for the tools (escape.h).  The library's report has its own,
 * static in src/report.c and not exported: tools use only the public API,
 * so this file follows the same rules for the tools' own messages.
 */
#include <stdint.h>

#include "escape.h"

/*
 * The length of the UTF-8 sequence at @s if it is valid and not a C1
 * control, else 0.  Overlong forms, surrogates and code points beyond
 * U+10FFFF are invalid; C1 controls (U+0080..U+009F) are valid UTF-8 but
 * some terminals obey them, so they are escaped too.
 */
static unsigned int seq_len(const unsigned char *s)
{
	unsigned int n, i;
	uint32_t cp;

	if (*s < 0x80)
		return 1;
	if (*s < 0xc2 || *s > 0xf4)
		return 0;
	n = *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : 2;
	cp = *s & (0x7fU >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fU);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff || cp <= 0x9f)
		return 0;
	return n;
}

void esc_text(FILE *f, const char *text, bool escaped)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned int n;

	while (*s) {
		n = seq_len(s);
		if (*s == '\\')
			fputs(escaped ? "\\" : "\\\\", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\r')
			fputs("\\r", f);
		else if (!n || *s < 0x20 || *s == 0x7f)
			fprintf(f, "\\x%02x", *s);
		else
			fwrite(s, 1, n, f);
		s += n ? n : 1;
	}
}

/* Whether every sequence of @s is valid UTF-8 (C1 controls included). */
static bool valid_utf8(const unsigned char *s)
{
	unsigned int n;

	for (; *s; s += n) {
		n = seq_len(s);
		/* A C1 control is valid UTF-8: 0xc2 0x80..0x9f. */
		if (!n && s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
			n = 2;
		if (!n)
			return false;
	}
	return true;
}

void esc_json(FILE *f, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	bool utf8 = valid_utf8(s);
	unsigned int n;

	fputc('"', f);
	while (*s) {
		n = utf8 ? seq_len(s) : 1;
		if (*s == '"' || *s == '\\') {
			fprintf(f, "\\%c", *s);
		} else if (*s < 0x20 || *s == 0x7f || (!utf8 && *s > 0x7e)) {
			fprintf(f, "\\u%04x", *s);
		} else if (!n) {
			/* A C1 control, U+0080..U+009F. */
			fprintf(f, "\\u%04x", s[1]);
			n = 2;
		} else {
			fwrite(s, 1, n, f);
		}
		s += n ? n : 1;
	}
	fputc('"', f);
}
