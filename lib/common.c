/* SPDX-License-Identifier: MIT */
/* Error domain, version query, memory release. */
#include "config.h"

#include "error-private.h"

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
cxm_set_record_error(GError **error, CxmError code, const char *key, const char *format,
                     ...)
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
