/* SPDX-License-Identifier: MIT */
/* Differential fuzzing of the record parser (simdjson) against json-c, the
 * parser records went through before: on one line,
 *   - when both take it as JSON, the record read from the line and the
 *     record read from json-c's own writing of it are the same interaction,
 *     or the same rejection (code and key);
 *   - when they disagree about whether it is JSON, the line falls in one of
 *     the classes where RFC 8259 sides with cxm (json_class() below names
 *     them): anything else is a crash, for a person to look at. */
#include "fuzz.h"

#define MAX_INPUT 4096

/* The classes of JSON text on which json-c and RFC 8259 part, found in
 * @text (a rough scan: it only has to name the class, not to parse). */
typedef enum {
  LENIENT_NONE = 0,
  LENIENT_LITERAL = 1 << 0,      /* NaN, Infinity, -Infinity, nan, inf */
  LENIENT_NUMBER = 1 << 1,       /* 01, -01, 1., .5, 2.e3, beyond a double or 64 bits */
  LENIENT_QUOTE = 1 << 2,        /* a single quote outside strings */
  LENIENT_CONTROL = 1 << 3,      /* a raw control character inside a string */
  LENIENT_UTF8 = 1 << 4,         /* bytes that are not UTF-8 */
  LENIENT_SURROGATE = 1 << 5,    /* an escaped lone surrogate */
  LENIENT_NUL = 1 << 6,          /* a NUL byte */
  LENIENT_DEPTH = 1 << 7,        /* nesting near the limit of 8 */
} Lenient;

static unsigned int
json_class(const char *text, size_t size)
{
  unsigned int found = LENIENT_NONE;
  gboolean in_string = FALSE;
  int depth = 0, deepest = 0;

  if (memchr(text, '\0', size) != NULL)
    found |= LENIENT_NUL;
  if (!g_utf8_validate_len(text, size, NULL))
    found |= LENIENT_UTF8;
  for (size_t i = 0; i < size; i++) {
    const unsigned char c = (unsigned char) text[i];
    if (in_string) {
      if (c < 0x20)
        found |= LENIENT_CONTROL;
      if (c == '\\' && i + 1 < size) {
        if (text[i + 1] == 'u' && i + 5 < size && g_ascii_tolower(text[i + 2]) == 'd' &&
            strchr("89abAB" "cdefCDEF", text[i + 3]) != NULL)
          found |= LENIENT_SURROGATE;
        i++;
      } else if (c == '"') {
        in_string = FALSE;
      }
      continue;
    }
    if (c == '"') {
      in_string = TRUE;
    } else if (c == '\'') {
      found |= LENIENT_QUOTE;
    } else if (c == '{' || c == '[') {
      deepest = MAX(deepest, ++depth);
    } else if (c == '}' || c == ']') {
      depth--;
    } else if (strchr("NnIi", c) != NULL) {
      found |= LENIENT_LITERAL;
    } else if (c == '.' || (c >= '0' && c <= '9')) {
      /* A number: its digits, dots and exponent, judged roughly. */
      size_t end = i;
      while (end < size && strchr("0123456789.eE+-", text[end]) != NULL)
        end++;
      const char *n = text + i;
      size_t len = end - i;
      if (n[0] == '.' || (n[0] == '0' && len > 1 && n[1] >= '0' && n[1] <= '9') ||
          (len > 0 && n[len - 1] == '.') || g_strstr_len(n, (gssize) len, ".e") ||
          g_strstr_len(n, (gssize) len, ".E") || len > 18)
        found |= LENIENT_NUMBER;
      for (size_t k = 0; k < len; k++)
        if ((n[k] == 'e' || n[k] == 'E') && len - k > 3)
          found |= LENIENT_NUMBER; /* an exponent of 3 digits or more */
      i = end - 1;
    }
  }
  if (deepest >= 8)
    found |= LENIENT_DEPTH;
  return found;
}

/* Not JSON, as opposed to JSON that is no valid record (those errors
 * name a key). */
static gboolean
is_syntax_error(const GError *error)
{
  return (error->code == CXM_ERROR_INVALID_JSON || error->code == CXM_ERROR_INVALID_UTF8 ||
          error->code == CXM_ERROR_TOO_DEEP) &&
         cxm_error_get_key(error) == NULL;
}

/* json-c's verdict, strict, on the whole of @text; its object in *@out. */
static gboolean
json_c_takes(const char *text, size_t size, json_object **out)
{
  json_tokener *tok = json_tokener_new_ex(64);
  json_object *obj;
  enum json_tokener_error err;
  size_t end;

  json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  obj = json_tokener_parse_ex(tok, text, (int) size);
  err = json_tokener_get_error(tok);
  if (err == json_tokener_continue) {
    obj = json_tokener_parse_ex(tok, " ", 1); /* a number ends at a delimiter */
    err = json_tokener_get_error(tok);
    end = size;
  } else {
    end = json_tokener_get_parse_end(tok);
  }
  json_tokener_free(tok);
  while (end < size && g_ascii_isspace(text[end]))
    end++;
  if (err != json_tokener_success || end < size) {
    json_object_put(obj);
    return FALSE;
  }
  *out = obj;
  return TRUE;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  json_object *obj = NULL;
  GError *ours = NULL;

  fuzz_init();
  if (size == 0 || size > MAX_INPUT || memchr(data, '\n', size) != NULL)
    return 0;
  CxmInteraction *a = cxm_interaction_new_from_json(text, (gssize) size, &ours);
  const gboolean cxm_json = a != NULL || !is_syntax_error(ours);
  const gboolean json_c_json = json_c_takes(text, size, &obj);
  const unsigned int lenient = json_class(text, size);

  if (cxm_json != json_c_json) {
    /* Only where RFC 8259 decides, and for cxm. Both refusing and taking
     * differ at the nesting limit: json-c counts an empty innermost
     * container as cxm does not. */
    FUZZ_CHECK(lenient != LENIENT_NONE);
    FUZZ_CHECK(!cxm_json || (lenient & (LENIENT_DEPTH | LENIENT_NUL | LENIENT_NUMBER)));
  } else if (cxm_json && obj != NULL) {
    /* A repeated key or a key with a NUL (json-c keeps the last value, and
     * cuts the key) has no json-c writing that means the same. */
    const gboolean comparable =
        !(ours != NULL && ours->code == CXM_ERROR_DUPLICATE) && !(lenient & LENIENT_NUL) &&
        g_strstr_len(text, (gssize) size, "\\u0000") == NULL &&
        !(lenient & LENIENT_NUMBER);
    if (comparable && json_object_is_type(obj, json_type_object)) {
      const char *again = json_object_to_json_string_ext(
          obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
      GError *theirs = NULL;
      CxmInteraction *b = cxm_interaction_new_from_json(again, -1, &theirs);
      FUZZ_CHECK((a == NULL) == (b == NULL));
      if (a != NULL) {
        g_autofree char *ja = cxm_interaction_to_json(a);
        g_autofree char *jb = cxm_interaction_to_json(b);
        FUZZ_CHECK(strcmp(ja, jb) == 0);
      } else {
        FUZZ_CHECK(ours->code == theirs->code);
        FUZZ_CHECK(g_strcmp0(cxm_error_get_key(ours), cxm_error_get_key(theirs)) == 0);
      }
      cxm_interaction_free(b);
      g_clear_error(&theirs);
    }
  }
  json_object_put(obj);
  cxm_interaction_free(a);
  g_clear_error(&ours);
  return 0;
}
