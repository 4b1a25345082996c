/* SPDX-License-Identifier: MIT */
/*
 * Running the command observed, without privileges: the child asks for no
 * new privileges and installs a seccomp filter that returns
 * SECCOMP_RET_TRACE for the few syscalls Landlock checks (and allows the
 * rest at full speed); the parent, its tracer by PTRACE_SEIZE, stops only
 * there, decodes the arguments at the entry and the result at the exit.
 * ptrace follows every thread, fork and exec (PTRACE_O_TRACE*) and kills
 * the tree if the tracer dies (PTRACE_O_EXITKILL).
 *
 * Why not seccomp user notification: it sees the call but not its result
 * (which is how a denial is told, and which fd an open returned), and the
 * arguments it reads can change under it (TOCTOU); and why not audit: it
 * needs root and a Landlock that denies, while learning denies nothing and
 * must work where Landlock is missing.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <liblandscope/landscope.h>

#include "learn.h"

/*
 * The native architecture's calls only: another (i386's int 0x80 on
 * x86_64) is allowed unobserved.  Where the arch is not listed, --learn
 * and --explain say they are not supported.
 */
#if defined(__x86_64__) && !defined(__ILP32__)
#define LEARN_AUDIT_ARCH AUDIT_ARCH_X86_64
#define LEARN_NR_LIMIT 0x40000000U
#elif defined(__aarch64__)
#define LEARN_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__riscv) && __riscv_xlen == 64
#define LEARN_AUDIT_ARCH AUDIT_ARCH_RISCV64
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#define LEARN_AUDIT_ARCH AUDIT_ARCH_PPC64LE
#elif defined(__s390x__)
#define LEARN_AUDIT_ARCH AUDIT_ARCH_S390X
#else
#define LEARN_AUDIT_ARCH 0
#endif
#ifndef LEARN_NR_LIMIT
#define LEARN_NR_LIMIT 0xffffffffU
#endif

static pid_t child_pid;

static struct tracee **tracees;
static size_t nr_tracees, cap_tracees;

static struct tracee *tracee_find(pid_t tid)
{
	size_t i;

	for (i = nr_tracees; i-- > 0;)
		if (tracees[i]->tid == tid)
			return tracees[i];
	return NULL;
}

static void tree_add(struct learn_ctx *ctx, pid_t tid)
{
	pid_t *n;

	if (ctx->nr_tree == ctx->cap_tree) {
		ctx->cap_tree = ctx->cap_tree ? 2 * ctx->cap_tree : 64;
		n = realloc(ctx->tree, ctx->cap_tree * sizeof(*n));
		if (!n)
			return;
		ctx->tree = n;
	}
	ctx->tree[ctx->nr_tree++] = tid;
}

static struct tracee *tracee_get(struct learn_ctx *ctx, pid_t tid)
{
	struct tracee *t = tracee_find(tid), **n;

	if (t)
		return t;
	if (nr_tracees == cap_tracees) {
		cap_tracees = cap_tracees ? 2 * cap_tracees : 64;
		n = realloc(tracees, cap_tracees * sizeof(*n));
		if (!n)
			return NULL;
		tracees = n;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->tid = tid;
	tracees[nr_tracees++] = t;
	tree_add(ctx, tid);
	return t;
}

static void tracee_del(pid_t tid)
{
	size_t i;

	for (i = 0; i < nr_tracees; i++) {
		if (tracees[i]->tid != tid)
			continue;
		call_clear(&tracees[i]->call);
		free(tracees[i]);
		tracees[i] = tracees[--nr_tracees];
		return;
	}
}

/*
 * The filter: x86_64 syscalls of traced_syscalls[] are traced, sendto()
 * only with an address (sending on a connected socket is not checked);
 * everything else is allowed without a stop.
 */
static int install_filter(void)
{
	struct sock_filter f[96];
	struct sock_fprog prog;
	unsigned int n = 0, i, nr_calls, trace_at, allow_at;

	if (!LEARN_AUDIT_ARCH)
		return -EOPNOTSUPP;
	for (nr_calls = 0; traced_syscalls[nr_calls] >= 0; nr_calls++)
		;
	/* 2 arch + 1 nr + 1 x32 + 5 sendto + the list + 2 returns */
	if (nr_calls + 11 > sizeof(f) / sizeof(f[0]))
		return -E2BIG;
	allow_at = 9 + nr_calls;
	trace_at = allow_at + 1;
#define AT(x) ((__u8)((x)-n - 1))
	f[n] = (struct sock_filter)BPF_STMT(
		BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	n++;
	f[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
					    LEARN_AUDIT_ARCH, 0, AT(allow_at));
	n++;
	f[n] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
					    offsetof(struct seccomp_data, nr));
	n++;
	/* x86_64's x32 calls share the arch: not followed. */
	f[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K,
					    LEARN_NR_LIMIT, AT(allow_at), 0);
	n++;
	f[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
					    SYS_sendto, 0, AT(n + 5));
	n++;
	f[n] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
					    offsetof(struct seccomp_data,
						     args[4]));
	n++;
	f[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0,
					    AT(trace_at));
	n++;
	f[n] = (struct sock_filter)BPF_STMT(
		BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, args[4]) + 4);
	n++;
	f[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0,
					    AT(allow_at), AT(trace_at));
	n++;
	/* The number again: the sendto() branch loaded an argument. */
	for (i = 0; i < nr_calls; i++) {
		f[n] = (struct sock_filter)BPF_JUMP(
			BPF_JMP | BPF_JEQ | BPF_K,
			(unsigned int)traced_syscalls[i], AT(trace_at), 0);
		n++;
	}
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
					      SECCOMP_RET_ALLOW);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
					      SECCOMP_RET_TRACE);
#undef AT
	prog.len = (unsigned short)n;
	prog.filter = f;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		return -errno;
	return 0;
}

static void forward(int sig)
{
	if (child_pid > 0)
		kill(child_pid, sig);
}

static void msg(struct learn_ctx *ctx, const char *what, int err)
{
	fprintf(stderr, "%s: ", ctx->prog);
	landscope_escape(stderr, what, 0);
	fprintf(stderr, ": %s\n", strerror(err));
}

/* One stop of @pid; return false if it is to stay stopped. */
static void on_stop(struct learn_ctx *ctx, pid_t pid, int status)
{
	struct __ptrace_syscall_info info;
	struct tracee *t = tracee_get(ctx, pid), *old;
	int sig = WSTOPSIG(status), event = status >> 16, inject = 0;
	unsigned long msg_val = 0;
	enum __ptrace_request resume;

	if (!t) {
		ptrace(PTRACE_CONT, pid, 0, 0);
		return;
	}
	if (sig == (SIGTRAP | 0x80)) {
		memset(&info, 0, sizeof(info));
		if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) >
			    0 &&
		    info.op == PTRACE_SYSCALL_INFO_EXIT && t->in_call)
			call_exit(ctx, t, (long)info.exit.rval);
		t->in_call = false;
	} else if (event == PTRACE_EVENT_SECCOMP) {
		memset(&info, 0, sizeof(info));
		call_clear(&t->call);
		if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) >
			    0 &&
		    info.op == PTRACE_SYSCALL_INFO_SECCOMP) {
			t->call.nr = (long)info.seccomp.nr;
			memcpy(t->call.args, info.seccomp.args,
			       sizeof(t->call.args));
			call_entry(ctx, t);
			/*
			 * A call that needs nothing (an ioctl on a regular
			 * file, a signal inside the tree) is not stopped again
			 * at its exit: half the stops of some programs.
			 */
			t->in_call = t->call.nr_accesses || t->call.is_open ||
				     t->call.is_exec || t->call.bound_abstract;
			if (!t->in_call)
				call_clear(&t->call);
		}
	} else if (event == PTRACE_EVENT_EXEC) {
		/* A thread that executes takes its leader's tid. */
		ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg_val);
		old = tracee_find((pid_t)msg_val);
		if (old && old != t) {
			call_clear(&t->call);
			t->call = old->call;
			memset(&old->call, 0, sizeof(old->call));
			tracee_del(old->tid);
		}
		call_exec(ctx, t);
		t->in_call = false;
	} else if (event == PTRACE_EVENT_CLONE || event == PTRACE_EVENT_FORK ||
		   event == PTRACE_EVENT_VFORK) {
		struct tracee *n;

		ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg_val);
		n = tracee_get(ctx, (pid_t)msg_val);
		if (n && !n->comm[0])
			memcpy(n->comm, t->comm, sizeof(n->comm));
	} else if (event == PTRACE_EVENT_STOP) {
		/* A new tracee's first stop, or a group-stop: listen. */
		if (t->started && (sig == SIGSTOP || sig == SIGTSTP ||
				   sig == SIGTTIN || sig == SIGTTOU)) {
			ptrace(PTRACE_LISTEN, pid, 0, 0);
			return;
		}
	} else if (!(sig == SIGSTOP && !t->started)) {
		/* A signal for the tracee: delivered as it is. */
		inject = sig == SIGTRAP ? 0 : sig;
		if (sig == SIGTRAP && !event)
			inject = SIGTRAP;
	}
	t->started = true;
	resume = t->in_call ? PTRACE_SYSCALL : PTRACE_CONT;
	ptrace(resume, pid, 0, inject);
}

static int trace_loop(struct learn_ctx *ctx)
{
	int status, code = 0;
	pid_t pid;

	for (;;) {
		pid = waitpid(-1, &status, __WALL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (pid == child_pid)
				code = WIFEXITED(status)
					       ? WEXITSTATUS(status)
					       : 128 + WTERMSIG(status);
			tracee_del(pid);
			continue;
		}
		if (WIFSTOPPED(status))
			on_stop(ctx, pid, status);
	}
	return code;
}

int trace_fork(struct learn_ctx *ctx, int (*done)(struct learn_ctx *ctx))
{
	const long options = PTRACE_O_TRACESECCOMP | PTRACE_O_TRACECLONE |
			     PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
			     PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL |
			     PTRACE_O_TRACESYSGOOD;
	struct sigaction sa = { .sa_handler = forward };
	struct tracee *t;
	int pipefd[2], err, code;
	char c = 0;

	if (!LEARN_AUDIT_ARCH)
		return -EOPNOTSUPP;
	if (pipe2(pipefd, O_CLOEXEC))
		return -errno;
	child_pid = fork();
	if (child_pid < 0) {
		err = -errno;
		close(pipefd[0]);
		close(pipefd[1]);
		return err;
	}
	if (!child_pid) {
		/* Wait for the tracer: the filter's stops need one. */
		close(pipefd[1]);
		if (read(pipefd[0], &c, 1) != 1 || c != 'g')
			_exit(125);
		close(pipefd[0]);
		err = install_filter();
		if (err) {
			msg(ctx, "cannot install the seccomp filter", -err);
			_exit(125);
		}
		return 0;
	}
	close(pipefd[0]);
	if (ptrace(PTRACE_SEIZE, child_pid, 0, options)) {
		err = errno;
		msg(ctx, "cannot trace the command (ptrace)", err);
		if (err == EPERM)
			fprintf(stderr,
				"%s: hint: kernel.yama.ptrace_scope may forbid "
				"it, or a seccomp filter\n",
				ctx->prog);
		close(pipefd[1]);
		kill(child_pid, SIGKILL);
		waitpid(child_pid, NULL, 0);
		exit(125);
	}
	t = tracee_get(ctx, child_pid);
	/* Until it executes the command, the child is this program. */
	if (t)
		snprintf(t->comm, sizeof(t->comm), "%s", ctx->prog);
	/* The terminal's signals reach the command directly. */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	c = 'g';
	if (write(pipefd[1], &c, 1) != 1) {
		kill(child_pid, SIGKILL);
		exit(125);
	}
	close(pipefd[1]);
	code = trace_loop(ctx);
	if (done && done(ctx))
		code = 125;
	fflush(stdout);
	fflush(stderr);
	exit(code);
}
