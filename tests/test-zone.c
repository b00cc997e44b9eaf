/* SPDX-License-Identifier: MIT */
/* Tests of time zones (cxm_policy_set_time_zone()): the days, weeks and
 * months a record is filed in across DST changes and month ends, a team's
 * own zone, the policy file keys and fingerprint, snapshots keeping the
 * zone, merges across zones refused, and filters reading local days. The
 * instants are worked out by hand from the tz database's rules for 2026:
 * New York goes to EDT (-04:00) at 2026-03-08T07:00:00Z and back to EST
 * (-05:00) at 2026-11-01T06:00:00Z. */
#include <criterion/criterion.h>
#include <string.h>
#include <cxm/cxm.h>
#include "test-util.h"

/* A recorder under the default policy in @zone (NULL: UTC), with team
 * "paris" in Europe/Paris when @paris. */
static CxmRecorder *
recorder_in(const char *zone, gboolean paris)
{
  g_autoptr(CxmPolicy) policy = cxm_policy_new();
  GError *err = NULL;
  cr_assert(cxm_policy_set_time_zone(policy, NULL, zone, &err), "%s",
            err ? err->message : "?");
  if (paris)
    cr_assert(cxm_policy_set_time_zone(policy, "paris", "Europe/Paris", &err), "%s",
              err ? err->message : "?");
  return cxm_recorder_new(policy);
}

/* Records an interaction of team @team at @ts. */
static void
record_at(CxmRecorder *rec, const char *ts, const char *team)
{
  static int n;
  GError *err = NULL;
  g_autofree char *line = g_strdup_printf(
      "{\"id\":\"r%d\",\"ts\":\"%s\",\"channel\":\"phone\",\"team\":\"%s\",\"csat\":5}",
      n++, ts, team);
  cr_assert(cxm_recorder_record_json(rec, line, -1, NULL, &err), "%s: %s", line,
            err ? err->message : "?");
}

/* The periods of @kind, comma-separated. */
static void
assert_periods(const CxmRecorder *rec, CxmPeriodKind kind, const char *expected)
{
  char **names = cxm_recorder_get_periods(rec, kind, NULL);
  g_autofree char *joined = g_strjoinv(",", names);
  cr_assert_str_eq(joined, expected);
  cxm_strv_free(names);
}

static guint64
period_n(const CxmRecorder *rec, CxmPeriodKind kind, const char *period)
{
  g_autoptr(CxmStats) stats =
      cxm_recorder_get_period_stats(rec, kind, period, CXM_GROUP_TOTALS, NULL, NULL);
  return stats ? cxm_stats_get_count(stats, CXM_COUNT_N) : 0;
}

Test(zone, a_month_end_in_new_york_counts_in_march)
{
  g_autoptr(CxmRecorder) ny = recorder_in("America/New_York", FALSE);
  g_autoptr(CxmRecorder) utc = recorder_in(NULL, FALSE);
  record_at(ny, "2026-03-31T20:00:00-05:00", "x");
  record_at(utc, "2026-03-31T20:00:00-05:00", "x");
  assert_periods(ny, CXM_PERIOD_MONTH, "2026-03");
  assert_periods(ny, CXM_PERIOD_DAY, "2026-03-31");
  assert_periods(utc, CXM_PERIOD_MONTH, "2026-04");
  assert_periods(utc, CXM_PERIOD_DAY, "2026-04-01");
}

Test(zone, the_offset_changes_with_daylight_saving_time)
{
  g_autoptr(CxmRecorder) ny = recorder_in("America/New_York", FALSE);
  /* 04:30Z is 23:30 the day before in EST, 00:30 the same day in EDT. */
  record_at(ny, "2026-03-08T04:30:00Z", "x"); /* EST: 03-07 */
  record_at(ny, "2026-03-09T04:30:00Z", "x"); /* EDT: 03-09 */
  record_at(ny, "2026-11-01T04:30:00Z", "x"); /* EDT: 11-01 */
  record_at(ny, "2026-11-02T04:30:00Z", "x"); /* EST: 11-01 */
  /* Either side of the spring change itself: 01:59:59 EST, 03:00:00 EDT. */
  record_at(ny, "2026-03-08T06:59:59Z", "x");
  record_at(ny, "2026-03-08T07:00:00Z", "x");
  assert_periods(ny, CXM_PERIOD_DAY, "2026-03-07,2026-03-08,2026-03-09,2026-11-01");
  cr_assert_eq(period_n(ny, CXM_PERIOD_DAY, "2026-03-08"), 2);
  cr_assert_eq(period_n(ny, CXM_PERIOD_DAY, "2026-11-01"), 2);
  /* 2026-03-07 is a Saturday, of week 10 with the Sunday 03-08. */
  assert_periods(ny, CXM_PERIOD_WEEK, "2026-W10,2026-W11,2026-W44");
}

Test(zone, a_fixed_offset_and_utc_are_zones_too)
{
  g_autoptr(CxmRecorder) india = recorder_in("+05:30", FALSE);
  g_autoptr(CxmRecorder) utc = recorder_in("UTC", FALSE);
  record_at(india, "2026-03-31T18:29:59Z", "x"); /* 23:59:59 local */
  record_at(india, "2026-03-31T18:30:00Z", "x"); /* 00:00:00 local */
  assert_periods(india, CXM_PERIOD_DAY, "2026-03-31,2026-04-01");
  record_at(utc, "2026-03-31T18:30:00Z", "x");
  assert_periods(utc, CXM_PERIOD_DAY, "2026-03-31");
  /* "UTC" as the default is no zone at all: the fingerprint of the defaults. */
  g_autoptr(CxmPolicy) defaults = cxm_policy_new();
  cr_assert_str_eq(cxm_policy_get_fingerprint(cxm_recorder_get_policy(utc)),
                   cxm_policy_get_fingerprint(defaults));
}

Test(zone, a_team_zone_overrides_the_default)
{
  g_autoptr(CxmRecorder) rec = recorder_in("America/New_York", TRUE);
  /* 23:30Z on 03-31: 19:30 in New York, 01:30 on 04-01 in Paris (CEST). */
  record_at(rec, "2026-03-31T23:30:00Z", "ny");
  record_at(rec, "2026-03-31T23:30:00Z", "paris");
  assert_periods(rec, CXM_PERIOD_DAY, "2026-03-31,2026-04-01");
  g_autoptr(CxmStats) paris = cxm_recorder_get_period_stats(
      rec, CXM_PERIOD_DAY, "2026-04-01", CXM_GROUP_TEAM, "paris", NULL);
  cr_assert_not_null(paris);
  cr_assert_eq(cxm_stats_get_count(paris, CXM_COUNT_N), 1);
  const CxmPolicy *policy = cxm_recorder_get_policy(rec);
  cr_assert_str_eq(cxm_policy_get_time_zone(policy, "paris"), "Europe/Paris");
  cr_assert_str_eq(cxm_policy_get_time_zone(policy, "ny"), "America/New_York");
  cr_assert_str_eq(cxm_policy_get_time_zone(policy, NULL), "America/New_York");
}

Test(zone, a_team_in_utc_is_not_in_the_default_zone)
{
  g_autoptr(CxmPolicy) policy = cxm_policy_new();
  cr_assert(cxm_policy_set_time_zone(policy, NULL, "America/New_York", NULL));
  cr_assert(cxm_policy_set_time_zone(policy, "london", "UTC", NULL));
  cr_assert_str_eq(cxm_policy_get_time_zone(policy, "london"), "UTC");
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(policy);
  record_at(rec, "2026-04-01T01:00:00Z", "london");
  assert_periods(rec, CXM_PERIOD_DAY, "2026-04-01");
  /* Removing the team's zone gives it the default again. */
  cr_assert(cxm_policy_set_time_zone(policy, "london", NULL, NULL));
  cr_assert_str_eq(cxm_policy_get_time_zone(policy, "london"), "America/New_York");
}

Test(zone, unknown_zones_paths_and_empty_teams_are_refused)
{
  g_autoptr(CxmPolicy) policy = cxm_policy_new();
  g_autofree char *before = g_strdup(cxm_policy_get_fingerprint(policy));
  GError *err = NULL;
  static const char *const bad[] = { "Mars/Olympus", "/etc/localtime", "",
                                     "../zoneinfo/UTC", "America/New York" };
  for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
    cr_assert_not(cxm_policy_set_time_zone(policy, NULL, bad[i], &err), "%s", bad[i]);
    g_autofree char *expected = g_strdup_printf(
        "time_zone must be a tz database name (America/New_York), UTC or an offset "
        "(+05:30), got \"%s\"",
        bad[i]);
    assert_error(err, CXM_ERROR_POLICY, expected);
  }
  cr_assert_not(cxm_policy_set_time_zone(policy, "", "UTC", &err));
  assert_error(err, CXM_ERROR_POLICY,
               "a team's time zone needs a team name of UTF-8, got \"\"");
  cr_assert_str_eq(cxm_policy_get_fingerprint(policy), before);
  cr_assert_str_eq(cxm_policy_get_time_zone(policy, NULL), "UTC");
}

Test(zone, the_policy_file_keeps_the_zones_and_the_fingerprint_names_them)
{
  GError *err = NULL;
  g_autoptr(CxmPolicy) a = cxm_policy_new_from_data(
      "{\"time_zone\": \"America/New_York\", \"team_time_zones\": "
      "{\"paris\": \"Europe/Paris\", \"tokyo\": \"Asia/Tokyo\"}}",
      -1, &err);
  cr_assert_not_null(a, "%s", err ? err->message : "?");
  g_autoptr(CxmPolicy) b = cxm_policy_new();
  cr_assert(cxm_policy_set_time_zone(b, "tokyo", "Asia/Tokyo", NULL));
  cr_assert(cxm_policy_set_time_zone(b, NULL, "America/New_York", NULL));
  cr_assert_str_neq(cxm_policy_get_fingerprint(a), cxm_policy_get_fingerprint(b));
  cr_assert(cxm_policy_set_time_zone(b, "paris", "Europe/Paris", NULL));
  /* The same zones in any order: the same fingerprint. */
  cr_assert_str_eq(cxm_policy_get_fingerprint(a), cxm_policy_get_fingerprint(b));

  g_autofree char *json = cxm_policy_to_json(a);
  cr_assert_not_null(strstr(json, "\"time_zone\": \"America/New_York\""), "%s", json);
  cr_assert_not_null(strstr(json, "\"team_time_zones\": {\n"
                                  "    \"paris\": \"Europe/Paris\",\n"
                                  "    \"tokyo\": \"Asia/Tokyo\"\n"),
                     "%s", json);
  g_autoptr(CxmPolicy) again = cxm_policy_new_from_data(json, -1, NULL);
  cr_assert_str_eq(cxm_policy_get_fingerprint(again), cxm_policy_get_fingerprint(a));
  g_autoptr(CxmPolicy) copy = cxm_policy_copy(a);
  cr_assert_str_eq(cxm_policy_get_time_zone(copy, "tokyo"), "Asia/Tokyo");

  /* A UTC policy writes neither key. */
  g_autoptr(CxmPolicy) utc = cxm_policy_new();
  g_autofree char *plain = cxm_policy_to_json(utc);
  cr_assert_null(strstr(plain, "time_zone"), "%s", plain);
}

Test(zone, bad_zone_keys_in_a_policy_file_are_named)
{
  static const struct {
    const char *json, *message;
  } cases[] = {
    { "{\"time_zone\": 5}", "time_zone must be a string, got an integer" },
    { "{\"time_zone\": \"Nowhere\"}",
      "time_zone must be a tz database name (America/New_York), UTC or an offset "
      "(+05:30), got \"Nowhere\"" },
    { "{\"team_time_zones\": []}",
      "team_time_zones must be an object of team: zone, got an array" },
    { "{\"team_time_zones\": {\"a\": null}}",
      "team_time_zones: \"a\" must be a string, got null" },
    { "{\"team_time_zones\": {\"a\": \"Nowhere\"}}",
      "team_time_zones: \"a\": time_zone must be a tz database name "
      "(America/New_York), UTC or an offset (+05:30), got \"Nowhere\"" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    GError *err = NULL;
    cr_assert_null(cxm_policy_new_from_data(cases[i].json, -1, &err), "%s",
                   cases[i].json);
    assert_error(err, CXM_ERROR_POLICY, cases[i].message);
  }
}

Test(zone, a_snapshot_keeps_its_zone_and_merges_only_with_its_own)
{
  g_autoptr(CxmRecorder) ny = recorder_in("America/New_York", TRUE);
  record_at(ny, "2026-03-31T20:00:00-05:00", "x");
  record_at(ny, "2026-03-31T23:30:00Z", "paris");
  g_autofree char *snapshot = cxm_snapshot_save(ny, NULL, NULL);
  cr_assert_not_null(snapshot);
  GError *err = NULL;
  g_autoptr(CxmRecorder) back = cxm_snapshot_load(snapshot, -1, &err);
  cr_assert_not_null(back, "%s", err ? err->message : "?");
  cr_assert_str_eq(cxm_policy_get_time_zone(cxm_recorder_get_policy(back), "paris"),
                   "Europe/Paris");
  assert_periods(back, CXM_PERIOD_DAY, "2026-03-31,2026-04-01");
  /* Records added after loading go to the zone's days as well. */
  record_at(back, "2026-04-01T03:00:00Z", "x"); /* 23:00 EDT on 03-31 */
  cr_assert_eq(period_n(back, CXM_PERIOD_DAY, "2026-03-31"), 2);

  g_autoptr(CxmRecorder) utc = recorder_in(NULL, FALSE);
  record_at(utc, "2026-03-31T20:00:00Z", "x");
  cr_assert_not(cxm_recorder_merge(utc, back, &err));
  assert_error(err, CXM_ERROR_POLICY_MISMATCH,
               "cannot merge aggregates whose days are in different time zones "
               "(UTC and America/New_York)");
  assert_periods(utc, CXM_PERIOD_DAY, "2026-03-31");
  cr_assert(cxm_recorder_merge(back, ny, &err), "%s", err ? err->message : "?");
  cr_assert_eq(period_n(back, CXM_PERIOD_DAY, "2026-03-31"), 3);
}

Test(zone, filters_read_dates_and_periods_as_local_days)
{
  static const char data[] =
      "{\"id\":\"a\",\"ts\":\"2026-03-31T20:00:00-05:00\",\"channel\":\"phone\","
      "\"team\":\"x\",\"csat\":5}\n"
      "{\"id\":\"b\",\"ts\":\"2026-03-31T23:30:00Z\",\"channel\":\"phone\","
      "\"team\":\"paris\",\"csat\":5}\n"
      "{\"id\":\"c\",\"ts\":\"2026-03-01T04:00:00Z\",\"channel\":\"phone\","
      "\"team\":\"x\",\"csat\":5}\n";
  static const struct {
    const char *since, *until, *period;
    guint64 kept;
  } cases[] = {
    /* a is in March in New York, b in April in Paris, c in February in
     * New York (23:00 EST on 02-28). */
    { NULL, NULL, "2026-03", 1 },
    { NULL, NULL, "2026-04-01", 1 },
    { NULL, NULL, "2026-02", 1 },
    { "2026-03-01", "2026-04-01", NULL, 1 },
    { "2026-03-01T00:00:00Z", "2026-04-01", NULL, 2 },
    { "2026-02-28", NULL, NULL, 3 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autoptr(CxmRecorder) rec = recorder_in("America/New_York", TRUE);
    g_autoptr(CxmFilter) filter = cxm_filter_new();
    if (cases[i].period)
      cr_assert(cxm_filter_set_period(filter, cases[i].period, NULL));
    if (cases[i].since)
      cr_assert(cxm_filter_set_since_text(filter, cases[i].since, NULL));
    if (cases[i].until)
      cr_assert(cxm_filter_set_until_text(filter, cases[i].until, NULL));
    g_autoptr(CxmImportResult) result = cxm_import_result_new();
    cxm_import_result_set_filter(result, filter);
    cr_assert(cxm_import_data(rec, data, strlen(data), "data", CXM_IMPORT_DEFAULT,
                              result, NULL));
    cr_assert_eq(cxm_import_result_get_accepted(result), cases[i].kept,
                 "case %zu: %" G_GUINT64_FORMAT " kept", i,
                 cxm_import_result_get_accepted(result));
    cr_assert_eq(cxm_import_result_get_filtered(result), 3 - cases[i].kept);
  }
  GError *err = NULL;
  g_autoptr(CxmFilter) filter = cxm_filter_new();
  cr_assert_not(cxm_filter_set_since_text(filter, "2026-02-30", &err));
  assert_error(err, CXM_ERROR_FORMAT,
               "time must be a date (2026-03-02) or an RFC 3339 instant "
               "(2026-03-02T09:30:00Z), got \"2026-02-30\"");
}

Test(zone, the_first_and_last_days_stay_in_range)
{
  /* 1970-01-01T01:00Z is still 1969 in New York: kept on the first day
   * a period can name rather than lost. */
  g_autoptr(CxmRecorder) ny = recorder_in("America/New_York", FALSE);
  record_at(ny, "1970-01-01T01:00:00Z", "x");
  assert_periods(ny, CXM_PERIOD_DAY, "1970-01-01");
  g_autoptr(CxmRecorder) east = recorder_in("+14:00", FALSE);
  record_at(east, "9999-12-31T23:00:00Z", "x");
  assert_periods(east, CXM_PERIOD_DAY, "9999-12-31");
}
