// SPDX-License-Identifier: MIT
/*
 * The release of the library itself.  The header's macros say which
 * release a program was built against; this says which one it runs
 * against, which a newer shared library may be.
 */
#include <liblandscope/landscope.h>

#include "export.h"

LSC_EXPORT int landscope_version(void)
{
	LSC_KEEP_ERRNO;
	return LANDSCOPE_VERSION;
}
