// SPDX-License-Identifier: MIT
/*
 * The format's meaning, read from a parsed document: landlockconfig's keys
 * (snake_case in TOML, camelCase in JSON), its right names and abi groups,
 * its variables, and this library's extensions.  Everything a file can
 * get wrong is refused here with its position: unknown keys (with the
 * other format's spelling named when that is the mistake), missing keys,
 * wrong types, empty arrays, unknown names, ports beyond 65535.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <liblandscope/landscope.h>

#include "../bits.h"
#include "policy.h"

struct rd {
	struct lsc_policy *p;
	const struct lsc_doc *doc;
	bool json;
	int abi; /* this file's, 0 if none */
	const char *file; /* in the policy's arena */
};

/* A key in both spellings: TOML's, then JSON's. */
struct key {
	const char *name[2];
};

static const struct key top_keys[] = {
	{ { "abi", "abi" } },
	{ { "variable", "variable" } },
	{ { "ruleset", "ruleset" } },
	{ { "path_beneath", "pathBeneath" } },
	{ { "net_port", "netPort" } },
	/* Extensions. */
	{ { "compatibility", "compatibility" } },
	{ { "restrict_flags", "restrictFlags" } },
};

static const struct key variable_keys[] = {
	{ { "name", "name" } },
	{ { "literal", "literal" } },
};

/* The three handled sets first: an item needs one of them. */
static const struct key ruleset_keys[] = {
	{ { "handled_access_fs", "handledAccessFs" } },
	{ { "handled_access_net", "handledAccessNet" } },
	{ { "scoped", "scoped" } },
	/* Extensions. */
	{ { "quiet_access_fs", "quietAccessFs" } },
	{ { "quiet_access_net", "quietAccessNet" } },
	{ { "quiet_scoped", "quietScoped" } },
};

static const struct key path_keys[] = {
	{ { "allowed_access", "allowedAccess" } },
	{ { "parent", "parent" } },
	{ { "quiet", "quiet" } }, /* extension */
};

static const struct key port_keys[] = {
	{ { "allowed_access", "allowedAccess" } },
	{ { "port", "port" } },
	{ { "quiet", "quiet" } }, /* extension */
};

#define NR(a) (sizeof(a) / sizeof((a)[0]))

static const char *const compat_names[] = {
	[LANDSCOPE_COMPAT_BEST_EFFORT] = "best_effort",
	[LANDSCOPE_COMPAT_SOFT_REQUIREMENT] = "soft_requirement",
	[LANDSCOPE_COMPAT_HARD_REQUIREMENT] = "hard_requirement",
};

static const char *const category_what[] = {
	[LANDSCOPE_CATEGORY_FS] = "filesystem right",
	[LANDSCOPE_CATEGORY_NET] = "network right",
	[LANDSCOPE_CATEGORY_SCOPE] = "scope",
	[LANDSCOPE_CATEGORY_FLAGS] = "restrict flag",
};

static int bad(const struct rd *r, struct lsc_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int bad(const struct rd *r, struct lsc_pos pos, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = lsc_diag_vadd(r->doc->diag, r->doc->name, pos, -EBADMSG, fmt, ap);
	va_end(ap);
	return err;
}

static const char *kname(const struct rd *r, const struct key *k)
{
	return k->name[r->json];
}

static const struct lsc_doc_node *
get(const struct rd *r, const struct lsc_doc_node *table, const struct key *k)
{
	return lsc_doc_get(table, kname(r, k));
}

/* Every member of @table is one of @keys, in this format's spelling. */
static int check_keys(const struct rd *r, const struct lsc_doc_node *table,
		      const struct key *keys, size_t nr, const char *where)
{
	const struct lsc_doc_node *m;
	char esc[LSC_ESC_SIZE], expected[256];
	size_t i, o;

	for (m = table->u.list.first; m; m = m->next) {
		for (i = 0; i < nr; i++)
			if (!strcmp(m->key, kname(r, &keys[i])))
				break;
		if (i < nr)
			continue;
		for (i = 0; i < nr; i++)
			if (!strcmp(m->key, keys[i].name[!r->json]))
				return bad(r, m->key_pos,
					   "\"%s\" is the %s spelling: %s "
					   "spells it %s",
					   m->key, r->json ? "TOML" : "JSON",
					   r->json ? "JSON" : "TOML",
					   kname(r, &keys[i]));
		for (i = o = 0; i < nr && o < sizeof(expected) - 64; i++)
			o += (size_t)snprintf(
				expected + o, sizeof(expected) - o, "%s%s",
				i ? (i + 1 == nr ? " or " : ", ") : "",
				kname(r, &keys[i]));
		return bad(r, m->key_pos,
			   "unknown key \"%s\" in %s (expected %s)",
			   lsc_esc(esc, m->key, strlen(m->key)), where,
			   expected);
	}
	return 0;
}

static const char *type_name(enum lsc_doc_type t)
{
	switch (t) {
	case LSC_DOC_TABLE:
		return "a table";
	case LSC_DOC_ARRAY:
		return "an array";
	case LSC_DOC_STRING:
		return "a string";
	case LSC_DOC_INTEGER:
		return "an integer";
	case LSC_DOC_BOOL:
	default:
		return "a boolean";
	}
}

/* @n is a non-empty array whose elements are all of type @elem. */
static int check_array(const struct rd *r, const struct lsc_doc_node *n,
		       const char *key, enum lsc_doc_type elem)
{
	const struct lsc_doc_node *e;
	const char *what = elem == LSC_DOC_TABLE     ? "tables"
			   : elem == LSC_DOC_STRING  ? "strings"
			   : elem == LSC_DOC_INTEGER ? "integers"
						     : "values";

	if (n->type != LSC_DOC_ARRAY)
		return bad(r, n->pos, "%s: expected an array of %s, found %s%s",
			   key, what, type_name(n->type),
			   elem == LSC_DOC_TABLE && !r->json
				   ? " (write [[...]] headers)"
				   : "");
	if (!n->u.list.count)
		return bad(r, n->pos,
			   "%s: empty array (give at least one "
			   "element, or leave the key out)",
			   key);
	for (e = n->u.list.first; e; e = e->next)
		if (e->type != elem)
			return bad(r, e->pos, "%s: expected %s, found %s", key,
				   what, type_name(e->type));
	return 0;
}

/* A string used as a name or a path: no NUL inside. */
static int check_text(const struct rd *r, const struct lsc_doc_node *s,
		      const char *key)
{
	if (memchr(s->u.str.s, '\0', s->u.str.len))
		return bad(r, s->pos, "%s: NUL character in a string", key);
	return 0;
}

static uint64_t group_bits(int category, const char *group, int abi)
{
	uint64_t all;

	if (abi > LANDSCOPE_ABI_LAST)
		abi = LANDSCOPE_ABI_LAST;
	all = lsc_abi_mask(category, abi);
	if (!strcmp(group, "abi.all"))
		return all;
	if (category != LANDSCOPE_CATEGORY_FS)
		return 0;
	if (!strcmp(group, "abi.read_execute"))
		return all & (LANDSCOPE_ACCESS_FS_EXECUTE |
			      LANDSCOPE_ACCESS_FS_READ_FILE |
			      LANDSCOPE_ACCESS_FS_READ_DIR |
			      LANDSCOPE_ACCESS_FS_REFER);
	if (!strcmp(group, "abi.read_write"))
		return all & ~LANDSCOPE_ACCESS_FS_EXECUTE;
	return 0;
}

static bool is_group(int category, const char *name)
{
	if (category == LANDSCOPE_CATEGORY_FLAGS)
		return false;
	return !strcmp(name, "abi.all") ||
	       (category == LANDSCOPE_CATEGORY_FS &&
		(!strcmp(name, "abi.read_execute") ||
		 !strcmp(name, "abi.read_write")));
}

/* One right name or group of @category: its bits, or a message. */
static int right(const struct rd *r, const struct lsc_doc_node *s, int category,
		 const char *key, uint64_t *ret)
{
	const char *name = s->u.str.s;
	char esc[LSC_ESC_SIZE];
	size_t i;

	if (is_group(category, name)) {
		if (!r->abi)
			return bad(r, s->pos,
				   "%s: \"%s\" needs the abi key (abi = N at "
				   "the top of the file)",
				   key, name);
		/* An empty group (net rights below ABI 4) is no error. */
		*ret = group_bits(category, name, r->abi);
		return 0;
	}
	/* The library's own flag (issue 23): the kernel has no such bit. */
	if (category == LANDSCOPE_CATEGORY_FLAGS &&
	    !strcmp(name, "allow_unmediated_transports")) {
		*ret = LANDSCOPE_RESTRICT_ALLOW_UNMEDIATED_TRANSPORTS;
		return 0;
	}
	for (i = 0; i < lsc_nr_bits; i++)
		if (lsc_bits[i].category == category &&
		    !strcmp(lsc_bits[i].name, name)) {
			*ret = lsc_bits[i].bit;
			return 0;
		}
	lsc_esc(esc, name, s->u.str.len);
	for (i = 0; i < lsc_nr_bits; i++)
		if (!strcmp(lsc_bits[i].name, name))
			return bad(r, s->pos, "%s: \"%s\" is a %s, not a %s",
				   key, esc,
				   category_what[lsc_bits[i].category],
				   category_what[category]);
	/* Only the groups is_group() takes for @category are named. */
	return bad(r, s->pos, "%s: unknown %s \"%s\"%s", key,
		   category_what[category], esc,
		   category == LANDSCOPE_CATEGORY_FLAGS ? ""
		   : category == LANDSCOPE_CATEGORY_FS
			   ? " (names are the kernel's, in lower case, or "
			     "abi.all, abi.read_execute, abi.read_write)"
			   : " (names are the kernel's, in lower case, or "
			     "abi.all)");
}

/* A non-empty array of right names of @category, into *@ret. */
static int rights(const struct rd *r, const struct lsc_doc_node *n,
		  int category, const char *key, uint64_t *ret)
{
	const struct lsc_doc_node *s;
	uint64_t bits, all = 0;
	int err;

	err = check_array(r, n, key, LSC_DOC_STRING);
	if (err)
		return err;
	for (s = n->u.list.first; s; s = s->next) {
		err = check_text(r, s, key);
		if (!err)
			err = right(r, s, category, key, &bits);
		if (err)
			return err;
		all |= bits;
	}
	*ret = all;
	return 0;
}

static const char *copy_text(struct lsc_policy *p, const char *s, size_t len)
{
	char *c = lsc_arena_alloc(&p->arena, len + 1);

	if (!c)
		return NULL;
	memcpy(c, s, len);
	c[len] = '\0';
	return c;
}

static int read_abi(struct rd *r, const struct lsc_doc_node *n)
{
	if (n->type != LSC_DOC_INTEGER || n->u.integer < 1 ||
	    n->u.integer > INT32_MAX)
		return bad(r, n->pos,
			   "abi: expected an integer from 1 to 2147483647");
	r->abi = (int)n->u.integer;
	r->p->abi = r->abi;
	return 0;
}

static int read_compat(struct rd *r, const struct lsc_doc_node *n)
{
	char esc[LSC_ESC_SIZE];
	size_t i;

	if (n->type == LSC_DOC_STRING)
		for (i = 0; i < NR(compat_names); i++)
			if (!strcmp(n->u.str.s, compat_names[i]) &&
			    strlen(compat_names[i]) == n->u.str.len) {
				r->p->compat = (int)i;
				return 0;
			}
	return bad(r, n->pos,
		   "compatibility: expected \"best_effort\", "
		   "\"soft_requirement\" or \"hard_requirement\"%s%s%s",
		   n->type == LSC_DOC_STRING ? ", not \"" : "",
		   n->type == LSC_DOC_STRING
			   ? lsc_esc(esc, n->u.str.s, n->u.str.len)
			   : "",
		   n->type == LSC_DOC_STRING ? "\"" : "");
}

static int read_restrict_flags(struct rd *r, const struct lsc_doc_node *n)
{
	uint64_t flags;
	int err;

	err = rights(r, n, LANDSCOPE_CATEGORY_FLAGS, kname(r, &top_keys[6]),
		     &flags);
	if (!err)
		r->p->restrict_flags |= (uint32_t)flags;
	return err;
}

static int add_var(struct rd *r, const char *name, size_t name_len,
		   const struct lsc_doc_node *value)
{
	struct lsc_policy *p = r->p;
	struct lsc_var *v;

	if (!lsc_grow((void **)&p->vars, &p->cap_vars, p->nr_vars, 1,
		      sizeof(*p->vars)))
		return -ENOMEM;
	v = &p->vars[p->nr_vars];
	v->name = copy_text(p, name, name_len);
	v->value = value ? copy_text(p, value->u.str.s, value->u.str.len)
			 : NULL;
	v->len = value ? value->u.str.len : 0;
	if (!v->name || (value && !v->value))
		return -ENOMEM;
	p->nr_vars++;
	return 0;
}

static int read_variable(struct rd *r, const struct lsc_doc_node *item)
{
	const struct lsc_doc_node *name, *lit, *s;
	char esc[LSC_ESC_SIZE];
	int err;

	err = check_keys(r, item, variable_keys, NR(variable_keys),
			 "a variable item");
	if (err)
		return err;
	name = get(r, item, &variable_keys[0]);
	if (!name)
		return bad(r, item->pos, "a variable item needs a name");
	if (name->type != LSC_DOC_STRING ||
	    !lsc_var_name_valid(name->u.str.s, name->u.str.len))
		return bad(r, name->pos,
			   "name: expected a variable name (a letter, then "
			   "letters, digits or '_')%s%s%s",
			   name->type == LSC_DOC_STRING ? ", not \"" : "",
			   name->type == LSC_DOC_STRING
				   ? lsc_esc(esc, name->u.str.s,
					     name->u.str.len)
				   : "",
			   name->type == LSC_DOC_STRING ? "\"" : "");
	lit = get(r, item, &variable_keys[1]);
	/* Without literal the variable is declared, with no value. */
	if (!lit)
		return add_var(r, name->u.str.s, name->u.str.len, NULL);
	err = check_array(r, lit, "literal", LSC_DOC_STRING);
	if (err)
		return err;
	for (s = lit->u.list.first; s; s = s->next) {
		err = check_text(r, s, "literal");
		if (!err)
			err = add_var(r, name->u.str.s, name->u.str.len, s);
		if (err)
			return err;
	}
	return 0;
}

static int read_ruleset(struct rd *r, const struct lsc_doc_node *item)
{
	const struct lsc_doc_node *n;
	bool handled = false;
	uint64_t bits;
	size_t i;
	int err;

	err = check_keys(r, item, ruleset_keys, NR(ruleset_keys),
			 "a ruleset item");
	if (err)
		return err;
	for (i = 0; i < NR(ruleset_keys); i++) {
		/* The keys are in category order, handled then quiet. */
		int category = (int)(i % 3);

		n = get(r, item, &ruleset_keys[i]);
		if (!n)
			continue;
		err = rights(r, n, category, kname(r, &ruleset_keys[i]), &bits);
		if (err)
			return err;
		if (i < 3) {
			r->p->handled[category] |= bits;
			handled = true;
		} else {
			r->p->quiet[category] |= bits;
		}
	}
	if (!handled)
		return bad(r, item->pos, "a ruleset item needs %s, %s or %s",
			   kname(r, &ruleset_keys[0]),
			   kname(r, &ruleset_keys[1]),
			   kname(r, &ruleset_keys[2]));
	return 0;
}

static int read_quiet(const struct rd *r, const struct lsc_doc_node *item,
		      const struct key *k, bool *ret)
{
	const struct lsc_doc_node *n = get(r, item, k);

	*ret = false;
	if (!n)
		return 0;
	if (n->type != LSC_DOC_BOOL)
		return bad(r, n->pos, "quiet: expected true or false, found %s",
			   type_name(n->type));
	*ret = n->u.boolean;
	return 0;
}

/* A parent template, checked now so that errors have their position. */
static int read_template(struct rd *r, const struct lsc_doc_node *s,
			 uint64_t access, bool quiet)
{
	struct lsc_policy *p = r->p;
	struct lsc_tpl_piece piece;
	char esc[LSC_ESC_SIZE];
	const char *why;
	struct lsc_tpl *t;
	size_t i = 0;
	int ret;

	if (!s->u.str.len)
		return bad(r, s->pos, "parent: empty path");
	ret = check_text(r, s, "parent");
	if (ret)
		return ret;
	while ((ret = lsc_tpl_next(s->u.str.s, s->u.str.len, &i, &piece,
				   &why)) > 0)
		;
	if (ret)
		return bad(r, s->pos, "parent: \"%s\": %s",
			   lsc_esc(esc, s->u.str.s, s->u.str.len), why);
	if (!lsc_grow((void **)&p->tpls, &p->cap_tpls, p->nr_tpls, 1,
		      sizeof(*p->tpls)))
		return -ENOMEM;
	t = &p->tpls[p->nr_tpls];
	t->text = copy_text(p, s->u.str.s, s->u.str.len);
	if (!t->text)
		return -ENOMEM;
	t->len = s->u.str.len;
	t->access = access;
	t->quiet = quiet;
	t->origin.file = r->file;
	t->origin.pos = s->pos;
	p->nr_tpls++;
	return 0;
}

/* The two required keys of a rule item, or a message. */
static int rule_keys(const struct rd *r, const struct lsc_doc_node *item,
		     const struct key *keys, const char *what,
		     const struct lsc_doc_node **access,
		     const struct lsc_doc_node **target)
{
	*access = get(r, item, &keys[0]);
	*target = get(r, item, &keys[1]);
	if (!*access || !*target)
		return bad(r, item->pos, "a %s item needs %s", what,
			   kname(r, &keys[*access ? 1 : 0]));
	return 0;
}

static int read_path_beneath(struct rd *r, const struct lsc_doc_node *item)
{
	const struct lsc_doc_node *acc, *parent, *s;
	const char *what = kname(r, &top_keys[3]);
	uint64_t access;
	bool quiet;
	int err;

	err = check_keys(r, item, path_keys, NR(path_keys), "a path item");
	if (!err)
		err = rule_keys(r, item, path_keys, what, &acc, &parent);
	if (!err)
		err = rights(r, acc, LANDSCOPE_CATEGORY_FS,
			     kname(r, &path_keys[0]), &access);
	if (!err)
		err = read_quiet(r, item, &path_keys[2], &quiet);
	if (!err)
		err = check_array(r, parent, "parent", LSC_DOC_STRING);
	if (err)
		return err;
	/* The rule's rights are handled, so that it means what it says. */
	r->p->handled[LANDSCOPE_CATEGORY_FS] |= access;
	for (s = parent->u.list.first; s; s = s->next) {
		err = read_template(r, s, access, quiet);
		if (err)
			return err;
	}
	return 0;
}

static int read_net_port(struct rd *r, const struct lsc_doc_node *item)
{
	const struct lsc_doc_node *acc, *ports, *n;
	const char *what = kname(r, &top_keys[4]);
	struct lsc_policy *p = r->p;
	uint64_t access;
	bool quiet;
	int err;

	err = check_keys(r, item, port_keys, NR(port_keys), "a port item");
	if (!err)
		err = rule_keys(r, item, port_keys, what, &acc, &ports);
	if (!err)
		err = rights(r, acc, LANDSCOPE_CATEGORY_NET,
			     kname(r, &port_keys[0]), &access);
	if (!err)
		err = read_quiet(r, item, &port_keys[2], &quiet);
	if (!err)
		err = check_array(r, ports, "port", LSC_DOC_INTEGER);
	if (err)
		return err;
	p->handled[LANDSCOPE_CATEGORY_NET] |= access;
	for (n = ports->u.list.first; n; n = n->next) {
		/* Refused now, with its position, not when building. */
		if (n->u.integer < 0 || n->u.integer > 65535)
			return bad(r, n->pos,
				   "port: %lld is not a port (0 to 65535)",
				   (long long)n->u.integer);
		if (!lsc_grow((void **)&p->ports, &p->cap_ports, p->nr_ports, 1,
			      sizeof(*p->ports)))
			return -ENOMEM;
		p->ports[p->nr_ports].port = (uint64_t)n->u.integer;
		p->ports[p->nr_ports].access = access;
		p->ports[p->nr_ports].quiet = quiet;
		p->nr_ports++;
	}
	return 0;
}

typedef int (*item_reader)(struct rd *r, const struct lsc_doc_node *item);

/* A top-level list: a non-empty array of tables, each read by @read. */
static int read_list(struct rd *r, const struct key *k, item_reader read,
		     bool *found)
{
	const struct lsc_doc_node *list = get(r, r->doc->root, k), *item;
	int err;

	if (!list)
		return 0;
	*found = true;
	err = check_array(r, list, kname(r, k), LSC_DOC_TABLE);
	for (item = err ? NULL : list->u.list.first; item; item = item->next)
		err = err ? err : read(r, item);
	return err;
}

int lsc_schema_read(struct lsc_policy *p, const struct lsc_doc *doc, bool json)
{
	const struct lsc_doc_node *root = doc->root, *n;
	const char *name = doc->name ? doc->name : "(buffer)";
	struct rd r = { .p = p, .doc = doc, .json = json };
	bool found = false;
	int err;

	r.file = copy_text(p, name, strlen(name));
	if (!r.file)
		return -ENOMEM;
	err = check_keys(&r, root, top_keys, NR(top_keys), "the top level");
	if (err)
		return err;
	/* abi first: the groups of every list depend on it. */
	n = get(&r, root, &top_keys[0]);
	err = n ? read_abi(&r, n) : 0;
	n = get(&r, root, &top_keys[5]);
	if (!err && n)
		err = read_compat(&r, n);
	n = get(&r, root, &top_keys[6]);
	if (!err && n)
		err = read_restrict_flags(&r, n);
	if (!err)
		err = read_list(&r, &top_keys[1], read_variable, &found);
	if (!err)
		err = read_list(&r, &top_keys[2], read_ruleset, &found);
	if (!err)
		err = read_list(&r, &top_keys[3], read_path_beneath, &found);
	if (!err)
		err = read_list(&r, &top_keys[4], read_net_port, &found);
	if (err)
		return err;
	if (!found)
		return bad(&r, root->pos,
			   "no policy: the file has none of %s, "
			   "%s, %s and %s",
			   kname(&r, &top_keys[1]), kname(&r, &top_keys[2]),
			   kname(&r, &top_keys[3]), kname(&r, &top_keys[4]));
	p->empty = false;
	return 0;
}
