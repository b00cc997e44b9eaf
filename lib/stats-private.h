/* A CxmStats is made from a group's sums and the policy that shapes it. */
#ifndef CXM_STATS_PRIVATE_H
#define CXM_STATS_PRIVATE_H

#include <cxm/policy.h>
#include <cxm/stats.h>

#include "agg.h"

CxmStats *cxm_stats_new(const CxmAgg *agg, const CxmPolicy *policy);
double cxm_stats_get_z(const CxmStats *stats);

#endif
