/* cxm/stats.h: the indicators of SPEC section 5 for one group. */
#ifndef CXM_STATS_H
#define CXM_STATS_H

#include <cxm/enums.h>

G_BEGIN_DECLS

/* A proportion with its Wilson score interval. */
typedef struct {
  double value;
  double low;
  double high;
} CxmRate;

/* A net score on the -100..100 scale (NPS, net momentum). variance is that
 * of the difference of shares, (p + d - (p - d)^2) / n, so that two periods
 * compare with se = sqrt(var_a + var_b) * 100. */
typedef struct {
  double score;
  double moe95;
  double variance;
} CxmNetScore;

/* Counts per difficult-moment kind or per employee emotion. */
typedef struct {
  guint64 count;          /* records carrying the kind or emotion */
  guint64 momentum;
  guint64 disappointment;
  guint64 difficult;      /* of which difficult (all, for a difficulty kind) */
  guint64 recovered;      /* of which difficult and momentum */
} CxmBreakdown;

typedef enum {
  CXM_COUNT_N,
  CXM_COUNT_MOMENTUM,
  CXM_COUNT_DISAPPOINTMENT,
  CXM_COUNT_NEUTRAL,
  CXM_COUNT_DIFFICULT,
  CXM_COUNT_RECOVERED,              /* difficult and momentum */
  CXM_COUNT_NPS_RESPONSES,
  CXM_COUNT_NPS_PROMOTERS,          /* 9-10 */
  CXM_COUNT_NPS_PASSIVES,           /* 7-8 */
  CXM_COUNT_NPS_DETRACTORS,         /* 0-6 */
  CXM_COUNT_CSAT_RESPONSES,
  CXM_COUNT_CSAT_TOP2,              /* 4-5 */
  CXM_COUNT_CSAT_FANS,              /* 5 */
  CXM_COUNT_EFFORT_RESPONSES,
  CXM_COUNT_EFFORT_EASY,            /* 5-7 */
  CXM_COUNT_EMPLOYEE_SATISFACTION_RESPONSES,
  CXM_COUNT_FIRST_CONTACTS,         /* contact_number 1 */
  CXM_COUNT_FIRST_CONTACTS_RESOLVED,
  CXM_COUNT_BEYOND_ROLE,
  CXM_COUNT_PROACTIVE,
  CXM_COUNT_EMPOWERED,
  CXM_COUNT_KIND_COUNT
} CxmCount;

/* Each rate is one count over another (SPEC section 5). */
typedef enum {
  CXM_RATE_MOMENTUM,        /* momentum / n */
  CXM_RATE_DISAPPOINTMENT,  /* disappointment / n */
  CXM_RATE_DIFFICULT,       /* difficult / n */
  CXM_RATE_RECOVERY,        /* recovered / difficult: the turn-around rate */
  CXM_RATE_CSAT_TOP2,       /* top2 / csat responses: the CSAT % */
  CXM_RATE_CSAT_FAN,        /* fans / csat responses */
  CXM_RATE_EFFORT_EASY,     /* easy / effort responses */
  CXM_RATE_FCR,             /* first contacts resolved / first contacts */
  CXM_RATE_BEYOND_ROLE,     /* / n */
  CXM_RATE_PROACTIVE,       /* / n */
  CXM_RATE_EMPOWERED,       /* / n */
  CXM_RATE_KIND_COUNT
} CxmRateKind;

typedef enum {
  CXM_NET_MOMENTUM,  /* 100 (M - D) / n */
  CXM_NET_NPS,       /* 100 (promoters - detractors) / responses */
  CXM_NET_KIND_COUNT
} CxmNetKind;

typedef enum {
  CXM_MEAN_CSAT,
  CXM_MEAN_EFFORT,
  CXM_MEAN_EMPLOYEE_SATISFACTION,
  CXM_MEAN_KIND_COUNT
} CxmMeanKind;

/**
 * CxmStats:
 * A copy of one group's sums, taken by cxm_recorder_get_stats(), together
 * with the policy settings that shape its indicators (z, min_sample,
 * min_group). It does not change when the recorder records more; free it
 * with cxm_stats_free().
 *
 * Getters take a valid stats and an in-range enum; anything else is a
 * programming error reported with g_return_val_if_fail() (a critical
 * warning, and 0 or FALSE), never a crash. A getter that fills an out
 * parameter returns FALSE, leaving it untouched, when the indicator has
 * no value because its denominator is 0.
 */
typedef struct _CxmStats CxmStats;

/* Frees a stats. Accepts NULL. */
CXM_EXTERN void cxm_stats_free(CxmStats *stats);

CXM_EXTERN guint64 cxm_stats_get_count(const CxmStats *stats, CxmCount count);
/* Rate with its Wilson interval. */
CXM_EXTERN gboolean cxm_stats_get_rate(const CxmStats *stats, CxmRateKind kind,
                                       CxmRate *rate);
/* The two counts a rate divides (out parameters optional). */
CXM_EXTERN gboolean cxm_stats_get_rate_counts(const CxmStats *stats,
                                              CxmRateKind kind,
                                              guint64 *numerator,
                                              guint64 *denominator);
CXM_EXTERN gboolean cxm_stats_get_net_score(const CxmStats *stats,
                                            CxmNetKind kind,
                                            CxmNetScore *score);
CXM_EXTERN gboolean cxm_stats_get_mean(const CxmStats *stats, CxmMeanKind kind,
                                       double *mean);
CXM_EXTERN gboolean cxm_stats_get_difficulty(const CxmStats *stats,
                                             CxmDifficulty difficulty,
                                             CxmBreakdown *breakdown);
CXM_EXTERN gboolean cxm_stats_get_emotion(const CxmStats *stats,
                                          CxmEmotion emotion,
                                          CxmBreakdown *breakdown);
/* Interactions classified with @reason. */
CXM_EXTERN guint64 cxm_stats_get_reason_count(const CxmStats *stats,
                                              CxmReason reason);
/* n < policy min_sample. */
CXM_EXTERN gboolean cxm_stats_is_small_sample(const CxmStats *stats);
/* policy min_group > 0 and n < min_group: show counts only. */
CXM_EXTERN gboolean cxm_stats_is_suppressed(const CxmStats *stats);

/* The group as the JSON object the report holds for it (SPEC section 5
 * keys; see cxm_report_to_json() for rounding and nulls), indented when
 * @pretty. Caller frees with cxm_free(). */
CXM_EXTERN char *cxm_stats_to_json(const CxmStats *stats, gboolean pretty);

/* Wilson score interval for @x successes of @n at normal quantile @z.
 * FALSE (and @rate untouched) when n = 0, x > n or z <= 0. */
CXM_EXTERN gboolean cxm_wilson_interval(guint64 x, guint64 n, double z,
                                        CxmRate *rate);
/* Net score of @positive and @negative out of @n with the trinomial
 * variance of SPEC section 5. FALSE when n = 0, positive + negative > n or
 * z <= 0. */
CXM_EXTERN gboolean cxm_net_score(guint64 positive, guint64 negative,
                                  guint64 n, double z, CxmNetScore *score);

/**
 * CxmComparison:
 * Group a against group b (typically one period against the next): delta
 * = b - a; se its standard error; z = delta / se; p_value two-sided, from
 * the normal distribution. Values are on the indicator's own scale:
 * -100..100 for net scores, fractions for rates.
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
CXM_EXTERN gboolean cxm_stats_compare_net_score(const CxmStats *a, const CxmStats *b,
                                          CxmNetKind kind,
                                          CxmComparison *comparison);
/* A rate: the two-proportion z-test with the pooled proportion,
 * se = sqrt(p (1 - p) (1/n_a + 1/n_b)). FALSE when either denominator is
 * 0 or se = 0. */
CXM_EXTERN gboolean cxm_stats_compare_rate(const CxmStats *a, const CxmStats *b,
                                     CxmRateKind kind,
                                     CxmComparison *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmStats, cxm_stats_free)

G_END_DECLS

#endif
