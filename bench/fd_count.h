/* SPDX-License-Identifier: MIT */
/* Counting the fds a run holds: see fd_count.c. */
#ifndef LANDSCOPE_BENCH_FD_COUNT_H
#define LANDSCOPE_BENCH_FD_COUNT_H

/* Start a new peak from the fds held now. */
void fd_count_reset(void);
/* The most fds held at once since the reset, and those held now. */
int fd_count_peak(void);
int fd_count_held(void);

#endif
