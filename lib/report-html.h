/* SPDX-License-Identifier: MIT */
/* What the HTML report's sections (report-html.c) draw with
 * (report-html-draw.c): escaping for each context, number cells, the
 * charts, and the page around them. */
#ifndef CXM_REPORT_HTML_H
#define CXM_REPORT_HTML_H

#include <cxm/stats.h>

#include "sink.h"

/* One group's figures, as a chart and its table need them. */
typedef struct {
  char *key;
  guint64 n;
  gboolean suppressed, small;
  gboolean has_m, has_d, has_rec, has_csat, has_net, has_nps;
  CxmRate m, d, rec, csat;
  CxmNetScore net, nps;
} HtmlRow;

void cxm_html_row_fill(HtmlRow *row, const char *key, const CxmStats *stats);

/* One row of a whisker chart: up to two rates, each with its interval. */
typedef struct {
  const char *label;
  gboolean suppressed, small;
  gboolean has[2];
  CxmRate rate[2];
} HtmlDot;

/* @text as element text or a quoted attribute value: & < > " ' as
 * references, invalid UTF-8, control characters and noncharacters as
 * U+FFFD (an HTML parser's errors otherwise). */
void cxm_html_text(CxmSink *out, const char *text);
/* @text as a JSON string inside a <script> data block: "<", ">", "&",
 * U+2028 and U+2029 as \u escapes, so nothing in it ends the element. */
void cxm_html_script_string(CxmSink *out, const char *text);

/* Figures for people, locale-independent: "42.1%", "+17.9 ± 2.0", "–"; a
 * rate with its interval as markup ("42.1%<span class="ci"> 40.2–44.0</span>"). */
void cxm_html_format_number(char *text, gsize size, double value, const char *unit);
void cxm_html_format_signed(char *text, gsize size, double value, const char *unit);
void cxm_html_format_rate(char *text, gsize size, gboolean has, const CxmRate *rate);
void cxm_html_format_net(char *text, gsize size, gboolean has, const CxmNetScore *net,
                         gboolean margin);

/* Table cells whose data-v is the JSON report's figure. */
void cxm_html_count_cell(CxmSink *out, guint64 n);
void cxm_html_rate_cell(CxmSink *out, gboolean has, const CxmRate *rate);
void cxm_html_net_cell(CxmSink *out, gboolean has, const CxmNetScore *net,
                       gboolean margin);

/* A <figure> of horizontal dots with interval whiskers, one line per dot,
 * @n_series (1 or 2) rates each, named by @series. */
void cxm_html_whisker_chart(CxmSink *out, const char *caption, const char *const *series,
                            int n_series, const HtmlDot *dots, guint n_dots);
/* The rates and net momentum of @rows (HtmlRow, one per period) over time,
 * with interval bands. */
void cxm_html_trend_chart(CxmSink *out, const char *caption, const GArray *rows);

/* One cell of a heat map: its value (shade), its text, suppressed or not. */
typedef struct {
  gboolean present, suppressed;
  guint64 value;
} HtmlHeat;
/* A heat map of @n_rows x @n_cols cells (row-major), the darkest at @max. */
void cxm_html_heat_map(CxmSink *out, const char *caption, const char *const *rows,
                       guint n_rows, const char *const *cols, guint n_cols,
                       const HtmlHeat *cells, guint64 max);

/* The page up to <body>'s content, and from its end. */
void cxm_html_page_begin(CxmSink *out, const char *policy, const char *fingerprint,
                         const char *trend);
void cxm_html_page_end(CxmSink *out);

#endif
