// SPDX-License-Identifier: MIT
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfgtest.h"

struct landscope_config *ct_new(void)
{
	struct landscope_config *c = NULL;

	assert_int_equal(landscope_config_new(&c, 0), 0);
	assert_non_null(c);
	return c;
}

int ct_parse(struct landscope_config *c, unsigned int fmt, const char *text)
{
	return landscope_config_parse_buffer(
		c, text, strlen(text), fmt == JSON ? "t.json" : "t.toml", fmt);
}

static char line[1 << 16];

static void add(size_t *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void add(size_t *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	*o += (size_t)vsnprintf(line + *o, sizeof(line) - *o, fmt, ap);
	va_end(ap);
	assert_true(*o < sizeof(line));
}

const char *ct_policy(struct landscope_config *c)
{
	struct landscope_ruleset *rs = NULL;
	struct landscope_report *r = NULL;
	uint64_t req[3];
	size_t o = 0;
	int err, i, n;

	err = landscope_config_build(c, &rs, 0);
	if (err) {
		assert_null(rs);
		snprintf(line, sizeof(line), "error %d: %s", err,
			 landscope_config_error(c));
		return line;
	}
	assert_string_equal(landscope_config_error(c), "");
	err = landscope_ruleset_restrict_self(rs, LANDSCOPE_RESTRICT_DRY_RUN,
					      &r);
	landscope_ruleset_free(rs);
	if (err) {
		landscope_report_free(r);
		snprintf(line, sizeof(line), "error %d: at enforcement", err);
		return line;
	}
	for (i = 0; i < 3; i++)
		assert_int_equal(landscope_report_category(r, i, &req[i], NULL),
				 0);
	add(&o, "fs=0x%" PRIx64 " net=0x%" PRIx64 " scope=0x%" PRIx64, req[0],
	    req[1], req[2]);
	n = landscope_report_rule_count(r);
	for (i = 0; i < n; i++) {
		struct landscope_rule_info info = unit_rule(r, (unsigned int)i);

		if (info.type == LANDSCOPE_RULE_TYPE_NET_PORT) {
			add(&o, " :%" PRIu64 "=0x%" PRIx64, info.port,
			    info.requested);
			continue;
		}
		add(&o, " %s=0x%" PRIx64, info.path, info.requested);
		if (info.outcome & LANDSCOPE_OUTCOME_SKIPPED_MISSING)
			add(&o, "!%s", strerror(-info.error));
		if (info.outcome & LANDSCOPE_OUTCOME_MASKED_FILE)
			add(&o, "/file");
	}
	landscope_report_free(r);
	return line;
}

const char *ct_show(const char *s)
{
	/* Two at a time in one message. */
	static char bufs[2][4096];
	static int turn;
	char *buf = bufs[turn ^= 1];
	size_t o = 0;

	for (; *s && o < sizeof(bufs[0]) - 8; s++) {
		if (*s == '\n')
			o += (size_t)snprintf(buf + o, sizeof(bufs[0]) - o,
					      "\\n");
		else
			buf[o++] = *s;
	}
	buf[o] = '\0';
	return buf;
}

void ct_expect_at(const char *file, int lineno, unsigned int fmt,
		  const char *text, const char *want)
{
	struct landscope_config *c = ct_new();
	char got[sizeof(line)];
	int err;

	err = ct_parse(c, fmt, text);
	if (err)
		snprintf(got, sizeof(got), "error %d: %s", err,
			 landscope_config_error(c));
	else
		snprintf(got, sizeof(got), "%s", ct_policy(c));
	landscope_config_free(c);
	if (strcmp(got, want))
		fail_msg("%s:%d: for %s\n  got:  %s\n  want: %s", file, lineno,
			 ct_show(text), ct_show(got), want);
}

void ct_write(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

char *ct_tmpdir(void)
{
	char tmpl[] = "/tmp/landscope-config.XXXXXX";
	char *d = mkdtemp(tmpl);

	assert_non_null(d);
	d = strdup(d);
	assert_non_null(d);
	return d;
}

static void rm_tree(const char *path)
{
	struct dirent *de;
	char sub[4096];
	struct stat st;
	DIR *dir;

	if (lstat(path, &st) || !S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	dir = opendir(path);
	if (dir) {
		while ((de = readdir(dir))) {
			if (!strcmp(de->d_name, ".") ||
			    !strcmp(de->d_name, ".."))
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
			rm_tree(sub);
		}
		closedir(dir);
	}
	rmdir(path);
}

void ct_rmdir(char *dir)
{
	if (!dir)
		return;
	rm_tree(dir);
	free(dir);
}

int ct_open_fds(void)
{
	struct dirent *de;
	DIR *dir = opendir("/proc/self/fd");
	int n = 0;

	assert_non_null(dir);
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			n++;
	closedir(dir);
	/* Not the one opendir() holds. */
	return n - 1;
}
