/* SPDX-License-Identifier: MIT */
/* The one parser of record lines (SPEC sections 2 and 7), on simdjson:
 * every path that reads a record goes through it. It lives in one C++17
 * file, record-parse.cc, behind this C interface. */
#ifndef CXM_RECORD_PARSE_H
#define CXM_RECORD_PARSE_H

#include "interaction-private.h"

/* Bytes a line must be followed by (readable, any value) to be parsed in
 * place; simdjson reads ahead in 64-byte blocks. */
#define CXM_RECORD_PADDING 64

typedef enum {
  CXM_RECORD_INTERACTION,
  CXM_RECORD_LEADERSHIP
} CxmRecordKind;

/* One valid record, as the recorder takes it. */
typedef struct {
  CxmRecordKind kind;
  int leadership_type; /* a CxmLeadershipType; CXM_UNSET for interactions */
  /* An interaction, with its required keys; of a leadership event its id,
   * ts, team and level (of the actor). Not owned. */
  const CxmInteraction *it;
  /* A leadership event's actor and subject ("" when absent). */
  char actor[CXM_MAX_STRING + 1];
  char subject[CXM_MAX_STRING + 1];
  /* The line it was read from, for the journal; NULL for a record built
   * through the API. Owned by the caller or the parser, valid until the
   * parser's next parse. */
  const char *text;
  gsize text_length;
} CxmRecord;

/* A parser, for one thread at a time; reuse it across lines. */
typedef struct _CxmRecordParser CxmRecordParser;

CxmRecordParser *cxm_record_parser_new(void);
void cxm_record_parser_free(CxmRecordParser *parser);
/* The calling thread's own parser, made on first use and freed when the
 * thread ends: for the calls that parse one line at a time. */
CxmRecordParser *cxm_record_parser_for_thread(void);

/* Parses one line (without its "\n") into @it (reset first) and @record,
 * which points to @it. With @padded, CXM_RECORD_PADDING bytes after the
 * line are readable, so it is parsed in place; otherwise it is copied.
 * Errors are the rejections of SPEC section 7, naming the key at fault
 * (cxm_error_get_key()). */
gboolean cxm_record_parser_parse(CxmRecordParser *parser, const char *text, gsize len,
                                 gboolean padded, CxmInteraction *it, CxmRecord *record,
                                 GError **error);

/* Replaces @line with @record's text as compact JSON: without the spaces
 * between tokens, every key kept as written. */
void cxm_record_to_compact(const CxmRecord *record, GString *line);

/* The CXM_ERROR_TOO_LONG error, for lines the reader skips unread. */
void cxm_set_too_long_error(GError **error);

#endif
