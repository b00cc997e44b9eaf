/* SPDX-License-Identifier: MIT */
/* JSON text in messages. */
#include "config.h"

#include <string.h>

#include "figures.h"
#include "json-text.h"

#define EXCERPT_MAX 40

char *
cxm_json_excerpt(json_object *value)
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

json_object *
cxm_json_rounded(double value, int decimals)
{
  char text[CXM_FIGURE_SIZE];
  double r = cxm_figure(value, decimals, text);
  return json_object_new_double_s(r, text);
}
