/* SPDX-License-Identifier: MIT */
/* Tests of CxmFilter (filter.h) and of filtered imports (import.h). */
#include <criterion/criterion.h>
#include <string.h>
#include <cxm/cxm.h>

/* 2026-03-02T00:00:00Z, a Monday (ISO week 2026-W10). */
#define MAR2 G_GINT64_CONSTANT(1772409600)
#define DAY 86400

/* Six records: four interactions, one leadership event, one bad line. */
#define INPUT                                                                                                        \
  "{\"id\":\"a\",\"ts\":\"2026-03-01T23:59:59Z\",\"channel\":\"phone\",\"team\":\"north\",\"employee\":\"ana\"}\n"   \
  "{\"id\":\"b\",\"ts\":\"2026-03-02T00:00:00Z\",\"channel\":\"email\",\"team\":\"north\",\"employee\":\"ana\"}\n"   \
  "{\"id\":\"c\",\"ts\":\"2026-03-08T23:59:59Z\",\"channel\":\"chat\",\"employee\":\"e-1\"}\n"                       \
  "{\"id\":\"d\",\"ts\":\"2026-03-09T00:00:00Z\",\"channel\":\"phone\",\"team\":\"south\",\"level\":\"manager\"}\n"  \
  "{\"kind\":\"leadership\",\"id\":\"l\",\"ts\":\"2026-03-03T08:00:00Z\",\"type\":\"coaching\",\"actor\":\"e-1\"}\n" \
  "{\"id\":\"bad\",\"ts\":\"2026-03-03T08:00:00Z\",\"channel\":\"fax\"}\n"

static CxmOrg *
org(void)
{
  const char *json =
      "{\"people\":[{\"id\":\"e-1\",\"level\":\"manager\",\"team\":\"south\"}]}";
  CxmOrg *o = cxm_org_new_from_data(json, -1, NULL);
  cr_assert_not_null(o);
  return o;
}

/* Imports INPUT through @filter (with the org or not) on @threads threads,
 * and checks the counts. */
static void
check_import(const CxmFilter *filter, gboolean with_org, guint threads, guint64 accepted,
             guint64 filtered, guint64 leadership)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  if (with_org) {
    g_autoptr(CxmOrg) o = org();
    cr_assert(cxm_recorder_set_org(rec, o, NULL));
  }
  cxm_import_result_set_filter(res, filter);
  cxm_import_result_set_threads(res, threads);
  cr_assert(cxm_import_data(rec, INPUT, strlen(INPUT), "in", 0, res, NULL));
  cr_assert_eq(cxm_import_result_get_records(res), 6);
  cr_assert_eq(cxm_import_result_get_rejected(res), 1);
  cr_assert_eq(cxm_import_result_get_accepted(res), accepted,
               "accepted %" G_GUINT64_FORMAT, cxm_import_result_get_accepted(res));
  cr_assert_eq(cxm_import_result_get_filtered(res), filtered,
               "filtered %" G_GUINT64_FORMAT, cxm_import_result_get_filtered(res));
  cr_assert_eq(cxm_import_result_get_leadership(res), leadership);
  cr_assert_eq(cxm_recorder_get_n(rec), accepted - leadership);
}

Test(filter, a_new_filter_passes_everything)
{
  g_autoptr(CxmFilter) f = cxm_filter_new();
  check_import(f, FALSE, 1, 5, 0, 1);
  check_import(NULL, FALSE, 1, 5, 0, 1);
}

Test(filter, since_is_inclusive_and_until_exclusive)
{
  g_autoptr(CxmFilter) f = cxm_filter_new();
  cxm_filter_set_since(f, MAR2);
  cxm_filter_set_until(f, MAR2 + 7 * DAY);
  /* b, c and l; a a second before, d at the end. */
  check_import(f, FALSE, 1, 3, 2, 1);
  check_import(f, FALSE, 4, 3, 2, 1);
}

Test(filter, a_week_is_its_bounds)
{
  g_autoptr(CxmFilter) f = cxm_filter_new();
  cr_assert(cxm_filter_set_period(f, "2026-W10", NULL));
  check_import(f, FALSE, 1, 3, 2, 1);
}

Test(filter, a_day_and_a_month)
{
  g_autoptr(CxmFilter) day = cxm_filter_new();
  g_autoptr(CxmFilter) month = cxm_filter_new();
  cr_assert(cxm_filter_set_period(day, "2026-03-02", NULL));
  check_import(day, FALSE, 1, 1, 4, 0);
  cr_assert(cxm_filter_set_period(month, "2026-03", NULL));
  check_import(month, FALSE, 1, 5, 0, 1); /* a is on March 1st */
}

Test(filter, a_bad_period_is_an_error_and_changes_nothing)
{
  g_autoptr(CxmFilter) f = cxm_filter_new();
  GError *error = NULL;
  cr_assert_not(cxm_filter_set_period(f, "2026-W54", &error));
  cr_assert(g_error_matches(error, CXM_ERROR, CXM_ERROR_FORMAT));
  cr_assert_str_eq(error->message, "period must be a day (2026-03-02), a week (2026-W10) "
                                   "or a month (2026-03), got \"2026-W54\"");
  g_error_free(error);
  check_import(f, FALSE, 1, 5, 0, 1);
}

Test(filter, times_parse_as_dates_or_instants)
{
  gint64 t = 0;
  GError *error = NULL;
  cr_assert(cxm_filter_parse_time("2026-03-02", &t, NULL));
  cr_assert_eq(t, MAR2);
  cr_assert(cxm_filter_parse_time("2026-03-02T01:00:00+01:00", &t, NULL));
  cr_assert_eq(t, MAR2);
  cr_assert(cxm_filter_parse_time("2026-03-02T00:00:01.5Z", &t, NULL));
  cr_assert_eq(t, MAR2 + 1);
  cr_assert_not(cxm_filter_parse_time("2026-02-30", &t, &error));
  cr_assert(g_error_matches(error, CXM_ERROR, CXM_ERROR_FORMAT));
  cr_assert_eq(t, MAR2 + 1);
  g_clear_error(&error);
  cr_assert_not(cxm_filter_parse_time("2026-03-02T00:00:00", &t, &error));
  g_clear_error(&error);
}

Test(filter, values_of_one_key_are_alternatives_keys_all_apply)
{
  g_autoptr(CxmFilter) f = cxm_filter_new();
  cr_assert(cxm_filter_add(f, CXM_FILTER_CHANNEL, "phone", NULL));
  cr_assert(cxm_filter_add(f, CXM_FILTER_CHANNEL, "chat", NULL));
  /* a, c, d; a leadership event has no channel. */
  check_import(f, FALSE, 1, 3, 2, 0);
  cr_assert(cxm_filter_add(f, CXM_FILTER_TEAM, "north", NULL));
  check_import(f, FALSE, 1, 1, 4, 0);
}

Test(filter, team_and_level_come_from_the_org_when_the_record_has_none)
{
  g_autoptr(CxmFilter) f = cxm_filter_new();
  cr_assert(cxm_filter_add(f, CXM_FILTER_TEAM, "south", NULL));
  /* Without the org: d alone. With it: c (e-1's team) and l (its actor's). */
  check_import(f, FALSE, 1, 1, 4, 0);
  check_import(f, TRUE, 1, 3, 2, 1);
  check_import(f, TRUE, 3, 3, 2, 1);

  g_autoptr(CxmFilter) level = cxm_filter_new();
  cr_assert(cxm_filter_add(level, CXM_FILTER_LEVEL, "unassigned", NULL));
  check_import(level, FALSE, 1, 4, 1, 1); /* a, b, c, and l: no level */
  check_import(level, TRUE, 1, 2, 3, 0);
}

Test(filter, employee_is_a_leadership_events_actor)
{
  g_autoptr(CxmFilter) f = cxm_filter_new();
  cr_assert(cxm_filter_add(f, CXM_FILTER_EMPLOYEE, "e-1", NULL));
  check_import(f, FALSE, 1, 2, 3, 1);
}

Test(filter, bad_values_are_errors_naming_the_value)
{
  g_autoptr(CxmFilter) f = cxm_filter_new();
  GError *error = NULL;
  cr_assert_not(cxm_filter_add(f, CXM_FILTER_CHANNEL, "fax", &error));
  cr_assert(g_error_matches(error, CXM_ERROR, CXM_ERROR_ENUM));
  cr_assert_str_eq(error->message,
                   "channel must be a channel name (phone, email, ...), got \"fax\"");
  g_clear_error(&error);
  cr_assert_not(cxm_filter_add(f, CXM_FILTER_LEVEL, "boss", &error));
  cr_assert(g_error_matches(error, CXM_ERROR, CXM_ERROR_ENUM));
  g_clear_error(&error);
  cr_assert_not(cxm_filter_add(f, CXM_FILTER_TEAM, "", &error));
  cr_assert(g_error_matches(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT));
  g_clear_error(&error);
  cr_assert_not(cxm_filter_add(f, CXM_FILTER_KEY_COUNT, "x", &error));
  cr_assert(g_error_matches(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT));
  g_clear_error(&error);
  /* Nothing was added. */
  check_import(f, FALSE, 1, 5, 0, 1);
}

Test(filter, matches_reads_an_interactions_own_fields)
{
  g_autoptr(CxmFilter) f = cxm_filter_new();
  g_autoptr(CxmInteraction) it = cxm_interaction_new();
  cr_assert(cxm_interaction_set_ts(it, MAR2, NULL));
  cr_assert(cxm_interaction_set_channel(it, CXM_CHANNEL_PHONE, NULL));
  cr_assert(cxm_filter_matches(f, it));
  cr_assert(cxm_filter_add(f, CXM_FILTER_LEVEL, "unassigned", NULL));
  cr_assert(cxm_filter_matches(f, it));
  cxm_filter_set_until(f, MAR2);
  cr_assert_not(cxm_filter_matches(f, it));
}

Test(filter, the_result_keeps_a_copy)
{
  CxmFilter *f = cxm_filter_new();
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  cr_assert(cxm_filter_add(f, CXM_FILTER_TEAM, "north", NULL));
  cxm_import_result_set_filter(res, f);
  cxm_filter_free(f);
  cr_assert(cxm_import_data(rec, INPUT, strlen(INPUT), "in", 0, res, NULL));
  cr_assert_eq(cxm_import_result_get_accepted(res), 2);
  cr_assert_eq(cxm_import_result_get_filtered(res), 3);
  cxm_import_result_add_filtered(res, 4);
  cr_assert_eq(cxm_import_result_get_filtered(res), 7);
}

Test(filter, a_strict_import_filters_with_the_org_too)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  g_autoptr(CxmFilter) f = cxm_filter_new();
  g_autoptr(CxmOrg) o = org();
  /* INPUT without its bad last line. */
  const gsize length = strlen(INPUT) - strlen(strrchr(INPUT, '{'));
  cr_assert(cxm_recorder_set_org(rec, o, NULL));
  cr_assert(cxm_filter_add(f, CXM_FILTER_TEAM, "south", NULL));
  cxm_import_result_set_filter(res, f);
  cr_assert(cxm_import_data(rec, INPUT, length, "in", CXM_IMPORT_STRICT, res, NULL));
  cr_assert_eq(cxm_import_result_get_records(res), 5);
  cr_assert_eq(cxm_import_result_get_accepted(res), 3);
  cr_assert_eq(cxm_import_result_get_filtered(res), 2);
  cr_assert_eq(cxm_recorder_get_n(rec), 2);
}
