/* SPDX-License-Identifier: MIT */
/*
 * landscope-run --learn and --explain (issue 26): observe what a command
 * and its descendants ask of the kernel, without privileges, and either
 * write the Landlock policy that allows it (--learn) or say which of the
 * policy's denials it met (--explain).
 *
 * The pieces, one job each:
 *   trace.c          runs the command under ptrace, stopped by a seccomp
 *                    filter only at the syscalls Landlock checks
 *   syscalls.c       turns one such syscall into the accesses it needs
 *   paths.c          reads a tracee's memory and resolves its paths
 *   record.c         the accesses of a whole run, for --learn
 *   policy-writer.c  collapses them into rules and writes the TOML
 *   merge.c          what an existing policy already allows
 *   explain.c        prints each distinct denial with the rule that
 *                    would allow it
 */
#ifndef LANDSCOPE_TOOLS_LEARN_H
#define LANDSCOPE_TOOLS_LEARN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* What one syscall needs from Landlock. */
enum access_kind {
	ACCESS_FS, /* @rights on @path */
	ACCESS_NET, /* @rights on @port */
	ACCESS_SCOPE, /* @rights: the scope that would deny it */
};

struct access {
	enum access_kind kind;
	uint64_t rights; /* LANDSCOPE_ACCESS_FS_*, _NET_* or SCOPE_* */
	char *path; /* ACCESS_FS: resolved, absolute; owned */
	/*
	 * ACCESS_FS: @path is made by this call (or replaced, by rename or
	 * link), so the next run will meet a new inode there: its rights
	 * belong on a directory that already existed.
	 */
	bool created;
	/* ACCESS_FS: @path was found to be a directory. */
	bool is_dir;
	unsigned int port; /* ACCESS_NET */
	/* ACCESS_SCOPE: the signal's target, or -1. */
	long target;
	/* ACCESS_SCOPE: the abstract socket's name, escaped later; owned. */
	char *name;
};

/* The accesses of one syscall, at most a few. */
#define CALL_MAX_ACCESSES 6

struct call {
	long nr;
	uint64_t args[6];
	unsigned int nr_accesses;
	struct access accesses[CALL_MAX_ACCESSES];
	/*
	 * open*(): its accesses are made at exit, from the fd it returned
	 * (the object the kernel resolved) or, if denied, from the path.
	 */
	bool is_open;
	char *open_path; /* joined, unresolved */
	uint64_t open_flags;
	bool open_existed; /* O_CREAT: the path existed before the call */
	bool is_exec; /* execve*(): recorded at PTRACE_EVENT_EXEC */
	/* connect(2) and the like: recorded even when it failed on its own. */
	bool record_on_error;
	/* An abstract Unix socket this call binds: recorded on success. */
	char *bound_abstract;
};

/* One traced thread. */
struct tracee {
	pid_t tid;
	bool started; /* its first stop was seen */
	bool in_call; /* stopped at a syscall's entry, its exit to come */
	char comm[16];
	struct call call;
};

struct learn_ctx {
	const char *prog;
	bool explain;
	/* --explain: the syntax of the rules printed (json or toml). */
	bool explain_json;
	FILE *out; /* --explain's messages: stderr */
	bool ran; /* a traced process executed something */
	struct record *rec; /* --learn */
	struct denials *den; /* --explain */
	/* Every thread ever traced: a signal to one stays in the sandbox. */
	pid_t *tree;
	size_t nr_tree, cap_tree;
	/* Abstract Unix socket names bound inside the tree. */
	char **abstract;
	size_t nr_abstract;
};

/* paths.c */
int read_string(pid_t tid, uint64_t addr, char *buf, size_t size);
int read_mem(pid_t tid, uint64_t addr, void *buf, size_t size);
/* The absolute, unresolved form of @path as @tid sees it from @dirfd. */
char *path_join_at(pid_t tid, int dirfd, const char *path);
/* @abs with every symbolic link resolved; the last component need not
 * exist (then it is kept as it is and *@exists is false). */
char *path_resolve(const char *abs, bool follow_last, bool *exists);
/* The path an fd of @tid names, or NULL if not a path. */
char *fd_path(pid_t tid, int fd);
char *path_parent(const char *path);

/* syscalls.c */
void call_entry(struct learn_ctx *ctx, struct tracee *t);
void call_exit(struct learn_ctx *ctx, struct tracee *t, long ret);
/* At PTRACE_EVENT_EXEC: the program @tid now runs. */
void call_exec(struct learn_ctx *ctx, struct tracee *t);
void call_clear(struct call *c);
/* The syscalls the seccomp filter stops at, -1 terminated. */
extern const int traced_syscalls[];

/* trace.c */
/*
 * Fork: in the child, return 0 once traced, with the filter installed
 * (the caller restricts itself, if it wants, and executes the command);
 * in the parent, trace until every tracee is gone and exit with the
 * command's status (never returns), or 125 if @done fails.  Return a negative errno on failure
 * before forking.
 */
int trace_fork(struct learn_ctx *ctx, int (*done)(struct learn_ctx *ctx));

/* record.c */
struct record;
struct record *record_new(void);
void record_add(struct learn_ctx *ctx, const struct tracee *t,
		const struct access *a);
void record_free(struct record *r);

/* explain.c */
struct denials;
struct denials *denials_new(void);
void explain_denied(struct learn_ctx *ctx, const struct tracee *t,
		    const struct access *a, int err);
size_t denials_count(const struct denials *d);
void denials_free(struct denials *d);

/* policy-writer.c */
struct covered;
int policy_write(struct learn_ctx *ctx, const char *path, char *const *argv,
		 const struct covered *old);
/* A TOML (or JSON) basic string for @s: NULL if @s is not UTF-8. */
char *toml_string(const char *s);
/* The rights' names as a TOML array body: "read_file", "write_file". */
void rights_list(FILE *f, int category, uint64_t rights);

/* merge.c */
struct covered *covered_read(const char *prog, const char *path);
/* Whether the existing policy already allows @rights on @path. */
bool covered_fs(const struct covered *c, const char *path, uint64_t rights);
bool covered_port(const struct covered *c, unsigned int port, uint64_t rights);
int covered_abi(const struct covered *c);
void covered_free(struct covered *c);

/* The entry points of landscope-run, in learn.c. */
int learn_run(const char *prog, const char *policy, char **argv);
int explain_start(const char *prog, const char *const *configs,
		  unsigned int nr_configs);

#endif /* LANDSCOPE_TOOLS_LEARN_H */
