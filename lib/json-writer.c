/* SPDX-License-Identifier: MIT */
/* The streaming JSON writer (json-writer.h). */
#include "config.h"

#include <string.h>

#include "figures.h"
#include "json-text.h"
#include "json-writer.h"

#define PRETTY \
  (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

void
cxm_json_writer_init(CxmJsonWriter *w, CxmSink *sink, gboolean pretty)
{
  memset(w, 0, sizeof *w);
  w->sink = sink;
  w->pretty = pretty;
}

static void
indent(CxmJsonWriter *w, int depth)
{
  static const char spaces[] = "                                ";
  cxm_sink_append(w->sink, spaces, (gsize) MIN(2 * depth, (int) sizeof spaces - 1));
}

/* A JSON string, as json-c writes it (CXM_JSON_LINE): most keys and names
 * need no escape and are copied as they are. */
static void
put_string(CxmSink *sink, const char *text)
{
  const char *p = text;
  while (*p != '\0' && (guchar) *p >= 0x20 && *p != '"' && *p != '\\')
    p++;
  if (*p == '\0') {
    cxm_sink_putc(sink, '"');
    cxm_sink_append(sink, text, (gsize) (p - text));
    cxm_sink_putc(sink, '"');
    return;
  }
  json_object *value = json_object_new_string(text);
  cxm_sink_puts(sink, json_object_to_json_string_ext(value, CXM_JSON_LINE));
  json_object_put(value);
}

/* What comes before an element or member: a separator, a line break and
 * the indentation, the key. */
static void
start_item(CxmJsonWriter *w, const char *key)
{
  if (w->depth == 0)
    return;
  if (!w->empty[w->depth])
    cxm_sink_append(w->sink, ",", 1);
  w->empty[w->depth] = FALSE;
  if (w->pretty) {
    cxm_sink_append(w->sink, "\n", 1);
    indent(w, w->depth);
  }
  if (key != NULL) {
    put_string(w->sink, key);
    cxm_sink_append(w->sink, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
  }
}

static void
begin(CxmJsonWriter *w, const char *key, const char *open)
{
  g_return_if_fail(w->depth + 1 < CXM_JSON_WRITER_MAX_DEPTH);
  start_item(w, key);
  cxm_sink_puts(w->sink, open);
  w->depth++;
  w->empty[w->depth] = TRUE;
}

static void
end(CxmJsonWriter *w, const char *close)
{
  g_return_if_fail(w->depth > 0);
  w->depth--;
  if (w->pretty) {
    cxm_sink_append(w->sink, "\n", 1);
    indent(w, w->depth);
  }
  cxm_sink_puts(w->sink, close);
}

void
cxm_json_writer_begin_object(CxmJsonWriter *w, const char *key)
{
  begin(w, key, "{");
}

void
cxm_json_writer_begin_array(CxmJsonWriter *w, const char *key)
{
  begin(w, key, "[");
}

void
cxm_json_writer_end_object(CxmJsonWriter *w)
{
  end(w, "}");
}

void
cxm_json_writer_end_array(CxmJsonWriter *w)
{
  end(w, "]");
}

void
cxm_json_writer_add(CxmJsonWriter *w, const char *key, json_object *value)
{
  const char *text =
      json_object_to_json_string_ext(value, w->pretty ? PRETTY : CXM_JSON_LINE);
  start_item(w, key);
  if (!w->pretty) {
    cxm_sink_puts(w->sink, text);
  } else {
    /* json-c indents from column 0: shift every line but the first. No
     * string holds a raw line break, so each one is the layout's. */
    for (const char *nl; (nl = strchr(text, '\n')) != NULL; text = nl + 1) {
      cxm_sink_append(w->sink, text, (gsize) (nl + 1 - text));
      indent(w, w->depth);
    }
    cxm_sink_puts(w->sink, text);
  }
  json_object_put(value);
}

void
cxm_json_writer_uint(CxmJsonWriter *w, const char *key, guint64 value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  do {
    *--p = (char) ('0' + value % 10);
    value /= 10;
  } while (value > 0);
  start_item(w, key);
  cxm_sink_append(w->sink, p, (gsize) (digits + sizeof digits - p));
}

void
cxm_json_writer_figure(CxmJsonWriter *w, const char *key, double value, int decimals)
{
  char text[CXM_FIGURE_SIZE];
  cxm_figure(value, decimals, text);
  start_item(w, key);
  cxm_sink_puts(w->sink, text);
}

void
cxm_json_writer_bool(CxmJsonWriter *w, const char *key, gboolean value)
{
  start_item(w, key);
  cxm_sink_puts(w->sink, value ? "true" : "false");
}

void
cxm_json_writer_null(CxmJsonWriter *w, const char *key)
{
  start_item(w, key);
  cxm_sink_append(w->sink, "null", 4);
}

void
cxm_json_writer_string(CxmJsonWriter *w, const char *key, const char *value)
{
  start_item(w, key);
  put_string(w->sink, value);
}
