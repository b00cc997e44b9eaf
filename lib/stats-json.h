/* One group's indicators as a JSON object (stats-json.c). */
#ifndef CXM_STATS_JSON_H
#define CXM_STATS_JSON_H

#include <json-c/json.h>

#include <cxm/stats.h>

/* The group's object of the JSON report; the caller owns it. */
json_object *cxm_stats_to_json_object(const CxmStats *stats);
/* The group's "leadership" object (SPEC section 5a); the caller owns it. */
json_object *cxm_stats_leadership_json(const CxmStats *stats);
/* The Wilson recovery rate of @breakdown, under @stats's z, or NULL
 * (JSON null) without difficult records. */
json_object *cxm_stats_breakdown_recovery_json(const CxmBreakdown *breakdown,
                                               const CxmStats *stats);

#endif
