// SPDX-License-Identifier: MIT
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Internal: resolution (lsc_config_resolve()) without a kernel, so that
 * the fuzzer reaches it with no Landlock syscall.
 */
#include "config/resolve.h"
#include "fuzz.h"

struct landscope_config *fuzz_parse(const uint8_t *data, size_t size,
				    unsigned int format, int *ret)
{
	struct landscope_config *c = NULL;

	*ret = landscope_config_new(&c, 0);
	if (*ret)
		return NULL;
	*ret = landscope_config_parse_buffer(c, (const char *)data, size,
					     "fuzz", format);
	fuzz_check_message(c, *ret);
	return c;
}

void fuzz_check_message(const struct landscope_config *c, int err)
{
	const unsigned char *m =
		(const unsigned char *)landscope_config_error(c);
	bool line_start = true;

	if (!m)
		abort();
	/* Only the errors the header lists; -ENOMEM may lose its text. */
	if (err && err != -EBADMSG && err != -E2BIG && err != -ENOMEM &&
	    err != -ENOMSG)
		abort();
	if (!err && *m)
		abort();
	if (err && err != -ENOMEM && !*m)
		abort();
	for (; *m; m++) {
		if (line_start && strncmp((const char *)m, "fuzz:", 5) &&
		    strncmp((const char *)m, "policy:", 7))
			abort();
		line_start = *m == '\n';
		if ((*m < 0x20 && *m != '\n') || *m == 0x7f)
			abort();
	}
}

/* A growing text. */
struct text {
	char *s;
	size_t len, cap;
	bool oom;
};

static void add(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s ? t->s + t->len : NULL,
			      t->s ? t->cap - t->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			t->oom = true;
			return;
		}
		if (t->s && (size_t)n < t->cap - t->len) {
			t->len += (size_t)n;
			return;
		}
		t->cap = (t->cap + (size_t)n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		if (!t->s) {
			t->oom = true;
			return;
		}
	}
}

char *fuzz_policy(struct landscope_config *c)
{
	struct text t = { 0 };
	struct lsc_resolved r;
	size_t i;
	int err;

	err = lsc_config_resolve(c, &r);
	fuzz_check_message(c, err);
	if (err) {
		add(&t, "error %d", err);
		return t.oom ? NULL : t.s;
	}
	add(&t, "handled %" PRIx64 " %" PRIx64 " %" PRIx64, r.handled[0],
	    r.handled[1], r.handled[2]);
	add(&t, " quiet %" PRIx64 " %" PRIx64 " %" PRIx64, r.quiet[0],
	    r.quiet[1], r.quiet[2]);
	add(&t, " compat %d flags %x abi %d\n", r.compat, r.restrict_flags,
	    landscope_config_abi(c));
	for (i = 0; i < r.nr_paths; i++) {
		/* Sorted, merged: no two rules on one path. */
		if (i && !strcmp(r.paths[i - 1].path, r.paths[i].path))
			abort();
		add(&t, "%s %" PRIx64 " %d\n", r.paths[i].path,
		    r.paths[i].access, r.paths[i].quiet);
	}
	for (i = 0; i < r.nr_ports; i++) {
		if (r.ports[i].port > 65535 ||
		    (i && r.ports[i - 1].port >= r.ports[i].port))
			abort();
		add(&t, ":%" PRIu64 " %" PRIx64 " %d\n", r.ports[i].port,
		    r.ports[i].access, r.ports[i].quiet);
	}
	lsc_resolved_free(&r);
	if (t.oom) {
		free(t.s);
		return NULL;
	}
	return t.s;
}
