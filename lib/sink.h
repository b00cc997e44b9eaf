/* SPDX-License-Identifier: MIT */
/* Output through a CxmWriteFunc in blocks: writers append freely, the sink
 * hands the function about 64 KiB at a time, keeps the first error and
 * drops what comes after it. Without a function it keeps everything. */
#ifndef CXM_SINK_H
#define CXM_SINK_H

#include <cxm/common.h>

typedef struct {
  CxmWriteFunc func; /* NULL: keep the whole output in buffer */
  gpointer data;
  GString *buffer;
  GError *error;
} CxmSink;

void cxm_sink_init(CxmSink *sink, CxmWriteFunc func, gpointer data);
void cxm_sink_append(CxmSink *sink, const char *text, gsize length);
void cxm_sink_puts(CxmSink *sink, const char *text);
void cxm_sink_putc(CxmSink *sink, char c);
void cxm_sink_printf(CxmSink *sink, const char *format, ...) G_GNUC_PRINTF(2, 3);
/* TRUE when nothing failed; FALSE with the first error. */
gboolean cxm_sink_ok(const CxmSink *sink);
/* Flushes and releases the sink: TRUE, or FALSE with the first error. */
gboolean cxm_sink_finish(CxmSink *sink, GError **error);
/* For a sink without a function: its output (free with g_free()), then
 * released as by cxm_sink_finish(). */
char *cxm_sink_steal(CxmSink *sink, gsize *length);

#endif
