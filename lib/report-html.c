/* SPDX-License-Identifier: MIT */
/* The HTML report: one self-contained HTML5 page, written onto the sink
 * section by section. Charts are inline SVG drawn here (no chart library:
 * a few hundred lines a maintainer can read, nothing to inline or license,
 * and every chart already sits beside its numbers as a <table>). Numbers
 * come from the same CxmStats getters as the JSON report; each cell's
 * data-v holds the JSON's rounded figure, which the sort script orders by.
 *
 * Memory: a group at a time, as the JSON report, except where a chart
 * needs every row before its first byte (a scale, a rank, a band): there a
 * HtmlRow per group (its key and a few doubles), not its JSON text.
 * Employees are listed as they come, unranked, uncharted. */
#include "config.h"

#include <string.h>

#include "figures.h"
#include "recorder-private.h"
#include "report-html.h"
#include "report-private.h"
#include "stats-private.h"

/* The period kind of the trend: weeks when asked for or when no period is,
 * else months, else days. */
static CxmPeriodKind
trend_kind(unsigned int flags)
{
  if ((flags & CXM_REPORT_WEEKS) || !(flags & (CXM_REPORT_MONTHS | CXM_REPORT_DAYS)))
    return CXM_PERIOD_WEEK;
  return (flags & CXM_REPORT_MONTHS) ? CXM_PERIOD_MONTH : CXM_PERIOD_DAY;
}

/* ---- rows of figures --------------------------------------------------- */

void
cxm_html_row_fill(HtmlRow *row, const char *key, const CxmStats *stats)
{
  memset(row, 0, sizeof *row);
  row->key = g_strdup(key);
  row->n = cxm_stats_get_count(stats, CXM_COUNT_N);
  row->small = cxm_stats_is_small_sample(stats);
  row->suppressed = cxm_stats_is_suppressed(stats);
  if (row->suppressed)
    return;
  row->has_m = cxm_stats_get_rate(stats, CXM_RATE_MOMENTUM, &row->m);
  row->has_d = cxm_stats_get_rate(stats, CXM_RATE_DISAPPOINTMENT, &row->d);
  row->has_rec = cxm_stats_get_rate(stats, CXM_RATE_RECOVERY, &row->rec);
  row->has_csat = cxm_stats_get_rate(stats, CXM_RATE_CSAT_TOP2, &row->csat);
  row->has_net = cxm_stats_get_net_score(stats, CXM_NET_MOMENTUM, &row->net);
  row->has_nps = cxm_stats_get_net_score(stats, CXM_NET_NPS, &row->nps);
}

static void
rows_clear(gpointer data)
{
  g_free(((HtmlRow *) data)->key);
}

static GArray *
rows_new(void)
{
  GArray *rows = g_array_new(FALSE, FALSE, sizeof(HtmlRow));
  g_array_set_clear_func(rows, rows_clear);
  return rows;
}

static void
collect_row(CxmReport *report, const char *key, const CxmStats *stats, gpointer data)
{
  HtmlRow row;
  cxm_html_row_fill(&row, key ? key : "All", stats);
  g_array_append_val((GArray *) data, row);
}

/* Best net momentum first; no value, then suppressed, last; ties by key. */
static int
by_rank(gconstpointer pa, gconstpointer pb)
{
  const HtmlRow *a = pa, *b = pb;
  int ca = a->suppressed ? 2 : a->has_net ? 0 : 1;
  int cb = b->suppressed ? 2 : b->has_net ? 0 : 1;

  if (ca != cb)
    return ca - cb;
  if (ca == 0 && a->net.score != b->net.score)
    return a->net.score > b->net.score ? -1 : 1;
  return strcmp(a->key, b->key);
}

static void
dots_from_rows(const GArray *rows, HtmlDot *dots)
{
  for (guint i = 0; i < rows->len; i++) {
    const HtmlRow *r = &g_array_index(rows, HtmlRow, i);
    dots[i] = (HtmlDot){
      r->key, r->suppressed, r->small, { r->has_m, r->has_d }, { r->m, r->d }
    };
  }
}

static const char *const momentum_series[2] = { "Momentum rate", "Disappointment rate" };

/* ---- tables ---------------------------------------------------------- */

static void
group_table_head(CxmSink *out, const char *id, const char *caption, const char *first,
                 gboolean ranked, const char *extra)
{
  cxm_sink_printf(out, "<table class=\"sortable\" id=\"%s\"><caption>", id);
  cxm_html_text(out, caption);
  cxm_sink_puts(out, "</caption>\n<thead><tr>");
  if (ranked)
    cxm_sink_puts(out, "<th scope=\"col\">Rank</th>");
  cxm_sink_printf(out, "<th scope=\"col\" class=\"t\">%s</th><th scope=\"col\">n</th>",
                  first);
  if (extra != NULL)
    cxm_sink_printf(out, "<th scope=\"col\">%s</th>", extra);
  cxm_sink_puts(out,
                "<th scope=\"col\">Momentum</th><th scope=\"col\">Disappointment</th>"
                "<th scope=\"col\">Net momentum</th><th scope=\"col\">Recovery</th>"
                "<th scope=\"col\">NPS</th><th scope=\"col\">CSAT top-2</th></tr>"
                "</thead>\n<tbody>\n");
}

static void
group_table_row(CxmSink *out, const HtmlRow *r, int rank, const guint64 *extra)
{
  cxm_sink_puts(out, "<tr>");
  if (rank > 0)
    cxm_sink_printf(out, "<td data-v=\"%d\">%d</td>", rank, rank);
  cxm_sink_puts(out, "<th scope=\"row\">");
  cxm_html_text(out, r->key);
  if (r->small)
    cxm_sink_puts(out, " <abbr class=\"small\" title=\"small sample\">*</abbr>");
  cxm_sink_puts(out, "</th>");
  cxm_html_count_cell(out, r->n);
  if (extra != NULL)
    cxm_html_count_cell(out, *extra);
  if (r->suppressed) {
    cxm_sink_puts(out,
                  "<td colspan=\"6\" class=\"sup\" data-v=\"\">suppressed</td></tr>\n");
    return;
  }
  cxm_html_rate_cell(out, r->has_m, &r->m);
  cxm_html_rate_cell(out, r->has_d, &r->d);
  cxm_html_net_cell(out, r->has_net, &r->net, TRUE);
  cxm_html_rate_cell(out, r->has_rec, &r->rec);
  cxm_html_net_cell(out, r->has_nps, &r->nps, FALSE);
  cxm_html_rate_cell(out, r->has_csat, &r->csat);
  cxm_sink_puts(out, "</tr>\n");
}

/* A section of groups: a chart of their rates and a table, ranked. */
static void
ranked_groups(CxmReport *report, GArray *rows, const char *id, const char *title,
              const char *first, const guint64 *extra, const char *extra_name)
{
  CxmSink *out = report->sink;
  HtmlDot *dots;
  g_autofree char *caption = NULL, *table_id = NULL;

  if (extra == NULL)
    g_array_sort(rows, by_rank);
  dots = g_new(HtmlDot, MAX(rows->len, 1));
  dots_from_rows(rows, dots);
  cxm_sink_printf(out, "<section id=\"%s\"><h2>", id);
  cxm_html_text(out, title);
  cxm_sink_puts(out, "</h2>\n<div class=\"pair\">");
  caption = g_strdup_printf("%s: momentum and disappointment rates with their intervals",
                            title);
  cxm_html_whisker_chart(out, caption, momentum_series, 2, dots, rows->len);
  g_free(caption);
  caption = g_strdup_printf("%s ranked by net momentum", title);
  table_id = g_strdup_printf("%s-table", id);
  group_table_head(out, table_id, caption, first, TRUE, extra_name);
  for (guint i = 0; i < rows->len; i++)
    group_table_row(out, &g_array_index(rows, HtmlRow, i), i + 1,
                    extra ? &extra[i] : NULL);
  cxm_sink_puts(out, "</tbody></table></div></section>\n");
  g_free(dots);
}

/* ---- header ------------------------------------------------------------ */

#define MAX_SHOWN_REJECTIONS 5

static void
write_header(CxmReport *report)
{
  CxmSink *out = report->sink;
  const CxmPolicy *policy = cxm_recorder_get_policy(report->recorder);
  const CxmImportResult *input = report->input;
  char **days = cxm_recorder_get_periods(report->recorder, CXM_PERIOD_DAY, NULL);
  guint n_days = days ? g_strv_length(days) : 0;
  CxmReportInput counts;
  guint n_errors = input ? cxm_import_result_get_n_errors(input) : 0;

  cxm_report_input_counts(report, &counts);
  cxm_sink_puts(out, "<header><h1>Customer experience report</h1>\n<dl class=\"meta\">"
                     "<dt>Policy</dt><dd>");
  cxm_html_text(out, cxm_policy_get_name(policy));
  cxm_sink_puts(out, "</dd><dt>Fingerprint</dt><dd><code>");
  cxm_html_text(out, cxm_policy_get_fingerprint(policy));
  cxm_sink_puts(out, "</code></dd><dt>Span (");
  cxm_html_text(out, cxm_policy_get_time_zone(policy, NULL));
  cxm_sink_puts(out, " days)</dt><dd>");
  if (n_days == 0) {
    cxm_sink_puts(out, "no interactions");
  } else {
    cxm_html_text(out, days[0]);
    cxm_sink_puts(out, " to ");
    cxm_html_text(out, days[n_days - 1]);
    cxm_sink_printf(out, " (%u days with interactions)", n_days);
  }
  g_strfreev(days);
  cxm_sink_printf(out,
                  "</dd><dt>Input</dt><dd>%" G_GUINT64_FORMAT
                  " records: %" G_GUINT64_FORMAT " accepted (%" G_GUINT64_FORMAT
                  " leadership events), %" G_GUINT64_FORMAT " rejected",
                  counts.records, counts.accepted, counts.leadership, counts.rejected);
  if (counts.filtered > 0)
    cxm_sink_printf(out, ", %" G_GUINT64_FORMAT " filtered out", counts.filtered);
  cxm_sink_puts(out, "</dd></dl>\n");
  if (n_errors > 0) {
    cxm_sink_puts(out, "<details class=\"rejections\" open><summary>First rejections"
                       "</summary><ul>");
    for (guint i = 0; i < MIN(n_errors, MAX_SHOWN_REJECTIONS); i++) {
      const char *source = cxm_import_result_get_error_source(input, i);
      const char *key = cxm_import_result_get_error_key(input, i);
      cxm_sink_puts(out, "<li>");
      if (source != NULL) {
        cxm_html_text(out, source);
        cxm_sink_puts(out, ": ");
      }
      cxm_sink_printf(out, "line %" G_GUINT64_FORMAT ": ",
                      cxm_import_result_get_error_line(input, i));
      if (key != NULL) {
        cxm_sink_puts(out, "<code>");
        cxm_html_text(out, key);
        cxm_sink_puts(out, "</code>: ");
      }
      cxm_html_text(out, cxm_import_result_get_error_message(input, i));
      cxm_sink_puts(out, "</li>");
    }
    if (counts.rejected > MAX_SHOWN_REJECTIONS)
      cxm_sink_printf(out, "<li>and %" G_GUINT64_FORMAT " more</li>",
                      counts.rejected - MAX_SHOWN_REJECTIONS);
    cxm_sink_puts(out, "</ul></details>\n");
  }
  cxm_sink_puts(out, "</header>\n");
}

/* ---- levels ------------------------------------------------------------ */

static void
kpi(CxmSink *out, const char *name, const char *value)
{
  cxm_sink_printf(out, "<dt>%s</dt><dd>%s</dd>", name, value);
}

static void
write_levels(CxmReport *report)
{
  CxmSink *out = report->sink;
  GArray *rows = rows_new();
  HtmlDot *dots;
  char text[64];

  cxm_report_for_each(report, report->recorder, CXM_GROUP_TOTALS, collect_row, rows);
  cxm_report_for_each(report, report->recorder, CXM_GROUP_LEVEL, collect_row, rows);
  cxm_sink_puts(out, "<section id=\"levels\"><h2>All interactions and levels</h2>\n"
                     "<div class=\"cards\">");
  for (guint i = 0; i < rows->len; i++) {
    const HtmlRow *r = &g_array_index(rows, HtmlRow, i);
    cxm_sink_puts(out, "<div class=\"card\"><h3>");
    cxm_html_text(out, r->key);
    cxm_sink_printf(out, "</h3><p class=\"n\">n = %" G_GUINT64_FORMAT "%s</p><dl>", r->n,
                    r->small ? " (small sample)" : "");
    if (r->suppressed) {
      cxm_sink_puts(out, "<dt>Rates</dt><dd>suppressed</dd></dl></div>");
      continue;
    }
    cxm_html_format_net(text, sizeof text, r->has_net, &r->net, TRUE);
    kpi(out, "Net momentum", text);
    cxm_html_format_rate(text, sizeof text, r->has_rec, &r->rec);
    kpi(out, "Recovery", text);
    cxm_html_format_net(text, sizeof text, r->has_nps, &r->nps, FALSE);
    kpi(out, "NPS", text);
    cxm_html_format_rate(text, sizeof text, r->has_csat, &r->csat);
    kpi(out, "CSAT top-2", text);
    cxm_sink_puts(out, "</dl></div>");
  }
  cxm_sink_puts(out, "</div>\n<div class=\"pair\">");
  dots = g_new(HtmlDot, rows->len);
  dots_from_rows(rows, dots);
  cxm_html_whisker_chart(out, "Momentum and disappointment rates by level",
                         momentum_series, 2, dots, rows->len);
  g_free(dots);
  group_table_head(out, "levels-table", "All interactions and each level", "Level", FALSE,
                   NULL);
  for (guint i = 0; i < rows->len; i++)
    group_table_row(out, &g_array_index(rows, HtmlRow, i), 0, NULL);
  cxm_sink_puts(out, "</tbody></table></div></section>\n");
  g_array_free(rows, TRUE);
}

/* ---- trend --------------------------------------------------------------- */

static void
collect_period(CxmReport *report, CxmPeriodKind kind, const char *name,
               const CxmRecorder *view, gpointer data)
{
  g_autoptr(CxmStats) stats = cxm_recorder_get_stats(view, CXM_GROUP_TOTALS, NULL, NULL);
  HtmlRow row;
  cxm_html_row_fill(&row, name, stats);
  g_array_append_val((GArray *) data, row);
}

/* One row of the comparison of the last two periods; p < 0.05 is
 * significant (two-sided). */
static void
comparison_row(CxmSink *out, const char *name, gboolean ok, const CxmComparison *c,
               gboolean rate)
{
  char a[32], b[32], d[32], p[CXM_FIGURE_SIZE];

  cxm_sink_printf(out, "<tr><th scope=\"row\">%s</th>", name);
  if (!ok) {
    cxm_sink_puts(out, "<td colspan=\"5\" data-v=\"\">no value</td></tr>\n");
    return;
  }
  cxm_html_format_number(a, sizeof a, rate ? 100 * c->a : c->a, rate ? "%" : "");
  cxm_html_format_number(b, sizeof b, rate ? 100 * c->b : c->b, rate ? "%" : "");
  cxm_html_format_signed(d, sizeof d, rate ? 100 * c->delta : c->delta,
                         rate ? " pts" : "");
  cxm_figure(c->p_value, 4, p);
  cxm_sink_printf(
      out, "<td>%s</td><td>%s</td><td>%s</td><td data-v=\"%s\">%s</td><td>%s</td></tr>\n",
      a, b, d, p, p, c->p_value < 0.05 ? "yes (p &lt; 0.05)" : "no");
}

static void
write_comparison(CxmReport *report, CxmPeriodKind kind, const char *pa, const char *pb)
{
  static const struct {
    const char *name;
    CxmRateKind kind;
  } rates[] = {
    { "Momentum rate", CXM_RATE_MOMENTUM },
    { "Disappointment rate", CXM_RATE_DISAPPOINTMENT },
    { "Recovery rate", CXM_RATE_RECOVERY },
    { "CSAT top-2 rate", CXM_RATE_CSAT_TOP2 },
  };
  CxmSink *out = report->sink;
  g_autoptr(CxmStats) a = cxm_recorder_get_period_stats(report->recorder, kind, pa,
                                                        CXM_GROUP_TOTALS, NULL, NULL);
  g_autoptr(CxmStats) b = cxm_recorder_get_period_stats(report->recorder, kind, pb,
                                                        CXM_GROUP_TOTALS, NULL, NULL);
  CxmComparison c;

  cxm_sink_puts(out, "<table class=\"sortable\" id=\"comparison\"><caption>");
  cxm_html_text(out, pa);
  cxm_sink_puts(out, " compared with ");
  cxm_html_text(out, pb);
  cxm_sink_puts(out, " (all interactions; two-sided tests)</caption>\n<thead><tr>"
                     "<th scope=\"col\" class=\"t\">Indicator</th><th scope=\"col\">");
  cxm_html_text(out, pa);
  cxm_sink_puts(out, "</th><th scope=\"col\">");
  cxm_html_text(out, pb);
  cxm_sink_puts(out, "</th><th scope=\"col\">Δ</th><th scope=\"col\">p</th>"
                     "<th scope=\"col\">Significant</th></tr></thead>\n<tbody>\n");
  if (cxm_stats_is_suppressed(a) || cxm_stats_is_suppressed(b)) {
    cxm_sink_puts(out,
                  "<tr><th scope=\"row\">All</th>"
                  "<td colspan=\"5\" class=\"sup\" data-v=\"\">suppressed</td></tr>\n");
  } else {
    comparison_row(out, "Net momentum",
                   cxm_stats_compare_net_score(a, b, CXM_NET_MOMENTUM, &c), &c, FALSE);
    comparison_row(out, "NPS", cxm_stats_compare_net_score(a, b, CXM_NET_NPS, &c), &c,
                   FALSE);
    for (gsize i = 0; i < G_N_ELEMENTS(rates); i++)
      comparison_row(out, rates[i].name, cxm_stats_compare_rate(a, b, rates[i].kind, &c),
                     &c, TRUE);
  }
  cxm_sink_puts(out, "</tbody></table>\n");
}

static void
write_trend(CxmReport *report)
{
  CxmSink *out = report->sink;
  const CxmPeriodKind kind = trend_kind(report->flags);
  GArray *rows = rows_new();
  g_autofree char *title = NULL;

  cxm_report_for_each_period(report, kind, collect_period, rows);
  title = g_strdup_printf("Trend per %s", cxm_period_kind_name(kind));
  cxm_sink_printf(out, "<section id=\"trend\"><h2>%s</h2>\n", title);
  if (rows->len == 0) {
    cxm_sink_puts(out, "<p>No periods.</p></section>\n");
    g_array_free(rows, TRUE);
    return;
  }
  cxm_sink_puts(out, "<div class=\"pair\"><div class=\"charts\">");
  cxm_html_trend_chart(out, title, rows);
  cxm_sink_puts(out, "</div>");
  cxm_sink_printf(out, "<div class=\"scroll\">");
  group_table_head(out, "trend-table", title, "Period", FALSE, NULL);
  for (guint i = 0; i < rows->len; i++)
    group_table_row(out, &g_array_index(rows, HtmlRow, i), 0, NULL);
  cxm_sink_puts(out, "</tbody></table></div></div>\n");
  if (rows->len >= 2)
    write_comparison(report, kind, g_array_index(rows, HtmlRow, rows->len - 2).key,
                     g_array_index(rows, HtmlRow, rows->len - 1).key);
  cxm_sink_puts(out, "</section>\n");
  g_array_free(rows, TRUE);
}

/* ---- groups -------------------------------------------------------------- */

static void
write_groups(CxmReport *report, const CxmReportGroup *group)
{
  GArray *rows = rows_new();
  g_autofree char *title = NULL;

  cxm_report_for_each(report, report->recorder, group->kind, collect_row, rows);
  title = g_strdup_printf("%c%s", g_ascii_toupper(group->plural[0]), group->plural + 1);
  ranked_groups(report, rows, group->plural, title,
                group->kind == CXM_GROUP_TEAM ? "Team" : "Channel", NULL, NULL);
  g_array_free(rows, TRUE);
}

static void
write_employee(CxmReport *report, const char *key, const CxmStats *stats, gpointer data)
{
  HtmlRow row;
  cxm_html_row_fill(&row, key, stats);
  group_table_row(report->sink, &row, 0, NULL);
  g_free(row.key);
}

/* Employees can be many: a table as they come, no chart, no rank. */
static void
write_employees(CxmReport *report)
{
  CxmSink *out = report->sink;

  cxm_sink_puts(out,
                "<section id=\"employees\"><h2>Employees</h2>\n<div class=\"scroll\">");
  group_table_head(out, "employees-table", "Employees", "Employee", FALSE, NULL);
  cxm_report_for_each(report, report->recorder, CXM_GROUP_EMPLOYEE, write_employee, NULL);
  cxm_sink_puts(out, "</tbody></table></div></section>\n");
}

typedef struct {
  GArray *rows;
  GArray *direct;
} ScopeRows;

static void
collect_scope(CxmReport *report, const char *person, guint depth,
              const CxmStats *direct, const CxmStats *cumulative, gpointer data)
{
  ScopeRows *s = data;
  guint64 n = cxm_stats_get_count(direct, CXM_COUNT_N);
  collect_row(report, person, cumulative, s->rows);
  g_array_append_val(s->direct, n);
}

static int
by_rank_with(gconstpointer a, gconstpointer b)
{
  return by_rank(*(HtmlRow *const *) a, *(HtmlRow *const *) b);
}

static void
write_scopes(CxmReport *report)
{
  ScopeRows s = { rows_new(), g_array_new(FALSE, FALSE, sizeof(guint64)) };
  GPtrArray *order;
  GArray *ranked;
  guint64 *direct;

  cxm_report_for_each_scope(report, collect_scope, &s);
  /* Rank the rows and keep each one's direct n beside it. */
  order = g_ptr_array_new();
  for (guint i = 0; i < s.rows->len; i++)
    g_ptr_array_add(order, &g_array_index(s.rows, HtmlRow, i));
  g_ptr_array_sort(order, by_rank_with);
  ranked = g_array_new(FALSE, FALSE, sizeof(HtmlRow));
  direct = g_new(guint64, MAX(s.rows->len, 1));
  for (guint i = 0; i < order->len; i++) {
    HtmlRow *r = g_ptr_array_index(order, i);
    g_array_append_val(ranked, *r);
    direct[i] = g_array_index(s.direct, guint64, r - (HtmlRow *) s.rows->data);
  }
  ranked_groups(report, ranked, "scopes", "Scopes (cumulative)", "Person", direct,
                "Direct n");
  g_array_free(ranked, TRUE); /* the keys belong to s.rows */
  g_ptr_array_free(order, TRUE);
  g_free(direct);
  g_array_free(s.rows, TRUE);
  g_array_free(s.direct, TRUE);
}

/* ---- difficult moments --------------------------------------------------- */

static int
by_key(gconstpointer a, gconstpointer b)
{
  return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Difficulty kind x team: disappointments, darker where there are more. */
static void
write_heat_map(CxmReport *report, const CxmHotspot *spots, gsize n)
{
  GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
  GPtrArray *teams = g_ptr_array_new();
  const char *kinds[CXM_DIFFICULTY_COUNT];
  HtmlHeat *cells;
  guint64 max = 0;

  for (gsize i = 0; i < n; i++)
    if (spots[i].kind == CXM_GROUP_TEAM && !g_hash_table_contains(index, spots[i].key)) {
      g_hash_table_add(index, spots[i].key);
      g_ptr_array_add(teams, spots[i].key);
    }
  g_ptr_array_sort(teams, by_key);
  for (guint i = 0; i < teams->len; i++)
    g_hash_table_insert(index, teams->pdata[i], GUINT_TO_POINTER(i));
  for (int k = 0; k < CXM_DIFFICULTY_COUNT; k++)
    kinds[k] = cxm_difficulty_name(k);
  cells = g_new0(HtmlHeat, MAX(teams->len, 1) * CXM_DIFFICULTY_COUNT);
  for (gsize i = 0; i < n; i++) {
    if (spots[i].kind != CXM_GROUP_TEAM)
      continue;
    guint row = GPOINTER_TO_UINT(g_hash_table_lookup(index, spots[i].key));
    HtmlHeat *cell = &cells[row * CXM_DIFFICULTY_COUNT + spots[i].difficulty];
    cell->present = TRUE;
    cell->suppressed = cxm_report_suppressed_count(report, spots[i].counts.count);
    cell->value = spots[i].counts.disappointment;
    if (!cell->suppressed)
      max = MAX(max, cell->value);
  }
  if (teams->len > 0)
    cxm_html_heat_map(report->sink,
                      "Hot spots: disappointments by team and difficult moment "
                      "(darker: more; s, hatched: suppressed)",
                      (const char *const *) teams->pdata, teams->len, kinds,
                      CXM_DIFFICULTY_COUNT, cells, max);
  g_free(cells);
  g_ptr_array_free(teams, TRUE);
  g_hash_table_destroy(index);
}

static void
write_hotspot_list(CxmReport *report, const CxmHotspot *spots, gsize n, double z)
{
  CxmSink *out = report->sink;
  static const char *const order[] = {
    [CXM_HOTSPOT_BY_DISAPPOINTMENT] = "most disappointments first",
    [CXM_HOTSPOT_BY_DISAPPOINTMENT_RATE] = "highest share of disappointments first",
    [CXM_HOTSPOT_BY_RECOVERY_RATE] = "lowest recovery rate first",
  };

  cxm_sink_printf(out,
                  "<div class=\"scroll\"><table class=\"sortable\" id=\"hotspots-table\">"
                  "<caption>Hot spots, %s</caption>\n",
                  order[report->options->hotspot_rank]);
  cxm_sink_puts(
      out,
      "<thead><tr>"
      "<th scope=\"col\">Rank</th><th scope=\"col\" class=\"t\">Difficult moment</th>"
      "<th scope=\"col\" class=\"t\">Where</th><th scope=\"col\">Records</th>"
      "<th scope=\"col\">Momentum</th><th scope=\"col\">Disappointments</th>"
      "<th scope=\"col\">Recovery</th></tr></thead>\n<tbody>\n");
  for (gsize i = 0; i < n; i++) {
    const CxmHotspot *spot = &spots[i];
    CxmRate rate;
    cxm_sink_printf(out,
                    "<tr><td data-v=\"%" G_GSIZE_FORMAT "\">%" G_GSIZE_FORMAT
                    "</td><th scope=\"row\">%s</th><td class=\"t\">%s ",
                    i + 1, i + 1, cxm_difficulty_name(spot->difficulty),
                    spot->kind == CXM_GROUP_TEAM ? "team" : "channel");
    cxm_html_text(out, spot->key);
    cxm_sink_puts(out, "</td>");
    cxm_html_count_cell(out, spot->counts.count);
    cxm_html_count_cell(out, spot->counts.momentum);
    cxm_html_count_cell(out, spot->counts.disappointment);
    if (cxm_report_suppressed_count(report, spot->counts.count))
      cxm_sink_puts(out, "<td class=\"sup\" data-v=\"\">suppressed</td>");
    else
      cxm_html_rate_cell(
          out,
          cxm_wilson_interval(spot->counts.recovered, spot->counts.difficult, z, &rate),
          &rate);
    cxm_sink_puts(out, "</tr>\n");
  }
  cxm_sink_puts(out, "</tbody></table></div>\n");
}

/* Recovery by difficult-moment kind over all interactions, and with
 * CXM_REPORT_HOTSPOTS the heat map and the list. */
static void
write_difficulties(CxmReport *report)
{
  static const char *const series[1] = { "Recovery rate" };
  CxmSink *out = report->sink;
  g_autoptr(CxmStats) totals =
      cxm_recorder_get_stats(report->recorder, CXM_GROUP_TOTALS, NULL, NULL);
  const double z = cxm_stats_get_z(totals);
  const gboolean suppressed = cxm_stats_is_suppressed(totals);
  HtmlDot dots[CXM_DIFFICULTY_COUNT];
  CxmBreakdown b[CXM_DIFFICULTY_COUNT];

  cxm_sink_puts(out, "<section id=\"difficulties\"><h2>Difficult moments</h2>\n");
  if (report->flags & CXM_REPORT_HOTSPOTS) {
    gsize n = 0;
    CxmHotspot *spots = cxm_report_get_hotspots(report, &n);
    write_heat_map(report, spots, n);
    write_hotspot_list(report, spots, n, z);
    cxm_hotspots_free(spots, n);
  }
  for (int k = 0; k < CXM_DIFFICULTY_COUNT; k++) {
    cxm_stats_get_difficulty(totals, k, &b[k]);
    memset(&dots[k], 0, sizeof dots[k]);
    dots[k].label = cxm_difficulty_name(k);
    dots[k].suppressed = suppressed;
    dots[k].has[0] = !suppressed && cxm_wilson_interval(b[k].recovered, b[k].difficult, z,
                                                        &dots[k].rate[0]);
  }
  cxm_sink_puts(out, "<div class=\"pair\">");
  cxm_html_whisker_chart(out, "Recovery rate by difficult moment", series, 1, dots,
                         CXM_DIFFICULTY_COUNT);
  cxm_sink_puts(
      out,
      "<table class=\"sortable\" id=\"recovery-table\"><caption>Recovery by "
      "difficult moment (all interactions)</caption>\n<thead><tr>"
      "<th scope=\"col\" class=\"t\">Difficult moment</th>"
      "<th scope=\"col\">Records</th><th scope=\"col\">Recovered</th><th scope=\"col\">Recovery</th>"
      "</tr></thead>\n<tbody>\n");
  for (int k = 0; k < CXM_DIFFICULTY_COUNT; k++) {
    cxm_sink_printf(out, "<tr><th scope=\"row\">%s</th>", cxm_difficulty_name(k));
    cxm_html_count_cell(out, b[k].count);
    cxm_html_count_cell(out, b[k].recovered);
    if (suppressed)
      cxm_sink_puts(out, "<td class=\"sup\" data-v=\"\">suppressed</td>");
    else
      cxm_html_rate_cell(out, dots[k].has[0], &dots[k].rate[0]);
    cxm_sink_puts(out, "</tr>\n");
  }
  cxm_sink_puts(out, "</tbody></table></div></section>\n");
}

/* ---- leadership (SPEC section 5a) -------------------------------------- */

typedef struct {
  char *key;
  gboolean suppressed, has_cadence;
  guint64 team_weeks, weekly, daily, met_n, not_met_n;
  gboolean has_weekly, has_daily, has_met, has_not_met, has_test;
  CxmRate weekly_rate, daily_rate, met, not_met;
  CxmComparison test;
} LeadRow;

static void
collect_lead(CxmReport *report, const char *key, const CxmStats *stats, gpointer data)
{
  LeadRow r = { 0 };

  r.key = g_strdup(key ? key : "All");
  r.suppressed = cxm_stats_is_suppressed(stats);

  r.has_cadence = cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_WEEKLY,
                                                       &r.weekly, &r.team_weeks);
  cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_DAILY, &r.daily, NULL);
  cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_MOMENTUM_MET, NULL,
                                       &r.met_n);
  cxm_stats_get_leadership_rate_counts(stats, CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET, NULL,
                                       &r.not_met_n);
  if (!r.suppressed) {
    r.has_weekly =
        cxm_stats_get_leadership_rate(stats, CXM_LEADERSHIP_RATE_WEEKLY, &r.weekly_rate);
    r.has_daily =
        cxm_stats_get_leadership_rate(stats, CXM_LEADERSHIP_RATE_DAILY, &r.daily_rate);
    r.has_met =
        cxm_stats_get_leadership_rate(stats, CXM_LEADERSHIP_RATE_MOMENTUM_MET, &r.met);
    r.has_not_met = cxm_stats_get_leadership_rate(
        stats, CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET, &r.not_met);
    r.has_test = cxm_stats_compare_momentum_by_cadence(stats, &r.test);
  }
  g_array_append_val((GArray *) data, r);
}

static void
lead_clear(gpointer data)
{
  g_free(((LeadRow *) data)->key);
}

/* The totals' events, coaching coverage and recognitions per 100. */
static void
write_leadership_totals(CxmReport *report)
{
  CxmSink *out = report->sink;
  g_autoptr(CxmStats) totals =
      cxm_recorder_get_stats(report->recorder, CXM_GROUP_TOTALS, NULL, NULL);
  guint64 coached = 0, employees = 0;
  CxmRate coverage;
  double per_100;
  char text[96];

  /* Days without employees (a snapshot's, filtered) have no coverage. */
  const gboolean has_coverage = cxm_stats_get_leadership_rate_counts(
      totals, CXM_LEADERSHIP_RATE_COACHING_COVERAGE, &coached, &employees);
  cxm_sink_printf(out, "<dl class=\"meta\"><dt>Events</dt><dd>%" G_GUINT64_FORMAT "</dd>",
                  cxm_stats_get_leadership_count(totals, CXM_UNSET));
  if (cxm_stats_is_suppressed(totals)) {
    cxm_sink_puts(out, "<dt>Rates</dt><dd>suppressed</dd></dl>\n");
    return;
  }
  if (has_coverage) {
    cxm_html_format_rate(text, sizeof text,
                         cxm_stats_get_leadership_rate(
                             totals, CXM_LEADERSHIP_RATE_COACHING_COVERAGE, &coverage),
                         &coverage);
    cxm_sink_printf(out,
                    "<dt>Coaching coverage</dt><dd>%s (%" G_GUINT64_FORMAT
                    " of %" G_GUINT64_FORMAT " employees coached)</dd>",
                    text, coached, employees);
  }
  if (cxm_stats_get_recognition_per_100(totals, &per_100))
    cxm_html_format_number(text, sizeof text, per_100, "");
  else
    g_strlcpy(text, "–", sizeof text);
  cxm_sink_printf(out, "<dt>Recognitions per 100 interactions</dt><dd>%s</dd></dl>\n",
                  text);
}

static void
write_leadership(CxmReport *report)
{
  static const char *const cadence[1] = { "Weekly cadence met" };
  static const char *const by_cadence[2] = { "Momentum, cadence met",
                                             "Momentum, not met" };
  CxmSink *out = report->sink;
  GArray *rows = g_array_new(FALSE, FALSE, sizeof(LeadRow));
  HtmlDot *dots;

  g_array_set_clear_func(rows, lead_clear);
  cxm_report_for_each(report, report->recorder, CXM_GROUP_TOTALS, collect_lead, rows);
  cxm_report_for_each(report, report->recorder, CXM_GROUP_TEAM, collect_lead, rows);
  cxm_sink_puts(out, "<section id=\"leadership\"><h2>Leadership</h2>\n");
  write_leadership_totals(report);
  if (!g_array_index(rows, LeadRow, 0).has_cadence) {
    /* Days that are not whole weeks (a snapshot's, filtered). */
    cxm_sink_puts(out, "<p>Cadence is counted in whole weeks, Monday to Sunday: not in "
                       "these days.</p></section>\n");
    g_array_free(rows, TRUE);
    return;
  }
  cxm_sink_puts(out, "<div class=\"pair\">");
  dots = g_new(HtmlDot, rows->len);
  for (guint i = 0; i < rows->len; i++) {
    const LeadRow *r = &g_array_index(rows, LeadRow, i);
    dots[i] = (HtmlDot){
      r->key, r->suppressed, FALSE, { r->has_weekly, FALSE }, { r->weekly_rate }
    };
  }
  cxm_html_whisker_chart(out, "Weekly huddle cadence met, share of active team-weeks",
                         cadence, 1, dots, rows->len);
  for (guint i = 0; i < rows->len; i++) {
    const LeadRow *r = &g_array_index(rows, LeadRow, i);
    dots[i] = (HtmlDot){
      r->key, r->suppressed, FALSE, { r->has_met, r->has_not_met }, { r->met, r->not_met }
    };
  }
  cxm_html_whisker_chart(out, "Momentum rate when the weekly cadence is met and not met",
                         by_cadence, 2, dots, rows->len);
  g_free(dots);
  cxm_sink_puts(out,
                "</div>\n<div class=\"scroll\"><table class=\"sortable\" "
                "id=\"leadership-table\"><caption>Huddle cadence and momentum by "
                "team</caption>\n<thead><tr><th scope=\"col\" class=\"t\">Team</th>"
                "<th scope=\"col\">Team-weeks</th><th scope=\"col\">Weekly cadence</th>"
                "<th scope=\"col\">Daily cadence</th><th scope=\"col\">n met</th>"
                "<th scope=\"col\">Momentum met</th><th scope=\"col\">n not met</th>"
                "<th scope=\"col\">Momentum not met</th><th scope=\"col\">Δ</th>"
                "<th scope=\"col\">p</th></tr></thead>\n<tbody>\n");
  for (guint i = 0; i < rows->len; i++) {
    const LeadRow *r = &g_array_index(rows, LeadRow, i);
    char v[CXM_FIGURE_SIZE], shown[32];
    cxm_sink_puts(out, "<tr><th scope=\"row\">");
    cxm_html_text(out, r->key);
    cxm_sink_puts(out, "</th>");
    cxm_html_count_cell(out, r->team_weeks);
    if (r->suppressed) {
      cxm_sink_puts(out,
                    "<td colspan=\"8\" class=\"sup\" data-v=\"\">suppressed</td></tr>\n");
      continue;
    }
    cxm_html_rate_cell(out, r->has_weekly, &r->weekly_rate);
    cxm_html_rate_cell(out, r->has_daily, &r->daily_rate);
    cxm_html_count_cell(out, r->met_n);
    cxm_html_rate_cell(out, r->has_met, &r->met);
    cxm_html_count_cell(out, r->not_met_n);
    cxm_html_rate_cell(out, r->has_not_met, &r->not_met);
    if (r->has_test) {
      cxm_figure(r->test.delta, CXM_RATE_DECIMALS, v);
      cxm_html_format_signed(shown, sizeof shown, 100 * r->test.delta, " pts");
      cxm_sink_printf(out, "<td data-v=\"%s\">%s</td>", v, shown);
      cxm_figure(r->test.p_value, 4, v);
      cxm_sink_printf(out, "<td data-v=\"%s\">%s</td>", v, v);
    } else {
      cxm_sink_puts(out, "<td data-v=\"\">–</td><td data-v=\"\">–</td>");
    }
    cxm_sink_puts(out, "</tr>\n");
  }
  cxm_sink_puts(out, "</tbody></table></div></section>\n");
  g_array_free(rows, TRUE);
}

/* ---- the page -------------------------------------------------------- */

void
cxm_report_write_html(CxmReport *report)
{
  CxmSink *out = report->sink;
  const CxmPolicy *policy = cxm_recorder_get_policy(report->recorder);
  CxmReportInput counts;

  cxm_report_input_counts(report, &counts);
  cxm_html_page_begin(out, cxm_policy_get_name(policy),
                      cxm_policy_get_fingerprint(policy),
                      cxm_period_kind_name(trend_kind(report->flags)));
  write_header(report);
  cxm_sink_puts(out, "<main>\n");
  write_levels(report);
  write_trend(report);
  for (gsize i = 0; i < G_N_ELEMENTS(cxm_report_groups); i++) {
    if (!(report->flags & cxm_report_groups[i].flag))
      continue;
    if (cxm_report_groups[i].kind == CXM_GROUP_EMPLOYEE)
      write_employees(report);
    else
      write_groups(report, &cxm_report_groups[i]);
  }
  if (report->scopes != NULL)
    write_scopes(report);
  write_difficulties(report);
  if (counts.leadership > 0)
    write_leadership(report);
  cxm_sink_puts(out, "</main>\n");
  cxm_html_page_end(out);
}
