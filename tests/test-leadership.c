/* SPDX-License-Identifier: MIT */
/* Tests of the leadership indicators (SPEC section 5a; stats.h), each with
 * an input small enough to work out by hand.
 *
 * Dates used: 2026-03-08 is a Sunday (ISO week 2026-W10), 2026-03-09 the
 * Monday of 2026-W11. 2026 starts on a Thursday, so it has a week 53:
 * 2026-12-28 (Monday) to 2027-01-03 (Sunday) is 2026-W53, and 2027-01-04
 * starts 2027-W01. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>
#include <cxm/cxm.h>

#include "test-util.h"

/* An interaction of @team on @day by @employee: a Momentum when @momentum
 * (an upset customer turned around), else neutral. */
static void
serve(CxmRecorder *rec, const char *day, const char *team, const char *employee,
      gboolean momentum)
{
  static guint serial;
  GError *err = NULL;
  g_autofree char *line = g_strdup_printf(
      "{\"id\":\"i%u\",\"ts\":\"%sT12:00:00Z\",\"channel\":\"phone\",\"team\":\"%s\","
      "\"employee\":\"%s\",\"level\":\"frontline\",%s}",
      serial++, day, team, employee,
      momentum ? "\"difficulties\":[\"customer_upset\"],\"resolution\":\"resolved\","
                 "\"csat\":5,\"employee_satisfaction\":5"
               : "\"csat\":4");
  cr_assert(cxm_recorder_record_json(rec, line, -1, NULL, &err), "%s: %s", line,
            err ? err->message : "?");
}

/* A leadership event of @type on @day at @time (HH:MM) by @actor for @team
 * (NULL: none) about @subject (NULL: none). */
static void
lead(CxmRecorder *rec, const char *day, const char *time, const char *type,
     const char *actor, const char *team, const char *subject)
{
  static guint serial;
  GError *err = NULL;
  GString *line = g_string_new(NULL);
  g_string_printf(line,
                  "{\"kind\":\"leadership\",\"id\":\"l%u\",\"ts\":\"%sT%s:00Z\","
                  "\"type\":\"%s\",\"actor\":\"%s\"",
                  serial++, day, time, type, actor);
  if (team != NULL)
    g_string_append_printf(line, ",\"team\":\"%s\"", team);
  if (subject != NULL)
    g_string_append_printf(line, ",\"subject\":\"%s\"", subject);
  g_string_append_c(line, '}');
  cr_assert(cxm_recorder_record_json(rec, line->str, -1, NULL, &err), "%s: %s",
            line->str, err ? err->message : "?");
  g_string_free(line, TRUE);
}

static CxmStats *
stats_of(const CxmRecorder *rec, CxmGroupKind kind, const char *key)
{
  GError *err = NULL;
  CxmStats *s = cxm_recorder_get_stats(rec, kind, key, &err);
  cr_assert_not_null(s, "%s: %s", key ? key : "totals", err ? err->message : "?");
  return s;
}

/* Checks a leadership rate's two counts. */
static void
assert_counts(const CxmStats *s, CxmLeadershipRate kind, guint64 numerator,
              guint64 denominator)
{
  guint64 x = 99, n = 99;
  cr_assert(cxm_stats_get_leadership_rate_counts(s, kind, &x, &n), "rate %d absent", kind);
  cr_assert_eq(x, numerator, "rate %d: %" G_GUINT64_FORMAT " of ..., expected %"
               G_GUINT64_FORMAT, kind, x, numerator);
  cr_assert_eq(n, denominator, "rate %d: ... of %" G_GUINT64_FORMAT ", expected %"
               G_GUINT64_FORMAT, kind, n, denominator);
}

static CxmPolicy *
policy_with(int huddle_days_min, int huddle_days_target)
{
  CxmPolicy *p = cxm_policy_new();
  cr_assert(cxm_policy_set(p, "huddle_days_target", huddle_days_target, NULL));
  cr_assert(cxm_policy_set(p, "huddle_days_min", huddle_days_min, NULL));
  return p;
}

Test(leadership, cadence_follows_the_iso_week_across_a_sunday)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  lead(rec, "2026-03-08", "08:00", "purpose_huddle", "m-1", "north", NULL);
  serve(rec, "2026-03-08", "north", "e-1", TRUE);  /* W10: met */
  serve(rec, "2026-03-09", "north", "e-1", FALSE); /* W11: no huddle */
  g_autoptr(CxmStats) t = stats_of(rec, CXM_GROUP_TOTALS, NULL);
  assert_counts(t, CXM_LEADERSHIP_RATE_WEEKLY, 1, 2);
  assert_counts(t, CXM_LEADERSHIP_RATE_DAILY, 0, 2);
  assert_counts(t, CXM_LEADERSHIP_RATE_MOMENTUM_MET, 1, 1);
  assert_counts(t, CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET, 0, 1);
  CxmRate r;
  cr_assert(cxm_stats_get_leadership_rate(t, CXM_LEADERSHIP_RATE_WEEKLY, &r));
  cr_assert_float_eq(r.value, 0.5, 1e-12);

  /* each week period has its own team-week */
  g_autoptr(CxmStats) w10 = cxm_recorder_get_period_stats(
      rec, CXM_PERIOD_WEEK, "2026-W10", CXM_GROUP_TOTALS, NULL, NULL);
  g_autoptr(CxmStats) w11 = cxm_recorder_get_period_stats(
      rec, CXM_PERIOD_WEEK, "2026-W11", CXM_GROUP_TOTALS, NULL, NULL);
  assert_counts(w10, CXM_LEADERSHIP_RATE_WEEKLY, 1, 1);
  assert_counts(w11, CXM_LEADERSHIP_RATE_WEEKLY, 0, 1);
}

Test(leadership, week_53_spans_the_new_year)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  serve(rec, "2026-12-31", "north", "e-1", TRUE);
  serve(rec, "2027-01-02", "north", "e-1", TRUE);
  lead(rec, "2027-01-03", "18:00", "purpose_huddle", "m-1", "north", NULL);
  serve(rec, "2027-01-04", "north", "e-1", FALSE); /* 2027-W01 */
  g_autoptr(CxmStats) t = stats_of(rec, CXM_GROUP_TOTALS, NULL);
  assert_counts(t, CXM_LEADERSHIP_RATE_WEEKLY, 1, 2);
  assert_counts(t, CXM_LEADERSHIP_RATE_MOMENTUM_MET, 2, 2);
  assert_counts(t, CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET, 0, 1);

  char **weeks = cxm_recorder_get_periods(rec, CXM_PERIOD_WEEK, NULL);
  cr_assert_str_eq(weeks[0], "2026-W53");
  cr_assert_str_eq(weeks[1], "2027-W01");
  cr_assert_null(weeks[2]);
  cxm_strv_free(weeks);
  g_autoptr(CxmStats) w53 = cxm_recorder_get_period_stats(
      rec, CXM_PERIOD_WEEK, "2026-W53", CXM_GROUP_TOTALS, NULL, NULL);
  assert_counts(w53, CXM_LEADERSHIP_RATE_WEEKLY, 1, 1);
}

Test(leadership, huddles_on_one_day_count_once)
{
  /* weekly needs 2 distinct days, daily 3 */
  g_autoptr(CxmPolicy) p = policy_with(2, 3);
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(p);
  serve(rec, "2026-03-02", "north", "e-1", FALSE);
  for (int i = 0; i < 3; i++) {
    char time[6];
    g_snprintf(time, sizeof time, "0%d:00", 7 + i);
    lead(rec, "2026-03-03", time, "purpose_huddle", "m-1", "north", NULL);
  }
  g_autoptr(CxmStats) once = stats_of(rec, CXM_GROUP_TEAM, "north");
  cr_assert_eq(cxm_stats_get_leadership_count(once, CXM_LEADERSHIP_PURPOSE_HUDDLE), 3);
  assert_counts(once, CXM_LEADERSHIP_RATE_WEEKLY, 0, 1);

  /* a second day (Sunday, same week) meets the weekly cadence, not the daily */
  lead(rec, "2026-03-08", "23:59", "purpose_huddle", "m-1", "north", NULL);
  g_autoptr(CxmStats) twice = stats_of(rec, CXM_GROUP_TEAM, "north");
  assert_counts(twice, CXM_LEADERSHIP_RATE_WEEKLY, 1, 1);
  assert_counts(twice, CXM_LEADERSHIP_RATE_DAILY, 0, 1);
  /* other types are no huddle */
  lead(rec, "2026-03-04", "09:00", "communication", "m-1", "north", NULL);
  g_autoptr(CxmStats) other = stats_of(rec, CXM_GROUP_TEAM, "north");
  assert_counts(other, CXM_LEADERSHIP_RATE_DAILY, 0, 1);
  lead(rec, "2026-03-04", "09:00", "purpose_huddle", "m-1", "north", NULL);
  g_autoptr(CxmStats) third = stats_of(rec, CXM_GROUP_TEAM, "north");
  assert_counts(third, CXM_LEADERSHIP_RATE_DAILY, 1, 1);
}

Test(leadership, a_huddle_counts_for_its_own_team_only)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  lead(rec, "2026-03-02", "08:00", "purpose_huddle", "m-1", "north", NULL);
  lead(rec, "2026-03-02", "08:00", "purpose_huddle", "m-9", NULL, NULL); /* no team */
  serve(rec, "2026-03-02", "north", "e-1", TRUE);
  serve(rec, "2026-03-02", "south", "e-2", FALSE);
  serve(rec, "2026-03-03", "south", "e-3", TRUE);
  g_autoptr(CxmStats) south = stats_of(rec, CXM_GROUP_TEAM, "south");
  assert_counts(south, CXM_LEADERSHIP_RATE_WEEKLY, 0, 1);
  assert_counts(south, CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET, 1, 2);
  assert_counts(south, CXM_LEADERSHIP_RATE_MOMENTUM_MET, 0, 0);
  cr_assert_eq(cxm_stats_get_leadership_count(south, CXM_UNSET), 0);
  g_autoptr(CxmStats) t = stats_of(rec, CXM_GROUP_TOTALS, NULL);
  assert_counts(t, CXM_LEADERSHIP_RATE_WEEKLY, 1, 2);
  cr_assert_eq(cxm_stats_get_leadership_count(t, CXM_LEADERSHIP_PURPOSE_HUDDLE), 2);

  /* met: 1 of 1, not met: 1 of 2; pooled p = 2/3, se = sqrt(2/9 * 3/2) */
  CxmComparison c;
  cr_assert(cxm_stats_compare_momentum_by_cadence(t, &c));
  cr_assert_float_eq(c.a, 0.5, 1e-12);
  cr_assert_float_eq(c.b, 1.0, 1e-12);
  cr_assert_float_eq(c.delta, 0.5, 1e-12);
  cr_assert_float_eq(c.se, sqrt(1.0 / 3.0), 1e-12);
  cr_assert_float_eq(c.z, 0.5 / sqrt(1.0 / 3.0), 1e-12);
}

Test(leadership, huddle_weeks_without_interactions_are_not_active)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  serve(rec, "2026-03-02", "north", "e-1", FALSE);
  for (int day = 9; day <= 13; day++) { /* W11: daily, but nobody served */
    char date[11];
    g_snprintf(date, sizeof date, "2026-03-%02d", day);
    lead(rec, date, "08:00", "purpose_huddle", "m-1", "north", NULL);
  }
  g_autoptr(CxmStats) north = stats_of(rec, CXM_GROUP_TEAM, "north");
  assert_counts(north, CXM_LEADERSHIP_RATE_WEEKLY, 0, 1);
  assert_counts(north, CXM_LEADERSHIP_RATE_DAILY, 0, 1);
  /* a team that only huddles has no active team-week: no rate, no NaN */
  lead(rec, "2026-03-02", "08:00", "purpose_huddle", "m-2", "west", NULL);
  g_autoptr(CxmStats) west = stats_of(rec, CXM_GROUP_TEAM, "west");
  assert_counts(west, CXM_LEADERSHIP_RATE_WEEKLY, 0, 0);
  CxmRate r = { .value = -1 };
  cr_assert_not(cxm_stats_get_leadership_rate(west, CXM_LEADERSHIP_RATE_WEEKLY, &r));
  cr_assert_eq(r.value, -1, "untouched");
  double per_100 = -1;
  cr_assert_not(cxm_stats_get_recognition_per_100(west, &per_100));
}

Test(leadership, an_empty_side_has_no_comparison_and_no_nan)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  serve(rec, "2026-03-02", "north", "e-1", TRUE);
  g_autoptr(CxmStats) t = stats_of(rec, CXM_GROUP_TOTALS, NULL);
  CxmComparison c = { .delta = -7 };
  cr_assert_not(cxm_stats_compare_momentum_by_cadence(t, &c));
  cr_assert_eq(c.delta, -7, "untouched");
  CxmRate r;
  cr_assert_not(cxm_stats_get_leadership_rate(t, CXM_LEADERSHIP_RATE_MOMENTUM_MET, &r));
  cr_assert(cxm_stats_get_leadership_rate(t, CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET, &r));
  cr_assert_float_eq(r.value, 1.0, 1e-12);

  g_autofree char *json = cxm_report_to_json(rec, NULL, CXM_REPORT_TEAMS, NULL);
  cr_assert_not_null(strstr(json, "\"met\":{\"n\":0,\"momentum_rate\":null}"), "%s", json);
  cr_assert_not_null(strstr(json, "\"comparison\":null"), "%s", json);
  cr_assert_null(strstr(json, "nan"));
  cr_assert_null(strstr(json, "NaN"));
}

Test(leadership, coverage_counts_only_employees_who_served)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  serve(rec, "2026-03-02", "north", "e-1", FALSE);
  serve(rec, "2026-03-02", "north", "e-2", FALSE);
  lead(rec, "2026-03-01", "08:00", "coaching", "m-1", "north", "e-1"); /* before: counts */
  lead(rec, "2026-03-03", "08:00", "coaching", "m-1", "north", "e-9"); /* never served */
  lead(rec, "2026-03-03", "09:00", "recognition", "m-1", "north", "e-2"); /* not coaching */
  g_autoptr(CxmStats) t = stats_of(rec, CXM_GROUP_TOTALS, NULL);
  assert_counts(t, CXM_LEADERSHIP_RATE_COACHING_COVERAGE, 1, 2);
  double per_100;
  cr_assert(cxm_stats_get_recognition_per_100(t, &per_100));
  cr_assert_float_eq(per_100, 50.0, 1e-12);
  /* teams have no coverage; e-9 is known from what they received */
  g_autoptr(CxmStats) north = stats_of(rec, CXM_GROUP_TEAM, "north");
  cr_assert_not(cxm_stats_get_leadership_rate_counts(
      north, CXM_LEADERSHIP_RATE_COACHING_COVERAGE, NULL, NULL));
  g_autoptr(CxmStats) e9 = stats_of(rec, CXM_GROUP_EMPLOYEE, "e-9");
  guint64 n = 0;
  cr_assert(cxm_stats_get_leadership_received(e9, CXM_LEADERSHIP_COACHING, &n));
  cr_assert_eq(n, 1);
  cr_assert_eq(cxm_stats_get_count(e9, CXM_COUNT_N), 0);
  g_autoptr(CxmStats) m1 = stats_of(rec, CXM_GROUP_EMPLOYEE, "m-1");
  cr_assert_eq(cxm_stats_get_leadership_count(m1, CXM_LEADERSHIP_COACHING), 2);
  cr_assert_not(cxm_stats_get_leadership_received(m1, 99, &n));
}

Test(leadership, a_scope_holds_its_people_s_leadership_and_teams)
{
  /* s-1 <- m-1 <- e-1, e-2 (north); s-1 <- m-2 <- e-3 (south) */
  static const char org_json[] =
      "{\"people\":[{\"id\":\"s-1\",\"level\":\"senior_leader\"},"
      "{\"id\":\"m-1\",\"level\":\"manager\",\"manager\":\"s-1\",\"team\":\"north\"},"
      "{\"id\":\"e-1\",\"level\":\"frontline\",\"manager\":\"m-1\",\"team\":\"north\"},"
      "{\"id\":\"e-2\",\"level\":\"frontline\",\"manager\":\"m-1\",\"team\":\"north\"},"
      "{\"id\":\"m-2\",\"level\":\"manager\",\"manager\":\"s-1\",\"team\":\"south\"},"
      "{\"id\":\"e-3\",\"level\":\"frontline\",\"manager\":\"m-2\",\"team\":\"south\"}]}";
  GError *err = NULL;
  g_autoptr(CxmOrg) org = cxm_org_new_from_data(org_json, -1, &err);
  cr_assert_not_null(org, "%s", err ? err->message : "?");
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  cr_assert(cxm_recorder_set_org(rec, org, NULL));
  lead(rec, "2026-03-02", "08:00", "purpose_huddle", "m-1", "north", NULL);
  lead(rec, "2026-03-02", "09:00", "coaching", "m-1", "north", "e-1");
  lead(rec, "2026-03-03", "09:00", "communication", "s-1", NULL, NULL);
  serve(rec, "2026-03-02", "north", "e-1", TRUE);
  serve(rec, "2026-03-03", "north", "e-2", FALSE);
  serve(rec, "2026-03-03", "south", "e-3", FALSE);
  serve(rec, "2026-03-10", "south", "e-3", FALSE);

  g_autoptr(CxmStats) m1 = cxm_recorder_get_scope_stats(rec, "m-1", TRUE, NULL);
  cr_assert_eq(cxm_stats_get_leadership_count(m1, CXM_UNSET), 2);
  assert_counts(m1, CXM_LEADERSHIP_RATE_WEEKLY, 1, 1);
  assert_counts(m1, CXM_LEADERSHIP_RATE_COACHING_COVERAGE, 1, 2);
  /* s-1's scope: its own communication and m-1's events; north W10 (met),
   * south W10 and W11 (not met); e-1 of e-1, e-2, e-3 coached */
  g_autoptr(CxmStats) s1 = cxm_recorder_get_scope_stats(rec, "s-1", TRUE, NULL);
  cr_assert_eq(cxm_stats_get_leadership_count(s1, CXM_UNSET), 3);
  cr_assert_eq(cxm_stats_get_leadership_count(s1, CXM_LEADERSHIP_COMMUNICATION), 1);
  assert_counts(s1, CXM_LEADERSHIP_RATE_WEEKLY, 1, 3);
  assert_counts(s1, CXM_LEADERSHIP_RATE_COACHING_COVERAGE, 1, 3);
  /* direct: s-1 served no one and has no team */
  g_autoptr(CxmStats) s1_own = cxm_recorder_get_scope_stats(rec, "s-1", FALSE, NULL);
  cr_assert_eq(cxm_stats_get_leadership_count(s1_own, CXM_UNSET), 1);
  assert_counts(s1_own, CXM_LEADERSHIP_RATE_WEEKLY, 0, 0);
  /* levels: what each level led, the actors' levels from the org */
  g_autoptr(CxmStats) senior = stats_of(rec, CXM_GROUP_LEVEL, "senior_leader");
  cr_assert_eq(cxm_stats_get_leadership_count(senior, CXM_LEADERSHIP_COMMUNICATION), 1);
  g_autoptr(CxmStats) managers = stats_of(rec, CXM_GROUP_LEVEL, "manager");
  cr_assert_eq(cxm_stats_get_leadership_count(managers, CXM_UNSET), 2);
}

Test(leadership, shards_split_inside_a_team_week_merge_to_one_import)
{
  g_autoptr(CxmRecorder) whole = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) a = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) b = cxm_recorder_new(NULL);
  /* one team-week: the huddle days and the interactions fall on both sides */
  struct { const char *day; gboolean huddle; gboolean momentum; } plan[] = {
    { "2026-03-02", TRUE, TRUE }, { "2026-03-03", TRUE, FALSE },
    { "2026-03-04", FALSE, TRUE }, { "2026-03-05", TRUE, TRUE },
    { "2026-03-06", TRUE, FALSE }, { "2026-03-07", TRUE, TRUE },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(plan); i++) {
    CxmRecorder *shard = i % 2 ? b : a;
    if (plan[i].huddle) {
      lead(whole, plan[i].day, "08:00", "purpose_huddle", "m-1", "north", NULL);
      lead(shard, plan[i].day, "08:00", "purpose_huddle", "m-1", "north", NULL);
    }
    serve(whole, plan[i].day, "north", "e-1", plan[i].momentum);
    serve(shard, plan[i].day, "north", "e-1", plan[i].momentum);
  }
  g_autoptr(CxmStats) north_a = stats_of(a, CXM_GROUP_TEAM, "north");
  assert_counts(north_a, CXM_LEADERSHIP_RATE_DAILY, 0, 1); /* 3 days alone */
  cr_assert(cxm_recorder_merge(a, b, NULL));
  g_autoptr(CxmStats) north = stats_of(a, CXM_GROUP_TEAM, "north");
  assert_counts(north, CXM_LEADERSHIP_RATE_DAILY, 1, 1); /* 5 days together */
  assert_counts(north, CXM_LEADERSHIP_RATE_MOMENTUM_MET, 4, 6);
  g_autofree char *merged = cxm_report_to_json(a, NULL, ALL_GROUPS, NULL);
  g_autofree char *one = cxm_report_to_json(whole, NULL, ALL_GROUPS, NULL);
  cr_assert_str_eq(merged, one);
}

Test(leadership, thresholds_are_policy_settings_in_the_fingerprint)
{
  g_autoptr(CxmPolicy) def = cxm_policy_new();
  g_autoptr(CxmPolicy) p = policy_with(2, 5);
  cr_assert_str_neq(cxm_policy_get_fingerprint(def), cxm_policy_get_fingerprint(p));
  GError *err = NULL;
  cr_assert_not(cxm_policy_set(p, "huddle_days_min", 6, &err));
  cr_assert_not_null(err);
  cr_assert_not_null(strstr(err->message, "huddle_days_min"), "%s", err->message);
  g_clear_error(&err);
  cr_assert_not(cxm_policy_set(p, "huddle_days_target", 8, &err));
  cr_assert_not_null(err);
  g_clear_error(&err);
  double value = 0;
  cr_assert(cxm_policy_get(p, "huddle_days_min", &value, NULL));
  cr_assert_eq(value, 2, "a refused value changes nothing");
}
