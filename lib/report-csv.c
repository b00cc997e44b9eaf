/* SPDX-License-Identifier: MIT */
/* The CSV report: one row per group, columns in a documented, stable
 * order (RFC 4180, LF line ends). */
#include "config.h"

#include <string.h>

#include "figures.h"
#include "period-private.h"
#include "policy-private.h"
#include "recorder-private.h"
#include "report-private.h"

/* The columns, in their documented, stable order. */
static const char csv_header[] =
    "period,group,key,n,momentum,disappointment,neutral,"
    "momentum_rate,momentum_low,momentum_high,"
    "disappointment_rate,disappointment_low,disappointment_high,"
    "net_momentum,net_momentum_moe95,difficult,difficult_rate,"
    "recovery_rate,recovery_low,recovery_high,nps_responses,nps,nps_moe95,"
    "csat_responses,csat_mean,csat_top2_rate,csat_fan_rate,"
    "effort_responses,effort_mean,effort_easy_rate,"
    "employee_satisfaction_responses,employee_satisfaction_mean,"
    "fcr_rate,beyond_role_rate,proactive_rate,empowered_rate,"
    "small_sample,suppressed,"
    "leadership_events,purpose_huddle,recognition,coaching,standard_review,communication,"
    "received_purpose_huddle,received_recognition,received_coaching,"
    "received_standard_review,received_communication,recognition_per_100,"
    "team_weeks,weekly_cadence,daily_cadence,"
    "weekly_cadence_rate,weekly_cadence_low,weekly_cadence_high,"
    "daily_cadence_rate,daily_cadence_low,daily_cadence_high,"
    "met_n,met_momentum_rate,met_momentum_low,met_momentum_high,"
    "not_met_n,not_met_momentum_rate,not_met_momentum_low,not_met_momentum_high,"
    "cadence_delta,cadence_se,cadence_z,cadence_p,"
    "coaching_employees,coached,coaching_coverage,coaching_coverage_low,"
    "coaching_coverage_high,period_start,team,level,channel\n";

/* Columns from momentum_rate to empowered_rate, left empty when a group
 * is suppressed. */
#define CSV_INDICATOR_COLUMNS 29
/* Columns from leadership_events to coaching_coverage_high. */
#define CSV_LEADERSHIP_COLUMNS 38

/* ",TEXT": a field, quoted (RFC 4180) when it holds a comma, a quote or a
 * line break. A name that a spreadsheet would run as a formula (one that
 * starts with =, +, -, @, a tab or a CR) is quoted with a ' before it, as
 * OWASP's CSV injection guidance says: a team named =HYPERLINK(...) stays
 * a name. Numbers never go through here. */
static void
csv_text(CxmSink *out, const char *text, gboolean first)
{
  if (!first)
    cxm_sink_putc(out, ',');
  if (text == NULL)
    return;
  gboolean formula = text[0] != '\0' && strchr("=+-@\t\r", text[0]) != NULL;
  if (!formula && strpbrk(text, ",\"\r\n") == NULL) {
    cxm_sink_puts(out, text);
    return;
  }
  cxm_sink_putc(out, '"');
  if (formula)
    cxm_sink_putc(out, '\'');
  for (const char *p = text; *p != '\0'; p++) {
    if (*p == '"')
      cxm_sink_putc(out, '"');
    cxm_sink_putc(out, *p);
  }
  cxm_sink_putc(out, '"');
}

static void
csv_count(CxmSink *out, guint64 value)
{
  cxm_sink_printf(out, ",%" G_GUINT64_FORMAT, value);
}

/* ",0.4213": a number as the JSON report writes it. */
static void
csv_number(CxmSink *out, double value, int decimals)
{
  char text[CXM_FIGURE_SIZE];

  cxm_figure(value, decimals, text);
  cxm_sink_putc(out, ',');
  cxm_sink_puts(out, text);
}

/* @rate's value, with @interval its Wilson bounds too; empty cells
 * without a @rate. The one writer of every rate's cells. */
static void
csv_rate_cells(CxmSink *out, const CxmRate *rate, gboolean interval)
{
  if (rate == NULL) {
    cxm_sink_puts(out, interval ? ",,," : ",");
    return;
  }
  csv_number(out, rate->value, CXM_RATE_DECIMALS);
  if (interval) {
    csv_number(out, rate->low, CXM_RATE_DECIMALS);
    csv_number(out, rate->high, CXM_RATE_DECIMALS);
  }
}

static void
csv_rate(CxmSink *out, const CxmStats *stats, CxmRateKind kind, gboolean interval)
{
  CxmRate rate;
  gboolean has_value = cxm_stats_get_rate(stats, kind, &rate);
  csv_rate_cells(out, has_value ? &rate : NULL, interval);
}

static void
csv_net_score(CxmSink *out, const CxmStats *stats, CxmNetKind kind)
{
  CxmNetScore score;
  if (!cxm_stats_get_net_score(stats, kind, &score)) {
    cxm_sink_puts(out, ",,");
    return;
  }
  csv_number(out, score.score, CXM_SCORE_DECIMALS);
  csv_number(out, score.moe95, CXM_SCORE_DECIMALS);
}

static void
csv_mean(CxmSink *out, const CxmStats *stats, CxmMeanKind kind)
{
  double mean;
  if (cxm_stats_get_mean(stats, kind, &mean))
    csv_number(out, mean, CXM_MEAN_DECIMALS);
  else
    cxm_sink_putc(out, ',');
}

/* ---- leadership columns (SPEC section 5a) --------------------------------- */

/* A leadership rate, when the group has it: its denominator, its numerator
 * too when asked, then the rate and its Wilson bounds unless suppressed.
 * Empty cells otherwise. */
static void
csv_lead_rate(CxmSink *out, const CxmStats *stats, CxmLeadershipRate kind,
              gboolean numerator, gboolean suppressed)
{
  guint64 x, n;
  CxmRate rate;

  if (!cxm_stats_get_leadership_rate_counts(stats, kind, &x, &n)) {
    cxm_sink_puts(out, numerator ? ",,,,," : ",,,,");
    return;
  }
  csv_count(out, n);
  if (numerator)
    csv_count(out, x);
  gboolean shown = !suppressed && cxm_stats_get_leadership_rate(stats, kind, &rate);
  csv_rate_cells(out, shown ? &rate : NULL, TRUE);
}

static void
csv_leadership(CxmSink *out, const CxmStats *stats, gboolean suppressed)
{
  guint64 count, weekly, daily, team_weeks;
  CxmComparison c;
  CxmRate rate;
  double per_100;

  csv_count(out, cxm_stats_get_leadership_count(stats, CXM_UNSET));
  for (int t = 0; t < CXM_LEADERSHIP_COUNT; t++)
    csv_count(out, cxm_stats_get_leadership_count(stats, t));
  for (int t = 0; t < CXM_LEADERSHIP_COUNT; t++) {
    if (cxm_stats_get_leadership_received(stats, t, &count))
      csv_count(out, count);
    else
      cxm_sink_putc(out, ',');
  }
  if (!suppressed && cxm_stats_get_recognition_per_100(stats, &per_100))
    csv_number(out, per_100, CXM_SCORE_DECIMALS);
  else
    cxm_sink_putc(out, ',');
  /* Cadence: team_weeks, weekly, daily, then each rate. */
  if (cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_WEEKLY, &weekly,
                                           &team_weeks)) {
    cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_DAILY, &daily, NULL);
    csv_count(out, team_weeks);
    csv_count(out, weekly);
    csv_count(out, daily);
    for (int kind = CXM_LEADERSHIP_RATE_WEEKLY; kind <= CXM_LEADERSHIP_RATE_DAILY;
         kind++) {
      gboolean shown = !suppressed && cxm_stats_get_leadership_rate(stats, kind, &rate);
      csv_rate_cells(out, shown ? &rate : NULL, TRUE);
    }
  } else {
    cxm_sink_puts(out, ",,,,,,,,,");
  }
  csv_lead_rate(out, stats, CXM_LEADERSHIP_RATE_MOMENTUM_MET, FALSE, suppressed);
  csv_lead_rate(out, stats, CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET, FALSE, suppressed);
  if (!suppressed && cxm_stats_compare_momentum_by_cadence(stats, &c)) {
    csv_number(out, c.delta, CXM_RATE_DECIMALS);
    csv_number(out, c.se, CXM_RATE_DECIMALS);
    csv_number(out, c.z, 3);
    csv_number(out, c.p_value, 4);
  } else {
    cxm_sink_puts(out, ",,,,");
  }
  csv_lead_rate(out, stats, CXM_LEADERSHIP_RATE_COACHING_COVERAGE, TRUE, suppressed);
}

static void
csv_row(CxmSink *out, const char *period, const char *group, const char *key,
        const CxmStats *stats)
{
  csv_text(out, period, TRUE);
  csv_text(out, group, FALSE);
  csv_text(out, key, FALSE);
  csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_N));
  csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_MOMENTUM));
  csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_DISAPPOINTMENT));
  csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_NEUTRAL));
  gboolean suppressed = cxm_stats_is_suppressed(stats);
  if (suppressed) {
    for (int i = 0; i < CSV_INDICATOR_COLUMNS; i++)
      cxm_sink_putc(out, ',');
  } else {
    csv_rate(out, stats, CXM_RATE_MOMENTUM, TRUE);
    csv_rate(out, stats, CXM_RATE_DISAPPOINTMENT, TRUE);
    csv_net_score(out, stats, CXM_NET_MOMENTUM);
    csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_DIFFICULT));
    csv_rate(out, stats, CXM_RATE_DIFFICULT, FALSE);
    csv_rate(out, stats, CXM_RATE_RECOVERY, TRUE);
    csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_NPS_RESPONSES));
    csv_net_score(out, stats, CXM_NET_NPS);
    csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_CSAT_RESPONSES));
    csv_mean(out, stats, CXM_MEAN_CSAT);
    csv_rate(out, stats, CXM_RATE_CSAT_TOP2, FALSE);
    csv_rate(out, stats, CXM_RATE_CSAT_FAN, FALSE);
    csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_EFFORT_RESPONSES));
    csv_mean(out, stats, CXM_MEAN_EFFORT);
    csv_rate(out, stats, CXM_RATE_EFFORT_EASY, FALSE);
    csv_count(out, cxm_stats_get_count(stats, CXM_COUNT_EMPLOYEE_SATISFACTION_RESPONSES));
    csv_mean(out, stats, CXM_MEAN_EMPLOYEE_SATISFACTION);
    csv_rate(out, stats, CXM_RATE_FCR, FALSE);
    csv_rate(out, stats, CXM_RATE_BEYOND_ROLE, FALSE);
    csv_rate(out, stats, CXM_RATE_PROACTIVE, FALSE);
    csv_rate(out, stats, CXM_RATE_EMPOWERED, FALSE);
  }
  cxm_sink_puts(out, cxm_stats_is_small_sample(stats) ? ",true" : ",false");
  cxm_sink_puts(out, suppressed ? ",true" : ",false");
  csv_leadership(out, stats, suppressed);
}

/* With --compare, the comparison columns: for @compared, the all-time row
 * of a compared group (totals, a level, team or channel) of @kind, each
 * indicator's change B - A and its p-value; empty for the other rows. */
static void
csv_comparison(CxmReport *report, gboolean compared, CxmGroupKind kind, const char *key)
{
  CxmSink *out = report->sink;

  if (report->options->compared == CXM_UNSET)
    return;
  if (!compared) {
    for (gsize i = 0; i < G_N_ELEMENTS(cxm_report_compared); i++)
      cxm_sink_puts(out, ",,");
    return;
  }
  g_autoptr(CxmStats) a = cxm_report_compared_stats(report, FALSE, kind, key);
  g_autoptr(CxmStats) b = cxm_report_compared_stats(report, TRUE, kind, key);
  for (gsize i = 0; i < G_N_ELEMENTS(cxm_report_compared); i++) {
    CxmComparison c;
    if (cxm_report_compare(a, b, i, &c)) {
      csv_number(out, c.delta,
                 cxm_report_compared[i].is_net ? CXM_SCORE_DECIMALS : CXM_RATE_DECIMALS);
      csv_number(out, c.p_value, 4);
    } else {
      cxm_sink_puts(out, ",,");
    }
  }
}

/* The period and group the rows being written belong to. */
typedef struct {
  const char *period;
  const char *period_start; /* its first day, "2026-03-02"; NULL all-time */
  const char *group;
  CxmGroupKind kind;
} CsvRows;

/* period_start, team, level and channel: @team and @level (a CxmLevel or
 * CXM_UNSET) as given, each NULL for an empty cell. */
static void
csv_place(CxmSink *out, const char *period_start, const char *team, int level,
          const char *channel)
{
  csv_text(out, period_start, FALSE);
  csv_text(out, team, FALSE);
  csv_text(out, level == CXM_UNSET ? NULL : cxm_level_name(level), FALSE);
  csv_text(out, channel, FALSE);
}

static void
csv_group_row(CxmReport *report, const char *key, const CxmStats *stats, gpointer data)
{
  const CsvRows *rows = data;
  const char *team = NULL;
  int level = CXM_UNSET;

  csv_row(report->sink, rows->period, rows->group, key, stats);
  /* An employee's team and level are the org's: the recorder keeps no
   * team or level per employee from the records. */
  if (rows->kind == CXM_GROUP_EMPLOYEE && report->recorder->org != NULL) {
    team = cxm_org_get_team(report->recorder->org, key);
    level = cxm_org_get_level(report->recorder->org, key);
  }
  csv_place(report->sink, rows->period_start, team, level, NULL);
  csv_comparison(report, rows->period == NULL && rows->kind != CXM_GROUP_EMPLOYEE,
                 rows->kind, key);
  cxm_sink_putc(report->sink, '\n');
}

/* Totals, levels and the groups of @groups that @view keeps. */
static void
csv_view(CxmReport *report, const CxmRecorder *view, const char *period,
         const char *period_start, unsigned int groups)
{
  CsvRows rows = { period, period_start, "totals", CXM_GROUP_TOTALS };

  cxm_report_for_each(report, view, CXM_GROUP_TOTALS, csv_group_row, &rows);
  rows.group = "level";
  rows.kind = CXM_GROUP_LEVEL;
  cxm_report_for_each(report, view, CXM_GROUP_LEVEL, csv_group_row, &rows);
  for (gsize i = 0; i < G_N_ELEMENTS(cxm_report_groups); i++) {
    if (!(groups & cxm_report_groups[i].flag))
      continue;
    rows.group = cxm_report_groups[i].name;
    rows.kind = cxm_report_groups[i].kind;
    cxm_report_for_each(report, view, cxm_report_groups[i].kind, csv_group_row, &rows);
  }
}

static void
csv_period(CxmReport *report, CxmPeriodKind kind, const char *name,
           const CxmRecorder *view, gpointer data)
{
  char start[16] = "";
  gint64 first;

  if (cxm_period_day_range(name, kind, &first, NULL))
    cxm_period_key_of_day(first, CXM_PERIOD_DAY, start);
  /* Employees are not kept per period. */
  csv_view(report, view, name, start[0] != '\0' ? start : NULL,
           report->flags & (CXM_REPORT_TEAMS | CXM_REPORT_CHANNELS));
}

static void
csv_scope(CxmReport *report, const char *person, guint depth, const CxmStats *direct,
          const CxmStats *cumulative, gpointer data)
{
  const CxmOrg *org = report->recorder->org;
  /* The person's own team and level (none for unknown_manager). */
  const char *team = cxm_org_get_team(org, person);
  int level = cxm_org_get_level(org, person);

  csv_row(report->sink, NULL, "scope", person, direct);
  csv_place(report->sink, NULL, team, level, NULL);
  csv_comparison(report, FALSE, CXM_GROUP_TOTALS, NULL);
  cxm_sink_putc(report->sink, '\n');
  csv_row(report->sink, NULL, "scope_cumulative", person, cumulative);
  csv_place(report->sink, NULL, team, level, NULL);
  csv_comparison(report, FALSE, CXM_GROUP_TOTALS, NULL);
  cxm_sink_putc(report->sink, '\n');
}

/* A Wilson rate of @x in @n and its bounds; empty cells without @n. */
static void
csv_wilson(CxmSink *out, guint64 x, guint64 n, double z)
{
  CxmRate rate;
  gboolean has_value = cxm_wilson_interval(x, n, z, &rate);
  csv_rate_cells(out, has_value ? &rate : NULL, TRUE);
}

/* The hot spots, in the report's ranking: group "hotspot", key the
 * difficulty kind, and the team or channel in its column. Only the columns
 * a hot spot has are filled: n to neutral, the momentum, disappointment
 * and recovery rates, difficult (all of n), small_sample and suppressed;
 * a suppressed one keeps its counts only, as in the JSON report. */
static void
csv_hotspots(CxmReport *report)
{
  CxmSink *out = report->sink;
  const CxmPolicy *policy = report->recorder->policy;
  gsize n = 0;
  CxmHotspot *spots = cxm_report_get_hotspots(report, &n);

  for (gsize i = 0; i < n; i++) {
    const CxmHotspot *spot = &spots[i];
    const CxmBreakdown *c = &spot->counts;
    gboolean suppressed = cxm_report_suppressed_count(report, c->count);
    csv_text(out, NULL, TRUE);
    csv_text(out, "hotspot", FALSE);
    csv_text(out, cxm_difficulty_name(spot->difficulty), FALSE);
    csv_count(out, c->count);
    csv_count(out, c->momentum);
    csv_count(out, c->disappointment);
    csv_count(out, c->count - c->momentum - c->disappointment);
    if (suppressed) {
      for (int k = 0; k < CSV_INDICATOR_COLUMNS; k++)
        cxm_sink_putc(out, ',');
    } else {
      csv_wilson(out, c->momentum, c->count, policy->z);
      csv_wilson(out, c->disappointment, c->count, policy->z);
      cxm_sink_puts(out, ",,"); /* net_momentum, its margin */
      csv_count(out, c->difficult);
      cxm_sink_putc(out, ','); /* difficult_rate */
      csv_wilson(out, c->recovered, c->difficult, policy->z);
      /* nps_responses to empowered_rate */
      for (int k = 0; k < CSV_INDICATOR_COLUMNS - 13; k++)
        cxm_sink_putc(out, ',');
    }
    cxm_sink_puts(out, c->count < (guint64) policy->min_sample ? ",true" : ",false");
    cxm_sink_puts(out, suppressed ? ",true" : ",false");
    /* No leadership figures: leadership_events to coaching_coverage_high. */
    for (int k = 0; k < CSV_LEADERSHIP_COLUMNS; k++)
      cxm_sink_putc(out, ',');
    csv_place(out, NULL, spot->kind == CXM_GROUP_TEAM ? spot->key : NULL, CXM_UNSET,
              spot->kind == CXM_GROUP_CHANNEL ? spot->key : NULL);
    csv_comparison(report, FALSE, CXM_GROUP_TOTALS, NULL);
    cxm_sink_putc(out, '\n');
  }
  cxm_hotspots_free(spots, n);
}

void
cxm_report_write_csv(CxmReport *report)
{
  /* The header without its line end, then the comparison's columns. */
  cxm_sink_printf(report->sink, "%.*s", (int) sizeof csv_header - 2, csv_header);
  if (report->options->compared != CXM_UNSET)
    for (gsize i = 0; i < G_N_ELEMENTS(cxm_report_compared); i++)
      cxm_sink_printf(report->sink, ",compare_%s_delta,compare_%s_p",
                      cxm_report_compared[i].name, cxm_report_compared[i].name);
  cxm_sink_putc(report->sink, '\n');
  csv_view(report, report->recorder, NULL, NULL, report->flags);
  for (int kind = 0; kind < CXM_PERIOD_KIND_COUNT; kind++)
    if (report->flags & cxm_report_period_flags[kind])
      cxm_report_for_each_period(report, kind, csv_period, NULL);
  if (report->scopes != NULL)
    cxm_report_for_each_scope(report, csv_scope, NULL);
  if (report->flags & CXM_REPORT_HOTSPOTS)
    csv_hotspots(report);
}
