/* SPDX-License-Identifier: MIT */
/* The sums of one group: counts only, so that two of them merge exactly. */
#ifndef CXM_AGG_H
#define CXM_AGG_H

#include <cxm/interaction.h>

typedef struct {
  guint64 by_class[CXM_CLASS_COUNT];
  guint64 by_reason[CXM_REASON_COUNT];
  guint64 difficult, recovered;
  /* [kind][0] records, [1] momentum, [2] disappointment */
  guint64 by_difficulty[CXM_DIFFICULTY_COUNT][3];
  /* [emotion][0] records, [1] momentum, [2] disappointment, [3] difficult,
   * [4] difficult and momentum */
  guint64 by_emotion[CXM_EMOTION_COUNT][5];
  guint64 csat[5];   /* histogram of 1..5 */
  guint64 nps[11];   /* 0..10 */
  guint64 effort[7]; /* 1..7 */
  guint64 employee_satisfaction[5];
  guint64 first_contacts, first_contacts_resolved;
  guint64 beyond_role, proactive, empowered;
} CxmAgg;

/* The counters one record adds one to, as word offsets into a CxmAgg: at
 * most class, reason, difficult, recovered, 3 per difficulty kind, 5 per
 * emotion, 4 scores, 2 first-contact and 3 flags. */
typedef struct {
  guint8 words[4 + 3 * CXM_DIFFICULTY_COUNT + 5 * CXM_EMOTION_COUNT + 4 + 2 + 3];
  guint n;
} CxmAggDelta;

void cxm_agg_delta(CxmAggDelta *delta, const CxmInteraction *it, CxmClass klass,
                   CxmReason reason);
/* The most groups one record counts in: its level, channel and team, each
 * for all time and for its day, and its employee. */
#define CXM_AGG_RECORD_GROUPS 7

/* Adds @delta to each of @aggs[0..@n_aggs-1]. */
void cxm_agg_apply(CxmAgg *const *aggs, guint n_aggs, const CxmAggDelta *delta);
void cxm_agg_merge(CxmAgg *dest, const CxmAgg *src);
/* Inline: a recorder checks its room with it on every record. */
static inline guint64
cxm_agg_n(const CxmAgg *agg)
{
  return agg->by_class[CXM_CLASS_MOMENTUM] + agg->by_class[CXM_CLASS_NEUTRAL] +
         agg->by_class[CXM_CLASS_DISAPPOINTMENT];
}

#endif
