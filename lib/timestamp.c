/* SPDX-License-Identifier: MIT */
/* RFC 3339 timestamps ("2026-03-02T09:15:00Z", "...+02:00") to Unix seconds.
 * Hand-written because it runs once per imported record. */
#include "config.h"

#include "timestamp.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static inline gint64
days_from_civil(int y, int m, int d)
{
  y -= m <= 2;
  const gint64 era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = (int) (y - era * 400);
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

gint64
cxm_days_from_civil(int y, int m, int d)
{
  return days_from_civil(y, m, d);
}

static int
days_in_month(int y, int m)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return days[m - 1];
}

gboolean
cxm_parse_rfc3339(const char *s, gsize len, gint64 *unix_seconds)
{
  int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
  gsize i;

  /* YYYY-MM-DDTHH:MM:SS is 19 bytes, then fraction and offset. Each pair
   * of digits is -1 when it is not one, which makes their OR negative. */
  if (len < 20)
    return FALSE;
  const int century = cxm_two_digits(s), year = cxm_two_digits(s + 2);
  mo = cxm_two_digits(s + 5);
  d = cxm_two_digits(s + 8);
  h = cxm_two_digits(s + 11);
  mi = cxm_two_digits(s + 14);
  sec = cxm_two_digits(s + 17);
  if ((century | year | mo | d | h | mi | sec) < 0 || s[4] != '-' || s[7] != '-' ||
      (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
    return FALSE;
  y = century * 100 + year;
  i = 19;
  if (s[i] == '.') {
    gsize start = ++i;
    while (i < len && s[i] >= '0' && s[i] <= '9')
      i++;
    if (i == start)
      return FALSE;
  }
  if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
    i++;
  } else if (i < len && (s[i] == '+' || s[i] == '-')) {
    sign = s[i] == '+' ? 1 : -1;
    if (len - i < 6)
      return FALSE;
    oh = cxm_two_digits(s + i + 1);
    om = cxm_two_digits(s + i + 4);
    if ((oh | om) < 0 || s[i + 3] != ':')
      return FALSE;
    i += 6;
  } else {
    return FALSE;
  }
  if (i != len)
    return FALSE;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
      sec > 60 || oh > 23 || om > 59)
    return FALSE;

  const gint64 offset = sign * (oh * 3600 + om * 60);
  gint64 t =
      days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + MIN(sec, 59) - offset;
  /* Second 60 is a leap second, which UTC inserts at the end of a day only
   * (23:59:60Z): it is counted in that day, as its last second. */
  if (sec == 60 && ((t % 86400) + 86400) % 86400 != 86399)
    return FALSE;
  *unix_seconds = t;
  return TRUE;
}
