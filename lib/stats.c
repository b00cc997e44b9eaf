/* SPDX-License-Identifier: MIT */
/* Indicators of SPEC section 5, derived from one group's sums. */
#include "config.h"

#include <math.h>

#include "policy-private.h"
#include "stats-private.h"

struct _CxmStats {
  CxmAgg agg;
  CxmLeadSums lead;
  double z;
  int min_sample;
  int min_group;
};

CxmStats *
cxm_stats_new(const CxmAgg *agg, const CxmLeadSums *lead, const CxmPolicy *policy)
{
  CxmStats *stats = g_new0(CxmStats, 1);
  stats->agg = *agg;
  if (lead != NULL)
    stats->lead = *lead;
  stats->z = policy->z;
  stats->min_sample = policy->min_sample;
  stats->min_group = policy->min_group;
  return stats;
}

double
cxm_stats_get_z(const CxmStats *stats)
{
  return stats->z;
}

unsigned int
cxm_stats_get_leadership_parts(const CxmStats *stats)
{
  return stats->lead.parts;
}

void
cxm_stats_free(CxmStats *stats)
{
  g_free(stats);
}

static guint64
histogram_sum(const guint64 *bins, int from, int to)
{
  guint64 sum = 0;
  for (int i = from; i <= to; i++)
    sum += bins[i];
  return sum;
}

static guint64
count_of(const CxmAgg *a, CxmCount count)
{
  switch (count) {
  case CXM_COUNT_N:
    return cxm_agg_n(a);
  case CXM_COUNT_MOMENTUM:
    return a->by_class[CXM_CLASS_MOMENTUM];
  case CXM_COUNT_DISAPPOINTMENT:
    return a->by_class[CXM_CLASS_DISAPPOINTMENT];
  case CXM_COUNT_NEUTRAL:
    return a->by_class[CXM_CLASS_NEUTRAL];
  case CXM_COUNT_DIFFICULT:
    return a->difficult;
  case CXM_COUNT_RECOVERED:
    return a->recovered;
  case CXM_COUNT_NPS_RESPONSES:
    return histogram_sum(a->nps, 0, 10);
  case CXM_COUNT_NPS_PROMOTERS:
    return histogram_sum(a->nps, 9, 10);
  case CXM_COUNT_NPS_PASSIVES:
    return histogram_sum(a->nps, 7, 8);
  case CXM_COUNT_NPS_DETRACTORS:
    return histogram_sum(a->nps, 0, 6);
  /* csat, effort and satisfaction bins start at score 1. */
  case CXM_COUNT_CSAT_RESPONSES:
    return histogram_sum(a->csat, 0, 4);
  case CXM_COUNT_CSAT_TOP2:
    return histogram_sum(a->csat, 3, 4);
  case CXM_COUNT_CSAT_FANS:
    return a->csat[4];
  case CXM_COUNT_EFFORT_RESPONSES:
    return histogram_sum(a->effort, 0, 6);
  case CXM_COUNT_EFFORT_EASY:
    return histogram_sum(a->effort, 4, 6);
  case CXM_COUNT_EMPLOYEE_SATISFACTION_RESPONSES:
    return histogram_sum(a->employee_satisfaction, 0, 4);
  case CXM_COUNT_FIRST_CONTACTS:
    return a->first_contacts;
  case CXM_COUNT_FIRST_CONTACTS_RESOLVED:
    return a->first_contacts_resolved;
  case CXM_COUNT_BEYOND_ROLE:
    return a->beyond_role;
  case CXM_COUNT_PROACTIVE:
    return a->proactive;
  case CXM_COUNT_EMPOWERED:
    return a->empowered;
  case CXM_COUNT_KIND_COUNT:
    break;
  }
  return 0;
}

guint64
cxm_stats_get_count(const CxmStats *stats, CxmCount count)
{
  g_return_val_if_fail(stats != NULL, 0);
  g_return_val_if_fail(count >= 0 && count < CXM_COUNT_KIND_COUNT, 0);
  return count_of(&stats->agg, count);
}

/* Each rate as numerator / denominator. */
static const CxmCount rate_terms[CXM_RATE_KIND_COUNT][2] = {
  [CXM_RATE_MOMENTUM] = { CXM_COUNT_MOMENTUM, CXM_COUNT_N },
  [CXM_RATE_DISAPPOINTMENT] = { CXM_COUNT_DISAPPOINTMENT, CXM_COUNT_N },
  [CXM_RATE_DIFFICULT] = { CXM_COUNT_DIFFICULT, CXM_COUNT_N },
  [CXM_RATE_RECOVERY] = { CXM_COUNT_RECOVERED, CXM_COUNT_DIFFICULT },
  [CXM_RATE_CSAT_TOP2] = { CXM_COUNT_CSAT_TOP2, CXM_COUNT_CSAT_RESPONSES },
  [CXM_RATE_CSAT_FAN] = { CXM_COUNT_CSAT_FANS, CXM_COUNT_CSAT_RESPONSES },
  [CXM_RATE_EFFORT_EASY] = { CXM_COUNT_EFFORT_EASY, CXM_COUNT_EFFORT_RESPONSES },
  [CXM_RATE_FCR] = { CXM_COUNT_FIRST_CONTACTS_RESOLVED, CXM_COUNT_FIRST_CONTACTS },
  [CXM_RATE_BEYOND_ROLE] = { CXM_COUNT_BEYOND_ROLE, CXM_COUNT_N },
  [CXM_RATE_PROACTIVE] = { CXM_COUNT_PROACTIVE, CXM_COUNT_N },
  [CXM_RATE_EMPOWERED] = { CXM_COUNT_EMPOWERED, CXM_COUNT_N },
};

gboolean
cxm_stats_get_rate(const CxmStats *stats, CxmRateKind kind, CxmRate *rate)
{
  g_return_val_if_fail(stats != NULL, FALSE);
  g_return_val_if_fail(kind >= 0 && kind < CXM_RATE_KIND_COUNT, FALSE);
  g_return_val_if_fail(rate != NULL, FALSE);
  return cxm_wilson_interval(count_of(&stats->agg, rate_terms[kind][0]),
                             count_of(&stats->agg, rate_terms[kind][1]), stats->z, rate);
}

gboolean
cxm_stats_get_rate_counts(const CxmStats *stats, CxmRateKind kind, guint64 *numerator,
                          guint64 *denominator)
{
  g_return_val_if_fail(stats != NULL, FALSE);
  g_return_val_if_fail(kind >= 0 && kind < CXM_RATE_KIND_COUNT, FALSE);
  if (numerator)
    *numerator = count_of(&stats->agg, rate_terms[kind][0]);
  if (denominator)
    *denominator = count_of(&stats->agg, rate_terms[kind][1]);
  return TRUE;
}

gboolean
cxm_stats_get_net_score(const CxmStats *stats, CxmNetKind kind, CxmNetScore *score)
{
  const CxmAgg *a;

  g_return_val_if_fail(stats != NULL, FALSE);
  g_return_val_if_fail(kind >= 0 && kind < CXM_NET_KIND_COUNT, FALSE);
  g_return_val_if_fail(score != NULL, FALSE);
  a = &stats->agg;
  if (kind == CXM_NET_MOMENTUM)
    return cxm_net_score(count_of(a, CXM_COUNT_MOMENTUM),
                         count_of(a, CXM_COUNT_DISAPPOINTMENT), count_of(a, CXM_COUNT_N),
                         stats->z, score);
  return cxm_net_score(count_of(a, CXM_COUNT_NPS_PROMOTERS),
                       count_of(a, CXM_COUNT_NPS_DETRACTORS),
                       count_of(a, CXM_COUNT_NPS_RESPONSES), stats->z, score);
}

gboolean
cxm_stats_get_mean(const CxmStats *stats, CxmMeanKind kind, double *mean)
{
  const guint64 *bins;
  int n_bins, first;
  guint64 responses = 0, sum = 0;

  g_return_val_if_fail(stats != NULL, FALSE);
  g_return_val_if_fail(kind >= 0 && kind < CXM_MEAN_KIND_COUNT, FALSE);
  g_return_val_if_fail(mean != NULL, FALSE);
  switch (kind) {
  case CXM_MEAN_CSAT:
    bins = stats->agg.csat, n_bins = 5, first = 1;
    break;
  case CXM_MEAN_EFFORT:
    bins = stats->agg.effort, n_bins = 7, first = 1;
    break;
  default:
    bins = stats->agg.employee_satisfaction, n_bins = 5, first = 1;
    break;
  }
  for (int i = 0; i < n_bins; i++) {
    responses += bins[i];
    sum += bins[i] * (guint64) (i + first);
  }
  if (responses == 0)
    return FALSE;
  *mean = (double) sum / (double) responses;
  return TRUE;
}

gboolean
cxm_stats_get_difficulty(const CxmStats *stats, CxmDifficulty difficulty,
                         CxmBreakdown *breakdown)
{
  g_return_val_if_fail(stats != NULL, FALSE);
  g_return_val_if_fail(difficulty >= 0 && difficulty < CXM_DIFFICULTY_COUNT, FALSE);
  g_return_val_if_fail(breakdown != NULL, FALSE);
  const guint64 *d = stats->agg.by_difficulty[difficulty];
  /* Every record with a difficulty kind is difficult. */
  *breakdown = (CxmBreakdown){ d[0], d[1], d[2], d[0], d[1] };
  return TRUE;
}

gboolean
cxm_stats_get_emotion(const CxmStats *stats, CxmEmotion emotion, CxmBreakdown *breakdown)
{
  g_return_val_if_fail(stats != NULL, FALSE);
  g_return_val_if_fail(emotion >= 0 && emotion < CXM_EMOTION_COUNT, FALSE);
  g_return_val_if_fail(breakdown != NULL, FALSE);
  const guint64 *e = stats->agg.by_emotion[emotion];
  *breakdown = (CxmBreakdown){ e[0], e[1], e[2], e[3], e[4] };
  return TRUE;
}

guint64
cxm_stats_get_reason_count(const CxmStats *stats, CxmReason reason)
{
  g_return_val_if_fail(stats != NULL, 0);
  g_return_val_if_fail(reason >= 0 && reason < CXM_REASON_COUNT, 0);
  return stats->agg.by_reason[reason];
}

gboolean
cxm_stats_is_small_sample(const CxmStats *stats)
{
  g_return_val_if_fail(stats != NULL, FALSE);
  return cxm_agg_n(&stats->agg) < (guint64) stats->min_sample;
}

gboolean
cxm_stats_is_suppressed(const CxmStats *stats)
{
  g_return_val_if_fail(stats != NULL, FALSE);
  return stats->min_group > 0 && cxm_agg_n(&stats->agg) < (guint64) stats->min_group;
}

gboolean
cxm_wilson_interval(guint64 x, guint64 n, double z, CxmRate *rate)
{
  g_return_val_if_fail(rate != NULL, FALSE);
  if (n == 0 || x > n || !(z > 0))
    return FALSE;
  const double nn = (double) n, p = (double) x / nn, z2 = z * z;
  const double denom = 1.0 + z2 / nn;
  const double centre = (p + z2 / (2.0 * nn)) / denom;
  const double half = z * sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
  rate->value = p;
  /* At p = 0 or 1 the bound is exact in theory; clamp rounding error. */
  rate->low = x == 0 ? 0.0 : MAX(0.0, centre - half);
  rate->high = x == n ? 1.0 : MIN(1.0, centre + half);
  return TRUE;
}

gboolean
cxm_net_score(guint64 positive, guint64 negative, guint64 n, double z, CxmNetScore *score)
{
  g_return_val_if_fail(score != NULL, FALSE);
  if (n == 0 || positive > n || negative > n - positive || !(z > 0))
    return FALSE;
  const double p = (double) positive / (double) n;
  const double d = (double) negative / (double) n;
  /* Trinomial variance of p - d: it keeps the covariance term -2pd. */
  const double variance = MAX(0.0, (p + d - (p - d) * (p - d)) / (double) n);
  score->score = 100.0 * (p - d);
  score->moe95 = 100.0 * z * sqrt(variance);
  score->variance = variance;
  return TRUE;
}

/* ---- comparing two groups ------------------------------------------------ */

/* Fills @comparison from the two values and the standard error of their
 * difference; FALSE (nothing written) when se is 0. */
static gboolean
fill_comparison(double a, double b, double se, CxmComparison *comparison)
{
  if (!(se > 0.0))
    return FALSE;
  const double delta = b - a;
  const double z = delta / se;
  comparison->a = a;
  comparison->b = b;
  comparison->delta = delta;
  comparison->se = se;
  comparison->z = z;
  /* Two-sided: P(|Z| >= |z|) = 2 (1 - Phi(|z|)) = erfc(|z| / sqrt 2). */
  comparison->p_value = erfc(fabs(z) / G_SQRT2);
  return TRUE;
}

/* The two-proportion z-test of x_b / n_b against x_a / n_a. Under the
 * null hypothesis both share one proportion, estimated from both: the
 * pooled p. se is 0 when it is 0 or 1. */
static gboolean
compare_proportions(guint64 x_a, guint64 n_a, guint64 x_b, guint64 n_b,
                    CxmComparison *comparison)
{
  if (n_a == 0 || n_b == 0)
    return FALSE;
  const double na = (double) n_a, nb = (double) n_b;
  const double pooled = (double) (x_a + x_b) / (na + nb);
  const double se = sqrt(pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb));
  return fill_comparison((double) x_a / na, (double) x_b / nb, se, comparison);
}

gboolean
cxm_stats_compare_net_score(const CxmStats *a, const CxmStats *b, CxmNetKind kind,
                            CxmComparison *comparison)
{
  CxmNetScore score_a, score_b;

  g_return_val_if_fail(a != NULL, FALSE);
  g_return_val_if_fail(b != NULL, FALSE);
  g_return_val_if_fail((int) kind >= 0 && (int) kind < CXM_NET_KIND_COUNT, FALSE);
  g_return_val_if_fail(comparison != NULL, FALSE);
  if (!cxm_stats_get_net_score(a, kind, &score_a) ||
      !cxm_stats_get_net_score(b, kind, &score_b))
    return FALSE;
  /* Independent samples: the variances of the two differences of shares
   * add; scores are 100 times those differences. */
  return fill_comparison(score_a.score, score_b.score,
                         100.0 * sqrt(score_a.variance + score_b.variance), comparison);
}

gboolean
cxm_stats_compare_rate(const CxmStats *a, const CxmStats *b, CxmRateKind kind,
                       CxmComparison *comparison)
{
  guint64 x_a, n_a, x_b, n_b;

  g_return_val_if_fail(a != NULL, FALSE);
  g_return_val_if_fail(b != NULL, FALSE);
  g_return_val_if_fail((int) kind >= 0 && (int) kind < CXM_RATE_KIND_COUNT, FALSE);
  g_return_val_if_fail(comparison != NULL, FALSE);
  cxm_stats_get_rate_counts(a, kind, &x_a, &n_a);
  cxm_stats_get_rate_counts(b, kind, &x_b, &n_b);
  return compare_proportions(x_a, n_a, x_b, n_b, comparison);
}

/* ---- leadership (SPEC section 5a) ------------------------------------------ */

static gboolean
check_type(int type)
{
  return type == CXM_UNSET || (type >= 0 && type < CXM_LEADERSHIP_COUNT);
}

static guint64
lead_count(const CxmLead *lead, int type)
{
  return type == CXM_UNSET ? cxm_lead_total(lead) : lead->by_type[type];
}

guint64
cxm_stats_get_leadership_count(const CxmStats *stats, int type)
{
  g_return_val_if_fail(stats != NULL, 0);
  return check_type(type) ? lead_count(&stats->lead.events, type) : 0;
}

gboolean
cxm_stats_get_leadership_received(const CxmStats *stats, int type, guint64 *count)
{
  g_return_val_if_fail(stats != NULL, FALSE);
  if (!(stats->lead.parts & CXM_LEAD_RECEIVED) || !check_type(type))
    return FALSE;
  if (count != NULL)
    *count = lead_count(&stats->lead.received, type);
  return TRUE;
}

gboolean
cxm_stats_get_recognition_per_100(const CxmStats *stats, double *value)
{
  const guint64 n = stats ? cxm_agg_n(&stats->agg) : 0;

  g_return_val_if_fail(stats != NULL, FALSE);
  g_return_val_if_fail(value != NULL, FALSE);
  if (!(stats->lead.parts & CXM_LEAD_RECOGNITION) || n == 0)
    return FALSE;
  *value = 100.0 * (double) stats->lead.events.by_type[CXM_LEADERSHIP_RECOGNITION] /
           (double) n;
  return TRUE;
}

gboolean
cxm_stats_get_leadership_rate_counts(const CxmStats *stats, CxmLeadershipRate kind,
                                     guint64 *numerator, guint64 *denominator)
{
  const CxmLeadSums *l;
  unsigned int needs;
  guint64 x, n;

  g_return_val_if_fail(stats != NULL, FALSE);
  g_return_val_if_fail((int) kind >= 0 && kind < CXM_LEADERSHIP_RATE_KIND_COUNT, FALSE);
  l = &stats->lead;
  switch (kind) {
  case CXM_LEADERSHIP_RATE_WEEKLY:
    needs = CXM_LEAD_CADENCE, x = l->weekly, n = l->team_weeks;
    break;
  case CXM_LEADERSHIP_RATE_DAILY:
    needs = CXM_LEAD_CADENCE, x = l->daily, n = l->team_weeks;
    break;
  case CXM_LEADERSHIP_RATE_MOMENTUM_MET:
    needs = CXM_LEAD_MOMENTUM, x = l->met_momentum, n = l->met_n;
    break;
  case CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET:
    needs = CXM_LEAD_MOMENTUM, x = l->not_met_momentum, n = l->not_met_n;
    break;
  default:
    needs = CXM_LEAD_COVERAGE, x = l->coached, n = l->employees;
    break;
  }
  if (!(l->parts & needs))
    return FALSE;
  if (numerator)
    *numerator = x;
  if (denominator)
    *denominator = n;
  return TRUE;
}

gboolean
cxm_stats_get_leadership_rate(const CxmStats *stats, CxmLeadershipRate kind,
                              CxmRate *rate)
{
  guint64 x, n;

  g_return_val_if_fail(rate != NULL, FALSE);
  return cxm_stats_get_leadership_rate_counts(stats, kind, &x, &n) &&
         cxm_wilson_interval(x, n, stats->z, rate);
}

gboolean
cxm_stats_compare_momentum_by_cadence(const CxmStats *stats, CxmComparison *comparison)
{
  const CxmLeadSums *l;

  g_return_val_if_fail(stats != NULL, FALSE);
  g_return_val_if_fail(comparison != NULL, FALSE);
  l = &stats->lead;
  return (l->parts & CXM_LEAD_MOMENTUM) &&
         compare_proportions(l->not_met_momentum, l->not_met_n, l->met_momentum, l->met_n,
                             comparison);
}
