// SPDX-License-Identifier: MIT
/*
 * Which transports the enforced network rights miss.  Landlock checks its
 * TCP rights in the bind and connect hooks, and since erratum 1 only for
 * sockets that sk_is_tcp() accepts (IPPROTO_TCP), so MPTCP, SCTP, SMC and
 * DCCP sockets bind and connect to any port; its UDP rights (ABI 10) hold
 * for IPPROTO_UDP only, not UDP-Lite.  Kernels before erratum 1 checked
 * every inet SOCK_STREAM socket, but still not SCTP's SOCK_SEQPACKET, nor
 * the subflows MPTCP opens itself, so they are closed there too.  The
 * research, per kernel, is in README.md, "Transports the port rules miss".
 */
#include <errno.h>
#include <sys/syscall.h>

#include <liblandscope/landscope.h>

#include "export.h"
#include "internal.h"
#include "transport.h"

#define TCP_RIGHTS \
	(LANDSCOPE_ACCESS_NET_BIND_TCP | LANDSCOPE_ACCESS_NET_CONNECT_TCP)
#define UDP_RIGHTS \
	(LANDSCOPE_ACCESS_NET_BIND_UDP | LANDSCOPE_ACCESS_NET_CONNECT_SEND_UDP)

/*
 * The ways around a seccomp filter, closed with any transport: io_uring's
 * IORING_OP_SOCKET, and socketcall(2), whose arguments are in memory
 * seccomp cannot read: on x86 (int 0x80, even from 64-bit code) and on
 * every architecture that has it (s390x, powerpc...).
 */
#if defined(__i386__) || defined(__x86_64__) || defined(__NR_socketcall)
#define BYPASSES (LANDSCOPE_TRANSPORT_IO_URING | LANDSCOPE_TRANSPORT_SOCKETCALL)
#else
#define BYPASSES LANDSCOPE_TRANSPORT_IO_URING
#endif

static const struct {
	uint32_t bit;
	const char *name;
	uint64_t rights; /* the rights it goes past */
	/*
	 * The erratum whose fix makes Landlock mediate it, 0 if none: no
	 * upstream erratum does yet (errata/abi-*.h up to 7.3).  A kernel
	 * that has the fix gets no filter for it.
	 */
	int erratum;
} transports[] = {
	{ LANDSCOPE_TRANSPORT_MPTCP, "mptcp", TCP_RIGHTS, 0 },
	{ LANDSCOPE_TRANSPORT_SCTP, "sctp", TCP_RIGHTS, 0 },
	{ LANDSCOPE_TRANSPORT_SMC, "smc", TCP_RIGHTS, 0 },
	{ LANDSCOPE_TRANSPORT_DCCP, "dccp", TCP_RIGHTS, 0 },
	{ LANDSCOPE_TRANSPORT_UDPLITE, "udplite", UDP_RIGHTS, 0 },
	{ LANDSCOPE_TRANSPORT_IO_URING, "io_uring", 0, 0 },
	{ LANDSCOPE_TRANSPORT_SOCKETCALL, "socketcall", 0, 0 },
};

#define NR_TRANSPORTS (sizeof(transports) / sizeof(transports[0]))

uint32_t lsc_transport_unmediated(uint64_t net, uint64_t errata)
{
	uint32_t ret = 0;
	size_t i;

	for (i = 0; i < NR_TRANSPORTS; i++) {
		int e = transports[i].erratum;

		if (!(net & transports[i].rights))
			continue;
		if (e > 0 && errata & (UINT64_C(1) << (e - 1)))
			continue;
		ret |= transports[i].bit;
	}
	return ret ? ret | BYPASSES : 0;
}

LSC_EXPORT const char *landscope_transport_name(uint32_t transport)
{
	LSC_KEEP_ERRNO;
	size_t i;

	for (i = 0; i < NR_TRANSPORTS; i++)
		if (transports[i].bit == transport)
			return transports[i].name;
	return NULL;
}

LSC_EXPORT int landscope_transports_get(uint32_t *ret_unmediated,
					uint32_t *ret_closable)
{
	LSC_KEEP_ERRNO;
	struct lsc_probe p;
	uint32_t t;
	int err;

	if (!ret_unmediated)
		return -EINVAL;
	err = lsc_probe_get(&p);
	if (err)
		return err;
	t = p.unavailable
		    ? 0
		    : lsc_transport_unmediated(p.access[LANDSCOPE_CATEGORY_NET],
					       p.errata);
	*ret_unmediated = t;
	if (ret_closable)
		*ret_closable = lsc_filter_closable(t);
	return 0;
}
