/* SPDX-License-Identifier: MIT */
/* Tests of periods and comparisons (period.h): UTC day, ISO week and month
 * names with their edges, and the two-period z-tests of SPEC section 5
 * against values computed by hand. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>
#include <cxm/cxm.h>
#include <cxm/period.h>
#include "test-util.h"

/* ---- helpers ------------------------------------------------------------- */

/* Unix seconds of an RFC 3339 time, through the library's own parser. */
static gint64
ts_of(const char *rfc3339)
{
  CxmInteraction *it = cxm_interaction_new();
  GError *err = NULL;
  cr_assert(cxm_interaction_set_ts_string(it, rfc3339, &err), "%s: %s",
            rfc3339, err ? err->message : "?");
  gint64 ts = cxm_interaction_get_ts(it);
  cxm_interaction_free(it);
  return ts;
}

static void
assert_name(gint64 ts, CxmPeriodKind kind, const char *expected)
{
  char *name = cxm_period_name(ts, kind);
  cr_assert_not_null(name, "no %s name for %" G_GINT64_FORMAT,
                     cxm_period_kind_name(kind), ts);
  cr_assert_str_eq(name, expected, "%s of %" G_GINT64_FORMAT ": %s, expected %s",
                   cxm_period_kind_name(kind), ts, name, expected);
  cxm_free(name);
}

/* The three names of the period holding an RFC 3339 time. */
static void
assert_names(const char *rfc3339, const char *day, const char *week,
             const char *month)
{
  gint64 ts = ts_of(rfc3339);
  assert_name(ts, CXM_PERIOD_DAY, day);
  assert_name(ts, CXM_PERIOD_WEEK, week);
  assert_name(ts, CXM_PERIOD_MONTH, month);
}

/* Counts the critical warnings of g_return_val_if_fail(). */
static int criticals;

static void
count_criticals(const char *domain, GLogLevelFlags level, const char *message,
                gpointer data)
{
  if (level & G_LOG_LEVEL_CRITICAL)
    criticals++;
}

#define assert_one_critical(expr)                                             \
  do {                                                                        \
    int before_ = criticals;                                                  \
    cr_assert(!(expr), #expr " should fail");                                 \
    cr_assert_eq(criticals, before_ + 1, #expr " should warn once");         \
  } while (0)

/* ---- period names -------------------------------------------------------- */

/* 2026-03-02 is day 20514: 1970..2025 are 56 years with 14 leap days
 * (1972..2024), 56 * 365 + 14 = 20454, + 31 (Jan) + 28 (Feb) = 20513 for
 * 2026-03-01, so 20514 * 86400 = 1772409600 is 2026-03-02T00:00:00Z. It is a
 * Monday ((20514 + 3) % 7 = 0 with 1970-01-01 a Thursday). */
Test(period_name, day_week_month)
{
  cr_assert_eq(ts_of("2026-03-02T00:00:00Z"), 1772409600);
  assert_name(1772409600, CXM_PERIOD_DAY, "2026-03-02");
  assert_name(1772409600, CXM_PERIOD_WEEK, "2026-W10");
  assert_name(1772409600, CXM_PERIOD_MONTH, "2026-03");
  /* 09:15 the same day, the time the other tests use */
  assert_name(1772442900, CXM_PERIOD_DAY, "2026-03-02");
  /* the second before is Sunday 2026-03-01, the last of week 9 */
  assert_name(1772409599, CXM_PERIOD_DAY, "2026-03-01");
  assert_name(1772409599, CXM_PERIOD_WEEK, "2026-W09");
  assert_name(1772409599, CXM_PERIOD_MONTH, "2026-03");
  /* Sunday 2026-03-08T23:59:59Z = 1772409600 + 7 * 86400 - 1 is still W10 */
  assert_name(1773014399, CXM_PERIOD_WEEK, "2026-W10");
  assert_name(1773014400, CXM_PERIOD_WEEK, "2026-W11");
  /* a month's last second: 2026-03-01 is day 20513, 20513 * 86400 =
   * 1772323200, so 2026-02-28T23:59:59Z is 1772323199 */
  assert_name(1772323199, CXM_PERIOD_DAY, "2026-02-28");
  assert_name(1772323199, CXM_PERIOD_MONTH, "2026-02");
  assert_name(1772323200, CXM_PERIOD_MONTH, "2026-03");
}

/* ISO week-numbering years: a week belongs to the year of its Thursday. */
Test(period_name, iso_week_edges)
{
  /* Thursday 2026-12-31: 2026 has 53 weeks (it starts on a Thursday). */
  assert_names("2026-12-31T12:00:00Z", "2026-12-31", "2026-W53", "2026-12");
  /* Friday to Sunday 2027-01-01..03 are in that week's tail */
  assert_names("2027-01-01T00:00:00Z", "2027-01-01", "2026-W53", "2027-01");
  assert_names("2027-01-02T12:00:00Z", "2027-01-02", "2026-W53", "2027-01");
  assert_names("2027-01-03T23:59:59Z", "2027-01-03", "2026-W53", "2027-01");
  /* Monday 2027-01-04 starts 2027-W01 (its Thursday is 2027-01-07) */
  assert_names("2027-01-04T00:00:00Z", "2027-01-04", "2027-W01", "2027-01");
  /* Sunday 2021-01-03 closes 2020-W53 (2020, a leap year that starts on a
   * Wednesday, has 53 Thursdays and so 53 weeks) */
  assert_names("2021-01-03T08:00:00Z", "2021-01-03", "2020-W53", "2021-01");
  assert_names("2021-01-04T08:00:00Z", "2021-01-04", "2021-W01", "2021-01");
  /* Monday 2024-12-30: its Thursday is 2025-01-02, so 2025-W01 */
  assert_names("2024-12-30T08:00:00Z", "2024-12-30", "2025-W01", "2024-12");
  assert_names("2024-12-29T23:59:59Z", "2024-12-29", "2024-W52", "2024-12");
  /* more of both kinds: 2008-12-29 is 2009-W01, 2010-01-03 is 2009-W53 */
  assert_names("2008-12-29T00:00:00Z", "2008-12-29", "2009-W01", "2008-12");
  assert_names("2010-01-03T00:00:00Z", "2010-01-03", "2009-W53", "2010-01");
  /* Monday 2026-03-02 is 2026-W10: 2026-01-01 is a Thursday, so W01 is
   * Dec 29 .. Jan 4 and Mar 2 is (20514 - 20451) / 7 + 1 = 10 weeks on
   * (2025-12-29 is day 20451) */
  assert_names("2026-03-02T09:15:00Z", "2026-03-02", "2026-W10", "2026-03");
  /* leap days */
  assert_names("2024-02-29T12:00:00Z", "2024-02-29", "2024-W09", "2024-02");
  assert_names("2000-02-29T12:00:00Z", "2000-02-29", "2000-W09", "2000-02");
}

/* Times with an offset are named by their UTC instant, not their local
 * date. */
Test(period_name, offsets_near_midnight)
{
  /* 23:30 at -01:00 is 00:30Z the next day: Monday 2026-03-02, week 10,
   * while the local date (Sunday 03-01) is in week 9 */
  cr_assert_eq(ts_of("2026-03-01T23:30:00-01:00"), 1772409600 + 1800);
  assert_names("2026-03-01T23:30:00-01:00", "2026-03-02", "2026-W10", "2026-03");
  /* 00:30 at +01:00 is 23:30Z the day before */
  cr_assert_eq(ts_of("2026-03-02T00:30:00+01:00"), 1772409600 - 1800);
  assert_names("2026-03-02T00:30:00+01:00", "2026-03-01", "2026-W09", "2026-03");
  /* 00:29:59 at +00:30 is 23:59:59Z on 02-28: month 2, not 3 */
  assert_names("2026-03-01T00:29:59+00:30", "2026-02-28", "2026-W09", "2026-02");
  /* new year's eve in New York is already 2027 in UTC (still 2026-W53) */
  assert_names("2026-12-31T23:00:00-05:00", "2027-01-01", "2026-W53", "2027-01");
  /* new year's morning in Athens is still 2026 in UTC */
  assert_names("2027-01-01T00:15:00+02:00", "2026-12-31", "2026-W53", "2026-12");
  /* Sunday evening at -02:00 is Monday 2027-01-04Z: the first week of 2027 */
  assert_names("2027-01-03T22:00:00-02:00", "2027-01-04", "2027-W01", "2027-01");
  /* 23:00 at -02:00 on 2024-02-28 is 01:00Z on the leap day */
  assert_names("2024-02-28T23:00:00-02:00", "2024-02-29", "2024-W09", "2024-02");
}

/* The first and last representable times: 0 is Thursday 1970-01-01, in
 * 1970-W01 (the week of the year's first Thursday). 253402300799 is
 * 9999-12-31T23:59:59Z, day 2932896, a Friday ((2932896 + 3) % 7 = 4): its
 * Thursday 9999-12-30 gives the week of year 9999, and 9999-01-01 is a
 * Friday, so W01 starts 9999-01-04 and Dec 30 = day 363 (0-based) is in
 * week 363 / 7 + 1 = 52. */
Test(period_name, range_ends)
{
  cr_assert_eq(ts_of("1970-01-01T00:00:00Z"), 0);
  assert_name(0, CXM_PERIOD_DAY, "1970-01-01");
  assert_name(0, CXM_PERIOD_WEEK, "1970-W01");
  assert_name(0, CXM_PERIOD_MONTH, "1970-01");
  /* Sunday 1970-01-04 still W01, Monday 01-05 W02 */
  assert_name(4 * 86400 - 1, CXM_PERIOD_WEEK, "1970-W01");
  assert_name(4 * 86400, CXM_PERIOD_WEEK, "1970-W02");

  cr_assert_eq(ts_of("9999-12-31T23:59:59Z"), G_GINT64_CONSTANT(253402300799));
  assert_name(G_GINT64_CONSTANT(253402300799), CXM_PERIOD_DAY, "9999-12-31");
  assert_name(G_GINT64_CONSTANT(253402300799), CXM_PERIOD_WEEK, "9999-W52");
  assert_name(G_GINT64_CONSTANT(253402300799), CXM_PERIOD_MONTH, "9999-12");
  /* 9999-12-31T00:00:00Z = 2932896 * 86400 */
  assert_name(G_GINT64_CONSTANT(253402214400), CXM_PERIOD_DAY, "9999-12-31");
  assert_name(G_GINT64_CONSTANT(253402214399), CXM_PERIOD_DAY, "9999-12-30");
}

Test(period_name, out_of_range)
{
  const gint64 bad[] = { -1, -86400, G_GINT64_CONSTANT(253402300800),
                         G_MININT64, G_MAXINT64 };
  criticals = 0;
  g_log_set_default_handler(count_criticals, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS(bad); i++)
    for (int kind = 0; kind < CXM_PERIOD_KIND_COUNT; kind++)
      cr_assert_null(cxm_period_name(bad[i], kind), "%" G_GINT64_FORMAT,
                     bad[i]);
  /* a time out of range is data, not misuse: no warning */
  cr_assert_eq(criticals, 0);
  /* a bad kind is misuse */
  assert_one_critical(cxm_period_name(0, CXM_PERIOD_KIND_COUNT));
  assert_one_critical(cxm_period_name(0, (CxmPeriodKind) -1));
}

Test(period_kind, names)
{
  static const char *const names[] = { "day", "week", "month" };
  cr_assert_eq(G_N_ELEMENTS(names), CXM_PERIOD_KIND_COUNT);
  for (int kind = 0; kind < CXM_PERIOD_KIND_COUNT; kind++) {
    cr_assert_str_eq(cxm_period_kind_name(kind), names[kind]);
    cr_assert_eq(cxm_period_kind_from_name(names[kind]), kind);
  }
  cr_assert_eq(cxm_period_kind_from_name("DAY"), CXM_UNSET);
  cr_assert_eq(cxm_period_kind_from_name("weeks"), CXM_UNSET);
  cr_assert_eq(cxm_period_kind_from_name("mon"), CXM_UNSET);
  cr_assert_eq(cxm_period_kind_from_name(""), CXM_UNSET);
  cr_assert_eq(cxm_period_kind_from_name("year"), CXM_UNSET);
  cr_assert_eq(cxm_period_kind_from_name(NULL), CXM_UNSET);
  cr_assert_null(cxm_period_kind_name(CXM_PERIOD_KIND_COUNT));
  cr_assert_null(cxm_period_kind_name((CxmPeriodKind) -1));
}

/* Walks @from..@to by @step seconds: each kind's names never decrease
 * bytewise, and the day name changes exactly when the UTC day does. */
static void
assert_sorted(gint64 from, gint64 to, gint64 step)
{
  char *prev[CXM_PERIOD_KIND_COUNT] = { NULL };
  gint64 prev_day = -1;
  for (gint64 ts = from; ts <= to; ts += step) {
    for (int kind = 0; kind < CXM_PERIOD_KIND_COUNT; kind++) {
      char *name = cxm_period_name(ts, kind);
      cr_assert_not_null(name);
      if (prev[kind] != NULL) {
        int order = strcmp(prev[kind], name);
        cr_assert_leq(order, 0, "%s > %s", prev[kind], name);
        if (kind == CXM_PERIOD_DAY)
          cr_assert_eq(order < 0, ts / 86400 != prev_day, "%s, %s", prev[kind],
                       name);
      }
      g_free(prev[kind]);
      prev[kind] = name;
    }
    prev_day = ts / 86400;
  }
  for (int kind = 0; kind < CXM_PERIOD_KIND_COUNT; kind++)
    g_free(prev[kind]);
}

Test(period_name, sort_order_is_time_order)
{
  /* every 7 hours across the 53-week years 2020 and 2026 */
  assert_sorted(ts_of("2019-12-01T00:00:00Z"), ts_of("2027-02-01T00:00:00Z"),
                7 * 3600);
  /* every 13 days and 5 hours from 1970 to 9999 */
  assert_sorted(0, G_GINT64_CONSTANT(253402300799), 13 * 86400 + 5 * 3600);
}

/* Cross-check against GLib's GDate, day by day for 1970..2070 and the last
 * 400 days before 9999-12-31, every 101st day in between. */
static void
assert_day_like_gdate(gint64 day, const GDate *date)
{
  char expected[32];
  int year = g_date_get_year(date), month = g_date_get_month(date);
  int week = (int) g_date_get_iso8601_week_of_year(date), week_year = year;
  if (week >= 52 && month == 1)
    week_year--;
  else if (week == 1 && month == 12)
    week_year++;
  /* any second of the day names it: take a varying one */
  gint64 ts = day * 86400 + (day * 7919) % 86400;
  g_snprintf(expected, sizeof expected, "%04d-%02d-%02d", year, month,
             (int) g_date_get_day(date));
  assert_name(ts, CXM_PERIOD_DAY, expected);
  g_snprintf(expected, sizeof expected, "%04d-W%02d", week_year, week);
  assert_name(ts, CXM_PERIOD_WEEK, expected);
  g_snprintf(expected, sizeof expected, "%04d-%02d", year, month);
  assert_name(ts, CXM_PERIOD_MONTH, expected);
}

Test(period_name, agrees_with_gdate)
{
  const gint64 last = 2932896; /* 9999-12-31 */
  GDate date;
  g_date_clear(&date, 1);
  g_date_set_dmy(&date, 1, G_DATE_JANUARY, 1970);
  gint64 day = 0;
  for (; day < 36890; day++) { /* 36890: 2071-01-01 */
    assert_day_like_gdate(day, &date);
    g_date_add_days(&date, 1);
  }
  for (; day < last - 400; day += 101) {
    assert_day_like_gdate(day, &date);
    g_date_add_days(&date, 101);
  }
  g_date_set_dmy(&date, 27, G_DATE_NOVEMBER, 9998); /* day last - 399 */
  day = last - 399;
  for (; day <= last; day++) {
    assert_day_like_gdate(day, &date);
    if (day < last)
      g_date_add_days(&date, 1);
  }
  cr_assert_eq(g_date_get_year(&date), 9999);
  cr_assert_eq(g_date_get_month(&date), G_DATE_DECEMBER);
  cr_assert_eq(g_date_get_day(&date), 31);
}

/* ---- comparisons --------------------------------------------------------- */

/* Records @count interactions carrying only @csat or @nps (CXM_UNSET:
 * absent). Under the default policy csat 5 is momentum (delighted), csat 4
 * neutral (routine), csat 1 disappointment; nps 10 is a promoter, 8 a
 * passive, 0 a detractor. */
static void
record_n(CxmRecorder *rec, int count, int csat, int nps)
{
  CxmInteraction *it = cxm_interaction_new();
  GError *err = NULL;
  cr_assert(cxm_interaction_set_id(it, "x", NULL));
  cr_assert(cxm_interaction_set_ts(it, 1772442900, NULL));
  cr_assert(cxm_interaction_set_channel(it, CXM_CHANNEL_WEB, NULL));
  cr_assert(cxm_interaction_set_csat(it, csat, NULL));
  cr_assert(cxm_interaction_set_nps(it, nps, NULL));
  for (int i = 0; i < count; i++)
    cr_assert(cxm_recorder_record(rec, it, NULL, NULL, &err), "%s",
              err ? err->message : "?");
  cxm_interaction_free(it);
}

/* The totals of a recorder of @momentum csat-5, @disappointment csat-1 and
 * @neutral csat-4 records. */
static CxmStats *
class_stats(int momentum, int disappointment, int neutral)
{
  CxmRecorder *rec = cxm_recorder_new(NULL);
  GError *err = NULL;
  record_n(rec, momentum, 5, CXM_UNSET);
  record_n(rec, disappointment, 1, CXM_UNSET);
  record_n(rec, neutral, 4, CXM_UNSET);
  CxmStats *st = cxm_recorder_get_stats(rec, CXM_GROUP_TOTALS, NULL, &err);
  cr_assert_not_null(st, "%s", err ? err->message : "?");
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_MOMENTUM), (guint64) momentum);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_DISAPPOINTMENT),
               (guint64) disappointment);
  cxm_recorder_free(rec);
  return st;
}

/* The totals of @promoters nps-10, @passives nps-8 and @detractors nps-0
 * records (no csat). */
static CxmStats *
nps_stats(int promoters, int passives, int detractors)
{
  CxmRecorder *rec = cxm_recorder_new(NULL);
  GError *err = NULL;
  record_n(rec, promoters, CXM_UNSET, 10);
  record_n(rec, passives, CXM_UNSET, 8);
  record_n(rec, detractors, CXM_UNSET, 0);
  CxmStats *st = cxm_recorder_get_stats(rec, CXM_GROUP_TOTALS, NULL, &err);
  cr_assert_not_null(st, "%s", err ? err->message : "?");
  cxm_recorder_free(rec);
  return st;
}

static void
assert_comparison(const CxmComparison *c, double a, double b, double delta,
                  double se, double z, double p, double tolerance)
{
  cr_assert_float_eq(c->a, a, 1e-12, "a %.17g", c->a);
  cr_assert_float_eq(c->b, b, 1e-12, "b %.17g", c->b);
  cr_assert_float_eq(c->delta, delta, 1e-12, "delta %.17g", c->delta);
  cr_assert_float_eq(c->se, se, tolerance, "se %.17g", c->se);
  cr_assert_float_eq(c->z, z, tolerance, "z %.17g", c->z);
  cr_assert_float_eq(c->p_value, p, tolerance, "p %.17g", c->p_value);
}

/* a: 30 momentum, 10 disappointment, 60 neutral of n = 100;
 * b: 45 momentum, 5 disappointment, 50 neutral of n = 100.
 *   score_a = 100 (0.30 - 0.10) = 20, var_a = (0.30 + 0.10 - 0.20^2) / 100
 *           = 0.36 / 100 = 0.0036
 *   score_b = 100 (0.45 - 0.05) = 40, var_b = (0.45 + 0.05 - 0.40^2) / 100
 *           = 0.34 / 100 = 0.0034
 *   delta = 40 - 20 = 20, se = 100 sqrt(0.0036 + 0.0034) = 100 sqrt(0.007)
 *         = 8.366600, z = 20 / 8.366600 = 2.390457,
 *   p = erfc(2.390457 / sqrt 2) = erfc(1.690309) = 0.016827 */
Test(compare, net_momentum)
{
  g_autoptr(CxmStats) a = class_stats(30, 10, 60);
  g_autoptr(CxmStats) b = class_stats(45, 5, 50);
  CxmComparison c;
  cr_assert(cxm_stats_compare_net_score(a, b, CXM_NET_MOMENTUM, &c));
  assert_comparison(&c, 20, 40, 20, 8.366600, 2.390457, 0.016827, 1e-6);
  /* b against a: the sign of delta and z turns, p stays */
  cr_assert(cxm_stats_compare_net_score(b, a, CXM_NET_MOMENTUM, &c));
  assert_comparison(&c, 40, 20, -20, 8.366600, -2.390457, 0.016827, 1e-6);
  /* a period against itself: delta 0, z 0, p 1; se = 100 sqrt(0.0072) */
  cr_assert(cxm_stats_compare_net_score(a, a, CXM_NET_MOMENTUM, &c));
  assert_comparison(&c, 20, 20, 0, 8.485281, 0, 1, 1e-6);
}

/* a: 5 promoters, 3 passives, 2 detractors of 10 responses;
 * b: 6 promoters, 2 passives, 2 detractors of 10.
 *   score_a = 100 (0.5 - 0.2) = 30, var_a = (0.5 + 0.2 - 0.09) / 10 = 0.061
 *   score_b = 100 (0.6 - 0.2) = 40, var_b = (0.6 + 0.2 - 0.16) / 10 = 0.064
 *   delta = 10, se = 100 sqrt(0.125) = 35.355339, z = 10 / 35.355339
 *         = 0.282843 = 0.2 sqrt 2, p = erfc(0.2) = 0.777297 */
Test(compare, nps)
{
  g_autoptr(CxmStats) a = nps_stats(5, 3, 2);
  g_autoptr(CxmStats) b = nps_stats(6, 2, 2);
  CxmComparison c;
  cr_assert(cxm_stats_compare_net_score(a, b, CXM_NET_NPS, &c));
  assert_comparison(&c, 30, 40, 10, 35.355339, 0.282843, 0.777297, 1e-6);
  /* without csat, nps classifies: 10 is momentum (delighted), 8 neutral,
   * 0 disappointment, so net momentum compares the same shares */
  cr_assert(cxm_stats_compare_net_score(a, b, CXM_NET_MOMENTUM, &c));
  assert_comparison(&c, 30, 40, 10, 35.355339, 0.282843, 0.777297, 1e-6);
}

/* Momentum rate 30/100 against 45/100 (the records of net_momentum):
 *   pooled p = (30 + 45) / 200 = 0.375,
 *   se = sqrt(0.375 * 0.625 * (1/100 + 1/100)) = sqrt(0.0046875) = 0.068465,
 *   delta = 0.45 - 0.30 = 0.15, z = 0.15 / 0.068465 = 2.190890,
 *   p = erfc(2.190890 / sqrt 2) = 0.028460.
 * Disappointment rate 10/100 against 5/100:
 *   pooled p = 15 / 200 = 0.075, se = sqrt(0.075 * 0.925 * 0.02)
 *   = sqrt(0.0013875) = 0.037249, delta = -0.05, z = -1.342312,
 *   p = erfc(1.342312 / sqrt 2) = 0.179495. */
Test(compare, rate)
{
  g_autoptr(CxmStats) a = class_stats(30, 10, 60);
  g_autoptr(CxmStats) b = class_stats(45, 5, 50);
  CxmComparison c;
  cr_assert(cxm_stats_compare_rate(a, b, CXM_RATE_MOMENTUM, &c));
  assert_comparison(&c, 0.30, 0.45, 0.15, 0.068465, 2.190890, 0.028460, 1e-6);
  cr_assert(cxm_stats_compare_rate(a, b, CXM_RATE_DISAPPOINTMENT, &c));
  assert_comparison(&c, 0.10, 0.05, -0.05, 0.037249, -1.342312, 0.179495, 1e-6);
  /* csat top-2 (csat 4-5): a 90/100 (30 + 60), b 95/100 (45 + 50):
   *   pooled 185/200 = 0.925, se = sqrt(0.925 * 0.075 * 0.02) = 0.037249,
   *   delta 0.05, z = 1.342312, p = 0.179495 (the mirror of the above) */
  cr_assert(cxm_stats_compare_rate(a, b, CXM_RATE_CSAT_TOP2, &c));
  assert_comparison(&c, 0.90, 0.95, 0.05, 0.037249, 1.342312, 0.179495, 1e-6);
}

/* Unequal sizes and one side without spread. a: 10 momentum of 10 (var 0);
 * b: 45/5/50 of 100 (var 0.0034).
 *   net: delta = 40 - 100 = -60, se = 100 sqrt(0 + 0.0034) = 5.830952,
 *        z = -60 / 5.830952 = -10.289915, p = erfc(7.276069) = 7.8245e-25
 *   momentum rate 10/10 vs 45/100: pooled 55/110 = 0.5,
 *        se = sqrt(0.25 (1/10 + 1/100)) = sqrt(0.0275) = 0.165831,
 *        delta = -0.55, z = -3.316625, p = 0.000911 */
Test(compare, one_side_without_spread)
{
  g_autoptr(CxmStats) a = class_stats(10, 0, 0);
  g_autoptr(CxmStats) b = class_stats(45, 5, 50);
  CxmComparison c;
  cr_assert(cxm_stats_compare_net_score(a, b, CXM_NET_MOMENTUM, &c));
  assert_comparison(&c, 100, 40, -60, 5.830952, -10.289915, 0, 1e-6);
  cr_assert_float_eq(c.p_value, 7.8245e-25, 1e-28, "p %.17g", c.p_value);
  cr_assert(cxm_stats_compare_rate(a, b, CXM_RATE_MOMENTUM, &c));
  assert_comparison(&c, 1.0, 0.45, -0.55, 0.165831, -3.316625, 0.000911, 1e-6);
}

/* Sentinel values that a refused comparison must leave in place. */
static void
assert_untouched(const CxmComparison *c)
{
  cr_assert_eq(c->a, -7.0);
  cr_assert_eq(c->b, -7.0);
  cr_assert_eq(c->delta, -7.0);
  cr_assert_eq(c->se, -7.0);
  cr_assert_eq(c->z, -7.0);
  cr_assert_eq(c->p_value, -7.0);
}

#define SENTINEL { -7.0, -7.0, -7.0, -7.0, -7.0, -7.0 }

/* A side with no value (denominator 0) gives FALSE. */
Test(compare, no_value)
{
  g_autoptr(CxmStats) a = class_stats(30, 10, 60);
  g_autoptr(CxmStats) empty = class_stats(0, 0, 0);
  CxmComparison c = SENTINEL;
  cr_assert_not(cxm_stats_compare_net_score(a, empty, CXM_NET_MOMENTUM, &c));
  cr_assert_not(cxm_stats_compare_net_score(empty, a, CXM_NET_MOMENTUM, &c));
  cr_assert_not(cxm_stats_compare_net_score(empty, empty, CXM_NET_MOMENTUM, &c));
  cr_assert_not(cxm_stats_compare_rate(a, empty, CXM_RATE_MOMENTUM, &c));
  cr_assert_not(cxm_stats_compare_rate(empty, a, CXM_RATE_MOMENTUM, &c));
  /* a has records but no nps responses, no difficult moments (recovery),
   * no first contacts (fcr) and no effort responses */
  cr_assert_not(cxm_stats_compare_net_score(a, a, CXM_NET_NPS, &c));
  cr_assert_not(cxm_stats_compare_rate(a, a, CXM_RATE_RECOVERY, &c));
  cr_assert_not(cxm_stats_compare_rate(a, a, CXM_RATE_FCR, &c));
  cr_assert_not(cxm_stats_compare_rate(a, a, CXM_RATE_EFFORT_EASY, &c));
  assert_untouched(&c);
}

/* Both sides without spread: se = 0 gives FALSE, never a division by 0. */
Test(compare, zero_standard_error)
{
  g_autoptr(CxmStats) a = class_stats(10, 0, 0);
  g_autoptr(CxmStats) b = class_stats(5, 0, 0);
  g_autoptr(CxmStats) all_disappointed = class_stats(0, 7, 0);
  CxmComparison c = SENTINEL;
  /* net: var = (1 + 0 - 1) / n = 0 on both sides */
  cr_assert_not(cxm_stats_compare_net_score(a, b, CXM_NET_MOMENTUM, &c));
  /* momentum rate 10/10 vs 5/5: pooled p = 1; disappointment 0/10 vs 0/5:
   * pooled p = 0 */
  cr_assert_not(cxm_stats_compare_rate(a, b, CXM_RATE_MOMENTUM, &c));
  cr_assert_not(cxm_stats_compare_rate(a, b, CXM_RATE_DISAPPOINTMENT, &c));
  /* beyond_role is 0 of n on both sides */
  cr_assert_not(cxm_stats_compare_rate(a, b, CXM_RATE_BEYOND_ROLE, &c));
  assert_untouched(&c);
  /* but -100 against 100, each without spread, is still se 0 */
  cr_assert_not(cxm_stats_compare_net_score(all_disappointed, a, CXM_NET_MOMENTUM, &c));
  assert_untouched(&c);
  /* while its rate test has a pooled p of 10/17 and so a value:
   * se = sqrt(10/17 * 7/17 * (1/7 + 1/10)) = sqrt(0.24221 * 0.242857)
   *    = 0.242536, delta = 1, z = 4.123106 (= sqrt 17), p = erfc(sqrt 8.5)
   *    = 3.7380e-05 */
  cr_assert(cxm_stats_compare_rate(all_disappointed, a, CXM_RATE_MOMENTUM, &c));
  assert_comparison(&c, 0, 1, 1, 0.242536, 4.123106, 3.7380e-05, 1e-6);
  cr_assert_float_eq(c.p_value, 3.7380e-05, 1e-9, "p %.17g", c.p_value);
}

/* NULL or out-of-range arguments: a critical warning and FALSE. */
Test(compare, misuse)
{
  g_autoptr(CxmStats) a = class_stats(30, 10, 60);
  CxmComparison c = SENTINEL;
  criticals = 0;
  g_log_set_default_handler(count_criticals, NULL);
  assert_one_critical(cxm_stats_compare_net_score(NULL, a, CXM_NET_MOMENTUM, &c));
  assert_one_critical(cxm_stats_compare_net_score(a, NULL, CXM_NET_MOMENTUM, &c));
  assert_one_critical(cxm_stats_compare_net_score(a, a, CXM_NET_MOMENTUM, NULL));
  assert_one_critical(cxm_stats_compare_net_score(a, a, CXM_NET_KIND_COUNT, &c));
  assert_one_critical(cxm_stats_compare_net_score(a, a, (CxmNetKind) -1, &c));
  assert_one_critical(cxm_stats_compare_rate(NULL, a, CXM_RATE_MOMENTUM, &c));
  assert_one_critical(cxm_stats_compare_rate(a, NULL, CXM_RATE_MOMENTUM, &c));
  assert_one_critical(cxm_stats_compare_rate(a, a, CXM_RATE_MOMENTUM, NULL));
  assert_one_critical(cxm_stats_compare_rate(a, a, CXM_RATE_KIND_COUNT, &c));
  assert_one_critical(cxm_stats_compare_rate(a, a, (CxmRateKind) -1, &c));
  assert_untouched(&c);
}
