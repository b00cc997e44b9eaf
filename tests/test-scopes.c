/* SPDX-License-Identifier: MIT */
/* Tests of the org roll-up, periods, hot spots and comparisons of a
 * recorder (recorder.h, report.h; SPEC sections 3, 5, 6).
 *
 * The fixture, tests/data/scopes.jsonl under tests/data/org-small.json
 * (s-1 <- m-1 <- e-1, e-2; x-9 is not in the org):
 *   1  2026-03-02 W10  e-1  level/team from org (frontline, north)  csat 5, upset    momentum
 *   2  2026-03-03 W10  e-2  frontline, north   csat 1, upset+miscommunication        disappointment
 *   3  2026-03-09 W11  m-1  manager, north     nps 10                                momentum (delighted)
 *   4  2026-03-10 W11  x-9  unassigned, no team  csat 2, no_immediate_answer         disappointment
 *   5  2026-03-11 W11 (23:30 at -01:00 on the 10th) e-1 with its own level manager
 *      and team south  csat 4                                                        neutral (routine)
 */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <cxm/cxm.h>

#include "test-util.h"

static CxmRecorder *
fixture_recorder(const CxmPolicy *policy)
{
  GError *err = NULL;
  g_autofree char *org_path = data_path("org-small.json");
  g_autofree char *data = data_path("scopes.jsonl");
  g_autoptr(CxmOrg) org = cxm_org_new_from_file(org_path, &err);
  cr_assert_not_null(org, "%s", err ? err->message : "?");
  CxmRecorder *rec = cxm_recorder_new(policy);
  cr_assert(cxm_recorder_set_org(rec, org, &err));
  cr_assert(cxm_import_path(rec, data, CXM_IMPORT_STRICT, NULL, &err),
            "%s", err ? err->message : "?");
  return rec;
}

static guint64
n_of(CxmStats *stats)
{
  cr_assert_not_null(stats);
  guint64 n = cxm_stats_get_count(stats, CXM_COUNT_N);
  cxm_stats_free(stats);
  return n;
}

static json_object *
report_json(const CxmRecorder *rec, unsigned int flags, const char *a, const char *b)
{
  GError *err = NULL;
  g_autofree char *text = report_compared(rec, NULL, flags, a, b, &err);
  cr_assert_not_null(text, "%s", err ? err->message : "?");
  json_object *obj = json_tokener_parse(text);
  cr_assert_not_null(obj);
  return obj;
}

static json_object *
at(json_object *obj, const char *path)
{
  g_auto(GStrv) parts = g_strsplit(path, ".", -1);
  for (char **p = parts; *p != NULL; p++) {
    json_object *next = NULL;
    if (json_object_is_type(obj, json_type_array))
      next = json_object_array_get_idx(obj, (gsize) atoi(*p));
    else
      cr_assert(json_object_object_get_ex(obj, *p, &next), "no %s in %s", *p, path);
    obj = next;
  }
  return obj;
}

static gint64
int_at(json_object *obj, const char *path)
{
  return json_object_get_int64(at(obj, path));
}

static double
num_at(json_object *obj, const char *path)
{
  return json_object_get_double(at(obj, path));
}

static const char *
str_at(json_object *obj, const char *path)
{
  return json_object_get_string(at(obj, path));
}

Test(org_records, level_and_team_come_from_the_org_unless_given)
{
  g_autoptr(CxmRecorder) rec = fixture_recorder(NULL);
  cr_assert_eq(n_of(cxm_recorder_get_stats(rec, CXM_GROUP_LEVEL, "frontline", NULL)), 2);
  cr_assert_eq(n_of(cxm_recorder_get_stats(rec, CXM_GROUP_LEVEL, "manager", NULL)), 2);
  cr_assert_eq(n_of(cxm_recorder_get_stats(rec, CXM_GROUP_LEVEL, "unassigned", NULL)), 1);
  cr_assert_eq(n_of(cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "north", NULL)), 3);
  cr_assert_eq(n_of(cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "south", NULL)), 1);
}

Test(org_records, without_an_org_nothing_is_inferred)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autofree char *data = data_path("scopes.jsonl");
  cr_assert(cxm_import_path(rec, data, CXM_IMPORT_STRICT, NULL, NULL));
  cr_assert_eq(n_of(cxm_recorder_get_stats(rec, CXM_GROUP_LEVEL, "unassigned", NULL)), 4);
  cr_assert_eq(n_of(cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "south", NULL)), 1);
  GError *err = NULL;
  cr_assert_null(cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "north", &err));
  assert_error(err, CXM_ERROR_NOT_FOUND, "no team group \"north\"");
  cr_assert_null(cxm_recorder_get_scopes(rec, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_recorder_get_scope_stats(rec, "m-1", TRUE, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(cxm_report_to_json(rec, NULL, CXM_REPORT_SCOPES, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, "scopes need an org (cxm_recorder_set_org())");
}

Test(org_records, the_org_is_set_before_the_first_record)
{
  g_autoptr(CxmRecorder) rec = fixture_recorder(NULL);
  g_autofree char *org_path = data_path("org-small.json");
  g_autoptr(CxmOrg) org = cxm_org_new_from_file(org_path, NULL);
  GError *err = NULL;
  cr_assert_not(cxm_recorder_set_org(rec, org, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, "an org must be set before the first record");
  cr_assert_not_null(cxm_recorder_get_org(rec));
  g_autoptr(CxmRecorder) empty = cxm_recorder_new(NULL);
  cr_assert(cxm_recorder_set_org(empty, org, NULL));
  cr_assert_eq(cxm_recorder_get_org(empty), org);
  cr_assert(cxm_recorder_set_org(empty, NULL, NULL));
  cr_assert_null(cxm_recorder_get_org(empty));
}

Test(scopes, direct_and_cumulative)
{
  g_autoptr(CxmRecorder) rec = fixture_recorder(NULL);
  static const struct {
    const char *person;
    guint64 direct, cumulative;
  } expected[] = {
    { "e-1", 2, 2 }, { "e-2", 1, 1 }, { "m-1", 1, 4 }, { "s-1", 0, 4 },
    { CXM_SCOPE_UNKNOWN_MANAGER, 1, 1 },
  };
  char **keys = cxm_recorder_get_scopes(rec, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS(expected); i++) {
    cr_assert_str_eq(keys[i], expected[i].person);
    cr_assert_eq(n_of(cxm_recorder_get_scope_stats(rec, expected[i].person, FALSE, NULL)),
                 expected[i].direct, "%s direct", expected[i].person);
    cr_assert_eq(n_of(cxm_recorder_get_scope_stats(rec, expected[i].person, TRUE, NULL)),
                 expected[i].cumulative, "%s cumulative", expected[i].person);
  }
  cr_assert_null(keys[G_N_ELEMENTS(expected)]);
  cxm_strv_free(keys);
  GError *err = NULL;
  cr_assert_null(cxm_recorder_get_scope_stats(rec, "x-9", TRUE, &err));
  assert_error(err, CXM_ERROR_NOT_FOUND, "no person \"x-9\" in the org");
}

/* Adds every count of @stats into @sum. */
static void
add_counts(guint64 *sum, CxmStats *stats)
{
  for (int c = 0; c < CXM_COUNT_KIND_COUNT; c++)
    sum[c] += cxm_stats_get_count(stats, c);
  for (int r = 0; r < CXM_REASON_COUNT; r++)
    sum[CXM_COUNT_KIND_COUNT + r] += cxm_stats_get_reason_count(stats, r);
  cxm_stats_free(stats);
}

Test(scopes, cumulative_is_direct_plus_the_reports_cumulative)
{
  /* A three-level tree of 1 + 3 + 9 people, 600 interactions spread over
   * them and over two outsiders, with every signal varying. */
  GString *org = g_string_new("{\"people\": [{\"id\": \"top\", \"level\": \"senior_leader\"}");
  GString *data = g_string_new(NULL);
  for (int m = 0; m < 3; m++) {
    g_string_append_printf(org, ", {\"id\": \"m%d\", \"level\": \"manager\", \"manager\": \"top\"}", m);
    for (int e = 0; e < 3; e++)
      g_string_append_printf(org, ", {\"id\": \"e%d%d\", \"level\": \"frontline\", "
                             "\"manager\": \"m%d\", \"team\": \"t%d\"}", m, e, m, m);
  }
  g_string_append(org, "]}");
  static const char *const people[] = { "top", "m0", "m1", "m2", "e00", "e01", "e02", "e10",
                                        "e11", "e12", "e20", "e21", "e22", "out1", "out2" };
  for (int i = 0; i < 600; i++)
    g_string_append_printf(data,
                           "{\"id\":\"%d\",\"ts\":%d,\"channel\":\"web\",\"employee\":\"%s\","
                           "\"csat\":%d,\"nps\":%d,\"employee_satisfaction\":%d%s}\n",
                           i, 1772442900 + 3600 * i, people[(i * 7) % 15], 1 + i % 5, i % 11,
                           1 + (i / 5) % 5, i % 3 ? "" : ",\"difficulties\":[\"customer_upset\"]");
  g_autoptr(CxmOrg) o = cxm_org_new_from_data(org->str, -1, NULL);
  cr_assert_not_null(o);
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  cr_assert(cxm_recorder_set_org(rec, o, NULL));
  cr_assert(cxm_import_data(rec, data->str, data->len, NULL, CXM_IMPORT_STRICT, NULL, NULL));
  g_string_free(org, TRUE);
  g_string_free(data, TRUE);

  for (gsize p = 0; p < 13; p++) {
    enum { N = CXM_COUNT_KIND_COUNT + CXM_REASON_COUNT };
    guint64 expected[N] = { 0 }, actual[N] = { 0 };
    add_counts(expected, cxm_recorder_get_scope_stats(rec, people[p], FALSE, NULL));
    char **reports = cxm_org_get_reports(o, people[p]);
    for (char **r = reports; *r != NULL; r++)
      add_counts(expected, cxm_recorder_get_scope_stats(rec, *r, TRUE, NULL));
    cxm_strv_free(reports);
    add_counts(actual, cxm_recorder_get_scope_stats(rec, people[p], TRUE, NULL));
    for (int c = 0; c < N; c++)
      cr_assert_eq(actual[c], expected[c], "%s: count %d", people[p], c);
  }
  /* The top's cumulative scope is everyone in the org: 600 minus the
   * outsiders' 80 (every 15th record from i = 13 and from i = 14... i*7 % 15
   * hits 13 and 14 for 40 values of i each). */
  cr_assert_eq(n_of(cxm_recorder_get_scope_stats(rec, "top", TRUE, NULL)), 520);
  cr_assert_eq(n_of(cxm_recorder_get_scope_stats(rec, CXM_SCOPE_UNKNOWN_MANAGER, TRUE, NULL)), 80);
}

Test(scopes, in_the_report)
{
  g_autoptr(CxmRecorder) rec = fixture_recorder(NULL);
  json_object *r = report_json(rec, CXM_REPORT_SCOPES, NULL, NULL);
  cr_assert_eq(int_at(r, "scopes.m-1.direct.n"), 1);
  cr_assert_eq(int_at(r, "scopes.m-1.cumulative.n"), 4);
  cr_assert_eq(int_at(r, "scopes.m-1.cumulative.momentum"), 2);
  cr_assert_eq(int_at(r, "scopes.m-1.cumulative.disappointment"), 1);
  cr_assert_eq(int_at(r, "scopes.s-1.direct.n"), 0);
  cr_assert_null(at(r, "scopes.s-1.direct.momentum_rate"));
  cr_assert_eq(int_at(r, "scopes.unknown_manager.cumulative.n"), 1);
  cr_assert_eq(json_object_object_length(at(r, "scopes")), 5);
  json_object_put(r);
}

Test(periods, names_in_time_order)
{
  g_autoptr(CxmRecorder) rec = fixture_recorder(NULL);
  static const char *const days[] = { "2026-03-02", "2026-03-03", "2026-03-09", "2026-03-10",
                                      "2026-03-11", NULL };
  static const char *const weeks[] = { "2026-W10", "2026-W11", NULL };
  static const char *const months[] = { "2026-03", NULL };
  const char *const *expected[] = { days, weeks, months };
  for (int k = 0; k < CXM_PERIOD_KIND_COUNT; k++) {
    char **names = cxm_recorder_get_periods(rec, k, NULL);
    for (int i = 0; expected[k][i] != NULL || names[i] != NULL; i++)
      cr_assert_str_eq(names[i], expected[k][i]);
    cxm_strv_free(names);
  }
}

Test(periods, iso_weeks_across_the_year_turn)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  const char *data =
    "{\"id\":\"a\",\"ts\":\"2026-12-31T12:00:00Z\",\"channel\":\"web\"}\n"
    "{\"id\":\"b\",\"ts\":\"2027-01-03T23:59:59Z\",\"channel\":\"web\"}\n"
    "{\"id\":\"c\",\"ts\":\"2027-01-04T00:30:00+01:00\",\"channel\":\"web\"}\n" /* 01-03 UTC */
    "{\"id\":\"d\",\"ts\":\"2027-01-04T00:00:00Z\",\"channel\":\"web\"}\n";
  cr_assert(cxm_import_data(rec, data, strlen(data), NULL, CXM_IMPORT_STRICT, NULL, NULL));
  char **weeks = cxm_recorder_get_periods(rec, CXM_PERIOD_WEEK, NULL);
  cr_assert_str_eq(weeks[0], "2026-W53");
  cr_assert_str_eq(weeks[1], "2027-W01");
  cr_assert_null(weeks[2]);
  cxm_strv_free(weeks);
  cr_assert_eq(n_of(cxm_recorder_get_period_stats(rec, CXM_PERIOD_WEEK, "2026-W53",
                                                  CXM_GROUP_TOTALS, NULL, NULL)), 3);
  cr_assert_eq(n_of(cxm_recorder_get_period_stats(rec, CXM_PERIOD_MONTH, "2027-01",
                                                  CXM_GROUP_TOTALS, NULL, NULL)), 3);
  cr_assert_eq(n_of(cxm_recorder_get_period_stats(rec, CXM_PERIOD_DAY, "2027-01-03",
                                                  CXM_GROUP_TOTALS, NULL, NULL)), 2);
}

Test(periods, stats_per_period_and_group)
{
  g_autoptr(CxmRecorder) rec = fixture_recorder(NULL);
  cr_assert_eq(n_of(cxm_recorder_get_period_stats(rec, CXM_PERIOD_WEEK, "2026-W11",
                                                  CXM_GROUP_LEVEL, "manager", NULL)), 2);
  cr_assert_eq(n_of(cxm_recorder_get_period_stats(rec, CXM_PERIOD_WEEK, "2026-W10",
                                                  CXM_GROUP_TEAM, "north", NULL)), 2);
  cr_assert_eq(n_of(cxm_recorder_get_period_stats(rec, CXM_PERIOD_DAY, "2026-03-11",
                                                  CXM_GROUP_CHANNEL, "chat", NULL)), 1);
  /* No interactions that week, or no such team that week: zeros. */
  cr_assert_eq(n_of(cxm_recorder_get_period_stats(rec, CXM_PERIOD_WEEK, "2026-W30",
                                                  CXM_GROUP_TOTALS, NULL, NULL)), 0);
  cr_assert_eq(n_of(cxm_recorder_get_period_stats(rec, CXM_PERIOD_WEEK, "2026-W10",
                                                  CXM_GROUP_TEAM, "south", NULL)), 0);
  GError *err = NULL;
  cr_assert_null(cxm_recorder_get_period_stats(rec, CXM_PERIOD_WEEK, "2026-03-02",
                                               CXM_GROUP_TOTALS, NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, "\"2026-03-02\" is not a week period");
  cr_assert_null(cxm_recorder_get_period_stats(rec, CXM_PERIOD_WEEK, "2026-W10",
                                               CXM_GROUP_EMPLOYEE, "e-1", &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, "employees are not kept per period");
  cr_assert_null(cxm_recorder_get_period_stats(rec, CXM_PERIOD_WEEK, "2026-W10",
                                               CXM_GROUP_LEVEL, "boss", &err));
  assert_error(err, CXM_ERROR_NOT_FOUND, "no level group \"boss\"");
}

Test(periods, in_the_report)
{
  g_autoptr(CxmRecorder) rec = fixture_recorder(NULL);
  json_object *r = report_json(rec, CXM_REPORT_WEEKS | CXM_REPORT_MONTHS | CXM_REPORT_TEAMS,
                               NULL, NULL);
  cr_assert_eq(json_object_object_length(at(r, "periods")), 2);
  cr_assert_eq(int_at(r, "periods.week.2026-W10.totals.n"), 2);
  cr_assert_eq(int_at(r, "periods.week.2026-W11.totals.n"), 3);
  cr_assert_eq(int_at(r, "periods.week.2026-W11.levels.unassigned.n"), 1);
  cr_assert_eq(int_at(r, "periods.week.2026-W11.teams.south.n"), 1);
  cr_assert_eq(int_at(r, "periods.month.2026-03.totals.n"), 5);
  json_object *dummy;
  cr_assert_not(json_object_object_get_ex(at(r, "periods.week.2026-W10"), "employees", &dummy));
  json_object_put(r);
}

Test(hotspots, ranked_by_disappointments)
{
  g_autoptr(CxmRecorder) rec = fixture_recorder(NULL);
  json_object *r = report_json(rec, CXM_REPORT_HOTSPOTS, NULL, NULL);
  /* difficulty, by, key, count, momentum, disappointment */
  static const struct {
    const char *difficulty, *by, *key;
    int count, momentum, disappointment;
  } expected[] = {
    { "customer_upset", "team", "north", 2, 1, 1 },
    { "no_immediate_answer", "channel", "chat", 1, 0, 1 },
    { "miscommunication", "team", "north", 1, 0, 1 },
    { "miscommunication", "channel", "web", 1, 0, 1 },
    { "customer_upset", "channel", "web", 1, 0, 1 },
    { "customer_upset", "channel", "phone", 1, 1, 0 },
  };
  json_object *list = at(r, "hotspots");
  cr_assert_eq(json_object_array_length(list), G_N_ELEMENTS(expected));
  for (gsize i = 0; i < G_N_ELEMENTS(expected); i++) {
    json_object *spot = json_object_array_get_idx(list, i);
    cr_assert_str_eq(str_at(spot, "difficulty"), expected[i].difficulty, "spot %zu", i);
    cr_assert_str_eq(str_at(spot, expected[i].by), expected[i].key, "spot %zu", i);
    cr_assert_eq(int_at(spot, "count"), expected[i].count);
    cr_assert_eq(int_at(spot, "momentum"), expected[i].momentum);
    cr_assert_eq(int_at(spot, "disappointment"), expected[i].disappointment);
  }
  /* 1 of 2 turned around: Wilson [0.0945, 0.9055]. */
  cr_assert_float_eq(num_at(list, "0.recovery_rate.value"), 0.5, 1e-9);
  cr_assert_float_eq(num_at(list, "0.recovery_rate.low"), 0.0945, 1e-9);
  cr_assert_float_eq(num_at(list, "0.recovery_rate.high"), 0.9055, 1e-9);
  json_object_put(r);
}

Test(comparison, weeks_by_hand)
{
  g_autoptr(CxmRecorder) rec = fixture_recorder(NULL);
  json_object *r = report_json(rec, CXM_REPORT_WEEKS, "2026-W10", "2026-W11");
  cr_assert_str_eq(str_at(r, "comparison.period"), "week");
  cr_assert_str_eq(str_at(r, "comparison.a"), "2026-W10");
  /* W10: M 1, D 1 of 2; W11: M 1, D 1 of 3. Net momentum 0 and 0;
   * var_a = (0.5 + 0.5 - 0) / 2 = 0.5, var_b = (2/3 - 0) / 3 = 0.2222,
   * se = 100 sqrt(0.7222) = 84.98, z = 0, p = 1. */
  cr_assert_float_eq(num_at(r, "comparison.totals.net_momentum.delta"), 0.0, 1e-9);
  cr_assert_float_eq(num_at(r, "comparison.totals.net_momentum.se"), 84.98, 1e-9);
  cr_assert_float_eq(num_at(r, "comparison.totals.net_momentum.p_value"), 1.0, 1e-9);
  /* Momentum rate 1/2 vs 1/3: pooled p = 2/5, se = sqrt(0.4 * 0.6 * (1/2 + 1/3))
   * = 0.4472, delta = -0.1667, z = -0.3727 (-0.373), p = erfc(0.3727 / sqrt 2)
   * = 0.7094. */
  cr_assert_float_eq(num_at(r, "comparison.totals.momentum_rate.a"), 0.5, 1e-9);
  cr_assert_float_eq(num_at(r, "comparison.totals.momentum_rate.b"), 0.3333, 1e-9);
  cr_assert_float_eq(num_at(r, "comparison.totals.momentum_rate.delta"), -0.1667, 1e-9);
  cr_assert_float_eq(num_at(r, "comparison.totals.momentum_rate.se"), 0.4472, 1e-9);
  cr_assert_float_eq(num_at(r, "comparison.totals.momentum_rate.z"), -0.373, 1e-9);
  cr_assert_float_eq(num_at(r, "comparison.totals.momentum_rate.p_value"), 0.7094, 1e-9);
  /* No NPS answer in W10: no comparison. */
  cr_assert_null(at(r, "comparison.totals.nps"));
  /* Frontline: 2 in W10, none in W11. */
  cr_assert_null(at(r, "comparison.levels.frontline.momentum_rate"));
  json_object_put(r);
}

Test(comparison, needs_one_period_kind_and_two_valid_names)
{
  g_autoptr(CxmRecorder) rec = fixture_recorder(NULL);
  GError *err = NULL;
  cr_assert_null(report_compared(rec, NULL, CXM_REPORT_WEEKS | CXM_REPORT_DAYS,
                                         "2026-W10", "2026-W11", &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT,
               "a comparison needs exactly one period kind (day, week or month)");
  cr_assert_null(report_compared(rec, NULL, 0, "2026-W10", "2026-W11", &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
  cr_assert_null(report_compared(rec, NULL, CXM_REPORT_WEEKS, "2026-W10", "W11", &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, "\"W11\" is not a week period");
  cr_assert_null(report_compared(rec, NULL, CXM_REPORT_WEEKS, "2026-W10", NULL, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, "a comparison needs two periods");
}

Test(privacy, min_group_applies_to_every_group_kind)
{
  g_autoptr(CxmPolicy) policy = cxm_policy_new();
  cr_assert(cxm_policy_set(policy, "min_group", 2, NULL));
  g_autoptr(CxmRecorder) rec = fixture_recorder(policy);
  json_object *r = report_json(rec, CXM_REPORT_TEAMS | CXM_REPORT_WEEKS | CXM_REPORT_SCOPES |
                               CXM_REPORT_HOTSPOTS, "2026-W10", "2026-W11");
  static const char *const suppressed[] = {
    "levels.unassigned", "teams.south", "periods.week.2026-W11.teams.south",
    "scopes.e-2.direct", "scopes.unknown_manager.cumulative", "hotspots.1",
    "comparison.teams.south",
  };
  for (gsize i = 0; i < G_N_ELEMENTS(suppressed); i++) {
    json_object *g = at(r, suppressed[i]);
    json_object *dummy;
    cr_assert(json_object_get_boolean(at(g, "suppressed")), "%s", suppressed[i]);
    cr_assert_not(json_object_object_get_ex(g, "momentum_rate", &dummy), "%s", suppressed[i]);
    cr_assert_not(json_object_object_get_ex(g, "recovery_rate", &dummy), "%s", suppressed[i]);
  }
  /* Counts stay. */
  cr_assert_eq(int_at(r, "teams.south.n"), 1);
  cr_assert_eq(int_at(r, "hotspots.1.count"), 1);
  /* Groups at the bound are shown. */
  cr_assert_not_null(at(r, "teams.north.momentum_rate"));
  cr_assert_not_null(at(r, "scopes.e-1.direct.momentum_rate"));
  json_object_put(r);
}

Test(merge, halves_equal_the_whole_with_periods_and_hotspots)
{
  g_autofree char *path = data_path("scopes.jsonl");
  g_autofree char *text = NULL;
  gsize len;
  cr_assert(g_file_get_contents(path, &text, &len, NULL));
  const char *half = strchr(strchr(text, '\n') + 1, '\n') + 1; /* after 2 lines */
  g_autoptr(CxmRecorder) whole = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) a = cxm_recorder_new(NULL);
  g_autoptr(CxmRecorder) b = cxm_recorder_new(NULL);
  cr_assert(cxm_import_data(whole, text, len, NULL, 0, NULL, NULL));
  cr_assert(cxm_import_data(a, text, (gsize) (half - text), NULL, 0, NULL, NULL));
  cr_assert(cxm_import_data(b, half, len - (gsize) (half - text), NULL, 0, NULL, NULL));
  cr_assert(cxm_recorder_merge(a, b, NULL));
  const unsigned int flags = ALL_GROUPS | CXM_REPORT_DAYS | CXM_REPORT_WEEKS |
                             CXM_REPORT_MONTHS | CXM_REPORT_HOTSPOTS;
  g_autofree char *ra = cxm_report_to_json(a, NULL, flags, NULL);
  g_autofree char *rw = cxm_report_to_json(whole, NULL, flags, NULL);
  cr_assert_not_null(rw);
  cr_assert_str_eq(ra, rw);
  g_autofree char *ca = report_compared(a, NULL, ALL_GROUPS | CXM_REPORT_WEEKS,
                                                "2026-W10", "2026-W11", NULL);
  g_autofree char *cw = report_compared(whole, NULL, ALL_GROUPS | CXM_REPORT_WEEKS,
                                                "2026-W10", "2026-W11", NULL);
  cr_assert_not_null(cw);
  cr_assert_str_eq(ca, cw);
}

Test(hotspots, through_the_c_api)
{
  g_autoptr(CxmRecorder) rec = fixture_recorder(NULL);
  gsize n = 99;
  CxmHotspot *spots = cxm_recorder_get_hotspots(rec, &n, NULL);
  cr_assert_eq(n, 6);
  cr_assert_eq(spots[0].difficulty, CXM_DIFFICULTY_CUSTOMER_UPSET);
  cr_assert_eq(spots[0].kind, CXM_GROUP_TEAM);
  cr_assert_str_eq(spots[0].key, "north");
  cr_assert_eq(spots[0].counts.count, 2);
  cr_assert_eq(spots[0].counts.recovered, 1);
  cr_assert_eq(spots[1].kind, CXM_GROUP_CHANNEL);
  cr_assert_str_eq(spots[1].key, "chat");
  cr_assert_eq(spots[5].counts.disappointment, 0);
  cxm_hotspots_free(spots, n);

  g_autoptr(CxmRecorder) empty = cxm_recorder_new(NULL);
  cr_assert_null(cxm_recorder_get_hotspots(empty, &n, NULL));
  cr_assert_eq(n, 0);
  cxm_hotspots_free(NULL, 0);
  GError *err = NULL;
  cr_assert_null(cxm_recorder_get_hotspots(NULL, &n, &err));
  assert_error(err, CXM_ERROR_INVALID_ARGUMENT, NULL);
}

/* ---- cost in the org's depth ------------------------------------------------ */

static gboolean
discard(const char *data, gsize length, gpointer user_data, GError **error)
{
  *(gsize *) user_data += length;
  return TRUE;
}

/* CPU seconds of the CSV scopes of an org of @n people, each managed by
 * the one before (@chain) or all by the first, one interaction each; the
 * best of three, against noise. */
static double
scopes_cost(guint n, gboolean chain, gsize *bytes)
{
  GString *json = g_string_new("{\"people\":[{\"id\":\"p0\",\"level\":\"manager\"}");
  GString *lines = g_string_new(NULL);
  for (guint i = 1; i < n; i++)
    g_string_append_printf(json, ",{\"id\":\"p%u\",\"level\":\"manager\",\"manager\":\"p%u\"}",
                           i, chain ? i - 1 : 0);
  g_string_append(json, "]}");
  for (guint i = 0; i < n; i++)
    g_string_append_printf(lines, "{\"id\":\"r%u\",\"ts\":1772442900,\"channel\":\"phone\","
                           "\"employee\":\"p%u\",\"csat\":%u}\n", i, i, 1 + i % 5);
  GError *err = NULL;
  g_autoptr(CxmOrg) org = cxm_org_new_from_data(json->str, (gssize) json->len, &err);
  cr_assert_not_null(org, "%s", err ? err->message : "?");
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  cr_assert(cxm_recorder_set_org(rec, org, NULL));
  cr_assert(cxm_import_data(rec, lines->str, lines->len, NULL, CXM_IMPORT_STRICT, NULL, NULL));
  g_autoptr(CxmReportOptions) options = cxm_report_options_new();
  cxm_report_options_set_format(options, CXM_REPORT_CSV);
  cxm_report_options_set_flags(options, CXM_REPORT_SCOPES);
  double best = G_MAXDOUBLE;
  for (int run = 0; run < 3; run++) {
    *bytes = 0;
    clock_t start = clock();
    cr_assert(cxm_report_write(rec, NULL, options, discard, bytes, NULL));
    best = MIN(best, (double) (clock() - start) / CLOCKS_PER_SEC);
  }
  g_string_free(json, TRUE);
  g_string_free(lines, TRUE);
  return best;
}

/* Scopes are read from prefix sums over the org's post-order, so a chain
 * of 5,000 (depth 5,000) costs about what a flat org of 5,000 does; the
 * quadratic walk this replaced took 3.37 s for a chain of 8,000, 0.04 s for
 * a flat org of 8,000. A ratio of two runs of like work, so it holds on a
 * slow or busy machine too. */
Test(scopes, a_deep_chain_costs_about_a_flat_org)
{
  gsize chain_bytes, flat_bytes;
  double chain = scopes_cost(5000, TRUE, &chain_bytes);
  double flat = scopes_cost(5000, FALSE, &flat_bytes);
  cr_assert_gt(chain_bytes, 0);
  cr_assert_gt(flat_bytes, 0);
  cr_assert_lt(chain, 4 * flat + 0.05, "chain %.3f s, flat %.3f s", chain, flat);
}
