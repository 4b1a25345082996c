/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_TOOLS_ESCAPE_H
#define LANDSCOPE_TOOLS_ESCAPE_H

#include <stdbool.h>
#include <stdio.h>

/*
 * The one escaping of the tools: every name that comes from a user, a
 * file or the system passes through here before it reaches a terminal or
 * a JSON reader.
 *
 * esc_text() writes @s as landscope_report_print() does: "\\" for a
 * backslash, "\t", "\n", "\r", and "\xHH" for any other control byte, for
 * the C1 controls and for every byte that is not part of valid UTF-8, so
 * that a name can neither forge a line nor send a terminal a sequence.
 * With @escaped (text the library already escaped, such as its policy
 * file messages), backslashes are kept as they are.
 */
void esc_text(FILE *f, const char *s, bool escaped);

/*
 * esc_json() writes @s as one JSON string, quotes included: valid UTF-8
 * stays text, with controls and C1 controls as "\u00XX"; a string that
 * is not valid UTF-8 (a path may hold any byte) is written byte by byte,
 * each byte above 0x7e as the code point of the same value (Latin-1), so
 * that the JSON stays valid and no byte is lost.
 */
void esc_json(FILE *f, const char *s);

#endif /* LANDSCOPE_TOOLS_ESCAPE_H */
