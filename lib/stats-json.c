/* One group's indicators as the JSON report holds them (SPEC section 5
 * keys), built from the CxmStats getters so that the report and the C API
 * never disagree. */
#include "config.h"

#include "enums-private.h"
#include "figures.h"
#include "json-text.h"
#include "stats-json.h"
#include "stats-private.h"

static json_object *
count(guint64 value)
{
  return json_object_new_uint64(value);
}

static json_object *
interval(const CxmRate *rate)
{
  json_object *obj = json_object_new_object();
  json_object_object_add(obj, "value", cxm_json_rounded(rate->value, CXM_RATE_DECIMALS));
  json_object_object_add(obj, "low", cxm_json_rounded(rate->low, CXM_RATE_DECIMALS));
  json_object_object_add(obj, "high", cxm_json_rounded(rate->high, CXM_RATE_DECIMALS));
  return obj;
}

/* Wilson object, or null without a denominator. */
static json_object *
rate_interval(const CxmStats *stats, CxmRateKind kind)
{
  CxmRate rate;
  return cxm_stats_get_rate(stats, kind, &rate) ? interval(&rate) : NULL;
}

/* Plain fraction, or null. */
static json_object *
rate_value(const CxmStats *stats, CxmRateKind kind)
{
  CxmRate rate;
  return cxm_stats_get_rate(stats, kind, &rate)
             ? cxm_json_rounded(rate.value, CXM_RATE_DECIMALS)
             : NULL;
}

static json_object *
mean_value(const CxmStats *stats, CxmMeanKind kind)
{
  double mean;
  return cxm_stats_get_mean(stats, kind, &mean)
             ? cxm_json_rounded(mean, CXM_MEAN_DECIMALS)
             : NULL;
}

json_object *
cxm_stats_breakdown_recovery_json(const CxmBreakdown *b, const CxmStats *stats)
{
  const double z = cxm_stats_get_z(stats);
  CxmRate rate;
  return cxm_wilson_interval(b->recovered, b->difficult, z, &rate) ? interval(&rate)
                                                                   : NULL;
}

static void
add_class_counts(json_object *obj, const CxmStats *stats)
{
  json_object_object_add(obj, "n", count(cxm_stats_get_count(stats, CXM_COUNT_N)));
  json_object_object_add(obj, "momentum",
                         count(cxm_stats_get_count(stats, CXM_COUNT_MOMENTUM)));
  json_object_object_add(obj, "disappointment",
                         count(cxm_stats_get_count(stats, CXM_COUNT_DISAPPOINTMENT)));
  json_object_object_add(obj, "neutral",
                         count(cxm_stats_get_count(stats, CXM_COUNT_NEUTRAL)));
}

/* ---- leadership (SPEC section 5a) ---------------------------------------- */

static json_object *
by_type_json(const CxmStats *stats, gboolean received)
{
  json_object *obj = json_object_new_object();
  for (int t = 0; t < CXM_LEADERSHIP_COUNT; t++) {
    guint64 n = 0;
    if (received)
      cxm_stats_get_leadership_received(stats, t, &n);
    else
      n = cxm_stats_get_leadership_count(stats, t);
    json_object_object_add(obj, cxm_leadership_type_names[t], count(n));
  }
  return obj;
}

/* A leadership rate: its Wilson object, null without a denominator; a
 * suppressed group keeps the counts only. */
static void
add_lead_rate(json_object *obj, const char *name, const CxmStats *stats,
              CxmLeadershipRate kind, gboolean counts_only)
{
  CxmRate rate;
  if (!counts_only)
    json_object_object_add(obj, name,
                           cxm_stats_get_leadership_rate(stats, kind, &rate) ? interval(&rate)
                                                                             : NULL);
}

static json_object *
cadence_json(const CxmStats *stats, gboolean counts_only)
{
  json_object *obj = json_object_new_object();
  guint64 weekly, daily, team_weeks;

  cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_WEEKLY, &weekly,
                                       &team_weeks);
  cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_DAILY, &daily, NULL);
  json_object_object_add(obj, "team_weeks", count(team_weeks));
  json_object_object_add(obj, "weekly", count(weekly));
  json_object_object_add(obj, "daily", count(daily));
  add_lead_rate(obj, "weekly_rate", stats, CXM_LEADERSHIP_RATE_WEEKLY, counts_only);
  add_lead_rate(obj, "daily_rate", stats, CXM_LEADERSHIP_RATE_DAILY, counts_only);
  return obj;
}

static json_object *
cadence_side_json(const CxmStats *stats, CxmLeadershipRate kind, gboolean counts_only)
{
  json_object *obj = json_object_new_object();
  guint64 n;

  cxm_stats_get_leadership_rate_counts(stats, kind, NULL, &n);
  json_object_object_add(obj, "n", count(n));
  add_lead_rate(obj, "momentum_rate", stats, kind, counts_only);
  return obj;
}

static json_object *
momentum_by_cadence_json(const CxmStats *stats, gboolean counts_only)
{
  json_object *obj = json_object_new_object(), *test = NULL;
  CxmComparison c;

  json_object_object_add(obj, "met",
                         cadence_side_json(stats, CXM_LEADERSHIP_RATE_MOMENTUM_MET,
                                           counts_only));
  json_object_object_add(obj, "not_met",
                         cadence_side_json(stats, CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET,
                                           counts_only));
  if (counts_only)
    return obj;
  if (cxm_stats_compare_momentum_by_cadence(stats, &c)) {
    test = json_object_new_object();
    json_object_object_add(test, "delta", cxm_json_rounded(c.delta, CXM_RATE_DECIMALS));
    json_object_object_add(test, "se", cxm_json_rounded(c.se, CXM_RATE_DECIMALS));
    json_object_object_add(test, "z", cxm_json_rounded(c.z, 3));
    json_object_object_add(test, "p", cxm_json_rounded(c.p_value, 4));
  }
  json_object_object_add(obj, "comparison", test);
  return obj;
}

static json_object *
coverage_json(const CxmStats *stats, gboolean counts_only)
{
  json_object *obj = json_object_new_object();
  guint64 coached, employees;

  cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_COACHING_COVERAGE,
                                       &coached, &employees);
  json_object_object_add(obj, "employees", count(employees));
  json_object_object_add(obj, "coached", count(coached));
  add_lead_rate(obj, "rate", stats, CXM_LEADERSHIP_RATE_COACHING_COVERAGE, counts_only);
  return obj;
}

json_object *
cxm_stats_leadership_json(const CxmStats *stats)
{
  const unsigned int parts = cxm_stats_get_leadership_parts(stats);
  const gboolean counts_only = cxm_stats_is_suppressed(stats);
  json_object *obj = json_object_new_object();
  double per_100;

  json_object_object_add(obj, "events",
                         count(cxm_stats_get_leadership_count(stats, CXM_UNSET)));
  json_object_object_add(obj, "by_type", by_type_json(stats, FALSE));
  if (parts & CXM_LEAD_RECEIVED)
    json_object_object_add(obj, "received", by_type_json(stats, TRUE));
  if ((parts & CXM_LEAD_RECOGNITION) && !counts_only)
    json_object_object_add(obj, "recognition_per_100",
                           cxm_stats_get_recognition_per_100(stats, &per_100)
                               ? cxm_json_rounded(per_100, CXM_SCORE_DECIMALS)
                               : NULL);
  if (parts & CXM_LEAD_CADENCE)
    json_object_object_add(obj, "cadence", cadence_json(stats, counts_only));
  if (parts & CXM_LEAD_MOMENTUM)
    json_object_object_add(obj, "momentum_by_cadence",
                           momentum_by_cadence_json(stats, counts_only));
  if (parts & CXM_LEAD_COVERAGE)
    json_object_object_add(obj, "coaching_coverage", coverage_json(stats, counts_only));
  return obj;
}

json_object *
cxm_stats_to_json_object(const CxmStats *stats)
{
  json_object *obj = json_object_new_object(), *sub, *kinds;
  CxmNetScore net;
  CxmBreakdown b;

  add_class_counts(obj, stats);
  if (cxm_stats_is_suppressed(stats)) {
    json_object_object_add(obj, "suppressed", json_object_new_boolean(TRUE));
    json_object_object_add(obj, "leadership", cxm_stats_leadership_json(stats));
    json_object_object_add(obj, "small_sample",
                           json_object_new_boolean(cxm_stats_is_small_sample(stats)));
    return obj;
  }
  json_object_object_add(obj, "momentum_rate", rate_interval(stats, CXM_RATE_MOMENTUM));
  json_object_object_add(obj, "disappointment_rate",
                         rate_interval(stats, CXM_RATE_DISAPPOINTMENT));
  if (cxm_stats_get_net_score(stats, CXM_NET_MOMENTUM, &net)) {
    sub = json_object_new_object();
    json_object_object_add(sub, "score", cxm_json_rounded(net.score, CXM_SCORE_DECIMALS));
    json_object_object_add(sub, "moe95", cxm_json_rounded(net.moe95, CXM_SCORE_DECIMALS));
    json_object_object_add(obj, "net_momentum", sub);
  } else {
    json_object_object_add(obj, "net_momentum", NULL);
  }
  json_object_object_add(obj, "difficult",
                         count(cxm_stats_get_count(stats, CXM_COUNT_DIFFICULT)));
  json_object_object_add(obj, "difficult_rate", rate_value(stats, CXM_RATE_DIFFICULT));
  json_object_object_add(obj, "recovery_rate", rate_interval(stats, CXM_RATE_RECOVERY));

  kinds = json_object_new_object();
  for (int k = 0; k < CXM_DIFFICULTY_COUNT; k++) {
    cxm_stats_get_difficulty(stats, k, &b);
    sub = json_object_new_object();
    json_object_object_add(sub, "count", count(b.count));
    json_object_object_add(sub, "momentum", count(b.momentum));
    json_object_object_add(sub, "disappointment", count(b.disappointment));
    json_object_object_add(sub, "recovery_rate",
                           cxm_stats_breakdown_recovery_json(&b, stats));
    json_object_object_add(kinds, cxm_difficulty_names[k], sub);
  }
  json_object_object_add(obj, "by_difficulty", kinds);

  sub = json_object_new_object();
  json_object_object_add(sub, "responses",
                         count(cxm_stats_get_count(stats, CXM_COUNT_NPS_RESPONSES)));
  json_object_object_add(sub, "promoters",
                         count(cxm_stats_get_count(stats, CXM_COUNT_NPS_PROMOTERS)));
  json_object_object_add(sub, "passives",
                         count(cxm_stats_get_count(stats, CXM_COUNT_NPS_PASSIVES)));
  json_object_object_add(sub, "detractors",
                         count(cxm_stats_get_count(stats, CXM_COUNT_NPS_DETRACTORS)));
  if (cxm_stats_get_net_score(stats, CXM_NET_NPS, &net)) {
    json_object_object_add(sub, "score", cxm_json_rounded(net.score, CXM_SCORE_DECIMALS));
    json_object_object_add(sub, "moe95", cxm_json_rounded(net.moe95, CXM_SCORE_DECIMALS));
  } else {
    json_object_object_add(sub, "score", NULL);
    json_object_object_add(sub, "moe95", NULL);
  }
  json_object_object_add(obj, "nps", sub);

  sub = json_object_new_object();
  json_object_object_add(sub, "responses",
                         count(cxm_stats_get_count(stats, CXM_COUNT_CSAT_RESPONSES)));
  json_object_object_add(sub, "mean", mean_value(stats, CXM_MEAN_CSAT));
  json_object_object_add(sub, "top2_rate", rate_value(stats, CXM_RATE_CSAT_TOP2));
  json_object_object_add(sub, "fan_rate", rate_value(stats, CXM_RATE_CSAT_FAN));
  json_object_object_add(obj, "csat", sub);

  sub = json_object_new_object();
  json_object_object_add(sub, "responses",
                         count(cxm_stats_get_count(stats, CXM_COUNT_EFFORT_RESPONSES)));
  json_object_object_add(sub, "mean", mean_value(stats, CXM_MEAN_EFFORT));
  json_object_object_add(sub, "easy_rate", rate_value(stats, CXM_RATE_EFFORT_EASY));
  json_object_object_add(obj, "effort", sub);

  sub = json_object_new_object();
  json_object_object_add(
      sub, "responses",
      count(cxm_stats_get_count(stats, CXM_COUNT_EMPLOYEE_SATISFACTION_RESPONSES)));
  json_object_object_add(sub, "mean", mean_value(stats, CXM_MEAN_EMPLOYEE_SATISFACTION));
  json_object_object_add(obj, "employee_satisfaction", sub);

  json_object_object_add(obj, "fcr_rate", rate_value(stats, CXM_RATE_FCR));
  json_object_object_add(obj, "beyond_role_rate",
                         rate_value(stats, CXM_RATE_BEYOND_ROLE));
  json_object_object_add(obj, "proactive_rate", rate_value(stats, CXM_RATE_PROACTIVE));
  json_object_object_add(obj, "empowered_rate", rate_value(stats, CXM_RATE_EMPOWERED));

  kinds = json_object_new_object();
  for (int e = 0; e < CXM_EMOTION_COUNT; e++) {
    cxm_stats_get_emotion(stats, e, &b);
    sub = json_object_new_object();
    json_object_object_add(sub, "count", count(b.count));
    json_object_object_add(sub, "recovery_rate",
                           cxm_stats_breakdown_recovery_json(&b, stats));
    json_object_object_add(kinds, cxm_emotion_names[e], sub);
  }
  json_object_object_add(obj, "emotions", kinds);

  kinds = json_object_new_object();
  for (int r = 0; r < CXM_REASON_COUNT; r++)
    json_object_object_add(kinds, cxm_reason_names[r],
                           count(cxm_stats_get_reason_count(stats, r)));
  json_object_object_add(obj, "reasons", kinds);

  json_object_object_add(obj, "leadership", cxm_stats_leadership_json(stats));
  json_object_object_add(obj, "small_sample",
                         json_object_new_boolean(cxm_stats_is_small_sample(stats)));
  return obj;
}

char *
cxm_stats_to_json(const CxmStats *stats, gboolean pretty)
{
  json_object *obj;
  char *text;

  g_return_val_if_fail(stats != NULL, NULL);
  obj = cxm_stats_to_json_object(stats);
  text = g_strdup(json_object_to_json_string_ext(
      obj, JSON_C_TO_STRING_NOSLASHESCAPE |
               (pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
                       : JSON_C_TO_STRING_PLAIN)));
  json_object_put(obj);
  return text;
}
