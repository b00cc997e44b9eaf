/* SPDX-License-Identifier: MIT */
/* The people of an org document, one at a time, on simdjson's DOM: a
 * json-c tree of a million people takes over a gigabyte, simdjson's tape
 * about three times the document. Each person reaches org.c as its own
 * JSON text, which it reads with json-c, so every rule and message of a
 * person stays in one place. */
#ifndef CXM_ORG_PARSE_H
#define CXM_ORG_PARSE_H

#include <glib.h>

typedef enum {
  CXM_ORG_PARSE_OK,        /* every person was taken */
  CXM_ORG_PARSE_NOT_JSON,  /* simdjson refused the document: the caller says why */
  CXM_ORG_PARSE_NO_PEOPLE, /* not an object with "people" */
  CXM_ORG_PARSE_NOT_ARRAY, /* "people" (the last one, as json-c keeps) is not an array */
  CXM_ORG_PARSE_FAILED     /* @person failed, with its error */
} CxmOrgParse;

/* Called for person @i of the @n in "people", given as minified JSON
 * (@text, @length; NUL-terminated); FALSE with @error set stops. */
typedef gboolean (*CxmOrgPersonFunc)(guint i, gsize n, const char *text, gsize length,
                                     gpointer data, GError **error);

/* Parses @json (@length bytes, valid UTF-8 without NUL) no deeper than
 * @max_depth levels and calls @person for each element of "people". */
CxmOrgParse cxm_org_parse_people(const char *json, gsize length, guint max_depth,
                                 CxmOrgPersonFunc person, gpointer data, GError **error);

#endif
