/* SPDX-License-Identifier: MIT */
/* A CxmStats is made from a group's sums and the policy that shapes it. */
#ifndef CXM_STATS_PRIVATE_H
#define CXM_STATS_PRIVATE_H

#include <cxm/policy.h>
#include <cxm/stats.h>

#include "agg.h"
#include "leadership.h"

/* @lead (nullable: none) is the group's leadership sums. */
CxmStats *cxm_stats_new(const CxmAgg *agg, const CxmLeadSums *lead,
                        const CxmPolicy *policy);
/* Which leadership indicators the group has (CxmLeadParts). */
unsigned int cxm_stats_get_leadership_parts(const CxmStats *stats);
double cxm_stats_get_z(const CxmStats *stats);

#endif
