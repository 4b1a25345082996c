/* SPDX-License-Identifier: MIT */
/*
 * The one escaper of text the library prints: paths, policy-file names
 * and values, the reasons that quote them.  Whatever the bytes, the result
 * can neither forge a line of a report or a message nor reach a terminal
 * as a control sequence, and valid UTF-8 text stays as it is.
 */
#ifndef LANDSCOPE_ESCAPE_H
#define LANDSCOPE_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* The most one step writes: "\xHH" for a byte, or a 4-byte sequence. */
#define LSC_ESC_STEP 4

/* Also escape '"', for text printed between double quotes. */
#define LSC_ESC_QUOTE (1U << 0)
/* Tab, newline and carriage return as "\t", "\n", "\r", not "\xHH". */
#define LSC_ESC_NAMED (1U << 1)
/* Text the library escaped already: its backslashes are kept. */
#define LSC_ESC_KEEP_BACKSLASH (1U << 2)

/*
 * Escape what starts at @s[*@i] (@len bytes in all) into @out: a
 * backslash as "\\", with LSC_ESC_QUOTE '"' as "\"", any other byte below
 * 0x20, 0x7f, the C1 controls (U+0080..U+009F) and every byte that is not
 * part of valid UTF-8 as "\xHH"; printable ASCII and valid UTF-8 as they
 * are, a sequence never split.  Advances *@i; returns the bytes written.
 */
size_t lsc_esc_step(char out[LSC_ESC_STEP], const unsigned char *s, size_t len,
		    size_t *i, unsigned int flags);

/* All of @text, with lsc_esc_step()'s @flags. */
void lsc_esc_text(FILE *f, const char *text, unsigned int flags);

/* @text as one JSON string, quotes included, valid whatever the bytes. */
void lsc_esc_json(FILE *f, const char *text);

#endif /* LANDSCOPE_ESCAPE_H */
