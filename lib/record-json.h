/* SPDX-License-Identifier: MIT */
/* Records as JSON text (record-json.c): the one writer of record and
 * journal lines. */
#ifndef CXM_RECORD_JSON_H
#define CXM_RECORD_JSON_H

#include <json-c/json.h>

#include "record-parse.h"

/* Every key @it has, ts as RFC 3339 UTC. */
json_object *cxm_interaction_to_json_object(const CxmInteraction *it);
/* Replaces @line with @record as one journal line: compact JSON and its
 * line end (the text it was read from, else the interaction written out). */
void cxm_record_to_line(const CxmRecord *record, GString *line);

#endif
