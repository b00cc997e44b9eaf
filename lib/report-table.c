/* SPDX-License-Identifier: MIT */
/* The table report: 80 columns for people, a row per group. */
#include "config.h"

#include <string.h>

#include "org-private.h"
#include "recorder-private.h"
#include "policy-private.h"
#include "report-private.h"

#define MAX_SHOWN_HOTSPOTS 10
#define TABLE_WIDTH 80
#define OWN_ROW "(own)" /* a leader's own interactions, under their scope */
#define MAX_INDENT 8 /* org levels indented; deeper ones line up with the 8th */

/* The table being written (report->format_data). */
typedef struct {
  int key_width; /* the first column: W_GROUP, or wider on a wider table */
  int extra;     /* the columns beyond TABLE_WIDTH that options->width gives */
} Table;

#define TABLE(report) ((Table *) (report)->format_data)

/* Columns a character takes on a terminal. */
static int
char_width(gunichar c)
{
  if (g_unichar_iszerowidth(c))
    return 0;
  return g_unichar_iswide(c) ? 2 : 1;
}

/* Columns @text takes; it must be valid UTF-8. */
static int
text_width(const char *text)
{
  int width = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p))
    width += char_width(g_utf8_get_char(p));
  return width;
}

/* Columns @text takes as fit_text() shows it uncut. */
static int
shown_width(const char *text)
{
  g_autofree char *valid = g_utf8_make_valid(text, -1);
  return text_width(valid);
}

/* Returns @text made safe for a terminal (valid UTF-8, control characters
 * shown as '?') and cut to @width columns, ending in "…" when cut. */
static char *
fit_text(const char *text, int width)
{
  g_autofree char *valid = g_utf8_make_valid(text, -1);
  GString *out = g_string_new(NULL);
  int used = 0;
  gboolean cut = text_width(valid) > width;
  int room = cut ? width - 1 : width; /* keep a column for the ellipsis */
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_iscntrl(c))
      c = '?';
    int w = char_width(c);
    if (used + w > room)
      break;
    g_string_append_unichar(out, c);
    used += w;
  }
  if (cut)
    g_string_append(out, "…");
  return g_string_free(out, FALSE);
}

/* Appends @text padded with spaces to @width columns (it must fit). */
static void
append_cell(CxmSink *out, const char *text, int width, gboolean left)
{
  int pad = MAX(width - text_width(text), 0);
  if (!left)
    cxm_sink_printf(out, "%*s", pad, "");
  cxm_sink_puts(out, text);
  if (left)
    cxm_sink_printf(out, "%*s", pad, "");
}

static int
indent_of(guint depth)
{
  return 2 * (int) MIN(depth, MAX_INDENT);
}

/* ---- The table ---------------------------------------------------------- */

/* Column widths. A group row takes all TABLE_WIDTH columns: key, n and
 * its mark, mom%, disap% and its interval, net momentum, recov%, NPS,
 * CSAT%; the leadership rows 78. */
enum {
  W_GROUP = 20, /* the key, cut to W_GROUP - 1 so a space always follows */
  W_N = 7,      /* then one column for the small-sample mark */
  W_RATE = 7,
  W_ROW_N = 6, /* the group rows' narrower columns, to make room for */
  W_ROW_RATE = 6,
  W_CI = 8,    /* the interval: " 100-100" */
  W_SCORE = 7, /* net momentum: score, " ± ", margin */
  W_MARGIN = 4,
  W_NET = W_SCORE + 3 + W_MARGIN,
  /* Hot spots: 75 columns. */
  W_DIFFICULTY = 22, /* the longest kind, service_chain_failure, and a space */
  W_WHERE = 32,      /* "team KEY" or "channel KEY", cut to W_WHERE - 1 */
  W_SPOT_COUNT = 7
};

/* The first column: @text indented two spaces per org level below the
 * top (@depth), cut so that a space always follows. */
static void
append_key(CxmReport *report, const char *text, guint depth)
{
  const int width = TABLE(report)->key_width, indent = indent_of(depth);
  g_autofree char *cell = fit_text(text, width - 1 - indent);

  cxm_sink_printf(report->sink, "%*s", indent, "");
  append_cell(report->sink, cell, width - indent, TRUE);
}

/* Whether @person has reports: their scope is more than their own. */
static gboolean
leads_anyone(const CxmReport *report, const char *person)
{
  guint position, subtree = 1;
  cxm_org_get_position(report->recorder->org, person, &position, &subtree);
  return subtree > 1;
}

/* The columns the widest first cell of the report takes, a space included:
 * group keys (with "team " and such when compared, indented in trends),
 * scopes as the org chart indents them. */
static int
widest_key(CxmReport *report)
{
  const gboolean compared = report->options->compared != CXM_UNSET;
  const gboolean trends =
      (report->flags & (CXM_REPORT_DAYS | CXM_REPORT_WEEKS | CXM_REPORT_MONTHS)) != 0;
  int widest = 0;

  for (gsize i = 0; i < G_N_ELEMENTS(cxm_report_groups); i++) {
    const CxmReportGroup *group = &cxm_report_groups[i];
    int prefix = 0; /* compared and trend rows of teams and channels */
    if (!(report->flags & group->flag))
      continue;
    if (group->kind != CXM_GROUP_EMPLOYEE) {
      if (compared)
        prefix = (int) strlen(group->name) + 1;
      if (trends)
        prefix = MAX(prefix, indent_of(1));
    }
    char **keys = cxm_recorder_get_keys(report->recorder, group->kind, NULL);
    for (char **key = keys; *key != NULL; key++)
      widest = MAX(widest, prefix + shown_width(*key));
    g_strfreev(keys);
  }
  for (char **person = report->scopes; person != NULL && *person != NULL; person++) {
    guint depth = cxm_report_scope_depth(report, *person);
    widest = MAX(widest, indent_of(depth) + shown_width(*person));
    if (leads_anyone(report, *person))
      widest = MAX(widest, indent_of(depth + 1) + (int) strlen(OWN_ROW));
  }
  return widest + 1;
}

/* "42.1" for a percentage in @width columns, "-" when it has no value. */
static void
append_percent_width(CxmSink *out, gboolean has_value, double fraction, int width)
{
  char text[16] = "-";
  if (has_value)
    g_snprintf(text, sizeof text, "%.1f", 100.0 * fraction);
  append_cell(out, text, width, FALSE);
}

static void
append_percent(CxmSink *out, gboolean has_value, double fraction)
{
  append_percent_width(out, has_value, fraction, W_RATE);
}

/* A rate as a percentage, "-" when it has no value (denominator 0). */
static void
append_rate_width(CxmSink *out, const CxmStats *stats, CxmRateKind kind, int width)
{
  CxmRate rate;
  gboolean has_value = cxm_stats_get_rate(stats, kind, &rate);
  append_percent_width(out, has_value, has_value ? rate.value : 0.0, width);
}

static void
append_rate(CxmSink *out, const CxmStats *stats, CxmRateKind kind)
{
  append_rate_width(out, stats, kind, W_RATE);
}

/* A rate's Wilson interval in whole points, "12-31", blank without a
 * value: the JSON and CSV reports have it to 4 decimals. */
static void
append_interval(CxmSink *out, const CxmStats *stats, CxmRateKind kind)
{
  CxmRate rate;
  char text[32] = "";
  if (cxm_stats_get_rate(stats, kind, &rate))
    g_snprintf(text, sizeof text, "%.0f-%.0f", 100.0 * rate.low, 100.0 * rate.high);
  append_cell(out, text, W_CI, FALSE);
}

static void
format_score(char *text, gsize size, double score)
{
  if (score > -0.05 && score < 0.05)
    score = 0.0; /* no "-0.0" */
  g_snprintf(text, size, "%+.1f", score);
}

/* "+17.9 ±  2.0": net momentum with its margin, ± aligned down the column. */
static void
append_net_momentum(CxmSink *out, const CxmStats *stats)
{
  CxmNetScore net;
  if (!cxm_stats_get_net_score(stats, CXM_NET_MOMENTUM, &net)) {
    append_cell(out, "-", W_NET, FALSE);
    return;
  }
  char score[16], margin[16];
  format_score(score, sizeof score, net.score);
  /* A margin reaches 100 only with a small n; drop the decimal. */
  g_snprintf(margin, sizeof margin, net.moe95 < 99.95 ? "%.1f" : "%.0f", net.moe95);
  append_cell(out, score, W_SCORE, FALSE);
  cxm_sink_puts(out, " ± ");
  append_cell(out, margin, W_MARGIN, FALSE);
}

static void
append_nps(CxmSink *out, const CxmStats *stats)
{
  CxmNetScore nps;
  char text[16] = "-";
  if (cxm_stats_get_net_score(stats, CXM_NET_NPS, &nps))
    format_score(text, sizeof text, nps.score);
  append_cell(out, text, W_RATE, FALSE);
}

/* A count in @width columns: exact below 10^(width) - 1, then "12.3M"
 * and so on. */
static void
append_count_width(CxmSink *out, guint64 n, int width)
{
  char text[32];
  g_snprintf(text, sizeof text, "%" G_GUINT64_FORMAT, n);
  if ((int) strlen(text) > width) {
    static const char units[] = "kMGTPE";
    double value = (double) n;
    int unit = -1;
    while (value >= 9999.5 && unit < 5) {
      value /= 1000.0;
      unit++;
    }
    g_snprintf(text, sizeof text, value < 99.95 ? "%.1f%c" : "%.0f%c", value,
               units[unit]);
  }
  append_cell(out, text, width, FALSE);
}

/* A count in W_N columns: exact up to 9,999,999, then "12.3M". */
static void
append_count(CxmSink *out, guint64 n)
{
  append_count_width(out, n, W_N);
}

static void
append_header(CxmReport *report, const char *kind)
{
  CxmSink *out = report->sink;

  append_key(report, kind, 0);
  append_cell(out, "n", W_ROW_N, FALSE);
  cxm_sink_putc(out, ' ');
  append_cell(out, "mom%", W_ROW_RATE, FALSE);
  /* 6 columns: "disap%" and "recov%" would touch their neighbours. */
  append_cell(out, "dis%", W_ROW_RATE, FALSE);
  append_cell(out, "95% CI", W_CI, FALSE);
  append_cell(out, "net momentum", W_NET, FALSE);
  append_cell(out, "rec%", W_ROW_RATE, FALSE);
  append_cell(out, "NPS", W_RATE, FALSE);
  append_cell(out, "CSAT%", W_ROW_RATE, FALSE);
  cxm_sink_putc(out, '\n');
}

/* One row: the group's key and its indicators, read through the CxmStats
 * getters. A suppressed group (policy min_group) shows its size only. */
static void
append_row(CxmReport *report, const char *key, guint depth, const CxmStats *stats)
{
  CxmSink *out = report->sink;

  append_key(report, key, depth);
  append_count_width(out, cxm_stats_get_count(stats, CXM_COUNT_N), W_ROW_N);
  cxm_sink_putc(out, cxm_stats_is_small_sample(stats) ? '*' : ' ');
  if (cxm_stats_is_suppressed(stats)) {
    cxm_sink_puts(out, "  (suppressed: n below the policy's min_group)\n");
    return;
  }
  append_rate_width(out, stats, CXM_RATE_MOMENTUM, W_ROW_RATE);
  append_rate_width(out, stats, CXM_RATE_DISAPPOINTMENT, W_ROW_RATE);
  append_interval(out, stats, CXM_RATE_DISAPPOINTMENT);
  append_net_momentum(out, stats);
  append_rate_width(out, stats, CXM_RATE_RECOVERY, W_ROW_RATE);
  append_nps(out, stats);
  append_rate_width(out, stats, CXM_RATE_CSAT_TOP2, W_ROW_RATE);
  cxm_sink_putc(out, '\n');
}

static void
table_row(CxmReport *report, const char *key, const CxmStats *stats, gpointer data)
{
  append_row(report, key != NULL ? key : "totals", 0, stats);
}

/* A section: a header naming the kind, then a row per group. */
static void
append_section(CxmReport *report, const CxmRecorder *view, CxmGroupKind kind,
               const char *title)
{
  cxm_sink_putc(report->sink, '\n');
  append_header(report, title);
  if (cxm_report_for_each(report, view, kind, table_row, NULL) == 0)
    cxm_sink_puts(report->sink, "(none)\n");
}

/* Levels (frontline, manager, senior_leader, unassigned when it has
 * records), the totals, then the groups of @groups that @view keeps. */
static void
append_view(CxmReport *report, const CxmRecorder *view, unsigned int groups,
            const char *prefix)
{
  g_autofree char *title = g_strconcat(prefix, "level", NULL);

  append_section(report, view, CXM_GROUP_LEVEL, title);
  cxm_report_for_each(report, view, CXM_GROUP_TOTALS, table_row, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS(cxm_report_groups); i++) {
    if (!(groups & cxm_report_groups[i].flag))
      continue;
    g_free(title);
    title = g_strconcat(prefix, cxm_report_groups[i].name, NULL);
    append_section(report, view, cxm_report_groups[i].kind, title);
  }
}

/* ---- Trends: a row per period ----------------------------------------------- */

/* A group within a period, indented under the period's row; one without
 * records in the period is left out (a period's view lists every group). */
static void
trend_group_row(CxmReport *report, const char *key, const CxmStats *stats, gpointer data)
{
  if (cxm_stats_get_count(stats, CXM_COUNT_N) == 0)
    return;
  append_row(report, key, 1, stats);
}

/* A period's row (its totals), then its groups of the kind in @data, if
 * any. */
static void
trend_period(CxmReport *report, CxmPeriodKind kind, const char *name,
             const CxmRecorder *view, gpointer data)
{
  const CxmReportGroup *group = data;
  g_autoptr(CxmStats) totals = cxm_recorder_get_stats(view, CXM_GROUP_TOTALS, NULL, NULL);

  append_row(report, name, 0, totals);
  if (group != NULL)
    cxm_report_for_each(report, view, group->kind, trend_group_row, NULL);
}

/* A trend table: a row per period of @kind, in time order, each followed by
 * its groups of @group's kind when @group is not NULL. */
static void
append_trend(CxmReport *report, CxmPeriodKind kind, const CxmReportGroup *group)
{
  g_autofree char *title =
      group != NULL ? g_strconcat(cxm_period_kind_name(kind), " / ", group->name, NULL)
                    : g_strdup(cxm_period_kind_name(kind));

  cxm_sink_putc(report->sink, '\n');
  append_header(report, title);
  if (cxm_report_for_each_period(report, kind, trend_period, (gpointer) group) == 0)
    cxm_sink_puts(report->sink, "(none)\n");
}

/* Per period kind asked for: one trend table of the periods' totals, or
 * one per group kind asked for that periods keep (teams, channels), each
 * period's groups under its row. Levels per period are in the JSON and
 * CSV reports. */
static void
append_periods(CxmReport *report)
{
  for (int kind = 0; kind < CXM_PERIOD_KIND_COUNT; kind++) {
    gboolean grouped = FALSE;
    if (!(report->flags & cxm_report_period_flags[kind]))
      continue;
    for (gsize i = 0; i < G_N_ELEMENTS(cxm_report_groups); i++) {
      const CxmReportGroup *group = &cxm_report_groups[i];
      /* Employees are not kept per period. */
      if (group->kind == CXM_GROUP_EMPLOYEE || !(report->flags & group->flag))
        continue;
      append_trend(report, kind, group);
      grouped = TRUE;
    }
    if (!grouped)
      append_trend(report, kind, NULL);
  }
}

/* ---- Comparison of two periods (--compare) ------------------------------ */

/* "p" as the cadence rows write it. */
static void
append_p_value(CxmSink *out, double p)
{
  char text[16];
  g_snprintf(text, sizeof text, p < 0.001 ? "<.001" : "%.3f", p);
  append_cell(out, text, W_RATE, FALSE);
}

/* Net momentum then the disappointment rate: A, B, B - A and p each. */
static void
append_compared_row(CxmReport *report, CxmGroupKind kind, const char *label,
                    const char *key)
{
  static const gsize shown[] = { 0, 3 }; /* in cxm_report_compared */
  CxmSink *out = report->sink;
  g_autoptr(CxmStats) a = cxm_report_compared_stats(report, FALSE, kind, key);
  g_autoptr(CxmStats) b = cxm_report_compared_stats(report, TRUE, kind, key);
  /* "team north": the kinds share the table, as in the hot spots. */
  g_autofree char *where =
      key != NULL ? g_strconcat(label, " ", key, NULL) : g_strdup("totals");

  append_key(report, where, 0);
  for (gsize i = 0; i < G_N_ELEMENTS(shown); i++) {
    const gboolean is_net = cxm_report_compared[shown[i]].is_net;
    const double scale = is_net ? 1.0 : 100.0;
    CxmComparison c;
    char text[16];
    if (!cxm_report_compare(a, b, shown[i], &c)) {
      for (int column = 0; column < 4; column++)
        append_cell(out, "-", W_RATE, FALSE);
      continue;
    }
    if (is_net) {
      format_score(text, sizeof text, c.a);
      append_cell(out, text, W_RATE, FALSE);
      format_score(text, sizeof text, c.b);
      append_cell(out, text, W_RATE, FALSE);
    } else {
      append_percent(out, TRUE, c.a);
      append_percent(out, TRUE, c.b);
    }
    format_score(text, sizeof text, scale * c.delta);
    append_cell(out, text, W_RATE, FALSE);
    append_p_value(out, c.p_value);
  }
  cxm_sink_putc(out, '\n');
}

static void
append_compared_kind(CxmReport *report, CxmGroupKind kind, const char *label)
{
  char **keys = cxm_recorder_get_keys(report->recorder, kind, NULL);
  for (char **key = keys; *key != NULL; key++)
    append_compared_row(report, kind, label, *key);
  g_strfreev(keys);
}

/* The totals, levels, and teams and channels when asked for, in their
 * default order: all of them, as in the JSON report. */
static void
append_comparison(CxmReport *report)
{
  static const char *const columns[] = { "net A",  "net B",  "change", "p",
                                         "dis% A", "dis% B", "change", "p" };
  const CxmReportOptions *o = report->options;
  CxmSink *out = report->sink;

  cxm_sink_printf(out, "\ncomparison of %s %s (A) with %s (B)\n",
                  cxm_period_kind_name(o->compared), o->compare_a, o->compare_b);
  append_key(report, "group", 0);
  for (gsize i = 0; i < G_N_ELEMENTS(columns); i++)
    append_cell(out, columns[i], W_RATE, FALSE);
  cxm_sink_putc(out, '\n');
  append_compared_row(report, CXM_GROUP_TOTALS, NULL, NULL);
  append_compared_kind(report, CXM_GROUP_LEVEL, "level");
  if (report->flags & CXM_REPORT_TEAMS)
    append_compared_kind(report, CXM_GROUP_TEAM, "team");
  if (report->flags & CXM_REPORT_CHANNELS)
    append_compared_kind(report, CXM_GROUP_CHANNEL, "channel");
}

/* Each person's scope, everyone in and below them, indented as the org
 * chart; a leader's is followed by an "(own)" row for their own
 * interactions. */
static void
append_scope(CxmReport *report, const char *person, guint depth, const CxmStats *direct,
             const CxmStats *cumulative, gpointer data)
{
  append_row(report, person, depth, cumulative);
  if (leads_anyone(report, person))
    append_row(report, OWN_ROW, depth + 1, direct);
}

static void
append_scopes(CxmReport *report)
{
  cxm_sink_putc(report->sink, '\n');
  append_header(report, "scope");
  if (report->scopes[0] == NULL)
    cxm_sink_puts(report->sink, "(none)\n");
  cxm_report_for_each_scope(report, append_scope, NULL);
}

/* ---- Leadership (SPEC section 5a) ------------------------------------------ */

/* Percentage of a leadership rate, "-" without a denominator. */
static void
append_lead_rate(CxmSink *out, const CxmStats *stats, CxmLeadershipRate kind)
{
  CxmRate rate;
  gboolean has_value = cxm_stats_get_leadership_rate(stats, kind, &rate);
  append_percent(out, has_value, has_value ? rate.value : 0.0);
}

/* What each level does (article 004), next to its momentum. */
static void
lead_level_row(CxmReport *report, const char *key, const CxmStats *stats, gpointer data)
{
  CxmSink *out = report->sink;

  append_key(report, key != NULL ? key : "totals", 0);
  append_count(out, cxm_stats_get_count(stats, CXM_COUNT_N));
  cxm_sink_putc(out, cxm_stats_is_small_sample(stats) ? '*' : ' ');
  append_count_width(out, cxm_stats_get_leadership_count(stats, CXM_UNSET), W_RATE);
  for (int t = 0; t < CXM_LEADERSHIP_COUNT; t++)
    append_count_width(out, cxm_stats_get_leadership_count(stats, t), W_RATE);
  if (cxm_stats_is_suppressed(stats))
    append_cell(out, "supp.", W_RATE, FALSE);
  else
    append_rate(out, stats, CXM_RATE_MOMENTUM);
  cxm_sink_putc(out, '\n');
}

/* Cadence and the momentum that goes with it, for the totals and each
 * team: team-weeks, the weekly and daily cadence, momentum in team-weeks
 * that met the weekly cadence and in those that did not, their difference
 * in points and its p-value, recognitions per 100 interactions. */
static void
cadence_row(CxmReport *report, const char *key, const CxmStats *stats, gpointer data)
{
  CxmSink *out = report->sink;
  guint64 team_weeks = 0;
  CxmComparison c;
  double per_100;
  char text[16];

  append_key(report, key != NULL ? key : "totals", 0);
  /* Days that are not whole weeks (a snapshot's, filtered) have none. */
  if (cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_WEEKLY, NULL,
                                           &team_weeks))
    append_count(out, team_weeks);
  else
    append_cell(out, "-", W_N, FALSE);
  cxm_sink_putc(out, ' ');
  if (cxm_stats_is_suppressed(stats)) {
    cxm_sink_puts(out, "  (suppressed: n below the policy's min_group)\n");
    return;
  }
  append_lead_rate(out, stats, CXM_LEADERSHIP_RATE_WEEKLY);
  append_lead_rate(out, stats, CXM_LEADERSHIP_RATE_DAILY);
  append_lead_rate(out, stats, CXM_LEADERSHIP_RATE_MOMENTUM_MET);
  append_lead_rate(out, stats, CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET);
  if (cxm_stats_compare_momentum_by_cadence(stats, &c)) {
    format_score(text, sizeof text, 100.0 * c.delta);
    append_cell(out, text, W_RATE, FALSE);
    g_snprintf(text, sizeof text, c.p_value < 0.001 ? "<.001" : "%.3f", c.p_value);
    append_cell(out, text, W_RATE, FALSE);
  } else {
    append_cell(out, "-", W_RATE, FALSE);
    append_cell(out, "-", W_RATE, FALSE);
  }
  g_strlcpy(text, "-", sizeof text);
  if (cxm_stats_get_recognition_per_100(stats, &per_100))
    g_snprintf(text, sizeof text, "%.1f", per_100);
  append_cell(out, text, W_RATE, FALSE);
  cxm_sink_putc(out, '\n');
}

/* The totals' coaching coverage, when they have one: days without
 * employees (a snapshot's, filtered) have none. */
static void
append_coverage(CxmReport *report)
{
  g_autoptr(CxmStats) totals =
      cxm_recorder_get_stats(report->recorder, CXM_GROUP_TOTALS, NULL, NULL);
  guint64 coached = 0, employees = 0;
  CxmRate rate;

  if (!cxm_stats_get_leadership_rate_counts(totals, CXM_LEADERSHIP_RATE_COACHING_COVERAGE,
                                            &coached, &employees))
    return;
  cxm_sink_printf(report->sink,
                  "coaching coverage: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                  " employees coached",
                  coached, employees);
  if (!cxm_stats_is_suppressed(totals) &&
      cxm_stats_get_leadership_rate(totals, CXM_LEADERSHIP_RATE_COACHING_COVERAGE, &rate))
    cxm_sink_printf(report->sink, " (%.1f%%, %.1f-%.1f)", 100.0 * rate.value,
                    100.0 * rate.low, 100.0 * rate.high);
  cxm_sink_putc(report->sink, '\n');
}

/* A leader's scope (article 004): the leadership given within it, the
 * cadence of its teams and its coaching coverage, next to its momentum.
 * Frontline staff lead no scope of their own and are left out. */
static void
lead_scope_row(CxmReport *report, const char *person, guint depth,
               const CxmStats *direct, const CxmStats *cumulative, gpointer data)
{
  CxmSink *out = report->sink;
  const CxmOrg *org = report->recorder->org;
  guint64 team_weeks = 0;

  if (cxm_org_has_person(org, person) &&
      cxm_org_get_level(org, person) == CXM_LEVEL_FRONTLINE)
    return;
  append_key(report, person, depth);
  append_count(out, cxm_stats_get_count(cumulative, CXM_COUNT_N));
  cxm_sink_putc(out, cxm_stats_is_small_sample(cumulative) ? '*' : ' ');
  append_count_width(out, cxm_stats_get_leadership_count(cumulative, CXM_UNSET), W_RATE);
  cxm_stats_get_leadership_rate_counts(cumulative, CXM_LEADERSHIP_RATE_WEEKLY, NULL,
                                       &team_weeks);
  append_count_width(out, team_weeks, W_RATE);
  if (cxm_stats_is_suppressed(cumulative)) {
    cxm_sink_puts(out, "  (suppressed)\n");
    return;
  }
  append_lead_rate(out, cumulative, CXM_LEADERSHIP_RATE_WEEKLY);
  append_lead_rate(out, cumulative, CXM_LEADERSHIP_RATE_DAILY);
  append_lead_rate(out, cumulative, CXM_LEADERSHIP_RATE_COACHING_COVERAGE);
  append_rate(out, cumulative, CXM_RATE_MOMENTUM);
  cxm_sink_putc(out, '\n');
}

/* The header of a leadership table after a blank line: @title, @count (of
 * n's width, the small-sample column after it), then the @n @columns. */
static void
append_lead_columns(CxmReport *report, const char *title, const char *count,
                    const char *const *columns, gsize n)
{
  CxmSink *out = report->sink;

  cxm_sink_putc(out, '\n');
  append_key(report, title, 0);
  append_cell(out, count, W_N, FALSE);
  cxm_sink_putc(out, ' ');
  for (gsize i = 0; i < n; i++)
    append_cell(out, columns[i], W_RATE, FALSE);
  cxm_sink_putc(out, '\n');
}

static void
append_lead_scopes(CxmReport *report)
{
  static const char *const columns[] = { "events", "weeks",  "weekly",
                                         "daily",  "coach%", "mom%" };

  append_lead_columns(report, "leadership by scope", "n", columns,
                      G_N_ELEMENTS(columns));
  cxm_report_for_each_scope(report, lead_scope_row, NULL);
}

/* The leadership sections, when there are leadership events: what each
 * level led, then cadence for the totals and (asked for) each team, then
 * (asked for) each leader's scope. */
static void
append_leadership(CxmReport *report)
{
  const CxmRecorder *rec = report->recorder;

  /* the event types' columns, in CxmLeadershipType order */
  static const char *const level_columns[] = { "events", "huddle", "recog.", "coach.",
                                               "review", "comms.", "mom%" };
  G_STATIC_ASSERT(G_N_ELEMENTS(level_columns) == CXM_LEADERSHIP_COUNT + 2);
  static const char *const cadence_columns[] = { "weekly", "daily", "met%",  "unmet%",
                                                 "diff",   "p",     "per100" };

  if (cxm_recorder_get_leadership_count(rec, CXM_UNSET) == 0)
    return;
  append_lead_columns(report, "leadership by level", "n", level_columns,
                      G_N_ELEMENTS(level_columns));
  cxm_report_for_each(report, rec, CXM_GROUP_LEVEL, lead_level_row, NULL);
  cxm_report_for_each(report, rec, CXM_GROUP_TOTALS, lead_level_row, NULL);

  append_lead_columns(report, "cadence", "t-weeks", cadence_columns,
                      G_N_ELEMENTS(cadence_columns));
  cxm_report_for_each(report, rec, CXM_GROUP_TOTALS, cadence_row, NULL);
  if (report->flags & CXM_REPORT_TEAMS)
    cxm_report_for_each(report, rec, CXM_GROUP_TEAM, cadence_row, NULL);
  append_coverage(report);
  if (report->scopes != NULL)
    append_lead_scopes(report);
}

/* ---- Hot spots ------------------------------------------------------------ */

/* The worst MAX_SHOWN_HOTSPOTS: kind, where, count, disappointments and
 * the share of them turned into momentum. */
static void
append_hotspots(CxmReport *report)
{
  CxmSink *out = report->sink;
  gsize n = 0;
  CxmHotspot *spots = cxm_report_get_hotspots(report, &n);
  char **wheres = g_new0(char *, MIN(n, MAX_SHOWN_HOTSPOTS) + 1);
  int where_width = W_WHERE;

  for (gsize i = 0; i < n && i < MAX_SHOWN_HOTSPOTS; i++) {
    wheres[i] = g_strconcat(spots[i].kind == CXM_GROUP_TEAM ? "team " : "channel ",
                            spots[i].key, NULL);
    where_width = MAX(where_width, shown_width(wheres[i]) + 1);
  }
  where_width = MIN(where_width, W_WHERE + TABLE(report)->extra);
  cxm_sink_putc(out, '\n');
  append_cell(out, "hot spot", W_DIFFICULTY, TRUE);
  append_cell(out, "team or channel", where_width, TRUE);
  append_cell(out, "count", W_SPOT_COUNT, FALSE);
  append_cell(out, "disap.", W_SPOT_COUNT, FALSE);
  append_cell(out, "recov%", W_RATE, FALSE);
  cxm_sink_putc(out, '\n');
  if (n == 0)
    cxm_sink_puts(out, "(none)\n");
  for (gsize i = 0; i < n && i < MAX_SHOWN_HOTSPOTS; i++) {
    const CxmHotspot *spot = &spots[i];
    g_autofree char *cell = fit_text(wheres[i], where_width - 1);
    append_cell(out, cxm_difficulty_name(spot->difficulty), W_DIFFICULTY, TRUE);
    append_cell(out, cell, where_width, TRUE);
    append_count_width(out, spot->counts.count, W_SPOT_COUNT);
    append_count_width(out, spot->counts.disappointment, W_SPOT_COUNT);
    if (cxm_report_suppressed_count(report, spot->counts.count))
      append_cell(out, "supp.", W_RATE, FALSE);
    else
      append_percent(out, spot->counts.difficult > 0,
                     spot->counts.difficult > 0 ? (double) spot->counts.recovered /
                                                      (double) spot->counts.difficult
                                                : 0.0);
    cxm_sink_putc(out, '\n');
  }
  if (n > MAX_SHOWN_HOTSPOTS)
    cxm_sink_printf(out, "(%" G_GSIZE_FORMAT " more in the JSON report)\n",
                    n - MAX_SHOWN_HOTSPOTS);
  g_strfreev(wheres);
  cxm_hotspots_free(spots, n);
}

static void
append_title(CxmSink *out, const CxmRecorder *recorder, const CxmReportInput *input)
{
  g_autofree char *filtered =
      input->filtered ? g_strdup_printf(", %" G_GUINT64_FORMAT " filtered out", input->filtered)
                      : NULL;
  g_autofree char *counts = g_strdup_printf(
      ": %" G_GUINT64_FORMAT " records, %" G_GUINT64_FORMAT
      " accepted (%" G_GUINT64_FORMAT " leadership), %" G_GUINT64_FORMAT " rejected%s",
      input->records, input->accepted, input->leadership, input->rejected,
      filtered ? filtered : "");
  /* The name gets what the counts leave of the line (policy "…"). */
  int room = MAX(TABLE_WIDTH - 9 - text_width(counts), 8);
  g_autofree char *name =
      fit_text(cxm_policy_get_name(cxm_recorder_get_policy(recorder)), room);
  cxm_sink_printf(out, "policy \"%s\"%s\n", name, counts);
  const CxmPolicy *policy = cxm_recorder_get_policy(recorder);
  if (policy->zone != NULL || policy->team_zones != NULL)
    cxm_sink_printf(out, "days in %s%s\n", cxm_policy_get_time_zone(policy, NULL),
                    policy->team_zones ? ", and some teams' in their own zones" : "");
}

static void
append_legend(CxmSink *out, const CxmRecorder *recorder, unsigned int flags,
              gboolean compared)
{
  double min_sample = 30;
  cxm_policy_get(cxm_recorder_get_policy(recorder), "min_sample", &min_sample, NULL);
  cxm_sink_printf(
      out,
      "\n"
      "mom%%, dis%%: momentum and disappointment shares; 95%% CI: dis%%'s interval\n"
      "(Wilson, whole points); net momentum: their difference with its margin of\n"
      "error; rec%%, recov%%: momentum share of difficult moments; CSAT%%: share of\n"
      "csat 4-5; *: small sample (n < %.0f); -: no data.\n",
      min_sample);
  if (cxm_recorder_get_leadership_count(recorder, CXM_UNSET) > 0) {
    double days_min = 1, days_target = 5;
    cxm_policy_get(cxm_recorder_get_policy(recorder), "huddle_days_min", &days_min, NULL);
    cxm_policy_get(cxm_recorder_get_policy(recorder), "huddle_days_target", &days_target,
                   NULL);
    cxm_sink_printf(
        out,
        "leadership: events led by each level or scope (huddle: purpose huddles).\n"
        "t-weeks, weeks: team-weeks with interactions; weekly, daily: %% of them\n"
        "with a purpose huddle on at least %.0f and %.0f days; met%%, unmet%%: momentum\n"
        "share in team-weeks that met the weekly cadence and in those that did not;\n"
        "diff: met%% - unmet%% in points, p: its p-value; per100: recognitions per\n"
        "100 interactions; coaching coverage, coach%%: share of the employees with\n"
        "interactions who were coached. An association, not a proof of cause.\n",
        days_min, days_target);
  }
  if (compared)
    cxm_sink_puts(
        out, "comparison: net momentum and dis% in A and B, change: B - A in points,\n"
             "p: its two-sided p-value (NPS, mom%, recov%, CSAT% in JSON and CSV).\n");
  if (flags & CXM_REPORT_SCOPES)
    cxm_sink_puts(out, "scope: the person and everyone below them, under their manager;\n"
                       "(own): a leader's own interactions.\n");
}

/* The hot spots' line of the legend: their ranking is the options'. */
static void
append_hotspot_legend(CxmReport *report)
{
  static const char *const order[] = {
    [CXM_HOTSPOT_BY_DISAPPOINTMENT] = "most\ndisappointments (disap.) first",
    [CXM_HOTSPOT_BY_DISAPPOINTMENT_RATE] = "highest\nshare of disappointments first",
    [CXM_HOTSPOT_BY_RECOVERY_RATE] = "lowest\nrecov% first",
  };
  cxm_sink_printf(report->sink,
                  "hot spot: a difficulty kind in a team or channel, %s; supp.: count "
                  "below min_group.\n",
                  order[report->options->hotspot_rank]);
}

void
cxm_report_write_table(CxmReport *report)
{
  const guint width = report->options->width;
  Table table = { W_GROUP, 0 };
  CxmReportInput input;

  /* A wider table widens the names' columns as far as its names need. */
  if (width > TABLE_WIDTH) {
    table.extra = (int) MIN(width - TABLE_WIDTH, (guint) G_MAXINT / 2);
    table.key_width = CLAMP(widest_key(report), W_GROUP, W_GROUP + table.extra);
  }
  report->format_data = &table;
  cxm_report_input_counts(report, &input);
  append_title(report->sink, report->recorder, &input);
  append_view(report, report->recorder, report->flags, "");
  append_leadership(report);
  append_periods(report);
  if (report->options->compared != CXM_UNSET)
    append_comparison(report);
  if (report->scopes != NULL)
    append_scopes(report);
  if (report->flags & CXM_REPORT_HOTSPOTS)
    append_hotspots(report);
  append_legend(report->sink, report->recorder, report->flags,
                report->options->compared != CXM_UNSET);
  if (report->flags & CXM_REPORT_HOTSPOTS)
    append_hotspot_legend(report);
}
