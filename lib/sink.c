/* SPDX-License-Identifier: MIT */
/* Buffered output through a CxmWriteFunc (sink.h). */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "sink.h"

#define FLUSH_AT 65536

void
cxm_sink_init(CxmSink *sink, CxmWriteFunc func, gpointer data)
{
  sink->func = func;
  sink->data = data;
  sink->buffer = g_string_sized_new(func ? FLUSH_AT + 4096 : 4096);
  sink->error = NULL;
}

static void
flush(CxmSink *sink)
{
  if (sink->func == NULL || sink->buffer->len == 0)
    return;
  if (sink->error == NULL &&
      !sink->func(sink->buffer->str, sink->buffer->len, sink->data, &sink->error) &&
      sink->error == NULL)
    g_set_error_literal(&sink->error, CXM_ERROR, CXM_ERROR_IO, "write failed");
  g_string_truncate(sink->buffer, 0);
}

void
cxm_sink_append(CxmSink *sink, const char *text, gsize length)
{
  if (sink->error != NULL)
    return;
  g_string_append_len(sink->buffer, text, (gssize) length);
  if (sink->buffer->len >= FLUSH_AT)
    flush(sink);
}

void
cxm_sink_puts(CxmSink *sink, const char *text)
{
  cxm_sink_append(sink, text, strlen(text));
}

void
cxm_sink_putc(CxmSink *sink, char c)
{
  cxm_sink_append(sink, &c, 1);
}

void
cxm_sink_printf(CxmSink *sink, const char *format, ...)
{
  va_list args;

  if (sink->error != NULL)
    return;
  va_start(args, format);
  g_string_append_vprintf(sink->buffer, format, args);
  va_end(args);
  if (sink->buffer->len >= FLUSH_AT)
    flush(sink);
}

gboolean
cxm_sink_ok(const CxmSink *sink)
{
  return sink->error == NULL;
}

gboolean
cxm_sink_finish(CxmSink *sink, GError **error)
{
  flush(sink);
  g_string_free(sink->buffer, TRUE);
  sink->buffer = NULL;
  if (sink->error != NULL) {
    g_propagate_error(error, sink->error);
    sink->error = NULL;
    return FALSE;
  }
  return TRUE;
}

char *
cxm_sink_steal(CxmSink *sink, gsize *length)
{
  if (length != NULL)
    *length = sink->buffer->len;
  char *text = g_string_free(sink->buffer, FALSE);
  sink->buffer = NULL;
  return text;
}
