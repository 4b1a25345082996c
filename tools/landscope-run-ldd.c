// SPDX-License-Identifier: MIT
/*
 * landscope-run --add-exec, --ldd: allow the command and what it loads.
 *
 * How the libraries are found: by asking the program's own loader
 * (PT_INTERP) to list them (ld.so --list), as ldd(1) does, rather than
 * by reading DT_NEEDED and redoing the loader's search (RUNPATH, $ORIGIN,
 * ld.so.cache, hwcaps subdirectories, the distribution's multiarch
 * paths): only the loader knows its own search, and a second
 * implementation would allow other files than those it maps.
 *
 * What that runs, and why it is acceptable: the loader, never the
 * program's code (--list maps the libraries and runs no constructor).
 * A hostile program could name a hostile loader, so the loader must be
 * a system file (owned by root, writable by no one else), runs with an
 * empty environment (LD_LIBRARY_PATH, LD_PRELOAD... cannot change the
 * list: no variable changes what is enforced), and runs in a child that
 * has restricted itself first: read and execute only, no write, no
 * network, no signal nor abstract socket outside.  What it prints is
 * still untrusted: only absolute paths of regular ELF files are kept,
 * each allowed as one file (read and execute), never a directory.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#include "landscope-run-ldd.h"

/* The loader's listing, at most; a real one is a few KiB. */
#define LIST_MAX 65536

static int add(struct ldd_paths *p, const char *path)
{
	unsigned int i;

	for (i = 0; i < p->nr; i++)
		if (!strcmp(p->path[i], path))
			return 0;
	if (p->nr == LDD_MAX_PATHS) {
		run_warn("--ldd: more than %d files to allow", LDD_MAX_PATHS);
		return -E2BIG;
	}
	p->path[p->nr] = strdup(path);
	if (!p->path[p->nr])
		return -ENOMEM;
	p->nr++;
	return 0;
}

void ldd_free(struct ldd_paths *p)
{
	while (p->nr)
		free(p->path[--p->nr]);
}

char *path_find(const char *cmd)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	if (strchr(cmd, '/'))
		return strdup(cmd);
	if (!path)
		path = "/bin:/usr/bin";
	while (*path) {
		const char *end = strchrnul(path, ':');
		int n = snprintf(buf, sizeof(buf), "%.*s/%s", (int)(end - path),
				 path, cmd);

		if (n > 0 && (size_t)n < sizeof(buf) && !access(buf, F_OK))
			return strdup(buf);
		if (!*end)
			break;
		path = end + 1;
	}
	errno = ENOENT;
	return NULL;
}

/*
 * The PT_INTERP of the ELF file @fd into @buf: 1, 0 for a static
 * program, -ENOEXEC for a file that is not a native ELF program.
 */
static int elf_interp(int fd, char *buf, size_t size)
{
	unsigned char ident[EI_NIDENT];
	ElfW(Ehdr) eh;
	ElfW(Phdr) ph;
	unsigned int i;

	if (pread(fd, ident, sizeof(ident), 0) != sizeof(ident) ||
	    memcmp(ident, ELFMAG, SELFMAG))
		return -ENOEXEC;
	/* Only this machine's class: the loader is for this machine. */
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    ident[EI_CLASS] !=
		    (sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32) ||
	    eh.e_phentsize != sizeof(ph))
		return -ENOEXEC;
	for (i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)) !=
		    sizeof(ph))
			return -ENOEXEC;
		if (ph.p_type != PT_INTERP)
			continue;
		if (ph.p_filesz < 2 || ph.p_filesz > size ||
		    pread(fd, buf, ph.p_filesz, ph.p_offset) !=
			    (ssize_t)ph.p_filesz ||
		    buf[ph.p_filesz - 1] || buf[0] != '/' ||
		    strlen(buf) != ph.p_filesz - 1)
			return -ENOEXEC;
		return 1;
	}
	return 0;
}

/* Whether @path is a regular ELF file: what a listing may name. */
static bool is_elf(const char *path)
{
	char magic[SELFMAG];
	struct stat st;
	bool ok;
	int fd;

	/* Never opened unless regular: opening a device can act. */
	if (stat(path, &st) || !S_ISREG(st.st_mode))
		return false;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return false;
	ok = !fstat(fd, &st) && S_ISREG(st.st_mode) &&
	     pread(fd, magic, SELFMAG, 0) == SELFMAG &&
	     !memcmp(magic, ELFMAG, SELFMAG);
	close(fd);
	return ok;
}

/* The child: restrict, then run the loader's listing to stdout. */
static void __attribute__((noreturn))
list_child(int loader_fd, const char *loader, const char *program)
{
	struct landscope_ruleset *rs = NULL;
	char *const argv[] = { (char *)loader, "--list", (char *)program,
			       NULL };
	char *const envp[] = { NULL };
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDERR_FILENO);
	}
	/*
	 * Best effort: the loader is a system file either way; the sandbox
	 * only limits what a bug in it could do with a hostile program.
	 */
	if (!landscope_ruleset_new(&rs, 0) &&
	    !landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_FS,
					   LANDSCOPE_ACCESS_FS_ALL) &&
	    !landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
					   LANDSCOPE_ACCESS_NET_ALL) &&
	    !landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_SCOPE,
					   LANDSCOPE_SCOPE_ABSTRACT_UNIX_SOCKET |
						   LANDSCOPE_SCOPE_SIGNAL) &&
	    !landscope_ruleset_add_path(rs, "/", LANDSCOPE_ACCESS_FS_READ_EXEC,
					0))
		landscope_ruleset_restrict_self(rs, 0, NULL);
	/* The file that was checked, whatever its path holds now. */
	fexecve(loader_fd, argv, envp);
	_exit(127);
}

/* Run @loader --list @program; its output, NUL-terminated, in @buf. */
static int run_list(int loader_fd, const char *loader, const char *program,
		    char *buf, size_t size)
{
	size_t len = 0;
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return -errno;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -errno;
	}
	if (!pid) {
		dup2(fds[1], STDOUT_FILENO);
		list_child(loader_fd, loader, program);
	}
	close(fds[1]);
	while (len < size - 1 &&
	       (n = read(fds[0], buf + len, size - 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return -ENOEXEC;
	return 0;
}

/*
 * The paths of a listing: "name => /path (0x...)", "/path (0x...)";
 * "name (0x...)" (the vDSO) has none; "name => not found" is said.
 */
static int parse_list(char *list, struct ldd_paths *p)
{
	char *line, *next = list;
	int err;

	while ((line = strsep(&next, "\n"))) {
		char *path = strstr(line, " => "), *end;

		path = path ? path + 4 : line + strspn(line, " \t");
		if (!strncmp(path, "not found", 9)) {
			run_warn("warning: --ldd: the loader found no \"%.*s\"",
				 (int)strcspn(line + strspn(line, " \t"), " "),
				 line + strspn(line, " \t"));
			continue;
		}
		if (*path != '/')
			continue;
		end = strstr(path, " (0x");
		if (end)
			*end = '\0';
		if (!is_elf(path))
			continue;
		err = add(p, path);
		if (err)
			return err;
	}
	return 0;
}

/* The loader of @program and its libraries, if it has one. */
static int add_libs(const char *program, struct ldd_paths *p)
{
	char interp[PATH_MAX], *list;
	struct stat st;
	int fd, err;

	fd = open(program, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		err = errno;
		run_warn("--ldd: \"%s\": %s", program, strerror(err));
		return -err;
	}
	err = elf_interp(fd, interp, sizeof(interp));
	close(fd);
	if (err <= 0) {
		if (err)
			run_warn("--ldd: \"%s\" is no program for this machine",
				 program);
		return err;
	}
	/*
	 * Run only a system loader: one a user cannot have replaced.  Opened
	 * once, checked and executed through the same descriptor, so that
	 * no rename in between can substitute another file.
	 */
	fd = open(interp, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_uid ||
	    (st.st_mode & (S_IWGRP | S_IWOTH))) {
		run_warn(
			"--ldd: the loader \"%s\" is not a system file (owned by "
			"root, writable by no one else): not run",
			interp);
		if (fd >= 0)
			close(fd);
		return -EPERM;
	}
	err = add(p, interp);
	list = err ? NULL : malloc(LIST_MAX);
	if (!err && !list)
		err = -ENOMEM;
	if (err) {
		close(fd);
		return err;
	}
	err = run_list(fd, interp, program, list, LIST_MAX);
	close(fd);
	if (err)
		run_warn("--ldd: \"%s --list\" failed for \"%s\"", interp,
			 program);
	else
		err = parse_list(list, p);
	free(list);
	return err;
}

/* The interpreter of a "#!" script, or NULL. */
static char *script_interp(const char *program)
{
	char line[256];
	FILE *f = fopen(program, "re");
	char *ret = NULL;

	if (!f)
		return NULL;
	if (fgets(line, sizeof(line), f) && !strncmp(line, "#!", 2)) {
		char *s = line + 2 + strspn(line + 2, " \t");

		s[strcspn(s, " \t\n")] = '\0';
		if (*s == '/')
			ret = strdup(s);
	}
	fclose(f);
	return ret;
}

int ldd_paths(const char *cmd, bool libs, struct ldd_paths *ret)
{
	char *program = path_find(cmd), *interp;
	int err;

	if (!program) {
		err = errno;
		run_warn("--add-exec: \"%s\": %s", cmd, strerror(err));
		return -err;
	}
	err = add(ret, program);
	if (!err && libs) {
		interp = script_interp(program);
		if (interp) {
			err = add(ret, interp);
			if (!err)
				err = add_libs(interp, ret);
			free(interp);
		} else {
			err = add_libs(program, ret);
		}
	}
	free(program);
	return err;
}
