/* SPDX-License-Identifier: MIT */
/* Rounded figures (figures.h). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "figures.h"

double
cxm_figure(double value, int decimals, char text[CXM_FIGURE_SIZE])
{
  const double scale = pow(10, decimals);
  double r = round(value * scale) / scale;
  char format[8];
  gsize len;

  if (r == 0)
    r = 0; /* drops the sign of -0 */
  g_snprintf(format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd(text, CXM_FIGURE_SIZE, format, r);
  len = strlen(text);
  while (len > 2 && text[len - 1] == '0' && text[len - 2] != '.')
    text[--len] = '\0';
  return r;
}
