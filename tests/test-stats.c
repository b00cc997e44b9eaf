/* SPDX-License-Identifier: MIT */
/* Tests of the indicators (stats.h): Wilson intervals, net scores, and every
 * count, rate, mean and breakdown of a small hand-computed recorder. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>
#include <cxm/cxm.h>
#include "test-util.h"

#define Z95 1.959964

/* The eight records of the hand computation (the same as tests/data/
 * sample.jsonl without its leadership events):
 *
 *   r1 csat5 nps10 eff7 esat5 c1 resolved   upset / stress       -> M difficulty_overcome
 *   r2 csat1 nps2  eff2 esat2 c1 unresolved upset,missing / anger,stress
 *                                                               -> D customer_negative
 *   r3 csat4 nps8  eff5 esat4 c2 resolved   beyond_role false    -> N routine
 *   r4 csat5 nps9  c1 resolved  fear; beyond_role, proactive     -> M beyond_role
 *   r5 csat3 eff4 esat3 c1 escalated  no_immediate_answer / fear -> N no_positive_signal
 *   r6 nps6 empowered                                            -> D customer_negative
 *   r7 no signal, service_chain_failure, unresolved              -> D difficulty_unresolved
 *   r8 csat4 esat4 missing_information / anxiety; proactive      -> M difficulty_overcome
 *
 * n 8: momentum 3 (r1 r4 r8), disappointment 3 (r2 r6 r7), neutral 2 (r3 r5)
 * difficult 5 (r1 r2 r5 r7 r8), recovered 2 (r1 r8)
 * nps: 5 responses (10 2 8 9 6): promoters 2, passives 1, detractors 2,
 *      score 0, var (0.4 + 0.4 - 0)/5 = 0.16, moe 100 z 0.4 = 78.39856
 * csat: 6 responses (5 1 4 5 3 4), top2 4, fans 2, mean 22/6
 * effort: 4 responses (7 2 5 4), easy 2, mean 18/4 = 4.5
 * employee satisfaction: 5 responses (5 2 4 3 4), mean 18/5 = 3.6
 * first contacts 4 (r1 r2 r4 r5), resolved 2 (r1 r4): fcr 0.5
 * beyond_role 1 (r4), proactive 2 (r4 r8), empowered 1 (r6)
 * net momentum (3 - 3)/8 = 0, var (6/8)/8 = 0.09375, moe 60.0114
 */
static CxmRecorder *
hand_recorder(const CxmPolicy *policy)
{
  CxmRecorder *rec = cxm_recorder_new(policy);
  assert_recorded(rec, "id=r1 channel=phone team=north level=frontline csat=5 nps=10 effort=7 esat=5 contact=1 res=resolved diff=customer_upset emotion=stress");
  assert_recorded(rec, "id=r2 channel=phone team=north level=frontline csat=1 nps=2 effort=2 esat=2 contact=1 res=unresolved diff=customer_upset diff=missing_information emotion=anger emotion=stress");
  assert_recorded(rec, "id=r3 channel=email team=north level=manager csat=4 nps=8 effort=5 esat=4 contact=2 res=resolved beyond_role=0");
  assert_recorded(rec, "id=r4 channel=chat team=south level=senior_leader csat=5 nps=9 contact=1 res=resolved emotion=fear beyond_role=1 proactive=1");
  assert_recorded(rec, "id=r5 channel=web team=south level=frontline csat=3 effort=4 esat=3 contact=1 res=escalated diff=no_immediate_answer emotion=fear");
  assert_recorded(rec, "id=r6 channel=in_person team=south level=frontline nps=6 empowered=1");
  assert_recorded(rec, "id=r7 channel=social diff=service_chain_failure res=unresolved");
  assert_recorded(rec, "id=r8 channel=phone team=south level=frontline csat=4 esat=4 diff=missing_information emotion=anxiety proactive=1");
  return rec;
}

static CxmStats *
totals(const CxmRecorder *rec)
{
  GError *err = NULL;
  CxmStats *st = cxm_recorder_get_stats(rec, CXM_GROUP_TOTALS, NULL, &err);
  cr_assert_not_null(st, "%s", err ? err->message : "?");
  return st;
}

static void
assert_rate(const CxmStats *st, CxmRateKind kind, guint64 x, guint64 n,
            double value)
{
  CxmRate rate = { -1, -1, -1 }, expected;
  cr_assert(cxm_stats_get_rate(st, kind, &rate), "rate %d has no value", kind);
  cr_assert_float_eq(rate.value, value, 1e-12, "rate %d value %.17g", kind, rate.value);
  cr_assert(cxm_wilson_interval(x, n, Z95, &expected));
  cr_assert_float_eq(rate.low, expected.low, 1e-12, "rate %d low", kind);
  cr_assert_float_eq(rate.high, expected.high, 1e-12, "rate %d high", kind);
}

/* ---- Wilson -------------------------------------------------------------- */

Test(wilson, four_of_five)
{
  CxmRate r;
  cr_assert(cxm_wilson_interval(4, 5, Z95, &r));
  cr_assert_float_eq(r.value, 0.8, 1e-12);
  cr_assert_float_eq(r.low, 0.3755, 1e-4);
  cr_assert_float_eq(r.high, 0.9638, 1e-4);
}

Test(wilson, zero_of_ten)
{
  CxmRate r;
  cr_assert(cxm_wilson_interval(0, 10, Z95, &r));
  cr_assert_float_eq(r.value, 0.0, 1e-12);
  cr_assert_float_eq(r.low, 0.0, 1e-12);
  cr_assert_float_eq(r.high, 0.2775, 1e-4);
}

Test(wilson, all_successes_reach_one)
{
  CxmRate r;
  cr_assert(cxm_wilson_interval(10, 10, Z95, &r));
  cr_assert_float_eq(r.value, 1.0, 1e-12);
  cr_assert_float_eq(r.low, 0.722467, 1e-6);
  cr_assert_float_eq(r.high, 1.0, 1e-12);
}

Test(wilson, three_of_eight)
{
  CxmRate r;
  cr_assert(cxm_wilson_interval(3, 8, Z95, &r));
  cr_assert_float_eq(r.value, 0.375, 1e-12);
  cr_assert_float_eq(r.low, 0.136844, 1e-6);
  cr_assert_float_eq(r.high, 0.694258, 1e-6);
}

Test(wilson, z_widens_the_interval)
{
  CxmRate r;
  cr_assert(cxm_wilson_interval(4, 5, 2.575829, &r));
  cr_assert_float_eq(r.value, 0.8, 1e-12);
  cr_assert_float_eq(r.low, 0.281779, 1e-6);
  cr_assert_float_eq(r.high, 0.976066, 1e-6);
}

Test(wilson, no_value_for_n_zero_or_bad_input)
{
  CxmRate r = { 7, 8, 9 };
  cr_assert_not(cxm_wilson_interval(0, 0, Z95, &r));
  cr_assert_not(cxm_wilson_interval(6, 5, Z95, &r));
  cr_assert_not(cxm_wilson_interval(1, 5, 0.0, &r));
  cr_assert_not(cxm_wilson_interval(1, 5, -1.0, &r));
  cr_assert_eq(r.value, 7);
  cr_assert_eq(r.low, 8);
  cr_assert_eq(r.high, 9);
}

/* ---- net scores ------------------------------------------------------------ */

Test(net_score, spec_check_value)
{
  CxmNetScore s;
  cr_assert(cxm_net_score(120, 60, 300, Z95, &s));
  cr_assert_float_eq(s.score, 20.0, 1e-9);
  cr_assert_float_eq(s.moe95, 8.47, 0.005);
  /* var = (p + d - (p - d)^2) / n = (0.6 - 0.04) / 300 */
  cr_assert_float_eq(s.variance, 0.56 / 300.0, 1e-15);
}

Test(net_score, keeps_the_covariance_term)
{
  /* Without the 2pd term the variance is (p(1-p) + d(1-d))/n = 0.4/300
   * and the margin 7.16: the formula SPEC calls a known mistake. */
  CxmNetScore s;
  double wrong = 100.0 * Z95 * sqrt((0.4 * 0.6 + 0.2 * 0.8) / 300.0);
  cr_assert_float_eq(wrong, 7.1568, 1e-4);
  cr_assert(cxm_net_score(120, 60, 300, Z95, &s));
  cr_assert(fabs(s.moe95 - wrong) > 1.0, "moe95 %.4f is the no-covariance value",
            s.moe95);
  cr_assert_float_eq(s.moe95, 100.0 * Z95 * sqrt(0.56 / 300.0), 1e-9);
}

Test(net_score, negative_scores)
{
  CxmNetScore s;
  cr_assert(cxm_net_score(1, 3, 5, Z95, &s));
  cr_assert_float_eq(s.score, -40.0, 1e-9);
  /* p 0.2 d 0.6: var (0.8 - 0.16)/5 = 0.128 */
  cr_assert_float_eq(s.variance, 0.128, 1e-15);
  cr_assert_float_eq(s.moe95, 100.0 * Z95 * sqrt(0.128), 1e-9);
}

Test(net_score, unanimous_answers_have_no_margin)
{
  CxmNetScore s;
  cr_assert(cxm_net_score(10, 0, 10, Z95, &s));
  cr_assert_float_eq(s.score, 100.0, 1e-9);
  cr_assert_float_eq(s.moe95, 0.0, 1e-12);
  cr_assert(cxm_net_score(0, 0, 10, Z95, &s));
  cr_assert_float_eq(s.score, 0.0, 1e-12);
  cr_assert_float_eq(s.moe95, 0.0, 1e-12);
}

Test(net_score, no_value_for_n_zero_or_bad_input)
{
  CxmNetScore s = { 1, 2, 3 };
  cr_assert_not(cxm_net_score(0, 0, 0, Z95, &s));
  cr_assert_not(cxm_net_score(3, 3, 5, Z95, &s));
  cr_assert_not(cxm_net_score(1, 1, 5, 0.0, &s));
  cr_assert_eq(s.score, 1);
  cr_assert_eq(s.moe95, 2);
  cr_assert_eq(s.variance, 3);
}

/* ---- a hand-computed recorder --------------------------------------------- */

Test(stats, counts_of_the_hand_recorder)
{
  g_autoptr(CxmRecorder) rec = hand_recorder(NULL);
  g_autoptr(CxmStats) st = totals(rec);
  static const guint64 expected[CXM_COUNT_KIND_COUNT] = {
    [CXM_COUNT_N] = 8,
    [CXM_COUNT_MOMENTUM] = 3,
    [CXM_COUNT_DISAPPOINTMENT] = 3,
    [CXM_COUNT_NEUTRAL] = 2,
    [CXM_COUNT_DIFFICULT] = 5,
    [CXM_COUNT_RECOVERED] = 2,
    [CXM_COUNT_NPS_RESPONSES] = 5,
    [CXM_COUNT_NPS_PROMOTERS] = 2,
    [CXM_COUNT_NPS_PASSIVES] = 1,
    [CXM_COUNT_NPS_DETRACTORS] = 2,
    [CXM_COUNT_CSAT_RESPONSES] = 6,
    [CXM_COUNT_CSAT_TOP2] = 4,
    [CXM_COUNT_CSAT_FANS] = 2,
    [CXM_COUNT_EFFORT_RESPONSES] = 4,
    [CXM_COUNT_EFFORT_EASY] = 2,
    [CXM_COUNT_EMPLOYEE_SATISFACTION_RESPONSES] = 5,
    [CXM_COUNT_FIRST_CONTACTS] = 4,
    [CXM_COUNT_FIRST_CONTACTS_RESOLVED] = 2,
    [CXM_COUNT_BEYOND_ROLE] = 1,
    [CXM_COUNT_PROACTIVE] = 2,
    [CXM_COUNT_EMPOWERED] = 1,
  };
  for (int c = 0; c < CXM_COUNT_KIND_COUNT; c++)
    cr_assert_eq(cxm_stats_get_count(st, c), expected[c],
                 "count %d: %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT,
                 c, cxm_stats_get_count(st, c), expected[c]);
  cr_assert_eq(cxm_recorder_get_n(rec), 8);
}

Test(stats, rates_of_the_hand_recorder)
{
  g_autoptr(CxmRecorder) rec = hand_recorder(NULL);
  g_autoptr(CxmStats) st = totals(rec);
  assert_rate(st, CXM_RATE_MOMENTUM, 3, 8, 0.375);
  assert_rate(st, CXM_RATE_DISAPPOINTMENT, 3, 8, 0.375);
  assert_rate(st, CXM_RATE_DIFFICULT, 5, 8, 0.625);
  assert_rate(st, CXM_RATE_RECOVERY, 2, 5, 0.4);
  assert_rate(st, CXM_RATE_CSAT_TOP2, 4, 6, 4.0 / 6.0);
  assert_rate(st, CXM_RATE_CSAT_FAN, 2, 6, 2.0 / 6.0);
  assert_rate(st, CXM_RATE_EFFORT_EASY, 2, 4, 0.5);
  assert_rate(st, CXM_RATE_FCR, 2, 4, 0.5);
  assert_rate(st, CXM_RATE_BEYOND_ROLE, 1, 8, 0.125);
  assert_rate(st, CXM_RATE_PROACTIVE, 2, 8, 0.25);
  assert_rate(st, CXM_RATE_EMPOWERED, 1, 8, 0.125);
}

Test(stats, momentum_interval_by_hand)
{
  g_autoptr(CxmRecorder) rec = hand_recorder(NULL);
  g_autoptr(CxmStats) st = totals(rec);
  CxmRate r;
  cr_assert(cxm_stats_get_rate(st, CXM_RATE_MOMENTUM, &r));
  cr_assert_float_eq(r.low, 0.136844, 1e-6);
  cr_assert_float_eq(r.high, 0.694258, 1e-6);
  cr_assert(cxm_stats_get_rate(st, CXM_RATE_RECOVERY, &r));
  cr_assert_float_eq(r.low, 0.117621, 1e-6);
  cr_assert_float_eq(r.high, 0.769276, 1e-6);
}

Test(stats, net_scores_of_the_hand_recorder)
{
  g_autoptr(CxmRecorder) rec = hand_recorder(NULL);
  g_autoptr(CxmStats) st = totals(rec);
  CxmNetScore s;
  cr_assert(cxm_stats_get_net_score(st, CXM_NET_MOMENTUM, &s));
  cr_assert_float_eq(s.score, 0.0, 1e-12);
  cr_assert_float_eq(s.variance, 0.09375, 1e-15);
  cr_assert_float_eq(s.moe95, 60.011396, 1e-6);
  cr_assert(cxm_stats_get_net_score(st, CXM_NET_NPS, &s));
  cr_assert_float_eq(s.score, 0.0, 1e-12);
  cr_assert_float_eq(s.variance, 0.16, 1e-15);
  cr_assert_float_eq(s.moe95, 78.39856, 1e-6);
}

Test(stats, means_of_the_hand_recorder)
{
  g_autoptr(CxmRecorder) rec = hand_recorder(NULL);
  g_autoptr(CxmStats) st = totals(rec);
  double m;
  cr_assert(cxm_stats_get_mean(st, CXM_MEAN_CSAT, &m));
  cr_assert_float_eq(m, 22.0 / 6.0, 1e-12);
  cr_assert(cxm_stats_get_mean(st, CXM_MEAN_EFFORT, &m));
  cr_assert_float_eq(m, 4.5, 1e-12);
  cr_assert(cxm_stats_get_mean(st, CXM_MEAN_EMPLOYEE_SATISFACTION, &m));
  cr_assert_float_eq(m, 3.6, 1e-12);
}

static void
assert_breakdown(const CxmBreakdown *b, const char *what, guint64 count,
                 guint64 momentum, guint64 disappointment, guint64 difficult,
                 guint64 recovered)
{
  cr_assert_eq(b->count, count, "%s count %" G_GUINT64_FORMAT, what, b->count);
  cr_assert_eq(b->momentum, momentum, "%s momentum %" G_GUINT64_FORMAT, what,
               b->momentum);
  cr_assert_eq(b->disappointment, disappointment,
               "%s disappointment %" G_GUINT64_FORMAT, what, b->disappointment);
  cr_assert_eq(b->difficult, difficult, "%s difficult %" G_GUINT64_FORMAT, what,
               b->difficult);
  cr_assert_eq(b->recovered, recovered, "%s recovered %" G_GUINT64_FORMAT, what,
               b->recovered);
}

Test(stats, by_difficulty_of_the_hand_recorder)
{
  /* customer_upset: r1 M, r2 D; missing_information: r2 D, r8 M;
   * no_immediate_answer: r5 N; service_chain_failure: r7 D. */
  g_autoptr(CxmRecorder) rec = hand_recorder(NULL);
  g_autoptr(CxmStats) st = totals(rec);
  CxmBreakdown b;
  static const guint64 expected[CXM_DIFFICULTY_COUNT][5] = {
    [CXM_DIFFICULTY_NO_IMMEDIATE_ANSWER] = { 1, 0, 0, 1, 0 },
    [CXM_DIFFICULTY_EXCEEDS_OFFERING] = { 0, 0, 0, 0, 0 },
    [CXM_DIFFICULTY_SERVICE_CHAIN_FAILURE] = { 1, 0, 1, 1, 0 },
    [CXM_DIFFICULTY_MISSING_INFORMATION] = { 2, 1, 1, 2, 1 },
    [CXM_DIFFICULTY_MISCOMMUNICATION] = { 0, 0, 0, 0, 0 },
    [CXM_DIFFICULTY_CUSTOMER_INSISTS] = { 0, 0, 0, 0, 0 },
    [CXM_DIFFICULTY_CUSTOMER_UPSET] = { 2, 1, 1, 2, 1 },
  };
  for (int d = 0; d < CXM_DIFFICULTY_COUNT; d++) {
    memset(&b, 0xff, sizeof b);
    cr_assert(cxm_stats_get_difficulty(st, d, &b), "%s", cxm_difficulty_name(d));
    assert_breakdown(&b, cxm_difficulty_name(d), expected[d][0], expected[d][1],
                     expected[d][2], expected[d][3], expected[d][4]);
  }
}

Test(stats, emotions_of_the_hand_recorder)
{
  /* stress: r1 (M, difficult), r2 (D, difficult); anger: r2;
   * fear: r4 (M, not difficult), r5 (N, difficult); anxiety: r8 (M, difficult) */
  g_autoptr(CxmRecorder) rec = hand_recorder(NULL);
  g_autoptr(CxmStats) st = totals(rec);
  CxmBreakdown b;
  static const guint64 expected[CXM_EMOTION_COUNT][5] = {
    [CXM_EMOTION_FEAR] = { 2, 1, 0, 1, 0 },
    [CXM_EMOTION_ANGER] = { 1, 0, 1, 1, 0 },
    [CXM_EMOTION_ANXIETY] = { 1, 1, 0, 1, 1 },
    [CXM_EMOTION_STRESS] = { 2, 1, 1, 2, 1 },
  };
  for (int e = 0; e < CXM_EMOTION_COUNT; e++) {
    memset(&b, 0xff, sizeof b);
    cr_assert(cxm_stats_get_emotion(st, e, &b), "%s", cxm_emotion_name(e));
    assert_breakdown(&b, cxm_emotion_name(e), expected[e][0], expected[e][1],
                     expected[e][2], expected[e][3], expected[e][4]);
  }
}

Test(stats, reasons_of_the_hand_recorder)
{
  g_autoptr(CxmRecorder) rec = hand_recorder(NULL);
  g_autoptr(CxmStats) st = totals(rec);
  static const guint64 expected[CXM_REASON_COUNT] = {
    [CXM_REASON_CUSTOMER_NEGATIVE] = 2,     /* r2 r6 */
    [CXM_REASON_DIFFICULTY_UNRESOLVED] = 1, /* r7 */
    [CXM_REASON_NO_POSITIVE_SIGNAL] = 1,    /* r5 */
    [CXM_REASON_DIFFICULTY_OVERCOME] = 2,   /* r1 r8 */
    [CXM_REASON_BEYOND_ROLE] = 1,           /* r4 */
    [CXM_REASON_ROUTINE] = 1,               /* r3 */
  };
  guint64 sum = 0;
  for (int r = 0; r < CXM_REASON_COUNT; r++) {
    guint64 got = cxm_stats_get_reason_count(st, r);
    cr_assert_eq(got, expected[r], "%s: %" G_GUINT64_FORMAT,
                 cxm_reason_name(r), got);
    sum += got;
  }
  cr_assert_eq(sum, 8);
}

Test(stats, group_stats_of_the_hand_recorder)
{
  /* north: r1 M, r2 D, r3 N; south: r4 M, r5 N, r6 D, r8 M */
  g_autoptr(CxmRecorder) rec = hand_recorder(NULL);
  GError *err = NULL;
  g_autoptr(CxmStats) north = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "north", &err);
  cr_assert_not_null(north, "%s", err ? err->message : "?");
  cr_assert_eq(cxm_stats_get_count(north, CXM_COUNT_N), 3);
  cr_assert_eq(cxm_stats_get_count(north, CXM_COUNT_MOMENTUM), 1);
  cr_assert_eq(cxm_stats_get_count(north, CXM_COUNT_DISAPPOINTMENT), 1);
  cr_assert_eq(cxm_stats_get_count(north, CXM_COUNT_NEUTRAL), 1);
  cr_assert_eq(cxm_stats_get_count(north, CXM_COUNT_CSAT_RESPONSES), 3);
  double m;
  cr_assert(cxm_stats_get_mean(north, CXM_MEAN_CSAT, &m));
  cr_assert_float_eq(m, 10.0 / 3.0, 1e-12);
  g_autoptr(CxmStats) south = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "south", &err);
  cr_assert_not_null(south, "%s", err ? err->message : "?");
  cr_assert_eq(cxm_stats_get_count(south, CXM_COUNT_N), 4);
  cr_assert_eq(cxm_stats_get_count(south, CXM_COUNT_MOMENTUM), 2);
  cr_assert_eq(cxm_stats_get_count(south, CXM_COUNT_DISAPPOINTMENT), 1);
  cr_assert_eq(cxm_stats_get_count(south, CXM_COUNT_NEUTRAL), 1);
  CxmNetScore s;
  cr_assert(cxm_stats_get_net_score(south, CXM_NET_MOMENTUM, &s));
  cr_assert_float_eq(s.score, 25.0, 1e-9);
  /* p .5 d .25: var (0.75 - 0.0625)/4 */
  cr_assert_float_eq(s.variance, 0.6875 / 4.0, 1e-15);
  g_autoptr(CxmStats) phone = cxm_recorder_get_stats(rec, CXM_GROUP_CHANNEL, "phone", &err);
  cr_assert_not_null(phone);
  cr_assert_eq(cxm_stats_get_count(phone, CXM_COUNT_N), 3);
  cr_assert_eq(cxm_stats_get_count(phone, CXM_COUNT_MOMENTUM), 2);
  g_autoptr(CxmStats) frontline = cxm_recorder_get_stats(rec, CXM_GROUP_LEVEL, "frontline", &err);
  cr_assert_not_null(frontline);
  cr_assert_eq(cxm_stats_get_count(frontline, CXM_COUNT_N), 5);
  g_autoptr(CxmStats) unassigned = cxm_recorder_get_stats(rec, CXM_GROUP_LEVEL, "unassigned", &err);
  cr_assert_not_null(unassigned, "%s", err ? err->message : "?");
  cr_assert_eq(cxm_stats_get_count(unassigned, CXM_COUNT_N), 1);
  cr_assert_eq(cxm_stats_get_count(unassigned, CXM_COUNT_DISAPPOINTMENT), 1);
}

Test(stats, policy_z_shapes_the_intervals)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert(cxm_policy_set(p, "z", 2.575829, NULL));
  g_autoptr(CxmRecorder) rec = hand_recorder(p);
  g_autoptr(CxmStats) st = totals(rec);
  CxmRate r;
  cr_assert(cxm_stats_get_rate(st, CXM_RATE_MOMENTUM, &r));
  cr_assert_float_eq(r.value, 0.375, 1e-12);
  cr_assert_float_eq(r.low, 0.100811, 1e-6);
  cr_assert_float_eq(r.high, 0.762530, 1e-6);
  CxmNetScore s;
  cr_assert(cxm_stats_get_net_score(st, CXM_NET_NPS, &s));
  cr_assert_float_eq(s.moe95, 100.0 * 2.575829 * 0.4, 1e-9);
}

/* ---- empty groups ---------------------------------------------------------- */

Test(stats, empty_group_has_counts_but_no_rates)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  g_autoptr(CxmStats) st = totals(rec);
  for (int c = 0; c < CXM_COUNT_KIND_COUNT; c++)
    cr_assert_eq(cxm_stats_get_count(st, c), 0, "count %d", c);
  for (int k = 0; k < CXM_RATE_KIND_COUNT; k++) {
    CxmRate r = { 5, 6, 7 };
    cr_assert_not(cxm_stats_get_rate(st, k, &r), "rate %d", k);
    cr_assert_eq(r.value, 5);
    cr_assert_eq(r.low, 6);
    cr_assert_eq(r.high, 7);
  }
  for (int k = 0; k < CXM_NET_KIND_COUNT; k++) {
    CxmNetScore s = { 5, 6, 7 };
    cr_assert_not(cxm_stats_get_net_score(st, k, &s), "net %d", k);
    cr_assert_eq(s.score, 5);
  }
  for (int k = 0; k < CXM_MEAN_KIND_COUNT; k++) {
    double m = 5;
    cr_assert_not(cxm_stats_get_mean(st, k, &m), "mean %d", k);
    cr_assert_eq(m, 5);
  }
  for (int r = 0; r < CXM_REASON_COUNT; r++)
    cr_assert_eq(cxm_stats_get_reason_count(st, r), 0);
  cr_assert(cxm_stats_is_small_sample(st));
  cr_assert_not(cxm_stats_is_suppressed(st));
}

Test(stats, rates_with_a_zero_denominator_have_no_value)
{
  /* one record without any difficulty, score or contact number */
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  assert_recorded(rec, "id=a");
  g_autoptr(CxmStats) st = totals(rec);
  CxmRate r;
  double m;
  CxmNetScore s;
  cr_assert(cxm_stats_get_rate(st, CXM_RATE_MOMENTUM, &r));
  cr_assert_float_eq(r.value, 0.0, 1e-12);
  cr_assert(cxm_stats_get_rate(st, CXM_RATE_DIFFICULT, &r));
  cr_assert_not(cxm_stats_get_rate(st, CXM_RATE_RECOVERY, &r));
  cr_assert_not(cxm_stats_get_rate(st, CXM_RATE_CSAT_TOP2, &r));
  cr_assert_not(cxm_stats_get_rate(st, CXM_RATE_CSAT_FAN, &r));
  cr_assert_not(cxm_stats_get_rate(st, CXM_RATE_EFFORT_EASY, &r));
  cr_assert_not(cxm_stats_get_rate(st, CXM_RATE_FCR, &r));
  cr_assert(cxm_stats_get_rate(st, CXM_RATE_BEYOND_ROLE, &r));
  cr_assert_not(cxm_stats_get_mean(st, CXM_MEAN_CSAT, &m));
  cr_assert_not(cxm_stats_get_mean(st, CXM_MEAN_EFFORT, &m));
  cr_assert_not(cxm_stats_get_mean(st, CXM_MEAN_EMPLOYEE_SATISFACTION, &m));
  cr_assert(cxm_stats_get_net_score(st, CXM_NET_MOMENTUM, &s));
  cr_assert_not(cxm_stats_get_net_score(st, CXM_NET_NPS, &s));
}

Test(stats, first_contact_resolution_counts_only_first_contacts)
{
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  assert_recorded(rec, "contact=1 res=resolved csat=4");
  assert_recorded(rec, "contact=1 res=escalated csat=4");
  assert_recorded(rec, "contact=1 csat=4");          /* first contact, no resolution */
  assert_recorded(rec, "contact=2 res=resolved csat=4");
  assert_recorded(rec, "res=resolved csat=4");        /* no contact number */
  g_autoptr(CxmStats) st = totals(rec);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_FIRST_CONTACTS), 3);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_FIRST_CONTACTS_RESOLVED), 1);
  CxmRate r;
  cr_assert(cxm_stats_get_rate(st, CXM_RATE_FCR, &r));
  cr_assert_float_eq(r.value, 1.0 / 3.0, 1e-12);
}

Test(stats, score_histogram_boundaries)
{
  /* nps 6 detractor, 7 and 8 passives, 9 promoter; csat 3 not top2, 4 top2,
   * 5 fan; effort 4 not easy, 5 easy. */
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  assert_recorded(rec, "nps=0 csat=3 effort=4");
  assert_recorded(rec, "nps=6 csat=4 effort=5");
  assert_recorded(rec, "nps=7 csat=5 effort=1");
  assert_recorded(rec, "nps=8");
  assert_recorded(rec, "nps=9");
  g_autoptr(CxmStats) st = totals(rec);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_NPS_RESPONSES), 5);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_NPS_DETRACTORS), 2);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_NPS_PASSIVES), 2);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_NPS_PROMOTERS), 1);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_CSAT_TOP2), 2);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_CSAT_FANS), 1);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_EFFORT_EASY), 1);
  CxmNetScore s;
  cr_assert(cxm_stats_get_net_score(st, CXM_NET_NPS, &s));
  cr_assert_float_eq(s.score, -20.0, 1e-9);
  /* p .2 d .4: var (0.6 - 0.04)/5 = 0.112 */
  cr_assert_float_eq(s.variance, 0.112, 1e-15);
}

Test(stats, nps_counts_do_not_depend_on_policy_thresholds)
{
  /* promoters are 9-10 and detractors 0-6 by definition, whatever the
   * classification thresholds say */
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert(cxm_policy_set(p, "nps_positive_min", 10, NULL));
  cr_assert(cxm_policy_set(p, "nps_negative_max", 3, NULL));
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(p);
  assert_recorded(rec, "nps=9");
  assert_recorded(rec, "nps=5");
  g_autoptr(CxmStats) st = totals(rec);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_NPS_PROMOTERS), 1);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_NPS_DETRACTORS), 1);
  /* but the classes follow the policy: 9 is mixed, 5 is mixed */
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_NEUTRAL), 2);
}

/* ---- small samples and suppression ---------------------------------------- */

static CxmRecorder *
recorder_of_n(const CxmPolicy *policy, int n)
{
  CxmRecorder *rec = cxm_recorder_new(policy);
  for (int i = 0; i < n; i++)
    assert_recorded(rec, "csat=4");
  return rec;
}

Test(stats, small_sample_below_30)
{
  g_autoptr(CxmRecorder) rec = recorder_of_n(NULL, 29);
  g_autoptr(CxmStats) st = totals(rec);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_N), 29);
  cr_assert(cxm_stats_is_small_sample(st));
}

Test(stats, not_small_sample_at_30)
{
  g_autoptr(CxmRecorder) rec = recorder_of_n(NULL, 30);
  g_autoptr(CxmStats) st = totals(rec);
  cr_assert_eq(cxm_stats_get_count(st, CXM_COUNT_N), 30);
  cr_assert_not(cxm_stats_is_small_sample(st));
}

Test(stats, small_sample_follows_policy_min_sample)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert(cxm_policy_set(p, "min_sample", 8, NULL));
  g_autoptr(CxmRecorder) rec = hand_recorder(p);
  g_autoptr(CxmStats) st = totals(rec);
  cr_assert_not(cxm_stats_is_small_sample(st));
  g_autoptr(CxmStats) north = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "north", NULL);
  cr_assert_not_null(north);
  cr_assert(cxm_stats_is_small_sample(north));
  cr_assert(cxm_policy_set(p, "min_sample", 0, NULL));
  g_autoptr(CxmRecorder) rec0 = cxm_recorder_new(p);
  g_autoptr(CxmStats) empty = totals(rec0);
  cr_assert_not(cxm_stats_is_small_sample(empty));
}

Test(stats, suppressed_with_min_group)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert(cxm_policy_set(p, "min_group", 4, NULL));
  g_autoptr(CxmRecorder) rec = hand_recorder(p);
  g_autoptr(CxmStats) st = totals(rec);
  cr_assert_not(cxm_stats_is_suppressed(st));           /* n 8 */
  g_autoptr(CxmStats) south = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "south", NULL);
  cr_assert_not(cxm_stats_is_suppressed(south));        /* n 4 = k */
  g_autoptr(CxmStats) north = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "north", NULL);
  cr_assert(cxm_stats_is_suppressed(north));            /* n 3 < k */
  /* counts stay available */
  cr_assert_eq(cxm_stats_get_count(north, CXM_COUNT_N), 3);
  cr_assert_eq(cxm_stats_get_count(north, CXM_COUNT_MOMENTUM), 1);
}

Test(stats, not_suppressed_when_min_group_is_zero)
{
  g_autoptr(CxmRecorder) rec = hand_recorder(NULL);
  g_autoptr(CxmStats) north = cxm_recorder_get_stats(rec, CXM_GROUP_TEAM, "north", NULL);
  cr_assert_not_null(north);
  cr_assert_not(cxm_stats_is_suppressed(north));
  g_autoptr(CxmStats) other = cxm_recorder_get_stats(rec, CXM_GROUP_CHANNEL, "other", NULL);
  cr_assert_not_null(other);
  cr_assert_eq(cxm_stats_get_count(other, CXM_COUNT_N), 0);
  cr_assert_not(cxm_stats_is_suppressed(other));
}

Test(stats, stats_free_accepts_null)
{
  cxm_stats_free(NULL);
}

Test(stats, rate_counts_and_to_json)
{
  /* Three records: momentum (csat 5), disappointment (csat 1), neutral. */
  g_autoptr(CxmRecorder) rec = cxm_recorder_new(NULL);
  const char *text =
    "{\"id\":\"1\",\"ts\":1,\"channel\":\"web\",\"csat\":5}\n"
    "{\"id\":\"2\",\"ts\":1,\"channel\":\"web\",\"csat\":1}\n"
    "{\"id\":\"3\",\"ts\":1,\"channel\":\"web\",\"csat\":3}\n";
  cr_assert(cxm_import_data(rec, text, strlen(text), NULL, CXM_IMPORT_STRICT, NULL, NULL));
  g_autoptr(CxmStats) stats = cxm_recorder_get_stats(rec, CXM_GROUP_TOTALS, NULL, NULL);
  guint64 x = 99, n = 99;
  cr_assert(cxm_stats_get_rate_counts(stats, CXM_RATE_CSAT_TOP2, &x, &n));
  cr_assert_eq(x, 1);
  cr_assert_eq(n, 3);
  cr_assert(cxm_stats_get_rate_counts(stats, CXM_RATE_RECOVERY, &x, NULL));
  cr_assert_eq(x, 0);
  /* The group object is the report's totals, byte for byte. */
  g_autofree char *group = cxm_stats_to_json(stats, FALSE);
  g_autofree char *report = cxm_report_to_json(rec, NULL, 0, NULL);
  cr_assert_not_null(strstr(report, group));
  cr_assert(g_str_has_prefix(group, "{\"n\":3,\"momentum\":1,\"disappointment\":1,\"neutral\":1,"
                                    "\"momentum_rate\":{\"value\":0.3333,"));
}
