/* SPDX-License-Identifier: MIT */
/* Calendar arithmetic and RFC 3339 parsing, without allocation. */
#ifndef CXM_TIMESTAMP_H
#define CXM_TIMESTAMP_H

#include <glib.h>

/* Days since 1970-01-01 of a proleptic Gregorian date, month 1..12
 * (Howard Hinnant's days_from_civil). */
gint64 cxm_days_from_civil(int year, int month, int day);
/* Reads exactly @n decimal digits into @out; FALSE on anything else. */
gboolean cxm_read_digits(const char *s, int n, int *out);
/* Parses RFC 3339 with an offset into Unix seconds (fraction dropped). */
gboolean cxm_parse_rfc3339(const char *s, gsize len, gint64 *unix_seconds);

#endif
