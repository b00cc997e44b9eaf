/* Tests of cxm_classify (policy.h): the nine rules of SPEC section 4. */
#include <criterion/criterion.h>
#include <string.h>
#include <cxm/cxm.h>
#include "test-util.h"

/* Builds an interaction from "key=value" words (see fill_from_spec):
 * csat=4 nps=9 effort=5 esat=2 res=unresolved diff=customer_upset
 * (repeatable) emotion=fear beyond_role=1 proactive=0 empowered=1. The
 * tests give only signals: no id, ts, channel. */
static CxmInteraction *
make(const char *spec)
{
  CxmInteraction *it = cxm_interaction_new();
  GError *err = NULL;
  fill_from_spec(it, spec, &err);
  cr_assert_null(err);
  return it;
}

static void
expect_with(const CxmPolicy *policy, const char *spec, CxmClass klass,
            CxmReason reason)
{
  CxmInteraction *it = make(spec);
  CxmClass got_class = (CxmClass) 99;
  CxmReason got_reason = (CxmReason) 99;
  GError *err = NULL;
  gboolean ok = cxm_classify(policy, it, &got_class, &got_reason, &err);
  cr_assert(ok, "classify \"%s\": %s", spec, err ? err->message : "?");
  cr_assert_null(err);
  cr_assert_eq(got_class, klass, "\"%s\": class %s (%d), expected %s", spec,
               cxm_class_name(got_class), got_class, cxm_class_name(klass));
  cr_assert_eq(got_reason, reason, "\"%s\": reason %s (%d), expected %s", spec,
               cxm_reason_name(got_reason), got_reason, cxm_reason_name(reason));
  cxm_interaction_free(it);
}

/* Under the default policy (NULL). */
static void
expect(const char *spec, CxmClass klass, CxmReason reason)
{
  expect_with(NULL, spec, klass, reason);
}

#define M CXM_CLASS_MOMENTUM
#define N CXM_CLASS_NEUTRAL
#define D CXM_CLASS_DISAPPOINTMENT

/* ---- one minimal record per rule ---------------------------------------- */

Test(classify, rule1_negative_verdict_is_disappointment)
{
  expect("csat=1", D, CXM_REASON_CUSTOMER_NEGATIVE);
}

Test(classify, rule2_difficult_and_unresolved_is_disappointment)
{
  expect("diff=customer_upset res=unresolved", D,
         CXM_REASON_DIFFICULTY_UNRESOLVED);
}

Test(classify, rule2_applies_even_when_the_customer_is_positive)
{
  expect("csat=5 diff=customer_upset res=unresolved", D,
         CXM_REASON_DIFFICULTY_UNRESOLVED);
}

Test(classify, rule3_both_hurt_is_disappointment)
{
  expect("diff=miscommunication esat=2", D, CXM_REASON_BOTH_HURT);
  expect("diff=miscommunication esat=1 csat=3", D, CXM_REASON_BOTH_HURT);
}

Test(classify, rule3_needs_a_verdict_that_is_not_positive)
{
  /* difficult and employee hurt, but the customer is positive: rule 5 */
  expect("diff=miscommunication esat=2 csat=4", N, CXM_REASON_ONE_SIDED);
}

Test(classify, rule4_no_signal_is_neutral)
{
  expect("", N, CXM_REASON_NO_POSITIVE_SIGNAL);
}

Test(classify, rule4_mixed_verdict_is_neutral)
{
  expect("csat=3", N, CXM_REASON_NO_POSITIVE_SIGNAL);
  expect("csat=3 diff=customer_upset esat=5 beyond_role=1", N,
         CXM_REASON_NO_POSITIVE_SIGNAL);
}

Test(classify, rule5_unresolved_is_one_sided)
{
  expect("csat=4 res=unresolved", N, CXM_REASON_ONE_SIDED);
  expect("csat=5 res=unresolved beyond_role=1", N, CXM_REASON_ONE_SIDED);
}

Test(classify, rule5_unsatisfied_employee_is_one_sided)
{
  expect("csat=4 esat=3", N, CXM_REASON_ONE_SIDED);
  expect("csat=5 esat=1", N, CXM_REASON_ONE_SIDED);
  expect("csat=5 esat=3 diff=customer_upset", N, CXM_REASON_ONE_SIDED);
}

Test(classify, rule5_satisfied_or_absent_employee_is_not_one_sided)
{
  expect("csat=4 esat=4", N, CXM_REASON_ROUTINE);
  expect("csat=4 esat=5", N, CXM_REASON_ROUTINE);
  expect("csat=4", N, CXM_REASON_ROUTINE);
  expect("csat=4 res=escalated", N, CXM_REASON_ROUTINE);
  expect("csat=4 res=resolved", N, CXM_REASON_ROUTINE);
}

Test(classify, rule6_difficulty_overcome_is_momentum)
{
  expect("csat=4 diff=exceeds_offering", M, CXM_REASON_DIFFICULTY_OVERCOME);
  expect("csat=4 diff=exceeds_offering res=resolved esat=5", M,
         CXM_REASON_DIFFICULTY_OVERCOME);
  expect("csat=4 diff=exceeds_offering res=escalated", M,
         CXM_REASON_DIFFICULTY_OVERCOME);
}

Test(classify, rule7_beyond_role_is_momentum)
{
  expect("csat=4 beyond_role=1", M, CXM_REASON_BEYOND_ROLE);
}

Test(classify, rule7_proactive_is_momentum)
{
  expect("csat=4 proactive=1", M, CXM_REASON_PROACTIVE);
}

Test(classify, rule7_empowered_is_momentum)
{
  expect("csat=4 empowered=1", M, CXM_REASON_EMPOWERED);
}

Test(classify, rule7_takes_the_first_true_flag)
{
  expect("csat=4 beyond_role=1 proactive=1 empowered=1", M,
         CXM_REASON_BEYOND_ROLE);
  expect("csat=4 beyond_role=0 proactive=1 empowered=1", M,
         CXM_REASON_PROACTIVE);
  expect("csat=4 proactive=1 empowered=1", M, CXM_REASON_PROACTIVE);
  expect("csat=4 beyond_role=1 empowered=1", M, CXM_REASON_BEYOND_ROLE);
  expect("csat=4 beyond_role=0 proactive=0 empowered=1", M,
         CXM_REASON_EMPOWERED);
}

Test(classify, rule7_false_flags_do_not_count)
{
  expect("csat=4 beyond_role=0 proactive=0 empowered=0", N, CXM_REASON_ROUTINE);
}

Test(classify, rule8_delighted_via_csat_5)
{
  expect("csat=5", M, CXM_REASON_DELIGHTED);
}

Test(classify, rule8_delighted_via_nps_9)
{
  expect("nps=9", M, CXM_REASON_DELIGHTED);
  expect("nps=10", M, CXM_REASON_DELIGHTED);
  /* the verdict comes from csat 4, delight from nps 9 */
  expect("csat=4 nps=9", M, CXM_REASON_DELIGHTED);
  expect("csat=4 nps=8", N, CXM_REASON_ROUTINE);
}

Test(classify, rule9_satisfied_not_a_fan_is_routine)
{
  expect("csat=4", N, CXM_REASON_ROUTINE);
  expect("effort=5", N, CXM_REASON_ROUTINE);
  expect("effort=7", N, CXM_REASON_ROUTINE);
}

/* ---- order of the rules ------------------------------------------------- */

Test(classify, negative_verdict_beats_everything_else)
{
  expect("csat=1 beyond_role=1", D, CXM_REASON_CUSTOMER_NEGATIVE);
  expect("csat=2 diff=customer_upset res=unresolved esat=1", D,
         CXM_REASON_CUSTOMER_NEGATIVE);
  expect("nps=0 proactive=1 empowered=1", D, CXM_REASON_CUSTOMER_NEGATIVE);
}

Test(classify, difficulty_unresolved_beats_both_hurt)
{
  expect("diff=customer_upset res=unresolved esat=1", D,
         CXM_REASON_DIFFICULTY_UNRESOLVED);
}

Test(classify, both_hurt_beats_no_positive_signal)
{
  expect("csat=3 diff=customer_upset esat=2", D, CXM_REASON_BOTH_HURT);
}

Test(classify, difficulty_overcome_beats_beyond_role)
{
  expect("csat=5 diff=customer_upset beyond_role=1", M,
         CXM_REASON_DIFFICULTY_OVERCOME);
}

Test(classify, beyond_role_beats_delighted)
{
  expect("csat=5 beyond_role=1", M, CXM_REASON_BEYOND_ROLE);
  expect("nps=10 empowered=1", M, CXM_REASON_EMPOWERED);
}

/* ---- verdict precedence: csat > nps > effort ---------------------------- */

Test(classify, csat_decides_before_nps)
{
  expect("csat=4 nps=0", N, CXM_REASON_ROUTINE);
  expect("csat=1 nps=10", D, CXM_REASON_CUSTOMER_NEGATIVE);
  expect("csat=3 nps=10", N, CXM_REASON_NO_POSITIVE_SIGNAL);
}

Test(classify, nps_decides_before_effort)
{
  expect("nps=6 effort=7", D, CXM_REASON_CUSTOMER_NEGATIVE);
  expect("nps=7 effort=1", N, CXM_REASON_NO_POSITIVE_SIGNAL);
  expect("nps=9 effort=1", M, CXM_REASON_DELIGHTED);
}

Test(classify, csat_decides_before_effort)
{
  expect("csat=4 effort=1", N, CXM_REASON_ROUTINE);
  expect("csat=2 effort=7", D, CXM_REASON_CUSTOMER_NEGATIVE);
}

Test(classify, employee_satisfaction_is_not_a_customer_signal)
{
  expect("esat=5", N, CXM_REASON_NO_POSITIVE_SIGNAL);
}

/* ---- boundaries of each default threshold ------------------------------- */

Test(classify, csat_boundaries)
{
  expect("csat=1", D, CXM_REASON_CUSTOMER_NEGATIVE);
  expect("csat=2", D, CXM_REASON_CUSTOMER_NEGATIVE);
  expect("csat=3", N, CXM_REASON_NO_POSITIVE_SIGNAL);
  expect("csat=4", N, CXM_REASON_ROUTINE);
  expect("csat=5", M, CXM_REASON_DELIGHTED);
}

Test(classify, nps_boundaries)
{
  for (int v = 0; v <= 6; v++) {
    char *spec = g_strdup_printf("nps=%d", v);
    expect(spec, D, CXM_REASON_CUSTOMER_NEGATIVE);
    g_free(spec);
  }
  expect("nps=7", N, CXM_REASON_NO_POSITIVE_SIGNAL);
  expect("nps=8", N, CXM_REASON_NO_POSITIVE_SIGNAL);
  expect("nps=9", M, CXM_REASON_DELIGHTED);
  expect("nps=10", M, CXM_REASON_DELIGHTED);
}

Test(classify, effort_boundaries)
{
  expect("effort=1", D, CXM_REASON_CUSTOMER_NEGATIVE);
  expect("effort=3", D, CXM_REASON_CUSTOMER_NEGATIVE);
  expect("effort=4", N, CXM_REASON_NO_POSITIVE_SIGNAL);
  expect("effort=5", N, CXM_REASON_ROUTINE);
  expect("effort=7", N, CXM_REASON_ROUTINE);
}

Test(classify, effort_never_delights)
{
  expect("effort=7 esat=5", N, CXM_REASON_ROUTINE);
}

Test(classify, employee_hurt_boundary)
{
  expect("csat=3 diff=customer_upset esat=2", D, CXM_REASON_BOTH_HURT);
  expect("csat=3 diff=customer_upset esat=3", N, CXM_REASON_NO_POSITIVE_SIGNAL);
}

Test(classify, employee_satisfied_boundary)
{
  expect("csat=4 esat=3", N, CXM_REASON_ONE_SIDED);
  expect("csat=4 esat=4", N, CXM_REASON_ROUTINE);
}

Test(classify, every_difficulty_kind_makes_a_record_difficult)
{
  for (int d = 0; d < CXM_DIFFICULTY_COUNT; d++) {
    char *spec = g_strdup_printf("csat=4 diff=%s", cxm_difficulty_name(d));
    expect(spec, M, CXM_REASON_DIFFICULTY_OVERCOME);
    g_free(spec);
  }
}

Test(classify, emotions_alone_do_not_make_a_record_difficult)
{
  expect("csat=4 emotion=fear emotion=stress", N, CXM_REASON_ROUTINE);
}

Test(classify, contact_number_does_not_matter)
{
  expect("csat=4 contact=3", N, CXM_REASON_ROUTINE);
}

/* ---- policy thresholds change the class --------------------------------- */

static CxmPolicy *
policy_with(const char *key, double value)
{
  CxmPolicy *p = cxm_policy_new();
  GError *err = NULL;
  cr_assert(cxm_policy_set(p, key, value, &err), "%s: %s", key,
            err ? err->message : "?");
  return p;
}

Test(classify, csat_positive_min_changes_the_class)
{
  g_autoptr(CxmPolicy) p = policy_with("csat_positive_min", 5);
  expect_with(p, "csat=4", N, CXM_REASON_NO_POSITIVE_SIGNAL);
  expect("csat=4", N, CXM_REASON_ROUTINE);
}

Test(classify, csat_negative_max_changes_the_class)
{
  g_autoptr(CxmPolicy) p = policy_with("csat_negative_max", 3);
  expect_with(p, "csat=3", D, CXM_REASON_CUSTOMER_NEGATIVE);
}

Test(classify, nps_thresholds_change_the_class)
{
  g_autoptr(CxmPolicy) p = policy_with("nps_negative_max", 4);
  expect_with(p, "nps=5", N, CXM_REASON_NO_POSITIVE_SIGNAL);
  g_autoptr(CxmPolicy) q = policy_with("nps_positive_min", 8);
  expect_with(q, "nps=8", N, CXM_REASON_ROUTINE);
}

Test(classify, effort_thresholds_change_the_class)
{
  g_autoptr(CxmPolicy) p = policy_with("effort_positive_min", 4);
  expect_with(p, "effort=4", N, CXM_REASON_ROUTINE);
  g_autoptr(CxmPolicy) q = policy_with("effort_negative_max", 1);
  expect_with(q, "effort=2", N, CXM_REASON_NO_POSITIVE_SIGNAL);
}

Test(classify, employee_thresholds_change_the_class)
{
  g_autoptr(CxmPolicy) p = policy_with("employee_hurt_max", 3);
  expect_with(p, "csat=3 diff=customer_upset esat=3", D, CXM_REASON_BOTH_HURT);
  g_autoptr(CxmPolicy) q = policy_with("employee_satisfied_min", 3);
  expect_with(q, "csat=4 esat=3", N, CXM_REASON_ROUTINE);
}

Test(classify, delighted_thresholds_change_the_class)
{
  g_autoptr(CxmPolicy) p = policy_with("delighted_csat_min", 4);
  expect_with(p, "csat=4", M, CXM_REASON_DELIGHTED);
  g_autoptr(CxmPolicy) q = policy_with("delighted_nps_min", 10);
  expect_with(q, "nps=9", N, CXM_REASON_ROUTINE);
  expect_with(q, "nps=10", M, CXM_REASON_DELIGHTED);
}

Test(classify, reporting_settings_do_not_change_the_class)
{
  g_autoptr(CxmPolicy) p = cxm_policy_new();
  cr_assert(cxm_policy_set(p, "z", 3, NULL));
  cr_assert(cxm_policy_set(p, "min_group", 100, NULL));
  cr_assert(cxm_policy_set(p, "min_sample", 1, NULL));
  expect_with(p, "csat=4", N, CXM_REASON_ROUTINE);
  expect_with(p, "csat=5", M, CXM_REASON_DELIGHTED);
}

/* ---- arguments ----------------------------------------------------------- */

Test(classify, null_policy_means_the_defaults)
{
  g_autoptr(CxmPolicy) d = cxm_policy_new();
  const char *specs[] = {
    "csat=2", "csat=3", "csat=4", "csat=5", "nps=6", "nps=8", "effort=4",
    "diff=customer_upset res=unresolved", "csat=4 esat=3", "csat=4 proactive=1",
  };
  for (gsize i = 0; i < G_N_ELEMENTS(specs); i++) {
    CxmInteraction *it = make(specs[i]);
    CxmClass c1, c2;
    CxmReason r1, r2;
    cr_assert(cxm_classify(NULL, it, &c1, &r1, NULL));
    cr_assert(cxm_classify(d, it, &c2, &r2, NULL));
    cr_assert_eq(c1, c2, "%s", specs[i]);
    cr_assert_eq(r1, r2, "%s", specs[i]);
    cxm_interaction_free(it);
  }
}

Test(classify, null_interaction_is_invalid_argument)
{
  GError *err = NULL;
  CxmClass klass = (CxmClass) 42;
  CxmReason reason = (CxmReason) 42;
  cr_assert_not(cxm_classify(NULL, NULL, &klass, &reason, &err));
  cr_assert_not_null(err);
  cr_assert_eq(err->domain, CXM_ERROR);
  cr_assert_eq(err->code, CXM_ERROR_INVALID_ARGUMENT);
  g_clear_error(&err);
}

Test(classify, outputs_are_optional)
{
  CxmInteraction *it = make("csat=5");
  CxmClass klass;
  CxmReason reason;
  cr_assert(cxm_classify(NULL, it, NULL, NULL, NULL));
  cr_assert(cxm_classify(NULL, it, &klass, NULL, NULL));
  cr_assert_eq(klass, CXM_CLASS_MOMENTUM);
  cr_assert(cxm_classify(NULL, it, NULL, &reason, NULL));
  cr_assert_eq(reason, CXM_REASON_DELIGHTED);
  cxm_interaction_free(it);
}

Test(classify, identity_fields_are_not_needed_and_do_not_matter)
{
  CxmInteraction *it = make("csat=4 beyond_role=1");
  CxmClass klass;
  CxmReason reason;
  cr_assert(cxm_classify(NULL, it, &klass, &reason, NULL));
  cr_assert_eq(reason, CXM_REASON_BEYOND_ROLE);
  cr_assert(cxm_interaction_set_id(it, "x", NULL));
  cr_assert(cxm_interaction_set_ts(it, 1772442900, NULL));
  cr_assert(cxm_interaction_set_channel(it, CXM_CHANNEL_PHONE, NULL));
  cr_assert(cxm_interaction_set_level(it, CXM_LEVEL_SENIOR_LEADER, NULL));
  cr_assert(cxm_interaction_set_team(it, "t", NULL));
  cr_assert(cxm_classify(NULL, it, &klass, &reason, NULL));
  cr_assert_eq(klass, CXM_CLASS_MOMENTUM);
  cr_assert_eq(reason, CXM_REASON_BEYOND_ROLE);
  cxm_interaction_free(it);
}
