/* SPDX-License-Identifier: MIT */
/* Classification: the nine rules of SPEC section 4, first match wins. */
#include "config.h"

#include "classify-private.h"
#include "error-private.h"
#include "interaction-private.h"
#include "policy-private.h"

typedef enum {
  VERDICT_UNKNOWN,
  VERDICT_POSITIVE,
  VERDICT_MIXED,
  VERDICT_NEGATIVE
} Verdict;

static Verdict
band(int value, int positive_min, int negative_max)
{
  if (value >= positive_min)
    return VERDICT_POSITIVE;
  if (value <= negative_max)
    return VERDICT_NEGATIVE;
  return VERDICT_MIXED;
}

/* The customer's verdict from the first signal present: csat, nps, effort. */
static Verdict
customer_verdict(const CxmPolicy *p, const CxmInteraction *it)
{
  if (it->csat != CXM_UNSET)
    return band(it->csat, p->csat_positive_min, p->csat_negative_max);
  if (it->nps != CXM_UNSET)
    return band(it->nps, p->nps_positive_min, p->nps_negative_max);
  if (it->effort != CXM_UNSET)
    return band(it->effort, p->effort_positive_min, p->effort_negative_max);
  return VERDICT_UNKNOWN;
}

CxmClass
cxm_classify_fast(const CxmPolicy *p, const CxmInteraction *it, CxmReason *reason)
{
  const Verdict verdict = customer_verdict(p, it);
  const gboolean difficult = it->difficulties != 0;
  const gboolean unresolved = it->resolution == CXM_RESOLUTION_UNRESOLVED;
  const int esat = it->employee_satisfaction;
  const gboolean hurt = esat != CXM_UNSET && esat <= p->employee_hurt_max;

  if (verdict == VERDICT_NEGATIVE) {
    *reason = CXM_REASON_CUSTOMER_NEGATIVE;
    return CXM_CLASS_DISAPPOINTMENT;
  }
  if (difficult && unresolved) {
    *reason = CXM_REASON_DIFFICULTY_UNRESOLVED;
    return CXM_CLASS_DISAPPOINTMENT;
  }
  if (difficult && hurt && verdict != VERDICT_POSITIVE) {
    *reason = CXM_REASON_BOTH_HURT;
    return CXM_CLASS_DISAPPOINTMENT;
  }
  if (verdict != VERDICT_POSITIVE) {
    *reason = CXM_REASON_NO_POSITIVE_SIGNAL;
    return CXM_CLASS_NEUTRAL;
  }
  if (unresolved || (esat != CXM_UNSET && esat < p->employee_satisfied_min)) {
    *reason = CXM_REASON_ONE_SIDED;
    return CXM_CLASS_NEUTRAL;
  }
  if (difficult) {
    *reason = CXM_REASON_DIFFICULTY_OVERCOME;
    return CXM_CLASS_MOMENTUM;
  }
  if (it->beyond_role == 1 || it->proactive == 1 || it->empowered == 1) {
    *reason = it->beyond_role == 1 ? CXM_REASON_BEYOND_ROLE
              : it->proactive == 1 ? CXM_REASON_PROACTIVE
                                   : CXM_REASON_EMPOWERED;
    return CXM_CLASS_MOMENTUM;
  }
  if ((it->csat != CXM_UNSET && it->csat >= p->delighted_csat_min) ||
      (it->nps != CXM_UNSET && it->nps >= p->delighted_nps_min)) {
    *reason = CXM_REASON_DELIGHTED;
    return CXM_CLASS_MOMENTUM;
  }
  *reason = CXM_REASON_ROUTINE;
  return CXM_CLASS_NEUTRAL;
}

gboolean
cxm_classify(const CxmPolicy *policy, const CxmInteraction *interaction, CxmClass *klass,
             CxmReason *reason, GError **error)
{
  CxmReason r;
  CxmClass c;

  cxm_return_val_if_null(interaction, error, FALSE);
  c = cxm_classify_fast(policy ? policy : cxm_policy_default(), interaction, &r);
  if (klass)
    *klass = c;
  if (reason)
    *reason = r;
  return TRUE;
}
