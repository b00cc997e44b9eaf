/* SPDX-License-Identifier: MIT */
/* Fuzz target: policy files (cxm_policy_new_from_data).
 *
 * The input is a policy file. Invariants checked:
 * - a refused policy comes with a CXM_ERROR_POLICY error; one with a NUL
 *   byte is refused (JSON text has none);
 * - an accepted one written out by cxm_policy_to_json() loads again, with
 *   the same name, settings and fingerprint, and writes the same text;
 * - a copy, and setting each key to the value it has, keep the
 *   fingerprint;
 * - the thresholds stay consistent (each *_negative_max below its
 *   *_positive_min), so cxm_classify() gives a class and a reason for any
 *   record, and a recorder under the policy reports. */
#include "fuzz.h"

static const char *const keys[] = {
  "csat_positive_min", "csat_negative_max", "nps_positive_min", "nps_negative_max",
  "effort_positive_min", "effort_negative_max", "employee_hurt_max",
  "employee_satisfied_min", "delighted_csat_min", "delighted_nps_min", "z",
  "min_sample", "min_group",
};

static double
get(const CxmPolicy *policy, const char *key)
{
  double value = -1;
  FUZZ_CHECK(cxm_policy_get(policy, key, &value, NULL));
  return value;
}

static void
check_same(const CxmPolicy *a, const CxmPolicy *b)
{
  FUZZ_CHECK(strcmp(cxm_policy_get_name(a), cxm_policy_get_name(b)) == 0);
  FUZZ_CHECK(strcmp(cxm_policy_get_fingerprint(a), cxm_policy_get_fingerprint(b)) == 0);
  for (gsize i = 0; i < G_N_ELEMENTS(keys); i++)
    FUZZ_CHECK(get(a, keys[i]) == get(b, keys[i]));
}

/* A spread of records through cxm_classify(), and a recorder that reports
 * them under the policy. */
static void
check_classify(const CxmPolicy *policy)
{
  CxmRecorder *rec = cxm_recorder_new(policy);
  CxmInteraction *it = cxm_interaction_new();
  char *report;

  FUZZ_CHECK(cxm_interaction_set_id(it, "f-1", NULL));
  FUZZ_CHECK(cxm_interaction_set_ts(it, 1772442900, NULL)); /* 2026-03-02 */
  FUZZ_CHECK(cxm_interaction_set_channel(it, CXM_CHANNEL_PHONE, NULL));
  for (int csat = CXM_UNSET; csat <= 5; csat++) {
    for (int nps = CXM_UNSET; nps <= 10; nps += 3) {
      for (int sat = CXM_UNSET; sat <= 5; sat += 2) {
        CxmClass klass;
        CxmReason reason;
        if (csat == 0 || sat == 0)
          continue;
        FUZZ_CHECK(cxm_interaction_set_csat(it, csat, NULL));
        FUZZ_CHECK(cxm_interaction_set_nps(it, nps, NULL));
        FUZZ_CHECK(cxm_interaction_set_employee_satisfaction(it, sat, NULL));
        FUZZ_CHECK(cxm_interaction_set_effort(it, csat == CXM_UNSET ? 7 : csat, NULL));
        cxm_interaction_clear_difficulties(it);
        if (nps % 2)
          FUZZ_CHECK(cxm_interaction_add_difficulty(it, CXM_DIFFICULTY_CUSTOMER_UPSET,
                                                    NULL));
        FUZZ_CHECK(cxm_interaction_set_resolution(
            it, sat == 5 ? CXM_RESOLUTION_RESOLVED : CXM_UNSET, NULL));
        FUZZ_CHECK(cxm_classify(policy, it, &klass, &reason, NULL));
        FUZZ_CHECK((int) klass >= 0 && klass < CXM_CLASS_COUNT);
        FUZZ_CHECK((int) reason >= 0 && reason < CXM_REASON_COUNT);
        FUZZ_CHECK(cxm_recorder_record(rec, it, NULL, NULL, NULL));
      }
    }
  }
  report = cxm_report_to_json(rec, NULL, FUZZ_REPORT_ALL_GROUPS, NULL);
  json_object_put(fuzz_parse_json(report, json_type_object));
  cxm_free(report);
  cxm_interaction_free(it);
  cxm_recorder_free(rec);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  GError *error = NULL;
  CxmPolicy *policy, *again, *copy;
  char *text, *text2;

  fuzz_init();
  policy = cxm_policy_new_from_data((const char *) data, (gssize) size, &error);
  if (policy == NULL) {
    fuzz_check_error(error);
    FUZZ_CHECK(error->code == CXM_ERROR_POLICY);
    g_error_free(error);
    return 0;
  }
  FUZZ_CHECK(error == NULL);
  fuzz_check_no_nul(data, size);
  FUZZ_CHECK(strlen(cxm_policy_get_fingerprint(policy)) == 16);

  /* Written out and read back: the same policy, the same text. */
  text = cxm_policy_to_json(policy);
  json_object_put(fuzz_parse_json(text, json_type_object));
  again = cxm_policy_new_from_data(text, -1, &error);
  if (again == NULL)
    fprintf(stderr, "reloading %s: %s\n", text, error->message);
  FUZZ_CHECK(again != NULL && error == NULL);
  check_same(policy, again);
  text2 = cxm_policy_to_json(again);
  FUZZ_CHECK(strcmp(text, text2) == 0);

  /* A copy, and each setting set to its own value. */
  copy = cxm_policy_copy(policy);
  check_same(policy, copy);
  for (gsize i = 0; i < G_N_ELEMENTS(keys); i++)
    FUZZ_CHECK(cxm_policy_set(copy, keys[i], get(policy, keys[i]), NULL));
  FUZZ_CHECK(cxm_policy_set_name(copy, cxm_policy_get_name(policy), NULL));
  check_same(policy, copy);

  /* Consistent thresholds. */
  FUZZ_CHECK(get(policy, "csat_negative_max") < get(policy, "csat_positive_min"));
  FUZZ_CHECK(get(policy, "nps_negative_max") < get(policy, "nps_positive_min"));
  FUZZ_CHECK(get(policy, "effort_negative_max") < get(policy, "effort_positive_min"));
  FUZZ_CHECK(get(policy, "z") > 0 && get(policy, "z") <= 10);
  check_classify(policy);

  cxm_free(text);
  cxm_free(text2);
  cxm_policy_free(copy);
  cxm_policy_free(again);
  cxm_policy_free(policy);
  return 0;
}
