/* SPDX-License-Identifier: MIT */
/* Time buckets (UTC day, ISO 8601 week, month). Period names are computed from day
 * numbers by hand, without GDateTime, locale or time zone calls: the recorder names one
 * period per record. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "enums-private.h"
#include "error-private.h"
#include "limits.h"
#include "period-private.h"
#include "timestamp.h"

/* cxm_day_number() rounds down (the UTC day, also before 1970);
 * cxm_period_key_of_day() takes a day 0 .. CXM_MAX_DAY (1970-01-01 ..
 * 9999-12-31) and writes "" for a day or kind out of range;
 * cxm_period_day_range() accepts exactly the names cxm_period_name()
 * can return ("2026-W53" but not "2025-W53", "2026-02-29" or "1969-12"). */

#define SECONDS_PER_DAY G_GINT64_CONSTANT(86400)
#define CXM_MAX_DAY (CXM_MAX_TS / SECONDS_PER_DAY) /* 2932896: 9999-12-31 */

static const char *const period_kind_names[] = { "day", "week", "month", NULL };

const char *
cxm_period_kind_name(CxmPeriodKind kind)
{
  return ((int) kind >= 0 && (int) kind < CXM_PERIOD_KIND_COUNT) ? period_kind_names[kind]
                                                                 : NULL;
}

int
cxm_period_kind_from_name(const char *name)
{
  return name ? cxm_name_lookup(period_kind_names, name, strlen(name)) : CXM_UNSET;
}

gint64
cxm_day_number(gint64 unix_seconds)
{
  gint64 day = unix_seconds / SECONDS_PER_DAY;
  /* C division truncates toward zero; a time before 1970 belongs to the
   * day that starts before it. */
  if (unix_seconds % SECONDS_PER_DAY < 0)
    day--;
  return day;
}

gint64
cxm_week_monday(gint64 day)
{
  /* Day 0, 1970-01-01, was a Thursday: (day + 3) mod 7 is 0 on Mondays. */
  const gint64 weekday = ((day + 3) % 7 + 7) % 7;
  return day - weekday;
}

/* Proleptic Gregorian date of a day number (Howard Hinnant's
 * civil_from_days; the inverse of cxm_days_from_civil()). */
static void
civil_from_days(gint64 day, int *year, int *month, int *mday)
{
  const gint64 z = day + 719468;
  const gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = (int) (z - era * 146097); /* 0..146096 */
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100); /* from Mar 1 */
  const int mp = (5 * doy + 2) / 153;                      /* Mar = 0 */
  const int m = mp < 10 ? mp + 3 : mp - 9;

  *mday = doy - (153 * mp + 2) / 5 + 1;
  *month = m;
  *year = (int) (yoe + era * 400) + (m <= 2);
}

/* Day number of January 1 of @year (year >= 1). */
static gint64
days_to_january_first(int year)
{
  const gint64 y = year - 1;
  return y * 365 + y / 4 - y / 100 + y / 400 - 719162;
}

/* Writes @value in exactly @width decimal digits and returns the end. */
static char *
put_digits(char *p, int value, int width)
{
  for (int i = width - 1; i >= 0; i--) {
    p[i] = (char) ('0' + value % 10);
    value /= 10;
  }
  return p + width;
}

void
cxm_period_key_of_day(gint64 day, CxmPeriodKind kind, char buffer[16])
{
  int year, month, mday;
  char *p = buffer;

  if (day < 0 || day > CXM_MAX_DAY) {
    buffer[0] = '\0';
    return;
  }
  switch (kind) {
  case CXM_PERIOD_DAY:
    civil_from_days(day, &year, &month, &mday);
    p = put_digits(p, year, 4);
    *p++ = '-';
    p = put_digits(p, month, 2);
    *p++ = '-';
    p = put_digits(p, mday, 2);
    break;
  case CXM_PERIOD_WEEK: {
    /* ISO weeks run Monday to Sunday; a week belongs to the year that holds
     * its Thursday, and week 1 is the one with that year's first Thursday.
     * Thursday is at most 3 days past 9999-12-31, a Friday, so it never
     * leaves year 9999. */
    const gint64 thursday = cxm_week_monday(day) + 3;
    civil_from_days(thursday, &year, &month, &mday);
    const int week = (int) ((thursday - days_to_january_first(year)) / 7) + 1;
    p = put_digits(p, year, 4);
    *p++ = '-';
    *p++ = 'W';
    p = put_digits(p, week, 2);
    break;
  }
  case CXM_PERIOD_MONTH:
    civil_from_days(day, &year, &month, &mday);
    p = put_digits(p, year, 4);
    *p++ = '-';
    p = put_digits(p, month, 2);
    break;
  default:
    break;
  }
  *p = '\0';
}

/* The name cxm_period_name() returns, without allocating; "" when out of
 * range. */
static void
period_key(gint64 unix_seconds, CxmPeriodKind kind, char buffer[16])
{
  if (unix_seconds < 0 || unix_seconds > CXM_MAX_TS) {
    buffer[0] = '\0';
    return;
  }
  cxm_period_key_of_day(cxm_day_number(unix_seconds), kind, buffer);
}

gboolean
cxm_period_day_range(const char *name, CxmPeriodKind kind, gint64 *first, gint64 *last)
{
  char buffer[16];
  int century, year, month, number;
  gint64 day, from, to;

  /* Parse the fields loosely, find a day of the period they name, and
   * accept the name only if that day's name is the same: this rejects
   * 2026-02-30, 2025-W53, years before 1970 and weeks past 9999-W52. */
  if (name == NULL || strlen(name) > 10 || (century = cxm_two_digits(name)) < 0 ||
      (year = cxm_two_digits(name + 2)) < 0 || name[4] != '-')
    return FALSE;
  year += century * 100;
  if (year < 1970)
    return FALSE;
  switch (kind) {
  case CXM_PERIOD_DAY:
    if ((month = cxm_two_digits(name + 5)) < 1 || month > 12 || name[7] != '-' ||
        (number = cxm_two_digits(name + 8)) < 1 || number > 31)
      return FALSE;
    from = to = day = cxm_days_from_civil(year, month, number);
    break;
  case CXM_PERIOD_WEEK: {
    if (name[5] != 'W' || (number = cxm_two_digits(name + 6)) < 1 || number > 53)
      return FALSE;
    /* The Thursday of the week: week 1 holds the year's first Thursday. */
    const gint64 january_first = days_to_january_first(year);
    day = january_first + (7 + 3 - (january_first + 3) % 7) % 7 + 7 * (number - 1);
    from = day - 3; /* Monday */
    to = day + 3;   /* Sunday */
    break;
  }
  case CXM_PERIOD_MONTH:
    if ((month = cxm_two_digits(name + 5)) < 1 || month > 12)
      return FALSE;
    from = day = cxm_days_from_civil(year, month, 1);
    to = (month == 12 ? cxm_days_from_civil(year + 1, 1, 1)
                      : cxm_days_from_civil(year, month + 1, 1)) -
         1;
    break;
  default:
    return FALSE;
  }
  cxm_period_key_of_day(day, kind, buffer);
  if (strcmp(buffer, name) != 0)
    return FALSE;
  if (first)
    *first = MAX(from, 0);
  if (last)
    *last = MIN(to, CXM_MAX_DAY);
  return TRUE;
}

char *
cxm_period_name(gint64 unix_seconds, CxmPeriodKind kind)
{
  char buffer[16];

  g_return_val_if_fail((int) kind >= 0 && (int) kind < CXM_PERIOD_KIND_COUNT, NULL);
  if (unix_seconds < 0 || unix_seconds > CXM_MAX_TS)
    return NULL;
  period_key(unix_seconds, kind, buffer);
  return g_strdup(buffer);
}
