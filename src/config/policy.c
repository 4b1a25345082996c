// SPDX-License-Identifier: MIT
/*
 * Composing policies, as landlockconfig does: the handled sets intersect,
 * every rule is narrowed to them (and dropped when nothing is left),
 * variables are merged, the lower abi wins.  Intersection and union are
 * commutative and associative, so files compose to the same policy in any
 * order.  The extensions compose the same way: the strictest
 * compatibility level, the union of the restrict flags and quiet sets.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

void lsc_policy_init(struct lsc_policy *p)
{
	memset(p, 0, sizeof(*p));
	p->empty = true;
	p->compat = -1;
}

void lsc_policy_free(struct lsc_policy *p)
{
	free(p->tpls);
	free(p->ports);
	free(p->vars);
	lsc_arena_free(&p->arena);
	lsc_policy_init(p);
}

bool lsc_grow(void **array, size_t *cap, size_t n, size_t more, size_t size)
{
	size_t want, c = *cap ? *cap : 8;
	void *a;

	if (more > SIZE_MAX / size - n)
		return false;
	want = n + more;
	if (want <= *cap)
		return true;
	while (c < want)
		c = c > SIZE_MAX / 2 / size ? want : c * 2;
	a = realloc(*array, c * size);
	if (!a)
		return false;
	*array = a;
	*cap = c;
	return true;
}

/* Narrow @dst's rules to @common, dropping those left empty. */
static void narrow(struct lsc_policy *p, const uint64_t common[LSC_NR_HANDLED])
{
	size_t i, o;

	for (i = o = 0; i < p->nr_tpls; i++) {
		p->tpls[i].access &= common[LANDSCOPE_CATEGORY_FS];
		if (p->tpls[i].access)
			p->tpls[o++] = p->tpls[i];
	}
	p->nr_tpls = o;
	for (i = o = 0; i < p->nr_ports; i++) {
		p->ports[i].access &= common[LANDSCOPE_CATEGORY_NET];
		if (p->ports[i].access)
			p->ports[o++] = p->ports[i];
	}
	p->nr_ports = o;
}

int lsc_policy_merge(struct lsc_policy *dst, struct lsc_policy *src)
{
	uint64_t common[LSC_NR_HANDLED];
	int c;

	if (src->empty) {
		lsc_policy_free(src);
		return 0;
	}
	if (dst->empty) {
		lsc_policy_free(dst);
		*dst = *src;
		lsc_policy_init(src);
		return 0;
	}
	/* The only steps that can fail, before anything changes. */
	if (!lsc_grow((void **)&dst->tpls, &dst->cap_tpls, dst->nr_tpls,
		      src->nr_tpls, sizeof(*dst->tpls)) ||
	    !lsc_grow((void **)&dst->ports, &dst->cap_ports, dst->nr_ports,
		      src->nr_ports, sizeof(*dst->ports)) ||
	    !lsc_grow((void **)&dst->vars, &dst->cap_vars, dst->nr_vars,
		      src->nr_vars, sizeof(*dst->vars)))
		return -ENOMEM;

	for (c = 0; c < LSC_NR_HANDLED; c++)
		common[c] = dst->handled[c] & src->handled[c];
	narrow(dst, common);
	narrow(src, common);
	/* An empty array may be NULL: never an offset or a copy of it. */
	if (src->nr_tpls)
		memcpy(dst->tpls + dst->nr_tpls, src->tpls,
		       src->nr_tpls * sizeof(*src->tpls));
	dst->nr_tpls += src->nr_tpls;
	if (src->nr_ports)
		memcpy(dst->ports + dst->nr_ports, src->ports,
		       src->nr_ports * sizeof(*src->ports));
	dst->nr_ports += src->nr_ports;
	if (src->nr_vars)
		memcpy(dst->vars + dst->nr_vars, src->vars,
		       src->nr_vars * sizeof(*src->vars));
	dst->nr_vars += src->nr_vars;
	/* src's strings move with their chunks. */
	lsc_arena_splice(&dst->arena, &src->arena);

	for (c = 0; c < LSC_NR_HANDLED; c++) {
		dst->handled[c] = common[c];
		dst->quiet[c] |= src->quiet[c];
	}
	if (src->abi && (!dst->abi || src->abi < dst->abi))
		dst->abi = src->abi;
	if (src->compat > dst->compat)
		dst->compat = src->compat;
	dst->restrict_flags |= src->restrict_flags;
	lsc_policy_free(src);
	return 0;
}

static const char *dup_text(struct lsc_policy *p, const char *s, size_t len)
{
	char *c = lsc_arena_alloc(&p->arena, len + 1);

	if (!c)
		return NULL;
	memcpy(c, s, len + 1);
	return c;
}

static int copy_arrays(struct lsc_policy *dst, const struct lsc_policy *src)
{
	const char *old_file = NULL, *new_file = NULL;
	size_t i;

	if (!lsc_grow((void **)&dst->tpls, &dst->cap_tpls, 0, src->nr_tpls,
		      sizeof(*dst->tpls)) ||
	    !lsc_grow((void **)&dst->ports, &dst->cap_ports, 0, src->nr_ports,
		      sizeof(*dst->ports)) ||
	    !lsc_grow((void **)&dst->vars, &dst->cap_vars, 0, src->nr_vars,
		      sizeof(*dst->vars)))
		return -ENOMEM;
	for (i = 0; i < src->nr_tpls; i++) {
		struct lsc_tpl *t = &dst->tpls[i];

		*t = src->tpls[i];
		/* A file's templates are together: copy its name once. */
		if (t->origin.file != old_file) {
			old_file = t->origin.file;
			new_file = dup_text(dst, old_file, strlen(old_file));
		}
		t->origin.file = new_file;
		t->text = dup_text(dst, t->text, t->len);
		if (!t->text || !new_file)
			return -ENOMEM;
		dst->nr_tpls++;
	}
	if (src->nr_ports)
		memcpy(dst->ports, src->ports,
		       src->nr_ports * sizeof(*src->ports));
	dst->nr_ports = src->nr_ports;
	for (i = 0; i < src->nr_vars; i++) {
		struct lsc_var *v = &dst->vars[i];

		*v = src->vars[i];
		v->name = dup_text(dst, v->name, strlen(v->name));
		if (v->value)
			v->value = dup_text(dst, v->value, v->len);
		if (!v->name || (src->vars[i].value && !v->value))
			return -ENOMEM;
		dst->nr_vars++;
	}
	return 0;
}

int lsc_policy_copy(struct lsc_policy *dst, const struct lsc_policy *src)
{
	int err;

	lsc_policy_init(dst);
	err = copy_arrays(dst, src);
	if (err) {
		lsc_policy_free(dst);
		return err;
	}
	dst->empty = src->empty;
	dst->abi = src->abi;
	dst->compat = src->compat;
	dst->restrict_flags = src->restrict_flags;
	memcpy(dst->handled, src->handled, sizeof(dst->handled));
	memcpy(dst->quiet, src->quiet, sizeof(dst->quiet));
	return 0;
}
