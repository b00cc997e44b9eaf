/* SPDX-License-Identifier: MIT */
/* A streaming JSON writer onto a sink: containers are opened and closed
 * as they are written, members are json-c values serialized one at a
 * time, so a document of any size needs the memory of its largest member.
 * The bytes are those json-c would write for the whole document, plain
 * or pretty (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED). */
#ifndef CXM_JSON_WRITER_H
#define CXM_JSON_WRITER_H

#include <json-c/json.h>

#include "sink.h"

#define CXM_JSON_WRITER_MAX_DEPTH 16

typedef struct {
  CxmSink *sink;
  gboolean pretty;
  int depth;                                 /* open containers */
  gboolean empty[CXM_JSON_WRITER_MAX_DEPTH]; /* no member yet, per depth */
} CxmJsonWriter;

void cxm_json_writer_init(CxmJsonWriter *writer, CxmSink *sink, gboolean pretty);
/* Opens an object or array: the document itself, an array element
 * (@key NULL) or an object member. */
void cxm_json_writer_begin_object(CxmJsonWriter *writer, const char *key);
void cxm_json_writer_begin_array(CxmJsonWriter *writer, const char *key);
void cxm_json_writer_end_object(CxmJsonWriter *writer);
void cxm_json_writer_end_array(CxmJsonWriter *writer);
/* Writes @value (NULL: null) as a member (or, @key NULL, an element) and
 * releases it. */
void cxm_json_writer_add(CxmJsonWriter *writer, const char *key, json_object *value);
/* Scalars, written directly (no json-c value in between: the report's
 * groups are made of them, and a report can hold millions). */
void cxm_json_writer_uint(CxmJsonWriter *writer, const char *key, guint64 value);
/* @value rounded to @decimals, as cxm_figure() writes it. */
void cxm_json_writer_figure(CxmJsonWriter *writer, const char *key, double value,
                            int decimals);
void cxm_json_writer_bool(CxmJsonWriter *writer, const char *key, gboolean value);
void cxm_json_writer_null(CxmJsonWriter *writer, const char *key);
void cxm_json_writer_string(CxmJsonWriter *writer, const char *key, const char *value);

#endif
