// SPDX-License-Identifier: MIT
/*
 * A strict subset of TOML 1.0 (https://toml.io/en/v1.0.0), enough for
 * policy files: comments, key = value pairs with bare or quoted keys,
 * [table] and [[array of tables]] headers, basic strings with every TOML
 * 1.0 escape, literal strings, integers (decimal, 0x, 0o, 0b, with
 * underscores), booleans and arrays.  What TOML has beyond that (dotted
 * keys, inline tables, multi-line strings, floats, dates and times) is
 * refused with a message naming it, never read as something else, so a
 * file this parser accepts means the same to any TOML 1.0 parser.
 *
 * The input has been checked already (lsc_doc_check_bytes()): valid UTF-8,
 * no NUL byte, within LANDSCOPE_CONFIG_MAX_SIZE.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <liblandscope/config.h>

#include "doc.h"
#include "../utf8.h"

struct toml {
	struct lsc_doc *doc;
	const char *buf;
	size_t size;
	size_t i; /* next byte */
	uint32_t line;
	size_t line_start; /* offset of the current line */
	struct lsc_doc_node *table; /* where key = value pairs go */
	int table_depth; /* its nesting level: the root is 1 */
};

static struct lsc_pos pos_at(const struct toml *t, size_t offset)
{
	struct lsc_pos pos = { t->line,
			       (uint32_t)(offset - t->line_start + 1) };

	return pos;
}

static int fail(const struct toml *t, size_t offset, int err, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));
static int fail(const struct toml *t, size_t offset, int err, const char *fmt,
		...)
{
	va_list ap;

	va_start(ap, fmt);
	err = lsc_diag_vadd(t->doc->diag, t->doc->name, pos_at(t, offset), err,
			    fmt, ap);
	va_end(ap);
	return err;
}

static int oom(void)
{
	return -ENOMEM;
}

static bool at_end(const struct toml *t)
{
	return t->i >= t->size;
}

static char peek(const struct toml *t, size_t ahead)
{
	return t->i + ahead < t->size ? t->buf[t->i + ahead] : '\0';
}

/* What the byte at @offset is, for messages. */
static const char *what_at(const struct toml *t, size_t offset, char buf[16])
{
	unsigned char c;

	if (offset >= t->size)
		return "the end of the file";
	c = (unsigned char)t->buf[offset];
	if (c == '\n' || c == '\r')
		return "the end of the line";
	if (c >= 0x20 && c < 0x7f)
		snprintf(buf, 16, "'%c'", c);
	else
		snprintf(buf, 16, "byte 0x%02x", c);
	return buf;
}

static void skip_ws(struct toml *t)
{
	while (!at_end(t) && (t->buf[t->i] == ' ' || t->buf[t->i] == '\t'))
		t->i++;
}

/* At a newline (LF or CRLF): step over it.  A lone CR is an error. */
static int newline(struct toml *t, bool *found)
{
	*found = false;
	if (peek(t, 0) == '\r') {
		if (peek(t, 1) != '\n')
			return fail(t, t->i, -EBADMSG,
				    "carriage return without a line feed");
		t->i++;
	}
	if (peek(t, 0) != '\n')
		return 0;
	t->i++;
	t->line++;
	t->line_start = t->i;
	*found = true;
	return 0;
}

/* At '#': a comment up to the end of the line, which is left to read. */
static int comment(struct toml *t)
{
	for (t->i++; !at_end(t); t->i++) {
		unsigned char c = (unsigned char)t->buf[t->i];

		if (c == '\n' || (c == '\r' && peek(t, 1) == '\n'))
			break;
		/* TOML 1.0 allows tabs but no other control character. */
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return fail(t, t->i, -EBADMSG,
				    "control character 0x%02x in a comment", c);
	}
	return 0;
}

/* Blanks, comments and newlines, as arrays allow between values. */
static int skip_blank(struct toml *t)
{
	bool nl;
	int err;

	for (;;) {
		skip_ws(t);
		if (peek(t, 0) == '#') {
			err = comment(t);
			if (err)
				return err;
		}
		err = newline(t, &nl);
		if (err || !nl)
			return err;
	}
}

/* After an expression: blanks, maybe a comment, then a newline or EOF. */
static int end_of_line(struct toml *t, const char *after)
{
	char buf[16];
	bool nl;
	int err;

	skip_ws(t);
	if (peek(t, 0) == '#') {
		err = comment(t);
		if (err)
			return err;
	}
	if (at_end(t))
		return 0;
	err = newline(t, &nl);
	if (err)
		return err;
	if (!nl)
		return fail(t, t->i, -EBADMSG,
			    "expected a newline after %s, found %s", after,
			    what_at(t, t->i, buf));
	return 0;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* \uXXXX or \UXXXXXXXX at @start (the backslash): the scalar value. */
static int unicode_escape(const struct toml *t, size_t start, size_t digits,
			  uint32_t *ret)
{
	uint32_t cp = 0;
	size_t k;

	for (k = 0; k < digits; k++) {
		size_t o = start + 2 + k;
		int h = o < t->size ? hex_value(t->buf[o]) : -1;

		if (h < 0)
			return fail(t, start, -EBADMSG,
				    "\\%c needs %zu hexadecimal digits",
				    t->buf[start + 1], digits);
		cp = cp << 4 | (uint32_t)h;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return fail(t, start, -EBADMSG,
			    "\\%c%0*X is not a Unicode scalar value",
			    t->buf[start + 1], (int)digits, cp);
	*ret = cp;
	return 0;
}

/*
 * A string at t->i (a quote), into the arena: *@ret and *@len.  Basic
 * strings ("...") take escapes, literal strings ('...') are taken as they
 * are; neither may span lines.
 */
static int string(struct toml *t, const char **ret, size_t *len)
{
	char quote = t->buf[t->i], buf[16];
	size_t start = t->i, end, k;
	char *out;
	size_t o = 0;

	if (peek(t, 1) == quote && peek(t, 2) == quote)
		return fail(t, start, -EBADMSG,
			    "multi-line strings (%c%c%c) are not supported",
			    quote, quote, quote);
	/* Find the end first: the copy is never longer than the source. */
	for (end = start + 1; end < t->size; end++) {
		unsigned char c = (unsigned char)t->buf[end];

		if (c == (unsigned char)quote)
			break;
		if (c == '\n' || c == '\r')
			return fail(t, start, -EBADMSG,
				    "string not closed on its line");
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return fail(t, end, -EBADMSG,
				    "control character 0x%02x in a string "
				    "(write it as an escape)",
				    c);
		/* An escaped character is skipped, never a line's end. */
		if (c == '\\' && quote == '"' && ++end < t->size &&
		    (t->buf[end] == '\n' || t->buf[end] == '\r'))
			return fail(t, start, -EBADMSG,
				    "string not closed on its line");
	}
	if (end >= t->size)
		return fail(t, start, -EBADMSG, "string not closed");

	out = lsc_arena_alloc(&t->doc->arena, end - start);
	if (!out)
		return oom();
	for (k = start + 1; k < end; k++) {
		char c = t->buf[k];
		uint32_t cp = 0;
		int err;

		if (c != '\\' || quote == '\'') {
			out[o++] = c;
			continue;
		}
		switch (t->buf[k + 1]) {
		case 'b':
			out[o++] = '\b';
			break;
		case 't':
			out[o++] = '\t';
			break;
		case 'n':
			out[o++] = '\n';
			break;
		case 'f':
			out[o++] = '\f';
			break;
		case 'r':
			out[o++] = '\r';
			break;
		case '"':
			out[o++] = '"';
			break;
		case '\\':
			out[o++] = '\\';
			break;
		case 'u':
		case 'U':
			err = unicode_escape(t, k, t->buf[k + 1] == 'u' ? 4 : 8,
					     &cp);
			if (err)
				return err;
			o += lsc_utf8_put(out + o, cp);
			k += t->buf[k + 1] == 'u' ? 4 : 8;
			break;
		default:
			return fail(
				t, k, -EBADMSG,
				"unknown escape: a backslash before %s (TOML "
				"1.0 has \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX "
				"\\UXXXXXXXX)",
				what_at(t, k + 1, buf));
		}
		k++;
	}
	out[o] = '\0';
	t->i = end + 1;
	*ret = out;
	*len = o;
	return 0;
}

static bool bare_key_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* A key at t->i: bare, "basic" or 'literal'; one part only. */
static int key(struct toml *t, const char **ret)
{
	size_t start = t->i, len;
	char buf[16];
	char *k;
	int err;

	if (peek(t, 0) == '"' || peek(t, 0) == '\'') {
		err = string(t, ret, &len);
		if (err)
			return err;
		if (memchr(*ret, '\0', len))
			return fail(t, start, -EBADMSG, "NUL in a key");
	} else {
		while (!at_end(t) && bare_key_char(t->buf[t->i]))
			t->i++;
		len = t->i - start;
		if (!len)
			return fail(t, start, -EBADMSG,
				    "expected a key, found %s",
				    what_at(t, start, buf));
		k = lsc_arena_alloc(&t->doc->arena, len + 1);
		if (!k)
			return oom();
		memcpy(k, t->buf + start, len);
		k[len] = '\0';
		*ret = k;
	}
	skip_ws(t);
	if (peek(t, 0) == '.')
		return fail(t, t->i, -EBADMSG,
			    "dotted keys are not supported (use a [table] or "
			    "[[table]] header)");
	return 0;
}

/* Add the member @n, named @name, to @table, refusing a duplicate. */
static int add_member(struct toml *t, struct lsc_doc_node *table,
		      struct lsc_doc_node *n, const char *name, size_t offset)
{
	struct lsc_doc_node *old = lsc_doc_get(table, name);
	char esc[LSC_ESC_SIZE];

	if (old)
		return fail(t, offset, -EBADMSG,
			    "duplicate key \"%s\" (first at line %u, column "
			    "%u)",
			    lsc_esc(esc, name, strlen(name)), old->key_pos.line,
			    old->key_pos.col);
	if (table->u.list.count >= LANDSCOPE_CONFIG_MAX_KEYS)
		return fail(t, offset, -E2BIG, "more than %d keys in one table",
			    LANDSCOPE_CONFIG_MAX_KEYS);
	n->key = name;
	n->key_pos = pos_at(t, offset);
	lsc_doc_append(table, n);
	return 0;
}

/* The end of a number, date or word: where a delimiter is. */
static size_t token_end(const struct toml *t)
{
	size_t e = t->i;

	while (e < t->size) {
		char c = t->buf[e];

		if (c == ' ' || c == '\t' || c == ',' || c == ']' || c == '#' ||
		    c == '\n' || c == '\r' || c == '}' || c == '[')
			break;
		e++;
	}
	return e;
}

/* Digits of @base with single underscores between them. */
static int digits(const struct toml *t, size_t start, size_t end, int base,
		  uint64_t limit, uint64_t *ret)
{
	uint64_t v = 0;
	bool prev_digit = false;
	char buf[16];
	size_t k;

	if (start == end)
		return fail(t, start, -EBADMSG, "expected digits");
	for (k = start; k < end; k++) {
		char c = t->buf[k];
		int d = hex_value(c);

		if (c == '_') {
			if (!prev_digit || k + 1 == end)
				return fail(t, k, -EBADMSG,
					    "an underscore in a number must "
					    "be between two digits");
			prev_digit = false;
			continue;
		}
		if (d < 0 || d >= base)
			return fail(t, k, -EBADMSG, "%s is not a base %d digit",
				    what_at(t, k, buf), base);
		if (v > (limit - (uint64_t)d) / (uint64_t)base)
			return fail(t, start, -EBADMSG,
				    "integer out of the 64-bit range");
		v = v * (uint64_t)base + (uint64_t)d;
		prev_digit = true;
	}
	*ret = v;
	return 0;
}

/* An integer at t->i, or a message naming the type TOML has but we not. */
static int number(struct toml *t, struct lsc_doc_node *n)
{
	size_t start = t->i, end = token_end(t), k = start;
	bool neg = false;
	uint64_t v = 0;
	int base = 10, err;

	for (; k < end; k++) {
		char c = t->buf[k];

		if (c == ':' || (c == '-' && k > start && k - start >= 4) ||
		    c == 'T' || c == 'Z')
			return fail(t, start, -EBADMSG,
				    "dates and times are not supported");
	}
	k = start;
	if (t->buf[k] == '+' || t->buf[k] == '-') {
		neg = t->buf[k] == '-';
		k++;
	}
	if (end - k >= 2 && t->buf[k] == '0' &&
	    (t->buf[k + 1] == 'x' || t->buf[k + 1] == 'o' ||
	     t->buf[k + 1] == 'b')) {
		if (k != start)
			return fail(t, start, -EBADMSG,
				    "a sign is not allowed before 0x, 0o "
				    "or 0b");
		base = t->buf[k + 1] == 'x' ? 16 : t->buf[k + 1] == 'o' ? 8 : 2;
		k += 2;
	} else {
		/* Floats: a fraction, an exponent, inf, nan. */
		size_t j;

		for (j = k; j < end; j++)
			if (t->buf[j] == '.' || t->buf[j] == 'e' ||
			    t->buf[j] == 'E' || t->buf[j] == 'i' ||
			    t->buf[j] == 'n')
				return fail(t, start, -EBADMSG,
					    "floats are not supported "
					    "(expected an integer)");
		if (end - k >= 2 && t->buf[k] == '0')
			return fail(t, start, -EBADMSG,
				    "leading zeros are not allowed in a "
				    "decimal integer");
	}
	err = digits(t, k, end, base,
		     neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, &v);
	if (err)
		return err;
	n->type = LSC_DOC_INTEGER;
	n->u.integer = neg ? (int64_t)(0 - v) : (int64_t)v;
	t->i = end;
	return 0;
}

static int value(struct toml *t, struct lsc_doc_node **ret, int depth);

/* An array at t->i ('['), at nesting level @depth. */
static int array(struct toml *t, struct lsc_doc_node *arr, int depth)
{
	char buf[16];
	int err;

	if (depth > LANDSCOPE_CONFIG_MAX_DEPTH)
		return fail(t, t->i, -E2BIG, "nested deeper than %d levels",
			    LANDSCOPE_CONFIG_MAX_DEPTH);
	arr->type = LSC_DOC_ARRAY;
	t->i++;
	for (;;) {
		struct lsc_doc_node *elem;

		err = skip_blank(t);
		if (err)
			return err;
		if (peek(t, 0) == ']')
			break;
		err = value(t, &elem, depth + 1);
		if (err)
			return err;
		lsc_doc_append(arr, elem);
		err = skip_blank(t);
		if (err)
			return err;
		if (peek(t, 0) == ',') {
			t->i++;
			continue;
		}
		if (peek(t, 0) != ']')
			return fail(t, t->i, -EBADMSG,
				    "expected ',' or ']' in an array, found %s",
				    what_at(t, t->i, buf));
		break;
	}
	t->i++;
	return 0;
}

static bool word_at(const struct toml *t, const char *w)
{
	size_t len = strlen(w);

	return t->size - t->i >= len && !memcmp(t->buf + t->i, w, len) &&
	       token_end(t) == t->i + len;
}

/* A value at t->i, as a new node; @depth is its level if an array. */
static int value(struct toml *t, struct lsc_doc_node **ret, int depth)
{
	struct lsc_doc_node *n;
	char c = peek(t, 0), buf[16];
	int err;

	n = lsc_doc_node_new(t->doc, LSC_DOC_STRING, pos_at(t, t->i));
	if (!n)
		return oom();
	if (c == '"' || c == '\'') {
		err = string(t, &n->u.str.s, &n->u.str.len);
	} else if (c == '[') {
		err = array(t, n, depth);
	} else if (c == '{') {
		err = fail(t, t->i, -EBADMSG,
			   "inline tables are not supported (use a [[table]] "
			   "header)");
	} else if (word_at(t, "true") || word_at(t, "false")) {
		n->type = LSC_DOC_BOOL;
		n->u.boolean = c == 't';
		t->i += c == 't' ? 4 : 5;
		err = 0;
	} else if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
		err = number(t, n);
	} else if (word_at(t, "inf") || word_at(t, "nan")) {
		err = fail(t, t->i, -EBADMSG,
			   "floats are not supported (expected an integer)");
	} else {
		err = fail(
			t, t->i, -EBADMSG,
			"expected a value (a string, an integer, true, false "
			"or an array), found %s",
			what_at(t, t->i, buf));
	}
	if (err)
		return err;
	*ret = n;
	return 0;
}

/* key = value, into the current table. */
static int keyval(struct toml *t)
{
	size_t start = t->i;
	struct lsc_doc_node *n;
	const char *k;
	char buf[16];
	int err;

	err = key(t, &k);
	if (err)
		return err;
	if (peek(t, 0) != '=')
		return fail(t, t->i, -EBADMSG,
			    "expected '=' after the key, found %s",
			    what_at(t, t->i, buf));
	t->i++;
	skip_ws(t);
	/* The table's level plus one, if the value is an array. */
	err = value(t, &n, t->table_depth + 1);
	if (err)
		return err;
	err = add_member(t, t->table, n, k, start);
	if (err)
		return err;
	return end_of_line(t, "the value");
}

/* [name] or [[name]]: a table of the root, or one more of an array. */
static int header(struct toml *t)
{
	size_t start = t->i;
	bool aot = peek(t, 1) == '[';
	struct lsc_doc_node *old, *table, *arr;
	char esc[LSC_ESC_SIZE], buf[16];
	const char *k;
	int err;

	t->i += aot ? 2 : 1;
	skip_ws(t);
	err = key(t, &k);
	if (err)
		return err;
	if (peek(t, 0) == ']' && aot && peek(t, 1) != ']')
		t->i++;
	if (peek(t, 0) != ']' || (aot && peek(t, 1) != ']'))
		return fail(t, t->i, -EBADMSG, "expected '%s', found %s",
			    aot ? "]]" : "]", what_at(t, t->i, buf));
	t->i += aot ? 2 : 1;

	table = lsc_doc_node_new(t->doc, LSC_DOC_TABLE, pos_at(t, start));
	if (!table)
		return oom();
	table->toml = LSC_TOML_HEADER_TABLE;
	old = lsc_doc_get(t->doc->root, k);
	if (!aot) {
		/* A table is defined once; there are no implicit ones here. */
		err = add_member(t, t->doc->root, table, k, start);
		if (err)
			return err;
	} else if (old) {
		if (old->type != LSC_DOC_ARRAY ||
		    old->toml != LSC_TOML_ARRAY_OF_TABLES)
			return fail(t, start, -EBADMSG,
				    "\"%s\" is not an array of tables (defined "
				    "at line %u, column %u)",
				    lsc_esc(esc, k, strlen(k)),
				    old->key_pos.line, old->key_pos.col);
		lsc_doc_append(old, table);
	} else {
		arr = lsc_doc_node_new(t->doc, LSC_DOC_ARRAY, pos_at(t, start));
		if (!arr)
			return oom();
		arr->toml = LSC_TOML_ARRAY_OF_TABLES;
		err = add_member(t, t->doc->root, arr, k, start);
		if (err)
			return err;
		lsc_doc_append(arr, table);
	}
	t->table = table;
	t->table_depth = aot ? 3 : 2;
	return end_of_line(t, "the table header");
}

int lsc_toml_parse(struct lsc_doc *doc, const char *buf, size_t size)
{
	struct toml t = {
		.doc = doc,
		.buf = buf,
		.size = size,
		.line = 1,
		.table = doc->root,
		.table_depth = 1,
	};
	bool nl;
	int err = 0;

	/* A byte order mark is no content. */
	if (size >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		t.i = t.line_start = 3;
	while (!err && !at_end(&t)) {
		skip_ws(&t);
		if (at_end(&t))
			break;
		switch (t.buf[t.i]) {
		case '#':
			err = comment(&t);
			break;
		case '\r':
		case '\n':
			err = newline(&t, &nl);
			break;
		case '[':
			err = header(&t);
			break;
		default:
			err = keyval(&t);
			break;
		}
	}
	return err;
}
