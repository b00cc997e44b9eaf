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

/* TRUE when the 8 bytes at @p are all in 0x20..0x7e. A byte outside has
 * its high bit set itself (0x80 and up), or once 0x20 is taken from it
 * (below 0x20), or once 1 is taken from it XOR 0x7f (0x7f itself); a
 * borrow between bytes can only follow such a byte, not hide it. */
static inline gboolean
printable_word(const char *p)
{
  const guint64 ones = G_GUINT64_CONSTANT(0x0101010101010101);
  guint64 w, del;
  memcpy(&w, p, 8);
  del = w ^ (0x7f * ones);
  return ((w | ((w - 0x20 * ones) & ~w) | ((del - ones) & ~del)) & (0x80 * ones)) == 0;
}

gboolean
cxm_is_printable_ascii(const char *text, gsize len)
{
  if (len < 8) {
    for (gsize i = 0; i < len; i++)
      if ((guchar) text[i] < 0x20 || (guchar) text[i] >= 0x7f)
        return FALSE;
    return TRUE;
  }
  /* Whole words; the last one overlaps the one before it. */
  for (gsize i = 0; i + 8 < len; i += 8)
    if (!printable_word(text + i))
      return FALSE;
  return printable_word(text + len - 8);
}
