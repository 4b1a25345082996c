/* SPDX-License-Identifier: MIT */
/*
 * What policy files mean, before and after composition: landlockconfig's
 * model (handled sets, rules on path templates and ports, variables, abi)
 * plus this library's extensions.  Templates stay unexpanded until the
 * configuration is built, because variables of any composed file apply to
 * the templates of every other (landlockconfig composes, then resolves).
 */
#ifndef LANDSCOPE_CONFIG_POLICY_H
#define LANDSCOPE_CONFIG_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../bits.h"
#include "diag.h"
#include "doc.h"

/* Where a value was written, for messages after parsing. */
struct lsc_origin {
	const char *file; /* in the policy's arena */
	struct lsc_pos pos;
};

/* A parent path template and the rights a rule gives beneath it. */
struct lsc_tpl {
	const char *text; /* as written, validated, in the policy's arena */
	size_t len;
	uint64_t access;
	bool quiet;
	struct lsc_origin origin;
};

struct lsc_port {
	uint64_t port;
	uint64_t access;
	bool quiet;
};

/* One value of a variable; a declaration without literal has value NULL. */
struct lsc_var {
	const char *name;
	const char *value;
	size_t len;
};

struct lsc_policy {
	bool empty; /* nothing composed yet: the identity of composition */
	int abi; /* lowest abi key, 0 if none */
	int compat; /* strictest level, -1 if none */
	uint32_t restrict_flags;
	uint64_t handled[LSC_NR_HANDLED];
	uint64_t quiet[LSC_NR_HANDLED];
	struct lsc_tpl *tpls;
	size_t nr_tpls, cap_tpls;
	struct lsc_port *ports;
	size_t nr_ports, cap_ports;
	struct lsc_var *vars;
	size_t nr_vars, cap_vars;
	/* File names, template texts and variables. */
	struct lsc_arena arena;
};

void lsc_policy_init(struct lsc_policy *p);
void lsc_policy_free(struct lsc_policy *p);

/*
 * Read document @doc (of a file in @json or TOML spelling) into the empty
 * policy @p.  Return 0, or -EBADMSG / -ENOMEM with a message in doc->diag.
 */
int lsc_schema_read(struct lsc_policy *p, const struct lsc_doc *doc, bool json);

/*
 * Compose @src into @dst and take @src's memory: @src is left empty.  On
 * failure (-ENOMEM) both are unchanged.
 */
int lsc_policy_merge(struct lsc_policy *dst, struct lsc_policy *src);
/* A deep copy of @src into the empty @dst. */
int lsc_policy_copy(struct lsc_policy *dst, const struct lsc_policy *src);

/* Room for @n more entries of an array; false when out of memory. */
bool lsc_grow(void **array, size_t *cap, size_t n, size_t more, size_t size);

/* Template syntax: ${name} variables, $$ for a dollar. */
struct lsc_tpl_piece {
	bool var; /* a ${name} reference, else literal text */
	const char *s; /* the text, or the name */
	size_t len;
};

/*
 * The piece of template @text (@len bytes) at *@i, advancing *@i.  Return
 * 1 for a piece, 0 at the end, or -EBADMSG for a syntax error, described
 * in *@why ("unclosed ${", an invalid name...).  A "$$" piece is one "$".
 */
int lsc_tpl_next(const char *text, size_t len, size_t *i,
		 struct lsc_tpl_piece *piece, const char **why);

/* A variable name: a letter, then letters, digits or '_'. */
bool lsc_var_name_valid(const char *s, size_t len);

/*
 * @path (@len bytes) normalised component by component into @out (room
 * for @len + 1): empty and "." components dropped (a relative path of
 * "." components alone is "."), ".." kept, no trailing slash.  Its length.
 */
size_t lsc_path_normalize(char *out, const char *path, size_t len);
/* Order of normalised paths by components ('/' sorts first). */
int lsc_path_cmp(const char *a, const char *b);

#endif /* LANDSCOPE_CONFIG_POLICY_H */
