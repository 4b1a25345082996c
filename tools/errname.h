/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_TOOLS_ERRNAME_H
#define LANDSCOPE_TOOLS_ERRNAME_H

/*
 * "EACCES" for EACCES (positive), "errno N" for one the table lacks (in
 * a static buffer, overwritten by the next such call).
 */
const char *errno_name(int err);

#endif /* LANDSCOPE_TOOLS_ERRNAME_H */
