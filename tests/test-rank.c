/* Ranking the groups of a report: cxm_report_options_set_sort() and
 * cxm_report_options_set_top(), as every format follows them. */
#include <criterion/criterion.h>
#include <json.h>
#include <string.h>
#include <cxm/cxm.h>
#include "test-util.h"

/* Teams with known rates (csat 1: disappointment, 5: momentum, 3: neutral):
 *   a  n 4  disappointment 1/4  NPS -
 *   b  n 2  disappointment 1/2  NPS +100 (one promoter)
 *   c  n 2  disappointment 0/2  NPS -100 (one detractor)
 *   d  n 2  disappointment 1/2  NPS -
 * b and d tie on the disappointment rate; a and d have no NPS. */
static CxmRecorder *
teams_recorder(void)
{
  static const char *const specs[] = {
    "team=a csat=1 channel=phone",
    "team=a csat=5",
    "team=a csat=5",
    "team=a csat=3",
    "team=b csat=1",
    "team=b csat=5 nps=10",
    "team=c csat=5 nps=0",
    "team=c csat=5",
    "team=d csat=1 channel=chat",
    "team=d csat=5",
  };
  CxmRecorder *rec = cxm_recorder_new(NULL);
  for (gsize i = 0; i < G_N_ELEMENTS(specs); i++)
    assert_recorded(rec, specs[i]);
  return rec;
}

/* The report of @rec as @format, ranked by @indicator (NULL: not) and cut
 * to @top. */
static char *
ranked_report(const CxmRecorder *rec, CxmReportFormat format, unsigned int flags,
              const char *indicator, gboolean descending, guint top)
{
  CxmReportOptions *options = cxm_report_options_new();
  GError *err = NULL;
  char *text;

  cxm_report_options_set_format(options, format);
  cxm_report_options_set_flags(options, flags);
  cr_assert(cxm_report_options_set_sort(options, indicator, descending, &err));
  cxm_report_options_set_top(options, top);
  text = cxm_report_to_string(rec, NULL, options, NULL, &err);
  cr_assert_not_null(text, "report: %s", err ? err->message : "?");
  cxm_report_options_free(options);
  return text;
}

/* The keys of the JSON report's @group object, comma-separated, in order. */
static char *
json_keys(const CxmRecorder *rec, const char *group, unsigned int flags,
          const char *indicator, gboolean descending, guint top)
{
  char *text = ranked_report(rec, CXM_REPORT_JSON, flags, indicator, descending, top);
  json_object *report = json_tokener_parse(text), *groups = NULL;
  GString *keys = g_string_new(NULL);

  cr_assert_not_null(report);
  cr_assert(json_object_object_get_ex(report, group, &groups), "no %s", group);
  json_object_object_foreach (groups, key, value) {
    (void) value;
    g_string_append_printf(keys, "%s%s", keys->len > 0 ? "," : "", key);
  }
  json_object_put(report);
  cxm_free(text);
  return g_string_free(keys, FALSE);
}

#define assert_keys(rec, group, flags, indicator, descending, top, want)                \
  do {                                                                                  \
    char *got_ = json_keys((rec), (group), (flags), (indicator), (descending), (top));  \
    cr_assert_str_eq(got_, (want), "%s %s top %u: %s", (indicator) ? (indicator) : "-", \
                     (descending) ? "desc" : "asc", (guint) (top), got_);               \
    g_free(got_);                                                                       \
  } while (0)

Test(rank, default_order_is_the_keys)
{
  CxmRecorder *rec = teams_recorder();
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, NULL, FALSE, 0, "a,b,c,d");
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, NULL, FALSE, 2, "a,b");
  cxm_recorder_free(rec);
}

Test(rank, by_rate_both_ways_ties_in_key_order)
{
  CxmRecorder *rec = teams_recorder();
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, "disappointment_rate", TRUE, 0, "b,d,a,c");
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, "disappointment_rate", FALSE, 0, "c,a,b,d");
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, "disappointment_rate", TRUE, 1, "b");
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, "n", TRUE, 0, "a,b,c,d");
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, "n", FALSE, 3, "b,c,d");
  cxm_recorder_free(rec);
}

Test(rank, groups_without_a_value_last_either_way)
{
  CxmRecorder *rec = teams_recorder();
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, "nps", TRUE, 0, "b,c,a,d");
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, "nps", FALSE, 0, "c,b,a,d");
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, "nps", FALSE, 10, "c,b,a,d");
  cxm_recorder_free(rec);
}

Test(rank, channels_ties_keep_spec_order)
{
  CxmRecorder *rec = teams_recorder();
  /* web 8 records, 1 disappointment; phone and chat 1 each, 1 of 1; the
   * channels without records have no rate, and n = 0. */
  assert_keys(rec, "channels", CXM_REPORT_CHANNELS, "disappointment_rate", TRUE, 0,
              "phone,chat,web,email,in_person,social,other");
  assert_keys(rec, "channels", CXM_REPORT_CHANNELS, "n", FALSE, 2, "email,in_person");
  assert_keys(rec, "channels", CXM_REPORT_CHANNELS, "n", TRUE, 3, "web,phone,chat");
  cxm_recorder_free(rec);
}

Test(rank, every_format_follows)
{
  CxmRecorder *rec = teams_recorder();
  char *csv =
      ranked_report(rec, CXM_REPORT_CSV, CXM_REPORT_TEAMS, "momentum_rate", TRUE, 2);
  char *table =
      ranked_report(rec, CXM_REPORT_TABLE, CXM_REPORT_TEAMS, "momentum_rate", TRUE, 2);
  /* Momentum: c 2/2, then a 2/4 and b, d 1/2 (a tie in key order). */
  cr_assert_not_null(strstr(csv, "\n,team,c,2,"));
  cr_assert_not_null(strstr(strstr(csv, "\n,team,c,2,"), "\n,team,a,4,"));
  cr_assert_null(strstr(csv, ",team,b,"));
  cr_assert_not_null(strstr(table, "\nteam "));
  cr_assert_not_null(strstr(strstr(table, "\nteam "), "\nc "));
  cr_assert_not_null(strstr(strstr(table, "\nc "), "\na "));
  cr_assert_null(strstr(table, "\nb "));
  cxm_free(csv);
  cxm_free(table);
  cxm_recorder_free(rec);
}

Test(rank, within_each_period)
{
  CxmRecorder *rec = teams_recorder();
  char *csv = ranked_report(rec, CXM_REPORT_CSV, CXM_REPORT_TEAMS | CXM_REPORT_DAYS,
                            "disappointment_rate", TRUE, 1);
  cr_assert_not_null(strstr(csv, "\n2026-03-02,team,b,2,"));
  cr_assert_null(strstr(csv, "\n2026-03-02,team,d,"));
  cxm_free(csv);
  cxm_recorder_free(rec);
}

Test(rank, unknown_indicator_names_the_accepted_ones)
{
  CxmReportOptions *options = cxm_report_options_new();
  GError *err = NULL;

  cr_assert(cxm_report_options_set_sort(options, "nps", TRUE, &err));
  cr_assert_not(cxm_report_options_set_sort(options, "net momentum", FALSE, &err));
  cr_assert_eq(err->code, CXM_ERROR_INVALID_ARGUMENT);
  cr_assert_str_eq(
      err->message,
      "unknown sort indicator \"net momentum\" (expected one of n, momentum, "
      "disappointment, neutral, difficult, nps_responses, csat_responses, "
      "effort_responses, momentum_rate, disappointment_rate, difficult_rate, "
      "recovery_rate, csat_top2_rate, csat_fan_rate, effort_easy_rate, fcr_rate, "
      "beyond_role_rate, proactive_rate, empowered_rate, net_momentum, nps, csat_mean, "
      "effort_mean, employee_satisfaction_mean)");
  g_clear_error(&err);
  cr_assert_not(cxm_report_options_set_sort(NULL, "n", FALSE, &err));
  g_clear_error(&err);
  cxm_report_options_free(options);
}

Test(rank, suppressed_groups_have_no_rate_but_their_n)
{
  g_autoptr(CxmPolicy) policy = cxm_policy_new();
  cr_assert(cxm_policy_set(policy, "min_group", 3, NULL));
  CxmRecorder *rec = cxm_recorder_new(policy);
  static const char *const specs[] = {
    "team=a csat=1", "team=a csat=5", "team=a csat=5",
    "team=a csat=5", "team=b csat=1", "team=c csat=1"
  };
  for (gsize i = 0; i < G_N_ELEMENTS(specs); i++)
    assert_recorded(rec, specs[i]);
  /* b and c (n 1 < 3) show no rate: last, whatever the direction. */
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, "disappointment_rate", TRUE, 0, "a,b,c");
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, "disappointment_rate", FALSE, 0, "a,b,c");
  assert_keys(rec, "teams", CXM_REPORT_TEAMS, "n", FALSE, 0, "b,c,a");
  cxm_recorder_free(rec);
}

/* "\nKEY...N*": the start of a table row, as report-table.c pads it. */
static char *
table_row_start(const char *key, const char *n)
{
  return g_strdup_printf("\n%-20s%6s*", key, n);
}

Test(rank, trend_table_a_row_per_period_its_top_teams_under_it)
{
  CxmRecorder *rec = teams_recorder();
  assert_recorded(rec, "team=b csat=1 ts=1772529300"); /* 2026-03-03T09:15:00Z */
  char *table = ranked_report(rec, CXM_REPORT_TABLE, CXM_REPORT_TEAMS | CXM_REPORT_DAYS,
                              "n", TRUE, 1);
  g_autofree char *day1 = table_row_start("2026-03-02", "10");
  g_autofree char *day1_a = table_row_start("  a", "4");
  g_autofree char *day2 = table_row_start("2026-03-03", "1");
  g_autofree char *day2_b = table_row_start("  b", "1");
  const char *trend = strstr(table, "\nday / team ");

  cr_assert_not_null(trend, "%s", table);
  cr_assert(g_str_has_prefix(strstr(trend, "\n2026-03-02"), day1), "%s", trend);
  cr_assert_not_null(strstr(trend, day1_a), "%s", trend);
  cr_assert(strstr(trend, day1_a) < strstr(trend, day2), "%s", trend);
  cr_assert_not_null(strstr(trend, day2_b), "%s", trend);
  cr_assert_null(strstr(trend, "\n  c "), "%s", trend);
  cr_assert_null(strstr(table, "2026-03-02 level"), "no block per period: %s", table);
  cxm_free(table);
  cxm_recorder_free(rec);
}
