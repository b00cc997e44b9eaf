/* SPDX-License-Identifier: MIT */
/* JSON text as cxm writes it and quotes it in messages. */
#ifndef CXM_JSON_TEXT_H
#define CXM_JSON_TEXT_H

#include <glib.h>
#include <json-c/json.h>

/* How cxm writes one-line JSON: no spaces, "/" not escaped. */
#define CXM_JSON_LINE (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

/* Renders a JSON value for "got ..." in messages: at most ~40 bytes. Free
 * with g_free(). */
char *cxm_json_excerpt(json_object *value);

/* A number rounded to @decimals (figures.h), serialised exactly as
 * rounded. */
json_object *cxm_json_rounded(double value, int decimals);

#endif
