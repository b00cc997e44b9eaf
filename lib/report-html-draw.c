/* SPDX-License-Identifier: MIT */
/* The HTML report's drawing (report-html.h): escaping, figures, charts as
 * inline SVG, and the page with its style and sort script.
 *
 * Colours are Okabe and Ito's, which stay apart under the common colour
 * blindnesses, and never carry a meaning alone: momentum is a blue circle
 * on a solid line, disappointment a vermillion square on a dashed one; the
 * heat map is one hue's lightness with its number written in each cell. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "figures.h"
#include "report-html.h"

#define COLOUR_M "#0072B2" /* blue */
#define COLOUR_D "#D55E00" /* vermillion */
#define COLOUR_INK "#222"
#define COLOUR_GRID "#ddd"

static const char *const colours[2] = { COLOUR_M, COLOUR_D };

/* ---- escaping -------------------------------------------------------- */

/* Characters an HTML parser reports as errors: C0 controls but whitespace,
 * DEL, C1 controls, noncharacters. */
static gboolean
bad_in_html(gunichar c)
{
  if (c < 0x20)
    return c != '\t' && c != '\n' && c != '\r' && c != '\f';
  return (c >= 0x7f && c < 0xa0) || (c >= 0xfdd0 && c <= 0xfdef) ||
         (c & 0xfffe) == 0xfffe;
}

/* Calls @escape for each character, which returns its replacement or NULL
 * to keep it; runs of kept text are appended as they are. */
static void
escaped(CxmSink *out, const char *text, const char *(*escape)(gunichar c, char *buf))
{
  g_autofree char *valid = NULL;
  const char *run, *p;
  char buf[16];

  if (!g_utf8_validate(text, -1, NULL))
    text = valid = g_utf8_make_valid(text, -1);
  for (run = p = text; *p != '\0'; p = g_utf8_next_char(p)) {
    const char *with = escape(g_utf8_get_char(p), buf);
    if (with == NULL)
      continue;
    cxm_sink_append(out, run, p - run);
    cxm_sink_puts(out, with);
    run = g_utf8_next_char(p);
  }
  cxm_sink_append(out, run, p - run);
}

static const char *
html_escape(gunichar c, char *buf)
{
  switch (c) {
  case '&':
    return "&amp;";
  case '<':
    return "&lt;";
  case '>':
    return "&gt;";
  case '"':
    return "&quot;";
  case '\'':
    return "&#39;";
  default:
    return bad_in_html(c) ? "\xEF\xBF\xBD" : NULL;
  }
}

void
cxm_html_text(CxmSink *out, const char *text)
{
  escaped(out, text, html_escape);
}

static const char *
script_escape(gunichar c, char *buf)
{
  switch (c) {
  case '"':
    return "\\\"";
  case '\\':
    return "\\\\";
  case '<':
  case '>':
  case '&':
  case 0x2028:
  case 0x2029:
    g_snprintf(buf, 16, "\\u%04x", c);
    return buf;
  default:
    if (c < 0x20 || c == 0x7f) {
      g_snprintf(buf, 16, "\\u%04x", c);
      return buf;
    }
    return bad_in_html(c) ? "\\ufffd" : NULL;
  }
}

void
cxm_html_script_string(CxmSink *out, const char *text)
{
  cxm_sink_putc(out, '"');
  escaped(out, text, script_escape);
  cxm_sink_putc(out, '"');
}

/* ---- figures --------------------------------------------------------- */

/* "%.1f" in the C locale, never "-0.0". */
static void
one_decimal(char *text, gsize size, double value)
{
  if (value > -0.05 && value < 0.05)
    value = 0;
  g_ascii_formatd(text, size, "%.1f", value);
}

void
cxm_html_format_number(char *text, gsize size, double value, const char *unit)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  one_decimal(number, sizeof number, value);
  g_snprintf(text, size, "%s%s", number, unit);
}

void
cxm_html_format_signed(char *text, gsize size, double value, const char *unit)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  one_decimal(number, sizeof number, value);
  g_snprintf(text, size, "%s%s%s", number[0] == '-' ? "" : "+", number, unit);
}

void
cxm_html_format_rate(char *text, gsize size, gboolean has, const CxmRate *rate)
{
  char v[16], lo[16], hi[16];

  if (!has) {
    g_strlcpy(text, "–", size);
    return;
  }
  one_decimal(v, sizeof v, 100 * rate->value);
  one_decimal(lo, sizeof lo, 100 * rate->low);
  one_decimal(hi, sizeof hi, 100 * rate->high);
  g_snprintf(text, size, "%s%%<span class=\"ci\"> %s–%s</span>", v, lo, hi);
}

void
cxm_html_format_net(char *text, gsize size, gboolean has, const CxmNetScore *net,
                    gboolean margin)
{
  char score[24], moe[16];

  if (!has) {
    g_strlcpy(text, "–", size);
    return;
  }
  cxm_html_format_signed(score, sizeof score, net->score, "");
  one_decimal(moe, sizeof moe, net->moe95);
  if (margin)
    g_snprintf(text, size, "%s ± %s", score, moe);
  else
    g_strlcpy(text, score, size);
}

void
cxm_html_count_cell(CxmSink *out, guint64 n)
{
  cxm_sink_printf(out, "<td data-v=\"%" G_GUINT64_FORMAT "\">%" G_GUINT64_FORMAT "</td>",
                  n, n);
}

void
cxm_html_rate_cell(CxmSink *out, gboolean has, const CxmRate *rate)
{
  char v[CXM_FIGURE_SIZE], shown[16], lo[16], hi[16];

  if (!has) {
    cxm_sink_puts(out, "<td data-v=\"\">–</td>");
    return;
  }
  cxm_figure(rate->value, CXM_RATE_DECIMALS, v);
  one_decimal(shown, sizeof shown, 100 * rate->value);
  one_decimal(lo, sizeof lo, 100 * rate->low);
  one_decimal(hi, sizeof hi, 100 * rate->high);
  cxm_sink_printf(out, "<td data-v=\"%s\">%s%%<span class=\"ci\"> %s–%s</span></td>", v,
                  shown, lo, hi);
}

void
cxm_html_net_cell(CxmSink *out, gboolean has, const CxmNetScore *net, gboolean margin)
{
  char v[CXM_FIGURE_SIZE], score[24], moe[16];

  if (!has) {
    cxm_sink_puts(out, "<td data-v=\"\">–</td>");
    return;
  }
  cxm_figure(net->score, CXM_SCORE_DECIMALS, v);
  cxm_html_format_signed(score, sizeof score, net->score, "");
  cxm_sink_printf(out, "<td data-v=\"%s\">%s", v, score);
  if (margin) {
    one_decimal(moe, sizeof moe, net->moe95);
    cxm_sink_printf(out, "<span class=\"ci\"> ± %s</span>", moe);
  }
  cxm_sink_puts(out, "</td>");
}

/* ---- SVG ------------------------------------------------------------- */

/* A coordinate: one decimal, C locale. */
typedef char Coord[G_ASCII_DTOSTR_BUF_SIZE];

static const char *
coord(Coord text, double value)
{
  return g_ascii_formatd(text, sizeof(Coord), "%.1f", value);
}

static void
figure_begin(CxmSink *out, const char *caption, double width, double height)
{
  Coord w, h;
  cxm_sink_puts(out, "<figure><figcaption>");
  cxm_html_text(out, caption);
  cxm_sink_printf(out,
                  "</figcaption>\n<svg role=\"img\" "
                  "viewBox=\"0 0 %s %s\" width=\"%s\" height=\"%s\" aria-label=\"",
                  coord(w, width), coord(h, height), w, h);
  cxm_html_text(out, caption);
  cxm_sink_puts(out, " (the numbers are in the table beside)\">\n");
}

static void
figure_end(CxmSink *out)
{
  cxm_sink_puts(out, "</svg></figure>\n");
}

/* A series' marker at (@x, @y): a circle for the first, a square for the
 * second; hollow for a small sample. */
static void
marker(CxmSink *out, int series, double x, double y, gboolean hollow)
{
  Coord cx, cy;
  const char *fill = hollow ? "#fff" : colours[series];

  if (series == 0)
    cxm_sink_printf(out,
                    "<circle cx=\"%s\" cy=\"%s\" r=\"4\" fill=\"%s\" stroke=\"%s\"/>",
                    coord(cx, x), coord(cy, y), fill, colours[0]);
  else
    cxm_sink_printf(out,
                    "<rect x=\"%s\" y=\"%s\" width=\"7\" height=\"7\" fill=\"%s\" "
                    "stroke=\"%s\"/>",
                    coord(cx, x - 3.5), coord(cy, y - 3.5), fill, colours[1]);
}

static void
legend(CxmSink *out, const char *const *series, int n_series, double x, double y,
       gboolean lines)
{
  Coord a, b, c;
  for (int s = 0; s < n_series; s++) {
    if (lines)
      cxm_sink_printf(out,
                      "<line x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\" stroke=\"%s\" "
                      "stroke-width=\"2\"%s/>",
                      coord(a, x - 8), coord(b, x + 8), coord(c, y), c, colours[s],
                      s == 1 ? " stroke-dasharray=\"5 3\"" : "");
    marker(out, s, x, y, FALSE);
    cxm_sink_printf(out, "<text x=\"%s\" y=\"%s\">%s</text>", coord(a, x + 12),
                    coord(b, y + 4), series[s]);
    x += 12 + 7.5 * strlen(series[s]) + 24;
  }
  cxm_sink_puts(out, "\n");
}

/* The top of a 0..1 scale holding @high, and its tick step. */
static double
rate_scale(double high, double *step)
{
  *step = high <= 0.2 ? 0.05 : high <= 0.5 ? 0.1 : 0.2;
  return MIN(1.0, MAX(*step, ceil(high / *step - 1e-9) * *step));
}

/* @label cut to @max characters, "…" ending a cut one. */
static char *
cut_label(const char *label, glong max)
{
  g_autofree char *valid = g_utf8_make_valid(label, -1);
  if (g_utf8_strlen(valid, -1) <= max)
    return g_steal_pointer(&valid);
  g_autofree char *head = g_utf8_substring(valid, 0, max - 1);
  return g_strconcat(head, "…", NULL);
}

enum {
  W_WIDTH = 560,
  W_LABEL = 170,
  W_RIGHT = 16,
  W_TOP = 40
};

void
cxm_html_whisker_chart(CxmSink *out, const char *caption, const char *const *series,
                       int n_series, const HtmlDot *dots, guint n_dots)
{
  const double row_h = n_series == 2 ? 24 : 18;
  const double plot_w = W_WIDTH - W_LABEL - W_RIGHT;
  double high = 0, step, top;
  Coord a, b, c, d;

  for (guint i = 0; i < n_dots; i++)
    for (int s = 0; s < n_series; s++)
      if (!dots[i].suppressed && dots[i].has[s])
        high = MAX(high, dots[i].rate[s].high);
  top = rate_scale(high, &step);
#define X(v) (W_LABEL + plot_w * (v) / top)
  figure_begin(out, caption, W_WIDTH, W_TOP + row_h * n_dots + 8);
  legend(out, series, n_series, W_LABEL + 8, 12, FALSE);
  for (double t = 0; t <= top + 1e-9; t += step) {
    cxm_sink_printf(out,
                    "<line x1=\"%s\" x2=\"%s\" y1=\"%d\" y2=\"%s\" stroke=\"%s\"/>"
                    "<text x=\"%s\" y=\"32\" text-anchor=\"middle\">%d%%</text>",
                    coord(a, X(t)), a, W_TOP - 4, coord(b, W_TOP + row_h * n_dots),
                    COLOUR_GRID, a, (int) lround(100 * t));
  }
  cxm_sink_puts(out, "\n");
  for (guint i = 0; i < n_dots; i++) {
    const HtmlDot *dot = &dots[i];
    const double y = W_TOP + row_h * i + row_h / 2;
    g_autofree char *label = cut_label(dot->label, 24);

    cxm_sink_printf(out, "<text x=\"%d\" y=\"%s\" text-anchor=\"end\">", W_LABEL - 6,
                    coord(a, y + 4));
    cxm_html_text(out, label);
    if (dot->small)
      cxm_sink_puts(out, " *");
    cxm_sink_puts(out, "</text>");
    if (dot->suppressed) {
      cxm_sink_printf(out,
                      "<text x=\"%d\" y=\"%s\" font-style=\"italic\" fill=\"#555\">"
                      "suppressed</text>\n",
                      W_LABEL + 6, coord(a, y + 4));
      continue;
    }
    for (int s = 0; s < n_series; s++) {
      const double ys = n_series == 2 ? y + (s == 0 ? -5 : 5) : y;
      if (!dot->has[s])
        continue;
      cxm_sink_printf(out,
                      "<line x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\" stroke=\"%s\" "
                      "stroke-width=\"1.5\"/>",
                      coord(a, X(dot->rate[s].low)), coord(b, X(dot->rate[s].high)),
                      coord(c, ys), c, colours[s]);
      cxm_sink_printf(out, "<path d=\"M%s %sv6M%s %sv6\" stroke=\"%s\"/>", a,
                      coord(d, ys - 3), b, d, colours[s]);
      marker(out, s, X(dot->rate[s].value), ys, dot->small);
    }
    cxm_sink_puts(out, "\n");
  }
#undef X
  figure_end(out);
}

/* ---- trend ------------------------------------------------------------- */

enum {
  T_WIDTH = 720,
  T_LEFT = 48,
  T_RIGHT = 40,
  T_TOP = 28,
  T_BOTTOM = 36
};

typedef struct {
  guint n;
  double plot_h;
  double lo, hi; /* the y scale */
} TrendScale;

static double
trend_x(const TrendScale *s, guint i)
{
  const double w = T_WIDTH - T_LEFT - T_RIGHT;
  return T_LEFT + (s->n == 1 ? w / 2 : w * i / (s->n - 1));
}

static double
trend_y(const TrendScale *s, double v)
{
  return T_TOP + s->plot_h * (s->hi - v) / (s->hi - s->lo);
}

/* The x axis: at most about 9 period names. */
static void
trend_x_axis(CxmSink *out, const TrendScale *s, const GArray *rows)
{
  const guint every = MAX(1, (s->n + 8) / 9);
  Coord a, b;

  for (guint i = 0; i < s->n; i += every) {
    cxm_sink_printf(out, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\">",
                    coord(a, trend_x(s, i)), coord(b, T_TOP + s->plot_h + 16));
    cxm_html_text(out, g_array_index(rows, HtmlRow, i).key);
    cxm_sink_puts(out, "</text>");
  }
  cxm_sink_puts(out, "\n");
}

static void
trend_y_axis(CxmSink *out, const TrendScale *s, double step, double unit,
             const char *suffix)
{
  Coord a, b;
  for (double t = s->lo; t <= s->hi + 1e-9; t += step)
    cxm_sink_printf(out,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\" stroke=\"%s\"/>"
                    "<text x=\"%d\" y=\"%s\" text-anchor=\"end\">%ld%s</text>",
                    T_LEFT, T_WIDTH - T_RIGHT, coord(a, trend_y(s, t)), a,
                    fabs(t) < 1e-9 ? "#999" : COLOUR_GRID, T_LEFT - 6,
                    coord(b, trend_y(s, t) + 4), lround(unit * t), suffix);
  cxm_sink_puts(out, "\n");
}

/* Which figure of a row a trend line draws. */
typedef gboolean (*TrendValue)(const HtmlRow *row, double *value, double *low,
                               double *high);

static gboolean
momentum_value(const HtmlRow *r, double *v, double *lo, double *hi)
{
  *v = r->m.value, *lo = r->m.low, *hi = r->m.high;
  return !r->suppressed && r->has_m;
}

static gboolean
disappointment_value(const HtmlRow *r, double *v, double *lo, double *hi)
{
  *v = r->d.value, *lo = r->d.low, *hi = r->d.high;
  return !r->suppressed && r->has_d;
}

static gboolean
net_value(const HtmlRow *r, double *v, double *lo, double *hi)
{
  *v = r->net.score, *lo = MAX(-100, r->net.score - r->net.moe95);
  *hi = MIN(100, r->net.score + r->net.moe95);
  return !r->suppressed && r->has_net;
}

/* The interval band, the line and (for a readable count) the markers of
 * one figure; periods without it are skipped. */
static void
trend_series(CxmSink *out, const TrendScale *s, const GArray *rows, TrendValue value,
             const char *colour, const char *dash, int series)
{
  double v, lo, hi;
  Coord a, b;

  cxm_sink_printf(out, "<polygon fill=\"%s\" fill-opacity=\"0.18\" points=\"", colour);
  for (guint i = 0; i < s->n; i++)
    if (value(&g_array_index(rows, HtmlRow, i), &v, &lo, &hi))
      cxm_sink_printf(out, "%s,%s ", coord(a, trend_x(s, i)), coord(b, trend_y(s, hi)));
  for (guint i = s->n; i-- > 0;)
    if (value(&g_array_index(rows, HtmlRow, i), &v, &lo, &hi))
      cxm_sink_printf(out, "%s,%s ", coord(a, trend_x(s, i)), coord(b, trend_y(s, lo)));
  cxm_sink_printf(out,
                  "\"/>\n<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s "
                  "points=\"",
                  colour, dash);
  for (guint i = 0; i < s->n; i++)
    if (value(&g_array_index(rows, HtmlRow, i), &v, &lo, &hi))
      cxm_sink_printf(out, "%s,%s ", coord(a, trend_x(s, i)), coord(b, trend_y(s, v)));
  cxm_sink_puts(out, "\"/>\n");
  if (s->n > 60 || series < 0)
    return;
  for (guint i = 0; i < s->n; i++) {
    const HtmlRow *r = &g_array_index(rows, HtmlRow, i);
    if (value(r, &v, &lo, &hi))
      marker(out, series, trend_x(s, i), trend_y(s, v), r->small);
  }
  cxm_sink_puts(out, "\n");
}

void
cxm_html_trend_chart(CxmSink *out, const char *caption, const GArray *rows)
{
  static const char *const series[2] = { "Momentum rate", "Disappointment rate" };
  TrendScale s = { rows->len, 180, 0, 0 };
  double high = 0, low = 0, step, v, lo, hi;
  g_autofree char *title = NULL;

  for (guint i = 0; i < rows->len; i++) {
    const HtmlRow *r = &g_array_index(rows, HtmlRow, i);
    if (momentum_value(r, &v, &lo, &hi))
      high = MAX(high, hi);
    if (disappointment_value(r, &v, &lo, &hi))
      high = MAX(high, hi);
  }
  s.hi = rate_scale(high, &step);
  title = g_strdup_printf("%s: momentum and disappointment rates (bands: intervals)",
                          caption);
  figure_begin(out, title, T_WIDTH, T_TOP + s.plot_h + T_BOTTOM);
  legend(out, series, 2, T_LEFT + 16, 12, TRUE);
  trend_y_axis(out, &s, step, 100, "%");
  trend_x_axis(out, &s, rows);
  trend_series(out, &s, rows, momentum_value, COLOUR_M, "", 0);
  trend_series(out, &s, rows, disappointment_value, COLOUR_D, " stroke-dasharray=\"5 3\"",
               1);
  figure_end(out);

  /* Net momentum, -100..100, on the range its margins reach. */
  high = -100, low = 100;
  for (guint i = 0; i < rows->len; i++)
    if (net_value(&g_array_index(rows, HtmlRow, i), &v, &lo, &hi))
      high = MAX(high, hi), low = MIN(low, lo);
  if (high < low)
    high = 10, low = -10;
  s.plot_h = 120;
  s.lo = MIN(0, floor(low / 10) * 10);
  s.hi = MAX(0, ceil(high / 10) * 10);
  if (s.hi - s.lo < 20)
    s.hi = s.lo + 20;
  step = s.hi - s.lo > 100 ? 50 : s.hi - s.lo > 40 ? 20 : 10;
  s.lo = floor(s.lo / step) * step;
  g_free(title);
  title = g_strdup_printf("%s: net momentum (band: its margin)", caption);
  figure_begin(out, title, T_WIDTH, T_TOP + s.plot_h + T_BOTTOM);
  trend_y_axis(out, &s, step, 1, "");
  trend_x_axis(out, &s, rows);
  trend_series(out, &s, rows, net_value, COLOUR_INK, "", -1);
  figure_end(out);
}

/* ---- heat map ---------------------------------------------------------- */

enum {
  H_LABEL = 170,
  H_CELL_W = 76,
  H_CELL_H = 20,
  H_TOP = 96
};

void
cxm_html_heat_map(CxmSink *out, const char *caption, const char *const *rows,
                  guint n_rows, const char *const *cols, guint n_cols,
                  const HtmlHeat *cells, guint64 max)
{
  Coord a, b, c;

  figure_begin(out, caption, H_LABEL + H_CELL_W * n_cols + 90,
               H_TOP + H_CELL_H * n_rows + 8);
  cxm_sink_puts(out, "<defs><pattern id=\"cxm-hatch\" width=\"6\" height=\"6\" "
                     "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                     "<rect width=\"6\" height=\"6\" fill=\"#eee\"/>"
                     "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999\" "
                     "stroke-width=\"2\"/></pattern></defs>\n");
  for (guint j = 0; j < n_cols; j++) {
    const double x = H_LABEL + H_CELL_W * j + H_CELL_W / 2.0;
    cxm_sink_printf(out, "<text transform=\"translate(%s %d) rotate(-35)\">", coord(a, x),
                    H_TOP - 6);
    cxm_html_text(out, cols[j]);
    cxm_sink_puts(out, "</text>");
  }
  cxm_sink_puts(out, "\n");
  for (guint i = 0; i < n_rows; i++) {
    const double y = H_TOP + H_CELL_H * i;
    g_autofree char *label = cut_label(rows[i], 24);
    cxm_sink_printf(out, "<text x=\"%d\" y=\"%s\" text-anchor=\"end\">", H_LABEL - 6,
                    coord(a, y + 14));
    cxm_html_text(out, label);
    cxm_sink_puts(out, "</text>");
    for (guint j = 0; j < n_cols; j++) {
      const HtmlHeat *cell = &cells[i * n_cols + j];
      const double x = H_LABEL + H_CELL_W * j;
      const double t = max > 0 ? (double) cell->value / max : 0;
      char fill[32];

      if (!cell->present)
        g_strlcpy(fill, "#fafafa", sizeof fill);
      else if (cell->suppressed)
        g_strlcpy(fill, "url(#cxm-hatch)", sizeof fill);
      else /* #F0F6FB to #08306B */
        g_snprintf(fill, sizeof fill, "#%02X%02X%02X", (int) lround(240 - 232 * t),
                   (int) lround(246 - 198 * t), (int) lround(251 - 144 * t));
      cxm_sink_printf(out,
                      "<rect x=\"%s\" y=\"%s\" width=\"%d\" height=\"%d\" fill=\"%s\" "
                      "stroke=\"#fff\"/>",
                      coord(a, x), coord(b, y), H_CELL_W, H_CELL_H, fill);
      if (cell->present)
        cxm_sink_printf(
            out,
            "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" fill=\"%s\">%" G_GUINT64_FORMAT
            "%s</text>",
            coord(a, x + H_CELL_W / 2.0), coord(c, y + 14),
            !cell->suppressed && t > 0.5 ? "#fff" : COLOUR_INK, cell->value,
            cell->suppressed ? " s" : "");
    }
    cxm_sink_puts(out, "\n");
  }
  figure_end(out);
}

/* ---- the page ---------------------------------------------------------- */

static const char style[] =
    ":root{color-scheme:light}"
    "body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#222;"
    "margin:0 auto;max-width:1200px;padding:16px}"
    "h1{font-size:1.6em;margin:0 0 .3em}"
    "h2{font-size:1.25em;border-bottom:2px solid #0072B2;padding-bottom:2px;margin-top:1.6em}"
    "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}"
    "dl.meta dt{font-weight:600}dl.meta dd{margin:0}"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:10px;"
    "margin:10px 0}"
    ".card{border:1px solid #ccc;border-radius:6px;padding:8px 12px}"
    ".card h3{margin:0;font-size:1.05em}"
    ".card dl{display:grid;grid-template-columns:auto 1fr;gap:0 8px;margin:4px 0 0;font-size:.95em}"
    ".card dt{white-space:nowrap}"
    ".card dd{margin:0;text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    ".card .ci{display:block}"
    ".n{color:#555;margin:0}"
    ".pair{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start;margin:8px 0}"
    ".pair>*{flex:1 1 480px;min-width:0;overflow-x:auto}"
    "figure{margin:0}figcaption{font-weight:600;margin:6px 0 4px}"
    "svg{max-width:100%;height:auto;font-size:11px;font-family:inherit}"
    "table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:13px}"
    "caption{text-align:left;font-weight:600;padding:4px 0}"
    "th,td{padding:2px 6px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}"
    "th[scope=row],th.t,td.t{text-align:left}"
    "thead th{cursor:pointer;background:#f0f0f0;position:sticky;top:0}"
    "thead th:focus{outline:2px solid #0072B2}"
    "thead th[aria-sort=ascending]::after{content:' \\25B2'}"
    "thead th[aria-sort=descending]::after{content:' \\25BC'}"
    ".ci{color:#666;font-size:.85em}.sup{text-align:center;font-style:italic;color:#555}"
    ".small{color:#D55E00;text-decoration:none}"
    ".scroll{max-height:520px;overflow:auto}.note{color:#555;font-size:.9em}"
    /* Narrow screens and paper: intervals under their figures, cells wrap. */
    "@media (max-width:900px){th,td{white-space:normal}.ci{display:block}}"
    "@page{size:A4;margin:12mm}"
    "@media print{body{max-width:none;padding:0;font-size:9pt}"
    ".scroll{max-height:none;overflow:visible}figure,.card,tr{break-inside:avoid}"
    "h2{break-after:avoid}table{font-size:8pt}thead th{position:static}"
    "th,td{white-space:normal;padding:1px 3px}.ci{display:block}"
    ".pair>*{flex-basis:100%}}";

/* Sorts a table by the column whose header is clicked (or Enter), by each
 * cell's data-v (numbers as numbers; empty last), else its text. */
static const char script[] =
    "(function(){'use strict';"
    "function val(row,i){var c=row.cells[i];if(!c)return '';"
    "var v=c.getAttribute('data-v');return v===null?c.textContent:v;}"
    "function cmp(a,b){if(a===b)return 0;if(a==='')return 1;if(b==='')return -1;"
    "var x=Number(a),y=Number(b);if(!isNaN(x)&&!isNaN(y))return x-y;return a<b?-1:1;}"
    "function sort(table,th,i){var asc=th.getAttribute('aria-sort')!=='ascending';"
    "var hs=table.tHead.rows[0].cells;"
    "for(var k=0;k<hs.length;k++)hs[k].setAttribute('aria-sort','none');"
    "th.setAttribute('aria-sort',asc?'ascending':'descending');"
    "var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);"
    "rows.sort(function(r,s){var a=val(r,i),b=val(s,i);"
    "if(a===''||b==='')return cmp(a,b);return asc?cmp(a,b):cmp(b,a);});"
    "for(var j=0;j<rows.length;j++)body.appendChild(rows[j]);}"
    "var tables=document.querySelectorAll('table.sortable');"
    "Array.prototype.forEach.call(tables,function(table){"
    "Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){"
    "th.tabIndex=0;th.setAttribute('aria-sort','none');"
    "th.addEventListener('click',function(){sort(table,th,i);});"
    "th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){"
    "e.preventDefault();sort(table,th,i);}});});});"
    "var root=document.documentElement;root.setAttribute('data-sortable',String(tables.length));"
    /* How long the page took to be parsed and ready, for the browser test. */
    "root.setAttribute('data-ready-ms',String(Math.round(performance.now())));})();";

/* 'sha256-...' of @text, for the Content-Security-Policy. */
static char *
csp_hash(const char *text)
{
  guint8 digest[32];
  gsize len = sizeof digest;
  GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
  char *b64, *source;

  g_checksum_update(sum, (const guchar *) text, strlen(text));
  g_checksum_get_digest(sum, digest, &len);
  g_checksum_free(sum);
  b64 = g_base64_encode(digest, len);
  source = g_strdup_printf("'sha256-%s'", b64);
  g_free(b64);
  return source;
}

void
cxm_html_page_begin(CxmSink *out, const char *policy, const char *fingerprint,
                    const char *trend)
{
  g_autofree char *style_hash = csp_hash(style);
  g_autofree char *script_hash = csp_hash(script);

  /* Only this page's own style and script run (by hash, so nothing
   * injected would), nothing is fetched: no default source at all. */
  cxm_sink_printf(
      out,
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src %s; script-src %s; img-src data:; base-uri 'none'; "
      "form-action 'none'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"cxm %s\">\n"
      "<link rel=\"icon\" href=\"data:,\">\n<title>Customer experience report: ",
      style_hash, script_hash, PACKAGE_VERSION);
  cxm_html_text(out, policy);
  cxm_sink_printf(out, "</title>\n<style>%s</style>\n", style);
  /* For tools reading the page: what it reports on. */
  cxm_sink_puts(out, "<script type=\"application/json\" id=\"cxm-meta\">"
                     "{\"cxm_report\":1,\"policy\":");
  cxm_html_script_string(out, policy);
  cxm_sink_puts(out, ",\"fingerprint\":");
  cxm_html_script_string(out, fingerprint);
  cxm_sink_puts(out, ",\"trend\":");
  cxm_html_script_string(out, trend);
  cxm_sink_puts(out, "}</script>\n</head>\n<body>\n");
}

void
cxm_html_page_end(CxmSink *out)
{
  cxm_sink_printf(
      out,
      "<footer class=\"note\"><p>Rates are shown as percentages rounded to 0.1; "
      "each table cell's data-v holds the JSON report's figure. Intervals are "
      "Wilson intervals, net momentum's margin is at the policy's z. "
      "<abbr class=\"small\" title=\"small sample\">*</abbr> and a hollow marker: "
      "a small sample (the policy's min_sample). Suppressed: fewer interactions "
      "than the policy's min_group, so no rates. Click a column header to sort."
      "</p></footer>\n<script>%s</script>\n</body>\n</html>\n",
      script);
}
