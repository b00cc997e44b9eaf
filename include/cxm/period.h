/* SPDX-License-Identifier: MIT */
/**
 * SECTION:period
 * @title: cxm/period.h
 * @short_description: time buckets: UTC days, ISO weeks, months
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_PERIOD_H
#define CXM_PERIOD_H

#include <cxm/enums.h>

G_BEGIN_DECLS

/**
 * CxmPeriodKind:
 * @CXM_PERIOD_DAY: a UTC day, "2026-03-02"
 * @CXM_PERIOD_WEEK: an ISO 8601 week, Monday to Sunday (UTC), "2026-W10": the
 *   week-numbering year and the week
 * @CXM_PERIOD_MONTH: a UTC month, "2026-03"
 * @CXM_PERIOD_KIND_COUNT: the number of kinds; not a kind
 *
 * The kinds of time bucket, each shown with the form of its names
 * (cxm_period_name()).
 */
typedef enum {
  CXM_PERIOD_DAY,
  CXM_PERIOD_WEEK,
  CXM_PERIOD_MONTH,
  CXM_PERIOD_KIND_COUNT
} CxmPeriodKind;

/**
 * cxm_period_name:
 * @unix_seconds: a time, as Unix seconds
 * @kind: the kind of period
 *
 * The name of the period of @kind that contains @unix_seconds (UTC). Names
 * of one kind sort bytewise in time order.
 *
 * Returns: (transfer full) (nullable): the name; free with cxm_free(). %NULL
 *   for a time outside 0..253402300799 (1970-01-01 to 9999-12-31T23:59:59Z)
 *   or a bad @kind.
 */
CXM_EXTERN char *cxm_period_name(gint64 unix_seconds, CxmPeriodKind kind);
/**
 * cxm_period_kind_name:
 * @kind: a kind of period
 *
 * The name of a kind of period.
 *
 * Returns: (transfer none) (nullable): "day", "week" or "month", a static
 *   string; %NULL for a value out of range
 */
CXM_EXTERN const char *cxm_period_kind_name(CxmPeriodKind kind);
/**
 * cxm_period_kind_from_name:
 * @name: (nullable): "day", "week" or "month"
 *
 * The kind of period called @name (case-sensitive).
 *
 * Returns: the #CxmPeriodKind, or %CXM_UNSET when @name is %NULL or unknown
 */
CXM_EXTERN int cxm_period_kind_from_name(const char *name);

G_END_DECLS

#endif
