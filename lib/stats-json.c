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

json_object *
cxm_stats_to_json_object(const CxmStats *stats)
{
  json_object *obj = json_object_new_object(), *sub, *kinds;
  CxmNetScore net;
  CxmBreakdown b;

  add_class_counts(obj, stats);
  if (cxm_stats_is_suppressed(stats)) {
    json_object_object_add(obj, "suppressed", json_object_new_boolean(TRUE));
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
