/* The sums of one group. Everything is a count, so merging is addition. */
#include "cxm-private.h"

G_STATIC_ASSERT(sizeof(CxmAgg) % sizeof(guint64) == 0);

void
cxm_agg_add(CxmAgg *agg, const CxmInteraction *it, CxmClass klass,
            CxmReason reason)
{
  const guint64 momentum = klass == CXM_CLASS_MOMENTUM;
  const guint64 disappointment = klass == CXM_CLASS_DISAPPOINTMENT;
  const guint64 difficult = it->difficulties != 0;

  agg->by_class[klass]++;
  agg->by_reason[reason]++;
  agg->difficult += difficult;
  agg->recovered += difficult & momentum;
  for (guint set = it->difficulties; set != 0; set &= set - 1) {
    guint64 *d = agg->by_difficulty[__builtin_ctz(set)];
    d[0]++;
    d[1] += momentum;
    d[2] += disappointment;
  }
  for (guint set = it->emotions; set != 0; set &= set - 1) {
    guint64 *e = agg->by_emotion[__builtin_ctz(set)];
    e[0]++;
    e[1] += momentum;
    e[2] += disappointment;
    e[3] += difficult;
    e[4] += difficult & momentum;
  }
  if (it->csat != CXM_UNSET)
    agg->csat[it->csat - 1]++;
  if (it->nps != CXM_UNSET)
    agg->nps[it->nps]++;
  if (it->effort != CXM_UNSET)
    agg->effort[it->effort - 1]++;
  if (it->employee_satisfaction != CXM_UNSET)
    agg->employee_satisfaction[it->employee_satisfaction - 1]++;
  if (it->contact_number == 1) {
    agg->first_contacts++;
    agg->first_contacts_resolved += it->resolution == CXM_RESOLUTION_RESOLVED;
  }
  agg->beyond_role += it->beyond_role == 1;
  agg->proactive += it->proactive == 1;
  agg->empowered += it->empowered == 1;
}

void
cxm_agg_merge(CxmAgg *dest, const CxmAgg *src)
{
  guint64 *d = (guint64 *) dest;
  const guint64 *s = (const guint64 *) src;
  for (gsize i = 0; i < sizeof(CxmAgg) / sizeof(guint64); i++)
    d[i] += s[i];
}

guint64
cxm_agg_n(const CxmAgg *agg)
{
  return agg->by_class[CXM_CLASS_MOMENTUM] + agg->by_class[CXM_CLASS_NEUTRAL] +
         agg->by_class[CXM_CLASS_DISAPPOINTMENT];
}
