/* SPDX-License-Identifier: MIT */
#ifndef LANDSCOPE_EXPORT_H
#define LANDSCOPE_EXPORT_H

/*
 * The library is built with hidden visibility; only functions marked here
 * and listed in liblandscope.map are part of the ABI.
 */
#define LSC_EXPORT __attribute__((visibility("default")))

#endif /* LANDSCOPE_EXPORT_H */
