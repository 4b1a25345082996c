// SPDX-License-Identifier: MIT
/*
 * Path templates and paths, as landlockconfig reads them: "${name}" is a
 * variable, "$$" a dollar, any other "$" itself; paths are equal when
 * their components are (Rust's Path::components(): "a/./b", "a//b" and
 * "a/b/" are "a/b", a leading "./" stays, ".." stays since only the file
 * system can say where it leads).
 */
#include <errno.h>
#include <string.h>

#include "policy.h"

bool lsc_var_name_valid(const char *s, size_t len)
{
	size_t i;

	if (!len || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
		return false;
	for (i = 1; i < len; i++) {
		char c = s[i];

		if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
		    !(c >= '0' && c <= '9') && c != '_')
			return false;
	}
	return true;
}

int lsc_tpl_next(const char *text, size_t len, size_t *i,
		 struct lsc_tpl_piece *piece, const char **why)
{
	const char *dollar, *close;
	size_t at = *i;

	if (at >= len)
		return 0;
	if (text[at] != '$') {
		dollar = memchr(text + at, '$', len - at);
		piece->var = false;
		piece->s = text + at;
		piece->len = (dollar ? (size_t)(dollar - text) : len) - at;
		*i = at + piece->len;
		return 1;
	}
	if (at + 1 < len && text[at + 1] == '{') {
		close = memchr(text + at + 2, '}', len - at - 2);
		if (!close) {
			*why = "unclosed \"${\"";
			return -EBADMSG;
		}
		piece->var = true;
		piece->s = text + at + 2;
		piece->len = (size_t)(close - piece->s);
		if (!piece->len) {
			*why = "empty variable name \"${}\"";
			return -EBADMSG;
		}
		if (!lsc_var_name_valid(piece->s, piece->len)) {
			*why = "invalid variable name (a letter, then letters, "
			       "digits or '_')";
			return -EBADMSG;
		}
		*i = (size_t)(close - text) + 1;
		return 1;
	}
	/* "$$" is one dollar; a dollar before anything else is itself. */
	piece->var = false;
	piece->s = text + at;
	piece->len = 1;
	*i = at + (at + 1 < len && text[at + 1] == '$' ? 2 : 1);
	return 1;
}

size_t lsc_path_normalize(char *out, const char *path, size_t len)
{
	size_t i = 0, o = 0;

	if (len && path[0] == '/')
		out[o++] = '/';
	while (i < len) {
		size_t start, n;

		while (i < len && path[i] == '/')
			i++;
		start = i;
		while (i < len && path[i] != '/')
			i++;
		n = i - start;
		if (!n)
			continue;
		/*
		 * "." goes: "./a" and "a" are one path, the current
		 * directory's, and merge (src/config/build.c).
		 */
		if (n == 1 && path[start] == '.')
			continue;
		if (o && out[o - 1] != '/')
			out[o++] = '/';
		memcpy(out + o, path + start, n);
		o += n;
	}
	/* Nothing but "." components: the current directory itself. */
	if (!o && len)
		out[o++] = '.';
	out[o] = '\0';
	return o;
}

int lsc_path_cmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	for (; *x && *x == *y; x++, y++)
		;
	if (*x == *y)
		return 0;
	/* A separator sorts before any byte: component by component. */
	if (!*x || (*x == '/' && *y))
		return -1;
	if (!*y || *y == '/')
		return 1;
	return *x < *y ? -1 : 1;
}
