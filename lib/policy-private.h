/* SPDX-License-Identifier: MIT */
/* The policy's settings as the classifier and the indicators read them. */
#ifndef CXM_POLICY_PRIVATE_H
#define CXM_POLICY_PRIVATE_H

#include <cxm/policy.h>

#include "period-private.h"
#include "zone.h"

struct _CxmPolicy {
  char *name;
  int csat_positive_min, csat_negative_max;
  int nps_positive_min, nps_negative_max;
  int effort_positive_min, effort_negative_max;
  int employee_hurt_max, employee_satisfied_min;
  int delighted_csat_min, delighted_nps_min;
  int min_sample, min_group;
  int huddle_days_min, huddle_days_target;
  double z;
  /* NULL: UTC, which costs no lookup. Team (owned) -> CxmZone, or NULL
   * when no team has a zone of its own. */
  CxmZone *zone;
  GHashTable *team_zones;
  char fingerprint[17];
};

/* The defaults, for callers that pass a NULL policy. */
const CxmPolicy *cxm_policy_default(void);

/* The number of the day (in its zone) that a record at @unix_seconds
 * counting under @team (nullable) is filed in. */
static inline gint64
cxm_policy_day_number(const CxmPolicy *policy, const char *team, gint64 unix_seconds)
{
  const CxmZone *zone = policy->zone;
  if (policy->team_zones != NULL && team != NULL) {
    const CxmZone *own = g_hash_table_lookup(policy->team_zones, team);
    zone = own != NULL ? own : zone;
  }
  return zone != NULL ? cxm_zone_day_number(zone, unix_seconds)
                      : cxm_day_number(unix_seconds);
}

#endif
