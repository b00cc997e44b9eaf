/* Error domain, version query, memory release, message helpers. */
#include "cxm-private.h"

#include <json-c/json.h>
#include <string.h>

/* Record errors carry their key and line (GLib extended error domain). */
typedef struct {
  char *key;
  guint64 line;
} CxmErrorPrivate;

static void
cxm_error_private_init(CxmErrorPrivate *priv)
{
  priv->key = NULL;
  priv->line = 0;
}

static void
cxm_error_private_copy(const CxmErrorPrivate *src, CxmErrorPrivate *dest)
{
  dest->key = g_strdup(src->key);
  dest->line = src->line;
}

static void
cxm_error_private_clear(CxmErrorPrivate *priv)
{
  g_clear_pointer(&priv->key, g_free);
}

G_DEFINE_EXTENDED_ERROR(CxmError, cxm_error)

static CxmErrorPrivate *
private_of(const GError *error)
{
  return error != NULL && error->domain == CXM_ERROR ? cxm_error_get_private(error)
                                                     : NULL;
}

const char *
cxm_error_get_key(const GError *error)
{
  CxmErrorPrivate *priv = private_of(error);
  return priv ? priv->key : NULL;
}

guint64
cxm_error_get_line(const GError *error)
{
  CxmErrorPrivate *priv = private_of(error);
  return priv ? priv->line : 0;
}

void
cxm_error_set_line(GError *error, guint64 line)
{
  cxm_error_get_private(error)->line = line;
}

void
cxm_set_record_error(GError **error, CxmError code, const char *key,
                     const char *format, ...)
{
  va_list args;
  char *reason;
  GError *e;

  if (error == NULL)
    return;
  va_start(args, format);
  reason = g_strdup_vprintf(format, args);
  va_end(args);
  e = g_error_new(CXM_ERROR, code, "%s %s", key, reason);
  cxm_error_get_private(e)->key = g_strdup(key);
  g_free(reason);
  g_propagate_error(error, e);
}

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
