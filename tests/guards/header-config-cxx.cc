/* SPDX-License-Identifier: MIT */
/* Guard: the policy file header as C++98, with the C89 guard's program. */
#include "header-config-c89.c"
