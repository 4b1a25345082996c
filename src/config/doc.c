// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <liblandscope/config.h>

#include "doc.h"
#include "../utf8.h"

struct lsc_arena_chunk {
	struct lsc_arena_chunk *next;
	/* max_align_t keeps what follows aligned for any node. */
	max_align_t data[];
};

#define ALIGN (sizeof(max_align_t))
#define CHUNK_MIN 4096

void lsc_arena_free(struct lsc_arena *a)
{
	struct lsc_arena_chunk *c, *next;

	for (c = a->chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	memset(a, 0, sizeof(*a));
}

void *lsc_arena_alloc(struct lsc_arena *a, size_t size)
{
	struct lsc_arena_chunk *c;
	size_t chunk;
	void *p;

	if (size > SIZE_MAX / 2)
		return NULL;
	size = (size + ALIGN - 1) & ~(ALIGN - 1);
	if (size > a->left) {
		/*
		 * Each chunk as large as everything before it: a document
		 * of N bytes costs O(log N) calls to malloc.
		 */
		chunk = a->total > CHUNK_MIN ? a->total : CHUNK_MIN;
		if (chunk < size)
			chunk = size;
		if (chunk > SIZE_MAX / 2 - sizeof(*c))
			return NULL;
		c = malloc(sizeof(*c) + chunk);
		if (!c)
			return NULL;
		c->next = a->chunks;
		a->chunks = c;
		a->next = (char *)c->data;
		a->left = chunk;
		a->total += chunk;
	}
	p = a->next;
	a->next += size;
	a->left -= size;
	return p;
}

void lsc_arena_splice(struct lsc_arena *dst, struct lsc_arena *src)
{
	struct lsc_arena_chunk *last;

	if (!src->chunks)
		return;
	for (last = src->chunks; last->next; last = last->next)
		;
	last->next = dst->chunks;
	dst->chunks = src->chunks;
	/* src's newest chunk is the list's head now: allocate from it. */
	dst->next = src->next;
	dst->left = src->left;
	dst->total += src->total;
	memset(src, 0, sizeof(*src));
}

struct lsc_doc_node *lsc_doc_node_new(struct lsc_doc *doc,
				      enum lsc_doc_type type,
				      struct lsc_pos pos)
{
	struct lsc_doc_node *n = lsc_arena_alloc(&doc->arena, sizeof(*n));

	if (!n)
		return NULL;
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->pos = pos;
	return n;
}

void lsc_doc_append(struct lsc_doc_node *parent, struct lsc_doc_node *child)
{
	child->next = NULL;
	if (parent->u.list.last)
		parent->u.list.last->next = child;
	else
		parent->u.list.first = child;
	parent->u.list.last = child;
	parent->u.list.count++;
}

struct lsc_doc_node *lsc_doc_get(const struct lsc_doc_node *table,
				 const char *key)
{
	struct lsc_doc_node *n;

	/* Tables have at most LANDSCOPE_CONFIG_MAX_KEYS members. */
	for (n = table->u.list.first; n; n = n->next)
		if (!strcmp(n->key, key))
			return n;
	return NULL;
}

int lsc_doc_init(struct lsc_doc *doc, const char *name, struct lsc_diag *diag)
{
	struct lsc_pos start = { 1, 1 };

	memset(doc, 0, sizeof(*doc));
	doc->name = name;
	doc->diag = diag;
	doc->root = lsc_doc_node_new(doc, LSC_DOC_TABLE, start);
	return doc->root ? 0 : -ENOMEM;
}

void lsc_doc_free(struct lsc_doc *doc)
{
	lsc_arena_free(&doc->arena);
	doc->root = NULL;
}

struct lsc_pos lsc_pos_of(const char *buf, size_t offset)
{
	struct lsc_pos pos = { 1, 1 };
	const char *p = buf, *end = buf + offset, *nl;

	while ((nl = memchr(p, '\n', end - p))) {
		pos.line++;
		p = nl + 1;
	}
	pos.col = (uint32_t)(end - p) + 1;
	return pos;
}

int lsc_doc_check_bytes(struct lsc_doc *doc, const char *buf, size_t size)
{
	const unsigned char *u = (const unsigned char *)buf;
	struct lsc_pos none = { 0, 0 };
	size_t i = 0, n;
	uint32_t cp;

	if (size > LANDSCOPE_CONFIG_MAX_SIZE)
		return lsc_diag_add(doc->diag, doc->name, none, -E2BIG,
				    "larger than %u bytes",
				    (unsigned int)LANDSCOPE_CONFIG_MAX_SIZE);
	while (i < size) {
		/* ASCII runs first: most files are nothing else. */
		if (u[i] && u[i] < 0x80) {
			i++;
			continue;
		}
		if (!u[i])
			return lsc_diag_add(doc->diag, doc->name,
					    lsc_pos_of(buf, i), -EBADMSG,
					    "NUL byte (a policy file is text)");
		n = lsc_utf8_next(u + i, size - i, &cp);
		if (!n)
			return lsc_diag_add(doc->diag, doc->name,
					    lsc_pos_of(buf, i), -EBADMSG,
					    "invalid UTF-8 (byte 0x%02x)",
					    u[i]);
		i += n;
	}
	return 0;
}
