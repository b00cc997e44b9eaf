/* SPDX-License-Identifier: MIT */
/* Tests of cxm_classify (policy.h): its arguments. The nine rules of SPEC
 * section 4, their order, the verdict's precedence, each threshold and the
 * policy settings that move them are the cases of tests/cases/classify/
 * (tests/test-cases.c). */
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
