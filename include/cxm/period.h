/* cxm/period.h: time buckets: UTC days, ISO weeks, months. */
#ifndef CXM_PERIOD_H
#define CXM_PERIOD_H

#include <cxm/enums.h>

G_BEGIN_DECLS

typedef enum {
  CXM_PERIOD_DAY,    /* "2026-03-02" (UTC) */
  CXM_PERIOD_WEEK,   /* "2026-W10": ISO 8601 week-numbering year and week */
  CXM_PERIOD_MONTH,  /* "2026-03" */
  CXM_PERIOD_KIND_COUNT
} CxmPeriodKind;

/* The name of the period that contains @unix_seconds (UTC), or NULL for a
 * time outside 0..253402300799 or a bad @kind. Names sort bytewise in time
 * order. Caller frees with cxm_free(). */
CXM_EXTERN char *cxm_period_name(gint64 unix_seconds, CxmPeriodKind kind);
CXM_EXTERN const char *cxm_period_kind_name(CxmPeriodKind kind); /* "day", ... */
CXM_EXTERN int cxm_period_kind_from_name(const char *name);

G_END_DECLS

#endif
