/* SPDX-License-Identifier: MIT */
/*
 * Guard: the public header as C++98 (-std=c++98 -pedantic -Werror), with
 * the same program as the C89 guard.
 */
#include "header-c89.c"
