/* The table report: 80 columns for people, a row per group. */
#include "config.h"

#include <string.h>

#include "recorder-private.h"
#include "report-private.h"

#define MAX_SHOWN_HOTSPOTS 10
#define TABLE_WIDTH 80

/* Columns a character takes on a terminal. */
static int
char_width(gunichar c)
{
  if (g_unichar_iszerowidth(c))
    return 0;
  return g_unichar_iswide(c) ? 2 : 1;
}

static int
text_width(const char *text)
{
  int width = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p))
    width += char_width(g_utf8_get_char(p));
  return width;
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

/* ---- The table ---------------------------------------------------------- */

/* Column widths: 78 columns in all, so rows fit in TABLE_WIDTH. */
enum {
  W_GROUP = 20, /* the key, cut to W_GROUP - 1 so a space always follows */
  W_N = 7,      /* then one column for the small-sample mark */
  W_RATE = 7,
  W_SCORE = 7, /* net momentum: score, " ± ", margin */
  W_MARGIN = 5,
  W_NET = W_SCORE + 3 + W_MARGIN,
  /* Hot spots: 75 columns. */
  W_DIFFICULTY = 22, /* the longest kind, service_chain_failure, and a space */
  W_WHERE = 32,      /* "team KEY" or "channel KEY", cut to W_WHERE - 1 */
  W_SPOT_COUNT = 7
};

/* "42.1" for a percentage, "-" when it has no value. */
static void
append_percent(CxmSink *out, gboolean has_value, double fraction)
{
  char text[16] = "-";
  if (has_value)
    g_snprintf(text, sizeof text, "%.1f", 100.0 * fraction);
  append_cell(out, text, W_RATE, FALSE);
}

/* A rate as a percentage, "-" when it has no value (denominator 0). */
static void
append_rate(CxmSink *out, const CxmStats *stats, CxmRateKind kind)
{
  CxmRate rate;
  gboolean has_value = cxm_stats_get_rate(stats, kind, &rate);
  append_percent(out, has_value, has_value ? rate.value : 0.0);
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
  /* A margin reaches 1000 only with a huge z and n = 1; drop the decimal. */
  g_snprintf(margin, sizeof margin, net.moe95 < 999.95 ? "%.1f" : "%.0f", net.moe95);
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
append_header(CxmSink *out, const char *kind)
{
  g_autofree char *title = fit_text(kind, W_GROUP - 1);
  append_cell(out, title, W_GROUP, TRUE);
  append_cell(out, "n", W_N, FALSE);
  cxm_sink_putc(out, ' ');
  append_cell(out, "mom%", W_RATE, FALSE);
  append_cell(out, "disap%", W_RATE, FALSE);
  append_cell(out, "net momentum", W_NET, FALSE);
  append_cell(out, "recov%", W_RATE, FALSE);
  append_cell(out, "NPS", W_RATE, FALSE);
  append_cell(out, "CSAT%", W_RATE, FALSE);
  cxm_sink_putc(out, '\n');
}

/* One row: the group's key and its indicators, read through the CxmStats
 * getters. A suppressed group (policy min_group) shows its size only. */
static void
append_row(CxmSink *out, const char *key, const CxmStats *stats)
{
  g_autofree char *name = fit_text(key, W_GROUP - 1);
  append_cell(out, name, W_GROUP, TRUE);
  append_count(out, cxm_stats_get_count(stats, CXM_COUNT_N));
  cxm_sink_putc(out, cxm_stats_is_small_sample(stats) ? '*' : ' ');
  if (cxm_stats_is_suppressed(stats)) {
    cxm_sink_puts(out, "  (suppressed: n below the policy's min_group)\n");
    return;
  }
  append_rate(out, stats, CXM_RATE_MOMENTUM);
  append_rate(out, stats, CXM_RATE_DISAPPOINTMENT);
  append_net_momentum(out, stats);
  append_rate(out, stats, CXM_RATE_RECOVERY);
  append_nps(out, stats);
  append_rate(out, stats, CXM_RATE_CSAT_TOP2);
  cxm_sink_putc(out, '\n');
}

static void
table_row(CxmReport *report, const char *key, const CxmStats *stats, gpointer data)
{
  append_row(report->sink, key != NULL ? key : "totals", stats);
}

/* A section: a header naming the kind, then a row per group. */
static void
append_section(CxmReport *report, const CxmRecorder *view, CxmGroupKind kind,
               const char *title)
{
  cxm_sink_putc(report->sink, '\n');
  append_header(report->sink, title);
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

/* A period's block: its levels and totals, and its teams and channels when
 * asked for, titled "2026-W10 level", ... */
static void
append_period(CxmReport *report, CxmPeriodKind kind, const char *name,
              const CxmRecorder *view, gpointer data)
{
  g_autofree char *prefix = g_strconcat(name, " ", NULL);
  /* Employees are not kept per period. */
  append_view(report, view, report->flags & (CXM_REPORT_TEAMS | CXM_REPORT_CHANNELS),
              prefix);
}

static void
append_periods(CxmReport *report)
{
  for (int kind = 0; kind < CXM_PERIOD_KIND_COUNT; kind++)
    if ((report->flags & cxm_report_period_flags[kind]) &&
        cxm_report_for_each_period(report, kind, append_period, NULL) == 0)
      cxm_sink_printf(report->sink, "\nperiods by %s\n(none)\n",
                      cxm_period_kind_name(kind));
}

/* Each person's scope, everyone in and below them, followed by an "own"
 * row for their own interactions. */
static void
append_scope(CxmReport *report, const char *person, const CxmStats *direct,
             const CxmStats *cumulative, gpointer data)
{
  append_row(report->sink, person, cumulative);
  append_row(report->sink, "  own", direct);
}

static void
append_scopes(CxmReport *report)
{
  cxm_sink_putc(report->sink, '\n');
  append_header(report->sink, "scope");
  if (report->scopes[0] == NULL)
    cxm_sink_puts(report->sink, "(none)\n");
  cxm_report_for_each_scope(report, append_scope, NULL);
}

/* ---- Hot spots ------------------------------------------------------------ */

/* The worst MAX_SHOWN_HOTSPOTS: kind, where, count, disappointments and
 * the share of them turned into momentum. */
static void
append_hotspots(CxmReport *report)
{
  CxmSink *out = report->sink;
  gsize n = 0;
  CxmHotspot *spots = cxm_recorder_get_hotspots(report->recorder, &n, NULL);

  cxm_sink_putc(out, '\n');
  append_cell(out, "hot spot", W_DIFFICULTY, TRUE);
  append_cell(out, "team or channel", W_WHERE, TRUE);
  append_cell(out, "count", W_SPOT_COUNT, FALSE);
  append_cell(out, "disap.", W_SPOT_COUNT, FALSE);
  append_cell(out, "recov%", W_RATE, FALSE);
  cxm_sink_putc(out, '\n');
  if (n == 0)
    cxm_sink_puts(out, "(none)\n");
  for (gsize i = 0; i < n && i < MAX_SHOWN_HOTSPOTS; i++) {
    const CxmHotspot *spot = &spots[i];
    g_autofree char *where =
        g_strconcat(spot->kind == CXM_GROUP_TEAM ? "team " : "channel ", spot->key, NULL);
    g_autofree char *cell = fit_text(where, W_WHERE - 1);
    append_cell(out, cxm_difficulty_name(spot->difficulty), W_DIFFICULTY, TRUE);
    append_cell(out, cell, W_WHERE, TRUE);
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
  cxm_hotspots_free(spots, n);
}

static void
append_title(CxmSink *out, const CxmRecorder *recorder, const CxmReportInput *input)
{
  g_autofree char *counts = g_strdup_printf(
      ": %" G_GUINT64_FORMAT " records, %" G_GUINT64_FORMAT
      " accepted (%" G_GUINT64_FORMAT " leadership), %" G_GUINT64_FORMAT " rejected",
      input->records, input->accepted, input->leadership, input->rejected);
  /* The name gets what the counts leave of the line (policy "…"). */
  int room = MAX(TABLE_WIDTH - 9 - text_width(counts), 8);
  g_autofree char *name =
      fit_text(cxm_policy_get_name(cxm_recorder_get_policy(recorder)), room);
  cxm_sink_printf(out, "policy \"%s\"%s\n", name, counts);
}

static void
append_legend(CxmSink *out, const CxmRecorder *recorder, unsigned int flags)
{
  double min_sample = 30;
  cxm_policy_get(cxm_recorder_get_policy(recorder), "min_sample", &min_sample, NULL);
  cxm_sink_printf(
      out,
      "\n"
      "mom%%, disap%%: momentum and disappointment shares; net momentum: their\n"
      "difference with its margin of error; recov%%: momentum share of difficult\n"
      "moments; CSAT%%: share of csat 4-5; *: small sample (n < %.0f); -: no data.\n",
      min_sample);
  if (flags & CXM_REPORT_SCOPES)
    cxm_sink_puts(out, "scope: the person and everyone below them; own: their own.\n");
  if (flags & CXM_REPORT_HOTSPOTS)
    cxm_sink_puts(out, "hot spot: a difficulty kind in a team or channel, most\n"
                       "disappointments (disap.) first; supp.: count below min_group.\n");
}

void
cxm_report_write_table(CxmReport *report)
{
  CxmReportInput input;

  cxm_report_input_counts(report, &input);
  append_title(report->sink, report->recorder, &input);
  append_view(report, report->recorder, report->flags, "");
  append_periods(report);
  if (report->scopes != NULL)
    append_scopes(report);
  if (report->flags & CXM_REPORT_HOTSPOTS)
    append_hotspots(report);
  append_legend(report->sink, report->recorder, report->flags);
}
