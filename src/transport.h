/* SPDX-License-Identifier: MIT */
/*
 * Transports that Landlock's port rules miss (issue 23), and the seccomp
 * filter that refuses them.  transport.c decides (pure functions of the
 * enforced rights and the errata, for the unit suite); filter.c writes
 * the filter's BPF program, or, in a build without it, says it cannot.
 */
#ifndef LANDSCOPE_TRANSPORT_H
#define LANDSCOPE_TRANSPORT_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The LANDSCOPE_TRANSPORT_* bits that bind or connect past the enforced
 * network rights @net on a kernel with @errata fixed: the ways around
 * the filter (io_uring, socketcall) included whenever any is.
 */
uint32_t lsc_transport_unmediated(uint64_t net, uint64_t errata);

/* filter.c: the bits of @unmediated this build can refuse. */
uint32_t lsc_filter_closable(uint32_t unmediated);

/*
 * filter.c: install a seccomp filter refusing @transports (bits
 * lsc_filter_closable() gave), on every thread if @all_threads.  0 or a
 * negative errno; -EOPNOTSUPP in a build without seccomp support.
 */
int lsc_filter_install(uint32_t transports, bool all_threads);

#endif /* LANDSCOPE_TRANSPORT_H */
