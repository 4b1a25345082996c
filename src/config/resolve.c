// SPDX-License-Identifier: MIT
/*
 * Resolving a composed policy into the rules to add: each template
 * expands to every combination of its variables' values, paths are
 * normalised, and rules on the same path (or port) merge by union.  The
 * result is sorted, so it is the same whatever the order of the files.
 *
 * The number of paths is known before any is made (a product of value
 * counts), so an exploding template is refused at once rather than
 * running out of memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <liblandscope/config.h>

#include "resolve.h"

/* A variable's distinct values, after sorting. */
struct group {
	const char *name;
	const struct lsc_var *values; /* count entries, all non-NULL */
	size_t count;
	size_t bytes; /* their total length */
	size_t max; /* the longest */
};

static int var_cmp(const void *a, const void *b)
{
	const struct lsc_var *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	/* Declarations (no value) first, then values by content. */
	if (!x->value || !y->value)
		return !!x->value - !!y->value;
	if (x->len != y->len) {
		c = memcmp(x->value, y->value,
			   x->len < y->len ? x->len : y->len);
		return c ? c : x->len < y->len ? -1 : 1;
	}
	return memcmp(x->value, y->value, x->len);
}

struct vars {
	struct lsc_var *sorted;
	struct group *groups;
	size_t nr_groups;
};

/* Sort and deduplicate the variables, then index them by name. */
static int index_vars(const struct lsc_policy *p, struct vars *v)
{
	size_t i, o;

	memset(v, 0, sizeof(*v));
	if (!p->nr_vars)
		return 0;
	v->sorted = malloc(p->nr_vars * sizeof(*v->sorted));
	v->groups = malloc(p->nr_vars * sizeof(*v->groups));
	if (!v->sorted || !v->groups)
		return -ENOMEM;
	memcpy(v->sorted, p->vars, p->nr_vars * sizeof(*v->sorted));
	qsort(v->sorted, p->nr_vars, sizeof(*v->sorted), var_cmp);
	for (i = o = 0; i < p->nr_vars; i++) {
		const struct lsc_var *x = &v->sorted[i];
		struct group *g = v->nr_groups ? &v->groups[v->nr_groups - 1]
					       : NULL;

		if (!g || strcmp(g->name, x->name)) {
			g = &v->groups[v->nr_groups++];
			g->name = x->name;
			g->values = v->sorted + o;
			g->count = g->bytes = g->max = 0;
		}
		if (!x->value ||
		    (g->count && !var_cmp(&g->values[g->count - 1], x)))
			continue;
		v->sorted[o++] = *x;
		g->count++;
		g->bytes += x->len;
		if (x->len > g->max)
			g->max = x->len;
	}
	return 0;
}

static const struct group *find_var(const struct vars *v, const char *name,
				    size_t len)
{
	size_t lo = 0, hi = v->nr_groups;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *g = v->groups[mid].name;
		int c = strncmp(g, name, len);

		if (!c)
			c = g[len] ? 1 : 0;
		if (!c)
			return &v->groups[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* a + b and a * b, saturated at SIZE_MAX. */
static size_t sat_add(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static size_t sat_mul(size_t a, size_t b)
{
	return a && b > SIZE_MAX / a ? SIZE_MAX : a * b;
}

/*
 * Pieces of one template: its text between variables gathered into one
 * piece each, so only variables count towards the limit.
 */
#define MAX_VARS 32
#define MAX_PIECES (2 * MAX_VARS + 1)

struct expansion {
	struct lsc_tpl_piece pieces[MAX_PIECES];
	const struct group *groups[MAX_PIECES]; /* NULL for text */
	size_t nr;
	size_t paths; /* how many it gives */
	size_t bytes; /* their total length */
	size_t longest;
};

/*
 * Split template @t, find its variables and count what it expands to;
 * its text pieces are copied into @text (room for t->len bytes).
 * Templates were checked when read; an undefined variable is found here.
 */
static int plan(const struct lsc_tpl *t, const struct vars *v,
		struct expansion *e, char *text, struct lsc_diag *diag)
{
	char esc[LSC_ESC_SIZE], esc2[LSC_ESC_SIZE];
	size_t i = 0, k, literal = 0, vars = 0;
	const char *why = NULL;
	struct lsc_tpl_piece piece;
	int ret;

	e->nr = 0;
	e->paths = 1;
	while ((ret = lsc_tpl_next(t->text, t->len, &i, &piece, &why)) > 0) {
		const struct group *g;

		if (!piece.var) {
			/* Text joins the text piece before it, if any. */
			if (!e->nr || e->groups[e->nr - 1]) {
				e->pieces[e->nr].s = text + literal;
				e->pieces[e->nr].len = 0;
				e->groups[e->nr++] = NULL;
			}
			memcpy(text + literal, piece.s, piece.len);
			literal += piece.len;
			e->pieces[e->nr - 1].len += piece.len;
			continue;
		}
		g = find_var(v, piece.s, piece.len);
		if (!g)
			return lsc_diag_add(diag, t->origin.file, t->origin.pos,
					    -EBADMSG,
					    "undefined variable \"${%s}\" in "
					    "\"%s\"",
					    lsc_esc(esc, piece.s, piece.len),
					    lsc_esc(esc2, t->text, t->len));
		if (++vars > MAX_VARS)
			return lsc_diag_add(diag, t->origin.file, t->origin.pos,
					    -E2BIG,
					    "more than %d variables in \"%s\"",
					    MAX_VARS,
					    lsc_esc(esc, t->text, t->len));
		e->paths = sat_mul(e->paths, g->count);
		e->pieces[e->nr] = piece;
		e->groups[e->nr++] = g;
	}
	if (ret < 0)
		return -EBADMSG;
	/* Each value of a variable is in paths/count of the paths. */
	e->bytes = sat_mul(literal, e->paths);
	e->longest = literal;
	for (k = 0; k < e->nr; k++) {
		const struct group *g = e->groups[k];

		if (!g || !g->count)
			continue;
		e->bytes = sat_add(e->bytes,
				   sat_mul(g->bytes, e->paths / g->count));
		e->longest = sat_add(e->longest, g->max);
	}
	return 0;
}

static int push_path(struct lsc_resolved *r, const char *raw, size_t len,
		     const struct lsc_tpl *t)
{
	struct lsc_rpath *rp;
	char *norm;

	if (!lsc_grow((void **)&r->paths, &r->cap_paths, r->nr_paths, 1,
		      sizeof(*r->paths)))
		return -ENOMEM;
	norm = lsc_arena_alloc(&r->arena, len + 1);
	if (!norm)
		return -ENOMEM;
	lsc_path_normalize(norm, raw, len);
	rp = &r->paths[r->nr_paths++];
	rp->path = norm;
	rp->access = t->access;
	rp->quiet = t->quiet;
	rp->origin = t->origin;
	return 0;
}

/* Every combination of @e's values, like an odometer. */
static int expand(struct lsc_resolved *r, const struct lsc_tpl *t,
		  const struct expansion *e, char *buf)
{
	size_t idx[MAX_PIECES] = { 0 };
	size_t n, k, len;
	int err;

	for (n = 0; n < e->paths; n++) {
		len = 0;
		for (k = 0; k < e->nr; k++) {
			const char *s = e->pieces[k].s;
			size_t l = e->pieces[k].len;

			if (e->groups[k]) {
				s = e->groups[k]->values[idx[k]].value;
				l = e->groups[k]->values[idx[k]].len;
			}
			memcpy(buf + len, s, l);
			len += l;
		}
		err = push_path(r, buf, len, t);
		if (err)
			return err;
		/* The last variable turns fastest. */
		for (k = e->nr; k-- > 0;) {
			if (!e->groups[k])
				continue;
			if (++idx[k] < e->groups[k]->count)
				break;
			idx[k] = 0;
		}
	}
	return 0;
}

static int path_cmp(const void *a, const void *b)
{
	const struct lsc_rpath *x = a, *y = b;

	return lsc_path_cmp(x->path, y->path);
}

static int port_cmp(const void *a, const void *b)
{
	const struct lsc_port *x = a, *y = b;

	return x->port < y->port ? -1 : x->port > y->port;
}

/*
 * Of two templates giving one path, the one a message names: the first in
 * file and position order, so that it does not depend on qsort's order.
 */
static bool origin_before(const struct lsc_origin *a,
			  const struct lsc_origin *b)
{
	int c = strcmp(a->file, b->file);

	if (c)
		return c < 0;
	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line;
	return a->pos.col < b->pos.col;
}

/* Sort and merge equal paths and ports by union. */
static void merge_rules(struct lsc_resolved *r)
{
	size_t i, o;

	if (r->nr_paths)
		qsort(r->paths, r->nr_paths, sizeof(*r->paths), path_cmp);
	for (i = o = 0; i < r->nr_paths; i++) {
		if (o &&
		    !lsc_path_cmp(r->paths[o - 1].path, r->paths[i].path)) {
			r->paths[o - 1].access |= r->paths[i].access;
			r->paths[o - 1].quiet |= r->paths[i].quiet;
			if (origin_before(&r->paths[i].origin,
					  &r->paths[o - 1].origin))
				r->paths[o - 1].origin = r->paths[i].origin;
			continue;
		}
		r->paths[o++] = r->paths[i];
	}
	r->nr_paths = o;
	if (r->nr_ports)
		qsort(r->ports, r->nr_ports, sizeof(*r->ports), port_cmp);
	for (i = o = 0; i < r->nr_ports; i++) {
		if (o && r->ports[o - 1].port == r->ports[i].port) {
			r->ports[o - 1].access |= r->ports[i].access;
			r->ports[o - 1].quiet |= r->ports[i].quiet;
			continue;
		}
		r->ports[o++] = r->ports[i];
	}
	r->nr_ports = o;
}

static int expand_all(const struct lsc_policy *p, const struct vars *v,
		      struct lsc_resolved *r, struct lsc_diag *diag)
{
	size_t i, paths = 0, bytes = 0, buf_size = 0, text_size = 0;
	struct expansion e;
	char esc[LSC_ESC_SIZE];
	char *buf = NULL, *text;
	int err = 0;

	for (i = 0; i < p->nr_tpls; i++)
		if (p->tpls[i].len > text_size)
			text_size = p->tpls[i].len;
	text = malloc(text_size + 1);
	if (!text)
		return -ENOMEM;
	/* Count first: nothing is made of a policy beyond the limits. */
	for (i = 0; !err && i < p->nr_tpls; i++) {
		const struct lsc_tpl *t = &p->tpls[i];

		err = plan(t, v, &e, text, diag);
		if (err)
			break;
		paths = sat_add(paths, e.paths);
		bytes = sat_add(bytes, e.bytes);
		if (e.longest > buf_size)
			buf_size = e.longest;
		if (paths > LANDSCOPE_CONFIG_MAX_PATHS ||
		    bytes > LANDSCOPE_CONFIG_MAX_PATH_BYTES)
			err = lsc_diag_add(
				diag, t->origin.file, t->origin.pos, -E2BIG,
				"\"%s\" takes the policy beyond %lu paths or "
				"%lu bytes of paths",
				lsc_esc(esc, t->text, t->len),
				(unsigned long)LANDSCOPE_CONFIG_MAX_PATHS,
				(unsigned long)LANDSCOPE_CONFIG_MAX_PATH_BYTES);
	}
	if (!err) {
		buf = malloc(buf_size + 1);
		if (!buf)
			err = -ENOMEM;
	}
	for (i = 0; !err && i < p->nr_tpls; i++) {
		err = plan(&p->tpls[i], v, &e, text, diag);
		if (!err)
			err = expand(r, &p->tpls[i], &e, buf);
	}
	free(buf);
	free(text);
	return err;
}

int lsc_policy_resolve(const struct lsc_policy *p, struct lsc_resolved *r,
		       struct lsc_diag *diag)
{
	struct vars v;
	int c, err;

	memset(r, 0, sizeof(*r));
	err = index_vars(p, &v);
	if (!err)
		err = expand_all(p, &v, r, diag);
	free(v.sorted);
	free(v.groups);
	if (!err && p->nr_ports) {
		r->ports = malloc(p->nr_ports * sizeof(*r->ports));
		if (!r->ports)
			err = -ENOMEM;
		else
			memcpy(r->ports, p->ports,
			       p->nr_ports * sizeof(*r->ports));
		r->nr_ports = p->nr_ports;
	}
	if (err) {
		lsc_resolved_free(r);
		return err;
	}
	merge_rules(r);
	for (c = 0; c < LSC_NR_HANDLED; c++) {
		r->handled[c] = p->handled[c];
		/* The kernel takes quiet rights only among handled ones. */
		r->quiet[c] = p->quiet[c] & p->handled[c];
	}
	r->compat = p->compat < 0 ? LANDSCOPE_COMPAT_BEST_EFFORT : p->compat;
	r->restrict_flags = p->restrict_flags;
	return 0;
}

void lsc_resolved_free(struct lsc_resolved *r)
{
	free(r->paths);
	free(r->ports);
	lsc_arena_free(&r->arena);
	memset(r, 0, sizeof(*r));
}
