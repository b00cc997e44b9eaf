/* SPDX-License-Identifier: MIT */
/* cxm/cxm.h: the umbrella header. Include this one; the others are parts. */
#ifndef CXM_H
#define CXM_H

#include <cxm/common.h>
#include <cxm/enums.h>
#include <cxm/interaction.h>
#include <cxm/policy.h>
#include <cxm/classify.h>
#include <cxm/stats.h>
#include <cxm/org.h>
#include <cxm/period.h>
#include <cxm/filter.h>
#include <cxm/recorder.h>
#include <cxm/import.h>
#include <cxm/journal.h>
#include <cxm/snapshot.h>
#include <cxm/report.h>

#endif
