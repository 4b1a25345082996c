/* SPDX-License-Identifier: MIT */
/*
 * From the accesses of a run to a policy a person can read: landlockconfig
 * TOML, one [[path_beneath]] per set of rights, each path with a comment
 * saying what used it, paths and ports in byte order so that two runs of
 * the same program give the same file.
 *
 * Rules are collapsed to the directories that explain them:
 * - a name the run made (or replaced by rename) will be a new inode next
 *   time, so its rights go to the nearest directory that already existed
 *   (a build's temporary files give one rule on the temporary directory);
 * - files only read or executed collapse into their directory once three
 *   or more of its entries were used (a library directory, a package's
 *   data), then again upward, but never into /, a top-level directory, the
 *   home directory or its parents, a temporary directory, or a bin or
 *   sbin directory (each program is named): a secret beside the data
 *   stays denied, and another program is not executable;
 * - /proc/PID/... is /proc (the PIDs differ every run), /dev/pts/N is
 *   /dev/pts;
 * - a rule under another that already allows its rights is dropped.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#include "learn.h"
#include "record.h"

#define FS(x) LANDSCOPE_ACCESS_FS_##x
#define RX (FS(READ_FILE) | FS(READ_DIR) | FS(EXECUTE))
/* Entries of one directory that make it the rule. */
#define COLLAPSE_MIN 3

struct rule {
	char *path;
	uint64_t rights;
	struct who who;
	unsigned int nr_paths;
	char *example; /* one path it stands for, relative to @path */
	bool dead;
};

struct rules {
	struct rule *r;
	size_t nr, cap;
};

/* Valid UTF-8, as TOML and JSON strings must be. */
static bool utf8_valid(const unsigned char *s)
{
	while (*s) {
		unsigned int n, i;

		if (*s < 0x80) {
			s++;
			continue;
		}
		if ((*s & 0xe0) == 0xc0 && *s >= 0xc2)
			n = 1;
		else if ((*s & 0xf0) == 0xe0)
			n = 2;
		else if ((*s & 0xf8) == 0xf0 && *s <= 0xf4)
			n = 3;
		else
			return false;
		for (i = 1; i <= n; i++)
			if ((s[i] & 0xc0) != 0x80)
				return false;
		s += n + 1;
	}
	return true;
}

char *toml_string(const char *s)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f;

	if (!utf8_valid((const unsigned char *)s))
		return NULL;
	f = open_memstream(&buf, &size);
	if (!f)
		return NULL;
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
	if (fclose(f)) {
		free(buf);
		return NULL;
	}
	return buf;
}

void rights_list(FILE *f, int category, uint64_t rights)
{
	const char *sep = "";
	uint64_t bit;

	for (bit = 1; bit && bit <= rights; bit <<= 1) {
		const char *name;

		if (!(rights & bit))
			continue;
		name = landscope_access_name(category, bit);
		if (!name)
			continue;
		fprintf(f, "%s\"%s\"", sep, name);
		sep = ", ";
	}
}

/* A program name for a comment: printable ASCII only. */
static void put_who(FILE *f, const struct who *w)
{
	unsigned int i;
	const char *p;

	for (i = 0; i < w->nr; i++) {
		fputs(i ? ", " : "", f);
		for (p = w->name[i]; *p; p++)
			fputc(*p > 0x20 && *p < 0x7f && *p != '#' ? *p : '?',
			      f);
	}
	if (w->more)
		fputs(", ...", f);
	if (!w->nr)
		fputs("the command", f);
}

/* What was done, in words, for the comments. */
static void put_verbs(FILE *f, uint64_t rights)
{
	static const struct {
		uint64_t bits;
		const char *word;
	} verbs[] = {
		{ FS(EXECUTE), "executed" },
		{ FS(READ_FILE), "read" },
		{ FS(READ_DIR), "listed" },
		{ FS(WRITE_FILE), "written" },
		{ FS(TRUNCATE), "truncated" },
		{ FS(MAKE_REG) | FS(MAKE_DIR) | FS(MAKE_SYM) | FS(MAKE_SOCK) |
			  FS(MAKE_FIFO) | FS(MAKE_CHAR) | FS(MAKE_BLOCK),
		  "created in" },
		{ FS(REMOVE_FILE) | FS(REMOVE_DIR), "removed from" },
		{ FS(REFER), "renamed across" },
		{ FS(IOCTL_DEV), "device ioctl" },
		{ FS(RESOLVE_UNIX), "socket connected" },
	};
	const char *sep = "";
	size_t i;

	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		if (!(rights & verbs[i].bits))
			continue;
		fprintf(f, "%s%s", sep, verbs[i].word);
		sep = ", ";
	}
}

/* qsort(), which must not be given NULL even for nothing to sort. */
static void sort(void *base, size_t nr, size_t size,
		 int (*cmp)(const void *, const void *))
{
	if (nr)
		qsort(base, nr, size, cmp);
}

static struct rule *rules_add(struct rules *rs, const char *path)
{
	struct rule *n;

	if (rs->nr == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 256;
		n = realloc(rs->r, rs->cap * sizeof(*n));
		if (!n)
			return NULL;
		rs->r = n;
	}
	n = &rs->r[rs->nr];
	memset(n, 0, sizeof(*n));
	n->path = strdup(path);
	if (!n->path)
		return NULL;
	rs->nr++;
	return n;
}

static bool is_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/*
 * Where a path's rights go: to its directory if the run made it (or
 * anything above it), /proc and /dev/pts for names that change each run.
 */
static char *home_of(const struct record *rec, const char *path)
{
	char *p = strdup(path), *top = NULL, *slash;

	if (!p)
		return NULL;
	if (!strncmp(p, "/proc/", 6)) {
		p[5] = 0;
		return p;
	}
	if (!strncmp(p, "/dev/pts/", 9) && is_digits(p + 9, strlen(p + 9))) {
		p[8] = 0;
		return p;
	}
	/* The outermost made component: its directory existed. */
	for (slash = strchr(p + 1, '/');; slash = strchr(slash + 1, '/')) {
		bool made;

		if (slash)
			*slash = 0;
		made = record_is_created(rec, p);
		if (made) {
			top = strrchr(p, '/');
			if (top == p)
				top[1] = 0;
			else
				*top = 0;
			return p;
		}
		if (!slash)
			break;
		*slash = '/';
	}
	return p;
}

static const char *home_dir;

/* Directories a rule may be on only if used directly, never collapsed to. */
static bool stop_dir(const char *path)
{
	static const char *const temps[] = { "/tmp", "/var/tmp", "/dev/shm",
					     "/run/user", "/home" };
	const char *slash = strrchr(path, '/');
	size_t i, len = strlen(path);

	if (slash == path) /* / and top-level directories */
		return true;
	/* Programs are listed one by one: /usr/bin holds every other one. */
	if (!strcmp(slash, "/bin") || !strcmp(slash, "/sbin"))
		return true;
	for (i = 0; i < sizeof(temps) / sizeof(temps[0]); i++)
		if (!strcmp(path, temps[i]))
			return true;
	/* /run/user/UID, /home/USER */
	if ((!strncmp(path, "/run/user/", 10) && !strchr(path + 10, '/')) ||
	    (!strncmp(path, "/home/", 6) && !strchr(path + 6, '/')))
		return true;
	/* The home directory and every directory above it. */
	if (home_dir && !strncmp(home_dir, path, len) &&
	    (home_dir[len] == '/' || !home_dir[len]))
		return true;
	return false;
}

static int by_path(const void *a, const void *b)
{
	const struct rule *x = a, *y = b;

	return strcmp(x->path, y->path);
}

/* Merge equal paths, after home_of(). */
static void merge_equal(struct rules *rs)
{
	size_t i, j;

	sort(rs->r, rs->nr, sizeof(rs->r[0]), by_path);
	for (i = 0; i < rs->nr; i = j) {
		for (j = i + 1;
		     j < rs->nr && !strcmp(rs->r[i].path, rs->r[j].path); j++) {
			rs->r[i].rights |= rs->r[j].rights;
			who_merge(&rs->r[i].who, &rs->r[j].who);
			rs->r[i].nr_paths += rs->r[j].nr_paths;
			if (!rs->r[i].example) {
				rs->r[i].example = rs->r[j].example;
				rs->r[j].example = NULL;
			}
			rs->r[j].dead = true;
		}
	}
}

struct child {
	char *parent;
	size_t idx;
};

static int by_parent(const void *a, const void *b)
{
	const struct child *x = a, *y = b;

	return strcmp(x->parent, y->parent);
}

/* One pass of the read-only collapse; return whether it changed. */
static bool collapse_pass(struct rules *rs)
{
	struct child *c = calloc(rs->nr ? rs->nr : 1, sizeof(*c));
	size_t n = 0, i, j, k, nr = rs->nr;
	bool changed = false;

	if (!c)
		return false;
	for (i = 0; i < nr; i++) {
		struct rule *r = &rs->r[i];

		if (r->dead || (r->rights & ~RX) || !strcmp(r->path, "/"))
			continue;
		c[n].parent = path_parent(r->path);
		if (!c[n].parent)
			continue;
		c[n++].idx = i;
	}
	sort(c, n, sizeof(*c), by_parent);
	for (i = 0; i < n; i = j) {
		struct rule *to;

		for (j = i + 1; j < n && !strcmp(c[i].parent, c[j].parent); j++)
			;
		if (j - i < COLLAPSE_MIN || stop_dir(c[i].parent))
			continue;
		to = rules_add(rs, c[i].parent);
		if (!to)
			break;
		to->nr_paths = 0;
		for (k = i; k < j; k++) {
			struct rule *from = &rs->r[c[k].idx];
			const char *rel = from->path + strlen(c[i].parent);

			to->rights |= from->rights;
			who_merge(&to->who, &from->who);
			to->nr_paths += from->nr_paths;
			if (!to->example) {
				rel += *rel == '/';
				if (from->example) {
					if (asprintf(&to->example, "%s/%s", rel,
						     from->example) < 0)
						to->example = NULL;
				} else {
					to->example = strdup(rel);
				}
			}
			from->dead = true;
		}
		changed = true;
	}
	for (i = 0; i < n; i++)
		free(c[i].parent);
	free(c);
	if (changed)
		merge_equal(rs);
	return changed;
}

/* A rule whose rights a rule above it already has. */
static void drop_covered(struct rules *rs)
{
	size_t i, j, len;

	/* Sorted: the rules above a path come before it. */
	sort(rs->r, rs->nr, sizeof(rs->r[0]), by_path);
	for (i = 0; i < rs->nr; i++) {
		if (rs->r[i].dead)
			continue;
		len = strlen(rs->r[i].path);
		for (j = i + 1; j < rs->nr; j++) {
			struct rule *b = &rs->r[j];

			if (strncmp(b->path, rs->r[i].path, len))
				break;
			if (b->dead || (b->path[len] != '/' && len != 1) ||
			    (b->rights & ~rs->r[i].rights))
				continue;
			rs->r[i].nr_paths += b->nr_paths;
			who_merge(&rs->r[i].who, &b->who);
			b->dead = true;
		}
	}
}

static int by_rights_path(const void *a, const void *b)
{
	const struct rule *x = a, *y = b;
	bool xr = !(x->rights & ~RX), yr = !(y->rights & ~RX);

	if (xr != yr)
		return xr ? -1 : 1;
	if (x->rights != y->rights)
		return x->rights < y->rights ? -1 : 1;
	return strcmp(x->path, y->path);
}

static void put_comment_path(FILE *f, const char *s)
{
	char *q = toml_string(s);

	if (q)
		fputs(q, f);
	else
		fputs("(a name that is not UTF-8)", f);
	free(q);
}

/* The rules, grouped by rights; return how many paths were written. */
static unsigned int write_paths(FILE *f, struct rules *rs, uint64_t abi_fs,
				FILE *later, unsigned int *not_utf8)
{
	unsigned int count = 0;
	uint64_t group = 0;
	bool open = false;
	size_t i;

	sort(rs->r, rs->nr, sizeof(rs->r[0]), by_rights_path);
	for (i = 0; i < rs->nr; i++) {
		struct rule *r = &rs->r[i];
		uint64_t rights = r->rights & abi_fs;
		char *q;

		if (r->dead || !r->rights)
			continue;
		if (r->rights & ~abi_fs) {
			fputs("#   ", later);
			rights_list(later, LANDSCOPE_CATEGORY_FS,
				    r->rights & ~abi_fs);
			fputs(" on ", later);
			put_comment_path(later, r->path);
			fputs(" (", later);
			put_who(later, &r->who);
			fputs(")\n", later);
		}
		if (!rights)
			continue;
		q = toml_string(r->path);
		if (!q) {
			(*not_utf8)++;
			continue;
		}
		if (!open || rights != group) {
			if (open)
				fputs("]\n\n", f);
			fputs("# ", f);
			put_verbs(f, rights);
			fputs("\n[[path_beneath]]\nallowed_access = [", f);
			rights_list(f, LANDSCOPE_CATEGORY_FS, rights);
			fputs("]\nparent = [\n", f);
			group = rights;
			open = true;
		}
		fprintf(f, "\t%s, # ", q);
		free(q);
		put_verbs(f, r->rights & abi_fs);
		fputs(" by ", f);
		put_who(f, &r->who);
		if (r->nr_paths > 1) {
			fprintf(f, ": %u paths", r->nr_paths);
			if (r->example) {
				fputs(", such as ", f);
				put_comment_path(f, r->example);
			}
		}
		fputc('\n', f);
		count++;
	}
	if (open)
		fputs("]\n\n", f);
	return count;
}

static int by_port_rights(const void *a, const void *b)
{
	const struct port_entry *x = a, *y = b;

	if (x->rights != y->rights)
		return x->rights < y->rights ? -1 : 1;
	return x->port < y->port ? -1 : x->port > y->port;
}

static const char *net_verb(uint64_t rights)
{
	if (rights == LANDSCOPE_ACCESS_NET_BIND_TCP ||
	    rights == LANDSCOPE_ACCESS_NET_BIND_UDP)
		return "bound";
	if (rights == LANDSCOPE_ACCESS_NET_CONNECT_TCP)
		return "connected to";
	if (rights == LANDSCOPE_ACCESS_NET_CONNECT_SEND_UDP)
		return "sent to";
	return "bound and connected to";
}

static unsigned int write_ports(FILE *f, struct port_entry *p, size_t nr,
				uint64_t abi_net, FILE *later,
				const struct covered *old)
{
	unsigned int count = 0;
	uint64_t group = 0;
	bool open = false;
	size_t i;

	sort(p, nr, sizeof(*p), by_port_rights);
	for (i = 0; i < nr; i++) {
		uint64_t rights = p[i].rights & abi_net;

		if (old && covered_port(old, p[i].port, p[i].rights))
			continue;
		if (p[i].rights & ~abi_net) {
			fputs("#   ", later);
			rights_list(later, LANDSCOPE_CATEGORY_NET,
				    p[i].rights & ~abi_net);
			fprintf(later, " on port %u (", p[i].port);
			put_who(later, &p[i].who);
			fputs(")\n", later);
		}
		if (!rights)
			continue;
		if (!open || rights != group) {
			if (open)
				fputs("]\n\n", f);
			fputs("[[net_port]]\nallowed_access = [", f);
			rights_list(f, LANDSCOPE_CATEGORY_NET, rights);
			fputs("]\nport = [\n", f);
			group = rights;
			open = true;
		}
		fprintf(f, "\t%u, # %s by ", p[i].port, net_verb(rights));
		put_who(f, &p[i].who);
		fputc('\n', f);
		count++;
	}
	if (open)
		fputs("]\n\n", f);
	return count;
}

static void put_command(FILE *f, char *const *argv)
{
	size_t i;

	fputs("#  ", f);
	for (i = 0; argv[i]; i++) {
		fputc(' ', f);
		put_comment_path(f, argv[i]);
	}
	fputc('\n', f);
}

/* The rules of the run: home_of() applied, what @old allows left out. */
static int gather(const struct record *rec, const struct covered *old,
		  struct rules *rs)
{
	size_t i;

	for (i = 0; i < rec->cap; i++) {
		const struct entry *e = &rec->entries[i];
		uint64_t rights = e->rights;
		struct rule *r;
		char *home;

		if (!e->path)
			continue;
		/*
		 * ioctl on a device the run did not open itself (the
		 * terminal it was given) is not checked: Landlock decides
		 * at open.
		 */
		if (!(rights & (FS(READ_FILE) | FS(WRITE_FILE))))
			rights &= ~FS(IOCTL_DEV);
		if (!rights)
			continue;
		home = home_of(rec, e->path);
		if (!home)
			return -ENOMEM;
		if (old && covered_fs(old, home, rights)) {
			free(home);
			continue;
		}
		r = rules_add(rs, home);
		if (!r) {
			free(home);
			return -ENOMEM;
		}
		r->rights = rights;
		r->who = e->who;
		r->nr_paths = 1;
		if (strcmp(home, e->path)) {
			const char *rel = e->path + strlen(home);

			r->example = strdup(rel + (*rel == '/'));
		}
		free(home);
	}
	return 0;
}

/* The learned ABI: the running kernel's, or the newest known without. */
static int learned_abi(void)
{
	int abi = landscope_abi_version();

	return abi > 0 ? abi : LANDSCOPE_ABI_LAST;
}

int policy_write(struct learn_ctx *ctx, const char *path, char *const *argv,
		 const struct covered *old)
{
	struct record *rec = ctx->rec;
	struct rules rs = { 0 };
	char *body = NULL, *notes = NULL, *tmp = NULL;
	size_t body_size = 0, notes_size = 0, i;
	unsigned int count, not_utf8 = 0;
	FILE *f = NULL, *later = NULL, *out = NULL, *in;
	int abi = old && covered_abi(old) > 0 ? covered_abi(old)
					      : learned_abi();
	uint64_t scopes;
	char *home_real = NULL;
	int err;

	home_real = getenv("HOME") ? realpath(getenv("HOME"), NULL) : NULL;
	home_dir = home_real;
	err = gather(rec, old, &rs);
	if (err)
		goto out;
	merge_equal(&rs);
	while (collapse_pass(&rs))
		;
	drop_covered(&rs);

	f = open_memstream(&body, &body_size);
	later = open_memstream(&notes, &notes_size);
	if (!f || !later) {
		err = -ENOMEM;
		goto out;
	}
	count = write_paths(f, &rs,
			    landscope_access_of_abi(LANDSCOPE_CATEGORY_FS, abi),
			    later, &not_utf8);
	count += write_ports(f, rec->ports, rec->nr_ports,
			     landscope_access_of_abi(LANDSCOPE_CATEGORY_NET,
						     abi),
			     later, old);
	if (fclose(f) || fclose(later)) {
		f = later = NULL;
		err = -ENOMEM;
		goto out;
	}
	f = later = NULL;
	scopes = landscope_access_of_abi(LANDSCOPE_CATEGORY_SCOPE, abi);

	if (old && !count && !(rec->scopes_needed & scopes) && !*notes) {
		fprintf(stderr, "%s: --learn: ", ctx->prog);
		landscope_escape(stderr, path, 0);
		fputs(" already allows everything this run needed\n", stderr);
		err = 0;
		goto out;
	}
	if (asprintf(&tmp, "%s.learn-XXXXXX", path) < 0) {
		tmp = NULL;
		err = -ENOMEM;
		goto out;
	}
	{
		int fd = mkstemp(tmp);

		out = fd < 0 ? NULL : fdopen(fd, "w");
		if (!out) {
			err = -errno;
			if (fd >= 0)
				close(fd);
			goto write_failed;
		}
	}
	if (old) {
		/* The file as it was, every rule and comment, then the new. */
		char buf[8192];
		size_t n;

		in = fopen(path, "re");
		if (!in) {
			err = -errno;
			goto write_failed;
		}
		while ((n = fread(buf, 1, sizeof(buf), in)))
			fwrite(buf, 1, n, out);
		fclose(in);
		fputs("\n# Added by landscope-run --learn, for a run of:\n",
		      out);
		put_command(out, argv);
		fputc('\n', out);
		if (rec->scopes_needed & scopes) {
			fputs("# This run also needed to cross a scope: remove "
			      "it from scoped above:\n",
			      out);
			for (i = 0; i < 2; i++)
				if (rec->scope_why[i][0])
					fprintf(out, "#   %s\n",
						rec->scope_why[i]);
		}
	} else {
		fputs("# Learned by landscope-run --learn from a run of:\n",
		      out);
		put_command(out, argv);
		fprintf(out,
			"# for Landlock ABI %d%s.  What that ABI can\n"
			"# restrict is denied except where a rule allows it; a "
			"rule allows its\n# rights on everything beneath its "
			"path.  Review before use.\nabi = %d\n\n",
			abi,
			landscope_abi_version() > 0
				? " (the running kernel's)"
				: " (the newest known: this kernel has none)",
			abi);
		fputs("[[ruleset]]\nhandled_access_fs = [\"abi.all\"]\n", out);
		if (landscope_access_of_abi(LANDSCOPE_CATEGORY_NET, abi))
			fputs("handled_access_net = [\"abi.all\"]\n", out);
		if (scopes & ~rec->scopes_needed) {
			fputs("scoped = [", out);
			rights_list(out, LANDSCOPE_CATEGORY_SCOPE,
				    scopes & ~rec->scopes_needed);
			fputs("]\n", out);
		}
		for (i = 0; i < 2; i++)
			if (rec->scope_why[i][0] &&
			    (rec->scopes_needed & scopes))
				fprintf(out, "# Not scoped: %s outside.\n",
					rec->scope_why[i]);
		fputc('\n', out);
	}
	fputs(body, out);
	if (*notes) {
		fprintf(out,
			"# Used, but not restricted by ABI %d, so not "
			"written:\n%s",
			abi, notes);
	}
	if (not_utf8)
		fprintf(out,
			"# %u paths are not UTF-8: a policy file cannot name "
			"them.\n",
			not_utf8);
	if (fflush(out) || ferror(out) || fsync(fileno(out))) {
		err = -errno;
		goto write_failed;
	}
	if (fclose(out)) {
		out = NULL;
		err = -errno;
		goto write_failed;
	}
	out = NULL;
	if (rename(tmp, path)) {
		err = -errno;
		goto write_failed;
	}
	fprintf(stderr, "%s: --learn: %s %u rule%s in ", ctx->prog,
		old ? "added" : "wrote", count, count == 1 ? "" : "s");
	landscope_escape(stderr, path, 0);
	fputc('\n', stderr);
	err = 0;
	goto out;
write_failed:
	fprintf(stderr, "%s: --learn: cannot write ", ctx->prog);
	landscope_escape(stderr, path, 0);
	fprintf(stderr, ": %s\n", strerror(-err));
	if (out)
		fclose(out);
	out = NULL;
	unlink(tmp);
out:
	if (f)
		fclose(f);
	if (later)
		fclose(later);
	for (i = 0; i < rs.nr; i++) {
		free(rs.r[i].path);
		free(rs.r[i].example);
	}
	free(rs.r);
	free(body);
	free(notes);
	free(tmp);
	free(home_real);
	return err;
}
