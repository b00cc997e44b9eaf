/* SPDX-License-Identifier: MIT */
/* The classifier without argument checks, for the recording path. */
#ifndef CXM_CLASSIFY_PRIVATE_H
#define CXM_CLASSIFY_PRIVATE_H

#include <cxm/classify.h>

CxmClass cxm_classify_fast(const CxmPolicy *policy, const CxmInteraction *it,
                           CxmReason *reason);

#endif
