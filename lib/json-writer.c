/* The streaming JSON writer (json-writer.h). */
#include "config.h"

#include <string.h>

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
    json_object *name = json_object_new_string(key);
    cxm_sink_puts(w->sink, json_object_to_json_string_ext(name, CXM_JSON_LINE));
    json_object_put(name);
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
