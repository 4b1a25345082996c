// SPDX-License-Identifier: MIT
/*
 * What a policy leaves unrestricted (unrestricted.h): landlockconfig's
 * policies handle only what their rules name, so a policy file that
 * never mentions writes leaves every write allowed; the tools say so.
 */
#include "unrestricted.h"

uint64_t policy_unrestricted(const struct landscope_report *report,
			     int category)
{
	LANDSCOPE_INIT(landscope_features, feat);
	uint64_t supported, req = 0, enf = 0;

	/* Cached by the library after the first call: no syscall. */
	if (landscope_features_get(&feat) || feat.unavailable ||
	    landscope_report_category(report, category, &req, &enf))
		return 0;
	switch (category) {
	case LANDSCOPE_CATEGORY_FS:
		supported = feat.access_fs;
		break;
	case LANDSCOPE_CATEGORY_NET:
		supported = feat.access_net;
		break;
	case LANDSCOPE_CATEGORY_SCOPE:
		supported = feat.scoped;
		break;
	default:
		return 0;
	}
	return supported & ~req;
}
