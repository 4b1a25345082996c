/* SPDX-License-Identifier: MIT */
/*
 * The accesses of a whole run (--learn), as policy-writer.c reads them:
 * one entry per path with the union of its rights, the ports with theirs,
 * and the scopes something needed to cross.
 */
#ifndef LANDSCOPE_TOOLS_LEARN_RECORD_H
#define LANDSCOPE_TOOLS_LEARN_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The programs named in a rule's comment: a few, then "...". */
#define WHO_MAX 3

struct who {
	char name[WHO_MAX][16];
	unsigned int nr;
	bool more;
};

struct entry {
	char *path;
	uint64_t rights;
	struct who who;
	/* policy-writer.c: the paths this entry stands for once collapsed. */
	unsigned int nr_paths;
	char *example; /* one of them, relative to @path */
	bool dead; /* merged into another entry */
};

struct port_entry {
	unsigned int port;
	uint64_t rights;
	struct who who;
};

struct record {
	struct entry *entries; /* open addressing on path */
	size_t cap, nr;
	char **created; /* a set: open addressing too */
	size_t cap_created, nr_created;
	struct port_entry *ports;
	size_t nr_ports;
	uint64_t scopes_needed; /* LANDSCOPE_SCOPE_* to leave unscoped */
	char scope_why[2][256]; /* signal, abstract: an example */
};

struct entry *record_entry(struct record *r, const char *path);
bool record_is_created(const struct record *r, const char *path);
void who_add(struct who *w, const char *name);
void who_merge(struct who *w, const struct who *from);

#endif /* LANDSCOPE_TOOLS_LEARN_RECORD_H */
