/* SPDX-License-Identifier: MIT */
/* Calendar arithmetic and RFC 3339 parsing, without allocation. */
#ifndef CXM_TIMESTAMP_H
#define CXM_TIMESTAMP_H

#include <glib.h>

/* Days since 1970-01-01 of a proleptic Gregorian date, month 1..12
 * (Howard Hinnant's days_from_civil). */
gint64 cxm_days_from_civil(int year, int month, int day);
/* The number that the two digits at @s write, or -1 if they are not two
 * digits; @s[1] is read only when @s[0] is a digit, so @s may be a C
 * string of any length. */
static inline int
cxm_two_digits(const char *s)
{
  const unsigned tens = (guchar) s[0] - '0';
  if (tens > 9)
    return -1;
  const unsigned ones = (guchar) s[1] - '0';
  return ones <= 9 ? (int) (tens * 10 + ones) : -1;
}
/* Parses RFC 3339 with an offset into Unix seconds (fraction dropped). */
gboolean cxm_parse_rfc3339(const char *s, gsize len, gint64 *unix_seconds);

#endif
