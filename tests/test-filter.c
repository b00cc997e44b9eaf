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

/* Each cut-short name is a block of its own, so that valgrind and ASan see
 * a read past its end; a digit is also replaced by each non-digit byte
 * next to '0'..'9'. */
Test(filter, a_period_cut_short_or_with_a_non_digit_is_refused)
{
  static const char *const good[] = { "2026-03-02", "2026-W10", "2026-03" };
  g_autoptr(CxmFilter) f = cxm_filter_new();
  for (gsize g = 0; g < G_N_ELEMENTS(good); g++) {
    const gsize len = strlen(good[g]);
    cr_assert(cxm_filter_set_period(f, good[g], NULL), "%s", good[g]);
    for (gsize cut = 0; cut < len; cut++) {
      g_autofree char *name = g_strndup(good[g], cut);
      if (strcmp(name, "2026-03") == 0) /* a month, the day's first 7 bytes */
        continue;
      cr_assert_not(cxm_filter_set_period(f, name, NULL), "\"%s\"", name);
    }
    for (gsize i = 0; i < len; i++) {
      if (!g_ascii_isdigit(good[g][i]))
        continue;
      g_autofree char *name = g_strdup(good[g]);
      name[i] = '/';
      cr_assert_not(cxm_filter_set_period(f, name, NULL), "\"%s\"", name);
      name[i] = ':';
      cr_assert_not(cxm_filter_set_period(f, name, NULL), "\"%s\"", name);
    }
  }
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

/* ---- reading sums by day: cxm_recorder_new_filtered() -------------------- */

/* Six weeks from Monday 2026-02-23: five interactions a day across three
 * teams, four channels and two levels, and a huddle of one team every
 * third day, so that some team-weeks meet the cadence and some do not. */
static GString *
six_weeks(void)
{
  static const char *const teams[] = { "east", "north", "south" };
  static const char *const channels[] = { "phone", "email", "chat", "web" };
  static const char *const resolutions[] = { "resolved", "unresolved", "escalated" };
  GString *s = g_string_new(NULL);
  const gint64 start = MAR2 - 7 * DAY;

  for (int day = 0; day < 42; day++) {
    for (int i = 0; i < 5; i++) {
      const int k = day * 5 + i;
      g_string_append_printf(
          s,
          "{\"id\":\"r%d\",\"ts\":%" G_GINT64_FORMAT ",\"channel\":\"%s\","
          "\"team\":\"%s\",\"level\":\"%s\",\"employee\":\"e-%d\",%s"
          "\"resolution\":\"%s\",\"csat\":%d,\"employee_satisfaction\":%d}\n",
          k, start + day * DAY + i * 4 * 3600, channels[k % 4], teams[k % 3],
          k % 7 == 0 ? "manager" : "frontline", k % 11,
          k % 2 ? "\"difficulties\":[\"customer_upset\"]," : "", resolutions[k % 3],
          1 + k % 5, 1 + (k / 2) % 5);
    }
    if (day % 3 == 0)
      g_string_append_printf(
          s,
          "{\"kind\":\"leadership\",\"id\":\"l%d\",\"ts\":%" G_GINT64_FORMAT
          ",\"type\":\"purpose_huddle\",\"actor\":\"m-1\",\"team\":\"%s\","
          "\"level\":\"manager\"}\n",
          day, start + day * DAY + 7 * 3600, teams[day % 2]);
  }
  return s;
}

/* A snapshot of six_weeks(), as `cxm report --snapshot` reads one. */
static CxmRecorder *
six_weeks_snapshot(const CxmPolicy *policy)
{
  g_autoptr(GString) input = six_weeks();
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(policy);
  cr_assert(cxm_import_data(rec, input->str, input->len, "in", 0, NULL, NULL));
  char *saved = cxm_snapshot_save(rec, NULL, NULL);
  cr_assert_not_null(saved);
  CxmRecorder *loaded = cxm_snapshot_load(saved, -1, NULL);
  cxm_free(saved);
  cr_assert_not_null(loaded);
  return loaded;
}

static void
assert_same_group(const CxmRecorder *a, const CxmRecorder *b, CxmGroupKind kind,
                  const char *key)
{
  g_autoptr(CxmStats) x = cxm_recorder_get_stats(a, kind, key, NULL);
  g_autoptr(CxmStats) y = cxm_recorder_get_stats(b, kind, key, NULL);
  cr_assert_not_null(x);
  cr_assert_not_null(y);
  g_autofree char *jx = cxm_stats_to_json(x, FALSE);
  g_autofree char *jy = cxm_stats_to_json(y, FALSE);
  cr_assert_str_eq(jx, jy, "%s %s", key != NULL ? key : "totals", jx);
}

/* The sums that @filter keeps of six_weeks()' snapshot are those of an
 * import of six_weeks() through @filter: every level, team (leadership
 * included when the days are whole weeks) and channel, the periods and
 * the hot spots. Returns the view's n. */
static guint64
check_view_in(const CxmFilter *filter, gboolean weeks, const CxmPolicy *policy)
{
  g_autoptr(CxmRecorder) snapshot = six_weeks_snapshot(policy);
  g_autoptr(CxmRecorder) view = cxm_recorder_new_filtered(snapshot, filter, NULL);
  g_autoptr(GString) input = six_weeks();
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(policy);
  g_autoptr(CxmImportResult) res = cxm_import_result_new();
  cr_assert_not_null(view);
  cxm_import_result_set_filter(res, filter);
  cr_assert(cxm_import_data(rec, input->str, input->len, "in", 0, res, NULL));

  cr_assert_eq(cxm_recorder_get_n(view), cxm_recorder_get_n(rec));
  cr_assert_eq(cxm_recorder_get_leadership_count(view, CXM_UNSET),
               cxm_recorder_get_leadership_count(rec, CXM_UNSET));
  for (CxmGroupKind kind = CXM_GROUP_LEVEL; kind <= CXM_GROUP_CHANNEL; kind++) {
    if (kind == CXM_GROUP_EMPLOYEE)
      continue;
    g_auto(GStrv) keys = cxm_recorder_get_keys(view, kind, NULL);
    g_auto(GStrv) theirs = cxm_recorder_get_keys(rec, kind, NULL);
    cr_assert(g_strv_equal((const char *const *) keys, (const char *const *) theirs));
    for (char **key = keys; *key != NULL; key++)
      if (kind != CXM_GROUP_TEAM || weeks)
        assert_same_group(view, rec, kind, *key);
  }
  for (int p = 0; p < CXM_PERIOD_KIND_COUNT; p++) {
    g_auto(GStrv) periods = cxm_recorder_get_periods(view, p, NULL);
    g_auto(GStrv) theirs = cxm_recorder_get_periods(rec, p, NULL);
    cr_assert(g_strv_equal((const char *const *) periods, (const char *const *) theirs));
  }
  gsize n_spots, n_theirs;
  CxmHotspot *spots = cxm_recorder_get_hotspots(view, &n_spots, NULL);
  CxmHotspot *their_spots = cxm_recorder_get_hotspots(rec, &n_theirs, NULL);
  cr_assert_eq(n_spots, n_theirs);
  for (gsize i = 0; i < n_spots; i++) {
    cr_assert_str_eq(spots[i].key, their_spots[i].key);
    cr_assert_eq(spots[i].counts.count, their_spots[i].counts.count);
    cr_assert_eq(spots[i].counts.disappointment, their_spots[i].counts.disappointment);
  }
  cxm_hotspots_free(spots, n_spots);
  cxm_hotspots_free(their_spots, n_theirs);
  /* All time only: no employees, and the snapshot is left as it was. */
  g_auto(GStrv) employees = cxm_recorder_get_keys(view, CXM_GROUP_EMPLOYEE, NULL);
  cr_assert_null(employees[0]);
  cr_assert_eq(cxm_recorder_get_n(snapshot), 210);
  return cxm_recorder_get_n(view);
}

static guint64
check_view(const CxmFilter *filter, gboolean weeks)
{
  return check_view_in(filter, weeks, NULL);
}

Test(filter, the_sums_of_a_week_are_its_records)
{
  g_autoptr(CxmFilter) f = cxm_filter_new();
  cr_assert(cxm_filter_set_period(f, "2026-W10", NULL));
  cr_assert_eq(check_view(f, TRUE), 35);
}

Test(filter, the_sums_of_a_month_and_of_a_day)
{
  g_autoptr(CxmFilter) month = cxm_filter_new();
  g_autoptr(CxmFilter) day = cxm_filter_new();
  cr_assert(cxm_filter_set_period(month, "2026-03", NULL));
  cr_assert(cxm_filter_set_period(day, "2026-03-04", NULL));
  /* March's 31 days run from a Sunday to a Tuesday: not whole weeks. */
  cr_assert_eq(check_view(month, FALSE), 31 * 5);
  cr_assert_eq(check_view(day, FALSE), 5);
}

Test(filter, open_bounds_and_whole_weeks_of_dates)
{
  g_autoptr(CxmFilter) since = cxm_filter_new();
  g_autoptr(CxmFilter) until = cxm_filter_new();
  g_autoptr(CxmFilter) both = cxm_filter_new();
  g_autoptr(CxmFilter) none = cxm_filter_new();
  cr_assert(cxm_filter_set_since_text(since, "2026-03-16", NULL));
  cr_assert(cxm_filter_set_until_text(until, "2026-03-09", NULL));
  cr_assert(cxm_filter_set_since_text(both, "2026-03-02", NULL));
  cr_assert(cxm_filter_set_until_text(both, "2026-03-23", NULL));
  cr_assert_eq(check_view(since, TRUE), 3 * 35);
  cr_assert_eq(check_view(until, TRUE), 2 * 35);
  cr_assert_eq(check_view(both, TRUE), 3 * 35);
  cr_assert_eq(check_view(none, TRUE), 210);
}

Test(filter, the_days_are_those_of_each_teams_time_zone)
{
  g_autoptr(CxmPolicy) policy = cxm_policy_new();
  g_autoptr(CxmFilter) f = cxm_filter_new();
  cr_assert(cxm_policy_set_time_zone(policy, NULL, "America/New_York", NULL));
  cr_assert(cxm_policy_set_time_zone(policy, "north", "Asia/Tokyo", NULL));
  cr_assert(cxm_filter_set_period(f, "2026-W10", NULL));
  /* Records at 00:00 and 04:00 UTC are the day before in New York, at
   * 16:00 the day after in Tokyo: the week's edges move. */
  cr_assert_neq(check_view_in(f, TRUE, policy), 35);
}

Test(filter, cadence_needs_whole_weeks)
{
  g_autoptr(CxmRecorder) snapshot = six_weeks_snapshot(NULL);
  g_autoptr(CxmFilter) weeks = cxm_filter_new();
  g_autoptr(CxmFilter) days = cxm_filter_new();
  cr_assert(cxm_filter_set_since_text(weeks, "2026-03-02", NULL));
  cr_assert(cxm_filter_set_since_text(days, "2026-03-03", NULL));
  g_autoptr(CxmRecorder) whole = cxm_recorder_new_filtered(snapshot, weeks, NULL);
  g_autoptr(CxmRecorder) part = cxm_recorder_new_filtered(snapshot, days, NULL);
  g_autoptr(CxmStats) a = cxm_recorder_get_stats(whole, CXM_GROUP_TEAM, "north", NULL);
  g_autoptr(CxmStats) b = cxm_recorder_get_stats(part, CXM_GROUP_TEAM, "north", NULL);
  g_autoptr(CxmStats) totals =
      cxm_recorder_get_stats(whole, CXM_GROUP_TOTALS, NULL, NULL);
  guint64 met, active;
  CxmRate rate;
  g_autoptr(CxmStats) south =
      cxm_recorder_get_stats(whole, CXM_GROUP_TEAM, "south", NULL);
  /* The five weeks from 2026-03-02: north has a huddle every sixth day,
   * south none. */
  cr_assert(
      cxm_stats_get_leadership_rate_counts(a, CXM_LEADERSHIP_RATE_WEEKLY, &met, &active));
  cr_assert_eq(active, 5);
  cr_assert_eq(met, 5, "met %" G_GUINT64_FORMAT, met);
  cr_assert(cxm_stats_get_leadership_rate_counts(south, CXM_LEADERSHIP_RATE_WEEKLY, &met,
                                                 &active));
  cr_assert_eq(active, 5);
  cr_assert_eq(met, 0);
  cr_assert_not(
      cxm_stats_get_leadership_rate_counts(b, CXM_LEADERSHIP_RATE_WEEKLY, NULL, NULL));
  cr_assert(cxm_stats_get_leadership_rate_counts(totals, CXM_LEADERSHIP_RATE_WEEKLY, NULL,
                                                 NULL));
  /* Coverage needs employees, which a day does not keep. */
  cr_assert_not(cxm_stats_get_leadership_rate(
      totals, CXM_LEADERSHIP_RATE_COACHING_COVERAGE, &rate));
}

Test(filter, sums_cannot_be_filtered_by_key_or_instant)
{
  g_autoptr(CxmRecorder) snapshot = six_weeks_snapshot(NULL);
  static const struct {
    CxmFilterKey key;
    const char *value, *message;
  } keys[] = {
    { CXM_FILTER_TEAM, "north",
      "sums cannot be filtered by team: a day's sums keep levels, channels and teams "
      "apart, not the records of one within another" },
    { CXM_FILTER_CHANNEL, "phone", "sums cannot be filtered by channel: " },
    { CXM_FILTER_LEVEL, "manager", "sums cannot be filtered by level: " },
    { CXM_FILTER_EMPLOYEE, "e-1", "sums cannot be filtered by employee: " },
  };
  for (gsize i = 0; i < G_N_ELEMENTS(keys); i++) {
    g_autoptr(CxmFilter) f = cxm_filter_new();
    g_autoptr(GError) error = NULL;
    cr_assert(cxm_filter_set_period(f, "2026-W10", NULL));
    cr_assert(cxm_filter_add(f, keys[i].key, keys[i].value, NULL));
    cr_assert_null(cxm_recorder_new_filtered(snapshot, f, &error));
    cr_assert(g_error_matches(error, CXM_ERROR, CXM_ERROR_INVALID_ARGUMENT));
    cr_assert(g_str_has_prefix(error->message, keys[i].message), "%s", error->message);
  }
  g_autoptr(CxmFilter) f = cxm_filter_new();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) until_error = NULL;
  cr_assert(cxm_filter_set_since_text(f, "2026-03-02T00:00:00Z", NULL));
  cr_assert_null(cxm_recorder_new_filtered(snapshot, f, &error));
  cr_assert_str_eq(
      error->message,
      "sums are kept per day: since must be a date (2026-03-02), not an instant");
  cr_assert(cxm_filter_set_since_text(f, "2026-03-02", NULL));
  cxm_filter_set_until(f, MAR2 + 7 * DAY);
  cr_assert_null(cxm_recorder_new_filtered(snapshot, f, &until_error));
  cr_assert_str_eq(
      until_error->message,
      "sums are kept per day: until must be a date (2026-03-02), not an instant");
  cr_assert_null(cxm_recorder_new_filtered(NULL, f, NULL));
  cr_assert_null(cxm_recorder_new_filtered(snapshot, NULL, NULL));
  cr_assert_eq(cxm_recorder_get_n(snapshot), 210);
}
