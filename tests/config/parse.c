// SPDX-License-Identifier: MIT
/*
 * The two parsers on their own, below the format's meaning: what the
 * TOML subset and the JSON path accept (as a dump of the document they
 * make) and what they refuse, with the exact errno, line, column and
 * message.  The dump is written independently of the parsers:
 * {key=value,...} for tables, [a,b] for arrays, "..." for strings (bytes
 * outside printable ASCII as \xHH), integers in decimal, true and false.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgtest.h"
/*
 * Internal: the parsers' document (lsc_doc_*), to check each parser's
 * tree below the policy model, which the public calls never show.
 */
#include "config/doc.h"

static char out[1 << 16];
static size_t o;

static void put(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void put(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	o += (size_t)vsnprintf(out + o, sizeof(out) - o, fmt, ap);
	va_end(ap);
	assert_true(o < sizeof(out));
}

static void dump(const struct lsc_doc_node *n)
{
	const struct lsc_doc_node *m;
	size_t i;

	switch (n->type) {
	case LSC_DOC_TABLE:
	case LSC_DOC_ARRAY:
		put(n->type == LSC_DOC_TABLE ? "{" : "[");
		for (m = n->u.list.first; m; m = m->next) {
			if (m != n->u.list.first)
				put(",");
			if (n->type == LSC_DOC_TABLE)
				put("%s=", m->key);
			dump(m);
		}
		put(n->type == LSC_DOC_TABLE ? "}" : "]");
		break;
	case LSC_DOC_STRING:
		put("\"");
		for (i = 0; i < n->u.str.len; i++) {
			unsigned char c = (unsigned char)n->u.str.s[i];

			if (c >= 0x20 && c < 0x7f && c != '\\')
				put("%c", c);
			else
				put("\\x%02x", c);
		}
		put("\"");
		break;
	case LSC_DOC_INTEGER:
		put("%" PRId64, n->u.integer);
		break;
	case LSC_DOC_BOOL:
		put(n->u.boolean ? "true" : "false");
		break;
	}
}

/* The dump of @text, or "error ERRNO: MESSAGE". */
static const char *parse(unsigned int fmt, const char *text, size_t len)
{
	struct lsc_diag diag = { 0 };
	struct lsc_doc doc;
	int err;

	o = 0;
	out[0] = '\0';
	assert_int_equal(lsc_doc_init(&doc, "f", &diag), 0);
	err = lsc_doc_check_bytes(&doc, text, len);
	if (!err)
		err = fmt == JSON ? lsc_json_parse(&doc, text, len)
				  : lsc_toml_parse(&doc, text, len);
	if (err) {
		/* Every failure leaves exactly one message. */
		assert_int_equal(diag.count, 1);
		put("error %d: %s", err, diag.text);
	} else {
		assert_int_equal(diag.count, 0);
		dump(doc.root);
	}
	lsc_doc_free(&doc);
	lsc_diag_free(&diag);
	return out;
}

struct pcase {
	const char *text;
	const char *want;
};

#define RUN(fmt, cases)                                                       \
	do {                                                                  \
		size_t i_;                                                    \
		for (i_ = 0; i_ < sizeof(cases) / sizeof(cases[0]); i_++) {   \
			const char *got_ = parse(fmt, cases[i_].text,         \
						 strlen(cases[i_].text));     \
			CHECK(!strcmp(got_, cases[i_].want),                  \
			      "%s\n  got:  %s\n  want: %s",                   \
			      ct_show(cases[i_].text), got_, cases[i_].want); \
		}                                                             \
	} while (0)

static const struct pcase toml_ok[] = {
	{ "", "{}" },
	{ "\n\n# only a comment\n", "{}" },
	{ "a = 1", "{a=1}" },
	{ "a=1\n", "{a=1}" },
	{ "\t a \t=\t 1 \t# c\n", "{a=1}" },
	{ "a = 1\r\nb = 2\r\n", "{a=1,b=2}" },
	{ "\xef\xbb\xbf"
	  "a = 1",
	  "{a=1}" },
	{ "# \xc3\xa9t\xc3\xa9\ta = 1\n", "{}" },
	/* Keys. */
	{ "A-z_0 = 1", "{A-z_0=1}" },
	{ "1234 = 1", "{1234=1}" },
	{ "\"a b\" = 1\n'c.d' = 2\n\"\" = 3", "{a b=1,c.d=2,=3}" },
	{ "\"\\u00e9\" = 1", "{\xc3\xa9=1}" },
	/* Strings. */
	{ "a = \"\"", "{a=\"\"}" },
	{ "a = \"x\\ty\\n\\\\\\\"\\b\\f\\r\"",
	  "{a=\"x\\x09y\\x0a\\x5c\"\\x08\\x0c\\x0d\"}" },
	{ "a = \"\\u00e9\\U0001F600\"",
	  "{a=\"\\xc3\\xa9\\xf0\\x9f\\x98\\x80\"}" },
	{ "a = \"\\u0000\"", "{a=\"\\x00\"}" },
	{ "a = \"tab\there\"", "{a=\"tab\\x09here\"}" },
	{ "a = 'C:\\path\\${x}'", "{a=\"C:\\x5cpath\\x5c${x}\"}" },
	{ "a = ''", "{a=\"\"}" },
	{ "a = \"#\" # not a comment", "{a=\"#\"}" },
	/* Integers. */
	{ "a = [0, +0, -0, 7, +7, -7, 1_000, 0xff, 0xDEAD_beef, 0o755, "
	  "0b1010]",
	  "{a=[0,0,0,7,7,-7,1000,255,3735928559,493,10]}" },
	{ "a = 9223372036854775807", "{a=9223372036854775807}" },
	{ "a = -9223372036854775808", "{a=-9223372036854775808}" },
	{ "a = 0x7fffffffffffffff", "{a=9223372036854775807}" },
	/* Booleans and arrays. */
	{ "a = [true, false]", "{a=[true,false]}" },
	{ "a = []", "{a=[]}" },
	{ "a = [ ]", "{a=[]}" },
	{ "a = [1,]", "{a=[1]}" },
	{ "a = [\n  1, # one\n\n  'x', # two\n  [[], [2]],\n]\nb = 3",
	  "{a=[1,\"x\",[[],[2]]],b=3}" },
	/* Tables and arrays of tables. */
	{ "top = 1\n[t]\nx = 1\n[[a]]\ny = 1\n[[a]]\n[[a]]\ny = 3\n",
	  "{top=1,t={x=1},a=[{y=1},{},{y=3}]}" },
	{ "[ t ]\n[[ a ]]\n[ \"q k\" ]\nz = 1", "{t={},a=[{}],q k={z=1}}" },
	{ "[[a]] # c\nx = 1 # c\n[b]\n", "{a=[{x=1}],b={}}" },
	{ "[[path_beneath]]\nallowed_access = [\"abi.read_execute\"]\n"
	  "parent = [\"/usr\"]\n",
	  "{path_beneath=[{allowed_access=[\"abi.read_execute\"],"
	  "parent=[\"/usr\"]}]}" },
	/* Deepest: the root, an array of tables, its table, 13 arrays. */
	{ "[[a]]\nb = [[[[[[[[[[[[[1]]]]]]]]]]]]]",
	  "{a=[{b=[[[[[[[[[[[[[1]]]]]]]]]]]]]}]}" },
};

static const struct pcase toml_bad[] = {
	{ "a = 1 b = 2",
	  "error -74: f:1:7: expected a newline after the value, found 'b'" },
	{ "a =", "error -74: f:1:4: expected a value (a string, an integer, "
		 "true, false or an array), found the end of the file" },
	{ "a = \n1", "error -74: f:1:5: expected a value (a string, an "
		     "integer, true, false or an array), found the end of the "
		     "line" },
	{ "a", "error -74: f:1:2: expected '=' after the key, found the end "
	       "of the file" },
	{ "= 1", "error -74: f:1:1: expected a key, found '='" },
	{ "a = 1\na = 2",
	  "error -74: f:2:1: duplicate key \"a\" (first at line 1, column 1)" },
	{ "\"a\" = 1\na = 2",
	  "error -74: f:2:1: duplicate key \"a\" (first at line 1, column 1)" },
	{ "a.b = 1", "error -74: f:1:2: dotted keys are not supported (use a "
		     "[table] or [[table]] header)" },
	{ "a . b = 1", "error -74: f:1:3: dotted keys are not supported (use "
		       "a [table] or [[table]] header)" },
	{ "[a.b]", "error -74: f:1:3: dotted keys are not supported (use a "
		   "[table] or [[table]] header)" },
	{ "[a]\n[a]",
	  "error -74: f:2:1: duplicate key \"a\" (first at line 1, column 1)" },
	{ "a = 1\n[a]",
	  "error -74: f:2:1: duplicate key \"a\" (first at line 1, column 1)" },
	{ "[[a]]\n[a]",
	  "error -74: f:2:1: duplicate key \"a\" (first at line 1, column 1)" },
	{ "a = [1]\n[[a]]", "error -74: f:2:1: \"a\" is not an array of "
			    "tables (defined at line 1, column 1)" },
	{ "[a]\n[[a]]", "error -74: f:2:1: \"a\" is not an array of tables "
			"(defined at line 1, column 1)" },
	{ "[[a]\n", "error -74: f:1:5: expected ']]', found the end of the "
		    "line" },
	{ "[a", "error -74: f:1:3: expected ']', found the end of the file" },
	{ "[[]]", "error -74: f:1:3: expected a key, found ']'" },
	{ "[a] x", "error -74: f:1:5: expected a newline after the table "
		   "header, found 'x'" },
	{ "\"a\\u0000\" = 1", "error -74: f:1:1: NUL in a key" },
	{ "a\xc2\xa0= 1", "error -74: f:1:2: expected '=' after the key, "
			  "found byte 0xc2" },
	/* Strings. */
	{ "a = \"x", "error -74: f:1:5: string not closed" },
	{ "a = \"x\nb = 1", "error -74: f:1:5: string not closed on its line" },
	{ "a = \"x\\\n\"", "error -74: f:1:5: string not closed on its line" },
	{ "a = 'x\n'", "error -74: f:1:5: string not closed on its line" },
#define ESCAPES \
	"(TOML 1.0 has \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)"
	{ "a = \"\\q\"",
	  "error -74: f:1:6: unknown escape: a backslash before 'q' " ESCAPES },
	{ "a = \"\\e\"",
	  "error -74: f:1:6: unknown escape: a backslash before 'e' " ESCAPES },
	{ "a = \"\\x41\"",
	  "error -74: f:1:6: unknown escape: a backslash before 'x' " ESCAPES },
	/* Found by fuzz/: no raw control character reaches a message. */
	{ "a = \"\\\x01\"", "error -74: f:1:6: unknown escape: a backslash "
			    "before byte 0x01 " ESCAPES },
	{ "a = 5\x0b", "error -74: f:1:6: byte 0x0b is not a base 10 digit" },
#undef ESCAPES
	{ "a = \"\\u12\"", "error -74: f:1:6: \\u needs 4 hexadecimal "
			   "digits" },
	{ "a = \"\\uD800\"", "error -74: f:1:6: \\uD800 is not a Unicode "
			     "scalar value" },
	{ "a = \"\\U00110000\"", "error -74: f:1:6: \\U00110000 is not a "
				 "Unicode scalar value" },
	{ "a = \"\x01\"", "error -74: f:1:6: control character 0x01 in a "
			  "string (write it as an escape)" },
	{ "a = 'x\x7f'", "error -74: f:1:7: control character 0x7f in a "
			 "string (write it as an escape)" },
	{ "a = \"\"\"x\"\"\"", "error -74: f:1:5: multi-line strings (\"\"\") "
			       "are not supported" },
	{ "a = '''x'''", "error -74: f:1:5: multi-line strings (''') are not "
			 "supported" },
	/* Other TOML types. */
	{ "a = 1.5", "error -74: f:1:5: floats are not supported (expected "
		     "an integer)" },
	{ "a = 1e5", "error -74: f:1:5: floats are not supported (expected "
		     "an integer)" },
	{ "a = inf", "error -74: f:1:5: floats are not supported (expected "
		     "an integer)" },
	{ "a = -nan", "error -74: f:1:5: floats are not supported (expected "
		      "an integer)" },
	{ "a = 1979-05-27", "error -74: f:1:5: dates and times are not "
			    "supported" },
	{ "a = 07:32:00", "error -74: f:1:5: dates and times are not "
			  "supported" },
	{ "a = {}", "error -74: f:1:5: inline tables are not supported (use "
		    "a [[table]] header)" },
	{ "a = [{x = 1}]", "error -74: f:1:6: inline tables are not "
			   "supported (use a [[table]] header)" },
	{ "a = tru", "error -74: f:1:5: expected a value (a string, an "
		     "integer, true, false or an array), found 't'" },
	{ "a = truex", "error -74: f:1:5: expected a value (a string, an "
		       "integer, true, false or an array), found 't'" },
	/* Integers. */
	{ "a = 01", "error -74: f:1:5: leading zeros are not allowed in a "
		    "decimal integer" },
	{ "a = 1__0", "error -74: f:1:7: an underscore in a number must be "
		      "between two digits" },
	{ "a = 1_", "error -74: f:1:6: an underscore in a number must be "
		    "between two digits" },
	{ "a = 0x_1", "error -74: f:1:7: an underscore in a number must be "
		      "between two digits" },
	{ "a = _1", "error -74: f:1:5: expected a value (a string, an "
		    "integer, true, false or an array), found '_'" },
	{ "a = 0xg", "error -74: f:1:7: 'g' is not a base 16 digit" },
	{ "a = 0b12", "error -74: f:1:8: '2' is not a base 2 digit" },
	{ "a = 0x", "error -74: f:1:7: expected digits" },
	{ "a = +0x1", "error -74: f:1:5: a sign is not allowed before 0x, 0o "
		      "or 0b" },
	{ "a = 12a", "error -74: f:1:7: 'a' is not a base 10 digit" },
	{ "a = 9223372036854775808",
	  "error -74: f:1:5: integer out of the 64-bit range" },
	{ "a = -9223372036854775809",
	  "error -74: f:1:6: integer out of the 64-bit range" },
	{ "a = 0x8000000000000000",
	  "error -74: f:1:7: integer out of the 64-bit range" },
	{ "a = 99999999999999999999999999",
	  "error -74: f:1:5: integer out of the 64-bit range" },
	/* Arrays. */
	{ "a = [1 2]", "error -74: f:1:8: expected ',' or ']' in an array, "
		       "found '2'" },
	{ "a = [1,,2]", "error -74: f:1:8: expected a value (a string, an "
			"integer, true, false or an array), found ','" },
	{ "a = [1", "error -74: f:1:7: expected ',' or ']' in an array, "
		    "found the end of the file" },
	{ "[[a]]\nb = [[[[[[[[[[[[[[1]]]]]]]]]]]]]]",
	  "error -7: f:2:18: nested deeper than 16 levels" },
	{ "b = [[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]",
	  "error -7: f:1:20: nested deeper than 16 levels" },
	/* Lines. */
	{ "# \x01", "error -74: f:1:3: control character 0x01 in a comment" },
	{ "a = 1 # \x7f", "error -74: f:1:9: control character 0x7f in a "
			  "comment" },
	{ "a = 1\r", "error -74: f:1:6: carriage return without a line "
		     "feed" },
	{ "a = 1\rb = 2", "error -74: f:1:6: carriage return without a line "
			  "feed" },
	{ "\n\n  [x]\n\n   y = 1 2",
	  "error -74: f:5:10: expected a newline after the value, found '2'" },
};

static void test_toml_accepts(void **state)
{
	(void)state;
	RUN(TOML, toml_ok);
}

static void test_toml_refuses(void **state)
{
	(void)state;
	RUN(TOML, toml_bad);
}

static const struct pcase json_ok[] = {
	{ "{}", "{}" },
	{ " \r\n\t{ } \n", "{}" },
	{ "\xef\xbb\xbf{}", "{}" },
	{ "{\"a\":1,\"b\":[true,false,\"x\"],\"c\":{\"d\":[]}}",
	  "{a=1,b=[true,false,\"x\"],c={d=[]}}" },
	{ "{\"a\":[0,-0,7,-7,9223372036854775807,-9223372036854775808]}",
	  "{a=[0,0,7,-7,9223372036854775807,-9223372036854775808]}" },
	{ "{\"a\":\"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\\"\\\\\"}",
	  "{a=\"\\xc3\\xa9\\xf0\\x9f\\x98\\x80/\\x08\\x0c\\x0a\\x0d\\x09\"\\x5c"
	  "\"}" },
	{ "{\"a\":\"\\u0000\"}", "{a=\"\\x00\"}" },
	{ "{\"\\u0061\\u00e9\":1,\"\":2}", "{a\xc3\xa9=1,=2}" },
	{ "{\"a\":[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]}",
	  "{a=[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]}" },
};

static const struct pcase json_bad[] = {
	{ "", "error -74: f:1:1: invalid JSON: unexpected end of the file" },
	{ "{\"a\":", "error -74: f:1:6: invalid JSON: unexpected end of the "
		     "file" },
	{ "{\"a\":1,}", "error -74: f:1:8: invalid JSON: expected a key in "
			"double quotes" },
	{ "{'a':1}", "error -74: f:1:2: invalid JSON: expected a key in double "
		     "quotes" },
	{ "{\"a\":1 /* c */}", "error -74: f:1:8: invalid JSON: expected ',' "
			       "or '}'" },
	{ "{\"a\":[1 2]}", "error -74: f:1:9: invalid JSON: expected ',' or "
			   "']'" },
	{ "{\"a\" 1}", "error -74: f:1:6: invalid JSON: expected ':' after "
		       "the key" },
	{ "{\"a\":01}", "error -74: f:1:6: invalid JSON: leading zero in a "
			"number" },
	{ "{\"a\":1.}", "error -74: f:1:6: invalid JSON: malformed number" },
	{ "{\"a\":1e}", "error -74: f:1:6: invalid JSON: malformed number" },
	{ "{\"a\":+1}", "error -74: f:1:6: invalid JSON: expected a value" },
	{ "{\"a\":-}", "error -74: f:1:6: invalid JSON: expected a value" },
	{ "{\"a\":True}", "error -74: f:1:6: invalid JSON: expected a value" },
	{ "{\"a\":tru}", "error -74: f:1:6: invalid JSON: expected a value" },
	{ "{\"a\":truex}", "error -74: f:1:6: invalid JSON: expected a "
			   "value" },
	{ "{\"a\":}", "error -74: f:1:6: invalid JSON: expected a value" },
	{ "{\"a\":\"x", "error -74: f:1:6: string not closed" },
	{ "{\"a\":\"x\\", "error -74: f:1:6: string not closed" },
	{ "{\"a\":\"\\x\"}", "error -74: f:1:7: invalid JSON: unknown "
			     "escape sequence" },
	{ "{\"a\":\"\\u12\"}", "error -74: f:1:7: invalid JSON: \\u needs "
			       "four hexadecimal digits" },
	{ "{} x", "error -74: f:1:4: invalid JSON: text after the top-level "
		  "object" },
	{ "{}\n{}", "error -74: f:2:1: invalid JSON: text after the "
		    "top-level object" },
	{ "{}\f", "error -74: f:1:3: invalid JSON: text after the top-level "
		  "object" },
	{ "[1]", "error -74: f:1:1: expected a JSON object at the top level" },
	{ "\"x\"", "error -74: f:1:1: expected a JSON object at the top "
		   "level" },
	{ "{\"a\":1,\"a\":2}", "error -74: f:1:8: duplicate key \"a\" (first "
			       "at line 1, column 2)" },
	{ "{\"a\":[1],\"a\":[]}", "error -74: f:1:10: duplicate key \"a\" "
				  "(first at line 1, column 2)" },
	{ "{\n \"b\": {\"x\":1,\n  \"\\u0078\":2}}",
	  "error -74: f:3:3: duplicate key \"x\" (first at line 2, column "
	  "8)" },
	{ "{\"a\":1.5}", "error -74: f:1:6: expected an integer, not a "
			 "fraction, an exponent, NaN or Infinity" },
	{ "{\"a\":1e2}", "error -74: f:1:6: expected an integer, not a "
			 "fraction, an exponent, NaN or Infinity" },
	{ "{\"a\":NaN}", "error -74: f:1:6: expected an integer, not a "
			 "fraction, an exponent, NaN or Infinity" },
	{ "{\"a\":-Infinity}", "error -74: f:1:6: expected an integer, not a "
			       "fraction, an exponent, NaN or Infinity" },
	{ "{\"a\":9223372036854775808}",
	  "error -74: f:1:6: integer out of the 64-bit range" },
	{ "{\"a\":-9223372036854775809}",
	  "error -74: f:1:6: integer out of the 64-bit range" },
	{ "{\"a\":123456789012345678901234567890}",
	  "error -74: f:1:6: integer out of the 64-bit range" },
	{ "{\"a\\u0000b\":1}", "error -74: f:1:4: NUL in a key" },
	{ "{\"a\":\"\\ud800\"}", "error -74: f:1:7: lone surrogate \\uD800 in "
				 "a string" },
	{ "{\"a\":\"\\udc00\"}", "error -74: f:1:7: lone surrogate \\uDC00 in "
				 "a string" },
	{ "{\"a\":\"\\ud800\\u0041\"}", "error -74: f:1:7: lone surrogate "
					"\\uD800 in a string" },
	{ "{\"a\":\"x\ty\"}", "error -74: f:1:8: control character 0x09 in "
			      "a string (write it as an escape)" },
	{ "{\"a\":null}", "error -74: f:1:6: null is not a value of this "
			  "format" },
	{ "{\"a\":[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]}",
	  "error -7: f:1:21: nested deeper than 16 levels" },
	{ "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
	  "error -7: f:1:21: nested deeper than 16 levels" },
};

static void test_json_accepts(void **state)
{
	(void)state;
	RUN(JSON, json_ok);
}

static void test_json_refuses(void **state)
{
	(void)state;
	RUN(JSON, json_bad);
}

/* Key counts, the size limit, NUL bytes, UTF-8: both formats. */
static void test_bytes_and_limits(void **state)
{
	static const struct {
		const char *text;
		size_t len;
		const char *want;
	} cases[] = {
		{ "a = \"\0\"", 7,
		  "error -74: f:1:6: NUL byte (a policy file "
		  "is text)" },
		{ "{\"a\":\"\0\"}", 9,
		  "error -74: f:1:7: NUL byte (a policy "
		  "file is text)" },
		{ "a = \"\xff\"", 7,
		  "error -74: f:1:6: invalid UTF-8 (byte "
		  "0xff)" },
		{ "\n\na = \"\xc0\x80\"", 10,
		  "error -74: f:3:6: invalid UTF-8 "
		  "(byte 0xc0)" },
		{ "a = \"\xed\xa0\x80\"", 9,
		  "error -74: f:1:6: invalid UTF-8 "
		  "(byte 0xed)" },
		{ "a = \"\xf4\x90\x80\x80\"", 10,
		  "error -74: f:1:6: invalid "
		  "UTF-8 (byte 0xf4)" },
		{ "a = \"\xe2\x82\"", 8,
		  "error -74: f:1:6: invalid UTF-8 "
		  "(byte 0xe2)" },
	};
	char toml[64 * 16 + 64], json[64 * 16 + 64];
	size_t i, t = 0, j = 1;
	const char *got;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = parse(cases[i].text[0] == '{' ? JSON : TOML,
			    cases[i].text, cases[i].len);
		CHECK(!strcmp(got, cases[i].want), "%zu: got %s", i, got);
	}

	/* LANDSCOPE_CONFIG_MAX_KEYS keys are fine, one more is not. */
	json[0] = '{';
	for (i = 0; i < LANDSCOPE_CONFIG_MAX_KEYS; i++) {
		t += (size_t)sprintf(toml + t, "k%zu = 1\n", i);
		j += (size_t)sprintf(json + j, "%s\"k%zu\":1", i ? "," : "", i);
	}
	strcpy(json + j, "}");
	assert_string_not_equal(parse(TOML, toml, t), "error");
	assert_int_equal(strncmp(parse(TOML, toml, t), "{k0=1,", 6), 0);
	assert_int_equal(strncmp(parse(JSON, json, j + 1), "{k0=1,", 6), 0);
	strcpy(toml + t, "x = 1\n");
	assert_string_equal(parse(TOML, toml, t + 6),
			    "error -7: f:65:1: more than 64 keys in one table");
	strcpy(json + j, ",\"x\":1}");
	assert_string_equal(parse(JSON, json, j + 7),
			    "error -7: f:1:504: more than 64 keys in one "
			    "object");
}

/* The size limit: one byte more than LANDSCOPE_CONFIG_MAX_SIZE. */
static void test_size_limit(void **state)
{
	size_t size = LANDSCOPE_CONFIG_MAX_SIZE + 1;
	char *big = malloc(size);

	(void)state;
	assert_non_null(big);
	memset(big, '\n', size);
	assert_string_equal(parse(TOML, big, size),
			    "error -7: f: larger than 67108864 bytes");
	assert_string_equal(parse(TOML, big, size - 1), "{}");
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_toml_accepts),
		cmocka_unit_test(test_toml_refuses),
		cmocka_unit_test(test_json_accepts),
		cmocka_unit_test(test_json_refuses),
		cmocka_unit_test(test_bytes_and_limits),
		cmocka_unit_test(test_size_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
