/* Error domain, version query, memory release, message helpers. */
#include "cxm-private.h"

#include <json-c/json.h>
#include <string.h>

G_DEFINE_QUARK(cxm-error-quark, cxm_error)

unsigned int
cxm_version(void)
{
  return CXM_VERSION_HEX;
}

const char *
cxm_version_string(void)
{
  return CXM_VERSION_STRING;
}

void
cxm_free(void *memory)
{
  g_free(memory);
}

void
cxm_strv_free(char **strv)
{
  g_strfreev(strv);
}

gboolean
cxm_utf8_validate(const char *text, gsize len, const char **bad)
{
  const char *p = text, *end = text + len;

  /* Most input is ASCII: skip 8 bytes at a time while no high bit is set,
   * and let GLib check from the first byte that has one. */
  while ((gsize) (end - p) >= 8) {
    guint64 word;
    memcpy(&word, p, 8);
    if (word & G_GUINT64_CONSTANT(0x8080808080808080))
      break;
    p += 8;
  }
  while (p < end && !(*p & 0x80))
    p++;
  return p == end || g_utf8_validate_len(p, (gsize) (end - p), bad);
}

#define EXCERPT_MAX 40

char *
cxm_json_excerpt(struct json_object *value)
{
  const char *text = json_object_to_json_string_ext(
      value, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
  gsize len = strlen(text);

  if (len <= EXCERPT_MAX)
    return g_strdup(text);
  /* Cut on a character boundary: the text is valid UTF-8 (json-c escapes
   * nothing above ASCII, and input was validated). */
  const char *end = g_utf8_find_prev_char(text, text + EXCERPT_MAX + 1);
  return g_strdup_printf("%.*s...", (int) (end - text), text);
}
