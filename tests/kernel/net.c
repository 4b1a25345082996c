/* SPDX-License-Identifier: MIT */
/*
 * Kernel suite, group "net": bind, connect and (UDP) sendto on 127.0.0.1,
 * in a domain that handles the right and grants it on one port.
 * "allowed" uses that port, "denied" another one, which the kernel refuses
 * with EACCES.  The port-0 cases bind an ephemeral port, which Landlock
 * checks against a rule for port 0.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

enum net_op {
	OP_CONNECT,
	OP_BIND,
	OP_SENDTO
};

struct net_case {
	int type; /* SOCK_STREAM or SOCK_DGRAM */
	uint64_t right; /* the one right handled and granted */
	enum net_op op;
	bool port0; /* bind port 0 (ephemeral) instead of the held port */
	bool allowed; /* the rule names the port used */
	int expect;
};

struct net_run {
	const struct net_case *c;
	uint16_t port; /* the port bound or connected to */
};

static int net_child(void *arg)
{
	const struct net_run *run = arg;
	const struct net_case *c = run->c;
	struct landscope_ruleset *rs =
		kt_ruleset(LANDSCOPE_COMPAT_HARD_REQUIREMENT);
	uint16_t port = c->port0 ? 0 : run->port;
	uint16_t rule_port = c->allowed ? port : kt_other_port(run->port);
	struct sockaddr_in sin;
	int one = 1, s, err;

	kt_check(landscope_ruleset_add_handled(rs, LANDSCOPE_CATEGORY_NET,
					       c->right));
	kt_check(landscope_ruleset_add_port(rs, rule_port, c->right, 0));
	kt_enforce(rs, 0);

	s = socket(AF_INET, c->type | SOCK_CLOEXEC, 0);
	if (s < 0)
		kt_die("socket: %s", strerror(errno));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	switch (c->op) {
	case OP_BIND:
		/* The parent holds the port with SO_REUSEADDR too. */
		if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
			kt_die("SO_REUSEADDR: %s", strerror(errno));
		err = kt_errno(bind(s, (struct sockaddr *)&sin, sizeof(sin)));
		break;
	case OP_SENDTO:
		err = kt_errno(sendto(s, "x", 1, 0, (struct sockaddr *)&sin,
				      sizeof(sin)));
		break;
	default:
		err = kt_errno(
			connect(s, (struct sockaddr *)&sin, sizeof(sin)));
		break;
	}
	close(s);
	return err;
}

static void run_net_case(void **state)
{
	const struct net_case *c = *state;
	struct net_run run = { c, 0 };
	int s, got;

	kt_require_net(c->right);
	/*
	 * The port is held by the parent for the whole case, so that no
	 * parallel test can take it: bound (SO_REUSEADDR, not listening)
	 * for bind cases, listening for TCP connect cases.
	 */
	s = kt_inet_socket(c->type, c->type == SOCK_STREAM && c->op != OP_BIND,
			   &run.port);
	got = kt_run(net_child, &run);
	close(s);
	kt_expect_errno(got, c->expect,
			c->op == OP_BIND     ? "bind"
			: c->op == OP_SENDTO ? "sendto"
					     : "connect");
}

#define NET(x) LANDSCOPE_ACCESS_NET_##x

static const struct net_case bind_tcp_ok = {
	.type = SOCK_STREAM,
	.right = NET(BIND_TCP),
	.op = OP_BIND,
	.allowed = true,
};
static const struct net_case bind_tcp_no = {
	.type = SOCK_STREAM,
	.right = NET(BIND_TCP),
	.op = OP_BIND,
	.expect = EACCES,
};
static const struct net_case connect_tcp_ok = {
	.type = SOCK_STREAM,
	.right = NET(CONNECT_TCP),
	.allowed = true,
};
static const struct net_case connect_tcp_no = {
	.type = SOCK_STREAM,
	.right = NET(CONNECT_TCP),
	.expect = EACCES,
};
static const struct net_case bind_udp_ok = {
	.type = SOCK_DGRAM,
	.right = NET(BIND_UDP),
	.op = OP_BIND,
	.allowed = true,
};
static const struct net_case bind_udp_no = {
	.type = SOCK_DGRAM,
	.right = NET(BIND_UDP),
	.op = OP_BIND,
	.expect = EACCES,
};
static const struct net_case connect_udp_ok = {
	.type = SOCK_DGRAM,
	.right = NET(CONNECT_SEND_UDP),
	.allowed = true,
};
static const struct net_case connect_udp_no = {
	.type = SOCK_DGRAM,
	.right = NET(CONNECT_SEND_UDP),
	.expect = EACCES,
};
static const struct net_case sendto_udp_ok = {
	.type = SOCK_DGRAM,
	.right = NET(CONNECT_SEND_UDP),
	.op = OP_SENDTO,
	.allowed = true,
};
static const struct net_case sendto_udp_no = {
	.type = SOCK_DGRAM,
	.right = NET(CONNECT_SEND_UDP),
	.op = OP_SENDTO,
	.expect = EACCES,
};
static const struct net_case bind_udp_port0_ok = {
	.type = SOCK_DGRAM,
	.right = NET(BIND_UDP),
	.op = OP_BIND,
	.port0 = true,
	.allowed = true,
};
static const struct net_case bind_udp_port0_no = {
	.type = SOCK_DGRAM,
	.right = NET(BIND_UDP),
	.op = OP_BIND,
	.port0 = true,
	.expect = EACCES,
};
static const struct net_case bind_tcp_port0_ok = {
	.type = SOCK_STREAM,
	.right = NET(BIND_TCP),
	.op = OP_BIND,
	.port0 = true,
	.allowed = true,
};
static const struct net_case bind_tcp_port0_no = {
	.type = SOCK_STREAM,
	.right = NET(BIND_TCP),
	.op = OP_BIND,
	.port0 = true,
	.expect = EACCES,
};

int main(int argc, char **argv)
{
	static const struct CMUnitTest tests[] = {
		KT_CASE("net_bind_tcp_allowed", run_net_case, &bind_tcp_ok),
		KT_CASE("net_bind_tcp_denied", run_net_case, &bind_tcp_no),
		KT_CASE("net_connect_tcp_allowed", run_net_case,
			&connect_tcp_ok),
		KT_CASE("net_connect_tcp_denied", run_net_case,
			&connect_tcp_no),
		KT_CASE("net_bind_udp_allowed", run_net_case, &bind_udp_ok),
		KT_CASE("net_bind_udp_denied", run_net_case, &bind_udp_no),
		KT_CASE("net_connect_udp_allowed", run_net_case,
			&connect_udp_ok),
		KT_CASE("net_connect_udp_denied", run_net_case,
			&connect_udp_no),
		KT_CASE("net_sendto_udp_allowed", run_net_case, &sendto_udp_ok),
		KT_CASE("net_sendto_udp_denied", run_net_case, &sendto_udp_no),
		KT_CASE("net_bind_udp_port0_allowed", run_net_case,
			&bind_udp_port0_ok),
		KT_CASE("net_bind_udp_port0_denied", run_net_case,
			&bind_udp_port0_no),
		KT_CASE("net_bind_tcp_port0_allowed", run_net_case,
			&bind_tcp_port0_ok),
		KT_CASE("net_bind_tcp_port0_denied", run_net_case,
			&bind_tcp_port0_no),
	};

	return kt_main(argc, argv, "net", tests, KT_ARRAY_SIZE(tests));
}
