/* SPDX-License-Identifier: MIT */
/* One group's indicators as the JSON report holds them (SPEC section 5
 * keys), built from the CxmStats getters so that the report and the C API
 * never disagree. Written straight to a CxmJsonWriter: a report may hold
 * millions of groups, and a json-c tree for each would cost more than all
 * the rest of the report. */
#include "config.h"

#include "enums-private.h"
#include "figures.h"
#include "stats-json.h"
#include "stats-private.h"

static void
write_interval(CxmJsonWriter *w, const char *key, const CxmRate *rate)
{
  cxm_json_writer_begin_object(w, key);
  cxm_json_writer_figure(w, "value", rate->value, CXM_RATE_DECIMALS);
  cxm_json_writer_figure(w, "low", rate->low, CXM_RATE_DECIMALS);
  cxm_json_writer_figure(w, "high", rate->high, CXM_RATE_DECIMALS);
  cxm_json_writer_end_object(w);
}

/* A Wilson object, or null without a denominator. */
static void
write_rate_interval(CxmJsonWriter *w, const char *key, const CxmStats *stats,
                    CxmRateKind kind)
{
  CxmRate rate;
  if (cxm_stats_get_rate(stats, kind, &rate))
    write_interval(w, key, &rate);
  else
    cxm_json_writer_null(w, key);
}

/* A plain fraction, or null. */
static void
write_rate_value(CxmJsonWriter *w, const char *key, const CxmStats *stats,
                 CxmRateKind kind)
{
  CxmRate rate;
  if (cxm_stats_get_rate(stats, kind, &rate))
    cxm_json_writer_figure(w, key, rate.value, CXM_RATE_DECIMALS);
  else
    cxm_json_writer_null(w, key);
}

static void
write_mean(CxmJsonWriter *w, const char *key, const CxmStats *stats, CxmMeanKind kind)
{
  double mean;
  if (cxm_stats_get_mean(stats, kind, &mean))
    cxm_json_writer_figure(w, key, mean, CXM_MEAN_DECIMALS);
  else
    cxm_json_writer_null(w, key);
}

static void
write_count(CxmJsonWriter *w, const char *key, const CxmStats *stats, CxmCount count)
{
  cxm_json_writer_uint(w, key, cxm_stats_get_count(stats, count));
}

void
cxm_stats_write_breakdown_recovery(CxmJsonWriter *w, const char *key,
                                   const CxmBreakdown *b, const CxmStats *stats)
{
  CxmRate rate;
  if (cxm_wilson_interval(b->recovered, b->difficult, cxm_stats_get_z(stats), &rate))
    write_interval(w, key, &rate);
  else
    cxm_json_writer_null(w, key);
}

/* ---- leadership (SPEC section 5a) ---------------------------------------- */

static void
write_by_type(CxmJsonWriter *w, const char *key, const CxmStats *stats, gboolean received)
{
  cxm_json_writer_begin_object(w, key);
  for (int t = 0; t < CXM_LEADERSHIP_COUNT; t++) {
    guint64 n = 0;
    if (received)
      cxm_stats_get_leadership_received(stats, t, &n);
    else
      n = cxm_stats_get_leadership_count(stats, t);
    cxm_json_writer_uint(w, cxm_leadership_type_names[t], n);
  }
  cxm_json_writer_end_object(w);
}

/* A leadership rate: its Wilson object, null without a denominator; a
 * suppressed group keeps the counts only. */
static void
write_lead_rate(CxmJsonWriter *w, const char *key, const CxmStats *stats,
                CxmLeadershipRate kind, gboolean counts_only)
{
  CxmRate rate;
  if (counts_only)
    return;
  if (cxm_stats_get_leadership_rate(stats, kind, &rate))
    write_interval(w, key, &rate);
  else
    cxm_json_writer_null(w, key);
}

static void
write_cadence(CxmJsonWriter *w, const CxmStats *stats, gboolean counts_only)
{
  guint64 weekly, daily, team_weeks;

  cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_WEEKLY, &weekly,
                                       &team_weeks);
  cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_DAILY, &daily, NULL);
  cxm_json_writer_begin_object(w, "cadence");
  cxm_json_writer_uint(w, "team_weeks", team_weeks);
  cxm_json_writer_uint(w, "weekly", weekly);
  cxm_json_writer_uint(w, "daily", daily);
  write_lead_rate(w, "weekly_rate", stats, CXM_LEADERSHIP_RATE_WEEKLY, counts_only);
  write_lead_rate(w, "daily_rate", stats, CXM_LEADERSHIP_RATE_DAILY, counts_only);
  cxm_json_writer_end_object(w);
}

static void
write_cadence_side(CxmJsonWriter *w, const char *key, const CxmStats *stats,
                   CxmLeadershipRate kind, gboolean counts_only)
{
  guint64 n;

  cxm_stats_get_leadership_rate_counts(stats, kind, NULL, &n);
  cxm_json_writer_begin_object(w, key);
  cxm_json_writer_uint(w, "n", n);
  write_lead_rate(w, "momentum_rate", stats, kind, counts_only);
  cxm_json_writer_end_object(w);
}

static void
write_momentum_by_cadence(CxmJsonWriter *w, const CxmStats *stats, gboolean counts_only)
{
  CxmComparison c;

  cxm_json_writer_begin_object(w, "momentum_by_cadence");
  write_cadence_side(w, "met", stats, CXM_LEADERSHIP_RATE_MOMENTUM_MET, counts_only);
  write_cadence_side(w, "not_met", stats, CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET,
                     counts_only);
  if (!counts_only) {
    if (cxm_stats_compare_momentum_by_cadence(stats, &c)) {
      cxm_json_writer_begin_object(w, "comparison");
      cxm_json_writer_figure(w, "delta", c.delta, CXM_RATE_DECIMALS);
      cxm_json_writer_figure(w, "se", c.se, CXM_RATE_DECIMALS);
      cxm_json_writer_figure(w, "z", c.z, 3);
      cxm_json_writer_figure(w, "p", c.p_value, 4);
      cxm_json_writer_end_object(w);
    } else {
      cxm_json_writer_null(w, "comparison");
    }
  }
  cxm_json_writer_end_object(w);
}

static void
write_coverage(CxmJsonWriter *w, const CxmStats *stats, gboolean counts_only)
{
  guint64 coached, employees;

  cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_COACHING_COVERAGE,
                                       &coached, &employees);
  cxm_json_writer_begin_object(w, "coaching_coverage");
  cxm_json_writer_uint(w, "employees", employees);
  cxm_json_writer_uint(w, "coached", coached);
  write_lead_rate(w, "rate", stats, CXM_LEADERSHIP_RATE_COACHING_COVERAGE, counts_only);
  cxm_json_writer_end_object(w);
}

static void
write_leadership(CxmJsonWriter *w, const CxmStats *stats)
{
  const unsigned int parts = cxm_stats_get_leadership_parts(stats);
  const gboolean counts_only = cxm_stats_is_suppressed(stats);
  double per_100;

  cxm_json_writer_begin_object(w, "leadership");
  cxm_json_writer_uint(w, "events", cxm_stats_get_leadership_count(stats, CXM_UNSET));
  write_by_type(w, "by_type", stats, FALSE);
  if (parts & CXM_LEAD_RECEIVED)
    write_by_type(w, "received", stats, TRUE);
  if ((parts & CXM_LEAD_RECOGNITION) && !counts_only) {
    if (cxm_stats_get_recognition_per_100(stats, &per_100))
      cxm_json_writer_figure(w, "recognition_per_100", per_100, CXM_SCORE_DECIMALS);
    else
      cxm_json_writer_null(w, "recognition_per_100");
  }
  if (parts & CXM_LEAD_CADENCE)
    write_cadence(w, stats, counts_only);
  if (parts & CXM_LEAD_MOMENTUM)
    write_momentum_by_cadence(w, stats, counts_only);
  if (parts & CXM_LEAD_COVERAGE)
    write_coverage(w, stats, counts_only);
  cxm_json_writer_end_object(w);
}

/* ---- the group ------------------------------------------------------------ */

static void
write_net_score(CxmJsonWriter *w, const CxmNetScore *net)
{
  cxm_json_writer_figure(w, "score", net->score, CXM_SCORE_DECIMALS);
  cxm_json_writer_figure(w, "moe95", net->moe95, CXM_SCORE_DECIMALS);
}

void
cxm_stats_write_json(CxmJsonWriter *w, const char *key, const CxmStats *stats)
{
  CxmNetScore net;
  CxmBreakdown b;

  cxm_json_writer_begin_object(w, key);
  write_count(w, "n", stats, CXM_COUNT_N);
  write_count(w, "momentum", stats, CXM_COUNT_MOMENTUM);
  write_count(w, "disappointment", stats, CXM_COUNT_DISAPPOINTMENT);
  write_count(w, "neutral", stats, CXM_COUNT_NEUTRAL);
  if (cxm_stats_is_suppressed(stats)) {
    cxm_json_writer_bool(w, "suppressed", TRUE);
    goto tail;
  }
  write_rate_interval(w, "momentum_rate", stats, CXM_RATE_MOMENTUM);
  write_rate_interval(w, "disappointment_rate", stats, CXM_RATE_DISAPPOINTMENT);
  if (cxm_stats_get_net_score(stats, CXM_NET_MOMENTUM, &net)) {
    cxm_json_writer_begin_object(w, "net_momentum");
    write_net_score(w, &net);
    cxm_json_writer_end_object(w);
  } else {
    cxm_json_writer_null(w, "net_momentum");
  }
  write_count(w, "difficult", stats, CXM_COUNT_DIFFICULT);
  write_rate_value(w, "difficult_rate", stats, CXM_RATE_DIFFICULT);
  write_rate_interval(w, "recovery_rate", stats, CXM_RATE_RECOVERY);

  cxm_json_writer_begin_object(w, "by_difficulty");
  for (int k = 0; k < CXM_DIFFICULTY_COUNT; k++) {
    cxm_stats_get_difficulty(stats, k, &b);
    cxm_json_writer_begin_object(w, cxm_difficulty_names[k]);
    cxm_json_writer_uint(w, "count", b.count);
    cxm_json_writer_uint(w, "momentum", b.momentum);
    cxm_json_writer_uint(w, "disappointment", b.disappointment);
    cxm_stats_write_breakdown_recovery(w, "recovery_rate", &b, stats);
    cxm_json_writer_end_object(w);
  }
  cxm_json_writer_end_object(w);

  cxm_json_writer_begin_object(w, "nps");
  write_count(w, "responses", stats, CXM_COUNT_NPS_RESPONSES);
  write_count(w, "promoters", stats, CXM_COUNT_NPS_PROMOTERS);
  write_count(w, "passives", stats, CXM_COUNT_NPS_PASSIVES);
  write_count(w, "detractors", stats, CXM_COUNT_NPS_DETRACTORS);
  if (cxm_stats_get_net_score(stats, CXM_NET_NPS, &net)) {
    write_net_score(w, &net);
  } else {
    cxm_json_writer_null(w, "score");
    cxm_json_writer_null(w, "moe95");
  }
  cxm_json_writer_end_object(w);

  cxm_json_writer_begin_object(w, "csat");
  write_count(w, "responses", stats, CXM_COUNT_CSAT_RESPONSES);
  write_mean(w, "mean", stats, CXM_MEAN_CSAT);
  write_rate_value(w, "top2_rate", stats, CXM_RATE_CSAT_TOP2);
  write_rate_value(w, "fan_rate", stats, CXM_RATE_CSAT_FAN);
  cxm_json_writer_end_object(w);

  cxm_json_writer_begin_object(w, "effort");
  write_count(w, "responses", stats, CXM_COUNT_EFFORT_RESPONSES);
  write_mean(w, "mean", stats, CXM_MEAN_EFFORT);
  write_rate_value(w, "easy_rate", stats, CXM_RATE_EFFORT_EASY);
  cxm_json_writer_end_object(w);

  cxm_json_writer_begin_object(w, "employee_satisfaction");
  write_count(w, "responses", stats, CXM_COUNT_EMPLOYEE_SATISFACTION_RESPONSES);
  write_mean(w, "mean", stats, CXM_MEAN_EMPLOYEE_SATISFACTION);
  cxm_json_writer_end_object(w);

  write_rate_value(w, "fcr_rate", stats, CXM_RATE_FCR);
  write_rate_value(w, "beyond_role_rate", stats, CXM_RATE_BEYOND_ROLE);
  write_rate_value(w, "proactive_rate", stats, CXM_RATE_PROACTIVE);
  write_rate_value(w, "empowered_rate", stats, CXM_RATE_EMPOWERED);

  cxm_json_writer_begin_object(w, "emotions");
  for (int e = 0; e < CXM_EMOTION_COUNT; e++) {
    cxm_stats_get_emotion(stats, e, &b);
    cxm_json_writer_begin_object(w, cxm_emotion_names[e]);
    cxm_json_writer_uint(w, "count", b.count);
    cxm_stats_write_breakdown_recovery(w, "recovery_rate", &b, stats);
    cxm_json_writer_end_object(w);
  }
  cxm_json_writer_end_object(w);

  cxm_json_writer_begin_object(w, "reasons");
  for (int r = 0; r < CXM_REASON_COUNT; r++)
    cxm_json_writer_uint(w, cxm_reason_names[r], cxm_stats_get_reason_count(stats, r));
  cxm_json_writer_end_object(w);

tail:
  write_leadership(w, stats);
  cxm_json_writer_bool(w, "small_sample", cxm_stats_is_small_sample(stats));
  cxm_json_writer_end_object(w);
}

char *
cxm_stats_to_json(const CxmStats *stats, gboolean pretty)
{
  CxmSink sink;
  CxmJsonWriter writer;

  g_return_val_if_fail(stats != NULL, NULL);
  cxm_sink_init(&sink, NULL, NULL);
  cxm_json_writer_init(&writer, &sink, pretty);
  cxm_stats_write_json(&writer, NULL, stats);
  return cxm_sink_steal(&sink, NULL);
}
