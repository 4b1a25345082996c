// SPDX-License-Identifier: MIT
#include <stdint.h>

#include "escape.h"
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
