/* SPDX-License-Identifier: MIT */
/**
 * SECTION:stats
 * @title: cxm/stats.h
 * @short_description: the indicators of SPEC section 5 for one group
 *
 * Part of the umbrella header <cxm/cxm.h>: include that one, not this part.
 */
#ifndef CXM_STATS_H
#define CXM_STATS_H

#include <cxm/enums.h>

G_BEGIN_DECLS

/**
 * CxmRate:
 * @value: the proportion, 0..1
 * @low: the lower bound of its Wilson score interval
 * @high: the upper bound of its Wilson score interval
 *
 * A proportion with its Wilson score interval.
 */
typedef struct {
  double value;
  double low;
  double high;
} CxmRate;

/**
 * CxmNetScore:
 * @score: the score, 100 (p - d), on the -100..100 scale
 * @moe95: its margin, 100 z sqrt(@variance)
 * @variance: the variance of the difference of shares
 *
 * A net score on the -100..100 scale (NPS, net momentum), with p and d the
 * positive and negative shares. @variance is that of the difference of
 * shares, (p + d - (p - d)^2) / n, so that two periods compare with se =
 * sqrt(var_a + var_b) * 100.
 */
typedef struct {
  double score;
  double moe95;
  double variance;
} CxmNetScore;

/**
 * CxmBreakdown:
 * @count: records carrying the kind or emotion
 * @momentum: of which momentum
 * @disappointment: of which disappointment
 * @difficult: of which difficult (all, for a difficulty kind)
 * @recovered: of which difficult and momentum
 *
 * Counts per difficult-moment kind or per employee emotion.
 */
typedef struct {
  guint64 count;
  guint64 momentum;
  guint64 disappointment;
  guint64 difficult;
  guint64 recovered;
} CxmBreakdown;

/**
 * CxmCount:
 * @CXM_COUNT_N: interactions in the group (n)
 * @CXM_COUNT_MOMENTUM: classified momentum
 * @CXM_COUNT_DISAPPOINTMENT: classified disappointment
 * @CXM_COUNT_NEUTRAL: classified neutral
 * @CXM_COUNT_DIFFICULT: with at least one difficult-moment kind
 * @CXM_COUNT_RECOVERED: difficult and momentum
 * @CXM_COUNT_NPS_RESPONSES: with an nps
 * @CXM_COUNT_NPS_PROMOTERS: nps 9-10
 * @CXM_COUNT_NPS_PASSIVES: nps 7-8
 * @CXM_COUNT_NPS_DETRACTORS: nps 0-6
 * @CXM_COUNT_CSAT_RESPONSES: with a csat
 * @CXM_COUNT_CSAT_TOP2: csat 4-5
 * @CXM_COUNT_CSAT_FANS: csat 5
 * @CXM_COUNT_EFFORT_RESPONSES: with an effort
 * @CXM_COUNT_EFFORT_EASY: effort 5-7
 * @CXM_COUNT_EMPLOYEE_SATISFACTION_RESPONSES: with an employee_satisfaction
 * @CXM_COUNT_FIRST_CONTACTS: contact_number 1
 * @CXM_COUNT_FIRST_CONTACTS_RESOLVED: contact_number 1 and resolution resolved
 * @CXM_COUNT_BEYOND_ROLE: beyond_role true
 * @CXM_COUNT_PROACTIVE: proactive true
 * @CXM_COUNT_EMPOWERED: empowered true
 * @CXM_COUNT_KIND_COUNT: the number of counts; not a count
 *
 * The counts of a group (cxm_stats_get_count()): interactions in it, of
 * each kind.
 */
typedef enum {
  CXM_COUNT_N,
  CXM_COUNT_MOMENTUM,
  CXM_COUNT_DISAPPOINTMENT,
  CXM_COUNT_NEUTRAL,
  CXM_COUNT_DIFFICULT,
  CXM_COUNT_RECOVERED,
  CXM_COUNT_NPS_RESPONSES,
  CXM_COUNT_NPS_PROMOTERS,
  CXM_COUNT_NPS_PASSIVES,
  CXM_COUNT_NPS_DETRACTORS,
  CXM_COUNT_CSAT_RESPONSES,
  CXM_COUNT_CSAT_TOP2,
  CXM_COUNT_CSAT_FANS,
  CXM_COUNT_EFFORT_RESPONSES,
  CXM_COUNT_EFFORT_EASY,
  CXM_COUNT_EMPLOYEE_SATISFACTION_RESPONSES,
  CXM_COUNT_FIRST_CONTACTS,
  CXM_COUNT_FIRST_CONTACTS_RESOLVED,
  CXM_COUNT_BEYOND_ROLE,
  CXM_COUNT_PROACTIVE,
  CXM_COUNT_EMPOWERED,
  CXM_COUNT_KIND_COUNT
} CxmCount;

/**
 * CxmRateKind:
 * @CXM_RATE_MOMENTUM: momentum / n
 * @CXM_RATE_DISAPPOINTMENT: disappointment / n
 * @CXM_RATE_DIFFICULT: difficult / n
 * @CXM_RATE_RECOVERY: recovered / difficult: the turn-around rate
 * @CXM_RATE_CSAT_TOP2: top2 / csat responses: the CSAT %
 * @CXM_RATE_CSAT_FAN: fans / csat responses
 * @CXM_RATE_EFFORT_EASY: easy / effort responses
 * @CXM_RATE_FCR: first contacts resolved / first contacts
 * @CXM_RATE_BEYOND_ROLE: beyond_role / n
 * @CXM_RATE_PROACTIVE: proactive / n
 * @CXM_RATE_EMPOWERED: empowered / n
 * @CXM_RATE_KIND_COUNT: the number of rates; not a rate
 *
 * The rates of a group. Each rate is one count over another (SPEC section
 * 5), named as in #CxmCount.
 */
typedef enum {
  CXM_RATE_MOMENTUM,
  CXM_RATE_DISAPPOINTMENT,
  CXM_RATE_DIFFICULT,
  CXM_RATE_RECOVERY,
  CXM_RATE_CSAT_TOP2,
  CXM_RATE_CSAT_FAN,
  CXM_RATE_EFFORT_EASY,
  CXM_RATE_FCR,
  CXM_RATE_BEYOND_ROLE,
  CXM_RATE_PROACTIVE,
  CXM_RATE_EMPOWERED,
  CXM_RATE_KIND_COUNT
} CxmRateKind;

/**
 * CxmNetKind:
 * @CXM_NET_MOMENTUM: net momentum, 100 (M - D) / n
 * @CXM_NET_NPS: NPS, 100 (promoters - detractors) / responses
 * @CXM_NET_KIND_COUNT: the number of net scores; not a net score
 *
 * The net scores of a group (#CxmNetScore).
 */
typedef enum {
  CXM_NET_MOMENTUM,
  CXM_NET_NPS,
  CXM_NET_KIND_COUNT
} CxmNetKind;

/**
 * CxmMeanKind:
 * @CXM_MEAN_CSAT: the mean csat of the interactions with one
 * @CXM_MEAN_EFFORT: the mean effort of the interactions with one
 * @CXM_MEAN_EMPLOYEE_SATISFACTION: the mean employee_satisfaction of the
 *   interactions with one
 * @CXM_MEAN_KIND_COUNT: the number of means; not a mean
 *
 * The means of a group (cxm_stats_get_mean()).
 */
typedef enum {
  CXM_MEAN_CSAT,
  CXM_MEAN_EFFORT,
  CXM_MEAN_EMPLOYEE_SATISFACTION,
  CXM_MEAN_KIND_COUNT
} CxmMeanKind;

/**
 * CxmStats:
 *
 * A copy of one group's sums, taken by cxm_recorder_get_stats(), together
 * with the policy settings that shape its indicators (z, min_sample,
 * min_group). It does not change when the recorder records more; free it
 * with cxm_stats_free(), or let g_autoptr(CxmStats) do it.
 *
 * Getters take a valid stats and an in-range enum; anything else is a
 * programming error reported with g_return_val_if_fail() (a critical
 * warning, and 0 or %FALSE), never a crash. A getter that fills an out
 * parameter returns %FALSE, leaving it untouched, when the indicator has
 * no value because its denominator is 0.
 */
typedef struct _CxmStats CxmStats;

/**
 * cxm_stats_free:
 * @stats: (nullable) (transfer full): a stats
 *
 * Frees a stats. Accepts %NULL.
 */
CXM_EXTERN void cxm_stats_free(CxmStats *stats);

/**
 * cxm_stats_get_count:
 * @stats: a stats
 * @count: which count
 *
 * One count of the group.
 *
 * Returns: the count
 */
CXM_EXTERN guint64 cxm_stats_get_count(const CxmStats *stats, CxmCount count);
/**
 * cxm_stats_get_rate:
 * @stats: a stats
 * @kind: which rate
 * @rate: (out caller-allocates): where the rate is stored
 *
 * A rate with its Wilson interval at the policy's z.
 *
 * Returns: %TRUE with @rate filled; %FALSE, @rate untouched, when the rate's
 *   denominator is 0
 */
CXM_EXTERN gboolean cxm_stats_get_rate(const CxmStats *stats, CxmRateKind kind,
                                       CxmRate *rate);
/**
 * cxm_stats_get_rate_counts:
 * @stats: a stats
 * @kind: which rate
 * @numerator: (out) (optional): where the count it divides is stored
 * @denominator: (out) (optional): where the count it divides by is stored
 *
 * The two counts a rate divides.
 *
 * Returns: %TRUE, also when the denominator is 0: counts always have a value
 */
CXM_EXTERN gboolean cxm_stats_get_rate_counts(const CxmStats *stats, CxmRateKind kind,
                                              guint64 *numerator, guint64 *denominator);
/**
 * cxm_stats_get_net_score:
 * @stats: a stats
 * @kind: which net score
 * @score: (out caller-allocates): where the score is stored
 *
 * A net score with its margin at the policy's z (#CxmNetScore).
 *
 * Returns: %TRUE with @score filled; %FALSE, @score untouched, when its
 *   denominator (n, or the NPS responses) is 0
 */
CXM_EXTERN gboolean cxm_stats_get_net_score(const CxmStats *stats, CxmNetKind kind,
                                            CxmNetScore *score);
/**
 * cxm_stats_get_mean:
 * @stats: a stats
 * @kind: which mean
 * @mean: (out): where the mean is stored
 *
 * The mean of one score over the interactions that have it.
 *
 * Returns: %TRUE with @mean set; %FALSE, @mean untouched, when no
 *   interaction has that score
 */
CXM_EXTERN gboolean cxm_stats_get_mean(const CxmStats *stats, CxmMeanKind kind,
                                       double *mean);
/**
 * cxm_stats_get_difficulty:
 * @stats: a stats
 * @difficulty: a difficult-moment kind
 * @breakdown: (out caller-allocates): where the counts are stored
 *
 * The counts of the interactions carrying @difficulty. All of them are
 * difficult, so difficult equals count and recovered equals momentum.
 *
 * Returns: %TRUE with @breakdown filled, zeros included
 */
CXM_EXTERN gboolean cxm_stats_get_difficulty(const CxmStats *stats,
                                             CxmDifficulty difficulty,
                                             CxmBreakdown *breakdown);
/**
 * cxm_stats_get_emotion:
 * @stats: a stats
 * @emotion: an employee emotion
 * @breakdown: (out caller-allocates): where the counts are stored
 *
 * The counts of the interactions carrying @emotion.
 *
 * Returns: %TRUE with @breakdown filled, zeros included
 */
CXM_EXTERN gboolean cxm_stats_get_emotion(const CxmStats *stats, CxmEmotion emotion,
                                          CxmBreakdown *breakdown);
/**
 * cxm_stats_get_reason_count:
 * @stats: a stats
 * @reason: a reason code
 *
 * How many interactions were classified with @reason.
 *
 * Returns: the count
 */
CXM_EXTERN guint64 cxm_stats_get_reason_count(const CxmStats *stats, CxmReason reason);
/**
 * cxm_stats_is_small_sample:
 * @stats: a stats
 *
 * Whether the group is a small sample.
 *
 * Returns: %TRUE when n < the policy's min_sample
 */
CXM_EXTERN gboolean cxm_stats_is_small_sample(const CxmStats *stats);
/**
 * cxm_stats_is_suppressed:
 * @stats: a stats
 *
 * Whether the group is suppressed for privacy: a report then shows its
 * counts only.
 *
 * Returns: %TRUE when the policy's min_group > 0 and n < min_group
 */
CXM_EXTERN gboolean cxm_stats_is_suppressed(const CxmStats *stats);

/**
 * cxm_stats_to_json:
 * @stats: a stats
 * @pretty: %TRUE to indent the JSON for people
 *
 * The group as the JSON object the report holds for it: SPEC section 5
 * keys, rounded as cxm_report_write() says, null for an indicator without a
 * value. A suppressed group holds its counts, "suppressed": true and
 * "small_sample" only.
 *
 * Returns: (transfer full): the JSON text; free with cxm_free()
 */
CXM_EXTERN char *cxm_stats_to_json(const CxmStats *stats, gboolean pretty);

/**
 * cxm_wilson_interval:
 * @x: successes
 * @n: trials
 * @z: the normal quantile (1.959964 for 95%)
 * @rate: (out caller-allocates): where the rate is stored
 *
 * The Wilson score interval for @x successes of @n at normal quantile @z
 * (SPEC section 5).
 *
 * Returns: %TRUE with @rate filled; %FALSE, @rate untouched, when @n = 0,
 *   @x > @n or @z <= 0 (or NaN)
 */
CXM_EXTERN gboolean cxm_wilson_interval(guint64 x, guint64 n, double z, CxmRate *rate);
/**
 * cxm_net_score:
 * @positive: positive answers
 * @negative: negative answers
 * @n: all answers
 * @z: the normal quantile (1.959964 for 95%)
 * @score: (out caller-allocates): where the score is stored
 *
 * The net score of @positive and @negative out of @n, with the trinomial
 * variance of SPEC section 5 (#CxmNetScore).
 *
 * Returns: %TRUE with @score filled; %FALSE, @score untouched, when @n = 0,
 *   @positive + @negative > @n or @z <= 0 (or NaN)
 */
CXM_EXTERN gboolean cxm_net_score(guint64 positive, guint64 negative, guint64 n, double z,
                                  CxmNetScore *score);

/**
 * CxmComparison:
 * @a: the indicator in group a
 * @b: the indicator in group b
 * @delta: b - a
 * @se: the standard error of @delta
 * @z: @delta / @se
 * @p_value: the two-sided p-value of @z, from the normal distribution
 *
 * Group a against group b (typically one period against the next). Values
 * are on the indicator's own scale: -100..100 for net scores, fractions for
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

/**
 * cxm_stats_compare_net_score:
 * @a: the first group
 * @b: the second group
 * @kind: net momentum or NPS
 * @comparison: (out caller-allocates): where the comparison is stored
 *
 * Compares a net score of two groups: se = 100 sqrt(var_a + var_b), var as
 * in #CxmNetScore.
 *
 * Returns: %TRUE with @comparison filled; %FALSE, @comparison untouched,
 *   when either side has no value or se = 0
 */
CXM_EXTERN gboolean cxm_stats_compare_net_score(const CxmStats *a, const CxmStats *b,
                                                CxmNetKind kind,
                                                CxmComparison *comparison);
/**
 * cxm_stats_compare_rate:
 * @a: the first group
 * @b: the second group
 * @kind: which rate
 * @comparison: (out caller-allocates): where the comparison is stored
 *
 * Compares a rate of two groups with the two-proportion z-test and the
 * pooled proportion p: se = sqrt(p (1 - p) (1/n_a + 1/n_b)).
 *
 * Returns: %TRUE with @comparison filled; %FALSE, @comparison untouched,
 *   when either denominator is 0 or se = 0
 */
CXM_EXTERN gboolean cxm_stats_compare_rate(const CxmStats *a, const CxmStats *b,
                                           CxmRateKind kind, CxmComparison *comparison);

/**
 * CxmLeadershipRate:
 * @CXM_LEADERSHIP_RATE_WEEKLY: active team-weeks that met the weekly
 *   cadence (purpose huddles on at least the policy's huddle_days_min
 *   days) / active team-weeks
 * @CXM_LEADERSHIP_RATE_DAILY: active team-weeks with huddles on at least
 *   huddle_days_target days / active team-weeks
 * @CXM_LEADERSHIP_RATE_MOMENTUM_MET: momentum / n of the interactions in
 *   active team-weeks that met the weekly cadence
 * @CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET: the same in those that did not
 * @CXM_LEADERSHIP_RATE_COACHING_COVERAGE: employees with an interaction in
 *   the group who were the subject of a coaching event / employees with an
 *   interaction in the group
 * @CXM_LEADERSHIP_RATE_KIND_COUNT: the number of rates; not a rate
 *
 * The leadership rates of SPEC section 5a. An active team-week is a team
 * and an ISO week (UTC days, Monday to Sunday) in which the team has at
 * least one interaction; huddle days are distinct UTC days with a
 * purpose_huddle event of that team.
 *
 * Not every group has every rate: cadence belongs to the totals, teams,
 * scopes and week periods; momentum by cadence to the totals and teams
 * (and the teams of a week); coaching coverage to the totals and scopes.
 */
typedef enum {
  CXM_LEADERSHIP_RATE_WEEKLY,
  CXM_LEADERSHIP_RATE_DAILY,
  CXM_LEADERSHIP_RATE_MOMENTUM_MET,
  CXM_LEADERSHIP_RATE_MOMENTUM_NOT_MET,
  CXM_LEADERSHIP_RATE_COACHING_COVERAGE,
  CXM_LEADERSHIP_RATE_KIND_COUNT
} CxmLeadershipRate;

/**
 * cxm_stats_get_leadership_count:
 * @stats: a stats
 * @type: a #CxmLeadershipType, or %CXM_UNSET for all of them
 *
 * The leadership events of the group (SPEC section 5a): all of them for
 * totals and periods; for a level, those whose actor is at that level; for
 * a team, the team's; for an employee, those they led; for a scope, those
 * led by anyone in it. Channels have none.
 *
 * Returns: the count; 0 for an out-of-range @type
 */
CXM_EXTERN guint64 cxm_stats_get_leadership_count(const CxmStats *stats, int type);
/**
 * cxm_stats_get_leadership_received:
 * @stats: a stats
 * @type: a #CxmLeadershipType, or %CXM_UNSET for all of them
 * @count: (out) (optional): where the count is stored
 *
 * The leadership events of which the employee was the subject (recognised,
 * coached...).
 *
 * Returns: %TRUE with @count set for an employee's stats; %FALSE, @count
 *   untouched, for other groups or an out-of-range @type
 */
CXM_EXTERN gboolean cxm_stats_get_leadership_received(const CxmStats *stats, int type,
                                                      guint64 *count);
/**
 * cxm_stats_get_recognition_per_100:
 * @stats: a stats
 * @value: (out): where the value is stored
 *
 * Recognition events per 100 interactions of the group: 100 recognitions
 * / n. Totals, teams, periods and scopes have it.
 *
 * Returns: %TRUE with @value set; %FALSE, @value untouched, when n = 0 or
 *   the group does not have it
 */
CXM_EXTERN gboolean cxm_stats_get_recognition_per_100(const CxmStats *stats,
                                                      double *value);
/**
 * cxm_stats_get_leadership_rate:
 * @stats: a stats
 * @kind: which rate
 * @rate: (out caller-allocates): where the rate is stored
 *
 * A leadership rate with its Wilson interval at the policy's z.
 *
 * Returns: %TRUE with @rate filled; %FALSE, @rate untouched, when the
 *   group does not have the rate or its denominator is 0
 */
CXM_EXTERN gboolean cxm_stats_get_leadership_rate(const CxmStats *stats,
                                                  CxmLeadershipRate kind, CxmRate *rate);
/**
 * cxm_stats_get_leadership_rate_counts:
 * @stats: a stats
 * @kind: which rate
 * @numerator: (out) (optional): where the count it divides is stored
 * @denominator: (out) (optional): where the count it divides by is stored
 *
 * The two counts a leadership rate divides: for the cadence rates, the
 * team-weeks that met it and the active team-weeks.
 *
 * Returns: %TRUE, also when the denominator is 0; %FALSE, nothing stored,
 *   when the group does not have the rate
 */
CXM_EXTERN gboolean cxm_stats_get_leadership_rate_counts(const CxmStats *stats,
                                                         CxmLeadershipRate kind,
                                                         guint64 *numerator,
                                                         guint64 *denominator);
/**
 * cxm_stats_compare_momentum_by_cadence:
 * @stats: a stats
 * @comparison: (out caller-allocates): where the comparison is stored
 *
 * The momentum rate of the interactions in team-weeks that met the weekly
 * cadence (b) against those that did not (a), with the pooled
 * two-proportion z-test of cxm_stats_compare_rate(): delta = met - not
 * met. An association, not a proof of cause.
 *
 * Returns: %TRUE with @comparison filled; %FALSE, @comparison untouched,
 *   when the group does not have momentum by cadence, either side has no
 *   interactions or se = 0
 */
CXM_EXTERN gboolean cxm_stats_compare_momentum_by_cadence(const CxmStats *stats,
                                                          CxmComparison *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CxmStats, cxm_stats_free)

G_END_DECLS

#endif
