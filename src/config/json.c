// SPDX-License-Identifier: MIT
/*
 * JSON policy files (RFC 8259), parsed here in one pass into the document
 * model (doc.h), with no other JSON library (issue 21, item 13).
 *
 * Until 0.2, json-c parsed the text and this file walked it a second time
 * to refuse what json-c reads as something else than it says (a duplicate
 * key keeps its last value, integers beyond 64 bits are clamped, NaN,
 * "\u0000" cutting a key, lone surrogates made U+FFFD, raw tabs in
 * strings) and to find each value's line and column.  json-c 0.16 also
 * crashes on some of its own allocation failures (an unchecked strdup of a
 * key), leaks on others and calls the rest a syntax error, and every
 * program that only sandboxes itself loaded it.  Parsing once, here, fixes
 * all three: every allocation is the arena's, checked, freed at once with
 * the document, and failing as -ENOMEM; each text is read once; the
 * library depends on libc alone.
 *
 * Strict on purpose: a sandbox policy is refused rather than guessed at.
 * Beyond RFC 8259 it refuses duplicate keys, NUL in keys, lone surrogate
 * escapes, null, and numbers that are not 64-bit integers, each with its
 * line and column.  Nesting is bounded (LANDSCOPE_CONFIG_MAX_DEPTH), so
 * the recursion is too.
 *
 * The input has been checked already (lsc_doc_check_bytes()): valid UTF-8,
 * no NUL byte, within LANDSCOPE_CONFIG_MAX_SIZE.  Newlines only occur in
 * whitespace (a string refuses raw control characters), so skip_ws() alone
 * keeps the line count.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <liblandscope/config.h>

#include "doc.h"
#include "../utf8.h"

struct scan {
	struct lsc_doc *doc;
	const char *buf;
	size_t size;
	size_t i;
	uint32_t line;
	size_t line_start;
};

static struct lsc_pos pos_at(const struct scan *s, size_t offset)
{
	struct lsc_pos pos = { s->line,
			       (uint32_t)(offset - s->line_start + 1) };

	return pos;
}

static int fail(const struct scan *s, size_t offset, int err, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));
static int fail(const struct scan *s, size_t offset, int err, const char *fmt,
		...)
{
	va_list ap;

	va_start(ap, fmt);
	err = lsc_diag_vadd(s->doc->diag, s->doc->name, pos_at(s, offset), err,
			    fmt, ap);
	va_end(ap);
	return err;
}

static void skip_ws(struct scan *s)
{
	for (; s->i < s->size; s->i++) {
		char c = s->buf[s->i];

		if (c == '\n') {
			s->line++;
			s->line_start = s->i + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			break;
		}
	}
}

/* After skip_ws(): the end of the text where more was needed. */
static int syntax(const struct scan *s, const char *expected)
{
	if (s->i >= s->size)
		return fail(s, s->i, -EBADMSG,
			    "invalid JSON: unexpected end of the file");
	return fail(s, s->i, -EBADMSG, "invalid JSON: expected %s", expected);
}

static int hex4(const struct scan *s, size_t at, uint32_t *ret)
{
	uint32_t v = 0;
	size_t k;

	if (s->size - at < 4)
		return -1;
	for (k = 0; k < 4; k++) {
		char c = s->buf[at + k];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;

		if (d < 0)
			return -1;
		v = v << 4 | (uint32_t)d;
	}
	*ret = v;
	return 0;
}

/* The \u escape at s->i ('u'), @at its backslash, into *@cp. */
static int unicode_escape(struct scan *s, size_t at, bool is_key, uint32_t *cp)
{
	uint32_t lo;

	if (hex4(s, s->i + 1, cp))
		return fail(s, at, -EBADMSG,
			    "invalid JSON: \\u needs four hexadecimal "
			    "digits");
	s->i += 4;
	if (*cp >= 0xdc00 && *cp <= 0xdfff)
		return fail(s, at, -EBADMSG,
			    "lone surrogate \\u%04X in a string", *cp);
	if (*cp >= 0xd800 && *cp <= 0xdbff) {
		if (s->size - s->i < 7 || s->buf[s->i + 1] != '\\' ||
		    s->buf[s->i + 2] != 'u' || hex4(s, s->i + 3, &lo) ||
		    lo < 0xdc00 || lo > 0xdfff)
			return fail(s, at, -EBADMSG,
				    "lone surrogate \\u%04X in a string", *cp);
		*cp = 0x10000 + ((*cp - 0xd800) << 10) + (lo - 0xdc00);
		s->i += 6;
	}
	if (!*cp && is_key)
		return fail(s, at, -EBADMSG, "NUL in a key");
	return 0;
}

/*
 * The string at s->i (a quote), checked and stepped over.  With @out,
 * also unescaped there (*@len bytes): the second of two calls, once the
 * first has checked it and sized @out (its raw length is enough: no
 * escape is shorter than what it stands for).
 */
static int string(struct scan *s, char *out, size_t *len, bool is_key)
{
	size_t start = s->i, o = 0;
	uint32_t cp;
	int err;

	for (s->i++; s->i < s->size; s->i++) {
		unsigned char c = (unsigned char)s->buf[s->i];
		size_t at = s->i;

		if (c == '"') {
			s->i++;
			if (len)
				*len = o;
			return 0;
		}
		if (c < 0x20)
			return fail(s, at, -EBADMSG,
				    "control character 0x%02x in a string "
				    "(write it as an escape)",
				    c);
		if (c != '\\') {
			if (out)
				out[o++] = (char)c;
			continue;
		}
		if (++s->i >= s->size)
			break;
		switch (s->buf[s->i]) {
		case '"':
		case '\\':
		case '/':
			cp = (unsigned char)s->buf[s->i];
			break;
		case 'b':
			cp = '\b';
			break;
		case 'f':
			cp = '\f';
			break;
		case 'n':
			cp = '\n';
			break;
		case 'r':
			cp = '\r';
			break;
		case 't':
			cp = '\t';
			break;
		case 'u':
			err = unicode_escape(s, at, is_key, &cp);
			if (err)
				return err;
			break;
		default:
			return fail(s, at, -EBADMSG,
				    "invalid JSON: unknown escape sequence");
		}
		if (out)
			o += lsc_utf8_put(out + o, cp);
	}
	return fail(s, start, -EBADMSG, "string not closed");
}

/* The string at s->i, unescaped into the arena: *@ret, *@len bytes. */
static int string_value(struct scan *s, bool is_key, const char **ret,
			size_t *len)
{
	size_t start = s->i;
	char *out;
	int err;

	err = string(s, NULL, NULL, is_key);
	if (err)
		return err;
	out = lsc_arena_alloc(&s->doc->arena, s->i - start);
	if (!out)
		return -ENOMEM;
	s->i = start;
	/* Checked above: it cannot fail now. */
	string(s, out, len, is_key);
	out[*len] = '\0';
	*ret = out;
	return 0;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits of @buf from *@k to @end: whether there was at least one. */
static bool digits(const char *buf, size_t *k, size_t end)
{
	size_t from = *k;

	while (*k < end && is_digit(buf[*k]))
		(*k)++;
	return *k > from;
}

/* Whether [@k, @end) is a JSON fraction and/or exponent, nothing else. */
static bool fraction_exponent(const char *buf, size_t k, size_t end)
{
	if (k < end && buf[k] == '.') {
		k++;
		if (!digits(buf, &k, end))
			return false;
	}
	if (k < end && (buf[k] == 'e' || buf[k] == 'E')) {
		k++;
		if (k < end && (buf[k] == '+' || buf[k] == '-'))
			k++;
		if (!digits(buf, &k, end))
			return false;
	}
	return k == end;
}

static bool word_is(const struct scan *s, size_t start, size_t end,
		    const char *w)
{
	return end - start == strlen(w) &&
	       !memcmp(s->buf + start, w, end - start);
}

/*
 * The token [@start, s->i): an integer into *@ret, or what it is instead.
 * A policy has no use for fractions, and a number that would round is
 * refused rather than read as some other number.
 */
static int integer(struct scan *s, size_t start, int64_t *ret)
{
	size_t end = s->i, k = start, first;
	bool neg = false;
	uint64_t v = 0, limit;

	if (s->buf[k] == '-') {
		neg = true;
		k++;
	}
	first = k;
	if (!digits(s->buf, &k, end)) {
		if (word_is(s, first, end, "NaN") ||
		    word_is(s, first, end, "Infinity"))
			goto not_integer;
		return fail(s, start, -EBADMSG,
			    "invalid JSON: expected a value");
	}
	if (s->buf[first] == '0' && k - first > 1)
		return fail(s, start, -EBADMSG,
			    "invalid JSON: leading zero in a number");
	if (k < end) {
		if (fraction_exponent(s->buf, k, end))
			goto not_integer;
		return fail(s, start, -EBADMSG,
			    "invalid JSON: malformed number");
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (k = first; k < end; k++) {
		unsigned int d = (unsigned int)(s->buf[k] - '0');

		if (v > (limit - d) / 10)
			return fail(s, start, -EBADMSG,
				    "integer out of the 64-bit range");
		v = v * 10 + d;
	}
	*ret = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;

not_integer:
	return fail(s, start, -EBADMSG,
		    "expected an integer, not a fraction, an exponent, NaN or "
		    "Infinity");
}

/* A bare word at s->i (number, true, false, null) into @n. */
static int scalar(struct scan *s, struct lsc_doc_node *n)
{
	size_t start = s->i;
	char c;

	/* Letters, digits, signs and '.': everything a word may hold. */
	for (; s->i < s->size; s->i++) {
		c = s->buf[s->i];
		if (!is_digit(c) && !(c && strchr("+-.", c)) &&
		    ((c | 0x20) < 'a' || (c | 0x20) > 'z'))
			break;
	}
	if (s->i == start)
		return syntax(s, "a value");
	if (word_is(s, start, s->i, "true") ||
	    word_is(s, start, s->i, "false")) {
		n->type = LSC_DOC_BOOL;
		n->u.boolean = s->buf[start] == 't';
		return 0;
	}
	if (word_is(s, start, s->i, "null"))
		return fail(s, start, -EBADMSG,
			    "null is not a value of this format");
	n->type = LSC_DOC_INTEGER;
	return integer(s, start, &n->u.integer);
}

static int value(struct scan *s, int depth, struct lsc_doc_node **ret);

/* Step over whitespace and @c, or say what was expected instead. */
static int expect(struct scan *s, char c, const char *expected)
{
	skip_ws(s);
	if (s->i < s->size && s->buf[s->i] == c) {
		s->i++;
		return 0;
	}
	return syntax(s, expected);
}

/* The member of @n starting at s->i: its key, then its value. */
static int member(struct scan *s, struct lsc_doc_node *n, int depth)
{
	char esc[LSC_ESC_SIZE];
	struct lsc_doc_node *m, *v;
	struct lsc_pos pos;
	const char *key;
	size_t at, len;
	int err;

	skip_ws(s);
	at = s->i;
	if (at >= s->size || s->buf[at] != '"')
		return syntax(s, "a key in double quotes");
	pos = pos_at(s, at);
	err = string_value(s, true, &key, &len);
	if (err)
		return err;
	/* At most LANDSCOPE_CONFIG_MAX_KEYS members to compare. */
	for (m = n->u.list.first; m; m = m->next)
		if (!strcmp(m->key, key))
			return fail(s, at, -EBADMSG,
				    "duplicate key \"%s\" (first at line %u, "
				    "column %u)",
				    lsc_esc(esc, key, len), m->key_pos.line,
				    m->key_pos.col);
	if (n->u.list.count >= LANDSCOPE_CONFIG_MAX_KEYS)
		return fail(s, at, -E2BIG, "more than %d keys in one object",
			    LANDSCOPE_CONFIG_MAX_KEYS);
	err = expect(s, ':', "':' after the key");
	if (err)
		return err;
	err = value(s, depth + 1, &v);
	if (err)
		return err;
	v->key = key;
	v->key_pos = pos;
	lsc_doc_append(n, v);
	return 0;
}

/*
 * The members or elements of the object or array @n, whose opening
 * bracket is behind s->i, up to its @close bracket.
 */
static int container(struct scan *s, struct lsc_doc_node *n, char close,
		     int depth)
{
	const char *more = close == '}' ? "',' or '}'" : "',' or ']'";
	struct lsc_doc_node *elem;
	int err;

	skip_ws(s);
	if (s->i < s->size && s->buf[s->i] == close) {
		s->i++;
		return 0;
	}
	for (;;) {
		if (close == '}') {
			err = member(s, n, depth);
		} else {
			err = value(s, depth + 1, &elem);
			if (!err)
				lsc_doc_append(n, elem);
		}
		if (err)
			return err;
		skip_ws(s);
		if (s->i < s->size && s->buf[s->i] == close) {
			s->i++;
			return 0;
		}
		err = expect(s, ',', more);
		if (err)
			return err;
	}
}

/* The value at s->i, at level @depth (containers count, as in TOML). */
static int value(struct scan *s, int depth, struct lsc_doc_node **ret)
{
	struct lsc_doc_node *n;
	int err;

	skip_ws(s);
	if (s->i >= s->size)
		return syntax(s, "a value");
	n = lsc_doc_node_new(s->doc, LSC_DOC_STRING, pos_at(s, s->i));
	if (!n)
		return -ENOMEM;
	switch (s->buf[s->i]) {
	case '{':
	case '[':
		if (depth > LANDSCOPE_CONFIG_MAX_DEPTH)
			return fail(s, s->i, -E2BIG,
				    "nested deeper than %d levels",
				    LANDSCOPE_CONFIG_MAX_DEPTH);
		n->type = s->buf[s->i] == '{' ? LSC_DOC_TABLE : LSC_DOC_ARRAY;
		s->i++;
		err = container(s, n, n->type == LSC_DOC_TABLE ? '}' : ']',
				depth);
		break;
	case '"':
		err = string_value(s, false, &n->u.str.s, &n->u.str.len);
		break;
	default:
		err = scalar(s, n);
	}
	if (err)
		return err;
	*ret = n;
	return 0;
}

int lsc_json_parse(struct lsc_doc *doc, const char *buf, size_t size)
{
	struct scan s = { .doc = doc, .buf = buf, .size = size, .line = 1 };
	struct lsc_doc_node *top;
	int err;

	/* A byte order mark is no content. */
	if (size >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		s.i = s.line_start = 3;
	skip_ws(&s);
	if (s.i < s.size && s.buf[s.i] != '{')
		return fail(&s, s.i, -EBADMSG,
			    "expected a JSON object at the top level");
	err = value(&s, 1, &top);
	if (err)
		return err;
	skip_ws(&s);
	if (s.i < s.size)
		return fail(&s, s.i, -EBADMSG,
			    "invalid JSON: text after the top-level object");
	/* The object is the document's root table. */
	doc->root = top;
	return 0;
}
