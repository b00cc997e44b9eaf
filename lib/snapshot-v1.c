/* SPDX-License-Identifier: MIT */
/* Reading snapshots of format 1, the legacy one (doc/snapshot-format.md):
 * one JSON document, read whole into a json-c tree, so bounded to
 * CXM_SNAPSHOT_V1_MAX_SIZE. */
#include "config.h"

#include <string.h>

#include "enums-private.h"
#include "period-private.h"
#include "snapshot-private.h"
#include "utf8.h"

/* Levels or channels of a day: known names only. */
static gboolean
load_fixed_groups(json_object *day, const char *name, CxmAgg *aggs,
                  int (*from_name)(const char *), const char *where, GError **error)
{
  json_object *groups = cxm_snapshot_member(day, name, json_type_object, where, error);

  if (groups == NULL)
    return FALSE;
  json_object_object_foreach (groups, key, value) {
    g_autofree char *here = g_strdup_printf("%s.%s.%s", where, name, key);
    int index = from_name(key);
    if (index == CXM_UNSET)
      return cxm_snapshot_invalid(error, here, "not a known name");
    if (!cxm_snapshot_load_agg(value, &aggs[index], here, error))
      return FALSE;
  }
  return TRUE;
}

/* Teams or employees: name -> sums. */
static gboolean
load_table(json_object *groups, GHashTable *table, const char *key_name,
           const char *where, GError **error)
{
  json_object_object_foreach (groups, name, value) {
    g_autofree char *here = g_strdup_printf("%s.%s", where, name);
    guint64 n_groups = 0; /* counted when merged */
    CxmAgg *agg = cxm_store_table_agg(table, name, TRUE, &n_groups);

    if (!cxm_snapshot_check_name(key_name, name, here, error) ||
        !cxm_snapshot_load_agg(value, agg, here, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
load_v1_day(CxmRecorder *rec, const char *name, json_object *obj, CxmAgg *day_totals,
            GError **error)
{
  g_autofree char *where = g_strdup_printf("days.%s", name);
  CxmAgg channels_total = { 0 }, teams_total = { 0 };
  Groups day;
  gint64 number;
  gboolean ok;

  if (!cxm_period_day_range(name, CXM_PERIOD_DAY, &number, NULL))
    return cxm_snapshot_invalid(error, "days", "\"%s\" is not a day (YYYY-MM-DD)", name);
  if (!json_object_is_type(obj, json_type_object))
    return cxm_snapshot_invalid(error, where, "must be an object");
  /* Read into a scratch day with plain team names, then merged as another
   * recorder's day would be. */
  cxm_groups_init(&day, TRUE);
  ok = load_fixed_groups(obj, "levels", day.levels, cxm_level_from_name, where, error) &&
       load_fixed_groups(obj, "channels", day.channels, cxm_channel_from_name, where,
                         error);
  if (ok) {
    json_object *teams =
        cxm_snapshot_member(obj, "teams", json_type_object, where, error);
    g_autofree char *teams_where = g_strdup_printf("%s.teams", where);
    ok = teams != NULL && load_table(teams, day.teams, "team", teams_where, error);
  }
  if (ok) {
    GHashTableIter iter;
    gpointer agg;

    memset(day_totals, 0, sizeof *day_totals);
    for (int i = 0; i < CXM_LEVEL_COUNT; i++)
      cxm_agg_merge(day_totals, &day.levels[i]);
    for (int i = 0; i < CXM_CHANNEL_COUNT; i++)
      cxm_agg_merge(&channels_total, &day.channels[i]);
    g_hash_table_iter_init(&iter, day.teams);
    while (g_hash_table_iter_next(&iter, NULL, &agg))
      cxm_agg_merge(&teams_total, agg);
    if (cxm_agg_n(day_totals) == 0)
      ok = cxm_snapshot_invalid(error, where, "a day without records");
    else if (memcmp(day_totals, &channels_total, sizeof channels_total) != 0)
      ok = cxm_snapshot_invalid(error, where, "the channels do not add up to the levels");
    else if (cxm_agg_n(&teams_total) > cxm_agg_n(day_totals))
      ok = cxm_snapshot_invalid(error, where, "the teams hold more records than the day");
  }
  if (ok) {
    cxm_recorder_merge_groups(rec, &day);
    cxm_recorder_merge_day(rec, cxm_recorder_day_groups(rec, number), &day);
    ok = cxm_snapshot_check_limit(rec, error);
  }
  cxm_groups_clear(&day);
  return ok;
}

/* Format 1's body. Its leadership totals belong to no day, level or team:
 * they are the unassigned level's all-time events, and in no day. */
static gboolean
load_v1_body(CxmRecorder *rec, json_object *root, GError **error)
{
  json_object *leadership, *days, *employees;
  CxmAgg totals = { 0 }, day_totals, employees_total = { 0 };
  GHashTableIter iter;
  gpointer agg;

  if ((leadership = cxm_snapshot_member(root, "leadership", json_type_object, NULL,
                                        error)) == NULL ||
      (days = cxm_snapshot_member(root, "days", json_type_object, NULL, error)) == NULL ||
      (employees =
           cxm_snapshot_member(root, "employees", json_type_object, NULL, error)) == NULL)
    return FALSE;
  if (!cxm_snapshot_load_lead(leadership,
                              &rec->main.all.lead_levels[CXM_LEVEL_UNASSIGNED], TRUE,
                              "leadership", error))
    return FALSE;
  json_object_object_foreach (days, name, day) {
    if (!load_v1_day(rec, name, day, &day_totals, error))
      return FALSE;
    cxm_agg_merge(&totals, &day_totals);
    /* Every count is at most its group's records, so bounding the records
     * bounds every sum. */
    if (cxm_agg_n(&totals) > CXM_MAX_RECORDS)
      return cxm_snapshot_invalid(
          error, "days",
          "%" G_GUINT64_FORMAT " records in all, more than 2^53 (%" G_GUINT64_FORMAT ")",
          cxm_agg_n(&totals), CXM_MAX_RECORDS);
  }
  if (!load_table(employees, rec->main.all.employees, "employee", "employees", error))
    return FALSE;
  rec->n_groups += g_hash_table_size(rec->main.all.employees);
  if (!cxm_snapshot_check_limit(rec, error))
    return FALSE;
  g_hash_table_iter_init(&iter, rec->main.all.employees);
  while (g_hash_table_iter_next(&iter, NULL, &agg))
    cxm_agg_merge(&employees_total, agg);
  if (cxm_agg_n(&employees_total) > cxm_agg_n(&totals))
    return cxm_snapshot_invalid(error, "employees",
                                "they hold more records than the days");
  return TRUE;
}

/* A format 1 snapshot, whole in @data. */
CxmRecorder *
cxm_snapshot_load_v1(const char *data, gsize len, GError **error)
{
  json_tokener *tok;
  json_object *root;
  enum json_tokener_error jerr;
  CxmPolicy *policy;
  CxmRecorder *rec = NULL;
  gsize end;
  const char *bad;

  if (!cxm_utf8_validate(data, len, &bad)) {
    cxm_snapshot_invalid(error, NULL, "invalid UTF-8 (byte %" G_GSIZE_FORMAT ")",
                         (gsize) (bad - data) + 1);
    return NULL;
  }
  tok = json_tokener_new_ex(16);
  json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  root = json_tokener_parse_ex(tok, data, (int) len);
  jerr = json_tokener_get_error(tok);
  end = json_tokener_get_parse_end(tok);
  json_tokener_free(tok);
  if (jerr == json_tokener_continue || (jerr == json_tokener_success && root == NULL)) {
    cxm_snapshot_invalid(error, NULL,
                         "not valid JSON: it ends too early (%" G_GSIZE_FORMAT " bytes)",
                         len);
    return NULL;
  }
  if (jerr != json_tokener_success) {
    cxm_snapshot_invalid(error, NULL, "not valid JSON: %s (byte %" G_GSIZE_FORMAT ")",
                         json_tokener_error_desc(jerr), end + 1);
    return NULL;
  }
  /* Strict mode refuses text after the value, but json-c stops at a NUL. */
  if (end != len) {
    cxm_snapshot_invalid(
        error, NULL, "not valid JSON: text after the snapshot (byte %" G_GSIZE_FORMAT ")",
        end + 1);
    json_object_put(root);
    return NULL;
  }
  if ((policy = cxm_snapshot_load_policy(root, NULL, error)) != NULL) {
    rec = cxm_recorder_new(policy);
    cxm_policy_free(policy);
    if (!load_v1_body(rec, root, error))
      g_clear_pointer(&rec, cxm_recorder_free);
  }
  json_object_put(root);
  return rec;
}
