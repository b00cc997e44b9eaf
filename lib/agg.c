/* SPDX-License-Identifier: MIT */
/* The sums of one group. Everything is a count, so merging is addition.
 *
 * A record adds one to the same counters in each of its groups (its level,
 * channel, team, employee, and those of its day), so the counters are
 * worked out once, as a list of offsets (CxmAggDelta), and applied to each
 * group. */
#include "config.h"

#include <stddef.h>

#include "agg.h"
#include "interaction-private.h"

G_STATIC_ASSERT(sizeof(CxmAgg) % sizeof(guint64) == 0);
G_STATIC_ASSERT(sizeof(CxmAgg) / sizeof(guint64) <= G_MAXUINT8);

#define WORD(field) ((guint8) (offsetof(CxmAgg, field) / sizeof(guint64)))

static inline void
touch(CxmAggDelta *d, guint8 word)
{
  d->words[d->n++] = word;
}

void
cxm_agg_delta(CxmAggDelta *d, const CxmInteraction *it, CxmClass klass, CxmReason reason)
{
  const gboolean momentum = klass == CXM_CLASS_MOMENTUM;
  const gboolean disappointment = klass == CXM_CLASS_DISAPPOINTMENT;
  const gboolean difficult = it->difficulties != 0;

  d->n = 0;
  touch(d, WORD(by_class[klass]));
  touch(d, WORD(by_reason[reason]));
  if (difficult) {
    touch(d, WORD(difficult));
    if (momentum)
      touch(d, WORD(recovered));
  }
  for (guint set = it->difficulties; set != 0; set &= set - 1) {
    const int k = __builtin_ctz(set);
    touch(d, WORD(by_difficulty[k][0]));
    if (momentum)
      touch(d, WORD(by_difficulty[k][1]));
    if (disappointment)
      touch(d, WORD(by_difficulty[k][2]));
  }
  for (guint set = it->emotions; set != 0; set &= set - 1) {
    const int e = __builtin_ctz(set);
    touch(d, WORD(by_emotion[e][0]));
    if (momentum)
      touch(d, WORD(by_emotion[e][1]));
    if (disappointment)
      touch(d, WORD(by_emotion[e][2]));
    if (difficult) {
      touch(d, WORD(by_emotion[e][3]));
      if (momentum)
        touch(d, WORD(by_emotion[e][4]));
    }
  }
  if (it->csat != CXM_UNSET)
    touch(d, WORD(csat[it->csat - 1]));
  if (it->nps != CXM_UNSET)
    touch(d, WORD(nps[it->nps]));
  if (it->effort != CXM_UNSET)
    touch(d, WORD(effort[it->effort - 1]));
  if (it->employee_satisfaction != CXM_UNSET)
    touch(d, WORD(employee_satisfaction[it->employee_satisfaction - 1]));
  if (it->contact_number == 1) {
    touch(d, WORD(first_contacts));
    if (it->resolution == CXM_RESOLUTION_RESOLVED)
      touch(d, WORD(first_contacts_resolved));
  }
  if (it->beyond_role == 1)
    touch(d, WORD(beyond_role));
  if (it->proactive == 1)
    touch(d, WORD(proactive));
  if (it->empowered == 1)
    touch(d, WORD(empowered));
}

void
cxm_agg_apply(CxmAgg *const *aggs, guint n_aggs, const CxmAggDelta *d)
{
  const guint n = d->n;

  /* Most records count in all their groups: then counter by counter, in
   * every group at once, the groups' addresses held in registers. */
  G_STATIC_ASSERT(CXM_AGG_RECORD_GROUPS == 7);
  if (n_aggs == CXM_AGG_RECORD_GROUPS) {
    guint64 *a0 = (guint64 *) aggs[0], *a1 = (guint64 *) aggs[1],
            *a2 = (guint64 *) aggs[2], *a3 = (guint64 *) aggs[3],
            *a4 = (guint64 *) aggs[4], *a5 = (guint64 *) aggs[5],
            *a6 = (guint64 *) aggs[6];
    for (guint i = 0; i < n; i++) {
      const guint w = d->words[i];
      a0[w]++;
      a1[w]++;
      a2[w]++;
      a3[w]++;
      a4[w]++;
      a5[w]++;
      a6[w]++;
    }
    return;
  }
  for (guint g = 0; g < n_aggs; g++) {
    guint64 *words = (guint64 *) aggs[g];
    for (guint i = 0; i < n; i++)
      words[d->words[i]]++;
  }
}

void
cxm_agg_merge(CxmAgg *dest, const CxmAgg *src)
{
  guint64 *d = (guint64 *) dest;
  const guint64 *s = (const guint64 *) src;
  for (gsize i = 0; i < sizeof(CxmAgg) / sizeof(guint64); i++)
    d[i] += s[i];
}
