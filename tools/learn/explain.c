/* SPDX-License-Identifier: MIT */
/*
 * --explain: a call that failed with Landlock's errors (EACCES, EPERM for
 * scopes, EXDEV for refer) is said once per distinct denial: what was
 * denied, to which process, and the rule that would allow it, in the
 * policy's own syntax (TOML, or JSON for a .json policy).
 *
 * The same errors also come from file modes, other LSMs, privileged ports:
 * a denial is only explained if the tracer, which has the command's
 * credentials but no sandbox, would be allowed the same (access(2) with
 * AT_EACCESS, kill(pid, 0), a cross-mount check for EXDEV).  This needs
 * neither root nor audit, and works on every ABI.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#include "learn.h"

#define FS(x) LANDSCOPE_ACCESS_FS_##x

struct denials {
	char **keys;
	size_t nr;
};

struct denials *denials_new(void)
{
	return calloc(1, sizeof(struct denials));
}

size_t denials_count(const struct denials *d)
{
	return d->nr;
}

void denials_free(struct denials *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->nr; i++)
		free(d->keys[i]);
	free(d->keys);
	free(d);
}

/* Whether @key is new; remembers it. */
static bool first_time(struct denials *d, const char *key)
{
	char **n;
	size_t i;

	for (i = 0; i < d->nr; i++)
		if (!strcmp(d->keys[i], key))
			return false;
	n = realloc(d->keys, (d->nr + 1) * sizeof(*n));
	if (!n)
		return true;
	d->keys = n;
	d->keys[d->nr] = strdup(key);
	if (d->keys[d->nr])
		d->nr++;
	return true;
}

/* Would the file modes allow it, without a sandbox? */
static bool dac_allows(const char *path, uint64_t rights)
{
	int mode = 0;

	if (rights & (FS(READ_FILE) | FS(READ_DIR)))
		mode |= R_OK;
	if (rights & (FS(WRITE_FILE) | FS(TRUNCATE) | FS(RESOLVE_UNIX)))
		mode |= W_OK;
	if (rights & FS(EXECUTE))
		mode |= X_OK;
	/* Making or removing a name: writing and searching its directory. */
	if (rights &
	    ~(FS(READ_FILE) | FS(READ_DIR) | FS(WRITE_FILE) | FS(TRUNCATE) |
	      FS(RESOLVE_UNIX) | FS(EXECUTE) | FS(IOCTL_DEV) | FS(REFER)))
		mode |= W_OK | X_OK;
	return !faccessat(AT_FDCWD, path, mode ? mode : F_OK, AT_EACCESS);
}

static void line_start(struct learn_ctx *ctx)
{
	fprintf(ctx->out, "%s: ", ctx->prog);
}

/* One line of text already made safe by toml_string(), escaped again. */
static void put(struct learn_ctx *ctx, const char *s)
{
	landscope_escape(ctx->out, s, LANDSCOPE_ESCAPE_ESCAPED);
}

static char *rights_text(int category, uint64_t rights)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return NULL;
	rights_list(f, category, rights);
	if (fclose(f)) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void explain_fs(struct learn_ctx *ctx, const struct tracee *t,
		       const struct access *a, uint64_t rights)
{
	char *q = toml_string(a->path), *names, *key;
	char *names_plain;
	size_t i, j;

	names = rights_text(LANDSCOPE_CATEGORY_FS, rights);
	if (!names)
		goto out;
	/* "read_file", "write_file" -> read_file, write_file */
	names_plain = strdup(names);
	if (!names_plain)
		goto out;
	for (i = j = 0; names_plain[i]; i++)
		if (names_plain[i] != '"')
			names_plain[j++] = names_plain[i];
	names_plain[j] = 0;
	if (asprintf(&key, "fs %s %s", names_plain, a->path) < 0) {
		free(names_plain);
		goto out;
	}
	if (!first_time(ctx->den, key)) {
		free(key);
		free(names_plain);
		goto out;
	}
	free(key);
	line_start(ctx);
	fprintf(ctx->out, "denied: %s on ", names_plain);
	free(names_plain);
	if (q)
		put(ctx, q);
	else
		landscope_escape(ctx->out, a->path, 0);
	fprintf(ctx->out, " to pid %d (", (int)t->tid);
	landscope_escape(ctx->out, t->comm, 0);
	fputs(")\n", ctx->out);
	if (!q) {
		line_start(ctx);
		fputs("  (no rule can name a path that is not UTF-8)\n",
		      ctx->out);
		goto out;
	}
	line_start(ctx);
	fputs("  allowed by:\n", ctx->out);
	if (ctx->explain_json) {
		fprintf(ctx->out,
			"    {\"pathBeneath\": [{\"allowedAccess\": "
			"[%s], \"parent\": [",
			names);
		put(ctx, q);
		fputs("]}]}\n", ctx->out);
	} else {
		fprintf(ctx->out,
			"    [[path_beneath]]\n    allowed_access = [%s]\n"
			"    parent = [",
			names);
		put(ctx, q);
		fputs("]\n", ctx->out);
	}
out:
	free(q);
	free(names);
}

static void explain_net(struct learn_ctx *ctx, const struct tracee *t,
			const struct access *a)
{
	char *names = rights_text(LANDSCOPE_CATEGORY_NET, a->rights);
	char key[128];

	if (!names)
		return;
	snprintf(key, sizeof(key), "net %llu %u", (unsigned long long)a->rights,
		 a->port);
	if (!first_time(ctx->den, key)) {
		free(names);
		return;
	}
	line_start(ctx);
	fprintf(ctx->out, "denied: %s on port %u to pid %d (", names, a->port,
		(int)t->tid);
	landscope_escape(ctx->out, t->comm, 0);
	fputs(")\n", ctx->out);
	line_start(ctx);
	fputs("  allowed by:\n", ctx->out);
	if (ctx->explain_json)
		fprintf(ctx->out,
			"    {\"netPort\": [{\"allowedAccess\": [%s], "
			"\"port\": [%u]}]}\n",
			names, a->port);
	else
		fprintf(ctx->out,
			"    [[net_port]]\n    allowed_access = [%s]\n"
			"    port = [%u]\n",
			names, a->port);
	free(names);
}

static void explain_scope(struct learn_ctx *ctx, const struct tracee *t,
			  const struct access *a)
{
	const char *name =
		landscope_access_name(LANDSCOPE_CATEGORY_SCOPE, a->rights);
	char key[128];

	if (!name)
		return;
	snprintf(key, sizeof(key), "scope %s %ld", name, a->target);
	if (!first_time(ctx->den, key))
		return;
	line_start(ctx);
	fprintf(ctx->out, "denied: %s scope: pid %d (", name, (int)t->tid);
	landscope_escape(ctx->out, t->comm, 0);
	if (a->rights == LANDSCOPE_SCOPE_SIGNAL)
		fprintf(ctx->out, ") signalled pid %ld outside the sandbox\n",
			a->target);
	else {
		fputs(") connected to the abstract socket @", ctx->out);
		landscope_escape(ctx->out, a->name ? a->name : "", 0);
		fputs(" outside the sandbox\n", ctx->out);
	}
	line_start(ctx);
	fprintf(ctx->out,
		"  no rule allows it: remove \"%s\" from the %s of the "
		"ruleset\n",
		name, ctx->explain_json ? "\"scoped\" list" : "scoped list");
}

void explain_denied(struct learn_ctx *ctx, const struct tracee *t,
		    const struct access *a, int err)
{
	uint64_t rights = a->rights;
	struct stat st;

	switch (a->kind) {
	case ACCESS_FS:
		if (!rights || !a->path)
			return;
		if (err == EXDEV) {
			/* Only refer is Landlock's; other EXDEV are mounts. */
			rights &= FS(REFER);
			if (!rights)
				return;
		} else if (err != EACCES) {
			return;
		} else {
			/* The name to be made need not exist: its directory. */
			if (stat(a->path, &st) && errno == ENOENT)
				return;
			if (!dac_allows(a->path, rights))
				return;
		}
		explain_fs(ctx, t, a, rights);
		return;
	case ACCESS_NET:
		/* Ports below 1024 need a capability, and say EACCES too. */
		if (err != EACCES ||
		    ((a->rights & (LANDSCOPE_ACCESS_NET_BIND_TCP |
				   LANDSCOPE_ACCESS_NET_BIND_UDP)) &&
		     a->port && a->port < 1024 && geteuid()))
			return;
		explain_net(ctx, t, a);
		return;
	case ACCESS_SCOPE:
		if (err != EPERM)
			return;
		if (a->rights == LANDSCOPE_SCOPE_SIGNAL && kill(a->target, 0))
			return;
		explain_scope(ctx, t, a);
		return;
	}
}
