/* cxm/period.h: time buckets and comparisons between two of them (SPEC 5). */
#ifndef CXM_PERIOD_H
#define CXM_PERIOD_H

#include <cxm/stats.h>

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

/**
 * CxmComparison:
 * Period a against period b: delta = b - a; se its standard error; z =
 * delta / se; p_value two-sided, from the normal distribution. Values are
 * on the indicator's own scale: -100..100 for net scores, fractions for
 * rates.
 */
typedef struct {
  double a;
  double b;
  double delta;
  double se;
  double z;
  double p_value;
} CxmComparison;

/* Net momentum or NPS: se = 100 sqrt(var_a + var_b), var as in
 * CxmNetScore. FALSE when either side has no value or se = 0. */
CXM_EXTERN gboolean cxm_compare_net_score(const CxmStats *a, const CxmStats *b,
                                          CxmNetKind kind,
                                          CxmComparison *comparison);
/* A rate: the two-proportion z-test with the pooled proportion,
 * se = sqrt(p (1 - p) (1/n_a + 1/n_b)). FALSE when either denominator is
 * 0 or se = 0. */
CXM_EXTERN gboolean cxm_compare_rate(const CxmStats *a, const CxmStats *b,
                                     CxmRateKind kind,
                                     CxmComparison *comparison);

G_END_DECLS

#endif
