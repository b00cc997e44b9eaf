/* SPDX-License-Identifier: MIT */
/* UTF-8 validation with a fast path for ASCII. */
#include "config.h"

#include <string.h>

#include "utf8.h"

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
