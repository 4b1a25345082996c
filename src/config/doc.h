/* SPDX-License-Identifier: MIT */
/*
 * The document model both policy parsers produce: tables, arrays, strings,
 * integers and booleans, each with the line and column it starts at.  The
 * format's meaning (src/config/schema.c) is read from this model only, so
 * TOML and JSON files mean exactly the same thing and are checked by the
 * same code.
 *
 * Every node and string of a document lives in one arena, freed at once:
 * a parser that fails half-way has nothing to unwind.
 */
#ifndef LANDSCOPE_CONFIG_DOC_H
#define LANDSCOPE_CONFIG_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum lsc_doc_type {
	LSC_DOC_TABLE, /* a TOML table, a JSON object */
	LSC_DOC_ARRAY,
	LSC_DOC_STRING,
	LSC_DOC_INTEGER,
	LSC_DOC_BOOL,
};

struct lsc_doc_node {
	enum lsc_doc_type type;
	struct lsc_pos pos; /* where the value starts */
	struct lsc_doc_node *next; /* next member of the parent */
	/* Members of a table only: the key, NUL-free, NUL-terminated. */
	const char *key;
	struct lsc_pos key_pos;
	union {
		struct {
			struct lsc_doc_node *first, *last;
			size_t count;
		} list; /* LSC_DOC_TABLE, LSC_DOC_ARRAY */
		struct {
			const char *s; /* NUL-terminated, may hold NULs */
			size_t len;
		} str;
		int64_t integer;
		bool boolean;
	} u;
	/* TOML: made by [[header]] (appendable) or [header] (closed). */
	uint8_t toml;
};

#define LSC_TOML_ARRAY_OF_TABLES 1
#define LSC_TOML_HEADER_TABLE 2

/* Chunks of memory freed together. */
struct lsc_arena {
	struct lsc_arena_chunk *chunks;
	char *next; /* free space in the newest chunk */
	size_t left;
	size_t total; /* bytes asked of malloc, for the next chunk's size */
};

struct lsc_doc {
	struct lsc_arena arena;
	struct lsc_doc_node *root; /* a table */
	const char *name; /* the file name, for messages */
	struct lsc_diag *diag;
};

void lsc_arena_free(struct lsc_arena *a);
/* @size bytes aligned for any node; NULL when out of memory. */
void *lsc_arena_alloc(struct lsc_arena *a, size_t size);
/* Give every chunk of @src to @dst; @src is left empty.  Cannot fail. */
void lsc_arena_splice(struct lsc_arena *dst, struct lsc_arena *src);

/* A new node of @type at @pos, or NULL (out of memory). */
struct lsc_doc_node *lsc_doc_node_new(struct lsc_doc *doc,
				      enum lsc_doc_type type,
				      struct lsc_pos pos);
/* Append @child to the table or array @parent. */
void lsc_doc_append(struct lsc_doc_node *parent, struct lsc_doc_node *child);
/* The member @key of table @table, or NULL. */
struct lsc_doc_node *lsc_doc_get(const struct lsc_doc_node *table,
				 const char *key);

/* Start an empty document named @name (not copied) with a root table. */
int lsc_doc_init(struct lsc_doc *doc, const char *name, struct lsc_diag *diag);
void lsc_doc_free(struct lsc_doc *doc);

/*
 * Checks both parsers apply to the raw bytes before anything else, so that
 * neither can be fooled: the size limit, no NUL byte, well-formed UTF-8
 * (no overlong form, no surrogate, nothing above U+10FFFF).  Return 0, or
 * -E2BIG / -EBADMSG with a message.
 */
int lsc_doc_check_bytes(struct lsc_doc *doc, const char *buf, size_t size);

/* Position of byte @offset of @buf (lines and columns from 1, in bytes). */
struct lsc_pos lsc_pos_of(const char *buf, size_t offset);

/* TOML (src/config/toml.c) and JSON (src/config/json.c) into @doc. */
int lsc_toml_parse(struct lsc_doc *doc, const char *buf, size_t size);
int lsc_json_parse(struct lsc_doc *doc, const char *buf, size_t size);

#endif /* LANDSCOPE_CONFIG_DOC_H */
