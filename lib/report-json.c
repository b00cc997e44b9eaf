/* SPDX-License-Identifier: MIT */
/* The JSON report of SPEC section 8, written group by group. */
#include "config.h"

#include "enums-private.h"
#include "figures.h"
#include "json-text.h"
#include "json-writer.h"
#include "recorder-private.h"
#include "report-private.h"
#include "stats-json.h"
#include "stats-private.h"

static json_object *
input_json(const CxmReport *report)
{
  json_object *obj = json_object_new_object(), *errors = json_object_new_array();
  const CxmImportResult *input = report->input;
  CxmReportInput counts;

  cxm_report_input_counts(report, &counts);
  for (guint i = 0; input != NULL && i < cxm_import_result_get_n_errors(input); i++) {
    json_object *e = json_object_new_object();
    const char *source = cxm_import_result_get_error_source(input, i);
    const char *key = cxm_import_result_get_error_key(input, i);
    if (source != NULL)
      json_object_object_add(e, "source", json_object_new_string(source));
    json_object_object_add(
        e, "line", json_object_new_uint64(cxm_import_result_get_error_line(input, i)));
    json_object_object_add(e, "key", key ? json_object_new_string(key) : NULL);
    json_object_object_add(
        e, "message",
        json_object_new_string(cxm_import_result_get_error_message(input, i)));
    json_object_array_add(errors, e);
  }
  json_object_object_add(obj, "records", json_object_new_uint64(counts.records));
  json_object_object_add(obj, "accepted", json_object_new_uint64(counts.accepted));
  json_object_object_add(obj, "rejected", json_object_new_uint64(counts.rejected));
  json_object_object_add(obj, "filtered", json_object_new_uint64(counts.filtered));
  json_object_object_add(obj, "leadership", json_object_new_uint64(counts.leadership));
  json_object_object_add(obj, "errors", errors);
  return obj;
}

/* The writer of the report being written. */
#define WRITER(report) ((CxmJsonWriter *) (report)->format_data)

static void
add_group(CxmReport *report, const char *key, const CxmStats *stats, gpointer data)
{
  cxm_stats_write_json(WRITER(report), key ? key : data, stats);
}

/* "NAME": {"KEY": GROUP, ...} */
static void
add_groups(CxmReport *report, const CxmRecorder *view, CxmGroupKind kind,
           const char *name)
{
  cxm_json_writer_begin_object(WRITER(report), name);
  cxm_report_for_each(report, view, kind, add_group, NULL);
  cxm_json_writer_end_object(WRITER(report));
}

/* Totals, levels and the optional groups of @flags that @view keeps. */
static void
add_view(CxmReport *report, const CxmRecorder *view, unsigned int flags)
{
  cxm_report_for_each(report, view, CXM_GROUP_TOTALS, add_group, (gpointer) "totals");
  add_groups(report, view, CXM_GROUP_LEVEL, "levels");
  for (gsize i = 0; i < G_N_ELEMENTS(cxm_report_groups); i++)
    if (flags & cxm_report_groups[i].flag)
      add_groups(report, view, cxm_report_groups[i].kind, cxm_report_groups[i].plural);
}

static void
add_period(CxmReport *report, CxmPeriodKind kind, const char *name,
           const CxmRecorder *view, gpointer data)
{
  cxm_json_writer_begin_object(WRITER(report), name);
  /* Employees are not kept per period. */
  add_view(report, view, report->flags & (CXM_REPORT_TEAMS | CXM_REPORT_CHANNELS));
  cxm_json_writer_end_object(WRITER(report));
}

/* {"week": {"2026-W09": {"totals": ..., "levels": ...}, ...}, ...} */
static void
add_periods(CxmReport *report)
{
  cxm_json_writer_begin_object(WRITER(report), "periods");
  for (int kind = 0; kind < CXM_PERIOD_KIND_COUNT; kind++) {
    if (!(report->flags & cxm_report_period_flags[kind]))
      continue;
    cxm_json_writer_begin_object(WRITER(report), cxm_period_kind_name(kind));
    cxm_report_for_each_period(report, kind, add_period, NULL);
    cxm_json_writer_end_object(WRITER(report));
  }
  cxm_json_writer_end_object(WRITER(report));
}

static void
add_scope(CxmReport *report, const char *person, guint depth, const CxmStats *direct,
          const CxmStats *cumulative, gpointer data)
{
  CxmJsonWriter *w = WRITER(report);
  cxm_json_writer_begin_object(w, person);
  cxm_stats_write_json(w, "direct", direct);
  cxm_stats_write_json(w, "cumulative", cumulative);
  cxm_json_writer_end_object(w);
}

/* Difficulty kind x team and x channel: where difficult moments recur and
 * go wrong, worst first. */
static void
add_hotspots(CxmReport *report)
{
  const CxmRecorder *recorder = report->recorder;
  g_autoptr(CxmStats) totals =
      cxm_recorder_get_stats(recorder, CXM_GROUP_TOTALS, NULL, NULL);
  gsize n;
  CxmHotspot *spots = cxm_report_get_hotspots(report, &n);

  CxmJsonWriter *w = WRITER(report);
  cxm_json_writer_begin_array(w, "hotspots");
  for (gsize i = 0; i < n; i++) {
    const CxmHotspot *spot = &spots[i];
    cxm_json_writer_begin_object(w, NULL);
    cxm_json_writer_string(w, "difficulty", cxm_difficulty_name(spot->difficulty));
    cxm_json_writer_string(w, spot->kind == CXM_GROUP_TEAM ? "team" : "channel",
                           spot->key);
    cxm_json_writer_uint(w, "count", spot->counts.count);
    cxm_json_writer_uint(w, "momentum", spot->counts.momentum);
    cxm_json_writer_uint(w, "disappointment", spot->counts.disappointment);
    if (cxm_report_suppressed_count(report, spot->counts.count))
      cxm_json_writer_bool(w, "suppressed", TRUE);
    else
      cxm_stats_write_breakdown_recovery(w, "recovery_rate", &spot->counts, totals);
    cxm_json_writer_end_object(w);
  }
  cxm_json_writer_end_array(w);
  cxm_hotspots_free(spots, n);
}

/* ---- comparison of two periods ------------------------------------------- */

static json_object *
comparison_value(gboolean ok, const CxmComparison *c, int decimals)
{
  json_object *obj;

  if (!ok)
    return NULL;
  obj = json_object_new_object();
  json_object_object_add(obj, "a", cxm_json_rounded(c->a, decimals));
  json_object_object_add(obj, "b", cxm_json_rounded(c->b, decimals));
  json_object_object_add(obj, "delta", cxm_json_rounded(c->delta, decimals));
  json_object_object_add(obj, "se", cxm_json_rounded(c->se, decimals));
  json_object_object_add(obj, "z", cxm_json_rounded(c->z, 3));
  json_object_object_add(obj, "p_value", cxm_json_rounded(c->p_value, 4));
  return obj;
}

static json_object *
compare_group(const CxmStats *a, const CxmStats *b)
{
  json_object *obj = json_object_new_object();
  CxmComparison c;

  if (cxm_stats_is_suppressed(a) || cxm_stats_is_suppressed(b)) {
    json_object_object_add(obj, "suppressed", json_object_new_boolean(TRUE));
    return obj;
  }
  for (gsize i = 0; i < G_N_ELEMENTS(cxm_report_compared); i++)
    json_object_object_add(obj, cxm_report_compared[i].name,
                           comparison_value(cxm_report_compare(a, b, i, &c), &c,
                                            cxm_report_compared[i].is_net
                                                ? CXM_SCORE_DECIMALS
                                                : CXM_RATE_DECIMALS));
  return obj;
}

/* "NAME": each group of @kind compared between the two periods. */
static void
add_compared_groups(CxmReport *report, CxmGroupKind kind, const char *name)
{
  const CxmReportOptions *o = report->options;
  char **keys = cxm_recorder_get_keys(report->recorder, kind, NULL);

  cxm_json_writer_begin_object(WRITER(report), name);
  for (char **key = keys; *key != NULL; key++) {
    g_autoptr(CxmStats) sa = cxm_recorder_get_period_stats(
        report->recorder, o->compared, o->compare_a, kind, *key, NULL);
    g_autoptr(CxmStats) sb = cxm_recorder_get_period_stats(
        report->recorder, o->compared, o->compare_b, kind, *key, NULL);
    cxm_json_writer_add(WRITER(report), *key, compare_group(sa, sb));
  }
  cxm_json_writer_end_object(WRITER(report));
  g_strfreev(keys);
}

static void
add_comparison(CxmReport *report)
{
  const CxmReportOptions *o = report->options;
  CxmJsonWriter *w = WRITER(report);
  g_autoptr(CxmStats) ta = cxm_recorder_get_period_stats(
      report->recorder, o->compared, o->compare_a, CXM_GROUP_TOTALS, NULL, NULL);
  g_autoptr(CxmStats) tb = cxm_recorder_get_period_stats(
      report->recorder, o->compared, o->compare_b, CXM_GROUP_TOTALS, NULL, NULL);

  cxm_json_writer_begin_object(w, "comparison");
  cxm_json_writer_add(w, "period",
                      json_object_new_string(cxm_period_kind_name(o->compared)));
  cxm_json_writer_add(w, "a", json_object_new_string(o->compare_a));
  cxm_json_writer_add(w, "b", json_object_new_string(o->compare_b));
  cxm_json_writer_add(w, "totals", compare_group(ta, tb));
  add_compared_groups(report, CXM_GROUP_LEVEL, "levels");
  if (report->flags & CXM_REPORT_TEAMS)
    add_compared_groups(report, CXM_GROUP_TEAM, "teams");
  if (report->flags & CXM_REPORT_CHANNELS)
    add_compared_groups(report, CXM_GROUP_CHANNEL, "channels");
  cxm_json_writer_end_object(w);
}

void
cxm_report_write_json(CxmReport *report)
{
  const CxmPolicy *policy = cxm_recorder_get_policy(report->recorder);
  CxmJsonWriter writer;
  json_object *obj;

  cxm_json_writer_init(&writer, report->sink, (report->flags & CXM_REPORT_PRETTY) != 0);
  report->format_data = &writer;
  cxm_json_writer_begin_object(&writer, NULL);
  cxm_json_writer_add(&writer, "cxm_report", json_object_new_int(1));
  obj = json_object_new_object();
  json_object_object_add(obj, "name",
                         json_object_new_string(cxm_policy_get_name(policy)));
  json_object_object_add(obj, "fingerprint",
                         json_object_new_string(cxm_policy_get_fingerprint(policy)));
  /* The zones the days are in, when not all UTC (as in the policy file). */
  g_autofree char *policy_text = cxm_policy_to_json(policy);
  json_object *settings = json_tokener_parse(policy_text), *zones;
  if (json_object_object_get_ex(settings, "time_zone", &zones))
    json_object_object_add(obj, "time_zone", json_object_get(zones));
  if (json_object_object_get_ex(settings, "team_time_zones", &zones))
    json_object_object_add(obj, "team_time_zones", json_object_get(zones));
  json_object_put(settings);
  cxm_json_writer_add(&writer, "policy", obj);
  cxm_json_writer_add(&writer, "input", input_json(report));
  add_view(report, report->recorder, report->flags);
  if (report->flags & (CXM_REPORT_DAYS | CXM_REPORT_WEEKS | CXM_REPORT_MONTHS))
    add_periods(report);
  if (report->scopes != NULL) {
    cxm_json_writer_begin_object(&writer, "scopes");
    cxm_report_for_each_scope(report, add_scope, NULL);
    cxm_json_writer_end_object(&writer);
  }
  if (report->flags & CXM_REPORT_HOTSPOTS)
    add_hotspots(report);
  if (report->options->compared != CXM_UNSET)
    add_comparison(report);
  cxm_json_writer_end_object(&writer);
}
