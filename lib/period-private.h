/* SPDX-License-Identifier: MIT */
/* Periods as day numbers: how the recorder files and reads its days. */
#ifndef CXM_PERIOD_PRIVATE_H
#define CXM_PERIOD_PRIVATE_H

#include <cxm/period.h>

/* Days since 1970-01-01 (UTC) of a Unix time. */
gint64 cxm_day_number(gint64 unix_seconds);
/* The Monday that starts the ISO week holding @day. */
gint64 cxm_week_monday(gint64 day);
/* The name of the period of @kind that holds @day, without allocating. */
void cxm_period_key_of_day(gint64 day, CxmPeriodKind kind, char buffer[16]);
/* TRUE when @name is a period of @kind; its first and last day numbers
 * (out parameters optional): a period is a contiguous run of days. */
gboolean cxm_period_day_range(const char *name, CxmPeriodKind kind, gint64 *first,
                              gint64 *last);

#endif
