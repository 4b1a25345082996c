/* SPDX-License-Identifier: MIT */
/*
 * What a run needed, accumulated: a hash table of paths (a program opens
 * the same library many times, and a build thousands of files), the names
 * it made (whose rights belong on their directory), ports and scopes.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <liblandscope/landscope.h>

#include "learn.h"
#include "record.h"

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

struct record *record_new(void)
{
	return calloc(1, sizeof(struct record));
}

static bool grow_entries(struct record *r)
{
	size_t cap = r->cap ? 2 * r->cap : 1024, i, j;
	struct entry *n = calloc(cap, sizeof(*n));

	if (!n)
		return false;
	for (i = 0; i < r->cap; i++) {
		if (!r->entries[i].path)
			continue;
		for (j = hash(r->entries[i].path) & (cap - 1); n[j].path;
		     j = (j + 1) & (cap - 1))
			;
		n[j] = r->entries[i];
	}
	free(r->entries);
	r->entries = n;
	r->cap = cap;
	return true;
}

struct entry *record_entry(struct record *r, const char *path)
{
	size_t i;

	if ((r->nr + 1) * 10 > r->cap * 7 && !grow_entries(r))
		return NULL;
	for (i = hash(path) & (r->cap - 1); r->entries[i].path;
	     i = (i + 1) & (r->cap - 1))
		if (!strcmp(r->entries[i].path, path))
			return &r->entries[i];
	r->entries[i].path = strdup(path);
	if (!r->entries[i].path)
		return NULL;
	r->entries[i].nr_paths = 1;
	r->nr++;
	return &r->entries[i];
}

static void created_add(struct record *r, const char *path)
{
	size_t i, j, cap;
	char **n;

	if ((r->nr_created + 1) * 10 > r->cap_created * 7) {
		cap = r->cap_created ? 2 * r->cap_created : 256;
		n = calloc(cap, sizeof(*n));
		if (!n)
			return;
		for (i = 0; i < r->cap_created; i++) {
			if (!r->created[i])
				continue;
			for (j = hash(r->created[i]) & (cap - 1); n[j];
			     j = (j + 1) & (cap - 1))
				;
			n[j] = r->created[i];
		}
		free(r->created);
		r->created = n;
		r->cap_created = cap;
	}
	for (i = hash(path) & (r->cap_created - 1); r->created[i];
	     i = (i + 1) & (r->cap_created - 1))
		if (!strcmp(r->created[i], path))
			return;
	r->created[i] = strdup(path);
	if (r->created[i])
		r->nr_created++;
}

bool record_is_created(const struct record *r, const char *path)
{
	size_t i;

	if (!r->cap_created)
		return false;
	for (i = hash(path) & (r->cap_created - 1); r->created[i];
	     i = (i + 1) & (r->cap_created - 1))
		if (!strcmp(r->created[i], path))
			return true;
	return false;
}

void who_add(struct who *w, const char *name)
{
	unsigned int i;

	if (!name[0])
		return;
	for (i = 0; i < w->nr; i++)
		if (!strncmp(w->name[i], name, sizeof(w->name[i])))
			return;
	if (w->nr == WHO_MAX) {
		w->more = true;
		return;
	}
	snprintf(w->name[w->nr++], sizeof(w->name[0]), "%s", name);
}

void who_merge(struct who *w, const struct who *from)
{
	unsigned int i;

	for (i = 0; i < from->nr; i++)
		who_add(w, from->name[i]);
	w->more |= from->more;
}

static bool in_tree(const struct learn_ctx *ctx, long pid)
{
	size_t i;

	for (i = 0; i < ctx->nr_tree; i++)
		if (ctx->tree[i] == pid)
			return true;
	return false;
}

static bool bound_inside(const struct learn_ctx *ctx, const char *name)
{
	size_t i;

	for (i = 0; i < ctx->nr_abstract; i++)
		if (!strcmp(ctx->abstract[i], name))
			return true;
	return false;
}

void record_add(struct learn_ctx *ctx, const struct tracee *t,
		const struct access *a)
{
	struct record *r = ctx->rec;
	struct entry *e;
	size_t i;

	switch (a->kind) {
	case ACCESS_FS:
		if (a->created)
			created_add(r, a->path);
		if (!a->rights)
			return;
		e = record_entry(r, a->path);
		if (!e)
			return;
		e->rights |= a->rights;
		who_add(&e->who, t->comm);
		return;
	case ACCESS_NET:
		for (i = 0; i < r->nr_ports; i++)
			if (r->ports[i].port == a->port)
				break;
		if (i == r->nr_ports) {
			struct port_entry *n = realloc(
				r->ports, (r->nr_ports + 1) * sizeof(*n));

			if (!n)
				return;
			r->ports = n;
			memset(&n[i], 0, sizeof(n[i]));
			n[i].port = a->port;
			r->nr_ports++;
		}
		r->ports[i].rights |= a->rights;
		who_add(&r->ports[i].who, t->comm);
		return;
	case ACCESS_SCOPE:
		if (a->rights == LANDSCOPE_SCOPE_SIGNAL) {
			if (in_tree(ctx, a->target))
				return;
			if (!(r->scopes_needed & a->rights))
				snprintf(r->scope_why[0],
					 sizeof(r->scope_why[0]),
					 "%s signalled pid %ld", t->comm,
					 a->target);
		} else {
			if (!a->name || bound_inside(ctx, a->name))
				return;
			if (!(r->scopes_needed & a->rights))
				snprintf(r->scope_why[1],
					 sizeof(r->scope_why[1]),
					 "%s connected to @%s", t->comm,
					 a->name);
		}
		r->scopes_needed |= a->rights;
		return;
	}
}

void record_free(struct record *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->cap; i++) {
		free(r->entries[i].path);
		free(r->entries[i].example);
	}
	for (i = 0; i < r->cap_created; i++)
		free(r->created[i]);
	free(r->entries);
	free(r->created);
	free(r->ports);
	free(r);
}
