/* JSON Lines text <-> records: the one parser of record lines, and the
 * one writer of journal lines. */
#ifndef CXM_RECORD_JSON_H
#define CXM_RECORD_JSON_H

#include <json-c/json.h>

#include "interaction-private.h"

typedef enum {
  CXM_RECORD_INTERACTION,
  CXM_RECORD_LEADERSHIP
} CxmRecordKind;

/* One valid record, as the recorder takes it. */
typedef struct {
  CxmRecordKind kind;
  int leadership_type; /* a CxmLeadershipType; CXM_UNSET for interactions */
  /* An interaction, with its required keys; of a leadership event, the id
   * (for a journal's duplicate check). Not owned. */
  const CxmInteraction *it;
  /* The parsed line, kept for the journal (unknown keys and all), or NULL
   * for a record built through the API. Not owned. */
  json_object *json;
} CxmRecord;

/* A tokener set up for records (strict, depth-limited); reuse it across
 * lines, free it with json_tokener_free(). */
json_tokener *cxm_record_tokener_new(void);
/* Parses one line (without "\n") into a JSON value, enforcing SPEC
 * section 7: length, UTF-8, JSON syntax, depth, a single value. */
json_object *cxm_record_parse(json_tokener *tok, const char *text, gsize len,
                              GError **error);
/* The CXM_ERROR_TOO_LONG error, for lines the reader skips unread. */
void cxm_set_too_long_error(GError **error);
/* Fills @it (reset first) and @record, which points to @it and keeps @obj
 * as record->json, from one parsed record. Errors name the offending key
 * (cxm_error_get_key()). */
gboolean cxm_record_from_json(json_object *obj, CxmInteraction *it, CxmRecord *record,
                              GError **error);
/* Every key @it has, ts as RFC 3339 UTC. */
json_object *cxm_interaction_to_json_object(const CxmInteraction *it);
/* Replaces @line with @record as one journal line: compact JSON and its
 * line end. */
void cxm_record_to_line(const CxmRecord *record, GString *line);

#endif
