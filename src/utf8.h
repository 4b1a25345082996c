/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_UTF8_H
#define LANDSCOPE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode the UTF-8 sequence at @s (@len bytes left) into *@cp.  Return its
 * length (1 to 4), or 0 if it is not well-formed: truncated, overlong, a
 * surrogate (U+D800 to U+DFFF) or above U+10FFFF (RFC 3629).
 */
size_t lsc_utf8_next(const unsigned char *s, size_t len, uint32_t *cp);

/* Append the UTF-8 form of scalar value @cp to @out; its length (1-4). */
size_t lsc_utf8_put(char *out, uint32_t cp);

#endif /* LANDSCOPE_UTF8_H */
