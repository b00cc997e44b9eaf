/* SPDX-License-Identifier: MIT */
/* One group's indicators as the JSON report writes them (stats-json.c). */
#ifndef CXM_STATS_JSON_H
#define CXM_STATS_JSON_H

#include <cxm/stats.h>

#include "json-writer.h"

/* Writes the group's object of the JSON report as member @key (NULL: the
 * document itself, or an array element). */
void cxm_stats_write_json(CxmJsonWriter *writer, const char *key, const CxmStats *stats);
/* Writes the Wilson recovery rate of @breakdown under @stats's z as member
 * @key, null without difficult records. */
void cxm_stats_write_breakdown_recovery(CxmJsonWriter *writer, const char *key,
                                        const CxmBreakdown *breakdown,
                                        const CxmStats *stats);

#endif
