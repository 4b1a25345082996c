// SPDX-License-Identifier: MIT
/*
 * JSON policy files, parsed by json-c.  json-c decides what is JSON, and
 * its values are the ones used; but even in strict mode json-c 0.16 reads
 * some inputs as something else than they say, which a sandbox policy
 * cannot afford:
 * - a duplicate key keeps the last value silently;
 * - integers beyond 64 bits are clamped to INT64_MIN or UINT64_MAX;
 * - NaN and Infinity are accepted;
 * - a key holding \u0000 is cut there ("abi\u0000x" reads as "abi");
 * - a lone surrogate escape (\ud800) becomes U+FFFD;
 * - raw tabs are accepted inside strings;
 * and it gives no line or column for a value.  So a second pass walks the
 * text beside json-c's tree: it finds where each value starts, and refuses
 * everything above with a message.  Strings that pass are json-c's.
 *
 * The input has been checked already (lsc_doc_check_bytes()): valid UTF-8,
 * no NUL byte, within LANDSCOPE_CONFIG_MAX_SIZE.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include <liblandscope/config.h>

#include "doc.h"
#include "utf8.h"

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

/*
 * json-c accepted the text, so this pass only meets what json-c meets:
 * anything else means the two disagree, and the file is refused.
 */
static int disagree(const struct scan *s)
{
	return fail(s, s->i, -EBADMSG, "invalid JSON: unexpected character");
}

static bool expect(struct scan *s, char c)
{
	skip_ws(s);
	if (s->i >= s->size || s->buf[s->i] != c)
		return false;
	s->i++;
	return true;
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

/*
 * The string at s->i (a quote), checked and stepped over.  With @out
 * (room for the raw length), also unescaped there, for keys: *@len.
 */
static int string(struct scan *s, char *out, size_t *len, bool is_key)
{
	size_t start = s->i, o = 0;
	uint32_t cp, lo;

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
			if (hex4(s, s->i + 1, &cp))
				return disagree(s);
			s->i += 4;
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return fail(s, at, -EBADMSG,
					    "lone surrogate \\u%04X in a "
					    "string",
					    cp);
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (s->size - s->i < 7 ||
				    s->buf[s->i + 1] != '\\' ||
				    s->buf[s->i + 2] != 'u' ||
				    hex4(s, s->i + 3, &lo) || lo < 0xdc00 ||
				    lo > 0xdfff)
					return fail(s, at, -EBADMSG,
						    "lone surrogate \\u%04X in "
						    "a string",
						    cp);
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (lo - 0xdc00);
				s->i += 6;
			}
			if (!cp && is_key)
				return fail(s, at, -EBADMSG, "NUL in a key");
			break;
		default:
			return disagree(s);
		}
		if (out)
			o += lsc_utf8_put(out + o, cp);
	}
	return fail(s, start, -EBADMSG, "string not closed");
}

/* An integer token at s->i: its value, or what it is instead. */
static int integer(struct scan *s, int64_t *ret)
{
	size_t start = s->i, k;
	bool neg = false;
	uint64_t v = 0, limit;

	/* Digits, signs, '.', and letters (exponents, NaN, Infinity). */
	while (s->i < s->size &&
	       (strchr("+-.", s->buf[s->i]) ||
		(s->buf[s->i] >= '0' && s->buf[s->i] <= '9') ||
		((s->buf[s->i] | 0x20) >= 'a' && (s->buf[s->i] | 0x20) <= 'z')))
		s->i++;
	k = start;
	if (k < s->i && s->buf[k] == '-') {
		neg = true;
		k++;
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	if (k == s->i)
		return fail(s, start, -EBADMSG, "expected an integer");
	for (; k < s->i; k++) {
		char c = s->buf[k];

		if (c < '0' || c > '9')
			return fail(s, start, -EBADMSG,
				    "expected an integer, not a fraction, an "
				    "exponent, NaN or Infinity");
		if (v > (limit - (uint64_t)(c - '0')) / 10)
			return fail(s, start, -EBADMSG,
				    "integer out of the 64-bit range");
		v = v * 10 + (uint64_t)(c - '0');
	}
	*ret = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

static int convert(struct scan *s, struct json_object *o,
		   struct lsc_doc_node **ret, int depth);

/* Step over any value, already validated by json-c, tracking lines. */
static int skip_value(struct scan *s)
{
	int depth = 0, err;

	do {
		skip_ws(s);
		if (s->i >= s->size)
			return disagree(s);
		switch (s->buf[s->i]) {
		case '"':
			err = string(s, NULL, NULL, false);
			if (err)
				return err;
			break;
		case '[':
		case '{':
			depth++;
			s->i++;
			break;
		case ']':
		case '}':
			depth--;
			s->i++;
			break;
		case ',':
		case ':':
			s->i++;
			break;
		default:
			while (s->i < s->size &&
			       !strchr(",:[]{} \t\r\n\"", s->buf[s->i]))
				s->i++;
		}
	} while (depth > 0);
	return 0;
}

struct key {
	const char *name;
	struct lsc_pos pos;
};

/*
 * The keys of the object at s->i ('{'), unescaped, into @keys; s->i is
 * then past the object.  First, because json-c keeps the last value of a
 * duplicate key, which is not the one the text has at the first.
 */
static int object_keys(struct scan *s, struct key *keys, size_t *nr)
{
	char esc[LSC_ESC_SIZE];
	size_t at, len, i;
	char *k;
	int err;

	*nr = 0;
	s->i++;
	skip_ws(s);
	if (s->i < s->size && s->buf[s->i] == '}') {
		s->i++;
		return 0;
	}
	for (;;) {
		skip_ws(s);
		at = s->i;
		if (at >= s->size || s->buf[at] != '"')
			return disagree(s);
		/* Checked first, for its length: then unescaped. */
		err = string(s, NULL, NULL, true);
		if (err)
			return err;
		k = lsc_arena_alloc(&s->doc->arena, s->i - at);
		if (!k)
			return -ENOMEM;
		s->i = at;
		string(s, k, &len, true);
		k[len] = '\0';
		for (i = 0; i < *nr; i++)
			if (!strcmp(keys[i].name, k))
				return fail(
					s, at, -EBADMSG,
					"duplicate key \"%s\" (first at line "
					"%u, column %u)",
					lsc_esc(esc, k, len), keys[i].pos.line,
					keys[i].pos.col);
		if (*nr >= LANDSCOPE_CONFIG_MAX_KEYS)
			return fail(s, at, -E2BIG,
				    "more than %d keys in one object",
				    LANDSCOPE_CONFIG_MAX_KEYS);
		keys[*nr].name = k;
		keys[(*nr)++].pos = pos_at(s, at);
		if (!expect(s, ':'))
			return disagree(s);
		err = skip_value(s);
		if (err)
			return err;
		if (expect(s, '}'))
			return 0;
		if (!expect(s, ','))
			return disagree(s);
	}
}

static int object(struct scan *s, struct json_object *o, struct lsc_doc_node *n,
		  int depth)
{
	struct key keys[LANDSCOPE_CONFIG_MAX_KEYS];
	size_t start, line_start, nr, i;
	uint32_t line;
	int err;

	n->type = LSC_DOC_TABLE;
	skip_ws(s);
	if (s->i >= s->size || s->buf[s->i] != '{')
		return disagree(s);
	start = s->i;
	line = s->line;
	line_start = s->line_start;
	err = object_keys(s, keys, &nr);
	if (err)
		return err;
	/* Every member json-c holds is in the text, and no other. */
	if ((size_t)json_object_object_length(o) != nr)
		return disagree(s);
	/* Again, for the values, now that the keys are known distinct. */
	s->i = start + 1;
	s->line = line;
	s->line_start = line_start;
	for (i = 0; i < nr; i++) {
		struct lsc_doc_node *member;
		struct json_object *v;

		if (i && !expect(s, ','))
			return disagree(s);
		skip_ws(s);
		err = string(s, NULL, NULL, true);
		if (err)
			return err;
		if (!json_object_object_get_ex(o, keys[i].name, &v) ||
		    !expect(s, ':'))
			return disagree(s);
		err = convert(s, v, &member, depth + 1);
		if (err)
			return err;
		member->key = keys[i].name;
		member->key_pos = keys[i].pos;
		lsc_doc_append(n, member);
	}
	return expect(s, '}') ? 0 : disagree(s);
}

static int array(struct scan *s, struct json_object *o, struct lsc_doc_node *n,
		 int depth)
{
	size_t i, len = json_object_array_length(o);
	int err;

	n->type = LSC_DOC_ARRAY;
	if (!expect(s, '['))
		return disagree(s);
	for (i = 0; i < len; i++) {
		struct lsc_doc_node *elem;

		if (i && !expect(s, ','))
			return disagree(s);
		err = convert(s, json_object_array_get_idx(o, i), &elem,
			      depth + 1);
		if (err)
			return err;
		lsc_doc_append(n, elem);
	}
	return expect(s, ']') ? 0 : disagree(s);
}

static bool word(struct scan *s, const char *w)
{
	size_t len = strlen(w);

	if (s->size - s->i < len || memcmp(s->buf + s->i, w, len))
		return false;
	s->i += len;
	return true;
}

/* The value json-c made of the text at s->i, at level @depth. */
static int convert(struct scan *s, struct json_object *o,
		   struct lsc_doc_node **ret, int depth)
{
	struct lsc_doc_node *n;
	const char *str;
	char *copy;
	size_t len;
	int err = 0;

	skip_ws(s);
	n = lsc_doc_node_new(s->doc, LSC_DOC_STRING, pos_at(s, s->i));
	if (!n)
		return -ENOMEM;
	switch (json_object_get_type(o)) {
	case json_type_object:
	case json_type_array:
		/* Counted as TOML counts: containers only. */
		if (depth > LANDSCOPE_CONFIG_MAX_DEPTH)
			return fail(s, s->i, -E2BIG,
				    "nested deeper than %d levels",
				    LANDSCOPE_CONFIG_MAX_DEPTH);
		err = json_object_get_type(o) == json_type_object
			      ? object(s, o, n, depth)
			      : array(s, o, n, depth);
		break;
	case json_type_string:
		if (s->i >= s->size || s->buf[s->i] != '"')
			return disagree(s);
		err = string(s, NULL, NULL, false);
		if (err)
			return err;
		str = json_object_get_string(o);
		len = (size_t)json_object_get_string_len(o);
		copy = lsc_arena_alloc(&s->doc->arena, len + 1);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, str, len);
		copy[len] = '\0';
		n->u.str.s = copy;
		n->u.str.len = len;
		break;
	case json_type_int:
	case json_type_double:
		n->type = LSC_DOC_INTEGER;
		err = integer(s, &n->u.integer);
		break;
	case json_type_boolean:
		n->type = LSC_DOC_BOOL;
		n->u.boolean = json_object_get_boolean(o);
		if (!word(s, n->u.boolean ? "true" : "false"))
			return disagree(s);
		break;
	case json_type_null:
	default:
		return fail(s, s->i, -EBADMSG,
			    "null is not a value of this format");
	}
	if (err)
		return err;
	*ret = n;
	return 0;
}

int lsc_json_parse(struct lsc_doc *doc, const char *buf, size_t size)
{
	struct scan s = { .doc = doc, .buf = buf, .size = size, .line = 1 };
	enum json_tokener_error jerr;
	struct json_tokener *tok;
	struct json_object *o;
	struct lsc_doc_node *top;
	int err;

	/* A byte order mark is no content. */
	if (size >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		s.i = s.line_start = 3;
	/*
	 * json-c counts a scalar as a level, and refuses at its limit: two
	 * more, so that the limit on containers, as TOML counts them, is
	 * convert()'s, and what is deeper still json-c refuses at once.
	 */
	tok = json_tokener_new_ex(LANDSCOPE_CONFIG_MAX_DEPTH + 2);
	if (!tok)
		return -ENOMEM;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	/* LANDSCOPE_CONFIG_MAX_SIZE keeps @size within an int. */
	o = json_tokener_parse_ex(tok, buf + s.i, (int)(size - s.i));
	jerr = json_tokener_get_error(tok);
	if (jerr != json_tokener_success) {
		size_t at = s.i + json_tokener_get_parse_end(tok);

		json_object_put(o);
		json_tokener_free(tok);
		if (jerr == json_tokener_continue)
			return lsc_diag_add(doc->diag, doc->name,
					    lsc_pos_of(buf, size), -EBADMSG,
					    "invalid JSON: unexpected end of "
					    "the file");
		if (jerr == json_tokener_error_depth)
			return lsc_diag_add(doc->diag, doc->name,
					    lsc_pos_of(buf, at), -E2BIG,
					    "nested deeper than %d levels",
					    LANDSCOPE_CONFIG_MAX_DEPTH);
		return lsc_diag_add(doc->diag, doc->name, lsc_pos_of(buf, at),
				    -EBADMSG, "invalid JSON: %s",
				    json_tokener_error_desc(jerr));
	}
	json_tokener_free(tok);

	err = convert(&s, o, &top, 1);
	json_object_put(o);
	if (err)
		return err;
	skip_ws(&s);
	if (s.i < s.size)
		return lsc_diag_add(doc->diag, doc->name, pos_at(&s, s.i),
				    -EBADMSG,
				    "invalid JSON: text after the top-level "
				    "value");
	if (top->type != LSC_DOC_TABLE)
		return lsc_diag_add(doc->diag, doc->name, top->pos, -EBADMSG,
				    "expected a JSON object at the top level");
	/* The object is the document's root table. */
	doc->root = top;
	return 0;
}
