/* SPDX-License-Identifier: MIT */
/* The policy's settings as the classifier and the indicators read them. */
#ifndef CXM_POLICY_PRIVATE_H
#define CXM_POLICY_PRIVATE_H

#include <cxm/policy.h>

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
  char fingerprint[17];
};

/* The defaults, for callers that pass a NULL policy. */
const CxmPolicy *cxm_policy_default(void);

#endif
